"""A guide is its folder: its entry in the navigation and its page are made from it
(build_scripts/guide_nav.py), and the checks stop the build on what is missing. Without a build;
tests/test_new_guide.py builds a copied guide."""
from __future__ import annotations

import re

import pytest

from build_scripts import check, guide_nav
from build_scripts import build as site
from guide_engine.api import all_ids, list_guides
from guide_engine.messages import LANGUAGES

NAV = [{"Forside": "index.md"},
       {"Familie": ["familie/index.md", "familie/a.md"]},
       {"Tjenester": ["tjenester/index.md", {"Klage": "tjenester/klage.md"}]}]


def _flat(items, section=None):
    for item in items:
        (title, value), = item.items() if isinstance(item, dict) else ((None, item),)
        if isinstance(value, list):
            yield from _flat(value, title)
        else:
            yield section, title, value


def test_a_guide_goes_right_after_its_page_and_those_that_follow_it_after_it():
    where = {"b": "familie/index.md", "a": "familie/index.md", "c": "veivisere/a.md", "d": "tjenester/klage.md"}
    nav, placed = guide_nav.insert(NAV, where, {g: g.upper() for g in where})
    assert placed == set(where)
    assert nav[1] == {"Familie": ["familie/index.md", {"A": "veivisere/a.md"}, {"C": "veivisere/c.md"},
                                  {"B": "veivisere/b.md"}, "familie/a.md"]}
    assert nav[2]["Tjenester"][-1] == {"D": "veivisere/d.md"}
    assert NAV[1] == {"Familie": ["familie/index.md", "familie/a.md"]}  # the input is left as it was


def test_a_guide_whose_page_is_not_in_the_navigation_is_not_placed():
    _, placed = guide_nav.insert(NAV, {"a": "familie/finnes-ikke.md", "b": "veivisere/b.md"}, {"a": "A", "b": "B"})
    assert placed == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_guide_is_in_the_navigation_once_with_its_title_in_the_form_after_its_page(lang):
    entries = list(_flat(site._nav_for(None, lang)))
    pages = [p for _, _, p in entries]
    titles = {g["id"]: g["title"] for g in list_guides(lang)}
    for guide_id, after in guide_nav.places().items():
        assert pages.count(guide_nav.page(guide_id)) == 1, guide_id
        section, title, _ = entries[pages.index(guide_nav.page(guide_id))]
        assert title == guide_nav.titles(lang)[guide_id] and title.strip(), guide_id
        assert section == entries[pages.index(after)][0] and pages.index(after) < pages.index(guide_nav.page(guide_id))
        if guide_nav._toml(guide_id, f"texts.{lang}.toml").get("nav_title") is None:
            assert title == titles[guide_id]  # without nav_title: the guide's own title in that form


@pytest.mark.exhaustive  # the checks include the soundness analysis of every guide
def test_the_site_config_names_no_guide_and_the_checks_pass():
    assert check.problems() == []
    assert not {guide_nav.page(g) for g in all_ids()} & guide_nav.nav_files(site._config()["nav"])


def test_the_checks_name_a_guide_without_its_place_or_named_by_hand(root):
    nav = site._config()["nav"]
    where = guide_nav.places()
    guide_id = next(g for g in sorted(where) if where[g] in guide_nav.nav_files(nav))  # after a page of the config
    without_anchor = [item for item in guide_nav.nav_files(nav) if item != where[guide_id]]
    found = guide_nav.problems([{"Alt": sorted(without_anchor)}], root, check.SOURCES)
    assert any(f"«{guide_id}»" in p and "nav_after" in p and where[guide_id] in p for p in found), found
    found = guide_nav.problems(nav + [{"Hånd": guide_nav.page(guide_id)}], root, check.SOURCES)
    assert any(f"«{guide_id}» står i " in p and "ta den bort" in p for p in found), found


def test_the_checks_name_a_guide_without_nav_after_or_with_a_title_in_one_form_only(monkeypatch, root):
    real = guide_nav._toml
    guide_id = "samarbeid"

    def broken(g, name):
        data = dict(real(g, name))
        if g == guide_id and name == "rules.toml":
            data.pop("nav_after")
        if g == guide_id and name == "texts.nb.toml":
            data["nav_title"] = "Bare på bokmål"
        return data

    monkeypatch.setattr(guide_nav, "_toml", broken)
    found = guide_nav.problems(site._config()["nav"], root, check.SOURCES)
    assert any(f"«{guide_id}» mangler «nav_after»" in p for p in found), found
    assert any(f"«{guide_id}»: «nav_title»" in p for p in found), found


def test_pages_are_written_for_guides_without_one_and_a_hand_written_page_wins(tmp_path):
    own = tmp_path / guide_nav.page("samarbeid")
    own.parent.mkdir(parents=True)
    own.write_text("---\nguide: samarbeid\n---\n\nOm veiviseren.\n\n{{ veiviser samarbeid }}\n", encoding="utf-8")
    written = guide_nav.write_pages(tmp_path)
    assert sorted(written) == sorted(guide_nav.page(g) for g in all_ids() if g != "samarbeid")
    assert "Om veiviseren." in own.read_text(encoding="utf-8")
    for guide_id in all_ids():
        text = (tmp_path / guide_nav.page(guide_id)).read_text(encoding="utf-8")
        # overrides/main.html starts the engine from <head> with the front matter's «guide».
        assert re.match(rf"---\n(.*\n)?guide: {guide_id}\n(.*\n)?---\n", text, re.S), guide_id
        assert f"{{{{ veiviser {guide_id} }}}}" in text


def test_a_hand_written_guide_page_needs_its_front_matter_and_guide(tmp_path):
    for folder in check.SOURCES.values():
        page = tmp_path / folder / guide_nav.page("deling")
        page.parent.mkdir(parents=True)
        page.write_text("# Kan jeg dele dette?\n\n{{ veiviser deling }}\n", encoding="utf-8")
    found = guide_nav.problems(site._config()["nav"], tmp_path, check.SOURCES)
    assert sorted(p.split(":")[0] for p in found) == sorted(f"{f}/veivisere/deling.md" for f in check.SOURCES.values())
