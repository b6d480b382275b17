"""Generated sentences («Svar bare hvis …» under a question, «Hvis …:» in the checklist, the
`when_text` of describe) are short, grammatical in both written forms, and speak to the reader
as the guide does: «dere» (nn «de») for families, «du» for staff.

The sentences are made exactly as the guide page makes them: the engine's `describe` output in
the page's frame (build_scripts/ui.<lang>.toml).
"""
from __future__ import annotations

import copy
import pathlib
import re
import tomllib

import pytest

from conftest import strings
from guide_engine import api, data_files
from guide_engine.composite import composite_ids
from guide_engine.definitions import guide_ids, load_guide, parse_guide
from guide_engine.errors import GuideDefinitionError
from guide_engine.explain import describe_expr

LANGS = ("nb", "nn")
MAX_WORDS = 25  # a «when» that needs more wants a named expression with a label ([expressions])

_UI = pathlib.Path(__file__).resolve().parent.parent / "build_scripts"

# Negation put in front of a clause, or a unit after «mer»: the faults these sentences had.
UNGRAMMATICAL = [
    r"\bog ikke (du|dere)\b", r"\bog ikkje (du|de)\b",
    r"\beller ikke (du|dere)\b", r"\beller ikkje (du|de)\b",
    r"\bikke «", r"\bikkje «",
    r"eller mer år", r"eller meir år", r"eller mindre år",
    r"^(ikke|ikkje)\b",
    r"(\bhvis |\bviss |\bog |\beller |\()(ikke|ikkje) (du|dere|de|«|svaret|vilkåret|resultatet|barnet)\b",
    r"\b(ikke|ikkje) (ikke|ikkje)\b",
    r"\(\s*\)", r"\s[,.:]", r"  ",
    # Every fragment is a «hvis»-clause: «ikke» goes before the verb («hvis resultatet ikke er …»),
    # never after it as in a main clause («hvis resultatet er ikke oppfylt»). Quoted answers are
    # the guide's own main clauses («Nei, jeg har ikke spurt ennå»): the lookahead skips them.
    r"\b(er|har|gjelder|gjeld|peker|peikar) (ikke|ikkje)\b(?![^«]*»)",
]


def _frame(lang: str) -> dict:
    ui = tomllib.loads((_UI / f"ui.{lang}.toml").read_text(encoding="utf-8"))["guide"]
    return {"question": ui["answer_only_if"], "case": ui["case_if"] + ":"}


def sentences(guide_id: str, lang: str):
    """(where, fragment, sentence) for every generated sentence of a guide, as the page shows it."""
    doc, frame = api.describe(guide_id, lang), _frame(lang)
    for q in doc["questions"]:
        if q.get("ask_when_text"):
            yield f"spørsmål {q['id']}", q["ask_when_text"], frame["question"].format(when=q["ask_when_text"])
    items = [(f"vilkår {c['id']}/{k['id']}", k) for c in doc.get("conditions", []) for k in c["cases"]]
    items += [(f"{key} {n['id']}", n) for key in ("notes", "next_steps", "letters") for n in doc.get(key, [])]
    items += [(f"liste {lst['id']}/{x['id']}", x) for lst in doc.get("lists", []) for x in lst["centers"]]
    for where, item in items:
        yield where, item["when_text"], frame["case"].format(when=item["when_text"])


ALL_GUIDES = guide_ids() + composite_ids()


