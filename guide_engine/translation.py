"""A result in a language the municipality does not read (English): the letter stays Norwegian.

The family sends the letter to the municipality, which reads Norwegian, so ``letter`` is the
bokmål letter, word for word as a bokmål answer gives it. The same letter in the family's language
is ``letter_translation``, for them to read and check, with a note that says which one to send.
Everything else in the result (statuses, reasons, notes, the summary) is in the family's language.
"""
from __future__ import annotations

from .messages import message


def norwegian_letters(result: dict, norwegian: dict) -> dict:
    """``result`` (in a translated language) with the letter of ``norwegian`` (the same guide and
    answers in bokmål) in its place and its own letter as ``letter_translation``."""
    lang = result["lang"]
    out = {}
    for key, value in result.items():
        if key == "letter":
            out["letter"] = norwegian["letter"]
            out["letter_translation"] = ({**value, "note": message(lang, "translation", "letter_note")}
                                         if value is not None else None)
        elif key == "parts":  # an overview: each joined guide's own letter as well
            out["parts"] = [norwegian_letters(p, n) for p, n in zip(value, norwegian["parts"])]
        elif key == "requests":  # an overview's letter is made of the requests the family ticks
            by_id = {r["id"]: r for r in norwegian["requests"]}
            out["requests"] = [{**r, "letter_text": by_id[r["id"]]["text"]} for r in value]
        else:
            out[key] = value
    return out
