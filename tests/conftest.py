"""Shared fixtures. The tests need only this repository (no files outside it)."""
from __future__ import annotations

import copy
import fcntl
import functools
import os
import pathlib
import re
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GUIDES = ROOT / "guide_engine" / "guides"
CASE_FILE = "cases.yaml"  # in each guide's folder: its engine cases as data


# libyaml's parser where PyYAML has it (the same safe constructor, some ten times faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _case_files() -> dict[str, dict]:
    return {p.parent.name: yaml.load(p.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
            for p in sorted(GUIDES.glob(f"*/{CASE_FILE}"))}


def load_case_files() -> dict[str, dict]:
    """Guide id -> its case file, read from every guide folder (parsed once per run; each caller
    gets its own copy to change)."""
    return copy.deepcopy(_case_files())


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


def key_shape(value, path: str = "") -> set[str]:
    """Every key path of a parsed texts or messages table, with the length of each list: what two
    written forms (or languages) of the same table must share."""
    if isinstance(value, dict):
        out = set()
        for k, v in value.items():
            out |= {f"{path}{k}"} | key_shape(v, f"{path}{k}.")
        return out
    return {f"{path[:-1]}#{len(value)}"} if isinstance(value, list) else set()


def leaves(value):
    """Every value of a parsed data file that is neither a table nor a list, in order."""
    if isinstance(value, dict):
        for v in value.values():
            yield from leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v)
    else:
        yield value


def strings(value):
    """Every text of a parsed data file."""
    return (v for v in leaves(value) if isinstance(v, str))


def input_errors(guide_id: str, answers: dict, langs) -> dict[str, list[dict]]:
    """The engine's input errors for the same bad answers, in each language asked for."""
    from guide_engine import GuideInputError, evaluate

    got = {}
    for lang in langs:
        with pytest.raises(GuideInputError) as exc:
            evaluate(guide_id, answers, lang=lang)
        got[lang] = exc.value.errors
    return got


def worth_trying(guides, q, _cache: dict = {}) -> list:  # noqa: B006 (a cache on purpose)
    """The answers a test draws for question ``q``: its type's domain for every expression of the
    guides that ask it (the values the soundness checks try), so no test forks on a type."""
    from guide_engine.types import MISSING

    key = (tuple(g.id for g in guides), q.lang, q.id)
    if key not in _cache:
        raws = [e.raw for g in guides for _, e in g.expressions()]
        _cache[key] = [v for v in q.type.domain(q, raws) if v is not MISSING]
    return _cache[key]


# --- the built site and a browser: the harness every page and guide goes through ------------

def words(text: str) -> str:
    """Text as a reader sees it on paper: list bullets and line breaks are not words, and a line
    may break after a hyphen («§ 2-» / «5»)."""
    return re.sub(r"-\s+", "-", " ".join(text.replace("•", " ").split()))


