"""A municipality's own copy, from one file (`kommune.yml`), checked key by key.

`make site KOMMUNE=kommuner/eksempel/kommune.yml` (or `python -m build_scripts.build --kommune
FILE`). Without a file the site is the neutral national version. Every key is described in
kommuner/README.md; a complete example for a fictional municipality is kommuner/eksempel/.

Bad configuration stops the build with a message that names the key and what is wrong. Links
to the municipality's own pages may point anywhere (https only); nothing is loaded from there.
"""
from __future__ import annotations

import codecs
import difflib
import os
import pathlib
import re
import urllib.parse

import yaml

from build_scripts.ui import t

AUDIENCES = ("familie", "tjenester", "kommune")
_CONTACT_KEYS = {"navn", "telefon", "epost", "adresse", "apningstider"}
_KEYS = {"navn", "adresse_nettsted", "logo", "farger", "koordinerende_enhet", "barnekoordinator",
         "slik_ber_dere_om_hjelp", "skjema", "lenker", "malgrupper", "tilgjengelighetserklaering",
         "tilbakemelding", "malform", "engelsk"}
_REQUIRED = {"navn", "koordinerende_enhet", "tilgjengelighetserklaering"}
# A Norwegian number has 8 digits (spaces between them are fine); with a country code, 8-15.
_PHONE = re.compile(r"^(?:[0-9] ?){7}[0-9]$|^\+(?:[0-9] ?){7,14}[0-9]$")
# An ordinary address: no commas, spaces, quotes or brackets (they are typing mistakes here).
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# The characters an address may hold (RFC 3986, without the quote): a space, «"», «<» or «>»
# is a typing mistake, and would cut the link short.
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The written forms a municipality may choose (språklova): the value in kommune.yml and the code.
FORMS = {"bokmål": "nb", "nynorsk": "nn"}
# Without «malform», the site is in both forms, bokmål at the address and nynorsk under nn/.
DEFAULT_FORMS = ["nb", "nn"]
# The family pages in English, under en/ (on unless «engelsk: nei»). A text the municipality
# gives per written form may also have an English one; without it the English pages show the
# bokmål text (or the nynorsk one, if that is the only one).
ENGLISH = "en"
TEXT_LANGUAGES = {**FORMS, "engelsk": ENGLISH}
_YES_NO = {"ja": True, "nei": False}
# The variables the first versions read; they now stop the build and say which key to use.
LEGACY_ENV = {"KOMMUNE_NAVN": "navn", "KOMMUNE_KONTAKT": "koordinerende_enhet"}


class ConfigError(ValueError):
    pass


def _fail(key: str, problem: str):
    raise ConfigError(f"kommune.yml, «{key}»: {problem}")


def _unknown(key: str, name, known) -> None:
    """An unknown key, with the nearest known one (a nynorsk spelling finds its bokmål key)."""
    close = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.6)
    hint = f" Mente du «{close[0]}»?" if close else ""
    _fail(key, f"ukjent nøkkel.{hint} (kjente: {', '.join(sorted(known))})")


def _text(key: str, value, per_form: bool = False):
    """A text; with ``per_form``, also one text per written form, and in English if wanted:
    {bokmål: …, nynorsk: …, engelsk: …} (at least one of the Norwegian ones)."""
    if per_form and isinstance(value, dict):
        if not value or set(value) - set(TEXT_LANGUAGES) or not set(value) & set(FORMS):
            _fail(key, "skal være en tekst, eller en tekst for hver målform: bokmål og nynorsk "
                       "(og engelsk, hvis dere vil; minst én av bokmål og nynorsk)")
        return {TEXT_LANGUAGES[k]: _text(f"{key}.{k}", v) for k, v in value.items()}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads 57112233 as a number: the usual fix is quotes.
        _fail(key, f"skal være en tekst: sett verdien i anførselstegn, for eksempel \"{value}\"")
    if value is None:
        _fail(key, "mangler verdi (står det # først i verdien, leses resten som en kommentar: "
                   "sett verdien i anførselstegn)")
    if not isinstance(value, str) or not value.strip():
        _fail(key, "skal være en tekst")
    return value.strip()


