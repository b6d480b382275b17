"""The engine's browser adapter (guide_engine/browser.py), in CPython: the three answers the
worker passes on to the page."""
from __future__ import annotations

import json

from guide_engine import browser, evaluate


def test_a_result_is_the_engine_result():
    answers = {"venter_barn": "nei", "barnets_alder": 9}
    out = json.loads(browser.run("barnekoordinator", json.dumps(answers), "nn"))
    assert out == {"result": json.loads(json.dumps(evaluate("barnekoordinator", answers, "nn")))}


def test_bad_input_gives_the_engine_errors_by_question():
    out = json.loads(browser.run("barnekoordinator", json.dumps({"barnets_alder": "tolv"}), "nb"))
    assert list(out) == ["errors"]
    assert [e["field"] for e in out["errors"]] == ["answers.barnets_alder"]
    assert json.loads(browser.run("finnes_ikke", "{}", "nb"))["errors"][0]["code"] == "unknown_guide"


def test_an_unexpected_failure_is_a_crash_not_an_input_error(monkeypatch):
    def broken(*_):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(browser, "evaluate", broken)
    out = json.loads(browser.run("barnekoordinator", "{}", "nb"))
    assert out == {"crash": "ZeroDivisionError: division by zero"}
    # Answers that are not JSON at all come from a broken page, not from the family.
    monkeypatch.undo()
    assert list(json.loads(browser.run("barnekoordinator", "{not json", "nb"))) == ["crash"]
