"""Legal tables generated from the law registry: `{{ lovtabell NAME }}` in a page.

Every row comes from guide_engine/laws/*.toml, so a table can never disagree with the
citations the guides use.
"""
from __future__ import annotations

import re

from guide_engine.laws import Citation, Law, Provision, cite, in_language, registry

from .legal_refs import link
from .ui import t

PLACEHOLDER = re.compile(r"^\{\{\s*lovtabell\s+([a-z-]+)\s*\}\}\s*$", re.M)


def _section_link(provision: Provision, lang: str = "nb") -> str:
    """«§ 7-2 a», linked to the provision on Lovdata."""
    return link(Citation(provision.law, provision), f"§ {provision.number}", lang)


def _providing(law: Law, word: str) -> list[Provision]:
    """The law's provisions that provide ``word`` (laws.PROVIDES)."""
    return [p for p in law.provisions.values() if word in p.provides]


def _law_link(law: Law, lang: str) -> str:
    """The law's name, capitalised and linked to the law on Lovdata."""
    name = in_language(law, lang).name
    return link(Citation(law), name[0].upper() + name[1:], lang)


def _row(cells) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _table(header, rows) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row(r) for r in rows]
    return "\n".join(lines) + "\n"


def samarbeid(lang: str) -> str:
    """The fourteen laws of the 2022 reform and their cooperation provisions."""
    def _links(provisions):
        return ", ".join(_section_link(x, lang) for x in provisions)

    rows = []
    for law in registry().values():
        if not law.reform:
            continue
        cooperation = _providing(law, "samarbeid")
        coordination = _providing(law, "samordningsplikt")
        coordinator_cell = []
        if _providing(law, "barnekoordinator"):
            coordinator_cell.append(t(lang, "tables.bk_rules") + _links(_providing(law, "barnekoordinator")))
        if _providing(law, "barnekoordinator_samordner"):
            coordinator_cell.append(t(lang, "tables.bk_coordinates"))
        if _providing(law, "samarbeid_med_barnekoordinator"):
            coordinator_cell.append(t(lang, "tables.bk_cooperate") + _links(_providing(law, "samarbeid_med_barnekoordinator")))
        same = coordination and coordination == cooperation  # one provision does both
        yes, no = t(lang, "guide.yes"), t(lang, "guide.no")
        rows.append([
            f"{_law_link(law, lang)}<br>{in_language(law, lang).sector}",
            _links(cooperation) if cooperation else t(lang, "tables.no_own_section"),
            (yes if same else f"{yes}: " + _links(coordination)) if coordination else no,
            "; ".join(coordinator_cell) or "–",
        ])
    return _table(t(lang, "tables.samarbeid_header"), rows)


def individuell_plan(lang: str) -> str:
    """Individuell plan and koordinator provisions, law by law."""
    rows = []
    for law in registry().values():
        ip, koord = _providing(law, "individuell_plan"), _providing(law, "koordinator")
        if ip or koord:
            rows.append([_law_link(law, lang), in_language(law, lang).sector, ", ".join(_section_link(x, lang) for x in ip) or "–",
                         ", ".join(_section_link(x, lang) for x in koord) or "–"])
    return _table(t(lang, "tables.individuell_plan_header"), rows)


# The general rules that apply where a sector law has no provision of its own. They are cited
# from the registry, so a table never shows «–» where a duty or a right in fact applies.
GENERAL = {
    "taushetsplikt": "fvl § 13",  # everyone working for a public body; the sector laws build on it
    "samtykke": "fvl § 13 a",  # consent lifts the duty; the sector laws apply fvl §§ 13 to 13 e
    "opplysningsplikt_barnevern": "bvl § 13-2",  # everyone working for a public body, and those it names
    "klagefrist": "fvl § 29",  # three weeks, when the decision is an enkeltvedtak
}


def _general(word: str) -> Provision:
    return cite(GENERAL[word]).provision


def _general_link(word: str, lang: str) -> str:
    p = _general(word)
    return link(Citation(p.law, p), f"{in_language(p.law, lang).name} § {p.number}", lang)


