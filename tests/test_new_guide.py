"""A guide is its folder: a copy of a guide folder under a new id, with nothing outside that folder
changed, is a sixth guide that loads, is sound, passes its cases in both written forms under the
generic tests, and is built in both forms with its page and its own title in the navigation.

In a temporary copy of what the build and the tests read; the builder runs without the steps
after it (Pyodide, the service worker): they do not depend on which guides there are."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import CASE_FILE, ROOT
from guide_engine.messages import LANGUAGES
from test_site_build import nav_links

COPIED = "barnekoordinator"
NEW = "kopi_av_veiviser"
NAV_TITLES = {"nb": "Prøv den kopierte veiviseren", "nn": "Prøv den kopierte vegvisaren"}
# What the build and the generic tests read. node_modules is linked: the pages name Pyodide's version.
TREE = ("guide_engine", "build_scripts", "docs", "docs-nn", "overrides", "tests", "mkdocs.yml", "CHANGELOG.md")


def _run(tree, *args, timeout=900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    tree = tmp_path_factory.mktemp("tre")
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copy2(source, tree / name)
    (tree / "node_modules").symlink_to((ROOT / "node_modules").resolve())
    folder = tree / "guide_engine" / "guides" / NEW
    shutil.copytree(ROOT / "guide_engine" / "guides" / COPIED, folder)
    # The only edits, all inside the new folder: its id, and its title in the navigation.
    rules = folder / "rules.toml"
    text, n = re.subn(rf'^id = "{COPIED}"$', f'id = "{NEW}"', rules.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1
    rules.write_text(text, encoding="utf-8")
    for lang in LANGUAGES:
        texts = folder / f"texts.{lang}.toml"
        text, n = re.subn(r"^nav_title = .*$", f'nav_title = "{NAV_TITLES[lang]}"', texts.read_text(encoding="utf-8"),
                          count=1, flags=re.M)
        assert n == 1
        texts.write_text(text, encoding="utf-8")
    return tree


def test_the_copy_loads_and_is_sound_and_passes_the_checks(tree):
    proc = _run(tree, "-m", "build_scripts.check")
    assert proc.returncode == 0, proc.stderr
    proc = _run(tree, "-c", "from guide_engine.api import all_ids; print(all_ids())")
    assert NEW in proc.stdout, proc.stderr


def test_the_generic_tests_run_the_copys_cases_in_both_forms(tree):
    cases = yaml.safe_load((tree / "guide_engine" / "guides" / NEW / CASE_FILE).read_text(encoding="utf-8"))["cases"]
    proc = _run(tree, "-m", "pytest", "tests/test_engine_cases.py", "tests/test_nynorsk.py", "-m", "fast",
                "-k", f"{NEW} or every_guide", "-v", "-p", "no:cacheprovider")
    assert proc.returncode == 0, proc.stdout[-4000:]
    passed = [line for line in proc.stdout.splitlines() if line.endswith("PASSED") or " PASSED " in line]
    ran = [line for line in passed if NEW in line]
    for lang in LANGUAGES:
        assert len([x for x in ran if "test_case[" in x and f"-{lang}]" in x]) == len(cases), lang
    for test in ("test_cases_reach_every_case_note_and_next_step", "test_the_rules_are_written_once",
                 "test_every_text_has_its_nynorsk_twin"):
        assert any(test in x for x in ran), test
    assert any("test_every_guide_folders_case_file_is_run" in x for x in passed)


def test_the_copy_is_built_in_both_forms_with_its_page_and_its_own_title(tree):
    script = f"""
import pathlib, sys
from build_scripts.build import layout, run_builder
forms = ["nb", "nn"]
for lang, _ in layout(forms):
    proc = run_builder("mkdocs", pathlib.Path("ut") / lang, lang=lang, forms=forms)
    if proc.returncode:
        sys.exit(proc.stdout[-3000:] + proc.stderr[-3000:])
"""
    proc = _run(tree, "-c", script)
    assert proc.returncode == 0, proc.stderr[-6000:]
    for lang in LANGUAGES:
        site = tree / "ut" / lang
        page = (site / "veivisere" / NEW / "index.html").read_text(encoding="utf-8")
        assert 'id="veiviser-skjema"' in page and f'data-guide-id="{NEW}"' in page  # the engine starts from <head>
        assert f'<html lang="{lang}"' in page
        links = nav_links(site / "index.html")
        assert links[f"veivisere/{NEW}/"] == NAV_TITLES[lang], lang
        assert links[f"veivisere/{COPIED}/"] not in NAV_TITLES.values()  # the original keeps its own
        # Right after the guides that follow the same page as the original, in the same section.
        order = list(links)
        assert order.index(f"veivisere/{COPIED}/") < order.index(f"veivisere/{NEW}/") < order.index("familie/barnekoordinator/")


def test_a_copy_without_its_title_in_one_form_stops_the_checks(tree):
    folder = tree / "guide_engine" / "guides" / "uten_tittel"
    shutil.copytree(tree / "guide_engine" / "guides" / NEW, folder)
    try:
        rules = folder / "rules.toml"
        rules.write_text(rules.read_text(encoding="utf-8").replace(f'id = "{NEW}"', 'id = "uten_tittel"'), encoding="utf-8")
        texts = folder / "texts.nn.toml"
        texts.write_text(re.sub(r"^(nav_)?title = .*\n", "", texts.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        proc = _run(tree, "-m", "build_scripts.check")
        assert proc.returncode == 1
        assert "uten_tittel" in proc.stderr and "title" in proc.stderr, proc.stderr
    finally:
        shutil.rmtree(folder)
