"""The printable consent form (build_scripts/consent_form.py): generated from the guide's texts,
every field labelled, nothing that can be submitted, and no text ever inserted as markup. It speaks
to the family in both written forms: what a consent cannot stop, withdrawal, the child's view, and
who signs in plain words (not the guide's advice to staff)."""
from __future__ import annotations

import copy
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from build_scripts import consent_form
from guide_engine.definitions import guide_ids, load_guide
from guide_engine.laws import cite
from guide_engine.texts import consent_form as form_texts

GUIDE = "deling"


class _Collect(HTMLParser):
    """Tags, ids, labels and text of the rendered form; fails on unbalanced tags."""

    VOID = {"input", "br", "hr", "img", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.label_for, self.controls, self.stack = [], [], set(), [], []
        self.text = []
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label":
            self.label_for.add(a.get("for"))
        if tag in ("input", "textarea", "select"):
            self.controls.append((tag, a))
        if tag == "a":
            self.hrefs.append(a.get("href"))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    p.close()
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


LANGS = ("nb", "nn")


@pytest.fixture(scope="module", params=LANGS)
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def html(lang):
    return consent_form.render(GUIDE, lang)


def _paragraphs(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _part(html: str, sid: str) -> str:
    """The HTML of one section of the form (its own fieldset; sections do not nest)."""
    m = re.search(rf'<fieldset class="{consent_form.PREFIX}-del" id="{consent_form.PREFIX}-{sid}">(.*?)</fieldset>\n'
                  rf'(?=<fieldset class="{consent_form.PREFIX}-del"|<div class="{consent_form.PREFIX}-hvem"|<p class="{consent_form.PREFIX}-kilder")',
                  html, re.S)
    assert m, sid
    return m.group(1)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_guide_has_a_consent_form_and_the_others_do_not_need_one():
    assert consent_form.available(GUIDE)
    for guide_id in guide_ids():
        if not consent_form.available(guide_id):
            with pytest.raises(consent_form.ConsentFormError):
                consent_form.render(guide_id)


def test_every_control_has_a_label_and_every_id_is_unique(html):
    p = _parse(html)
    assert len(p.ids) == len(set(p.ids))
    assert p.controls, "the form has fields"
    for tag, attrs in p.controls:
        assert attrs.get("id") in p.label_for, (tag, attrs)
        for ref in attrs.get("aria-describedby", "").split():
            assert ref in p.ids, ref
    kinds = {(tag, attrs.get("type")) for tag, attrs in p.controls}
    assert {("textarea", None), ("input", "text"), ("input", "checkbox"), ("input", "radio")} <= kinds


def test_nothing_can_be_submitted_and_nothing_runs(html):
    p = _parse(html)
    tags = {tag for tag, _ in p.tags}
    assert not tags & {"form", "button", "script", "style", "iframe"}
    assert all("style" not in attrs and not any(k.startswith("on") for k in attrs) for _, attrs in p.tags)
    # Ids and names never collide with the guide's own form (its questions' ids and names).
    questions = {q.id for q in load_guide(GUIDE).questions}
    for _, attrs in p.tags:
        for key in ("id", "name", "for"):
            if key in attrs:
                assert attrs[key].startswith(consent_form.PREFIX), attrs
                assert attrs[key] not in questions
    assert all(attrs.get("autocomplete") == "off" for tag, attrs in p.controls if attrs.get("type") in (None, "text"))


def test_it_fits_in_a_markdown_page_as_one_html_block(html):
    assert html.startswith("<section") and html.rstrip().endswith("</section>")
    assert "\n\n" not in html and not any(line.startswith((" ", "\t")) for line in html.splitlines())


def test_every_word_comes_from_the_texts_file(html, lang):
    texts = form_texts(GUIDE, lang)
    text = " ".join(_parse(html).text)
    for key in ("title", "intro"):
        assert texts[key] in text
    for sid, fields in consent_form.FIELDS:
        section = texts["sections"][sid]
        assert section["legend"] in text
        for paragraph in _paragraphs(section.get("help", [])):
            assert paragraph in text
        for fid, _ in fields:
            assert section["fields"][fid]["label"] in text
            for option in section["fields"][fid].get("options", {}).values():
                assert option in text
    assert texts["who_signs"]["heading"] in text


def test_every_source_is_linked_where_it_is_cited(html, lang):
    texts = form_texts(GUIDE, lang)
    p = _parse(html)
    for sid, _ in consent_form.FIELDS:
        part = _part(html, sid)
        for ref in texts["sections"][sid].get("sources", []):
            assert f'href="{cite(ref).url}"' in part, (sid, ref)
    for ref in texts["sources"]:
        assert cite(ref).url in p.hrefs
    assert all(h.startswith("https://lovdata.no/") for h in p.hrefs)


def test_who_signs_is_said_to_the_family_in_plain_words_for_groups_the_guide_knows(html, lang):
    """Each group the form lists is a group the guide has a note for; the form says it in its own
    words with its own sources, and none of the guide's advice to staff is on the form."""
    p = _parse(html)
    text = " ".join(p.text)
    notes = {n.id: n for n in load_guide(GUIDE, lang).notes}
    rules = form_texts(GUIDE, lang)["who_signs"]["rules"]
    assert len(rules) >= 5
    for rule_id, rule in rules.items():
        assert rule_id in notes, rule_id
        assert rule["heading"] in text and rule["text"] in text
        assert rule["sources"] and all(cite(ref).url in p.hrefs for ref in rule["sources"])
        assert notes[rule_id].text not in text, f"the staff note {rule_id} is printed on the family's form"
    staff_advice = {"nb": ("Sjekk dette før du spør", "må du avklare", "før du spør", "Da kan du ikke spørre"),
                    "nn": ("Sjekk dette før du spør", "må du avklare", "før du spør", "Då kan du ikkje spørje")}[lang]
    assert not [a for a in staff_advice if a.lower() in text.lower()]
    # Health information for 12–15-year-olds: a plain rule the family can act on.
    helse_12 = rules["hvem_samtykker_helse_12_til_16"]["text"]
    assert {"nb": "Snakk med helsepersonellet om hvem som skal skrive under",
            "nn": "Snakk med helsepersonellet om kven som skal skrive under"}[lang] in helse_12


def test_it_says_what_a_consent_cannot_stop(html, lang):
    part = _part(html, "frivillig")
    words = _text(part)
    duties = {"nb": ("melde fra til barnevernet", "alvorlige lovbrudd", "politiet", "også om du sier nei",
                     "liv eller helse i fare", "også uten samtykke"),
              "nn": ("melde frå til barnevernet", "alvorlege lovbrot", "politiet", "også om du seier nei",
                     "helse til nokon i fare", "også utan samtykke")}[lang]
    assert [d for d in duties if d not in words] == []
    for ref in ("bvl § 13-2 første ledd", "straffeloven § 196 første ledd", "fvl § 13 b første ledd",
                "hpl § 33", "opplaringslova § 24-3", "barnehageloven § 46", "sotjl § 45"):
        assert f'href="{cite(ref).url}"' in part, ref


def test_withdrawal_works_only_forward_and_the_receiver_is_bound_to_the_purpose(html, lang):
    words = _text(_part(html, "frivillig"))
    expected = {"nb": ("Du kan trekke samtykket tilbake når som helst.", "Det gjelder bare framover.",
                       "Det som alt er delt, trenger ikke hentes tilbake.",
                       "Mottakeren kan bare bruke det til det formålet det ble delt for."),
                "nn": ("Du kan trekkje samtykket tilbake når som helst.", "Det gjeld berre framover.",
                       "Det som alt er delt, treng ikkje hentast tilbake.",
                       "Mottakaren kan berre bruke det til det formålet det vart delt for.")}[lang]
    assert [e for e in expected if e not in words] == []
    assert not re.search(r"kan mottaka?ren bruke", _text(html))


def test_there_is_a_place_to_record_that_the_child_was_heard_and_what_the_child_said(html, lang):
    p = _parse(html)
    part = _part(html, "barnets_mening")
    controls = {attrs["id"]: (tag, attrs.get("type")) for tag, attrs in p.controls}
    prefix = f"{consent_form.PREFIX}-barnets_mening"
    assert controls[f"{prefix}-hort"] == ("input", "checkbox")
    assert controls[f"{prefix}-mening"] == ("textarea", None)
    assert f'id="{prefix}-hort"' in part and f'id="{prefix}-mening"' in part
    for ref in ("barnelova § 31", "bvl § 1-4 andre ledd", "pbrl § 4-4", "familievernkontorloven § 6 andre ledd"):
        assert f'href="{cite(ref).url}"' in part, ref
    # It comes before the signatures.
    assert html.index(f'id="{prefix}"') < html.index(f'id="{consent_form.PREFIX}-underskrift"')


def test_who_may_sign_names_barnevernet_and_the_next_of_kin_and_others_consent_for_their_part(html, lang):
    role = _text(_part(html, "samtykker"))
    info = _text(_part(html, "opplysninger"))
    expected = {"nb": (("barnevernet", "fosterforeldrene", "institusjonen", "nærmeste pårørende"),
                       ("foreldrenes helse", "samtykke for sin del")),
                "nn": (("barnevernet", "fosterforeldra", "institusjonen", "nærmaste pårørande"),
                       ("helsa til foreldra", "samtykkje for sin del"))}[lang]
    assert [w for w in expected[0] if w not in role] == []
    assert [w for w in expected[1] if w not in info] == []


def test_a_provision_the_registry_has_not_checked_is_marked_and_never_stands_alone(html, lang):
    unchecked = form_texts(GUIDE, lang)["sources_unchecked"]
    lines = re.findall(rf'<p class="{consent_form.PREFIX}-kilder">.*?</p>', html)
    assert lines
    pol = cite("personopplysningsloven § 1")
    assert pol.provision.checked is None  # the registry has no checked text for it
    for line in lines:
        hrefs = re.findall(r'href="([^"]+)"', line)
        if pol.url in hrefs:
            assert f"{pol.label_in(lang)}</a> ({unchecked})" in line
            assert len(hrefs) > 1, "personopplysningsloven § 1 is not cited alone"
        # Provisions checked against their text carry no mark.
        assert line.count(f"({unchecked})") == (1 if pol.url in hrefs else 0)
    # The form's overall sources: the consent rules, with personopplysningsloven § 1 marked.
    overall = lines[-1]
    for ref in ("fvl § 13 a", "hpl § 22 første ledd", "pbrl § 3-4 andre ledd", "pbrl § 4-4"):
        assert cite(ref).url in overall, ref


def _render_with(monkeypatch, change):
    texts = copy.deepcopy(form_texts(GUIDE))
    change(texts)
    monkeypatch.setattr(consent_form, "form_texts", lambda guide_id, lang="nb": copy.deepcopy(texts))
    return consent_form.render(GUIDE)


def test_text_is_never_inserted_as_markup(monkeypatch):
    def inject(texts):
        texts["title"] = '<script>alert("x")</script> Samtykke & «deling»'
        texts["sections"]["opplysninger"]["fields"]["hvilke"]["label"] = '"><img src=x onerror=alert(1)>'
        texts["sections"]["form"]["fields"]["hvordan"]["options"]["muntlig"] = "</label><b>fet</b>"
    html = _render_with(monkeypatch, inject)
    p = _parse(html)
    assert {"script", "img", "b"}.isdisjoint(tag for tag, _ in p.tags)
    assert "&lt;script&gt;" in html and "&amp;" in html and "&lt;b&gt;fet&lt;/b&gt;" in html
    assert '<script>alert("x")</script> Samtykke & «deling»' in " ".join(p.text)


def test_a_missing_text_is_refused_with_its_name(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["sections"]["varighet"]["fields"]["til_dato"].pop("label"))
    assert "sections.varighet.fields.til_dato.label" in str(info.value)


def test_a_text_for_a_field_the_form_does_not_have_is_refused(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["sections"]["gjelder"]["fields"].update(adresse={"label": "Adresse"}))
    assert "adresse" in str(info.value)


def test_who_signs_must_name_groups_the_guide_knows(monkeypatch):
    rule = {"heading": "Ukjent", "text": "Ukjent", "sources": ["fvl § 13 a"]}
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["who_signs"]["rules"].update(finnes_ikke=rule))
    assert "finnes_ikke" in str(info.value)


def test_a_rule_on_who_signs_without_sources_is_refused(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["who_signs"]["rules"]["hvem_samtykker_voksen"].pop("sources"))
    assert "hvem_samtykker_voksen.sources" in str(info.value)


def test_an_unknown_source_is_refused(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["sources"].append("fvl § 99"))
    assert "99" in str(info.value)
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["sections"]["frivillig"]["sources"].append("bvl § 99-9"))
    assert "sections.frivillig.sources" in str(info.value)
