"""The guides in nynorsk, in Chromium: each guide, answered through the form on its nynorsk page,
shows what the command line gives for the same answers with `--lang nn`, passes axe and fits
320 px; the switch leads to the same guide in bokmål."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, wait_for_engine
from guide_engine.api import all_ids
from guide_engine.definitions import guide_ids
from test_browser_guide import UI_CASES, answer, shown

COMPOSITE_ANSWERS = {"venter_barn": "nei", "barnets_alder": 7, "alvorlig_tilstand": "ja", "tjenester": ["skole_sfo", "ppt"]}


def cli_nn(guide_id, answers):
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "evaluate", guide_id, "--lang", "nn"],
                          input=json.dumps({"answers": answers}), capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout
    return json.loads(proc.stdout)


def _case(guide_id):
    return max((c for g, c in UI_CASES if g == guide_id), key=lambda c: len(c["answers"]))["answers"]


@pytest.mark.parametrize("guide_id", all_ids())
def test_each_guide_in_nynorsk_shows_what_the_cli_gives_and_is_accessible_at_320px(visit, server, guide_id):
    from conftest import axe_violations

    answers = _case(guide_id) if guide_id in guide_ids() else COMPOSITE_ANSWERS
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + f"nn/veivisere/{guide_id}/")
    wait_for_engine(page)
    assert page.get_attribute("html", "lang") == "nn"
    answer(page, guide_id, answers)
    expected = cli_nn(guide_id, {k: x for k, x in answers.items() if x is not None})
    text = page.inner_text("[data-guide-output]")
    if guide_id in guide_ids():
        got = shown(page)
        assert got["status"] == expected["status"]
        assert expected["verdict"] in got["verdict"] and expected["summary"] in got["verdict"]
        assert got["conditions"] == {c["id"]: c["status"] for c in expected["conditions"]}
        assert got["notes"] == [n["id"] for n in expected["notes"]]
        for part in [c["title"] for c in expected["conditions"]] + [n["text"] for n in expected["notes"]]:
            assert part in text
        # Families read the registry's plain version of each provision a list shows.
        for lst in expected["lists"]:
            for item in lst["items"]:
                for p in item["provisions"]:
                    assert (p["plain"] or p["summary"]) in text, p["title"]
    else:
        for part in expected["parts"]:
            assert part["verdict"] in text, part["guide"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    assert axe_violations(page) == []
    assert v.foreign == [] and v.errors() == []


def test_the_switch_leads_to_the_same_guide_in_bokmal_and_back(visit, server):
    v = visit()
    page = v.page
    page.goto(server + "nn/veivisere/barnekoordinator/")
    page.click("a.malform__lenke")
    page.wait_for_load_state()
    assert page.url == server + "veivisere/barnekoordinator/" and page.get_attribute("html", "lang") == "nb"
    page.keyboard.press("Tab")  # the switch is a plain link: reachable with the keyboard
    page.focus("a.malform__lenke")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "nn/veivisere/barnekoordinator/")
    assert v.errors() == []
