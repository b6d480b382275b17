"""Build the site: the checks, the builder, then the steps after it. One function for `make`, the
tests, the benchmark and `make serve`, with either builder.

- mkdocs: MkDocs + Material for MkDocs (the pinned, tested build of the README's commands);
- zensical: Zensical, the successor that reads mkdocs.yml (`make site-zensical`).
Both run the same Markdown extension (markdown_ext.py) inside the pages; nothing depends on
MkDocs hooks or plugins of our own.

Each written form is one builder run: bokmål from docs/, nynorsk from docs-nn/ (with docs/'s
scripts, styles and pictures), staged in a folder of its own with a page for each guide that has
none written by hand, and the guides in its navigation (guide_nav.py makes both from the guide
folders). The first form the municipality chose (kommune.yml «malform»; both by default) is
at the site's address and the other under nn/ (or nb/). English (the family pages, docs-en/, and
the guides that have texts.en.toml) is one more run, under en/, unless kommune.yml says
«engelsk: nei». Every page links to the same page in the other languages (to the other's front
page where it has no such page: English has no pages for staff or municipalities, and its
navigation links to the Norwegian ones); the engine's archive and Pyodide are shared.

`python -m build_scripts.build [--builder mkdocs|zensical] [--site-dir DIR]`
"""
from __future__ import annotations

import datetime as dt

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUILDERS = ("mkdocs", "zensical")


# How old an offline copy may be before it says that the legal text may be outdated (README, the
# page «Oppdatere kommunens kopi»): three months, about how often the law watch is run.
OFFLINE_DAYS = 90

def layout(forms: list[str]) -> list[tuple[str, str]]:
    """(form, folder in the site) for each form: the first at the top, the others under <form>/."""
    return [(forms[0], "")] + [(f, f"{f}/") for f in forms[1:]]


def site_languages(cfg: dict) -> list[str]:
    """The languages a site is built in: the written forms the municipality chose (both by
    default), then English (under en/) unless it said «engelsk: nei»."""
    from build_scripts import municipality

    forms = list(cfg.get("malform") or municipality.DEFAULT_FORMS)
    return forms + ([municipality.ENGLISH] if cfg.get("engelsk", True) else [])


def form_pages(lang: str) -> list[str]:
    """The pages (Markdown paths) a language's part of the site has: its hand-written pages and
    the page of every guide in that language."""
    from build_scripts import guide_nav
    from build_scripts.check import SOURCES

    folder = ROOT / SOURCES[lang]
    own = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    return sorted(own | {guide_nav.page(g) for g in guide_nav.in_language(lang)})


def page_url(path: str, folder: bool) -> str:
    """A page's address below its language's top, as the builder writes page.url."""
    stem = path[:-len(".md")]
    if folder:
        return stem + ".html"
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


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
      lang: ["{search}"]
  - offline
"""
# The theme's search language (lunr) for each of the site's languages.
SEARCH_LANGUAGE = {"nb": "no", "nn": "no", "en": "en"}


FOLDER_SHIM = "js/iframe-worker-shim.js"
# At the top of the folder package: how to open it (both written forms).
FOLDER_README = """Samarbeid rundt barn

Pakk ut hele mappen, og åpne index.html i nettleseren (dobbeltklikk).
Veiviserne er sjekklister her; for å få svar må nettstedet ligge på en server.

