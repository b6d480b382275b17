"""«Kilder» and «Sist oppdatert» at the end of a page. Hand-written pages write them in their
Markdown (`{{ sist-oppdatert DATE }}`); the guide pages get them from this footer."""
from __future__ import annotations

import datetime as dt

from .ui import t, table


def norwegian_date(value, lang: str = "nb") -> str:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    words = table(lang)["page"]
    return words["date"].format(day=date.day, month=words["months"][date.month - 1], year=date.year)


def footer(meta: dict, lang: str = "nb") -> str:
    """Markdown for the end of a page; [[refs]] in sources are expanded afterwards."""
    lines = ["", "", '<div class="page-meta" markdown>', "",
             f"## {t(lang, 'page.sources')} {{ #kilder }}", ""]
    lines += [f"- {s}" for s in meta["sources"]]
    lines += ["", t(lang, "page.updated", date=norwegian_date(meta["updated"], lang))]
    lines += ["", meta["checked"]] if meta.get("checked") else []
    lines += ["", "</div>", ""]
    return "\n".join(lines)
