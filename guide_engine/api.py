"""The public API: the same documents the CLI prints and the browser shows."""
from __future__ import annotations

from .answers import check_answers
from .definitions import guide_ids, load_guide
from .engine import evaluate_guide
from .errors import GuideInputError, input_error


def _guide(guide_id):
    if not isinstance(guide_id, str) or guide_id not in guide_ids():
        known = ", ".join(guide_ids())
        raise GuideInputError([input_error("guide", "unknown_guide",
                                           f"Det finnes ingen veiviser som heter «{guide_id}». Veivisere: {known}.")])
    return load_guide(guide_id)


def list_guides() -> list[dict]:
    return [{"id": g, "title": load_guide(g).title} for g in guide_ids()]


def evaluate(guide_id: str, answers: dict) -> dict:
    """Evaluate answers (a dict of fact id -> value) for a guide; raise GuideInputError if invalid."""
    guide = _guide(guide_id)
    return evaluate_guide(guide, check_answers(guide, answers))


def describe(guide_id: str) -> dict:
    """The guide's questions, conditions, notes and sources as a JSON-ready document."""
    from .explain import describe_expr  # only describe needs the wording; keeps start-up light

    guide = _guide(guide_id)
    questions = []
    for q in guide.questions:
        item = {"id": q.id, "text": q.text, "help": q.help, "type": q.type}
        if q.type == "choice":
            item["options"] = [{"value": o.value, "label": o.label, "unknown": o.unknown} for o in q.options]
            item["values"] = list(q.values)
        else:
            item.update(min=q.min, max=q.max, unit=q.unit)
        item["ask_when"] = q.ask_when
        item["ask_when_text"] = describe_expr(guide, q.ask_when) if q.ask_when else None
        questions.append(item)
    conditions = [{"id": c.id, "title": c.title, "explanation": c.explanation,
                   "sources": [s.to_dict() for s in c.sources],
                   "cases": [{"when": k.when, "when_text": describe_expr(guide, k.when),
                              "status": k.status, "because": k.because} for k in c.cases],
                   "otherwise": c.otherwise} for c in guide.conditions]
    notes = [{"id": n.id, "text": n.text, "sources": [s.to_dict() for s in n.sources],
              "when": n.when, "when_text": describe_expr(guide, n.when)} for n in guide.notes]
    sources, seen = [], set()
    for s in [s for c in guide.conditions for s in c.sources] + [s for n in guide.notes for s in n.sources]:
        if s.label not in seen:
            seen.add(s.label)
            sources.append(s.to_dict())
    return {"id": guide.id, "title": guide.title, "updated": guide.updated, "intro": guide.intro, "summary": guide.summary,
            "questions": questions, "conditions": conditions, "notes": notes,
            "next_steps": [{"id": s.id, "text": s.text, "when": s.when,
                            "when_text": describe_expr(guide, s.when)} for s in guide.next_steps],
            "sources": sources}
