"""Everything that happens inside a page, as one Python-Markdown extension, so that MkDocs and
its successor Zensical (which runs Markdown extensions but no MkDocs hooks) build the same site.

In a page's Markdown, before anything else:
- ``{{ veiviser ID }}`` becomes the guide's page: the form, the checklist, the legal tables, the
  diagram and its «Kilder» footer, all from the guide's definition (guide_page.py);
- ``{{ lovtabell NAME }}`` becomes a table from the law registry (law_tables.py);
- ``{{ veivisere }}`` becomes the guides' reference for developers (guide_reference.py);
- ``{{ sist-oppdatert 2026-11-28 }}`` becomes «Sist oppdatert: 28. november 2026»;
- ``{{ tilgjengelighetserklaering }}`` becomes the link to the municipality's statement;
- on a municipality's copy, every page ends with its contacts and links (municipality.py);
- ``[[hol § 7-2 a]]`` becomes a link to the section on Lovdata (legal_refs.py).
Everything it writes is in the written form of the pages being built (``SITE_LANG``: nb for
docs/, nn for docs-nn/; build.py sets it for each builder run).
A reference, table or guide the registry does not know stops the build with the page's text.

Registered in mkdocs.yml as ``build_scripts.markdown_ext`` (the repository root must be on the
Python path; the make targets see to it).
"""
from __future__ import annotations

import functools
import os
import pathlib
import re
import sys

from markdown import Extension
from markdown.preprocessors import Preprocessor

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import guide_page, guide_reference, law_status, law_tables, legal_refs, municipality, page_meta, pyodide_bundle  # noqa: E402
from build_scripts.ui import t  # noqa: E402

GUIDE = re.compile(r"^\{\{\s*veiviser\s+([a-z_]+)\s*\}\}\s*$", re.M)
UPDATED = re.compile(r"\{\{\s*sist-oppdatert\s+(\d{4}-\d{2}-\d{2})\s*\}\}")
STATEMENT = re.compile(r"^\{\{\s*tilgjengelighetserklaering\s*\}\}\s*$", re.M)


def page_lang() -> str:
    """The written form of the pages being built (nb unless build.py says otherwise)."""
    return os.environ.get("SITE_LANG") or "nb"


def accessibility_statement(cfg: dict, lang: str = "nb") -> str:
    if cfg:
        return t(lang, "kommune.statement_own", name=cfg["navn"], url=cfg["tilgjengelighetserklaering"])
    return t(lang, "kommune.statement_national")


class BuildError(ValueError):
    """A page the site cannot be built with. Python-Markdown lets it through to the builder."""


@functools.lru_cache(maxsize=1)
def municipal_config() -> dict:
    """The municipality's checked kommune.yml (build.py passes its path), or {} for the national site."""
    path = os.environ.get("KOMMUNE_CONFIG")
    return municipality.load(pathlib.Path(path)) if path else {}


def kommune(lang: str = "nb") -> dict:
    return municipality.for_guides(municipal_config(), lang)


def municipal_footer(cfg: dict, lang: str = "nb") -> str:
    """Who to contact, the municipality's own links, its accessibility statement and feedback:
    at the end of every page of a municipality's copy."""
    if not cfg:
        return ""
    cfg = municipality.in_form(cfg, lang)
    lines = ["", "", '<div class="kommune-kontakt" markdown>', "",
             f"## {t(lang, 'kommune.contact_heading', name=cfg['navn'])} {{ #kontakt-kommunen }}", ""]
    for key in ("koordinerende_enhet", "barnekoordinator"):
        if key in cfg:
            first, *rest = municipality.contact_lines(cfg[key], lang)
            lines.append(f"- **{first}**" + "".join(f"<br>{line}" for line in rest))
    if cfg.get("slik_ber_dere_om_hjelp"):
        lines += ["", cfg["slik_ber_dere_om_hjelp"]]
    links = [*cfg.get("lenker", []), {"tekst": t(lang, "kommune.statement_link"), "url": cfg["tilgjengelighetserklaering"]}]
    if cfg.get("tilbakemelding"):
        links.append({"tekst": t(lang, "kommune.feedback_link"), "url": cfg["tilbakemelding"]})
    lines += [""] + [f"- [{link['tekst']}]({link['url']})" for link in links] + ["", "</div>", ""]
    return "\n".join(lines)


def expand(markdown: str, where: str = "en side", lang: str | None = None) -> str:
    """Markdown in, Markdown out: the whole expansion, as a plain function (tests call it)."""
    lang = lang or page_lang()

    def guide(m: re.Match) -> str:
        guide_id = m.group(1)
        try:
            return guide_page.body(guide_id, kommune(lang), pyodide_bundle.site_folder(ROOT), lang)
        except KeyError:
            raise BuildError(f"{where}: ukjent veiviser «{guide_id}»") from None

    markdown = GUIDE.sub(guide, markdown) + municipal_footer(municipal_config(), lang)
    markdown = STATEMENT.sub(lambda m: accessibility_statement(municipal_config(), lang), markdown)
    markdown = guide_reference.expand(law_tables.expand(markdown, where, lang), where, lang)
    checked = law_status.checked_line(law_status.refs_in(markdown), lang)
    markdown = UPDATED.sub(lambda m: t(lang, "page.updated", date=page_meta.norwegian_date(m.group(1), lang))
                           + (f"\n\n{checked}" if checked else ""), markdown)
    return legal_refs.expand(markdown, where, lang)


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
