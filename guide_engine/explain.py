"""Norwegian wording of a guide's expressions, for the checklist and for `describe`.

Generated from the definition so the printed checklist can never say something the engine
does not do.
"""
from __future__ import annotations

from .definitions import Guide

_COMPARE = {"lt": "under {n}", "le": "{n} eller mindre", "gt": "over {n}", "ge": "{n} eller mer"}
_STATUS = {"oppfylt": "oppfylt", "ikke_oppfylt": "ikke oppfylt", "uavklart": "uavklart"}


def _labels(question, values) -> str:
    values = values if isinstance(values, list) else [values]
    labels = [f"«{o.label}»" for o in question.options if o.value in values]
    return " eller ".join(labels)


def describe_expr(guide: Guide, expr: dict, top: bool = True) -> str:
    """A sentence fragment, e.g. 'du har svart «Nei, barnet er født» på «Venter dere barn?»'."""
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
        return f"vilkåret «{cond.title}» er {' eller '.join(_STATUS[s] for s in statuses)}"
    if "result" in expr:
        statuses = expr["result"] if isinstance(expr["result"], list) else [expr["result"]]
        return f"resultatet er {' eller '.join(_STATUS[s] for s in statuses)}"
    q = guide.question(expr["fact"])
    if "is" in expr:
        return f"du har svart {_labels(q, expr['is'])} på «{q.text}»"
    op = next(k for k in _COMPARE if k in expr)
    unit = f" {q.unit}" if q.unit else ""
    return f"svaret på «{q.text}» er {_COMPARE[op].format(n=expr[op])}{unit}"
