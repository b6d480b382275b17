"""English for families who do not read Norwegian: the family guides answer in English with the
same rules and error codes, the staff guide says clearly that it is Norwegian only, the letter
stays Norwegian with an English rendering beside it, every text exists, Norwegian legal terms are
explained where they first appear, and every English text is plain (Flesch–Kincaid grade 8)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest

from build_scripts.readability import flesch_kincaid_grade
from conftest import ROOT, input_errors, key_shape, load_case_files
from guide_engine import GuideDefinitionError, GuideInputError, describe, evaluate, list_guides
from guide_engine import data_files, languages as languages_module
from guide_engine.api import all_ids
from guide_engine.cli import read_document
from guide_engine.definitions import load_guide, parse_guide
from guide_engine.languages import languages
from guide_engine.laws import LAW_TEXT_FIELDS, PROVISION_TEXT_FIELDS, in_language, provisions_for, registry, translations

ENGINE = ROOT / "guide_engine"
FAMILY_GUIDES = ("familien", "barnekoordinator", "individuell_plan", "samarbeid")
STAFF_GUIDES = tuple(g for g in all_ids() if g not in FAMILY_GUIDES)  # not in English (the staff read Norwegian)
CASE_FILES = load_case_files()
CASES = [(g, i, c) for g, f in CASE_FILES.items() if g in FAMILY_GUIDES for i, c in enumerate(f.get("cases", []))]
ERRORS = [(g, c) for g, f in CASE_FILES.items() for c in f.get("errors", []) if c.get("guide", g) not in STAFF_GUIDES]
GRADE_LIMIT = 8  # Flesch–Kincaid grade: CONTRIBUTING.md «Plain English»
LONGEST_SENTENCE = 25  # words: short sentences
# The Norwegian terms a family must be able to use with the municipality: the first time one
# appears in a text, a plain English explanation follows in brackets.
TERMS = ("barnekoordinator", "individuell plan", "koordinator", "koordinerende enhet", "Statsforvalteren",
         "vedtak", "barnevernet", "Nav")



def _toml(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- every text exists ---------------------------------------------------------------------------

def test_the_family_guides_are_in_english_and_the_staff_guide_is_not():
    assert {g: "en" in languages(g) for g in all_ids()} == {g: g in FAMILY_GUIDES for g in all_ids()}
    assert [g["id"] for g in list_guides("en")] == [g for g in all_ids() if g in FAMILY_GUIDES]


@pytest.mark.parametrize("guide_id", FAMILY_GUIDES)
def test_every_text_of_a_family_guide_is_in_english_and_the_reverse(guide_id):
    folder = ENGINE / "guides" / guide_id
    nb, en = key_shape(_toml(folder / "texts.nb.toml")), key_shape(_toml(folder / "texts.en.toml"))
    assert (sorted(nb - en), sorted(en - nb)) == ([], []), "missing in English, only in English"


def test_every_message_is_in_english():
    nb, en = key_shape(_toml(ENGINE / "messages.nb.toml")), key_shape(_toml(ENGINE / "messages.en.toml"))
    assert sorted(nb - en) == []
    # Only English says which letter to send, and documents the fields only English has.
    assert sorted(en - nb) == ["composite_shape.letter_translation", "result_shape.letter_translation",
                               "translation", "translation.letter_note"]


def test_every_service_is_in_english():
    nb = [s["id"] for s in _toml(ENGINE / "services.toml")["services"]]
    en = _toml(ENGINE / "services.en.toml")["services"]
    assert sorted(en) == sorted(nb) and all(set(en[s]) == {"label", "examples"} for s in en)


def _family_provisions():
    """The registry's provisions a family guide can show: its lists'."""
    seen = {}
    for guide_id in FAMILY_GUIDES:
        for lst in describe(guide_id).get("lists", []):
            for p in provisions_for(lst["provides"]):
                seen[(p.law.key, p.section)] = p
    return seen


def test_what_the_family_guides_show_from_the_law_registry_is_in_english():
    en, shown = translations("en"), _family_provisions()
    missing = [f"{k} § {s}.{f}" for (k, s), p in shown.items() for f in ("summary", "plain", "complaint_to")
               if getattr(p, f) and f not in en.get(k, {}).get("provisions", {}).get(s, {})]
    assert missing == []
    extra = [f"{k} § {s}" for k, law in en.items() for s in law.get("provisions", {}) if (k, s) not in shown]
    assert extra == [], "English for a provision no family guide shows"
    # Texts only, in the fields the registry translates; the law's name stays Norwegian, since
    # that is how it is cited (in the Norwegian letter too).
    for key, law in en.items():
        assert set(law) <= (set(LAW_TEXT_FIELDS) - {"name"}) | {"provisions"}, key
        for section, texts in law.get("provisions", {}).items():
            assert set(texts) <= set(PROVISION_TEXT_FIELDS), f"{key} § {section}"
            assert section in registry()[key].provisions, f"{key} § {section}"


def test_the_loader_requires_every_english_text(tmp_path):
    folder = ENGINE / "guides" / "barnekoordinator"
    texts = _toml(folder / "texts.en.toml")
    del texts["notes"]["kartlegging"]
    with pytest.raises(GuideDefinitionError, match="notes.kartlegging"):
        parse_guide("barnekoordinator", _toml(folder / "rules.toml"), texts, "en")


def test_a_composite_in_english_needs_every_part_in_english(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ENGINE / "guides", tmp_path / "guides")
    (tmp_path / "guides" / "samarbeid" / "texts.en.toml").unlink()
    monkeypatch.setattr(data_files, "HERE", str(tmp_path))
    languages_module.languages.cache_clear()
    try:
        assert languages("samarbeid") == ("nb", "nn")
        with pytest.raises(GuideDefinitionError, match="samarbeid"):
            languages("familien")
        (tmp_path / "guides" / "deling" / "texts.nn.toml").unlink()
        with pytest.raises(GuideDefinitionError, match="texts.nn.toml"):
            languages("deling")
    finally:
        languages_module.languages.cache_clear()


# --- the same rules in English ---------------------------------------------------------------------

ONLY_ENGLISH = {"letter_translation", "letter_text"}
WORDS = {"title", "text", "help", "summary", "verdict", "disclaimer", "because", "about", "label",
         "label_status", "intro", "empty", "subject", "request", "closing", "frame", "complaint", "answer",
         "message", "lang", "plain", "duties_heading", "result_question", "examples", "complaint_to"}


def _structure(value):
    """The result without its words and without what only English has."""
    if isinstance(value, dict):
        return {k: _structure(v) for k, v in value.items() if k not in WORDS | ONLY_ENGLISH}
    if isinstance(value, list):
        return [_structure(v) for v in value]
    return value


@pytest.mark.parametrize("guide_id,i,case", CASES, ids=[f"{g}-{i}" for g, i, _ in CASES])
def test_english_answers_have_the_norwegian_status_and_path(guide_id, i, case):
    nb, en = evaluate(guide_id, case["answers"]), evaluate(guide_id, case["answers"], lang="en")
    assert (en["lang"], en.get("status"), en["asked_questions"], en["next_questions"]) == \
        ("en", nb.get("status"), nb["asked_questions"], nb["next_questions"])
    for part_nb, part_en in zip(nb.get("parts", [nb]), en.get("parts", [en])):
        assert part_en["status"] == part_nb["status"]
        assert [(c["id"], c["status"], c["case"]) for c in part_en["conditions"]] == \
            [(c["id"], c["status"], c["case"]) for c in part_nb["conditions"]]
        assert [n["id"] for n in part_en["notes"]] == [n["id"] for n in part_nb["notes"]]
    assert [r["id"] for r in en.get("requests", [])] == [r["id"] for r in nb.get("requests", [])]
    assert _structure(en) == _structure(nb)  # every id, status, source, answer: all but the words


@pytest.mark.parametrize("guide_id,i,case", CASES, ids=[f"{g}-{i}" for g, i, _ in CASES])
def test_the_letter_stays_norwegian_with_an_english_rendering(guide_id, i, case):
    nb, en = evaluate(guide_id, case["answers"]), evaluate(guide_id, case["answers"], lang="en")
    for r_nb, r_en in zip(nb.get("parts", []) + [nb], en.get("parts", []) + [en]):
        assert r_en["letter"] == r_nb["letter"]  # word for word the bokmål letter
        assert (r_en["letter_translation"] is None) == (r_nb["letter"] is None)
        if r_en["letter_translation"] is not None:
            translation = r_en["letter_translation"]
            assert "Norwegian" in translation["note"] and "English" in translation["note"]
            assert set(translation) - {"note"} == set(r_nb["letter"])
            assert translation["frame"]["sources"] == "Legal basis"
            assert translation.get("subject") != r_nb["letter"].get("subject")
        assert "letter_translation" not in r_nb  # bokmål and nynorsk answers are as before
    by_id = {r["id"]: r for r in nb.get("requests", [])}
    for r in en.get("requests", []):
        assert r["letter_text"] == by_id[r["id"]]["text"] and r["text"] != r["letter_text"]
        assert r["sources"] == by_id[r["id"]]["sources"]
    assert all("letter_text" not in r for r in nb.get("requests", []))


NORWEGIAN = re.compile(r"(?<![\wæøå-])(ikke|og|er|det|som|til|av|på|med|har|kan|skal|barnet|dere|vi|ønsker)(?![\wæøå-])", re.I)


def _norwegian_words(value, path=""):
    """Where an English answer has Norwegian words, leaving out what is meant to be Norwegian: the
    letter, each request's Norwegian sentence and the citations (law names and Lovdata's titles)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("letter", "letter_text", "sources", "source", "complaint_sources", "answers") \
                    or (key in ("label", "title") and path.endswith((".items", ".provisions"))):
                continue
            yield from _norwegian_words(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _norwegian_words(item, path)
    elif isinstance(value, str) and NORWEGIAN.search(_LAW_NAMES.sub(" ", value)):
        yield f"{path}: {value[:80]}"


# A law is cited by its Norwegian name in English too («pasient- og brukerrettighetsloven § 2-5»).
_LAW_NAMES = re.compile("|".join(re.escape(n) for n in sorted({law.name for law in registry().values()}, key=len,
                                                                reverse=True)), re.I)


@pytest.mark.parametrize("guide_id,i,case", CASES, ids=[f"{g}-{i}" for g, i, _ in CASES])
def test_an_english_answer_is_english_but_for_the_letter_and_the_citations(guide_id, i, case):
    en = evaluate(guide_id, case["answers"], lang="en")
    assert list(_norwegian_words(en)) == []
    assert list(_norwegian_words({"text": "Dere kan klage"})) and list(_norwegian_words(en["letter"] or {"t": "og"}))


@pytest.mark.parametrize("guide_id,case", ERRORS, ids=[c["name"] for _, c in ERRORS])
def test_errors_keep_their_codes_in_english(guide_id, case):
    got = {}
    for lang in ("nb", "en"):
        with pytest.raises(GuideInputError) as info:
            evaluate(case.get("guide", guide_id), read_document(case["document"], lang), lang=lang)
        got[lang] = info.value.errors
    assert [(e["field"], e["code"]) for e in got["en"]] == [(e["field"], e["code"]) for e in got["nb"]]
    assert all(a["message"] != b["message"] for a, b in zip(got["nb"], got["en"]))


def test_bad_answers_are_explained_in_english_with_the_same_codes():
    got = input_errors("barnekoordinator", {"venter_barn": "kanskje", "barnets_alder": 4.5, "ukjent": 1}, ("nb", "en"))
    assert [(e["field"], e["code"], e.get("allowed")) for e in got["nb"]] == \
        [(e["field"], e["code"], e.get("allowed")) for e in got["en"]]
    assert got["en"][0]["message"].startswith("Choose «Yes, a child we are expecting» or «No, the child is born»")


@pytest.mark.parametrize("guide_id", STAFF_GUIDES)
def test_the_staff_guide_in_english_is_a_clear_error(guide_id):
    for call in (lambda: evaluate(guide_id, {}, lang="en"), lambda: describe(guide_id, "en")):
        with pytest.raises(GuideInputError) as exc:
            call()
        [error] = exc.value.errors
        assert (error["field"], error["code"], error["allowed"]) == ("lang", "language_not_available", ["nb", "nn"])
        assert f"“{guide_id}” is not in English" in error["message"] and "bokmål" in error["message"]
    with pytest.raises(KeyError):
        load_guide(guide_id, "en")


def _cli(*args, stdin: str = "") -> tuple[int, dict, str]:
    proc = subprocess.run([sys.executable, "-m", "guide_engine", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip().startswith(("{", "[")) else None, proc.stderr


def test_the_command_line_answers_in_english():
    answers = {"venter_barn": "nei", "barnets_alder": 4, "alvorlig_tilstand": "ja", "behov_helse_og_omsorg": "ja",
               "behov_andre_velferdstjenester": "ja", "behov_langvarig": "ja", "behov_koordinering": "ja",
               "foreldre_onsker": "ja"}
    code, out, _ = _cli("evaluate", "barnekoordinator", "--lang", "en", stdin=json.dumps({"answers": answers}))
    assert code == 0 and out == evaluate("barnekoordinator", answers, lang="en")
    assert out["verdict"] == "Your answers point to yes" and out["letter"]["subject"] == "Vi ønsker barnekoordinator"
    code, out, _ = _cli("--lang=en", "describe", "familien")
    assert code == 0 and out["title"] == "What can the family ask for?"
    code, out, _ = _cli("list", "--lang", "en")
    assert code == 0 and [g["id"] for g in out] == [g for g in all_ids() if g in FAMILY_GUIDES]
    code, out, err = _cli("evaluate", "deling", "--lang", "en", stdin="{}")
    assert code == 2 and out["errors"][0]["code"] == "language_not_available" and "Traceback" not in err
    code, out, _ = _cli("evaluate", "barnekoordinator", "--lang", "en", stdin="{not json")
    assert code == 2 and out["errors"][0]["code"] == "invalid_json" and "not valid JSON" in out["errors"][0]["message"]
    code, out, _ = _cli("list", "--lang", "english")
    assert code == 2 and out["errors"][0]["code"] == "unknown_language" and "«en» (English)" in out["errors"][0]["message"]


# --- plain English, with the Norwegian terms explained ----------------------------------------------

def _guide_texts(guide_id: str) -> dict[str, str]:
    """Every English text a family reads in a guide, by where it is: questions, help, results,
    notes, next steps, the letter's English rendering, and what the registry says in its lists."""
    doc = describe(guide_id, "en")
    texts = {"title": doc["title"], "intro": doc["intro"], "disclaimer": doc["disclaimer"]}
    for q in doc["questions"]:
        texts |= {f"questions.{q['id']}": q["text"], f"questions.{q['id']}.help": q["help"]}
        texts |= {f"questions.{q['id']}.{o['value']}": o["label"] for o in q.get("options", [])}
    if doc.get("kind") == "composite":
        for r in doc["requests"]:
            texts |= {f"requests.{r['id']}.{k}": r[k] for k in ("label", "text", "text_uavklart") if r[k]}
        texts |= {f"letter.{k}": v for k, v in doc["letter"].items()}
        return texts
    texts |= {f"summary.{k}": v for k, v in doc["summary"].items()}
    for c in doc["conditions"]:
        texts |= {f"conditions.{c['id']}.{k}": c[k] for k in ("title", "about", "otherwise")}
        texts |= {f"conditions.{c['id']}.{k['id']}": k["because"] for k in c["cases"]}
    for lst in doc["lists"]:
        texts |= {f"lists.{lst['id']}.{k}": lst[k] for k in ("title", "intro", "empty")}
        texts |= {f"lists.{lst['id']}.{f['provides']}.{v}": f[v] for f in lst["flags"] for v in ("yes", "no")}
        texts |= {f"lists.{lst['id']}.centers.{x['id']}": x["text"] for x in lst["centers"]}
        texts |= {f"registry {p.label}": in_language(p, "en").plain for p in provisions_for(lst["provides"])}
    texts |= {f"notes.{n['id']}": n["text"] for n in doc["notes"]}
    texts |= {f"next_steps.{s['id']}": s["text"] for s in doc["next_steps"]}
    for x in doc["letters"]:
        texts |= {f"letters.{x['id']}.{k}": x[k] for k in ("subject", "request", "closing")}
    return texts


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


@pytest.mark.parametrize("guide_id", FAMILY_GUIDES)
def test_english_guide_texts_are_plain(guide_id):
    texts = _guide_texts(guide_id)
    grade = flesch_kincaid_grade("\n\n".join(texts.values()))
    print(f"Flesch–Kincaid grade {grade:4.1f}  guide texts: {guide_id} (en)")
    assert grade <= GRADE_LIMIT
    long = {where: s for where, text in texts.items() for s in _sentences(text) if len(s.split()) > LONGEST_SENTENCE}
    assert long == {}


def test_english_messages_a_family_reads_are_plain():
    from guide_engine.messages import table

    words = table("en")
    texts = [v for s in ("status", "letter_frame", "translation") for v in words[s].values() if isinstance(v, str)]
    texts += [v["label"] for v in words["duty_status"].values()]
    assert flesch_kincaid_grade("\n\n".join(texts)) <= GRADE_LIMIT


def _explained_at_first_use(text: str) -> list[str]:
    """The terms whose first appearance in ``text`` is not followed by an explanation in brackets."""
    missing = []
    for term in TERMS:
        m = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.I)
        if m and not re.match(r"\s*\(", text[m.end():]) and not re.match(r"\)", text[m.end():]):
            missing.append(term)
    return missing


@pytest.mark.parametrize("guide_id", FAMILY_GUIDES)
def test_norwegian_terms_are_explained_where_a_guide_first_uses_them(guide_id):
    texts = _guide_texts(guide_id)
    assert _explained_at_first_use("\n".join(texts.values())) == []
    # A note or a result is read on its own: each explains the terms it uses.
    alone = {k: v for k, v in texts.items() if k.startswith(("notes.", "summary.", "next_steps."))}
    assert {k: m for k, v in alone.items() if (m := _explained_at_first_use(v))} == {}


def test_the_term_check_finds_an_unexplained_term():
    assert _explained_at_first_use("Ask Nav. Nav (the welfare office) helps.") == ["Nav"]
    assert _explained_at_first_use("Ask Nav (the welfare office). Nav helps.") == []
    assert _explained_at_first_use("The barnekoordinator (child coordinator) and the koordinator.") == ["koordinator"]


# --- the English family pages (docs-en/; the build reads them from the next step on) ---------------

DOCS_EN = ROOT / "docs-en"
PAGES = ["index.md", "ordliste.md", "personvern.md", "tilgjengelighet.md",
         *sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "familie").glob("*.md"))]
