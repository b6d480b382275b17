"""Question types, each one class that declares everything about it: how a question of the type
is defined and checked (``define``), how an answer is read (``parse``, for the text a form field
held) and checked (``check_answer``), which tests expressions may make on it and how they are
evaluated and worded, which values the soundness checks try (``domain``), and which form control
asks it (``control``: one of CONTROLS, which the page template, the browser code and the test
helpers know; they fail loudly on any other).

- choice: one of a list of options (an option may mean «not known», such as «vet ikke»)
- integer: a whole number between min and max
- set: a list of distinct option ids, for example the services involved around a child

A type's words are in messages.<lang>.toml: its input errors as ``[error] <type>_<code>``, the
phrases of its tests in ``[phrase]``, and how the developer reference names its answers in
``[reference] <type>``. A new type is a class here and its words there.
"""
from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from .errors import input_error
from .laws import services
from .logic import as_list
from .messages import message

MISSING = object()  # «not answered» when enumerating answers

# The form controls the page knows (build_scripts/templates/guide.html.j2 and docs/js): a radio
# group sends its value, a checkbox group the list of ticked values, a text field the text typed.
CONTROLS = ("radio", "checkbox", "text")
# What a type may set on a text field (autocomplete is always off: answers are private).
_TEXT_ATTRIBUTES = {"inputmode", "size", "maxlength", "pattern", "placeholder"}


class Control(NamedTuple):
    kind: str  # one of CONTROLS
    attributes: dict = {}  # attributes of a text field, such as inputmode and size

    def to_dict(self) -> dict:
        return {"kind": self.kind, "attributes": dict(self.attributes)}


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
    keys: frozenset = frozenset()  # keys of its definition besides id, type and ask_when
    errors: frozenset = frozenset()  # its input error codes, worded as [error] <name>_<code>
    control = Control("text")

    def define(self, c, node: str, qid: str, raw: dict) -> dict:
        """Check the definition's own keys (``c`` is the loader's checker: fail, keys, ident, text)
        and return the fields of the Question they give (options, min, max)."""
        raise NotImplementedError

    def parse(self, q, field: str, raw: str):
        """What a form field held (a string), as an answer: (value, None) or (None, error dict).
        The browser sends the raw text and the engine reads it, so both read it alike."""
        return raw, None

    def check_answer(self, q, field: str, value):
        """(clean value, None) or (None, error dict). Messages name the question as people see it."""
        raise NotImplementedError

    def example(self, q):
        """A valid answer, for messages that show the shape of an answer."""
        raise NotImplementedError

    def check_test(self, q, test: str, arg) -> str | None:
        """None if the test is valid for the question, else what is wrong."""
        raise NotImplementedError

    def evaluate(self, test: str, arg, value, uncertain: bool) -> bool | None:
        raise NotImplementedError

    def domain(self, q, exprs) -> list:
        """The answers worth trying for this fact, given the expressions that read it (the
        soundness checks enumerate them; the property tests draw from them)."""
        raise NotImplementedError

    def describe_test(self, q, test: str, arg, you: str, negated: bool = False) -> str:
        """The test as a clause of a «hvis» sentence; ``you`` is how the guide addresses its reader,
        and ``negated`` words the clause's negation."""
        raise NotImplementedError

    def describe(self, q) -> dict:
        """What describe() says about a question of this type, beyond its id and texts."""
        return {"type": self.name, "control": self.control.to_dict()}

    def agrees(self, q) -> tuple:
        """What two guides that ask the same question must agree on (composite.py)."""
        return (self.name, q.values, q.min, q.max)

    def reference(self, described: dict, lang: str) -> str:
        """How the developer reference names the answers, from the described question (Markdown)."""
        return ", ".join(f"`{v}`" for v in described["values"])


def _only(c, node: str, raw: dict, keys: frozenset, problem: str) -> None:
    """A definition key that belongs to another type is a mistake: say what this type has."""
    if set(raw) - {"id", "type", "ask_when"} - keys:
        c.fail(node, problem)


_OPTION_KEYS = {"value", "unknown", "exclusive"}


