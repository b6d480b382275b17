// The Python the browser runs, cut to what the guides need and byte-compiled ahead of time by the
// Python inside Pyodide itself (run here in Node), so the browser compiles no Python source:
//   python_stdlib.zip  the standard library modules Pyodide's own start-up imports, plus those
//                      the engine imports, as .pyc only, stored uncompressed (the server sends
//                      the whole file brotli- or gzip-compressed, which compresses far better);
//   guide_engine.tar   the engine's modules the browser can reach (.pyc, no sources) and its data
//                      files (as JSON twins of the TOML: pyodide_bundle.py passes a copy of the
//                      package that has them); the worker writes them into Pyodide's file system.
// Compiled like `python -OO` without column positions: no docstrings or asserts (the engine has
// neither); line numbers kept in the engine, left out of the standard library (without_lines).
// What is in the zip is found by running: Pyodide is started as in the browser, every engine
// module is imported and every guide evaluated; what sys.modules then holds is what the zip
// holds. tests/test_browser_stdlib.py runs every guide case against it.
// Usage: node build_scripts/python_bundle.mjs OUT_DIR [PACKAGE_DIR]   (prints a JSON summary;
// PACKAGE_DIR defaults to the repository's guide_engine)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [outDir, packageDir = resolve(root, "guide_engine")] = process.argv.slice(2);
const { loadPyodide } = await import(resolve(root, "node_modules/pyodide/pyodide.mjs"));
// Started as guide-worker.js starts it (no packages). The environment only changes how this
// Python compiles: without column positions (line numbers stay).
const py = await loadPyodide({ indexURL: resolve(root, "node_modules/pyodide") + "/", env: { PYTHONNODEBUGRANGES: "1" } });
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, { root: resolve(packageDir) }, "/repo");
const summary = py.runPython(`
import sys
STARTUP = set(sys.modules)  # what Pyodide imported to start, before anything of ours
# Until the engine has run, only modules that start-up imported are used here.
import dis, importlib, importlib.util, os, shutil, zipfile, zipimport
assert {"dis", "importlib.util", "os", "shutil", "zipfile", "zipimport"} <= STARTUP

sys.dont_write_bytecode = True
shutil.copytree("/repo", "/src/guide_engine", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
# Pyodide's standard library, read through the importer that already has its list of files (a
# ZipFile would import a codec for the names, and that codec would then count as needed).
STDLIB = zipimport.zipimporter(f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip")
IN_ZIP = set(zipimport._zip_directory_cache[STDLIB.archive])


def stdlib_file(mod):
    path = mod.replace(".", "/")
    return next((c for c in (path + ".py", path + "/__init__.py") if c in IN_ZIP), None)


def engine_file(mod):
    path = "/src/" + mod.replace(".", "/")
    return next((c for c in (path + ".py", path + "/__init__.py") if os.path.isfile(c)), None)


def imports(code):
    """(name, fromlist, level) of every import statement, also inside functions and classes."""
    found = []
    ins = list(dis.get_instructions(code))
    for i, op in enumerate(ins):
        if op.opname == "IMPORT_NAME":
            found.append((op.argval, ins[i - 1].argval or (), ins[i - 2].argval))
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            found += imports(const)
    return found


def engine_modules():
    """The engine's modules the worker can reach from its adapter (guide_engine.browser), on any
    code path."""
    seen, todo = set(), ["guide_engine", "guide_engine.browser"]
    while todo:
        mod = todo.pop()
        path = engine_file(mod)
        if mod in seen or not path:
            continue
        seen.add(mod)
        package = path.endswith("__init__.py")
        for name, fromlist, level in imports(compile(open(path, encoding="utf-8").read(), path, "exec")):
            if level:
                base = mod if package else mod.rpartition(".")[0]
                for _ in range(level - 1):
                    base = base.rpartition(".")[0]
                name = f"{base}.{name}" if name else base
            todo += [name] + [f"{name}.{a}" for a in fromlist if a != "*"]
    return sorted(seen)


ENGINE = engine_modules()
sys.path.insert(0, "/src")
import json  # the adapter (guide_engine/browser.py) imports it too; the summary below needs it
for mod in ENGINE:
    importlib.import_module(mod)
for guide_id in sys.modules["guide_engine.api"].all_ids():
    sys.modules["guide_engine.browser"].run(guide_id, "{}")  # as the worker calls it
MODULES = sorted(m for m in set(sys.modules) if not m.startswith("guide_engine") and stdlib_file(m))

import io, tarfile  # only now: what the engine did not import stays out of the zip
DATE = (2023, 11, 14, 22, 13, 20)  # fixed: the same input gives the same bytes


def without_lines(code):
    """The code without its line table: a sixth fewer bytes for the standard library. Its frames
    then have no line numbers, which nothing here shows (a fault reaches the page as its type and
    message, guide_engine/browser.py); the engine's own modules keep theirs."""
    consts = tuple(without_lines(c) if hasattr(c, "co_code") else c for c in code.co_consts)
    return code.replace(co_linetable=b"", co_consts=consts)


def pyc(source, name, lines=True):
    code = compile(source, name, "exec", dont_inherit=True, optimize=2)
    code = code if lines else without_lines(code)
    return importlib._bootstrap_external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


os.makedirs("/out", exist_ok=True)
with zipfile.ZipFile("/out/python_stdlib.zip", "w", zipfile.ZIP_STORED) as z:
    for mod in MODULES:
        path = stdlib_file(mod)
        info = zipfile.ZipInfo(path + "c", date_time=DATE)
        info.external_attr = 0o644 << 16
        z.writestr(info, pyc(STDLIB.get_data(path), path, lines=False))

files = {}
for mod in ENGINE:
    path = engine_file(mod)
    files[path[len("/src/"):] + "c"] = pyc(open(path, "rb").read(), path[len("/src/"):])
for folder, _, names in os.walk("/src/guide_engine"):
    for name in names:
        if name.endswith((".toml", ".json")):
            files[os.path.join(folder, name)[len("/src/"):]] = open(os.path.join(folder, name), "rb").read()
with tarfile.open("/out/guide_engine.tar", "w", format=tarfile.USTAR_FORMAT) as tar:
    for name in sorted(files):
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(files[name]), 0, 0o644
        tar.addfile(info, io.BytesIO(files[name]))
json.dumps({"python": sys.version.split()[0], "modules": MODULES, "engine": ENGINE, "files": sorted(files)})
`);
mkdirSync(outDir, { recursive: true });
for (const name of ["python_stdlib.zip", "guide_engine.tar"]) {
  writeFileSync(resolve(outDir, name), py.FS.readFile("/out/" + name));
}
console.log(summary);
