"""Guide definitions are checked: broken ones fail with a message naming guide and node, and
every shipped guide is sound (no settled answer can be overturned by more answers)."""
from __future__ import annotations

import copy
import time
import tomllib

import pytest

from guide_engine.definitions import guide_ids, load_guide, monotonicity_violations, parse_guide
from guide_engine.errors import GuideDefinitionError


def _raw(guide_id="barnekoordinator"):
    from guide_engine import data_files

    return tomllib.loads(data_files.read("guides", f"{guide_id}.toml"))


@pytest.mark.parametrize("guide_id", guide_ids())
def test_shipped_guides_load_and_are_sound(guide_id):
    t0 = time.perf_counter()
    guide = load_guide(guide_id)
    assert guide.questions and guide.conditions
    assert monotonicity_violations(guide) == []
    print(f"{guide_id}: monotonicity checked in {time.perf_counter() - t0:.2f} s")


def test_the_soundness_check_finds_a_no_that_more_answers_overturn():
    raw = _raw()
    behov = next(c for c in raw["conditions"] if c["id"] == "behov_for_sammensatte_tjenester")
    # «koordinering nei» alone is then a no, but «familiesituasjon ja» (an earlier case) overturns it.
    behov["cases"][4]["when"]["all"] = [w for w in behov["cases"][4]["when"]["all"]
                                        if w.get("fact") != "vanskelig_familiesituasjon"]
    problems = monotonicity_violations(parse_guide("barnekoordinator", raw))
    assert problems and "behov_for_sammensatte_tjenester" in problems[0]


def _broken(mutate):
    raw = copy.deepcopy(_raw())
    mutate(raw)
    with pytest.raises(GuideDefinitionError) as info:
        parse_guide("barnekoordinator", raw)
    return str(info.value)


def test_unknown_key_names_guide_and_node():
    msg = _broken(lambda r: r["questions"][0].update(hjelp="x"))
    assert "barnekoordinator" in msg and "venter_barn" in msg and "hjelp" in msg


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


def test_a_question_nothing_reads_is_refused():
    def add(r):
        r["questions"].append({"id": "ekstra", "text": "Ekstra?", "help": "Hjelp.", "type": "choice",
                               "options": [{"value": "ja", "label": "Ja"}, {"value": "nei", "label": "Nei"}]})
    assert "ekstra" in _broken(add)


def test_a_question_that_is_never_asked_is_refused():
    def never(r):
        r["questions"][1]["ask_when"] = {"all": [{"fact": "venter_barn", "is": "ja"},
                                                 {"fact": "venter_barn", "is": "nei"}]}
    assert "barnets_alder" in _broken(never)


def test_a_note_no_answers_can_show_is_refused():
    def never(r):
        r["notes"][0]["when"] = {"all": [{"result": "oppfylt"}, {"result": "uavklart"}]}
    assert "ingen_soknad_kreves" in _broken(never)


def test_a_case_shadowed_by_an_earlier_case_is_refused():
    def shadow(r):
        cases = r["conditions"][0]["cases"]
        cases.insert(0, {"when": {"fact": "barnets_alder", "lt": 100}, "status": "oppfylt", "because": "x"})
    assert "barn_under_18" in _broken(shadow)


def test_duplicate_ids_are_refused():
    assert "venter_barn" in _broken(lambda r: r["questions"][1].update(id="venter_barn"))
