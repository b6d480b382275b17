"""The barnekoordinator guide says «ikke_oppfylt» only on a clear no in the law, and a no is never
a dead end. Every answer combination is walked (each fact also left unanswered), for an expected
child and for children of several ages; the guide is small enough for that.

The walk calls the engine itself on the answers, which are valid by construction (each value is
one the guide offers): the public evaluate() would check every one of them again, for nothing.
One test holds that the two give the same result."""
from __future__ import annotations

import itertools

import pytest

from guide_engine import evaluate
from guide_engine.answers import check_answers
from guide_engine.definitions import load_guide
from guide_engine.engine import evaluate_guide

GUIDE = "barnekoordinator"
JUDGED = ("alvorlig_tilstand", "behov_langvarig", "behov_koordinering", "vanskelig_familiesituasjon")


def clear_no(facts: dict) -> bool:
    """The rule from the law: 18 or older; no need for one of the two kinds of service the law
    requires; or the family says no to everything a professional would otherwise assess."""
    if facts.get("venter_barn") == "nei" and facts.get("barnets_alder", 0) >= 18:
        return True
    if "nei" in (facts.get("behov_helse_og_omsorg"), facts.get("behov_andre_velferdstjenester")):
        return True
    return all(facts.get(f) == "nei" for f in JUDGED)


def combinations(start: dict):
    guide = load_guide(GUIDE)
    rest = [q for q in guide.questions if q.id not in start]
    domains = [[*q.values, None] for q in rest]
    for combo in itertools.product(*domains):
        yield {**start, **{q.id: v for q, v in zip(rest, combo) if v is not None}}


STARTS = {"venter": {"venter_barn": "ja"}, "5 år": {"venter_barn": "nei", "barnets_alder": 5},
          "18 år": {"venter_barn": "nei", "barnets_alder": 18}, "alder ikke oppgitt": {}}


@pytest.mark.exhaustive
@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS.keys())
def test_no_only_on_a_clear_no_and_never_a_dead_end(start):
    walked = nos = 0
    guide = load_guide(GUIDE)
    for answers in combinations(start):
        result = evaluate_guide(guide, answers)
        used = {k: v for k, v in answers.items() if k not in result["ignored_answers"]}
        walked += 1
        assert (result["status"] == "ikke_oppfylt") == clear_no(used), used
        if result["status"] == "ikke_oppfylt":
            nos += 1
            under_18 = start.get("barnets_alder", 0) < 18
            notes = [n["id"] for n in result["notes"]]
            if under_18:
                # Still something to ask for, and a way to complain.
                assert {"be_kommunen_vurdere", "klage_statsforvalteren"} <= set(notes), used
                # A plan needs no health services: the note says so with the laws that give it.
                ip = next(n for n in result["notes"] if n["id"] == "vurder_koordinator_og_ip")
                assert {"bvl § 15-9", "sotjl § 28", "nav-loven § 15"} <= {s["ref"] for s in ip["sources"]}, used
                assert result["letter"] and result["letter"]["id"] == "be_om_vurdering", used
            assert result["next_steps"], used
        if start.get("barnets_alder", 0) < 18:
            # «Vi ønsker barnekoordinator» is never offered to parents who said they do not want one.
            if result["status"] == "oppfylt" and used.get("foreldre_onsker") == "nei":
                assert result["letter"] is None, used
                continue
            assert result["letter"] is not None, used
            assert result["letter"]["id"] == ("be_om_barnekoordinator" if result["status"] == "oppfylt"
                                              else "be_om_vurdering"), used
    assert walked > 1000 and nos > 0


def test_the_walk_calls_the_engine_on_answers_the_public_api_accepts_as_they_are():
    guide = load_guide(GUIDE)
    for n, answers in enumerate(combinations(STARTS["alder ikke oppgitt"])):
        if n % 97 == 0:  # a spread of the walk: every fact answered each way, and left out
            assert check_answers(guide, answers) == answers
            assert evaluate(GUIDE, answers) == evaluate_guide(guide, answers)