def printed(page) -> str:
    """The page printed as the browser prints it (print media), as text."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run", "--disable-sync"]


class Built(subprocess.CompletedProcess):
    """The outcome of a build as the tests read it (returncode 0, or 1 with the reason)."""


def build_site(dest: pathlib.Path, env: dict | None = None, builder: str = "mkdocs",
               kommune: pathlib.Path | None = None) -> Built:
    """The site exactly as `make site` builds it: checks, the builder, the steps after it."""
    from build_scripts.build import BuildFailed, build

    try:
        build(dest, builder, env, kommune)
    except BuildFailed as exc:
        return Built([builder], 1, "", str(exc))
    return Built([builder], 0, "", "")


def built_once(factory, name: str, build) -> pathlib.Path:
    """A site built once per test run by ``build(dest)``. `make test` runs the suite in two
    processes (pytest-xdist): the first to ask builds it, the other waits for it and shares it
    (a lock in the run's common temporary folder); pytest keeps the last three runs' folders."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = factory.getbasetemp().parent if worker else factory.getbasetemp()
    folder = root / f"built-{name}"
    with open(root / f"built-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / "done").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed before
            proc = build(folder / "site")
            assert proc.returncode == 0, f"the build of {name} failed:\n{proc.stdout}\n{proc.stderr}"
            (folder / "done").write_text("", encoding="utf-8")
    return folder / "site"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    """The site, built once per test run as `make site` does (MkDocs, strict)."""
    return built_once(tmp_path_factory, "site", build_site)


# A municipality's own copy (README): the complete example for a fictional municipality.
MUNICIPAL_CONFIG = ROOT / "kommuner" / "eksempel" / "kommune.yml"


@pytest.fixture(scope="session")
def municipal_site_dir(tmp_path_factory):
    """The site as a municipality builds it (MUNICIPAL_CONFIG), once per test run."""
    return built_once(tmp_path_factory, "kommune", lambda dest: build_site(dest, kommune=MUNICIPAL_CONFIG))


def html_pages(site: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def page_urls(site: pathlib.Path) -> list[str]:
    """Site-relative URLs of every built page ('' for the front page)."""
    return [p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
            for p in html_pages(site)]


@pytest.fixture(scope="session")
def server(site_dir):
    from build_scripts.serve import serve_in_background

    srv = serve_in_background(site_dir)
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """One browser context with everything recorded: requests, console messages, page errors."""

    def __init__(self, browser, origin: str, **context_args):
        self.origin = origin
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.console: list[str] = []
        # The service worker is tested on its own (test_offline.py); elsewhere it would only add
        # background precaching to every visit.
        context_args.setdefault("service_workers", "block")
        self.context = browser.new_context(**context_args)
        # Anything that is not this site's origin is refused and recorded.
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or f"{parsed.scheme}://{parsed.netloc}/" == self.origin:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def errors(self) -> list[str]:
        return [c for c in self.console if c.startswith(("error", "pageerror"))]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    visits = []

    def open_visit(**kwargs):
        v = Visit(browser, server, **kwargs)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# Lighthouse 12's accessibility audit runs axe with these rules besides the WCAG 2 A and AA ones
# (the rules its accessibility gatherer turns on): checked here too, so that audit finds nothing.
LIGHTHOUSE_RULES = (
    "accesskeys", "aria-allowed-role", "aria-conditional-attr", "aria-deprecated-role", "aria-dialog-name",
    "aria-prohibited-attr", "aria-treeitem-name", "aria-text", "empty-heading", "heading-order",
    "html-xml-lang-mismatch", "identical-links-same-purpose", "image-redundant-alt", "input-button-name",
    "label-content-name-mismatch", "landmark-one-main", "link-in-text-block", "meta-viewport", "select-name",
    "skip-link", "tabindex", "table-duplicate-name", "table-fake-caption", "target-size", "td-has-header",
)


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations that axe-core (from npm) finds on the current page, and
    those of the rules Lighthouse's accessibility audit adds (LIGHTHOUSE_RULES)."""
    page.add_script_tag(path=str(AXE))
    # From the top of the page, as Lighthouse audits it: a button the test scrolled under the
    # theme's fixed header would count as a target too small (target-size), though a reader
    # scrolls it out to tap it.
    result = page.evaluate("""async (extra) => {
        window.scrollTo(0, 0);
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                           rules: Object.fromEntries(extra.map(id => [id, {enabled: true}]))});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", list(LIGHTHOUSE_RULES))
    return result


# The theme's «search is starting» words in the site's three languages (its partials/languages).
SEARCH_STARTING = "^(Starter søk|Startar søk|Initializing search)$"


def search_site(page, word, opener="label.md-search__icon, .md-search__input") -> list[str]:
    """Search as a reader does and return the results' texts. The theme reads the box on a key
    press, on focus and when its worker is ready, not on a pasted value: so wait until it says it
    is ready (the words under the box no longer say it is starting), then type key by key."""
    if opener:
        page.click(opener)
    page.wait_for_function("(starting) => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && m.textContent.trim() && !new RegExp(starting).test(m.textContent.trim()); }",
                           arg=SEARCH_STARTING, timeout=60_000)
    page.locator(".md-search__input").press_sequentially(word, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=45_000)
    return page.locator(".md-search-result__item").all_text_contents()


def wait_for_engine(page, timeout=90_000):
    page.wait_for_function(
        "() => { const r = document.querySelector('[data-guide-result]');"
        " return r && r.dataset.guideStatus && r.dataset.guideStatus !== ''; }", timeout=timeout)


def wait_for_engine_cache(page, site_dir) -> list[str]:
    """Wait until the browser's cache holds the large files the engine fetched: the ones the service
    worker leaves out of its precache (build_scripts/service_worker.mjs), as the build named them.
    Returns their paths in the site."""
    from build_scripts.pyodide_bundle import site_folder

    pyodide = site_folder(ROOT).rstrip("/")
    big = sorted(f"{pyodide}/{f.name}" for f in (site_dir / pyodide).iterdir()
                 if re.fullmatch(r"pyodide\.asm\.(wasm|mjs)|python_stdlib\.[0-9a-f]+\.zip|guide_engine\.[0-9a-f]+\.tar", f.name))
    cached = wait_until(page, """async (big) => {
        const name = (await caches.keys()).find(k => k.startsWith('pyodide-'));
        if (!name) return false;
        const urls = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname.slice(1)).sort();
        return JSON.stringify(urls) === JSON.stringify(big) && urls; }""", big)
    assert cached == big, f"the cache does not hold the engine's files: {big}"
    return cached


def wait_until(page, check: str, arg=None, timeout_ms: int = 60_000):
    """Wait until the async function ``check`` (JavaScript source) resolves to a truthy value on
    the page, and return that value (or False at the time-out). Polled in the page itself:
    Playwright's wait_for_function takes the promise an async function returns as truthy,
    whatever it resolves to."""
    return page.evaluate(f"""async (arg) => {{
        const check = {check};
        const end = Date.now() + {int(timeout_ms)};
        for (;;) {{
            const value = await check(arg);
            if (value || Date.now() > end) return value;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }} }}""", arg)


def layout_shift(page) -> float:
    """The page's layout shift so far (CLS as Lighthouse sums it for one load): every
    'layout-shift' entry since navigation (buffered) that no recent input caused. Read once the
    next frames are painted, so a shift the last change caused is counted too."""
    return page.evaluate("""() => new Promise(resolve => {
        let sum = 0;
        const add = entries => { for (const e of entries) if (!e.hadRecentInput) sum += e.value; };
        const po = new PerformanceObserver(list => add(list.getEntries()));
        po.observe({type: 'layout-shift', buffered: true});
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
            add(po.takeRecords()); po.disconnect(); resolve(sum); }, 0)));
    })""")


# --- the fast half: engine, definitions, CLI (seconds); `pytest -m fast` runs it alone ---------
# `pytest -m exhaustive` runs the exhaustive walks, sweeps and property tests alone; plain `pytest` runs all.

# A test that needs one of these (directly or through another fixture) builds or serves the site,
# or drives a browser: it belongs to the slow half.
_SLOW_FIXTURES = {"site_dir", "municipal_site_dir", "server", "browser"}
# Modules that build, package or serve the site themselves, without those fixtures.
_SELF_BUILDING = ("build_site(", "build_scripts.build", "real_servers", "mkdocs", "zensical")


def _builds_by_itself(path: pathlib.Path, seen: dict = {}) -> bool:  # noqa: B006 (a cache on purpose)
    if path not in seen:
        text = path.read_text(encoding="utf-8")
        seen[path] = any(s in text for s in _SELF_BUILDING)
    return seen[path]


def _exhaustive(item) -> bool:
    """A walk over every answer combination or a sweep (marked `exhaustive`), or a property test
    (hypothesis): the full suite runs them, the fast half leaves them out (they were most of its time)."""
    return (item.get_closest_marker("exhaustive") is not None
            or getattr(getattr(item, "obj", None), "is_hypothesis_test", False))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _exhaustive(item):
            item.add_marker(pytest.mark.exhaustive)
        elif not _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) and not _builds_by_itself(item.path):
            item.add_marker(pytest.mark.fast)
