"""The built site, read as files: strict build, legal links from the registry, nothing from
outside the origin, every page with its sources and date, plain language on families' pages."""
from __future__ import annotations

import html as htmllib
import pathlib
import re
from urllib.parse import unquote, urlparse

import pytest

from build_scripts.readability import lix
from conftest import ROOT, html_pages
from guide_engine import describe
from guide_engine.api import all_ids
from guide_engine.definitions import guide_ids
from guide_engine.laws import normalize_section, registry

LOVDATA_HREF = re.compile(r'href="(https?://(?:www\.)?lovdata\.no/[^"]*)"')
EXTERNAL_SRC = re.compile(r'<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*\bsrc="(?:https?:)?//[^"]+"', re.I)
LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
# <link> kinds the browser fetches (canonical and alternate are only addresses).
FETCHED_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect",
                 "dns-prefetch", "apple-touch-icon"}


def external_resources(text: str) -> list[str]:
    found = [m.group(0) for m in EXTERNAL_SRC.finditer(text)]
    for tag in LINK_TAG.findall(text):
        rel = re.search(r'rel="([^"]+)"', tag)
        href = re.search(r'href="([^"]+)"', tag)
        if rel and href and set(rel.group(1).lower().split()) & FETCHED_LINKS and re.match(r"(?:https?:)?//", href.group(1)):
            found.append(tag)
    return found


