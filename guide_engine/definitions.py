"""Guides as data: load a guide's TOML file and check it before anything uses it.

A definition that cannot work (an unknown key, a reference to a question that does not exist,
a value that is not an option, a source the law registry does not know, a question, case or
note that no answers can reach) raises GuideDefinitionError naming the guide and the node.
"""
from __future__ import annotations

import itertools
import re
import tomllib
from typing import NamedTuple
from functools import lru_cache

from . import data_files, logic
from .errors import GuideDefinitionError
from .laws import Citation, cite

_ID = re.compile(r"[a-z][a-z0-9_]*$")
_GUIDE_KEYS = {"id", "title", "updated", "intro", "summary", "questions", "conditions", "notes", "next_steps", "letter"}
_LETTER_KEYS = {"subject", "request", "closing", "sources", "when"}
_QUESTION_KEYS = {"id", "text", "help", "type", "options", "min", "max", "unit", "ask_when"}
_OPTION_KEYS = {"value", "label", "unknown"}
_CONDITION_KEYS = {"id", "title", "explanation", "sources", "cases", "otherwise"}
_CASE_KEYS = {"when", "status", "because"}
_NOTE_KEYS = {"id", "text", "sources", "when"}
_STEP_KEYS = {"id", "text", "when"}
_LEAF_KEYS = {"fact": {"is", *logic.COMPARISONS}, "condition": {"is"}, "answered": set(), "result": set()}
_MISSING = object()  # «not answered» when enumerating answers


class Option(NamedTuple):
    value: str
    label: str
    unknown: bool = False


class Question(NamedTuple):
    id: str
    text: str
    help: str
    type: str  # "choice" or "integer"
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    ask_when: dict | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


class Case(NamedTuple):
    when: dict
    status: str
    because: str


class Condition(NamedTuple):
    id: str
    title: str
    explanation: str
    sources: tuple[Citation, ...]
    cases: tuple[Case, ...]
    otherwise: str
    reads: frozenset  # every fact id its cases read



class Note(NamedTuple):
    id: str
    text: str
    sources: tuple[Citation, ...]
    when: dict


class NextStep(NamedTuple):
    id: str
    text: str
    when: dict


class Letter(NamedTuple):
    subject: str
    request: str
    closing: str
    sources: tuple[Citation, ...]
    when: dict


class Guide(NamedTuple):
    id: str
    title: str
    updated: str  # ISO date
    intro: str
    summary: dict
    questions: tuple[Question, ...]
    conditions: tuple[Condition, ...]
    notes: tuple[Note, ...]
    next_steps: tuple[NextStep, ...]
    letter: Letter | None
    # Derived once at load, for a fast evaluate():
    by_id: dict  # fact id -> Question
    unknown_values: dict  # fact id -> the option values that mean «not known» (e.g. vet_ikke)
    read_by_conditions: frozenset  # fact ids any condition reads

    def question(self, fact_id: str) -> Question:
        return self.by_id[fact_id]


def guide_ids() -> list[str]:
    return [n.removesuffix(".toml") for n in data_files.names("guides")]


