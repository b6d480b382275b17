"""Tables that work on a phone and with a keyboard.

- On narrow screens each row is shown as a small card: every cell gets its column's heading
  (data-label, shown by CSS), and explicit ARIA roles keep the table semantics for screen
  readers when CSS changes how the cells are laid out.
- Where a table still scrolls sideways, the scrolling box must be reachable by keyboard
  (WCAG 2.1.1), so each table sits in a focusable, labelled region.
"""
from __future__ import annotations

import html as htmllib
import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td\b([^>]*)>", re.S)


def _label(cell_html: str) -> str:
    return htmllib.escape(htmllib.unescape(re.sub(r"<[^>]+>", "", cell_html)).strip(), quote=True)


def _stackable(table: str) -> str:
    head = re.search(r"<thead\b.*?</thead>", table, re.S)
    labels = [_label(c) for c in _HEAD_CELL.findall(head.group(0))] if head else []

    def row(m: re.Match) -> str:
        cells = iter(labels)
        body = _CELL.sub(lambda c: f'<td role="cell" data-label="{next(cells, "")}"{c.group(1)}>', m.group(1))
        body = body.replace("<th>", '<th role="columnheader">').replace("<th ", '<th role="columnheader" ')
        return f'<tr role="row">{body}</tr>'

    table = _ROW.sub(row, table)
    table = table.replace("<table>", '<table role="table">', 1)  # no class: the theme styles only tables without one
    for part in ("thead", "tbody"):
        table = table.replace(f"<{part}>", f'<{part} role="rowgroup">')
    return table


def wrap_tables(html: str) -> str:
    return _TABLE.sub(lambda m: ('<div class="table-region" role="region" tabindex="0" '
                                 'aria-label="Tabell som kan rulles sideveis">' + _stackable(m.group(0)) + "</div>"), html)
