"""Norsk Lovtidend, avdeling I: the acts Parliament has adopted, what each changes, and when.

Lovdata publishes a volume per year (``lovtidend-avd1-2025.tar.bz2``, NLOD 2.0): one HTML file
per document, ``lti/2025/nl-….xml`` for acts as adopted and ``lti/2025/sf-….xml`` for central
regulations. The header (``dl.data-document-key-info``) is as in the consolidated data set, with
``dokid`` ``LTI/lov/2025-06-20-39``, ``refid`` ``lov/2025-06-20-39``, ``dateInForce`` (a date,
several, or «Kongen bestemmer»), ``changesToDocuments`` (plain ``lov/…`` items) and, for a
regulation, ``basedOn`` (the act it is made under).

What an act changes is read from its markup: per amended law an ``article.document-change``
(``data-document``: the laws, space-separated), inside it ``article.change`` elements whose
``data-change-part``, ``data-add-new-part``, ``data-repeal-part`` and ``data-move-part``
(``from;;to``) name ``lov/1999-07-02-64/§33/ledd/2/bokstav/d`` (law, section, and ledd, punktum,
bokstav or nr. where the act is that precise), or a whole law (``lov/1967-02-10``). Where an
amended law carries no such markup, its changes are read from the act's words («I lov 18. juni
2021 nr. 97 om barnevern gjøres følgende endringer:», «§ 13-2 første ledd bokstav d skal lyde:»,
«Ny § 5-12 skal lyde:», «§ 15-7 andre ledd oppheves.»). An act's part is its roman numeral
(``section.section`` with an ``h2`` «II») or, in a new law, the section that holds the change.

When a change takes effect: the act's ``dateInForce`` when that is one date; otherwise a
commencement regulation («Ikraftsetting av lov …», «Delt ikraftsetting av lov …», ``basedOn``
the act) in any volume given, or the act's own last part, read clause by clause: «Følgende trer
i kraft 1. juni 2026: Endringsloven del IV (helsepersonelloven) § 22, § 25 og § 45», «Endringsloven
del I med unntak av § 91», «Loven trer i kraft 1. januar 2026, med unntak av …». Standard library only.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .lovdata_html import Node, parse, text

MONTHS = {m: i for i, m in enumerate(("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
                                      "september", "oktober", "november", "desember"), 1)}
ORDINALS = ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende", "niende", "tiende",
            "ellevte", "tolvte")
_REF = re.compile(r"\b((?:lov|forskrift)/\d{4}-\d{2}-\d{2}(?:-\d+)?)")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE = re.compile(r"(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})", re.I)
_KING = re.compile(r"\b(Kongen|Departementet)\b")
_COMMENCEMENT = re.compile(r"(?i)^(delt\s+)?ikraft(?:setting|setjing|treding)\b")
KINDS = {"change": "endret", "add-new": "ny", "repeal": "opphevet", "move": "flyttet"}


class Change(NamedTuple):
    law: str  # the amended law or regulation: "lov/2021-06-18-97"
    section: str | None  # "13-2", "9A-1" (as Lovdata writes it, no «§»); None: the whole law
    detail: str  # "første ledd bokstav d"; "" when the act changes the whole section
    kind: str  # endret, ny, opphevet, flyttet
    part: tuple  # where in the act: ("del", "II"), ("§", "40") or ()
    source: str  # "markup" or "tekst" (read from the act's words)
    doubtful: bool = False  # the markup names a law its own document-change does not


class Clause(NamedTuple):
    """One «trer i kraft» statement: its dates and what it covers."""
    dates: tuple[str, ...]
    parts: dict  # roman numeral (or "" for none) -> frozenset of section keys (empty: the whole part)
    whole: bool  # the whole act («Loven trer i kraft …»)
    excepted: frozenset  # section keys after «med unntak av»
    vague: bool  # an exception in words that name no section or part
    text: str


class Act(NamedTuple):
    ref: str  # "lov/2025-06-20-39"
    legacy_id: str  # "LOV-2025-06-20-39"
    title: str
    date_in_force: str  # as Lovdata gives it: "2025-07-01", "2025-07-01, 2026-01-01", "Kongen bestemmer"
    changes_to: tuple[str, ...]
    changes: tuple[Change, ...]
    clauses: tuple[Clause, ...]  # the act's own «trer i kraft» statements
    reissued_as: str | None  # announced again as another act («kunngjort på nytt som lov …»)
    file: str


class Commencement(NamedTuple):
    ref: str  # "forskrift/2025-06-20-1109"
    legacy_id: str
    title: str
    act: str  # the act it puts in force: "lov/2025-06-20-67"
    dates: tuple[str, ...]
    clauses: tuple[Clause, ...]
    file: str


class InForce(NamedTuple):
    """When one change takes effect, as far as the volumes tell."""
    dates: tuple[str, ...]  # ISO dates; empty when none is set
    how: str  # "dato" (the act's one date), "deler" (by part), "forskrift" (a commencement regulation), "kongen"
    certain: bool  # False when the dates could not be tied to this change alone
    regulation: Commencement | None = None
    clause: str = ""  # the words that gave the date


def iso(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}-{int(day):02d}"


def _dates(words: str) -> tuple[str, ...]:
    """The dates something takes effect on; not the dates that name an act («lov 25. april 2025 nr. 12»)."""
    return tuple(dict.fromkeys(iso(*m.groups()) for m in _DATE.finditer(words)
                               if not re.search(r"(?:lov|forskrift|kgl\.res\.|res\.)\s*$", words[:m.start()], re.I)
                               and not re.match(r"\s*nr\.", words[m.end():])))


def law_ref(kind: str, day: str, month: str, year: str, number: str | None) -> str:
    """«lov 18. juni 2021 nr. 97» -> "lov/2021-06-18-97"."""
    return f"{kind.lower()}/{iso(day, month, year)}" + (f"-{int(number)}" if number else "")


def section_key(section: str) -> str:
    return re.sub(r"[§\s]", "", section).lower()


# --- What an act changes -------------------------------------------------------------------------

def detail_words(path: list[str]) -> str:
    """["ledd", "1", "bokstav", "d"] -> "første ledd bokstav d"."""
    words = []
    for name, value in zip(path[::2], path[1::2]):
        n = int(value) if value.isdigit() else None
        if name in ("ledd", "setning") and n and n <= len(ORDINALS):
            words.append(f"{ORDINALS[n - 1]} {'ledd' if name == 'ledd' else 'punktum'}")
        elif name == "nummer":
            words.append(f"nr. {value}")
        else:
            words.append(f"{name} {value}")
    return " ".join(words)


def split_part(item: str) -> tuple[str, str | None, str] | None:
    """"lov/1999-07-02-64/§33/ledd/2/bokstav/d" -> ("lov/1999-07-02-64", "33", "andre ledd bokstav d");
    a chapter ("…/kap6") is not a section and gives None."""
    m = re.match(r"((?:lov|forskrift)/\d{4}-\d{2}-\d{2}(?:-\d+)?)(?:/(.*))?$", item)
    if not m:
        return None
    if not m.group(2):
        return m.group(1), None, ""
    path = m.group(2).split("/")
    if not path[0].startswith("§"):
        return None
    return m.group(1), path[0][1:], detail_words(path[1:])


def _lead(node: Node) -> str:
    """The words that introduce a change («§ 4-3 overskriften skal lyde:»)."""
    first = next((c for c in node.elements() if "defaultP" in c.classes or "legalP" in c.classes), None)
    return " ".join(text(first).split()) if first is not None else ""


def _markup_changes(node: Node, laws: frozenset, part: tuple) -> list[Change]:
    found = []
    for kind, words in KINDS.items():
        for item in (node.attrs.get(f"data-{kind}-part") or "").split():
            parsed = [split_part(one) for one in item.split(";;")]
            if not parsed[0]:
                continue
            law, section, detail = parsed[0]
            if kind == "move" and len(parsed) == 2 and parsed[1] and parsed[1][1] == section:
                detail = f"nåværende {detail} blir {parsed[1][2]}"  # «Nåværende tredje ledd blir nytt fjerde ledd.»
            elif not detail and section and re.match(r"§\s*\S+\s+overskrift(?:en)?\b", _lead(node)):
                detail = "overskriften"  # «§ 4-3 overskriften skal lyde:»
            found.append(Change(law, section, detail, words, part, "markup", bool(laws) and law not in laws))
    return found


_ACT_NAME = re.compile(r"\bI\s+(lov|forskrift)\s+(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})(?:\s+nr\.\s*(\d+))?", re.I)
_PROSE_CHANGE = re.compile(
    r"^(?:\d+\.\s*)?(?P<new>Ny(?:tt|e)?\s+)?§\s*(?P<section>\d+[A-Za-z]?(?:-\d+)?(?:\s?[a-z](?![a-zæøå]))?)\s*(?P<detail>.*?)\s*"
    r"(?P<verb>skal lyde|skal heite|skal oppheves|oppheves|blir oppheva|vert oppheva|blir ny|blir nytt|skal ha følgende)", re.I)
_PROSE_LAW_REPEAL = re.compile(r"\boppheves\s+(lov|forskrift)\s+(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})(?:\s+nr\.\s*(\d+))?", re.I)
_DETAIL = re.compile(r"^((?:(?:" + "|".join(ORDINALS) + r"|nåværende|nye?|nytt)\s+)?(?:ledd|punktum|bokstav\s+\w|nr\.\s*\d+|overskriften)\s*)*")


def _prose_changes(paragraphs: list[tuple[tuple, str]], law: str | None) -> list[Change]:
    """Changes from the act's words, for a part without markup: «I lov … gjøres følgende
    endringer:» sets the law; «§ 13-2 første ledd bokstav d skal lyde:», «Ny § 5-12 skal lyde:»,
    «§ 15-7 andre ledd oppheves.», and the one-line «I lov 2. juli 1999 nr. 64 om helsepersonell
    m.v. § 33 andre ledd bokstav d»."""
    found = []
    for part, words in paragraphs:
        for m in _PROSE_LAW_REPEAL.finditer(words):
            found.append(Change(law_ref(*m.groups()), None, "", "opphevet", part, "tekst"))
        named = _ACT_NAME.search(words)
        if named and named.start() < 8:
            law = law_ref(*named.groups())
            rest = words[named.end():]
            one = re.search(r"§\s*(\d+[A-Za-z]?(?:-\d+)?(?:\s?[a-z](?![a-zæøå]))?)\s*(.*)", rest)
            if one and not re.search(r"følgende endring|følgjande endring", rest):
                detail = _DETAIL.match(one.group(2).strip()).group(0).strip()
                found.append(Change(law, one.group(1).replace(" ", ""), detail, "endret", part, "tekst"))
            continue
        m = _PROSE_CHANGE.match(words)
        if m and law:
            verb = m.group("verb").lower()
            kind = "ny" if m.group("new") else "opphevet" if "oppheve" in verb else "endret"
            found.append(Change(law, m.group("section").replace(" ", ""), _DETAIL.match(m.group("detail")).group(0).strip(), kind, part, "tekst"))
    return found


_PARAGRAPHS = frozenset({"legalP", "defaultP", "numberedLegalP"})


def _leaf_paragraphs(node: Node, part: tuple, out: list) -> None:
    """(part, words) of every paragraph, in document order: its own words, then those of the
    paragraphs and list items it holds («§ 13-2 første ledd bokstav d skal lyde:» and its list)."""
    for c in node.elements():
        if _PARAGRAPHS.intersection(c.classes):
            own = " ".join((d if isinstance(d, str) else text(d)) for d in c.children
                           if isinstance(d, str) or d.tag not in ("ul", "ol", "article"))
            if own.strip():
                out.append((part, " ".join(own.split())))
        _leaf_paragraphs(c, _part_of(c, part), out)


def _part_of(node: Node, part: tuple) -> tuple:
    if "legalArticle" in node.classes and node.attrs.get("data-name", "").startswith("§"):
        return ("§", section_key(node.attrs["data-name"]))
    if "section" in node.classes and node.tag == "section":
        heading = next((c for c in node.elements() if c.tag in ("h2", "h3")), None)
        words = text(heading).strip() if heading is not None else ""
        if re.fullmatch(r"[IVXLC]+", words):
            return ("del", words)
    return part


def read_changes(body: Node) -> list[Change]:
    """Every change an act makes: from markup where the act has it, else from its words."""
    found: list[Change] = []

    def walk(node: Node, part: tuple) -> None:
        for c in node.elements():
            here = _part_of(c, part)
            if "document-change" in c.classes:
                laws = frozenset(c.attrs.get("data-document", "").split())
                marked = []

                def collect(n: Node) -> None:
                    for d in n.elements():
                        if "change" in d.classes:
                            marked.extend(_markup_changes(d, laws, here))
                        collect(d)

                marked.extend(_markup_changes(c, laws, here))
                collect(c)
                if marked:
                    found.extend(marked)
                else:
                    paragraphs: list = []
                    _leaf_paragraphs(c, here, paragraphs)
                    found.extend(_prose_changes(paragraphs, next(iter(laws)) if len(laws) == 1 else None))
            else:
                walk(c, here)

    walk(body, ())
    if not found:  # an act with no change markup at all: read its words
        paragraphs: list = []
        _leaf_paragraphs(body, (), paragraphs)
        found = _prose_changes(paragraphs, None)
    return found


# --- When: «trer i kraft» statements -------------------------------------------------------------

_SECTIONS = re.compile(r"§§?\s*((?:\d+[A-Za-z]?(?:-\d+)?(?:\s?[a-z](?![a-zæøå]))?(?:\s*(?:,|og|til)\s*(?=\d))?)+)")
_ROMAN = r"[IVXLC]+\b"


def _sections_in(words: str) -> frozenset:
    keys = set()
    for m in _SECTIONS.finditer(words):
        keys.update(section_key(s) for s in re.split(r"\s*(?:,|og|til)\s*", m.group(1)) if s.strip())
    return frozenset(keys)


def clause(words: str, dates: tuple[str, ...], exceptions: list[str] = ()) -> Clause:
    """What one «trer i kraft» statement covers: parts («del IV», «del I og III») with the
    sections named after each, sections named without a part, or the whole act; and what
    «med unntak av» leaves out."""
    said = words
    # «Endringene under I», «Endringene i II, III, IV og V»: parts named without «del»
    words = re.sub(r"\b(Endringene|Endringane|endringene|endringane)\s+(?:i|under)\s+(?=" + _ROMAN + ")", r"\1 del ", words)
    main, _, after = words.partition("med unntak av")
    exceptions = [after] + list(exceptions) if after.strip() else list(exceptions)
    parts: dict = {}
    pointed = re.findall(r"(.*?)\bjf\.\s*(?:lovvedtaket|endringsloven|loven)\s+del\s+(" + _ROMAN + ")", main)
    if pointed:  # «Endringen i spesialisthelsetjenesteloven § 7-1, jf. lovvedtaket del II, …»
        for before, roman in pointed:
            parts[roman] = parts.get(roman, frozenset()) | _sections_in(before)
        main = ""
    pieces = re.split(r"\bdel(?:ene)?\s+(?=" + _ROMAN + ")", main)
    head = _sections_in(re.sub(r"\bnr\.\s*\d+", "", pieces[0])) if len(pieces) == 1 and main else frozenset()
    if head:
        parts[""] = head
    for piece in pieces[1:]:
        m = re.match(r"(" + _ROMAN + r")((?:\s*(?:,|og)\s*" + _ROMAN + r")*)", piece)
        romans = [m.group(1)] + re.findall(_ROMAN, m.group(2))
        rest = piece[m.end():]
        rest = re.split(r"\b(?:og|,)\s*(?:loven|endringsloven|lova)\b", rest)[0]  # «…, loven del III og loven del IV»
        secs = _sections_in(re.sub(r"\bnr\.\s*\d+(?:\s*til\s*\d+)?", "", rest))
        for r in romans:
            parts[r] = secs
    excepted = frozenset().union(*(_sections_in(e) for e in exceptions)) if exceptions else frozenset()
    vague = any(not _sections_in(e) and not re.search(r"\bdel\s+" + _ROMAN, e) for e in exceptions)
    return Clause(dates, parts, not parts, excepted, vague, said)


def _clauses_of(paragraph: Node, straks: str | None = None) -> list[Clause]:
    """The statements in one paragraph: a lead sentence with a date, and the items of its list
    («Følgende trer i kraft 1. juni 2026: • Endringsloven del IV … § 22, § 25 og § 45.»)."""
    lead_parts, items = [], []
    for c in paragraph.children:
        if isinstance(c, Node) and c.tag in ("ul", "ol"):
            items += [" ".join(text(li).split()) for li in c.elements() if li.tag == "li"]
        else:
            lead_parts.append(c if isinstance(c, str) else text(c))
    lead = " ".join(" ".join(lead_parts).split())

    def norwegian_dates(words: str) -> tuple[str, ...]:  # «trer i kraft straks»: the day it was decided
        found = _dates(words)
        return found + ((straks,) if straks and re.search(r"\bstraks\b", words) and straks not in found else ())

    lead_dates = norwegian_dates(lead)
    out = []
    if items and "med unntak av" in lead:
        own = [i for i in items if norwegian_dates(i)]
        out.append(clause(lead, lead_dates, [i for i in items if i not in own]))
        out.extend(clause(i, norwegian_dates(i)) for i in own)
        return out
    for sentence in re.split(r"(?<=[a-zæøå)\d]\.)\s+(?=[A-ZÆØÅ])", lead):
        if norwegian_dates(sentence) and not items:
            out.append(clause(sentence, norwegian_dates(sentence)))
    for i in items:
        if norwegian_dates(i) or lead_dates:
            out.append(clause(i, norwegian_dates(i) or lead_dates))
    return out


_IN_FORCE_WORDS = re.compile(r"(?i)\b(?:trer|trår|tek|tar)\s+(?:i\s+kraft|til\s+å\s+gjelde)|\bgjeld(?:er)?\s+fr[åa]\b|\bi\s+verk\b")


def _in_force_clauses(body: Node, straks: str | None) -> list[Clause]:
    out = []
    for c in body.elements():
        if "document-change" in c.classes:
            continue
        if _PARAGRAPHS.intersection(c.classes) and _IN_FORCE_WORDS.search(text(c)):
            out += _clauses_of(c, straks)
        else:
            out += _in_force_clauses(c, straks)
    return out


def rank(c: Clause, change: Change) -> int | None:
    """How closely the statement covers this change: 2 when it names the section (or, in a new
    law, the section of the act that holds the change), 1 when it names the part, 0 for the whole
    act; None when it does not cover it. The closest statement decides («Øvrige bestemmelser i
    endringsloven del I» after «del I § 1 … trer i kraft straks»)."""
    section = section_key(change.section) if change.section else None
    own = change.part[1] if change.part[:1] == ("§",) else None
    if (section and section in c.excepted and change.part[:1] != ("§",)) or (own and own in c.excepted):
        return None
    if c.whole:
        return 0
    if change.part[:1] == ("del",) and change.part[1] in c.parts:
        secs = c.parts[change.part[1]]
        return 1 if not secs else 2 if section in secs else None
    unparted = c.parts.get("", frozenset())
    return 2 if (own and own in unparted) or (section and not own and section in unparted) else None


def _closest(clauses, change: Change) -> list[Clause]:
    ranked = [(r, c) for c in clauses if c.dates and (r := rank(c, change)) is not None]
    best = max((r for r, _ in ranked), default=None)
    return [c for r, c in ranked if r == best]


def in_force(act: Act, change: Change, commencements: list[Commencement]) -> InForce:
    dates = tuple(_ISO.findall(act.date_in_force))
    king = bool(_KING.search(act.date_in_force))
    if len(dates) == 1 and not king:
        return InForce(dates, "dato", True)
    for reg in sorted((r for r in commencements if r.act == act.ref), key=lambda r: r.dates):
        hit = _closest(reg.clauses, change)
        if hit:
            found = tuple(sorted({d for c in hit for d in c.dates}))
            return InForce(found, "forskrift", not any(c.vague for c in hit), reg, " ".join(c.text for c in hit))
        if not reg.title.lower().startswith("delt") and len(reg.dates) == 1 and not reg.clauses:
            return InForce(reg.dates, "forskrift", True, reg, "")  # «Ikraftsetting av lov …»: the whole act
    hit = _closest(act.clauses, change)
    if hit:  # the act's own last part: «Del I trer i kraft 1. juli 2025. Del II …»
        found = tuple(sorted({d for c in hit for d in c.dates}))
        return InForce(found, "deler", not any(c.vague for c in hit), None, " ".join(c.text for c in hit))
    if king:  # a partial commencement that leaves this change out is named: it says what is in force
        regs = [r for r in commencements if r.act == act.ref]
        return InForce((), "kongen", not dates, regs[-1] if regs else None, act.date_in_force)
    return InForce(dates, "deler", False, None, act.date_in_force)


# --- Reading the documents ------------------------------------------------------------------------

def header(html: str) -> dict:
    """The key information of a document, by class: {"dokid": "LTI/lov/2025-06-20-39", …}."""
    end = html.find("<main")
    head = parse(html if end < 0 else html[:end])
    key_info = head.find("data-document-key-info")
    return {dd.classes[0]: " ".join(text(dd).split()) for dd in (key_info.elements() if key_info is not None else ())
            if dd.tag == "dd" and dd.classes}


def is_lovtidend(info: dict) -> bool:
    return info.get("dokid", "").startswith("LTI/")


def read_document(name: str, html: str, info: dict, wanted: frozenset):
    """An Act (a document that changes laws or regulations), a Commencement, or None (a regulation
    of no interest). ``wanted``: the laws whose changes are read in full; an act that changes
    none of them keeps only its header (enough to say that it exists and what it is titled)."""
    ref = info.get("refid") or "/".join(info.get("dokid", "").split("/")[1:])
    title = info.get("title", "")
    dates = tuple(_ISO.findall(info.get("dateInForce", "")))
    end = html.find("<main")
    if _COMMENCEMENT.match(title):
        based = _REF.search(info.get("basedOn", ""))
        if not based:
            return None
        body = parse(html[end:]) if end >= 0 else Node("#root", {})
        clauses = []
        for p in _top_paragraphs(body):
            clauses += _clauses_of(p, dates[0] if dates else None)
        return Commencement(ref, info.get("legacyID", ""), title, based.group(1), dates, tuple(clauses), name)
    changes_to = tuple(dict.fromkeys(_REF.findall(info.get("changesToDocuments", ""))))
    marked = re.findall(r'data-(?:change|add-new|repeal|move)-part="([^"]*)"', html)
    touched = set(changes_to) | {m.group(1) for v in marked for m in _REF.finditer(v)}
    if not ref.startswith("lov/") and not touched:
        return None
    changes, clauses = (), ()
    if end >= 0 and (touched & wanted or (not marked and re.search(r"(?i)følgende endring|følgjande endring|\boppheves\s+lov", html))):
        body = parse(html[end:])
        changes = tuple(read_changes(body))
        published = _ISO.search(info.get("dateOfPublication", ""))
        clauses = tuple(_in_force_clauses(body, published.group(0) if published else None))
    again = re.search(r"kunngjort på nytt som (lov) (\d{1,2})\.\s*(" + "|".join(MONTHS) + r") (\d{4}) nr\.\s*(\d+)", html)
    return Act(ref, info.get("legacyID", ""), title, info.get("dateInForce", ""), changes_to, changes, clauses,
               law_ref(*again.groups()) if again else None, name)


def _top_paragraphs(body: Node):
    for c in body.elements():
        if _PARAGRAPHS.intersection(c.classes):
            yield c
        else:
            yield from _top_paragraphs(c)


class Volumes(NamedTuple):
    """What the Lovtidend volumes given hold, across all of them."""
    paths: tuple[str, ...]
    acts: dict  # ref -> Act
    commencements: list  # Commencement

    def when(self, act: Act, change: Change) -> InForce:
        return in_force(act, change, self.commencements)
