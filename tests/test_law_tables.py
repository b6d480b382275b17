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
