"""Law watch (`python3 -m guide_engine lovsjekk`): small archives in the format of Lovdata's data
set, made here, against a small registry in a temporary folder (the real registry is only read)."""
from __future__ import annotations

import io
import json
import pathlib
import shutil
import subprocess
import sys
import tarfile

import pytest

from conftest import ROOT
from guide_engine import lawwatch
from guide_engine.errors import GuideDefinitionError
from guide_engine.laws import load, registry

LAWS = ROOT / "guide_engine" / "laws"


# --- Documents as Lovdata publishes them (see lawwatch's docstring for the format) --------------

def ledd(text: str, items=()) -> str:
    """One ledd; items are (label, text) of a list inside it, as Lovdata nests them."""
    if items:
        lis = "".join(f'<li data-name="{label}" value="{i}"><article class="listArticle"><article class="legalP">{t}</article></article></li>'
                      for i, (label, t) in enumerate(items, 1))
        text += f'<ol class="defaultList" type="a">{lis}</ol>'
    return f'<article class="legalP">{text}</article>'


def article(number: str, title: str, *ledds: str, note="Endret ved lov 18 juni 2021 nr. 97.") -> str:
    name = "§" + number.replace(" ", "")
    return (f'<article class="legalArticle" data-lovdata-URL="NL/lov/x/{name}" data-name="{name}" id="p-{name}">'
            f'<h3 class="legalArticleHeader"><span class="legalArticleValue">§ {number}</span>. '
            f'<span class="legalArticleTitle">{title}</span></h3>{"".join(ledds)}'
            f'<article class="changesToParent">{note}</article></article>')


def repealed(number: str) -> str:
    return article(number, "(Opphevet)", note="Opphevet ved lov 20 juni 2025 nr. 5 (ikr. 1 jan 2026).")


def document(legacy_id: str, title: str, *articles: str, changed_by=(("lov/2026-06-19-59", "2026-08-01"),),
             changes=(), misc="") -> str:
    number = legacy_id.split("-", 1)[1]
    kind = "NL/lov" if legacy_id.startswith("LOV") else "SF/forskrift"
    by = ", ".join(f'<a href="{ref}">{ref}</a> fra {since}' for ref, since in changed_by)
    head = (f'<dt class="legacyID">Datokode</dt><dd class="legacyID">{legacy_id}</dd>'
            f'<dt class="dokid">DokumentID</dt><dd class="dokid">{kind}/{number}</dd>'
            f'<dt class="lastChangeInForce">Ikrafttredelse av siste endring</dt><dd class="lastChangeInForce">{changed_by[0][1]}</dd>'
            f'<dt class="lastChangedBy">Sist endret ved</dt><dd class="lastChangedBy">{by}</dd>')
    if changes:
        head += ('<dt class="changesToDocuments">Endrer</dt><dd class="changesToDocuments"><ul>'
                 + "".join(f'<li><a href="{c}">{c}</a></li>' for c in changes) + "</ul></dd>")
    head += f'<dt class="title">Tittel</dt><dd class="title">{title}</dd>'
    if misc:
        head += f'<dt class="miscInformation">Annet om dokumentet</dt><dd class="miscInformation">{misc}</dd>'
    return (f'<!DOCTYPE html><html lang="no"><head><title>{title}</title><base href="https://lovdata.no/" /></head><body>'
            f'<header class="documentHeader" id="hode"><dl class="data-document-key-info">{head}</dl></header>'
            f'<main class="documentBody" data-lovdata-URL="{kind}/{number}" id="dokument"><h1>{title}</h1>'
            f'<section class="section" data-name="kap1" id="kapittel-1"><h2>Kapittel 1. Alminnelige bestemmelser</h2>'
            f'{"".join(articles)}</section></main></body></html>')


def archive(path, *documents: str):
    """A tar.bz2 like gjeldende-lover.tar.bz2: nl/nl-YYYYMMDD-NNN.xml, one file per law."""
    with tarfile.open(path, "w:bz2") as tar:
        folder = tarfile.TarInfo("nl")
        folder.type = tarfile.DIRTYPE
        tar.addfile(folder)
        for i, html in enumerate(documents):
            data = html.encode("utf-8")
            info = tarfile.TarInfo(f"nl/nl-doc-{i:03d}.xml")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return str(path)


# --- A small registry: three laws and a regulation ----------------------------------------------

