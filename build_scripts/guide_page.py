"""The guide page, generated from the guide definition (describe) at build time: a page that
holds only `{{ veiviser ID }}` becomes this (markdown_ext.py)."""
from __future__ import annotations

import json
import re

import jinja2
from markupsafe import Markup, escape

from guide_engine import describe, evaluate
from guide_engine.laws import unique_sources
from guide_engine.messages import table as messages

from . import consent_form, law_status, municipality, page_meta
from .legal_refs import link, tooltip
from .ui import for_audience, t, table

# How long the page waits for the engine before it says it could not start (the checklist
# stays usable, and a late start still takes over).
ENGINE_TIMEOUT_MS = 45_000
# Words the result (js/guide/) and the checklist (guide.html.j2) both show, from ui.<lang>.toml [guide].
SHARED_WORDS = ("notes_heading", "go_to_guide")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("build_scripts", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    keep_trailing_newline=True,
)


def _unknown_control(q):
    raise ValueError(f"spørsmålet «{q['id']}» bruker skjemakontrollen «{q['control']['kind']}», som siden ikke kjenner")


_ENV.globals["unknown_control"] = _unknown_control  # the template's questions: no control by default


# After the guide is written into the page, the page's own tags ([[ref]], {{ … }}) are expanded
# (markdown_ext.py). A municipality's text must never be read as one: its brackets and braces
# are written as character references (HTML) or \u escapes (JSON), which show the same text.
_TAG_CHARS = {"[": "5b", "]": "5d", "{": "7b", "}": "7d"}


def _inert_html(value: str) -> Markup:
    text = str(escape(value))
    for ch, code in _TAG_CHARS.items():
        text = text.replace(ch, f"&#x{code};")
    return Markup(text)


def _inert_json(value) -> str:
    """JSON safe inside <script> (like Jinja's tojson), with the tag characters in strings escaped."""
    text = json.dumps(value, sort_keys=True)  # as Jinja's tojson wrote it
    for ch, code in {"<": "3c", ">": "3e", "&": "26", "'": "27"}.items():
        text = text.replace(ch, f"\\u00{code}")
    return text


def _inert_municipal(value) -> str:
    """JSON of the municipality's data (texts, and lists and objects of them): the tag characters
    are escaped inside each string, never in the JSON's own brackets."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inert_municipal(str(k))}: {_inert_municipal(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inert_municipal(v) for v in value) + "]"
    one = _inert_json(value)
    for ch, code in _TAG_CHARS.items():
        one = one.replace(ch, f"\\u00{code}")
    return one


def client_json(data: dict) -> Markup:
    """The page's data for the guide scripts (js/guide/); the municipality's strings carry no tag characters."""
    own = ["kommune"] + (["letter_kommune"] if "letter_kommune" in data else [])
    # Each replaced by the escaped object below.
    text = _inert_json({**data, **{k: f"__{k}__" for k in own}})
    for k in own:
        text = text.replace(json.dumps(f"__{k}__"), _inert_municipal(data.get(k) or {}), 1)
    return Markup(text)


def _with_tooltips(sources: list[dict]) -> list[dict]:
    """Sources as the shared parts show them: a link's tooltip names the provision."""
    return [{**s, "tooltip": tooltip(s["label"], s.get("title"))} for s in sources]


# The shared parts (guide_parts.html.j2) as the page carries them for the result to fill.
_EMPTY_SOURCES = [{"url": "", "label": "", "tooltip": ""}]
_EMPTY_CONDITION = {"id": "", "title": "", "about": "", "sources": _EMPTY_SOURCES}
_EMPTY_NOTE = {"id": "", "text": "", "sources": _EMPTY_SOURCES}


def footer(doc: dict, parts: list | None = None, lang: str = "nb") -> str:
    """«Kilder» and «Sist oppdatert» for a guide page. «Kilder» names the provisions the guide's
    own texts rest on (the provisions of its registry lists stand in its legal tables, with the
    services they cover); a guide that joins others names theirs."""
    refs = [s["ref"] for s in unique_sources(s for d in parts or [doc]
                                             for part in (*d["conditions"], *d["notes"], *d["letters"])
                                             for s in part["sources"])]
    return page_meta.footer({"sources": [f"[[{ref}]]" for ref in refs], "updated": doc["updated"],
                             "checked": law_status.checked_line(refs, lang)}, lang)