def article(path):
    """The page's main article HTML (what the reader reads), without navigation."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r'<article[^>]*>(.*?)</article>', text, re.S)
    return m.group(1) if m else ""


def visible_text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style|noscript)[^>]*>.*?</\1>", " ", fragment, flags=re.S)
    # Sections a guide page folds away for staff (its legal tables and diagram) are not the
    # families' text; their heading says whom they are for.
    fragment = re.sub(r'<details class="for-fagfolk[^"]*">.*?</details>', " ", fragment, flags=re.S)
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", fragment, flags=re.S)
    # Block elements end a sentence-like unit (a heading, a list item, a table cell).
    fragment = re.sub(r"</(h[1-6]|li|td|th|p|legend|label|dt|dd)>", ".\n", fragment)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))


def meta_audience(path) -> str | None:
    m = re.search(r'<meta name="audience" content="([^"]+)"', path.read_text(encoding="utf-8"))
    return m.group(1) if m else None


def test_the_site_builds_strictly_with_every_page(site_dir):
    pages = html_pages(site_dir)
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "veivisere" / "barnekoordinator" / "index.html").is_file()
    assert len(pages) >= 20


def test_every_page_says_whom_it_is_for_and_ends_with_its_sources_and_date():
    """The page's own Markdown holds its footer, so every builder renders it the same way."""
    from guide_engine.api import all_ids

    for md in sorted((ROOT / "docs").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.startswith("veivisere/"):
            guide_id = md.stem
            assert guide_id in all_ids() and f"{{{{ veiviser {guide_id} }}}}" in text, rel
            continue
        front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
        assert front, f"{rel}: front matter"
        assert re.search(r"^title: .+", front.group(1), re.M) and re.search(r"^description: .+", front.group(1), re.M), rel
        assert re.search(r"^audience: (familie|tjenester|kommune|alle)$", front.group(1), re.M), rel
        assert "## Kilder { #kilder }" in text and re.search(r"\{\{ sist-oppdatert \d{4}-\d{2}-\d{2} \}\}", text), rel


def _language_of(page, site_dir) -> str:
    """The written form or language a built page is in, from its folder (nn/, en/; bokmål at the top)."""
    first = page.relative_to(site_dir).parts[0]
    return first if first in ("nn", "en") else "nb"


def test_every_page_has_its_sources_and_last_updated_date(site_dir):
    from build_scripts.ui import t

    date = r"\d{1,2}\.? [A-Za-zæøå]+ \d{4}"  # «6. desember 2026», «6 December 2026»
    for page in html_pages(site_dir):
        body = article(page)
        assert 'id="kilder"' in body, page
        updated = re.escape(t(_language_of(page, site_dir), "page.updated", date="DATE")).replace("DATE", date)
        assert re.search(updated, body), page
    # Guide pages and pages that cite a section say when the law text was last checked.
    for guide_id in all_ids():
        body = article(site_dir / "veivisere" / guide_id / "index.html")
        assert re.search(r"Lovteksten sist kontrollert: \d{1,2}\. [a-zæøå]+ \d{4}", body), guide_id
    assert "Lovteksten sist kontrollert" in article(site_dir / "tjenester" / "samarbeid" / "index.html")


def test_every_lovdata_link_points_to_a_law_and_section_the_registry_knows(site_dir):
    laws = {law.date_number: law for law in registry().values() if law.kind in ("lov", "forskrift")}
    seen = 0
    for page in html_pages(site_dir):
        for href in LOVDATA_HREF.findall(page.read_text(encoding="utf-8")):
            path = unquote(urlparse(htmllib.unescape(href)).path)
            m = (re.fullmatch(r"/(?:lov|forskrift)/([\d-]+)/§(.+)", path)
                 or re.fullmatch(r"/dokument/(?:NL/lov|SF/forskrift)/([\d-]+)", path))
            assert m, f"{page}: unexpected Lovdata address {href}"
            law = laws.get(m.group(1))
            assert law, f"{page}: law {m.group(1)} is not in the registry"
            if m.lastindex == 2:
                assert normalize_section(m.group(2)) in law.provisions, f"{page}: {law.name} § {m.group(2)}"
            seen += 1
    assert seen > 100


def test_no_page_is_written_with_a_lovdata_address_by_hand():
    for md in (ROOT / "docs").rglob("*.md"):
        assert "lovdata.no" not in md.read_text(encoding="utf-8"), f"{md}: write [[law § section]] instead"


def test_nothing_in_the_built_site_loads_from_another_origin(site_dir):
    for page in site_dir.rglob("*.html"):
        found = external_resources(page.read_text(encoding="utf-8"))
        assert not found, f"{page}: {found}"
    for css in site_dir.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|fonts\.googleapis", css.read_text(encoding="utf-8")), css


def test_search_works_in_norwegian_from_the_site_itself(site_dir):
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["no"]' in index.replace(" ", "")
    assert "barnekoordinator" in index and "samordningsplikt" in index
    assert list(site_dir.glob("assets/javascripts/lunr/min/lunr.no*.js")), "Norwegian stemmer must ship with the site"


def test_generated_tables_replace_every_placeholder(site_dir):
    for page in html_pages(site_dir):
        assert "lovtabell" not in page.read_text(encoding="utf-8"), page
    lov = (site_dir / "tjenester" / "lovendringene-2022" / "index.html").read_text(encoding="utf-8")
    reform_laws = [law for law in registry().values() if law.reform]
    assert len(reform_laws) == 14
    for law in reform_laws:
        assert law.url in lov, law.name


FAMILY_PAGES = sorted(p.relative_to(ROOT / "docs").with_suffix("").as_posix()
                      for p in (ROOT / "docs").rglob("*.md") if "audience: familie" in p.read_text(encoding="utf-8"))


def _built(site_dir, rel):
    rel = rel[:-len("/index")] if rel.endswith("/index") else rel
    return site_dir / rel / "index.html"


# The glossary is for everyone, but every family page links to it, so it is held to the same limit.
@pytest.mark.parametrize("rel", FAMILY_PAGES + ["ordliste"]
                         + [f"veivisere/{g}" for g in all_ids() if describe(g)["audience"] != "tjenester"])
def test_families_pages_are_plain_language(site_dir, rel):
    score = lix(visible_text(article(_built(site_dir, rel))))
    print(f"LIX {score:5.1f}  {rel}")
    assert score <= 40, f"{rel}: LIX {score:.1f} (families' pages must be 40 or lower)"


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("guide_id", guide_ids())
def test_guide_texts_are_plain_language(guide_id, lang):
    doc = describe(guide_id, lang)
    texts = [doc["intro"], *doc["summary"].values()]
    texts += [t for q in doc["questions"] for t in (q["text"], q["help"])]
    texts += [t for c in doc["conditions"] for t in (c["title"], c["about"], c["otherwise"], *(k["because"] for k in c["cases"]))]
    texts += [n["text"] for n in doc["notes"]] + [s["text"] for s in doc["next_steps"]]
    texts += [t for x in doc["letters"] for t in (x["subject"], x["request"], x["closing"])]
    score = lix("\n\n".join(texts))
    print(f"LIX {score:5.1f}  guide texts: {guide_id} ({lang})")
    assert score <= 40


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_what_families_read_from_the_law_registry_is_plain(lang):
    """A guide for families shows the provisions of its registry lists in their plain version."""
    from guide_engine.laws import in_language, provisions_for

    plain, missing = {}, []
    for guide_id in all_ids():
        doc = describe(guide_id, lang)
        if doc["audience"] == "tjenester":
            continue
        for lst in doc.get("lists", []):
            for p in provisions_for(lst["provides"]):
                text = in_language(p, lang).plain
                if text:
                    plain[p.label] = text
                else:
                    missing.append(f"{guide_id}/{lst['id']}: {p.label}")
    assert missing == [], f"uten «plain» på {lang}: {missing}"
    score = lix("\n\n".join(plain.values()))
    print(f"LIX {score:5.1f}  the registry's plain summaries ({lang}, {len(plain)})")
    assert score <= 40


STAFF_LIX_CEILING = 50  # staff read professional text, but it should stay plain


def test_staff_and_municipal_pages_stay_readable(site_dir):
    scores = {}
    for page in html_pages(site_dir):
        rel = page.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("tjenester", "kommune")):
            scores[rel] = lix(visible_text(article(page)))
            print(f"LIX {scores[rel]:5.1f}  {rel} (staff)")
    assert scores, "no staff or municipal pages were found"
    assert {rel: s for rel, s in scores.items() if s > STAFF_LIX_CEILING} == {}