TEXT_1 = ("Formål", ["Loven skal sikre samarbeid rundt barn."])
TEXT_2_OLD = ("Samarbeid", ["Tjenesten skal samarbeide med andre tjenesteytere."])
TEXT_2_NEW = ("Samarbeid", ["Tjenesten skal samarbeide med andre tjenesteytere og med familien."])
TEXT_3 = ("Taushetsplikt", ["Alle har taushetsplikt."])
TEXT_OLD_LAW = ("(taushetsplikt)", ["Enhver som utfører tjeneste for et forvaltningsorgan, har taushetsplikt."])


def provision(section, title, text=None, extra=""):
    watch = (f'fingerprint = "{lawwatch.fingerprint(*text)}"\nchecked = 2026-11-28\nbasis = "kopi"\n'
             if text else 'note = "Ingen kopi av lovteksten."\n')
    return (f'[[provisions]]\nsection = "{section}"\ntitle = "{title}"\nprovides = ["samarbeid"]\n'
            f'summary = "Vårt sammendrag av § {section}."\n{watch}{extra}\n')


def law(key, lovdata_id, *provisions, kind="lov", changed="lov/2026-06-19-59", in_force="2026-08-01"):
    return (f'key = "{key}"\nname = "{key}"\ntitle = "Lov om {key}"\n'
            f'lovdata_id = "{lovdata_id}"\nkind = "{kind}"\nlast_changed_by = "{changed}"\n'
            f'last_change_in_force = {in_force}\nreform = false\nsector = "Test"\n\n' + "".join(provisions))


def small_registry(folder, *, failing=True):
    folder.mkdir()
    lova = [provision("1", "Formål", TEXT_1),
            provision("2", "Samarbeid", TEXT_2_OLD),
            provision("5", "Uten kopi"),
            provision("6", "Klage", TEXT_1, 'future_change = { date = 2027-01-01, text = "Ny klageregel fra 2027." }\n')]
    if failing:
        lova += [provision("3", "Taushetsplikt", TEXT_3), provision("4", "Borte", TEXT_1)]
    (folder / "lova.toml").write_text(law("lova", "LOV-2001-01-01-1", *lova), encoding="utf-8")
    (folder / "lovb.toml").write_text(law("lovb", "LOV-2010-05-05-2", provision("1", "Formål", TEXT_1),
                                          changed="lov/2020-01-01-1", in_force="2020-01-01"), encoding="utf-8")
    (folder / "forskrift.toml").write_text(law("forskrift", "FOR-2022-06-22-1110", provision("1", "Virkeområde", TEXT_1),
                                               kind="forskrift", changed="forskrift/2024-10-11-2453", in_force="2024-10-11"),
                                           encoding="utf-8")
    if failing:
        (folder / "gammel.toml").write_text(law("gammel", "LOV-1967-02-10", provision("13", "(taushetsplikt)", TEXT_OLD_LAW),
                                                changed="lov/2014-05-09-16", in_force="2026-01-01"), encoding="utf-8")
    return str(folder)


def current_archive(path, section_2=TEXT_2_NEW):
    lova = document("LOV-2001-01-01-1", "Lov om lova",
                    article("1", TEXT_1[0], ledd(TEXT_1[1][0])),
                    article("2", section_2[0], ledd(section_2[1][0])),
                    repealed("3"),
                    article("5", "Uten kopi", ledd("En paragraf vi ikke har kopi av.")),
                    article("6", TEXT_1[0], ledd(TEXT_1[1][0])))
    # Changed since the check (a new «sist endret»), but not in § 1.
    lovb = document("LOV-2010-05-05-2", "Lov om lovb", article("1", TEXT_1[0], ledd(TEXT_1[1][0])),
                    changed_by=(("lov/2026-03-01-7", "2026-07-01"), ("lov/2020-01-01-1", "2020-01-01")))
    # The new act that replaced LOV-1967-02-10 (which is no longer in the data set).
    new = document("LOV-2025-06-20-81", "Lov om saksbehandlingen i offentlig forvaltning (forvaltningsloven)",
                   article("30", "Hva taushetsplikt innebærer", ledd("Taushetsplikt innebærer …")),
                   changes=("lov/1967-02-10", "lov/2001-01-01-1"), misc="Jf. tidligere lov 10 feb 1967.")
    amending = document("LOV-2025-06-20-82", "Endringslov til lova", changes=("lov/1967-02-10",))
    return archive(path, amending, lova, lovb, new)


