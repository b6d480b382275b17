"""«Hva kan familien be om?»: one set of answers for every joined guide. Each part is exactly what
that guide gives alone for the answers it reads; each question is asked once; the letter offers
only what the answers point to or leave open, and an assessment where the guide alone offers its
letter though the answers point to no."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_case_files, worth_trying
from guide_engine import GuideInputError, describe, evaluate
from guide_engine.composite import composite_ids, load_composite
from guide_engine.errors import GuideDefinitionError
from guide_engine.laws import provides_of

CASES = [(g, c) for g, f in load_case_files().items() if g in composite_ids() for c in f.get("cases", [])]


def restricted(comp, part_id, answers):
    guide = next(g for g in comp.parts if g.id == part_id)
    return {k: v for k, v in answers.items() if k in guide.by_id}


@pytest.mark.parametrize("guide_id,case", CASES, ids=[c["name"] for _, c in CASES])
def test_case(guide_id, case):
    result = evaluate(guide_id, case["answers"])
    assert "status" not in result  # the overview has no status: each right keeps its own
    assert {p["guide"]: p["status"] for p in result["parts"]} == case["parts"]
    for key in ("next_questions", "ignored_answers"):
        if key in case:
            assert result[key] == case[key], key
    if "requests" in case:
        assert [r["id"] for r in result["requests"]] == case["requests"]
    by_id = {r["id"]: r for r in result["requests"]}
    # What each request stands on: its status (the letter's «vurdere» where it is open or points
    # to no), its
    # exact citations, and the complaint routes and deadlines the letter names.
    for rid, status in case.get("request_status", {}).items():
        assert by_id[rid]["status"] == status, rid
        texts = next(r for r in load_composite(guide_id).requests if r.id == rid)
        assert by_id[rid]["text"] == (texts.text_open if status in ("uavklart", "ikke_oppfylt") else texts.text), rid
    for rid, refs in case.get("request_sources", {}).items():
        assert [s["ref"] for s in by_id[rid]["sources"]] == refs, rid
    if "complaint_sources" in case:
        assert [s["ref"] for s in result["letter"]["complaint_sources"]] == case["complaint_sources"]
    comp = load_composite(guide_id)
    for part in result["parts"]:
        assert part == evaluate(part["guide"], restricted(comp, part["guide"], case["answers"]))
    assert len(result["next_questions"]) == len(set(result["next_questions"]))


@pytest.mark.parametrize("guide_id", composite_ids())
def test_cases_reach_every_request(guide_id):
    reached = {r["id"] for g, c in CASES if g == guide_id for r in evaluate(g, c["answers"])["requests"]}
    assert reached == {r.id for r in load_composite(guide_id).requests}


@pytest.mark.parametrize("guide_id", composite_ids())
def test_describe_lists_each_question_once_with_the_guides_that_read_it(guide_id):
    doc = describe(guide_id)
    ids = [q["id"] for q in doc["questions"]]
    assert len(ids) == len(set(ids))
    comp = load_composite(guide_id)
    for q in doc["questions"]:
        assert q["guides"] == [g.id for g in comp.parts if q["id"] in g.by_id]
    shared = [q for q in doc["questions"] if len(q["guides"]) > 1]
    assert shared  # the point of joining: some questions feed several guides


def _answers(comp):
    values = {q.id: st.sampled_from(worth_trying(comp.parts, q)) for q in comp.questions}
    return st.fixed_dictionaries({}, optional=values)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_valid_answers_give_the_parts_the_guides_give_alone(data):
    for guide_id in composite_ids():
        comp = load_composite(guide_id)
        answers = data.draw(_answers(comp))
        result = evaluate(guide_id, answers)
        for part in result["parts"]:
            assert part == evaluate(part["guide"], restricted(comp, part["guide"], answers))
        asked = {r["part"] for r in result["requests"]}
        for r in result["requests"]:
            part = next(p for p in result["parts"] if p["guide"] == r["part"])
            defined = next(x for x in comp.requests if x.id == r["id"])
            # Where the answers point to no, only where the guide alone offers its letter then.
            assert part["status"] in ("oppfylt", "uavklart", "informasjon") or (defined.with_letter and part["letter"])
            assert r["status"] == part["status"] or defined.sources_from_lists
            assert r["sources"] and r["text"] == (defined.text_open if r["status"] in ("uavklart", "ikke_oppfylt") else defined.text)
            # A request cites its own sources and what its lists give for the ticked services, and
            # nothing else: no koordinator without a service whose law gives one.
            own = {c.ref for c in defined.sources}
            listed = {s["ref"] for lst in part["lists"] if lst["id"] in defined.sources_from_lists
                      for i in lst["items"] for s in i["sources"]}
            assert {s["ref"] for s in r["sources"]} <= own | listed
            if defined.sources_provide:
                assert all(defined.sources_provide in provides_of(s["ref"]) for s in r["sources"] if s["ref"] not in own)
            if defined.sources_from_lists:
                assert {s["ref"] for s in r["sources"]} - own
        if result["letter"]:
            cited = {s["ref"] for p in result["parts"] if p["guide"] in asked for s in p["sources"]}
            assert {s["ref"] for s in result["letter"]["complaint_sources"]} <= cited


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["venter_barn", "barnets_alder", "tjenester", "behov_langvarig_koordinert", "x"]),
                       st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.lists(st.text(max_size=5), max_size=3),
                       max_size=4))
def test_any_input_gives_an_overview_or_structured_errors(answers):
    for guide_id in composite_ids():
        try:
            result = evaluate(guide_id, answers)
        except GuideInputError as exc:
            assert exc.errors and all({"field", "code", "message"} <= set(e) <= {"field", "code", "message", "allowed"} for e in exc.errors)
            assert len({e["field"] for e in exc.errors}) == len(exc.errors)  # one error per answer
        else:
            assert len(result["parts"]) == len(load_composite(guide_id).parts)


def test_a_request_where_the_answers_point_to_no_must_follow_the_guide_s_own_letter(monkeypatch):
    """A request offered at «ikke_oppfylt» without with_letter would ask for a right where the
    guide alone offers nothing (a child over 18, a family that said no): refused at load."""
    from guide_engine import composite, data_files

    real = data_files.load

    def load(where, name):
        data = real(where, name)
        if name == "joins.toml":
            data = copy.deepcopy(data)
            next(r for r in data["requests"] if r["id"] == "barnekoordinator").pop("with_letter")
        return data

    monkeypatch.setattr(composite.data_files, "load", load)
    with pytest.raises(GuideDefinitionError) as info:
        composite.load_composite.__wrapped__("familien")  # not the cached one
    assert "with_letter" in str(info.value) and "requests[0]" in str(info.value)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_reason_that_quotes_a_question_quotes_it_as_the_overview_asks_it(lang):
    """A part's open reason names its questions by their text («{open}»); where the overview words
    a question its own way, the quote would name a question the form does not show."""
    for composite_id in composite_ids():
        comp = load_composite(composite_id, lang)
        asked = {q.id: q.text for q in comp.questions}
        for part in comp.parts:
            for cond in (c for c in part.conditions if c.open_frame):
                for q in (q for q in part.questions if q.id in cond.reads):
                    assert asked[q.id] == q.text, (composite_id, part.id, cond.id, q.id)
