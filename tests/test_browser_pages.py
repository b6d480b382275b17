"""Every built page in Chromium: WCAG 2.1 A/AA by axe-core, nothing from other origins, no
console errors, a 320 px wide screen; and the guide on servers configured as intranets are."""
from __future__ import annotations

import pytest

from conftest import axe_violations, page_urls, search_site, wait_for_engine


def _urls(folder: str, guides) -> list[str]:
    from build_scripts.guide_nav import page
    from conftest import ROOT

    urls = []
    sources = {md.relative_to(ROOT / folder).as_posix() for md in (ROOT / folder).rglob("*.md")}
    for md in sorted(sources | {page(g) for g in guides}):
        rel = md.removesuffix(".md")
        rel = "" if rel == "index" else rel[: -len("index")] if rel.endswith("/index") else rel + "/"
        urls.append(rel)
    return urls


def pages():
    # Collected without building: every page in docs/ and every guide's page (the build writes
    # those a guide has none of by hand), and its nynorsk twin under nn/ (docs-nn/ has the same
    # pages); under en/ the English family pages (docs-en/) and the guides that have English.
    from build_scripts.guide_nav import in_language
    from guide_engine.api import all_ids

    urls = _urls("docs", all_ids())
    return urls + ["nn/" + u for u in urls] + ["en/" + u for u in _urls("docs-en", in_language("en"))]


PAGES = pages()


def test_the_page_list_matches_the_built_site(site_dir):
    assert sorted(PAGES) == sorted(page_urls(site_dir))


@pytest.mark.parametrize("url", PAGES, ids=lambda u: u or "forside")
def test_page_is_accessible_same_origin_and_fits_a_phone(visit, server, url):
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    response = page.goto(server + url)
    assert response.status == 200
    # goto returns after «load»: every script of the page has run. A guide says when its engine is
    # ready; nothing waits for the network to fall quiet (the search index may still be loading).
    if page.query_selector("[data-guide]"):
        wait_for_engine(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    assert page.evaluate("document.documentElement.lang") == next(
        (lang for lang in ("nn", "en") if url.startswith(lang + "/")), "nb")
    assert axe_violations(page) == []
    assert v.foreign == [], v.foreign
    assert v.errors() == []


def test_the_guide_with_a_result_shown_is_accessible_on_desktop(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "veivisere/barnekoordinator/")
    wait_for_engine(page)
    for q in ["venter_barn", "alvorlig_tilstand", "behov_helse_og_omsorg", "behov_andre_velferdstjenester"]:
        page.check(f"#{q}--ja")
    page.check("#behov_koordinering--vet_ikke")
    page.wait_for_selector('[data-guide-status="uavklart"] [data-condition]')
    page.wait_for_selector('[data-question="vanskelig_familiesituasjon"]:not([hidden])')
    assert axe_violations(page) == []
    # A shown input error is accessible too.
    page.click("[data-guide-reset]")
    page.check("#venter_barn--nei")
    page.fill("#barnets_alder", "tolv")
    page.press("#barnets_alder", "Tab")
    page.wait_for_selector('[data-guide-status="feil"]')
    assert axe_violations(page) == []
    assert v.foreign == [] and v.errors() == []


def test_search_finds_norwegian_words_without_leaving_the_site(visit, server):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server)
    titles = search_site(page, "samordningsplikten")  # a stemmed form of «samordningsplikt»
    assert any("amordning" in t for t in titles)
    # The search dialog has a name (Lighthouse: aria-dialog-name), the theme's own word in the
    # page's written form: «Søk» in bokmål and in nynorsk alike.
    assert page.get_by_role("dialog", name="Søk", exact=True).count() == 1
    page.goto(server + "nn/")
    assert page.get_attribute("html", "lang") == "nn"
    page.click("label.md-search__icon, .md-search__input")
    assert page.get_by_role("dialog", name="Søk", exact=True).count() == 1
    assert v.foreign == [] and v.errors() == []


SEARCH_INDEX = "/search/search_index.json"
SEARCH_WORKER = "/assets/javascripts/workers/search."


def test_a_guide_page_starts_the_search_after_its_first_result(visit, server):
    """The theme's search (its index and its worker) competes with the engine's start: on a guide
    page it waits for the first result (guide-start.js), then starts without the reader's help."""
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(server + "veivisere/barnekoordinator/")
    wait_for_engine(page)
    page.wait_for_function(f"performance.getEntriesByType('resource').some(e => e.name.endsWith('{SEARCH_INDEX}'))")
    first = int(page.get_attribute("[data-guide]", "data-first-result-at"))
    started = page.evaluate(f"""() => performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('{SEARCH_INDEX}') || e.name.includes('{SEARCH_WORKER}')).map(e => e.startTime)""")
    assert len(started) == 2 and min(started) >= first - 1, (first, started)
    search_site(page, "samordningsplikten")
    assert v.foreign == [] and v.errors() == []


