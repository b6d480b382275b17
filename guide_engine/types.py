"""Question types, each in one place: how it is defined, how an answer is checked, which tests
expressions may make on it and how they are evaluated, and which values the soundness checks try.

- choice: one of a list of options (an option may mean «not known», such as «vet ikke»)
- integer: a whole number between min and max
- set: a list of distinct option ids, for example the services involved around a child

The form control and how the browser collects an answer are chosen by the type's name (the page
template and guide.js), so a new type is added here and there, and nowhere else.
"""
from __future__ import annotations

import itertools
from typing import NamedTuple

from .errors import input_error
from .messages import message

_MISSING = object()  # «not answered» when enumerating answers


class Option(NamedTuple):
    value: str
    label: str
    unknown: bool = False
    hint: str | None = None
    # A set option that stands alone, such as «none of these»: it says «no» to every other option
    # explicitly, where a list left empty may only mean that nobody has looked.
    exclusive: bool = False


def _labels(q, values, joiner: str = "or") -> str:
    return message(q.lang, "phrase", joiner).join(f"«{o.label}»" for o in q.options if o.value in values)


def _say(q, key: str, negated: bool, **fill) -> str:
    """A phrase of a generated sentence, or its negated twin (the negation inside the clause)."""
    return message(q.lang, "phrase", f"not_{key}" if negated else key, question=q.text, **fill)


def _error(q, field: str, code: str, ids=None, **fill) -> dict:
    """An input error with the same code in every language, worded in the guide's own (labels,
    not ids: the ids a program may send are in «allowed»)."""
    return input_error(field, code, message(q.lang, "error", f"{q.type.name}_{code}", question=q.text, **fill), ids)


def _quoted(value, limit: int = 60) -> str:
    """What was sent, as it may be echoed: a long text is cut (it could be a megabyte)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _number(q, value) -> str:
    """A number as a message may show it: Python cannot print a whole number of more than 4,300
    digits, and nobody reads one."""
    if abs(value) >= 10 ** 12:
        return message(q.lang, "phrase", "huge_number")
    return str(value)


class QuestionType:
    name = ""
    tests: frozenset = frozenset()  # keys an expression may use on a fact of this type

    def check_answer(self, q, field: str, value):
        """(clean value, None) or (None, error dict). Messages name the question as people see it."""
        raise NotImplementedError

    def check_test(self, q, test: str, arg) -> str | None:
        """None if the test is valid for the question, else what is wrong."""
        raise NotImplementedError

    def evaluate(self, test: str, arg, value, uncertain: bool) -> bool | None:
        raise NotImplementedError

    def domain(self, q, exprs) -> list:
        """The answers worth trying for this fact, given the expressions that read it."""
        raise NotImplementedError

    def describe_test(self, q, test: str, arg, you: str, negated: bool = False) -> str:
        """The test as a clause of a «hvis» sentence; ``you`` is how the guide addresses its reader,
        and ``negated`` words the clause's negation."""
        raise NotImplementedError

    def describe(self, q) -> dict:
        return {}


