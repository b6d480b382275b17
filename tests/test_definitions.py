"""Guide definitions are checked: broken ones fail with a message naming guide and node, and
every shipped guide is sound (no settled answer can be overturned by more answers)."""
from __future__ import annotations

import copy
import time
import tomllib

import pytest

from guide_engine.definitions import guide_ids, load_guide, parse_guide
from guide_engine.errors import GuideDefinitionError
from guide_engine.soundness import check, monotonicity_violations, unreachable


def _raw(guide_id="barnekoordinator", name="rules.toml"):
    from guide_engine import data_files

    return tomllib.loads(data_files.read(f"guides/{guide_id}", name))


def _parse(rules, texts=None, guide_id="barnekoordinator"):
    return parse_guide(guide_id, rules, texts if texts is not None else _raw(guide_id, "texts.nb.toml"))


@pytest.mark.exhaustive  # the soundness analysis walks every combination of the facts
@pytest.mark.parametrize("guide_id", guide_ids())
def test_shipped_guides_load_and_are_sound(guide_id):
    t0 = time.perf_counter()
    guide = load_guide(guide_id)
    assert guide.questions
    assert check(guide) == []
    print(f"{guide_id}: soundness checked in {time.perf_counter() - t0:.2f} s")


def test_the_soundness_check_finds_a_no_that_more_answers_overturn():
    raw = _raw()
    behov = next(c for c in raw["conditions"] if c["id"] == "behov_for_sammensatte_tjenester")
    # «koordinering nei» alone is then a no, but «langvarig nei» (an earlier case) overturns it.
    last = behov["cases"][-1]
    assert {"fact": "behov_koordinering", "is": "nei"} in last["when"]["all"]
    last["status"] = "ikke_oppfylt"
    problems = monotonicity_violations(_parse(raw))
    assert problems and "behov_for_sammensatte_tjenester" in problems[0]


def _broken(mutate, mutate_texts=None):
    raw, texts = copy.deepcopy(_raw()), copy.deepcopy(_raw(name="texts.nb.toml"))
    mutate(raw)
    if mutate_texts:
        mutate_texts(texts)
    with pytest.raises(GuideDefinitionError) as info:
        _parse(raw, texts)
    return str(info.value)


def _unsound(mutate):
    raw = copy.deepcopy(_raw())
    mutate(raw)
    return "\n".join(unreachable(_parse(raw)))


def test_unknown_key_names_guide_and_node():
    msg = _broken(lambda r: r["questions"][0].update(hjelp="x"))
    assert "barnekoordinator" in msg and "venter_barn" in msg and "hjelp" in msg


def test_a_rule_without_its_text_is_refused():
    msg = _broken(lambda r: None, lambda t: t["notes"]["kartlegging"].pop("text"))
    assert "kartlegging" in msg and "tekst" in msg


def test_a_text_without_its_rule_is_refused():
    msg = _broken(lambda r: None, lambda t: t["notes"].update(gammel_merknad={"text": "x"}))
    assert "gammel_merknad" in msg


@pytest.mark.parametrize("otherwise", ["Det kommer an på {svar}.", "Det kommer an på {}.", "Svar på {open"])
def test_an_otherwise_with_braces_other_than_open_is_refused(otherwise):
    msg = _broken(lambda r: None, lambda t: t["conditions"]["barn_under_18"].update(otherwise=otherwise))
    assert "barn_under_18" in msg and "{open}" in msg


def test_the_checklist_s_otherwise_names_every_question_the_condition_reads():
    cond = next(c for c in load_guide("barnekoordinator").conditions if c.id == "barn_under_18")
    assert cond.open_frame == "Det kommer an på hva dere svarer på {open}."
    assert cond.otherwise == "Det kommer an på hva dere svarer på «Gjelder dette et barn dere venter?» og «Hvor gammelt er barnet?»"