def _address(key: str, value, schemes=("https",)) -> str:
    """A web address: one of ``schemes``, a host, and only characters an address may hold."""
    value = _text(key, value)
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in schemes or not value.startswith(f"{parts.scheme}://"):
        wanted = " eller ".join(f"{s}-adresse" for s in schemes)
        _fail(key, f"skal være en {wanted}, ikke «{value}»")
    if not parts.hostname or not _URL_CHARS.match(value):
        _fail(key, f"«{value}» er ikke en gyldig adresse: den kan ikke ha mellomrom, anførselstegn, "
                   f"< eller > (skriv %20 for et mellomrom)")
    return value


def _forms(value) -> list[str]:
    """«malform»: bokmål, nynorsk, or both as a list (the first at the site's address)."""
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list) or not chosen or len(set(map(str, chosen))) != len(chosen) \
            or any(v not in FORMS for v in chosen):
        _fail("malform", "skal være bokmål, nynorsk, eller begge som en liste: [nynorsk, bokmål] "
                         "(den første ligger på adressen, den andre under nn/ eller nb/)")
    return [FORMS[v] for v in chosen]


def english(raw) -> bool:
    """«engelsk»: ja (the default) or nei; the family pages in English under en/."""
    if isinstance(raw, bool):  # YAML reads yes/no, true/false as such
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _YES_NO:
        return _YES_NO[raw.strip().lower()]
    _fail("engelsk", f"skal være ja eller nei, ikke «{raw}» (ja: sidene for familier også på engelsk, under en/)")


def in_form(cfg, lang: str):
    """The configuration with every text that has one version per form in ``lang`` (else the
    bokmål one, else the nynorsk one: a text in English only does not exist)."""
    if isinstance(cfg, dict) and cfg and set(cfg) <= set(TEXT_LANGUAGES.values()) and all(isinstance(v, str) for v in cfg.values()):
        return cfg.get(lang) or next(cfg[f] for f in FORMS.values() if f in cfg)
    if isinstance(cfg, dict):
        return {k: in_form(v, lang) for k, v in cfg.items()}
    if isinstance(cfg, list):
        return [in_form(v, lang) for v in cfg]
    return cfg


def _https(key: str, value) -> str:
    return _address(key, value)


def _contact(key: str, raw) -> dict:
    if not isinstance(raw, dict):
        _fail(key, "skal ha navn og minst telefon eller e-post")
    unknown = sorted(set(raw) - _CONTACT_KEYS, key=str)
    if unknown:
        _unknown(f"{key}.{unknown[0]}", unknown[0], _CONTACT_KEYS)
    out = {k: _text(f"{key}.{k}", v, per_form=k in ("navn", "adresse", "apningstider")) for k, v in raw.items()}
    if "navn" not in out or not ({"telefon", "epost"} & set(out)):
        _fail(key, "skal ha navn og minst telefon eller e-post")
    if "telefon" in out and not _PHONE.match(out["telefon"]):
        _fail(f"{key}.telefon", f"«{out['telefon']}» er ikke et telefonnummer (8 sifre, gjerne med mellomrom; "
                                       f"med landkode: +47 og 8 sifre)")
    if "epost" in out and not _EMAIL.match(out["epost"]):
        _fail(f"{key}.epost", f"«{out['epost']}» er ikke en e-postadresse")
    return out


def check_legacy_environment(environ=os.environ) -> None:
    for var, key in LEGACY_ENV.items():
        if environ.get(var):
            raise ConfigError(f"{var} brukes ikke lenger: skriv det under «{key}» i kommune.yml "
                              f"(se kommuner/README.md), og bygg med KOMMUNE=sti/til/kommune.yml")


# The byte-order marks an editor on Windows writes: the file is read in that encoding.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_text(path: pathlib.Path) -> str:
    """The file's text: UTF-8 (with or without a BOM) or UTF-16 with a BOM. Anything else, such
    as Windows-1252 («ANSI»), is refused rather than guessed: «å» in Windows-1252 and in other
    code pages are different letters, and a wrong guess would put wrong names on every page."""
    data = path.read_bytes()
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path.name} ({path.resolve()}) er ikke lagret som UTF-8: linje {line} har et tegn som ikke er "
            f"UTF-8 (trolig lagret som «ANSI» eller Windows-1252). Åpne filen, velg «Lagre som» og "
            f"kodingen «UTF-8», og bygg på nytt.") from None


