"""What the browser runs: Pyodide with our cut, compiled standard library and the engine archive
(build_scripts/python_bundle.mjs). The cut must be enough for every guide: in Chromium, the
site's engine worker evaluates every case of every guide, and answers it must refuse, exactly as
CPython does."""
from __future__ import annotations

import json
import subprocess
import tarfile
import zipfile

from conftest import ROOT, load_case_files
from guide_engine import GuideInputError, evaluate


def _folder(site_dir):
    from build_scripts.pyodide_bundle import site_folder

    return site_dir / site_folder(ROOT)


def test_the_standard_library_is_cut_and_compiled_and_nothing_is_loaded_as_a_package(site_dir):
    folder = _folder(site_dir)
    [stdlib] = folder.glob("python_stdlib.*.zip")
    names = zipfile.ZipFile(stdlib).namelist()
    assert names and all(n.endswith(".pyc") for n in names), "only compiled modules, no sources"
    assert {"json/__init__.pyc", "re/__init__.pyc"} <= set(names)
    # The data files come as JSON twins (data_files): no TOML parser to load, nor to download.
    assert "tomllib/__init__.pyc" not in names
    # What only Pyodide's package loader or nobody needs stays out.
    assert not {"email/__init__.pyc", "tarfile.pyc", "importlib/metadata/__init__.pyc", "unittest/__init__.pyc",
                "pydoc.pyc", "_pydatetime.pyc"} & set(names)
    assert len(names) < 200  # of Pyodide's 600 files
    [engine] = folder.glob("guide_engine.*.tar")
    with tarfile.open(engine) as tar:  # the guides' rules and texts (as JSON twins), not their cases (tests only)
        shipped = tar.getnames()
        messages = json.loads(tar.extractfile("guide_engine/messages.nn.json").read())
    # The engine's words, but not the law watch's: only the command line reads those.
    assert "status" in messages and "lovsjekk" not in messages
    assert {"guide_engine/guides/barnekoordinator/rules.json", "guide_engine/guides/barnekoordinator/texts.nn.json",
            "guide_engine/guides/familien/joins.json"} <= set(shipped)
    assert not [n for n in shipped if n.endswith((".yaml", ".toml"))]
    assert json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"] == {}
    assert not list(folder.glob("*.whl")) and not (folder / "python_stdlib.zip").exists()
    worker = (site_dir / "js" / "guide-worker.js").read_text(encoding="utf-8")
    assert stdlib.name in worker and engine.name in worker


def _cases():
    cases = []
    for guide_id, data in load_case_files().items():
        cases += [(guide_id, case["answers"]) for case in data["cases"]]
        # Answers the engine must refuse, so its error path runs on the cut library too.
        cases += [(guide_id, {"finnes_ikke": "ja"}), (guide_id, {"barnets_alder": "tolv"})]
    return cases


def _cpython(guide_id, answers):
    try:
        out = {"result": evaluate(guide_id, answers)}
    except GuideInputError as exc:
        out = exc.to_dict()
    return json.loads(json.dumps(out, ensure_ascii=False))


def test_every_guide_case_gives_in_the_browser_what_cpython_gives(visit, server):
    cases = _cases()
    v = visit()
    v.page.goto(server + "kilder/")
    got = v.page.evaluate("""async (cases) => {
        const worker = new Worker(new URL("../js/guide-worker.js", location.href), {type: "module"});
        const replies = [];
        const ready = new Promise((resolve, reject) => {
            worker.onmessage = (e) => {
                if (e.data.type === "ready") resolve();
                else if (e.data.type === "failed") reject(new Error(e.data.message));
                else replies.push(e.data);
            };
        });
        worker.postMessage({type: "start", guide: cases[0][0]});
        await ready;
        for (let i = 0; i < cases.length; i++) {
            worker.postMessage({type: "evaluate", guide: cases[i][0], answers: cases[i][1], seq: i});
        }
        while (replies.length < cases.length) await new Promise((r) => setTimeout(r, 20));
        return replies.sort((a, b) => a.seq - b.seq).map(({type, seq, ms, ...out}) => out);
    }""", cases)
    assert len(got) == len(cases)
    for (guide_id, answers), browser in zip(cases, got):
        assert browser == _cpython(guide_id, answers), (guide_id, answers)
    assert v.foreign == [] and v.errors() == []


# Run by Pyodide itself (in Node, as the build runs it): the standard library's code has no line
# table, the engine's keeps its own, and a fault in the standard library still reaches Python's
# error handling whole (its type and message, as guide_engine/browser.py reports it).
LINE_TABLES = """
const [pyodide, stdlib, ...engine] = process.argv.slice(1);
const { loadPyodide } = await import(pyodide + "/pyodide.mjs");
const py = await loadPyodide({ indexURL: pyodide + "/", stdLibURL: stdlib });
const { readFileSync } = await import("node:fs");
engine.forEach((file, i) => py.FS.writeFile(`/engine${i}.pyc`, readFileSync(file)));
console.log(py.runPython(`
import json, marshal, sys, types
def tables(code):
    yield code.co_linetable
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            yield from tables(c)
engine = [marshal.loads(open(f"/engine{i}.pyc", "rb").read()[16:]) for i in range(${engine.length})]
try:
    json.loads("{")
    fault = None
except ValueError as exc:
    fault = f"{type(exc).__name__}: {exc}"
# Every function of every module loaded from the zip by now (not the frozen ones, which come
# with the interpreter, nor functions made at run time, as namedtuple makes them).
stdlib = [f.__code__ for m in list(sys.modules.values()) if ".zip/" in (getattr(m, "__file__", "") or "")
          for f in vars(m).values() if isinstance(f, types.FunctionType) and f.__module__ == m.__name__
          and not f.__code__.co_filename.startswith("<")]
json.dumps({"functions": len(stdlib), "stdlib": sum(len(t) for c in stdlib for t in tables(c)),
            "engine": min(len(t) for c in engine for t in tables(c)), "fault": fault})
`));
"""


def test_the_standard_library_leaves_out_its_line_tables_and_the_engine_keeps_its_own(site_dir, tmp_path):
    folder = _folder(site_dir)
    [stdlib] = folder.glob("python_stdlib.*.zip")
    [engine] = folder.glob("guide_engine.*.tar")
    modules = [tmp_path / f"{name}.pyc" for name in ("engine", "laws")]
    with tarfile.open(engine) as tar:
        for module in modules:
            module.write_bytes(tar.extractfile(f"guide_engine/{module.name}").read())
    proc = subprocess.run(["node", "--input-type=module", "-e", LINE_TABLES, str(ROOT / "node_modules" / "pyodide"),
                           str(stdlib), *map(str, modules)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["functions"] > 500 and got["stdlib"] == 0 and got["engine"] > 0, got
    assert got["fault"].startswith("JSONDecodeError: Expecting property name"), got
