"""Law watch on Norsk Lovtidend (`python3 -m guide_engine lovsjekk lovtidend-avd1-2025.tar.bz2`):
real documents from Lovdata's 2025 volume (tests/lovdata/, NLOD 2.0), the real registry, and
copies of it with an entry taken out to see what a person is told."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile

import pytest

from conftest import ROOT
from test_lawwatch import run as lawwatch_run
from guide_engine import lovtidend
from guide_engine.errors import GuideDefinitionError
from guide_engine.laws import load

DATA = ROOT / "tests" / "lovdata"
KVALITET = str(DATA / "lovtidend-avd1-2025-kvalitetsloftet.tar.bz2")
UTDRAG = str(DATA / "lovtidend-avd1-2025-utdrag.tar.bz2")
IKRAFT = str(DATA / "lovtidend-avd1-2025-ikraftsetting.tar.bz2")
LAWS = ROOT / "guide_engine" / "laws"
NR39 = "lov/2025-06-20-39"
NR67 = "lov/2025-06-20-67"


def run(*args, laws=None, today="2026-12-06"):
    """The command as test_lawwatch runs it, on the day these volumes are read."""
    return lawwatch_run(*args, laws=str(laws) if laws else None, today=today)


def by_act(out: str) -> dict:
    """{(ref, act id): finding} of the amendment findings."""
    return {(f["ref"], f["act_id"]): f for f in json.loads(out)["findings"] if "act_id" in f}


def registry_copy(tmp_path, edits: dict):
    """The real registry in a temporary folder, with lines taken out or changed (first occurrence): {file: [(old, new)]}."""
    folder = tmp_path / "laws"
    shutil.copytree(LAWS, folder)
    for name, changes in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return folder


# --- Kvalitetsløftet: every cited section the act changes, and that the registry knows it -------

KVALITET_SECTIONS = {
    "bvl § 13-2": "første ledd bokstav d", "bvl § 15-1": "første ledd første punktum",
    "hpl § 33": "andre ledd bokstav d", "sotjl § 45": "andre ledd bokstav d",
    "pbrl § 3-4": "sjette ledd", "pbrl § 4-4": "fjerde ledd",
    "opplaringslova § 24-3": "andre ledd bokstav c", "opplaringslova § 24-4": "første ledd",
}


def test_kvalitetsloftet_lists_each_cited_section_it_changes_with_ledd_and_bokstav():
    code, out, err = run(KVALITET, "--json")
    assert err == "" and code == 0, out
    found = by_act(out)
    assert {ref for ref, act in found if act == NR39} == set(KVALITET_SECTIONS)
    for ref, detail in KVALITET_SECTIONS.items():
        f = found[(ref, NR39)]
        assert f["changes"] == [{"kind": "endret", "detail": detail, "source": "markup"}], ref
        assert f["dates"] == [] and f["in_force"]["how"] == "kongen" and f["status"] == "vedtatt"
        assert f["act"]["title"] == "Lov om endringer i barnevernsloven mv. (kvalitetsløftet i barnevernet)"
        assert f["act"]["date_in_force"] == "Kongen bestemmer"
        # The registry has it as adopted, with no date: nothing to do yet.
        assert f["code"] == "amendment_recorded" and f["registry"]["knows"] == "vedtatt", ref
        assert f["law_id"].startswith("LOV-") and f["section"] == ref.split("§ ")[1]
    doc = json.loads(out)
    assert doc["text_checked"] is False and doc["lovtidend"] == [KVALITET]


def test_a_change_the_registry_does_not_know_comes_first_and_fails(tmp_path):
    hpl = (LAWS / "hpl.toml").read_text(encoding="utf-8")
    line = next(line for line in hpl.splitlines() if line.startswith("future_change") and NR39 in line)
    laws = registry_copy(tmp_path, {"hpl.toml": [(line + "\n", "")]})
    code, out, _ = run(KVALITET, "--json", laws=laws)
    assert code == 1
    f = by_act(out)[("hpl § 33", NR39)]
    assert f["code"] == "amendment_coming" and f["fails"] is True and f["registry"]["knows"] is None
    assert f["act_id"] == NR39 and f["law_id"] == "LOV-1999-07-02-64" and f["section"] == "33" and f["dates"] == []
    code, report, _ = run(KVALITET, laws=laws)
    lines = report.splitlines()
    assert lines[3] == "Vedtatt endring som lovregisteret ikke kjenner (1, MÅ SJEKKES):"
    assert lines[4].startswith("  helsepersonelloven § 33 (Opplysningsplikt til barnevernet): lov 20. juni 2025 nr. 39 «Lov om endringer i barnevernsloven mv. (kvalitetsløftet i barnevernet)»: andre ledd bokstav d endret. I kraft: Kongen bestemmer")
    assert "Resultat: 1 funn må leses" in report


def test_the_statute_copies_mixed_state_is_in_the_registry_notes():
    from guide_engine.laws import registry
    hpl33 = registry()["hpl"].provisions["33"]
    assert "gamle ordlyden" in hpl33.note and "lov 20. juni 2025 nr. 39" in hpl33.note
    assert [c["act"] for c in hpl33.future_changes] == [NR39] and "date" not in hpl33.future_change
    for key, section in (("bvl", "13-2"), ("sotjl", "45"), ("opplaringslova", "24-3")):
        p = registry()[key].provisions[section]
        assert "allerede ordlyden fra lov 20. juni 2025 nr. 39" in p.note, p.label
    pbrl44 = registry()["pbrl"].provisions["4-4"]
    assert [c["act"] for c in pbrl44.future_changes] == [NR39, "lov/2025-06-20-40"]


# --- When: commencement regulations, in any volume given ------------------------------------------

def test_the_date_comes_from_a_commencement_regulation_in_another_archive(tmp_path):
    code, out, _ = run(UTDRAG, "--json")
    alone = by_act(out)[("hpl § 22", NR67)]
    assert alone["dates"] == [] and alone["in_force"]["how"] == "kongen"
    code, out, _ = run(UTDRAG, IKRAFT, "--json")
    assert code == 0, out
    found = by_act(out)
    for ref in ("hpl § 22", "hpl § 25", "pbrl § 3-1", "pbrl § 4-3", "pbrl § 7-2"):
        f = found[(ref, NR67)]
        assert f["dates"] == ["2026-06-01"] and f["in_force"]["how"] == "forskrift" and f["in_force"]["certain"] is True, ref
        assert f["in_force"]["regulation"]["id"] == "forskrift/2025-06-20-1109"
        assert f["status"] == "i_kraft" and f["code"] == "amendment_recorded", ref  # registry: last_changed_by
        # The same act was first announced as nr. 13; it is reported once, under nr. 67.
        assert f["act"]["supersedes"] == ["lov/2025-04-25-13"] and (ref, "lov/2025-04-25-13") not in found
    assert found[("hpl § 25", NR67)]["changes"] == [{"kind": "endret", "detail": "første ledd", "source": "markup"}]
    assert [c["detail"] for c in found[("pbrl § 4-3", NR67)]["changes"]][:2] == ["overskriften", "andre ledd"]
    moves = [c["detail"] for c in found[("pbrl § 3-1", NR67)]["changes"] if c["kind"] == "flyttet"]
    assert moves == ["nåværende fjerde ledd blir femte ledd", "nåværende tredje ledd blir fjerde ledd"]


def test_a_change_in_force_that_the_registry_lacks_fails_and_a_date_for_a_recorded_one_is_news(tmp_path):
    # pbrl § 3-1 with nr. 67 only as adopted, and the law's «sist endret» from before 1 June 2026.
    laws = registry_copy(tmp_path, {"pbrl.toml": [("last_change_in_force = 2026-07-01", "last_change_in_force = 2026-01-01"),
                                                  ('last_changed_by = "lov/2025-06-20-67"  #', 'future_change = { act = "lov/2025-06-20-67", text = "Vedtatt." }  #')]})
    code, out, _ = run(UTDRAG, IKRAFT, "--json", laws=laws, today="2026-05-31")
    f = by_act(out)[("pbrl § 3-1", NR67)]
    assert code == 1 and f["code"] == "amendment_date_known" and f["fails"] is True
    code, out, _ = run(UTDRAG, IKRAFT, "--json", laws=laws, today="2026-06-01")
    f = by_act(out)[("pbrl § 3-1", NR67)]
    assert code == 1 and f["code"] == "amendment_in_force" and f["registry"]["knows"] == "vedtatt"
    assert "Lovregisteret har den som vedtatt, men ikke i kraft." in f["message"]
    # pbrl § 4-3 keeps its last_changed_by: recorded. Without the Lovtidend date the law's date is too old to tell.
    assert by_act(out)[("pbrl § 4-3", NR67)]["code"] == "amendment_recorded"
    code, out, _ = run(UTDRAG, "--json", laws=laws, today="2026-06-01")
    assert by_act(out)[("pbrl § 3-1", NR67)]["code"] == "amendment_recorded"  # adopted, no date known: as recorded


def test_med_unntak_av_gives_each_section_its_own_date():
    code, out, _ = run(UTDRAG, "--json")
    f = by_act(out)[("straffeloven § 196", "lov/2025-06-20-86")]
    assert f["changes"] == [{"kind": "endret", "detail": "første ledd bokstav a", "source": "markup"}]
    assert f["dates"] == ["2025-07-01"] and f["in_force"]["regulation"]["id"] == "forskrift/2025-06-20-1123"
    assert "med unntak av § 91" in f["in_force"]["words"]  # § 91 alone comes on 1 January 2026


def test_a_repealed_or_replaced_law_is_reported_as_such():
    code, out, _ = run(UTDRAG, "--json")
    found = by_act(out)
    fvl = found[("fvl § 13", "lov/2025-06-20-81")]
    assert fvl["whole_law"] is True and fvl["changes"] == [{"kind": "opphevet", "detail": "", "source": "markup"}]
    assert "opphever hele loven" in fvl["message"] and fvl["code"] == "amendment_recorded"
    barnelova = found[("barnelova § 31", "lov/2025-06-20-40")]
    assert barnelova["whole_law"] is True and barnelova["changes"][0]["kind"] == "erstattet"
    assert "erstatter hele loven" in barnelova["message"]
    # The new barnelova also changes a cited section of another law.
    assert found[("pbrl § 4-4", "lov/2025-06-20-40")]["changes"][0]["detail"] == "andre ledd første punktum"


# --- The act's words where the markup is missing ------------------------------------------------

def _member(archive: str, name: str) -> str:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read().decode("utf-8")


def _cited(changes):
    return {(c.law, c.section, c.detail) for c in changes
            if (c.law, c.section) in {("lov/1999-07-02-64", "33"), ("lov/2021-06-18-97", "13-2"), ("lov/2021-06-18-97", "15-1"),
                                      ("lov/1999-07-02-63", "3-4"), ("lov/1999-07-02-63", "4-4"), ("lov/2009-12-18-131", "45"),
                                      ("lov/2023-06-09-30", "24-3"), ("lov/2023-06-09-30", "24-4")}}


def test_without_markup_the_same_changes_are_read_from_the_words():
    html = _member(KVALITET, "lti/2025/nl-20250620-039.xml")
    body = html[html.find("<main"):]
    marked = lovtidend.read_changes(lovtidend.parse(body))
    bare = re.sub(r' data-(?:change|add-new|repeal|move)-part="[^"]*"', "", body)
    bare = re.sub(r' data-document="[^"]*"', "", bare)
    words = lovtidend.read_changes(lovtidend.parse(bare))
    assert all(c.source == "tekst" for c in words) and all(c.source == "markup" for c in marked)
    assert _cited(words) == _cited(marked) and len(_cited(marked)) == 8


# --- The command line ------------------------------------------------------------------------------

def test_help_prints_usage_and_exits_0():
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("Bruk: python3 -m guide_engine lovsjekk") and "lovtidend-avd1-ÅÅÅÅ.tar.bz2" in proc.stdout


def test_a_file_of_neither_format_gets_a_clear_message_and_exit_2(tmp_path):
    path = tmp_path / "annet.tar.bz2"
    with tarfile.open(path, "w:bz2") as tar:
        data = "<html><body><p>Ikke fra Lovdata</p></body></html>".encode("utf-8")
        info = tarfile.TarInfo("x/dokument.xml")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert "verken Lovdatas gjeldende lover" in proc.stderr and "Norsk Lovtidend" in proc.stderr


def test_lovtidend_and_the_consolidated_archive_together(tmp_path):
    from test_lawwatch import archive, article, document, ledd
    bhl = archive(tmp_path / "gjeldende-lover.tar.bz2", document(
        "LOV-2005-06-17-64", "Lov om barnehager (barnehageloven)", article("44", "Taushetsplikt", ledd("Tekst."))))
    code, out, _ = run(KVALITET, bhl, "--json")
    doc = json.loads(out)
    assert doc["text_checked"] is True and doc["lovtidend"] == [KVALITET]
    codes = {f["code"] for f in doc["findings"]}
    assert "text_changed" in codes and "amendment_recorded" in codes


# --- The registry's fields --------------------------------------------------------------------------

def _one(extra: str):
    return [("lova.toml", 'key = "lova"\nname = "lova"\ntitle = "Lov om lova"\n'
                          'lovdata_id = "LOV-2001-01-01-1"\nreform = false\nsector = "Test"\nnote = "Ingen kopi."\n\n'
                          f'[[provisions]]\nsection = "1"\ntitle = "Formål"\nprovides = ["samarbeid"]\nsummary = "S."\n{extra}')]


@pytest.mark.parametrize("extra", [
    'future_change = { act = "lov 2025 nr. 39", text = "T." }\n',
    'future_change = [{ act = "lov/2025-06-20-39", text = "T." }, { date = 2027-01-01 }]\n',
    'last_changed_by = "2025-06-20-67"\n',
    'last_changed_by = []\n',
])
def test_bad_act_references_in_the_registry_fail_to_load(extra):
    with pytest.raises(GuideDefinitionError):
        load(_one(extra))


def test_several_adopted_changes_and_acts_in_force_load():
    laws = load(_one('last_changed_by = ["lov/2025-06-20-67", "lov/2025-06-20-86"]\n'
                     'future_change = [{ act = "lov/2025-06-20-39", text = "A." }, { act = "lov/2025-06-20-40", date = 2027-01-01, text = "B." }]\n'))
    p = laws["lova"].provisions["1"]
    assert p.changed_by == ("lov/2025-06-20-67", "lov/2025-06-20-86")
    assert [c["act"] for c in p.future_changes] == ["lov/2025-06-20-39", "lov/2025-06-20-40"] and p.future_change["text"] == "A."


@pytest.mark.parametrize("folder, forms", [("docs", ["nb"]), ("docs-nn", ["nn", "nb"])])
def test_the_lovsjekk_page_explains_every_lovtidend_finding_and_the_volumes(folder, forms):
    """Each heading as the tool prints it: the nynorsk page gives the report with --lang nn and without."""
    from guide_engine import amendments
    from guide_engine.messages import table
    page = (ROOT / folder / "kommune" / "lovsjekk.md").read_text(encoding="utf-8")
    for form in forms:
        for code in amendments.CODES:
            heading = table(form)["lovsjekk"]["heading"][code]
            assert heading in page, heading
    assert "lovtidend-avd1-2025.tar.bz2" in page and "--help" in page and "--lang nn" in page


def test_with_lang_nn_the_lovtidend_findings_are_in_nynorsk_with_the_same_codes(tmp_path):
    hpl = (LAWS / "hpl.toml").read_text(encoding="utf-8")
    line = next(line for line in hpl.splitlines() if line.startswith("future_change") and NR39 in line)
    laws = registry_copy(tmp_path, {"hpl.toml": [(line + "\n", "")]})
    code, report, _ = run(KVALITET, "--lang", "nn", laws=laws)
    lines = report.splitlines()
    assert code == 1 and lines[3] == "Vedteken endring som lovregisteret ikkje kjenner (1, MÅ SJEKKAST):"
    assert lines[4].startswith("  helsepersonellova § 33 (Opplysningsplikt til barnevernet): lov 20. juni 2025 nr. 39 «Lov om endringer i barnevernsloven mv. (kvalitetsløftet i barnevernet)»: andre ledd bokstav d endra. I kraft: Kongen bestemmer; inga ikraftsetjing er funnen i Lovtidend-årgangane som vart gitt. Legg henne inn som future_change")
    assert "Vedtekne endringar lovregisteret kjenner (" in report and "Lovregisteret kjenner henne (lagd inn som vedteken)." in report
    assert "Lovteksten er ikkje samanlikna: gi også gjeldende-lover.tar.bz2" in report and "Resultat: 1 funn må lesast" in report
    assert "Vedtatt" not in report and "MÅ SJEKKES" not in report
    # Commencement by regulation, moved and retitled ledd, a law repealed or replaced, an act announced twice.
    code, out, _ = run(UTDRAG, IKRAFT, "--json", "--lang", "nn")
    code_nb, out_nb, _ = run(UTDRAG, IKRAFT, "--json")
    nn, nb = by_act(out), by_act(out_nb)
    assert code == code_nb == 0 and {k: f["code"] for k, f in nn.items()} == {k: f["code"] for k, f in nb.items()}
    assert [f["code"] for f in json.loads(out)["findings"]] == [f["code"] for f in json.loads(out_nb)["findings"]]
    assert all(nn[k]["changes"] == nb[k]["changes"] and nn[k]["dates"] == nb[k]["dates"] for k in nb)
    moved = nn[("pbrl § 3-1", NR67)]["message"]
    assert "tredje ledd endra, fjerde ledd ny, noverande fjerde ledd blir femte ledd" in moved
    assert "I kraft: 1.6.2026 (etter forskrift 20. juni 2025 nr. 1109). Lovregisteret kjenner henne (lagd inn som i kraft). (Først kunngjord som lov 25. april 2025 nr. 13.)" in moved
    assert nn[("pbrl § 4-3", NR67)]["message"].count("overskrifta endra") == 1
    assert "«Lov om barn og foreldre (barnelova)» erstattar heile lova." in nn[("barnelova § 31", "lov/2025-06-20-40")]["message"]
    assert "opphevar heile lova" in nn[("fvl § 13", "lov/2025-06-20-81")]["message"]
    assert nn[("fvl § 13", "lov/2025-06-20-81")]["label"] == "forvaltningslova § 13"


def test_a_future_change_naming_the_act_outweighs_the_laws_sist_endret(tmp_path):
    # hpl's «sist endret» is nr. 67 itself; but § 22 saying «adopted, not in force» is what the summary was checked against.
    laws = registry_copy(tmp_path, {"hpl.toml": [('last_changed_by = "lov/2025-06-20-67"  #', 'future_change = { act = "lov/2025-06-20-67", text = "Vedtatt." }  #')]})
    code, out, _ = run(UTDRAG, IKRAFT, "--json", laws=laws)
    assert code == 1 and by_act(out)[("hpl § 22", NR67)]["code"] == "amendment_in_force"
    assert by_act(out)[("hpl § 25", NR67)]["code"] == "amendment_recorded"


# Statements as they stand in the 2025 volume's commencement regulations and acts.
def _change(section, part):
    return lovtidend.Change("lov/x", section, "", "endret", part, "markup")


@pytest.mark.parametrize("words, change, expected", [
    # sf-20250620-1095 (rettshjelpsloven): sections named for del I only
    ("Loven del I § 11 første ledd nr. 5 til 10, loven del III og loven del IV trer i kraft 1. juli 2025.", _change("11", ("del", "I")), 2),
    ("Loven del I § 11 første ledd nr. 5 til 10, loven del III og loven del IV trer i kraft 1. juli 2025.", _change("5", ("del", "I")), None),
    ("Loven del I § 11 første ledd nr. 5 til 10, loven del III og loven del IV trer i kraft 1. juli 2025.", _change("76", ("del", "III")), 1),
    # sf-20250620-1101: «jf. lovvedtaket del II» after the section
    ("Endringen i spesialisthelsetjenesteloven § 7-1, jf. lovvedtaket del II, endringen i helse- og omsorgstjenesteloven § 12-3 andre ledd, jf. lovvedtaket del IV og endringen i helsetilsynsloven § 8 første ledd, jf. lovvedtaket del VI, trer i kraft straks.",
     _change("12-3", ("del", "IV")), 2),
    ("Endringen i spesialisthelsetjenesteloven § 7-1, jf. lovvedtaket del II, endringen i helse- og omsorgstjenesteloven § 12-3 andre ledd, jf. lovvedtaket del IV og endringen i helsetilsynsloven § 8 første ledd, jf. lovvedtaket del VI, trer i kraft straks.",
     _change("3-3a", ("del", "II")), None),
    # nl-20250620-063: a part named without «del»
    ("Endringene under I trer i kraft straks.", _change("5-13b", ("del", "I")), 1),
    ("Endringene under I trer i kraft straks.", _change("5-13b", ("del", "II")), None),
    # sf-20250620-1123: the whole part except one section
    ("Endringsloven del I (straffeloven) med unntak av § 91.", _change("196", ("del", "I")), 1),
    ("Endringsloven del I (straffeloven) med unntak av § 91.", _change("91", ("del", "I")), None),
])
def test_what_a_statement_covers(words, change, expected):
    assert lovtidend.rank(lovtidend.clause(words, ("2025-07-01",)), change) == expected


def test_an_exception_in_words_makes_the_date_uncertain():
    # sf-20250610-0967 (innkrevingsloven): «med unntak av a. lovendringene om utlegg …, og b. innkrevingsloven § 21 …»
    c = lovtidend.clause("Loven trer i kraft 1. januar 2026, med unntak av", ("2026-01-01",),
                         ["lovendringene om utlegg som i saker om utlegg kommer gradvis til anvendelse, og"])
    assert c.whole and c.vague and lovtidend.rank(c, _change("7", ("§", "42"))) == 0
