"""Bokmål and nynorsk: every text in both forms, the engine answering in the chosen form with the
same rules and error codes, no tell-tale forms of the other written form, plain language in both,
and the link from every page to the same page in the other form."""
from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import tomllib

import pytest

from build_scripts.check import missing_twins
from build_scripts.readability import lix
from conftest import ROOT, html_pages, input_errors, key_shape, load_case_files, strings
from guide_engine import GuideInputError, describe, evaluate
from guide_engine.api import all_ids
from guide_engine.laws import LAW_TEXT_FIELDS, PROVISION_TEXT_FIELDS, in_language, registry, translations
from test_site_build import article, visible_text

ENGINE = ROOT / "guide_engine"
# Forms that give the other written form away (the list and a few more that are never
# right in the other form). Whole words, any case.
BOKMAL_ONLY = ("ikke", "hva", "hvem", "hvordan", "hvor", "dere", "deres", "jeg", "hvis", "noen", "noe",
               "mye", "fra", "uten", "sammen", "bare",
               # present tense and plurals in -er where nynorsk has -ar (brukar, klarar, avtalar, klagar);
               # none of them is a nynorsk word in any sense
               "bruker", "klarer", "avtaler", "klager")
NYNORSK_ONLY = ("ikkje", "kva", "kven", "korleis", "kvifor", "eg", "dykk", "dykkar", "berre", "frå",
                "nokon", "noko", "mykje", "saman", "utan")



def _pairs():
    for folder in sorted((ENGINE / "guides").iterdir()):
        if (folder / "texts.nb.toml").is_file():
            yield f"guides/{folder.name}", folder / "texts.nb.toml", folder / "texts.nn.toml"
    yield "messages", ENGINE / "messages.nb.toml", ENGINE / "messages.nn.toml"
    yield "ui", ROOT / "build_scripts" / "ui.nb.toml", ROOT / "build_scripts" / "ui.nn.toml"


