"""Rates per million inhabitants, lethality and shares.

Rates use census denominators (:func:`analysis.population.denominator`: the 1998, 2017
and 2023 censuses at their reference dates, interpolated geometrically, taken at the
period's midpoint), with exact Poisson (Garwood) or Fay-Feuer gamma intervals for the
count. National rates leave out the regions the census does not enumerate (Azad Jammu
and Kashmir, Gilgit-Baltistan) from the numerator as well as the denominator. Lethality is killed per attack; shares
give each category's part of a total.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import schema
from analysis.counts import EVENT_MEASURES, MEASURES, UNKNOWN, DateRule, _check, count_table, in_period
from analysis.measures import category
from analysis.periods import Period
from analysis.population import (
    NATIONAL,
    NOT_ENUMERATED,
    Denominator,
    denominator,
    period_years,
    provinces_with_population,
)

#: Killed-category columns and the words a brief uses for them (from :mod:`analysis.measures`).
VICTIM_LABELS: dict[str, str] = {c: category(c) for c in schema.KILLED_CATEGORIES}


def _chi2_ppf(q: float, df: np.ndarray | float) -> np.ndarray:
    """Chi-square quantile ``2 * gammaincinv(df / 2, q)``, the formula of ``scipy.stats.chi2.ppf``.

    ``scipy.special`` alone: importing ``scipy.stats`` costs more than a second.
    """
    from scipy import special

    return 2 * special.gammaincinv(np.asarray(df, dtype="float64") / 2, q)


def poisson_interval(count: np.ndarray | int, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) two-sided interval for a Poisson mean, vectorised.

    ``[chi2(alpha/2; 2k) / 2, chi2(1 - alpha/2; 2k + 2) / 2]``, the lower bound 0 when
    ``k = 0``: the inversion of two one-sided exact Poisson tests.

    References
    ----------
    Garwood, F. (1936). Fiducial limits for the Poisson distribution. *Biometrika* 28,
    437-442. (``method="exact-c"`` of ``statsmodels.stats.rates.confint_poisson``.)

    Examples
    --------
    >>> lo, hi = poisson_interval(0)
    >>> float(lo), round(float(hi), 3)
    (0.0, 3.689)
    >>> [round(float(v), 3) for v in poisson_interval(10)]
    [4.795, 18.39]
    """
    if not (0 < alpha < 1):
        raise ValueError("alpha must be between 0 and 1")
    k = np.asarray(count, dtype="float64")
    if (k < 0).any():
        raise ValueError("counts must be non-negative")
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, _chi2_ppf(alpha / 2, 2 * k) / 2, 0.0)
    high = _chi2_ppf(1 - alpha / 2, 2 * k + 2) / 2
    return low, high


def clustered_poisson_interval(values: np.ndarray, alpha: float = 0.05) -> tuple[float, float]:
    """Gamma interval for a count made of clusters (deaths per incident), Fay and Feuer.

    Deaths ``Y = sum(x_i)`` over incidents treated as Poisson events with weights
    ``x_i`` (their deaths) have variance estimate ``v = sum(x_i**2)``. The interval is
    ``[v/(2y) chi2(alpha/2; 2y**2/v), (v+w**2)/(2(y+w)) chi2(1-alpha/2; 2(y+w)**2/(v+w**2))]``
    with ``w`` the largest weight. When every incident counts one it is the Garwood
    interval exactly; with clusters it widens by about the design effect ``v / y``.

    References
    ----------
    Fay, M. P. and Feuer, E. J. (1997). Confidence intervals for directly standardized
    rates: a method based on the gamma distribution. *Statistics in Medicine* 16,
    791-801.

    Examples
    --------
    >>> [round(v, 3) for v in clustered_poisson_interval(np.ones(10))]
    [4.795, 18.39]
    >>> lo, hi = clustered_poisson_interval(np.array([40, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
    >>> round(lo, 1), round(hi, 1)
    (3.9, 230.3)
    """
    x = np.asarray(values, dtype="float64")
    x = x[~np.isnan(x) & (x > 0)]
    if not (0 < alpha < 1):
        raise ValueError("alpha must be between 0 and 1")
    y, v = float(x.sum()), float((x * x).sum())
    w = float(x.max()) if len(x) else 1.0
    low = v / (2 * y) * float(_chi2_ppf(alpha / 2, 2 * y * y / v)) if y > 0 else 0.0
    high = (v + w * w) / (2 * (y + w)) * float(_chi2_ppf(1 - alpha / 2, 2 * (y + w) ** 2 / (v + w * w)))
    return low, high


