"""Every page ends with «Sist oppdatert» and «Kilder», rendered from its front matter."""
from __future__ import annotations

import datetime as dt

AUDIENCES = {"familie", "tjenester", "kommune", "alle"}
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


class MissingMeta(ValueError):
    pass


def norwegian_date(value) -> str:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def check(meta: dict, where: str) -> None:
    problems = [f"mangler «{k}»" for k in ("title", "audience", "updated", "sources") if not meta.get(k)]
    if meta.get("audience") and meta["audience"] not in AUDIENCES:
        problems.append(f"ukjent audience «{meta['audience']}» (kjente: {', '.join(sorted(AUDIENCES))})")
    if problems:
        raise MissingMeta(f"{where}: " + "; ".join(problems))


def footer(meta: dict) -> str:
    """Markdown for the end of a page; [[refs]] in sources are expanded afterwards."""
    lines = ["", "", '<div class="page-meta" markdown>', "",
             "## Kilder { #kilder }", ""]
    lines += [f"- {s}" for s in meta["sources"]]
    lines += ["", f"Sist oppdatert: {norwegian_date(meta['updated'])}", "", "</div>", ""]
    return "\n".join(lines)