@pytest.mark.parametrize("name,nb,nn", list(_pairs()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_text_has_its_nynorsk_twin_and_the_reverse(name, nb, nn):
    assert nn.is_file(), f"{name}: {nn.name} mangler"
    a, b = key_shape(tomllib.loads(nb.read_text(encoding="utf-8"))), key_shape(tomllib.loads(nn.read_text(encoding="utf-8")))
    assert (sorted(a - b), sorted(b - a)) == ([], []), f"{name}: mangler på nynorsk {sorted(a - b)}, bare på nynorsk {sorted(b - a)}"


def test_every_registry_text_and_service_has_its_nynorsk_twin():
    missing, extra = [], []
    nn = translations("nn")
    for law in registry().values():
        texts = nn.get(law.key, {})
        for field in LAW_TEXT_FIELDS:
            if field == "name" or getattr(law, field):
                (missing if field not in texts else []).append(f"{law.key}.{field}")
        for section, p in law.provisions.items():
            own = texts.get("provisions", {}).get(section, {})
            wanted = {f for f in PROVISION_TEXT_FIELDS if getattr(p, f)}
            missing += [f"{law.key} § {section}.{f}" for f in sorted(wanted - set(own))]
            extra += [f"{law.key} § {section}.{f}" for f in sorted(set(own) - wanted)]
        extra += [f"{law.key} § {s}" for s in sorted(set(texts.get("provisions", {})) - set(law.provisions))]
    services_nn = tomllib.loads((ENGINE / "services.nn.toml").read_text(encoding="utf-8"))["services"]
    services_nb = {s["id"] for s in tomllib.loads((ENGINE / "services.toml").read_text(encoding="utf-8"))["services"]}
    missing += [f"services.{s}" for s in sorted(services_nb - set(services_nn))]
    extra += [f"services.{s}" for s in sorted(set(services_nn) - services_nb)]
    assert (missing, extra) == ([], []), f"mangler på nynorsk: {missing}; uten bokmålstekst: {extra}"


# Publications that exist in bokmål only: nynorsk texts keep the official title, marked lang="nb"
# (emphasis with { lang="nb" } on pages, «quoted» in the registry); a nynorsk rendering may stand
# once, quoted, in the list of sources (kilder).
BOKMAL_ONLY_TITLES = {"Samarbeid om tjenester til barn, unge og deres familier":
                      "Samarbeid om tenester til barn, unge og familiane deira"}


@pytest.mark.parametrize("title", BOKMAL_ONLY_TITLES)
def test_a_title_published_in_bokmal_only_is_kept_and_marked_in_nynorsk(title):
    rendering = BOKMAL_ONLY_TITLES[title]
    unmarked, translated = [], []
    for page in sorted((ROOT / "docs-nn").rglob("*.md")):
        text = " ".join(page.read_text(encoding="utf-8").split())  # a title may wrap
        for m in re.finditer(re.escape(title), text):
            if not (text[:m.start()].endswith("*") and re.match(r'\*{1,2}\{ lang="nb" \}', text[m.end():])):
                unmarked.append(page.name)
        allowed = 1 if page.name == "kilder.md" and f"«{rendering}»" in text else 0
        if text.count(rendering) > allowed:
            translated.append(page.name)
    assert (unmarked, translated) == ([], [])
    names = [in_language(law, "nn").name for law in registry().values() if title in law.name]
    assert names and all(f"«{title}»" in n and rendering not in n for n in names), names


def test_every_page_exists_in_both_forms():
    assert missing_twins() == []


def test_the_twin_check_names_a_missing_page(tmp_path):
    for d in ("docs", "docs-nn"):
        (tmp_path / d / "familie").mkdir(parents=True)
        (tmp_path / d / "familie" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "docs" / "familie" / "ny.md").write_text("# ny\n", encoding="utf-8")
    assert missing_twins(tmp_path) == [("familie/ny.md", "docs-nn")]


# --- the engine in the chosen form ---------------------------------------------------------

# Each guide's richest case (the most answers), from its case file: no table per guide here.
ANSWERS = {g: max(f["cases"], key=lambda c: len(c["answers"]))["answers"] for g, f in load_case_files().items()}


def _structure(value):
    """The result without its words: ids, statuses, codes, addresses, answers."""
    if isinstance(value, dict):
        return {k: _structure(v) for k, v in value.items()
                if k not in {"title", "text", "help", "summary", "verdict", "disclaimer", "because", "about",
                             "label", "label_status", "intro", "empty", "subject", "request", "closing", "frame",
                             "complaint", "answer", "message", "lang", "plain", "duties_heading",
                             "result_question", "complaint_to"}}
    if isinstance(value, list):
        return [_structure(v) for v in value]
    return value


@pytest.mark.parametrize("guide_id", all_ids())
def test_the_rules_are_written_once_and_only_the_words_differ(guide_id):
    nb, nn = evaluate(guide_id, ANSWERS[guide_id]), evaluate(guide_id, ANSWERS[guide_id], lang="nn")
    assert _structure(nb) == _structure(nn)
    assert (nb["lang"], nn["lang"]) == ("nb", "nn")
    assert json.dumps(nb, ensure_ascii=False) != json.dumps(nn, ensure_ascii=False)
    assert describe(guide_id, "nn")["lang"] == "nn" and describe(guide_id)["title"] == nb["title"]


def test_errors_keep_their_codes_in_both_forms():
    got = input_errors("barnekoordinator", {"venter_barn": "kanskje", "barnets_alder": 4.5, "ukjent": 1}, ("nb", "nn"))
    assert [(e["field"], e["code"]) for e in got["nb"]] == [(e["field"], e["code"]) for e in got["nn"]]
    assert all(a["message"] != b["message"] for a, b in zip(got["nb"], got["nn"]))
    assert "ikkje" in got["nn"][0]["message"] and "ikke" in got["nb"][0]["message"]
    with pytest.raises(GuideInputError) as exc:
        evaluate("barnekoordinator", {}, lang="se")
    assert exc.value.errors[0]["code"] == "unknown_language" and exc.value.errors[0]["field"] == "lang"


def _cli(*args, stdin: str = "") -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "guide_engine", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)
    return proc.returncode, json.loads(proc.stdout)


def test_the_command_line_takes_the_written_form():
    doc = json.dumps({"answers": ANSWERS["barnekoordinator"]})
    code, out = _cli("evaluate", "barnekoordinator", "--lang", "nn", stdin=doc)
    assert code == 0 and out == evaluate("barnekoordinator", ANSWERS["barnekoordinator"], lang="nn")
    code, out = _cli("evaluate", "barnekoordinator", stdin=doc)
    assert code == 0 and out["lang"] == "nb"
    code, out = _cli("--lang=nn", "describe", "samarbeid")
    assert code == 0 and out["title"] == describe("samarbeid", "nn")["title"]
    code, out = _cli("list", "--lang", "nynorsk")
    assert code == 2 and out["errors"][0]["code"] == "unknown_language"
    code, out = _cli("evaluate", "barnekoordinator", "--lang", "nn", stdin="{ikkje json")
    assert code == 2 and out["errors"][0]["code"] == "invalid_json" and "ikkje" in out["errors"][0]["message"]


# --- tell-tales -----------------------------------------------------------------------------


def _tell_tales(text: str, words) -> list[str]:
    text = re.sub(r"\[\[[^\]]*\]\]|«[^»]*»(?=\s*\()", " ", text)  # references; a quoted title before its source
    return sorted({m.group(0).lower() for m in re.finditer(r"(?<![\wæøå-])(" + "|".join(words) + r")(?![\wæøå-])", text, re.I)})


def _engine_texts(lang: str):
    files = [*(ENGINE / "guides").glob(f"*/texts.{lang}.toml"), ENGINE / f"messages.{lang}.toml",
             ROOT / "build_scripts" / f"ui.{lang}.toml"]
    files += [ENGINE / "services.nn.toml", *(ENGINE / "laws" / "nn").glob("*.toml")] if lang == "nn" else \
             [ENGINE / "services.toml", *(ENGINE / "laws").glob("*.toml")]
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if path.parent.name == "laws" or path.name == "services.toml":  # only the texts people read
            data = {k: v for k, v in data.items() if k in LAW_TEXT_FIELDS or k in ("services", "provisions")}
            data["provisions"] = [{k: v for k, v in p.items() if k in PROVISION_TEXT_FIELDS}
                                  for p in data.get("provisions", [])]
            if path.name == "services.toml":
                data = [{k: s[k] for k in ("label", "examples")} for s in data["services"]]
        yield path.relative_to(ROOT).as_posix(), data


@pytest.mark.parametrize("lang,words", [("nn", BOKMAL_ONLY), ("nb", NYNORSK_ONLY)])
def test_engine_and_site_texts_have_no_tell_tales_of_the_other_form(lang, words):
    found = {name: hits for name, data in _engine_texts(lang)
             if (hits := _tell_tales("\n".join(strings(data)), words))}
    assert found == {}


def _page_text(page: pathlib.Path, lang: str) -> str:
    html = article(page)
    # A quotation in the other form is marked as such (lang="…", WCAG 3.1.2); code is not prose.
    other = "nb" if lang == "nn" else "nn"
    html = re.sub(r"<(code|pre|script|style|svg)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(rf'<(\w+)[^>]*\blang="{other}"[^>]*>.*?</\1>', " ", html, flags=re.S)
    return visible_text(html)


def _pages(site: pathlib.Path, lang: str) -> list[pathlib.Path]:
    pages = html_pages(site)
    return [p for p in pages if _language_of(site, p) == lang]


def _language_of(site: pathlib.Path, page: pathlib.Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in ("nn", "en") else "nb"


@pytest.mark.parametrize("lang,words", [("nn", BOKMAL_ONLY), ("nb", NYNORSK_ONLY)])
def test_built_pages_have_no_tell_tales_of_the_other_form(site_dir, lang, words):
    found = {p.relative_to(site_dir).as_posix(): hits for p in _pages(site_dir, lang)
             if (hits := _tell_tales(_page_text(p, lang), words))}
    assert found == {}


def test_each_form_says_which_it_is(site_dir):
    for lang in ("nb", "nn"):
        for page in _pages(site_dir, lang):
            assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), page


# --- plain language in nynorsk --------------------------------------------------------------

FAMILY_PAGES = sorted(p.relative_to(ROOT / "docs-nn").with_suffix("").as_posix()
                      for p in (ROOT / "docs-nn").rglob("*.md") if "audience: familie" in p.read_text(encoding="utf-8"))


# The glossary is for everyone, but every family page links to it, so it is held to the same limit.
@pytest.mark.parametrize("rel", FAMILY_PAGES + ["ordliste"]
                         + [f"veivisere/{g}" for g in all_ids() if describe(g)["audience"] != "tjenester"])
def test_families_nynorsk_pages_are_plain_language(site_dir, rel):
    rel = rel[:-len("/index")] if rel.endswith("/index") else rel
    score = lix(visible_text(article(site_dir / "nn" / rel / "index.html")))
    print(f"LIX {score:5.1f}  nn/{rel}")
    assert score <= 40, f"nn/{rel}: LIX {score:.1f} (families' pages must be 40 or lower)"


# The guides' own texts in nynorsk: test_site_build.py's plain-language test runs in both forms.


# --- the link to the other form -------------------------------------------------------------

SWITCH = re.compile(r'<a class="malform__lenke" href="([^"]+)" hreflang="(nb|nn|en)" lang="\2">([^<]+)</a>')
FOLDERS = {"nb": "", "nn": "nn/", "en": "en/"}
NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def test_every_page_links_to_the_same_page_in_the_other_languages_and_back(site_dir):
    """Each page links to its twin in the other languages; a Norwegian page that has no English
    twin (pages for staff and municipalities) links to the English front page."""
    for page in html_pages(site_dir):
        lang = _language_of(site_dir, page)
        rel = page.relative_to(site_dir / FOLDERS[lang]) if FOLDERS[lang] else page.relative_to(site_dir)
        links = {m.group(2): m for m in SWITCH.finditer(page.read_text(encoding="utf-8"))}
        assert set(links) == set(FOLDERS) - {lang}, f"{page.relative_to(site_dir)}: {sorted(links)}"
        for other, m in links.items():
            target = (page.parent / m.group(1)).resolve() / "index.html"
            twin = site_dir / FOLDERS[other] / rel
            assert m.group(3) == NAMES[other]
            if not twin.is_file():
                assert other == "en" and target == (site_dir / "en" / "index.html").resolve(), (page, m.group(1))
                continue
            assert target == twin.resolve(), (page, m.group(1))
            back = {b.group(2): b.group(1) for b in SWITCH.finditer(target.read_text(encoding="utf-8"))}
            assert (target.parent / back[lang]).resolve() == page.parent.resolve(), page


def test_search_works_in_each_form_with_the_norwegian_language(site_dir):
    for folder, words in (("", ("hvordan", "tjenestene")), ("nn/", ("korleis", "tenestene"))):
        index = json.loads((site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == ["no"]
        text = " ".join(d["text"] + " " + d["title"] for d in index["docs"]).lower()
        assert all(w in text for w in words), folder
        assert list((site_dir / folder).glob("assets/javascripts/lunr/min/lunr.no*.js")), folder
