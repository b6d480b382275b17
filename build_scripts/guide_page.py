"""The guide page, generated from the guide definition (describe) at build time."""
from __future__ import annotations

import jinja2

from guide_engine import describe
from guide_engine.laws import cite

from .legal_refs import link

STATUS_TEXT = {"oppfylt": "Oppfylt", "ikke_oppfylt": "Ikke oppfylt", "uavklart": "Uavklart"}
# In the family's letter a condition reads as their own view of it.
LETTER_STATUS = {"oppfylt": "ja", "ikke_oppfylt": "nei", "uavklart": "usikkert, kommunen må vurdere det"}
# How long the page waits for the engine before it says it could not start (the checklist
# stays usable, and a late start still takes over).
ENGINE_TIMEOUT_MS = 45_000

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("build_scripts", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    keep_trailing_newline=True,
)


def _sources_md(sources: list[dict]) -> str:
    return ", ".join(link(cite(_ref(s))) for s in sources)


def _ref(source: dict) -> str:
    """Back from a source dict to its registry reference (key § section ledd)."""
    from guide_engine.laws import ORDINALS, registry

    key = next(k for k, law in registry().items() if law.lovdata_id == source["law_id"])
    ref = f"{key} § {source['section']}"
    return ref + (f" {ORDINALS[source['ledd'] - 1]} ledd" if source.get("ledd") else "")


def front_matter(doc: dict, updated: str) -> str:
    sources = "\n".join(f'  - "[[{_ref(s)}]]"' for s in doc["sources"])
    return (f"---\ntitle: {doc['title']}\ndescription: {doc['intro'].splitlines()[0]}\n"
            f"audience: familie\nupdated: {updated}\nguide: {doc['id']}\n"
            # A tool page, as GOV.UK's smart answers: the width goes to the form and the result.
            f"hide:\n  - navigation\n  - toc\nsources:\n{sources}\n---\n")


def render(guide_id: str, kommune: dict | None = None, pyodide: str = "assets/pyodide/") -> str:
    """Markdown (front matter, the form as HTML, and the checklist) for one guide."""
    doc = describe(guide_id)
    for c in doc["conditions"]:
        c["sources_md"] = _sources_md(c["sources"])
    for n in doc["notes"]:
        n["sources_md"] = _sources_md(n["sources"])
    client_data = {
        "id": doc["id"],
        "status_text": STATUS_TEXT,
        "letter_status": LETTER_STATUS,
        "kommune": {k: v for k, v in (kommune or {}).items() if v},
        "pyodide": pyodide,  # relative to the site root
        "summary": doc["summary"],
        "questions": {q["id"]: {"text": q["text"], "type": q["type"]} for q in doc["questions"]},
    }
    body = _ENV.get_template("guide.html.j2").render(
        guide=doc, status_text=STATUS_TEXT, client_data=client_data,
        kommune=kommune or {}, timeout_ms=ENGINE_TIMEOUT_MS)
    return front_matter(doc, doc["updated"]) + f"\n# {doc['title']}\n\n" + body
