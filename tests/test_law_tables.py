"""The legal tables from the law registry (build_scripts/law_tables.py): where the registry does
not know which provision of a law applies, the table says so rather than guess."""
from __future__ import annotations

import re

import pytest

from build_scripts import law_tables
from build_scripts.ui import t
from guide_engine.errors import GuideDefinitionError
from guide_engine.laws import cite, load, registry


def _row(table: str, law_key: str) -> list[str]:
    url = registry()[law_key].url
    rows = [r for r in table.splitlines() if r.startswith("| [") and f"({url} " in r.split(" | ")[0]]
    assert len(rows) == 1, law_key
    return rows[0].strip("| ").split(" | ")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_confidentiality_rule_of_a_law_not_checked_is_said_to_be_not_checked(lang):
    law = registry()["familievernkontorloven"]
    assert "taushetsplikt" in law.unverified
    _, _, duty, consent, report = _row(law_tables.taushetsplikt(lang), "familievernkontorloven")
    # Neither the consent section nor the general rule in forvaltningsloven is named as the duty.
    assert cite("familievernkontorloven § 6").url not in duty and cite("fvl § 13").url not in duty
    assert t(lang, "tables.unverified", law="X").split("X")[0] in duty and law.url in duty
    # § 6 lifts the duty by consent itself; the duty to report is the general rule.
    assert cite("familievernkontorloven § 6").url in consent and cite("fvl § 13 a").url not in consent
    assert cite("bvl § 13-2").url in report


def test_a_law_with_a_checked_confidentiality_rule_names_it():
    _, _, duty, _, _ = _row(law_tables.taushetsplikt("nb"), "krisesenterlova")
    assert re.search(re.escape(cite("krisesenterlova § 5").url), duty)


def test_unverified_takes_only_words_the_registry_knows():
    text = ('key = "x"\nname = "x"\ntitle = "X"\nlovdata_id = "LOV-2000-01-01-1"\n'
            'reform = false\nsector = "X"\nunverified = ["taushetsplikten"]\n')
    with pytest.raises(GuideDefinitionError) as info:
        load([("x.toml", text)])
    assert "unverified" in str(info.value)


# --- the family complaint table (familie/klage) --------------------------------------------------

# Statutory phrasing families should not meet in the table: exceptions, chapter and double-section
# references, the passive «påklages», the law's own words for the person and the notice.
RAW_LEGAL = re.compile(r"unntatt|unnateke|påklag|§§|kapittel|enkeltvedtak|klageren|klagaren|kom fram|Bufetat"
                       r"|etter loven|etter lova", re.IGNORECASE)
_LINK = re.compile(r'\[([^\]]*)\]\((https://lovdata\.no/\S+) "[^"]*"\)\{ \.lovdata \}')


def _family_rows(lang: str) -> list[list[str]]:
    lines = law_tables.klage_familie(lang).splitlines()
    assert lines[0] == "| " + " | ".join(t(lang, "tables.klage_familie_header")) + " |"
    return [r.strip("| ").split(" | ") for r in lines[2:]]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_family_complaint_table_is_in_plain_words(lang):
    rows = _family_rows(lang)
    assert rows
    for row in rows:
        words = _LINK.sub("", " ".join(row[:3]))  # what the family reads, the law links left out
        assert not RAW_LEGAL.search(words), words
        assert "§" not in words, words  # a section is named only inside its Lovdata link


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_row_of_the_family_complaint_table_links_its_section_on_lovdata(lang):
    wanted = [p for law in registry().values() for p in law.provisions.values() if p.complaint_to]
    rows = _family_rows(lang)
    assert len(rows) == len(wanted)
    for row, provision in zip(rows, wanted):
        assert [url for _, url in _LINK.findall(row[3])] == [provision.url]
        # The staff table's legal text is not what the family sees.
        assert provision.complaint_covers not in " ".join(row)


def test_a_complaint_provision_without_plain_words_fails_the_build(monkeypatch):
    laws = dict(registry())
    law = laws["sotjl"]
    bare = law.provisions["47"]._replace(complaint_plain=None)
    laws["sotjl"] = law._replace(provisions={**law.provisions, "47": bare})
    monkeypatch.setattr(law_tables, "registry", lambda: laws)
    with pytest.raises(ValueError) as info:
        law_tables.klage_familie("nb")
    assert "complaint_plain" in str(info.value) and "§ 47" in str(info.value)


def test_the_family_complaint_page_uses_the_family_table():
    from conftest import ROOT
    for folder in ("docs", "docs-nn"):
        page = (ROOT / folder / "familie" / "klage.md").read_text(encoding="utf-8")
        assert "{{ lovtabell klage-familie }}" in page and "{{ lovtabell klage }}" not in page