REF = re.compile(r"\[\[([^\]|\n]+?)(?:\|[^\]\n]+)?\]\]")


def _front_matter(text: str) -> dict:
    import yaml

    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(m.group(1)) if m else {}


def _render(text: str) -> str:
    """The page's HTML through the site's own Markdown extensions (mkdocs.yml), as a build does."""
    import markdown

    import os

    body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    os.environ["SITE_LANG"] = "en"  # the extension's words in English, as the build sets it for en/
    try:
        return _markdown(markdown, body)
    finally:
        del os.environ["SITE_LANG"]


def _markdown(markdown, body: str) -> str:
    return markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "def_list", "tables", "toc",
                                               "build_scripts.markdown_ext"])


def _page_text(html: str) -> str:
    from test_site_build import visible_text

    html = re.sub(r'<div class="page-meta">.*', "", html, flags=re.S)  # sources and date: citations, not prose
    html = re.sub(r'<div lang="nb">.*?</div>', "", html, flags=re.S)  # a quotation in Norwegian
    return visible_text(html)


def test_the_english_pages_are_the_family_pages_at_the_same_paths():
    found = sorted(p.relative_to(DOCS_EN).as_posix() for p in DOCS_EN.rglob("*.md"))
    assert found == sorted(PAGES)
    for rel in PAGES:
        en, nb = _front_matter((DOCS_EN / rel).read_text(encoding="utf-8")), \
            _front_matter((ROOT / "docs" / rel).read_text(encoding="utf-8"))
        assert set(en) == set(nb) and en["audience"] == nb["audience"], rel


