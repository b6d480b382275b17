"""The law registry: every law and provision the site cites, with its Lovdata address.

One TOML file per law in ``guide_engine/laws/``. Guides, pages, tables and tests all cite
provisions through :func:`cite`, so a citation is written once and checked at load time.
A reference is written the way Norwegian lawyers write it: ``"hol § 7-2 a tredje ledd"``.
"""
from __future__ import annotations

import datetime
import re
from typing import NamedTuple
from functools import lru_cache

from . import data_files
from .errors import GuideDefinitionError, check_keys
from .logic import as_list

LOVDATA = "https://lovdata.no"

# The words a provision can "provide"; tables and tests select provisions by these.
PROVIDES = frozenset({
    "samarbeid", "samordningsplikt", "barnekoordinator_samordner", "samarbeid_med_barnekoordinator",
    "individuell_plan", "koordinator", "barnekoordinator", "koordinerende_enhet", "taushetsplikt",
    "samtykke", "opplysningsplikt_barnevern", "avvergeplikt", "klage", "klagefrist", "forebygging",
    "samarbeidsavtale", "boligsosial", "medvirkning", "barnets_beste",
    "deltar_i_individuell_plan", "individuell_plan_innhold", "taushetsplikt_unntak",
})
# Kinds of source: statutes and regulations link to Lovdata; other sources (forarbeider,
# veiledere) carry their own address and are cited as a whole.
KINDS = ("lov", "forskrift", "forarbeid", "veileder")
LEVELS = ("kommunal", "fylkeskommunal", "statlig", "privat")
ORDINALS = ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende")

_LAW_KEYS = {"key", "name", "title", "lovdata_id", "reform", "sector", "provisions", "note", "kind", "url",
             "last_changed_by", "last_change_in_force", "unverified"}
_LAW_REQUIRED = {"key", "name", "title", "reform", "sector"}
_PROVISION_KEYS = {"section", "title", "provides", "summary", "plain", "ledd_count",
                   "complaint_to", "complaint_covers", "deadline", "note", "applies_to",
                   "complaint_plain", "complaint_to_plain", "deadline_plain",
                   "fingerprint", "checked", "basis", "future_change", "last_changed_by"}
_PROVISION_REQUIRED = {"section", "title", "provides", "summary"}
_LOVDATA_ID = re.compile(r"(LOV|FOR)-(\d{4}-\d{2}-\d{2}(?:-\d+)?)$")
# Law watch (lawwatch.py): what a provision's text was checked against. The fingerprint is made by
# lawwatch.fingerprint; here only its form is checked, so loading stays cheap in the browser.
FINGERPRINT = re.compile(r"sha256:[0-9a-f]{16}$")
BASES = ("kopi", "lovdata")  # a reference copy of Lovdata's text, or Lovdata's own data set
_CHANGE_REF = re.compile(r"(lov|forskrift)/\d{4}-\d{2}-\d{2}(?:-\d+)?$")
_SECTION = re.compile(r"\d+(?:-\d+)?(?: ?[a-z])?$")
_REF = re.compile(
    r"^(?P<law>[a-z][a-z0-9-]*)"
    r"(?:\s+§\s*(?P<section>\d+(?:-\d+)?(?:\s?[a-z])?)(?:\s+(?P<ledd>" + "|".join(ORDINALS) + r")\s+ledd)?)?$"
)


def normalize_section(section: str) -> str:
    """'7-2a', '7-2 a' and '7-2  a' are the same section; the registry writes '7-2 a'."""
    m = re.fullmatch(r"(\d+(?:-\d+)?)\s*([a-z]?)", section.strip())
    if not m:
        return section.strip()
    return f"{m.group(1)} {m.group(2)}" if m.group(2) else m.group(1)