def list_table(lst: dict, lang: str = "nb") -> str:
    """The legal table of a registry list: each provision and the services it covers, from the
    same registry data the engine reads, for readers without JavaScript."""
    from guide_engine.laws import Citation, provisions_for, services

    names = services(lang)
    header = [t(lang, "guide.sources"), t(lang, "guide.table_covers"), *(f["yes"].split(":")[0] for f in lst["flags"])]
    rows = []
    for p in provisions_for(lst["provides"]):
        covered = [names[s].label for s in names if s in p.applies_to]
        if covered:
            rows.append([link(Citation(p.law, p), lang=lang), ", ".join(covered),
                         *(t(lang, "guide.yes") if f["provides"] in p.provides else t(lang, "guide.no") for f in lst["flags"])])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def diagram_svg(guide_id: str, lang: str = "nb") -> str:
    """The guide as a static SVG, laid out by Graphviz at build time (no script, no request)."""
    import shutil
    import subprocess

    from guide_engine.definitions import load_guide
    from guide_engine.graph import to_dot

    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("Graphviz («dot») mangler: make installerer pakken «graphviz» for deg")
    svg = subprocess.run([dot, "-Tsvg"], input=to_dot(load_guide(guide_id, lang)), capture_output=True,
                         text=True, check=True).stdout
    svg = svg[svg.index("<svg"):]
    # Comments and blank lines would end Markdown's raw HTML block.
    # Node names are internal ids: drop Graphviz's <title> tooltips (the labels say it in words).
    svg = re.sub(r"<title>[^<]*</title>", "", svg)
    svg = "\n".join(line for line in svg.splitlines() if line.strip() and not line.lstrip().startswith("<!--"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{t(lang, "guide.diagram_label")}" ', 1)


def body(guide_id: str, kommune: dict | None = None, lang: str = "nb", municipal: dict | None = None) -> str:
    """The guide's page as Markdown: its heading, the form as HTML, the checklist, the legal
    tables, the diagram and the footer. KeyError for an unknown guide. ``kommune``: the
    municipality's texts for the guides in ``lang`` (municipality.for_guides); ``municipal``:
    its whole checked kommune.yml, for the Norwegian letter of a page in English."""
    from guide_engine.api import all_ids
    from guide_engine.languages import languages
    from guide_engine.messages import DEFAULT, LANGUAGES

    if guide_id not in all_ids():
        raise KeyError(guide_id)
    doc = describe(guide_id, lang)
    composite = doc.get("kind") == "composite"
    parts = [describe(g, lang) for g in doc["joins"]] if composite else []
    for part in (*doc.get("conditions", []), *doc.get("notes", [])):
        part["sources"] = _with_tooltips(part["sources"])
    # For notes that point to another guide: the guides in this language (English has the family guides).
    titles = {g: describe(g, lang)["title"] for g in all_ids() if lang in languages(g)}
    kommune = dict(kommune or {})
    # The result and the letter name the contact for the guide's service (family guides only).
    words = for_audience(lang, doc["audience"])  # «dere» on the families' guides, «du» on the staff's
    contacts = municipality.guide_contacts(kommune, doc["joins"] if composite else [guide_id], doc["audience"])
    kommune.pop("kontakter", None)
    client_data = {
        "id": doc["id"],
        "kommune": {**{k: v for k, v in kommune.items() if v}, **({"kontakter": contacts} if contacts else {})},
        "questions": {q["id"]: {"text": q["text"]} for q in doc["questions"]},
        "guides": titles,  # for notes that point to another guide
        "lang": lang,  # the engine answers in the page's written form
        # The script's own words, and those it shares with the checklist (one key per word).
        "ui": {**words["js"], **{k: words["guide"][k] for k in SHARED_WORDS}},
    }
    if lang not in LANGUAGES and municipal:
        # The letter stays Norwegian (the municipality reads it): its «Til» line and its last
        # line name the municipality's own Norwegian texts, not their English versions.
        norwegian = municipality.for_guides(municipal, DEFAULT)
        letter_contacts = municipality.guide_contacts(norwegian, doc["joins"] if composite else [guide_id], doc["audience"])
        client_data["letter_kommune"] = {**{k: v for k, v in norwegian.items() if v and k != "kontakter"},
                                         **({"kontakter": letter_contacts} if letter_contacts else {})}
    ui = dict(words["guide"])
    # The box's sentences are filled with the municipality's texts already escaped (Markup.format).
    ui["contact"], ui["form_link"] = escape(ui["contact"]), escape(ui["form_link"])
    html = _ENV.get_template("guide.html.j2").render(
        guide=doc, parts=parts, statuses=messages(lang)["status"], duty_statuses=messages(lang)["duty_status"],
        client_json=client_json(client_data), starting=client_data["ui"]["starting"],
        empty_condition=_EMPTY_CONDITION, empty_note=_EMPTY_NOTE, guide_titles=titles,
        asked_at_start=set(evaluate(guide_id, {}, lang)["asked_questions"]),
        audience_text=t(lang, f"guide.audience_{doc['audience']}"), ui=ui,
        list_tables=[{**lst, "table": list_table(lst, lang)} for lst in doc.get("lists", [])],
        diagram=None if composite else diagram_svg(guide_id, lang), kommune={k: _inert_html(v) for k, v in (kommune or {}).items()}, timeout_ms=ENGINE_TIMEOUT_MS)
    # A guide may carry a printable consent form (its texts' [consent_form]); it stands after the
    # checklist, outside the guide's own form.
    consent = consent_form.render(guide_id, lang) if not composite and consent_form.available(guide_id) else ""
    return f"# {doc['title']}\n\n" + html + (f"\n\n{consent}\n\n" if consent else "") + footer(doc, parts, lang)