@pytest.mark.parametrize("rel", PAGES)
def test_every_legal_claim_on_an_english_page_links_to_lovdata(rel):
    text = (DOCS_EN / rel).read_text(encoding="utf-8")
    html = _render(text)  # an unknown reference stops the build, here too
    refs = REF.findall(text)
    prose = re.sub(r"<table>.*?</table>", "", html, flags=re.S)  # a registry table ({{ lovtabell }}) links its own
    assert "[[" not in html and prose.count('class="lovdata"') == len(refs)
    # The same claims as the Norwegian page: each of its references is on the English page.
    norwegian = set(REF.findall((ROOT / "docs" / rel).read_text(encoding="utf-8")))
    assert sorted(norwegian - set(refs)) == []


@pytest.mark.parametrize("rel", PAGES)
def test_english_pages_are_plain(rel):
    html = _render((DOCS_EN / rel).read_text(encoding="utf-8"))
    text = _page_text(html)
    grade = flesch_kincaid_grade(text)
    print(f"Flesch–Kincaid grade {grade:4.1f}  docs-en/{rel}")
    assert grade <= GRADE_LIMIT
    # Sentence length counts the prose: a reference to Lovdata is a name, read at a glance.
    prose = _page_text(re.sub(r'\(?<a [^>]*class="lovdata"[^>]*>.*?</a>[),]*', "", html))
    long = [s for s in _sentences(re.sub(r"\s+", " ", prose)) if len(s.split()) > LONGEST_SENTENCE]
    assert long == []


