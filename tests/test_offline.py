"""Offline reading: after one visit the service worker (Workbox) serves every page, the search
and, once the guide has been used online, the guide itself without a network."""
from __future__ import annotations

import html
import re

from conftest import ROOT, search_site, wait_for_engine, wait_for_engine_cache


def test_pages_search_and_a_used_guide_work_offline(browser, server, site_dir):
    assert (site_dir / "sw.js").is_file()
    context = browser.new_context(service_workers="allow")
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server)
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60_000)
        page.evaluate("navigator.serviceWorker.ready")
        # Use the guide once online, so its large Pyodide files are cached too.
        page.goto(server + "veivisere/barnekoordinator/")
        wait_for_engine(page)
        # The cache then holds the four large files the engine fetched.
        assert len(wait_for_engine_cache(page, site_dir)) == 4

        context.set_offline(True)
        page.goto(server + "tjenester/samordningsplikt/")  # never visited: precached
        built = (site_dir / "tjenester" / "samordningsplikt" / "index.html").read_text(encoding="utf-8")
        assert page.title() == html.unescape(re.search(r"<title>(.*?)</title>", built).group(1))
        search_site(page, "barnekoordinator", opener=None)

        page.goto(server + "veivisere/barnekoordinator/")
        wait_for_engine(page)
        page.check("#venter_barn--nei")
        page.fill("#barnets_alder", "18")
        page.press("#barnets_alder", "Tab")
        page.wait_for_selector('[data-guide-status="ikke_oppfylt"]', timeout=20_000)
        assert errors == []
    finally:
        context.close()


def test_every_script_of_the_site_is_precached(site_dir):
    """The guide's modules (js/guide/) are loaded one by one: each must be there offline."""
    from conftest import ROOT

    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    scripts = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "js").rglob("*.js"))
    assert "js/guide/page.js" in scripts
    assert [s for s in scripts if f'url:"{s}"' not in sw] == []


def test_only_norwegian_search_support_is_precached(site_dir):
    """The theme ships search support for many languages; a saved copy needs Norwegian only."""
    for sw in (site_dir / "sw.js", site_dir / "nn" / "sw.js"):
        lunr = sorted(set(re.findall(r'url:"(assets/javascripts/lunr/[^"]+)"', sw.read_text(encoding="utf-8"))))
        assert lunr == ["assets/javascripts/lunr/min/lunr.no.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"], (sw, lunr)
        assert (site_dir / "assets" / "javascripts" / "lunr" / "wordcut.js").is_file()  # still served, only not saved


def test_the_service_worker_loads_nothing_from_elsewhere(site_dir):
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "importScripts" not in sw  # Workbox's runtime is inlined, not fetched
    assert "storage.googleapis" not in sw and "cdn" not in sw.lower()


def test_each_written_form_keeps_its_own_pages_offline(browser, server, site_dir):
    """nynorsk (nn/) has its own worker: a reader's device keeps the form it reads, not both."""
    top, nn = (site_dir / "sw.js").read_text(encoding="utf-8"), (site_dir / "nn" / "sw.js").read_text(encoding="utf-8")
    assert '"nn/' not in top and 'url:"nn/' not in top
    assert 'url:"tjenester/samordningsplikt/index.html"' in nn and 'url:"tjenester/samordningsplikt/index.html"' in top
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(server + "nn/")
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60_000)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == server + "nn/sw.js"
        context.set_offline(True)
        page.goto(server + "nn/tjenester/samordningsplikt/")  # never visited: precached
        assert page.get_attribute("html", "lang") == "nn" and "samordningsplikt" in page.content().lower()
    finally:
        context.close()


def test_a_saved_page_says_when_it_may_be_old(browser, site_dir, tmp_path):
    """Offline, a page read from the saved copy says so; online, a newer build that takes over
    an open page is announced (the page itself is still the old one)."""
    import shutil

    from build_scripts.serve import serve_in_background

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    srv = serve_in_background(copy)
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(base)
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60_000)
        assert page.is_hidden("[data-sw-notice]")  # the first install is not news
        # A new build: another service worker (its compressed copies go with the old one).
        sw = copy / "sw.js"
        sw.write_text(sw.read_text(encoding="utf-8") + "\n// ny bygging\n", encoding="utf-8")
        for old in (copy / "sw.js.br", copy / "sw.js.gz"):
            old.unlink(missing_ok=True)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_selector("[data-sw-notice][data-kind='newer']", timeout=90_000)
        assert "nyere versjon" in page.inner_text("[data-sw-notice]")
        context.set_offline(True)
        page.goto(base + "tjenester/samordningsplikt/")
        page.wait_for_selector("[data-sw-notice][data-kind='saved']", timeout=10_000)
        notice = page.inner_text("[data-sw-notice]")
        assert "lagret kopi" in notice and "Nettstedet ble bygget" in notice and "utdatert" not in notice
        # The same copy read more than 90 days after the build says the law may have changed.
        later = context.new_page()
        later.add_init_script("{ const ahead = 100 * 864e5, now = Date.now; Date.now = () => now() + ahead; }")
        later.goto(base + "tjenester/samordningsplikt/")
        later.wait_for_selector("[data-sw-notice][data-kind='old']", timeout=10_000)
        assert "mer enn 90 dager gammel" in later.inner_text("[data-sw-notice]")
    finally:
        context.close()
        srv.shutdown()


def test_a_rebuilt_municipal_copy_is_announced_and_then_shown(browser, tmp_path, municipal_site_dir):
    """The municipality changes a phone number and rebuilds in place: a reader with the page open
    is told that a newer version exists, and the next page shows the new number."""
    import shutil

    from build_scripts.serve import serve_in_background
    from conftest import MUNICIPAL_CONFIG, build_site

    config_dir = tmp_path / "kommune"
    shutil.copytree(MUNICIPAL_CONFIG.parent, config_dir)
    config = config_dir / "kommune.yml"
    site = tmp_path / "site"
    shutil.copytree(municipal_site_dir, site)  # as built from that configuration (conftest)
    srv = serve_in_background(site)
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(base + "familie/")
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60_000)
        assert "12 34 56 78" in page.inner_text("body")
        # A new number, built beside the served folder and swapped in.
        config.write_text(config.read_text(encoding="utf-8").replace('"12 34 56 78"', '"87 65 43 21"'), encoding="utf-8")
        assert build_site(site, kommune=config).returncode == 0
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_selector("[data-sw-notice][data-kind='newer']", timeout=90_000)
        assert "nyere versjon" in page.inner_text("[data-sw-notice]")
        page.goto(base + "familie/klage/")
        body = page.inner_text("body")
        assert "87 65 43 21" in body and "12 34 56 78" not in body
    finally:
        context.close()
        srv.shutdown()