def test_on_a_guide_page_the_search_works_while_the_engine_starts(visit, server):
    """Turning to the search starts it at once, even when the engine never becomes ready."""
    v = visit(viewport={"width": 412, "height": 915})
    page = v.page
    held = []
    v.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # never answered
    page.goto(server + "veivisere/barnekoordinator/")  # until «load»: the theme has mounted its search
    page.wait_for_selector("[data-guide-started]")
    assert not [u for u in v.requests if SEARCH_INDEX in u or SEARCH_WORKER in u]
    titles = search_site(page, "samordningsplikten", opener="label.md-header__button[for=__search]")  # the phone's
    assert any("amordning" in t for t in titles)
    assert not page.get_attribute("[data-guide]", "data-first-result-at")
    assert v.foreign == [] and v.errors() == []


@pytest.fixture
def serve_variant(site_dir):
    from build_scripts.serve import serve_in_background

    servers = []

    def start(**kwargs):
        srv = serve_in_background(site_dir, **kwargs)
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()


def _visit_at(browser, origin, **kwargs):
    from conftest import Visit

    return Visit(browser, origin + "/", **kwargs)


@pytest.mark.parametrize("mime", ["application/octet-stream", "application/wasm; charset=binary"])
def test_the_guide_works_when_the_server_sends_wasm_with_the_wrong_mime_type(browser, serve_variant, mime):
    # The second is refused by the streaming compiler too: it wants the type alone.
    origin = serve_variant(mime_overrides={".wasm": mime})
    v = _visit_at(browser, origin)
    try:
        v.page.goto(origin + "/veivisere/barnekoordinator/")
        wait_for_engine(v.page)
        v.page.check("#venter_barn--nei")
        v.page.fill("#barnets_alder", "20")
        v.page.press("#barnets_alder", "Tab")
        v.page.wait_for_selector('[data-guide-status="ikke_oppfylt"]')
        assert v.foreign == []
    finally:
        v.close()


def test_the_site_works_under_a_sub_path(browser, serve_variant):
    origin = serve_variant(prefix="/intranett/barn/")
    v = _visit_at(browser, origin)
    try:
        v.page.goto(origin + "/intranett/barn/veivisere/barnekoordinator/")
        wait_for_engine(v.page)
        v.page.check("#venter_barn--ja")
        v.page.wait_for_selector('[data-guide-busy="false"]')
        assert all(u.startswith(origin + "/intranett/barn/") for u in v.requests), \
            [u for u in v.requests if not u.startswith(origin + "/intranett/barn/")]
        assert v.errors() == []
    finally:
        v.close()


STRICT_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'")


@pytest.mark.parametrize("url", ["", "veivisere/barnekoordinator/", "tjenester/samordningsplikt/"])
def test_the_site_runs_under_a_strict_content_security_policy(browser, serve_variant, url):
    origin = serve_variant(headers={"Content-Security-Policy": STRICT_CSP})
    v = _visit_at(browser, origin, service_workers="allow")  # the policy must allow the service worker too
    try:
        v.page.goto(origin + "/" + url)
        if url.startswith("veivisere"):
            wait_for_engine(v.page)
            v.page.check("#venter_barn--ja")
            v.page.wait_for_selector('[data-guide-busy="false"]')
            assert v.page.get_attribute("[data-guide-result]", "data-guide-status") == "uavklart"
        # Otherwise «load» (goto waits for it) has run every script: a blocked one has said so.
        assert v.errors() == [], v.errors()  # a blocked inline script or style is a console error
    finally:
        v.close()


def test_answers_are_not_kept_in_browser_storage(visit, server):
    v = visit()
    page = v.page
    page.goto(server + "veivisere/barnekoordinator/")
    wait_for_engine(page)
    page.check("#venter_barn--nei")
    page.fill("#barnets_alder", "13")
    page.press("#barnets_alder", "Tab")
    page.wait_for_selector('[data-guide-busy="false"]')
    stored = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])")
    assert "13" not in stored and "venter_barn" not in stored and "barnets_alder" not in stored
    assert "13" not in page.url and "venter" not in page.url  # answers never go in the address


def test_a_server_that_sends_mjs_with_the_wrong_mime_type_gets_a_plain_message(browser, serve_variant):
    # Pyodide cannot start then (module scripts are checked strictly); the page must say so.
    origin = serve_variant(mime_overrides={".mjs": "application/octet-stream"})
    v = _visit_at(browser, origin)
    try:
        v.page.goto(origin + "/veivisere/barnekoordinator/")
        v.page.wait_for_selector(".guide-status--failed", timeout=60_000)
        said = v.page.text_content("[data-guide-loading]")
        # The server did not deliver a usable file: the download is named, not the browser.
        assert "kunne ikke lastes ned" in said and "nettleseren" not in said
        v.page.check("#venter_barn--ja")  # the checklist is still usable
    finally:
        v.close()


def test_tables_are_tables_on_desktop_and_cards_on_phones(visit, server):
    style = """() => { const t = document.querySelector('.table-region table'), td = t.querySelector('td');
        return {table: getComputedStyle(t).display, td: getComputedStyle(td).display,
                border: getComputedStyle(td).borderTopStyle}; }"""
    wide = visit(viewport={"width": 1280, "height": 900}).page
    wide.goto(server + "familie/klage/")
    got = wide.evaluate(style)
    assert got["td"] == "table-cell" and got["border"] == "solid", got  # the theme's own table style
    narrow = visit(viewport={"width": 320, "height": 720}).page
    narrow.goto(server + "familie/klage/")
    got = narrow.evaluate(style)
    assert got["table"] == "block" and got["td"] == "block"
