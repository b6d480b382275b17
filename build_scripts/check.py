"""Checks before the builder runs (`make` runs them; so do the tests): every guide loads and is
sound in every written form, and has its place and title in the navigation (guide_nav.py, which
makes its entry and page); every page has its twin in the other form (docs/ and docs-nn/ hold the
same files). A plain step, so MkDocs and Zensical builds are held to the same.
`python -m build_scripts.check [mkdocs.yml]`"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from build_scripts import guide_nav  # noqa: E402
from guide_engine.api import all_ids  # noqa: E402
from guide_engine.composite import load_composite  # noqa: E402
from guide_engine.definitions import guide_ids, load_guide  # noqa: E402
from guide_engine.errors import GuideDefinitionError  # noqa: E402
from guide_engine.messages import LANGUAGES  # noqa: E402
from guide_engine.soundness import check  # noqa: E402

# Where each written form's Markdown lies (build.py stages them); docs-nn has only pages.
SOURCES = {"nb": "docs", "nn": "docs-nn"}


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
            for lang in LANGUAGES[1:]:
                load_guide(guide_id, lang)  # the same rules with the other form's texts
        for composite_id in sorted(set(all_ids()) - set(guide_ids())):
            for lang in LANGUAGES:
                load_composite(composite_id, lang)
        config = read_config(config_path)
        found += guide_nav.problems(config.get("nav") or [], config_path.parent, SOURCES)
    except (GuideDefinitionError, FileNotFoundError) as exc:
        return [f"ugyldig definisjon: {exc}"]
    found += [f"{p}: mangler i {other}/ (hver side finnes på bokmål i docs/ og på nynorsk i docs-nn/)"
              for p, other in missing_twins(config_path.parent)]
    return found


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
