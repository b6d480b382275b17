"""What happens around the pages, after the builder (MkDocs or Zensical) has written them:
a plain step that `make` runs on the built folder, so it works the same for both builders.

1. Tables that stack into cards on phones and scroll by keyboard (phone_tables.py), on every page.
2. Glossary terms linked where they first appear (glossary.py), except on the glossary itself
   and on the guides (their words are the form's).
3. Pyodide, the engine and the service worker (pyodide_bundle.py).
4. A municipality's colours and logo (municipality.py), when it builds its own copy.
5. Last, brotli and gzip copies of every file that compresses (precompress.py), for the server.

`python -m build_scripts.postbuild SITE_DIR`
"""
from __future__ import annotations

import argparse
import html as htmllib
import os
import pathlib
import posixpath
import re
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import glossary, phone_tables, precompress, pyodide_bundle  # noqa: E402
from build_scripts.serve import SPECULATION_RULES  # noqa: E402

ARTICLE = re.compile(r"(<article\b[^>]*>)(.*?)(</article>)", re.S)
GLOSSARY_PAGE = "ordliste/index.html"


def glossary_page(site: pathlib.Path) -> str:
    """Where the glossary was built: ordliste/index.html, or ordliste.html in a copy for a folder."""
    return GLOSSARY_PAGE if (site / GLOSSARY_PAGE).is_file() else "ordliste.html"


def glossary_terms(site: pathlib.Path) -> dict[str, str]:
    """Term -> anchor, read from the built glossary's headings (the builder made the anchors).
    A heading's `data-former` (ordliste.md: `## Teieplikt { #taushetsplikt data-former="teieplikta" }`)
    lists other forms of the word, separated by «|», linked to the same entry: the definite form
    a sentence uses is often not the headword."""
    page = (site / glossary_page(site)).read_text(encoding="utf-8")
    article = ARTICLE.search(page).group(2)
    found = {}
    for m in re.finditer(r"<h([23])\b([^>]*)>(.*?)</h\1>", article, re.S):
        anchor = re.search(r'\bid="([^"]+)"', m.group(2))
        if not anchor:
            continue
        text = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m.group(3), flags=re.S)).strip()
        forms = re.search(r'\bdata-former="([^"]*)"', m.group(2))
        for term in [htmllib.unescape(text)] + (htmllib.unescape(forms.group(1)).split("|") if forms else []):
            if term.strip():
                found.setdefault(term.strip(), anchor.group(1))
    return found


def _relative(page: pathlib.Path, site: pathlib.Path, target: str) -> str:
    here = posixpath.dirname(page.relative_to(site).as_posix())
    return posixpath.relpath(target, here or ".") + ("/" if target.endswith("/") else "")


def process_pages(site: pathlib.Path, lang: str = "nb", skip: tuple = ()) -> int:
    """Tables and glossary links in one written form's pages (``site``: that form's folder;
    ``skip``: the folders of the other forms inside it)."""
    terms = glossary_terms(site)
    glossary_rel = glossary_page(site)
    # Directory URLs link to the folder; a copy for a folder links to the file itself.
    target = posixpath.dirname(glossary_rel) + "/" if glossary_rel == GLOSSARY_PAGE else glossary_rel
    count = 0
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("assets/", *skip)):
            continue
        text = page.read_text(encoding="utf-8")
        m = ARTICLE.search(text)
        if not m:
            continue
        content = phone_tables.wrap_tables(m.group(2), lang)
        if rel != glossary_rel and "data-guide=" not in content:
            href = _relative(page, site, target)
            content = glossary.link_terms(content, terms, href, lang)
        page.write_text(text[:m.start(2)] + content + text[m.end(2):], encoding="utf-8")
        count += 1
    return count


LOGO = re.compile(r'(<a [^>]*class="md-header__button md-logo"[^>]*>)(.*?)(</a>)', re.S)


TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def municipal_name(site: pathlib.Path, cfg: dict, forms) -> None:
    """The municipality's name in every page's title («Kan jeg dele dette? - Samarbeid rundt barn -
    Eksempel kommune»): a reader with many tabs, or a screen reader, knows whose copy it is. The
    name as each written form (and English) has it: kommune.yml may give one per form. It is
    text, escaped here like every other text from kommune.yml."""
    from build_scripts import municipality

    folders = tuple(where for _, where in forms if where)
    for lang, where in forms:
        suffix = " - " + htmllib.escape(municipality.in_form(cfg, lang)["navn"], quote=False)
        for page in (site / where).rglob("*.html"):
            if not where and page.relative_to(site).as_posix().startswith(folders):
                continue  # another form's page, named in its own form
            text = page.read_text(encoding="utf-8")
            new = TITLE.sub(lambda m: f"<title>{m.group(1).strip()}{suffix}</title>", text, count=1)
            if new != text:
                page.write_text(new, encoding="utf-8")


