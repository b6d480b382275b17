"""The theme's inline start-up scripts, copied into files so a strict Content-Security-Policy
allows them (docs/js/md-base.js, md-content.js, md-palette.js; loaded by the partials in
overrides/partials/javascripts/), are the installed theme's own scripts. A theme upgrade that
changes one makes this test fail, instead of the copy going stale without a word."""
from __future__ import annotations

import importlib.util
import pathlib
import re

import pytest
import yaml

from conftest import ROOT

THEME = pathlib.Path(importlib.util.find_spec("material").origin).parent / "templates" / "partials" / "javascripts"
# The one difference on purpose: the site's root comes from the copy's own address, which also
# works under a sub-path, not from a value the template fills in.
SCOPE = ('new URL("{{ config.extra.scope | d(base_url) }}",location)', 'new URL("..",document.currentScript.src)')


class _Tagless(yaml.SafeLoader):
    """The site's configuration without its tags (!ENV and the like): only its keys are read."""


_Tagless.add_multi_constructor("!", lambda loader, suffix, node: None)
_Tagless.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _scripts(partial: str) -> list[str]:
    """The inline scripts of a theme partial, outside any {% if %} (a feature the site has off)."""
    text = (THEME / partial).read_text(encoding="utf-8")
    text = re.sub(r"{%\s*if.*?{%\s*endif\s*%}", "", text, flags=re.S)
    return [s.strip().rstrip(";") for s in re.findall(r"<script>(.*?)</script>", text, re.S)]


def _copy(name: str) -> str:
    lines = (ROOT / "docs" / "js" / name).read_text(encoding="utf-8").splitlines()
    return "".join(line for line in lines if not line.startswith("//")).strip().rstrip(";")


@pytest.mark.parametrize("partial, copy", [("base.html", "md-base.js"), ("content.html", "md-content.js"),
                                           ("palette.html", "md-palette.js")])
def test_each_copy_is_the_installed_theme_s_script(partial, copy):
    assert _scripts(partial) == [_copy(copy).replace(SCOPE[1], SCOPE[0])], f"{copy} differs from the theme's {partial}"


def test_the_scripts_left_out_belong_to_features_the_site_does_not_use():
    """content.html's first script runs only with «content.tabs.link»; the copy leaves it out."""
    assert "content.tabs.link" in (THEME / "content.html").read_text(encoding="utf-8")
    features = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tagless)["theme"]["features"]
    assert "content.tabs.link" not in features
