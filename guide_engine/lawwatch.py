"""Law watch: has the text of a section we cite changed since it was checked, and which adopted
acts change it, from when?

    python3 -m guide_engine lovsjekk ARKIV [ARKIV ...] [--json] [--today ÅÅÅÅ-MM-DD]
                                        [--baseline ARKIV] [--accept] [--laws MAPPE] [--lang nb|nn] [--help]

The archives are Lovdata's consolidated data sets (below) and Norsk Lovtidend's yearly volumes
(``lovtidend-avd1-2025.tar.bz2``, documents with DokumentID ``LTI/…``), in any mix and order;
what an act changes and when it takes effect is read in lovtidend.py, and matched against the
registry in amendments.py (codes ``amendment_*`` and ``markup_doubtful``, listed there). Given
only Lovtidend, the text itself is not compared (``text_checked`` is false).

Every provision in the law registry (guide_engine/laws/) carries what its text was checked
against: the law's «Sist endret ved» reference and in-force date (``last_changed_by``,
``last_change_in_force``), and per provision a ``fingerprint`` of the section's normalised text
(:func:`fingerprint`), the date it was ``checked`` and its ``basis``: ``kopi`` (a reference copy of
Lovdata's consolidated text) or ``lovdata`` (Lovdata's own data set). This module reads Lovdata's
public data set and says, for every cited provision, whether its text is still the same.

The data set (NLOD 2.0, https://api.lovdata.no/v1/publicData/list) is a tar archive, bzip2
compressed: ``gjeldende-lover.tar.bz2`` (current laws, members ``nl/nl-20050617-064.xml``) and
``gjeldende-sentrale-forskrifter.tar.bz2`` (current central regulations, ``sf/sf-….xml``); a folder
of the unpacked files is read the same way. Each file is one document in HTML:
``<header class="documentHeader">`` holds ``<dl class="data-document-key-info">`` with ``dd``
elements by class: ``legacyID`` (``LOV-2005-06-17-64``), ``dokid`` (``NL/lov/2005-06-17-64``),
``title``, ``lastChangedBy`` (``lov/2026-06-19-59 fra 2026-08-01``, newest first),
``lastChangeInForce``, ``changesToDocuments`` (links to the documents it changes) and
``miscInformation`` (e.g. «Jf. tidligere lov …»). ``<main class="documentBody">`` holds the
sections: ``<article class="legalArticle" data-name="§2b">`` with an ``h3``/``h4``
``legalArticleHeader`` (``legalArticleValue`` «§ 2 b», ``legalArticleTitle``), each ledd an
``article.legalP`` (or ``numberedLegalP``, ``defaultP``), lists as ``ol > li[data-name="a."]``.
Notes on amendments (``article.changesToParent``) and footnotes are not part of the text. A
repealed section keeps its number with the title «(Opphevet)» (nynorsk «(Oppheva)»).

Findings, one or two per cited provision (``code``; failing ones make the exit status 1):

==========================  =====  ==============================================================
code                        fails  meaning
==========================  =====  ==============================================================
``unchanged``               no     the section's text has the recorded fingerprint
``law_changed_elsewhere``   no     the law has been changed since the check, this section not
``text_changed``            yes    the text differs from the one checked (both are shown)
``repealed``                yes    the section is now «(Opphevet)»
``missing``                 yes    the section, or the whole law, is not in the data set
``law_replaced``            yes    the law is gone, and a current law names it as replaced
``no_baseline``             no     no fingerprint was recorded (no copy of the text was at hand)
``not_checked``             no     the data set given holds no documents of this kind
``change_due``              yes    an adopted change (``future_change``) has reached its date
``change_pending``          no     an adopted change is not in force yet, or has no date
==========================  =====  ==============================================================

A ``future_change`` that names its act (``act``) is left to the Lovtidend finding when that act is
in the volumes given. The report lists what needs a person now first (``CODES`` order).

Exit status: 0 when no cited section has changed, 1 when one has (or is repealed, missing or
replaced, or a change is due, or a Lovtidend finding fails), 2 on a missing or unreadable archive
or registry, or a file of neither format. ``--json`` prints ``{"archives", "today", "ok", "counts",
"findings": [{"code", "fails", "ref", "law", "law_id", "section", "title", "message", …}],
"accepted", "text_checked", "lovtidend"}`` (a Lovtidend finding also carries ``act_id`` and ``dates``); errors as ``{"errors": [{"field", "code",
"message"}]}`` like the rest of the CLI. ``--accept`` makes the data set the new baseline after a
person has read the differences: fingerprints, ``checked`` (today) and ``basis = "lovdata"`` for
every cited section found in it, and the law's «sist endret». ``--baseline`` names the data set
the fingerprints were taken from, so that a changed section is shown beside its old text.

Every word a person reads (the report, ``--help``, usage and errors, each finding's ``message`` and
``label``) is in the section ``[lovsjekk]`` of messages.nb.toml and messages.nn.toml; ``--lang nn``
gives them in nynorsk, with the law names of the registry's nynorsk texts (laws/nn/). Codes, field
names, numbers and the other fields of the JSON are the same in both forms: a message quotes the
registry's notes and adopted changes from its nynorsk texts, while ``summary`` (and the report's
column that shows it) stays the registry's own.
Standard library only; nothing here is loaded by the engine itself.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os
import re
import sys
import tarfile
import textwrap
import unicodedata
from typing import NamedTuple

from .data_files import HERE
from .errors import GuideDefinitionError, input_error
from . import amendments, lovtidend
from .amendments import say as _say
from .laws import Citation, Law, in_language, load, normalize_section
from .lovtidend import Volumes
from .messages import table
from .lovdata_html import NOT_TEXT as _NOT_TEXT, Node as _Node, descendants as _descendants, parse as _parse, text as _text

FAILING = frozenset({"text_changed", "repealed", "missing", "law_replaced", "change_due"}) | amendments.FAILING
# The report's order: what needs a person now first (a change in force or coming that the registry
# does not reflect), then the text check, then what is only for information.
CODES = ("amendment_in_force", "change_due", "text_changed", "repealed", "missing", "law_replaced",
         "amendment_date_known", "amendment_coming", "law_changed_elsewhere", "amendment_recorded", "change_pending",
         "amendment_superseded", "markup_doubtful", "no_baseline", "not_checked", "unchanged")
KIND_OF_DOKID = {"NL": "lov", "SF": "forskrift"}
ARCHIVE_OF_KIND = {"lov": "gjeldende-lover.tar.bz2", "forskrift": "gjeldende-sentrale-forskrifter.tar.bz2"}
DOWNLOAD = "https://api.lovdata.no/v1/publicData/get/"  # + the archive's name (list: …/publicData/list)
FORMS = ("nb", "nn")  # the written forms of the report (--lang), bokmål by default


class WatchError(Exception):
    """An archive or a registry the check cannot use: ``code``, and the key of its message in
    [lovsjekk] with what fills it in (the usage line and Lovdata's address are always there)."""

    def __init__(self, field: str, code: str, key: str, **fill):
        self.field, self.code, self.key, self.fill = field, code, key, fill
        super().__init__(self.text())

    def text(self, lang: str = "nb") -> str:
        return _say(lang, self.key, usage=_say(lang, "usage"), download=DOWNLOAD, **self.fill)


# --- The text of a section, normalised and fingerprinted ---------------------------------------

_REPEALED = re.compile(r"\(?(?:opphevet|oppheva)\)?\.?", re.I)
REPEALED_TEXT = "(opphevet)"


def _clean(text: str) -> str:
    """One paragraph: NFKC, single spaces, no space before closing or after opening punctuation
    (copies of Lovdata's text often keep a space where a link was removed: «§ 7-2 a ,», «§ § 312»)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split()).replace("§ §", "§§")
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


def is_repealed(title: str, paragraphs) -> bool:
    """«(Opphevet)» as the title with no text (Lovdata), or as the only text (some copies)."""
    body = [c for c in map(_clean, paragraphs) if c]
    if body:
        return len(body) == 1 and bool(_REPEALED.fullmatch(body[0]))
    return bool(_REPEALED.fullmatch(_clean(title)))


def normalise(title: str, paragraphs) -> str:
    """The text a fingerprint is made from: the title without its final full stop, then one line
    per ledd (list items stay in their ledd, with their labels «a.», «1.»). A repealed section is
    always the same text, however it is printed."""
    if is_repealed(title, paragraphs):
        return REPEALED_TEXT
    lines = [_clean(title).rstrip(".").rstrip()]
    return "\n".join(lines + [c for c in map(_clean, paragraphs) if c])


def fingerprint(title: str, paragraphs) -> str:
    """``sha256:`` and the first 16 hex digits of the SHA-256 of :func:`normalise`. The registry's
    fingerprints are made with this function, and only with it."""
    return "sha256:" + hashlib.sha256(normalise(title, paragraphs).encode("utf-8")).hexdigest()[:16]


class Section(NamedTuple):
    title: str
    paragraphs: tuple[str, ...]  # one per ledd; list items on their own lines

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title, self.paragraphs)

    @property
    def repealed(self) -> bool:
        return is_repealed(self.title, self.paragraphs)

    @property
    def text(self) -> str:
        return "\n\n".join(p for p in ((self.title,) + self.paragraphs) if p.strip())


def section_key(section: str) -> str:
    """'2 b', '§ 2 b', '§2b' and '2b' name the same section."""
    return re.sub(r"[§\s]", "", section).lower()


# --- Lovdata's HTML: the header and the sections (the tree: lovdata_html.py) ------------------

def _section(article: _Node) -> Section:
    header = article.find("legalArticleHeader")
    title_node = header.find("legalArticleTitle") if header is not None else None
    title = " ".join(_text(title_node).split()) if title_node is not None else ""
    paragraphs = []
    for c in article.elements():
        if _NOT_TEXT.intersection(c.classes) or "legalArticle" in c.classes or c.tag in ("footer", "h2", "h3", "h4", "h5"):
            continue
        text = _text(c)
        if text:
            paragraphs.append(text)
    return Section(title, tuple(paragraphs))


def _sections(root: _Node) -> dict[str, Section]:
    """Every section of a document by :func:`section_key`; the first one wins if a number repeats."""
    found: dict[str, Section] = {}

    def walk(n: _Node) -> None:
        for c in n.elements():
            if "legalArticle" in c.classes:
                name = c.attrs.get("data-name")
                if not name:
                    value = c.find("legalArticleValue")
                    name = _text(value) if value is not None else ""
                key = section_key(name)
                if key and key not in found:
                    found[key] = _section(c)
            else:
                walk(c)

    walk(root)
    return found


_CHANGE = re.compile(r"((?:lov|forskrift)/\d{4}-\d{2}-\d{2}(?:-\d+)?)(?:\s+fra\s+(\d{4}-\d{2}-\d{2}))?")


class Document(NamedTuple):
    name: str  # the file in the archive
    legacy_id: str  # LOV-2005-06-17-64
    dokid: str  # NL/lov/2005-06-17-64
    title: str
    last_changed_by: tuple[tuple[str, str | None], ...]  # (reference, in force from), newest first
    last_change_in_force: str | None
    changes: tuple[str, ...]  # documents it changes (or replaced): "lov/1967-02-10"
    misc: str
    sections: dict | None  # read only for the laws the registry cites

    @property
    def kind(self) -> str | None:
        return KIND_OF_DOKID.get(self.dokid.split("/", 1)[0])

    @property
    def latest_change(self) -> str | None:
        """The «sist endret» reference that came into force last (Lovdata lists it first)."""
        for ref, since in self.last_changed_by:
            if since == self.last_change_in_force:
                return ref
        return self.last_changed_by[0][0] if self.last_changed_by else None


def _read_document(name: str, html: str, wanted) -> Document | None:
    end = html.find("<main")
    head = _parse(html if end < 0 else html[:end])
    info = {}
    key_info = head.find("data-document-key-info")
    for dd in (key_info.elements() if key_info is not None else ()):
        if dd.tag == "dd" and dd.classes:
            info[dd.classes[0]] = dd
    if "legacyID" not in info or "dokid" not in info:
        return None

    def text(cls):
        return _text(info[cls]).replace("\n", " ") if cls in info else ""

    legacy_id = text("legacyID").strip()
    changed = tuple((m.group(1), m.group(2)) for m in _CHANGE.finditer(text("lastChangedBy")))
    changes = tuple(a.attrs.get("href", "") for a in _descendants(info["changesToDocuments"], "a")) if "changesToDocuments" in info else ()
    sections = _sections(_parse(html[end:])) if legacy_id in wanted and end >= 0 else None
    return Document(name, legacy_id, text("dokid").strip(), text("title").strip(), changed,
                    text("lastChangeInForce").strip() or None, changes, text("miscInformation"), sections)


class Archive(NamedTuple):
    paths: tuple[str, ...]
    documents: dict  # legacy id -> Document (every document, sections only where wanted)
    volumes: Volumes | None = None  # what the Norsk Lovtidend volumes given hold (lovtidend.py)

    @property
    def kinds(self) -> set:
        return {d.kind for d in self.documents.values() if d.kind}

    def successor(self, law: Law) -> Document | None:
        """A current document that names the law as changed and, preferably, as its predecessor
        («Jf. tidligere lov …»), other than an amending act."""
        ref = f"{'lov' if law.kind == 'lov' else 'forskrift'}/{law.date_number}"
        candidates = [d for d in self.documents.values() if ref in d.changes]
        candidates.sort(key=lambda d: (not re.search(r"\btidl(?:igere|egare)\b", d.misc, re.I),
                                       bool(re.match(r"(?i)(endringslov|lov om endring)", d.title)), d.legacy_id))
        return candidates[0] if candidates else None


def _members(path: str):
    """(name, bytes) of every .xml/.html file in a tar archive (any compression) or a folder."""
    if os.path.isdir(path):
        for folder, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                if f.endswith((".xml", ".html")):
                    with open(os.path.join(folder, f), "rb") as fh:
                        yield os.path.relpath(os.path.join(folder, f), path), fh.read()
        return
    with tarfile.open(path, "r|*") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith((".xml", ".html")):
                yield member.name, tar.extractfile(member).read()


def read_archives(paths, wanted=frozenset(), changed=frozenset()) -> Archive:
    """Read Lovdata's data sets: the consolidated laws and regulations, and Norsk Lovtidend.
    ``wanted`` are the Lovdata ids whose sections are needed; ``changed`` the laws ("lov/…")
    whose changes in Lovtidend are read in full."""
    documents, acts, commencements, lovtidend_paths = {}, {}, [], []
    for path in paths:
        if not os.path.exists(path):
            raise WatchError("archive", "missing_archive", "missing_archive", path=path)
        count = 0
        try:
            for name, data in _members(path):
                html = data.decode("utf-8", errors="replace")
                if 'class="dokid">LTI/' in html[:20000]:  # Norsk Lovtidend: an act or a regulation as announced
                    item = lovtidend.read_document(name, html, lovtidend.header(html), changed)
                    count += 1
                    if path not in lovtidend_paths:
                        lovtidend_paths.append(path)
                    if isinstance(item, lovtidend.Act):
                        acts.setdefault(item.ref, item)
                    elif item is not None:
                        commencements.append(item)
                    continue
                doc = _read_document(name, html, wanted)
                if doc is not None and doc.kind:
                    documents.setdefault(doc.legacy_id, doc)
                    count += 1
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            raise WatchError("archive", "bad_archive", "bad_archive", path=path, error=f"{type(exc).__name__}: {exc}") from None
        if not count:
            raise WatchError("archive", "bad_archive", "not_lovdata", path=path)
    volumes = Volumes(tuple(lovtidend_paths), acts, commencements) if lovtidend_paths else None
    return Archive(tuple(paths), documents, volumes)


# --- The check ----------------------------------------------------------------------------------

def _date(value) -> str | None:
    return value.isoformat() if value else None


def _short(iso: str | None, lang: str = "nb") -> str:
    """28.11.2026"""
    if not iso:
        return _say(lang, "unknown_date")
    y, m, d = iso.split("-")
    return f"{int(d)}.{int(m)}.{y}"


def _basis(basis: str, lang: str) -> str:
    """What a fingerprint was taken from, in words: «en kopi av Lovdatas konsoliderte tekst»."""
    return table(lang)["lovsjekk"]["basis"][basis]


def _finding(lang: str, code: str, provision, message: str, **extra) -> dict:
    law = provision.law
    return {"code": code, "fails": code in FAILING, "ref": f"{law.key} § {provision.section}",
            "law": law.key, "law_id": law.lovdata_id, "section": provision.section,
            "label": Citation(law, provision).label_in(lang), "title": provision.title, "message": message, **extra}


def _recorded(provision) -> dict:
    law = provision.law
    return {"fingerprint": provision.fingerprint, "checked": _date(provision.checked), "basis": provision.basis,
            "last_changed_by": law.last_changed_by, "last_change_in_force": _date(law.last_change_in_force)}


def _in_archive(doc: Document, section: Section | None = None) -> dict:
    out = {"file": doc.name, "last_changed_by": doc.latest_change, "last_change_in_force": doc.last_change_in_force}
    if section is not None:
        out.update(fingerprint=section.fingerprint, title=section.title, text=section.text)
    return out


def _law_changed(law: Law, doc: Document) -> bool:
    if law.last_changed_by is None:
        return False
    return (doc.last_change_in_force != _date(law.last_change_in_force)
            or law.last_changed_by not in {ref for ref, _ in doc.last_changed_by})


def _text_finding(provision, archive: Archive, baseline: Archive | None, lang: str) -> dict:
    law, name = provision.law, in_language(provision.law, lang).name
    since = _say(lang, "checked_on", date=_short(_date(provision.checked), lang)) if provision.checked else _say(lang, "never_checked")
    if law.kind not in archive.kinds:
        return _finding(lang, "not_checked", provision, _say(lang, "not_checked_lov" if law.kind == "lov" else "not_checked_forskrift",
                                                             archive=ARCHIVE_OF_KIND[law.kind]))
    doc = archive.documents.get(law.lovdata_id)
    if doc is None:
        successor = archive.successor(law)
        if successor is not None:
            return _finding(lang, "law_replaced", provision,
                            _say(lang, "law_replaced", law=name, law_id=law.lovdata_id, successor=successor.title, successor_id=successor.legacy_id),
                            replaced_by={"law_id": successor.legacy_id, "title": successor.title, "file": successor.name})
        return _finding(lang, "missing", provision, _say(lang, "law_missing", law=name, law_id=law.lovdata_id),
                        recorded=_recorded(provision), law_in_archive=False)
    section = doc.sections.get(section_key(provision.section)) if doc.sections is not None else None
    if section is None:
        return _finding(lang, "missing", provision, _say(lang, "section_missing", number=provision.section, law=name),
                        recorded=_recorded(provision), archive=_in_archive(doc), law_in_archive=True)
    extra = {"recorded": _recorded(provision), "archive": _in_archive(doc, section)}
    if provision.fingerprint == section.fingerprint:
        if _law_changed(law, doc):
            return _finding(lang, "law_changed_elsewhere", provision,
                            _say(lang, "law_changed_elsewhere", changed_by=doc.latest_change, in_force=_short(doc.last_change_in_force, lang)), **extra)
        return _finding(lang, "unchanged", provision, _say(lang, "unchanged", since=since), **extra)
    if section.repealed:
        was = _say(lang, "repealed_was", since=since) if provision.fingerprint else ""
        return _finding(lang, "repealed", provision, _say(lang, "repealed", was=was), **extra)
    if provision.fingerprint is None:
        note = in_language(provision, lang).note or in_language(law, lang).note
        return _finding(lang, "no_baseline", provision, _say(lang, "no_baseline_note", note=note) if note else _say(lang, "no_baseline"), **extra)
    extra["recorded"]["text"] = _baseline_text(provision, baseline)
    return _finding(lang, "text_changed", provision, _say(lang, "text_changed", since=since, basis=_basis(provision.basis, lang)),
                    summary=provision.summary, **extra)


def _baseline_text(provision, baseline: Archive | None) -> str | None:
    """The old text, from the data set the fingerprint was taken from, if it is that text."""
    if baseline is None:
        return None
    doc = baseline.documents.get(provision.law.lovdata_id)
    section = doc.sections.get(section_key(provision.section)) if doc is not None and doc.sections else None
    return section.text if section is not None and section.fingerprint == provision.fingerprint else None


def _future_texts(provision, lang: str) -> list[str]:
    """The texts of a provision's adopted changes in the written form: the registry's nynorsk
    texts, where they are there for each change (else the registry's own)."""
    own = in_language(provision, lang).future_changes
    return [c["text"] for c in (own if len(own) == len(provision.future_changes) else provision.future_changes)]


def _future_findings(provision, today: datetime.date, volumes: Volumes | None, lang: str) -> list[dict]:
    out = []
    for change, text in zip(provision.future_changes, _future_texts(provision, lang)):
        if volumes is not None and change.get("act") in volumes.acts:
            continue  # the act is in the Lovtidend volumes given: its own finding says more
        date = change.get("date")
        info = {"future_change": {"date": _date(date), "text": change["text"], **({"act": change["act"]} if "act" in change else {})}}
        if date is not None and date <= today:
            out.append(_finding(lang, "change_due", provision, _say(lang, "change_due", date=_short(_date(date), lang), text=text), **info))
        else:
            when = _say(lang, "pending_from", date=_short(_date(date), lang)) if date else _say(lang, "pending_undated")
            out.append(_finding(lang, "change_pending", provision, _say(lang, "change_pending", when=when, text=text), **info))
    return out


def check(laws: dict, archive: Archive, today: datetime.date, baseline: Archive | None = None, lang: str = "nb") -> dict:
    """Every finding for every provision the registry cites (laws and regulations only): the text
    against the consolidated data set, when one is given; the acts in the Lovtidend volumes given.
    ``lang``: the written form of each finding's message and label."""
    findings = []
    for law in laws.values():
        for provision in law.provisions.values():
            if archive.documents:
                findings.append(_text_finding(provision, archive, baseline, lang))
            findings += _future_findings(provision, today, archive.volumes, lang)
    if archive.volumes is not None:
        findings += amendments.findings(laws, archive.volumes, today, functools.partial(_finding, lang), lang)
    counts = {code: n for code in CODES if (n := sum(f["code"] == code for f in findings))}
    return {"archives": list(archive.paths), "today": today.isoformat(), "text_checked": bool(archive.documents),
            "lovtidend": list(archive.volumes.paths) if archive.volumes else [],
            "ok": not any(f["fails"] for f in findings), "counts": counts, "findings": findings}


# --- Accepting a data set as the new baseline ---------------------------------------------------

def _toml_value(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*=")


def _set_keys(lines: list[str], start: int, end: int, values: dict, after: str | None = None) -> None:
    """Set ``key = value`` lines in lines[start:end]: replace a key's line, or add the key after the
    ``after`` key (else after the last key line of the block)."""
    for key, value in values.items():
        line = f"{key} = {_toml_value(value)}"
        keyed = [i for i in range(start, end) if (m := _KEY_LINE.match(lines[i])) and m.group(1) == key]
        if keyed:
            lines[keyed[0]] = line
            continue
        anchor = [i for i in range(start, end) if (m := _KEY_LINE.match(lines[i])) and (after is None or m.group(1) == after)]
        at = (anchor[-1] + 1) if anchor else end
        lines.insert(at, line)
        end += 1
        after = key if after is not None else None  # the next new key goes below this one


def rewrite(text: str, law_values: dict, provision_values: dict) -> str:
    """A registry file with new law-level values and, per section, new provision values.
    Comments, order and every other line stay as they are."""
    lines = text.split("\n")
    blocks = [i for i, line in enumerate(lines) if line.strip() == "[[provisions]]"] + [len(lines)]
    for start, end in reversed(list(zip(blocks, blocks[1:]))):
        m = next((re.match(r'section\s*=\s*"([^"]*)"', lines[i]) for i in range(start, end) if lines[i].startswith("section")), None)
        values = provision_values.get(normalize_section(m.group(1))) if m else None
        if values:
            _set_keys(lines, start, end, values)
    if law_values:
        _set_keys(lines, 0, blocks[0], law_values, after="lovdata_id")
    return "\n".join(lines)


def accept(laws_dir: str, laws: dict, archive: Archive, today: datetime.date) -> list[dict]:
    """Write the data set's fingerprints into the registry for every cited section found in it.
    Every file is checked to load before any is written. Returns what changed."""
    texts, accepted = {}, []
    for law in laws.values():
        doc = archive.documents.get(law.lovdata_id)
        if doc is None or doc.sections is None:
            continue
        values = {}
        for provision in law.provisions.values():
            section = doc.sections.get(section_key(provision.section))
            if section is None:
                continue
            values[provision.section] = {"fingerprint": section.fingerprint, "checked": today, "basis": "lovdata"}
            if provision.fingerprint != section.fingerprint or provision.basis != "lovdata":
                accepted.append({"ref": f"{law.key} § {provision.section}", "from": provision.fingerprint, "to": section.fingerprint})
        if not values:
            continue
        law_values = {"last_changed_by": doc.latest_change,
                      "last_change_in_force": datetime.date.fromisoformat(doc.last_change_in_force)} if doc.latest_change and doc.last_change_in_force else {}
        name = f"{law.key}.toml"
        with open(os.path.join(laws_dir, name), encoding="utf-8") as f:
            texts[name] = rewrite(f.read(), law_values, values)
    _load_dir(laws_dir, override=texts)  # refuses to write a registry that would not load
    for name, text in texts.items():
        path = os.path.join(laws_dir, name)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    return accepted


# --- The report, in bokmål or nynorsk ------------------------------------------------------------

WIDTH = 47


def _columns(left_title: str, left: str, right_title: str, right: str) -> list[str]:
    def wrap(text):
        out = []
        for para in text.split("\n"):
            out += textwrap.wrap(para, WIDTH) or [""]
        return out

    a, b = [left_title, "─" * WIDTH] + wrap(left), [right_title, "─" * WIDTH] + wrap(right)
    a += [""] * (len(b) - len(a))
    b += [""] * (len(a) - len(b))
    return [f"    {x:<{WIDTH}} │ {y}".rstrip() for x, y in zip(a, b)]


def _counted(count: int, key: str, lang: str, **fill) -> str:
    """A line that counts sections: «… 1 paragraf.», «… 2 paragrafer.»"""
    return _say(lang, f"{key}_one" if count == 1 else f"{key}_many", count=count, **fill)


def report(result: dict, lang: str = "nb") -> str:
    """The plain report, in the written form ``lang``."""
    headings = table(lang)["lovsjekk"]["heading"]
    out = [_say(lang, "title", archives=", ".join(os.path.basename(p) for p in result["archives"])),
           _say(lang, "date", date=_short(result["today"], lang)), ""]
    by_code: dict[str, list] = {}
    for f in result["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    for code in CODES:
        if code == "unchanged" or code not in by_code:
            continue
        items = by_code[code]
        mark = _say(lang, "must_check" if code in FAILING else "for_information")
        out += [_say(lang, "group", heading=headings[code], count=len(items), mark=mark)]
        for f in items:
            title = f["title"] if f["title"].startswith("(") else f"({f['title']})"
            out.append(f"  {f['label']} {title}: {f['message']}")
            if code == "text_changed":
                rec = f["recorded"]
                if rec.get("text"):
                    right = rec["text"]
                else:
                    right = (_say(lang, "basis_not_kept", basis=_basis(rec["basis"], lang), changed_by=rec["last_changed_by"],
                                  in_force=_short(rec["last_change_in_force"], lang))
                             + "\n" + _say(lang, "summary", summary=f["summary"]))
                out += [""] + _columns(_say(lang, "text_now"), f["archive"]["text"],
                                       _say(lang, "basis_column", basis=rec["basis"], checked=_short(rec["checked"], lang)), right) + [""]
            elif code in ("repealed", "no_baseline"):
                out += [f"    {_say(lang, 'text_now')}:"] + [textwrap.indent(textwrap.fill(p, 2 * WIDTH), "      ")
                                                            for p in f["archive"]["text"].split("\n")] + [""]
        out.append("")
    if result.get("text_checked", True):
        out.append(_counted(result["counts"].get("unchanged", 0), "unchanged", lang))
    else:
        out.append(_say(lang, "not_compared", archive=ARCHIVE_OF_KIND["lov"]))
    accepted = result.get("accepted", [])
    if accepted:
        out.append(_counted(len(accepted), "accepted", lang, date=_short(result["today"], lang)))
        out += [f"  {a['ref']}: {a['from'] or _say(lang, 'no_fingerprint')} → {a['to']}" for a in accepted if a["from"] != a["to"]]
    failing = sum(f["fails"] for f in result["findings"])
    if not result["ok"]:
        out.append(_say(lang, "result_failing", count=failing))
    elif result.get("text_checked", True):
        out.append(_say(lang, "result_unchanged"))
    if result["ok"] and result.get("lovtidend"):
        out.append(_say(lang, "result_lovtidend"))
    return "\n".join(out) + "\n"


# --- Command line -------------------------------------------------------------------------------

def _load_dir(laws_dir: str, override: dict | None = None) -> dict:
    """The registry in a folder (the package's own by default), checked as the engine checks it."""
    override = override or {}
    try:
        names = sorted(n for n in os.listdir(laws_dir) if n.endswith(".toml"))
        files = []
        for name in names:
            if name in override:
                files.append((name, override[name]))
            else:
                with open(os.path.join(laws_dir, name), encoding="utf-8") as f:
                    files.append((name, f.read()))
    except OSError as exc:
        raise WatchError("laws", "bad_registry", "registry_unreadable", folder=laws_dir, reason=exc.strerror) from None
    try:
        return load(files)
    except GuideDefinitionError as exc:
        raise WatchError("laws", "bad_registry", "registry_unusable", problem=exc) from None


_LAWS = os.path.join(HERE, "laws")


def _form(argv: list[str]) -> str:
    """The written form «--lang nn» (or «--lang=nn») asks for, read before the other arguments so
    that their errors are worded in it; bokmål when none is asked for, or one that does not exist
    (which _parse_args refuses)."""
    asked = "nb"
    for arg, after in zip(argv, [*argv[1:], None]):
        if arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
        elif arg == "--lang" and after is not None:
            asked = after
    return asked if asked in FORMS else "nb"


def _parse_args(argv: list[str]) -> dict:
    opts = {"archives": [], "baseline": [], "json": False, "accept": False, "today": None, "laws": _LAWS}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--help", "-h"):
            opts["help"] = True
        elif arg in ("--json", "--accept"):
            opts[arg[2:]] = True
        elif arg in ("--today", "--baseline", "--laws", "--lang") or arg.startswith("--lang="):
            if "=" in arg:
                arg, value = arg.split("=", 1)
            elif args:
                value = args.pop(0)
            else:
                raise WatchError("", "usage", "needs_value", option=arg)
            if arg == "--baseline":
                opts["baseline"].append(value)
            elif arg == "--lang":  # the form itself was read before (_form)
                if value not in FORMS:
                    raise WatchError("lang", "usage", "unknown_lang", value=value)
            else:
                opts[arg[2:]] = value
        elif arg.startswith("--"):
            raise WatchError("", "usage", "unknown_option", option=arg)
        else:
            opts["archives"].append(arg)
    if opts.get("help"):
        return opts
    if not opts["archives"]:
        raise WatchError("archive", "missing_archive", "no_archive")
    if opts["today"] is not None:
        try:
            opts["today"] = datetime.date.fromisoformat(opts["today"])
        except ValueError:
            raise WatchError("today", "bad_date", "bad_date", value=opts["today"]) from None
    return opts


def main(argv: list[str], stdout=None, stderr=None) -> int:
    """The command; it writes to the streams given (sys.stdout and sys.stderr by default), so a
    caller in the same process reads its output alone, not what other threads print meanwhile."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    as_json = "--json" in argv
    lang = _form(argv)
    try:
        opts = _parse_args(argv)
        if opts.get("help"):
            stdout.write(_say(lang, "help", usage=_say(lang, "usage"), download=DOWNLOAD) + "\n")
            return 0
        today = opts["today"] or datetime.date.today()
        laws = _load_dir(opts["laws"])
        wanted = {law.lovdata_id for law in laws.values() if law.provisions}
        changed = frozenset(amendments.law_ref(law) for law in laws.values() if law.kind in ("lov", "forskrift") and law.provisions)
        archive = read_archives(opts["archives"], wanted, changed)
        baseline = read_archives(opts["baseline"], wanted) if opts["baseline"] else None
        accepted = []
        if opts["accept"]:
            accepted = accept(opts["laws"], laws, archive, today)
            laws = _load_dir(opts["laws"])
        result = check(laws, archive, today, baseline, lang)
        result["accepted"] = accepted
    except WatchError as exc:
        if as_json:
            stdout.write(json.dumps({"errors": [input_error(exc.field, exc.code, exc.text(lang))]}, ensure_ascii=False, indent=2) + "\n")
        else:
            stderr.write(_say(lang, "error", message=exc.text(lang)) + "\n")
        return 2
    if as_json:
        stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(report(result, lang))
    return 0 if result["ok"] else 1
