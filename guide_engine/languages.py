"""Which languages a guide has: the texts files in its folder say so.

Every guide has bokmål and nynorsk (texts.nb.toml, texts.nn.toml: a missing one is a broken
definition). A guide written for families may also have English (texts.en.toml); a guide without
that file is not offered in English, and asking for it is an input error of its own
(``language_not_available``, api.py). A guide that joins others has a language only if each
guide it joins has it too. Whatever texts file exists is loaded and checked in full, as the
Norwegian ones are.
"""
from __future__ import annotations

from functools import lru_cache

from . import data_files
from .errors import GuideDefinitionError
from .messages import ENGINE_LANGUAGES, LANGUAGES


@lru_cache(maxsize=None)
def languages(guide_id: str) -> tuple[str, ...]:
    """The languages of a guide, in ENGINE_LANGUAGES order; GuideDefinitionError when a required
    written form is missing or a composite has a language one of its parts lacks."""
    folder = f"guides/{guide_id}"
    own = tuple(lang for lang in ENGINE_LANGUAGES if data_files.exists(folder, f"texts.{lang}.toml"))
    missing = [lang for lang in LANGUAGES if lang not in own]
    if missing:
        raise GuideDefinitionError(f"guide «{guide_id}»", f"mangler filen texts.{missing[0]}.toml")
    if data_files.exists(folder, "joins.toml"):
        joins = data_files.load(folder, "joins.toml").get("joins", [])
        for part in joins if isinstance(joins, list) else []:
            lacking = [lang for lang in own if lang not in languages(part)]
            if lacking:
                raise GuideDefinitionError(f"guide «{guide_id}»",
                                           f"har texts.{lacking[0]}.toml, men «{part}» som den samler, har det ikke")
    return own
