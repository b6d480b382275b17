"""The law registry: every law and provision the site cites, with its Lovdata address.

One TOML file per law in ``guide_engine/laws/``. Guides, pages, tables and tests all cite
provisions through :func:`cite`, so a citation is written once and checked at load time.
A reference is written the way Norwegian lawyers write it: ``"hol § 7-2 a tredje ledd"``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

from .errors import GuideDefinitionError

LOVDATA = "https://lovdata.no"

# The words a provision can "provide"; tables and tests select provisions by these.
PROVIDES = frozenset({
    "samarbeid", "samordningsplikt", "barnekoordinator_samordner", "samarbeid_med_barnekoordinator",
    "individuell_plan", "koordinator", "barnekoordinator", "koordinerende_enhet", "taushetsplikt",
    "samtykke", "opplysningsplikt_barnevern", "avvergeplikt", "klage", "klagefrist", "forebygging",
    "samarbeidsavtale", "boligsosial", "medvirkning", "barnets_beste",
})
ORDINALS = ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende")

_LAW_KEYS = {"key", "name", "title", "abbreviation", "lovdata_id", "reform", "sector", "services",
             "formerly", "provisions"}
_LAW_REQUIRED = {"key", "name", "title", "abbreviation", "lovdata_id", "reform", "sector"}
_PROVISION_KEYS = {"section", "title", "provides", "summary", "ledd", "formerly", "complaint_to",
                   "complaint_covers", "deadline"}
_PROVISION_REQUIRED = {"section", "title", "provides", "summary"}
_LOVDATA_ID = re.compile(r"LOV-(\d{4}-\d{2}-\d{2}(?:-\d+)?)$")
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


@dataclass(frozen=True)
class Provision:
    law: "Law"
    section: str
    title: str
    provides: tuple[str, ...]
    summary: str
    ledd: dict = field(default_factory=dict)
    formerly: str | None = None
    complaint_to: str | None = None
    complaint_covers: str | None = None
    deadline: str | None = None

    @property
    def url(self) -> str:
        anchor = "§" + self.section.replace(" ", "")
        return f"{LOVDATA}/lov/{self.law.date_number}/{quote(anchor)}"

    @property
    def label(self) -> str:
        return f"{self.law.name} § {self.section}"


@dataclass(frozen=True)
class Law:
    key: str
    name: str
    title: str
    abbreviation: str
    lovdata_id: str
    reform: bool
    sector: str
    services: str | None
    formerly: str | None
    provisions: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def date_number(self) -> str:
        return _LOVDATA_ID.match(self.lovdata_id).group(1)

    @property
    def url(self) -> str:
        return f"{LOVDATA}/dokument/NL/lov/{self.date_number}"


def _check_keys(where: str, table: dict, allowed: set, required: set) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise GuideDefinitionError(where, f"ukjent nøkkel: {', '.join(unknown)}")
    missing = sorted(required - set(table))
    if missing:
        raise GuideDefinitionError(where, f"mangler: {', '.join(missing)}")


def _load_law(filename: str, data: dict) -> Law:
    where = f"laws/{filename}"
    _check_keys(where, data, _LAW_KEYS, _LAW_REQUIRED)
    if data["key"] != filename.removesuffix(".toml"):
        raise GuideDefinitionError(where, f"key «{data['key']}» må være lik filnavnet")
    if not _LOVDATA_ID.match(data["lovdata_id"]):
        raise GuideDefinitionError(where, f"ugyldig lovdata_id «{data['lovdata_id']}»")
    law = Law(**{k: data.get(k) for k in _LAW_KEYS - {"provisions"}})
    for i, p in enumerate(data.get("provisions", [])):
        pwhere = f"{where} provisions[{i}] (§ {p.get('section', '?')})"
        _check_keys(pwhere, p, _PROVISION_KEYS, _PROVISION_REQUIRED)
        section = normalize_section(p["section"])
        if not _SECTION.match(section):
            raise GuideDefinitionError(pwhere, f"ugyldig paragrafnummer «{p['section']}»")
        bad = sorted(set(p["provides"]) - PROVIDES)
        if bad:
            raise GuideDefinitionError(pwhere, f"ukjent «provides»: {', '.join(bad)}")
        if section in law.provisions:
            raise GuideDefinitionError(pwhere, "paragrafen står to ganger")
        law.provisions[section] = Provision(
            law=law, section=section, title=p["title"], provides=tuple(p["provides"]),
            summary=p["summary"], ledd={str(k): v for k, v in p.get("ledd", {}).items()},
            formerly=p.get("formerly"), complaint_to=p.get("complaint_to"),
            complaint_covers=p.get("complaint_covers"), deadline=p.get("deadline"),
        )
    return law


@lru_cache(maxsize=1)
def registry() -> dict[str, Law]:
    """All laws, by key, in file-name order. Loaded once; a broken file raises GuideDefinitionError."""
    laws = {}
    folder = resources.files(__package__) / "laws"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            try:
                data = tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise GuideDefinitionError(f"laws/{entry.name}", f"ugyldig TOML: {exc}") from None
            law = _load_law(entry.name, data)
            laws[law.key] = law
    return laws


@dataclass(frozen=True)
class Citation:
    """One resolved reference: a law, or a provision with an optional ledd."""

    law: Law
    provision: Provision | None = None
    ledd: int | None = None

    @property
    def url(self) -> str:
        return self.provision.url if self.provision else self.law.url

    @property
    def label(self) -> str:
        if not self.provision:
            return self.law.name
        text = self.provision.label
        if self.ledd:
            text += f" {ORDINALS[self.ledd - 1]} ledd"
        return text

    def to_dict(self) -> dict:
        """The one shape every source has, in the engine's output and in describe."""
        out = {"law": self.law.name, "law_id": self.law.lovdata_id, "section": None, "ledd": None,
               "title": self.law.title, "label": self.label, "url": self.url}
        if self.provision:
            out.update(section=self.provision.section, title=self.provision.title)
        if self.ledd:
            out["ledd"] = self.ledd
        return out


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
    return Citation(law, provision, ledd)