# PyYAML's English problems, in Norwegian, with what usually fixes them.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "et kolon (:) inne i en verdi, eller et innrykk som ikke stemmer "
                                       "med linjene over; sett verdien i anførselstegn, eller rett innrykket"),
    ("cannot start any token", "et tabulatortegn eller et tegn som ikke kan starte en verdi; "
                               "bruk mellomrom til innrykk, og sett verdien i anførselstegn"),
    ("expected <block end>", "innrykket stemmer ikke med linjene over; nøkler på samme nivå "
                             "skal ha like mange mellomrom foran"),
    ("could not find expected ':'", "en linje mangler kolon (:) etter nøkkelen, eller innrykket stemmer ikke"),
    ("found unexpected end of stream", "et anførselstegn eller en klamme som ikke blir lukket"),
    ("while scanning a quoted scalar", "et anførselstegn som ikke blir lukket"),
    ("found duplicate anchor", "et & eller * som YAML leser som et anker; sett verdien i anførselstegn"),
    ("found undefined alias", "et * først i verdien, som YAML leser som en henvisning; sett verdien i anførselstegn"),
    ("found a key written twice", "nøkkelen står to ganger på samme nivå; behold den ene"),
)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a key written twice at one level is an error: YAML would keep the
    last one without a word, and a municipality that wrote its contact twice could not tell which
    one the site shows."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, "found a key written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _key_at(text: str, line: int) -> str:
    """The key (with its path) the line belongs to: the nearest keys above it, by indentation."""
    path: list[tuple[int, str]] = []
    for raw in text.splitlines()[:line]:
        stripped = raw.lstrip(" -")
        if not stripped or stripped.startswith("#") or ":" not in stripped:
            continue
        indent = len(raw) - len(stripped)
        key = stripped.split(":", 1)[0].strip().strip("\"'")
        path = [(i, k) for i, k in path if i < indent] + [(indent, key)]
    return ".".join(k for _, k in path)


def _yaml_error(path: pathlib.Path, text: str, exc: yaml.YAMLError) -> ConfigError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    english = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    problem = next((no for en, no in _YAML_PROBLEMS if en in english), "skrivemåten stemmer ikke med YAML")
    if mark is None:
        return ConfigError(f"{path.name} er ikke gyldig YAML: {problem}")
    line = mark.line + 1
    key = _key_at(text, line)
    where = f"linje {line}, tegn {mark.column + 1}" + (f", ved nøkkelen «{key}»" if key else "")
    return ConfigError(f"{path.name} er ikke gyldig YAML ({where}): {problem}")


# A text may not tell the family to apply: the law requires no application (only a request).
_APPLY = re.compile(r"\bsøk(?:e|je|er|jer|t|nad\w*)?\b|\bappl(?:y|ies|ied|ying|ication\w*)\b", re.I)
_NEGATION = re.compile(r"\b(?:ikke|ikkje|ingen|inga|uten|utan|aldri|not|no|never|without|don't)\b", re.I)


def _asks_for_application(text: str) -> bool:
    return any(_APPLY.search(sentence) and not _NEGATION.search(sentence)
               for sentence in re.split(r"(?<=[.!?])\s+", text))


