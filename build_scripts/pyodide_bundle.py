"""Pyodide, our engine and the service worker in the built site, all from its own origin.

Copies the runtime files of the pinned npm package `pyodide` into a folder named by its version,
builds the engine wheel (byte-compiled by Pyodide's own Python) and registers it in the site's
pyodide-lock.json with pyodide-build's lockfile command, so the worker loads it with Pyodide
(micropip is not in the npm package). Then Workbox generates the service worker.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WHEEL_SOURCES = ("pyproject.toml", "guide_engine")
# What the cached wheel depends on: its sources and the script that byte-compiles it.
ENGINE_FILES = (*WHEEL_SOURCES, "build_scripts/compile_wheel.mjs", "package-lock.json")
# Wheels carry file dates; a fixed date makes the wheel (and its sha256 in the lock) repeatable.
SOURCE_DATE_EPOCH = "1700000000"


class BundleError(RuntimeError):
    pass


def pyodide_version(root: pathlib.Path) -> str:
    import json

    meta = root / "node_modules" / "pyodide" / "package.json"
    if not meta.is_file():
        raise BundleError("node_modules/pyodide mangler: kjør «npm ci» (make gjør det for deg)")
    return json.loads(meta.read_text(encoding="utf-8"))["version"]


def site_folder(root: pathlib.Path) -> str:
    """Where Pyodide lives in the site. The version is in the path, so caches never mix versions."""
    return f"assets/pyodide/{pyodide_version(root)}/"


def _engine_digest(root: pathlib.Path) -> str:
    h = hashlib.sha256()
    for name in ENGINE_FILES:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def build_wheel(root: pathlib.Path, cache: pathlib.Path) -> pathlib.Path:
    """Build (or reuse) the engine wheel; the cache key is a digest of the engine's files."""
    out = cache / _engine_digest(root)
    wheels = list(out.glob("guide_engine-*.whl")) if out.is_dir() else []
    if wheels:
        return wheels[0]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Build from a copy so nothing (build/, *.egg-info) is written into the repository.
        src = pathlib.Path(tmp) / "src"
        src.mkdir()
        for name in WHEEL_SOURCES:
            if (root / name).is_dir():
                shutil.copytree(root / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(root / name, src / name)
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        plain = pathlib.Path(tmp) / "plain"
        proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(plain), str(src)],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise BundleError(f"kunne ikke bygge hjulet til guide_engine:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        wheel = next(plain.glob("guide_engine-*.whl"))
        # Byte-compiled by the Python inside Pyodide (run in Node), for a faster start in the browser.
        proc = subprocess.run(["node", str(root / "build_scripts" / "compile_wheel.mjs"), str(wheel), str(out / wheel.name)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise BundleError(f"kunne ikke kompilere hjulet for Pyodide:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return out / wheel.name


def bundle(root: pathlib.Path, site_dir: pathlib.Path) -> pathlib.Path:
    """Put Pyodide and the engine wheel into site_dir/assets/pyodide/<version>/; return that folder."""
    npm = root / "node_modules" / "pyodide"
    if not (npm / "pyodide-lock.json").is_file():
        raise BundleError("node_modules/pyodide mangler: kjør «npm ci» (make gjør det for deg)")
    dest = site_dir / site_folder(root)
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME:
        shutil.copy2(npm / name, dest / name)
    wheel = build_wheel(root, root / ".cache" / "wheels")
    for old in dest.glob("*.whl"):
        old.unlink()
    shutil.copy2(wheel, dest / wheel.name)
    cli = pathlib.Path(sys.executable).with_name("pyodide")
    proc = subprocess.run([str(cli), "lockfile", "add-wheels", "--input", str(npm / "pyodide-lock.json"),
                           "--output", str(dest / "pyodide-lock.json"), "--base-path", str(dest), str(dest / wheel.name)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleError(f"pyodide lockfile add-wheels feilet:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return dest


def service_worker(root: pathlib.Path, site_dir: pathlib.Path) -> str:
    """Generate site_dir/sw.js with Workbox; return its summary line."""
    proc = subprocess.run(["node", str(root / "build_scripts" / "service_worker.mjs"), str(site_dir), site_folder(root)],
                          capture_output=True, text=True, cwd=root)
    if proc.returncode != 0:
        raise BundleError(f"kunne ikke lage service worker:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc.stdout.strip()
