"""Command line: `python3 -m guide_engine list | describe GUIDE | evaluate GUIDE < answers.json`,
and `lovsjekk ARCHIVE` (lawwatch.py: has the text of a cited section changed?).

Output is JSON on stdout (lovsjekk: a Norwegian report unless --json). Bad input exits 2 with {"errors": [...]} and never a traceback.
"""
from __future__ import annotations

import json
import sys

from .api import _guide, describe, evaluate, list_guides
from .errors import GuideInputError, input_error

USAGE = ("Bruk: python3 -m guide_engine list\n"
         "      python3 -m guide_engine describe VEIVISER\n"
         "      python3 -m guide_engine evaluate VEIVISER < svar.json   (svar.json: {\"answers\": {...}})\n"
         "      python3 -m guide_engine graph VEIVISER   (Graphviz DOT)\n"
         "      python3 -m guide_engine lovsjekk gjeldende-lover.tar.bz2 [--json]   (er lovteksten endret?)")


def read_document(text: str) -> dict:
    """Parse the evaluate document; every problem with it is reported at once."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GuideInputError([input_error("", "invalid_json", f"Inndata er ikke gyldig JSON (feil på linje {exc.lineno}, tegn {exc.colno}). Skriv for eksempel {{\"answers\": {{\"venter_barn\": \"ja\"}}}}.")]) from None
    if not isinstance(doc, dict):
        raise GuideInputError([input_error("", "not_an_object", "Inndata må være et JSON-objekt: {\"answers\": {...}}.")])
    errors = [input_error(k, "unknown_field", f"Ukjent felt «{k}». Bare «answers» er tillatt.") for k in doc if k != "answers"]
    answers = doc.get("answers", {})
    if not isinstance(answers, dict):
        errors.append(input_error("answers", "not_an_object", "«answers» må være et objekt med svar, for eksempel {\"venter_barn\": \"ja\"}."))
    if errors:
        raise GuideInputError(errors)
    return answers


def _print(doc) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["lovsjekk"]:
        from .lawwatch import main as lovsjekk  # reads Lovdata's data set; prints its own report

        return lovsjekk(args[1:])
    try:
        if args == ["list"]:
            _print(list_guides())
        elif len(args) == 2 and args[0] == "describe":
            _print(describe(args[1]))
        elif len(args) == 2 and args[0] == "graph":
            from .graph import to_dot

            guide = _guide(args[1])
            if not hasattr(guide, "conditions"):
                raise GuideInputError([input_error("guide", "no_graph", f"«{args[1]}» samler andre veivisere og har ingen egen graf.")])
            sys.stdout.write(to_dot(guide))
        elif len(args) == 2 and args[0] == "evaluate":
            guide_id = args[1]
            _guide(guide_id)  # unknown guide is reported before reading stdin
            answers = read_document(sys.stdin.buffer.read().decode("utf-8-sig", errors="strict"))
            _print(evaluate(guide_id, answers))
        else:
            sys.stderr.write(USAGE + "\n")
            _print({"errors": [input_error("", "usage", "Ukjent kommando. " + USAGE.splitlines()[0])]})
            return 2
    except GuideInputError as exc:
        _print(exc.to_dict())
        return 2
    except UnicodeDecodeError:
        _print({"errors": [input_error("", "invalid_json", "Inndata er ikke gyldig UTF-8-tekst.")]})
        return 2
    return 0
