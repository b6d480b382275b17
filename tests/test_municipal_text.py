"""Every text from kommune.yml is text wherever it appears, whatever characters it holds.

A hostile configuration (tests/kommune_hostile/kommune.yml: Markdown, HTML, script, event
handlers, links, attribute quotes, the page's own {{ }} and [[ ]] tags) is built as a
municipality builds it. Every page, parsed, shows each text exactly as typed, and no element
or attribute comes from it; a browser visit records no dialog and no error; the same from the
folder package (file://, where no Content-Security-Policy would stop a script). A guide walked
to a result shows the contact block and the letter with the texts as typed."""
from __future__ import annotations

import html.parser
import json
import pathlib
import re
import tempfile
import zipfile

import pytest
import yaml

from build_scripts import municipality
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, html_pages

HOSTILE = ROOT / "tests" / "kommune_hostile" / "kommune.yml"
RAW = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
# The file's tags as they would stand in the page if they became markup (the parse below
# checks elements and attributes; these catch the same in the raw text).
INJECTED = ("<script>alert", "<img src=x", "<svg onload", "<style>body", "<b>fet", "<h1>Overtatt",
            "<x-y>", "<a href=\"javascript:", "<strong>eining", "<strong>enhet", "<em>kommune", "<del>", "<mark>")


def texts(lang: str) -> list[str]:
    """Each text the municipality wrote, in one written form, as the site must show it."""
    cfg = municipality.in_form(municipality.load(HOSTILE), lang)
    out = [cfg["navn"], cfg["slik_ber_dere_om_hjelp"], *(link["tekst"] for link in cfg["lenker"])]
    for key in ("koordinerende_enhet", "barnekoordinator"):
        out += [cfg[key][k] for k in ("navn", "adresse", "apningstider") if k in cfg[key]]
    return out


class Page(html.parser.HTMLParser):
    """The elements, attributes and visible text of a page (the standard library's parser)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def kontakt_block(text: str) -> str:
    m = re.search(r'<div class="kommune-kontakt">.*?</ul>\s*</div>', text, re.S)
    assert m, "no contact block"
    return m.group(0)


def assert_inert(text: str, where: str) -> None:
    page = Page(text)
    found = [tag for tag in INJECTED if tag in text]
    assert not found, f"{where}: {found} from the configuration became markup"
    for tag, attrs in page.elements:
        assert tag != "x-y" and not (tag == "img" and attrs.get("src") == "x"), f"{where}: <{tag} {attrs}>"
        assert not any(a.startswith("on") for a in attrs), f"{where}: event handler {attrs}"
        assert not any(str(v).lower().startswith("javascript:") for v in attrs.values()), f"{where}: {attrs}"
        assert attrs.get("href") != "https://example.org", f"{where}: a Markdown link became a link"
        assert attrs.get("class") != "klasse" and attrs.get("id") != "id", f"{where}: {attrs}"
    for attrs, body in page.scripts:
        if "alert(" in body:  # only the page's data may mention it, as JSON text
            assert attrs.get("type") == "application/json", f"{where}: script with {body[:80]}"
            json.loads(body)


@pytest.fixture(scope="module")
def hostile_site():
    with tempfile.TemporaryDirectory(prefix="site-fiendtlig-") as tmp:
        dest = pathlib.Path(tmp) / "site"
        proc = build_site(dest, kommune=HOSTILE)
        assert proc.returncode == 0, proc.stderr
        yield dest


def test_the_hostile_file_is_a_valid_configuration():
    cfg = municipality.load(HOSTILE)
    assert "<script>" in cfg["navn"]["nn"] and "onerror" in cfg["koordinerende_enhet"]["navn"]["nn"]


def test_every_page_shows_each_text_as_typed_and_nothing_from_it_is_markup(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) > 40 and any(p.relative_to(hostile_site).parts[0] == "nb" for p in pages)  # both forms
    for path in pages:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site).as_posix()
        assert_inert(text, where)
        # nynorsk at the address; English (en/) shows the bokmål text where none is in English
        lang = "en" if where.startswith("en/") else "nb" if where.startswith("nb/") else "nn"
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        # The name as typed, as text, in the page's own form (the file gives one per form).
        name = RAW["navn"][{"en": "engelsk", "nb": "bokmål", "nn": "nynorsk"}[lang]]
        assert html.unescape(title).endswith(" - " + name), where
        block = Page(kontakt_block(text)).visible()
        for expected in texts(lang):
            assert re.sub(r"\s+", " ", expected) in block, f"{where}: «{expected}» not shown as typed"


def test_guides_show_the_texts_as_typed_and_the_letter_data_is_exact(hostile_site):
    for rel in ("veivisere/barnekoordinator/index.html", "nb/veivisere/familien/index.html"):
        lang = "nb" if rel.startswith("nb/") else "nn"
        cfg = municipality.in_form(municipality.load(HOSTILE), lang)
        text = (hostile_site / rel).read_text(encoding="utf-8")
        box = re.search(r'<div class="guide-kommune">.*?</div>', text, re.S).group(0)
        visible = Page(box).visible()
        assert cfg["navn"] in visible and cfg["slik_ber_dere_om_hjelp"] in visible, rel
        assert cfg["koordinerende_enhet"]["adresse"] in visible, rel  # its [[ ]] and {{ }} untouched
        data = json.loads(re.search(r'<script type="application/json" id="veiviser-data">(.*?)</script>', text, re.S).group(1))
        assert data["kommune"]["navn"] == cfg["navn"] and data["kommune"]["adresse"] == cfg["koordinerende_enhet"]["adresse"]
    statement = (hostile_site / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    assert RAW["navn"]["nynorsk"] in Page(statement).visible()  # the first form, at the address


def test_search_index_holds_the_texts_as_text(hostile_site):
    """The theme shows a result's title and text as HTML: the texts are there, escaped."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    blocks = [d for d in index["docs"] if d["location"].endswith("#kontakt-kommunen")]
    assert blocks
    for doc in blocks:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc["title"] and "<script" not in doc["title"]
        assert "&lt;img src=x onerror=alert(2)&gt;" in doc["text"]
        assert not [tag for tag in INJECTED if tag in doc["text"]], doc["location"]


