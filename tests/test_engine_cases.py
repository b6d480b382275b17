"""Engine cases as data (guide_engine/guides/<guide>/cases.yaml), in both written forms, and
coverage: every condition case, every «otherwise», every note, next step, letter, registry list
and list centre of every guide is reached by at least one case."""
from __future__ import annotations

import json

import pytest

from conftest import CASE_FILE, GUIDES, load_case_files
from guide_engine import GuideInputError, evaluate
from guide_engine.cli import read_document
from guide_engine.composite import composite_ids
from guide_engine.definitions import guide_ids, load_guide
from guide_engine.messages import LANGUAGES

FILES = load_case_files()
# Composites (guides that join others) have their own case checks: tests/test_composite.py.
CASES = [(g, c) for g, f in FILES.items() if g in guide_ids() for c in f.get("cases", [])]
ERRORS = [(g, c) for g, f in FILES.items() for c in f.get("errors", [])]


def test_every_guide_has_a_case_file():
    from guide_engine.api import all_ids

    assert sorted(FILES) == sorted(all_ids())


def test_every_guide_folders_case_file_is_run():
    """A case file lies in its guide's folder, under its one name, and its cases are collected:
    here (single guides) or in test_composite.py (composites)."""
    from test_composite import CASES as COMPOSITE_CASES

    folders = sorted(p.name for p in GUIDES.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    assert sorted(p.relative_to(GUIDES).as_posix() for p in GUIDES.rglob("*.yaml")) == [f"{g}/{CASE_FILE}" for g in folders]
    assert sorted({g for g, _ in CASES}) == sorted(guide_ids())
    assert sorted({g for g, _ in COMPOSITE_CASES}) == sorted(composite_ids())
    assert sorted(guide_ids() + composite_ids()) == folders
    assert all(FILES[g].get("cases") for g in folders), "every case file has cases"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("guide_id,case", CASES, ids=[f"{g}: {c['name']}" for g, c in CASES])
def test_case(guide_id, case, lang):
    """The rules are written once: a case holds in every written form."""
    result = evaluate(guide_id, case["answers"], lang=lang)
    assert result["status"] == case["status"]
    by_id = {c["id"]: c for c in result["conditions"]}
    for cond_id, expected in case.get("conditions", {}).items():
        status, _, which = expected.partition("/")
        assert by_id[cond_id]["status"] == status, cond_id
        if which:
            assert by_id[cond_id]["case"] == (None if which == "otherwise" else which), cond_id
    for key in ("next_questions", "asked_questions", "ignored_answers"):
        if key in case:
            assert result[key] == case[key], key
    if "notes" in case:
        assert [n["id"] for n in result["notes"]] == case["notes"]
    if "next_steps" in case:
        assert [s["id"] for s in result["next_steps"]] == case["next_steps"]
    lists = {lst["id"]: lst for lst in result["lists"]}
    for list_id, items in case.get("lists", {}).items():
        assert [i["id"] for i in lists[list_id]["items"]] == items, list_id
    for list_id, flags in case.get("flags", {}).items():
        assert [i["flags"][0]["value"] for i in lists[list_id]["items"]] == flags, list_id
    for list_id, center in case.get("center", {}).items():
        assert (lists[list_id]["center"] or {}).get("id") == center, list_id
    for list_id, statuses in case.get("item_status", {}).items():
        assert [i.get("status") for i in lists[list_id]["items"]] == statuses, list_id
    # `sources`: the exact citations («law § section [ledd]») of a condition, note or the letter.
    nodes = {**{f"conditions.{c['id']}": c for c in result["conditions"]},
             **{f"notes.{n['id']}": n for n in result["notes"]}, "letter": result["letter"] or {}}
    for node, refs in case.get("sources", {}).items():
        assert node in nodes, node
        assert [s["ref"] for s in nodes[node]["sources"]] == refs, node
    if "letter" in case:
        assert (result["letter"] and result["letter"]["id"]) == case["letter"]
        if case["letter"]:
            assert [c["status"] for c in result["letter"]["conditions"]] == [c["status"] for c in result["conditions"]]


@pytest.mark.parametrize("guide_id,case", ERRORS, ids=[c["name"] for _, c in ERRORS])
def test_bad_input_is_reported_in_full(guide_id, case):
    with pytest.raises(GuideInputError) as info:
        answers = read_document(case["document"])
        evaluate(case.get("guide", guide_id), answers)
    got = [{"field": e["field"], "code": e["code"]} for e in info.value.errors]
    assert got == case["errors"]
    for e in info.value.errors:
        assert e["message"] and "Traceback" not in e["message"]
    json.dumps(info.value.to_dict())  # the error document is JSON


@pytest.mark.parametrize("guide_id", guide_ids())
def test_cases_reach_every_case_note_and_next_step(guide_id):
    guide = load_guide(guide_id)
    reached_cases, reached_notes, reached_steps, reached_letters = set(), set(), set(), set()
    filled_lists, reached_centers = set(), set()
    for g, case in CASES:
        if g != guide_id:
            continue
        result = evaluate(g, case["answers"])
        reached_cases |= {(c["id"], c["case"]) for c in result["conditions"]}
        reached_notes |= {n["id"] for n in result["notes"]}
        reached_steps |= {s["id"] for s in result["next_steps"]}
        reached_letters |= {result["letter"]["id"]} if result["letter"] else set()
        filled_lists |= {lst["id"] for lst in result["lists"] if lst["items"]}
        reached_centers |= {(lst["id"], lst["center"]["id"]) for lst in result["lists"] if lst["center"]}
    wanted_cases = {(c.id, k) for c in guide.conditions for k in [*(x.id for x in c.cases), None]}
    assert wanted_cases - reached_cases == set()
    assert {n.id for n in guide.notes} - reached_notes == set()
    assert {s.id for s in guide.next_steps} - reached_steps == set()
    assert {x.id for x in guide.letters} - reached_letters == set()
    assert {x.id for x in guide.lists} - filled_lists == set()
    assert {(x.id, c.id) for x in guide.lists for c in x.centers} - reached_centers == set()
