"""«Lovteksten sist kontrollert» for a page: from the law registry's check dates (law watch).

A page cites provisions (`[[hol § 7-2 a]]`, a guide's sources); each provision in the registry knows
when its text was last checked (`checked`, kept up to date by `python3 -m guide_engine lovsjekk`).
A page is only as fresh as its oldest check, so that is the date the line gives.
"""
from __future__ import annotations

from build_scripts.legal_refs import REF
from build_scripts.page_meta import norwegian_date
from guide_engine.laws import cite


def refs_in(markdown: str) -> list[str]:
    """The `[[ref]]` references of a page, in order, each once."""
    return list(dict.fromkeys(m.group(1).strip() for m in REF.finditer(markdown)))


def checked_line(refs) -> str | None:
    """The Norwegian line for the provisions these references cite (references as written on a
    page, or Citations); None when they cite no provision of a law or regulation."""
    provisions = {}
    for ref in refs:
        try:
            citation = cite(ref) if isinstance(ref, str) else ref
        except KeyError:
            continue  # an unknown reference: the page's link expansion reports it by name
        if citation.provision is not None and citation.law.kind in ("lov", "forskrift"):
            provisions[(citation.law.key, citation.provision.section)] = citation.provision
    if not provisions:
        return None
    dates = [p.checked for p in provisions.values() if p.checked]
    if not dates:
        return "Lovteksten er ikke kontrollert"
    line = f"Lovteksten sist kontrollert: {norwegian_date(min(dates))}"
    if len(dates) < len(provisions):
        line += f" ({len(dates)} av {len(provisions)} paragrafer)"
    return line
