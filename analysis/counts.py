"""Counts of incidents, killed and injured, by any grouping, zero-filled.

A blank count means unknown, not zero: sums skip blanks and the number of
incidents with a blank value is kept beside each sum (``<measure>_unknown``), so a
total can read "at least N". A ``killed_total`` derived from only some of the killed
categories (:func:`analysis.schema.derive_killed_total`) keeps its deaths in the sum and
counts among the unknowns of ``killed_total``. Rows without a province are counted under
``UNKNOWN`` (never dropped).

Multi-day incidents are counted on their start date by default
(``date_rule="start"``). With ``date_rule="spread"`` their killed and injured are
spread evenly over the days from ``date`` to ``date_end`` with largest-remainder
rounding, so every day gets a whole number and the sum over the days is exactly the
incident's count: no death is lost or invented. The incident itself (and its
``*_unknown`` flags) still counts once, on its start day.

Imprecise dates. An incident dated only to a week, month or year (``date_precision``)
is counted in a period only when the period wholly contains its date range
(:func:`date_spans`), and in a table by month or day only when one month or day
wholly contains it: it is never assigned to a day or month it may not belong to, and
never spread. :func:`imprecise_dates` says how many incidents and deaths overlap a
period without being placeable in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from analysis import schema
from analysis.gazetteer import reporting_provinces
from analysis.periods import Period

UNKNOWN = "unknown"

#: Measures a table or brief can ask for.
MEASURES: tuple[str, ...] = (
    "incidents",
    "attacks",
    "operations",
    "killed_total",
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
    "killed_low",
    "killed_high",
    "injured_total",
)
SUM_MEASURES = tuple(m for m in MEASURES if m in schema.COUNT_COLUMNS)
EVENT_MEASURES = ("incidents", "attacks", "operations")
TIME_KEYS = ("year", "quarter", "month", "day")
GROUP_KEYS = ("province", "district", "event_type", "method", "perpetrator", "target", "dataset")

DateRule = Literal["start", "spread"]
DATE_RULES: tuple[str, ...] = ("start", "spread")


def _check(names: Sequence[str], valid: Sequence[str], what: str) -> None:
    bad = [n for n in names if n not in valid]
    if bad:
        raise ValueError(f"unknown {what} {', '.join(map(repr, bad))}; choose from {', '.join(valid)}")


_NS_PER_DAY = 86_400_000_000_000

#: Precisions that date an incident only to a range of days.
IMPRECISE: tuple[str, ...] = ("week", "month", "year")


@dataclass(frozen=True)
class DateSpans:
    """Where each incident may have happened, as day numbers (days since 1970-01-01).

    ``first``/``last`` bound the days the incident may belong to; ``imprecise`` marks
    incidents dated only to a week, month or year. For an exactly dated incident
    ``first == last`` is its start day (a multi-day incident is placed on its start
    day, or spread over its days with ``date_rule="spread"``).
    """

    first: np.ndarray
    last: np.ndarray
    imprecise: np.ndarray
    precision: np.ndarray


def date_spans(frame: pd.DataFrame) -> DateSpans:
    """The range of days each incident may belong to, from ``date``, ``date_end`` and ``date_precision``.

    Rule: an incident whose ``date_precision`` is ``week``, ``month`` or ``year`` may
    belong to any day from ``date`` to ``date_end``. Without an end date the range is
    implied by the precision: the calendar month (``month``) or calendar year
    (``year``) of ``date``, as GTD codes an unknown day or month; for ``week``, the ten
    days from three days before ``date`` to six days after it, which hold the week
    whichever convention dated it (its first day, as secbrief's news extraction does,
    or its middle). A blank precision is ``day``: the start date is the incident's day.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame(
    ...     {
    ...         "date": pd.to_datetime(["2009-01-01", "2025-03-17", "2025-03-17"]),
    ...         "date_end": pd.to_datetime(["2009-12-31", None, None]),
    ...         "date_precision": ["year", "month", None],
    ...     }
    ... )
    >>> s = date_spans(f)
    >>> [str(d) for d in s.first.astype("datetime64[D]")], [str(d) for d in s.last.astype("datetime64[D]")]
    (['2009-01-01', '2025-03-01', '2025-03-17'], ['2009-12-31', '2025-03-31', '2025-03-17'])
    >>> s.imprecise.tolist()
    [True, True, False]
    """
    start = _day_numbers(frame["date"])
    n = len(frame)
    prec = np.full(n, "day", dtype=object)
    if "date_precision" in frame.columns:
        imprecise = frame["date_precision"].isin(IMPRECISE).to_numpy(dtype=bool, na_value=False)
        if imprecise.any():
            prec[imprecise] = frame["date_precision"].to_numpy(dtype=object)[imprecise]
    else:
        imprecise = np.zeros(n, dtype=bool)
    first, last = start, start
    if imprecise.any():  # only the imprecise rows are touched
        idx = np.flatnonzero(imprecise)
        st = start[idx]
        p = prec[idx]
        d = st.astype("datetime64[D]")
        month0, year0 = d.astype("datetime64[M]"), d.astype("datetime64[Y]")
        is_month, is_year = p == "month", p == "year"
        lo = np.where(
            is_month,
            month0.astype("datetime64[D]").astype("int64"),
            np.where(is_year, year0.astype("datetime64[D]").astype("int64"), st - 3),
        )
        hi = np.where(
            is_month,
            (month0 + 1).astype("datetime64[D]").astype("int64") - 1,
            np.where(is_year, (year0 + 1).astype("datetime64[D]").astype("int64") - 1, st + 6),
        )
        if "date_end" in frame.columns:
            end = frame["date_end"].to_numpy(dtype="datetime64[ns]")[idx]
            has_end = ~np.isnat(end)
            end_day = np.where(has_end, end.astype("datetime64[D]").astype("int64"), st)
            lo = np.where(has_end, st, lo)
            hi = np.where(has_end, np.maximum(end_day, st), hi)
        first, last = start.copy(), start.copy()
        first[idx], last[idx] = lo, hi
    return DateSpans(first, last, imprecise, prec)


def in_period(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Incidents counted in ``period``.

    An exactly dated incident is in the period when its start date is; an incident
    dated only to a week, month or year when the period wholly contains its date
    range (:func:`date_spans`).
    """
    lo, hi = _day_numbers(np.array([period.start, period.end]))
    s = date_spans(frame)
    return frame.loc[(s.first >= lo) & (s.last <= hi)]


