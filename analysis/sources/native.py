"""The project's own schema as CSV, Parquet or Excel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.errors import SourceFormatError
from analysis.sources._tabular import read_table
from analysis.validate import ROW_COLUMN

NAME = "native"
REQUIRED = ("incident_id", "date")


def matches(header: list[str]) -> bool:
    """True when the header has the schema's key columns and a killed column."""
    h = {c.strip() for c in header}
    return set(REQUIRED) <= h and bool(h & set(schema.COUNT_COLUMNS))


def read(path: str | Path, **options: object) -> pd.DataFrame:
    """Read a native file; columns outside the schema are ignored, missing optional ones blank."""
    raw = read_table(path)
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise SourceFormatError(
            f"missing required column(s) {', '.join(repr(m) for m in missing)}; "
            f"the native schema needs {', '.join(REQUIRED)}", file=path
        )
    if not (set(raw.columns) & set(schema.COUNT_COLUMNS)):
        raise SourceFormatError("has no killed or injured count column", file=path)
    keep = [c for c in schema.columns() if c in raw.columns]
    out = raw[keep].copy()
    out[ROW_COLUMN] = range(2, len(out) + 2)
    return out
