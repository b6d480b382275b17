"""Evaluating a guide: from answers to a trace of every condition, the registry lists, the
notes, the next steps and the letter.

The engine never decides: it reports what the answers point to, condition by condition, with
the reason and the legal source, and «uavklart» wherever the answers (or the law) leave it open.
"""
from __future__ import annotations

from typing import NamedTuple

from . import logic
from .laws import in_language, provides_of, provisions_for, services, source_of, unique_sources
from .messages import duty_label, letter_frame, naming_questions, wording
from .model import Condition, Guide, RegistryList
from .vocabulary import INFORMASJON


class Path(NamedTuple):
    """Where the answers lead through the questions."""
    facts: dict  # the answers used (those on the path)
    asked: list[str]  # ids of the questions asked, in order
    ignored: list[str]  # ids of the answers off the path


class Finding(NamedTuple):
    """How the answers leave one condition."""
    status: str
    because: str  # the deciding case's reason, or the condition's «otherwise»
    case: str | None  # the id of the deciding case; None: none decided


def asked(guide: Guide, answers: dict) -> Path:
    """Walk the questions in order. A question is asked when its ask_when is certainly true.

    An answer to a question that is certainly not asked (the path went elsewhere, e.g. an age
    after «we are expecting») is ignored, as GOV.UK's smart answers drop answers off the path.
    """
    facts, asked_ids, ignored, uncertain = {}, [], [], set()
    for q in guide.questions:
        ask = True if q.ask_when is None else q.ask_when(facts, uncertain)
        if ask is True:
            asked_ids.append(q.id)
        if q.id in answers:
            if ask is False:
                ignored.append(q.id)
            else:
                facts[q.id] = answers[q.id]
                if guide.is_unknown(q.id, answers[q.id]):
                    uncertain.add(q.id)
    return Path(facts, asked_ids, ignored)


def condition_status(guide: Guide, cond: Condition, facts: dict, uncertain) -> Finding:
    """The first case whose «when» is certainly true decides; otherwise the condition is open, and
    its reason names the questions still open where its texts ask for them («{open}»)."""
    for case in cond.cases:
        if case.when(facts, uncertain) is True:
            return Finding(case.status, case.because, case.id)
    still_open = open_questions(guide, cond, facts, uncertain)
    if cond.open_frame is None or not still_open:
        return Finding(logic.UAVKLART, cond.otherwise, None)
    return Finding(logic.UAVKLART, naming_questions(cond.open_frame, [q.text for q in still_open], guide.lang), None)


def open_questions(guide: Guide, cond: Condition, facts: dict, uncertain) -> list:
    """The questions whose answer could still settle an open condition: not answered, answered
    «vet ikke», or a list with nothing ticked; read by a case that is neither true nor false yet
    (by any of its cases if none is). Those the form asks now; only if there are none, those it
    may ask later (never one off the path)."""
    pending = set().union(*(k.when.facts for k in cond.cases if k.when(facts, uncertain) is None)) or cond.reads
    candidates = [(q, True if q.ask_when is None else q.ask_when(facts, uncertain)) for q in guide.questions
                  if q.id in pending and (q.id not in facts or q.id in uncertain or facts[q.id] == [])]
    return [q for q, ask in candidates if ask is True] or [q for q, ask in candidates if ask is None]


def _sources(citations, lang: str = "nb") -> list[dict]:
    return [s.to_dict(lang) for s in citations]


def _capped(lst: RegistryList, p, status, facts: dict, uncertain) -> str | None:
    """The item's status: the list's condition, but «uavklart» where the provision's own law asks
    more than that condition does and the answers do not show it (the list's item_caps)."""
    if status != logic.OPPFYLT:
        return status
    for cap in lst.item_caps:
        applies = (p.law.key + " § " + p.section in cap.items) if cap.items is not None \
            else set(p.applies_to) <= cap.services
        if applies and (cap.when is None or cap.when(facts, uncertain) is not True):
            return logic.UAVKLART
    return status


