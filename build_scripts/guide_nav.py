"""A guide's page and its place in the navigation, made from its folder (guide_engine/guides/<id>/),
so that adding a guide touches nothing outside that folder.

For each written form the build (build.py) adds:
- the navigation entry «<title>: veivisere/<id>.md», right after the page its rules.toml (or
  joins.toml) names in ``nav_after``: a page of mkdocs.yml's nav, or another guide's page. Guides
  that follow the same page come in the order of their ids, each followed by those that follow
  it. The title is ``nav_title`` in the form's texts file, or else the guide's ``title`` there.
- the page veivisere/<id>.md in the staged docs folder (STUB), unless the form's pages hold one
  written by hand to introduce the guide; such a page wins, and needs the same front matter
  ``guide: <id>`` (overrides/main.html starts the engine from <head> with it) and ``{{ veiviser <id> }}``.
check.py stops the build on what problems() finds.
"""
from __future__ import annotations

import pathlib
import re
import tomllib

from guide_engine import data_files
from guide_engine.api import all_ids, list_guides
from guide_engine.languages import languages
from guide_engine.messages import LANGUAGES

GUIDE_DIR = "veivisere"
STUB = """---
# Written by the build (build_scripts/guide_nav.py): the page is the guide, made from its folder.
guide: {id}
hide:
  - navigation
  - toc
---

{{{{ veiviser {id} }}}}
"""


def page(guide_id: str) -> str:
    return f"{GUIDE_DIR}/{guide_id}.md"


def _toml(guide_id: str, name: str) -> dict:
    return tomllib.loads(data_files.read(f"guides/{guide_id}", name))


def _rules_name(guide_id: str) -> str:
    return "rules.toml" if data_files.exists(f"guides/{guide_id}", "rules.toml") else "joins.toml"


def in_language(lang: str) -> list[str]:
    """The guides that have the language ``lang`` (every guide has nb and nn; only the family
    guides have English, languages.py): the guides the site's pages in ``lang`` show."""
    return [g for g in all_ids() if lang in languages(g)]


def places(lang: str | None = None) -> dict:
    """Guide id -> the page it follows in the navigation (``nav_after``; None if missing), for
    every guide, or for the guides in the language ``lang``."""
    return {g: _toml(g, _rules_name(g)).get("nav_after") for g in (in_language(lang) if lang else all_ids())}


def titles(lang: str) -> dict[str, str]:
    """Guide id -> its title in the navigation, in the written form ``lang`` (its guides only)."""
    own = {g["id"]: g["title"] for g in list_guides(lang)}
    return {g: _toml(g, f"texts.{lang}.toml").get("nav_title", own[g]) for g in in_language(lang)}


def nav_files(items) -> set:
    """Every page a navigation (mkdocs.yml's form) names."""
    found = set()
    for item in items or []:
        values = item.values() if isinstance(item, dict) else [item]
        for v in values:
            found |= nav_files(v) if isinstance(v, list) else {v}
    return found


def insert(nav: list, where: dict, title: dict) -> tuple[list, set]:
    """The navigation with each guide's entry after its page; and the ids that found their page."""
    followers: dict[str, list[str]] = {}
    for g in sorted(where):
        if isinstance(where[g], str):
            followers.setdefault(where[g], []).append(g)
    placed: set = set()

    def after(p: str) -> list:
        out = []
        for g in followers.get(p, ()):
            placed.add(g)
            out += [{title[g]: page(g)}, *after(page(g))]
        return out

    def walk(items: list) -> list:
        out = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                (name, _), = item.items()
                out.append({name: walk(value)})
            else:
                out += [item, *after(value)]
        return out

    return walk(nav), placed


def nav(items: list, lang: str) -> list:
    """``items`` (a form's navigation) with the guides' entries in that form's words."""
    return insert(items, places(lang), titles(lang))[0]


def write_pages(docs_dir: pathlib.Path, lang: str = "nb") -> list[str]:
    """Write the page of every guide in ``lang`` that has none written by hand in ``docs_dir``;
    their paths."""
    written = []
    for g in in_language(lang):
        target = docs_dir / page(g)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(STUB.format(id=g), encoding="utf-8")
            written.append(page(g))
    return written


def problems(items: list, root: pathlib.Path, sources: dict) -> list[str]:
    """What stops the build: a guide without its place or title, a guide named in mkdocs.yml's
    nav by hand, a hand-written page without what starts the guide. ``items``: mkdocs.yml's nav;
    ``sources``: form -> its pages' folder under ``root``."""
    found = []
    where = places()
    by_hand = nav_files(items)
    _, placed = insert(items, where, {g: g for g in where})
    for g, after in where.items():
        rules = _rules_name(g)
        if page(g) in by_hand:
            found.append(f"veiviseren «{g}» står i mkdocs.yml (nav): ta den bort, bygget setter den inn etter «nav_after» i {rules}")
        if not isinstance(after, str) or not after:
            found.append(f"veiviseren «{g}» mangler «nav_after» i {rules}: siden den skal stå etter i navigasjonen,"
                         " for eksempel nav_after = \"familie/index.md\"")
        elif g not in placed:
            found.append(f"veiviseren «{g}»: nav_after = «{after}» er ingen side i navigasjonen (mkdocs.yml eller en annen veiviser)")
        own = {lang: _toml(g, f"texts.{lang}.toml").get("nav_title") for lang in LANGUAGES}
        if any(v is not None for v in own.values()) and not all(isinstance(v, str) and v.strip() for v in own.values()):
            found.append(f"veiviseren «{g}»: «nav_title» skal stå i tekstfilen for hver målform ({', '.join(LANGUAGES)})")
        for lang, folder in sources.items():
            hand = root / folder / page(g)
            if hand.is_file():
                text = hand.read_text(encoding="utf-8")
                front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
                if not front or not re.search(rf"^guide: {g}$", front.group(1), re.M) or f"{{{{ veiviser {g} }}}}" not in text:
                    found.append(f"{folder}/{page(g)}: en side skrevet for hånd trenger «guide: {g}» i front matter"
                                 f" og {{{{ veiviser {g} }}}}")
    return found
