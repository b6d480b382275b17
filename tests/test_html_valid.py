"""Valid HTML, held by the W3C's Nu Html Checker (vnu.jar from npm, run with Java).

Checked in one batch: every built page of every configuration the tests build (the default
build and a municipality's own copy), and the DOM of each guide page after the engine has
answered (serialised by Chromium), for each status the form reaches. Every error and warning
fails the test unless it is in ALLOWED below, with its reason and the template it comes from.
Also: tables keep their table semantics in Chromium at phone width without ARIA roles.
"""
from __future__ import annotations

import collections
import json
import pathlib
import shutil
import subprocess
import time
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, Visit, axe_violations, wait_for_engine

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# What is checked: the built pages and the guides with a result, of each configuration.
GROUPS = ["standard-pages", "standard-guide-results", "kommune-pages", "kommune-guide-results"]


# What the checker reports that cannot be fixed in this repository. Each entry: the exact message,
# the markup the checker highlights (must contain `markup`), where it comes from and why it stays.
ALLOWED = [
    {
        "message": "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                   "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                   "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        "markup": ('id="__drawer" autocomplete="off"', 'id="__search" autocomplete="off"'),
        "template": "material/templates/base.html (Material for MkDocs 9.8.1), the two toggles "
                    "<input class=\"md-toggle\" type=\"checkbox\"> at the start of <body>",
        "reason": "The theme writes them in base.html itself, outside any block or partial, so the fix "
                  "would be a copy of the whole base template. The attribute has a use: it keeps "
                  "Firefox from restoring the menu or the search as open when going back to a page.",
    },
]


def _matches(entry: dict, message: dict) -> bool:
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    highlighted = message.get("extract", "")[start:start + length]
    return message["message"] == entry["message"] and any(m in highlighted for m in entry["markup"])


def _allowed(message: dict) -> bool:
    return any(_matches(entry, message) for entry in ALLOWED)


def _held(message: dict) -> bool:
    """Errors, warnings and failures to read a file count; plain information does not."""
    return message["type"] != "info" or message.get("subType") == "warning"


def _static_pages(site: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


# --- the guide pages with a result shown -----------------------------------------------------

def _guides() -> list[str]:
    """Every guide page: the single guides and the guides that join them."""
    from guide_engine.composite import composite_ids
    from guide_engine.definitions import guide_ids

    return guide_ids() + composite_ids()


def _states(guide_id: str) -> list[dict]:
    """For each status the form reaches in this guide, the case with the most answers (a guide
    that joins others has no status of its own: its case with the most answers)."""
    from test_browser_guide import ALL_UI_CASES

    cases = [case for g, case in ALL_UI_CASES if g == guide_id]
    statuses = sorted({c.get("status") or "" for c in cases})
    return [max((c for c in cases if (c.get("status") or "") == status), key=lambda c: len(c["answers"]))
            for status in statuses]


def _guide_doms(browser, origin: str, dest: pathlib.Path, config: str) -> list[pathlib.Path]:
    """Each guide driven through the form to each status; the DOM saved after the engine answered."""
    from test_browser_guide import GUIDE_URL, answer, settle

    from build_scripts.guide_nav import in_language

    written = []
    # The guides, and the family guides in English under en/ (the Norwegian letter beside its English rendering).
    for prefix, guide_id in [("", g) for g in _guides()] + [("en/", g) for g in _guides() if g in in_language("en")]:
        states = _states(guide_id)
        assert states, f"{guide_id}: no case in guide_engine/guides/{guide_id}/cases.yaml can be answered through the form"
        v = Visit(browser, origin, viewport={"width": 390, "height": 844})
        try:
            v.page.goto(origin + prefix + GUIDE_URL.format(guide_id))
            wait_for_engine(v.page)
            for case in states:
                v.page.click("[data-guide-reset]")
                settle(v.page, {})
                answer(v.page, guide_id, case["answers"])
                if case.get("status"):
                    assert v.page.get_attribute("[data-guide-result]", "data-guide-status") == case["status"]
                path = dest / f"{config}-{prefix.strip('/') or 'nb'}-{guide_id}-{case.get('status') or 'svar'}.html"
                path.write_text(v.page.content(), encoding="utf-8")
                written.append(path)
            assert v.foreign == [] and v.errors() == [], (v.foreign, v.errors())
        finally:
            v.close()
    return written


@pytest.fixture(scope="module")
def checked(site_dir, municipal_site_dir, server, browser, tmp_path_factory):
    """Every file to check, by group, and what the checker said about each (one run of vnu.jar)."""
    from build_scripts.serve import serve_in_background

    assert shutil.which("java"), "Java is missing: `make test` installs default-jre-headless"
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (make does)"
    doms = tmp_path_factory.mktemp("dom")
    municipal = serve_in_background(municipal_site_dir)
    try:
        municipal_origin = f"http://127.0.0.1:{municipal.server_address[1]}/"
        groups = {
            "standard-pages": _static_pages(site_dir),
            "kommune-pages": _static_pages(municipal_site_dir),
            "standard-guide-results": _guide_doms(browser, server, doms, "standard"),
            "kommune-guide-results": _guide_doms(browser, municipal_origin, doms, "kommune"),
        }
    finally:
        municipal.shutdown()
    files = [p for paths in groups.values() for p in paths]
    started = time.monotonic()
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
                          capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-2000:]
    messages = json.loads(proc.stderr)["messages"]
    by_file: dict[pathlib.Path, list[dict]] = collections.defaultdict(list)
    for m in messages:
        by_file[pathlib.Path(unquote(urlparse(m.get("url", "file:")).path)).resolve()].append(m)
    return {"groups": groups, "by_file": by_file, "messages": messages, "seconds": seconds, "files": len(files)}


