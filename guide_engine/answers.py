"""Checking a user's answers against a guide's questions. Every problem is reported at once."""
from __future__ import annotations

import json

from .errors import GuideInputError, input_error
from .messages import message
from .model import Guide


def example(guide, wrapped: bool = False) -> str:
    """A valid answer to the guide's first question, as JSON (for messages that show the shape)."""
    q = guide.questions[0]
    answers = {q.id: q.type.example(q)}
    return json.dumps({"answers": answers} if wrapped else answers, ensure_ascii=False)


def check_answers(guide: Guide, answers) -> dict:
    """Return the answers with unanswered (null) facts dropped; raise GuideInputError otherwise."""
    if not isinstance(answers, dict):
        raise GuideInputError([input_error("answers", "not_an_object",
                                           message(guide.lang, "error", "answers_not_an_object", example=example(guide)))])
    if len(answers) > len(guide.by_id):
        # Some are not questions: one error, not one per key (a document may hold a million).
        raise GuideInputError([input_error("answers", "too_many_answers", message(
            guide.lang, "error", "too_many_answers", count=len(answers), questions=len(guide.by_id)), list(guide.by_id))])
    errors, clean = [], {}
    for fact, value in answers.items():
        field = f"answers.{fact}"
        q = guide.by_id.get(fact)
        if q is None:
            errors.append(input_error(field, "unknown_fact", message(guide.lang, "error", "unknown_fact",
                                                                     fact=_short(fact)), list(guide.by_id)))
            continue
        if value is None:
            continue
        value, error = q.type.check_answer(q, field, value)
        if error:
            errors.append(error)
        else:
            clean[fact] = value
    if errors:
        raise GuideInputError(errors)
    return clean


def _short(text, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"
