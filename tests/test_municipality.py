"""A municipality's own copy from one file (kommuner/eksempel/kommune.yml): its name, contacts,
way of asking, links, colours and logo on the guides, the letters and every page; bad
configuration stops the build with a message that names the key."""
from __future__ import annotations

import copy
import json
import pathlib
import re

import pytest
import yaml

from build_scripts import municipality
from conftest import MUNICIPAL_CONFIG, build_site

EXAMPLE = yaml.safe_load(MUNICIPAL_CONFIG.read_text(encoding="utf-8"))


def test_the_example_is_complete_and_valid():
    cfg = municipality.load(MUNICIPAL_CONFIG)
    assert set(EXAMPLE) == municipality._KEYS  # every key is shown in the example
    assert cfg["koordinerende_enhet"]["telefon"] == "12 34 56 78"


def _write(tmp_path, data) -> pathlib.Path:
    (tmp_path / "logo.svg").write_text((MUNICIPAL_CONFIG.parent / "logo.svg").read_text(encoding="utf-8"))
    (tmp_path / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # exists, but not a format the site takes
    path = tmp_path / "kommune.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


BAD = {
    "navn mangler": (lambda d: d.pop("navn"), "«navn»"),
    "ukjent nøkkel": (lambda d: d.update(farge="#000000"), "«farge»"),
    "ugyldig e-post": (lambda d: d["koordinerende_enhet"].update(epost="ikke-en-adresse"), "koordinerende_enhet.epost"),
    "ugyldig telefon": (lambda d: d["koordinerende_enhet"].update(telefon="ring oss"), "koordinerende_enhet.telefon"),
    "ugyldig farge": (lambda d: d["farger"].update(hoved="grønn"), "farger.hoved"),
    "for lys farge": (lambda d: d["farger"].update(hoved="#ffff00"), "for lys"),
    "logo som ikke finnes": (lambda d: d.update(logo="finnes-ikke.svg"), "«logo»"),
    "lenke uten https": (lambda d: d.update(tilgjengelighetserklaering="http://uustatus.no/x"), "https"),
    "tekst som krever søknad": (lambda d: d.update(slik_ber_dere_om_hjelp="Dere må sende en søknad."), "søknad"),
    "ukjent målgruppe": (lambda d: d.update(malgrupper=["politikere"]), "malgrupper"),
    "ukjent målform": (lambda d: d.update(malform="riksmål"), "malform"),
    "målform to ganger": (lambda d: d.update(malform=["nynorsk", "nynorsk"]), "malform"),
    "tekst på ukjent målform": (lambda d: d.update(slik_ber_dere_om_hjelp={"høgnorsk": "Ring oss."}), "slik_ber_dere_om_hjelp"),
    "nynorsk tekst som krever søknad": (lambda d: d.update(slik_ber_dere_om_hjelp={"nynorsk": "De må sende ein søknad."}), "søknad"),
    "engelsk tekst som krever søknad": (lambda d: d.update(slik_ber_dere_om_hjelp={"bokmål": "Ring oss.", "engelsk": "Send an application to us."}), "søknad"),
    "tekst bare på engelsk": (lambda d: d.update(slik_ber_dere_om_hjelp={"engelsk": "Call us."}), "minst én av bokmål og nynorsk"),
    "engelsk verken ja eller nei": (lambda d: d.update(engelsk="kanskje"), "«engelsk»: skal være ja eller nei"),
    "engelsk som liste": (lambda d: d.update(engelsk=["ja"]), "«engelsk»: skal være ja eller nei"),
    # Four values that used to build although they are wrong.
    "e-post med komma": (lambda d: d["koordinerende_enhet"].update(epost="post@fjellbygd,kommune.no"), "koordinerende_enhet.epost"),
    "telefon med seks sifre": (lambda d: d["koordinerende_enhet"].update(telefon="57 11 22"), "8 sifre"),
    "adresse med anførselstegn": (lambda d: d["lenker"][0].update(url='https://x.example/" onmouseover="alert(4)'), "lenker[1].url"),
    "adresse med mellomrom": (lambda d: d.update(skjema="https://x.example/mitt skjema"), "mellomrom"),
    "send søknad": (lambda d: d.update(slik_ber_dere_om_hjelp="Send søknad om barnekoordinator til servicetorget."), "søknad"),
    "søk om": (lambda d: d.update(slik_ber_dere_om_hjelp={"nynorsk": "De kan søkje om barnekoordinator."}), "søknad"),
    # Mistakes that get a hint saying what to do.
    "telefon uten anførselstegn": (lambda d: d["koordinerende_enhet"].update(telefon=57112233), "anførselstegn"),
    "farge uten anførselstegn": (lambda d: d["farger"].update(hoved=None), "anførselstegn"),
    "logo i feil format": (lambda d: d.update(logo="logo.jpg"), "er ikke en SVG- eller PNG-fil"),
    "nynorsk nøkkel": (lambda d: d.update(koordinerande_eining=d.pop("koordinerende_enhet")), "Mente du «koordinerende_enhet»"),
    "nynorsk nøkkel i kontakt": (lambda d: d["koordinerende_enhet"].update(opningstider="kl. 8–15"), "Mente du «apningstider»"),
    "lenke uten url": (lambda d: d["lenker"][0].pop("url"), "lenker[1]"),
    "mailto uten gyldig adresse": (lambda d: d.update(tilbakemelding="mailto:post@x,no"), "tilbakemelding"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_configuration_names_the_key(tmp_path, case):
    mutate, expected = BAD[case]
    data = copy.deepcopy(EXAMPLE)
    mutate(data)
    with pytest.raises(municipality.ConfigError) as info:
        municipality.load(_write(tmp_path, data))
    assert expected in str(info.value)


def test_the_old_environment_variables_stop_the_build_and_name_the_new_key(tmp_path):
    proc = build_site(tmp_path / "site", env={"KOMMUNE_NAVN": "Gamle kommune"})
    assert proc.returncode == 1 and "KOMMUNE_NAVN" in proc.stderr and "«navn»" in proc.stderr
    assert not (tmp_path / "site").exists()


def test_guides_letters_and_pages_use_the_municipality(municipal_site_dir):
    guide = (municipal_site_dir / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    assert "Kontakt Eksempel kommune: Koordinerende enhet for barn og unge, Telefon: 12 34 56 78" in guide
    assert EXAMPLE["slik_ber_dere_om_hjelp"]["bokmål"] in guide and EXAMPLE["skjema"] in guide
    data = json.loads(re.search(r'<script type="application/json" id="veiviser-data">(.*?)</script>', guide, re.S).group(1))
    assert data["kommune"]["navn"] == "Eksempel kommune"  # the letter is addressed to it
    assert data["kommune"]["adresse"] == EXAMPLE["koordinerende_enhet"]["adresse"]
    assert 'href="https://intranett.eksempel.kommune.no/barn/veivisere/barnekoordinator/"' in guide  # its own address
    for page in ("index.html", "familie/klage/index.html", "veivisere/familien/index.html"):
        text = (municipal_site_dir / page).read_text(encoding="utf-8")
        assert 'id="kontakt-kommunen"' in text and EXAMPLE["tilgjengelighetserklaering"] in text, page
        assert 'href="mailto:nettsider@eksempel.kommune.no"' in text, page
        assert re.search(r'<img src="[./]*assets/kommune/logo\.svg" alt="" class="kommune-logo">', text), page
    css = (municipal_site_dir / "css" / "kommune.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1b5e20" in css
    # Its name in every title, the front page's once (not «X - X»).
    titles = {page: re.search(r"<title>(.*?)</title>", (municipal_site_dir / page).read_text(encoding="utf-8")).group(1)
              for page in ("index.html", "veivisere/deling/index.html", "nn/index.html")}
    assert titles == {"index.html": "Samarbeid rundt barn - Eksempel kommune",
                      "veivisere/deling/index.html": "Kan jeg dele dette? - Samarbeid rundt barn - Eksempel kommune",
                      "nn/index.html": "Samarbeid rundt barn - Eksempel kommune"}


def test_the_national_version_has_no_municipal_details(site_dir):
    page = (site_dir / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    assert 'id="kontakt-kommunen"' not in page and "kommune-logo" not in page and 'class="guide-kommune"' not in page
    assert "--md-primary" not in (site_dir / "css" / "kommune.css").read_text(encoding="utf-8")
    front = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "<title>Samarbeid rundt barn</title>" in front  # the front page's title once


@pytest.fixture(scope="module")
def narrowed_site(tmp_path_factory):
    """One build for two choices that touch different things: the family pages alone in the
    navigation, and no English."""
    tmp = tmp_path_factory.mktemp("narrowed")
    data = copy.deepcopy(EXAMPLE)
    data["malgrupper"] = ["familie"]
    data["engelsk"] = "nei"
    proc = build_site(tmp / "site", kommune=_write(tmp, data))
    assert proc.returncode == 0, proc.stderr
    return tmp / "site"


def test_a_municipality_chooses_which_audiences_pages_the_navigation_shows(narrowed_site):
    front = (narrowed_site / "index.html").read_text(encoding="utf-8")
    nav = front[front.index('class="md-nav'):]
    assert "For familier" in nav and "For tjenestene" not in nav and "For kommunen" not in nav
    # The pages are still there, so links to them hold.
    assert (narrowed_site / "tjenester" / "index.html").is_file()


def test_the_municipal_example_speaks_nynorsk_under_nn(municipal_site_dir):
    guide = (municipal_site_dir / "nn" / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    assert "Kontakt Eksempel kommune: Koordinerande eining for barn og unge, Telefon: 12 34 56 78" in guide
    assert "Ope: måndag til fredag kl. 8–15" in guide
    assert EXAMPLE["slik_ber_dere_om_hjelp"]["nynorsk"] in guide
    front = (municipal_site_dir / "nn" / "index.html").read_text(encoding="utf-8")
    assert "Kontakt Eksempel kommune" in front and "Tenester for barn og unge i Eksempel kommune" in front
    assert "Tilgjengelegheitserklæring" in front


@pytest.mark.parametrize("malform,top,other", [("nynorsk", "nn", None), (["nynorsk", "bokmål"], "nn", "nb")])
def test_a_nynorsk_municipality_has_nynorsk_at_its_address(tmp_path, malform, top, other):
    data = copy.deepcopy(EXAMPLE)
    data["malform"] = malform
    proc = build_site(tmp_path / "site", kommune=_write(tmp_path, data))
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    front = (site / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{top}"' in front and "Kva kan familien be om?" in front
    guide = (site / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    assert '"lang": "nn"' in guide and "Koordinerande eining" in guide
    switches = re.findall(r'class="malform__lenke" href="[^"]*" hreflang="(\w+)"', front)
    if other is None:  # one form only: no second folder, the only switch is to the family pages in English
        assert not (site / "nb").exists() and not (site / "nn").exists() and switches == ["en"]
        assert (site / "en" / "familie" / "index.html").is_file()
    else:
        assert '<html lang="nb"' in (site / "nb" / "index.html").read_text(encoding="utf-8")
        assert 'href="./nb/" hreflang="nb" lang="nb">Bokmål</a>' in front
        worker = (site / "nb" / "js" / "guide-worker.js").read_text(encoding="utf-8")
        assert '"pyodide": "../../assets/pyodide/' in worker


GOOD_TEXTS = ["Ring eller skriv til oss. Dere trenger ikke sende noen søknad.",
              "De treng ikkje søkje. Ring koordinerande eining.", "Ring 57 11 22 33."]


@pytest.mark.parametrize("text", GOOD_TEXTS)
def test_a_text_that_says_no_application_is_needed_builds(tmp_path, text):
    data = copy.deepcopy(EXAMPLE)
    data["slik_ber_dere_om_hjelp"] = text
    assert municipality.load(_write(tmp_path, data))["slik_ber_dere_om_hjelp"] == text


@pytest.mark.parametrize("phone", ["57 11 22 33", "57112233", "+47 57 11 22 33", "+4757112233"])
def test_ordinary_phone_numbers_build(tmp_path, phone):
    data = copy.deepcopy(EXAMPLE)
    data["koordinerende_enhet"]["telefon"] = phone
    assert municipality.load(_write(tmp_path, data))["koordinerende_enhet"]["telefon"] == phone


def test_an_intranet_on_plain_http_may_give_its_address(tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["adresse_nettsted"] = "http://intranett.fjellbygd.kommune.no/barn"
    assert municipality.load(_write(tmp_path, data))["adresse_nettsted"] == "http://intranett.fjellbygd.kommune.no/barn/"


# --- the file's encoding: read, or refused with a Norwegian message that names the file -------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_utf8_with_or_without_bom_and_utf16_with_bom_are_read(tmp_path, encoding):
    text = (MUNICIPAL_CONFIG.read_text(encoding="utf-8").replace("\n", "\r\n")
            .replace("navn: Eksempel kommune", "navn: Åsnes og Sør-Ødal kommune"))
    path = tmp_path / "kommune.yml"
    path.write_bytes(text.encode(encoding))  # Python's utf-16 writes a BOM
    (tmp_path / "logo.svg").write_bytes((MUNICIPAL_CONFIG.parent / "logo.svg").read_bytes())
    assert municipality.load(path)["navn"] == "Åsnes og Sør-Ødal kommune"


def test_a_file_saved_as_windows_1252_is_refused_with_a_message_naming_the_file(tmp_path):
    """Refused, not guessed: «å» in Windows-1252 and in other code pages differ."""
    path = tmp_path / "kommune.yml"
    path.write_bytes(MUNICIPAL_CONFIG.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(municipality.ConfigError) as info:
        municipality.load(path)
    message = str(info.value)
    assert str(path.resolve()) in message and "UTF-8" in message and "Lagre som" in message
    assert re.search(r"linje \d+", message)


def test_a_windows_1252_file_stops_the_build_without_a_traceback(tmp_path):
    path = tmp_path / "kommune.yml"
    path.write_bytes("navn: Råde kommune\n".encode("cp1252"))
    proc = build_site(tmp_path / "site", kommune=path)
    assert proc.returncode == 1 and "UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists()


# --- YAML mistakes, in Norwegian with the line and the key ---------------------------------------

YAML_MISTAKES = {
    "innrykk": ("navn: X\nkoordinerende_enhet:\n  navn: Y\n   telefon: \"12 34 56 78\"\n", "linje 4", "koordinerende_enhet.navn"),
    "tabulator": ("navn: X\nkoordinerende_enhet:\n\tnavn: Y\n", "linje 3", "tabulator"),
    "kolon i verdi": ("navn: Fjellbygd kommune: barn og unge\n", "linje 1", "kolon"),
}


@pytest.mark.parametrize("case", YAML_MISTAKES, ids=list(YAML_MISTAKES))
def test_yaml_mistakes_are_told_in_norwegian_with_line_and_key(tmp_path, case):
    text, line, words = YAML_MISTAKES[case]
    path = tmp_path / "kommune.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(municipality.ConfigError) as info:
        municipality.load(path)
    message = str(info.value)
    assert "kommune.yml er ikke gyldig YAML" in message and line in message and words in message, message
    assert not re.search(r"while parsing|expected|unicode string|mapping values", message), message


def test_the_municipal_example_speaks_english_under_en_and_writes_its_letter_in_norwegian(municipal_site_dir):
    guide = (municipal_site_dir / "en" / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")
    enhet = EXAMPLE["koordinerende_enhet"]
    assert f"Contact Eksempel kommune: {enhet['navn']['engelsk']}, Phone: 12 34 56 78" in guide
    assert EXAMPLE["slik_ber_dere_om_hjelp"]["engelsk"] in guide
    data = json.loads(re.search(r'<script type="application/json" id="veiviser-data">(.*?)</script>', guide, re.S).group(1))
    # The family reads the contact in English; the letter, in Norwegian, names the unit in bokmål.
    # A text without an English version is shown in bokmål.
    assert data["kommune"]["kontakter"][0]["apningstider"] == EXAMPLE["barnekoordinator"]["apningstider"]["bokmål"]
    assert enhet["navn"]["engelsk"] in data["kommune"]["kontakt"]
    assert data["letter_kommune"]["kontakt"].startswith(enhet["navn"]["bokmål"])
    overview = (municipal_site_dir / "en" / "veivisere" / "familien" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="veiviser-data">(.*?)</script>', overview, re.S).group(1))
    assert data["kommune"]["kontakter"][0]["navn"] == enhet["navn"]["engelsk"]
    assert data["letter_kommune"]["kontakter"][0]["navn"] == enhet["navn"]["bokmål"]
    front = (municipal_site_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert "Contact Eksempel kommune" in front and EXAMPLE["lenker"][0]["tekst"]["engelsk"] in front
    assert "Accessibility statement" in front
    # The Norwegian pages keep the Norwegian texts.
    assert enhet["navn"]["engelsk"] not in (municipal_site_dir / "veivisere" / "barnekoordinator" / "index.html").read_text(encoding="utf-8")


def test_a_municipality_can_turn_english_off(narrowed_site):
    site = narrowed_site
    assert not (site / "en").exists()
    for page in ("index.html", "veivisere/barnekoordinator/index.html", "nn/familie/klage/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert 'class="malform__lenke"' in text and 'hreflang="en"' not in text, page


def test_a_key_written_twice_is_refused_naming_it_and_its_line(tmp_path):
    """YAML would keep the second «telefon» without a word; the municipality is told instead."""
    path = tmp_path / "kommune.yml"
    path.write_text("navn: Eksempel kommune\nkoordinerende_enhet:\n  navn: Koordinerende enhet\n"
                    '  telefon: "12 34 56 78"\n  telefon: "87 65 43 21"\n', encoding="utf-8")
    with pytest.raises(municipality.ConfigError) as info:
        municipality.load(path)
    message = str(info.value)
    assert "linje 5" in message and "koordinerende_enhet.telefon" in message and "to ganger" in message
