"""MkDocs hooks: thin glue that calls the generators. Each handler does one thing.

- on_config: check every guide (loads, sound) before anything is built
- on_files: add the generated guide pages from a temporary folder (never written into docs/)
- on_page_markdown: law tables, the guides' reference, legal links, and the «Kilder» / «Sist oppdatert» footer
- on_page_content: keyboard-reachable table regions, glossary links
- on_post_build: Pyodide and the engine wheel into the site, then the service worker
"""
from __future__ import annotations

import atexit
import pathlib
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from build_scripts import glossary, guide_page, guide_reference, law_tables, legal_refs, page_meta, pyodide_bundle, tables  # noqa: E402
from guide_engine.api import all_ids  # noqa: E402
from guide_engine.definitions import guide_ids, load_guide  # noqa: E402
from guide_engine.soundness import check  # noqa: E402
from guide_engine.errors import GuideDefinitionError  # noqa: E402

GUIDE_DIR = "veivisere"
_state: dict = {}


def _nav_files(items) -> set:
    found = set()
    for item in items or []:
        values = item.values() if isinstance(item, dict) else [item]
        for v in values:
            found |= _nav_files(v) if isinstance(v, list) else {v}
    return found


def on_config(config):
    missing = [g for g in all_ids() if f"{GUIDE_DIR}/{g}.md" not in _nav_files(config.nav)]
    if missing:
        raise PluginError("veiviser uten side i navigasjonen (mkdocs.yml, nav): " + ", ".join(missing))
    try:
        for guide_id in guide_ids():
            problems = check(load_guide(guide_id))
            if problems:
                raise PluginError(f"veiviseren «{guide_id}» er ikke sunn:\n" + "\n".join(problems[:5]))
    except GuideDefinitionError as exc:
        raise PluginError(f"ugyldig definisjon: {exc}") from None
    try:
        config.extra["pyodide"] = pyodide_bundle.site_folder(ROOT)
    except pyodide_bundle.BundleError as exc:
        raise PluginError(str(exc)) from None
    if "tmp" not in _state:
        _state["tmp"] = pathlib.Path(tempfile.mkdtemp(prefix="veivisere-"))
        atexit.register(shutil.rmtree, _state["tmp"], ignore_errors=True)
    return config


def on_files(files, config):
    kommune = config.extra.get("kommune") or {}
    for guide_id in all_ids():
        src_uri = f"{GUIDE_DIR}/{guide_id}.md"
        path = _state["tmp"] / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(guide_page.render(guide_id, kommune, config.extra["pyodide"]), encoding="utf-8")
        files.append(File(src_uri, str(_state["tmp"]), config.site_dir, config.use_directory_urls))
    ordliste = files.get_file_from_path("ordliste.md")
    _state["ordliste"] = ordliste
    return files


def on_page_markdown(markdown, page, config, files):
    where = page.file.src_uri
    try:
        page_meta.check(page.meta, where)
        markdown = guide_reference.expand(law_tables.expand(markdown, where), where) + page_meta.footer(page.meta)
        return legal_refs.expand(markdown, where)
    except (ValueError, page_meta.MissingMeta) as exc:
        raise PluginError(str(exc)) from None


def on_page_content(html, page, config, files):
    return _link_glossary(tables.wrap_tables(html), page, config)


def _link_glossary(html, page, config):
    ordliste = _state.get("ordliste")
    if ordliste is None or page.file is ordliste or page.meta.get("guide"):
        return html
    if "terms" not in _state:
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        if slugify is None:
            from markdown.extensions.toc import slugify as md_slugify
            slugify = md_slugify
        _state["terms"] = glossary.terms(pathlib.Path(ordliste.abs_src_path).read_text(encoding="utf-8"),
                                         lambda t: slugify(t, "-"))
    href = ordliste.url_relative_to(page.file)
    return glossary.link_terms(html, _state["terms"], href)


def on_post_build(config):
    try:
        pyodide_bundle.bundle(ROOT, pathlib.Path(config.site_dir))
        pyodide_bundle.service_worker(ROOT, pathlib.Path(config.site_dir))
    except pyodide_bundle.BundleError as exc:
        raise PluginError(str(exc)) from None
