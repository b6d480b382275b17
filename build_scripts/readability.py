"""Readability scores, used by the tests on families' pages and guide texts.

LIX (Norwegian texts) = words / sentences + 100 * long words / words, where a long word has more
than six letters. Norwegian plain-language advice aims at 40 or lower for texts meant for everyone.

Flesch–Kincaid grade (English texts) = 0.39 * words / sentences + 11.8 * syllables / words - 15.59:
the school grade that can read the text. English plain-language advice aims at grade 8 or lower.
Syllables are counted by rule (groups of vowels, a silent final «e»), as readability tools do; it
is a few percent off a dictionary count, which is well inside the margin the limit leaves.
"""
import re

_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n\s*\n")


def lix(text: str) -> float:
    """Return the LIX score of a plain text (0 for a text without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    long_words = sum(1 for w in words if len(w.replace("-", "")) > 6)
    return len(words) / sentences + 100 * long_words / len(words)


_VOWELS = re.compile(r"[aeiouyæøåéüöä]+", re.I)


def syllables(word: str) -> int:
    """Syllables of an English word by rule (at least one); Norwegian terms count their vowel groups."""
    w = word.lower().replace("'", "")
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    # a silent final «e» (make, state), but not «-le» after a consonant (table) nor «-ee»
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    # a final «-ed» is silent except after t or d (helped, needed)
    if w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and count > 1:
        count -= 1
    return max(1, count)


def flesch_kincaid_grade(text: str) -> float:
    """Return the Flesch–Kincaid grade level of a plain English text (0 for a text without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    syl = sum(syllables(part) for w in words for part in w.split("-"))
    return 0.39 * len(words) / sentences + 11.8 * syl / len(words) - 15.59


if __name__ == "__main__":  # python3 build_scripts/readability.py FILE...: rough scores of Markdown files
    import sys

    for path in sys.argv[1:]:
        raw = open(path, encoding="utf-8").read()
        raw = re.sub(r"^---\n.*?\n---\n", "", raw, flags=re.S)  # front matter
        raw = re.sub(r"\[\[([^\]|]+)\|([^\]]+)\]\]", r"\2", raw)  # [[ref|text]] -> text
        raw = re.sub(r"\[\[([^\]]+)\]\]", r"\1", raw)
        raw = re.sub(r"\]\([^)]*\)", "]", raw)  # drop link targets
        raw = re.sub(r"^\s*[#>*-]+\s*|^\s*\d+\.\s+", "", raw, flags=re.M)
        # a list item or heading is a sentence of its own
        raw = re.sub(r"\n(?=\S)", ".\n", raw)
        print(f"LIX {lix(raw):5.1f}  grade {flesch_kincaid_grade(raw):4.1f}  {path}")