def rate(
    count: float, unit: str, period: Period, *, annualised: bool = False, per: float = 1_000_000
) -> tuple[float, Denominator]:
    """``count`` per ``per`` inhabitants of ``unit`` in ``period`` (per year when ``annualised``).

    The one formula of every rate: ``count / population(mid_period) * per``, divided by
    :func:`analysis.population.period_years` when annualised. ``count`` must already
    leave out the regions without a census (:data:`analysis.population.NOT_ENUMERATED`)
    when ``unit`` is ``"Pakistan"``.

    Raises
    ------
    KeyError
        ``unit`` has no census population.

    Examples
    --------
    >>> from analysis.periods import parse_period
    >>> r, den = rate(100, "Pakistan", parse_period("2024"), annualised=True)
    >>> round(r, 4), den.census_from, den.census_to
    (0.4003, 2017, 2023)
    """
    den = denominator(unit, period)
    scale = per / den.population
    if annualised:
        scale /= period_years(period)
    return count * scale, den


def rate_per_million(
    frame: pd.DataFrame,
    period: Period,
    *,
    measure: str = "killed_total",
    by_province: bool = True,
    per: float = 1_000_000,
    annualised: bool = False,
    alpha: float = 0.05,
    date_rule: DateRule = "start",
) -> pd.DataFrame:
    """Count per ``per`` inhabitants by province, and for Pakistan, with exact intervals.

    Parameters
    ----------
    frame
        Canonical incidents.
    period
        The period counted; the population is taken at its middle.
    measure
        Any count of :data:`analysis.counts.MEASURES`.
    by_province
        One row per province with a census population, then ``Pakistan``; otherwise
        only the ``Pakistan`` row.
    per
        Rate base (default one million).
    annualised
        Divide by the period's length in years (:func:`analysis.population.period_years`)
        to give a yearly rate.
    alpha
        The interval has coverage ``1 - alpha`` (interval of the count divided by
        the population: the population is treated as known).
    date_rule
        As in :func:`analysis.counts.count_table`.

    Returns
    -------
    pandas.DataFrame
        ``province, count, population, rate, ci_low, ci_high, population_method,
        interval_method, census_from, census_to, growth``. Incident counts get the Garwood interval; deaths and
        injuries, which come in clusters, the Fay-Feuer gamma interval with each
        incident's count as its weight (:func:`clustered_poisson_interval`).
        The national row counts incidents in the census area: Azad Jammu and Kashmir
        and Gilgit-Baltistan are not enumerated by the census and are left out of
        it; incidents without a province are kept in it.

    References
    ----------
    Garwood (1936), see :func:`poisson_interval`; Fay and Feuer (1997), see
    :func:`clustered_poisson_interval`. Ulm, K. (1990). A simple method to
    calculate the confidence interval of a standardized mortality ratio. *American
    Journal of Epidemiology* 131, 373-375.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a"],
    ...             "date": pd.to_datetime(["2023-07-02"]),
    ...             "province": ["Balochistan"],
    ...             "event_type": ["attack"],
    ...             "killed_total": [149],
    ...         }
    ...     )
    ... )
    >>> r = rate_per_million(inc.frame, parse_period("2023"))
    >>> round(float(r.loc[r.province == "Balochistan", "rate"].iloc[0]), 2)
    9.9
    """
    _check([measure], MEASURES, "measure")
    units = list(provinces_with_population()) if by_province else []
    uncounted = set(NOT_ENUMERATED)
    clustered = measure not in EVENT_MEASURES
    if clustered:
        from analysis.changes import incident_values

        vals = incident_values(frame, measure, period, date_rule=date_rule)
        where = frame.loc[vals.index, "province"].astype("string").fillna(UNKNOWN).to_numpy()
        per_unit = {u: vals.to_numpy()[where == u] for u in units}
        per_unit[NATIONAL] = vals.to_numpy()[~np.isin(where, list(uncounted))]
        counts = {u: int(v.sum()) for u, v in per_unit.items()}
    else:
        t = count_table(
            frame, by=["province"], measures=[measure], period=period, with_unknown=False, date_rule=date_rule
        )
        counts = dict(zip(t["province"], t[measure].astype("int64"), strict=True))
        counts[NATIONAL] = sum(int(v) for k, v in counts.items() if k not in uncounted)
    rows = []
    for unit in [*units, NATIONAL]:
        k = int(counts.get(unit, 0))
        scale, den = rate(1.0, unit, period, annualised=annualised, per=per)
        if clustered:
            lo, hi = clustered_poisson_interval(per_unit[unit], alpha)
            how = "Fay-Feuer gamma interval (incidents as clusters of deaths)"
        else:
            lo, hi = (float(v) for v in poisson_interval(k, alpha))
            how = "Garwood exact Poisson interval"
        rows.append(
            {
                "province": unit,
                "count": k,
                "population": den.population,
                "rate": k * scale,
                "ci_low": lo * scale,
                "ci_high": hi * scale,
                "population_method": den.method,
                "interval_method": how,
                "census_from": den.census_from,
                "census_to": den.census_to,
                "growth": den.growth,
            }
        )
    return pd.DataFrame(rows)


