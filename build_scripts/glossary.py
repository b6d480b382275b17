"""Glossary terms are linked where they first appear on a page.

The terms are the `## Term` headings of docs/ordliste.md, read from the built glossary page with
the anchors the builder gave them (postbuild.glossary_terms). Linking works on the rendered HTML,
outside links, headings, buttons, form labels and code, and only the first mention per page.
"""
from __future__ import annotations

import re

from build_scripts.ui import t

_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "legend",
         "summary", "script", "style", "title", "nav", "table"}
_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*?(/?)>")


def link_terms(html: str, glossary: dict[str, str], href: str, lang: str = "nb") -> str:
    """Link the first mention of each term (whole words, any case) to `href#anchor`."""
    patterns = [(t, a, re.compile(rf"(?<![\wæøåÆØÅ-])({re.escape(t)})(?![\wæøåÆØÅ-])", re.I))
                for t, a in sorted(glossary.items(), key=lambda kv: -len(kv[0]))]
    linked: set[str] = set()
    title = t(lang, "page.glossary_title")
    out, depth, pos = [], 0, 0
    for m in _TAG.finditer(html):
        out.append(_link_text(html[pos:m.start()], patterns, linked, href, title) if depth == 0 else html[pos:m.start()])
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _SKIP and not selfclosing:
            depth += -1 if closing else 1
            depth = max(depth, 0)
        out.append(m.group(0))
        pos = m.end()
    out.append(_link_text(html[pos:], patterns, linked, href, title) if depth == 0 else html[pos:])
    return "".join(out)


def _link_text(text: str, patterns, linked: set, href: str, title: str) -> str:
    for term, anchor, pattern in patterns:
        if anchor in linked:
            continue
        m = pattern.search(text)
        if m:
            linked.add(anchor)
            link = f'<a class="ordliste" href="{href}#{anchor}" title="{title}">{m.group(1)}</a>'
            # Link in the already-linked text would nest <a>; split around it.
            return (_link_text(text[: m.start()], patterns, linked, href, title) + link
                    + _link_text(text[m.end():], patterns, linked, href, title))
    return text
