"""Checks before the builder runs (`make` runs them; so do the tests): every guide loads and is
sound in every written form (and in English where it has texts.en.toml), and has its place and
title in the navigation (guide_nav.py, which makes its entry and page); every page has its twin
in the other form (docs/ and docs-nn/ hold the same files), every English page (docs-en/) is a
page of docs/ at the same path, and the site's own words (ui.<lang>.toml) have the same keys in
every language. A plain step, so MkDocs and Zensical builds are held to the same.
`python -m build_scripts.check [mkdocs.yml]`"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tomllib  # noqa: E402

import yaml  # noqa: E402

from build_scripts import guide_nav  # noqa: E402
from guide_engine.api import all_ids  # noqa: E402
from guide_engine.composite import load_composite  # noqa: E402
from guide_engine.definitions import guide_ids, load_guide  # noqa: E402
from guide_engine.errors import GuideDefinitionError  # noqa: E402
from guide_engine.languages import languages  # noqa: E402
from guide_engine.messages import ENGINE_LANGUAGES, LANGUAGES  # noqa: E402
from guide_engine.soundness import check  # noqa: E402

# Where each language's Markdown lies (build.py stages them); docs-nn and docs-en have only pages.
# English (docs-en) holds the family pages only, each at its path in docs/.
SOURCES = {"nb": "docs", "nn": "docs-nn", "en": "docs-en"}
UI_DIR = ROOT / "build_scripts"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has !ENV tags; the navigation does not need them."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: pathlib.Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as data, for the checks and the build's navigation: its tags (!ENV) read as None."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def problems(config_path: pathlib.Path = ROOT / "mkdocs.yml") -> list[str]:
    found = []
    try:
        for guide_id in guide_ids():
            found += [f"veiviseren «{guide_id}»: {p}" for p in check(load_guide(guide_id))]
            for lang in languages(guide_id)[1:]:
                load_guide(guide_id, lang)  # the same rules with the other form's (or English) texts
        for composite_id in sorted(set(all_ids()) - set(guide_ids())):
            for lang in languages(composite_id):
                load_composite(composite_id, lang)
        config = read_config(config_path)
        found += guide_nav.problems(config.get("nav") or [], config_path.parent, SOURCES)
    except (GuideDefinitionError, FileNotFoundError) as exc:
        return [f"ugyldig definisjon: {exc}"]
    found += [f"{p}: mangler i {other}/ (hver side finnes på bokmål i docs/ og på nynorsk i docs-nn/)"
              for p, other in missing_twins(config_path.parent)]
    found += [f"docs-en/{p}: finnes ikke i docs/ (en engelsk side er en side for familier, på samme sti som på bokmål)"
              for p in english_without_original(config_path.parent)]
    found += ui_key_problems()
    return found


def _keys(table: dict, path: str = "") -> set[str]:
    out = set()
    for k, v in table.items():
        out |= {f"{path}{k}"} | (_keys(v, f"{path}{k}.") if isinstance(v, dict) else set())
    return out


def ui_key_problems(folder: pathlib.Path = UI_DIR) -> list[str]:
    """The site's own words (ui.<lang>.toml): every language has exactly the keys of bokmål."""
    found = []
    nb = _keys(tomllib.loads((folder / "ui.nb.toml").read_text(encoding="utf-8")))
    for lang in ENGINE_LANGUAGES[1:]:
        path = folder / f"ui.{lang}.toml"
        if not path.is_file():
            found.append(f"{path.name} mangler (hver nøkkel i ui.nb.toml skal stå der)")
            continue
        other = _keys(tomllib.loads(path.read_text(encoding="utf-8")))
        # [to_families]: the families' «dere»/«de» where the staff's guides say «du»; a language
        # with one word for both (English «you») leaves the whole table out.
        expected = nb if "to_families" in other else {k for k in nb if k.split(".")[0] != "to_families"}
        found += [f"{path.name}: mangler «{k}» (den står i ui.nb.toml)" for k in sorted(expected - other)]
        found += [f"{path.name}: «{k}» står ikke i ui.nb.toml" for k in sorted(other - nb)]
    return found


def english_without_original(root: pathlib.Path = ROOT) -> list[str]:
    """English pages (relative paths) with no bokmål page at the same path."""
    english = {p.relative_to(root / "docs-en").as_posix() for p in (root / "docs-en").rglob("*.md")}
    return sorted(p for p in english if not (root / "docs" / p).is_file())


def missing_twins(root: pathlib.Path = ROOT) -> list[tuple[str, str]]:
    """Pages (relative paths) that one written form has and the other lacks."""
    pages = {d: {p.relative_to(root / d).as_posix() for p in (root / d).rglob("*.md")} for d in ("docs", "docs-nn")}
    return sorted([(p, "docs-nn") for p in pages["docs"] - pages["docs-nn"]]
                  + [(p, "docs") for p in pages["docs-nn"] - pages["docs"]])


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    found = problems(pathlib.Path(args[0]).resolve() if args else ROOT / "mkdocs.yml")
    for p in found[:20]:
        sys.stderr.write(p + "\n")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
