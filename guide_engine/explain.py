"""Norwegian wording of a guide's expressions, for the checklist and for `describe`.

Generated from the definition so the printed checklist can never say something the engine
does not do. Each question type words its own tests (types.py).
"""
from __future__ import annotations

from .model import Guide
from .vocabulary import wording


def describe_expr(guide: Guide, expr, top: bool = True) -> str:
    """A sentence fragment, e.g. 'du har svart «Nei, barnet er født» på «Venter dere barn?»'."""
    expr = getattr(expr, "raw", expr)
    if "all" in expr or "any" in expr:
        op = "all" if "all" in expr else "any"
        parts = [describe_expr(guide, e, top=False) for e in expr[op]]
        text = (" og " if op == "all" else " eller ").join(parts)
        return text if top else f"({text})"
    if "not" in expr:
        return f"ikke {describe_expr(guide, expr['not'], top=False)}"
    if "answered" in expr:
        return f"«{guide.question(expr['answered']).text}» er besvart"
    if "condition" in expr:
        cond = next(c for c in guide.conditions if c.id == expr["condition"])
        statuses = expr["is"] if isinstance(expr["is"], list) else [expr["is"]]
        return f"vilkåret «{cond.title}» er {' eller '.join(wording(s)['in_sentence'] for s in statuses)}"
    if "result" in expr:
        statuses = expr["result"] if isinstance(expr["result"], list) else [expr["result"]]
        return f"resultatet er {' eller '.join(wording(s)['in_sentence'] for s in statuses)}"
    q = guide.question(expr["fact"])
    test = next(k for k in expr if k != "fact")
    return q.type.describe_test(q, test, expr[test])
