"""Validate mapped rows into canonical incidents, accounting for every row.

Each row read ends in exactly one of three outcomes: accepted, accepted with
warnings, or rejected. Rejections and warnings are :class:`Problem` records naming
the file, the row (as a spreadsheet shows it) and the column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from analysis import schema
from analysis.gazetteer import resolve_province

Severity = Literal["error", "warning"]

#: Column holding each row's line number in the source file (header = row 1).
ROW_COLUMN = "_row"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row (or with the file, when ``row`` is None)."""

    severity: Severity
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    file: str | None = None

    def one_line(self) -> str:
        """``file, row N, column 'c': message``."""
        where = [w for w in (self.file, f"row {self.row}" if self.row is not None else None,
                             f"column '{self.column}'" if self.column else None) if w]
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of reading one file: every row is accepted, warned or rejected."""

    file: str | None
    source: str
    rows_read: int
    accepted: int
    warned: int
    rejected: int
    problems: tuple[Problem, ...] = ()
    rejected_rows: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)
    excluded: tuple[Problem, ...] = ()
    """Rows that are not incidents at all (e.g. a column-totals row), excluded with a message."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


_TRUE_DATE = "%Y-%m-%d"


def _blank(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("string").str.strip() == "")


def _as_text(s: pd.Series) -> pd.Series:
    t = s.astype("string").str.strip()
    return t.mask(t == "", pd.NA)


