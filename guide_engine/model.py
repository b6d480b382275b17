"""What a loaded guide is made of. Built and checked by definitions.py; read by the engine,
describe, the soundness checks and the build. Texts are already in the chosen language here."""
from __future__ import annotations

from typing import NamedTuple

from .laws import Citation
from .logic import Expr
from .types import Option, QuestionType


class Question(NamedTuple):
    id: str
    text: str
    help: str
    type: QuestionType
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    ask_when: Expr | None = None
    verify: str | None = None  # what the wording rests on that must be checked on Lovdata
    lang: str = "nb"  # the written form of its texts (and of the messages about its answers)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    def values_unknown(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options if o.unknown)


class Case(NamedTuple):
    id: str
    when: Expr
    status: str
    because: str


class Condition(NamedTuple):
    id: str
    title: str
    about: str  # what the condition is about (its texts' «about»)
    sources: tuple[Citation, ...]
    cases: tuple[Case, ...]
    otherwise: str  # why it is open when no case decides (with «{open}»: filled with every question it reads)
    reads: frozenset  # every fact id its cases read
    # A duty (such as the duty to report to barnevernet) answers «must you act?», whoever the
    # receiver: it stands above the guide's result and is never folded into it.
    duty: bool = False
    # «otherwise» with «{open}», filled in by the engine with the questions still open: a reason
    # that names a question the reader has answered would send them back to it for nothing.
    open_frame: str | None = None


class ListSources(NamedTuple):
    """Sources taken from the items of a registry list as the answers fill it: the provisions
    of list ``list`` that provide ``provides`` (all of its provisions when None)."""
    list: str
    provides: str | None = None


class Note(NamedTuple):
    id: str
    text: str
    sources: tuple[Citation, ...]
    when: Expr
    verify: str | None = None  # what in the note rests on a source that must be checked on Lovdata
    guide: str | None = None  # another guide the note points to
    list_sources: tuple[ListSources, ...] = ()  # cited as well, from the ticked services


class NextStep(NamedTuple):
    id: str
    text: str
    when: Expr


class Letter(NamedTuple):
    id: str
    subject: str
    request: str
    closing: str
    sources: tuple[Citation, ...]
    when: Expr


class Center(NamedTuple):
    id: str
    text: str
    when: Expr


class ItemCap(NamedTuple):
    """An item of a registry list points to «oppfylt» only when ``when`` is certainly true; until
    then it is «uavklart». Applies to the items whose provision covers only ``services`` (a
    selection from the registry), or to the provisions named in ``items``; ``when`` None: never."""
    services: frozenset | None
    items: frozenset | None
    when: Expr | None


class Flag(NamedTuple):
    provides: str  # a word from the registry (laws.PROVIDES)
    yes: str
    no: str


class RegistryList(NamedTuple):
    """What the law registry says for the services a person ticked: «for each service in
    `tjenester`, the provisions that provide X». Grouped by provision (each provision once, with
    the ticked services it covers) or by service (each ticked service, with its provisions)."""
    id: str
    title: str
    intro: str
    empty: str  # shown when no ticked service is covered
    source_fact: str  # the set question the services come from
    provides: str
    group: str  # "provision" or "service"
    view: str  # "rights" (a list with a status per item) or "team" (the team around the child)
    item_status: str | None  # a condition whose status each item takes (None: no status)
    flags: tuple[Flag, ...]
    centers: tuple[Center, ...]  # «team» view: who coordinates, the first whose «when» holds
    item_caps: tuple[ItemCap, ...] = ()  # items whose law asks more than the condition does


class Guide(NamedTuple):
    id: str
    title: str
    updated: str  # ISO date
    audience: str  # familie | tjenester | alle
    intro: str
    disclaimer: str  # who decides: the result is never a decision
    summary: dict
    duties_heading: str | None  # above the duties (conditions with duty = true), if the guide has any
    result_question: tuple | None  # (default, fact id or None, {value: text}): what the status answers
    combine: str  # all | any | informational: how the overall status is made
    combine_from: tuple[str, ...]  # with «any»: the lists whose items give the status
    questions: tuple[Question, ...]
    conditions: tuple[Condition, ...]
    lists: tuple[RegistryList, ...]
    notes: tuple[Note, ...]
    next_steps: tuple[NextStep, ...]
    letters: tuple[Letter, ...]  # the first whose «when» holds is the family's letter
    # Derived once at load, for a fast evaluate():
    by_id: dict  # fact id -> Question
    unknown_values: dict  # fact id -> the option values that mean «not known» (e.g. vet_ikke), choices only
    read_by_conditions: frozenset  # fact ids any condition reads
    lang: str = "nb"  # the written form of every text above: nb (bokmål) or nn (nynorsk)
    # How generated sentences say a named expression: name -> (label, negated label or None),
    # from the texts file's optional [expressions] table.
    labels: dict | None = None

    def question(self, fact_id: str) -> Question:
        return self.by_id[fact_id]

    def is_unknown(self, fact_id: str, value) -> bool:
        """The answer is an option that means «not known», such as «vet_ikke»."""
        return fact_id in self.unknown_values and value in self.unknown_values[fact_id]

    def uncertain(self, facts: dict) -> set:
        """The facts answered «not known»: known to be asked, unknown in value."""
        return {f for f, v in facts.items() if self.is_unknown(f, v)}

    def expressions(self):
        """Every expression of the guide, with the node it belongs to."""
        for q in self.questions:
            if q.ask_when:
                yield f"spørsmål «{q.id}»", q.ask_when
        for c in self.conditions:
            for k in c.cases:
                yield f"vilkår «{c.id}» tilfelle «{k.id}»", k.when
        for kind, items in (("merknad", self.notes), ("neste steg", self.next_steps), ("brev", self.letters)):
            for item in items:
                yield f"{kind} «{item.id}»", item.when
        for lst in self.lists:
            for center in lst.centers:
                yield f"liste «{lst.id}» midten «{center.id}»", center.when
            for i, cap in enumerate(lst.item_caps):
                if cap.when is not None:
                    yield f"liste «{lst.id}» item_caps[{i}]", cap.when
