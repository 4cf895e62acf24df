"""Counts of incidents, killed and injured, by any grouping, zero-filled.

A blank count means unknown, not zero: sums skip blanks and the number of
incidents with a blank value is kept beside each sum (``<measure>_unknown``), so a
total can read "at least N". Rows without a province are counted under
``UNKNOWN`` (never dropped).

Multi-day incidents are counted on their start date by default
(``date_rule="start"``). With ``date_rule="spread"`` their killed and injured are
spread evenly over the days from ``date`` to ``date_end`` with largest-remainder
rounding, so every day gets a whole number and the sum over the days is exactly the
incident's count: no death is lost or invented. The incident itself (and its
``*_unknown`` flags) still counts once, on its start day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


def in_period(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Incidents whose start date falls in ``period`` (the default assignment rule)."""
    return frame.loc[period.contains(frame["date"])]


_NS_PER_DAY = 86_400_000_000_000


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
    n = len(frame)
    start = _day_numbers(frame["date"])
    values = {m: frame[m].to_numpy(dtype="float64", na_value=np.nan) for m in sums}
    if date_rule == "start" or n == 0:
        return _DayRows(start, np.arange(n), np.ones(n, dtype=bool), values)
    end = frame["date_end"].to_numpy(dtype="datetime64[ns]")
    end_day = np.where(np.isnat(end), start, end.astype("datetime64[D]").astype("int64"))
    spans = np.maximum(end_day - start, 0) + 1  # end before start: a warning, counted at start
    source = np.repeat(np.arange(n), spans)
    offset = np.arange(len(source)) - np.repeat(np.cumsum(spans) - spans, spans)
    return _DayRows(
        days=start[source] + offset,
        source=source,
        first=offset == 0,
        values={m: spread_counts(v, spans) for m, v in values.items()},
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
    if period is not None:
        lo, hi = _day_numbers(np.array([period.start, period.end]))
        keep = (days >= lo) & (days <= hi)
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
            out_cols[f"{m}_unknown"] = add((first & np.isnan(values[m])).astype("float64"))
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
    )
