"""Everything that happens inside a page, as one Python-Markdown extension, so that MkDocs and
its successor Zensical (which runs Markdown extensions but no MkDocs hooks) build the same site.

In a page's Markdown, before anything else:
- ``{{ veiviser ID }}`` becomes the guide's page: the form, the checklist, the legal tables, the
  diagram and its «Kilder» footer, all from the guide's definition (guide_page.py);
- ``{{ lovtabell NAME }}`` becomes a table from the law registry (law_tables.py);
- ``{{ veivisere }}`` becomes the guides' reference for developers (guide_reference.py);
- ``{{ sist-oppdatert 2026-11-28 }}`` becomes «Sist oppdatert: 28. november 2026»;
- ``[[hol § 7-2 a]]`` becomes a link to the section on Lovdata (legal_refs.py).
A reference, table or guide the registry does not know stops the build with the page's text.

Registered in mkdocs.yml as ``build_scripts.markdown_ext`` (the repository root must be on the
Python path; the make targets see to it).
"""
from __future__ import annotations

import os
import pathlib
import re
import sys

from markdown import Extension
from markdown.preprocessors import Preprocessor

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import guide_page, guide_reference, law_tables, legal_refs, page_meta, pyodide_bundle  # noqa: E402

GUIDE = re.compile(r"^\{\{\s*veiviser\s+([a-z_]+)\s*\}\}\s*$", re.M)
UPDATED = re.compile(r"\{\{\s*sist-oppdatert\s+(\d{4}-\d{2}-\d{2})\s*\}\}")


class BuildError(ValueError):
    """A page the site cannot be built with. Python-Markdown lets it through to the builder."""


def kommune() -> dict:
    """The municipality's name and contact for the guides (environment, as mkdocs.yml reads it)."""
    return {"navn": os.environ.get("KOMMUNE_NAVN", ""), "kontakt": os.environ.get("KOMMUNE_KONTAKT", "")}


def expand(markdown: str, where: str = "en side") -> str:
    """Markdown in, Markdown out: the whole expansion, as a plain function (tests call it)."""
    def guide(m: re.Match) -> str:
        guide_id = m.group(1)
        try:
            return guide_page.body(guide_id, kommune(), pyodide_bundle.site_folder(ROOT))
        except KeyError:
            raise BuildError(f"{where}: ukjent veiviser «{guide_id}»") from None

    markdown = GUIDE.sub(guide, markdown)
    markdown = guide_reference.expand(law_tables.expand(markdown, where), where)
    markdown = UPDATED.sub(lambda m: f"Sist oppdatert: {page_meta.norwegian_date(m.group(1))}", markdown)
    return legal_refs.expand(markdown, where)


class _Expand(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        first = next((line for line in lines if line.startswith("# ")), "en side")
        return expand(text, first.lstrip("# ").strip()).split("\n")


class SiteExtension(Extension):
    def extendMarkdown(self, md):
        # Before every other preprocessor: the expansion writes Markdown and raw HTML blocks.
        md.preprocessors.register(_Expand(md), "samarbeid_rundt_barn", 40)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return SiteExtension(**kwargs)
