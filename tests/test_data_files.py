"""The browser's copy of the engine reads each TOML data file from its JSON twin (data_files):
the twin reads back as exactly what the TOML says, dates included, and the engine run from twins
alone gives the same results as from the TOML."""
from __future__ import annotations

import datetime
import json
import pathlib
import shutil
import subprocess
import sys
import tomllib

import pytest

from conftest import leaves
from guide_engine import data_files

PACKAGE = pathlib.Path(data_files.HERE)
TOML_FILES = sorted(PACKAGE.rglob("*.toml"))


@pytest.mark.parametrize("path", TOML_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_data_file_reads_back_from_its_json_twin_as_the_toml_says(path, tmp_path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    (tmp_path / "x.json").write_text(data_files.twin(data), encoding="utf-8")
    again = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"), object_hook=data_files._from_json)
    assert again == data
    assert _types(again) == _types(data)  # a date stays a date, not its text


def _types(value):
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def test_the_law_registry_has_dates_so_the_twins_must_carry_them():
    assert any(isinstance(v, datetime.date) for p in TOML_FILES for v in leaves(tomllib.loads(p.read_text("utf-8"))))



def test_what_json_cannot_say_is_refused_when_the_twin_is_written():
    with pytest.raises(TypeError):
        data_files.twin({"t": datetime.time(12, 0)})
    with pytest.raises(ValueError):
        data_files.twin({"a": [{"$date": "2024-01-01"}]})


def test_the_engine_runs_from_the_twins_alone_and_gives_what_the_toml_gives(tmp_path):
    from build_scripts.pyodide_bundle import _with_json_twins

    package = _with_json_twins(PACKAGE, tmp_path / "src")
    assert not list(package.rglob("*.toml")) and list(package.rglob("*.json"))
    script = ("import json, sys; sys.path.insert(0, sys.argv[1]); import guide_engine\n"
              "from guide_engine.api import all_ids\nfrom guide_engine.languages import languages\n"
              "out = {f'{g}/{lang}': guide_engine.evaluate(g, {}, lang) for g in all_ids() for lang in languages(g)}\n"
              "out['tomllib loaded'] = 'tomllib' in sys.modules\n"
              "print(json.dumps(out, ensure_ascii=False, default=str))")
    run = lambda where: json.loads(subprocess.run([sys.executable, "-c", script, str(where)], check=True,  # noqa: E731
                                                  capture_output=True, text=True).stdout)
    from_twins, from_toml = run(package.parent), run(PACKAGE.parent)
    assert from_twins.pop("tomllib loaded") is False  # the browser need not load the TOML parser
    assert from_toml.pop("tomllib loaded") is True
    assert from_twins == from_toml
    shutil.rmtree(tmp_path / "src")
