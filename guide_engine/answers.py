"""Checking a user's answers against a guide's questions. Every problem is reported at once."""
from __future__ import annotations

from .errors import GuideInputError, input_error
from .messages import message
from .model import Guide


def check_answers(guide: Guide, answers) -> dict:
    """Return the answers with unanswered (null) facts dropped; raise GuideInputError otherwise."""
    if not isinstance(answers, dict):
        raise GuideInputError([input_error("answers", "not_an_object", message(guide.lang, "error", "answers_not_an_object"))])
    errors, clean = [], {}
    for fact, value in answers.items():
        field = f"answers.{fact}"
        q = guide.by_id.get(fact)
        if q is None:
            known = ", ".join(guide.by_id)
            errors.append(input_error(field, "unknown_fact", message(guide.lang, "error", "unknown_fact", fact=fact, known=known)))
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