def _day_numbers(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 as int64 (NaT never occurs: ``date`` is required)."""
    ns = np.asarray(dates, dtype="datetime64[ns]").view("int64")
    return np.floor_divide(ns, _NS_PER_DAY)


def _time_codes(days: np.ndarray, key: str) -> np.ndarray:
    """Integer code of each day's year/quarter/month/day (contiguous, ordered).

    Codes are looked up in a table over the days spanned (a few thousand entries)
    instead of converting millions of dates to calendar units one by one.
    """
    if key == "day" or len(days) == 0:
        return days
    lo = int(days.min())
    span = np.arange(lo, int(days.max()) + 1).astype("datetime64[D]")
    if key == "year":
        table = span.astype("datetime64[Y]").astype("int64") + 1970
    else:
        table = span.astype("datetime64[M]").astype("int64")
        if key == "quarter":
            table = table // 3
    return table[days - lo]


def _time_labels(codes: np.ndarray, key: str) -> list[object]:
    """Labels of time codes as the tables show them (``2025``, ``2025Q1``, ``2025-01``, ``2025-01-31``)."""
    if key == "year":
        return [int(c) for c in codes]
    if key == "quarter":
        return [f"{1970 + c // 4}Q{c % 4 + 1}" for c in codes]
    if key == "month":
        return [f"{1970 + c // 12:04d}-{c % 12 + 1:02d}" for c in codes]
    return [str(d) for d in np.asarray(codes, dtype="int64").astype("datetime64[D]")]


@dataclass(frozen=True)
class _DayRows:
    """Incidents (or their days, when spread) ready for counting."""

    days: np.ndarray  # day number of each row
    source: np.ndarray  # position of each row's incident in the frame
    first: np.ndarray  # True on the incident's start day
    values: dict[str, np.ndarray]  # measure -> float values (NaN = unknown), already spread
    last: np.ndarray  # last day the row may belong to (== days unless the date is imprecise)


def spread_counts(values: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Split whole counts evenly over ``spans`` days by largest-remainder rounding.

    Each count ``v`` over ``k`` days gives every day ``v // k`` and one more to the
    first ``v % k`` days: all remainders are equal, so ties go to the earliest days
    (Hamilton's largest-remainder method). The parts are whole and sum to ``v``
    exactly. Unknown (NaN) values stay unknown on every day.

    Returns the parts of every count, concatenated in order (``spans.sum()`` values).

    References
    ----------
    Balinski, M. L. and Young, H. P. (2001). *Fair Representation*, 2nd ed. Brookings
    (Hamilton's method of largest remainders).

    Examples
    --------
    >>> spread_counts(np.array([7.0, 2.0]), np.array([3, 1])).tolist()
    [3.0, 2.0, 2.0, 2.0]
    """
    spans = np.asarray(spans, dtype="int64")
    v = np.repeat(np.asarray(values, dtype="float64"), spans)
    k = np.repeat(spans, spans)
    starts = np.repeat(np.cumsum(spans) - spans, spans)
    offset = np.arange(len(v), dtype="int64") - starts
    known = ~np.isnan(v)
    vi = np.where(known, v, 0).astype("int64")
    parts = (vi // k + (offset < vi % k)).astype("float64")
    return np.where(known, parts, np.nan)


def _day_rows(frame: pd.DataFrame, sums: Sequence[str], date_rule: str) -> _DayRows:
    """One row per incident (per day of a spread incident).

    An imprecisely dated incident is one row at the first day it may belong to, with
    ``last`` the last such day: it is never spread.
    """
    n = len(frame)
    spans_ = date_spans(frame)
    start, last = spans_.first, spans_.last
    values = {m: frame[m].to_numpy(dtype="float64", na_value=np.nan) for m in sums}
    if date_rule == "start" or n == 0:
        return _DayRows(start, np.arange(n), np.ones(n, dtype=bool), values, last)
    end = frame["date_end"].to_numpy(dtype="datetime64[ns]")
    end_day = np.where(np.isnat(end), start, end.astype("datetime64[D]").astype("int64"))
    spans = np.maximum(end_day - start, 0) + 1  # end before start: a warning, counted at start
    spans = np.where(spans_.imprecise, 1, spans)
    source = np.repeat(np.arange(n), spans)
    offset = np.arange(len(source)) - np.repeat(np.cumsum(spans) - spans, spans)
    days = start[source] + offset
    return _DayRows(
        days=days,
        source=source,
        first=offset == 0,
        values={m: spread_counts(v, spans) for m, v in values.items()},
        last=np.where(spans_.imprecise[source], last[source], days),
    )


def _group_positions(col: pd.Series, key: str, rows: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """Level position of ``col`` at ``rows``, and the levels seen there (blank = ``UNKNOWN``)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    codes = codes[rows]
    names = [str(u) for u in uniques]
    present = np.bincount(codes + 1, minlength=len(names) + 1) > 0  # slot 0: blank
    observed = sorted({names[c] for c in np.flatnonzero(present[1:])} | ({UNKNOWN} if present[0] else set()))
    levels: list[object]
    if key == "province":
        base = list(reporting_provinces())
        levels = [*base, *(v for v in observed if v not in base)]
    else:
        levels = [*(v for v in observed if v != UNKNOWN), *([UNKNOWN] if UNKNOWN in observed else [])]
    where = {v: i for i, v in enumerate(levels)}
    lookup = np.array([where.get(v, -1) for v in names] + [where.get(UNKNOWN, -1)], dtype="int64")
    return lookup[codes], levels  # code -1 picks the last entry: UNKNOWN


def count_table(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = (),
    measures: Sequence[str] = MEASURES,
    period: Period | None = None,
    with_unknown: bool = True,
    date_rule: DateRule = "start",
    with_squares: bool = False,
) -> pd.DataFrame:
    """Aggregate incidents by the keys in ``by``; every combination present, zeros included.

    Parameters
    ----------
    frame
        Canonical incidents.
    by
        Time keys (``year``, ``quarter``, ``month``, ``day``) and/or columns
        (``province``, ``district``, ``event_type``, ``method``, ``perpetrator``, ...).
    measures
        Any of :data:`MEASURES`.
    period
        Restrict to incidents starting in this period (with ``date_rule="spread"``:
        to the days of incidents falling in it); time keys then cover every
        year/quarter/month/day of the period, even those without incidents.
    with_unknown
        Add ``<measure>_unknown`` columns: incidents whose value is blank.
    date_rule
        ``"start"`` (default): an incident's counts fall on its start date.
        ``"spread"``: killed and injured of a multi-day incident are spread evenly
        over its days (see :func:`spread_counts`); incidents still count on their
        start day.
    with_squares
        Add ``<measure>_sq``: each cell's sum of squared per-incident values, which the
        clustered-deaths test of :func:`analysis.changes.changes_from_table` needs.

    Returns
    -------
    pandas.DataFrame
        One row per combination of ``by`` levels (first key slowest), one column per
        measure, int64.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "date": pd.to_datetime(["2025-01-05", "2025-03-01"]),
    ...             "province": ["Sindh", None],
    ...             "event_type": ["attack", "attack"],
    ...             "killed_security": [2, None],
    ...         }
    ...     )
    ... )
    >>> from analysis.periods import parse_period
    >>> t = count_table(
    ...     inc.frame, by=["month"], measures=["incidents", "killed_security"], period=parse_period("2025-Q1")
    ... )
    >>> t[["month", "incidents", "killed_security", "killed_security_unknown"]].values.tolist()
    [['2025-01', 1, 2, 0], ['2025-02', 0, 0, 0], ['2025-03', 1, 0, 1]]
    """
    _check(list(by), TIME_KEYS + GROUP_KEYS, "grouping")
    _check(list(measures), MEASURES, "measure")
    _check([date_rule], DATE_RULES, "date rule")
    levels, out_cols = _aggregate(
        frame, by, measures, period, date_rule, with_unknown=with_unknown, squares=with_squares
    )
    if by:
        full = pd.MultiIndex.from_product(levels, names=list(by)).to_frame(index=False)
        out = pd.concat([full, pd.DataFrame(out_cols)], axis=1)
    else:
        out = pd.DataFrame({c: v[:1] if len(v) else np.zeros(1, dtype="int64") for c, v in out_cols.items()})
    if "year" in by:
        out["year"] = out["year"].astype("int64")
    return out


def _aggregate(
    frame: pd.DataFrame,
    by: Sequence[str],
    measures: Sequence[str],
    period: Period | None,
    date_rule: str,
    *,
    with_unknown: bool = True,
    squares: bool = False,
    extend: Period | None = None,
) -> tuple[list[list[object]], dict[str, np.ndarray]]:
    """Cell sums over the full product of ``by`` levels (first key slowest).

    ``squares`` adds ``<measure>_sq``: the sum of squared per-incident values in each
    cell, used by the clustered-count tests in :mod:`analysis.changes`. ``extend``
    widens the time levels to cover this period as well (for lagged comparisons).
    """
    sums = [m for m in measures if m in SUM_MEASURES]
    rows = _day_rows(frame, sums, date_rule)
    days, source, first = rows.days, rows.source, rows.first
    values = rows.values
    keep = np.ones(len(days), dtype=bool)
    if period is not None:
        lo, hi = _day_numbers(np.array([period.start, period.end]))
        keep = (days >= lo) & (rows.last <= hi)
    for k in by:
        if k in TIME_KEYS and len(days):  # an imprecise date is placed only in a unit wholly containing it
            both = _time_codes(np.concatenate([days, rows.last]), k)
            keep &= both[: len(days)] == both[len(days) :]
    if not keep.all():
        days, source, first = days[keep], source[keep], first[keep]
        values = {m: v[keep] for m, v in values.items()}

    positions: list[np.ndarray] = []
    levels: list[list[object]] = []
    for k in by:
        if k in TIME_KEYS:
            codes = _time_codes(days, k)
            if period is not None:
                span = _day_numbers(np.array([period.start, period.end]))
            elif len(days):
                span = np.array([days.min(), days.max()])
            else:
                span = np.array([], dtype="int64")
            if extend is not None:
                ext = _day_numbers(np.array([extend.start, extend.end]))
                span = np.array([min(span.min(), ext[0]), max(span.max(), ext[1])]) if len(span) else ext
            if len(span):
                c0, c1 = _time_codes(span, k)
                positions.append(codes - c0)
                levels.append(_time_labels(np.arange(c0, c1 + 1), k))
            else:
                positions.append(codes)
                levels.append([])
        else:
            pos, lv = _group_positions(frame[k], k, source)
            positions.append(pos)
            levels.append(lv)
    sizes = [len(lv) for lv in levels]
    ncell = int(np.prod(sizes)) if by else 1
    cell = np.zeros(len(days), dtype="int64")
    for pos, size in zip(positions, sizes, strict=True):
        cell = cell * size + pos

    def add(weights: np.ndarray | None) -> np.ndarray:
        if ncell == 0:
            return np.zeros(0, dtype="int64")
        if weights is None:
            return np.bincount(cell, minlength=ncell).astype("int64")
        return np.rint(np.bincount(cell, weights=weights, minlength=ncell)).astype("int64")

    def flagged(mask: np.ndarray) -> np.ndarray:
        return add(None) if mask.all() else add(mask.astype("float64"))

    out_cols: dict[str, np.ndarray] = {}
    if {"attacks", "operations"} & set(measures):
        type_codes, type_names = pd.factorize(frame["event_type"], use_na_sentinel=True)
        type_codes = type_codes[source] if len(source) != len(frame) else type_codes
        names = [str(t) for t in type_names]
    for m in measures:
        if m in ("incidents", "attacks", "operations"):
            mask = first
            if m != "incidents":
                kind = "attack" if m == "attacks" else "operation"
                mask = first & (type_codes == names.index(kind)) if kind in names else np.zeros_like(first)
            out_cols[m] = flagged(mask)
            if squares:
                out_cols[f"{m}_sq"] = out_cols[m]
            continue
        v = values[m]
        w = np.where(np.isnan(v), 0.0, v)
        out_cols[m] = add(w)
        if squares:
            out_cols[f"{m}_sq"] = add(w * w)
    if with_unknown:
        for m in sums:
            blank = np.isnan(values[m])
            if m == "killed_total":  # a sum of only some categories is a lower bound, partly unknown
                blank = blank | schema.partial_total(frame)[source]
            out_cols[f"{m}_unknown"] = add((first & blank).astype("float64"))
    return levels, out_cols


@dataclass(frozen=True)
class Totals:
    """Totals of one period (and optionally one region).

    ``unknown`` maps each summed measure to the number of incidents whose value is
    blank: when it is above zero the sum is a lower bound ("at least").
    """

    incidents: int
    attacks: int
    operations: int
    killed_total: int
    killed_security: int
    killed_civilians: int
    killed_militants: int
    killed_unknown: int
    killed_low: int
    killed_high: int
    injured_total: int
    unknown: dict[str, int]
    range_incidents: int
    """Incidents that have both a low and a high estimate of the killed."""
    unplaced: ImpreciseDates | None = None
    """Incidents overlapping the period but dated too imprecisely to count in it (not in the totals)."""

    def value(self, measure: str) -> int:
        """The total of ``measure`` (an attribute name such as ``killed_total``)."""
        return int(getattr(self, measure))

    def at_least(self, measure: str) -> bool:
        """True when some incidents do not give this count, so the sum is a lower bound."""
        return self.unknown.get(measure, 0) > 0


def totals(
    frame: pd.DataFrame,
    period: Period | None = None,
    *,
    province: str | None = None,
    date_rule: DateRule = "start",
) -> Totals:
    """Totals of every measure for a period and, optionally, one province.

    ``date_rule`` is as in :func:`count_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a"],
    ...             "date": pd.to_datetime(["2025-01-31"]),
    ...             "date_end": pd.to_datetime(["2025-02-01"]),
    ...             "province": ["Balochistan"],
    ...             "event_type": ["attack"],
    ...             "killed_security": [3],
    ...         }
    ...     )
    ... )
    >>> totals(inc.frame, parse_period("2025-02")).killed_security
    0
    >>> totals(inc.frame, parse_period("2025-02"), date_rule="spread").killed_security
    1
    """
    f = frame
    if province is not None:
        f = f.loc[(f["province"] == province).fillna(False)]
    row = count_table(f, measures=MEASURES, period=period, date_rule=date_rule).iloc[0]
    unknown = {m: int(row[f"{m}_unknown"]) for m in SUM_MEASURES}
    g = in_period(f, period) if period is not None else f
    has_range = int((g["killed_low"].notna() & g["killed_high"].notna()).sum())
    return Totals(
        **{m: int(row[m]) for m in MEASURES},
        unknown=unknown,
        range_incidents=has_range,
        unplaced=(imprecise_dates(f, period) or None) if period is not None else None,
    )


@dataclass(frozen=True)
class ImpreciseSpan:
    """Incidents that share one imprecise date range, e.g. all those dated only to 2009.

    ``label`` names the range as a reader should see it: ``2009`` for a calendar year,
    ``March 2009`` for a calendar month, otherwise ``3 Jan–9 Jan 2009``.
    """

    precision: str
    first: pd.Timestamp
    last: pd.Timestamp
    label: str
    incidents: int
    killed_total: int
    killed_total_unknown: int


@dataclass(frozen=True)
class ImpreciseDates:
    """Incidents that overlap a period but are dated too imprecisely to be placed in it.

    Attributes
    ----------
    period
        Label of the period described.
    unit
        ``None``: not wholly inside the period. ``"month"`` / ``"day"``: not wholly
        inside the period or not inside one month / day of it (what a monthly or daily
        chart of the period leaves out).
    incidents, killed_total
        How many such incidents, and their deaths (blanks skipped).
    killed_total_unknown
        Of those incidents, how many give no death toll or only some of its
        categories (then ``killed_total`` is a lower bound).
    by_precision
        ``{"week": (incidents, killed), "month": ..., "year": ...}``, only precisions present.
    spans
        One :class:`ImpreciseSpan` per distinct date range, most deaths first: "plus
        1,428 deaths in events dated only to 2009".
    """

    period: str
    unit: str | None
    incidents: int
    killed_total: int
    killed_total_unknown: int
    by_precision: dict[str, tuple[int, int]]
    spans: tuple[ImpreciseSpan, ...] = field(repr=False)

    def __bool__(self) -> bool:
        return self.incidents > 0


def blank_uncovered(table: pd.DataFrame, coverage: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.DataFrame, list[str]]:
    """Blank the counts of time buckets the data do not cover.

    ``coverage`` is the first and last day the data record (``Incidents.coverage``). A
    zero-filled table would print "0 incidents" for a year before the dataset starts: not
    recorded is not zero, so those cells are left blank (``<NA>``). A bucket that straddles an
    end of the coverage keeps its counts (the coverage is known only from the first and last
    event, so its uncovered part cannot be told from a quiet one).

    Returns
    -------
    table, outside
        The table (a copy when anything was blanked) and the labels of the buckets wholly
        outside the coverage, in table order.
    """
    keys = [k for k in TIME_KEYS if k in table.columns]
    if not keys or table.empty:
        return table, []
    key = keys[-1]  # the finest time key decides (a month lies inside its year)
    freq = {"year": "Y", "quarter": "Q", "month": "M", "day": "D"}[key]
    periods = pd.PeriodIndex([pd.Period(str(v), freq=freq) for v in table[key]])
    starts = periods.start_time.normalize()
    ends = periods.end_time.normalize()
    first, last = pd.Timestamp(coverage[0]).normalize(), pd.Timestamp(coverage[1]).normalize()
    outside = np.asarray((ends < first) | (starts > last))
    if not outside.any():
        return table, []
    labels = [str(v) for v in table[key]]
    out_labels = list(dict.fromkeys(label for label, o in zip(labels, outside, strict=True) if o))
    table = table.copy()
    group_keys = set(TIME_KEYS) | set(GROUP_KEYS)
    for col in table.columns:
        if col in group_keys:
            continue
        table[col] = table[col].astype("Float64" if table[col].dtype.kind == "f" else "Int64")
        table.loc[outside, col] = pd.NA
    return table, out_labels


def _span_label(first: pd.Timestamp, last: pd.Timestamp) -> str:
    from analysis.periods import date_range, month, year

    if first == year(first.year).start and last == year(first.year).end:
        return year(first.year).label
    m = month(first.year, first.month)
    if first == m.start and last == m.end:
        return m.label
    return date_range(first, last).label


def imprecise_dates(
    frame: pd.DataFrame,
    period: Period,
    *,
    unit: Literal["month", "day"] | None = None,
    province: str | None = None,
) -> ImpreciseDates:
    """Incidents overlapping ``period`` whose imprecise date keeps them out of its counts.

    These are the incidents dated only to a week, month or year (:func:`date_spans`)
    whose date range overlaps ``period`` but is not wholly inside it (``unit=None``),
    or, for a chart by month or day, not wholly inside one month or day of it. Their
    deaths may belong to the period, but it cannot be said that they do: a brief
    reports them beside its counts ("plus 1,428 deaths in events dated only to 2009")
    and never adds them.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "date": pd.to_datetime(["2009-01-01", "2009-01-05"]),
    ...             "date_end": pd.to_datetime(["2009-12-31", None]),
    ...             "date_precision": ["year", "day"],
    ...             "province": ["Sindh", "Sindh"],
    ...             "event_type": ["clash", "clash"],
    ...             "killed_total": [1428, 3],
    ...         }
    ...     )
    ... )
    >>> im = imprecise_dates(inc.frame, parse_period("2009-01"))
    >>> im.incidents, im.killed_total, im.spans[0].label
    (1, 1428, '2009')
    >>> bool(imprecise_dates(inc.frame, parse_period("2009")))
    False
    """
    _check([unit] if unit else [], ("month", "day"), "unit")
    f = frame
    if province is not None:
        f = f.loc[(f["province"] == province).fillna(False).to_numpy()]
    s = date_spans(f)
    lo, hi = _day_numbers(np.array([period.start, period.end]))
    overlaps = s.imprecise & (s.first <= hi) & (s.last >= lo)
    unplaced = ~((s.first >= lo) & (s.last <= hi))
    if unit is not None and len(f):
        both = _time_codes(np.concatenate([s.first, s.last]), unit)
        unplaced |= both[: len(f)] != both[len(f) :]
    pick = overlaps & unplaced
    killed = f["killed_total"].to_numpy(dtype="float64", na_value=np.nan)[pick]
    partly = np.isnan(killed) | schema.partial_total(f)[pick]  # blank, or a lower bound
    g = pd.DataFrame(
        {
            "precision": s.precision[pick],
            "first": s.first[pick],
            "last": s.last[pick],
            "killed": np.nan_to_num(killed),
            "unknown": partly,
        }
    )
    spans = []
    by_prec: dict[str, tuple[int, int]] = {}
    if len(g):
        agg = g.groupby(["precision", "first", "last"], sort=True).agg(
            incidents=("killed", "size"), killed=("killed", "sum"), unknown=("unknown", "sum")
        )
        agg = agg.reset_index().sort_values(["killed", "first"], ascending=[False, True], kind="mergesort")
        for r in agg.itertuples(index=False):
            a = pd.Timestamp(np.datetime64(int(r.first), "D"))
            b = pd.Timestamp(np.datetime64(int(r.last), "D"))
            label = _span_label(a, b)
            spans.append(ImpreciseSpan(str(r.precision), a, b, label, int(r.incidents), int(r.killed), int(r.unknown)))
        for p in IMPRECISE:
            sub = g.loc[g["precision"] == p]
            if len(sub):
                by_prec[p] = (len(sub), int(sub["killed"].sum()))
    return ImpreciseDates(
        period=period.label,
        unit=unit,
        incidents=int(pick.sum()),
        killed_total=int(np.nansum(killed)) if len(killed) else 0,
        killed_total_unknown=int(partly.sum()),
        by_precision=by_prec,
        spans=tuple(spans),
    )
