"""Build the site: the checks, the builder, then the steps after it. One function for `make`, the
tests, the benchmark and `make serve`, with either builder.

- mkdocs: MkDocs + Material for MkDocs (the pinned, tested build of the README's commands);
- zensical: Zensical, the successor that reads mkdocs.yml (`make site-zensical`).
Both run the same Markdown extension (markdown_ext.py) inside the pages; nothing depends on
MkDocs hooks or plugins of our own.

`python -m build_scripts.build [--builder mkdocs|zensical] [--site-dir DIR]`
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUILDERS = ("mkdocs", "zensical")


class BuildFailed(RuntimeError):
    pass


def _env(extra: dict | None) -> dict:
    # The extension is imported by the builder: the repository must be on its Python path.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def _tool(name: str) -> str:
    return str(pathlib.Path(sys.executable).with_name(name))


def run_builder(builder: str, dest: pathlib.Path, env: dict | None = None) -> subprocess.CompletedProcess:
    if builder == "mkdocs":
        return subprocess.run([_tool("mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(dest)],
                              cwd=ROOT, capture_output=True, text=True, env=_env(env))
    # Zensical has no --site-dir, and its site_dir must lie inside the project: a config beside
    # mkdocs.yml that inherits everything but the folder, then the result is moved.
    inside = ROOT / "build" / f"zensical-{os.getpid()}"
    config = ROOT / f".zensical-{os.getpid()}.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + f"\nsite_dir: {inside.relative_to(ROOT)}\n",
                      encoding="utf-8")
    try:
        proc = subprocess.run([_tool("zensical"), "build", "--strict", "--clean", "-f", str(config)],
                              cwd=ROOT, capture_output=True, text=True, env=_env(env))
    finally:
        config.unlink()
    if proc.returncode == 0:
        if dest.exists():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(inside), str(dest))
    else:
        shutil.rmtree(inside, ignore_errors=True)
    return proc


def build(dest: pathlib.Path, builder: str = "mkdocs", env: dict | None = None,
          kommune: pathlib.Path | None = None) -> None:
    """Check, build into ``dest`` and finish the site; BuildFailed with the reason otherwise.
    ``kommune``: a municipality's kommune.yml (None: the national version)."""
    from build_scripts import check, municipality, postbuild, pyodide_bundle

    try:
        municipality.check_legacy_environment({**os.environ, **(env or {})})
        cfg = municipality.load(kommune)
    except municipality.ConfigError as exc:
        raise BuildFailed(str(exc)) from None
    problems = check.problems()
    if problems:
        raise BuildFailed("\n".join(problems))
    # The extension reads the same file in the builder's process; the address is the builder's.
    env = {**(env or {}), "KOMMUNE_CONFIG": str(pathlib.Path(kommune).resolve()) if kommune else "",
           "SITE_URL": cfg.get("adresse_nettsted", "")}
    proc = run_builder(builder, dest, env)
    if proc.returncode != 0:
        raise BuildFailed(f"{builder} build stoppet:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    try:
        postbuild.run(dest, cfg)
    except pyodide_bundle.BundleError as exc:
        raise BuildFailed(str(exc)) from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=BUILDERS, default="mkdocs")
    parser.add_argument("--site-dir", type=pathlib.Path, default=ROOT / "site")
    parser.add_argument("--kommune", type=pathlib.Path, default=None,
                        help="kommune.yml for en kommunes egen kopi (uten: nasjonal versjon)")
    args = parser.parse_args(argv)
    try:
        build(args.site_dir.resolve(), args.builder, kommune=args.kommune)
    except BuildFailed as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
