"""The canonical incident schema, read once from ``data/schema.json``.

The JSON file is a Frictionless-style Table Schema; the code, the validator and the
documentation (``docs/schema.md``) are all derived from it, so it is written once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from analysis._assets import data_file

#: Killed-by-category columns; ``killed_total`` is at least their sum.
KILLED_CATEGORIES: tuple[str, ...] = (
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
)
#: Every count column of the schema.
COUNT_COLUMNS: tuple[str, ...] = (
    *KILLED_CATEGORIES,
    "killed_total",
    "killed_low",
    "killed_high",
    "injured_total",
)
#: Internal column (not in the schema file): True where ``killed_total`` was blank and only
#: some killed categories were given, so the total stored is their sum and a lower bound.
PARTIAL_TOTAL_COLUMN = "_killed_total_partial"


def derive_killed_total(frame: pd.DataFrame) -> None:
    """Fill a blank ``killed_total`` from the categories and flag lower bounds, in place.

    A blank total with every category given is their sum, exactly. With only some
    categories given it is the sum of those, a lower bound: the deaths are kept in
    every sum and the row is flagged in :data:`PARTIAL_TOTAL_COLUMN`, so counts treat
    it as partly unknown ("at least N"). A category blank in every row of the frame is
    one the source does not record and does not make a total partial. A total given by
    the source stays as given.
    """
    cats = frame[list(KILLED_CATEGORIES)]
    given = frame["killed_total"]
    some = cats.notna().any(axis=1)
    recorded = cats.loc[:, cats.notna().any(axis=0)]
    partial = given.isna() & some & recorded.isna().any(axis=1)
    frame["killed_total"] = given.fillna(cats.sum(axis=1, min_count=1)).astype("Int64")
    frame[PARTIAL_TOTAL_COLUMN] = partial.to_numpy(dtype=bool)


def partial_total(frame: pd.DataFrame) -> np.ndarray:
    """Boolean array: rows whose ``killed_total`` is a lower bound (see :func:`derive_killed_total`)."""
    if PARTIAL_TOTAL_COLUMN not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[PARTIAL_TOTAL_COLUMN].fillna(False).to_numpy(dtype=bool)


EVENT_TYPES: tuple[str, ...] = ("attack", "operation", "clash", "other")
METHODS: tuple[str, ...] = (
    "armed_assault",
    "bombing",
    "suicide_bombing",
    "targeted_killing",
    "kidnapping",
    "rocket_mortar",
    "drone_strike",
    "other",
    "unknown",
)
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Field:
    """One column of the schema."""

    name: str
    type: str
    title: str
    description: str
    required: bool
    enum: tuple[str, ...] | None
    minimum: float | None
    maximum: float | None


@cache
def schema() -> dict[str, Any]:
    """The Table Schema as parsed JSON."""
    with open(data_file("schema.json"), encoding="utf-8") as fh:
        return json.load(fh)


@cache
def fields() -> tuple[Field, ...]:
    """The schema's fields, in order."""
    out = []
    for f in schema()["fields"]:
        c = f.get("constraints", {})
        out.append(
            Field(
                name=f["name"],
                type=f["type"],
                title=f.get("title", f["name"]),
                description=f.get("description", ""),
                required=bool(c.get("required", False)),
                enum=tuple(c["enum"]) if "enum" in c else None,
                minimum=c.get("minimum"),
                maximum=c.get("maximum"),
            )
        )
    return tuple(out)


@cache
def columns() -> tuple[str, ...]:
    """Canonical column names, in schema order."""
    return tuple(f.name for f in fields())


def field(name: str) -> Field:
    """The field called ``name``."""
    for f in fields():
        if f.name == name:
            return f
    raise KeyError(name)


def pandas_dtype(f: Field) -> str:
    """The pandas dtype used for a field in a canonical frame."""
    return {
        "string": "string",
        "date": "datetime64[ns]",
        "integer": "Int64",
        "number": "Float64",
    }[f.type]


def empty_frame() -> pd.DataFrame:
    """A canonical frame with no rows and the schema's columns and dtypes."""
    return pd.DataFrame({f.name: pd.Series(dtype=pandas_dtype(f)) for f in fields()})


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema's columns (missing ones blank) and dtypes.

    Values must already be of the right kind (dates parsed, counts numeric);
    validation is done by :mod:`analysis.validate`, not here.
    """
    out = {}
    n = len(frame)
    for f in fields():
        dtype = pandas_dtype(f)
        if f.name in frame.columns:
            out[f.name] = frame[f.name].astype(dtype)
        else:
            out[f.name] = pd.Series([pd.NA] * n, dtype=dtype, index=frame.index)
    return pd.DataFrame(out, index=frame.index)