def run(*args, laws=None, today="2026-12-01"):
    argv = [str(a) for a in args] + ["--today", today] + (["--laws", laws] if laws else [])
    out = io.StringIO()
    err = io.StringIO()
    # Its own streams, not sys.stdout and sys.stderr swapped: other threads (the test server's)
    # may print there meanwhile, and that is not the command's output.
    code = lawwatch.main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def findings(out: str) -> dict:
    doc = json.loads(out)
    found = {}
    for f in doc["findings"]:
        found.setdefault(f["ref"], []).append(f["code"])
    return found


# --- The findings and the exit status -----------------------------------------------------------

def test_every_kind_of_finding_is_reported(tmp_path):
    laws = small_registry(tmp_path / "laws")
    code, out, _ = run(current_archive(tmp_path / "gjeldende-lover.tar.bz2"), "--json", laws=laws)
    assert code == 1
    assert findings(out) == {
        "lova § 1": ["unchanged"],
        "lova § 2": ["text_changed"],
        "lova § 3": ["repealed"],
        "lova § 4": ["missing"],
        "lova § 5": ["no_baseline"],
        "lova § 6": ["unchanged", "change_pending"],
        "lovb § 1": ["law_changed_elsewhere"],
        "forskrift § 1": ["not_checked"],
        "gammel § 13": ["law_replaced"],
    }


def test_the_json_says_what_changed_with_both_texts_and_what_replaced_a_law(tmp_path):
    laws = small_registry(tmp_path / "laws")
    old = archive(tmp_path / "forrige.tar.bz2", document("LOV-2001-01-01-1", "Lov om lova",
                                                          article("2", TEXT_2_OLD[0], ledd(TEXT_2_OLD[1][0]))))
    code, out, _ = run(current_archive(tmp_path / "gjeldende-lover.tar.bz2"), "--json", "--baseline", old, laws=laws)
    doc = json.loads(out)
    assert set(doc) == {"archives", "today", "ok", "counts", "findings", "accepted", "text_checked", "lovtidend"}
    assert doc["text_checked"] is True and doc["lovtidend"] == []
    assert doc["ok"] is False and doc["today"] == "2026-12-01" and doc["accepted"] == []
    assert doc["counts"]["unchanged"] == 2 and doc["counts"]["text_changed"] == 1
    by_ref = {(f["ref"], f["code"]): f for f in doc["findings"]}
    changed = by_ref[("lova § 2", "text_changed")]
    assert changed["fails"] is True and changed["law_id"] == "LOV-2001-01-01-1" and changed["section"] == "2"
    assert "og med familien" in changed["archive"]["text"]
    assert changed["recorded"]["text"] == "Samarbeid\n\nTjenesten skal samarbeide med andre tjenesteytere."
    assert changed["recorded"]["basis"] == "kopi" and changed["recorded"]["checked"] == "2026-11-28"
    assert changed["archive"]["fingerprint"] == lawwatch.fingerprint(*TEXT_2_NEW) != changed["recorded"]["fingerprint"]
    assert changed["summary"] == "Vårt sammendrag av § 2."
    replaced = by_ref[("gammel § 13", "law_replaced")]
    assert replaced["replaced_by"]["law_id"] == "LOV-2025-06-20-81"  # not the amending act
    elsewhere = by_ref[("lovb § 1", "law_changed_elsewhere")]
    assert elsewhere["fails"] is False and elsewhere["archive"]["last_changed_by"] == "lov/2026-03-01-7"
    assert all(isinstance(f["message"], str) and f["message"] for f in doc["findings"])


def test_nothing_cited_changed_exits_0_even_when_a_law_changed_elsewhere(tmp_path):
    laws = small_registry(tmp_path / "laws", failing=False)
    code, out, _ = run(current_archive(tmp_path / "gjeldende-lover.tar.bz2", section_2=TEXT_2_OLD), "--json", laws=laws)
    assert code == 0, out
    doc = json.loads(out)
    assert doc["ok"] is True and doc["counts"]["law_changed_elsewhere"] == 1


def test_an_announced_change_is_due_on_its_date(tmp_path):
    laws = small_registry(tmp_path / "laws", failing=False)
    path = current_archive(tmp_path / "gjeldende-lover.tar.bz2", section_2=TEXT_2_OLD)
    code, out, _ = run(path, "--json", laws=laws, today="2026-12-31")
    assert code == 0 and "change_pending" in findings(out)["lova § 6"]
    code, out, _ = run(path, "--json", laws=laws, today="2027-01-01")
    assert code == 1 and "change_due" in findings(out)["lova § 6"]
    due = next(f for f in json.loads(out)["findings"] if f["code"] == "change_due")
    assert due["future_change"] == {"date": "2027-01-01", "text": "Ny klageregel fra 2027."}


