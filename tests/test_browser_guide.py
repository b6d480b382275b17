"""The guide in Chromium: every status reached through the form shows exactly what the CLI
gives for the same answers; keyboard, errors, reset, no JavaScript, and an engine that cannot
start."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, load_case_files, wait_for_engine
from guide_engine import evaluate
from guide_engine.definitions import load_guide

GUIDE_URL = "veivisere/{}/"


def cli(guide_id, answers):
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "evaluate", guide_id],
                          input=json.dumps({"answers": answers}), capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout
    return json.loads(proc.stdout)


def reachable_by_form(guide_id, answers) -> bool:
    """A person can give these answers through the form: each one is asked when its turn comes."""
    given = {}
    for q in load_guide(guide_id).questions:
        if q.id in answers and answers[q.id] is not None:
            if q.id not in evaluate(guide_id, given)["asked_questions"]:
                return False
            given[q.id] = answers[q.id]
    return True


UI_CASES = [(g, c) for g, f in load_case_files().items() for c in f.get("cases", [])
            if reachable_by_form(g, c["answers"])]


def answer(page, guide_id, answers):
    given = {}
    for q in load_guide(guide_id).questions:
        value = answers.get(q.id)
        if value is None:
            continue
        if q.type.name == "choice":
            page.check(f"#{q.id}--{value}")
        elif q.type.name == "set":
            for v in value:
                page.check(f"#{q.id}--{v}")
                settle(page)
        else:
            page.fill(f"#{q.id}", str(value))
            page.press(f"#{q.id}", "Tab")
        given[q.id] = value
        settle(page, given)


def settle(page, answers=None):
    """Wait until the page shows a result, and (given the answers) the result for these answers:
    the page says which answers its result belongs to, so no old result is read by mistake."""
    page.wait_for_selector('[data-guide][data-guide-busy="false"]', timeout=20_000)
    if answers is not None:
        page.wait_for_function("""(want) => {
            const r = document.querySelector('[data-guide]');
            if (r.dataset.guideBusy !== 'false' || !r.dataset.guideResultFor) return false;
            const got = JSON.parse(r.dataset.guideResultFor);
            return Object.keys(got).length === Object.keys(want).length
                && Object.keys(want).every(k => got[k] === want[k]);
        }""", arg=answers, timeout=20_000)


def shown(page) -> dict:
    return page.evaluate("""() => ({
        status: document.querySelector('[data-guide-result]').dataset.guideStatus,
        conditions: Object.fromEntries([...document.querySelectorAll('[data-condition]')].map(e => [e.dataset.condition, e.dataset.status])),
        notes: [...document.querySelectorAll('[data-note]')].map(e => e.dataset.note),
        steps: [...document.querySelectorAll('[data-step]')].map(e => e.dataset.step),
        verdict: document.querySelector('.guide-verdict').textContent,
        next: (document.querySelector('.guide-next a') || {}).textContent || null,
        visible: [...document.querySelectorAll('[data-question]')].filter(e => !e.hidden).map(e => e.dataset.question),
        letter: document.querySelector('#brev') ? document.querySelector('#brev').innerText : null,
    })""")


@pytest.fixture(scope="module")
def guide_page(browser, server):
    from conftest import Visit

    v = Visit(browser, server, viewport={"width": 390, "height": 844})
    v.page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(v.page)
    yield v
    assert v.foreign == [], f"requests to other origins: {v.foreign}"
    assert v.errors() == [], v.errors()
    v.close()


@pytest.mark.parametrize("guide_id,case", UI_CASES, ids=[c["name"] for _, c in UI_CASES])
def test_the_page_shows_what_the_cli_gives(guide_page, guide_id, case):
    page = guide_page.page
    page.click("[data-guide-reset]")
    settle(page, {})
    answer(page, guide_id, case["answers"])
    expected = cli(guide_id, {k: v for k, v in case["answers"].items() if v is not None})
    got = shown(page)
    assert got["status"] == expected["status"] == case["status"]
    assert expected["summary"] in got["verdict"]
    if not expected["answers"]:  # before the first answer only the way in is shown
        assert got["conditions"] == {} and got["notes"] == [] and got["steps"] == [] and got["letter"] is None
        return
    assert got["conditions"] == {c["id"]: c["status"] for c in expected["conditions"]}
    assert got["notes"] == [n["id"] for n in expected["notes"]]
    assert got["steps"] == [s["id"] for s in expected["next_steps"]]
    assert (got["letter"] is not None) == (expected["letter"] is not None)
    if expected["letter"]:
        for part in (expected["letter"]["subject"], expected["letter"]["request"], expected["letter"]["closing"],
                     *(s["label"] for s in expected["letter"]["sources"]), *(c["title"] for c in expected["letter"]["conditions"])):
            assert part in got["letter"]
    questions = {q.id: q.text for q in load_guide(guide_id).questions}
    assert got["next"] == (questions[expected["next_questions"][0]] if expected["next_questions"] else None)
    assert got["visible"] == expected["asked_questions"] + [
        q for q in expected["answers"] if q not in expected["asked_questions"] and q not in expected["ignored_answers"]]


def test_screen_readers_hear_the_verdict_when_it_changes(guide_page):
    page = guide_page.page
    page.click("[data-guide-reset]")
    settle(page, {})
    live = "[data-guide-announce]"
    assert page.get_attribute(live, "aria-live") == "polite"
    answer(page, "barnekoordinator", {"venter_barn": "nei", "barnets_alder": 18})
    assert page.text_content(live).startswith("Svarene peker mot nei.")
    assert page.get_attribute("[data-guide-output]", "aria-live") is None  # details are not re-read


def test_on_a_phone_a_bar_says_what_the_answers_point_to_and_links_to_the_result(guide_page):
    page = guide_page.page  # 390 px wide
    page.click("[data-guide-reset]")
    settle(page, {})
    assert not page.is_visible("[data-guide-peek]")  # nothing answered yet
    answer(page, "barnekoordinator", {"venter_barn": "ja"})
    assert page.is_visible("[data-guide-peek]")
    assert "ikke et klart svar" in page.text_content("[data-guide-peek]")
    assert page.get_attribute("[data-guide-peek]", "href") == "#resultat"


def test_a_status_for_each_of_the_three_values_is_reached_through_the_form():
    assert {c["status"] for _, c in UI_CASES} == {"oppfylt", "ikke_oppfylt", "uavklart"}


def test_the_guide_works_with_the_keyboard_alone(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "venter_barn":
            break
    else:
        pytest.fail("the first question cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # moves to and selects «Nei, barnet er født»
    settle(page)
    assert page.is_checked("#venter_barn--nei")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "barnets_alder"
    page.keyboard.type("19")
    page.keyboard.press("Tab")
    settle(page)
    assert shown(page)["status"] == "ikke_oppfylt"
    assert v.errors() == []


def test_a_bad_age_gets_a_clear_norwegian_error_and_nothing_typed_is_lost(visit, server):
    v = visit(viewport={"width": 390, "height": 844})
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    page.check("#venter_barn--nei")
    settle(page)
    page.fill("#barnets_alder", "7,5")
    page.press("#barnets_alder", "Tab")
    settle(page)
    assert page.get_attribute("[data-guide-result]", "data-guide-status") == "feil"
    assert "helt tall" in page.text_content("#feil-barnets_alder")
    assert page.get_attribute("#barnets_alder", "aria-invalid") == "true"
    assert page.is_visible("[data-guide-errors] a[href='#sporsmal-barnets_alder']")
    assert page.input_value("#barnets_alder") == "7,5"
    page.fill("#barnets_alder", "tolv")
    page.press("#barnets_alder", "Tab")
    settle(page, {"venter_barn": "nei", "barnets_alder": "tolv"})
    message = page.text_content("#feil-barnets_alder")
    assert "«Hvor gammelt er barnet?»" in message and "sifre" in message
    assert "barnets_alder" not in page.text_content("[data-guide-errors]")  # no internal ids for people
    page.fill("#barnets_alder", "7")
    page.press("#barnets_alder", "Tab")
    settle(page, {"venter_barn": "nei", "barnets_alder": 7})
    assert page.get_attribute("[data-guide-result]", "data-guide-status") == "uavklart"
    assert not page.is_visible("#feil-barnets_alder")
    assert page.get_attribute("#barnets_alder", "aria-invalid") is None


def test_start_over_clears_the_answers(visit, server):
    v = visit()
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    page.check("#venter_barn--nei")
    page.fill("#barnets_alder", "30")
    page.press("#barnets_alder", "Tab")
    settle(page)
    assert shown(page)["status"] == "ikke_oppfylt"
    page.click("[data-guide-reset]")
    settle(page, {})
    assert not page.is_checked("#venter_barn--nei")
    got = shown(page)
    assert got["status"] == "uavklart" and got["visible"] == ["venter_barn"]


def test_without_javascript_the_form_is_a_printable_checklist(visit, server):
    v = visit(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    guide = load_guide("barnekoordinator")
    for q in guide.questions:
        assert page.is_visible(f'[data-question="{q.id}"]'), q.id
    # The notice inside <noscript> is shown only when scripts do not run.
    assert page.is_visible(".guide-noscript")
    assert "Uten JavaScript" in page.text_content(".guide-noscript")
    for c in guide.conditions:
        assert page.is_visible(f"#vilkar-{c.id}"), c.id
    page.emulate_media(media="print")
    pdf = page.pdf()  # renders as a printed checklist
    assert len(pdf) > 10_000
    assert v.foreign == []


def test_the_form_is_usable_while_the_engine_loads_and_says_so(visit, server):
    v = visit()
    page = v.page
    held = []
    v.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # never answered
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector("[data-guide-loading]:not([hidden])")
    assert "starter" in page.text_content("[data-guide-loading]")
    page.check("#alvorlig_tilstand--ja")  # every question is there before the engine is
    assert page.is_checked("#alvorlig_tilstand--ja")


def test_an_engine_that_never_starts_gives_a_plain_message_after_a_bounded_wait(visit, server):
    v = visit()
    page = v.page
    page.clock.install()
    v.context.route("**/pyodide.asm.wasm", lambda route: None)  # the server never answers
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector("[data-guide-loading]:not([hidden])")
    timeout_ms = int(page.get_attribute("[data-guide]", "data-timeout-ms"))
    assert timeout_ms <= 60_000
    page.clock.run_for(timeout_ms + 1000)
    page.wait_for_selector(".guide-status--failed", timeout=5_000)
    assert "kunne ikke starte" in page.text_content("[data-guide-loading]")
    page.check("#venter_barn--ja")  # the checklist stays usable
    assert page.is_visible("#vilkar-barn_under_18")


def test_an_engine_that_fails_to_load_says_so(visit, server):
    v = visit()
    page = v.page
    v.context.route("**/guide_engine-*.whl", lambda route: route.fulfill(status=404, body="finnes ikke"))
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector(".guide-status--failed", timeout=60_000)
    assert page.get_attribute("[data-guide-result]", "data-guide-status") == "feil"
