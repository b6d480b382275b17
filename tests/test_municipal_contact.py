"""A family guide's result and its letter name the municipality's contact for the service.

Built from the example municipality (kommuner/eksempel/kommune.yml): the barnekoordinator guide,
answered to a result, shows «Kontakt …» with the unit's name, a tel: and a mailto: link and the
opening hours, and the letter is addressed to the unit and ends with where to send it. The
overview names koordinerende enhet first; a staff guide and the national version show no block."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from build_scripts import municipality
from conftest import MUNICIPAL_CONFIG, Visit, axe_violations, wait_for_engine
from test_browser_guide import answer, settle

EXAMPLE = municipality.in_form(municipality.load(MUNICIPAL_CONFIG), "nb")
CHILD_COORDINATOR = EXAMPLE["barnekoordinator"]
UNIT = EXAMPLE["koordinerende_enhet"]
# A child with a serious condition and lasting needs, the parents want a barnekoordinator:
# the result is «oppfylt», with next steps and a letter.
ANSWERS = {"venter_barn": "nei", "barnets_alder": 10, "alvorlig_tilstand": "ja", "behov_helse_og_omsorg": "ja",
           "behov_andre_velferdstjenester": "ja", "behov_langvarig": "ja", "behov_koordinering": "ja",
           "foreldre_onsker": "ja"}


def page_data(site, rel: str) -> dict:
    text = (site / rel).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="veiviser-data">(.*?)</script>', text, re.S).group(1))


def test_each_guide_carries_the_contact_for_its_service(municipal_site_dir):
    contacts = {g: [c["navn"] for c in page_data(municipal_site_dir, f"veivisere/{g}/index.html")["kommune"].get("kontakter", [])]
                for g in ("barnekoordinator", "individuell_plan", "samarbeid", "familien", "deling")}
    assert contacts == {"barnekoordinator": [CHILD_COORDINATOR["navn"]], "individuell_plan": [UNIT["navn"]],
                        "samarbeid": [UNIT["navn"]], "familien": [UNIT["navn"], CHILD_COORDINATOR["navn"]],
                        "deling": []}  # deling is for staff
    one = page_data(municipal_site_dir, "veivisere/barnekoordinator/index.html")["kommune"]["kontakter"][0]
    assert one["tel"] == "tel:+4712345679" and one["mailto"] == "mailto:" + CHILD_COORDINATOR["epost"]
    assert one["apningstider"] == CHILD_COORDINATOR["apningstider"]
    nynorsk = page_data(municipal_site_dir, "nn/veivisere/familien/index.html")["kommune"]["kontakter"][0]
    assert nynorsk["navn"] == "Koordinerande eining for barn og unge"


def test_a_contact_without_its_own_key_falls_back_to_koordinerende_enhet(tmp_path):
    raw = yaml.safe_load(MUNICIPAL_CONFIG.read_text(encoding="utf-8"))
    del raw["barnekoordinator"]
    (tmp_path / "kommune.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (tmp_path / "logo.svg").write_bytes((MUNICIPAL_CONFIG.parent / "logo.svg").read_bytes())
    kommune = municipality.for_guides(municipality.load(tmp_path / "kommune.yml"), "nb")
    assert [c["navn"] for c in municipality.guide_contacts(kommune, ["barnekoordinator"], "familie")] == [UNIT["navn"]]
    assert municipality.guide_contacts(kommune, ["deling"], "tjenester") == []
    assert municipality.guide_contacts({}, ["barnekoordinator"], "familie") == []


@pytest.mark.parametrize("phone, href", [("12 34 56 78", "tel:+4712345678"), ("+47 57 11 22 44", "tel:+4757112244"),
                                         ("+4657112244", "tel:+4657112244")])
def test_phone_numbers_become_tel_links(phone, href):
    assert municipality.tel_href(phone) == href


@pytest.fixture(scope="module")
def municipal_server(municipal_site_dir):
    from build_scripts.serve import serve_in_background

    srv = serve_in_background(municipal_site_dir)
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


def walk(browser, origin: str, rel: str) -> Visit:
    v = Visit(browser, origin, viewport={"width": 390, "height": 844})
    v.page.goto(origin + rel)
    wait_for_engine(v.page)
    answer(v.page, "barnekoordinator", ANSWERS)
    settle(v.page, ANSWERS)
    assert v.page.get_attribute("[data-guide-result]", "data-guide-status") == "oppfylt"
    return v


def test_the_result_and_the_letter_name_the_child_coordinator(browser, municipal_server):
    v = walk(browser, municipal_server, "veivisere/barnekoordinator/")
    page = v.page
    block = page.locator("[data-guide-result] [data-guide-contact]")
    assert block.count() == 1 and block.is_visible()
    assert block.locator("h3").inner_text() == "Kontakt Eksempel kommune"
    assert block.locator("[data-contact-name]").inner_text() == CHILD_COORDINATOR["navn"]
    assert block.locator("a[data-contact-phone]").get_attribute("href") == "tel:+4712345679"
    assert block.locator("a[data-contact-phone]").inner_text() == CHILD_COORDINATOR["telefon"]
    assert block.locator("a[data-contact-email]").get_attribute("href") == "mailto:" + CHILD_COORDINATOR["epost"]
    assert CHILD_COORDINATOR["apningstider"] in block.locator("[data-contact-hours]").inner_text()
    # After the next steps, where the default says «ta kontakt med kommunen».
    assert page.evaluate("""() => {
        const steps = document.querySelector('[data-guide-result] .guide-steps');
        const block = document.querySelector('[data-guide-contact]');
        return !!steps && !!(steps.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    letter = page.locator("#brev")
    first = letter.locator("p").first.inner_text()
    assert first == f"Til: Eksempel kommune, {CHILD_COORDINATOR['navn']}, {CHILD_COORDINATOR['adresse']}"
    send = letter.locator("[data-letter-send]")
    assert letter.locator("p").last.get_attribute("data-letter-send") == ""  # the letter ends with it
    assert CHILD_COORDINATOR["navn"] in send.inner_text()
    assert send.locator('a[href^="tel:"]').get_attribute("href") == "tel:+4712345679"
    assert send.locator('a[href^="mailto:"]').get_attribute("href") == "mailto:" + CHILD_COORDINATOR["epost"]
    assert axe_violations(page) == []
    # On paper («Skriv ut brevet»): the letter with where to send it, not the contact block.
    page.evaluate("document.body.classList.add('print-letter')")
    page.emulate_media(media="print")
    assert send.is_visible() and letter.locator("p").first.is_visible()
    assert not block.is_visible()
    assert v.errors() == [] and v.foreign == []
    v.close()


def test_the_nynorsk_overview_names_koordinerende_enhet_first(browser, municipal_server):
    v = Visit(browser, municipal_server, viewport={"width": 1280, "height": 900})
    v.page.goto(municipal_server + "nn/veivisere/familien/")
    wait_for_engine(v.page)
    answers = {"venter_barn": "nei", "barnets_alder": 10}
    answer(v.page, "familien", answers)
    settle(v.page, answers)
    block = v.page.locator("[data-guide-contact]")
    names = block.locator("[data-contact-name]").all_inner_texts()
    assert names == ["Koordinerande eining for barn og unge", CHILD_COORDINATOR["navn"]]
    assert "måndag til fredag kl. 8–15" in block.inner_text() and "Ope: " in block.inner_text()
    letter = v.page.locator("#brev")
    assert letter.locator("p").first.inner_text().startswith("Til: Eksempel kommune, Koordinerande eining for barn og unge, ")
    assert letter.locator('[data-letter-send] a[href="mailto:' + UNIT["epost"] + '"]').count() == 1
    assert v.errors() == [] and v.foreign == []
    v.close()


def test_the_national_version_shows_no_contact_block(browser, server):
    v = Visit(browser, server, viewport={"width": 390, "height": 844})
    v.page.goto(server + "veivisere/barnekoordinator/")
    wait_for_engine(v.page)
    answer(v.page, "barnekoordinator", ANSWERS)
    settle(v.page, ANSWERS)
    assert v.page.locator("[data-guide-result] .guide-steps").count() == 1  # the result is there
    assert v.page.locator("[data-guide-contact]").count() == 0
    letter = v.page.locator("#brev")
    assert letter.locator("p").first.inner_text() == "Til: kommunen"
    assert letter.locator("[data-letter-send]").count() == 0 and letter.locator("a").count() == 0
    v.close()
