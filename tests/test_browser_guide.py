"""The guide in Chromium: every status reached through the form shows exactly what the CLI
gives for the same answers; keyboard, errors, reset, no JavaScript, and an engine that cannot
start."""
from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest

from conftest import ROOT, load_case_files, printed, wait_for_engine, words
from types import SimpleNamespace

from guide_engine import describe, evaluate
from guide_engine.definitions import guide_ids, load_guide

GUIDE_URL = "veivisere/{}/"


def cli(guide_id, answers):
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "evaluate", guide_id],
                          input=json.dumps({"answers": answers}), capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout
    return json.loads(proc.stdout)


@functools.cache  # read at collection for every case (reachable_by_form), in every run
def questions(guide_id) -> tuple[dict, ...]:
    """The form's questions in order ({id, type, text}), for a single guide or one that joins others."""
    return tuple(describe(guide_id)["questions"])


def reachable_by_form(guide_id, answers) -> bool:
    """A person can give these answers through the form: each one is asked when its turn comes."""
    given = {}
    for q in questions(guide_id):
        q = SimpleNamespace(**q)
        if answers.get(q.id) == []:
            return False  # ticking nothing is «not answered yet» in the form
        if q.id in answers and answers[q.id] is not None:
            if q.id not in evaluate(guide_id, given)["asked_questions"]:
                return False
            given[q.id] = answers[q.id]
    return True


ALL_UI_CASES = [(g, c) for g, f in load_case_files().items() for c in f.get("cases", [])
                if reachable_by_form(g, c["answers"])]
# Single guides; the guides that join others are walked by test_browser_composite.py.
UI_CASES = [(g, c) for g, c in ALL_UI_CASES if g in guide_ids()]


def answer(page, guide_id, answers):
    """Give the answers through the form, each with the control its question declares."""
    given = {}
    for q in questions(guide_id):
        q = SimpleNamespace(**q)
        value = answers.get(q.id)
        if value is None:
            continue
        control = q.control["kind"]
        if control == "radio":
            page.check(f"#{q.id}--{value}")
        elif control == "checkbox":
            for v in value:
                page.check(f"#{q.id}--{v}")
                settle(page)
        elif control == "text":
            page.fill(f"#{q.id}", str(value))
            page.press(f"#{q.id}", "Tab")
        else:
            raise AssertionError(f"no way to answer «{q.id}» with the control «{control}»")
        given[q.id] = value
        settle(page, given)


def as_sent(answers: dict) -> dict:
    """The answers as the page sends them: what a text field holds is text («7», not 7)."""
    return {k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in answers.items()}


def settle(page, answers=None):
    """Wait until the page shows a result, and (given the answers) the result for these answers:
    the page says which answers its result belongs to, so no old result is read by mistake."""
    page.wait_for_selector('[data-guide][data-guide-busy="false"]', timeout=20_000)
    if answers is not None:
        answers = as_sent(answers)
        page.wait_for_function("""(want) => {
            const r = document.querySelector('[data-guide]');
            if (r.dataset.guideBusy !== 'false' || !r.dataset.guideResultFor) return false;
            const got = JSON.parse(r.dataset.guideResultFor);
            return Object.keys(got).length === Object.keys(want).length
                && Object.keys(want).every(k => JSON.stringify(got[k]) === JSON.stringify(want[k]));
        }""", arg=answers, timeout=20_000)


def shown(page) -> dict:
    # The checklist shows the same parts (conditions, notes): read the result's own.
    return page.evaluate("""() => ({
        status: document.querySelector('[data-guide-result]').dataset.guideStatus,
        conditions: Object.fromEntries([...document.querySelectorAll('[data-guide-output] [data-condition]')].map(e => [e.dataset.condition, e.dataset.status])),
        notes: [...document.querySelectorAll('[data-guide-output] [data-note]')].map(e => e.dataset.note),
        steps: [...document.querySelectorAll('[data-step]')].map(e => e.dataset.step),
        verdict: document.querySelector('.guide-verdict').textContent,
        next: (document.querySelector('.guide-next a') || {}).textContent || null,
        visible: [...document.querySelectorAll('[data-question]')].filter(e => !e.hidden).map(e => e.dataset.question),
        letter: document.querySelector('#brev') ? document.querySelector('#brev').innerText : null,
        lists: Object.fromEntries([...document.querySelectorAll('[data-list]')].map(e => [e.dataset.list, {
            items: [...e.querySelectorAll('[data-item]')].map(i => i.dataset.item),
            center: (e.querySelector('[data-center]') || {dataset: {}}).dataset.center || null}])),
    })""")


