"""A guide's printable consent form (samtykkeskjema) as HTML, generated from the guide's texts.

    from build_scripts import consent_form
    if consent_form.available(guide_id):
        html = consent_form.render(guide_id)

The fields and their order are defined here (FIELDS); every word comes from `[consent_form]` in
the guide's texts file (guide_engine/texts.py). Who must sign is not written twice: the texts name
notes of the guide (`[consent_form.who_signs.rules]`, note id -> heading), and the form prints
those notes' texts and sources, the same ones the guide shows for the answers given. Sources are
resolved from the law registry.

The HTML is one element per line with no blank lines (it sits in a Markdown page as a raw HTML
block). It has labelled inputs and textareas for filling in on screen or on paper, and no <form>,
button or script: nothing can be submitted, and nothing a person types is ever put into markup.
"""
from __future__ import annotations

from html import escape

from guide_engine.definitions import load_guide
from guide_engine.laws import cite
from guide_engine.texts import consent_form as form_texts
from guide_engine.texts import lookup

PREFIX = "samtykkeskjema"

# section id -> ((field id, kind), ...); kind: text, textarea, checkbox, radio, signature
FIELDS = (
    ("samtykker", (("navn", "text"), ("rolle", "text"))),
    ("gjelder", (("barnets_navn", "text"), ("fodselsdato", "text"))),
    ("opplysninger", (("hvilke", "textarea"),)),
    ("mottakere", (("fra", "text"), ("til", "textarea"))),
    ("formal", (("hva_til", "textarea"),)),
    ("varighet", (("til_dato", "textarea"),)),  # a limit on the duration may take more than a line
    ("frivillig", (("forstatt", "checkbox"),)),
    ("form", (("hvordan", "radio"), ("dokumentert", "textarea"))),
    ("underskrift", (("barnet", "signature"), ("forelder_1", "signature"), ("forelder_2", "signature"),
                     ("ansatt", "signature"), ("sted_dato", "text"))),
)
# The block on who must sign comes just before this section.
WHO_SIGNS_BEFORE = "underskrift"


class ConsentFormError(ValueError):
    """The texts do not fit the form: a text is missing, or a text has no field."""


def available(guide_id: str) -> bool:
    """Whether the guide has a consent form (a `[consent_form]` table in its texts)."""
    return form_texts(guide_id) is not None


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Texts:
    def __init__(self, guide_id: str, table: dict):
        self.guide_id, self.table = guide_id, table

    def get(self, *path, optional: bool = False) -> str | None:
        value = lookup(self.table, path)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConsentFormError(f"veiviser «{self.guide_id}»: mangler teksten consent_form.{'.'.join(path)}")
        return value.strip()


def _check_no_orphans(t: _Texts) -> None:
    """A text for a section or field the form does not have is a mistake (a renamed id): say so."""
    sections = t.table.get("sections", {})
    known = dict(FIELDS)
    for sid, section in sections.items():
        if sid not in known:
            raise ConsentFormError(f"veiviser «{t.guide_id}»: tekst for ukjent del consent_form.sections.{sid}")
        fields = {f for f, _ in known[sid]}
        extra = sorted(set(section.get("fields", {})) - fields)
        if extra:
            raise ConsentFormError(f"veiviser «{t.guide_id}»: tekst for ukjent felt i consent_form.sections.{sid}: "
                                   + ", ".join(extra))


def _field(t: _Texts, sid: str, fid: str, kind: str) -> list[str]:
    fid_html = f"{PREFIX}-{sid}-{fid}"
    label = _e(t.get("sections", sid, "fields", fid, "label"))
    help_text = t.get("sections", sid, "fields", fid, "help", optional=True)
    help_id = f"{fid_html}-hjelp"
    described = f' aria-describedby="{help_id}"' if help_text else ""
    help_html = [f'<p class="{PREFIX}-hjelp" id="{help_id}">{_e(help_text)}</p>'] if help_text else []
    if kind == "checkbox":
        return [f'<div class="{PREFIX}-felt {PREFIX}-felt--avkrysning">',
                f'<input type="checkbox" id="{fid_html}"{described}>',
                f'<label for="{fid_html}">{label}</label>', *help_html, "</div>"]
    if kind == "radio":
        options = t.table.get("sections", {}).get(sid, {}).get("fields", {}).get(fid, {}).get("options")
        if not isinstance(options, dict) or len(options) < 2:
            raise ConsentFormError(f"veiviser «{t.guide_id}»: consent_form.sections.{sid}.fields.{fid}.options "
                                   "skal ha minst to svar")
        lines = [f'<fieldset class="{PREFIX}-felt {PREFIX}-felt--valg"{described}>', f"<legend>{label}</legend>", *help_html]
        for value in options:
            oid = f"{fid_html}--{value}"
            lines.append(f'<div class="{PREFIX}-valg"><input type="radio" name="{fid_html}" id="{oid}" value="{_e(value)}">'
                         f'<label for="{oid}">{_e(t.get("sections", sid, "fields", fid, "options", value))}</label></div>')
        return lines + ["</fieldset>"]
    control = (f'<textarea id="{fid_html}" rows="4" cols="40" autocomplete="off"{described}></textarea>' if kind == "textarea" else
               f'<input type="text" id="{fid_html}" autocomplete="off" size="40"{described}>')
    extra = f" {PREFIX}-felt--underskrift" if kind == "signature" else ""
    return [f'<div class="{PREFIX}-felt{extra}">', f'<label for="{fid_html}">{label}</label>', *help_html, control, "</div>"]


