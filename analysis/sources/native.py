"""The project's own schema (``data/schema.json``) as CSV, Parquet or Excel."""

from __future__ import annotations

from pathlib import Path

from analysis import schema
from analysis.capabilities import Capabilities
from analysis.errors import SourceFormatError
from analysis.sources._mapping import header_names, mapped_rows, split_non_incidents
from analysis.sources._tabular import read_records
from analysis.validate import MappedRows

NAME = "native"
REQUIRED = ("incident_id", "date")
#: The native schema can record everything; a column blank in every row is not recorded.
RECORDS = Capabilities()


def matches(header: list[str]) -> bool:
    """True when the header has the schema's key columns and a killed or injured column."""
    h = header_names(header)
    return set(REQUIRED) <= h and bool(h & set(schema.COUNT_COLUMNS))


def read(path: str | Path, **options: object) -> MappedRows:
    """Read a native file; columns outside the schema are ignored, missing optional ones blank.

    Column names are matched ignoring case and surrounding spaces.
    """
    table = read_records(path)
    missing = table.missing(REQUIRED)
    if missing:
        raise SourceFormatError(
            f"missing required column(s) {', '.join(missing)}; the native schema needs "
            "incident_id, date and at least one count column",
            file=path,
        )
    if not any(table.find(c) for c in schema.COUNT_COLUMNS):
        raise SourceFormatError(
            "has no count column; the native schema needs at least one of " + ", ".join(schema.COUNT_COLUMNS),
            file=path,
        )
    present = [c for c in schema.columns() if table.find(c)]
    table.require(present)
    keep, excluded = split_non_incidents(table, REQUIRED)
    cols = {c: table.frame[table.find(c)] for c in present}
    return mapped_rows(table, keep, cols, excluded=excluded)
