"""«Kan jeg dele dette?»: a duty is never denied by a box left empty, and two answers, not one.

The rule, held over every combination of the answers that can touch it:
- «Må du melde fra?» The duty to report (barnevernsloven § 13-2 and the sector duties) and the
  avvergeplikt (straffeloven § 196) are «ikke_oppfylt» only where the staff member has said,
  explicitly, «none of these» (situasjon = [ingen]) and has named no purpose that points to a duty.
  Every trigger the answers name leads to the duty, and the result then tells the staff member to
  report, first, with the note and the step that say how.
- «Kan du dele dette med mottakeren?» The status comes from the grounds to share alone; a duty to
  report to barnevernet is a ground towards barnevernet only.
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import worth_trying
from guide_engine import evaluate
from guide_engine.definitions import load_guide
from guide_engine.engine import condition_status

GUIDE = load_guide("deling")
Q = GUIDE.by_id
MISSING = object()

PURPOSE_TRIGGERS = {"grunn_til_bekymring", "fare_for_liv_eller_helse", "alvorlig_lovbrudd"}
# Each situation in bvl § 13-2 første ledd a–e, and an offence on the list in strl § 196.
SITUATION_TRIGGERS = {"omsorgssvikt", "sykdom_uten_behandling", "behov_ikke_dekket", "skadelig_atferd",
                      "menneskehandel", "lovbrudd_pa_listen"}
DUTIES = ("meldeplikt", "avvergeplikt")


def subsets(values):
    return [list(c) for n in range(len(values) + 1) for c in itertools.combinations(values, n)]


FORMAL = subsets(Q["formal"].values) + [MISSING]
SITUASJON = subsets(sorted(SITUATION_TRIGGERS, key=Q["situasjon"].values.index)) + [["ingen"], MISSING]
SEKTOR = list(Q["sektor"].values) + [MISSING]


def answers(**given):
    return {k: v for k, v in given.items() if v is not MISSING}


def named_trigger(a: dict) -> bool:
    return bool(set(a.get("formal", [])) & PURPOSE_TRIGGERS or set(a.get("situasjon", [])) & SITUATION_TRIGGERS)


def explicitly_none(a: dict) -> bool:
    return a.get("situasjon") == ["ingen"] and "formal" in a and not set(a["formal"]) & PURPOSE_TRIGGERS


def test_the_vocabulary_covers_every_trigger_the_law_names():
    assert SITUATION_TRIGGERS | {"ingen"} == set(Q["situasjon"].values)
    assert [o.value for o in Q["situasjon"].options if o.exclusive] == ["ingen"]
    assert PURPOSE_TRIGGERS < set(Q["formal"].values)


def test_the_duties_read_only_the_situation_and_stand_apart_from_the_status():
    duties = [c for c in GUIDE.conditions if c.duty]
    assert [c.id for c in duties] == list(DUTIES)
    # So the walk below over these three facts is every combination that can touch a duty.
    for c in duties:
        assert c.reads <= {"sektor", "formal", "situasjon"}, c.id
    # And the duties come first, so the result shows them before the answer about sharing.
    assert [c.id for c in GUIDE.conditions[:2]] == list(DUTIES)


@pytest.mark.exhaustive
def test_a_duty_is_never_denied_unless_every_trigger_is_excluded_explicitly():
    walked = 0
    for sektor, formal, situasjon in itertools.product(SEKTOR, FORMAL, SITUASJON):
        a = answers(sektor=sektor, formal=formal, situasjon=situasjon)
        for cond in (c for c in GUIDE.conditions if c.duty):
            status, text, case = condition_status(GUIDE, cond, a, set())
            walked += 1
            if named_trigger(a):
                assert status in ("oppfylt", "uavklart"), (cond.id, a, case)
            if status == "ikke_oppfylt":
                assert explicitly_none(a), (cond.id, a, case)
            if explicitly_none(a):
                assert status == "ikke_oppfylt", (cond.id, a, case)
                assert "med en gang" in text  # … and it arises the moment a trigger appears
            if status != "ikke_oppfylt":
                assert "gjelder ikke" not in text.lower() and "ikke denne plikten" not in text, (cond.id, case)
            if case is None:
                # Open: the reason sends the staff member to what is still unanswered (or has
                # nothing ticked), never to a question answered, and always to at least one.
                named = [q for q in ("sektor", "formal", "situasjon") if f"«{Q[q].text}»" in text]
                assert named and not {q for q in named if a.get(q)}, (cond.id, a, text)
    assert walked == 2 * len(SEKTOR) * len(FORMAL) * len(SITUASJON)


def test_an_open_duty_names_the_question_left_not_the_one_answered():
    """«Ingen av disse» on the situation and no purpose yet: the duty is still open (a purpose can
    name a concern), and the reason says which question is left, not the one just answered."""
    for lang, left, answered, act in (
        ("nb", "Hvorfor vil du dele?", "Har du grunn til å tro", "skal du melde fra til barnevernet nå"),
        ("nn", "Kvifor vil du dele?", "Har du grunn til å tru", "skal du melde frå til barnevernet no"),
    ):
        duty = evaluate("deling", {"sektor": "skole", "situasjon": ["ingen"]}, lang)["conditions"][0]
        assert (duty["id"], duty["status"], duty["case"]) == ("meldeplikt", "uavklart", None)
        text = duty["because"]
        assert f"«{left}»" in text and answered not in text.split(".")[0], text
        assert act in text  # what to do if there is reason to believe, still said


def test_a_situation_named_in_the_law_makes_the_duty_to_report_apply_and_says_how():
    for trigger in SITUATION_TRIGGERS - {"lovbrudd_pa_listen"}:
        for sektor in Q["sektor"].values:
            r = evaluate("deling", {"sektor": sektor, "situasjon": [trigger]})
            duty = r["conditions"][0]
            assert (duty["id"], duty["status"]) == ("meldeplikt", "oppfylt"), (trigger, sektor)
            if sektor != "barnevern":
                # First and plainly: must report, to barnevernet, no consent needed, a «no» does
                # not stop it, no need to be certain.
                text = duty["because"]
                assert text.startswith("Du skal melde fra til barnevernet"), text
                for words in ("samtykke", "nei fra barnet eller foreldrene stopper ikke", "trenger ikke være sikker"):
                    assert words in text, words
                assert any(n["id"].startswith("meld") for n in r["notes"])
                assert "meld_fra" in [s["id"] for s in r["next_steps"]]


def test_a_listed_offence_makes_the_avvergeplikt_apply_and_says_to_whom():
    r = evaluate("deling", {"situasjon": ["lovbrudd_pa_listen"]})
    duty = {c["id"]: c for c in r["conditions"]}["avvergeplikt"]
    assert duty["status"] == "oppfylt"
    assert "politiet" in duty["because"] and "samtykke" in duty["because"]
    assert "avverg_lovbruddet" in [n["id"] for n in r["notes"]]
    assert "kontakt_politiet" in [s["id"] for s in r["next_steps"]]


# The grid over the whole result: every receiver, every sector, the purposes that matter and
# every kind of situation answer; consent refused (the family said no) or not asked.
GRID_FORMAL = subsets(["samarbeid_om_tjenester", *sorted(PURPOSE_TRIGGERS)]) + [MISSING]
GRID_SITUASJON = [[t] for t in sorted(SITUATION_TRIGGERS)] + [["omsorgssvikt", "lovbrudd_pa_listen"], ["ingen"], MISSING]
GRID = list(itertools.product(SEKTOR, list(Q["mottaker"].values) + [MISSING], GRID_FORMAL, GRID_SITUASJON,
                              ["nektet", "ikke_spurt"]))


@pytest.mark.exhaustive
@pytest.mark.parametrize("sektor", SEKTOR, ids=[str(s) if s is not MISSING else "ubesvart" for s in SEKTOR])
def test_every_result_keeps_the_two_answers_apart(sektor):
    for _, mottaker, formal, situasjon, samtykke in (g for g in GRID if g[0] is sektor):
        a = answers(sektor=sektor, personlige_forhold="ja", mottaker=mottaker, formal=formal, situasjon=situasjon,
                    barnets_alder=9, samtykke=samtykke)
        r = evaluate("deling", a)
        by_id = {c["id"]: c for c in r["conditions"]}
        notes = [n["id"] for n in r["notes"]]
        steps = [s["id"] for s in r["next_steps"]]
        # The duties are shown as duties, first, under their own heading.
        assert [c["id"] for c in r["conditions"] if c["duty"]] == list(DUTIES)
        assert r["duties_heading"] == "Må du melde fra?"
        if named_trigger(a):
            assert by_id["meldeplikt"]["status"] != "ikke_oppfylt" and by_id["avvergeplikt"]["status"] != "ikke_oppfylt"
            if sektor != "barnevern":
                assert "meld_til_barnevernet" in notes and "meld_fra" in steps, a
            assert "spor_om_samtykke" not in steps, a  # asking the family first could put the child at risk
            if samtykke == "nektet":
                assert "plikt_selv_om_nei" in notes, a
        # The status answers «may I share with this receiver?» from the grounds alone.
        grounds = [c["status"] for c in r["conditions"] if not c["duty"]]
        expected = ("oppfylt" if "oppfylt" in grounds else "uavklart" if "uavklart" in grounds else "ikke_oppfylt")
        assert r["status"] == expected, a
        # A duty to report is a ground towards barnevernet, never towards anyone else.
        if mottaker is not MISSING and mottaker != "barnevern":
            assert by_id["melding_til_barnevernet"]["status"] == "ikke_oppfylt", a
            if named_trigger(a) and sektor != "barnevern":
                assert "meld_bare_til_barnevernet" in notes, a
        # A private receiver, personal matters, no consent, no danger and no serious offence: no.
        if (mottaker == "andre" and "formal" in a and not {"fare_for_liv_eller_helse", "alvorlig_lovbrudd"} & set(formal)
                and "situasjon" in a and "lovbrudd_pa_listen" not in situasjon):
            assert r["status"] == "ikke_oppfylt", a
        if r["status"] == "ikke_oppfylt":
            assert r["next_steps"], a  # a «no» is never a dead end


@st.composite
def any_answers(draw):
    a = {}
    for q in GUIDE.questions:
        if not draw(st.booleans()):
            continue
        a[q.id] = draw(st.sampled_from(worth_trying([GUIDE], q)))
    return a


@settings(max_examples=300, deadline=None)
@given(any_answers())
def test_over_all_answers_a_duty_is_denied_only_explicitly(a):
    r = evaluate("deling", a)
    for c in r["conditions"]:
        if c["duty"] and c["status"] == "ikke_oppfylt":
            assert explicitly_none(a), (c["id"], a)
        if c["duty"] and named_trigger(a):
            assert c["status"] != "ikke_oppfylt", (c["id"], a)
    if any(c["duty"] and c["status"] == "ikke_oppfylt" for c in r["conditions"]):
        assert "plikt_kan_oppsta" in [n["id"] for n in r["notes"]]


def test_none_of_these_cannot_be_ticked_with_a_trigger():
    from guide_engine import GuideInputError

    with pytest.raises(GuideInputError) as info:
        evaluate("deling", {"situasjon": ["ingen", "omsorgssvikt"]})
    assert info.value.errors[0]["code"] == "exclusive_value"
    assert "ingen" not in info.value.errors[0]["message"].split("«")[1]  # named by its words, not its id
