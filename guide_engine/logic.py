"""Three-valued logic and the small expression language that guides are written in.

A truth value is True, False or None (not known yet). Unanswered facts and answers such as
«vet ikke» are unknown, and unknown propagates by Kleene's rules: ``all`` is False as soon as
one part is False, ``any`` is True as soon as one part is True. That is what lets a clear no
(the child is 18) settle a result while other answers are still missing.

Expressions are TOML inline tables:
  {fact = "venter_barn", is = "ja"}              a choice: one value, or a list of values
  {fact = "barnets_alder", lt = 18}              an integer: lt, le, gt, ge
  {fact = "tjenester", contains_any = [...]}     a set: contains_any, contains_all, is_empty = true
  {answered = "barnets_alder"}                   True/False, never unknown
  {all = [...]}, {any = [...]}, {not = {...}}
  {use = "er_barn"}                              a named expression of the guide ([expressions])
Notes, next steps, letters and list centres may also read the outcome (known once evaluated):
  {condition = "behov", is = "uavklart"}         a condition's status (one or a list)
  {result = ["oppfylt", "uavklart"]}             the guide's overall status (one or a list)

Expressions are checked and compiled once when a guide is loaded (see definitions.py); the
compiled form is a plain function, so evaluating a guide is a few calls per node.
"""
from __future__ import annotations

from .vocabulary import IKKE_OPPFYLT, INFORMASJON, OPPFYLT, STATUSES, UAVKLART  # noqa: F401 (re-exported)

OPERATORS = ("all", "any", "not", "fact", "answered", "condition", "result", "use")


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


def as_list(value) -> list:
    """One value or a list of them, as a list: «is» and «result» take either."""
    return value if isinstance(value, list) else [value]


def _matches(value, wanted) -> bool:
    return value in as_list(wanted)


class Expr:
    """A checked expression: ``raw`` (the normalised table, for describe and the soundness checks)
    and a compiled function. Call it as ``expr(facts, uncertain, outcome)``.

    ``facts`` maps answered fact ids to their values; ``uncertain`` holds the ids whose answer is
    an «unknown» option such as «vet_ikke»; ``outcome`` maps condition ids and ``"result"`` to
    statuses.
    """

    __slots__ = ("raw", "fn", "facts", "conditions", "reads_result", "spoken")

    def __init__(self, raw: dict, fn, spoken: dict | None = None):
        self.raw, self.fn = raw, fn
        # ``raw`` with each named expression kept as {"use": name, "expr": ...}, so a generated
        # sentence can say the name's label instead of spelling the expression out (explain.py).
        self.spoken = raw if spoken is None else spoken
        self.facts = frozenset(facts_in(raw))
        self.conditions = frozenset(conditions_in(raw))
        self.reads_result = reads_result(raw)

    def __call__(self, facts: dict, uncertain=frozenset(), outcome: dict | None = None) -> bool | None:
        return self.fn(facts, uncertain, outcome)

    def __repr__(self) -> str:
        return f"Expr({self.raw!r})"


def compile_expr(raw: dict, types: dict, spoken: dict | None = None) -> Expr:
    """Compile a normalised, checked expression. ``types`` maps fact ids to question types;
    ``spoken`` is the same expression with its named expressions kept (see Expr)."""
    return Expr(raw, _compile(raw, types), spoken)


def inline(spoken: dict) -> dict:
    """The plain expression of a spoken one: each {"use": name, "expr": e} replaced by e."""
    if "use" in spoken:
        return inline(spoken["expr"])
    for op in ("all", "any"):
        if op in spoken:
            return {op: [inline(e) for e in spoken[op]]}
    if "not" in spoken:
        return {"not": inline(spoken["not"])}
    return spoken


def _compile(e: dict, types: dict):
    if "all" in e:
        parts = [_compile(x, types) for x in e["all"]]
        return lambda f, u, o: all3(p(f, u, o) for p in parts)
    if "any" in e:
        parts = [_compile(x, types) for x in e["any"]]
        return lambda f, u, o: any3(p(f, u, o) for p in parts)
    if "not" in e:
        part = _compile(e["not"], types)
        return lambda f, u, o: not3(part(f, u, o))
    if "answered" in e:
        fact = e["answered"]
        return lambda f, u, o: fact in f
    if "condition" in e:
        cid, wanted = e["condition"], e["is"]
        return lambda f, u, o: _matches(o[cid], wanted)
    if "result" in e:
        wanted = e["result"]
        return lambda f, u, o: _matches(o["result"], wanted)
    fact = e["fact"]
    qtype = types[fact]
    test = next(k for k in e if k != "fact")
    arg = e[test]
    evaluate = qtype.evaluate

    def leaf(f, u, o):
        if fact not in f:
            return None
        uncertain = fact in u
        if uncertain and test != "is":
            return None
        return evaluate(test, arg, f[fact], uncertain)
    return leaf


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
