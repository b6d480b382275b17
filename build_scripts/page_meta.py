"""«Kilder» and «Sist oppdatert» at the end of a page. Hand-written pages write them in their
Markdown (`{{ sist-oppdatert DATE }}`); the guide pages get them from this footer."""
from __future__ import annotations

import datetime as dt

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def norwegian_date(value) -> str:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def footer(meta: dict) -> str:
    """Markdown for the end of a page; [[refs]] in sources are expanded afterwards."""
    lines = ["", "", '<div class="page-meta" markdown>', "",
             "## Kilder { #kilder }", ""]
    lines += [f"- {s}" for s in meta["sources"]]
    lines += ["", f"Sist oppdatert: {norwegian_date(meta['updated'])}"]
    lines += ["", meta["checked"]] if meta.get("checked") else []
    lines += ["", "</div>", ""]
    return "\n".join(lines)
