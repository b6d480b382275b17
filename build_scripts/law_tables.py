"""Legal tables generated from the law registry: `{{ lovtabell NAME }}` in a page.

Every row comes from guide_engine/laws/*.toml, so a table can never disagree with the
citations the guides use.
"""
from __future__ import annotations

import re

from guide_engine.laws import Citation, Law, Provision, cite, registry

from .legal_refs import link

PLACEHOLDER = re.compile(r"^\{\{\s*lovtabell\s+([a-z-]+)\s*\}\}\s*$", re.M)


def _p(provision: Provision) -> str:
    return link(Citation(provision.law, provision), f"§ {provision.section}")


def _cells(law: Law, word: str) -> list[Provision]:
    return [p for p in law.provisions.values() if word in p.provides]


def _law(law: Law) -> str:
    return link(Citation(law), law.name[0].upper() + law.name[1:])


def _row(cells) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _table(header, rows) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row(r) for r in rows]
    return "\n".join(lines) + "\n"


def samarbeid() -> str:
    """The fourteen laws of the 2022 reform and their cooperation provisions."""
    rows = []
    for law in registry().values():
        if not law.reform:
            continue
        coop = _cells(law, "samarbeid")
        sam = _cells(law, "samordningsplikt")
        bk = []
        if _cells(law, "barnekoordinator"):
            bk.append("Regler om barnekoordinator: " + ", ".join(map(_p, _cells(law, "barnekoordinator"))))
        if _cells(law, "barnekoordinator_samordner"):
            bk.append("Barnekoordinatoren samordner")
        if _cells(law, "samarbeid_med_barnekoordinator"):
            bk.append("Skal samarbeide med barnekoordinatoren: " + ", ".join(map(_p, _cells(law, "samarbeid_med_barnekoordinator"))))
        same = sam and sam == coop
        rows.append([
            f"{_law(law)}<br>{law.sector}",
            ", ".join(map(_p, coop)) if coop else "Ingen egen paragraf",
            ("Ja" if same else "Ja: " + ", ".join(map(_p, sam))) if sam else "Nei",
            "; ".join(bk) or "–",
        ])
    return _table(["Lov og område", "Samarbeidsplikt", "Samordningsplikt for kommunen", "Barnekoordinator"], rows)


def individuell_plan() -> str:
    """Individuell plan and koordinator provisions, law by law."""
    rows = []
    for law in registry().values():
        ip, koord = _cells(law, "individuell_plan"), _cells(law, "koordinator")
        if ip or koord:
            rows.append([_law(law), law.sector, ", ".join(map(_p, ip)) or "–", ", ".join(map(_p, koord)) or "–"])
    return _table(["Lov", "Område", "Individuell plan", "Koordinator"], rows)


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


def _general_link(word: str) -> str:
    p = _general(word)
    return link(Citation(p.law, p), f"{p.law.name} § {p.section}")


def klage() -> str:
    """Complaint routes: which decisions, to whom, and the deadline.

    The deadline comes from the provision itself, else from the law's own «klagefrist» provision,
    else from the general rule in forvaltningsloven, which applies only to enkeltvedtak.
    """
    general = _general("klagefrist")
    rows = []
    for law in registry().values():
        own = [d for d in law.provisions.values() if "klagefrist" in d.provides and d.deadline]
        for p in law.provisions.values():
            if not p.complaint_to:
                continue
            if p.deadline:
                frist = _sentence(p.deadline)
            elif own:
                frist = "; ".join(f"{_sentence(d.deadline)} ({_p(d)})" for d in own)
            else:
                frist = (f"{_sentence(general.deadline)}, hvis svaret er et enkeltvedtak "
                         f"({_general_link('klagefrist')}). Se også svaret dere fikk.")
            rows.append([f"{_law(law)} {_p(p)}", p.complaint_covers or p.summary, p.complaint_to, frist])
    return _table(["Lov", "Hva du kan klage på", "Klagen går til", "Frist"], rows)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def taushetsplikt() -> str:
    """Confidentiality, consent and the duty to report to barnevernet, sector by sector.

    Where a sector law has no provision of its own, the cell shows the general rule that applies
    (marked «felles regel»), never «–».
    """
    rows = []
    for law in registry().values():
        cells = {w: _cells(law, w) for w in ("taushetsplikt", "samtykke", "opplysningsplikt_barnevern")}
        if not (cells["taushetsplikt"] or cells["opplysningsplikt_barnevern"]):
            continue
        row = [_law(law), law.sector]
        for word, own in cells.items():
            shown = list(map(_p, own))
            # Consent lifts confidentiality through a provision that is also a confidentiality rule
            # (fvl § 13 a, hpl § 22); a law whose own consent rule only says who consents (for example
            # an age limit) still relies on the general rule for that.
            lifts = word != "samtykke" or any("taushetsplikt" in p.provides for p in own)
            if not own or not lifts:
                shown.insert(0, f"{_general_link(word)} (felles regel)")
            row.append(", ".join(shown))
        rows.append(row)
    return _table(["Lov", "Område", "Taushetsplikt", "Samtykke", "Opplysningsplikt til barnevernet"], rows)


TABLES = {"samarbeid": samarbeid, "individuell-plan": individuell_plan, "klage": klage,
          "taushetsplikt": taushetsplikt}


def expand(markdown: str, where: str) -> str:
    """Replace `{{ lovtabell NAME }}` lines; an unknown NAME fails with the page's name."""
    def replace(m: re.Match) -> str:
        name = m.group(1)
        if name not in TABLES:
            raise ValueError(f"{where}: ukjent lovtabell «{name}» (kjente: {', '.join(TABLES)})")
        return "\n" + TABLES[name]() + "\n"

    return PLACEHOLDER.sub(replace, markdown)
