"""The exhaustive analysis of a guide, run by the build and the tests (not in the browser).

- reachability: every case, note, next step, letter and list centre can be reached by some
  answers, every question is read by something and can be asked;
- monotonicity: no settled condition (oppfylt or ikke_oppfylt) can be overturned by answering
  more, or by replacing «vet ikke» with a real answer.

Facts are enumerated over the values worth trying (types.QuestionType.domain): every option,
the numbers next to each threshold, the subsets of the set elements that are tested.
"""
from __future__ import annotations

import itertools

from . import logic
from .engine import asked, condition_status
from .model import Guide
from .types import MISSING


def _domains(guide: Guide, exprs) -> dict:
    raws = [e.raw for e in exprs]
    return {q.id: q.type.domain(q, raws) for q in guide.questions}


def _assignments(guide: Guide, exprs, outcome_keys=(), domains=None):
    """Every combination of the facts (and outcomes) the expressions read."""
    domains = domains or _domains(guide, [e for _, e in guide.expressions()])
    facts = sorted(set().union(*(e.facts for e in exprs)))
    outcome_keys = sorted(outcome_keys)
    statuses = {k: (logic.STATUSES if k != "result" or guide.combine != "informational" else (logic.INFORMASJON,))
                for k in outcome_keys}
    for combo in itertools.product(*(domains[f] for f in facts), *(statuses[k] for k in outcome_keys)):
        values = dict(zip(facts, combo[: len(facts)]))
        answered = {f: v for f, v in values.items() if v is not MISSING}
        uncertain = guide.uncertain(answered)
        yield answered, uncertain, dict(zip(outcome_keys, combo[len(facts):]))


def unreachable(guide: Guide) -> list[str]:
    """Every node no answers can reach (empty for a sound guide)."""
    problems = []
    domains = _domains(guide, [e for _, e in guide.expressions()])
    used = set()
    for cond in guide.conditions:
        for j, case in enumerate(cond.cases):
            used |= case.when.facts
            earlier = [x.when for x in cond.cases[:j]]
            if not any(case.when(a, u) is True and all(e(a, u) is not True for e in earlier)
                       for a, u, _ in _assignments(guide, [case.when, *earlier], domains=domains)):
                problems.append(f"vilkår «{cond.id}» tilfelle «{case.id}»: ingen svar kan nå dette tilfellet")
    shown = [("merknad", x.id, x.when) for x in guide.notes] + [("neste steg", x.id, x.when) for x in guide.next_steps]
    shown += [("brev", x.id, x.when) for x in guide.letters]
    shown += [(f"liste «{lst.id}» midten", x.id, x.when) for lst in guide.lists for x in lst.centers]
    for kind, item_id, when in shown:
        used |= when.facts
        keys = set(when.conditions) | ({"result"} if when.reads_result else set())
        if not any(when(a, u, o) is True for a, u, o in _assignments(guide, [when], keys, domains)):
            problems.append(f"{kind} «{item_id}»: ingen svar kan gjøre at dette vises")
    used |= {lst.source_fact for lst in guide.lists}
    used |= {f for lst in guide.lists for cap in lst.item_caps if cap.when is not None for f in cap.when.facts}
    for q in guide.questions:
        if q.id not in used:
            problems.append(f"spørsmål «{q.id}»: svaret brukes ikke av noe vilkår, noen liste, merknad eller neste steg")
        if q.ask_when and not any(q.ask_when(a, u) is True for a, u, _ in _assignments(guide, [q.ask_when], domains=domains)):
            problems.append(f"spørsmål «{q.id}»: ingen svar gjør at spørsmålet blir stilt")
    return problems


def monotonicity_violations(guide: Guide) -> list[str]:
    """Every way more answers could overturn a settled condition (empty for a sound guide).

    For each condition, every combination of the facts it reads is tried; where the condition is
    settled (oppfylt or ikke_oppfylt), each unanswered or «vet ikke» fact is replaced by each real
    answer in turn, and the status must stay. One-step refinements suffice: a chain of them is a
    refinement, and each step keeps the status. An answer that changes the path (so that an
    earlier answer is no longer asked, like «expecting» after an age) is not a refinement.
    """
    problems = []
    for cond in guide.conditions:
        exprs = [case.when for case in cond.cases]
        domains = _domains(guide, exprs)
        read = sorted(set().union(*(e.facts for e in exprs)))
        for facts, uncertain, _ in _assignments(guide, exprs, domains=domains):
            status = condition_status(guide, cond, facts, uncertain).status
            if status == logic.UAVKLART:
                continue
            for fact in read:
                if fact in facts and fact not in uncertain:
                    continue
                for value in domains[fact]:
                    if value is MISSING or guide.is_unknown(fact, value):
                        continue
                    more = {**facts, fact: value}
                    if asked(guide, more).ignored:
                        continue  # the new answer moves the path and drops another: no refinement
                    now = condition_status(guide, cond, more, uncertain - {fact}).status
                    if now != status:
                        problems.append(f"vilkår «{cond.id}»: {facts} gir {status}, men med "
                                        f"{fact}={value!r} blir det {now}")
    return problems


def check(guide: Guide) -> list[str]:
    """Everything the build and the tests require of a guide."""
    return unreachable(guide) + monotonicity_violations(guide)