class Provision(NamedTuple):
    law: object  # the Law it belongs to
    section: str
    title: str
    provides: tuple[str, ...]
    summary: str
    complaint_to: str | None = None
    complaint_covers: str | None = None
    deadline: str | None = None
    ledd_count: int | None = None  # how many ledd the section has (a cited ledd must exist)
    note: str | None = None  # what was (not) checked, or what must be verified
    applies_to: tuple[str, ...] = ()  # service ids (services.toml) the provision covers
    fingerprint: str | None = None  # lawwatch.fingerprint of the section's text when it was checked
    checked: datetime.date | None = None  # when that text was checked
    basis: str | None = None  # what the text was: one of BASES
    future_change: dict | None = None  # the first of future_changes (most sections have one)
    plain: str | None = None  # the summary in plain words for families (where a family-facing guide lists it)
    # Adopted changes not yet in force, each {"text", "date"?, "act"?} (act: "lov/2025-06-20-39",
    # the act in Norsk Lovtidend); and the acts in force that changed this section since the law's
    # last_changed_by, which the summary already reflects. The law watch reads both (lovtidend.py).
    future_changes: tuple = ()
    changed_by: tuple[str, ...] = ()
    # The number as the statute writes it («1-4a» in tannhelsetjenesteloven, «7-2 a» in hol),
    # where that differs from the registry's key: labels and tables show it, lookups use the key.
    written: str | None = None
    # The complaint route in plain words for families (the family complaint table): what they can
    # complain about, to whom (where complaint_to is not already plain) and the deadline.
    complaint_plain: str | None = None
    complaint_to_plain: str | None = None
    deadline_plain: str | None = None

    @property
    def url(self) -> str:
        # Lovdata's short address for a section (https://lovdata.no/lov/<date-number>/§<section>),
        # the form public services link to, e.g. Nav's own pages for folketrygdloven § 8-28; not
        # fetched from here (the build never goes online). Sections are digits, letters and dashes;
        # only «§» needs percent-encoding.
        path = "lov" if self.law.kind == "lov" else "forskrift"
        return f"{LOVDATA}/{path}/{self.law.date_number}/%C2%A7{self.section.replace(' ', '')}"

    @property
    def number(self) -> str:
        """The section number as the statute writes it."""
        return self.written or self.section

    @property
    def label(self) -> str:
        return f"{self.law.name} § {self.number}"

    def __repr__(self) -> str:  # the law refers back to its provisions: keep repr finite
        return f"Provision({self.label})"


class Law(NamedTuple):
    key: str
    name: str
    title: str
    lovdata_id: str
    reform: bool
    sector: str
    note: str | None  # what the entry was checked against, or that no copy was available
    kind: str  # one of KINDS
    url: str  # Lovdata for statutes and regulations; the source's own address otherwise
    provisions: dict  # section -> Provision, filled while loading
    # The consolidated text the fingerprints were checked against, as Lovdata gives it:
    # «Sist endret ved» (e.g. "lov/2026-06-19-59") and «Ikrafttredelse av siste endring».
    last_changed_by: str | None = None
    last_change_in_force: datetime.date | None = None
    # Words of PROVIDES for which the law's own provision is not known from a checked text (for
    # example its confidentiality section is missing from the copy): tables say so instead of
    # naming a provision or falling back on a general rule.
    unverified: tuple[str, ...] = ()

    @property
    def date_number(self) -> str:
        return _LOVDATA_ID.match(self.lovdata_id).group(2)

    def __repr__(self) -> str:
        return f"Law({self.key})"


