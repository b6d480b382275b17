"""Build the site: the checks, the builder, then the steps after it. One function for `make`, the
tests, the benchmark and `make serve`, with either builder.

- mkdocs: MkDocs + Material for MkDocs (the pinned, tested build of the README's commands);
- zensical: Zensical, the successor that reads mkdocs.yml (`make site-zensical`).
Both run the same Markdown extension (markdown_ext.py) inside the pages; nothing depends on
MkDocs hooks or plugins of our own.

Each written form is one builder run: bokmål from docs/, nynorsk from docs-nn/ (with docs/'s
scripts, styles and pictures), the first form the municipality chose (kommune.yml «malform»;
both by default) at the site's address and the other under nn/ (or nb/). Every page links to the
same page in the other form; the engine's archive, Pyodide and the service worker are shared.

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
# Where each written form's Markdown lies; docs-nn has only pages, docs/ the rest.
SOURCES = {"nb": "docs", "nn": "docs-nn"}


def layout(forms: list[str]) -> list[tuple[str, str]]:
    """(form, folder in the site) for each form: the first at the top, the others under <form>/."""
    return [(forms[0], "")] + [(f, f"{f}/") for f in forms[1:]]


class BuildFailed(RuntimeError):
    pass


def _env(extra: dict | None) -> dict:
    # The extension is imported by the builder: the repository must be on its Python path.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def _tool(name: str) -> str:
    return str(pathlib.Path(sys.executable).with_name(name))


# A copy read from a folder (file://): links to .html files, and the theme's offline search
# (Material's offline plugin puts the search index where file:// can read it).
FOLDER_CONFIG = """
use_directory_urls: false
plugins:
  - search:
      lang: ["no"]
  - offline
