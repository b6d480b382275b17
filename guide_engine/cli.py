"""Command line: `python3 -m guide_engine list | describe GUIDE | evaluate GUIDE < answers.json`,
each with `--lang nb|nn` (bokmål when left out), and `lovsjekk ARCHIVE` (lawwatch.py: has the
text of a cited section changed, and which adopted acts in Norsk Lovtidend change it?).

Output is JSON on stdout (lovsjekk: a Norwegian report unless --json). Bad input exits 2 with {"errors": [...]} and never a traceback.
"""
from __future__ import annotations

import json
import sys

from .api import _guide, check_lang, describe, evaluate, list_guides
from .errors import GuideInputError, input_error
from .messages import DEFAULT, message

USAGE = ("Bruk: python3 -m guide_engine list [--lang nb|nn]\n"
         "      python3 -m guide_engine describe VEIVISER [--lang nb|nn]\n"
         "      python3 -m guide_engine evaluate VEIVISER [--lang nb|nn] < svar.json   (svar.json: {\"answers\": {...}})\n"
         "      python3 -m guide_engine graph VEIVISER   (Graphviz DOT)\n"
         "      python3 -m guide_engine lovsjekk gjeldende-lover.tar.bz2 [lovtidend-avd1-ÅÅÅÅ.tar.bz2 ...] [--json]"
         "   (er lovteksten endret, eller vedtatt endret? --help)")


def read_document(text: str, lang: str = DEFAULT) -> dict:
    """Parse the evaluate document; every problem with it is reported at once."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GuideInputError([input_error("", "invalid_json", message(lang, "error", "invalid_json", line=exc.lineno,
                                                                        column=exc.colno))]) from None
    if not isinstance(doc, dict):
        raise GuideInputError([input_error("", "not_an_object", message(lang, "error", "document_not_an_object"))])
    errors = [input_error(k, "unknown_field", message(lang, "error", "unknown_field", field=k)) for k in doc if k != "answers"]
    answers = doc.get("answers", {})
    if not isinstance(answers, dict):
        errors.append(input_error("answers", "not_an_object", message(lang, "error", "answers_not_an_object")))
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
    lang = DEFAULT
    try:
        args, lang = _lang_option(args)
        if args == ["list"]:
            _print(list_guides(lang))
        elif len(args) == 2 and args[0] == "describe":
            _print(describe(args[1], lang))
        elif len(args) == 2 and args[0] == "graph":
            from .graph import to_dot

            guide = _guide(args[1], lang)
            if not hasattr(guide, "conditions"):
                raise GuideInputError([input_error("guide", "no_graph", message(lang, "error", "no_graph", guide=args[1]))])
            sys.stdout.write(to_dot(guide))
        elif len(args) == 2 and args[0] == "evaluate":
            guide_id = args[1]
            _guide(guide_id, lang)  # unknown guide is reported before reading stdin
            answers = read_document(sys.stdin.buffer.read().decode("utf-8-sig", errors="strict"), lang)
            _print(evaluate(guide_id, answers, lang))
        else:
            sys.stderr.write(USAGE + "\n")
            _print({"errors": [input_error("", "usage", message(lang, "error", "usage") + " " + USAGE.splitlines()[0])]})
            return 2
    except GuideInputError as exc:
        _print(exc.to_dict())
        return 2
    except UnicodeDecodeError:
        _print({"errors": [input_error("", "invalid_json", message(lang, "error", "invalid_utf8"))]})
        return 2
    return 0


def _lang_option(args: list[str]) -> tuple[list[str], str]:
    """Take «--lang nb|nn» (or «--lang=nn») out of the arguments; an input error for a bad one."""
    rest, lang = [], DEFAULT
    i = 0
    while i < len(args):
        if args[i] == "--lang" or args[i].startswith("--lang="):
            value = args[i].split("=", 1)[1] if "=" in args[i] else (args[i + 1] if i + 1 < len(args) else "")
            lang = check_lang(value)
            i += 1 if "=" in args[i] else 2
        else:
            rest.append(args[i])
            i += 1
    return rest, lang