def municipal_look(site: pathlib.Path, cfg: dict, forms=(("nb", ""),)) -> None:
    """The municipality's colours (css/kommune.css, always there), name (in the titles) and logo
    (in the header)."""
    from build_scripts import municipality

    for css in [site / "css", *(p.parent for p in site.glob("*/css/site.css"))]:
        css.mkdir(exist_ok=True)
        (css / "kommune.css").write_text(municipality.colours_css(cfg), encoding="utf-8")
    if cfg.get("navn"):
        municipal_name(site, cfg, forms)
    if not cfg.get("logo"):
        return
    logo = pathlib.Path(cfg["logo"])
    target = site / "assets" / "kommune" / f"logo{logo.suffix.lower()}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(logo.read_bytes())
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        src = _relative(page, site, target.relative_to(site).as_posix())
        new = LOGO.sub(lambda m: f'{m.group(1)}<img src="{src}" alt="" class="kommune-logo">{m.group(3)}', text, count=1)
        if new != text:
            page.write_text(new, encoding="utf-8")


def server_files(site: pathlib.Path, cfg: dict) -> None:
    """Apache reads .htaccess and IIS web.config from the site's own folder (deploy/ has both,
    and the nginx configuration that goes into the server's). Apache finds the site's path
    itself for its headers; the «page not found» page (both servers) and IIS's Speculation-Rules
    header need the path, so they are added only when the address is known."""
    apache = (ROOT / "deploy" / "htaccess").read_text(encoding="utf-8")
    iis = (ROOT / "deploy" / "web.config").read_text(encoding="utf-8")
    if cfg.get("adresse_nettsted"):
        base = urllib.parse.urlsplit(cfg["adresse_nettsted"]).path.rstrip("/") + "/"
        apache += f"\n# The site's own «page not found» (the build knows the address).\nErrorDocument 404 {base}404.html\n"
        iis = iis.replace('        <add name="Referrer-Policy" value="no-referrer" />\n',
                          '        <add name="Referrer-Policy" value="no-referrer" />\n'
                          f'        <add name="Speculation-Rules" value="&quot;{htmllib.escape(base + SPECULATION_RULES)}&quot;" />\n', 1)
        iis = iis.replace("    <urlCompression ",
                          '    <httpErrors errorMode="Custom" existingResponse="Replace">\n'
                          '      <remove statusCode="404" subStatusCode="-1" />\n'
                          f'      <error statusCode="404" path="{htmllib.escape(base)}404.html" responseMode="ExecuteURL" />\n'
                          "    </httpErrors>\n    <urlCompression ", 1)
    (site / ".htaccess").write_text(apache, encoding="utf-8")
    (site / "web.config").write_text(iis, encoding="utf-8")


def run(site: pathlib.Path, cfg: dict | None = None, engine: bool = True,
        forms: list[tuple[str, str]] = (("nb", ""),)) -> None:
    """``engine=False``: a copy read from a folder, without Pyodide or the service worker.
    ``forms``: each written form and its folder in the site (build.layout)."""
    municipal_look(site, cfg or {}, forms)
    if engine:  # a copy read from a folder has no server to read them
        server_files(site, cfg or {})
    folders = [where for _, where in forms if where]
    for lang, where in forms:
        process_pages(site / where if where else site, lang, () if where else tuple(folders))
    if not engine:
        # Read from a folder: the theme's offline search runs its worker in an iframe (npm
        # iframe-worker, MIT), served from the site like everything else.
        shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
        for _, where in forms:
            (site / where / "js" / "iframe-worker-shim.js").write_text(shim.read_text(encoding="utf-8"), encoding="utf-8")
        return
    pyodide_bundle.bundle(ROOT, site, folders)
    pyodide_bundle.service_worker(ROOT, site, [f"{where}**" for where in folders])
    for where in folders:  # each form's own offline copy, in its folder
        pyodide_bundle.service_worker(ROOT, site / where)
    precompress.run(site)  # last: every file is final now


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    args = parser.parse_args(argv)
    try:
        run(args.site)
    except (pyodide_bundle.BundleError, OSError) as exc:
        sys.stderr.write(f"Etterarbeidet med nettstedet stoppet: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    raise SystemExit(main())
