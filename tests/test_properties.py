"""Properties that must hold for every guide and any answers (hypothesis).

- A settled answer is never overturned: if the answers point to «oppfylt» or «ikke_oppfylt»,
  answering more (or replacing «vet ikke» by a real answer) cannot change it. This is what makes
  a clear no trustworthy while other answers are missing.
- Valid answers always give a well-formed result; anything else gives GuideInputError only,
  whose messages name questions and answers by their words, never by their ids.
- Any document the CLI may read (huge numbers, deep nesting, lone surrogates, duplicate keys,
  NaN, unknown keys by the thousand) gives answers or GuideInputError, never another exception.
"""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import worth_trying
from guide_engine import GuideInputError, evaluate
from guide_engine.definitions import guide_ids, load_guide
from guide_engine.languages import languages
from guide_engine.vocabulary import RESULT_STATUSES

STATUSES = set(RESULT_STATUSES)


def _value(guide, q):
    return st.sampled_from(worth_trying([guide], q))


@st.composite
def flows(draw, guide_id):
    """Answers a person could give by following the form: a question is answered only if the
    answers before it make it asked or leave it open, never when they rule it out."""
    from guide_engine.engine import asked

    guide = load_guide(guide_id)
    answers = {}
    for q in guide.questions:
        if draw(st.booleans()):
            answers[q.id] = draw(_value(guide, q))
        if asked(guide, answers).ignored:
            del answers[q.id]
    return answers


@st.composite
def refinements(draw, guide_id, answers):
    """The same answers with some unanswered or «vet ikke» facts replaced by real answers."""
    guide = load_guide(guide_id)
    more = dict(answers)
    for q in guide.questions:
        if (q.id not in more or guide.is_unknown(q.id, more[q.id])) and draw(st.booleans()):
            more[q.id] = draw(_value(guide, q).filter(lambda v, q=q: not guide.is_unknown(q.id, v)))
    return more


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_settled_status_is_never_overturned_by_more_answers(data):
    for guide_id in guide_ids():
        answers = data.draw(flows(guide_id))
        before = evaluate(guide_id, answers)
        more = data.draw(refinements(guide_id, answers))
        after = evaluate(guide_id, more)
        if set(after["ignored_answers"]) - set(before["ignored_answers"]):
            continue  # a new answer moved the path (e.g. «expecting» after an age); not a refinement
        if before["status"] != "uavklart":
            assert after["status"] == before["status"], (answers, more)
        for b, a in zip(before["conditions"], after["conditions"]):
            if b["status"] != "uavklart":
                assert a["status"] == b["status"], (b["id"], answers, more)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_open_reason_names_the_questions_still_open_and_no_other(data):
    """Where a condition's reason names questions («{open}»), it names at least one, each one
    unanswered, answered «vet ikke» or with nothing ticked, and never one off the path."""
    for guide_id in guide_ids():
        answers = data.draw(flows(guide_id))
        for lang in languages(guide_id):
            guide = load_guide(guide_id, lang)
            result = evaluate(guide_id, answers, lang)
            framed = {c.id for c in guide.conditions if c.open_frame}
            quote = "“{}”" if lang == "en" else "«{}»"
            for cond in result["conditions"]:
                if cond["id"] not in framed or cond["case"] is not None:
                    continue
                named = [q for q in guide.questions if quote.format(q.text) in cond["because"]]
                assert named, (guide_id, lang, cond["id"], answers)
                for q in named:
                    assert q.id not in answers or guide.is_unknown(q.id, answers[q.id]) or answers[q.id] == [], \
                        (guide_id, cond["id"], q.id, answers)
                    assert q.id not in result["ignored_answers"], (guide_id, cond["id"], q.id, answers)
                    assert q.id in cond["missing"] + cond["unknown"] or answers.get(q.id) == [], (cond["id"], q.id)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_valid_answers_give_a_well_formed_result(data):
    for guide_id in guide_ids():
        answers = data.draw(flows(guide_id))
        result = evaluate(guide_id, answers)
        json.dumps(result)
        assert result["status"] in STATUSES
        assert result["summary"]
        cited = {s["label"] for s in result["sources"]}
        for part in [*result["conditions"], *result["notes"], *(i for lst in result["lists"] for i in lst["items"])]:
            assert {s["label"] for s in part["sources"]} <= cited  # every provision that applies is listed
        for cond in result["conditions"]:
            assert cond["status"] in STATUSES and cond["because"]
            assert cond["sources"] and all(s["url"].startswith("https://lovdata.no/") for s in cond["sources"])
        if result["status"] == "ikke_oppfylt":
            assert result["next_questions"] == []
        assert set(result["next_questions"]) <= set(result["asked_questions"]) - set(answers)