def _options(c, node: str, qid: str, raw: dict, unknown: bool = False, exclusive: bool = False) -> tuple:
    """The options of a choice or set, each with its label from the texts file."""
    options, seen = (), set()
    for j, o in enumerate(raw["options"]):
        onode = f"{node} options[{j}]"
        c.keys(onode, o, _OPTION_KEYS, {"value"})
        value = c.ident(onode, o["value"], seen)
        if bool(o.get("unknown")) and not unknown:
            c.fail(onode, "bare valgspørsmål kan ha et «vet ikke»-svar")
        if bool(o.get("exclusive")) and not exclusive:
            c.fail(onode, "bare flervalgsspørsmål kan ha et valg som står alene («exclusive»)")
        options += (Option(value, c.text(onode, "questions", qid, "options", value), bool(o.get("unknown")),
                           exclusive=bool(o.get("exclusive"))),)
    if len(options) < 2:
        c.fail(node, "trenger minst to svaralternativer")
    labels = c.texts.get("questions", {}).get(qid, {}).get("options", {})
    extra = sorted(set(labels) - {o.value for o in options})
    if extra:
        c.fail(node, f"tekst for ukjent svaralternativ: {', '.join(extra)}")
    return options


class Choice(QuestionType):
    name = "choice"
    tests = frozenset({"is"})
    keys = frozenset({"options"})
    errors = frozenset({"wrong_type", "value_not_allowed"})
    control = Control("radio")

    def define(self, c, node, qid, raw):
        _only(c, node, raw, self.keys, "et valgspørsmål har «options» (ikke min/max eller options_from)")
        if "options" not in raw:
            c.fail(node, "et valgspørsmål har «options» (ikke min/max eller options_from)")
        return {"options": _options(c, node, qid, raw, unknown=True)}

    def example(self, q):
        return q.values[0]

    def check_answer(self, q, field, value):
        labels = _labels(q, q.values)
        if not isinstance(value, str):
            return None, _error(q, field, "wrong_type", q.values, allowed=labels)
        if value not in q.values:
            return None, _error(q, field, "value_not_allowed", q.values, allowed=labels, value=_quoted(value))
        return value, None

    def check_test(self, q, test, arg):
        values = as_list(arg)
        bad = [v for v in values if v not in q.values]
        return f"«{q.id}» har ikke verdien {bad or values}" if bad or not values else None

    def evaluate(self, test, arg, value, uncertain):
        if value in as_list(arg):
            return True
        return None if uncertain else False

    def domain(self, q, exprs):
        return list(q.values) + [MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        values = as_list(arg)
        unknown = set(q.values_unknown())
        others = [v for v in q.values if v not in values and v not in unknown]
        if negated and others and not unknown & set(values):
            # «not Nei» is exactly «Ja» when no «vet ikke» is among the values: say it positively
            values, negated = others, False
        return _say(q, "chose", negated, you=you, labels=_labels(q, values))

    def describe(self, q):
        return {**super().describe(q),
                "options": [{"value": o.value, "label": o.label, "unknown": o.unknown} for o in q.options],
                "values": list(q.values)}


_COMPARE = {"lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}


# A whole number as typed: digits, perhaps signed, perhaps with a decimal part (comma or point)
# that makes it no whole number unless it is all zeros. Only ASCII digits: int() would take others.
_TYPED_NUMBER = re.compile(r"([+-]?)0*([0-9]+)(?:[.,]([0-9]+))?", re.ASCII)


class Integer(QuestionType):
    name = "integer"
    tests = frozenset(_COMPARE)
    keys = frozenset({"min", "max"})
    errors = frozenset({"wrong_type", "not_whole_number", "out_of_range"})
    control = Control("text", {"inputmode": "numeric", "size": "4"})

    def define(self, c, node, qid, raw):
        _only(c, node, raw, self.keys, "et tallspørsmål har heltallene «min» og «max» og ikke «options»")
        if not all(isinstance(raw.get(k), int) and not isinstance(raw.get(k), bool) for k in ("min", "max")):
            c.fail(node, "et tallspørsmål har heltallene «min» og «max» og ikke «options»")
        if raw["min"] >= raw["max"]:
            c.fail(node, "«min» må være mindre enn «max»")
        return {"min": raw["min"], "max": raw["max"]}

    def parse(self, q, field, raw):
        text = raw.strip()
        typed = _TYPED_NUMBER.fullmatch(text)
        unit = f" {q.unit}" if q.unit else ""
        if typed is None:
            return None, _error(q, field, "wrong_type", min=q.min, max=q.max, unit=unit)
        sign, whole, fraction = typed.groups()
        if fraction and fraction.strip("0"):
            return None, _error(q, field, "not_whole_number", value=_quoted(text))
        if len(whole) > 19:  # above any TOML integer, so above max: never built (int() stops at 4,300 digits)
            return None, _error(q, field, "out_of_range", min=q.min, max=q.max, unit=unit,
                                value=message(q.lang, "phrase", "huge_number"))
        return int(sign + whole), None

    def check_answer(self, q, field, value):
        if isinstance(value, str):
            value, error = self.parse(q, field, value)
            if error:
                return None, error
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
        return sorted(v for v in points if q.min <= v <= q.max) + [MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        unit = f" {q.unit}" if q.unit else ""
        if negated:  # an answered number that is not under 18 is 18 or more: the same test, turned
            test, arg = {"lt": ("ge", arg), "le": ("gt", arg), "gt": ("le", arg), "ge": ("lt", arg)}[test]
        return message(q.lang, "phrase", "number_is", question=q.text,
                       comparison=message(q.lang, "phrase", test, n=arg, unit=unit))

    def example(self, q):
        return q.min

    def describe(self, q):
        return {**super().describe(q), "min": q.min, "max": q.max, "unit": q.unit}

    def reference(self, described, lang):
        return message(lang, "reference", self.name, min=described["min"], max=described["max"])


class Set(QuestionType):
    """A list of distinct option ids. Tests: contains_any, contains_all (a list of ids), is_empty.

    An unanswered set is unknown; an answered one is known in full (an empty list means «none»).
    """
    name = "set"
    tests = frozenset({"contains_any", "contains_all", "is_empty"})
    keys = frozenset({"options", "options_from"})
    errors = frozenset({"wrong_type", "value_not_allowed", "repeated_value", "exclusive_value"})
    control = Control("checkbox")

    def define(self, c, node, qid, raw):
        _only(c, node, raw, self.keys, "et flervalgsspørsmål har «options» eller «options_from» og ikke min/max")
        if ("options" in raw) == ("options_from" in raw):
            c.fail(node, "et flervalgsspørsmål har enten «options» eller «options_from»")
        if "options" in raw:
            return {"options": _options(c, node, qid, raw, exclusive=True)}
        if raw["options_from"] != "services":
            c.fail(node, "«options_from» kan bare være «services»")
        return {"options": tuple(Option(s.id, s.label, False, s.examples) for s in services(c.lang).values())}

    def example(self, q):
        return [q.values[0]]

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
        """Every subset of the elements the expressions test (other elements change nothing for
        them), and every element but those that stand alone (a registry list reads them all)."""
        tested = sorted({v for e in exprs for leaf in leaves(e) if leaf.get("fact") == q.id
                         for t in ("contains_any", "contains_all") for v in leaf.get(t, [])},
                        key=q.values.index)
        subsets = itertools.chain.from_iterable(itertools.combinations(tested, n) for n in range(len(tested) + 1))
        alone = {o.value for o in q.options if o.exclusive}
        tried = [list(s) for s in subsets if len(s) < 2 or not alone & set(s)]
        every = [v for v in q.values if v not in alone]
        return tried + ([every] if every not in tried else []) + [MISSING]

    def describe_test(self, q, test, arg, you, negated=False):
        if test == "is_empty":
            return _say(q, "set_empty", negated, you=you)
        key = "set_one" if len(arg) == 1 else "set_any" if test == "contains_any" else "set_all"
        return _say(q, key, negated, you=you, labels=_labels(q, arg, "or" if test == "contains_any" else "and"))

    def describe(self, q):
        return {**super().describe(q),
                "options": [{"value": o.value, "label": o.label, "hint": o.hint, "exclusive": o.exclusive}
                            for o in q.options],
                "values": list(q.values)}


TYPES = {t.name: t for t in (Choice(), Integer(), Set())}
if any(t.control.kind not in CONTROLS or set(t.control.attributes) - _TEXT_ATTRIBUTES for t in TYPES.values()):
    raise TypeError(f"a question type asks with a control the page does not know (it knows {CONTROLS})")


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
