"""LIX readability score, used by the tests on families' pages and guide texts.

LIX = words / sentences + 100 * long words / words, where a long word has more than six letters.
Norwegian plain-language advice aims at 40 or lower for texts meant for everyone.
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


if __name__ == "__main__":  # python3 build_scripts/readability.py FILE...: rough score of Markdown files
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
        print(f"{lix(raw):5.1f}  {path}")
