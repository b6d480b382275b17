"""Command line: `python3 -m guide_engine list | describe GUIDE | evaluate GUIDE < answers.json`,
each with `--lang nb|nn|en` (bokmål when left out; English only for the guides that have it),
and `lovsjekk ARCHIVE` (lawwatch.py: has the text of a cited section changed, and which adopted
acts in Norsk Lovtidend change it?).

Output is JSON on stdout (lovsjekk: a report in bokmål, or nynorsk with --lang nn, unless --json). Bad input exits 2 with {"errors": [...]} and never a traceback.
"""
from __future__ import annotations

import json
import sys

from .answers import example
from .api import check_lang, describe, evaluate, get_guide, list_guides
from .errors import GuideInputError, input_error
from .messages import DEFAULT, message

USAGE = ("Bruk: python3 -m guide_engine list [--lang nb|nn|en]\n"
         "      python3 -m guide_engine describe VEIVISER [--lang nb|nn|en]\n"
         "      python3 -m guide_engine evaluate VEIVISER [--lang nb|nn|en] < svar.json   (svar.json: {\"answers\": {...}})\n"
         "      python3 -m guide_engine graph VEIVISER   (Graphviz DOT)\n"
         "      python3 -m guide_engine lovsjekk gjeldende-lover.tar.bz2 [lovtidend-avd1-ÅÅÅÅ.tar.bz2 ...] [--json] [--lang nb|nn]"
         "   (er lovteksten endret, eller vedtatt endret? --help)")


# What the CLI reads at most (CONTRIBUTING.md): an answers document is a few hundred bytes and
# three levels deep, and an age has three digits. Anything beyond is refused with its own error
# before it can cost time or memory (or reach Python's own limits, which end in a traceback).
MAX_DOCUMENT_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_DIGITS = 30


class _Refused(ValueError):
    def __init__(self, code: str, wording: str, **fill):
        super().__init__(code)
        self.code, self.wording, self.fill = code, wording, fill


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused("number_too_long", "number_too_long", max=MAX_DIGITS)
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise _Refused("number_too_long", "number_too_long", max=MAX_DIGITS)
    return float(text)  # 1e999 is inf, which no question accepts


def _constant(name: str):
    raise _Refused("invalid_json", "not_json_number", value=name)  # NaN, Infinity: not JSON


def _object(pairs: list) -> dict:
    doc = {}
    for key, value in pairs:
        if key in doc:
            raise _Refused("duplicate_key", "duplicate_key", name=key[:60])
        doc[key] = value
    return doc


def _check_tree(doc) -> None:
    """Depth and text, walked without recursion: a lone surrogate (\\ud800) is not text."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused("too_deep", "too_deep", max=MAX_DEPTH)
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            for text in (key, value):
                if isinstance(text, str):
                    try:
                        text.encode("utf-8")
                    except UnicodeEncodeError:
                        raise _Refused("invalid_json", "invalid_utf8") from None
            if isinstance(value, (dict, list)):
                stack.append((value, depth + 1))


def read_document(text: str, lang: str = DEFAULT, guide=None) -> dict:
    """Parse the evaluate document; every problem with it is reported at once. Only
    GuideInputError leaves here, whatever the text."""
    shape = example(guide, wrapped=True) if guide is not None else '{"answers": {}}'
    try:
        doc = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant, object_pairs_hook=_object)
        _check_tree(doc)
    except _Refused as exc:
        fill = {"example": shape, **exc.fill}
        raise GuideInputError([input_error("", exc.code, message(lang, "error", exc.wording, **fill))]) from None
    except json.JSONDecodeError as exc:
        raise GuideInputError([input_error("", "invalid_json", message(lang, "error", "invalid_json", line=exc.lineno,
                                                                        column=exc.colno, example=shape))]) from None
    except RecursionError:
        raise GuideInputError([input_error("", "too_deep", message(lang, "error", "too_deep", max=MAX_DEPTH,
                                                                    example=shape))]) from None
    except ValueError:  # any other refusal of the parser (UnicodeDecodeError among them)
        raise GuideInputError([input_error("", "invalid_json", message(lang, "error", "invalid_utf8"))]) from None
    if not isinstance(doc, dict):
        raise GuideInputError([input_error("", "not_an_object", message(lang, "error", "document_not_an_object"))])
    errors = [input_error(k, "unknown_field", message(lang, "error", "unknown_field", field=k[:60])) for k in list(doc)[:20]
              if k != "answers"]
    answers = doc.get("answers", {})
    if not isinstance(answers, dict):
        errors.append(input_error("answers", "not_an_object", message(lang, "error", "answers_not_an_object",
                                                                      example=example(guide) if guide else "{}")))
    if errors:
        raise GuideInputError(errors)
    return answers


def read_stdin(lang: str = DEFAULT) -> str:
    """Standard input as text, refused with its own error when larger than MAX_DOCUMENT_BYTES
    (read no further than that)."""
    data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise GuideInputError([input_error("", "too_large", message(lang, "error", "too_large", max=MAX_DOCUMENT_BYTES))])
    return data.decode("utf-8-sig", errors="strict")


def _print(doc) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(doc, ensure_ascii=True, indent=2)  # an argument with a lone surrogate
    sys.stdout.write(text + "\n")


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

            guide = get_guide(args[1], lang)
            if not hasattr(guide, "conditions"):
                raise GuideInputError([input_error("guide", "no_graph", message(lang, "error", "no_graph", guide=args[1]))])
            sys.stdout.write(to_dot(guide))
        elif len(args) == 2 and args[0] == "evaluate":
            guide_id = args[1]
            guide = get_guide(guide_id, lang)  # unknown guide is reported before reading stdin
            answers = read_document(read_stdin(lang), lang, guide)
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
    """Take «--lang nb|nn|en» (or «--lang=nn») out of the arguments; an input error for a bad one."""
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