def _visit(browser, url: str) -> tuple[list[str], list[str], str]:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("#kontakt-kommunen")
    text = page.inner_text(".kommune-kontakt")
    context.close()
    return dialogs, errors, text


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    from build_scripts.serve import serve_in_background

    srv = serve_in_background(hostile_site)
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


def test_a_browser_visit_runs_nothing_from_the_configuration(browser, hostile_server):
    for rel in ("", "veivisere/barnekoordinator/", "nb/tilgjengelighet/"):
        dialogs, errors, text = _visit(browser, hostile_server + rel)
        assert not dialogs and not errors, (rel, dialogs, errors)
        assert "<img src=x onerror=alert(2)>" in text, rel


def test_the_folder_package_shows_the_texts_and_runs_nothing(browser):
    from build_scripts.build import package

    with tempfile.TemporaryDirectory(prefix="mappe-fiendtlig-") as tmp:
        made = package(pathlib.Path(tmp) / "pakke.zip", kommune=HOSTILE)
        with zipfile.ZipFile(made) as z:
            z.extractall(tmp)
        folder = pathlib.Path(tmp) / "samarbeid-rundt-barn"
        for page in sorted(folder.rglob("*.html")):
            assert_inert(page.read_text(encoding="utf-8"), page.relative_to(folder).as_posix())
        for rel in ("index.html", "veivisere/barnekoordinator.html", "nb/familie/klage.html"):
            dialogs, errors, text = _visit(browser, (folder / rel).as_uri())
            assert not dialogs and not errors, (rel, dialogs, errors)
            assert "<script>alert(1)</script>" in text and "[klikk her](https://example.org)" in text, rel


def test_the_result_contact_and_the_letter_show_the_texts_as_typed(browser, hostile_server):
    from conftest import Visit, wait_for_engine
    from test_browser_guide import answer, settle
    from test_municipal_contact import ANSWERS

    cfg = municipality.in_form(municipality.load(HOSTILE), "nn")  # nynorsk at the address
    unit = cfg["barnekoordinator"]
    v = Visit(browser, hostile_server)
    dialogs = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    v.page.goto(hostile_server + "veivisere/barnekoordinator/")
    wait_for_engine(v.page)
    answer(v.page, "barnekoordinator", ANSWERS)
    settle(v.page, ANSWERS)
    block = v.page.locator("[data-guide-contact]")
    assert block.locator("h3").inner_text() == f"Kontakt {cfg['navn']}"
    assert block.locator("[data-contact-name]").inner_text() == unit["navn"]  # «$&» and «{name}» as typed
    assert block.locator("[data-contact-hours]").inner_text() == "Ope: " + unit["apningstider"]
    letter = v.page.locator("#brev")
    assert letter.locator("p").first.inner_text() == f"Til: {cfg['navn']}, {unit['navn']}, {cfg['koordinerende_enhet']['adresse']}"
    assert letter.locator("[data-letter-send]").inner_text().startswith(f"Send brevet til {unit['navn']}.")
    result = v.page.inner_html("[data-guide-result]")
    assert_inert(result, "the result")
    assert v.page.locator("[data-guide-result] h1, [data-guide-result] mark, [data-guide-result] img").count() == 0
    links = v.page.locator("[data-guide-result] a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert not [h for h in links if h.lower().startswith("javascript:")], links
    assert not dialogs and v.errors() == [], (dialogs, v.errors())
    v.close()
