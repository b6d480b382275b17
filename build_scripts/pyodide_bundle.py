"""Pyodide, our engine and the service worker in the built site, all from its own origin.

Copies the runtime files of the pinned npm package `pyodide` into a folder named by its version,
with two files of our own instead of Pyodide's standard library and package lock
(python_bundle.mjs makes them, byte-compiled by Pyodide's own Python):
- python_stdlib.<hash>.zip: only the standard library modules Pyodide's start-up and the engine
  import, without their line tables (the worker passes it as `stdLibURL`);
- guide_engine.<hash>.tar: the engine's compiled modules and data files (each TOML file as its
  JSON twin, data_files.twin: Pyodide parses JSON in C, TOML in pure Python), which the worker writes
  into Pyodide's file system (no package loading: micropip is not in the npm package, and
  loadPackage would import zipfile, tarfile, email and importlib.metadata to unpack a wheel);
- pyodide-lock.json with Pyodide's `info` and no packages (nothing is loaded from it).
The two are named by their content: the folder may be cached for good (`immutable`), and they
change when the engine does. The worker learns the folder and their names from the build
(BUNDLE_LINE): a page that only links to a guide may start it (js/guide/prepare.js).
Also the site's speculation rules (speculation_rules), then Workbox generates the service worker.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import tomllib

RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# What the cached bundle depends on: the engine, the script that makes the bundle, Pyodide.
BUNDLE_INPUTS = ("guide_engine", "build_scripts/python_bundle.mjs", "build_scripts/pyodide_bundle.py", "package-lock.json")
# In the guide folders but never in the archive (python_bundle.mjs takes only .py and .toml, and
# ships each .toml as its JSON twin): the cases.
NOT_SHIPPED = ("cases.yaml",)
# Sections of the messages files only the command line reads: the law watch (lawwatch.py, never in
# the browser) has its words there, and every cold visit would download them for nothing.
COMMAND_LINE_ONLY = ("lovsjekk",)
# The line in js/guide-worker.js the build fills in with this build's file names.
BUNDLE_LINE = re.compile(r"^const BUNDLE = .*;$", re.M)
# The lines in js/guide-start.js the build fills in with what it preloads: the WebAssembly's
# address, and the guide page's own modules (js/guide/*.js, relative to js/).
WASM_LINE = re.compile(r"^  var PYODIDE_WASM = .*;$", re.M)
MODULES_LINE = re.compile(r"^  var GUIDE_MODULES = .*;$", re.M)


class BundleError(RuntimeError):
    pass


def pyodide_version(root: pathlib.Path) -> str:
    meta = root / "node_modules" / "pyodide" / "package.json"
    if not meta.is_file():
        raise BundleError("node_modules/pyodide mangler: kjør «npm ci» (make gjør det for deg)")
    return json.loads(meta.read_text(encoding="utf-8"))["version"]


def site_folder(root: pathlib.Path) -> str:
    """Where Pyodide lives in the site. The version is in the path, so caches never mix versions."""
    return f"assets/pyodide/{pyodide_version(root)}/"


def _digest(root: pathlib.Path) -> str:
    h = hashlib.sha256()
    for name in BUNDLE_INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                                                             and p.name not in NOT_SHIPPED)
        for f in files:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def python_bundle(root: pathlib.Path, cache: pathlib.Path) -> pathlib.Path:
    """Make (or reuse) the standard library zip and the engine archive; return their folder.
    The cache key is a digest of everything they are made from."""
    out = cache / _digest(root)
    if (out / "summary.json").is_file():
        return out
    tmp = out.with_name(f"{out.name}.tmp{os.getpid()}")  # builds may run side by side (the tests do)
    shutil.rmtree(tmp, ignore_errors=True)
    package = _with_json_twins(root / "guide_engine", tmp / "src")
    proc = subprocess.run(["node", str(root / "build_scripts" / "python_bundle.mjs"), str(tmp), str(package)],
                          capture_output=True, text=True)
    shutil.rmtree(tmp / "src")
    if proc.returncode != 0:
        raise BundleError(f"kunne ikke lage Python-pakken til nettleseren:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    (tmp / "summary.json").write_text(proc.stdout, encoding="utf-8")
    if not (out / "summary.json").is_file():
        shutil.rmtree(out, ignore_errors=True)  # left half made
    try:
        tmp.rename(out)
    except OSError:  # another build made the same meanwhile: keep that one
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _with_json_twins(package: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """A copy of the engine package with each TOML data file replaced by its JSON twin."""
    from guide_engine import data_files

    copy_ = dest / package.name
    shutil.copytree(package, copy_, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for toml in sorted(copy_.rglob("*.toml")):
        try:
            data = tomllib.loads(toml.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise BundleError(f"{toml.relative_to(dest)}: ugyldig TOML: {exc}") from None
        if toml.parent == copy_ and toml.name.startswith("messages."):
            data = {k: v for k, v in data.items() if k not in COMMAND_LINE_ONLY}
        toml.with_suffix(".json").write_text(data_files.twin(data), encoding="utf-8")
        toml.unlink()
    return copy_


def _named_by_content(path: pathlib.Path) -> str:
    stem, dot, suffix = path.name.partition(".")
    return f"{stem}.{hashlib.sha256(path.read_bytes()).hexdigest()[:12]}{dot}{suffix}"


def bundle(root: pathlib.Path, site_dir: pathlib.Path, folders: list[str] = ()) -> pathlib.Path:
    """Put Pyodide, the cut standard library and the engine into site_dir/assets/pyodide/<version>/,
    and their names into js/guide-worker.js (and <folder>js/guide-worker.js of each other written
    form's folder: one Pyodide for all), the WebAssembly's address and the guide's modules into
    js/guide-start.js (which preloads them); return that folder."""
    npm = root / "node_modules" / "pyodide"
    if not (npm / "pyodide-lock.json").is_file():
        raise BundleError("node_modules/pyodide mangler: kjør «npm ci» (make gjør det for deg)")
    dest = site_dir / site_folder(root)
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME:
        shutil.copy2(npm / name, dest / name)
    made = python_bundle(root, root / ".cache" / "python-bundle")
    names = {"pyodide": "../" + site_folder(root)}  # relative to js/guide-worker.js
    for key, name in (("stdlib", "python_stdlib.zip"), ("engine", "guide_engine.tar")):
        names[key] = _named_by_content(made / name)
        for old in dest.glob(name.replace(".", ".*.", 1)):
            old.unlink()
        shutil.copyfile(made / name, dest / names[key])
    lock = json.loads((npm / "pyodide-lock.json").read_text(encoding="utf-8"))
    (dest / "pyodide-lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}, indent=1) + "\n",
                                            encoding="utf-8")
    for folder in ("", *folders):
        worker = site_dir / folder / "js" / "guide-worker.js"
        text = worker.read_text(encoding="utf-8")
        if not BUNDLE_LINE.search(text):
            raise BundleError(f"{worker}: fant ikke linjen «const BUNDLE = …;» som bygget fyller inn")
        own = {**names, "pyodide": "../" * folder.count("/") + names["pyodide"]}
        worker.write_text(BUNDLE_LINE.sub(lambda _: f"const BUNDLE = {json.dumps(own)};", text, count=1), encoding="utf-8")
        js = site_dir / folder / "js"
        _fill_in(js / "guide-start.js", (WASM_LINE, "PYODIDE_WASM", own["pyodide"] + "pyodide.asm.wasm"),
                 (MODULES_LINE, "GUIDE_MODULES", _module_graph(js, "guide/page.js")))
    speculation_rules(site_dir, folders)
    return dest


# A static import between the guide's own modules: import { a, b } from "./name.js";
IMPORT = re.compile(r'^import\b[^;]*?\bfrom\s+"(\./[^"]+)";', re.M)


def _module_graph(js: pathlib.Path, first: str) -> list[str]:
    """``first`` and every module it imports, directly or not, relative to js/: what a guide page
    loads (prepare.js, for other pages, is not among them). In the order found, first first."""
    order, importer = [first], {first: first}  # importer: the module that imports each
    for name in order:  # grows as it goes
        if not (js / name).is_file():
            raise BundleError(f"{js / importer[name]} importerer {name}, som ikke finnes")
        for target in IMPORT.findall((js / name).read_text(encoding="utf-8")):
            path = (pathlib.PurePosixPath(name).parent / target).as_posix()
            if path not in importer:
                importer[path] = name
                order.append(path)
    return order


def _fill_in(path: pathlib.Path, *lines) -> None:
    """Write each (pattern, name, value) into its «  var NAME = …;» line of path, as JSON."""
    text = path.read_text(encoding="utf-8")
    for pattern, name, value in lines:
        if not pattern.search(text):
            raise BundleError(f"{path}: fant ikke linjen «  var {name} = …;» som bygget fyller inn")
        text = pattern.sub(lambda _: f"  var {name} = {json.dumps(value)};", text, count=1)
    path.write_text(text, encoding="utf-8")


# Prerender the guide a reader is about to open, so its engine has started before the click
# (Chromium-based browsers). Which link, and when, is decided on the page (js/guide/prepare.js
# marks one link with data-prerender when the reader shows the intent, within a data budget); the rules
# only say what a marked link does. Patterns are relative to this file, at the site's root, so
# the site works under any sub-path. The server sends them in the Speculation-Rules header: a
# policy without inline scripts (script-src 'self') refuses them inline.
SPECULATION_RULES = {"prerender": [{
    "source": "document",
    "where": {"and": [{"href_matches": "veivisere/*"}, {"selector_matches": "a[data-prerender]"}]},
    "eagerness": "immediate",
}]}


def speculation_rules(site_dir: pathlib.Path, folders: list[str] = ()) -> pathlib.Path:
    """The rules at the site's top; the guides of every written form's folder match them."""
    from build_scripts.serve import SPECULATION_RULES as NAME

    rules = copy.deepcopy(SPECULATION_RULES)
    if folders:
        where = rules["prerender"][0]["where"]["and"]
        where[0] = {"or": [{"href_matches": f"{folder}veivisere/*"} for folder in ("", *folders)]}
    path = site_dir / NAME
    path.write_text(json.dumps(rules, indent=1) + "\n", encoding="utf-8")
    return path


def service_worker(root: pathlib.Path, site_dir: pathlib.Path, ignore: list[str] = (),
                   pyodide_dir: str | None = None) -> str:
    """Generate site_dir/sw.js with Workbox, leaving out the ``ignore`` globs (another written
    form's folder, which has its own); return its summary line. ``pyodide_dir``: where Pyodide
    lies, relative to the site's top (the worker caches it the first time a guide is used)."""
    proc = subprocess.run(["node", str(root / "build_scripts" / "service_worker.mjs"), str(site_dir),
                           pyodide_dir or site_folder(root), ",".join(ignore)],
                          capture_output=True, text=True, cwd=root)
    if proc.returncode != 0:
        raise BundleError(f"kunne ikke lage service worker:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc.stdout.strip()
