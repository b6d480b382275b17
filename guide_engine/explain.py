"""Wording of a guide's expressions (in the guide's written form), for the checklist and for `describe`.

Generated from the definition so the printed checklist can never say something the engine
does not do. Each question type words its own tests (types.py).
"""
from __future__ import annotations

from .model import Guide
from .messages import message, wording


def describe_expr(guide: Guide, expr, top: bool = True) -> str:
    """A sentence fragment, e.g. 'du har svart «Nei, barnet er født» på «Venter dere barn?»'."""
    expr = getattr(expr, "raw", expr)
    if "all" in expr or "any" in expr:
        op = "all" if "all" in expr else "any"
        parts = [describe_expr(guide, e, top=False) for e in expr[op]]
        text = message(guide.lang, "phrase", "and" if op == "all" else "or").join(parts)
        return text if top else f"({text})"
    if "not" in expr:
        return message(guide.lang, "phrase", "not", text=describe_expr(guide, expr["not"], top=False))
    if "answered" in expr:
        return message(guide.lang, "phrase", "answered", question=guide.question(expr["answered"]).text)
    if "condition" in expr:
        cond = next(c for c in guide.conditions if c.id == expr["condition"])
        statuses = expr["is"] if isinstance(expr["is"], list) else [expr["is"]]
        return message(guide.lang, "phrase", "condition_is", title=cond.title, statuses=_statuses(guide, statuses))
    if "result" in expr:
        statuses = expr["result"] if isinstance(expr["result"], list) else [expr["result"]]
        return message(guide.lang, "phrase", "result_is", statuses=_statuses(guide, statuses))
    q = guide.question(expr["fact"])
    test = next(k for k in expr if k != "fact")
    return q.type.describe_test(q, test, expr[test])


def _statuses(guide: Guide, statuses) -> str:
    return message(guide.lang, "phrase", "or").join(wording(s, guide.lang)["in_sentence"] for s in statuses)