def load(path: pathlib.Path | None) -> dict:
    """The checked configuration ({} for the national version). ConfigError naming the key."""
    check_legacy_environment()
    if path is None:
        return {}
    path = pathlib.Path(path)
    try:
        text = read_text(path)
    except (FileNotFoundError, IsADirectoryError):
        raise ConfigError(f"fant ikke kommunefilen {path}") from None
    try:
        raw = yaml.load(text, Loader=_Loader)  # a SafeLoader: no Python objects from the file
    except yaml.YAMLError as exc:
        raise _yaml_error(path, text, exc) from None
    if not isinstance(raw, dict):
        raise ConfigError("kommune.yml skal være en liste med nøkler og verdier")
    unknown = sorted(set(raw) - _KEYS, key=str)
    if unknown:
        _unknown(unknown[0], unknown[0], _KEYS)
    missing = sorted(_REQUIRED - set(raw))
    if missing:
        _fail(missing[0], "mangler")
    cfg = {"navn": _text("navn", raw["navn"], per_form=True),
           "malform": _forms(raw["malform"]) if "malform" in raw else list(DEFAULT_FORMS),
           "engelsk": english(raw["engelsk"]) if "engelsk" in raw else True,
           "koordinerende_enhet": _contact("koordinerende_enhet", raw["koordinerende_enhet"]),
           "tilgjengelighetserklaering": _https("tilgjengelighetserklaering", raw["tilgjengelighetserklaering"])}
    if "barnekoordinator" in raw:
        cfg["barnekoordinator"] = _contact("barnekoordinator", raw["barnekoordinator"])
    if "adresse_nettsted" in raw:
        # An intranet on plain http is allowed (README): the address only makes the links right.
        cfg["adresse_nettsted"] = _address("adresse_nettsted", raw["adresse_nettsted"],
                                           ("https", "http")).rstrip("/") + "/"
    if "slik_ber_dere_om_hjelp" in raw:
        text = _text("slik_ber_dere_om_hjelp", raw["slik_ber_dere_om_hjelp"], per_form=True)
        for one in (text.values() if isinstance(text, dict) else [text]):
            if _asks_for_application(one):
                _fail("slik_ber_dere_om_hjelp", "teksten sier at familien må søke eller sende en søknad; "
                                                "loven krever ingen søknad (skriv for eksempel «be om», "
                                                "på engelsk «ask for»)")
        cfg["slik_ber_dere_om_hjelp"] = text
    if "skjema" in raw:
        cfg["skjema"] = _https("skjema", raw["skjema"])
    if "tilbakemelding" in raw:
        value = _text("tilbakemelding", raw["tilbakemelding"])
        if value.startswith("mailto:"):
            if not _EMAIL.match(value[7:]):
                _fail("tilbakemelding", f"«{value[7:]}» er ikke en e-postadresse")
        elif value.startswith("https://"):
            value = _https("tilbakemelding", value)
        else:
            _fail("tilbakemelding", "skal være en https-adresse eller mailto:adresse")
        cfg["tilbakemelding"] = value
    if "lenker" in raw:
        if not isinstance(raw["lenker"], list):
            _fail("lenker", "skal være en liste med tekst og url")
        cfg["lenker"] = []
        for i, link in enumerate(raw["lenker"], start=1):  # counted as people count: the first is 1
            if not isinstance(link, dict) or set(link) != {"tekst", "url"}:
                _fail(f"lenker[{i}]", "skal ha nøyaktig «tekst» og «url» (lenkene telles fra 1)")
            cfg["lenker"].append({"tekst": _text(f"lenker[{i}].tekst", link["tekst"], per_form=True),
                                  "url": _https(f"lenker[{i}].url", link["url"])})
    if "malgrupper" in raw:
        groups = raw["malgrupper"]
        if not isinstance(groups, list) or not groups or any(g not in AUDIENCES for g in groups):
            _fail("malgrupper", f"skal være en liste med noen av {', '.join(AUDIENCES)}")
        cfg["malgrupper"] = list(groups)
    if "farger" in raw:
        colours = raw["farger"]
        if isinstance(colours, dict) and set(colours) - {"hoved", "aksent"}:
            _unknown(f"farger.{sorted(set(colours) - {'hoved', 'aksent'}, key=str)[0]}",
                     sorted(set(colours) - {"hoved", "aksent"}, key=str)[0], {"hoved", "aksent"})
        if not isinstance(colours, dict) or not colours:
            _fail("farger", "skal ha «hoved» og eventuelt «aksent»")
        for key, value in colours.items():
            if value is None:  # hoved: #0b3d6e without quotes: YAML reads a comment
                _fail(f"farger.{key}", "mangler verdi: sett fargen i anførselstegn, for eksempel "
                                       "\"#1b5e20\" (uten anførselstegn leses # som en kommentar)")
            if not isinstance(value, str) or not _COLOUR.match(value):
                _fail(f"farger.{key}", f"«{value}» er ikke en farge som \"#1b5e20\"")
            # White text and links on it must stay readable (WCAG 2.1 AA: 4.5:1).
            if contrast_with_white(value) < 4.5:
                _fail(f"farger.{key}", f"«{value}» er for lys: hvit tekst på den får kontrast "
                                       f"{contrast_with_white(value):.1f}:1, og det må være minst 4,5:1")
        cfg["farger"] = dict(colours)
    if "logo" in raw:
        name = _text("logo", raw["logo"])
        logo = (path.parent / name).resolve()
        if not logo.is_file():
            _fail("logo", f"finner ikke filen «{name}» ved siden av kommune.yml")
        if logo.suffix.lower() not in (".svg", ".png"):
            _fail("logo", f"«{name}» er ikke en SVG- eller PNG-fil; lagre logoen som SVG eller PNG")
        cfg["logo"] = str(logo)
    return cfg


