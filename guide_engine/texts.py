"""A guide's texts file as plain data, for generators that need words the engine itself does not
use, such as a printable consent form (`[consent_form]`, read by build_scripts/consent_form.py).

The engine's own texts (questions, conditions, notes and so on) are read and checked by
definitions.py; use load_guide for those.
"""
from __future__ import annotations

import copy
from functools import lru_cache

from . import data_files


@lru_cache(maxsize=None)
def _load(guide_id: str, lang: str) -> dict:
    if guide_id not in data_files.folders("guides"):
        raise KeyError(guide_id)
    return data_files.load(f"guides/{guide_id}", f"texts.{lang}.toml")


def lookup(table: dict, path) -> object:
    """The value at ``path`` (keys) in a nested texts table, or None where a key is missing."""
    value = table
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def load_texts(guide_id: str, lang: str = "nb") -> dict:
    """The whole texts file of a guide (a copy); KeyError if there is no such guide."""
    return copy.deepcopy(_load(guide_id, lang))


def consent_form(guide_id: str, lang: str = "nb") -> dict | None:
    """The guide's `[consent_form]` table (a copy), or None if the guide has no consent form."""
    form = _load(guide_id, lang).get("consent_form")
    return copy.deepcopy(form) if form is not None else None
