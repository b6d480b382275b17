"""Legal references in pages: `[[hol § 7-2 a]]` becomes a Lovdata link from the law registry.

Nobody writes a Lovdata address by hand; a reference the registry does not know fails the build.
"""
from __future__ import annotations

import re

from guide_engine.laws import Citation, cite

REF = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")


class UnknownReference(ValueError):
    pass


def tooltip(label: str, provision_title: str | None) -> str:
    """A Lovdata link's tooltip: the law and section, and the provision's title where there is
    one (js/guide/parts.js writes the same for the result's links)."""
    return f"{label} ({provision_title})" if provision_title else label


def link(citation: Citation, text: str | None = None, lang: str = "nb") -> str:
    """A Markdown link to the provision (or law) on Lovdata, named as the page's written form
    names the law."""
    label = citation.label_in(lang)
    title = tooltip(label, citation.provision.title if citation.provision else None)
    return f'[{text or label}]({citation.url} "{title}"){{ .lovdata }}'


def expand(markdown: str, where: str, lang: str = "nb") -> str:
    """Replace every [[ref]] / [[ref|text]] in a page; raise UnknownReference naming the page."""
    problems = []

    def replace(m: re.Match) -> str:
        try:
            return link(cite(m.group(1).strip()), m.group(2).strip() if m.group(2) else None, lang)
        except KeyError as exc:
            problems.append(f"{where}: {exc.args[0]}")
            return m.group(0)

    out = REF.sub(replace, markdown)
    if problems:
        raise UnknownReference("\n".join(problems))
    return out