def contrast_with_white(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def contact_lines(contact: dict, lang: str = "nb") -> list[str]:
    """A contact as short lines a family can use (texts already in one form: in_form)."""
    lines = [contact["navn"]]
    lines += [t(lang, "kommune.phone", value=contact["telefon"])] if "telefon" in contact else []
    lines += [t(lang, "kommune.email", value=contact["epost"])] if "epost" in contact else []
    lines += [contact["adresse"]] if "adresse" in contact else []
    lines += [t(lang, "kommune.opening_hours", value=contact["apningstider"])] if "apningstider" in contact else []
    return lines


def tel_href(phone: str) -> str:
    """A checked phone number as a tel: link (RFC 3966): no spaces, a Norwegian number with +47."""
    digits = phone.replace(" ", "")
    return "tel:" + (digits if digits.startswith("+") else "+47" + digits)


# The contact a family guide's result and letter name, by the service the guide is about; every
# other family guide names koordinerende enhet (helse- og omsorgstjenesteloven § 7-3 gives it
# individuell plan and koordinator). Without its own key, barnekoordinator falls back to it.
_SERVICE_CONTACT = {"barnekoordinator": "barnekoordinator"}
_FAMILY_AUDIENCES = ("familie", "alle")


def _page_contact(contact: dict) -> dict:
    """One contact for a guide page's data: texts in one form, the links' targets made here."""
    out = {k: contact[k] for k in ("navn", "telefon", "epost", "adresse", "apningstider") if k in contact}
    if "telefon" in contact:
        out["tel"] = tel_href(contact["telefon"])
    if "epost" in contact:
        out["mailto"] = "mailto:" + contact["epost"]
    return out


def guide_contacts(kommune: dict, guide_ids: list[str], audience: str) -> list[dict]:
    """The contacts a family guide's result shows (the first is the letter's addressee): one per
    service the guide (or the guides it joins) is about, each once. None for staff guides or the
    national version (``kommune`` is for_guides' answer)."""
    contacts = kommune.get("kontakter") or {}
    if not contacts or audience not in _FAMILY_AUDIENCES:
        return []
    keys = ["koordinerende_enhet"] if len(guide_ids) > 1 else []  # an overview: the way in first
    for guide_id in guide_ids:
        key = _SERVICE_CONTACT.get(guide_id, "koordinerende_enhet")
        key = key if key in contacts else "koordinerende_enhet"
        keys += [key] if key not in keys else []
    return [contacts[k] for k in keys]


def for_guides(cfg: dict, lang: str = "nb") -> dict:
    """What the guides and the letters show: the municipality's name and who to contact
    («kontakter»: each configured contact, for guide_contacts)."""
    if not cfg:
        return {}
    cfg = in_form(cfg, lang)
    enhet = cfg["koordinerende_enhet"]
    return {"navn": cfg["navn"], "kontakt": ", ".join(contact_lines(enhet, lang)),
            "adresse": enhet.get("adresse", ""), "slik": cfg.get("slik_ber_dere_om_hjelp", ""),
            "skjema": cfg.get("skjema", ""),
            "kontakter": {k: _page_contact(cfg[k]) for k in ("koordinerende_enhet", "barnekoordinator") if k in cfg}}


def colours_css(cfg: dict) -> str:
    """The municipality's colours as the theme's CSS variables (empty for the national version)."""
    colours = cfg.get("farger") or {}
    if not colours:
        return "/* Nasjonal versjon: temaets farger. */\n"
    main = colours["hoved"]
    accent = colours.get("aksent", main)
    return (":root, [data-md-color-scheme] {\n"
            f"  --md-primary-fg-color: {main};\n  --md-primary-fg-color--dark: {main};\n"
            f"  --md-accent-fg-color: {accent};\n  --md-typeset-a-color: {main};\n}}\n")
