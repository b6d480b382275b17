"""The public API: the same documents the CLI prints and the browser shows."""
from __future__ import annotations

from functools import lru_cache

from .answers import check_answers
from .composite import Composite, composite_ids, describe_composite, evaluate_composite, load_composite
from .definitions import guide_ids, load_guide
from .engine import evaluate_guide
from .errors import GuideInputError, input_error
from .languages import languages
from .messages import DEFAULT, ENGINE_LANGUAGES, NAMES, TRANSLATIONS, listed, message, result_shape, table


@lru_cache(maxsize=1)
def all_ids() -> list[str]:
    """Every guide: the single ones, then those that join them (read once: they are data files)."""
    return guide_ids() + composite_ids()


@lru_cache(maxsize=1)
def _composite_ids() -> frozenset:
    """Read once, like all_ids: evaluate runs on every answer, and the folders do not change."""
    return frozenset(composite_ids())


def _named(langs, lang: str) -> str:
    """«nb» (bokmål), «nn» (nynorsk) eller «en» (English), joined in the language of the message."""
    names = [f"«{x}» ({NAMES[x]})" for x in langs]
    return listed(names, lang, "or")


def check_lang(lang) -> str:
    """The language asked for: nb (bokmål), nn (nynorsk) or en (English); an input error for any other."""
    if lang not in ENGINE_LANGUAGES:
        raise GuideInputError([input_error("lang", "unknown_language",
                                           message(DEFAULT, "error", "unknown_language", lang=lang,
                                                   known=_named(ENGINE_LANGUAGES, DEFAULT)), list(ENGINE_LANGUAGES))])
    return lang


def get_guide(guide_id, lang: str = DEFAULT):
    """A guide or a guide that joins others, loaded in ``lang``; an input error for an unknown one."""
    check_lang(lang)
    if not isinstance(guide_id, str) or guide_id not in all_ids():
        known = ", ".join(all_ids())
        raise GuideInputError([input_error("guide", "unknown_guide",
                                           message(lang, "error", "unknown_guide", guide=guide_id, known=known))])
    has = languages(guide_id)
    if lang not in has:  # e.g. the staff guide in English: it is written in Norwegian only
        raise GuideInputError([input_error("lang", "language_not_available",
                                           message(lang, "error", "language_not_available", guide=guide_id,
                                                   known=_named(has, lang)), list(has))])
    return load_composite(guide_id, lang) if guide_id in _composite_ids() else load_guide(guide_id, lang)


def list_guides(lang: str = DEFAULT) -> list[dict]:
    """Every guide in the language (in English only those that have English texts)."""
    check_lang(lang)
    guides = [get_guide(g, lang) for g in all_ids() if lang in languages(g)]
    return [{"id": g.id, "title": g.title, "audience": g.audience} for g in guides]


def evaluate(guide_id: str, answers: dict, lang: str = DEFAULT) -> dict:
    """Evaluate answers (a dict of fact id -> value) for a guide, with its texts in ``lang``
    (nb, nn or en; the rules and the error codes are the same); raise GuideInputError if invalid.
    In English the letter stays Norwegian (the municipality reads it), with an English
    rendering beside it: translation.py."""
    guide = get_guide(guide_id, lang)
    if isinstance(guide, Composite):
        result = evaluate_composite(guide, answers)
    else:
        result = evaluate_guide(guide, check_answers(guide, answers))
    if lang in TRANSLATIONS:
        from .translation import norwegian_letters  # only a translated answer needs it

        result = norwegian_letters(result, evaluate(guide_id, answers, DEFAULT))
    return result


def describe(guide_id: str, lang: str = DEFAULT) -> dict:
    """The guide's questions, conditions, lists, notes and sources as a JSON-ready document."""
    from .explain import describe_expr  # only describe needs the wording; keeps start-up light

    guide = get_guide(guide_id, lang)
    if isinstance(guide, Composite):
        return describe_composite(guide)

    def when(expr):
        return {"when": expr.raw, "when_text": describe_expr(guide, expr)}

    questions = []
    for q in guide.questions:
        item = {"id": q.id, "text": q.text, "help": q.help, **q.type.describe(q),
                "ask_when": q.ask_when.raw if q.ask_when else None,
                "ask_when_text": describe_expr(guide, q.ask_when) if q.ask_when else None, "verify": q.verify}
        questions.append(item)
    conditions = [{"id": c.id, "title": c.title, "about": c.about,
                   "sources": [s.to_dict(lang) for s in c.sources],
                   "cases": [{"id": k.id, **when(k.when), "status": k.status, "because": k.because} for k in c.cases],
                   "otherwise": c.otherwise, "duty": c.duty} for c in guide.conditions]
    lists = [{"id": lst.id, "title": lst.title, "intro": lst.intro, "empty": lst.empty, "from": lst.source_fact,
              "provides": lst.provides, "group": lst.group, "view": lst.view, "item_status": lst.item_status,
              "item_caps": [{"services": sorted(x.services) if x.services is not None else None,
                             "items": sorted(x.items) if x.items is not None else None,
                             **(when(x.when) if x.when is not None else {"when": None})} for x in lst.item_caps],
              "flags": [f._asdict() for f in lst.flags],
              "centers": [{"id": x.id, "text": x.text, **when(x.when)} for x in lst.centers]} for lst in guide.lists]
    notes = [{"id": n.id, "text": n.text, "sources": [s.to_dict(lang) for s in n.sources], "verify": n.verify,
              "sources_from_lists": [x._asdict() for x in n.list_sources],
              "guide": n.guide, **when(n.when)} for n in guide.notes]
    letters = [{"id": x.id, "subject": x.subject, "request": x.request, "closing": x.closing,
                "sources": [s.to_dict(lang) for s in x.sources], **when(x.when)} for x in guide.letters]
    from .laws import Citation, provisions_for, unique_sources

    listed = [Citation(p.law, p) for lst in guide.lists for p in provisions_for(lst.provides)]
    sources = [s.to_dict(lang) for s in unique_sources(
        [s for c in guide.conditions for s in c.sources] + listed + [s for n in guide.notes for s in n.sources]
        + [s for x in guide.letters for s in x.sources])]
    return {"id": guide.id, "title": guide.title, "updated": guide.updated, "audience": guide.audience,
            "intro": guide.intro, "disclaimer": guide.disclaimer, "summary": guide.summary, "combine": guide.combine,
            "duties_heading": guide.duties_heading,
            "result_question": ({"default": guide.result_question[0], "fact": guide.result_question[1],
                                 "by_value": guide.result_question[2]} if guide.result_question else None),
            "combine_from": list(guide.combine_from),
            "questions": questions, "conditions": conditions, "lists": lists, "notes": notes,
            "next_steps": [{"id": s.id, "text": s.text, **when(s.when)} for s in guide.next_steps],
            "letters": letters, "statuses": {k: dict(v) for k, v in table(lang)["status"].items()},
            "duty_statuses": {k: dict(v) for k, v in table(lang)["duty_status"].items()},
            "sources": sources, "result": result_shape(lang), "lang": lang}