def test_glossary_terms_are_linked_to_their_entries(site_dir):
    ids = {}  # each language's glossary: its entries
    for lang, folder in (("nb", site_dir), ("nn", site_dir / "nn"), ("en", site_dir / "en")):
        ordliste = (folder / "ordliste" / "index.html").read_text(encoding="utf-8")
        ids[lang] = set(re.findall(r'\bid="([^"]+)"', ordliste))
    linked = 0
    for page in html_pages(site_dir):
        for anchor in re.findall(r'<a class="ordliste" href="[^"#]*ordliste/#([^"]+)"', page.read_text(encoding="utf-8")):
            assert anchor in ids[_language_of(page, site_dir)], f"{page}: #{anchor} is not an entry in its glossary"
            linked += 1
    assert linked > 30
    # Only the first mention of a term on a page is linked.
    family = (site_dir / "familie" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    assert family.count('ordliste/#koordinerende-enhet"') == 1
    # Other forms of a word (the glossary heading's data-former) link to the same entry: a
    # sentence often says «teieplikta», not the headword «Teieplikt».
    staff = (site_dir / "nn" / "tjenester" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="ordliste" href="[^"#]*ordliste/#taushetsplikt"[^>]*>teieplikta</a>', staff)


def test_table_cells_carry_their_column_heading_for_phones(site_dir):
    page = (site_dir / "familie" / "klage" / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<div class="table-region"[^>]*><table>.*?</table></div>', page, re.S)
    assert table, "tables sit in a focusable region to stack on phones"
    assert 'data-label="Klagen går til"' in table.group(0)
    assert table.group(0).count("<tr>") >= 2
    assert "role=" not in table.group(0).split("<table>", 1)[1], "no ARIA roles on a table's own elements"


def test_every_guide_page_has_its_legal_tables_diagram_and_audience(site_dir):
    for guide_id in guide_ids():
        doc = describe(guide_id)
        page = (site_dir / "veivisere" / guide_id / "index.html").read_text(encoding="utf-8")
        assert 'class="guide-audience"' in page, guide_id
        assert "<svg" in page and 'aria-label="Diagram over veiviseren"' in page, guide_id
        assert "q:" not in re.sub(r"<script.*?</script>", "", page, flags=re.S).split('class="guide-diagram')[1], guide_id
        for lst in doc["lists"]:
            assert f'id="liste-{lst["id"]}"' in page, (guide_id, lst["id"])


def test_the_developers_page_lists_every_guide_and_question(site_dir):
    page = (site_dir / "utviklere" / "index.html").read_text(encoding="utf-8")
    for guide_id in guide_ids():
        doc = describe(guide_id)
        assert f"<code>{guide_id}</code>" in page
        for q in doc["questions"]:
            assert f"<code>{q['id']}</code>" in page, q["id"]
        for item in [*doc["notes"], *doc["next_steps"], *doc["letters"], *doc["lists"]]:
            assert f"<code>{item['id']}</code>" in page, item["id"]


NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*(?:<[^>]+>\s*)*([^<]*?)\s*<')


def nav_links(page: pathlib.Path) -> dict[str, str]:
    """The page's navigation: address -> title."""
    return {href: htmllib.unescape(title) for href, title in NAV_LINK.findall(page.read_text(encoding="utf-8"))}


def test_every_guide_is_in_both_forms_navigation_with_its_title_in_that_form(site_dir):
    """The entries are made from the guide folders (build_scripts/guide_nav.py), not written by hand."""
    from build_scripts.guide_nav import titles

    for lang, folder in (("nb", site_dir), ("nn", site_dir / "nn")):
        links = nav_links(folder / "index.html")
        assert {g: links.get(f"veivisere/{g}/") for g in all_ids()} == titles(lang), lang


