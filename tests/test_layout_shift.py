"""Nothing on a guide page moves from navigation to the first result (Cumulative Layout Shift,
as Lighthouse sums it for one load, below 0.05): the status line holds its place, the print
button is there from the start, and the questions the engine does not ask yet are not shown
where it starts. Without scripts, or when the engine fails, the page is the whole checklist."""
from __future__ import annotations

import pytest

from conftest import layout_shift, wait_for_engine
from guide_engine.api import all_ids

GUIDE_URL = "veivisere/{}/"
PHONE = {"width": 412, "height": 915}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
LIMIT = 0.05  # Lighthouse's «good» is 0.1; this leaves room

PAGES = ([(GUIDE_URL.format(g), vp) for g in all_ids() for vp in (PHONE, DESKTOP)]
         + [("nn/" + GUIDE_URL.format("barnekoordinator"), vp) for vp in (PHONE, DESKTOP)]
         + [(GUIDE_URL.format(g), SMALL_PHONE) for g in ("barnekoordinator", "familien")])


@pytest.mark.parametrize("url,viewport", PAGES, ids=[f"{u}@{vp['width']}" for u, vp in PAGES])
def test_nothing_moves_from_navigation_to_the_first_result(visit, server, url, viewport):
    v = visit(viewport=viewport)
    page = v.page
    page.goto(server + url)
    wait_for_engine(page)
    assert page.get_attribute("[data-guide-result]", "data-guide-status") not in ("feil", "mappe")
    shift = layout_shift(page)
    assert shift < LIMIT, f"{url} at {viewport['width']} px: layout shift {shift:.3f}"
    # The status line that held the place says nothing visible, and nothing to screen readers.
    assert not page.is_visible("[data-guide-loading]")
    assert page.get_attribute("[data-guide-loading]", "role") == "status"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert v.errors() == []


def test_while_the_engine_starts_the_page_looks_as_its_first_result_will(visit, server):
    v = visit(viewport=PHONE)
    page = v.page
    held = []
    v.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # never answered
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector("[data-guide-started]")
    status = page.locator("[data-guide-loading]")
    assert status.is_visible() and "starter" in status.inner_text()
    assert page.get_by_role("status").filter(has_text="starter").count() == 1  # read out as a status
    assert page.is_visible("[data-guide-print]") and page.is_visible("[data-guide-reset]")
    before = page.evaluate("[...document.querySelectorAll('[data-question]')].filter(q => q.offsetParent).map(q => q.dataset.question)")
    assert before == ["venter_barn"]  # what the engine asks before any answer (its first result)
    assert layout_shift(page) == 0


def test_an_engine_that_fails_shows_the_whole_checklist(visit, server):
    v = visit(viewport=PHONE)
    page = v.page
    v.context.route("**/guide_engine.*.tar", lambda route: route.fulfill(status=404, body="finnes ikke"))
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector(".guide-status--failed", timeout=60_000)
    assert page.is_visible("[data-guide-loading]")
    for q in page.locator("[data-question]").all():
        assert q.is_visible(), q.get_attribute("data-question")
    assert page.locator(".guide-when").first.is_visible()  # «Svar bare hvis …» for the checklist


def test_without_javascript_no_status_line_and_no_print_button(visit, server):
    v = visit(java_script_enabled=False, viewport=PHONE)
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    assert not page.is_visible("[data-guide-loading]")
    assert not page.is_visible("[data-guide-print]")  # it needs the script to print
    for q in page.locator("[data-question]").all():
        assert q.is_visible(), q.get_attribute("data-question")
