"""Everything that happens inside a page, as one Python-Markdown extension, so that MkDocs and
its successor Zensical (which runs Markdown extensions but no MkDocs hooks) build the same site.

In a page's Markdown, before anything else:
- ``{{ veiviser ID }}`` becomes the guide's page: the form, the checklist, the legal tables, the
  diagram and its «Kilder» footer, all from the guide's definition (guide_page.py);
- ``{{ lovtabell NAME }}`` becomes a table from the law registry (law_tables.py);
- ``{{ veivisere }}`` becomes the guides' reference for developers (guide_reference.py);
- ``{{ sist-oppdatert 2026-11-28 }}`` becomes «Sist oppdatert: 28. november 2026»;
- ``{{ tilgjengelighetserklaering }}`` becomes the link to the municipality's statement;
- ``{{ versjon }}`` becomes the site's version, build date and commit (version.py);
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

from build_scripts import guide_page, guide_reference, law_status, law_tables, legal_refs, municipality, page_meta, version  # noqa: E402
from build_scripts.ui import t  # noqa: E402
from markupsafe import escape  # noqa: E402

GUIDE = re.compile(r"^\{\{\s*veiviser\s+([a-z_]+)\s*\}\}\s*$", re.M)
UPDATED = re.compile(r"\{\{\s*sist-oppdatert\s+(\d{4}-\d{2}-\d{2})\s*\}\}")
STATEMENT = re.compile(r"^\{\{\s*tilgjengelighetserklaering\s*\}\}\s*$", re.M)
VERSION = re.compile(r"^\{\{\s*versjon\s*\}\}\s*$", re.M)


def page_lang() -> str:
    """The written form of the pages being built (nb unless build.py says otherwise)."""
    return os.environ.get("SITE_LANG") or "nb"


def accessibility_statement(cfg: dict, lang: str = "nb") -> str:
    """HTML: the municipality's name and address are escaped, never read as Markdown."""
    if cfg:
        cfg = municipality.in_form(cfg, lang)
        return "<p>" + t(lang, "kommune.statement_own", name=escape(cfg["navn"]),
                         url=escape(cfg["tilgjengelighetserklaering"])) + "</p>"
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
    at the end of every page of a municipality's copy. HTML from a template that escapes every
    value, like the guide's box: a name with *, _, <, [..](..) or { } stays that text."""
    if not cfg:
        return ""
    cfg = municipality.in_form(cfg, lang)
    links = [*cfg.get("lenker", []), {"tekst": t(lang, "kommune.statement_link"), "url": cfg["tilgjengelighetserklaering"]}]
    if cfg.get("tilbakemelding"):
        links.append({"tekst": t(lang, "kommune.feedback_link"), "url": cfg["tilbakemelding"]})
    labels = {k: t(lang, f"kommune.{k}", value="").strip() for k in ("phone", "email", "opening_hours")}
    return guide_page._ENV.get_template("municipal_contact.html.j2").render(
        heading=t(lang, "kommune.contact_heading", name=cfg["navn"]),
        contacts=[cfg[k] for k in ("koordinerende_enhet", "barnekoordinator") if k in cfg],
        slik=cfg.get("slik_ber_dere_om_hjelp", ""), links=links, labels=labels)


def expand(markdown: str, where: str = "en side", lang: str | None = None, stash=lambda html: html) -> str:
    """Markdown in, Markdown out: the whole expansion, as a plain function (tests call it).
    ``stash`` keeps a block of HTML away from every later step (Python-Markdown's htmlStash):
    the municipality's texts are put in last and never read as Markdown or as a {{ }} tag."""
    lang = lang or page_lang()

    def guide(m: re.Match) -> str:
        guide_id = m.group(1)
        try:
            return guide_page.body(guide_id, kommune(lang), lang, municipal_config())
        except KeyError:
            raise BuildError(f"{where}: ukjent veiviser «{guide_id}»") from None

    markdown = GUIDE.sub(guide, markdown)
    markdown = VERSION.sub(lambda m: version.line(version.info(), lang), markdown)
    statements = []
    markdown = STATEMENT.sub(lambda m: statements.append(m) or "\x00STATEMENT\x00", markdown)
    markdown = guide_reference.expand(law_tables.expand(markdown, where, lang), where, lang)
    checked = law_status.checked_line(law_status.refs_in(markdown), lang)
    markdown = UPDATED.sub(lambda m: t(lang, "page.updated", date=page_meta.norwegian_date(m.group(1), lang))
                           + (f"\n\n{checked}" if checked else ""), markdown)
    markdown = legal_refs.expand(markdown, where, lang)
    if statements:
        markdown = markdown.replace("\x00STATEMENT\x00", stash(accessibility_statement(municipal_config(), lang)))
    footer = municipal_footer(municipal_config(), lang)
    return markdown + (f"\n\n{stash(footer)}\n\n" if footer else "")


class _Expand(Preprocessor):
    def __init__(self, md, blocks: list[str]):
        super().__init__(md)
        self.blocks = blocks

    def _hold(self, html: str) -> str:
        # A plain-text marker now; _Stash puts the HTML in Python-Markdown's stash after its
        # whitespace step (which strips the stash's own placeholder characters).
        self.blocks.append(html)
        return f"SAMARBEIDHTMLBLOCK{len(self.blocks) - 1}X"

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.clear()
        text = "\n".join(lines)
        first = next((line for line in lines if line.startswith("# ")), "en side")
        return expand(text, first.lstrip("# ").strip(), stash=self._hold).split("\n")


class _Stash(Preprocessor):
    MARKER = re.compile(r"SAMARBEIDHTMLBLOCK(\d+)X")

    def __init__(self, md, blocks: list[str]):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if not self.blocks:
            return lines
        return [self.MARKER.sub(lambda m: self.md.htmlStash.store(self.blocks[int(m.group(1))]), line) for line in lines]


class SiteExtension(Extension):
    def extendMarkdown(self, md):
        blocks: list[str] = []
        # Before every other preprocessor: the expansion writes Markdown and raw HTML blocks.
        md.preprocessors.register(_Expand(md, blocks), "samarbeid_rundt_barn", 40)
        # After normalize_whitespace (30), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(_Stash(md, blocks), "samarbeid_rundt_barn_stash", 29)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return SiteExtension(**kwargs)
