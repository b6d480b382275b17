"""Checking a user's answers against a guide's questions. Every problem is reported at once."""
from __future__ import annotations

from .definitions import Guide
from .errors import GuideInputError, input_error


def check_answers(guide: Guide, answers) -> dict:
    """Return the answers with unanswered (null) facts dropped; raise GuideInputError otherwise."""
    if not isinstance(answers, dict):
        raise GuideInputError([input_error("answers", "not_an_object",
                                           "«answers» må være et objekt med svar, for eksempel {\"venter_barn\": \"ja\"}.")])
    questions = {q.id: q for q in guide.questions}
    errors, clean = [], {}
    for fact, value in answers.items():
        field = f"answers.{fact}"
        q = questions.get(fact)
        if q is None:
            known = ", ".join(questions)
            errors.append(input_error(field, "unknown_fact",
                                      f"«{fact}» er ikke et spørsmål i denne veiviseren. Gyldige spørsmål er: {known}."))
            continue
        if value is None:
            continue
        if q.type == "choice":
            allowed = ", ".join(f"«{v}»" for v in q.values)
            if not isinstance(value, str):
                errors.append(input_error(field, "wrong_type", f"Svaret på «{fact}» må være tekst: {allowed}."))
            elif value not in q.values:
                errors.append(input_error(field, "value_not_allowed",
                                          f"«{value}» er ikke et gyldig svar på «{fact}». Gyldige svar er {allowed}."))
            else:
                clean[fact] = value
        else:
            whole = value.is_integer() if isinstance(value, float) else isinstance(value, int)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                errors.append(input_error(field, "wrong_type",
                                          f"Svaret på «{fact}» må være et helt tall fra {q.min} til {q.max}."))
            elif not whole:
                errors.append(input_error(field, "not_whole_number",
                                          f"Svaret på «{fact}» må være et helt tall, ikke {value}."))
            elif not q.min <= value <= q.max:
                errors.append(input_error(field, "out_of_range",
                                          f"Svaret på «{fact}» må være fra {q.min} til {q.max}, ikke {int(value)}."))
            else:
                clean[fact] = int(value)
    if errors:
        raise GuideInputError(errors)
    return clean
