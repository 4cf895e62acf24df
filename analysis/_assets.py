"""Locate the files that ship with secbrief (schema, gazetteer, population, demo data, templates).

In a source checkout or an editable install they live at the repository root
(``data/``, ``templates/``); in a wheel they are packaged as ``analysis/_data`` and
``reports/_templates`` (see ``pyproject.toml``). Every path is derived here, once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    """Directory holding ``schema.json``, the gazetteer, population and demo data."""
    packaged = _PACKAGE_DIR / "_data"
    if (packaged / "schema.json").is_file():
        return packaged
    return _PACKAGE_DIR.parent / "data"


@cache
def templates_dir() -> Path:
    """Directory holding the Jinja2 templates and CSS."""
    packaged = _PACKAGE_DIR.parent / "reports" / "_templates"
    if (packaged / "base.html").is_file():
        return packaged
    return _PACKAGE_DIR.parent / "templates"


def data_file(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``data_file("gazetteer", "provinces.csv")``."""
    return data_dir().joinpath(*parts)