def test_the_report_is_plain_norwegian_with_the_texts_side_by_side(tmp_path):
    laws = small_registry(tmp_path / "laws")
    code, out, err = run(current_archive(tmp_path / "gjeldende-lover.tar.bz2"), laws=laws)
    assert code == 1 and err == ""
    for words in ("Lovsjekk mot Lovdatas datasett: gjeldende-lover.tar.bz2", "Dato: 1.12.2026",
                  "Teksten er endret (1, MÅ SJEKKES)", "Paragrafen er opphevet", "Finnes ikke i arkivet",
                  "Loven er erstattet", "Loven er endret, men ikke paragrafen", "Vedtatt, men ikke i kraft ennå",
                  "Uten fingeravtrykk", "Ikke sjekket", "Gi også gjeldende-sentrale-forskrifter.tar.bz2",
                  "Uendret: 2 paragrafer.", "Resultat: 4 funn må leses"):
        assert words in out, words
    # The archive's text and the basis, in two columns on the same lines.
    line = next(line for line in out.splitlines() if "Lovdatas tekst nå" in line)
    assert "│ Grunnlaget (kopi, kontrollert 28.11.2026)" in line
    assert any("og med familien." in line and "│" in line for line in out.splitlines())
    assert "Sammendraget i lovregisteret: Vårt sammendrag" in out


def test_the_command_writes_only_to_the_streams_it_is_given(tmp_path, capsys):
    """A caller in the same process (these tests) reads the command's output alone: nothing goes
    to sys.stdout or sys.stderr, where another thread (a test server's) may print meanwhile."""
    laws = small_registry(tmp_path / "laws")
    path = current_archive(tmp_path / "gjeldende-lover.tar.bz2")
    for argv, where in (([path], "out"), ([path, "--json"], "out"), ([tmp_path / "finnes-ikke.tar.bz2"], "err"),
                        ([tmp_path / "finnes-ikke.tar.bz2", "--json"], "out"), (["--help"], "out")):
        streams = {"out": io.StringIO(), "err": io.StringIO()}
        lawwatch.main([*map(str, argv), "--laws", laws, "--today", "2026-12-01"], stdout=streams["out"], stderr=streams["err"])
        assert streams[where].getvalue(), argv
        assert capsys.readouterr() == ("", ""), argv


def _bad_archive(tmp, kind):
    if kind == "missing":
        return tmp / "finnes-ikke.tar.bz2"
    path = tmp / f"{kind}.tar.bz2"
    if kind == "not_a_tar":
        path.write_bytes(b"dette er ikke et arkiv")
    elif kind == "cut_short":
        path.write_bytes(pathlib.Path(current_archive(tmp / "hel.tar.bz2")).read_bytes()[:300])
    else:  # a tar archive, but nothing in it is a document from Lovdata
        archive(path, "<html><body>Ingen lov her</body></html>")
    return path


@pytest.mark.parametrize("kind, code", [("missing", "missing_archive"), ("not_a_tar", "bad_archive"),
                                        ("cut_short", "bad_archive"), ("no_lovdata_documents", "bad_archive")])
def test_a_bad_or_missing_archive_exits_2_with_a_norwegian_error(tmp_path, kind, code):
    path = _bad_archive(tmp_path, kind)
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.startswith("Feil: ") and ("arkiv" in proc.stderr or "Lovdata" in proc.stderr)
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", str(path), "--json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["errors"][0]["code"] == code


@pytest.mark.parametrize("args, code", [([], "missing_archive"), (["x.tar.bz2", "--today", "i morgen"], "bad_date"),
                                        (["x.tar.bz2", "--hjelp"], "usage"), (["x.tar.bz2", "--lang", "xx"], "usage"),
                                        (["x.tar.bz2", "--lang=en"], "usage"), (["x.tar.bz2", "--lang"], "usage")])
def test_wrong_use_exits_2(args, code):
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", *args, "--json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and json.loads(proc.stdout)["errors"][0]["code"] == code


# --- Nynorsk: --lang nn ---------------------------------------------------------------------------