@pytest.mark.parametrize("rel", [p for p in PAGES if p != "ordliste.md"])
def test_english_pages_explain_norwegian_terms_at_first_use(rel):
    text = _page_text(_render((DOCS_EN / rel).read_text(encoding="utf-8")))
    assert _explained_at_first_use(re.sub(r"\s+", " ", text)) == []


def test_the_glossary_has_each_norwegian_term():
    headings = re.findall(r"^## (.+?)(?: \{[^}]*\})?$", (DOCS_EN / "ordliste.md").read_text(encoding="utf-8"), re.M)
    assert [t for t in TERMS if t.lower() not in {h.lower() for h in headings}] == []
    # Every Norwegian entry is there too, under the same anchor, so links from the pages land.
    norwegian = re.findall(r"^## (.+?)(?: \{[^}]*\})?$", (ROOT / "docs" / "ordliste.md").read_text(encoding="utf-8"), re.M)
    assert sorted(set(norwegian) - set(headings) - {"Kilder"}) == []  # «Sources { #kilder }»


def test_the_family_complaint_table_is_in_english():
    """The plain complaint routes the registry gives (complaint_plain, complaint_to_plain,
    deadline_plain) have English words for every provision the family complaint table shows, and
    the table on the English page says them."""
    from build_scripts.law_tables import klage_familie

    shown = [(law, p) for law in registry().values() for p in law.provisions.values()
             for f in ("complaint_plain", "complaint_to_plain", "deadline_plain") if getattr(p, f)]
    missing = [f"{p.label}: {f}" for _, p in shown for f in ("complaint_plain", "complaint_to_plain", "deadline_plain")
               if getattr(p, f) and getattr(in_language(p, "en"), f) == getattr(p, f)]
    assert missing == []
    table = klage_familie("en")
    assert all(in_language(p, "en").complaint_plain in table for _, p in shown if p.complaint_plain)
    assert "Vedtak fra" not in table and "Statsforvalteren (the state's office in your county)" in table
    html = _render((DOCS_EN / "familie" / "klage.md").read_text(encoding="utf-8"))
    assert "<table>" in html and "What you can complain about" in html


