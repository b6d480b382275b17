"""Question types: each is one class in guide_engine/types.py that declares how it is defined,
how an answer is read and checked, its domain, its words and its form control; nothing else
names a type, and a control the page does not know fails loudly."""
from __future__ import annotations

import copy

import pytest

from guide_engine import GuideInputError, evaluate
from guide_engine.definitions import guide_ids, load_guide, parse_guide
from guide_engine.messages import LANGUAGES, table
from guide_engine.types import CONTROLS, TYPES, Choice, Control


@pytest.mark.parametrize("typed,value", [("7", 7), (" 7 ", 7), ("007", 7), ("7,0", 7), ("7.00", 7), ("+7", 7)])
def test_an_age_typed_in_a_text_field_is_read_as_the_number(typed, value):
    answers = {"venter_barn": "nei", "barnets_alder": typed}
    assert evaluate("barnekoordinator", answers) == evaluate("barnekoordinator", {**answers, "barnets_alder": value})


@pytest.mark.parametrize("typed,code", [
    ("tolv", "wrong_type"), ("12,5", "not_whole_number"), ("7.5", "not_whole_number"), ("", "wrong_type"),
    ("1 000", "wrong_type"), ("1_000", "wrong_type"), ("1e3", "wrong_type"), ("\u0661\u0662", "wrong_type"),
    ("-1", "out_of_range"), ("121", "out_of_range"), ("9" * 30, "out_of_range"), ("9" * 5000, "out_of_range"),
])
def test_what_is_not_a_whole_number_in_range_gets_the_types_own_error(typed, code):
    with pytest.raises(GuideInputError) as info:
        evaluate("barnekoordinator", {"venter_barn": "nei", "barnets_alder": typed})
    (error,) = info.value.errors
    assert error["field"] == "answers.barnets_alder" and error["code"] == code
    assert "«Hvor gammelt er barnet?»" in error["message"] and len(error["message"]) < 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_type_has_its_words_and_a_control_the_page_knows(lang):
    words = table(lang)
    for t in TYPES.values():
        assert t.control.kind in CONTROLS
        for code in t.errors:
            assert f"{t.name}_{code}" in words["error"], (lang, t.name, code)


@pytest.mark.parametrize("guide_id", guide_ids())
def test_describe_gives_each_question_its_control(guide_id):
    from guide_engine import describe

    guide = load_guide(guide_id)
    for q, described in zip(guide.questions, describe(guide_id)["questions"]):
        assert described["control"] == q.type.control.to_dict()


class _Colour(Choice):
    """A type the loader, the checks and describe have never heard of: a choice asked as text."""
    name = "colour"
    control = Control("slider")


def test_a_new_type_is_defined_by_its_class_alone(monkeypatch):
    """The loader names no type: a question of a new type is checked by the type's own define."""
    from tests.test_definitions import _raw

    monkeypatch.setitem(TYPES, "colour", _Colour())
    rules, texts = copy.deepcopy(_raw()), copy.deepcopy(_raw(name="texts.nb.toml"))
    rules["questions"][0]["type"] = "colour"
    guide = parse_guide("barnekoordinator", rules, texts)
    assert guide.questions[0].type.name == "colour"
    assert guide.questions[0].type.describe(guide.questions[0])["control"] == {"kind": "slider", "attributes": {}}


def test_the_page_refuses_a_control_it_does_not_know():
    from build_scripts.guide_page import _ENV

    question = {"id": "farge", "text": "Farge?", "help": "Hjelp.", "control": {"kind": "slider", "attributes": {}}}
    with pytest.raises(ValueError, match="slider"):
        _ENV.get_template("guide.html.j2").render(guide={"id": "x", "questions": [question]}, ui={}, kommune={}, asked_at_start=set())