def test_with_lang_nn_the_report_is_in_nynorsk(tmp_path):
    from guide_engine.messages import table
    laws = small_registry(tmp_path / "laws")
    path = current_archive(tmp_path / "gjeldende-lover.tar.bz2")
    code, out, err = run(path, "--lang", "nn", laws=laws)
    assert code == 1 and err == ""
    for words in ("Lovsjekk mot datasett frå Lovdata: gjeldende-lover.tar.bz2", "Dato: 1.12.2026",
                  "Teksten er endra (1, MÅ SJEKKAST):", "Paragrafen er oppheva (1, MÅ SJEKKAST):",
                  "Finst ikkje i arkivet (1, MÅ SJEKKAST):", "Lova er erstatta (1, MÅ SJEKKAST):",
                  "Lova er endra, men ikkje paragrafen (1, til orientering):",
                  "Vedteken, men ikkje i kraft enno (1, til orientering):",
                  "Utan fingeravtrykk (kan ikkje samanliknast) (1, til orientering):", "Ikkje sjekka (1, til orientering):",
                  "lova § 2 (Samarbeid): Teksten er endra sidan han vart kontrollert 28.11.2026 mot ein kopi av den konsoliderte teksten frå Lovdata.",
                  "Fjern eller endre tilvisingane til han.", "Vedteken endring, i kraft frå 1.1.2027:",
                  "Ikkje sjekka: arkivet har ingen forskrifter. Gi også gjeldende-sentrale-forskrifter.tar.bz2.",
                  "Samandraget i lovregisteret: Vårt sammendrag", "Uendra: 2 paragrafar.",
                  "Resultat: 4 funn må lesast før du byggjer nettstaden på nytt."):
        assert words in out, words
    line = next(line for line in out.splitlines() if "Teksten hjå Lovdata no" in line)
    assert "│ Grunnlaget (kopi, kontrollert 28.11.2026)" in line
    # Nothing of the bokmål report is left (the fixtures' own texts aside).
    for words in (*table("nb")["lovsjekk"]["heading"].values(), "MÅ SJEKKES", "Lovdatas tekst nå", "Uendret",
                  "Resultat: 4 funn må leses", "Sammendraget i lovregisteret", "ikke lenger gjeldende"):
        assert words not in out, words
    # The same run without --lang is the bokmål report.
    assert run(path, laws=laws)[1] != out and run(path, "--lang", "nb", laws=laws)[1] == run(path, laws=laws)[1]


@pytest.mark.parametrize("n, counted", [(1, "1 paragraf."), (2, "2 paragrafar.")])
def test_the_nynorsk_report_counts_sections_in_the_singular_and_the_plural(n, counted):
    result = {"archives": ["gjeldende-lover.tar.bz2"], "today": "2026-12-01", "ok": True, "text_checked": True,
              "counts": {"unchanged": n}, "findings": [], "lovtidend": [],
              "accepted": [{"ref": f"lova § {i}", "from": None, "to": "sha256:0123456789abcdef"} for i in range(1, n + 1)]}
    out = lawwatch.report(result, "nn")
    assert f"Uendra: {counted}" in out and f"Godteke som nytt grunnlag 1.12.2026: {counted}" in out
    assert "  lova § 1: utan fingeravtrykk → sha256:0123456789abcdef" in out
    assert "Resultat: ingen av paragrafane nettstaden viser til, er endra." in out
    assert lawwatch.report(result) != out and f"Uendret: {n} paragraf" in lawwatch.report(result)


def test_with_lang_nn_the_json_has_the_same_codes_and_fields_and_nynorsk_messages(tmp_path):
    laws = small_registry(tmp_path / "laws")
    path = current_archive(tmp_path / "gjeldende-lover.tar.bz2")
    nb, nn = (json.loads(run(path, "--json", *lang, laws=laws)[1]) for lang in ([], ["--lang", "nn"]))

    def without_words(doc):
        return {**doc, "findings": [{k: v for k, v in f.items() if k != "message"} for f in doc["findings"]]}

    assert without_words(nn) == without_words(nb)  # codes, fields, numbers, texts of the archive and registry
    messages = {f["code"]: f["message"] for f in nn["findings"]}
    # Every message is nynorsk; «Ingen fingeravtrykk i lovregisteret» is the same words in both forms.
    assert all(a["message"] != b["message"] for a, b in zip(nb["findings"], nn["findings"]) if a["code"] != "no_baseline")
    assert messages["no_baseline"] == "Ingen fingeravtrykk i lovregisteret: Ingen kopi av lovteksten."
    assert messages["missing"].endswith("Sjekk på Lovdata om paragrafen har fått nytt nummer eller er oppheva.")
    assert messages["law_replaced"].startswith("gammel (LOV-1967-02-10) gjeld ikkje lenger.")