def lethality(
    frame: pd.DataFrame,
    period: Period | None = None,
    *,
    by: Sequence[str] = (),
    event_type: str = "attack",
    measure: str = "killed_total",
) -> pd.DataFrame:
    """Killed per incident of one type (default: killed per attack).

    Only incidents whose ``measure`` is known enter the ratio (a blank is not a zero);
    ``unknown`` says how many were left out.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``events`` (of that type), ``known``, ``killed``,
        ``lethality`` (killed / known; NaN when none known), ``unknown``.

    References
    ----------
    Lethality as deaths per attack: Santifort, C., Sandler, T. and Brandt, P. T. (2013).
    Terrorist attack and target diversity. *Journal of Peace Research* 50(1), 75-90.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b", "c"],
    ...             "date": pd.to_datetime(["2025-01-01"] * 3),
    ...             "province": ["Sindh"] * 3,
    ...             "event_type": ["attack", "attack", "attack"],
    ...             "killed_total": [4, 2, None],
    ...         }
    ...     )
    ... )
    >>> row = lethality(inc.frame).iloc[0]
    >>> int(row.events), int(row.known), int(row.killed), float(row.lethality)
    (3, 2, 6, 3.0)
    """
    f = in_period(frame, period) if period is not None else frame
    f = f.loc[(f["event_type"] == event_type).fillna(False)]
    value = f[measure]
    data = pd.DataFrame(
        {
            "events": np.ones(len(f), dtype="int64"),
            "known": value.notna().to_numpy(dtype="int64"),
            "killed": value.fillna(0).to_numpy(dtype="int64"),
        },
        index=f.index,
    )
    if by:
        for k in by:
            data[k] = f[k].astype("string").fillna(UNKNOWN)
        out = data.groupby(list(by), sort=True)[["events", "known", "killed"]].sum().reset_index()
    else:
        out = data[["events", "known", "killed"]].sum().to_frame().T.astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["lethality"] = np.where(out["known"] > 0, out["killed"] / out["known"].where(out["known"] > 0, 1), np.nan)
    out["unknown"] = out["events"] - out["known"]
    return out


def shares(
    frame: pd.DataFrame,
    period: Period | None = None,
    *,
    by: str = "perpetrator",
    measure: str = "incidents",
    date_rule: DateRule = "start",
) -> pd.DataFrame:
    """Each category's share of a total, largest first (ties by name).

    ``by`` may be any grouping column of :func:`analysis.counts.count_table`, or
    ``"victim"``: the killed split into security forces, civilians, militants and
    category not stated (shares of the sum of the categories).

    Returns
    -------
    pandas.DataFrame
        ``category, count, share`` (share in 0..1; the unknown category included).

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "date": pd.to_datetime(["2025-01-01"] * 2),
    ...             "province": ["Sindh"] * 2,
    ...             "event_type": ["attack"] * 2,
    ...             "killed_security": [3, 1],
    ...             "killed_civilians": [0, 4],
    ...         }
    ...     )
    ... )
    >>> shares(inc.frame, by="victim")[["category", "count", "share"]].values.tolist()[:2]
    [['civilians', 4, 0.5], ['security forces', 4, 0.5]]
    """
    if by == "victim":
        t = count_table(
            frame, measures=list(schema.KILLED_CATEGORIES), period=period, with_unknown=False, date_rule=date_rule
        )
        out = pd.DataFrame(
            {
                "category": [VICTIM_LABELS[c] for c in schema.KILLED_CATEGORIES],
                "count": [int(t[c].iloc[0]) for c in schema.KILLED_CATEGORIES],
            }
        )
    else:
        t = count_table(frame, by=[by], measures=[measure], period=period, with_unknown=False, date_rule=date_rule)
        out = pd.DataFrame({"category": t[by].astype(str), "count": t[measure].astype("int64")})
    total = int(out["count"].sum())
    out["share"] = out["count"] / total if total else np.nan
    out = out.loc[out["count"] > 0] if total else out
    return out.sort_values(["count", "category"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
