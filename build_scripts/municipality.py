"""A municipality's own copy, from one file (`kommune.yml`), checked key by key.

`make site KOMMUNE=kommuner/eksempel/kommune.yml` (or `python -m build_scripts.build --kommune
FILE`). Without a file the site is the neutral national version. Every key is described in
kommuner/README.md; a complete example for a fictional municipality is kommuner/eksempel/.

Bad configuration stops the build with a message that names the key and what is wrong. Links
to the municipality's own pages may point anywhere (https only); nothing is loaded from there.
"""
from __future__ import annotations

import os
import pathlib
import re

import yaml

from build_scripts.ui import t

AUDIENCES = ("familie", "tjenester", "kommune")
_CONTACT_KEYS = {"navn", "telefon", "epost", "adresse", "apningstider"}
_KEYS = {"navn", "adresse_nettsted", "logo", "farger", "koordinerende_enhet", "barnekoordinator",
         "slik_ber_dere_om_hjelp", "skjema", "lenker", "malgrupper", "tilgjengelighetserklaering",
         "tilbakemelding", "malform"}
_REQUIRED = {"navn", "koordinerende_enhet", "tilgjengelighetserklaering"}
_PHONE = re.compile(r"^\+?[0-9 ]{8,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The written forms a municipality may choose (språklova): the value in kommune.yml and the code.
FORMS = {"bokmål": "nb", "nynorsk": "nn"}
# Without «malform», the site is in both forms, bokmål at the address and nynorsk under nn/.
DEFAULT_FORMS = ["nb", "nn"]
# The variables the first versions read; they now stop the build and say which key to use.
LEGACY_ENV = {"KOMMUNE_NAVN": "navn", "KOMMUNE_KONTAKT": "koordinerende_enhet"}


class ConfigError(ValueError):
    pass


def _fail(key: str, problem: str):
    raise ConfigError(f"kommune.yml, «{key}»: {problem}")


def _text(key: str, value, per_form: bool = False):
    """A text; with ``per_form``, also one text per written form: {bokmål: …, nynorsk: …}."""
    if per_form and isinstance(value, dict):
        if not value or set(value) - set(FORMS):
            _fail(key, "skal være en tekst, eller en tekst for hver målform: bokmål og nynorsk")
        return {FORMS[k]: _text(f"{key}.{k}", v) for k, v in value.items()}
    if not isinstance(value, str) or not value.strip():
        _fail(key, "skal være en tekst")
    return value.strip()


def _forms(value) -> list[str]:
    """«malform»: bokmål, nynorsk, or both as a list (the first at the site's address)."""
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list) or not chosen or len(set(map(str, chosen))) != len(chosen) \
            or any(v not in FORMS for v in chosen):
        _fail("malform", "skal være bokmål, nynorsk, eller begge som en liste: [nynorsk, bokmål] "
                         "(den første ligger på adressen, den andre under nn/ eller nb/)")
    return [FORMS[v] for v in chosen]


def in_form(cfg, lang: str):
    """The configuration with every text that has one version per form in ``lang`` (the other
    form's where the municipality wrote only that one)."""
    if isinstance(cfg, dict) and cfg and set(cfg) <= set(FORMS.values()) and all(isinstance(v, str) for v in cfg.values()):
        return cfg.get(lang) or next(iter(cfg.values()))
    if isinstance(cfg, dict):
        return {k: in_form(v, lang) for k, v in cfg.items()}
    if isinstance(cfg, list):
        return [in_form(v, lang) for v in cfg]
    return cfg


def _https(key: str, value) -> str:
    value = _text(key, value)
    if not value.startswith("https://"):
        _fail(key, f"skal være en https-adresse, ikke «{value}»")
    return value


def _contact(key: str, raw) -> dict:
    if not isinstance(raw, dict):
        _fail(key, "skal ha navn og minst telefon eller e-post")
    unknown = sorted(set(raw) - _CONTACT_KEYS)
    if unknown:
        _fail(f"{key}.{unknown[0]}", f"ukjent nøkkel (kjente: {', '.join(sorted(_CONTACT_KEYS))})")
    out = {k: _text(f"{key}.{k}", v, per_form=k in ("navn", "adresse", "apningstider")) for k, v in raw.items()}
    if "navn" not in out or not ({"telefon", "epost"} & set(out)):
        _fail(key, "skal ha navn og minst telefon eller e-post")
    if "telefon" in out and not _PHONE.match(out["telefon"]):
        _fail(f"{key}.telefon", f"«{out['telefon']}» er ikke et telefonnummer (8 sifre, gjerne med mellomrom)")
    if "epost" in out and not _EMAIL.match(out["epost"]):
        _fail(f"{key}.epost", f"«{out['epost']}» er ikke en e-postadresse")
    return out


def check_legacy_environment(environ=os.environ) -> None:
    for var, key in LEGACY_ENV.items():
        if environ.get(var):
            raise ConfigError(f"{var} brukes ikke lenger: skriv det under «{key}» i kommune.yml "
                              f"(se kommuner/README.md), og bygg med KOMMUNE=sti/til/kommune.yml")


