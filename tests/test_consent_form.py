"""The printable consent form (build_scripts/consent_form.py): generated from the guide's texts,
every field labelled, nothing that can be submitted, and no text ever inserted as markup."""
from __future__ import annotations

import copy
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


@pytest.fixture(scope="module")
def html():
    return consent_form.render(GUIDE)


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


def test_every_word_comes_from_the_texts_file(html):
    texts = form_texts(GUIDE)
    text = " ".join(_parse(html).text)
    for key in ("title", "intro"):
        assert texts[key] in text
    for sid, fields in consent_form.FIELDS:
        section = texts["sections"][sid]
        assert section["legend"] in text
        if "help" in section:
            assert section["help"] in text
        for fid, _ in fields:
            assert section["fields"][fid]["label"] in text
            for option in section["fields"][fid].get("options", {}).values():
                assert option in text
    assert texts["who_signs"]["heading"] in text


def test_who_must_sign_is_the_guides_own_notes_with_their_sources(html):
    p = _parse(html)
    text = " ".join(p.text)
    notes = {n.id: n for n in load_guide(GUIDE).notes}
    rules = form_texts(GUIDE)["who_signs"]["rules"]
    assert rules
    for note_id, heading in rules.items():
        assert heading in text and notes[note_id].text in text
        for source in notes[note_id].sources:
            assert source.url in p.hrefs
    for ref in form_texts(GUIDE)["sources"]:
        assert cite(ref).url in p.hrefs
    assert all(h.startswith("https://lovdata.no/") for h in p.hrefs)


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


def test_who_signs_must_name_notes_of_the_guide(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["who_signs"]["rules"].update(finnes_ikke="Ukjent"))
    assert "finnes_ikke" in str(info.value)


def test_an_unknown_source_is_refused(monkeypatch):
    with pytest.raises(consent_form.ConsentFormError) as info:
        _render_with(monkeypatch, lambda t: t["sources"].append("fvl § 99"))
    assert "99" in str(info.value)
