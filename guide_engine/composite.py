"""A guide that joins other guides: one set of answers, every right at once.

A composite is a folder ``guides/<id>/`` with ``joins.toml`` (the guides it joins, the order a
parent meets the questions in, and the requests the family can tick for its letter) and
``texts.nb.toml`` (and ``texts.nn.toml``). It has no rules and no status of its own: each joined guide is evaluated with
the answers restricted to its own questions, exactly as that guide alone would be, and the
overview puts the parts side by side. Questions several guides ask are asked once.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from . import data_files
from .answers import check_answers
from .definitions import AUDIENCES, ID, guide_ids, load_guide
from .engine import evaluate_guide
from .errors import GuideDefinitionError, check_keys
from .laws import PROVIDES, Citation, cite, provides_of, unique_sources
from .model import Question
from .messages import letter_frame, table
from .vocabulary import RESULT_STATUSES

# «nav_after» and «nav_title»: the place and title in the site's navigation (build_scripts/guide_nav.py).
_JOIN_KEYS = {"id", "updated", "audience", "joins", "order", "requests", "nav_after"}
_REQUEST_KEYS = {"id", "part", "when", "sources", "sources_from_lists", "sources_provide", "with_letter"}
_TEXT_KEYS = {"title", "intro", "disclaimer", "questions", "requests", "letter", "nav_title"}
_LETTER_KEYS = {"subject", "intro", "complaint", "closing"}


class Request(NamedTuple):
    """Something the family can ask for in its letter, offered while the right it stands on is
    pointed to or left open: the part's status, or, with ``sources_from_lists``, the status of
    the items of those lists (then it is offered only when the ticked services give such items)."""
    id: str
    part: str
    when: tuple[str, ...]  # the statuses that offer it
    label: str  # the tick box
    text: str  # the sentence in the letter where the answers point to the right
    sources: tuple[Citation, ...]
    sources_from_lists: tuple[str, ...]  # the part's registry lists whose provisions it also cites
    sources_provide: str | None = None  # only the listed provisions that provide this
    text_open: str | None = None  # the sentence where the answers leave it open or point to no: «vurdere»
    # Offered only where the part, alone, offers its own letter: a «no» is never a dead end there
    # (the single guide lets the family ask for an assessment), and nowhere the guide offers none.
    with_letter: bool = False


class Composite(NamedTuple):
    id: str
    title: str
    updated: str
    audience: str
    intro: str
    disclaimer: str
    parts: tuple  # the joined Guides
    questions: tuple[Question, ...]  # each once, in the composite's order, with its texts
    readers: dict  # fact id -> ids of the guides that read it
    requests: tuple[Request, ...]
    letter: dict
    by_id: dict
    lang: str = "nb"


def composite_ids() -> list[str]:
    return [g for g in data_files.folders("guides") if data_files.exists(f"guides/{g}", "joins.toml")]


def _fail(composite_id: str, node: str, problem: str):
    raise GuideDefinitionError(f"veiviser «{composite_id}», {node}", problem)


@lru_cache(maxsize=None)
def load_composite(composite_id: str, lang: str = "nb") -> Composite:
    where = f"guides/{composite_id}"
    try:
        rules = data_files.load(where, "joins.toml")
        texts = data_files.load(where, f"texts.{lang}.toml")
    except ValueError as exc:  # TOML that does not parse
        _fail(composite_id, "TOML", str(exc))
    check_keys(f"veiviser «{composite_id}», joins.toml", rules, _JOIN_KEYS, _JOIN_KEYS - {"requests", "nav_after"})
    check_keys(f"veiviser «{composite_id}», tekstfilen", texts, _TEXT_KEYS, _TEXT_KEYS - {"questions", "nav_title"})
    if rules["id"] != composite_id or rules["audience"] not in AUDIENCES:
        _fail(composite_id, "id/audience", "id må være mappenavnet, og audience en av " + ", ".join(AUDIENCES))
    unknown = [g for g in rules["joins"] if g not in guide_ids()]
    if unknown or len(set(rules["joins"])) != len(rules["joins"]) or len(rules["joins"]) < 2:
        _fail(composite_id, "joins", f"minst to ulike veivisere som finnes (ukjent: {unknown})")
    parts = tuple(load_guide(g, lang) for g in rules["joins"])

    # Each fact once; the guides that share it must agree on what it is.
    first: dict[str, Question] = {}
    readers: dict[str, list[str]] = {}
    for guide in parts:
        for q in guide.questions:
            if q.id in first and (first[q.id].type, first[q.id].type.agrees(first[q.id])) != (q.type, q.type.agrees(q)):
                _fail(composite_id, f"spørsmål «{q.id}»", f"«{readers[q.id][0]}» og «{guide.id}» er uenige om svarene")
            first.setdefault(q.id, q)
            readers.setdefault(q.id, []).append(guide.id)
    if sorted(rules["order"]) != sorted(first) or len(set(rules["order"])) != len(rules["order"]):
        _fail(composite_id, "order", f"skal nevne hvert spørsmål én gang: {', '.join(first)}")
    overrides = texts.get("questions", {})
    extra = sorted(set(overrides) - set(first))
    if extra:
        _fail(composite_id, "tekstfilen [questions]", f"tekst for ukjent spørsmål: {', '.join(extra)}")
    questions = []
    for fact in rules["order"]:
        q, own = first[fact], overrides.get(fact, {})
        if set(own) - {"text", "help"}:
            _fail(composite_id, f"tekst for «{fact}»", "bare text og help kan skrives om")
        questions.append(q._replace(text=own.get("text", q.text), help=own.get("help", q.help)))

    requests, seen = [], set()
    for i, raw in enumerate(rules.get("requests", [])):
        node = f"requests[{i}]"
        check_keys(f"veiviser «{composite_id}», {node}", raw, _REQUEST_KEYS, {"id", "part", "when"})
        if not (raw.get("sources") or raw.get("sources_from_lists")):
            _fail(composite_id, node, "trenger sources eller sources_from_lists")
        if not ID.match(raw["id"]) or raw["id"] in seen:
            _fail(composite_id, node, f"ugyldig eller gjentatt id «{raw['id']}»")
        seen.add(raw["id"])
        part = next((g for g in parts if g.id == raw["part"]), None)
        if part is None or any(s not in RESULT_STATUSES for s in raw["when"]):
            _fail(composite_id, node, "«part» skal være en av veiviserne, og «when» statuser")
        if any(x not in {lst.id for lst in part.lists} for x in raw.get("sources_from_lists", [])):
            _fail(composite_id, node, "ukjent liste i sources_from_lists")
        own = texts.get("requests", {}).get(raw["id"], {})
        if not own.get("label") or not own.get("text") or set(own) - {"label", "text", "text_uavklart"}:
            _fail(composite_id, node, "tekstfilen skal ha label og text (og text_uavklart)")
        # Where the answers may leave the right open, the letter asks the service to assess it.
        if bool({"uavklart", "ikke_oppfylt"} & set(raw["when"])) != bool(own.get("text_uavklart")):
            _fail(composite_id, node, "text_uavklart hører til en forespørsel som tilbys ved «uavklart» eller «ikke_oppfylt»")
        if not isinstance(raw.get("with_letter", False), bool):
            _fail(composite_id, node, "«with_letter» er true eller false")
        # A request where the answers point to no only where the part itself offers a letter then.
        if "ikke_oppfylt" in raw["when"] and not raw.get("with_letter"):
            _fail(composite_id, node, "«ikke_oppfylt» i «when» krever «with_letter = true»")
        if raw.get("sources_provide") is not None and raw["sources_provide"] not in PROVIDES:
            _fail(composite_id, node, f"ukjent «provides» «{raw['sources_provide']}»")
        try:
            sources = tuple(cite(r) for r in raw.get("sources", []))
        except KeyError as exc:
            _fail(composite_id, node, f"kilde: {exc.args[0]}")
        requests.append(Request(raw["id"], raw["part"], tuple(raw["when"]), own["label"], own["text"], sources,
                                tuple(raw.get("sources_from_lists", ())), raw.get("sources_provide"),
                                own.get("text_uavklart"), raw.get("with_letter", False)))
    if set(texts.get("requests", {})) - seen:
        _fail(composite_id, "tekstfilen [requests]", "tekst uten forespørsel")
    letter = texts["letter"]
    check_keys(f"veiviser «{composite_id}», tekstfilen [letter]", letter, _LETTER_KEYS, _LETTER_KEYS)
    return Composite(
        id=composite_id, title=texts["title"], updated=rules["updated"].isoformat(), audience=rules["audience"],
        intro=texts["intro"].strip(), disclaimer=texts["disclaimer"], parts=parts, questions=tuple(questions),
        readers={k: tuple(v) for k, v in readers.items()}, requests=tuple(requests), letter=dict(letter),
        by_id={q.id: q for q in questions}, lang=lang,
    )


def evaluate_composite(comp: Composite, answers) -> dict:
    """The overview for one set of answers (checked against every joined guide at once)."""
    clean = check_answers(comp, answers)
    parts = []
    for guide in comp.parts:
        own = {k: v for k, v in clean.items() if k in guide.by_id}
        parts.append(evaluate_guide(guide, own))
    asked = {q for p in parts for q in p["asked_questions"]}
    # An answer is off the path only when every guide that reads it leaves it out.
    ignored = [q.id for q in comp.questions if q.id in clean
               and all(q.id in p["ignored_answers"] for p in parts if q.id in p["answers"])]
    wanted = {q for p in parts for q in p["next_questions"]}
    requests = []
    for r in comp.requests:
        part = next(p for p in parts if p["guide"] == r.part)
        status, listed = _request_status(r, part)
        if status in r.when and (part["letter"] or not r.with_letter):
            requests.append({"id": r.id, "part": r.part, "status": status, "label": r.label,
                             "text": r.text_open if status in ("uavklart", "ikke_oppfylt") else r.text,
                             "sources": unique_sources([s.to_dict(comp.lang) for s in r.sources] + listed)})
    # The complaint routes and their deadlines: every provision the parts cite that the registry
    # marks as one, of the parts the letter asks something of.
    asked_of = {r["part"] for r in requests}
    complaints = unique_sources([s for p in parts if p["guide"] in asked_of for s in p["sources"]
                          if {"klage", "klagefrist"} & set(provides_of(s["ref"]))])
    return {
        "guide": comp.id,
        "title": comp.title,
        "disclaimer": comp.disclaimer,
        "parts": parts,
        "requests": requests,
        "letter": {**comp.letter, "complaint_sources": complaints, "frame": letter_frame(comp.lang)} if requests else None,
        "next_questions": [q.id for q in comp.questions if q.id in wanted],
        "asked_questions": [q.id for q in comp.questions if q.id in asked],
        "ignored_answers": ignored,
        "answers": {q.id: clean[q.id] for q in comp.questions if q.id in clean},
        "lang": comp.lang,
    }


_RANK = ("oppfylt", "uavklart", "informasjon", "ikke_oppfylt")


def _request_status(r: Request, part: dict) -> tuple[str | None, list[dict]]:
    """The status a request stands on, and the listed provisions it cites. From the items of its
    lists when it names any (None when the ticked services give none), else the part's status."""
    if not r.sources_from_lists:
        return part["status"], []
    statuses, listed = [], []
    for lst in part["lists"]:
        if lst["id"] not in r.sources_from_lists:
            continue
        for item in lst["items"]:
            mine = [p["source"] for p in item["provisions"]
                    if r.sources_provide is None or r.sources_provide in provides_of(p["source"]["ref"])]
            if mine:
                statuses.append(item.get("status", part["status"]))
                listed += [dict(s) for s in mine]
    if not statuses:
        return None, []
    return min(statuses, key=_RANK.index), listed


