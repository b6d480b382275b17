"""Wording of a guide's expressions (in the guide's written form), for the checklist and for `describe`.

Generated from the definition so the printed checklist can never say something the engine
does not do. Each question type words its own tests (types.py). A named expression with a label
in the texts file ([expressions]) is said by its label. A negation is worded inside the clause
(«dere ikke har valgt …», «barnet er 18 år eller eldre»), never put in front of it: «not» is
pushed down to the leaves (De Morgan, which holds in the engine's three-valued logic too).
The reader is addressed as the guide addresses them: «dere» for families, «du» for staff.
"""
from __future__ import annotations

from .logic import as_list
from .messages import message, wording
from .model import Guide
from .vocabulary import INFORMASJON, STATUSES


def describe_expr(guide: Guide, expr, top: bool = True, audience: str | None = None) -> str:
    """A sentence fragment, e.g. 'dere har svart «Nei, barnet er født» på «Venter dere barn?»'.
    ``audience`` overrides the guide's own (a question shown in an overview for another audience)."""
    you = message(guide.lang, "phrase", f"you_{audience or guide.audience}")
    text, op = _say(guide, getattr(expr, "spoken", expr), False, you)
    return f"({text})" if op and not top else text


def _say(guide: Guide, expr: dict, negated: bool, you: str) -> tuple[str, str | None]:
    """(text, the operator joining its top level: "all", "any" or None for a single clause)."""
    if "use" in expr:
        yes, no = (guide.labels or {}).get(expr["use"], (None, None))
        label = no if negated else yes
        return (label, None) if label else _say(guide, expr["expr"], negated, you)
    if "not" in expr:
        return _say(guide, expr["not"], not negated, you)
    if "all" in expr or "any" in expr:
        op = "all" if "all" in expr else "any"
        said_op = {"all": "any", "any": "all"}[op] if negated else op
        parts = []
        for sub in expr[op]:
            text, sub_op = _say(guide, sub, negated, you)
            parts.append(f"({text})" if sub_op and sub_op != said_op else text)
        if len(parts) == 1:
            return parts[0], None
        return message(guide.lang, "phrase", "and" if said_op == "all" else "or").join(parts), said_op
    if "answered" in expr:
        return message(guide.lang, "phrase", "not_answered" if negated else "answered",
                       question=guide.question(expr["answered"]).text), None
    if "condition" in expr or "result" in expr:
        return _outcome(guide, expr, negated), None
    q = guide.question(expr["fact"])
    test = next(k for k in expr if k != "fact")
    return q.type.describe_test(q, test, expr[test], you, negated), None


def _outcome(guide: Guide, expr: dict, negated: bool) -> str:
    """A condition's or the result's status; once evaluated it is always known, so «not oppfylt»
    is exactly «ikke oppfylt or uavklart» and is said so."""
    key = "condition_is" if "condition" in expr else "result_is"
    wanted = expr["is"] if "condition" in expr else expr["result"]
    wanted = as_list(wanted)
    fill = {}
    if "condition" in expr:
        fill["title"] = next(c for c in guide.conditions if c.id == expr["condition"]).title
    if negated:
        possible = (INFORMASJON,) if key == "result_is" and guide.combine == "informational" else STATUSES
        rest = [s for s in possible if s not in wanted]
        if rest:
            wanted, negated = rest, False
    return message(guide.lang, "phrase", f"not_{key}" if negated else key, statuses=_statuses(guide, wanted), **fill)


def _statuses(guide: Guide, statuses) -> str:
    return message(guide.lang, "phrase", "or").join(wording(s, guide.lang)["in_sentence"] for s in statuses)
