"""The guides' public vocabulary for developers: `{{ veivisere }}` in a page becomes, for every
guide, its ids, questions (with their values), conditions and cases, registry lists, notes, next
steps and letters, all from `describe`, so the page can never disagree with the engine."""
from __future__ import annotations

import re

from guide_engine import describe, list_guides
from guide_engine.messages import result_shape

PLACEHOLDER = re.compile(r"^\{\{\s*veivisere\s*\}\}\s*$", re.M)


def _cell(text) -> str:
    # «{...}» at the end of a cell would become HTML attributes (attr_list): escape the braces.
    return str(text).replace("|", "\\|").replace("{", "\\{").replace("}", "\\}").replace("\n", " ")


def _table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]) + "\n"


def _values(q: dict) -> str:
    if q["type"] == "integer":
        return f"helt tall {q['min']}–{q['max']}"
    return ", ".join(f"`{v}`" for v in q["values"])


def composite_section(doc: dict) -> str:
    out = [f"### `{doc['id']}`: {doc['title']}", "",
           f"Målgruppe: `{doc['audience']}`. Samler veiviserne {', '.join(f'`{g}`' for g in doc['joins'])}; "
           "hver del er nøyaktig resultatet av den veiviseren alene, og oversikten har ingen egen status.", ""]
    out += ["**Spørsmål (hvert én gang)**", "", _table(["id", "type", "verdier", "leses av"],
            [[f"`{q['id']}`", q["type"], _values(q), ", ".join(f"`{g}`" for g in q["guides"])] for q in doc["questions"]])]
    out += ["**Det familien kan be om i brevet**", "", _table(["id", "fra", "tilbys når delen er"],
            [[f"`{r['id']}`", f"`{r['part']}`", ", ".join(f"`{w}`" for w in r["when"])] for r in doc["requests"]])]
    out += ["**Resultatet**", "", _table(["felt", "innhold"], [[f"`{k}`", v] for k, v in doc["result"].items()])]
    return "\n".join(out) + "\n"


def guide_section(doc: dict) -> str:
    if doc.get("kind") == "composite":
        return composite_section(doc)
    out = [f"### `{doc['id']}`: {doc['title']}", "",
           f"Målgruppe: `{doc['audience']}`. Samlet status: `{doc['status']}`"
           + (f" (fra listene {', '.join(f'`{x}`' for x in doc['status_from'])})" if doc["status_from"] else "") + ".", ""]
    out += ["**Spørsmål**", "", _table(["id", "type", "verdier", "spørsmålet"],
                                         [[f"`{q['id']}`", q["type"], _values(q), q["text"]] for q in doc["questions"]])]
    if doc["conditions"]:
        out += ["**Vilkår og tilfeller**", "", _table(
            ["vilkår", "tilfelle", "status", "når"],
            [[f"`{c['id']}`", f"`{k['id']}`", f"`{k['status']}`", k["when_text"]] for c in doc["conditions"] for k in c["cases"]])]
    if doc["lists"]:
        out += ["**Lister fra lovregisteret**", "", _table(
            ["id", "fra", "provides", "gruppert per", "visning", "status fra"],
            [[f"`{x['id']}`", f"`{x['from']}`", f"`{x['provides']}`", x["group"], x["view"], f"`{x['item_status']}`" if x["item_status"] else "–"]
             for x in doc["lists"]])]
    for key, title in (("notes", "Merknader"), ("next_steps", "Neste steg"), ("letters", "Brev")):
        if doc[key]:
            out += [f"**{title}**", "", _table(["id", "vises når", "må kontrolleres på Lovdata"],
                                                 [[f"`{n['id']}`", n["when_text"], n.get("verify") or "–"] for n in doc[key]])]
    checks = [(q["id"], q["verify"]) for q in doc["questions"] if q.get("verify")]
    if checks:
        out += ["**Spørsmål der ordlyden må kontrolleres**", "", _table(["id", "hva"], [[f"`{i}`", v] for i, v in checks])]
    return "\n".join(out) + "\n"


def reference() -> str:
    parts = ["| veiviser | tittel | målgruppe |", "|---|---|---|"]
    parts += [f"| `{g['id']}` | {g['title']} | `{g['audience']}` |" for g in list_guides()]
    parts += ["", "### Resultatet (`evaluate`)", "",
              _table(["felt", "innhold"], [[f"`{k}`", v] for k, v in result_shape().items()])]
    parts += [guide_section(describe(g["id"])) for g in list_guides()]
    return "\n".join(parts)


def expand(markdown: str, where: str) -> str:
    return PLACEHOLDER.sub(lambda m: "\n" + reference() + "\n", markdown)
