"""Three-valued logic and the small expression language that guides are written in.

A truth value is True, False or None (not known yet). Unanswered facts and answers such as
«vet ikke» are unknown, and unknown propagates by Kleene's rules: ``all`` is False as soon as
one part is False, ``any`` is True as soon as one part is True. That is what lets a clear no
(the child is 18) settle a result while other answers are still missing.

Expressions are TOML inline tables:
  {fact = "venter_barn", is = "ja"}          one value, or a list of values
  {fact = "barnets_alder", lt = 18}          lt, le, gt, ge for whole numbers
  {answered = "barnets_alder"}               True/False, never unknown
  {all = [...]}, {any = [...]}, {not = {...}}
Notes and next steps may also read the outcome (always known once evaluated):
  {condition = "behov", is = "uavklart"}     a condition's status (one or a list)
  {result = ["oppfylt", "uavklart"]}         the guide's overall status (one or a list)
"""
from __future__ import annotations

OPPFYLT, IKKE_OPPFYLT, UAVKLART = "oppfylt", "ikke_oppfylt", "uavklart"
STATUSES = (OPPFYLT, IKKE_OPPFYLT, UAVKLART)

COMPARISONS = {
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
}
OPERATORS = ("all", "any", "not", "fact", "answered", "condition", "result")


def all3(values) -> bool | None:
    result = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def any3(values) -> bool | None:
    result = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def not3(value: bool | None) -> bool | None:
    return None if value is None else not value


def status_of(value: bool | None) -> str:
    return {True: OPPFYLT, False: IKKE_OPPFYLT, None: UAVKLART}[value]


def truth_of(status: str) -> bool | None:
    return {OPPFYLT: True, IKKE_OPPFYLT: False, UAVKLART: None}[status]


def _matches(value, wanted) -> bool:
    return value in wanted if isinstance(wanted, list) else value == wanted


def evaluate_expr(expr: dict, facts: dict, uncertain=frozenset(), outcome: dict | None = None) -> bool | None:
    """Evaluate an expression.

    ``facts`` maps answered fact ids to their values; ``uncertain`` holds the ids whose answer
    is an «unknown» option such as «vet_ikke»: a test for that very value is True, any other
    test is unknown. ``outcome`` maps condition ids, and ``"result"``, to statuses.
    """
    if "all" in expr:
        return all3(evaluate_expr(e, facts, uncertain, outcome) for e in expr["all"])
    if "any" in expr:
        return any3(evaluate_expr(e, facts, uncertain, outcome) for e in expr["any"])
    if "not" in expr:
        return not3(evaluate_expr(expr["not"], facts, uncertain, outcome))
    if "answered" in expr:
        return expr["answered"] in facts
    if "condition" in expr:
        return _matches(outcome[expr["condition"]], expr["is"])
    if "result" in expr:
        return _matches(outcome["result"], expr["result"])
    fact = expr["fact"]
    if fact not in facts:
        return None
    value = facts[fact]
    if "is" in expr:
        if _matches(value, expr["is"]):
            return True
        return None if fact in uncertain else False
    if fact in uncertain:
        return None
    for op, compare in COMPARISONS.items():
        if op in expr:
            return compare(value, expr[op])
    raise AssertionError(f"unvalidated expression {expr!r}")  # definitions are validated on load


def parts(expr: dict) -> list[dict]:
    """The sub-expressions of all/any/not, or [] for a leaf."""
    if "all" in expr or "any" in expr:
        return list(expr.get("all", expr.get("any")))
    if "not" in expr:
        return [expr["not"]]
    return []


def facts_in(expr: dict) -> set[str]:
    """Every fact id an expression reads."""
    subs = parts(expr)
    if subs:
        return set().union(*(facts_in(e) for e in subs))
    fact = expr.get("fact") or expr.get("answered")
    return {fact} if fact else set()


def conditions_in(expr: dict) -> set[str]:
    """Every condition id an expression reads."""
    subs = parts(expr)
    if subs:
        return set().union(*(conditions_in(e) for e in subs))
    return {expr["condition"]} if "condition" in expr else set()


def reads_result(expr: dict) -> bool:
    """Whether an expression reads the guide's overall status."""
    return "result" in expr or any(reads_result(e) for e in parts(expr))