class _Big(int):
    """A whole number of thousands of digits, which Python (and hypothesis' report) cannot print."""

    @classmethod
    def of(cls, digits: int) -> "_Big":
        big = cls(10 ** digits - 1)
        big.digits = digits
        return big

    def __repr__(self):
        return f"<a number of {self.digits} digits>"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.integers(min_value=4300, max_value=5000).map(_Big.of) | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["\ud800", "vet_ikke", "", "\u202e"])
    # numbers as a text field holds them, which the engine parses (types.Integer.parse)
    | st.sampled_from([" 7 ", "12,5", "7.0", "-0", "0007", "9" * 30, "9" * 5000, "\u0661\u0662", "1e3", "1_000"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_input_gives_a_result_or_structured_errors(data):
    for guide_id in guide_ids():
        facts = [q.id for q in load_guide(guide_id).questions] + ["x"]
        answers = data.draw(st.dictionaries(st.sampled_from(facts), json_values, max_size=4))
        try:
            result = evaluate(guide_id, answers)
        except GuideInputError as exc:
            assert exc.errors and all({"field", "code", "message"} <= set(e) <= {"field", "code", "message", "allowed"}
                                      for e in exc.errors)
            _no_ids_for_people(guide_id, exc.errors, answers)
        else:
            assert result["status"] in STATUSES


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_health_laws_point_to_a_plan_or_koordinator_only_for_a_health_need(data):
    """pbrl § 2-5 and § 2-5 b ask for a need of health and care services; bvl § 15-9, sotjl § 28
    and NAV-loven § 15 do not. An item of the health laws points to yes only when the person says
    the need concerns health and care, and the need condition cites only the common regulation."""
    from guide_engine.laws import cite, services_where

    health = set(services_where(provides="koordinator"))
    answers = data.draw(flows("individuell_plan"))
    result = evaluate("individuell_plan", answers)
    for lst in result["lists"]:
        for item in lst["items"]:
            if item.get("status") == "oppfylt" and set(cite(item["id"]).provision.applies_to) <= health:
                assert answers.get("behov_gjelder_helse") == "ja", (item["id"], answers)
    assert [s["ref"] for s in result["conditions"][0]["sources"]] == ["forskrift-individuell-plan § 4"]


def _no_ids_for_people(guide_id, errors, answers):
    """No question or answer id (the ones with «_», which are not words) in a message, unless the
    input itself said it (an unknown answer is quoted back as sent)."""
    guide = load_guide(guide_id)
    ids = {q.id for q in guide.questions} | {v for q in guide.questions for v in getattr(q, "values", ())}
    sent = repr(answers)
    for e in errors:
        for i in ids:
            if "_" in i and i not in sent:
                assert i not in e["message"], (i, e["message"])


def _nested(depth):
    return st.recursive(st.just("ja"), lambda inner: st.lists(inner, min_size=1, max_size=1), max_leaves=depth)


# Documents as the CLI reads them: JSON text of every class that once gave a traceback.
documents = st.one_of(
    st.integers(min_value=4290, max_value=6000).map(lambda n: '{"answers": {"barnets_alder": ' + "9" * n + "}}"),
    st.integers(min_value=21, max_value=3000).map(lambda n: '{"answers": {"x": ' + "[" * n + '"ja"' + "]" * n + "}}"),
    st.integers(min_value=21, max_value=3000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(['{"answers": {"\\ud800": 1}}', '{"answers": {"venter_barn": "\\udfff"}}', '{"answers": {"tjenester": ["\\ud800"]}}',
                     '{"answers": {"x": 1, "x": 2}}', '{"answers": {}, "answers": {}}', '{"answers": {"barnets_alder": NaN}}',
                     '{"answers": {"barnets_alder": -Infinity}}', '{"answers": {"barnets_alder": 1e999}}', "[]", "", "\u0000"]),
    st.integers(min_value=10, max_value=20_000).map(lambda n: '{"answers": {' + ", ".join(f'"k{i}": 1' for i in range(n)) + "}}"),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=4),
                 lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                 max_leaves=10).map(lambda doc: json.dumps({"answers": doc}, ensure_ascii=False)),
)


@settings(max_examples=200, deadline=None)
@given(documents, st.sampled_from(["nb", "nn"]))
def test_any_document_gives_answers_or_structured_errors(text, lang):
    from guide_engine.cli import read_document
    from guide_engine.api import get_guide

    for guide_id in guide_ids():
        guide = get_guide(guide_id, lang)
        try:
            answers = read_document(text, lang, guide)
            evaluate(guide_id, answers, lang)
        except GuideInputError as exc:
            assert exc.errors and all(e["message"] and e["code"] for e in exc.errors)
            json.dumps(exc.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as it is
