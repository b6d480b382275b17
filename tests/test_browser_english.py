"""An English-speaking family in Chromium (issue 28): from the English front page to a result of
each family guide and its letter (barnekoordinator's, and the overview's, which asks for what the
other guides point to), on a phone, accessible; the letter is the Norwegian one to send,
with the English rendering beside it, and both are on paper; the English pages are there offline
after one visit, and link to the Norwegian pages and back."""
from __future__ import annotations

import re

import pytest

from build_scripts import guide_nav
from build_scripts.ui import t
from conftest import axe_violations, printed, search_site, wait_for_engine, wait_for_engine_cache, words
from guide_engine import describe, evaluate
from test_browser_guide import GUIDE_URL, answer
from test_print_and_privacy import _letter_case, press_print

FAMILY_GUIDES = guide_nav.in_language("en")


def _has_letter(guide_id: str) -> bool:
    """A guide with a letter of its own, or an overview whose letter asks for what it offers
    (individuell_plan and samarbeid have none: their requests are in the overview's letter)."""
    doc = describe(guide_id, "en")
    return bool(doc.get("letters") or doc.get("requests"))


def _answers(guide_id: str) -> dict:
    from test_browser_guide import ALL_UI_CASES

    if _has_letter(guide_id):
        return _letter_case(guide_id)
    return max((c for g, c in ALL_UI_CASES if g == guide_id), key=lambda c: len(c["answers"]))["answers"]


def _given(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if v is not None}


def _from_the_front_page(page, server, guide_id):
    """The way a family goes: the English front page, «For families», the guide in the menu."""
    page.goto(server + "en/")
    assert page.get_attribute("html", "lang") == "en"
    page.click("a.md-button:has-text('I am a parent or a relative')")
    page.wait_for_url(server + "en/familie/")
    link = page.locator(f'.md-nav--primary a.md-nav__link[href$="veivisere/{guide_id}/"]').first
    assert words(link.inner_text()) == words(guide_nav.titles("en")[guide_id])
    link.click()
    page.wait_for_url(server + "en/" + GUIDE_URL.format(guide_id))
    wait_for_engine(page)


@pytest.mark.parametrize("guide_id", FAMILY_GUIDES)
def test_a_family_goes_from_the_english_front_page_to_a_result_and_a_letter(visit, server, guide_id):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    _from_the_front_page(page, server, guide_id)
    page.set_viewport_size({"width": 320, "height": 720})
    answers = _answers(guide_id)
    answer(page, guide_id, answers)
    expected, norwegian = evaluate(guide_id, _given(answers), "en"), evaluate(guide_id, _given(answers), "nb")
    output = words(page.inner_text("[data-guide-output]"))
    for part in expected.get("parts") or [expected]:  # an overview: each guide's verdict
        assert words(part["verdict"]) in output and words(part["summary"]) in output, part["guide"]
    for note in expected.get("notes", []):
        assert words(note["text"]) in output
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    assert axe_violations(page) == []
    assert v.foreign == [] and v.errors() == []
    if not _has_letter(guide_id):
        assert expected["letter"] is None and page.locator("[data-letter]").count() == 0
        return
    # The letter to send is the bokmål letter, word for word, marked as Norwegian.
    sent = page.locator("#brev")
    assert sent.get_attribute("lang") == "nb" and sent.get_attribute("data-letter")
    assert words(norwegian["letter"]["subject"]) in words(sent.inner_text())
    for request in expected.get("requests", []):
        assert words(request["letter_text"]) in words(sent.inner_text())
    # Beside it the same letter in English, and the page says which one to send.
    rendering = words(page.inner_text("[data-letter-translation]"))
    assert words(expected["letter_translation"]["subject"]) in rendering
    assert words(t("en", "js.letter_english")) in rendering
    assert words(expected["letter_translation"]["note"]) in words(page.inner_text("[data-letter-note]"))
    assert words(t("en", "js.letter_norwegian")) in output
    assert page.locator("[data-letter]").count() == 1  # one letter to send
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    assert axe_violations(page) == []
    assert v.foreign == [] and v.errors() == []


