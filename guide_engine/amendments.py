"""The law watch's findings from Norsk Lovtidend: for every section the site cites, each adopted
act that changes it (or repeals or replaces its law), when that takes effect, and whether the
registry already knows it.

The registry knows an act when a provision's ``future_change`` names it (``act``), when the
provision's ``last_changed_by`` names it, or when the law's «sist endret» (``last_changed_by``,
``last_change_in_force``) is that act or came into force on or after the act's date, or the
section was checked in Lovdata's own data set (``basis = "lovdata"``) on or after that date (the
text the summary was checked against then already had the change). A change in force that the
registry has only as adopted is not known: its summary must be read again. Codes (``fails``: exit
status 1):

=========================  =====  ===========================================================
``amendment_in_force``     yes    in force (or partly), and the registry does not reflect it
``amendment_date_known``   yes    the registry has it as adopted, and Lovtidend now gives its date
``amendment_coming``       yes    adopted, not in force yet, and the registry does not know it
``amendment_recorded``     no     the registry knows it (as in force, or as adopted with this date)
``amendment_superseded``   no     the act was announced again as another act not in the volumes
``markup_doubtful``        no     the markup names the section, but the act's words are about another law
=========================  =====  ===========================================================

The messages are in messages.<lang>.toml ([lovsjekk]), in bokmål or nynorsk (``lang``).
"""
from __future__ import annotations

import datetime
import re

from .lovtidend import MONTHS, Act, Change, InForce, Volumes, section_key
from .messages import message, table

FAILING = frozenset({"amendment_in_force", "amendment_date_known", "amendment_coming"})
CODES = ("amendment_in_force", "amendment_date_known", "amendment_coming", "amendment_recorded",
         "amendment_superseded", "markup_doubtful")


def say(lang: str, key: str, **fill) -> str:
    """The law watch's words (messages.<lang>.toml, [lovsjekk]), filled in; lawwatch.py uses it too."""
    return message(lang, "lovsjekk", key, **fill)


def law_ref(law) -> str:
    return f"{'lov' if law.kind == 'lov' else 'forskrift'}/{law.date_number}"


def act_name(ref: str) -> str:
    """"lov/2025-06-20-39" -> "lov 20. juni 2025 nr. 39" (as Norwegian law cites an act)."""
    m = re.match(r"(lov|forskrift)/(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?$", ref)
    if not m:
        return ref
    month = list(MONTHS)[int(m.group(3)) - 1]
    return f"{m.group(1)} {int(m.group(4))}. {month} {m.group(2)}" + (f" nr. {m.group(5)}" if m.group(5) else "")


def short(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}.{int(m)}.{y}"