def test_a_nynorsk_registry_name_is_the_laws_name_in_the_nynorsk_report(tmp_path):
    bvl = archive(tmp_path / "gjeldende-lover.tar.bz2", document("LOV-2021-06-18-97", "Lov om barnevern (barnevernsloven)"))
    code, out, _ = run(bvl, "--json", "--lang", "nn")
    found = next(f for f in json.loads(out)["findings"] if f["ref"] == "bvl § 15-9")
    assert found["label"] == "barnevernslova § 15-9" and found["code"] == "missing"
    assert found["message"].startswith("§ 15-9 finst ikkje i barnevernslova i arkivet.")


def test_with_lang_nn_help_usage_and_errors_are_in_nynorsk(tmp_path):
    help_nn = run("--help", "--lang", "nn")[1]
    assert help_nn.startswith("Bruk: python3 -m guide_engine lovsjekk ARKIV") and "[--lang nb|nn]" in help_nn
    for words in ("Sjekkar paragrafane nettstaden viser til, mot opne data frå Lovdata", "det same for forskriftene",
                  "--lang nb|nn     målforma: nb (bokmål, som standard) eller nn (nynorsk)",
                  "Kode 0: ingenting må lesast. 1: noko må lesast. 2: eit arkiv eller lovregisteret kan ikkje brukast."):
        assert words in help_nn, words
    assert "Sjekker" not in help_nn and "ikke" not in help_nn and help_nn != run("--help")[1]
    code, out, err = run(tmp_path / "finnes-ikke.tar.bz2", "--lang", "nn")
    assert code == 2 and out == "" and err.startswith("Feil: Finn ikkje arkivet «") and "stien til fila." in err
    code, out, err = run("x.tar.bz2", "--lang=nn", "--hjelp")
    assert code == 2 and err.startswith("Feil: Ukjend val «--hjelp». Bruk: python3 -m guide_engine lovsjekk")
    code, out, _ = run("--json", "--lang", "nn")
    [error] = json.loads(out)["errors"]
    assert code == 2 and error["code"] == "missing_archive" and error["message"].startswith("Oppgi arkivet frå Lovdata. Last ned https://")