"""


FOLDER_SHIM = "js/iframe-worker-shim.js"


def _config() -> dict:
    import yaml

    from build_scripts.check import _Loader

    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _nav_for(audiences: list[str] | None, lang: str) -> list:
    """The navigation in the form's words, without the sections of the audiences a municipality
    does not show (its pages are still built, so links to them hold)."""
    from build_scripts.ui import table

    sections = {"familie": "For familier", "tjenester": "For tjenestene", "kommune": "For kommunen"}
    hidden = {title for key, title in sections.items() if audiences and key not in audiences}
    words = table(lang)["nav"]

    def translate(items):
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, value), = item.items()
                out.append({words.get(title, title): translate(value) if isinstance(value, list) else value})
            else:
                out.append(item)
        return out

    return translate([item for item in _config()["nav"] if not (isinstance(item, dict) and set(item) & hidden)])


def form_config(lang: str, forms: list[str], folder: bool, audiences, docs_dir: str) -> str:
    """The keys that make mkdocs.yml build one written form into its folder of the site."""
    import json

    from build_scripts.ui import t

    config = _config()
    up = "../" * dict(layout(forms))[lang].count("/")  # from this form's folder to the site's top
    extra = dict(config.get("extra", {}))
    extra["pyodide"] = up + extra["pyodide"]
    # The link to the same page in the other form (overrides/main.html).
    extra["other_forms"] = [{"name": t(other, "site.form_name"), "lang": other, "link": up + folder_of}
                          for other, folder_of in layout(forms) if other != lang]
    # What sw-register.js says when a newer build takes over the open page, or offline.
    extra["offline_words"] = {"newer": t(lang, "site.newer_version"), "saved": t(lang, "site.saved_copy")}
    if folder:
        extra["polyfills"] = [FOLDER_SHIM]
    theme = {**config["theme"], "language": lang}
    keys = {"theme": theme, "extra": extra, "nav": _nav_for(audiences, lang), "docs_dir": docs_dir,
            "site_name": t(lang, "site.name"), "site_description": t(lang, "site.description"),
            "copyright": t(lang, "site.copyright")}
    return (FOLDER_CONFIG if folder else "") + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in keys.items())


def stage_sources(lang: str) -> tuple[str, pathlib.Path | None]:
    """The docs_dir for a form: docs/ for bokmål; for another form, a folder inside the project
    with its pages and docs/'s other files (scripts, styles, pictures). Returns (docs_dir, folder
    to remove after the build or None)."""
    if lang == "nb":
        return "docs", None
    staged = ROOT / "build" / f"docs-{lang}-{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(ROOT / "docs", staged, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(ROOT / SOURCES[lang], staged, dirs_exist_ok=True)
    return str(staged.relative_to(ROOT)), staged


def run_builder(builder: str, dest: pathlib.Path, env: dict | None = None,
                folder: bool = False, audiences: list[str] | None = None,
                lang: str = "nb", forms: list[str] | None = None) -> subprocess.CompletedProcess:
    forms = forms or ["nb"]
    docs_dir, staged = stage_sources(lang)
    try:
        return _run_builder(builder, dest, {**(env or {}), "SITE_LANG": lang},
                            form_config(lang, forms, folder, audiences, docs_dir))
    finally:
        if staged:
            shutil.rmtree(staged, ignore_errors=True)


def _run_builder(builder: str, dest: pathlib.Path, env: dict, overrides: str) -> subprocess.CompletedProcess:
    # Variants are a config beside mkdocs.yml: its text, then the keys that differ (later wins).
    if builder == "mkdocs":
        config = ROOT / "mkdocs.yml"
        if overrides:
            config = ROOT / f".variant-{os.getpid()}.yml"
            config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "\n" + overrides, encoding="utf-8")
        try:
            return subprocess.run([_tool("mkdocs"), "build", "--strict", "--quiet", "-f", str(config), "--site-dir", str(dest)],
                                  cwd=ROOT, capture_output=True, text=True, env=_env(env))
        finally:
            if overrides:
                config.unlink()
    # Zensical has no --site-dir, and its site_dir must lie inside the project: a config beside
    # mkdocs.yml that inherits everything but the folder, then the result is moved.
    inside = ROOT / "build" / f"zensical-{os.getpid()}"
    config = ROOT / f".zensical-{os.getpid()}.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "\n" + overrides
                      + f"\nsite_dir: {inside.relative_to(ROOT)}\n", encoding="utf-8")
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
          kommune: pathlib.Path | None = None, folder: bool = False) -> None:
    """Check, build into ``dest`` and finish the site; BuildFailed with the reason otherwise.
    ``kommune``: a municipality's kommune.yml (None: the national version).

    The site is built beside ``dest`` and put in its place when it is finished: a server that
    serves ``dest`` meanwhile keeps serving the whole previous site (not a half-built one with
    missing files), and a build that fails leaves it as it was."""
    dest = pathlib.Path(dest)
    staging = dest.parent / f".{dest.name}-ny-{os.getpid()}"
    old = dest.parent / f".{dest.name}-forrige-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        _build_into(staging, builder, env, kommune, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Two renames: the folder is missing only between them, not for the whole build.
    if dest.exists():
        dest.rename(old)
    staging.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def _build_into(dest: pathlib.Path, builder: str, env: dict | None, kommune: pathlib.Path | None, folder: bool) -> None:
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
    forms = cfg.get("malform") or municipality.DEFAULT_FORMS
    for i, (lang, where) in enumerate(layout(forms)):
        target = dest / where if where else dest
        if i == 0 and dest.exists():
            shutil.rmtree(dest)
        staged_out = dest.parent / f".{dest.name}-{lang}-{os.getpid()}" if where else target
        proc = run_builder(builder, staged_out, env, folder, cfg.get("malgrupper"), lang, forms)
        if proc.returncode != 0:
            if where:
                shutil.rmtree(staged_out, ignore_errors=True)
            raise BuildFailed(f"{builder} build ({lang}) stoppet:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        if where:  # the builder empties its folder: the other form is built beside it, then moved in
            shutil.move(str(staged_out), str(target))
    try:
        postbuild.run(dest, cfg, engine=not folder, forms=layout(forms))
    except pyodide_bundle.BundleError as exc:
        raise BuildFailed(str(exc)) from None


def package(zip_path: pathlib.Path, kommune: pathlib.Path | None = None) -> pathlib.Path:
    """The offline package: the guidance readable from a folder (file://), zipped. The guides
    stay as printable checklists there (their engine needs http), so Pyodide is left out."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mappe-") as tmp:
        site = pathlib.Path(tmp) / "samarbeid-rundt-barn"
        build(site, "mkdocs", kommune=kommune, folder=True)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        made = shutil.make_archive(str(zip_path.with_suffix("")), "zip", root_dir=tmp, base_dir=site.name)
    return pathlib.Path(made)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=BUILDERS, default="mkdocs")
    parser.add_argument("--site-dir", type=pathlib.Path, default=ROOT / "site")
    parser.add_argument("--kommune", type=pathlib.Path, default=None,
                        help="kommune.yml for en kommunes egen kopi (uten: nasjonal versjon)")
    parser.add_argument("--mappe", metavar="ZIP", type=pathlib.Path, default=None,
                        help="lag en pakke som kan leses fra en mappe uten server (zip-fil)")
    args = parser.parse_args(argv)
    try:
        if args.mappe:
            package(args.mappe.resolve(), kommune=args.kommune)
            return 0
        build(args.site_dir.resolve(), args.builder, kommune=args.kommune)
    except BuildFailed as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
