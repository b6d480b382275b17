"""A guide's printable consent form (samtykkeskjema) as HTML, generated from the guide's texts.

    from build_scripts import consent_form
    if consent_form.available(guide_id):
        html = consent_form.render(guide_id)

The fields and their order are defined here (FIELDS); every word comes from `[consent_form]` in
the guide's texts file (guide_engine/texts.py). Who must sign is said in the form's own plain words
for the family (`[consent_form.who_signs.rules.<note id>]`: heading, text, sources): the guide's
notes on the same groups are written for staff. Each rule is keyed by the guide's note for the same
age group and sector, so the form cannot list a group the guide does not know. Sources (per
section, per rule and for the whole form) are resolved from the law registry; a provision whose
text the registry has not checked is marked as such beside its link.

The HTML is one element per line with no blank lines (it sits in a Markdown page as a raw HTML
block). It has labelled inputs and textareas for filling in on screen or on paper, and no <form>,
button or script: nothing can be submitted, and nothing a person types is ever put into markup.
"""
from __future__ import annotations

from html import escape

from guide_engine.definitions import load_guide
from guide_engine.laws import cite, unique_sources
from guide_engine.logic import as_list
from guide_engine.texts import consent_form as form_texts
from guide_engine.texts import lookup

from .ui import t as t_ui

PREFIX = "samtykkeskjema"

# section id -> ((field id, kind), ...); kind: text, textarea, checkbox, radio, signature
FIELDS = (
    ("samtykker", (("navn", "text"), ("rolle", "text"))),
    ("gjelder", (("barnets_navn", "text"), ("fodselsdato", "text"))),
    ("opplysninger", (("hvilke", "textarea"),)),
    ("mottakere", (("fra", "text"), ("til", "textarea"))),
    ("formal", (("hva_til", "textarea"),)),
    ("varighet", (("til_dato", "textarea"),)),  # a limit on the duration may take more than a line
    ("barnets_mening", (("hort", "checkbox"), ("mening", "textarea"))),
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


def _paragraphs(t: _Texts, *path) -> list[str]:
    """A text that may be one paragraph or a list of them (absent: none)."""
    value = lookup(t.table, path)
    if value is None:
        return []
    items = as_list(value)
    if not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise ConsentFormError(f"veiviser «{t.guide_id}»: consent_form.{'.'.join(path)} skal være en tekst "
                               "eller en liste med tekster")
    return [v.strip() for v in items]


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


def _citations(t: _Texts, refs, where: str) -> list:
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
        raise ConsentFormError(f"veiviser «{t.guide_id}»: {where} skal være en liste med henvisninger")
    try:
        return [cite(ref) for ref in refs]
    except KeyError as exc:
        raise ConsentFormError(f"veiviser «{t.guide_id}»: {where}: {exc.args[0]}") from None


def _unchecked(citation) -> bool:
    """A provision of a statute whose text the registry has not checked (it has no `checked` date)."""
    return (citation.provision is not None and citation.law.kind in ("lov", "forskrift")
            and citation.provision.checked is None)


def _sources_line(t: _Texts, citations: list, lang: str) -> str:
    links = []
    for c in unique_sources(citations):
        link = f'<a class="lovdata" href="{_e(c.url)}">{_e(c.label_in(lang))}</a>'
        if _unchecked(c):
            link += f" ({_e(t.get('sources_unchecked'))})"
        links.append(link)
    return f'<p class="{PREFIX}-kilder">{_e(t.get("sources_label"))}: {", ".join(links)}</p>'


def _who_signs(t: _Texts, guide_id: str, lang: str = "nb") -> list[str]:
    rules = t.table.get("who_signs", {}).get("rules")
    if not isinstance(rules, dict) or not rules:
        raise ConsentFormError(f"veiviser «{guide_id}»: consent_form.who_signs.rules skal nevne minst én aldersgruppe")
    notes = {n.id for n in load_guide(guide_id, lang).notes}
    heading_id = f"{PREFIX}-hvem"
    lines = [f'<div class="{PREFIX}-hvem" role="group" aria-labelledby="{heading_id}">',
             f'<h3 id="{heading_id}">{_e(t.get("who_signs", "heading"))}</h3>',
             f"<p>{_e(t.get('who_signs', 'intro'))}</p>", "<dl>"]
    for rule_id in rules:
        # Keyed by the guide's note for the same group: a group the guide does not know is a mistake.
        if rule_id not in notes:
            raise ConsentFormError(f"veiviser «{guide_id}»: consent_form.who_signs.rules nevner «{rule_id}», "
                                   "som ikke er en merknad i veiviseren")
        cited = _citations(t, lookup(rules, (rule_id, "sources")), f"consent_form.who_signs.rules.{rule_id}.sources")
        lines += [f"<dt>{_e(t.get('who_signs', 'rules', rule_id, 'heading'))}</dt>",
                  f"<dd><p>{_e(t.get('who_signs', 'rules', rule_id, 'text'))}</p>", _sources_line(t, cited, lang), "</dd>"]
    return lines + ["</dl>", "</div>"]


def render(guide_id: str, lang: str = "nb") -> str:
    """The consent form of a guide as HTML (ConsentFormError if its texts do not fit the form,
    KeyError if there is no such guide)."""
    table = form_texts(guide_id, lang)
    if table is None:
        raise ConsentFormError(f"veiviser «{guide_id}» har ikke noe samtykkeskjema ([consent_form] i tekstfilen)")
    t = _Texts(guide_id, table)
    _check_no_orphans(t)
    title_id = f"{PREFIX}-tittel"
    # js/consent-form.js adds a button that prints the form alone, named in the page's form.
    print_label = _e(t_ui(lang, "js.print_consent"))
    lines = [f'<section class="{PREFIX}" id="{PREFIX}" aria-labelledby="{title_id}" data-print-label="{print_label}">',
             f'<h2 id="{title_id}">{_e(t.get("title"))}</h2>', f'<p class="{PREFIX}-intro">{_e(t.get("intro"))}</p>']
    for sid, fields in FIELDS:
        if sid == WHO_SIGNS_BEFORE:
            lines += _who_signs(t, guide_id, lang)
        lines.append(f'<fieldset class="{PREFIX}-del" id="{PREFIX}-{sid}">')
        lines.append(f"<legend>{_e(t.get('sections', sid, 'legend'))}</legend>")
        lines += [f'<p class="{PREFIX}-hjelp">{_e(p)}</p>' for p in _paragraphs(t, "sections", sid, "help")]
        for fid, kind in fields:
            lines += _field(t, sid, fid, kind)
        refs = lookup(t.table, ("sections", sid, "sources"))
        if refs is not None:
            lines.append(_sources_line(t, _citations(t, refs, f"consent_form.sections.{sid}.sources"), lang))
        lines.append("</fieldset>")
    lines.append(_sources_line(t, _citations(t, t.table.get("sources"), "consent_form.sources"), lang))
    lines.append("</section>")
    return "\n".join(lines) + "\n"
