"""The package's data files (guides and laws), read with os.path.

importlib.resources would pull in pathlib, zipfile and tempfile: a noticeable start-up cost in
the browser, and the package is always installed as plain files (a checkout or a wheel).

The data files are TOML. The browser's copy of the package holds a JSON twin of each instead
(build_scripts/pyodide_bundle.py writes them with `twin`): Pyodide parses JSON in C, while
tomllib, pure Python there, took most of the engine's start. `load` reads whichever is there,
so the engine runs from the TOML alone in CPython, with nothing built.
"""
from __future__ import annotations

import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def names(folder: str, suffix: str = ".toml") -> list[str]:
    """Sorted file names in a data folder of the package (a JSON twin counts as its TOML file)."""
    found = os.listdir(os.path.join(HERE, folder))
    if suffix == ".toml":
        found = [n[:-len(".json")] + ".toml" if n.endswith(".json") else n for n in found]
    return sorted(set(n for n in found if n.endswith(suffix)))


def read(folder: str, name: str) -> str:
    with open(os.path.join(HERE, folder, name), encoding="utf-8") as f:
        return f.read()


def folders(folder: str) -> list[str]:
    """Sorted names of the sub-folders of a data folder (one per guide)."""
    base = os.path.join(HERE, folder)
    return sorted(n for n in os.listdir(base) if os.path.isdir(os.path.join(base, n)) and not n.startswith(("_", ".")))


def exists(folder: str, name: str) -> bool:
    return os.path.isfile(os.path.join(HERE, folder, name)) or os.path.isfile(os.path.join(HERE, folder, _twin_name(name)))


def load(folder: str, name: str) -> dict:
    """A TOML data file's contents, from its JSON twin where there is one. ValueError if the file
    does not parse, FileNotFoundError if neither is there."""
    twin = os.path.join(HERE, folder, _twin_name(name))
    if os.path.isfile(twin):
        with open(twin, encoding="utf-8") as f:
            return json.load(f, object_hook=_from_json)
    import tomllib  # here, not above: the browser, which has the twins, need not load it

    return tomllib.loads(read(folder, name))


def twin(data: dict) -> str:
    """The JSON twin of a parsed TOML file. JSON has no dates: a TOML date becomes {"$date": ISO}."""
    def encode(value):
        if type(value) is datetime.date:
            return {_DATE: value.isoformat()}
        raise TypeError(f"{type(value).__name__} i en datafil: bare datoer (ikke klokkeslett) kan bli JSON")

    def check(value):  # a table of its own named "$date" would read back as a date
        if isinstance(value, dict):
            if list(value) == [_DATE]:
                raise ValueError(f"en tabell med bare nøkkelen «{_DATE}» kan ikke bli JSON")
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)

    check(data)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=encode)


_DATE = "$date"


def _twin_name(name: str) -> str:
    return name[:-len(".toml")] + ".json" if name.endswith(".toml") else name


def _from_json(table: dict):
    return datetime.date.fromisoformat(table[_DATE]) if len(table) == 1 and _DATE in table else table