def registry_list(lst: RegistryList, facts: dict, outcome: dict, lang: str = "nb", uncertain=frozenset()) -> dict:
    """What the law registry says for the ticked services. Items only once the services are given."""
    chosen = facts.get(lst.source_fact)
    items = []
    if chosen is not None:
        names = services(lang)
        status = outcome[lst.item_status] if lst.item_status else None
        provisions = provisions_for(lst.provides, chosen)
        if lst.group == "provision":
            for p in provisions:
                covered = [s for s in chosen if s in p.applies_to]
                items.append(_item(lst, p.law.key + " § " + p.section, p.label, [p], covered, names,
                                   _capped(lst, p, status, facts, uncertain), lang))
        else:
            for s in chosen:
                mine = [p for p in provisions if s in p.applies_to]
                items.append(_item(lst, s, names[s].label, mine, [s], names, status, lang))
    center = next(({"id": x.id, "text": x.text} for x in lst.centers if x.when(facts, frozenset(), outcome) is True), None)
    return {"id": lst.id, "title": lst.title, "intro": lst.intro, "view": lst.view,
            "answered": chosen is not None, "empty": lst.empty if chosen is not None and not items else None,
            "items": items, "center": center}


def _item(lst: RegistryList, item_id: str, label: str, provisions, covered, names, status, lang) -> dict:
    flags = []
    for f in lst.flags:
        value = bool(provisions_for(f.provides, covered))
        flags.append({"provides": f.provides, "value": value, "text": f.yes if value else f.no})
    item = {
        "id": item_id,
        "label": label,
        "services": [{"id": s, "label": names[s].label, "levels": list(names[s].levels)} for s in covered],
        "provisions": [{"title": p.title, "summary": t.summary, "plain": t.plain, "complaint_to": t.complaint_to,
                        "source": dict(source_of(p, lang))} for p, t in ((p, in_language(p, lang)) for p in provisions)],
        "sources": [dict(source_of(p, lang)) for p in provisions],
        "flags": flags,
    }
    if status is not None:
        item.update(status=status, label_status=wording(status, lang)["label"])
    return item


def evaluate_guide(guide: Guide, answers: dict) -> dict:
    """Evaluate checked answers (see answers.check_answers) and return the result document."""
    facts, asked_ids, ignored = asked(guide, answers)
    uncertain = guide.uncertain(facts)

    outcome, conditions = {}, []
    for cond in guide.conditions:
        status, because, matched = condition_status(guide, cond, facts, uncertain)
        outcome[cond.id] = status
        conditions.append({
            "id": cond.id,
            "title": cond.title,
            "status": status,
            "label": duty_label(status, guide.lang) if cond.duty else wording(status, guide.lang)["label"],
            "because": because,  # why this status: the text of the case that decided it
            "case": matched,  # the id of the case in the definition that decided it; None: none did
            "about": cond.about,
            "sources": _sources(cond.sources, guide.lang),
            # What was not assessed: only worth telling while the condition is open.
            "missing": [q.id for q in guide.questions if q.id in cond.reads and q.id not in facts]
            if status == logic.UAVKLART else [],
            # The questions its reason names («{open}»), so the page can link each to its place.
            "asks": [{"id": q.id, "text": q.text} for q in open_questions(guide, cond, facts, uncertain)]
            if matched is None and cond.open_frame else [],
            "unknown": [q.id for q in guide.questions if q.id in cond.reads and q.id in uncertain]
            if status == logic.UAVKLART else [],
            "duty": cond.duty,
        })
    lists = [registry_list(lst, facts, outcome, guide.lang, uncertain) for lst in guide.lists]
    duty_ids = {c.id for c in guide.conditions if c.duty}
    result = _overall(guide, {k: v for k, v in outcome.items() if k not in duty_ids}, lists, facts)
    outcome["result"] = result

    notes = [{"id": n.id, "text": n.text, "sources": _note_sources(n, lists, guide.lang),
              **({"guide": n.guide} if n.guide else {})}
             for n in guide.notes if n.when(facts, uncertain, outcome) is True]
    steps = [{"id": s.id, "text": s.text} for s in guide.next_steps if s.when(facts, uncertain, outcome) is True]

    letter = None
    chosen = next((x for x in guide.letters if x.when(facts, uncertain, outcome) is True), None)
    if chosen:
        letter = {
            "id": chosen.id,  # which of the guide's letters this is
            "subject": chosen.subject,
            "request": chosen.request,
            "sources": _sources(chosen.sources, guide.lang),
            # How the answers left each condition, in the family's own case and words.
            "conditions": [{"id": c["id"], "title": c["title"], "status": c["status"],
                            "answer": wording(c["status"], guide.lang)["letter"]} for c in conditions],
            "closing": chosen.closing,
            "frame": letter_frame(guide.lang),
        }

    next_questions = _next_questions(guide, facts, asked_ids, result)
    summary = guide.summary[result]
    if result == logic.UAVKLART and next_questions and "uavklart_ubesvart" in guide.summary:
        summary = guide.summary["uavklart_ubesvart"]

    return {
        "guide": guide.id,
        "title": guide.title,
        "status": result,
        "verdict": wording(result, guide.lang)["verdict"],
        "summary": summary,
        "disclaimer": guide.disclaimer,
        "duties_heading": guide.duties_heading,
        "result_question": _result_question(guide, facts),
        "conditions": conditions,
        "lists": lists,
        "notes": notes,
        "next_steps": steps,
        "letter": letter,
        "sources": _all_sources(conditions, lists, notes, letter),
        "next_questions": next_questions,
        "asked_questions": asked_ids,
        "ignored_answers": ignored,
        "answers": {q.id: answers[q.id] for q in guide.questions if q.id in answers},
        "lang": guide.lang,
    }


