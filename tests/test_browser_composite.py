"""«Hva kan familien be om?» in Chromium: the overview shows, for every right, what its own guide
gives for the same answers (as the CLI prints it), asks each question once, and makes one letter
from what the family ticks, with what it types kept as text and never lost."""
from __future__ import annotations

import pytest

from conftest import wait_for_engine
from guide_engine.composite import composite_ids
from test_browser_guide import ALL_UI_CASES, GUIDE_URL, answer, cli, settle

CASES = [(g, c) for g, c in ALL_UI_CASES if g in composite_ids()]


@pytest.fixture(scope="module")
def overview_page(browser, server):
    from conftest import Visit

    v = Visit(browser, server, viewport={"width": 390, "height": 844})
    v.page.goto(server + GUIDE_URL.format(composite_ids()[0]))
    wait_for_engine(v.page)
    yield v
    assert v.foreign == [] and v.errors() == [], (v.foreign, v.errors())
    v.close()


def shown(page) -> dict:
    return page.evaluate("""() => ({
        verdicts: Object.fromEntries([...document.querySelectorAll('[data-part-verdict]')].map(e => [e.dataset.partVerdict, e.textContent])),
        parts: Object.fromEntries([...document.querySelectorAll('[data-part]')].map(e => [e.dataset.part, {
            status: e.dataset.status,
            notes: [...e.querySelectorAll('[data-note]')].map(n => n.dataset.note),
            steps: [...e.querySelectorAll('[data-step]')].map(n => n.dataset.step),
            conditions: [...e.querySelectorAll('[data-condition]')].map(n => n.dataset.status)}])),
        requests: [...document.querySelectorAll('input[data-request]')].map(e => e.dataset.request),
        questions: [...document.querySelectorAll('[data-question]')].map(e => e.dataset.question),
    })""")


@pytest.mark.parametrize("guide_id,case", CASES, ids=[c["name"] for _, c in CASES])
def test_the_overview_shows_what_each_guide_gives(overview_page, guide_id, case):
    page = overview_page.page
    page.click("[data-guide-reset]")
    settle(page, {})
    answer(page, guide_id, case["answers"])
    expected = cli(guide_id, case["answers"])
    got = shown(page)
    assert len(got["questions"]) == len(set(got["questions"]))  # each question once
    for part in expected["parts"]:
        assert part["verdict"] in got["verdicts"][part["guide"]] and part["summary"] in got["verdicts"][part["guide"]]
        if expected["answers"]:
            assert got["parts"][part["guide"]] == {"status": part["status"], "notes": [n["id"] for n in part["notes"]],
                                                   "steps": [s["id"] for s in part["next_steps"]],
                                                   "conditions": [c["status"] for c in part["conditions"]]}
    if expected["answers"]:
        assert got["requests"] == [r["id"] for r in expected["requests"]]


def test_the_letter_asks_for_what_is_ticked_and_keeps_what_the_family_types(overview_page):
    page = overview_page.page
    page.click("[data-guide-reset]")
    settle(page, {})
    answers = {"venter_barn": "nei", "barnets_alder": 6, "tjenester": ["kommunal_helse_og_omsorg", "barnevern"]}
    answer(page, composite_ids()[0], answers)
    expected = cli(composite_ids()[0], answers)
    letter = page.locator("#brev")
    for r in expected["requests"]:
        assert r["text"] in letter.inner_text()
    # Untick one request: it leaves the letter; the others stay.
    first = expected["requests"][0]
    page.uncheck(f'input[data-request="{first["id"]}"]')
    assert first["text"] not in letter.inner_text()
    # Markup typed into a name stays text, in the page and in what is printed or copied.
    page.fill("#brev-navn", "<b>Kari</b> & Ola")
    page.fill("#brev-barn", "<img src=x onerror=alert(1)>")
    assert "<b>Kari</b> & Ola" in letter.inner_text()
    assert letter.locator("b, img").count() == 0
    # A new answer redraws the overview; the ticks and the names are still there.
    answers["behov_langvarig_koordinert"] = "ja"
    page.check("#behov_langvarig_koordinert--ja")
    settle(page, answers)
    assert page.input_value("#brev-navn") == "<b>Kari</b> & Ola"
    assert not page.is_checked(f'input[data-request="{first["id"]}"]')
    assert first["text"] not in page.locator("#brev").inner_text()