def load(path: pathlib.Path | None) -> dict:
    """The checked configuration ({} for the national version). ConfigError naming the key."""
    check_legacy_environment()
    if path is None:
        return {}
    path = pathlib.Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"fant ikke kommunefilen {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"kommune.yml er ikke gyldig YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError("kommune.yml skal være en liste med nøkler og verdier")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        _fail(unknown[0], f"ukjent nøkkel (kjente: {', '.join(sorted(_KEYS))})")
    missing = sorted(_REQUIRED - set(raw))
    if missing:
        _fail(missing[0], "mangler")
    cfg = {"navn": _text("navn", raw["navn"], per_form=True),
           "malform": _forms(raw["malform"]) if "malform" in raw else list(DEFAULT_FORMS),
           "koordinerende_enhet": _contact("koordinerende_enhet", raw["koordinerende_enhet"]),
           "tilgjengelighetserklaering": _https("tilgjengelighetserklaering", raw["tilgjengelighetserklaering"])}
    if "barnekoordinator" in raw:
        cfg["barnekoordinator"] = _contact("barnekoordinator", raw["barnekoordinator"])
    if "adresse_nettsted" in raw:
        cfg["adresse_nettsted"] = _https("adresse_nettsted", raw["adresse_nettsted"]).rstrip("/") + "/"
    if "slik_ber_dere_om_hjelp" in raw:
        text = _text("slik_ber_dere_om_hjelp", raw["slik_ber_dere_om_hjelp"], per_form=True)
        # The law requires no application for a barnekoordinator: the text may not say otherwise.
        for one in (text.values() if isinstance(text, dict) else [text]):
            if re.search(r"\bmå\b[^.]*\bsøk", one, re.I) or re.search(r"\bsøknad\b[^.]*\b(kreves|krevst|må)\b", one, re.I):
                _fail("slik_ber_dere_om_hjelp", "teksten sier at familien må søke; loven krever ingen søknad")
        cfg["slik_ber_dere_om_hjelp"] = text
    if "skjema" in raw:
        cfg["skjema"] = _https("skjema", raw["skjema"])
    if "tilbakemelding" in raw:
        value = _text("tilbakemelding", raw["tilbakemelding"])
        if not (value.startswith("https://") or (value.startswith("mailto:") and _EMAIL.match(value[7:]))):
            _fail("tilbakemelding", "skal være en https-adresse eller mailto:adresse")
        cfg["tilbakemelding"] = value
    if "lenker" in raw:
        if not isinstance(raw["lenker"], list):
            _fail("lenker", "skal være en liste med tekst og url")
        cfg["lenker"] = []
        for i, link in enumerate(raw["lenker"]):
            if not isinstance(link, dict) or set(link) != {"tekst", "url"}:
                _fail(f"lenker[{i}]", "skal ha nøyaktig «tekst» og «url»")
            cfg["lenker"].append({"tekst": _text(f"lenker[{i}].tekst", link["tekst"], per_form=True),
                                  "url": _https(f"lenker[{i}].url", link["url"])})
    if "malgrupper" in raw:
        groups = raw["malgrupper"]
        if not isinstance(groups, list) or not groups or any(g not in AUDIENCES for g in groups):
            _fail("malgrupper", f"skal være en liste med noen av {', '.join(AUDIENCES)}")
        cfg["malgrupper"] = list(groups)
    if "farger" in raw:
        colours = raw["farger"]
        if not isinstance(colours, dict) or not colours or set(colours) - {"hoved", "aksent"}:
            _fail("farger", "skal ha «hoved» og eventuelt «aksent»")
        for key, value in colours.items():
            if not isinstance(value, str) or not _COLOUR.match(value):
                _fail(f"farger.{key}", f"«{value}» er ikke en farge som #1b5e20")
            # White text and links on it must stay readable (WCAG 2.1 AA: 4.5:1).
            if contrast_with_white(value) < 4.5:
                _fail(f"farger.{key}", f"«{value}» er for lys: hvit tekst på den får kontrast "
                                       f"{contrast_with_white(value):.1f}:1, og det må være minst 4,5:1")
        cfg["farger"] = dict(colours)
    if "logo" in raw:
        logo = (path.parent / _text("logo", raw["logo"])).resolve()
        if not logo.is_file() or logo.suffix.lower() not in (".svg", ".png"):
            _fail("logo", f"finner ingen SVG- eller PNG-fil «{raw['logo']}» ved siden av kommune.yml")
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


def for_guides(cfg: dict, lang: str = "nb") -> dict:
    """What the guides and the letters show: the municipality's name and who to contact."""
    if not cfg:
        return {}
    cfg = in_form(cfg, lang)
    enhet = cfg["koordinerende_enhet"]
    return {"navn": cfg["navn"], "kontakt": ", ".join(contact_lines(enhet, lang)),
            "adresse": enhet.get("adresse", ""), "slik": cfg.get("slik_ber_dere_om_hjelp", ""),
            "skjema": cfg.get("skjema", "")}


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