def test_an_unknown_written_form_is_a_usage_error():
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", "x.tar.bz2", "--lang", "xx"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Feil: Ukjent målform «xx». Velg --lang nb (bokmål) eller --lang nn (nynorsk). Bruk: python3 -m guide_engine lovsjekk")
    proc = subprocess.run([sys.executable, "-m", "guide_engine", "lovsjekk", "--lang", "xx", "--help", "--json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and json.loads(proc.stdout)["errors"][0] | {"message": ""} == {"field": "lang", "code": "usage", "message": ""}


def test_every_law_watch_message_has_the_same_blanks_in_every_language():
    import string
    from guide_engine.messages import ENGINE_LANGUAGES, table

    def blanks(words: dict) -> dict:
        return {k: (blanks(v) if isinstance(v, dict) else {f for _, f, _, _ in string.Formatter().parse(v) if f})
                for k, v in words.items()}

    nb = blanks(table("nb")["lovsjekk"])
    for lang in ENGINE_LANGUAGES:
        assert blanks(table(lang)["lovsjekk"]) == nb, lang
    assert set(table("nb")["lovsjekk"]["heading"]) == set(lawwatch.CODES) - {"unchanged"}


# --- The registry's data --------------------------------------------------------------------------

def _one_law(extra: str) -> list[tuple[str, str]]:
    return [("lova.toml", law("lova", "LOV-2001-01-01-1", provision("1", "Formål", TEXT_1, extra)))]


@pytest.mark.parametrize("change, problem", [
    (('fingerprint = "sha256:', 'fingerprint = "md5:'), "ugyldig fingerprint"),
    (('fingerprint = "sha256:', 'fingerprint = "sha256:XYZ'), "ugyldig fingerprint"),
    (("checked = 2026-11-28\n", ""), "hører sammen"),
    (('basis = "kopi"', 'basis = "gjetning"'), "ukjent basis"),
    (("checked = 2026-11-28", 'checked = "i går"'), "checked skal være en dato"),
    (('last_changed_by = "lov/2026-06-19-59"\n', ""), "hører sammen"),
])
def test_a_registry_with_a_bad_fingerprint_or_check_fails_to_load(change, problem):
    [(name, text)] = _one_law("")
    assert change[0] in text
    with pytest.raises(GuideDefinitionError, match=problem):
        load([(name, text.replace(change[0], change[1], 1))])


def test_a_section_without_a_fingerprint_must_say_why_and_a_future_change_needs_a_text():
    [(name, text)] = _one_law("")
    no_watch = text.replace(f'fingerprint = "{lawwatch.fingerprint(*TEXT_1)}"\nchecked = 2026-11-28\nbasis = "kopi"\n', "")
    with pytest.raises(GuideDefinitionError, match="må si hvorfor"):
        load([(name, no_watch)])
    with pytest.raises(GuideDefinitionError, match="future_change"):
        load(_one_law("future_change = { date = 2027-01-01 }\n"))
    laws = load(_one_law('future_change = { text = "Ny lov, dato ikke bestemt." }\n'))
    assert laws["lova"].provisions["1"].future_change == {"text": "Ny lov, dato ikke bestemt."}


def test_the_command_refuses_a_broken_registry(tmp_path):
    folder = tmp_path / "laws"
    folder.mkdir()
    [(name, text)] = _one_law("")
    (folder / name).write_text(text.replace('"sha256:', '"sha1:'), encoding="utf-8")
    code, out, err = run(current_archive(tmp_path / "a.tar.bz2"), "--json", laws=str(folder))
    assert code == 2 and json.loads(out)["errors"][0]["code"] == "bad_registry"


def test_every_cited_section_of_the_real_registry_knows_when_and_against_what_it_was_checked():
    for law in registry().values():
        for p in law.provisions.values():
            if p.fingerprint:
                assert p.checked and p.basis in ("kopi", "lovdata") and law.last_changed_by and law.last_change_in_force
            elif law.kind in ("lov", "forskrift"):
                assert p.note or law.note, p.label
    fvl = registry()["fvl"].provisions
    assert "lov 20. juni 2025 nr. 81" in fvl["13 b"].future_change["text"] and "date" not in fvl["13 b"].future_change


# --- Accepting an archive as the new baseline -----------------------------------------------------

def test_accept_rewrites_the_fingerprints_in_a_copy_of_the_registry(tmp_path):
    real = {p.name: p.read_bytes() for p in LAWS.glob("*.toml")}
    copy = tmp_path / "laws"
    shutil.copytree(LAWS, copy)
    bhl = registry()["barnehageloven"]
    path = archive(tmp_path / "gjeldende-lover.tar.bz2", document(
        "LOV-2005-06-17-64", "Lov om barnehager (barnehageloven)",
        article("44", "Taushetsplikt", ledd("For virksomheter etter denne lov gjelder reglene om taushetsplikt i forvaltningsloven §§ 13 til 13 g tilsvarende, med de endringer som følger av denne loven.")),
        changed_by=(("lov/2027-03-01-9", "2027-07-01"),)))
    code, out, _ = run(path, "--json", "--accept", laws=str(copy), today="2027-08-01")
    doc = json.loads(out)
    assert doc["accepted"] == [{"ref": "barnehageloven § 44", "from": bhl.provisions["44"].fingerprint,
                                "to": next(f for f in doc["findings"] if f["ref"] == "barnehageloven § 44")["archive"]["fingerprint"]}]
    text = (copy / "barnehageloven.toml").read_text(encoding="utf-8")
    before = real["barnehageloven.toml"].decode("utf-8")
    new_fp = doc["accepted"][0]["to"]
    assert f'fingerprint = "{new_fp}"\nchecked = 2027-08-01\nbasis = "lovdata"' in text
    assert 'last_changed_by = "lov/2027-03-01-9"\nlast_change_in_force = 2027-07-01' in text
    # Only the lines of the law and of § 44 that hold what it was checked against have changed.
    changed = set(text.splitlines()) ^ set(before.splitlines())
    assert changed == {f'fingerprint = "{new_fp}"', 'fingerprint = "' + bhl.provisions["44"].fingerprint + '"',
                       'checked = 2027-08-01', 'basis = "lovdata"',
                       'last_changed_by = "lov/2027-03-01-9"', 'last_changed_by = "lov/2026-06-19-59"',
                       'last_change_in_force = 2027-07-01', 'last_change_in_force = 2026-08-01'}
    # The copy loads, and the same archive now finds § 44 unchanged.
    code, out, _ = run(path, "--json", laws=str(copy), today="2027-08-01")
    assert findings(out)["barnehageloven § 44"] == ["unchanged"]
    # The plain report says what was accepted.
    again = tmp_path / "laws-2"
    shutil.copytree(LAWS, again)
    code, out, _ = run(path, "--accept", laws=str(again), today="2027-08-01")
    assert f"Godtatt som nytt grunnlag 1.8.2027: 1 paragraf.\n  barnehageloven § 44: {bhl.provisions['44'].fingerprint} → {new_fp}" in out
    assert {p.name: p.read_bytes() for p in LAWS.glob("*.toml")} == real  # the real registry is untouched


# --- One normalisation, for the copies and for Lovdata's data set ---------------------------------

def test_the_registrys_fingerprints_were_made_with_this_normalisation(tmp_path):
    """barnehageloven §§ 44 and 46 as Lovdata's data set prints them (links, a lettered list, a
    note on amendments) match the fingerprints the registry took from the reference copy, where
    the same text has a space before a full stop where a link was and the list on its own lines."""
    html_46 = article(
        "46", "Opplysningsplikt til barnevernet",
        ledd("Enhver som utfører tjeneste eller arbeid etter denne loven, skal i sitt arbeid være oppmerksom på forhold som kan føre til tiltak fra barnevernstjenesten."),
        ledd("Enhver som utfører tjeneste eller arbeid etter denne loven, skal uten hinder av taushetsplikt melde fra til barnevernstjenesten uten ugrunnet opphold", [
            ("a.", "når det er grunn til å tro at et barn blir eller vil bli mishandlet, utsatt for alvorlige mangler ved den daglige omsorgen eller annen alvorlig omsorgssvikt,"),
            ("b.", "når det er grunn til å tro at et barn har en livstruende eller annen alvorlig sykdom eller skade og ikke kommer til undersøkelse eller behandling,"),
            ("c.", "når det er grunn til å tro at et barn med nedsatt funksjonsevne eller et spesielt hjelpetrengende barn ikke får dekket sitt særlige behov for behandling eller opplæring,"),
            ("d.", "når det er grunn til å tro at et barn blir eller vil bli utnyttet til menneskehandel.")]),
        ledd('Enhver som utfører tjeneste eller arbeid etter denne loven, plikter også å gi opplysninger etter pålegg i samsvar med <a href="lov/2021-06-18-97/§13-4">barnevernsloven § 13-4</a>.'))
    html_44 = article("44", "Taushetsplikt", ledd('For virksomheter etter denne lov gjelder reglene om taushetsplikt i <a href="lov/1967-02-10/§13">forvaltningsloven §§ 13 til 13 g</a> tilsvarende.'))
    path = archive(tmp_path / "gjeldende-lover.tar.bz2", document(
        "LOV-2005-06-17-64", "Lov om barnehager (barnehageloven)", html_44, html_46, changed_by=(("lov/2026-06-19-59", "2026-08-01"),)))
    code, out, _ = run(path, "--json", today="2026-11-28")
    found = findings(out)
    assert found["barnehageloven § 44"] == ["unchanged"] and found["barnehageloven § 46"] == ["unchanged"]
    # The copy's way of printing the same section gives the same fingerprint.
    copy_46 = ("Opplysningsplikt til barnevernet", [
        "Enhver som utfører tjeneste eller arbeid etter denne loven, skal i sitt arbeid være oppmerksom på forhold som kan føre til tiltak fra barnevernstjenesten.",
        "Enhver som utfører tjeneste eller arbeid etter denne loven, skal uten hinder av taushetsplikt melde fra til barnevernstjenesten uten ugrunnet opphold\n\n"
        "a. når det er grunn til å tro at et barn blir eller vil bli mishandlet, utsatt for alvorlige mangler ved den daglige omsorgen eller annen alvorlig omsorgssvikt,\n"
        "b. når det er grunn til å tro at et barn har en livstruende eller annen alvorlig sykdom eller skade og ikke kommer til undersøkelse eller behandling,\n"
        "c. når det er grunn til å tro at et barn med nedsatt funksjonsevne eller et spesielt hjelpetrengende barn ikke får dekket sitt særlige behov for behandling eller opplæring,\n"
        "d. når det er grunn til å tro at et barn blir eller vil bli utnyttet til menneskehandel.",
        "Enhver som utfører tjeneste eller arbeid etter denne loven, plikter også å gi opplysninger etter pålegg i samsvar med barnevernsloven § 13-4 ."])
    assert lawwatch.fingerprint(*copy_46) == registry()["barnehageloven"].provisions["46"].fingerprint


def test_a_repealed_section_has_one_fingerprint_however_it_is_printed():
    assert lawwatch.fingerprint("Begrensninger i taushetsplikten", ["(Opphevet)"]) == lawwatch.fingerprint("(Opphevet)", [])
    assert lawwatch.fingerprint("(Oppheva)", []) == registry()["hpl"].provisions["23"].fingerprint
    assert lawwatch.is_repealed("(Opphevet)", []) and not lawwatch.is_repealed("Taushetsplikt", ["Alle har taushetsplikt."])