def _who_signs(t: _Texts, guide_id: str, cited: list, lang: str = "nb") -> list[str]:
    rules = t.table.get("who_signs", {}).get("rules")
    if not isinstance(rules, dict) or not rules:
        raise ConsentFormError(f"veiviser «{guide_id}»: consent_form.who_signs.rules skal nevne minst én merknad")
    notes = {n.id: n for n in load_guide(guide_id, lang).notes}
    heading_id = f"{PREFIX}-hvem"
    lines = [f'<div class="{PREFIX}-hvem" role="group" aria-labelledby="{heading_id}">',
             f'<h3 id="{heading_id}">{_e(t.get("who_signs", "heading"))}</h3>',
             f"<p>{_e(t.get('who_signs', 'intro'))}</p>", "<dl>"]
    for note_id in rules:
        note = notes.get(note_id)
        if note is None:
            raise ConsentFormError(f"veiviser «{guide_id}»: consent_form.who_signs.rules nevner «{note_id}», "
                                   "som ikke er en merknad i veiviseren")
        lines += [f"<dt>{_e(t.get('who_signs', 'rules', note_id))}</dt>", f"<dd>{_e(note.text)}</dd>"]
        cited.extend(note.sources)
    return lines + ["</dl>", "</div>"]


def _sources(t: _Texts, cited: list, lang: str = "nb") -> list[str]:
    refs = t.table.get("sources")
    if not isinstance(refs, list) or not refs:
        raise ConsentFormError(f"veiviser «{t.guide_id}»: consent_form.sources skal være en liste med henvisninger")
    try:
        citations = [cite(ref) for ref in refs] + cited
    except KeyError as exc:
        raise ConsentFormError(f"veiviser «{t.guide_id}»: consent_form.sources: {exc.args[0]}") from None
    seen, links = set(), []
    for c in citations:
        if c.label not in seen:
            seen.add(c.label)
            links.append(f'<a class="lovdata" href="{_e(c.url)}">{_e(c.label_in(lang))}</a>')
    return [f'<p class="{PREFIX}-kilder">{_e(t.get("sources_label"))}: {", ".join(links)}</p>']


def render(guide_id: str, lang: str = "nb") -> str:
    """The consent form of a guide as HTML (ConsentFormError if its texts do not fit the form,
    KeyError if there is no such guide)."""
    table = form_texts(guide_id, lang)
    if table is None:
        raise ConsentFormError(f"veiviser «{guide_id}» har ikke noe samtykkeskjema ([consent_form] i tekstfilen)")
    t = _Texts(guide_id, table)
    _check_no_orphans(t)
    title_id = f"{PREFIX}-tittel"
    lines = [f'<section class="{PREFIX}" id="{PREFIX}" aria-labelledby="{title_id}">',
             f'<h2 id="{title_id}">{_e(t.get("title"))}</h2>', f'<p class="{PREFIX}-intro">{_e(t.get("intro"))}</p>']
    cited: list = []
    for sid, fields in FIELDS:
        if sid == WHO_SIGNS_BEFORE:
            lines += _who_signs(t, guide_id, cited, lang)
        lines.append(f'<fieldset class="{PREFIX}-del" id="{PREFIX}-{sid}">')
        lines.append(f"<legend>{_e(t.get('sections', sid, 'legend'))}</legend>")
        section_help = t.get("sections", sid, "help", optional=True)
        if section_help:
            lines.append(f'<p class="{PREFIX}-hjelp">{_e(section_help)}</p>')
        for fid, kind in fields:
            lines += _field(t, sid, fid, kind)
        lines.append("</fieldset>")
    lines += _sources(t, cited, lang)
    lines.append("</section>")
    return "\n".join(lines) + "\n"