def _audience(guide_id: str) -> str:
    return api.describe(guide_id, "nb")["audience"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_the_longest_generated_sentence_is_short(guide_id, lang):
    found = list(sentences(guide_id, lang))
    words, where, sentence = max((len(s.split()), w, s) for w, _, s in found)
    assert words <= MAX_WORDS, f"{guide_id} ({lang}) {where}: {words} ord: {sentence}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_generated_sentences_have_none_of_the_known_faults(guide_id, lang):
    bad = [f"{where}: «{pattern}» i: {fragment}" for where, fragment, _ in sentences(guide_id, lang)
           for pattern in UNGRAMMATICAL if re.search(pattern, fragment)]
    assert not bad, "\n".join(bad)


def _outside_quotes(text: str) -> str:
    """The engine's own words: the question texts and option labels it quotes are the guide's."""
    return re.sub(r"«[^«»]*»", "«»", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_generated_sentences_address_the_reader_as_the_guide_does(guide_id, lang):
    staff = _audience(guide_id) == "tjenester"
    wrong = {("nb", True): r"\bdere\b", ("nn", True): r"\b(de|dykk)\b",
             ("nb", False): r"\bdu\b", ("nn", False): r"\bdu\b"}[(lang, staff)]
    right = {("nb", True): r"\bdu\b", ("nn", True): r"\bdu\b",
             ("nb", False): r"\bdere\b", ("nn", False): r"\bde\b"}[(lang, staff)]
    found = [(w, _outside_quotes(f)) for w, f, _ in sentences(guide_id, lang)]
    bad = [f"{w}: {f}" for w, f in found if re.search(wrong, f, re.IGNORECASE)]
    assert not bad, "\n".join(bad)
    assert any(re.search(right, f) for _, f in found), f"{guide_id} ({lang}) taler aldri til leseren"


# --- how the engine words an expression --------------------------------------------------------

def _guide(lang="nb"):
    return load_guide("barnekoordinator", lang)


@pytest.mark.parametrize("lang, negated", [("nb", "dere ikke har svart"), ("nn", "de ikkje har svart")])
def test_a_negation_is_written_into_the_clause(lang, negated):
    g = _guide(lang)
    q = g.question("foreldre_onsker")
    nei, vet_ikke = (o.label for o in q.options if o.value in ("nei", "vet_ikke"))
    # «vet ikke» is among the answers negated, so «not (Nei or Vet ikke)» is not exactly «Ja»
    # (a «vet ikke» answer would then be unknown, not false): it stays a negation, inside the clause.
    assert describe_expr(g, {"not": {"fact": "foreldre_onsker", "is": ["nei", "vet_ikke"]}}) == \
        f"{negated} «{nei}» eller «{vet_ikke}» på «{q.text}»"


def test_a_negated_answer_without_unknowns_is_said_positively_and_a_number_is_turned():
    g = _guide()
    venter, alder = g.question("venter_barn"), g.question("barnets_alder")
    nei = next(o.label for o in venter.options if o.value == "nei")
    assert describe_expr(g, {"not": {"fact": "venter_barn", "is": "ja"}}) == f"dere har svart «{nei}» på «{venter.text}»"
    assert describe_expr(g, {"not": {"fact": "barnets_alder", "lt": 18}}) == f"svaret på «{alder.text}» er 18 år eller mer"
    assert describe_expr(_guide("nn"), {"fact": "barnets_alder", "ge": 18}).endswith("er 18 år eller meir")


def test_a_negated_group_is_turned_by_de_morgan_and_not_answered_is_said_inside():
    g = _guide()
    text = describe_expr(g, {"not": {"any": [{"answered": "foreldre_onsker"}, {"fact": "barnets_alder", "lt": 18}]}})
    assert text == (f"«{g.question('foreldre_onsker').text}» ikke er besvart"
                    f" og svaret på «{g.question('barnets_alder').text}» er 18 år eller mer")


def test_a_negated_status_is_said_as_the_other_statuses():
    g = _guide()
    assert describe_expr(g, {"not": {"result": "oppfylt"}}) == "resultatet peker mot nei eller er uklart"
    assert describe_expr(load_guide("barnekoordinator", "nn"), {"result": ["uavklart", "ikke_oppfylt"]}) == \
        "resultatet er uklart eller peikar mot nei"


def test_a_status_is_said_in_the_word_order_of_a_subordinate_clause():
    """The status words start with the verb, so the clause keeps «ikke» in front of it."""
    g = _guide()
    assert describe_expr(g, {"condition": "barn_under_18", "is": "ikke_oppfylt"}) == \
        f"vilkåret «{next(c.title for c in g.conditions if c.id == 'barn_under_18')}» peker mot nei"
    # A negation that cannot be turned into the other statuses (an overview guide's only status).
    overview = load_guide("samarbeid")
    assert overview.combine == "informational"
    assert describe_expr(overview, {"not": {"result": "informasjon"}}) == "resultatet ikke er en oversikt"


def test_a_named_expression_is_said_by_its_label_and_the_form_of_address_follows_the_audience():
    g = _guide()
    assert describe_expr(g, g.question("alvorlig_tilstand").ask_when) == g.labels["er_barn"][0]
    # The same expression worded for staff: «du», not «dere».
    assert describe_expr(g, {"fact": "venter_barn", "is": "ja"}, audience="tjenester").startswith("du har svart")


def test_a_negated_label_is_used_when_the_texts_give_one():
    g = load_guide("individuell_plan")
    assert describe_expr(g, {"not": {"use": "tjeneste_med_plan"}}) == g.labels["tjeneste_med_plan"][1]


# --- labels are checked when a guide is loaded -------------------------------------------------

def _files(guide_id="samarbeid"):
    read = lambda name: tomllib.loads(data_files.read(f"guides/{guide_id}", name))  # noqa: E731
    return read("rules.toml"), read("texts.nb.toml")


def test_a_label_without_its_named_expression_is_refused():
    rules, texts = _files()
    texts = copy.deepcopy(texts)
    texts["expressions"]["finnes_ikke"] = "dere har valgt noe"
    with pytest.raises(GuideDefinitionError) as info:
        parse_guide("samarbeid", rules, texts)
    assert "finnes_ikke" in str(info.value) and "[expressions]" in str(info.value)


def test_an_empty_label_or_an_unknown_key_is_refused():
    rules, texts = _files()
    for bad in ("  ", {"yes": "dere har valgt noe", "kanskje": "x"}, {"no": "dere har ikke valgt noe"}):
        broken = copy.deepcopy(texts)
        broken["expressions"]["ikke_kommunale"] = bad
        with pytest.raises(GuideDefinitionError):
            parse_guide("samarbeid", rules, broken)


@pytest.mark.parametrize("guide_id", guide_ids())
def test_labels_exist_in_both_written_forms(guide_id):
    labels = {lang: load_guide(guide_id, lang).labels for lang in LANGS}
    assert set(labels["nb"]) == set(labels["nn"])
    for name in labels["nb"]:
        assert [x is None for x in labels["nb"][name]] == [x is None for x in labels["nn"][name]], name


def test_a_label_in_one_written_form_only_is_refused(monkeypatch):
    real = data_files.read

    def read(folder, name):
        text = real(folder, name)
        return text + '\nbare_her = "de har valt noko"\n' if (folder, name) == ("guides/samarbeid", "texts.nn.toml") else text
    monkeypatch.setattr(data_files, "read", read)
    load_guide.cache_clear()
    try:
        with pytest.raises(GuideDefinitionError) as info:
            load_guide("samarbeid", "nb")
        assert "[expressions]" in str(info.value)
    finally:
        load_guide.cache_clear()


@pytest.mark.parametrize("lang", LANGS)
def test_guides_for_families_and_everyone_say_dere_in_their_own_texts_too(lang):
    """One form of address in a guide: its texts speak as its generated sentences do (review c8).
    Quoted words (a question, an option, a title) are left out."""
    singular = {"nb": r"\b(du|deg|din|ditt|dine)\b", "nn": r"\b(du|deg|di|din|ditt|dine)\b"}[lang]
    bad = []
    for guide_id in ALL_GUIDES:
        if _audience(guide_id) == "tjenester":
            continue
        texts = tomllib.loads(data_files.read(f"guides/{guide_id}", f"texts.{lang}.toml"))
        bad += [f"{guide_id}: {s}" for s in strings(texts) if re.search(singular, _outside_quotes(s), re.IGNORECASE)]
    assert not bad, "\n".join(bad)



@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_page_speaks_to_a_family_as_its_guide_does(lang):
    """The page's own words around a guide (the status line, the empty result, the stale note,
    «what now», the page without scripts): «dere»/«de» on the families' guides, «du» on the staff's."""
    from build_scripts.ui import for_audience, table

    singular = {"nb": r"\b(du|deg|din|ditt|dine)\b", "nn": r"\b(du|deg|di|din|ditt|dine)\b"}[lang]
    plural = {"nb": r"\b(dere|deres)\b", "nn": r"\b(de|dykk|dykkar)\b"}[lang]
    overrides = table(lang)["to_families"]
    for section, words in overrides.items():  # each one replaces a word the staff's guides have
        assert set(words) <= set(table(lang)[section]), section
    # Shown only beside duties (to report, to prevent), which only the staff's guides have.
    about_duties = {("guide", "how_duties"), ("js", "peek_must_act"), ("js", "peek_may_act")}
    bad = []
    for guide_id in ALL_GUIDES:
        audience = _audience(guide_id)
        words = for_audience(lang, audience)
        pattern = singular if audience != "tjenester" else plural
        has_duties = any(c.get("duty") for c in api.describe(guide_id, lang).get("conditions", []))
        assert audience == "tjenester" or not has_duties, guide_id
        bad += [f"{guide_id}: {section}.{key}: {text}" for section in ("guide", "js") for key, text in words[section].items()
                if isinstance(text, str) and re.search(pattern, _outside_quotes(text), re.IGNORECASE)
                and (has_duties or (section, key) not in about_duties)
                and (section, key) != ("js", "letter_english")]  # shown beside an English letter only
    assert not bad, "\n".join(bad)
