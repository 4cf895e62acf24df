"""The canonical incident table with its fingerprint and validation report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from analysis import schema
from analysis.validate import ROW_COLUMN, ValidationReport


def fingerprint(frame: pd.DataFrame) -> str:
    """SHA-256 of the normalised rows: schema columns, rows sorted by id, fixed text form.

    Two files with the same incidents give the same fingerprint whatever their
    format, column order, row order or spelling of provinces.
    """
    cols = list(schema.columns())
    f = frame[cols].copy()
    for c in ("date", "date_end"):
        f[c] = f[c].dt.strftime("%Y-%m-%d")
    f = f.astype("string").fillna("")
    f = f.sort_values(["incident_id", *cols[1:]], kind="mergesort")
    lines = ["\x1f".join(row) for row in zip(*(f[c].tolist() for c in cols), strict=True)]
    text = "\x1f".join(cols) + "\n" + "\n".join(lines)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Incidents:
    """Accepted incidents in the canonical schema, plus where they came from.

    Attributes
    ----------
    frame
        One row per incident, schema columns and dtypes, plus ``_row`` (line in the file).
    fingerprint
        SHA-256 of the normalised rows (see :func:`fingerprint`).
    source
        Source format used to read the file (``native``, ``ucdp``, ...).
    path
        File read, or ``None`` for data built in memory.
    report
        Validation report: every row read is accepted, warned or rejected.
    dataset
        Dataset name(s) found in the ``dataset`` column, e.g. ``"synthetic demo"``.
    """

    frame: pd.DataFrame
    fingerprint: str
    source: str
    path: str | None
    report: ValidationReport

    @property
    def dataset(self) -> str:
        """Dataset name(s) in the ``dataset`` column, comma-separated; the source when there are none."""
        names = sorted(str(n) for n in self.frame["dataset"].dropna().unique())
        return ", ".join(names) if names else (self.source or "unnamed")

    @property
    def is_synthetic(self) -> bool:
        """Whether any row comes from the synthetic demo dataset (briefs then say so on every page)."""
        return bool((self.frame["dataset"] == "synthetic demo").any())

    @property
    def coverage(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last incident date, or ``None`` when there are no incidents."""
        if self.frame.empty:
            return None
        return self.frame["date"].min(), self.frame["date"].max()


def from_frame(
    frame: pd.DataFrame, *, source: str = "memory", path: str | None = None, report: ValidationReport | None = None
) -> Incidents:
    """Wrap an already canonical frame (e.g. built in a test or notebook)."""
    f = schema.conform(frame)
    if ROW_COLUMN in frame:
        f[ROW_COLUMN] = frame[ROW_COLUMN].to_numpy()
    else:
        f[ROW_COLUMN] = range(2, len(f) + 2)
    if schema.PARTIAL_TOTAL_COLUMN in frame:  # already derived (e.g. a filtered validated frame)
        f[schema.PARTIAL_TOTAL_COLUMN] = schema.partial_total(frame)
    else:
        schema.derive_killed_total(f)
    rep = report or ValidationReport(file=path, source=source, rows_read=len(f), accepted=len(f), warned=0, rejected=0)
    return Incidents(frame=f, fingerprint=fingerprint(f), source=source, path=path, report=rep)
