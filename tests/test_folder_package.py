"""The package staff read from a folder, without a server (`make package`): every page opens
from file://, links lead to pages, search finds Norwegian words, and the guides are printable
checklists that say why the interactive part needs the web version."""
from __future__ import annotations

import pathlib
import tempfile
import zipfile

import pytest

from conftest import search_site
from guide_engine.api import all_ids


@pytest.fixture(scope="module")
def folder():
    from build_scripts.build import package

    with tempfile.TemporaryDirectory(prefix="mappe-") as tmp:
        made = package(pathlib.Path(tmp) / "pakke.zip")
        with zipfile.ZipFile(made) as z:
            z.extractall(tmp)
        yield pathlib.Path(tmp) / "samarbeid-rundt-barn"


@pytest.fixture(scope="module")
def page(folder, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg, errors
    context.close()


def test_the_package_has_every_page_and_no_engine(folder):
    pages = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    assert "index.html" in pages and "familie/klage.html" in pages
    assert {f"veivisere/{g}.html" for g in all_ids()} <= pages
    assert not (folder / "assets" / "pyodide").exists()  # the guides cannot run from a folder
    # No server reads a folder; a note at the top says how to open it.
    assert not (folder / "web.config").exists() and not (folder / ".htaccess").exists()
    readme = (folder / "LES-MEG.txt").read_text(encoding="utf-8")
    assert "index.html" in readme
    assert (folder / "en" / "index.html").is_file() and "open en/index.html" in readme  # and in English
    assert (folder / "version.json").is_file()


def test_pages_open_from_the_folder_and_links_work(folder, page):
    pg, errors = page
    pg.goto((folder / "index.html").as_uri())
    assert "Samarbeid rundt barn" in pg.title()
    pg.click("article a[href='familie/index.html']")
    pg.wait_for_load_state()
    assert pg.url.endswith("familie/index.html") and pg.locator("article h1").count() == 1
    for link in pg.locator("article a[href$='.html']").all()[:5]:
        target = (pathlib.Path(pg.url.removeprefix("file://")).parent / link.get_attribute("href").split("#")[0]).resolve()
        assert target.is_file(), target
    assert errors == []


def search_from_the_folder(pg, folder, word):
    """Open the folder's front page and search for ``word`` until results show."""
    pg.set_viewport_size({"width": 1280, "height": 900})
    pg.goto((folder / "index.html").as_uri())
    # The index loads in an iframe worker from the folder; the helper types once the theme is ready.
    search_site(pg, word)


def test_search_works_from_the_folder(folder, page):
    pg, _ = page
    search_from_the_folder(pg, folder, "barnekoordinator")
    assert pg.locator(".md-search-result__item").count() > 0


@pytest.mark.parametrize("guide_id", all_ids())
def test_a_guide_is_a_checklist_and_says_why(folder, page, guide_id):
    pg, errors = page
    pg.set_viewport_size({"width": 390, "height": 844})
    pg.goto((folder / "veivisere" / f"{guide_id}.html").as_uri())
    status = pg.locator("[data-guide-loading]")
    status.wait_for(state="visible", timeout=10_000)
    assert "nettversjonen" in status.inner_text()
    assert pg.locator("[data-question]").first.is_visible()
    assert pg.locator("#slik-vurderes-svarene").count() == 1
    assert errors == []


def test_nothing_in_the_package_loads_from_elsewhere(folder):
    from test_site_build import external_resources

    for page in folder.rglob("*.html"):
        assert external_resources(page.read_text(encoding="utf-8")) == [], page


def test_the_package_has_both_written_forms_and_the_switch_works(folder, page):
    pg, errors = page
    pg.set_viewport_size({"width": 390, "height": 844})
    pg.goto((folder / "familie" / "klage.html").as_uri())
    pg.click("a.malform__lenke")
    pg.wait_for_load_state()
    assert pg.url == (folder / "nn" / "familie" / "klage.html").as_uri()
    assert pg.get_attribute("html", "lang") == "nn"
    pg.goto((folder / "nn" / "veivisere" / "barnekoordinator.html").as_uri())
    status = pg.locator("[data-guide-loading]")
    status.wait_for(state="visible", timeout=10_000)
    assert "nettversjonen" in status.inner_text() and "opna frå ei mappe" in status.inner_text()
    assert errors == []


def test_enter_in_a_guide_from_the_folder_puts_no_answer_in_the_address(folder, page):
    pg, errors = page
    url = (folder / "veivisere" / "barnekoordinator.html").as_uri()
    pg.goto(url)
    pg.check("#venter_barn--nei")
    pg.fill("#barnets_alder", "9")
    pg.press("#barnets_alder", "Enter")
    assert pg.evaluate("location.href") == url  # no ?barnets_alder=9 in the history
    assert errors == []


def test_search_results_from_the_folder_carry_no_search_word(folder, page):
    pg, _ = page
    search_from_the_folder(pg, folder, "klage")
    hrefs = pg.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert hrefs and not [h for h in hrefs if "?" in h]


def test_the_package_has_the_english_family_pages_and_links_to_the_norwegian_ones(folder, page):
    pg, errors = page
    pg.set_viewport_size({"width": 1280, "height": 900})
    pg.goto((folder / "familie" / "klage.html").as_uri())
    pg.click('a.malform__lenke[hreflang="en"]')
    pg.wait_for_url((folder / "en" / "familie" / "klage.html").as_uri())
    assert pg.get_attribute("html", "lang") == "en"
    # A page for staff has no English twin: its English link is the English front page, a file.
    pg.goto((folder / "tjenester" / "index.html").as_uri())
    pg.click('a.malform__lenke[hreflang="en"]')
    pg.wait_for_url((folder / "en" / "index.html").as_uri())
    pg.click("a.md-button:has-text('I work in a service')")
    pg.wait_for_url((folder / "tjenester" / "index.html").as_uri())
    pg.goto((folder / "en" / "familie" / "index.html").as_uri())
    pg.click(".md-nav--primary a.md-nav__link:has-text('For the municipality (in Norwegian)')")
    pg.wait_for_url((folder / "kommune" / "index.html").as_uri())
    assert errors == []