def _load_law(filename: str, data: dict) -> Law:
    where = f"laws/{filename}"
    check_keys(where, data, _LAW_KEYS, _LAW_REQUIRED)
    if data["key"] != filename.removesuffix(".toml"):
        raise GuideDefinitionError(where, f"key «{data['key']}» må være lik filnavnet")
    kind = data.get("kind", "lov")
    if kind not in KINDS:
        raise GuideDefinitionError(where, f"ukjent kind «{kind}» ({', '.join(KINDS)})")
    m = _LOVDATA_ID.match(data.get("lovdata_id") or "")
    if kind in ("lov", "forskrift"):
        if not m or m.group(1) != {"lov": "LOV", "forskrift": "FOR"}[kind] or "url" in data:
            raise GuideDefinitionError(where, f"ugyldig lovdata_id «{data.get('lovdata_id')}» for {kind} (og ingen egen url)")
        url = f"{LOVDATA}/dokument/{'NL/lov' if kind == 'lov' else 'SF/forskrift'}/{m.group(2)}"
    else:
        url = data.get("url", "")
        if not url.startswith("https://") or "provisions" in data:
            raise GuideDefinitionError(where, "en kilde som ikke er lov eller forskrift, trenger en https-url og har ingen paragrafer")
    _check_checked_against(where, data)
    unverified = data.get("unverified", [])
    if not isinstance(unverified, list) or set(unverified) - PROVIDES:
        raise GuideDefinitionError(where, f"unverified skal være en liste med ord fra «provides»: {unverified}")
    fields = {k: data.get(k) for k in _LAW_KEYS - {"provisions", "kind", "url", "unverified"}}
    law = Law(**fields, kind=kind, url=url, provisions={}, unverified=tuple(unverified))
    for i, p in enumerate(data.get("provisions", [])):
        pwhere = f"{where} provisions[{i}] (§ {p.get('section', '?')})"
        check_keys(pwhere, p, _PROVISION_KEYS, _PROVISION_REQUIRED)
        section = normalize_section(p["section"])
        if not _SECTION.match(section):
            raise GuideDefinitionError(pwhere, f"ugyldig paragrafnummer «{p['section']}»")
        bad = sorted(set(p["provides"]) - PROVIDES)
        if bad:
            raise GuideDefinitionError(pwhere, f"ukjent «provides»: {', '.join(bad)}")
        if section in law.provisions:
            raise GuideDefinitionError(pwhere, "paragrafen står to ganger")
        unknown = sorted(set(p.get("applies_to", [])) - set(services()))
        if unknown:
            raise GuideDefinitionError(pwhere, f"ukjent tjeneste i applies_to: {', '.join(unknown)}")
        count = p.get("ledd_count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
            raise GuideDefinitionError(pwhere, "ledd_count skal være et positivt heltall")
        _check_watch(pwhere, law, p)
        law.provisions[section] = Provision(
            law=law, section=section, title=p["title"], provides=tuple(p["provides"]),
            summary=p["summary"], plain=p.get("plain"), complaint_to=p.get("complaint_to"),
            complaint_covers=p.get("complaint_covers"), deadline=p.get("deadline"),
            ledd_count=count, note=p.get("note"), applies_to=tuple(p.get("applies_to", ())),
            fingerprint=p.get("fingerprint"), checked=p.get("checked"), basis=p.get("basis"),
            future_change=_future_changes(p)[0] if _future_changes(p) else None, future_changes=_future_changes(p),
            changed_by=_many(p.get("last_changed_by")),
            written=p["section"].strip() if p["section"].strip() != section else None,
            complaint_plain=p.get("complaint_plain"), complaint_to_plain=p.get("complaint_to_plain"),
            deadline_plain=p.get("deadline_plain"),
        )
    return law


def _is_date(value) -> bool:
    return type(value) is datetime.date  # a TOML date (2026-11-28), not a date and time


def _check_checked_against(where: str, data: dict) -> None:
    """The law's «sist endret» reference and its in-force date: both or neither."""
    ref, in_force = data.get("last_changed_by"), data.get("last_change_in_force")
    if ref is None and in_force is None:
        return
    if not isinstance(ref, str) or not _CHANGE_REF.match(ref) or not _is_date(in_force):
        raise GuideDefinitionError(where, "last_changed_by (f.eks. \"lov/2026-06-19-59\") og last_change_in_force (en dato) hører sammen")


def _check_watch(where: str, law: Law, p: dict) -> None:
    """What the provision was checked against (law watch), and an adopted change not yet in force."""
    watch = [k for k in ("fingerprint", "checked", "basis") if k in p]
    if watch and len(watch) < 3:
        raise GuideDefinitionError(where, "fingerprint, checked og basis hører sammen (alle tre eller ingen)")
    if watch:
        if not isinstance(p["fingerprint"], str) or not FINGERPRINT.match(p["fingerprint"]):
            raise GuideDefinitionError(where, f"ugyldig fingerprint «{p['fingerprint']}» (skal være sha256: og 16 heksadesimale tegn)")
        if not _is_date(p["checked"]):
            raise GuideDefinitionError(where, "checked skal være en dato (f.eks. 2026-11-28)")
        if p["basis"] not in BASES:
            raise GuideDefinitionError(where, f"ukjent basis «{p['basis']}» ({', '.join(BASES)})")
        if law.last_changed_by is None:
            raise GuideDefinitionError(where, "en paragraf med fingerprint trenger lovens last_changed_by og last_change_in_force")
    elif law.kind in ("lov", "forskrift") and not (p.get("note") or law.note):
        raise GuideDefinitionError(where, "paragrafen mangler fingerprint: en note (på paragrafen eller loven) må si hvorfor")
    for change in _future_changes(p):
        if (not isinstance(change, dict) or set(change) - {"date", "text", "act"} or not isinstance(change.get("text"), str)
                or not change["text"].strip() or ("date" in change and not _is_date(change["date"]))
                or ("act" in change and not (isinstance(change["act"], str) and _CHANGE_REF.match(change["act"])))):
            raise GuideDefinitionError(where, "future_change skal være { text = \"…\" } med en dato (date) når den er kjent, og "
                                              "act = \"lov/ÅÅÅÅ-MM-DD-NR\" for loven i Norsk Lovtidend (eller en liste av slike)")
    acts = p.get("last_changed_by")
    if acts is not None and not (_many(acts) and all(isinstance(a, str) and _CHANGE_REF.match(a) for a in _many(acts))):
        raise GuideDefinitionError(where, "last_changed_by på en paragraf er en lov i Norsk Lovtidend («lov/2025-06-20-67») eller en liste av slike")


def _future_changes(p: dict) -> tuple:
    return _many(p.get("future_change"))


def _many(value) -> tuple:
    """A key that takes one value or a list of them (absent: none), as a tuple."""
    return () if value is None else tuple(as_list(value))


@lru_cache(maxsize=1)
def registry() -> dict[str, Law]:
    """All laws, by key, in file-name order. Loaded once; a broken file raises GuideDefinitionError."""
    return load((name, _parsed("laws", name)) for name in data_files.names("laws"))


def _parsed_text(text: str):
    import tomllib  # here, not above: the browser loads the registry from JSON twins (data_files)

    try:
        return tomllib.loads(text)
    except ValueError as exc:
        return exc


def _parsed(folder: str, name: str):
    """A data file's contents, or, if it does not parse, the error that load reports."""
    try:
        return data_files.load(folder, name)
    except ValueError as exc:
        return exc


# The texts people read (our summaries and notes) in another written form: laws/<lang>/<file>.toml
# holds, for the law file of the same name, these fields of the law (its name as written in
# running text, «barnevernslova») and, under [provisions."<section>"], of each provision.
# Titles are Lovdata's own and stay as they are. laws/nn/ has every text; laws/en/ (English) has
# only what the family guides show (summaries, plain summaries, where a complaint goes) and never a
# law's name: in English a law is still cited by its Norwegian name, as the Norwegian letter does.
LAW_TEXT_FIELDS = ("name", "sector", "note")
PROVISION_TEXT_FIELDS = ("summary", "plain", "note", "complaint_to", "complaint_covers", "deadline",
                         "complaint_plain", "complaint_to_plain", "deadline_plain", "future_change")


@lru_cache(maxsize=None)
def translations(lang: str) -> dict:
    """{law key: {field: text, "provisions": {section: {field: text}}}} for a written form other
    than bokmål (empty for bokmål: the registry itself is written in it)."""
    if lang == "nb":
        return {}
    out = {}
    for name in data_files.names(f"laws/{lang}"):
        key = data_files.load("laws", name)["key"]
        out[key] = data_files.load(f"laws/{lang}", name)
    return out


def in_language(item, lang: str):
    """A Provision or Law with its texts in ``lang`` (bokmål where a text has no translation:
    tests hold the translations complete)."""
    if lang == "nb":
        return item
    if isinstance(item, Provision):
        texts = translations(lang).get(item.law.key, {}).get("provisions", {}).get(item.section, {})
        fields = {k: texts[k] for k in PROVISION_TEXT_FIELDS if k in texts and k != "future_change"}
        if item.future_changes and "future_change" in texts:
            words = as_list(texts["future_change"])
            fields["future_changes"] = tuple({**c, "text": w} for c, w in zip(item.future_changes, words))
            fields["future_change"] = fields["future_changes"][0]
        return item._replace(**fields) if fields else item
    texts = translations(lang).get(item.key, {})
    fields = {k: texts[k] for k in LAW_TEXT_FIELDS if k in texts}
    return item._replace(**fields) if fields else item


def load(files) -> dict[str, Law]:
    """Laws from (file name, TOML text) pairs, checked as the registry is (the law watch loads a
    copy of the registry with this; the registry passes the files parsed, or their parse error)."""
    laws = {}
    services()  # provisions name services: the vocabulary must load first
    for name, text in files:
        data = _parsed_text(text) if isinstance(text, str) else text
        if isinstance(data, ValueError):  # TOML that does not parse
            raise GuideDefinitionError(f"laws/{name}", f"ugyldig TOML: {data}")
        law = _load_law(name, data)
        laws[law.key] = law
    return laws


class Service(NamedTuple):
    id: str
    label: str
    examples: str
    levels: tuple[str, ...]  # who runs it: kommunal, fylkeskommunal, statlig, privat


@lru_cache(maxsize=None)
def services(lang: str = "nb") -> dict[str, Service]:
    """The services around a child (services.toml), in the order families see them; their names
    in nynorsk from services.nn.toml."""
    if lang != "nb":
        texts = data_files.load("", f"services.{lang}.toml").get("services", {})
        return {k: s._replace(**{f: texts.get(k, {}).get(f, getattr(s, f)) for f in ("label", "examples")})
                for k, s in services().items()}
    data = data_files.load("", "services.toml")
    out = {}
    for i, raw in enumerate(data.get("services", [])):
        where = f"services.toml services[{i}]"
        check_keys(where, raw, {"id", "label", "examples", "levels"}, {"id", "label", "examples", "levels"})
        bad = sorted(set(raw["levels"]) - set(LEVELS))
        if bad or not raw["levels"]:
            raise GuideDefinitionError(where, f"ukjent nivå: {', '.join(bad) or 'ingen'} ({', '.join(LEVELS)})")
        if raw["id"] in out:
            raise GuideDefinitionError(where, f"«{raw['id']}» står to ganger")
        out[raw["id"]] = Service(raw["id"], raw["label"], raw["examples"], tuple(raw["levels"]))
    return out


def provisions_for(provides: str, service_ids=None) -> list[Provision]:
    """Every provision that provides ``provides`` (and, given service ids, covers one of them)."""
    return list(_provisions_for(provides, None if service_ids is None else frozenset(service_ids)))


@lru_cache(maxsize=4096)  # the registry does not change while the engine runs
def _provisions_for(provides: str, wanted) -> tuple:
    return tuple(p for law in registry().values() for p in law.provisions.values()
                 if provides in p.provides and (wanted is None or wanted & set(p.applies_to)))


_SOURCES: dict = {}


def source_of(provision: Provision, lang: str = "nb") -> dict:
    """The source dict of a whole provision (shared: callers copy it before changing it)."""
    key = (provision.law.key, provision.section, lang)
    if key not in _SOURCES:
        _SOURCES[key] = Citation(provision.law, provision).to_dict(lang)
    return _SOURCES[key]


def services_where(provides: str | None = None, levels=None) -> list[str]:
    """Service ids covered by a provision that provides ``provides``, or run at one of ``levels``."""
    if provides is not None:
        if provides not in PROVIDES:
            raise KeyError(f"ukjent «provides» «{provides}»")
        covered = {s for p in provisions_for(provides) for s in p.applies_to}
        return [s for s in services() if s in covered]
    bad = sorted(set(levels or []) - set(LEVELS))
    if bad or not levels:
        raise KeyError(f"ukjent nivå {bad or levels}")
    return [s.id for s in services().values() if set(s.levels) & set(levels)]


class Citation:
    """One resolved reference: a law, or a provision with an optional ledd."""

    __slots__ = ("law", "provision", "ledd", "url", "label", "ref", "_dict")

    def __init__(self, law: Law, provision: Provision | None = None, ledd: int | None = None):
        self.law, self.provision, self.ledd = law, provision, ledd
        self.url = provision.url if provision else law.url
        self.label = provision.label if provision else law.name
        self.ref = f"{law.key} § {provision.section}" if provision else law.key
        if ledd:
            self.label += f" {ORDINALS[ledd - 1]} ledd"
            self.ref += f" {ORDINALS[ledd - 1]} ledd"
        self._dict = {"law": law.name, "law_id": law.lovdata_id, "kind": law.kind, "ref": self.ref,
                      "section": provision.section if provision else None, "ledd": ledd,
                      "title": provision.title if provision else law.title,
                      "label": self.label, "url": self.url}

    def to_dict(self, lang: str = "nb") -> dict:
        """The one shape every source has, in the engine's output and in describe; the label with
        the law's name in the given written form."""
        out = dict(self._dict)
        if lang != "nb":
            out["label"] = self.label_in(lang)
        return out

    def label_in(self, lang: str) -> str:
        """«barnevernsloven § 15-9» as written in bokmål, «barnevernslova § 15-9» in nynorsk."""
        return self.label if lang == "nb" else in_language(self.law, lang).name + self.label[len(self.law.name):]

    def __repr__(self) -> str:
        return f"Citation({self.label})"


def unique_sources(sources) -> list:
    """Each source once, by its label, in the order it first appears (Citations or their dicts)."""
    seen, out = set(), []
    for s in sources:
        label = s["label"] if isinstance(s, dict) else s.label
        if label not in seen:
            seen.add(label)
            out.append(s)
    return out


def provides_of(ref: str) -> tuple[str, ...]:
    """What the provision a reference names provides (empty for a whole law)."""
    citation = cite(ref)
    return citation.provision.provides if citation.provision else ()


@lru_cache(maxsize=4096)
def cite(ref: str) -> Citation:
    """Resolve ``"hol § 7-2 a tredje ledd"`` (or ``"bvl"``) against the registry.

    Raises KeyError with a Norwegian message when the law or the section is unknown.
    """
    m = _REF.match(ref.strip())
    if not m:
        raise KeyError(f"kan ikke lese henvisningen «{ref}» (skriv f.eks. «hol § 7-2 a»)")
    laws = registry()
    law = laws.get(m.group("law"))
    if law is None:
        raise KeyError(f"ukjent lov «{m.group('law')}» i «{ref}»")
    if not m.group("section"):
        return Citation(law)
    section = normalize_section(m.group("section"))
    provision = law.provisions.get(section)
    if provision is None:
        raise KeyError(f"{law.name} § {section} finnes ikke i lovregisteret («{ref}»)")
    ledd = ORDINALS.index(m.group("ledd")) + 1 if m.group("ledd") else None
    if ledd and (provision.ledd_count is None or ledd > provision.ledd_count):
        has = f"har {provision.ledd_count} ledd" if provision.ledd_count else "mangler ledd_count i lovregisteret"
        raise KeyError(f"{provision.label} {m.group('ledd')} ledd finnes ikke: paragrafen {has} («{ref}»)")
    return Citation(law, provision, ledd)