Pakk ut heile mappa, og opne index.html i nettlesaren (dobbeltklikk).
Vegvisarane er sjekklister her; for å få svar må nettstaden liggje på ein server.
"""
# Added when the package has the English pages (kommune.yml «engelsk», on by default).
FOLDER_README_EN = """
In English: unpack the whole folder, and open en/index.html in your browser (double-click).
The guides are checklists here; to get an answer, the site must be on a server.
"""


def _config() -> dict:
    from build_scripts.check import read_config

    return read_config(ROOT / "mkdocs.yml")


def _in_language(items: list, pages: set, norwegian: str, folder: bool) -> list:
    """A navigation cut to the pages a language has (English: the family pages). A section or a
    titled page it has none of becomes one link to the Norwegian page (``norwegian``: the way
    from the language's top to the first Norwegian form's), its title saying so (ui [nav])."""
    out = []
    for item in items:
        if not isinstance(item, dict):
            if item in pages:
                out.append(item)
            continue
        (title, value), = item.items()
        kept = _in_language(value, pages, norwegian, folder) if isinstance(value, list) else value
        first = value
        while isinstance(first, list):  # a section's first page
            first = next(iter(first[0].values())) if isinstance(first[0], dict) else first[0]
        if isinstance(value, list) and kept:
            out.append({title: kept})
        elif not isinstance(value, list) and value in pages:
            out.append(item)
        else:
            out.append({title: norwegian + page_url(first, folder)})
    return out


def _nav_for(audiences: list[str] | None, lang: str, norwegian: str = "", folder: bool = False) -> list:
    """The navigation in the form's words, with the guides after the pages they name, without the
    sections of the audiences a municipality does not show (its pages are still built, so links
    to them hold). In English, only the English pages, and links to the Norwegian ones for the
    rest (``norwegian``: from the English top to the first Norwegian form's)."""
    from build_scripts import guide_nav
    from guide_engine.messages import LANGUAGES
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

    shown = [item for item in _config()["nav"] if not (isinstance(item, dict) and set(item) & hidden)]
    if lang not in LANGUAGES:
        shown = _in_language(shown, set(form_pages(lang)), norwegian, folder)
    return guide_nav.nav(translate(shown), lang)


def form_config(lang: str, forms: list[str], folder: bool, audiences, docs_dir: str) -> str:
    """The keys that make mkdocs.yml build one written form into its folder of the site."""
    import json

    from build_scripts.ui import t
    from guide_engine.messages import LANGUAGES

    config = _config()
    up = "../" * dict(layout(forms))[lang].count("/")  # from this form's folder to the site's top
    extra = dict(config.get("extra", {}))
    # The link to the same page in the other forms (overrides/main.html): the other's front page
    # where it has no such page (English has the family pages only).
    extra["other_forms"] = [{"name": t(other, "site.form_name"), "lang": other, "link": up + folder_of,
                             "pages": [page_url(p, folder) for p in form_pages(other)], "home": page_url("index.md", folder)}
                            for other, folder_of in layout(forms) if other != lang]
    norwegian = up + next(where for other, where in layout(forms) if other in LANGUAGES)
    # What sw-register.js says when a newer build takes over the open page, or offline.
    # An offline copy says when the site was built, and past OFFLINE_DAYS that the law may have changed.
    from build_scripts import version
    from build_scripts.page_meta import norwegian_date

    built = version.info()["built"][:10]
    extra["offline_words"] = {
        "newer": t(lang, "site.newer_version"),
        "saved": t(lang, "site.saved_copy", built=norwegian_date(dt.date.fromisoformat(built), lang)),
        "old": t(lang, "site.old_copy", days=OFFLINE_DAYS), "built": built, "days": OFFLINE_DAYS}
    if folder:
        extra["polyfills"] = [FOLDER_SHIM]
    theme = {**config["theme"], "language": lang}
    keys = {"theme": theme, "extra": extra, "nav": _nav_for(audiences, lang, norwegian, folder), "docs_dir": docs_dir,
            "site_name": t(lang, "site.name"), "site_description": t(lang, "site.description"),
            "copyright": t(lang, "site.copyright")}
    if not folder:
        keys["plugins"] = [{"search": {"lang": [SEARCH_LANGUAGE[lang]]}}]
    if lang not in LANGUAGES:
        # The links to the Norwegian pages lie outside this language's pages: MkDocs would call
        # them missing. They are made above from pages the Norwegian build checks.
        keys["validation"] = {"nav": {"not_found": "info"}}
    return (FOLDER_CONFIG.format(search=SEARCH_LANGUAGE[lang]) if folder else "") + "".join(
        f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in keys.items())


def stage_sources(lang: str) -> tuple[str, pathlib.Path]:
    """The docs_dir for a form: a folder inside the project with the form's pages, docs/'s other
    files (scripts, styles, pictures) and the page of every guide that has none written by hand.
    Returns (docs_dir, that folder: remove it after the build)."""
    from build_scripts import guide_nav
    from build_scripts.check import SOURCES

    staged = ROOT / "build" / f"docs-{lang}-{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(ROOT / "docs", staged, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(ROOT / SOURCES[lang], staged, dirs_exist_ok=True)
    guide_nav.write_pages(staged, lang)
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
    """Check, build and finish the site, then put it at ``dest``; BuildFailed with the reason
    otherwise. ``kommune``: a municipality's kommune.yml (None: the national version).

    The site is built beside ``dest`` (``<dest>.new``) and swapped in whole, so a server never
    serves a half-written folder; the site it replaces is kept as ``<dest>.old`` (roll-back:
    see docs/kommune/oppdatere-kopien.md). A failed build leaves ``dest`` as it was."""
    dest = pathlib.Path(dest)
    staging = dest.with_name(dest.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _build_into(staging, builder, env, kommune, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, dest)


def _exchange(a: pathlib.Path, b: pathlib.Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a libc without it
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(new: pathlib.Path, dest: pathlib.Path) -> None:
    """``new`` becomes ``dest``; the previous ``dest`` becomes ``<dest>.old``. On Linux the two
    folders trade places in one step, so ``dest`` always exists; elsewhere two renames leave
    it missing for an instant only (never half-written)."""
    old = dest.with_name(dest.name + ".old")
    if not dest.exists():
        os.rename(new, dest)
        return
    shutil.rmtree(old, ignore_errors=True)
    if _exchange(new, dest):
        os.rename(new, old)  # ``new`` now holds the previous site
    else:
        os.rename(dest, old)
        os.rename(new, dest)


def _build_into(dest: pathlib.Path, builder: str, env: dict | None, kommune, folder: bool) -> None:
    from build_scripts import check, municipality, postbuild, pyodide_bundle, version

    try:
        municipality.check_legacy_environment({**os.environ, **(env or {})})
        cfg = municipality.load(kommune)
    except municipality.ConfigError as exc:
        raise BuildFailed(str(exc)) from None
    problems = check.problems()
    if problems:
        raise BuildFailed("\n".join(problems))
    try:
        about = version.info(ROOT)
    except (OSError, ValueError) as exc:
        raise BuildFailed(str(exc)) from None
    # The extension reads the same file in the builder's process; the address is the builder's.
    env = {**(env or {}), "KOMMUNE_CONFIG": str(pathlib.Path(kommune).resolve()) if kommune else "",
           "SITE_URL": cfg.get("adresse_nettsted", ""), version.ENV: json.dumps(about)}
    forms = site_languages(cfg)
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
    version.write(dest, about)  # before postbuild: the offline copy and the compressed copies include it
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
        english = FOLDER_README_EN if (site / "en" / "index.html").is_file() else ""
        (site / "LES-MEG.txt").write_text(FOLDER_README + english, encoding="utf-8")
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
            made = package(args.mappe.resolve(), kommune=args.kommune)
            print(f"Ferdig: pakken ligger i {made}.")
            return 0
        site = args.site_dir.resolve()
        build(site, args.builder, kommune=args.kommune)
    except BuildFailed as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    print(summary(site))
    return 0


def summary(site: pathlib.Path) -> str:
    """What `make site` says when it is done: where the site is, its version, the roll-back."""
    about = json.loads((site / "version.json").read_text(encoding="utf-8"))
    old = site.with_name(site.name + ".old")
    return (f"Ferdig: nettstedet ligger i {site} (versjon {about['version']})."
            + (f" Forrige bygg ligger i {old}." if old.exists() else ""))


if __name__ == "__main__":
    raise SystemExit(main())