def test_the_checker_ran_over_everything_in_one_batch(checked, capsys):
    counts = collections.Counter((m["type"] + ("/" + m["subType"] if m.get("subType") else ""),
                                  m["message"], "allowed" if _allowed(m) else "held" if _held(m) else "info")
                                 for m in checked["messages"])
    lines = [f"Nu Html Checker: {checked['files']} files in {checked['seconds']:.1f} s, "
             f"{len(checked['messages'])} messages"]
    lines += [f"  {n:5d}  {kind} ({verdict}): {text}" for (kind, text, verdict), n in counts.most_common()]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert sorted(checked["groups"]) == sorted(GROUPS)
    assert all(len(paths) > 0 for paths in checked["groups"].values()), checked["groups"]
    unreadable = [m for m in checked["messages"] if m["type"] == "non-document-error"]
    assert unreadable == [], unreadable


@pytest.mark.parametrize("group", GROUPS)
def test_the_html_is_valid(checked, group):
    found = collections.defaultdict(list)
    for path in checked["groups"][group]:
        for m in checked["by_file"].get(path.resolve(), []):
            if _held(m) and not _allowed(m):
                found[m["message"]].append(f"{path.name}:{m.get('lastLine')}: {m.get('extract', '').strip()[:160]}")
    report = {message: f"{len(where)}x, e.g. {where[0]}" for message, where in found.items()}
    assert report == {}, "the Nu Html Checker finds:\n" + json.dumps(report, ensure_ascii=False, indent=1)


def test_every_allowed_message_still_occurs(checked):
    # An entry the checker no longer reports is stale; take it out of ALLOWED.
    for entry in ALLOWED:
        assert any(_matches(entry, m) for m in checked["messages"]), entry["template"]


# --- tables: valid without ARIA roles, and still tables for screen readers on phones ----------

@pytest.mark.parametrize("width", [390, 1280])
def test_tables_keep_their_semantics_without_aria_roles(visit, server, width):
    page = visit(viewport={"width": width, "height": 844}).page
    page.goto(server + "familie/klage/")
    region = page.locator(".table-region").first
    display = page.evaluate("getComputedStyle(document.querySelector('.table-region td')).display")
    assert display == ("block" if width < 700 else "table-cell")
    assert region.locator("table, thead, tbody, tr, th, td").and_(region.locator("[role]")).count() == 0
    # Chromium's accessibility tree: the cards are still a table with rows, headers and cells.
    tree = region.aria_snapshot()
    for role in ("- table", "- row ", "- columnheader ", "- cell "):
        assert role in tree, f"{role.strip()} is missing at {width} px:\n{tree[:600]}"
    assert region.get_by_role("columnheader").count() == region.locator("thead th").count()
    assert region.get_by_role("cell").count() == region.locator("tbody td").count()
    assert axe_violations(page) == []