def test_the_build_stops_on_site_words_missing_in_a_language(tmp_path):
    """check.py holds ui.nn.toml and ui.en.toml to the keys of ui.nb.toml (as the build runs it)."""
    from build_scripts import check

    assert check.ui_key_problems() == []
    for lang in ("nb", "nn", "en"):
        (tmp_path / f"ui.{lang}.toml").write_text((check.UI_DIR / f"ui.{lang}.toml").read_text(encoding="utf-8"), encoding="utf-8")
    english = (tmp_path / "ui.en.toml").read_text(encoding="utf-8")
    (tmp_path / "ui.en.toml").write_text(re.sub(r"^letter_english = .*\n", "", english, flags=re.M)
                                         + '\n[extra]\nonly_here = "x"\n', encoding="utf-8")
    assert check.ui_key_problems(tmp_path) == ["ui.en.toml: mangler «js.letter_english» (den står i ui.nb.toml)",
                                               "ui.en.toml: «extra» står ikke i ui.nb.toml",
                                               "ui.en.toml: «extra.only_here» står ikke i ui.nb.toml"]


def test_the_build_stops_on_an_english_page_that_is_no_family_page(tmp_path):
    from build_scripts import check

    assert check.english_without_original() == []
    (tmp_path / "docs" / "familie").mkdir(parents=True)
    (tmp_path / "docs-en" / "familie").mkdir(parents=True)
    (tmp_path / "docs" / "familie" / "klage.md").write_text("# Klage\n", encoding="utf-8")
    (tmp_path / "docs-en" / "familie" / "klage.md").write_text("# Complaint\n", encoding="utf-8")
    (tmp_path / "docs-en" / "familie" / "appeal.md").write_text("# Appeal\n", encoding="utf-8")
    assert check.english_without_original(tmp_path) == ["familie/appeal.md"]