def _base_title(title: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", title).strip().lower()


def _replacing(law, volumes: Volumes) -> list[Act]:
    """New acts with the cited law's own title («Lov om barn og foreldre (barnelova)» for the 1981
    barnelova): they replace it even where no markup says so."""
    own = _base_title(law.title)
    return [a for a in volumes.acts.values() if a.ref != law_ref(law) and a.ref.startswith("lov/")
            and _base_title(a.title) == own and not re.match(r"(?i)lov om endring", a.title)]


def _targets(laws: dict, volumes: Volumes):
    """{(law ref, section key or None): {act ref: [Change]}} for the laws the registry cites;
    and the doubtful markup."""
    cited = {law_ref(law) for law in laws.values() if law.kind in ("lov", "forskrift") and law.provisions}
    found: dict = {}
    doubtful: dict = {}
    for act in volumes.acts.values():
        if act.reissued_as and act.reissued_as in volumes.acts:
            continue  # the same act, announced again: its successor speaks for it
        for change in act.changes:
            if change.law not in cited:
                continue
            key = (change.law, section_key(change.section) if change.section else None)
            (doubtful if change.doubtful else found).setdefault(key, {}).setdefault(act.ref, []).append(change)
    for law in laws.values():
        if law.kind == "lov" and law.provisions:
            for act in _replacing(law, volumes):
                found.setdefault((law_ref(law), None), {}).setdefault(act.ref, []).append(
                    Change(law_ref(law), None, "", "erstattet", (), "tekst"))
    return found, doubtful


def _describe(changes: list[Change]) -> list[dict]:
    out = []
    for c in changes:
        item = {"kind": c.kind, "detail": c.detail, "source": c.source}
        if item not in out:
            out.append(item)
    return out


def _detail(detail: str, lang: str) -> str:
    """A change's place in the written form: «sjuende ledd» is «sjuande ledd» in nynorsk."""
    words = table(lang)["lovsjekk"]["detail"]
    return re.sub(r"\w+", lambda m: words.get(m.group(0), m.group(0)), detail)


def _change_words(changes: list[dict], lang: str) -> str:
    if changes[0]["kind"] in ("opphevet", "erstattet") and not changes[0]["detail"] and len(changes) == 1:
        return say(lang, "whole_section")
    kinds = table(lang)["lovsjekk"]["kind"]
    words = []
    for c in changes:
        kind, detail = kinds.get(c["kind"], c["kind"]), _detail(c["detail"], lang)
        if c["kind"] == "flyttet":
            w = detail
        elif detail:
            w = f"{detail} {kind}".strip()
        else:
            w = say(lang, "new_section") if c["kind"] == "ny" else say(lang, "section_kind", kind=kind)
        if w not in words:
            words.append(w)
    return ", ".join(words)


def when_words(when: InForce, lang: str = "nb") -> str:
    if when.dates:
        dates = message(lang, "phrase", "and").join(short(d) for d in when.dates)
        how = {"dato": "", "deler": say(lang, "by_part"),
               "forskrift": say(lang, "by_regulation", regulation=act_name(when.regulation.ref)) if when.regulation else ""}[when.how]
        sure = "" if when.certain else say(lang, "unsure_regulation") if when.regulation else say(lang, "unsure_part")
        return f"{dates}{how}{sure}"
    if when.how == "kongen" and when.regulation:
        return say(lang, "king_other_parts", regulation=act_name(when.regulation.ref))
    if when.how == "kongen":
        return say(lang, "king_nothing_found")
    return say(lang, "when_unknown")


def _status(provision, act: Act, when: InForce, today: datetime.date) -> tuple[str, dict]:
    law = provision.law
    pending = [c for c in provision.future_changes if c.get("act") == act.ref]
    in_force = bool(when.dates) and min(when.dates) <= today.isoformat()
    last = max(when.dates) if when.dates else None
    # The text the summary was checked against already had the change: the law's «sist endret»
    # is this act or came into force after it, or the section was checked in Lovdata's own data
    # set after the change took effect.
    by_law = law.last_changed_by == act.ref or bool(last and (
        (law.last_change_in_force and last <= law.last_change_in_force.isoformat())
        or (provision.basis == "lovdata" and provision.checked and last <= provision.checked.isoformat())))
    # What the provision itself says comes first: a future_change naming the act means its
    # summary was not checked against the change, whatever the law's «sist endret» suggests.
    knows = "i_kraft" if act.ref in provision.changed_by else "vedtatt" if pending else "i_kraft" if by_law else None
    registry = {"knows": knows, "future_change": ({"date": pending[0]["date"].isoformat() if pending[0].get("date") else None,
                                                     "text": pending[0]["text"]} if pending else None),
                "last_changed_by": list(provision.changed_by) or None, "law_last_changed_by": law.last_changed_by,
                "law_last_change_in_force": law.last_change_in_force.isoformat() if law.last_change_in_force else None,
                "checked": provision.checked.isoformat() if provision.checked else None}
    if knows == "i_kraft":
        return "amendment_recorded", registry
    if in_force:
        return "amendment_in_force", registry
    if knows == "vedtatt":
        date = pending[0].get("date")
        if when.dates and (date is None or date.isoformat() != min(when.dates)):
            return "amendment_date_known", registry
        return "amendment_recorded", registry
    return "amendment_coming", registry


def _message(code: str, act: Act, words: str, changes: list[dict], when: InForce, registry: dict, whole: bool, lang: str) -> str:
    name = f"{act_name(act.ref)} «{act.title}»"
    what = say(lang, "replaces_law" if changes[0]["kind"] == "erstattet" else "repeals_law", act=name) if whole else f"{name}: {words}"
    date = when_words(when, lang)
    if code == "amendment_in_force":
        told = say(lang, "told_adopted") if registry["knows"] == "vedtatt" else ""
        return say(lang, "amendment_in_force", what=what, date=date, told=told)
    if code in ("amendment_date_known", "amendment_coming"):
        return say(lang, code, what=what, date=date, act_id=act.ref)
    if code == "amendment_superseded":
        return say(lang, "amendment_superseded", what=what, act=act_name(act.reissued_as))
    known = say(lang, "known_in_force" if registry["knows"] == "i_kraft" else "known_adopted")
    return say(lang, "amendment_recorded", what=what, date=date, known=known)


def findings(laws: dict, volumes: Volumes, today: datetime.date, finding, lang: str = "nb") -> list[dict]:
    """Every (cited section, act) pair; ``finding(code, provision, message, **extra)`` makes the dict,
    with the message in the written form ``lang``."""
    targets, doubtful = _targets(laws, volumes)
    out = []
    for law in laws.values():
        if law.kind not in ("lov", "forskrift"):
            continue
        ref = law_ref(law)
        for provision in law.provisions.values():
            key = section_key(provision.section)
            for found, is_doubtful in ((targets, False), (doubtful, True)):
                for whole, acts in ((True, found.get((ref, None), {})), (False, found.get((ref, key), {}))):
                    for act_ref, changes in acts.items():
                        out.append(_one(provision, volumes.acts[act_ref], changes, volumes, today, finding, whole, is_doubtful, lang))
    return out


def _one(provision, act: Act, changes: list[Change], volumes: Volumes, today, finding, whole: bool, doubtful: bool, lang: str) -> dict:
    when = volumes.when(act, changes[0])
    described = _describe(changes)
    words = _change_words(described, lang)
    code, registry = _status(provision, act, when, today)
    if doubtful:
        code = "markup_doubtful"
    elif act.reissued_as:
        code = "amendment_superseded"
    supersedes = [a.ref for a in volumes.acts.values() if a.reissued_as == act.ref]
    if code == "markup_doubtful":
        said = say(lang, "markup_doubtful", act=act_name(act.ref), title=act.title, words=words,
                    laws=", ".join(sorted({c.law for c in changes})))
    else:
        said = _message(code, act, words, described, when, registry, whole, lang)
    if supersedes:
        said += say(lang, "first_announced", acts=", ".join(act_name(s) for s in supersedes))
    return finding(code, provision, said,
                   act_id=act.ref, dates=list(when.dates),
                   act={"id": act.ref, "legacy_id": act.legacy_id, "title": act.title, "date_in_force": act.date_in_force,
                        "file": act.file, "supersedes": supersedes, "reissued_as": act.reissued_as},
                   changes=described, whole_law=whole,
                   in_force={"dates": list(when.dates), "how": when.how, "certain": when.certain,
                             "regulation": {"id": when.regulation.ref, "title": when.regulation.title, "file": when.regulation.file}
                             if when.regulation else None, "words": when.clause},
                   status="i_kraft" if when.dates and min(when.dates) <= today.isoformat() else "vedtatt",
                   registry=registry)