class Choice(QuestionType):
    name = "choice"
    tests = frozenset({"is"})

    def check_answer(self, q, field, value):
        labels = _labels(q, q.values)
        if not isinstance(value, str):
            return None, _error(q, field, "wrong_type", q.values, allowed=labels)
        if value not in q.values:
            return None, _error(q, field, "value_not_allowed", q.values, allowed=labels, value=_quoted(value))
        return value, None

    def check_test(self, q, test, arg):
        values = arg if isinstance(arg, list) else [arg]
        bad = [v for v in values if v not in q.values]
        return f"«{q.id}» har ikke verdien {bad or values}" if bad or not values else None

    def evaluate(self, test, arg, value, uncertain):
        if value in arg if isinstance(arg, list) else value == arg:
            return True
        return None if uncertain else False

    def domain(self, q, exprs):
        return list(q.values) + [_MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        values = arg if isinstance(arg, list) else [arg]
        unknown = set(q.values_unknown())
        others = [v for v in q.values if v not in values and v not in unknown]
        if negated and others and not unknown & set(values):
            # «not Nei» is exactly «Ja» when no «vet ikke» is among the values: say it positively
            values, negated = others, False
        return _say(q, "chose", negated, you=you, labels=_labels(q, values))

    def describe(self, q):
        return {"options": [{"value": o.value, "label": o.label, "unknown": o.unknown} for o in q.options],
                "values": list(q.values)}


_COMPARE = {"lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}


class Integer(QuestionType):
    name = "integer"
    tests = frozenset(_COMPARE)

    def check_answer(self, q, field, value):
        unit = f" {q.unit}" if q.unit else ""
        whole = value.is_integer() if isinstance(value, float) else isinstance(value, int)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, _error(q, field, "wrong_type", min=q.min, max=q.max, unit=unit)
        if not whole:
            return None, _error(q, field, "not_whole_number", value=_number(q, value) if value == value and abs(value) != float("inf") else value)
        if not q.min <= value <= q.max:  # compared before any formatting
            return None, _error(q, field, "out_of_range", min=q.min, max=q.max, unit=unit, value=_number(q, int(value)))
        return int(value), None

    def check_test(self, q, test, arg):
        if isinstance(arg, bool) or not isinstance(arg, int):
            return f"«{test}» krever et heltall («{q.id}»)"
        return None

    def evaluate(self, test, arg, value, uncertain):
        return _COMPARE[test](value, arg)

    def domain(self, q, exprs):
        points = {q.min, q.max}
        for e in exprs:
            for leaf in leaves(e):
                if leaf.get("fact") == q.id:
                    n = next(leaf[t] for t in self.tests if t in leaf)
                    points |= {n - 1, n, n + 1}
        return sorted(v for v in points if q.min <= v <= q.max) + [_MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        unit = f" {q.unit}" if q.unit else ""
        if negated:  # an answered number that is not under 18 is 18 or more: the same test, turned
            test, arg = {"lt": ("ge", arg), "le": ("gt", arg), "gt": ("le", arg), "ge": ("lt", arg)}[test]
        return message(q.lang, "phrase", "number_is", question=q.text,
                       comparison=message(q.lang, "phrase", test, n=arg, unit=unit))

    def describe(self, q):
        return {"min": q.min, "max": q.max, "unit": q.unit}


class Set(QuestionType):
    """A list of distinct option ids. Tests: contains_any, contains_all (a list of ids), is_empty.

    An unanswered set is unknown; an answered one is known in full (an empty list means «none»).
    """
    name = "set"
    tests = frozenset({"contains_any", "contains_all", "is_empty"})

    def check_answer(self, q, field, value):
        every = ", ".join(f"«{o.label}»" for o in q.options)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, _error(q, field, "wrong_type", q.values, allowed=every)
        unknown = [v for v in value if v not in q.values]
        if unknown:
            shown = unknown[:5] + (["…"] if len(unknown) > 5 else [])
            return None, _error(q, field, "value_not_allowed", q.values,
                                values=", ".join(f"«{_quoted(v)}»" for v in shown), allowed=every)
        if len(set(value)) != len(value):
            return None, _error(q, field, "repeated_value")
        alone = [o for o in q.options if o.exclusive and o.value in value]
        if alone and len(value) > 1:
            return None, _error(q, field, "exclusive_value", label=alone[0].label)
        return [v for v in q.values if v in value], None  # in the question's order

    def check_test(self, q, test, arg):
        if test == "is_empty":
            return None if arg is True else "«is_empty» skal være true"
        if not isinstance(arg, list) or not arg:
            return f"«{test}» skal være en ikke-tom liste"
        bad = [v for v in arg if v not in q.values]
        return f"«{q.id}» har ikke valget {bad}" if bad else None

    def evaluate(self, test, arg, value, uncertain):
        if test == "is_empty":
            return not value
        if test == "contains_any":
            return any(v in value for v in arg)
        return all(v in value for v in arg)

    def domain(self, q, exprs):
        """Every subset of the elements the expressions test (other elements change nothing)."""
        tested = sorted({v for e in exprs for leaf in leaves(e) if leaf.get("fact") == q.id
                         for t in ("contains_any", "contains_all") for v in leaf.get(t, [])},
                        key=q.values.index)
        subsets = itertools.chain.from_iterable(itertools.combinations(tested, n) for n in range(len(tested) + 1))
        alone = {o.value for o in q.options if o.exclusive}
        return [list(s) for s in subsets if len(s) < 2 or not alone & set(s)] + [_MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        if test == "is_empty":
            return _say(q, "set_empty", negated, you=you)
        key = "set_one" if len(arg) == 1 else "set_any" if test == "contains_any" else "set_all"
        return _say(q, key, negated, you=you, labels=_labels(q, arg, "or" if test == "contains_any" else "and"))

    def describe(self, q):
        return {"options": [{"value": o.value, "label": o.label, "hint": o.hint, "exclusive": o.exclusive}
                            for o in q.options],
                "values": list(q.values)}


TYPES = {t.name: t for t in (Choice(), Integer(), Set())}


def leaves(expr: dict):
    """Every leaf of an expression (all/any/not are walked)."""
    for op in ("all", "any"):
        if op in expr:
            for sub in expr[op]:
                yield from leaves(sub)
            return
    if "not" in expr:
        yield from leaves(expr["not"])
        return
    yield expr