def klage(lang: str) -> str:
    """Complaint routes: which decisions, to whom, and the deadline.

    The deadline comes from the provision itself, else from the law's own «klagefrist» provision,
    else from the general rule in forvaltningsloven, which applies only to enkeltvedtak.
    """
    general = in_language(_general("klagefrist"), lang)
    rows = []
    for law in registry().values():
        own = [in_language(d, lang) for d in law.provisions.values() if "klagefrist" in d.provides and d.deadline]
        for p in law.provisions.values():
            if not p.complaint_to:
                continue
            p = in_language(p, lang)
            if p.deadline:
                frist = _sentence(p.deadline)
            elif own:
                frist = "; ".join(f"{_sentence(d.deadline)} ({_section_link(d, lang)})" for d in own)
            else:
                frist = t(lang, "tables.general_deadline", deadline=_sentence(general.deadline),
                          link=_general_link("klagefrist", lang))
            rows.append([f"{_law_link(law, lang)} {_section_link(p, lang)}", p.complaint_covers or p.summary, p.complaint_to, frist])
    return _table(t(lang, "tables.klage_header"), rows)


def klage_familie(lang: str) -> str:
    """The complaint routes for families: the registry's plain words (complaint_plain,
    complaint_to_plain, deadline_plain), each row linked to its section on Lovdata.

    The deadline is found as in :func:`klage`. A complaint provision without plain words fails the
    build rather than show families the legal text.
    """
    general = in_language(_general("klagefrist"), lang)
    rows = []
    for law in registry().values():
        own = [d for d in law.provisions.values() if "klagefrist" in d.provides and d.deadline]
        for p in law.provisions.values():
            if not p.complaint_to:
                continue
            text = in_language(p, lang)
            if p.deadline:
                frist = _plain(text, "deadline_plain")
            elif own:
                frist = " ".join(f"{_plain(in_language(d, lang), 'deadline_plain')} ({_cite(d, lang)})" for d in own)
            else:
                frist = f"{_plain(general, 'deadline_plain')} ({_cite(_general('klagefrist'), lang)})"
            rows.append([_plain(text, "complaint_plain"), text.complaint_to_plain or text.complaint_to, frist,
                         _cite(p, lang)])
    return _table(t(lang, "tables.klage_familie_header"), rows)


def _plain(p: Provision, field: str) -> str:
    words = getattr(p, field)
    if not words:
        raise ValueError(f"{p.label}: {field} mangler (familiens klagetabell viser ikke lovteksten)")
    return _sentence(words)


def _cite(p: Provision, lang: str) -> str:
    """«sosialtjenesteloven § 47», linked to the section on Lovdata (the number stays on the line
    of its «§» in a narrow cell)."""
    return link(Citation(p.law, p), f"{in_language(p.law, lang).name} §\u00a0{p.number}", lang)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def taushetsplikt(lang: str) -> str:
    """Confidentiality, consent and the duty to report to barnevernet, sector by sector.

    Where a sector law has no provision of its own, the cell shows the general rule that applies
    (marked «felles regel»), never «–». Where the registry does not know which rule applies (the
    law's `unverified`), the cell says so and links to the law, rather than guess.
    """
    rows = []
    for law in registry().values():
        cells = {w: _providing(law, w) for w in ("taushetsplikt", "samtykke", "opplysningsplikt_barnevern")}
        if not (cells["taushetsplikt"] or cells["opplysningsplikt_barnevern"] or "taushetsplikt" in law.unverified):
            continue
        row = [_law_link(law, lang), in_language(law, lang).sector]
        for word, own in cells.items():
            if word in law.unverified:
                row.append(t(lang, "tables.unverified", law=link(Citation(law), in_language(law, lang).name, lang)))
                continue
            shown = [_section_link(x, lang) for x in own]
            # Consent lifts confidentiality through a provision that says so (fvl § 13 a, hpl § 22,
            # familievernkontorloven § 6); a law whose own consent rule only says who consents (for
            # example an age limit) still relies on the general rule for that.
            lifts = word != "samtykke" or any({"taushetsplikt", "taushetsplikt_unntak"} & set(p.provides) for p in own)
            if not own or not lifts:
                shown.insert(0, f"{_general_link(word, lang)} ({t(lang, 'tables.general_rule')})")
            row.append(", ".join(shown))
        rows.append(row)
    return _table(t(lang, "tables.taushetsplikt_header"), rows)


TABLES = {"samarbeid": samarbeid, "individuell-plan": individuell_plan, "klage": klage,
          "klage-familie": klage_familie, "taushetsplikt": taushetsplikt}


def expand(markdown: str, where: str, lang: str = "nb") -> str:
    """Replace `{{ lovtabell NAME }}` lines; an unknown NAME fails with the page's name."""
    def replace(m: re.Match) -> str:
        name = m.group(1)
        if name not in TABLES:
            raise ValueError(f"{where}: ukjent lovtabell «{name}» (kjente: {', '.join(TABLES)})")
        return "\n" + TABLES[name](lang) + "\n"

    return PLACEHOLDER.sub(replace, markdown)
