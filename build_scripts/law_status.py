"""«Lovteksten sist kontrollert» for a page: from the law registry's check dates (law watch).

A page cites provisions (`[[hol § 7-2 a]]`, a guide's sources); each provision in the registry knows
when its text was last checked (`checked`, kept up to date by `python3 -m guide_engine lovsjekk`).
A page is only as fresh as its oldest check, so that is the date the line gives.
"""
from __future__ import annotations

from build_scripts.legal_refs import REF
from build_scripts.page_meta import norwegian_date
from build_scripts.ui import t
from guide_engine.laws import cite


def refs_in(markdown: str) -> list[str]:
    """The `[[ref]]` references of a page, in order, each once."""
    return list(dict.fromkeys(m.group(1).strip() for m in REF.finditer(markdown)))


def checked_line(refs, lang: str = "nb") -> str | None:
    """The line, in the page's written form, for the provisions these references cite (references as written on a
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
        return t(lang, "page.law_not_checked")
    line = t(lang, "page.law_checked", date=norwegian_date(min(dates), lang))
    if len(dates) < len(provisions):
        line += t(lang, "page.law_checked_some", checked=len(dates), total=len(provisions))
    return line