def validate_rows(
    mapped: pd.DataFrame,
    *,
    file: str | None,
    source: str,
    merge_fata: bool = True,
) -> tuple[pd.DataFrame, ValidationReport]:
    """Check mapped rows and return the accepted ones as a canonical frame, plus a report.

    Parameters
    ----------
    mapped
        One row per input row, with canonical column names (any subset of the
        schema) holding raw values (text or numbers), and the input line number in
        ``_row``.
    file, source
        Named in every problem and in the report.
    merge_fata
        Report the historical FATA as Khyber Pakhtunkhwa (the default).
    """
    n = len(mapped)
    rows = mapped[ROW_COLUMN].to_numpy() if ROW_COLUMN in mapped else np.arange(2, n + 2)
    problems: list[Problem] = []
    bad = np.zeros(n, dtype=bool)
    warned = np.zeros(n, dtype=bool)
    out: dict[str, pd.Series] = {}

    def flag(mask: np.ndarray, severity: Severity, column: str | None, message: str,
             values: pd.Series | None = None) -> None:
        idx = np.flatnonzero(mask)
        for i in idx:
            v = None if values is None else str(values.iloc[i])
            problems.append(Problem(severity, message.format(value=v), int(rows[i]), column, v, file))
        if severity == "error":
            bad[idx] = True
        else:
            warned[idx] = True

    for f in schema.fields():
        if f.name not in mapped.columns:
            continue
        raw = mapped[f.name].reset_index(drop=True)
        blank = _blank(raw).to_numpy()
        if f.type == "string":
            out[f.name] = _as_text(raw)
        elif f.type == "date":
            if pd.api.types.is_datetime64_any_dtype(raw):
                parsed = raw.astype("datetime64[ns]")
            else:
                text = _as_text(raw).str.slice(0, 10)
                parsed = pd.to_datetime(text, format=_TRUE_DATE, errors="coerce")
            flag(~blank & parsed.isna().to_numpy(), "error", f.name,
                 "'{value}' is not a valid date (expected YYYY-MM-DD)", raw)
            out[f.name] = parsed.astype("datetime64[ns]")
        else:
            num = pd.to_numeric(_as_text(raw), errors="coerce") if not pd.api.types.is_numeric_dtype(raw) \
                else raw.astype("Float64")
            num = num.astype("Float64")
            nonnum = ~blank & num.isna().to_numpy()
            flag(nonnum, "error", f.name, "'{value}' is not a number", raw)
            if f.type == "integer":
                frac = (num.notna() & (num % 1 != 0)).fillna(False).to_numpy(dtype=bool)
                flag(frac, "error", f.name, "'{value}' is not a whole number", raw)
                neg = (num < 0).fillna(False).to_numpy(dtype=bool)
                flag(neg, "error", f.name, "'{value}' is negative; counts must be 0 or more", raw)
                num = num.where(~(frac | neg), pd.NA)
                out[f.name] = num.round().astype("Int64")
            else:
                if f.minimum is not None and f.maximum is not None:
                    outside = ((num < f.minimum) | (num > f.maximum)).fillna(False).to_numpy(dtype=bool)
                    flag(outside, "error", f.name,
                         f"'{{value}}' is outside {f.minimum:g}..{f.maximum:g}", raw)
                out[f.name] = num
        if f.required:
            flag(blank, "error", f.name, "is required but blank")
        if f.enum is not None and f.name in out:
            vals = out[f.name]
            invalid = (vals.notna() & ~vals.isin(f.enum)).fillna(False).to_numpy(dtype=bool)
            flag(invalid, "error", f.name,
                 "'{value}' is not one of " + ", ".join(f.enum), raw)

    frame = schema.conform(pd.DataFrame(out, index=pd.RangeIndex(n)))

    # Province through the gazetteer.
    prov_raw = frame["province"]
    resolved = prov_raw.map(lambda v: resolve_province(v, merge_fata=merge_fata) if pd.notna(v) else None)
    unknown_prov = (prov_raw.notna() & resolved.isna()).to_numpy(dtype=bool)
    flag(unknown_prov, "error", "province", "'{value}' is not a known province or territory", prov_raw)
    frame["province"] = resolved.astype("string")

    # Killed: categories vs total.
    cats = frame[list(schema.KILLED_CATEGORIES)]
    cat_sum = cats.sum(axis=1, min_count=1)
    given = frame["killed_total"]
    over = (given.notna() & cat_sum.notna() & (cat_sum > given)).fillna(False).to_numpy(dtype=bool)
    flag(over, "error", "killed_total",
         "killed categories sum to more than killed_total ({value})", given.astype("string"))
    frame["killed_total"] = given.fillna(cat_sum).astype("Int64")

    # Dates: end before start is a warning (kept, counted at its start date).
    end_before = (frame["date_end"].notna() & frame["date"].notna() & (frame["date_end"] < frame["date"])).to_numpy(dtype=bool)
    flag(end_before, "warning", "date_end", "end date {value} is before the start date", frame["date_end"].astype("string"))
    lo, hi, tot = frame["killed_low"], frame["killed_high"], frame["killed_total"]
    outside = ((lo.notna() & tot.notna() & (tot < lo)) | (hi.notna() & tot.notna() & (tot > hi))).fillna(False).to_numpy(dtype=bool)
    flag(outside, "warning", "killed_total", "killed_total {value} lies outside killed_low..killed_high", tot.astype("string"))

    # Duplicate ids.
    ids = frame["incident_id"]
    dup_any = ids.duplicated(keep=False) & ids.notna()
    if dup_any.any():
        content = frame.drop(columns=["incident_id"]).astype("string").fillna("\x00").agg("\x1f".join, axis=1)
        key = ids.fillna("") + "\x1e" + content
        exact = key.duplicated(keep="first") & dup_any
        differing = dup_any & ~key.duplicated(keep=False)
        differing |= dup_any & ids.isin(ids[differing]) & ~exact
        flag(exact.to_numpy(dtype=bool), "warning", "incident_id",
             "'{value}' repeats an identical row (exact duplicate kept once)", ids)
        flag(differing.to_numpy(dtype=bool), "error", "incident_id",
             "'{value}' is used by rows with different content", ids)
        drop_exact = exact.to_numpy(dtype=bool)
    else:
        drop_exact = np.zeros(n, dtype=bool)

    frame[ROW_COLUMN] = rows
    rejected_rows = mapped.reset_index(drop=True).loc[bad].copy()
    if len(rejected_rows):
        reasons = {}
        for p in problems:
            if p.severity == "error" and p.row is not None:
                reasons.setdefault(p.row, p.one_line())
        rejected_rows.insert(0, "reason", [reasons.get(int(r), "") for r in rows[bad]])
    accepted = frame.loc[~bad & ~drop_exact].reset_index(drop=True)
    problems.sort(key=lambda p: (p.row if p.row is not None else -1, p.severity != "error"))
    report = ValidationReport(
        file=file,
        source=source,
        rows_read=n,
        accepted=int((~bad & ~warned).sum()),
        warned=int((~bad & warned).sum()),
        rejected=int(bad.sum()),
        problems=tuple(problems),
        rejected_rows=rejected_rows,
    )
    return accepted, report
