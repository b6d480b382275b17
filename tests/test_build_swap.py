"""A build never leaves a half-written site/ being served: it is built beside it (site.new) and
swapped in whole; the site it replaces stays as site.old for roll-back; a failed build leaves
site/ as it was. The builder itself is replaced here by one that writes a tiny site (the real
builds are tested everywhere else), so these tests look at the swap alone."""
from __future__ import annotations

import json
import pathlib
import re
import subprocess
import threading

import pytest

from build_scripts import build as build_mod


def _site(folder: pathlib.Path, marker: str, pages: int = 0) -> pathlib.Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(marker, encoding="utf-8")
    for i in range(pages):  # a removal that takes a moment, as a real site's would
        (folder / f"side-{i}.html").write_text(marker, encoding="utf-8")
    return folder


def test_the_site_is_never_missing_while_it_is_swapped(tmp_path):
    dest = _site(tmp_path / "site", "0", pages=100)
    misses, seen, stop = [], set(), threading.Event()

    def poll():
        while not stop.is_set():
            try:
                seen.add((dest / "index.html").read_text(encoding="utf-8"))
            except FileNotFoundError:
                misses.append(1)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for i in range(1, 15):
            build_mod.swap_in(_site(tmp_path / "site.new", str(i), pages=100), dest)
    finally:
        stop.set()
        poller.join()
    assert (dest / "index.html").read_text(encoding="utf-8") == "14"
    assert (tmp_path / "site.old" / "index.html").read_text(encoding="utf-8") == "13"
    assert not (tmp_path / "site.new").exists()
    assert len(seen) > 1 and not misses, f"{len(misses)} reads found no site during the swaps"


def test_without_an_atomic_exchange_the_result_is_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(build_mod, "_exchange", lambda a, b: False)
    dest = _site(tmp_path / "site", "old")
    build_mod.swap_in(_site(tmp_path / "site.new", "new"), dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "new"
    assert (tmp_path / "site.old" / "index.html").read_text(encoding="utf-8") == "old"


def _fake_builder(fail: bool = False):
    def run_builder(builder, dest, env=None, folder=False, audiences=None, lang="nb", forms=None):
        _site(dest, f"built {lang}")
        return subprocess.CompletedProcess([builder], 1 if fail else 0, "", "stoppet" if fail else "")
    return run_builder


@pytest.fixture
def quick(monkeypatch):
    from build_scripts import check, postbuild

    monkeypatch.setattr(check, "problems", lambda *a: [])
    monkeypatch.setattr(postbuild, "run", lambda *a, **k: None)
    monkeypatch.setattr(build_mod, "run_builder", _fake_builder())


def test_a_build_replaces_the_site_keeps_the_previous_and_writes_its_version(tmp_path, quick):
    dest = _site(tmp_path / "site", "previous")
    build_mod.build(dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "built nb"
    assert (dest / "nn" / "index.html").read_text(encoding="utf-8") == "built nn"
    assert (tmp_path / "site.old" / "index.html").read_text(encoding="utf-8") == "previous"
    about = json.loads((dest / "version.json").read_text(encoding="utf-8"))
    assert set(about) == {"version", "built", "commit"} and about["version"].count(".") == 2
    assert not (tmp_path / "site.new").exists()


def test_a_failed_build_leaves_the_site_as_it_was(tmp_path, quick, monkeypatch):
    dest = _site(tmp_path / "site", "previous")
    monkeypatch.setattr(build_mod, "run_builder", _fake_builder(fail=True))
    with pytest.raises(build_mod.BuildFailed):
        build_mod.build(dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "previous"
    assert not (tmp_path / "site.new").exists() and not (tmp_path / "site.old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_make_site_says_where_the_site_is_and_where_the_previous_one_went(tmp_path, quick, capsys):
    dest = _site(tmp_path / "site", "previous")
    assert build_mod.main(["--site-dir", str(dest)]) == 0
    said = capsys.readouterr().out
    assert f"Ferdig: nettstedet ligger i {dest}" in said and str(tmp_path / "site.old") in said
    assert re.search(r"\(versjon \d+\.\d+\.\d+\)", said)
