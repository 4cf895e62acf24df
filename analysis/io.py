"""Load an incident file: detect or take its source, map, validate, fingerprint."""

from __future__ import annotations

from pathlib import Path

from analysis.errors import SourceFormatError
from analysis.incidents import Incidents, fingerprint
from analysis.sources import SOURCES
from analysis.sources._tabular import read_table
from analysis.validate import validate_rows


def detect_source(path: str | Path) -> str:
    """Name of the source whose columns the file has; error when none or several fit."""
    header = [str(c).strip() for c in read_table(path).columns]
    fits = [name for name, mod in SOURCES.items() if mod.matches(header)]
    if len(fits) == 1:
        return fits[0]
    if not fits:
        raise SourceFormatError(
            "columns match no known source (" + ", ".join(SOURCES) + "); "
            "pass --source, or write a mapping profile (secbrief profile init FILE)", file=path
        )
    raise SourceFormatError(f"columns fit several sources ({', '.join(fits)}); pass --source", file=path)


def load_incidents(path: str | Path, *, source: str | None = None, merge_fata: bool = True) -> Incidents:
    """Read ``path`` into canonical incidents.

    Parameters
    ----------
    path
        CSV, Parquet or Excel file.
    source
        Source format; detected from the columns when ``None``.
    merge_fata
        Report the historical FATA as part of Khyber Pakhtunkhwa (default).

    Returns
    -------
    Incidents
        Accepted rows plus the validation report (rejected rows are in the report).
    """
    p = Path(path)
    if source is None:
        source = detect_source(p)
    if source not in SOURCES:
        raise SourceFormatError(f"unknown source '{source}'; choose one of {', '.join(SOURCES)}", file=p)
    mapped = SOURCES[source].read(p)
    frame, report = validate_rows(mapped, file=str(p), source=source, merge_fata=merge_fata)
    return Incidents(frame=frame, fingerprint=fingerprint(frame), source=source, path=str(p), report=report)
