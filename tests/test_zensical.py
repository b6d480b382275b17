"""The same site from MkDocs + Material and from Zensical, Material's successor: the glue is a
Markdown extension and plain build steps, which both builders run (build_scripts/build.py).

Differences Zensical cannot help, and so not compared: the search index (MkDocs writes
search/search_index.json for Material's search plugin, Zensical its own search.json), the
sitemap's form, and the theme's own markup around the article (Zensical's templates differ in
details such as the skip link and the header)."""
from __future__ import annotations

import contextlib
import pathlib
import re
import tempfile
from urllib.parse import unquote

import pytest

from conftest import Visit, axe_violations, build_site, html_pages, wait_for_engine
from guide_engine.api import all_ids
from test_browser_guide import answer, walk_to_a_clear_no
from test_browser_pages import STRICT_CSP

ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
LOVDATA = re.compile(r'href="(https://lovdata\.no/[^"]+)"')
GLOSSARY = re.compile(r'class="ordliste" href="([^"]+)"')


@pytest.fixture(scope="module")
def zensical_site_dir():
    with tempfile.TemporaryDirectory(prefix="site-zensical-") as tmp:
        dest = pathlib.Path(tmp) / "site"
        proc = build_site(dest, builder="zensical")
        assert proc.returncode == 0, f"zensical build --strict failed:\n{proc.stderr}"
        yield dest


def _article(path: pathlib.Path) -> str:
    m = ARTICLE.search(path.read_text(encoding="utf-8"))
    return m.group(1) if m else ""


def _pages(site: pathlib.Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in html_pages(site))


def test_both_builders_make_the_same_pages(site_dir, zensical_site_dir):
    assert _pages(zensical_site_dir) == _pages(site_dir)


@pytest.mark.parametrize("guide_id", all_ids())
def test_every_guide_page_has_its_form_in_both(site_dir, zensical_site_dir, guide_id):
    for site in (site_dir, zensical_site_dir):
        page = (site / "veivisere" / guide_id / "index.html").read_text(encoding="utf-8")
        assert 'id="veiviser-skjema"' in page and 'id="veiviser-data"' in page
        assert f'data-guide-id="{guide_id}"' in page  # the engine starts from <head>


def test_law_links_tables_and_glossary_links_are_the_same(site_dir, zensical_site_dir):
    checked = 0
    for rel in _pages(site_dir):
        mk, zs = _article(site_dir / rel), _article(zensical_site_dir / rel)
        assert sorted(map(unquote, LOVDATA.findall(zs))) == sorted(map(unquote, LOVDATA.findall(mk))), rel
        assert zs.count('class="table-region"') == mk.count('class="table-region"'), rel
        assert GLOSSARY.findall(zs) == GLOSSARY.findall(mk), rel
        for site, text in (("mkdocs", mk), ("zensical", zs)):
            visible = re.sub(r"<(script|code|pre)[^>]*>.*?</\1>", "", text, flags=re.S)
            assert "[[" not in visible and "{{" not in visible, f"{site}: raw marker left in {rel}"
        checked += 1
    assert checked >= 20


def test_a_guide_reaches_a_result_on_the_zensical_build_under_a_strict_csp(browser, zensical_site_dir):
    from build_scripts.serve import serve_in_background

    srv = serve_in_background(zensical_site_dir, headers={"Content-Security-Policy": STRICT_CSP})
    origin = f"http://127.0.0.1:{srv.server_address[1]}/"
    v = walk_to_a_clear_no(browser, origin, origin + "veivisere/barnekoordinator/")
    try:
        assert v.foreign == [], v.foreign
        # One difference Zensical cannot help here: its search UI (in the theme's JavaScript bundle,
        # not in a template) puts a <style> element into a shadow root, which style-src 'self'
        # refuses; the search box then lacks its styles. Nothing else may be blocked.
        violations = v.page.evaluate("window.__csp")
        assert all(d == "style-src-elem" and "/assets/javascripts/bundle." in src for d, src in violations), violations
        errors = [e for e in v.errors() if not ("inline style" in e and len(violations) > 0)]
        assert errors == [], errors
    finally:
        v.close()
        srv.shutdown()


@contextlib.contextmanager
def _phone_visit(browser, site: pathlib.Path):
    """The Zensical site served (axe is injected as a script: no policy here) and one visit at
    320 px; on leaving, the page fits that width, axe finds nothing, nothing came from elsewhere
    and nothing failed."""
    from build_scripts.serve import serve_in_background

    srv = serve_in_background(site)
    origin = f"http://127.0.0.1:{srv.server_address[1]}/"
    v = Visit(browser, origin, viewport={"width": 320, "height": 720})
    try:
        yield v, origin
        assert v.page.evaluate("document.documentElement.scrollWidth") <= 320
        assert axe_violations(v.page) == []
        assert v.foreign == [] and v.errors() == []
    finally:
        v.close()
        srv.shutdown()


def test_the_zensical_build_with_a_result_shown_is_accessible(browser, zensical_site_dir):
    with _phone_visit(browser, zensical_site_dir) as (v, origin):
        v.page.goto(origin + "veivisere/familien/")
        wait_for_engine(v.page)
        answer(v.page, "familien", {"venter_barn": "nei", "barnets_alder": 6, "tjenester": ["barnevern", "barnehage"]})


def test_the_english_guide_and_its_language_links_are_the_same_in_both(site_dir, zensical_site_dir, browser):
    """English (en/) from Zensical too: the same language links and English menu, and the guide
    gives the Norwegian letter with its English rendering, accessible at 320 px."""
    from test_print_and_privacy import _letter_case

    switch = re.compile(r'<a class="malform__lenke" href="([^"]+)" hreflang="(\w+)"')
    norwegian_links = re.compile(r'href="((?:\.\./)+(?:tjenester|kommune|kilder|utviklere)/)"')
    for rel in ("en/index.html", "en/familie/klage/index.html", "tjenester/index.html", "en/veivisere/familien/index.html"):
        mk, zs = ((s / rel).read_text(encoding="utf-8") for s in (site_dir, zensical_site_dir))
        assert switch.findall(zs) == switch.findall(mk) and switch.findall(mk), rel
        assert sorted(set(norwegian_links.findall(zs))) == sorted(set(norwegian_links.findall(mk))), rel
    with _phone_visit(browser, zensical_site_dir) as (v, origin):
        v.page.goto(origin + "en/veivisere/barnekoordinator/")
        wait_for_engine(v.page)
        assert v.page.get_attribute("html", "lang") == "en"
        answer(v.page, "barnekoordinator", _letter_case("barnekoordinator"))
        assert v.page.get_attribute("#brev", "lang") == "nb"
        assert v.page.locator("[data-letter-translation]").count() == 1
