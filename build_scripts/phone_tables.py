"""Tables that work on a phone and with a keyboard.

- On narrow screens each row is shown as a small card: every body cell gets its column's
  heading as data-label, which the CSS shows above the cell.
- The table keeps its native semantics only: no ARIA roles on table, tr, th or td (HTML forbids
  them there, and the checker in tests/test_html_valid.py holds it). Chromium keeps exposing
  table, row, columnheader and cell when CSS lays the cells out as blocks;
  tests/test_html_valid.py checks that in Chromium's accessibility tree at phone width.
- Where a table still scrolls sideways, the scrolling box must be reachable by keyboard
  (WCAG 2.1.1), so each table sits in a focusable, labelled region.

The HTML is read with html.parser; only the places found there are edited, every other
character of the page is left as it was.
"""
from __future__ import annotations

import html as htmllib
from html.parser import HTMLParser

REGION_OPEN = '<div class="table-region" role="region" tabindex="0" aria-label="{label}">'
REGION_CLOSE = "</div>"


def _span(attrs: list[tuple[str, str | None]]) -> int:
    value = dict(attrs).get("colspan") or "1"
    return int(value) if value.strip().isdigit() and int(value) > 0 else 1


class _Table:
    def __init__(self) -> None:
        self.labels: list[str] = []  # one per column, from the header row
        self.in_head = False
        self.column = 0
        self.heading: list[str] | None = None  # text of the header cell being read
        self.heading_span = 1


class _TableEditor(HTMLParser):
    """Finds each outermost table and its cells; collects the edits as (offset, text to insert)."""

    def __init__(self, source: str, region_open: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.region_open = region_open
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.tables: list[_Table] = []
        self.edits: list[tuple[int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            if not self.tables:
                self.edits.append((self._offset(), self.region_open))
            self.tables.append(_Table())
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "thead":
            table.in_head = True
        elif tag == "tr":
            table.column = 0
        elif tag == "th" and table.in_head:
            table.heading, table.heading_span = [], _span(attrs)
        elif tag == "td" and not table.in_head:
            if "data-label" not in dict(attrs):
                label = table.labels[table.column] if table.column < len(table.labels) else ""
                # Right after «<td», before any attribute the cell already has.
                self.edits.append((self._offset() + len("<td"), f' data-label="{htmllib.escape(label, quote=True)}"'))
            table.column += _span(attrs)
        elif tag == "th":
            table.column += _span(attrs)

    def handle_endtag(self, tag):
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "table":
            self.tables.pop()
            if not self.tables:
                end = self.source.index(">", self._offset()) + 1
                self.edits.append((end, REGION_CLOSE))
        elif tag == "thead":
            table.in_head = False
        elif tag == "th" and table.heading is not None:
            label = " ".join("".join(table.heading).split())
            table.labels += [label] * table.heading_span
            table.heading = None

    def handle_data(self, data):
        if self.tables and self.tables[-1].heading is not None:
            self.tables[-1].heading.append(data)


def wrap_tables(html: str, lang: str = "nb") -> str:
    from build_scripts.ui import t

    editor = _TableEditor(html, REGION_OPEN.format(label=htmllib.escape(t(lang, "page.table_region"), quote=True)))
    editor.feed(html)
    editor.close()
    out, pos = [], 0
    for offset, text in sorted(editor.edits, key=lambda e: e[0]):
        out += [html[pos:offset], text]
        pos = offset
    out.append(html[pos:])
    return "".join(out)
