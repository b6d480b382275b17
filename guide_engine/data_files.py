"""The package's data files (guides and laws), read with os.path.

importlib.resources would pull in pathlib, zipfile and tempfile: a noticeable start-up cost in
the browser, and the package is always installed as plain files (a checkout or a wheel).
"""
from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def names(folder: str, suffix: str = ".toml") -> list[str]:
    """Sorted file names in a data folder of the package."""
    return sorted(n for n in os.listdir(os.path.join(HERE, folder)) if n.endswith(suffix))


def read(folder: str, name: str) -> str:
    with open(os.path.join(HERE, folder, name), encoding="utf-8") as f:
        return f.read()


def folders(folder: str) -> list[str]:
    """Sorted names of the sub-folders of a data folder (one per guide)."""
    base = os.path.join(HERE, folder)
    return sorted(n for n in os.listdir(base) if os.path.isdir(os.path.join(base, n)) and not n.startswith(("_", ".")))


def exists(folder: str, name: str) -> bool:
    return os.path.isfile(os.path.join(HERE, folder, name))