@pytest.fixture(scope="module")
def guide_pages(browser, server):
    """One phone-sized page per guide, opened once and reused by that guide's cases."""
    from conftest import Visit

    opened = {}

    def open_guide(guide_id):
        if guide_id not in opened:
            v = Visit(browser, server, viewport={"width": 390, "height": 844})
            v.page.goto(server + GUIDE_URL.format(guide_id))
            wait_for_engine(v.page)
            opened[guide_id] = v
        return opened[guide_id]

    yield open_guide
    for v in opened.values():
        assert v.foreign == [], f"requests to other origins: {v.foreign}"
        assert v.errors() == [], v.errors()
        v.close()


@pytest.fixture(scope="module")
def guide_page(guide_pages):
    return guide_pages("barnekoordinator")


@pytest.mark.parametrize("guide_id,case", UI_CASES, ids=[f"{g}: {c['name']}" for g, c in UI_CASES])
def test_the_page_shows_what_the_cli_gives(guide_pages, guide_id, case):
    page = guide_pages(guide_id).page
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
    assert got["lists"] == {lst["id"]: {"items": [i["id"] for i in lst["items"]], "center": (lst["center"] or {}).get("id")}
                            for lst in expected["lists"] if lst["answered"]}
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


def test_every_status_of_every_guide_is_reached_through_the_form():
    for guide_id in guide_ids():
        reached = {c["status"] for g, c in UI_CASES if g == guide_id}
        possible = {"informasjon"} if load_guide(guide_id).combine == "informational" else {"oppfylt", "ikke_oppfylt", "uavklart"}
        assert reached == possible, guide_id


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
    # On paper: every question with its options, and every condition, as the checklist.
    paper = words(printed(page))
    for q in guide.questions:
        assert words(q.text) in paper, q.id
        for o in q.options:
            assert words(o.label) in paper, (q.id, o.value)
    for c in guide.conditions:
        assert words(c.title) in paper, c.id
    assert v.foreign == []


def test_the_form_is_usable_while_the_engine_loads_and_says_so(visit, server):
    v = visit()
    page = v.page
    held = []
    v.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # never answered
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector("[data-guide-loading]:not([hidden])")
    assert "starter" in page.text_content("[data-guide-loading]")
    # The questions the engine asks before any answer are there before the engine is (those it
    # asks later are not: its first result would hide them, and the form would jump).
    page.check("#venter_barn--ja")
    assert page.is_checked("#venter_barn--ja")
    assert not page.is_visible('[data-question="alvorlig_tilstand"]')


def test_an_engine_slow_to_start_does_not_keep_the_checklist_from_the_family(visit, server):
    v = visit()
    page = v.page
    page.clock.install()
    v.context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector("[data-guide][data-started-at]")
    assert not page.is_visible('[data-question="alvorlig_tilstand"]')
    page.clock.run_for(15_500)  # every question shows after 15 s, long before the 45 s time-out
    page.wait_for_selector('[data-question="alvorlig_tilstand"]', state="visible", timeout=5_000)
    assert page.locator(".guide-when").first.is_visible()  # «Svar bare hvis …» shows with its question
    assert "starter" in page.text_content("[data-guide-loading]")  # and it still says it is starting


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


def test_the_modules_then_the_webassembly_start_with_the_page_and_come_once(browser, server, site_dir):
    """guide-start.js asks for the guide's own modules at once (not one import at a time), then
    for Pyodide's WebAssembly, before the worker has even loaded Pyodide's loader (the round trips
    in between are most of a second on a phone); the worker's own request joins it, so the 2.7 MB
    come over the network once. (Without the other tests' interception of every request, which
    would keep the two requests apart.)"""
    from build_scripts.pyodide_bundle import site_folder

    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        paths, wasm_bytes, console = [], [], []
        page.on("request", lambda r: paths.append(r.url[len(server):]))
        page.on("requestfinished", lambda r: wasm_bytes.append(r.sizes()["responseBodySize"])
                if r.url.endswith("/pyodide.asm.wasm") else None)
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"error: {e}"))
        page.goto(server + GUIDE_URL.format("barnekoordinator"))
        wait_for_engine(page)
        assert page.get_attribute("[data-guide-result]", "data-guide-status") not in ("feil", "mappe")
        asked = [path.rsplit("/", 1)[-1] for path in paths]
        assert asked.count("pyodide.asm.wasm") == 2 and asked.index("pyodide.asm.wasm") < asked.index("pyodide.mjs")
        modules = sorted(f"js/guide/{p.name}" for p in (ROOT / "docs" / "js" / "guide").glob("*.js")
                         if p.name != "prepare.js")  # for the other pages
        assert sorted(p for p in paths if p.startswith("js/guide/")) == modules  # each once
        assert max(paths.index(m) for m in modules) < asked.index("pyodide.asm.wasm")
        while len(wasm_bytes) < 2:  # both have come by now; their events may still be on their way
            page.wait_for_event("requestfinished")
        compressed = (site_dir / site_folder(ROOT) / "pyodide.asm.wasm.br").stat().st_size
        assert compressed * 0.9 < sum(wasm_bytes) < compressed * 1.1, (wasm_bytes, compressed)
        assert [c for c in console if c.startswith("error") or "preload" in c] == []
    finally:
        context.close()


