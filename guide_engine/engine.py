"""Evaluating a guide: from answers to a trace of every condition, the notes and the next steps.

The engine never decides: it reports what the answers point to, condition by condition, with
the reason and the legal source, and «uavklart» wherever the answers (or the law) leave it open.
"""
from __future__ import annotations

from . import logic
from .definitions import Condition, Guide


def _uncertain(guide: Guide, facts: dict) -> set:
    return {f for f, v in facts.items() if v in guide.unknown_values[f]}


def asked(guide: Guide, answers: dict) -> tuple[dict, list[str], list[str]]:
    """Walk the questions in order. A question is asked when its ask_when is certainly true.

    An answer to a question that is certainly not asked (the path went elsewhere, e.g. an age
    after «we are expecting») is ignored, as GOV.UK's smart answers drop answers off the path.
    Returns (facts used, ids of asked questions, ids of ignored answers).
    """
    facts, asked_ids, ignored, uncertain = {}, [], [], set()
    for q in guide.questions:
        ask = True if q.ask_when is None else logic.evaluate_expr(q.ask_when, facts, uncertain)
        if ask is True:
            asked_ids.append(q.id)
        if q.id in answers:
            if ask is False:
                ignored.append(q.id)
            else:
                facts[q.id] = answers[q.id]
                if answers[q.id] in guide.unknown_values[q.id]:
                    uncertain.add(q.id)
    return facts, asked_ids, ignored


def condition_status(cond: Condition, facts: dict, uncertain) -> tuple[str, str, int | None]:
    """The first case whose «when» is certainly true decides; otherwise the condition is open."""
    for j, case in enumerate(cond.cases):
        if logic.evaluate_expr(case.when, facts, uncertain) is True:
            return case.status, case.because, j
    return logic.UAVKLART, cond.otherwise, None


def evaluate_guide(guide: Guide, answers: dict) -> dict:
    """Evaluate checked answers (see answers.check_answers) and return the result document."""
    facts, asked_ids, ignored = asked(guide, answers)
    uncertain = _uncertain(guide, facts)

    outcome, conditions = {}, []
    for cond in guide.conditions:
        status, because, matched = condition_status(cond, facts, uncertain)
        outcome[cond.id] = status
        read = cond.reads
        conditions.append({
            "id": cond.id,
            "title": cond.title,
            "status": status,
            "explanation": because,
            "case": matched,  # which case of the definition decided it; None: none did
            "about": cond.explanation,
            "sources": [s.to_dict() for s in cond.sources],
            # What was not assessed: only worth telling while the condition is open.
            "missing": [q.id for q in guide.questions if q.id in read and q.id not in facts]
            if status == logic.UAVKLART else [],
            "unknown": [q.id for q in guide.questions if q.id in read and q.id in uncertain]
            if status == logic.UAVKLART else [],
        })
    result = logic.status_of(logic.all3(logic.truth_of(s) for s in outcome.values()))
    outcome["result"] = result

    notes = [{"id": n.id, "text": n.text, "sources": [s.to_dict() for s in n.sources]}
             for n in guide.notes if logic.evaluate_expr(n.when, facts, uncertain, outcome) is True]
    steps = [{"id": s.id, "text": s.text}
             for s in guide.next_steps if logic.evaluate_expr(s.when, facts, uncertain, outcome) is True]

    letter = None
    if guide.letter and logic.evaluate_expr(guide.letter.when, facts, uncertain, outcome) is True:
        letter = {
            "subject": guide.letter.subject,
            "request": guide.letter.request,
            "sources": [s.to_dict() for s in guide.letter.sources],
            # How the answers left each condition, in the family's own case.
            "conditions": [{"id": c["id"], "title": c["title"], "status": c["status"]} for c in conditions],
            "closing": guide.letter.closing,
        }

    next_questions = _next_questions(guide, facts, asked_ids, result)
    summary = guide.summary[result]
    if result == logic.UAVKLART and next_questions and "uavklart_ubesvart" in guide.summary:
        summary = guide.summary["uavklart_ubesvart"]

    return {
        "guide": guide.id,
        "title": guide.title,
        "status": result,
        "summary": summary,
        "conditions": conditions,
        "notes": notes,
        "next_steps": steps,
        "letter": letter,
        "next_questions": next_questions,
        "asked_questions": asked_ids,
        "ignored_answers": ignored,
        "answers": {q.id: answers[q.id] for q in guide.questions if q.id in answers},
    }


def _next_questions(guide: Guide, facts: dict, asked_ids: list, result: str) -> list[str]:
    """Unanswered asked questions that can still change something, in the guide's order.

    A clear no cannot be overturned by more answers (the logic is monotone, and the tests hold
    it to that), so after «ikke_oppfylt» nothing is worth asking; after «oppfylt» only questions
    that no condition reads (such as whether the parents want a barnekoordinator).
    """
    if result == logic.IKKE_OPPFYLT:
        return []
    return [q for q in asked_ids if q not in facts
            and (result == logic.UAVKLART or q not in guide.read_by_conditions)]
