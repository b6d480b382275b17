"""Legal tables generated from the law registry: `{{ lovtabell NAME }}` in a page.

Every row comes from guide_engine/laws/*.toml, so a table can never disagree with the
citations the guides use.
"""
from __future__ import annotations

import re

from guide_engine.laws import Citation, Law, Provision, registry

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


def klage() -> str:
    """Complaint routes: which decisions, to whom, and the deadline."""
    rows = []
    for law in registry().values():
        deadlines = {p.section: p for p in law.provisions.values() if p.deadline}
        for p in law.provisions.values():
            if p.complaint_to:
                frist = p.deadline or next((f"{d.deadline} ({_p(d)})" for d in deadlines.values() if d is not p), "Se vedtaket")
                rows.append([f"{_law(law)} {_p(p)}", p.complaint_covers or p.summary, p.complaint_to, frist])
    return _table(["Lov", "Hva du kan klage på", "Klagen går til", "Frist"], rows)


def taushetsplikt() -> str:
    """Confidentiality, consent and the duty to report to barnevernet, sector by sector."""
    rows = []
    for law in registry().values():
        tp, samtykke, meld = (_cells(law, w) for w in ("taushetsplikt", "samtykke", "opplysningsplikt_barnevern"))
        if tp or meld:
            rows.append([_law(law), law.sector, ", ".join(map(_p, tp)) or "–",
                         ", ".join(map(_p, samtykke)) or "–", ", ".join(map(_p, meld)) or "–"])
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