@pytest.mark.parametrize("guide_id", ["barnekoordinator", "familien"])
def test_the_printed_letter_is_the_norwegian_letter_then_the_english_one_on_its_own_sheet(visit, server, guide_id):
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + "en/" + GUIDE_URL.format(guide_id))
    wait_for_engine(page)
    answer(page, guide_id, _letter_case(guide_id))
    sent, rendering = page.inner_text("#brev"), page.inner_text("[data-letter-translation]")
    assert "print-letter" in press_print(page, ".guide-letter-box .guide-actions button").split()
    page.evaluate("document.body.classList.add('print-letter')")
    paper = printed(page)
    sheets = [words(s) for s in paper.split("\f") if s.strip()]
    # The Norwegian letter whole, then the English rendering with its heading; nothing else.
    assert words(paper) == words(sent) + " " + words(rendering)
    assert words(t("en", "js.letter_english")) not in " ".join(s for s in sheets if words(sent)[:40] in s)
    assert any(s.startswith(words(t("en", "js.letter_english"))) for s in sheets), sheets
    assert v.foreign == [] and v.errors() == []


def test_the_printed_summary_is_in_english_with_both_letters(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "en/" + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    answer(page, "barnekoordinator", _letter_case("barnekoordinator"))
    press_print(page, "[data-guide-print]")
    paper = words(printed(page))
    for verdict in page.locator(".guide-verdict").all_inner_texts():
        assert words(verdict) in paper
    assert words(page.inner_text("#brev")) in paper and words(page.inner_text("[data-letter-translation]")) in paper
    assert v.foreign == [] and v.errors() == []


def test_the_language_links_lead_to_the_same_guide_and_back(visit, server):
    v = visit()
    page = v.page
    page.goto(server + "en/veivisere/barnekoordinator/")
    page.click('a.malform__lenke[hreflang="nb"]')
    page.wait_for_url(server + "veivisere/barnekoordinator/")
    page.click('a.malform__lenke[hreflang="en"]')
    page.wait_for_url(server + "en/veivisere/barnekoordinator/")
    # A page for staff has no English twin: its English link is the English front page.
    page.goto(server + "tjenester/samordningsplikt/")
    page.click('a.malform__lenke[hreflang="en"]')
    page.wait_for_url(server + "en/")
    assert v.errors() == []


def test_the_english_menu_links_to_the_norwegian_pages_for_staff_and_municipalities(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "en/familie/klage/")
    page.click(".md-nav--primary a.md-nav__link:has-text('For the services (in Norwegian)')")
    page.wait_for_url(server + "tjenester/")
    assert page.get_attribute("html", "lang") == "nb"
    assert v.errors() == []


def test_search_in_english_finds_english_pages(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "en/")
    search_site(page, "complaints")  # a stemmed form of «complain»
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert any(link.startswith(server + "en/familie/klage/") for link in links), links
    assert page.get_by_role("dialog", name="Search", exact=True).count() == 1  # the theme's word in English
    assert v.foreign == [] and v.errors() == []


def test_the_english_pages_and_guides_work_offline_after_one_visit(browser, server, site_dir):
    """The English pages have their own service worker (en/sw.js): after one visit every English
    page and the search are there without a network, and a guide used once works offline."""
    context = browser.new_context(service_workers="allow")
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "en/")
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60_000)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == server + "en/sw.js"
        # Used once online, so the engine's large files are cached too (as test_offline.py does).
        page.goto(server + "en/veivisere/barnekoordinator/")
        wait_for_engine(page)
        wait_for_engine_cache(page, site_dir)

        context.set_offline(True)
        page.goto(server + "en/familie/klage/")  # never visited: precached
        assert page.get_attribute("html", "lang") == "en" and page.title().startswith("How to complain")
        search_site(page, "barnekoordinator", opener=None)
        page.goto(server + "en/veivisere/familien/")  # never visited; the engine is cached
        wait_for_engine(page)
        answer(page, "familien", _letter_case("familien"))
        assert page.locator("#brev[lang='nb']").count() == 1 and page.locator("[data-letter-translation]").count() == 1
        assert errors == []
    finally:
        context.close()


def test_the_english_worker_precaches_the_english_pages_and_english_search_only(site_dir):
    sw = (site_dir / "en" / "sw.js").read_text(encoding="utf-8")
    urls = set(re.findall(r'url:"([^"]+)"', sw))
    pages = {p.relative_to(site_dir / "en").as_posix() for p in (site_dir / "en").rglob("index.html")}
    assert pages and pages <= urls
    assert {"search/search_index.json", "js/guide/letter.js", "js/guide-worker.js"} <= urls
    # English search needs no language support file from the theme (lunr is English by itself).
    assert sorted(u for u in urls if u.startswith("assets/javascripts/lunr/")) == []
    # Nothing of the Norwegian pages: each language's worker keeps its own pages.
    assert not any(u.startswith(("../", "nn/", "tjenester/")) for u in urls)