def describe_composite(comp: Composite) -> dict:
    from .explain import describe_expr

    questions = []
    for q in comp.questions:
        reader = next(g for g in comp.parts if g.id == comp.readers[q.id][0])
        original = reader.question(q.id)
        questions.append({"id": q.id, "text": q.text, "help": q.help, **q.type.describe(q),
                          "guides": list(comp.readers[q.id]),
                          "ask_when": original.ask_when.raw if original.ask_when else None,
                          "ask_when_text": (describe_expr(reader, original.ask_when, audience=comp.audience)
                                            if original.ask_when else None)})
    return {"id": comp.id, "title": comp.title, "updated": comp.updated, "audience": comp.audience,
            "intro": comp.intro, "disclaimer": comp.disclaimer, "kind": "composite", "lang": comp.lang,
            "joins": [g.id for g in comp.parts], "questions": questions,
            "requests": [{"id": r.id, "part": r.part, "when": list(r.when), "with_letter": r.with_letter, "label": r.label, "text": r.text,
                          "text_uavklart": r.text_open, "sources": [s.to_dict(comp.lang) for s in r.sources],
                          "sources_from_lists": list(r.sources_from_lists), "sources_provide": r.sources_provide}
                         for r in comp.requests],
            "letter": dict(comp.letter),
            "result": {k: v.format(id=comp.id) for k, v in table(comp.lang)["composite_shape"].items()}}
