"""Counts of incidents, killed and injured, by any grouping, zero-filled.

A blank count means unknown, not zero: sums skip blanks and the number of
incidents with a blank value is kept beside each sum (``<measure>_unknown``), so a
total can read "at least N". Rows without a province are counted under
``UNKNOWN`` (never dropped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
TIME_KEYS = ("year", "quarter", "month", "day")
GROUP_KEYS = ("province", "district", "event_type", "method", "perpetrator", "target", "dataset")


def _check(names: Sequence[str], valid: Sequence[str], what: str) -> None:
    bad = [n for n in names if n not in valid]
    if bad:
        raise ValueError(f"unknown {what} {', '.join(map(repr, bad))}; choose from {', '.join(valid)}")


def in_period(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Incidents whose start date falls in ``period`` (the default assignment rule)."""
    return frame.loc[period.contains(frame["date"])]


def _time_key(dates: pd.Series, key: str) -> pd.Series:
    if key == "year":
        return dates.dt.year.astype("int64")
    if key == "quarter":
        return dates.dt.to_period("Q").astype(str)
    if key == "month":
        return dates.dt.to_period("M").astype(str)
    return dates.dt.strftime("%Y-%m-%d")


def _time_levels(period: Period, key: str) -> list[object]:
    days = pd.date_range(period.start, period.end, freq="D")
    return list(pd.unique(_time_key(pd.Series(days), key)))


def count_table(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = (),
    measures: Sequence[str] = MEASURES,
    period: Period | None = None,
    with_unknown: bool = True,
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
        Restrict to incidents starting in this period; time keys then cover every
        year/quarter/month/day of the period, even those without incidents.
    with_unknown
        Add ``<measure>_unknown`` columns: incidents whose value is blank.

    Returns
    -------
    pandas.DataFrame
        One row per combination of ``by`` levels, one column per measure.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(pd.DataFrame({"incident_id": ["a", "b"],
    ...     "date": pd.to_datetime(["2025-01-05", "2025-03-01"]), "province": ["Sindh", None],
    ...     "event_type": ["attack", "attack"], "killed_security": [2, None]}))
    >>> from analysis.periods import parse_period
    >>> t = count_table(inc.frame, by=["month"], measures=["incidents", "killed_security"],
    ...                 period=parse_period("2025-Q1"))
    >>> t[["month", "incidents", "killed_security", "killed_security_unknown"]].values.tolist()
    [['2025-01', 1, 2, 0], ['2025-02', 0, 0, 0], ['2025-03', 1, 0, 1]]
    """
    _check(list(by), TIME_KEYS + GROUP_KEYS, "grouping")
    _check(list(measures), MEASURES, "measure")
    f = in_period(frame, period) if period is not None else frame
    keys: dict[str, pd.Series] = {}
    levels: dict[str, list[object]] = {}
    for k in by:
        if k in TIME_KEYS:
            keys[k] = _time_key(f["date"], k)
            if period is not None:
                levels[k] = _time_levels(period, k)
            elif len(f):
                levels[k] = _time_levels(Period("range", f["date"].min(), f["date"].max()), k)
            else:
                levels[k] = []
        else:
            col = f[k].astype("string").fillna(UNKNOWN)
            keys[k] = col
            observed = sorted(set(col))
            if k == "province":
                base = list(reporting_provinces())
                levels[k] = base + [v for v in observed if v not in base]
            else:
                levels[k] = [v for v in observed if v != UNKNOWN] + ([UNKNOWN] if UNKNOWN in observed else [])
    data = pd.DataFrame(keys, index=f.index)
    data["incidents"] = 1
    data["attacks"] = (f["event_type"] == "attack").fillna(False).astype("int64")
    data["operations"] = (f["event_type"] == "operation").fillna(False).astype("int64")
    sums = [m for m in measures if m in SUM_MEASURES]
    for m in sums:
        data[m] = f[m].fillna(0).astype("int64")
        data[f"{m}_unknown"] = f[m].isna().astype("int64")
    value_cols = list(measures) + ([f"{m}_unknown" for m in sums] if with_unknown else [])
    if by:
        grouped = data.groupby(list(by), sort=False, observed=True)[value_cols].sum()
        full = pd.MultiIndex.from_product([levels[k] for k in by], names=list(by))
        if len(by) == 1:
            full = full.get_level_values(0)
        out = grouped.reindex(full, fill_value=0).reset_index()
    else:
        out = data[value_cols].sum().to_frame().T
    for c in value_cols:
        out[c] = out[c].astype("int64")
    return out


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
        return int(getattr(self, measure))

    def at_least(self, measure: str) -> bool:
        """True when some incidents do not give this count, so the sum is a lower bound."""
        return self.unknown.get(measure, 0) > 0


def totals(frame: pd.DataFrame, period: Period | None = None, *, province: str | None = None) -> Totals:
    """Totals of every measure for a period and, optionally, one province."""
    f = in_period(frame, period) if period is not None else frame
    if province is not None:
        f = f.loc[f["province"] == province]
    row = count_table(f, measures=MEASURES).iloc[0]
    unknown = {m: int(row[f"{m}_unknown"]) for m in SUM_MEASURES}
    has_range = int((f["killed_low"].notna() & f["killed_high"].notna()).sum())
    return Totals(
        **{m: int(row[m]) for m in MEASURES},
        unknown=unknown,
        range_incidents=has_range,
    )