@lru_cache(maxsize=None)
def load_guide(guide_id: str) -> Guide:
    """Load and validate one guide; KeyError if there is no such guide."""
    if guide_id not in guide_ids():
        raise KeyError(guide_id)
    try:
        data = tomllib.loads(data_files.read("guides", f"{guide_id}.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise GuideDefinitionError(f"guide «{guide_id}»", f"ugyldig TOML: {exc}") from None
    return parse_guide(guide_id, data)


# --- parsing -------------------------------------------------------------------------------

class _Checker:
    """Collects the context a node is checked in, so every message names guide and node."""

    def __init__(self, guide_id: str):
        self.guide_id = guide_id

    def fail(self, node: str, problem: str):
        raise GuideDefinitionError(f"guide «{self.guide_id}», {node}", problem)

    def keys(self, node: str, table, allowed: set, required: set) -> None:
        if not isinstance(table, dict):
            self.fail(node, "skal være en tabell")
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.fail(node, f"ukjent nøkkel: {', '.join(unknown)}")
        missing = sorted(required - set(table))
        if missing:
            self.fail(node, f"mangler: {', '.join(missing)}")

    def text(self, node: str, value) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(node, "skal være en tekst")
        return value.strip()

    def ident(self, node: str, value, seen: set) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(node, f"ugyldig id «{value}» (små bokstaver, tall og _)")
        if value in seen:
            self.fail(node, f"id «{value}» står to ganger")
        seen.add(value)
        return value

    def sources(self, node: str, refs) -> tuple[Citation, ...]:
        if not isinstance(refs, list) or not refs:
            self.fail(node, "sources skal være en liste med minst én henvisning")
        out = []
        for ref in refs:
            try:
                citation = cite(ref)
            except KeyError as exc:
                self.fail(node, f"kilde: {exc.args[0]}")
            if citation.provision is None:
                self.fail(node, f"kilden «{ref}» må nevne en paragraf")
            out.append(citation)
        return tuple(out)

    def expr(self, node: str, expr, questions: dict, conditions: set | None, may_use_outcome: bool):
        """Check an expression. ``questions`` are the facts it may read."""
        if not isinstance(expr, dict):
            self.fail(node, f"uttrykket {expr!r} skal være en tabell")
        ops = [k for k in logic.OPERATORS if k in expr]
        if len(ops) != 1:
            self.fail(node, f"uttrykket {expr!r} skal ha nøyaktig én av {', '.join(logic.OPERATORS)}")
        op = ops[0]
        if op in ("all", "any"):
            self.keys(node, expr, {op}, {op})
            if not isinstance(expr[op], list) or not expr[op]:
                self.fail(node, f"«{op}» skal være en ikke-tom liste")
            for sub in expr[op]:
                self.expr(node, sub, questions, conditions, may_use_outcome)
            return
        if op == "not":
            self.keys(node, expr, {"not"}, {"not"})
            self.expr(node, expr["not"], questions, conditions, may_use_outcome)
            return
        extra = _LEAF_KEYS[op]
        self.keys(node, expr, {op} | extra, {op})
        if op in ("condition", "result") and not may_use_outcome:
            self.fail(node, f"«{op}» kan bare brukes i notes og next_steps")
        if op == "result":
            self._statuses(node, expr["result"])
        elif op == "condition":
            if expr["condition"] not in conditions:
                self.fail(node, f"ukjent vilkår «{expr['condition']}»")
            if "is" not in expr:
                self.fail(node, "«condition» trenger «is»")
            self._statuses(node, expr["is"])
        elif op == "answered":
            if expr["answered"] not in questions:
                self.fail(node, f"ukjent eller senere spørsmål «{expr['answered']}»")
        else:
            q = questions.get(expr["fact"])
            if q is None:
                self.fail(node, f"ukjent eller senere spørsmål «{expr['fact']}»")
            tests = [k for k in expr if k != "fact"]
            if len(tests) != 1:
                self.fail(node, f"«{q.id}» trenger nøyaktig én test (is, lt, le, gt, ge)")
            test = tests[0]
            if test == "is":
                if q.type != "choice":
                    self.fail(node, f"«is» kan ikke brukes på tallet «{q.id}»")
                values = expr["is"] if isinstance(expr["is"], list) else [expr["is"]]
                bad = [v for v in values if v not in q.values]
                if bad or not values:
                    self.fail(node, f"«{q.id}» har ikke verdien {bad or values}")
            elif q.type != "integer" or isinstance(expr[test], bool) or not isinstance(expr[test], int):
                self.fail(node, f"«{test}» krever et heltall og et tallspørsmål («{q.id}»)")

    def _statuses(self, node: str, value) -> None:
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in logic.STATUSES]
        if bad or not values:
            self.fail(node, f"ukjent status {bad or values}")


def _question(c: _Checker, i: int, raw, seen: set, earlier: dict) -> Question:
    node = f"questions[{i}] «{raw.get('id', '?')}»" if isinstance(raw, dict) else f"questions[{i}]"
    c.keys(node, raw, _QUESTION_KEYS, {"id", "text", "help", "type"})
    qid = c.ident(node, raw["id"], seen)
    node = f"spørsmål «{qid}»"
    kind = raw["type"]
    options: tuple[Option, ...] = ()
    if kind == "choice":
        if "options" not in raw or set(raw) & {"min", "max", "unit"}:
            c.fail(node, "et valgspørsmål har «options» og ikke min/max/unit")
        opt_seen: set = set()
        for j, o in enumerate(raw["options"]):
            c.keys(f"{node} options[{j}]", o, _OPTION_KEYS, {"value", "label"})
            c.ident(f"{node} options[{j}]", o["value"], opt_seen)
            options += (Option(o["value"], c.text(f"{node} options[{j}]", o["label"]), bool(o.get("unknown"))),)
        if len(options) < 2:
            c.fail(node, "trenger minst to svaralternativer")
    elif kind == "integer":
        if "options" in raw or not all(isinstance(raw.get(k), int) for k in ("min", "max")):
            c.fail(node, "et tallspørsmål har heltallene «min» og «max» og ikke «options»")
        if raw["min"] >= raw["max"]:
            c.fail(node, "«min» må være mindre enn «max»")
    else:
        c.fail(node, f"ukjent type «{kind}» (choice eller integer)")
    question = Question(
        id=qid, text=c.text(node, raw["text"]), help=c.text(node, raw["help"]), type=kind,
        options=options, min=raw.get("min"), max=raw.get("max"), unit=raw.get("unit"),
        ask_when=raw.get("ask_when"),
    )
    if question.ask_when is not None:
        c.expr(f"{node} ask_when", question.ask_when, earlier, None, may_use_outcome=False)
    return question


def parse_guide(guide_id: str, data: dict) -> Guide:
    c = _Checker(guide_id)
    c.keys("toppnivå", data, _GUIDE_KEYS, {"id", "title", "updated", "intro", "summary", "questions", "conditions"})
    if not hasattr(data["updated"], "isoformat"):
        c.fail("updated", "skal være en dato, for eksempel 2026-11-23")
    if data["id"] != guide_id:
        c.fail("id", f"«{data['id']}» må være lik filnavnet «{guide_id}»")
    c.keys("summary", data["summary"], {*logic.STATUSES, "uavklart_ubesvart"}, set(logic.STATUSES))

    seen: set = set()
    questions: dict[str, Question] = {}
    for i, raw in enumerate(data["questions"]):
        q = _question(c, i, raw, seen, dict(questions))
        questions[q.id] = q

    conditions: list[Condition] = []
    cond_seen: set = set()
    for i, raw in enumerate(data["conditions"]):
        c.keys(f"conditions[{i}]", raw, _CONDITION_KEYS, _CONDITION_KEYS)
        cid = c.ident(f"conditions[{i}]", raw["id"], cond_seen)
        node = f"vilkår «{cid}»"
        cases = []
        for j, case in enumerate(raw["cases"]):
            cnode = f"{node} cases[{j}]"
            c.keys(cnode, case, _CASE_KEYS, _CASE_KEYS)
            c.expr(cnode, case["when"], questions, None, may_use_outcome=False)
            c._statuses(cnode, case["status"])
            cases.append(Case(case["when"], case["status"], c.text(cnode, case["because"])))
        conditions.append(Condition(
            id=cid, title=c.text(node, raw["title"]), explanation=c.text(node, raw["explanation"]),
            sources=c.sources(node, raw["sources"]), cases=tuple(cases),
            otherwise=c.text(node, raw["otherwise"]),
            reads=frozenset().union(*(logic.facts_in(k.when) for k in cases)),
        ))
    if not conditions:
        c.fail("conditions", "en veiviser trenger minst ett vilkår")

    def shown_items(key: str, label: str, allowed: set, make):
        """Notes and next steps: an id, a text, a «when» that may read the outcome."""
        items, seen = [], set()
        for i, raw in enumerate(data.get(key, [])):
            c.keys(f"{key}[{i}]", raw, allowed, allowed)
            node = f"{label} «{c.ident(f'{key}[{i}]', raw['id'], seen)}»"
            c.expr(node, raw["when"], questions, cond_seen, may_use_outcome=True)
            items.append(make(node, raw))
        return items

    notes = shown_items("notes", "merknad", _NOTE_KEYS, lambda node, raw: Note(
        raw["id"], c.text(node, raw["text"]), c.sources(node, raw["sources"]), raw["when"]))
    steps = shown_items("next_steps", "neste steg", _STEP_KEYS, lambda node, raw: NextStep(
        raw["id"], c.text(node, raw["text"]), raw["when"]))

    letter = None
    if "letter" in data:
        raw = data["letter"]
        c.keys("letter", raw, _LETTER_KEYS, _LETTER_KEYS)
        c.expr("letter", raw["when"], questions, cond_seen, may_use_outcome=True)
        letter = Letter(c.text("letter", raw["subject"]), c.text("letter", raw["request"]),
                        c.text("letter", raw["closing"]), c.sources("letter", raw["sources"]), raw["when"])

    guide = Guide(
        id=guide_id, title=c.text("title", data["title"]), updated=data["updated"].isoformat(), intro=c.text("intro", data["intro"]),
        summary={k: c.text(f"summary.{k}", v) for k, v in data["summary"].items()},
        questions=tuple(questions.values()), conditions=tuple(conditions),
        notes=tuple(notes), next_steps=tuple(steps), letter=letter,
        by_id=dict(questions),
        unknown_values={q.id: frozenset(o.value for o in q.options if o.unknown) for q in questions.values()},
        read_by_conditions=frozenset().union(*(cond.reads for cond in conditions)),
    )
    _check_reachable(c, guide)
    return guide


# --- reachability ----------------------------------------------------------------------------

def _domains(guide: Guide) -> dict:
    """The values worth trying for each fact: every option, and for whole numbers every number
    next to a threshold the guide compares with, plus «not answered»."""
    thresholds: dict[str, set] = {q.id: set() for q in guide.questions if q.type == "integer"}

    def walk(expr):
        for sub in logic.parts(expr):
            walk(sub)
        for op in logic.COMPARISONS:
            if op in expr:
                thresholds[expr["fact"]].update({expr[op] - 1, expr[op], expr[op] + 1})

    for e in _all_expressions(guide):
        walk(e)
    domains = {}
    for q in guide.questions:
        if q.type == "choice":
            domains[q.id] = list(q.values) + [_MISSING]
        else:
            points = sorted(v for v in thresholds[q.id] | {q.min, q.max} if q.min <= v <= q.max)
            domains[q.id] = points + [_MISSING]
    return domains


def _all_expressions(guide: Guide):
    for q in guide.questions:
        if q.ask_when:
            yield q.ask_when
    for cond in guide.conditions:
        for case in cond.cases:
            yield case.when
    for item in (*guide.notes, *guide.next_steps, *([guide.letter] if guide.letter else [])):
        yield item.when


def _assignments(guide: Guide, domains: dict, exprs, outcome_keys=()):
    """Every combination of the facts (and outcomes) the expressions read."""
    facts = sorted(set().union(*(logic.facts_in(e) for e in exprs)))
    uncertain_values = {q.id: {o.value for o in q.options if o.unknown} for q in guide.questions}
    outcome_keys = sorted(outcome_keys)
    for combo in itertools.product(*(domains[f] for f in facts),
                                   *([logic.STATUSES] * len(outcome_keys))):
        values = dict(zip(facts, combo[: len(facts)]))
        answered = {f: v for f, v in values.items() if v is not _MISSING}
        uncertain = {f for f, v in answered.items() if v in uncertain_values[f]}
        yield answered, uncertain, dict(zip(outcome_keys, combo[len(facts):]))


def _check_reachable(c: _Checker, guide: Guide) -> None:
    domains = _domains(guide)
    used = set()
    for cond in guide.conditions:
        for j, case in enumerate(cond.cases):
            used |= logic.facts_in(case.when)
            earlier = [x.when for x in cond.cases[:j]]
            if not any(
                logic.evaluate_expr(case.when, a, u) is True
                and all(logic.evaluate_expr(e, a, u) is not True for e in earlier)
                for a, u, _ in _assignments(guide, domains, [case.when, *earlier])
            ):
                c.fail(f"vilkår «{cond.id}» cases[{j}]", "ingen svar kan nå dette tilfellet")
    letters = [guide.letter] if guide.letter else []
    for kind, items in (("merknad", guide.notes), ("neste steg", guide.next_steps), ("brev", letters)):
        for item in items:
            used |= logic.facts_in(item.when)
            keys = logic.conditions_in(item.when) | ({"result"} if logic.reads_result(item.when) else set())
            if not any(logic.evaluate_expr(item.when, a, u, o) is True
                       for a, u, o in _assignments(guide, domains, [item.when], keys)):
                c.fail(f"{kind} «{getattr(item, 'id', 'letter')}»", "ingen svar kan gjøre at dette vises")
    for q in guide.questions:
        if q.id not in used:
            c.fail(f"spørsmål «{q.id}»", "svaret brukes ikke av noe vilkår, noen merknad eller neste steg")
        if q.ask_when and not any(logic.evaluate_expr(q.ask_when, a, u) is True
                                  for a, u, _ in _assignments(guide, domains, [q.ask_when])):
            c.fail(f"spørsmål «{q.id}»", "ingen svar gjør at spørsmålet blir stilt")



def monotonicity_violations(guide: Guide) -> list[str]:
    """Every way more answers could overturn a settled condition (empty for a sound guide).

    For each condition, every combination of the facts it reads is tried; where the condition is
    settled (oppfylt or ikke_oppfylt), each unanswered or «vet ikke» fact is replaced by each real
    answer in turn, and the status must stay. One-step refinements suffice: a chain of them is a
    refinement, and each step keeps the status. An answer that changes the path (so that an
    earlier answer is no longer asked, like «expecting» after an age) is not a refinement. Too slow to run on every load, so the build and
    the tests run it.
    """
    from .engine import asked, condition_status

    domains = _domains(guide)
    unknown = {q.id: {o.value for o in q.options if o.unknown} for q in guide.questions}
    problems = []
    for cond in guide.conditions:
        exprs = [case.when for case in cond.cases]
        for facts, uncertain, _ in _assignments(guide, domains, exprs):
            status = condition_status(cond, facts, uncertain)[0]
            if status == logic.UAVKLART:
                continue
            for fact in sorted(set().union(*(logic.facts_in(e) for e in exprs))):
                if fact in facts and fact not in uncertain:
                    continue
                for value in domains[fact]:
                    if value is _MISSING or value in unknown[fact]:
                        continue
                    more = {**facts, fact: value}
                    if asked(guide, more)[2]:
                        continue  # the new answer moves the path and drops another: no refinement
                    now = condition_status(cond, more, uncertain - {fact})[0]
                    if now != status:
                        problems.append(f"vilkår «{cond.id}»: {facts} gir {status}, men med "
                                        f"{fact}={value!r} blir det {now}")
    return problems
