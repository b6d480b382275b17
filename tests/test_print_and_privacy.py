"""What people print is on the paper, no answer or search word reaches an address, and a failure
while answering leaves a working form.

Printed features are read as a printer gets them: the page in print media, made into a PDF by
Chromium and turned into text by poppler's pdftotext. The text is compared with what was typed
and with what the page (the engine's result) shows.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import printed, search_site, wait_for_engine, words
from guide_engine import evaluate
from test_browser_guide import ALL_UI_CASES, GUIDE_URL, answer, settle

PREFIX = {"nb": "", "nn": "nn/"}


def press_print(page, button: str) -> str:
    """Click a print button with the browser's print dialog replaced: the body's classes while
    printing, which the test then sets itself for the PDF."""
    page.evaluate("() => { window.print = () => { window.printedWith = document.body.className; }; }")
    page.click(button)
    classes = page.evaluate("window.printedWith")
    assert classes is not None, "the button did not print"
    return classes


def _letter_case(guide_id):
    """The fullest answers that make the page offer a letter (answers given: none shows none)."""
    for g, c in sorted(ALL_UI_CASES, key=lambda gc: -len(gc[1]["answers"])):
        given = {k: v for k, v in c["answers"].items() if v is not None}
        if g == guide_id and given and evaluate(g, given).get("letter"):
            return c["answers"]
    raise AssertionError(f"no case of {guide_id} offers a letter")


LONG_NAME = "Kari Nordmann Haugen-Brekkestø Johansen Strand"


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("guide_id", ["barnekoordinator", "familien"])
def test_the_letter_prints_whole_and_alone(visit, server, guide_id, lang):
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + PREFIX[lang] + GUIDE_URL.format(guide_id))
    wait_for_engine(page)
    answer(page, guide_id, _letter_case(guide_id))
    if guide_id == "familien":  # the family types names into its letter
        page.fill("#brev-barn", LONG_NAME)
        page.fill("#brev-navn", "Ola " + LONG_NAME)
    letter = page.inner_text("#brev")
    assert words(letter)
    classes = press_print(page, ".guide-letter-box .guide-actions button")
    assert "print-letter" in classes.split()
    page.evaluate("document.body.classList.add('print-letter')")
    paper = words(printed(page))
    # Every word of the letter, in order, and nothing else from the page.
    assert paper == words(letter)
    if guide_id == "familien":
        assert LONG_NAME in paper and "Ola " + LONG_NAME in paper
    assert v.foreign == [] and v.errors() == []


def _richest_case(guide_id):
    return max((c for g, c in ALL_UI_CASES if g == guide_id), key=lambda c: len(c["answers"]))


@pytest.mark.parametrize("guide_id,lang", [(g, "nb") for g in ("barnekoordinator", "individuell_plan", "samarbeid", "deling",
                                                                "familien")] + [("barnekoordinator", "nn")])
def test_the_summary_prints_the_answers_and_the_result(visit, server, guide_id, lang):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + PREFIX[lang] + GUIDE_URL.format(guide_id))
    wait_for_engine(page)
    answers = _richest_case(guide_id)["answers"]
    answer(page, guide_id, answers)
    press_print(page, "[data-guide-print]")
    paper = words(printed(page))
    for verdict in page.locator(".guide-verdict").all_inner_texts():
        assert words(verdict) in paper
    for legend in page.locator(".guide-question:not([hidden]) .guide-legend").all_inner_texts():
        assert words(legend) in paper
    if isinstance(answers.get("barnets_alder"), int):
        assert page.input_value("#barnets_alder") == str(answers["barnets_alder"])
    assert v.foreign == [] and v.errors() == []


CONSENT = {
    "#samtykkeskjema-samtykker-navn": "Ola " + LONG_NAME,
    "#samtykkeskjema-gjelder-barnets_navn": LONG_NAME,
    "#samtykkeskjema-varighet-til_dato": "Til 31.12.2027, men ikke etter at barnet har fylt 16 år, og bare så lenge tiltaket varer",
    "#samtykkeskjema-opplysninger-hvilke": "\n".join(f"Linje {n}: opplysning nummer {n} om barnets helse og skole" for n in range(1, 13)),
    "#samtykkeskjema-mottakere-til": "PP-tjenesten\nHelsestasjonen\nBarnehagen Solsikken, avdeling Blåklokke",
}


def _fill_consent(page):
    for selector, text in CONSENT.items():
        page.fill(selector, text)
    page.check("#samtykkeskjema-frivillig-forstatt")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_consent_form_prints_everything_typed_and_nothing_else(visit, server, lang):
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + PREFIX[lang] + GUIDE_URL.format("deling"))
    wait_for_engine(page)
    _fill_consent(page)
    classes = press_print(page, ".samtykkeskjema .guide-actions button")
    assert "print-consent" in classes.split()
    page.evaluate("document.body.classList.add('print-consent')")
    paper = printed(page)
    flat = words(paper)
    for text in CONSENT.values():
        for line in text.splitlines():
            assert words(line) in flat, line
    # The form's own words are there, the guide's questions and the page's title are not.
    assert words(page.inner_text("#samtykkeskjema-tittel")) in flat
    assert words(page.inner_text(".guide-question .guide-legend >> nth=0")) not in flat
    assert words(page.inner_text("article h1")) not in flat
    # An empty field prints as room to write on: its label is on the paper.
    assert words(page.inner_text("label[for='samtykkeskjema-samtykker-rolle']")) in flat
    assert v.foreign == [] and v.errors() == []


def test_without_javascript_the_consent_form_still_prints_everything_typed(visit, server):
    v = visit(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + GUIDE_URL.format("deling"))
    _fill_consent(page)
    flat = words(printed(page))
    for text in CONSENT.values():
        for line in text.splitlines():
            assert words(line) in flat, line


# --- no answer and no search word in an address ---------------------------------------------

def _carries(url: str, *typed: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.query) or any(t.lower() in url.lower() for t in typed)


@pytest.mark.parametrize("javascript", [False, True])
def test_enter_in_the_age_field_sends_nothing_anywhere(visit, server, javascript):
    v = visit(java_script_enabled=javascript)
    page = v.page
    if javascript:  # the engine never starts: only the page's own guard could stop a submission
        page.clock.install()
        v.context.route("**/pyodide.asm.wasm", lambda route: None)
    url = server + GUIDE_URL.format("barnekoordinator")
    page.goto(url)
    if javascript:
        # While it starts, only the questions it asks first are shown; once it has given up,
        # the whole checklist is, with the age field.
        page.wait_for_selector("[data-guide-started]")
        page.clock.run_for(int(page.get_attribute("[data-guide]", "data-timeout-ms")) + 1000)
        page.wait_for_selector(".guide-status--failed", timeout=5_000)
    page.check("#venter_barn--nei")
    page.check("#alvorlig_tilstand--ja")
    page.fill("#barnets_alder", "9")
    page.press("#barnets_alder", "Enter")
    page.fill("#barnets_alder", "10")
    page.locator("#barnets_alder").press("Enter")
    assert page.evaluate("location.href") == url
    assert not [r for r in v.requests if _carries(r, "barnets_alder", "alvorlig_tilstand")]
    assert page.input_value("#barnets_alder") == "10"  # nothing was reset by a reload either


def test_search_words_never_reach_an_address(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "familie/")
    search_site(page, "klage")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert hrefs and not [h for h in hrefs if urlparse(h).query]  # no ?h=klage
    page.click(".md-search-result__link >> nth=0")  # a result opened as a reader opens it
    page.wait_for_url(lambda url: url.split("#")[0] == hrefs[0].split("#")[0])
    assert not _carries(page.url)
    search_site(page, "klage")
    with page.expect_navigation():
        page.press(".md-search__input", "Enter")  # the theme opens the best result
    assert not _carries(page.url)
    assert not [r for r in v.requests if "klage" in urlparse(r).query.lower()]


def test_without_javascript_the_search_box_sends_nothing(visit, server):
    v = visit(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = v.page
    url = server + "familie/"
    page.goto(url)
    # Whether or not the theme shows its search box without scripts, its form submits nowhere.
    assert page.get_attribute("form.md-search__form", "method") == "dialog"
    if page.is_visible(".md-search__input"):
        page.fill(".md-search__input", "mishandling")
        page.press(".md-search__input", "Enter")
        assert page.url == url
    assert not [r for r in v.requests if "mishandling" in r]


# --- failures while starting and while answering ------------------------------------------

FAULT = 'run = pyodide.pyimport("guide_engine.browser").run;'
# A fault in the engine (not in the answers) the first time it is asked about this age: the
# adapter (guide_engine/browser.py) must answer with a crash, not an input error.
BREAK = """pyodide.runPython(`
import guide_engine.browser as adapter
real, once = adapter.evaluate, []
def faulty(guide, answers, lang):
    if str(answers.get("barnets_alder")).strip() == "AGE" and not once:  # the page sends it as typed
        once.append(True)
        raise RuntimeError("a fault made by the test")
    return real(guide, answers, lang)
adapter.evaluate = faulty
`);"""


def _fail_once_at(context, age):
    """The worker, as served, made to fail once: the first time it is asked about this age (the
    page sends the age as typed, a text the engine reads)."""
    def route(r):
        body = r.fetch().text()
        assert FAULT in body, "the fault cannot be placed: the worker has changed"
        body = body.replace(FAULT, FAULT + "\n" + BREAK.replace("AGE", str(age)))
        r.fulfill(status=200, body=body, content_type="text/javascript")
    context.route("**/js/guide-worker.js", route)


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_an_answer_that_fails_leaves_a_working_form(visit, server, lang):
    v = visit(viewport={"width": 390, "height": 844})
    page = v.page
    _fail_once_at(v.context, 13)
    page.goto(server + PREFIX[lang] + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    answer(page, "barnekoordinator", {"venter_barn": "nei", "barnets_alder": 12})
    before = page.inner_text(".guide-verdict")
    page.fill("#barnets_alder", "13")
    page.press("#barnets_alder", "Tab")
    page.wait_for_selector("[data-guide][data-guide-stale='true'][data-guide-busy='false']", timeout=20_000)
    said = page.inner_text("[data-guide-loading]")
    assert ("ble ikke sjekket" if lang == "nb" else "vart ikkje sjekka") in said
    assert "starte" not in said and "nettles" not in said
    stale = page.locator("[data-guide-stale]:not([data-guide])")
    # in the words of a guide for families («dere»/«de»), as the page says them
    from build_scripts.ui import for_audience
    assert stale.is_visible() and stale.inner_text() == for_audience(lang, "familie")["js"]["stale"]
    assert ("svarene dere ga før" if lang == "nb" else "svara de gav før") in stale.inner_text()
    assert page.inner_text(".guide-verdict") == before  # still there, marked as old
    assert page.is_hidden("[data-guide-peek]")  # the phone's bar does not show it as current
    # The next answer tries again and is answered; the marks go.
    page.fill("#barnets_alder", "14")
    page.press("#barnets_alder", "Tab")
    settle(page, {"venter_barn": "nei", "barnets_alder": 14})
    assert not stale.is_visible() and not page.is_visible("[data-guide-loading]")
    page.check("#alvorlig_tilstand--ja")
    settle(page, {"venter_barn": "nei", "barnets_alder": 14, "alvorlig_tilstand": "ja"})
    assert page.get_attribute("[data-guide]", "data-guide-stale") is None


def test_a_result_is_marked_as_updating_from_the_first_key_press(visit, server):
    v = visit()
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    answer(page, "barnekoordinator", {"venter_barn": "nei", "barnets_alder": 7})
    # Read in the page right after the form's own handler of that key press (a listener on the
    # document runs after the form's): on a busy machine the debounce may have run before a
    # second read from here.
    page.evaluate("""() => document.addEventListener("input", () => {
        window.busyAtKeyPress = [document.querySelector("[data-guide]").getAttribute("data-guide-busy"),
                                 document.querySelector("[data-guide-result]").getAttribute("aria-busy")];
    }, { once: true })""")
    page.fill("#barnets_alder", "70")  # one input event
    assert page.evaluate("window.busyAtKeyPress") == ["true", "true"]
    settle(page, {"venter_barn": "nei", "barnets_alder": 70})
    assert page.get_attribute("[data-guide-result]", "aria-busy") is None


def test_a_failed_download_says_so_within_seconds_and_the_checklist_stays(visit, server):
    v = visit()
    page = v.page
    v.context.route("**/pyodide.asm.wasm", lambda route: route.abort("connectionreset"))
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    page.wait_for_selector(".guide-status--failed", timeout=10_000)  # not the 45 s time-out
    said = page.inner_text("[data-guide-loading]")
    assert "lastes ned" in said and "nettleseren" not in said and "på nytt" in said
    page.check("#venter_barn--nei")
    assert page.is_checked("#venter_barn--nei") and page.is_visible("#vilkar-barn_under_18")


@pytest.mark.parametrize("typed,never_shown", [
    ("9" * 400, None),
    ("123456789012345678901234567890", "123456789012345677877719597056"),
    ("17,9999999999999999", "18"),
])
def test_an_age_beyond_what_javascript_holds_is_refused_not_rounded(visit, server, typed, never_shown):
    v = visit()
    page = v.page
    page.goto(server + GUIDE_URL.format("barnekoordinator"))
    wait_for_engine(page)
    answer(page, "barnekoordinator", {"venter_barn": "nei"})
    page.fill("#barnets_alder", typed)
    page.press("#barnets_alder", "Tab")
    settle(page, {"venter_barn": "nei", "barnets_alder": typed})
    message = page.inner_text("#feil-barnets_alder")
    assert page.is_visible("#feil-barnets_alder") and "«" in message
    if never_shown:
        assert never_shown not in message
    assert page.get_attribute("[data-guide]", "data-guide-stale") == "true"  # the result below is not for this
