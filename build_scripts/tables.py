"""Wide tables scroll sideways on phones; the scrolling box must be reachable by keyboard
(WCAG 2.1.1), so each table gets a focusable, labelled region around it."""
from __future__ import annotations

import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def wrap_tables(html: str) -> str:
    return _TABLE.sub(lambda m: ('<div class="table-region" role="region" tabindex="0" '
                                 'aria-label="Tabell som kan rulles sideveis">' + m.group(0) + "</div>"), html)
