"""The site's own words around the content (ui.<lang>.toml), in the written form of the page
being built: bokmål (nb), nynorsk (nn) or English (en, the family pages). The content itself is
docs/ (bokmål), docs-nn/ (nynorsk) and docs-en/ (English); the guides' and the registry's texts
come from the engine in the same language.
"""
from __future__ import annotations

import pathlib
import tomllib
from functools import lru_cache

from guide_engine.messages import DEFAULT, ENGINE_LANGUAGES, LANGUAGES

HERE = pathlib.Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def table(lang: str) -> dict:
    if lang not in ENGINE_LANGUAGES:
        raise KeyError(lang)
    return tomllib.loads((HERE / f"ui.{lang}.toml").read_text(encoding="utf-8"))


def for_audience(lang: str, audience: str) -> dict:
    """The [guide] and [js] words for a guide page: a guide that speaks to families (audience
    familie or alle) says «dere»/«de» where the staff's guides say «du» ([to_families])."""
    words = table(lang)
    plural = words.get("to_families", {}) if audience != "tjenester" else {}
    return {section: {**words[section], **plural.get(section, {})} for section in ("guide", "js")}


def t(lang: str, key: str, **fill) -> str:
    """``t("nn", "guide.reset")``; placeholders filled in when given."""
    section, name = key.split(".", 1)
    text = table(lang)[section][name]
    return text.format(**fill) if fill else text


__all__ = ["DEFAULT", "LANGUAGES", "for_audience", "t", "table"]
