"""«Lovteksten sist kontrollert»: the oldest check date among the provisions a page cites."""
from __future__ import annotations

import datetime

from build_scripts import law_status
from build_scripts.page_meta import norwegian_date
from guide_engine.laws import cite


def test_the_line_gives_the_oldest_check_among_the_cited_provisions(monkeypatch):
    newer = cite("hol § 7-2 a").provision._replace(checked=datetime.date(2027, 3, 1))
    older = cite("bvl § 15-8").provision._replace(checked=datetime.date(2026, 11, 28))
    resolved = {"hol § 7-2 a": newer, "bvl § 15-8 andre ledd": older}

    class Resolved:  # what cite gives, with the check dates above
        def __init__(self, ref):
            self.provision = resolved[ref]
            self.law = self.provision.law

    monkeypatch.setattr(law_status, "cite", Resolved)
    assert law_status.checked_line(["hol § 7-2 a", "bvl § 15-8 andre ledd"]) == "Lovteksten sist kontrollert: 28. november 2026"


def test_the_line_from_the_registry_says_when_some_or_none_were_checked():
    refs = ["hol § 7-2 a andre ledd", "pbrl § 2-5 c"]
    oldest = min(cite(r).provision.checked for r in refs)
    assert law_status.checked_line(refs) == f"Lovteksten sist kontrollert: {norwegian_date(oldest)}"
    # boligsosialloven has no copy of its text: no fingerprint and no check date.
    assert law_status.checked_line(refs + ["boligsosialloven § 5"]) == f"Lovteksten sist kontrollert: {norwegian_date(oldest)} (2 av 3 paragrafer)"
    assert law_status.checked_line(["boligsosialloven § 5", "boligsosialloven § 6"]) == "Lovteksten er ikke kontrollert"
    # Whole laws and sources that are not statutes have no text to check.
    assert law_status.checked_line(["bvl", "prop-100-l"]) is None
    assert law_status.checked_line([cite("hol § 7-2 a")]) == f"Lovteksten sist kontrollert: {norwegian_date(cite('hol § 7-2 a').provision.checked)}"


def test_a_pages_references_are_read_from_its_markdown():
    markdown = "Se [[hol § 7-2 a]] og [[pbrl § 2-5 c|retten til barnekoordinator]].\n\n- [[hol § 7-2 a]]\n- [[bvl]]\n"
    assert law_status.refs_in(markdown) == ["hol § 7-2 a", "pbrl § 2-5 c", "bvl"]
    oldest = min(cite("hol § 7-2 a").provision.checked, cite("pbrl § 2-5 c").provision.checked)
    assert law_status.checked_line(law_status.refs_in(markdown)) == f"Lovteksten sist kontrollert: {norwegian_date(oldest)}"
