"""«Kan jeg dele dette?» in the browser: the duties come first and say what to do, the answer
about sharing names the receiver, and «none of these» stands alone in the form."""
from __future__ import annotations

from conftest import wait_for_engine
from test_browser_guide import GUIDE_URL, answer, settle

# A school nurse has reason to believe a 5-year-old is mistreated, and wonders about telling a
# relative; the family has said no.
NURSE = {"sektor": "helse", "personlige_forhold": "ja", "mottaker": "andre", "formal": ["grunn_til_bekymring"],
         "situasjon": ["omsorgssvikt"], "barnets_alder": 5, "samtykke": "nektet"}


def test_the_duty_to_report_stands_first_and_a_relative_gets_a_no(visit, server):
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + GUIDE_URL.format("deling"))
    wait_for_engine(page)
    answer(page, "deling", NURSE)
    result = page.locator("[data-guide-output]")
    # In reading order: the duties, then the question about this receiver, then its answer.
    order = page.evaluate("""() => [...document.querySelectorAll(
        '[data-guide-output] [data-duties], [data-guide-output] [data-result-question], [data-guide-output] .guide-verdict')]
        .map(e => e.hasAttribute('data-duties') ? 'duties' : e.hasAttribute('data-result-question') ? 'question' : 'verdict')""")
    assert order == ["duties", "question", "verdict"]
    duty = result.locator('[data-duties] [data-condition="meldeplikt"]')
    assert duty.get_attribute("data-status") == "oppfylt"
    text = duty.inner_text()
    assert "Plikten gjelder ut fra svarene" in text and "Du skal melde fra til barnevernet nå" in text
    assert "samtykke" in text and "stopper ikke" in text
    assert result.locator("[data-result-question]").inner_text() == "Kan du dele dette med noen utenfor det offentlige?"
    assert page.locator("[data-guide-result]").get_attribute("data-guide-status") == "ikke_oppfylt"
    # The duties are not repeated among the grounds, and the note says how to report.
    assert result.locator('.guide-conditions:not(.guide-conditions--duties) [data-condition="meldeplikt"]').count() == 0
    assert result.locator('[data-note="meld_til_barnevernet"]').is_visible()
    assert result.locator('[data-note="meld_bare_til_barnevernet"]').is_visible()
    # A phone reader sees first that there is a duty.
    assert page.locator("[data-guide-peek]").inner_text().startswith("Du har plikt til å melde fra.")
    # Screen readers hear the duties first, too.
    assert page.locator("[data-guide-announce]").inner_text().startswith("Må du melde fra?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert v.errors() == [] and v.foreign == []


def test_none_of_these_clears_the_other_ticks_and_the_other_way_round(visit, server):
    v = visit()
    page = v.page
    page.goto(server + GUIDE_URL.format("deling"))
    wait_for_engine(page)
    page.check("#situasjon--omsorgssvikt")
    settle(page, {"situasjon": ["omsorgssvikt"]})
    page.check("#situasjon--ingen")
    settle(page, {"situasjon": ["ingen"]})
    assert not page.is_checked("#situasjon--omsorgssvikt")
    page.check("#situasjon--menneskehandel")
    settle(page, {"situasjon": ["menneskehandel"]})
    assert not page.is_checked("#situasjon--ingen")
    assert page.locator('[data-duties] [data-condition="meldeplikt"]').get_attribute("data-status") == "oppfylt"
    assert v.errors() == []


def test_without_an_answer_on_the_situation_no_duty_is_said_not_to_apply(visit, server):
    v = visit()
    page = v.page
    page.goto(server + GUIDE_URL.format("deling"))
    wait_for_engine(page)
    answer(page, "deling", {"sektor": "skole", "personlige_forhold": "ja", "mottaker": "offentlig_tjeneste",
                            "formal": ["samarbeid_om_tjenester"], "barnets_alder": 10, "samtykke": "ikke_spurt"})
    duties = page.locator("[data-duties]")
    assert [duties.locator(f'[data-condition="{d}"]').get_attribute("data-status") for d in ("meldeplikt", "avvergeplikt")] \
        == ["uavklart", "uavklart"]
    assert "Gjelder ikke" not in duties.inner_text()
    assert page.locator(".guide-next a").inner_text() == "Har du grunn til å tro at noe av dette gjelder?"
    # The duty's reason names the question left, and links to it on the form.
    link = duties.locator('[data-condition="meldeplikt"] [data-slot="text"] a')
    assert link.inner_text() == "Har du grunn til å tro at noe av dette gjelder?"
    assert link.get_attribute("href") == "#sporsmal-situasjon"


def test_an_open_duty_links_to_the_question_left_not_to_the_one_answered(visit, server):
    """«Ingen av disse» on the situation, no purpose yet: the duty is open because of the purpose,
    and its reason says so and takes the reader there by keyboard."""
    v = visit(viewport={"width": 320, "height": 720})
    page = v.page
    page.goto(server + GUIDE_URL.format("deling"))
    wait_for_engine(page)
    answer(page, "deling", {"sektor": "skole", "situasjon": ["ingen"]})
    reason = page.locator('[data-duties] [data-condition="meldeplikt"] [data-slot="text"]')
    assert reason.inner_text().startswith("Du har ikke svart på «Hvorfor vil du dele?»")
    links = reason.locator("a")
    assert links.count() == 1 and links.get_attribute("href") == "#sporsmal-formal"
    links.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is in the question the link led to
    assert page.evaluate("document.activeElement.closest('#sporsmal-formal') !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert v.errors() == []