def test_an_unknown_named_expression_is_refused():
    msg = _broken(lambda r: r["questions"][2].update(ask_when={"use": "finnes_ikke"}))
    assert "alvorlig_tilstand" in msg and "finnes_ikke" in msg


def test_a_named_expression_that_uses_itself_is_refused():
    msg = _broken(lambda r: r["expressions"].update(er_barn={"use": "er_barn"}))
    assert "er_barn" in msg


def test_a_test_that_the_question_type_does_not_have_is_refused():
    msg = _broken(lambda r: r["questions"][2].update(ask_when={"fact": "barnets_alder", "is": "ja"}))
    assert "barnets_alder" in msg and "lt" in msg


def test_unknown_source_names_the_condition():
    msg = _broken(lambda r: r["conditions"][0]["sources"].append("pbrl § 99-9"))
    assert "barn_under_18" in msg and "99-9" in msg


def test_unknown_law_is_refused():
    msg = _broken(lambda r: r["notes"][0]["sources"].append("skatteloven § 1-1"))
    assert "ingen_soknad_kreves" in msg and "skatteloven" in msg


def test_value_that_is_not_an_option_is_refused():
    msg = _broken(lambda r: r["conditions"][0]["cases"][0]["when"].update({"is": "kanskje"}))
    assert "barn_under_18" in msg and "kanskje" in msg


def test_ask_when_may_only_read_earlier_questions():
    msg = _broken(lambda r: r["questions"][0].update(ask_when={"fact": "foreldre_onsker", "is": "ja"}))
    assert "venter_barn" in msg and "foreldre_onsker" in msg


def test_a_question_nothing_reads_is_found():
    raw, texts = copy.deepcopy(_raw()), copy.deepcopy(_raw(name="texts.nb.toml"))
    raw["questions"].append({"id": "ekstra", "type": "choice", "options": [{"value": "ja"}, {"value": "nei"}]})
    texts["questions"]["ekstra"] = {"text": "Ekstra?", "help": "Hjelp.", "options": {"ja": "Ja", "nei": "Nei"}}
    assert "ekstra" in "\n".join(unreachable(_parse(raw, texts)))


def test_a_question_that_is_never_asked_is_found():
    def never(r):
        r["questions"][1]["ask_when"] = {"all": [{"fact": "venter_barn", "is": "ja"},
                                                 {"fact": "venter_barn", "is": "nei"}]}
    assert "barnets_alder" in _unsound(never)


def test_a_note_no_answers_can_show_is_found():
    def never(r):
        r["notes"][0]["when"] = {"all": [{"result": "oppfylt"}, {"result": "uavklart"}]}
    assert "ingen_soknad_kreves" in _unsound(never)


def test_a_case_shadowed_by_an_earlier_case_is_found():
    def shadow(r):
        r["conditions"][0]["cases"].insert(0, {"id": "alle", "when": {"fact": "barnets_alder", "lt": 100}, "status": "oppfylt"})
    texts = copy.deepcopy(_raw(name="texts.nb.toml"))
    texts["conditions"]["barn_under_18"]["cases"]["alle"] = "x"
    raw = copy.deepcopy(_raw())
    shadow(raw)
    assert "under_18" in "\n".join(unreachable(_parse(raw, texts)))


def test_duplicate_ids_are_refused():
    assert "venter_barn" in _broken(lambda r: r["questions"][1].update(id="venter_barn"))


def test_a_ledd_the_section_does_not_have_is_refused():
    from guide_engine.laws import cite

    assert cite("hol § 7-2 a tredje ledd").ledd == 3
    with pytest.raises(KeyError) as info:
        cite("hol § 7-2 a åttende ledd")
    assert "åttende ledd finnes ikke" in info.value.args[0]
    msg = _broken(lambda r: r["conditions"][0]["sources"].append("hol § 7-2 a åttende ledd"))
    assert "barn_under_18" in msg and "åttende" in msg
