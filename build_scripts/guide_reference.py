"""The guides' public vocabulary for developers: `{{ veivisere }}` in a page becomes, for every
guide, its ids, questions (with their values), conditions and cases, registry lists, notes, next
steps and letters, all from `describe` in the page's written form, so the page can never
disagree with the engine."""
from __future__ import annotations

import re

from guide_engine import describe, list_guides
from guide_engine.messages import result_shape
from guide_engine.types import TYPES

from .ui import table

PLACEHOLDER = re.compile(r"^\{\{\s*veivisere\s*\}\}\s*$", re.M)


def _cell(text) -> str:
    # «{...}» at the end of a cell would become HTML attributes (attr_list): escape the braces.
    return str(text).replace("|", "\\|").replace("{", "\\{").replace("}", "\\}").replace("\n", " ")


def _table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]) + "\n"


def _values(q: dict, lang: str) -> str:
    return TYPES[q["type"]].reference(q, lang)  # an unknown type fails the build (KeyError)


def _ids(ids) -> str:
    return ", ".join(f"`{g}`" for g in ids)


def composite_section(doc: dict, w: dict) -> str:
    out = [f"### `{doc['id']}`: {doc['title']}", "",
           w["composite_about"].format(audience=doc["audience"], joins=_ids(doc["joins"])), ""]
    out += [f"**{w['questions_once']}**", "", _table(w["composite_questions_header"],
            [[f"`{q['id']}`", q["type"], _values(q, doc["lang"]), _ids(q["guides"])] for q in doc["questions"]])]
    out += [f"**{w['requests']}**", "", _table(w["requests_header"],
            [[f"`{r['id']}`", f"`{r['part']}`", _ids(r["when"])] for r in doc["requests"]])]
    out += [f"**{w['result']}**", "", _table(w["result_header"], [[f"`{k}`", v] for k, v in doc["result"].items()])]
    return "\n".join(out) + "\n"


def guide_section(doc: dict, w: dict) -> str:
    if doc.get("kind") == "composite":
        return composite_section(doc, w)
    combine_from = w["combine_from"].format(lists=_ids(doc["combine_from"])) if doc["combine_from"] else ""
    out = [f"### `{doc['id']}`: {doc['title']}", "",
           w["guide_about"].format(audience=doc["audience"], combine=doc["combine"], combine_from=combine_from), ""]
    out += [f"**{w['questions']}**", "", _table(w["questions_header"],
                                                [[f"`{q['id']}`", q["type"], _values(q, doc["lang"]), q["text"]] for q in doc["questions"]])]
    if doc["conditions"]:
        out += [f"**{w['conditions']}**", "", _table(
            w["conditions_header"],
            [[f"`{c['id']}`", f"`{k['id']}`", f"`{k['status']}`", k["when_text"]] for c in doc["conditions"] for k in c["cases"]])]
    if doc["lists"]:
        out += [f"**{w['lists']}**", "", _table(
            w["lists_header"],
            [[f"`{x['id']}`", f"`{x['from']}`", f"`{x['provides']}`", x["group"], x["view"], f"`{x['item_status']}`" if x["item_status"] else "–"]
             for x in doc["lists"]])]
    for key in ("notes", "next_steps", "letters"):
        if doc[key]:
            out += [f"**{w[key]}**", "", _table(w["shown_header"],
                                                  [[f"`{n['id']}`", n["when_text"], n.get("verify") or "–"] for n in doc[key]])]
    checks = [(q["id"], q["verify"]) for q in doc["questions"] if q.get("verify")]
    if checks:
        out += [f"**{w['verify']}**", "", _table(w["verify_header"], [[f"`{i}`", v] for i, v in checks])]
    return "\n".join(out) + "\n"


def reference(lang: str = "nb") -> str:
    w = table(lang)["reference"]
    parts = ["| " + " | ".join(w["guides_header"]) + " |", "|---|---|---|"]
    parts += [f"| `{g['id']}` | {g['title']} | `{g['audience']}` |" for g in list_guides(lang)]
    parts += ["", f"### {w['evaluate']}", "",
              _table(w["result_header"], [[f"`{k}`", v] for k, v in result_shape(lang).items()])]
    parts += [guide_section(describe(g["id"], lang), w) for g in list_guides(lang)]
    return "\n".join(parts)


def expand(markdown: str, where: str, lang: str = "nb") -> str:
    return PLACEHOLDER.sub(lambda m: "\n" + reference(lang) + "\n", markdown)
