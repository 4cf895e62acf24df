"""Validate mapped rows into canonical incidents, accounting for every row.

Each incident row read ends in exactly one of three outcomes: accepted, accepted
with warnings, or rejected. Rows that are not incidents at all (an HXL hashtag row,
a column-totals row, an empty row) are *excluded*, each with a message. So for every
file::

    rows in file = accepted + warned + rejected + excluded

Problems are :class:`Problem` records naming the file, the row (as a spreadsheet
shows it: header = row 1) and the column, in words a non-programmer can act on.

Checks
------
Field constraints come from ``data/schema.json`` (required, minimum/maximum,
allowed values) and are written once as vectorised checks
(:func:`_constraint_checks`) that run on the whole frame and give the failing rows
directly. Cross-column rules are vectorised pandas expressions. Values are parsed
on the whole column; only the spellings the vectorised parsers do not take (``1,234``, ``n/a``, odd spacing) go
through the per-value functions, which also word the messages.

Errors (row rejected): unparseable or impossible dates (not a calendar date,
before 1900, in the future), non-numeric, fractional or negative counts, values
outside their allowed set or range, killed categories adding up to more than
``killed_total``, one ``incident_id`` used by rows with different content.

A province name the gazetteer does not know is an error too: counting the row
under "unknown" would hide a typo; blank and "unknown" are accepted as unknown.

Warnings (row kept): ``killed_total`` outside ``killed_low..killed_high`` or a
reversed range, district names not in the gazetteer (kept as written), coordinates outside
Pakistan, an end date before the start date, exact duplicate rows (kept once),
and anything a source reader reports (e.g. a min above a max).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import Literal

import numpy as np
import pandas as pd

from analysis import cells, schema
from analysis.gazetteer import find_district, resolve_province

Severity = Literal["error", "warning"]

#: Column holding each row's line number in the source file (header = row 1).
ROW_COLUMN = "_row"

#: Approximate bounding box of Pakistan including Azad Jammu and Kashmir and
#: Gilgit-Baltistan (degrees, WGS 84), with a small margin for border events.
PAKISTAN_BOX = {"lat": (23.5, 37.2), "lon": (60.8, 77.9)}

#: Dates before this are taken as typing mistakes.
EARLIEST_DATE = pd.Timestamp("1900-01-01")

#: Fields whose problems are warnings: a bad value is left blank, the incident kept
#: (coordinates are not needed to count incidents).
SOFT_FIELDS = ("latitude", "longitude")

#: Cell values that mean "not known" (``missingValues`` of data/schema.json); read as blank.
MISSING_TOKENS = cells.MISSING_TOKENS
#: White space as ``str.split()`` sees it (defined in :mod:`analysis.cells`).
WHITESPACE = cells.WHITESPACE


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row (or with the file, when ``row`` is None).

    ``check`` is a short stable code (``bad_date``, ``unknown_district``, ...) for
    grouping and tests; ``message`` is the sentence shown to people.
    """

    severity: Severity
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    file: str | None = None
    check: str | None = None

    def one_line(self) -> str:
        """``file, row N, column 'c': message``."""
        where = [
            w
            for w in (
                self.file,
                f"row {self.row}" if self.row is not None else None,
                f"column '{self.column}'" if self.column else None,
            )
            if w
        ]
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class MappedRows:
    """What a source reader hands to :func:`validate_rows`.

    Attributes
    ----------
    frame
        One row per incident row of the file: canonical column names (any subset
        of the schema) holding raw values, and the row number in ``_row``.
    excluded
        Rows of the file that are not incidents (already left out of ``frame``),
        one message each.
    problems
        Row-level problems the reader found while mapping (e.g. a min above a max).
    date_hint
        How dates in ``frame`` that could not be read were expected to look, for messages.
    notes
        What the reader assumed (delimiter, sheet, rules applied), for the summary.
    """

    frame: pd.DataFrame
    excluded: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    date_hint: str = "YYYY-MM-DD"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of reading one file: every incident row is accepted, warned or rejected.

    ``rows_read`` counts incident rows (``accepted + warned + rejected``); rows that
    are not incidents are in ``excluded``; :attr:`rows_in_file` adds both.
    ``duplicates_dropped`` exact duplicate rows are counted as warned but kept once.
    """

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
    notes: tuple[str, ...] = ()
    duplicates_dropped: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity ``warning``."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def rows_in_file(self) -> int:
        """Data rows under the header: incident rows plus excluded rows."""
        return self.rows_read + len(self.excluded)

    def count(self, check: str) -> int:
        """Number of problems with the given ``check`` code."""
        return sum(1 for p in self.problems if p.check == check)


# --------------------------------------------------------------------------- accounting


class _Accounts:
    """Problems and per-row outcome flags, filled vectorised check by check."""

    def __init__(self, rows: np.ndarray, file: str | None) -> None:
        self.rows = rows
        self.file = file
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(rows), dtype=bool)
        self.warned = np.zeros(len(rows), dtype=bool)
        self._error_cells: set[tuple[int, str | None]] = set()
        self._warning_checks: set[tuple[int, str]] = set()

    def flag(
        self,
        mask: np.ndarray,
        severity: Severity,
        column: str | None,
        check: str,
        message: Callable[[int], str],
        values: pd.Series | None = None,
    ) -> None:
        """Record a problem for every row position where ``mask`` is true.

        ``message(i)`` builds the sentence for position ``i``. A cell that already has
        an error (e.g. unreadable date) gets no second error, and a row gets each
        warning check once (a reader's own wording, recorded first, wins).
        """
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        shown = None if values is None else _cells(values)
        for i in idx:
            v = None if shown is None else _show(shown[i])
            self.record(int(i), severity, column, check, message(int(i)), v)

    def record(
        self, i: int, severity: Severity, column: str | None, check: str, message: str, value: str | None = None
    ) -> None:
        """Record one problem for row position ``i``."""
        if severity == "error":
            if (i, column) in self._error_cells:
                return
            self._error_cells.add((i, column))
            self.bad[i] = True
        else:
            if (i, check) in self._warning_checks:
                return
            self._warning_checks.add((i, check))
            self.warned[i] = True
        self.problems.append(Problem(severity, message, int(self.rows[i]), column, value, self.file, check))


def _show(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else f"{v:%Y-%m-%d}"
    return str(v)


def _cells(s: pd.Series) -> np.ndarray:
    """Values as a NumPy object array: indexing it per problem is ~100x cheaper than ``Series.iloc``."""
    return s.to_numpy(dtype=object, na_value=None)


class _LazyCells:
    """:func:`_cells` of a Series, computed when first indexed (most checks flag no row)."""

    __slots__ = ("_series", "_values")

    def __init__(self, series: pd.Series) -> None:
        self._series = series
        self._values: np.ndarray | None = None

    def __getitem__(self, i: int) -> object:
        if self._values is None:
            self._values = _cells(self._series)
        return self._values[i]


def _mask(s: pd.Series) -> np.ndarray:
    return s.fillna(False).to_numpy(dtype=bool)


# --------------------------------------------------------------------------- parsing

#: Fields whose text keeps its line breaks and spacing.
_FREE_TEXT = ("description", "source", "source_url")

# The cell parser shared by every source (analysis/cells.py), under the names this module used.
_per_value, _strings, _finish, _clean, _text = cells.per_value, cells.strings, cells.finish, cells.clean, cells.text
_number, _numbers, _missing_token = cells.number, cells.numbers, cells.missing_tokens


def _parse_date(raw: pd.Series, name: str, acc: _Accounts, hint: str) -> pd.Series:
    parsed, bad, out = cells.dates(raw)
    if bad.any() or out.any():
        shown = raw if pd.api.types.is_datetime64_any_dtype(raw) else _text(raw)
        written = _cells(shown)
        acc.flag(
            bad,
            "error",
            name,
            "bad_date",
            lambda i: f"'{_show(written[i])}' is not a valid date (expected {hint})",
            shown,
        )
        lo, hi = cells.YEARS
        acc.flag(
            out,
            "error",
            name,
            "date_out_of_range",
            lambda i: (
                f"'{_show(written[i])}' has a year outside {lo}-{hi}, the dates secbrief can hold "
                "(pandas keeps dates in nanoseconds); check the year"
            ),
            shown,
        )
    return parsed


def _parse_number(raw: pd.Series, f: schema.Field, acc: _Accounts) -> pd.Series:
    severity: Severity = "warning" if f.name in SOFT_FIELDS else "error"
    values, nonnum = _numbers(raw, f.type == "integer")
    num = pd.Series(values, index=raw.index).astype("Float64")
    t = None
    if nonnum.any():
        t = _text(raw)
        shown = t.to_numpy(dtype=object)
        acc.flag(
            nonnum,
            severity,
            f.name,
            "not_a_number",
            lambda i: f"'{shown[i]}' is not a number" + ("; left blank" if severity == "warning" else ""),
            t,
        )
    if f.type == "integer":
        frac = _mask(num.notna() & (num % 1 != 0))
        if frac.any():
            t = _text(raw) if t is None else t
            written = _cells(t)
            acc.flag(frac, "error", f.name, "not_whole", lambda i: f"'{written[i]}' is not a whole number", t)
            num = num.mask(pd.Series(frac, index=num.index), pd.NA)
        return num.round().astype("Int64")
    return num


def _enum_value(v: object) -> str | None:
    """Allowed-value spelling: lower case, spaces and hyphens as underscores ('Suicide bombing')."""
    t = _clean(v)
    return None if t is None else re.sub(r"[\s-]+", "_", t.lower())


def _parse(raw: pd.DataFrame, acc: _Accounts, hint: str) -> pd.DataFrame:
    out: dict[str, pd.Series] = {}
    for f in schema.fields():
        if f.name not in raw.columns:
            continue
        col = raw[f.name]
        if f.type == "date":
            out[f.name] = _parse_date(col, f.name, acc, hint)
        elif f.type in ("integer", "number"):
            out[f.name] = _parse_number(col, f, acc)
        elif f.enum is not None:
            text = _strings(col)
            out[f.name] = (
                _per_value(col, _enum_value, "string")
                if text is None
                else _finish(text, ~_mask(text.str.fullmatch("[a-z0-9_]+")) & text.notna().to_numpy(), _enum_value)
            )
        else:
            out[f.name] = _text(col, collapse=f.name not in _FREE_TEXT)
    return schema.conform(pd.DataFrame(out, index=raw.index))


# --------------------------------------------------------------------------- field constraints


def _limit(v: float) -> str:
    return f"{v:g}"


def _between(lo: float, hi: float) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return (s >= lo) & (s <= hi)

    return check


def _at_least(lo: float) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return s >= lo

    return check


def _one_of(allowed: list[str]) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return s.isin(allowed)

    return check


@cache
def _constraint_checks() -> dict[str, tuple[tuple[str, Callable[[pd.Series], pd.Series]], ...]]:
    """The schema.json constraints as named vectorised checks, per column (defined only here).

    Each check takes a column and returns a boolean Series, true where a value passes;
    blanks are not checked (a required field is checked for blanks separately).
    """
    out = {}
    for f in schema.fields():
        checks: list[tuple[str, Callable[[pd.Series], pd.Series]]] = []
        if f.minimum is not None and f.maximum is not None:
            checks.append(("out_of_range", _between(f.minimum, f.maximum)))
        elif f.minimum is not None:
            checks.append(("negative" if f.minimum == 0 else "below_minimum", _at_least(f.minimum)))
        if f.enum is not None:
            checks.append(("not_allowed", _one_of(list(f.enum))))
        if f.type == "date":
            checks.append(("too_early", lambda s: s >= EARLIEST_DATE))
            checks.append(("in_future", lambda s: s <= pd.Timestamp.today().normalize() + pd.Timedelta(days=1)))
        out[f.name] = tuple(checks)
    return out


def _constraint_failures(frame: pd.DataFrame) -> list[tuple[str, str, np.ndarray]]:
    """Every failed constraint as ``(column, check, mask of failing rows)``, in schema order.

    ``not_nullable`` marks a blank required field; the other checks are those of
    :func:`_constraint_checks`, run on the filled values only. A required column
    missing from ``frame`` is blank in every row.
    """
    out: list[tuple[str, str, np.ndarray]] = []
    n = len(frame)
    for f in schema.fields():
        if f.name not in frame.columns:
            if f.required:
                out.append((f.name, "not_nullable", np.ones(n, dtype=bool)))
            continue
        s = frame[f.name]
        blank = s.isna().to_numpy()
        if f.required and blank.any():
            out.append((f.name, "not_nullable", blank))
        if blank.all():
            continue
        filled = s.loc[~blank]
        for name, fn in _constraint_checks()[f.name]:
            ok = _mask(fn(filled))
            if not ok.all():
                mask = np.zeros(n, dtype=bool)
                mask[np.flatnonzero(~blank)[~ok]] = True
                out.append((f.name, name, mask))
    return out


def _constraint_message(f: schema.Field, check: str, value: str) -> str:
    if check == "not_nullable":
        return "is required but blank"
    if check == "negative":
        return f"'{value}' is negative; counts must be 0 or more"
    if check == "below_minimum":
        return f"'{value}' is below the minimum {_limit(f.minimum or 0)}"
    if check == "out_of_range":
        return f"'{value}' is outside {_limit(f.minimum or 0)}..{_limit(f.maximum or 0)}"
    if check == "not_allowed":
        return f"'{value}' is not one of {', '.join(f.enum or ())}"
    if check == "too_early":
        return f"date {value} is before {EARLIEST_DATE:%Y}; check the year"
    if check == "in_future":
        return f"date {value} is in the future"
    return f"'{value}' fails the check '{check}'"


def _constraint_problem(i: int, *, f: schema.Field, check: str, cells: np.ndarray, soft: bool) -> str:
    """Message for the failed constraint ``check`` at row position ``i`` (soft fields are blanked)."""
    return _constraint_message(f, check, _show(cells[i])) + ("; left blank" if soft else "")


def _check_constraints(frame: pd.DataFrame, raw: pd.DataFrame, acc: _Accounts) -> None:
    """Turn every failed schema constraint into one-line problems.

    Failures in :data:`SOFT_FIELDS` are warnings and the value is blanked in ``frame``.
    """
    for column, check, mask in _constraint_failures(frame):
        f = schema.field(column)
        shown = raw[f.name] if f.name in raw.columns and f.type != "date" else frame[f.name]
        soft = f.name in SOFT_FIELDS
        cells = _cells(shown)
        acc.flag(
            mask,
            "warning" if soft else "error",
            f.name,
            check,
            partial(_constraint_problem, f=f, check=check, cells=cells, soft=soft),
            shown,
        )
        if soft:
            frame.loc[mask, f.name] = pd.NA


# --------------------------------------------------------------------------- places


def _resolve_places(frame: pd.DataFrame, acc: _Accounts, merge_fata: bool) -> None:
    prov = frame["province"]
    prov = prov.mask(pd.Series(_missing_token(prov), index=prov.index), pd.NA)
    names = {v: resolve_province(v, merge_fata=merge_fata) for v in prov.dropna().unique()}
    resolved = prov.map(names).astype("string")
    unknown = _mask(prov.notna() & resolved.isna())
    names_written = _LazyCells(prov)
    acc.flag(
        unknown,
        "error",
        "province",
        "unknown_province",
        lambda i: (
            f"'{names_written[i]}' is not a known province or territory (map the spelling in a "
            "profile's [values.province], or leave it blank to count it as unknown)"
        ),
        prov,
    )
    frame["province"] = resolved

    dist = frame["district"]
    dist = dist.mask(pd.Series(_missing_token(dist), index=dist.index), pd.NA)
    known = {v: (d.name if (d := find_district(str(v))) else None) for v in dist.dropna().unique()}
    canon = dist.map(known).astype("string")
    unknown_d = _mask(dist.notna() & canon.isna())
    written = dist.to_numpy(dtype=object)
    acc.flag(
        unknown_d,
        "warning",
        "district",
        "unknown_district",
        lambda i: f"'{written[i]}' is not in the gazetteer; kept as written",
        dist,
    )
    frame["district"] = canon.fillna(dist)


# --------------------------------------------------------------------------- cross-column rules


def _check_counts(frame: pd.DataFrame, acc: _Accounts) -> None:
    cats = frame[list(schema.KILLED_CATEGORIES)]
    cat_sum = cats.sum(axis=1, min_count=1)
    given = frame["killed_total"]
    over = _mask(given.notna() & cat_sum.notna() & (cat_sum > given))

    cat_cells = {c: _LazyCells(cats[c]) for c in schema.KILLED_CATEGORIES}
    sums, totals = _LazyCells(cat_sum), _LazyCells(given)

    def over_msg(i: int) -> str:
        parts = ", ".join(
            f"{c.removeprefix('killed_')} {_show(v[i])}" for c, v in cat_cells.items() if v[i] is not None
        )
        return f"killed categories add up to {_show(sums[i])} ({parts}), more than killed_total {_show(totals[i])}"

    acc.flag(over, "error", "killed_total", "categories_over_total", over_msg, given)
    schema.derive_killed_total(frame)

    lo, hi, tot = frame["killed_low"], frame["killed_high"], frame["killed_total"]
    lo_, hi_, tot_ = _LazyCells(lo), _LazyCells(hi), _LazyCells(tot)
    reversed_ = _mask(lo.notna() & hi.notna() & (lo > hi))
    acc.flag(
        reversed_,
        "warning",
        "killed_low",
        "range_reversed",
        lambda i: f"killed_low {lo_[i]} is above killed_high {hi_[i]} (range reversed in the source; kept as given)",
        lo,
    )
    outside = _mask(tot.notna() & ((lo.notna() & (tot < lo)) | (hi.notna() & (tot > hi)))) & ~reversed_
    acc.flag(
        outside,
        "warning",
        "killed_total",
        "total_outside_range",
        lambda i: (
            f"killed_total {tot_[i]} lies outside killed_low..killed_high "
            f"({_show(lo_[i]) or '?'}..{_show(hi_[i]) or '?'}); kept as given"
        ),
        tot,
    )


def _check_dates_and_places(frame: pd.DataFrame, acc: _Accounts) -> None:
    start, end = frame["date"], frame["date_end"]
    before = _mask(end.notna() & start.notna() & (end < start))
    end_, start_ = _LazyCells(end), _LazyCells(start)
    acc.flag(
        before,
        "warning",
        "date_end",
        "end_before_start",
        lambda i: (
            f"end date {end_[i]:%Y-%m-%d} is before the start date {start_[i]:%Y-%m-%d}; counted at the start date"
        ),
        end,
    )
    lat, lon = frame["latitude"], frame["longitude"]
    (la0, la1), (lo0, lo1) = PAKISTAN_BOX["lat"], PAKISTAN_BOX["lon"]
    outside = _mask(lat.notna() & lon.notna() & ((lat < la0) | (lat > la1) | (lon < lo0) | (lon > lo1)))
    lat_, lon_ = _LazyCells(lat), _LazyCells(lon)
    acc.flag(
        outside,
        "warning",
        "latitude",
        "outside_pakistan",
        lambda i: f"coordinates {lat_[i]:g}, {lon_[i]:g} lie outside Pakistan; kept as given",
        lat,
    )


def _check_duplicates(frame: pd.DataFrame, acc: _Accounts) -> np.ndarray:
    """Flag repeated ids; return the mask of exact duplicate rows to drop (first copy kept)."""
    ids = frame["incident_id"]
    dup_any = ids.notna() & ids.duplicated(keep=False)
    if not dup_any.any():
        return np.zeros(len(frame), dtype=bool)
    sub = frame.loc[dup_any]
    content = pd.util.hash_pandas_object(sub[list(schema.columns())], index=False)
    key = pd.DataFrame({"id": sub["incident_id"], "content": content})
    exact = key.duplicated(keep="first")
    variants = key.drop_duplicates().groupby("id")["content"].nunique()
    differing_ids = set(variants.index[variants > 1])
    differing = sub["incident_id"].isin(differing_ids)
    first_row: dict[str, int] = {}
    for i, r in zip(sub["incident_id"], acc.rows[np.flatnonzero(dup_any)], strict=True):
        first_row.setdefault(i, int(r))
    exact_mask = np.zeros(len(frame), dtype=bool)
    exact_mask[np.flatnonzero(dup_any)[(exact & ~differing).to_numpy()]] = True
    diff_mask = np.zeros(len(frame), dtype=bool)
    diff_mask[np.flatnonzero(dup_any)[differing.to_numpy()]] = True
    ids_ = _cells(ids)
    acc.flag(
        exact_mask,
        "warning",
        "incident_id",
        "exact_duplicate",
        lambda i: f"'{ids_[i]}' repeats row {first_row[ids_[i]]} exactly; counted once",
        ids,
    )
    acc.flag(
        diff_mask,
        "error",
        "incident_id",
        "duplicate_id",
        lambda i: (
            f"'{ids_[i]}' is used by rows with different content (first at row "
            f"{first_row[ids_[i]]}); give each incident its own id"
        ),
        ids,
    )
    return exact_mask


def _reader_problems(problems: Sequence[Problem], acc: _Accounts) -> None:
    if not problems:
        return
    where = {int(r): i for i, r in enumerate(acc.rows)}
    for p in problems:
        i = where.get(int(p.row)) if p.row is not None else None
        if i is None:
            acc.problems.append(p)
        else:
            acc.record(i, p.severity, p.column, p.check or "source", p.message, p.value)


# --------------------------------------------------------------------------- entry point


def _rejected_table(raw: pd.DataFrame, acc: _Accounts, file: str | None) -> pd.DataFrame:
    """Rejected rows with file, row, column and reason first, then the values as mapped."""
    bad = acc.bad
    reasons: dict[int, list[Problem]] = {}
    for p in acc.problems:
        if p.severity == "error" and p.row is not None:
            reasons.setdefault(p.row, []).append(p)
    values = raw.loc[bad].drop(columns=[ROW_COLUMN], errors="ignore").reset_index(drop=True)
    rows = [int(r) for r in acc.rows[bad]]
    head = pd.DataFrame(
        {
            "file": [file or ""] * len(rows),
            "row": rows,
            "column": [reasons[r][0].column or "" for r in rows],
            "reason": ["; ".join(replace(p, file=None).one_line() for p in reasons[r]) for r in rows],
        }
    )
    return pd.concat([head, values.astype("string")], axis=1)


def validate_rows(
    mapped: pd.DataFrame | MappedRows,
    *,
    file: str | None,
    source: str,
    merge_fata: bool = True,
) -> tuple[pd.DataFrame, ValidationReport]:
    """Check mapped rows and return the accepted ones as a canonical frame, plus a report.

    Parameters
    ----------
    mapped
        Either a frame with one row per input row, canonical column names (any
        subset of the schema) holding raw values (text or numbers) and the input
        row number in ``_row``; or a :class:`MappedRows` that also carries excluded
        rows and the reader's own problems.
    file, source
        Named in every problem and in the report.
    merge_fata
        Report the historical FATA as Khyber Pakhtunkhwa (the default).

    Returns
    -------
    frame
        Accepted incidents (warned ones included, exact duplicates once), schema
        columns and dtypes plus ``_row``.
    report
        Counts of each outcome, the problems, the rejected rows with their reasons.
    """
    m = mapped if isinstance(mapped, MappedRows) else MappedRows(frame=mapped)
    raw = m.frame.reset_index(drop=True)
    n = len(raw)
    rows = raw[ROW_COLUMN].to_numpy(dtype="int64") if ROW_COLUMN in raw else np.arange(2, n + 2)
    acc = _Accounts(rows, file)

    _reader_problems(m.problems, acc)
    frame = _parse(raw, acc, m.date_hint)
    _check_constraints(frame, raw, acc)
    _resolve_places(frame, acc, merge_fata)
    _check_counts(frame, acc)
    _check_dates_and_places(frame, acc)
    drop_exact = _check_duplicates(frame, acc)

    frame[ROW_COLUMN] = rows
    accepted = frame.loc[~acc.bad & ~drop_exact].reset_index(drop=True)
    acc.problems.sort(key=lambda p: (p.row if p.row is not None else -1, p.severity != "error"))
    report = ValidationReport(
        file=file,
        source=source,
        rows_read=n,
        accepted=int((~acc.bad & ~acc.warned).sum()),
        warned=int((~acc.bad & acc.warned).sum()),
        rejected=int(acc.bad.sum()),
        problems=tuple(acc.problems),
        rejected_rows=_rejected_table(raw, acc, file),
        excluded=tuple(m.excluded),
        notes=tuple(m.notes),
        duplicates_dropped=int((drop_exact & ~acc.bad).sum()),
    )
    return accepted, report