def test_an_engine_that_fails_to_load_says_so(visit, server):
    v = visit()
    page = v.page
    v.context.route("**/guide_engine.*.tar", lambda route: route.fulfill(status=404, body="finnes ikke"))
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector(".guide-status--failed", timeout=60_000)
    assert page.get_attribute("[data-guide-result]", "data-guide-status") == "feil"


def _richest_case(guide_id):
    return max((c for g, c in UI_CASES if g == guide_id), key=lambda c: len(c["answers"]))


@pytest.mark.parametrize("guide_id", sorted({g for g, _ in UI_CASES}))
def test_every_guide_with_a_result_is_accessible_and_fits_320px(visit, server, guide_id):
    from conftest import axe_violations

    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + GUIDE_URL.format(guide_id))
    wait_for_engine(page)
    answer(page, guide_id, _richest_case(guide_id)["answers"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    assert axe_violations(page) == []
    # The page says whom the guide is for.
    assert page.is_visible(".guide-audience")
    assert v.foreign == [] and v.errors() == []


def test_the_team_around_the_child_is_a_picture_and_a_list(visit, server):
    v = visit(viewport={"width": 390, "height": 844})
    page = v.page
    page.goto(server + GUIDE_URL.format("samarbeid"))
    wait_for_engine(page)
    answers = {"tjenester": ["spesialisthelsetjeneste", "barnevern", "skole_sfo"], "barnekoordinator_oppnevnt": "ja"}
    answer(page, "samarbeid", answers)
    expected = cli("samarbeid", answers)
    team = next(lst for lst in expected["lists"] if lst["view"] == "team")
    # The picture has one circle per service and one in the middle, and is hidden from screen
    # readers; the numbered list after it says the same in words.
    assert page.locator(".guide-team .guide-team-member").count() == len(team["items"])
    assert page.get_attribute(".guide-team", "aria-hidden") == "true"
    items = page.locator(f'[data-list="{team["id"]}"] ol > li')
    assert items.count() == len(team["items"])
    for i, item in enumerate(team["items"]):
        assert item["label"] in items.nth(i).inner_text()
    assert team["center"]["text"] in page.inner_text(f'[data-list="{team["id"]}"]')


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_result_and_the_checklist_share_their_words_in_the_page_written_form(visit, server, lang):
    """One word per thing: the notes' heading and the sources' label are the same in the result
    and in the checklist, and the team picture names its centre in the page's written form."""
    from build_scripts.ui import t

    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    prefix = "nn/" if lang == "nn" else ""
    page.goto(server + prefix + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    answers = {"venter_barn": "nei", "barnets_alder": 17, "alvorlig_tilstand": "ja"}
    answer(page, "barnekoordinator", answers)
    assert evaluate("barnekoordinator", answers, lang)["notes"], "these answers give notes"
    notes_heading = page.locator("[data-guide-output] .guide-notes").evaluate("ul => ul.previousElementSibling.textContent")
    checklist_heading = page.evaluate("document.querySelector('#merknader').firstChild.textContent")  # not its ¶ link
    assert notes_heading == checklist_heading == t(lang, "guide.notes_heading")
    label = t(lang, "guide.sources") + ":"
    assert page.inner_text("[data-guide-output] .guide-sources >> nth=0").startswith(label)
    assert label in page.inner_text(".guide-checklist")
    page.goto(server + prefix + GUIDE_URL.format("samarbeid"))
    wait_for_engine(page)
    answer(page, "samarbeid", {"tjenester": ["barnevern", "skole_sfo"], "barnekoordinator_oppnevnt": "ja"})
    assert page.text_content(".guide-team-label--center") == t(lang, "js.team_center")
    assert t("nn", "js.team_center") != t("nb", "js.team_center")  # «Samordnar», not bokmål
    assert v.errors() == []


# Each condition and note the result shows, beside the checklist's item for the same id: its
# outline (the parts in order, heading levels aside; the checklist's cases left out), its title,
# its way to another guide and its sources (address, tooltip, text).
SAME_PARTS = """() => {
    const outline = (e) => [...e.children].filter((c) => !c.matches('ul.guide-cases'))
        .map((c) => c.tagName.replace(/^H[1-6]$/, 'H') + ':' + (c.dataset.slot || ''));
    const read = (e) => ({
        outline: outline(e), classes: e.classList[0],
        title: (e.querySelector('[data-slot=title]') || {}).textContent || null,
        guide: [...e.querySelectorAll('[data-slot=guide] a')].map((a) => [a.href, a.textContent]),
        sources: [...e.querySelectorAll('[data-slot=sources] a')].map((a) => [a.href, a.title, a.textContent]),
        note: e.dataset.note ? e.querySelector('[data-slot=text]').textContent : null,
    });
    return [...document.querySelectorAll('[data-guide-output] [data-condition], [data-guide-output] [data-note]')].map((r) => {
        const key = r.dataset.condition ? '[data-condition="' + r.dataset.condition + '"]' : '[data-note="' + r.dataset.note + '"]';
        const c = document.querySelector('.guide-checklist ' + key);
        return { key, result: read(r), checklist: c ? read(c) : null };
    });
}"""


@pytest.mark.parametrize("guide_id", ["barnekoordinator", "deling"])  # conditions and notes; duties
def test_the_result_and_the_checklist_show_a_condition_and_a_note_as_the_same_part(visit, server, guide_id):
    """One renderer: the result fills the page's copies of the parts the checklist is made of, so
    a condition or a note looks and links the same in both (its badge and its reason aside)."""
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + GUIDE_URL.format(guide_id))
    wait_for_engine(page)
    answers = {k: v for k, v in _richest_case(guide_id)["answers"].items() if v is not None}
    answer(page, guide_id, answers)
    pairs = page.evaluate(SAME_PARTS)
    expected = cli(guide_id, answers)
    assert {p["key"] for p in pairs} == {f'[data-condition="{c["id"]}"]' for c in expected["conditions"]} | {
        f'[data-note="{n["id"]}"]' for n in expected["notes"]}
    assert any(p["result"]["sources"] for p in pairs)
    for p in pairs:
        assert p["checklist"] is not None, p["key"]
        result, checklist = p["result"], p["checklist"]
        if "condition" in p["key"]:  # the result's heading carries the status's badge
            assert result["outline"] == checklist["outline"] == ["H:heading", "P:text", "P:sources"], p["key"]
        assert result == checklist, p["key"]
    assert v.errors() == []


def walk_to_a_clear_no(browser, origin: str, page_url: str):
    """Open the barnekoordinator guide at ``page_url`` (any server, any path), recording every
    Content-Security-Policy violation in window.__csp as [directive, source file], and answer it
    to a clear no. Returns the Visit; the caller checks it and closes it."""
    from conftest import Visit

    v = Visit(browser, origin, viewport={"width": 390, "height": 844})
    v.context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                              " e => window.__csp.push([e.effectiveDirective, e.sourceFile]))")
    v.page.goto(page_url)
    wait_for_engine(v.page)
    answers = {"venter_barn": "nei", "barnets_alder": 18}
    answer(v.page, "barnekoordinator", answers)
    settle(v.page, answers)
    assert v.page.get_attribute("[data-guide-result]", "data-guide-status") == "ikke_oppfylt"
    return v


def test_the_guides_work_where_a_proxy_refuses_wheel_files(visit, server):
    # Some intranet proxies refuse .whl downloads: the engine ships as one plain archive.
    v = visit()
    refused = []
    v.context.route("**/*.whl", lambda route: (refused.append(route.request.url), route.fulfill(status=403, body="nei")))
    answers = {"venter_barn": "nei", "barnets_alder": 18}
    v.page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(v.page)
    answer(v.page, "barnekoordinator", answers)
    assert v.page.get_attribute("[data-guide-result]", "data-guide-status") == "ikke_oppfylt"
    assert refused == [] and v.errors() == []
