"""The engine's own words, in each written form (messages.<lang>.toml): status wording, the
letter frame, phrases of generated sentences, messages for bad input and the documented shape of
a result. Rules never depend on them; only the words differ between bokmål, nynorsk and English.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import data_files

LANGUAGES = ("nb", "nn")  # bokmål, nynorsk: every guide and page has both (the site builds each)
# The engine also answers in English, for the guides that have texts.en.toml (languages.py):
# families who do not read Norwegian. Its letters stay Norwegian (the municipality reads
# Norwegian), with an English rendering beside them; see api.evaluate.
TRANSLATIONS = ("en",)
ENGINE_LANGUAGES = (*LANGUAGES, *TRANSLATIONS)
DEFAULT = "nb"
NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "English"}


@lru_cache(maxsize=None)
def table(lang: str) -> dict:
    """The whole messages file of a language; KeyError for a language that does not exist."""
    if lang not in ENGINE_LANGUAGES:
        raise KeyError(lang)
    return data_files.load("", f"messages.{lang}.toml")


def message(form: str, section: str, key: str, **fill) -> str:
    """A phrase or an error message in a written form, filled in (these are format strings: «{{»
    is a brace)."""
    return table(form)[section][key].format(**fill)


def listed(items, lang: str = DEFAULT, word: str = "and") -> str:
    """«a, b og c» (``word`` «and» or «or», from [phrase]), the way each written form lists."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + message(lang, "phrase", word) + items[-1]


def naming_questions(frame: str, questions, lang: str = DEFAULT) -> str:
    """A condition's «otherwise» with «{open}» filled with the texts of ``questions`` (in quotes,
    listed): «Du har ikke svart på «A» og «B».»"""
    quoted = [message(lang, "phrase", "question", question=text) for text in questions]
    # «… «Hvor gammelt er barnet?».» ends on the question's own mark, without the full stop.
    return re.sub(r"([?!][»”])\.", r"\1", frame.format(open=listed(quoted, lang)))


def wording(status: str, lang: str = DEFAULT) -> dict:
    """How a status is worded: label, verdict, letter, in_sentence."""
    return table(lang)["status"][status]


def duty_label(status: str, lang: str = DEFAULT) -> str:
    """A duty's badge: whether the staff member must act, not whether something is allowed."""
    return table(lang)["duty_status"][status]["label"]


def letter_frame(lang: str = DEFAULT) -> dict:
    return dict(table(lang)["letter_frame"])


def result_shape(lang: str = DEFAULT) -> dict:
    return dict(table(lang)["result_shape"])
