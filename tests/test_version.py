"""A municipality can see which version it runs: version.json in the site and the line on «Om
tjenesten» / «Om tenesta», both from the newest entry of CHANGELOG.md."""
from __future__ import annotations

import json
import re

from build_scripts import version
from conftest import ROOT


def test_the_changelog_names_the_version_being_built():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \d+\.\d+\.\d+ – \d{4}-\d{2}-\d{2}$", text, re.M)
    assert version.changelog_version() == re.search(r"^## (\d+\.\d+\.\d+)", text, re.M).group(1)


def test_the_site_says_its_version_in_a_file_and_on_the_about_page(site_dir):
    about = json.loads((site_dir / "version.json").read_text(encoding="utf-8"))
    assert about["version"] == version.changelog_version()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", about["built"])
    assert re.fullmatch(r"[0-9a-f]{7,40}|", about["commit"])
    nb = (site_dir / "om" / "index.html").read_text(encoding="utf-8")
    assert f"Versjon {about['version']}, bygget " in nb
    nn = (site_dir / "nn" / "om" / "index.html").read_text(encoding="utf-8")
    assert f"Versjon {about['version']}, bygd " in nn
    if about["commit"]:
        assert about["commit"] in nb and about["commit"] in nn