def _result_question(guide: Guide, facts: dict) -> str | None:
    if guide.result_question is None:
        return None
    default, fact, by = guide.result_question
    return by.get(facts.get(fact), default) if fact else default


def _note_sources(note, lists: list, lang: str) -> list[dict]:
    """The note's own sources, then those its lists give for the ticked services (each once)."""
    listed = [dict(p["source"]) for want in note.list_sources for lst in lists if lst["id"] == want.list
              for item in lst["items"] for p in item["provisions"]
              if want.provides is None or want.provides in provides_of(p["source"]["ref"])]
    return unique_sources(_sources(note.sources, lang) + listed)


def _overall(guide: Guide, outcome: dict, lists: list, facts: dict) -> str:
    if guide.combine == "informational":
        return INFORMASJON
    if guide.combine == "all":
        return logic.status_of(logic.all3(logic.truth_of(s) for s in outcome.values()))
    if not guide.combine_from:  # «any» over the conditions: one ground is enough
        return logic.status_of(logic.any3(logic.truth_of(s) for s in outcome.values()))
    # «any» over lists: some item of the named lists gives the right; unknown while the services
    # are not given.
    named = [lst for lst in lists if lst["id"] in guide.combine_from]
    if any(not lst["answered"] for lst in named):
        truths = [logic.truth_of(i["status"]) for lst in named for i in lst["items"]] + [None]
    else:
        truths = [logic.truth_of(i["status"]) for lst in named for i in lst["items"]]
    return logic.status_of(logic.any3(truths))


def _all_sources(conditions, lists, notes, letter) -> list[dict]:
    """Every provision the result cites, once, in the order it first appears."""
    groups = [c["sources"] for c in conditions] + [i["sources"] for lst in lists for i in lst["items"]]
    groups += [n["sources"] for n in notes] + ([letter["sources"]] if letter else [])
    return unique_sources(s for group in groups for s in group)


def _next_questions(guide: Guide, facts: dict, asked_ids: list, result: str) -> list[str]:
    """Unanswered asked questions that can still change something, in the guide's order.

    A clear no cannot be overturned by more answers (the logic is monotone, and the tests hold
    it to that), so after «ikke_oppfylt» nothing is worth asking; after «oppfylt» only questions
    that no condition reads (such as whether the parents want a barnekoordinator).
    """
    if result == logic.IKKE_OPPFYLT:
        return []
    return [q for q in asked_ids if q not in facts
            and (result != logic.OPPFYLT or q not in guide.read_by_conditions)]
