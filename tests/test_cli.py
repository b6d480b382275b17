"""The CLI contract, run as a subprocess from the repository root exactly as documented."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT, load_case_files
from guide_engine import evaluate



def _pythons() -> list[str]:
    """One interpreter for each CPython >= 3.11 version the machine really runs (pyenv shims
    may exist but refuse; several names often lead to the same version: it runs once). Each is
    named by the executable it runs, so a test does not pay a shim's start (some 0.3 s) each time;
    the names are probed side by side."""
    found = {sys.version.split()[0]: sys.executable}
    probe = "import sys; print(sys.version_info >= (3, 11), sys.version.split()[0], sys.executable)"
    paths = [p for p in map(shutil.which, ("python3.11", "python3.12", "python3.13", "python3.14", "python3")) if p]
    procs = [subprocess.Popen([p, "-c", probe], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for p in paths]
    for path, proc in zip(paths, procs):
        out = proc.communicate()[0].split()
        if proc.returncode == 0 and out[:1] == ["True"]:
            found.setdefault(out[1], out[2] if len(out) == 3 and shutil.which(out[2]) else path)
    return sorted(found.values())


# Run the engine with every CPython >= 3.11 the machine has, not only the one running pytest
# (the others in the full suite, not in the fast half).
PYTHONS = [pytest.param(p, marks=() if p == sys.executable else pytest.mark.exhaustive) for p in _pythons()]


def run(args, stdin="", python=sys.executable):
    proc = subprocess.run([python, "-m", "guide_engine", *args], input=stdin.encode("utf-8"),
                          capture_output=True, cwd=ROOT, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


# Most of this module's time is the CLI starting, once per run. The runs of the parametrized
# tests follow from their parameters alone: those of the tests selected start side by side as the
# module begins, one per core, and each test then takes its own run's outcome (ahead).
_MAKES: dict = {}  # test name -> (its parameters -> the run it makes: args, stdin, python)
_STARTED: dict = {}  # a run -> its outcome to come
_POOL = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)


def runs(make):
    """Marks a test whose run is make(**its parameters): started ahead of it."""
    def register(test):
        _MAKES[test.__name__] = make
        return test
    return register


def _key(args, stdin, python):
    return tuple(args), stdin, python


def ahead(args, stdin="", python=sys.executable):
    """The outcome of the run, started ahead or, if it was not, now."""
    future = _STARTED.pop(_key(args, stdin, python), None)
    return future.result() if future else run(args, stdin, python)


def _wait_for_the_runs_ahead():
    for future in list(_STARTED.values()):
        future.result()


@pytest.fixture(scope="module", autouse=True)
def _start_ahead(request):
    for item in request.session.items:
        make = _MAKES.get(getattr(item, "originalname", None))
        if make and item.path == pathlib.Path(__file__):
            call = make(**item.callspec.params)
            if _key(*call) not in _STARTED:
                _STARTED[_key(*call)] = _POOL.submit(run, *call)
    yield
    _wait_for_the_runs_ahead()
    _STARTED.clear()


def _list(python):
    return ["list"], "", python


@runs(_list)
@pytest.mark.parametrize("python", PYTHONS)
def test_list_prints_guides(python):
    code, out, err = ahead(*_list(python))
    assert code == 0, err
    guides = json.loads(out)
    assert {"id": "barnekoordinator", "title": "Har familien rett til barnekoordinator?", "audience": "familie"} in guides


def test_describe_gives_questions_values_conditions_and_sources():
    code, out, _ = run(["describe", "barnekoordinator"])
    assert code == 0
    doc = json.loads(out)
    questions = {q["id"]: q for q in doc["questions"]}
    assert list(questions) == ["venter_barn", "barnets_alder", "alvorlig_tilstand", "behov_helse_og_omsorg",
                               "behov_andre_velferdstjenester", "behov_langvarig", "behov_koordinering",
                               "vanskelig_familiesituasjon", "foreldre_onsker"]
    assert questions["venter_barn"]["values"] == ["ja", "nei"]
    assert questions["alvorlig_tilstand"]["values"] == ["ja", "nei", "vet_ikke"]
    assert questions["barnets_alder"]["type"] == "integer"
    assert doc["combine"] == "all" and doc["audience"] == "familie" and "lists" in doc["result"]
    assert questions["barnets_alder"]["ask_when"] == {"fact": "venter_barn", "is": "nei"}
    assert questions["venter_barn"]["text"] in questions["barnets_alder"]["ask_when_text"]
    labels = {s["label"] for s in doc["sources"]}
    assert "pasient- og brukerrettighetsloven § 2-5 c" in labels
    for s in doc["sources"]:
        assert s["url"].startswith(("https://lovdata.no/lov/", "https://lovdata.no/forskrift/")) and s["section"]


ANSWERS = {"venter_barn": "nei", "barnets_alder": 6, "alvorlig_tilstand": "vet_ikke"}


def _evaluate(python):
    return ["evaluate", "barnekoordinator"], json.dumps({"answers": ANSWERS}), python


@runs(_evaluate)
@pytest.mark.parametrize("python", PYTHONS)
def test_evaluate_prints_the_same_document_as_the_python_api(python):
    answers = ANSWERS
    code, out, err = ahead(*_evaluate(python))
    assert code == 0, err
    doc = json.loads(out)
    assert doc == evaluate("barnekoordinator", answers)
    assert doc["status"] == "uavklart"
    for cond in doc["conditions"]:
        assert set(cond) >= {"id", "status", "because", "about", "sources"}
        for s in cond["sources"]:
            assert set(s) >= {"law", "section", "url"}
    assert all(set(n) >= {"id", "text"} for n in doc["notes"])
    assert doc["next_questions"] == ["behov_helse_og_omsorg", "behov_andre_velferdstjenester",
                                     "behov_langvarig", "behov_koordinering", "foreldre_onsker"]


ERRORS = [(c.get("guide", g), c) for g, f in load_case_files().items() for c in f.get("errors", [])]


def _bad_input(guide_id, case):
    return ["evaluate", guide_id], case["document"], sys.executable


@runs(_bad_input)
@pytest.mark.exhaustive  # every error case once more, through the process (test_engine_cases checks each one in the fast half)
@pytest.mark.parametrize("guide_id,case", ERRORS, ids=[c["name"] for _, c in ERRORS])
def test_bad_input_exits_2_with_every_error_and_no_traceback(guide_id, case):
    code, out, err = ahead(*_bad_input(guide_id, case))
    assert code == 2
    assert "Traceback" not in out + err
    doc = json.loads(out)
    assert [{"field": e["field"], "code": e["code"]} for e in doc["errors"]] == case["errors"]
    assert all(isinstance(e["message"], str) and e["message"] for e in doc["errors"])


def test_stdin_that_is_not_utf8_is_a_clear_error():
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "evaluate", "barnekoordinator"],
                          input=b"\xff\xfe{", capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["errors"][0]["code"] == "invalid_json"


@pytest.mark.parametrize("args", [[], ["evaluate"], ["hjelp"], ["describe", "finnes_ikke"]])
def test_wrong_usage_exits_2_with_json(args):
    code, out, err = run(args)
    assert code == 2 and "Traceback" not in err
    assert json.loads(out)["errors"]


def test_an_empty_document_means_no_answers_yet():
    code, out, _ = run(["evaluate", "barnekoordinator"], "{}")
    assert code == 0 and json.loads(out)["next_questions"] == ["venter_barn"]


def test_graph_is_generated_from_the_definition():
    from guide_engine.definitions import load_guide

    code, out, _ = run(["graph", "barnekoordinator"])
    assert code == 0 and out.startswith('digraph "barnekoordinator"')
    guide = load_guide("barnekoordinator")
    for q in guide.questions:
        assert f'"q:{q.id}" [shape=box' in out
    for c in guide.conditions:
        assert f'"c:{c.id}" -> "resultat"' in out
        for fact in c.reads:
            assert f'"q:{fact}" -> "c:{c.id}"' in out
    assert '"q:venter_barn" -> "q:barnets_alder"' in out


def test_a_byte_order_mark_is_accepted_and_json_errors_are_in_norwegian():
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "evaluate", "barnekoordinator"],
                          input='\ufeff{"answers": {"venter_barn": "ja"}}'.encode("utf-8"), capture_output=True, cwd=ROOT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["status"] == "uavklart"
    code, out, _ = run(["evaluate", "barnekoordinator"], "")
    assert code == 2
    message = json.loads(out)["errors"][0]["message"]
    assert "linje 1" in message and "Expecting" not in message


def _digits(n):
    return '{"answers": {"barnets_alder": ' + "9" * n + "}}"


# Every class of input that once ended in a traceback (exit 1), and the limits CONTRIBUTING.md
# states: each is refused with the engine's own error, exit 2 and JSON, on every Python.
LIMITS = [
    ("an integer of 4,301 digits", _digits(4301), "number_too_long"),
    ("an integer of 31 digits", _digits(31), "number_too_long"),
    ("a choice given as a huge integer", '{"answers": {"venter_barn": ' + "9" * 5000 + "}}", "number_too_long"),
    ("nesting of 1,500 levels", "[" * 1500 + "]" * 1500, "too_deep"),
    ("nesting of 100,000 levels", '{"answers": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}", "too_deep"),
    ("nesting of 21 levels", '{"answers": ' * 21 + "{}" + "}" * 21, "too_deep"),
    ("a lone surrogate as a key", '{"answers": {"\\ud800": 1}}', "invalid_json"),
    ("a lone surrogate as a value", '{"answers": {"venter_barn": "\\udfff"}}', "invalid_json"),
    ("a lone surrogate in a set", '{"answers": {"tjenester": ["\\ud800"]}}', "invalid_json"),
    ("a key twice", '{"answers": {"venter_barn": "nei", "venter_barn": "ja"}}', "duplicate_key"),
    ("answers twice", '{"answers": {}, "answers": {"venter_barn": "ja"}}', "duplicate_key"),
    ("NaN", '{"answers": {"barnets_alder": NaN}}', "invalid_json"),
    ("a document over 1 MB", '{"answers": {"x": "' + "a" * 1_000_001 + '"}}', "too_large"),
]


def _beyond(python, name, document, code):
    return ["evaluate", "barnekoordinator"], document, python


@runs(_beyond)
@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("name,document,code", LIMITS, ids=[n for n, _, _ in LIMITS])
def test_input_beyond_the_limits_exits_2_with_the_engines_own_error(python, name, document, code):
    rc, out, err = ahead(*_beyond(python, name, document, code))
    assert rc == 2 and "Traceback" not in out + err, err
    assert [e["code"] for e in json.loads(out)["errors"]] == [code]


def test_many_unknown_keys_are_one_error_quickly():
    import time

    document = json.dumps({"answers": {f"k{i}": 1 for i in range(50_000)}})  # under 1 MB
    _wait_for_the_runs_ahead()  # timed alone, not beside them
    start = time.monotonic()
    rc, out, _ = run(["evaluate", "barnekoordinator"], document)
    assert rc == 2 and time.monotonic() - start < 5
    errors = json.loads(out)["errors"]
    assert [e["code"] for e in errors] == ["too_many_answers"] and len(out) < 2_000


def test_a_guide_name_with_a_lone_surrogate_is_printed_as_json():
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "describe", b"x\xed\xa0\x80"],
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["errors"][0]["code"] == "unknown_guide"


@pytest.mark.parametrize("guide_id", ["barnekoordinator", "individuell_plan", "samarbeid", "deling", "familien"])
def test_the_example_in_a_message_is_a_valid_document_for_that_guide(guide_id):
    rc, out, _ = run(["evaluate", guide_id], "nei")
    message = json.loads(out)["errors"][0]["message"]
    example = message[message.index("{"):message.rindex("}") + 1]
    rc, out, _ = run(["evaluate", guide_id], example)
    assert rc == 0, out


def test_messages_name_answers_by_their_words_and_programs_get_the_ids():
    rc, out, _ = run(["evaluate", "barnekoordinator"], '{"answers": {"alvorlig_tilstand": "kanskje"}}')
    error = json.loads(out)["errors"][0]
    assert "«Vet ikke»" in error["message"] and "vet_ikke" not in error["message"]
    assert error["allowed"] == ["ja", "nei", "vet_ikke"]
