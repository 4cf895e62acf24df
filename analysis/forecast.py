"""Probabilistic forecasts of monthly counts, and their rolling-origin track record.

The forecast (:func:`forecast_counts`) is a local-level model on a started log scale with
intervals taken from the model's own recent out-of-sample errors (split-conformal order
statistics); :func:`backtest_counts` replays it month by month, each forecast using only
the months before its origin, beside two simple baselines scored the same way.
:func:`outlook` assembles what a brief's "Outlook" section shows.

Why this method (measured on UCDP GED Pakistan, ``bench/bench_forecast.py``): monthly
deaths in Pakistan move by regimes (2007-2014 an order of magnitude above 2018-2021) and
are heavily over-dispersed, so a model with a fixed trend or month effects (a
negative-binomial regression) forecasts the level of the wrong regime, and a count model's
own intervals are far too narrow (a Poisson interval around the last year's mean covered
the outcome in 14-25 % of months at a nominal 80 %). Exponential smoothing of the log count
follows the regime, and quantiles of the last 36 one-step errors widen and narrow with the
series' recent volatility.

No file access and no randomness: the same series gives the same forecast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError

#: Quantile levels of a forecast (columns ``q0.025`` ... ``q0.975``).
QUANTILES: tuple[float, ...] = (0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975)
#: Central intervals scored by the backtest: nominal level -> (lower, upper) quantile.
INTERVALS: dict[int, tuple[float, float]] = {50: (0.25, 0.75), 80: (0.1, 0.9), 95: (0.025, 0.975)}

#: Offset of the started log ``log(y + OFFSET)``: damps the log-scale jumps of months with a
#: handful of events (0 -> 3 is not a twenty-fold rise) while leaving large counts on a log scale.
OFFSET = 5.0
#: Number of recent h-step errors whose order statistics give the quantiles (three years).
WINDOW = 36
#: Months used to start the level before any error is recorded.
WARM_UP = 12
#: Smoothing weights searched (one-step squared error on the log scale).
ALPHAS = np.round(np.arange(0.05, 1.0, 0.05), 2)
#: Fewest months accepted at all; below ``WARM_UP + WINDOW`` months the fallback is used.
MIN_MONTHS = 3

METHOD_MODEL = "local level on log(y + 5), conformal quantiles of the last 36 errors"
METHOD_FALLBACK = "gamma-Poisson (Jeffreys prior) on the last 12 months"
MODEL_NAMES = ("forecast", "seasonal_naive", "recent_mean")


class SeriesError(DataValidationError, ValueError):
    """A monthly series cannot be forecast (gaps, negative or non-integer counts, too short)."""


#: Quantile levels as a list or an array.
Levels = Sequence[float] | np.ndarray


def quantile_columns(quantiles: Levels = QUANTILES) -> list[str]:
    """Column names of quantile levels: ``0.025`` -> ``q0.025``."""
    return [f"q{q:g}" for q in quantiles]


# --------------------------------------------------------------------------- input checks


def _check_quantiles(quantiles: Sequence[float] | None) -> np.ndarray:
    if quantiles is None:
        return np.array(QUANTILES)
    q = np.asarray(list(quantiles), dtype="float64")
    if q.ndim != 1 or len(q) == 0 or not np.all(np.isfinite(q)) or np.any((q <= 0) | (q >= 1)):
        raise SeriesError(f"quantiles must be numbers strictly between 0 and 1, not {list(quantiles)!r}")
    if np.any(np.diff(q) <= 0):
        raise SeriesError(f"quantiles must be increasing and distinct, not {list(quantiles)!r}")
    return q


def _as_monthly(series: pd.Series, *, min_months: int = MIN_MONTHS) -> pd.Series:
    """The series as int64 on a gap-free monthly PeriodIndex, or a :class:`SeriesError`."""
    if not isinstance(series, pd.Series):
        raise SeriesError(f"a pandas.Series of monthly counts is needed, not {type(series).__name__}")
    index = series.index
    if isinstance(index, pd.DatetimeIndex):
        if not bool((index == index + pd.offsets.MonthEnd(0)).all()) or index.tz is not None:
            raise SeriesError("a DatetimeIndex must hold month-end dates (e.g. 2025-01-31)")
        index = index.to_period("M")
    elif not isinstance(index, pd.PeriodIndex):
        raise SeriesError(
            f"monthly counts must be indexed by a monthly PeriodIndex or month-end DatetimeIndex, "
            f"not {type(index).__name__}"
        )
    if index.freqstr not in ("M", "ME"):
        raise SeriesError(f"the index must be monthly (freq 'M'), not {index.freqstr!r}")
    if len(series) < min_months:
        raise SeriesError(f"the series is too short: {len(series)} month(s); at least {min_months} are needed")
    if index.has_duplicates:
        raise SeriesError(f"month {index[index.duplicated()][0]} appears more than once")
    if not index.is_monotonic_increasing:
        raise SeriesError("the months are not in order")
    expected = pd.period_range(index[0], index[-1], freq="M")
    if len(expected) != len(index):
        missing = expected.difference(index)
        raise SeriesError(
            f"the series has gaps: {len(missing)} month(s) missing, first {missing[0]} "
            "(a month without events is a 0, not a gap)"
        )
    if series.isna().any():
        raise SeriesError(f"month {index[np.flatnonzero(series.isna().to_numpy())[0]]} has no value (a gap)")
    try:
        values = series.to_numpy(dtype="float64")
    except (TypeError, ValueError) as exc:
        raise SeriesError(f"the counts are not numbers ({exc})") from exc
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        raise SeriesError(f"month {index[np.flatnonzero(bad)[0]]} has a negative count ({values[bad][0]:g})")
    frac = values != np.round(values)
    if frac.any():
        raise SeriesError(f"month {index[np.flatnonzero(frac)[0]]} has a count that is not whole ({values[frac][0]:g})")
    return pd.Series(values.astype("int64"), index=pd.PeriodIndex(index, freq="M"), name=series.name)


def placeable_in_month(frame: pd.DataFrame) -> pd.Series:
    """Which incidents can be put in one calendar month: a boolean mask.

    The project's date-precision rule (:func:`analysis.counts.date_spans`): an incident
    dated only to a week, month or year may belong to any day of its date range, and is
    counted in a month only when the month wholly contains that range; an exactly dated
    incident is placed on its start day. The others (dated only to a year, or to a range
    running into another month) are in no month of a monthly series, and a forecast's
    caller should say how many there are.

    Examples
    --------
    >>> f = pd.DataFrame(
    ...     {
    ...         "date": pd.to_datetime(["2021-01-05", "2021-01-30", "2021-03-01"]),
    ...         "date_end": pd.to_datetime([None, "2021-02-02", None]),
    ...         "date_precision": ["day", "week", "year"],
    ...     }
    ... )
    >>> placeable_in_month(f).tolist()
    [True, False, False]
    """
    from analysis.counts import date_spans

    spans = date_spans(frame)
    first = spans.first.astype("datetime64[D]").astype("datetime64[M]")
    last = spans.last.astype("datetime64[D]").astype("datetime64[M]")
    return pd.Series(first == last, index=frame.index)


# --------------------------------------------------------------------------- discrete quantiles


def _discrete_quantiles(cdf_at, mean: float, sd: float, q: np.ndarray) -> np.ndarray:
    """Smallest integer k with CDF(k) >= q, on a grid wide enough for the distribution."""
    top = int(math.ceil(mean + 12 * sd + 20))
    k = np.arange(top + 1, dtype="float64")
    cdf = np.asarray(cdf_at(k), dtype="float64")
    return np.searchsorted(cdf, q - 1e-12, side="left").astype("float64")


def poisson_quantiles(mu: float, q: Levels) -> np.ndarray:
    """Quantiles of Poisson(``mu``): the smallest k with P(X <= k) >= q.

    Examples
    --------
    >>> poisson_quantiles(3.0, [0.1, 0.5, 0.9]).tolist()
    [1.0, 3.0, 5.0]
    """
    from scipy.special import pdtr  # scipy.special only: scipy.stats takes 1.5 s to import

    levels = np.asarray(q, dtype="float64")
    if mu <= 0:
        return np.zeros(len(levels))
    return _discrete_quantiles(lambda k: pdtr(k, mu), mu, math.sqrt(mu), levels)


def negbin_quantiles(r: float, p: float, q: Levels) -> np.ndarray:
    """Quantiles of the negative binomial with size ``r`` and success probability ``p``.

    P(X <= k) = I_p(r, k + 1) (regularised incomplete beta); mean r(1-p)/p.
    """
    from scipy.special import betainc

    levels = np.asarray(q, dtype="float64")
    mean = r * (1 - p) / p
    sd = math.sqrt(r * (1 - p)) / p
    return _discrete_quantiles(lambda k: betainc(r, k + 1, p), mean, sd, levels)


# --------------------------------------------------------------------------- the model


def _levels(z: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """Level after each month for every smoothing weight (rows: months, columns: weights)."""
    out = np.empty((len(z), len(alphas)))
    level = np.full(len(alphas), z[: min(3, len(z))].mean())
    for t, value in enumerate(z):
        level = level + alphas * (value - level)
        out[t] = level
    return out


def _conformal_levels(n: int, q: np.ndarray) -> np.ndarray:
    """0-based order statistic of ``n`` errors used for each quantile level.

    Upper levels take the ceil((n + 1) q)-th smallest error, lower levels the
    floor((n + 1) q)-th (split-conformal, Lei et al. 2018), clipped to the sample.
    """
    upper = np.ceil((n + 1) * q - 1e-9)
    lower = np.floor((n + 1) * q + 1e-9)
    rank = np.where(q >= 0.5, upper, lower)
    return np.clip(rank, 1, n).astype("int64") - 1


@dataclass(frozen=True)
class _Fit:
    level: float
    alpha: float
    errors: dict[int, np.ndarray]  # horizon -> recent errors (log scale)


def _fit(y: np.ndarray, horizon: int, levels: np.ndarray | None = None) -> _Fit:
    z = np.log(y + OFFSET)
    if levels is None:
        levels = _levels(z, ALPHAS)
    one_step = z[WARM_UP + 1 :, None] - levels[WARM_UP:-1]
    # ties (e.g. a constant series) go to the smallest weight, so the choice is deterministic
    k = int(np.argmin(np.round((one_step**2).mean(axis=0), 12)))
    lv = levels[:, k]
    errors: dict[int, np.ndarray] = {}
    for h in range(1, horizon + 1):
        e = z[WARM_UP + h :] - lv[WARM_UP:-h]
        if len(e) < 12:  # a horizon longer than the history allows: reuse the longest that it does
            e = errors[h - 1]
        errors[h] = e[-WINDOW:]
    return _Fit(level=float(lv[-1]), alpha=float(ALPHAS[k]), errors=errors)


def _model_rows(
    y: np.ndarray, horizon: int, q: np.ndarray, levels: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, float]:
    fit = _fit(y, horizon, levels)
    means = np.empty(horizon)
    quants = np.empty((horizon, len(q)))
    for h in range(1, horizon + 1):
        e = np.sort(fit.errors[h])
        values = np.maximum(np.exp(fit.level + e) - OFFSET, 0.0)
        means[h - 1] = values.mean()  # smearing (Duan 1983): the mean over the error distribution
        row = values[_conformal_levels(len(e), q)]
        if np.any(q == 0.5):
            row[q == 0.5] = np.median(values)
        quants[h - 1] = row
    return means, quants, fit.alpha


def _fallback_rows(y: np.ndarray, horizon: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    recent = y[-12:]
    r = float(recent.sum()) + 0.5
    p = len(recent) / (len(recent) + 1.0)
    quants = negbin_quantiles(r, p, q)
    return np.full(horizon, r / len(recent)), np.tile(quants, (horizon, 1))


def _forecast_array(
    y: np.ndarray, horizon: int, q: np.ndarray, levels: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, str, float]:
    """Means, quantiles (rows: months ahead), fallback note ("" for the model) and weight.

    ``levels``: the smoothing levels of ``y`` for every weight, when already known. The
    level after month t depends only on the months up to t, so the backtest computes them
    once for the whole series and passes each origin its prefix: the same numbers, bit
    for bit, as smoothing the prefix again.
    """
    note = ""
    if len(y) < WARM_UP + WINDOW:
        note = f"{len(y)} months of history: fewer than the {WARM_UP + WINDOW} the model needs"
    elif not y.any():
        note = "no events in the series"
    if note:
        means, quants = _fallback_rows(y, horizon, q)
        alpha = float("nan")
    else:
        means, quants, alpha = _model_rows(y, horizon, q, levels)
    return means, np.maximum.accumulate(quants, axis=1), note, alpha  # quantiles never cross


def forecast_counts(series: pd.Series, *, horizon: int = 3, quantiles: Sequence[float] | None = None) -> pd.DataFrame:
    """Forecast the next ``horizon`` months of a monthly count, as a mean and quantiles.

    Model (series of at least 48 months, not all zero): a local-level model (simple
    exponential smoothing) of ``z = log(y + 5)``, its weight chosen from 0.05-0.95 by the
    one-step squared error over the months after a 12-month warm-up. The quantiles of the
    ``h``-month-ahead forecast are the level plus order statistics of the last 36
    ``h``-step errors the same smoothing made out of sample (split-conformal ranks
    ``ceil((n+1)q)`` above the median, ``floor((n+1)q)`` below, Lei et al. 2018; applied
    to a time series as in Stankeviciute et al. 2021), transformed back and floored at 0;
    the mean averages the back-transformed errors (smearing, Duan 1983). The intervals
    are therefore as wide as the model's recent errors were, not as a count model's
    likelihood claims.

    Fallback (fewer than 48 months, or no event at all): the number of events a month is
    a constant rate with the Jeffreys prior, fitted to the last 12 months (or all, if
    fewer); the forecast is the gamma-Poisson predictive, a negative binomial with size
    ``sum + 1/2`` and probability ``k / (k + 1)`` for ``k`` months. An all-zero year thus
    still gets a non-zero upper quantile.

    Parameters
    ----------
    series
        Monthly counts: non-negative whole numbers indexed by a monthly ``PeriodIndex``
        or a month-end ``DatetimeIndex``, no gaps (a month without events is 0), at least
        3 months.
    horizon
        Number of months to forecast after the series' last month (1-60).
    quantiles
        Quantile levels strictly between 0 and 1, increasing; default :data:`QUANTILES`.

    Returns
    -------
    pandas.DataFrame
        Index: the ``horizon`` months after the last one (``PeriodIndex``, freq ``M``,
        name ``month``). Columns ``mean`` and ``q<level>`` (``q0.025`` ... ``q0.975``),
        non-decreasing across the quantile columns. ``attrs``: ``method`` (text),
        ``fallback`` (bool), ``note`` (why the fallback was used, else ``""``),
        ``alpha`` (the smoothing weight, NaN for the fallback).

    Raises
    ------
    SeriesError
        Gaps, missing values, negative or non-whole counts, fewer than 3 months, a bad
        index, horizon or quantile levels.

    References
    ----------
    Hyndman, R. J. and Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*,
    3rd ed., OTexts, ch. 8.1 (simple exponential smoothing) and 5.10 (time-series
    cross-validation on a rolling forecasting origin).
    Lei, J., G'Sell, M., Rinaldo, A., Tibshirani, R. J. and Wasserman, L. (2018).
    Distribution-free predictive inference for regression. *JASA* 113(523), 1094-1111.
    Stankeviciute, K., Alaa, A. M. and van der Schaar, M. (2021). Conformal time-series
    forecasting. *NeurIPS* 34.
    Duan, N. (1983). Smearing estimate: a nonparametric retransformation method. *JASA*
    78(383), 605-610.

    Examples
    --------
    >>> s = pd.Series([4, 6, 5, 7], index=pd.period_range("2025-01", periods=4, freq="M"))
    >>> f = forecast_counts(s, horizon=2)
    >>> f.index.astype(str).tolist(), f.attrs["fallback"]
    (['2025-05', '2025-06'], True)
    >>> f.loc["2025-05", ["q0.1", "q0.5", "q0.9"]].tolist()
    [2.0, 5.0, 9.0]
    """
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= 60:
        raise SeriesError(f"horizon must be a whole number of months from 1 to 60, not {horizon!r}")
    q = _check_quantiles(quantiles)
    s = _as_monthly(series)
    means, quants, note, alpha = _forecast_array(s.to_numpy(dtype="float64"), int(horizon), q)
    index = pd.period_range(s.index[-1] + 1, periods=int(horizon), freq="M", name="month")
    out = pd.DataFrame(quants, index=index, columns=quantile_columns(q))
    out.insert(0, "mean", means)
    out.attrs.update(method=METHOD_FALLBACK if note else METHOD_MODEL, fallback=bool(note), note=note, alpha=alpha)
    return out


# --------------------------------------------------------------------------- baselines


def _seasonal_naive(y: np.ndarray, h: int, q: np.ndarray) -> tuple[float, np.ndarray]:
    """Same month last year plus empirical quantiles of the last 36 year-on-year changes."""
    point = y[len(y) - 12 + h - 1]
    diffs = (y[12:] - y[:-12])[-WINDOW:]
    return float(point), np.maximum(point + np.quantile(diffs, q), 0.0)


def _recent_mean(y: np.ndarray, q: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of the last 12 months with Poisson quantiles."""
    mu = float(y[-12:].mean())
    return mu, poisson_quantiles(mu, q)


# --------------------------------------------------------------------------- scoring


def pinball_loss(outcome: np.ndarray, quants: np.ndarray, q: Levels = QUANTILES) -> np.ndarray:
    """Quantile (pinball) loss of each row, averaged over the quantile levels.

    ``rho_q(y - x) = q (y - x)`` if ``y >= x`` else ``(1 - q)(x - y)``; a proper scoring
    rule for quantiles (Gneiting and Raftery 2007, eq. 41 up to a factor 2). Its average
    over many evenly spread levels approximates half the CRPS.

    Examples
    --------
    >>> pinball_loss(np.array([10.0]), np.array([[8.0, 10.0, 15.0]]), [0.1, 0.5, 0.9]).round(4).tolist()
    [0.2333]
    """
    y = np.asarray(outcome, dtype="float64")[:, None]
    x = np.asarray(quants, dtype="float64")
    levels = np.asarray(q, dtype="float64")[None, :]
    d = y - x
    return np.maximum(levels * d, (levels - 1) * d).mean(axis=1)


@dataclass(frozen=True)
class Score:
    """How one forecaster did over the backtest months.

    ``hits_80`` months had the outcome inside the 80 % interval (bounds included);
    ``coverage_80 = hits_80 / months``; ``pinball`` is the mean pinball loss over
    months and the nine quantile levels.
    """

    model: str
    months: int
    hits_50: int
    hits_80: int
    hits_95: int
    coverage_50: float
    coverage_80: float
    coverage_95: float
    pinball: float


@dataclass(frozen=True)
class TrackRecord:
    """Summary of a rolling-origin backtest: the forecast beside two baselines.

    ``baseline`` names the baseline with the lower pinball loss; ``skill`` is
    ``1 - forecast.pinball / that baseline's pinball`` (0.18 = 18 % lower loss; negative
    when the forecast did worse).
    """

    start: str
    end: str
    horizon: int
    months: int
    forecast: Score
    seasonal_naive: Score
    recent_mean: Score
    baseline: str
    skill: float
    method: str

    def score(self, model: str) -> Score:
        """The :class:`Score` of ``forecast``, ``seasonal_naive`` or ``recent_mean``."""
        if model not in MODEL_NAMES:
            raise ValueError(f"unknown model {model!r}; choose from {', '.join(MODEL_NAMES)}")
        return getattr(self, model)


@dataclass(frozen=True)
class Backtest:
    """Per-month forecasts and outcomes (``forecasts``) and their :class:`TrackRecord`.

    ``forecasts`` is tidy: one row per target month and model (``forecast``,
    ``seasonal_naive``, ``recent_mean``) with ``origin`` (the last month used),
    ``outcome``, ``mean``, the quantiles, ``pinball`` and ``in_50``/``in_80``/``in_95``.
    """

    forecasts: pd.DataFrame = field(repr=False)
    summary: TrackRecord


def _score(model: str, frame: pd.DataFrame) -> Score:
    n = len(frame)
    hits = {level: int(frame[f"in_{level}"].sum()) for level in INTERVALS}
    return Score(
        model=model,
        months=n,
        hits_50=hits[50],
        hits_80=hits[80],
        hits_95=hits[95],
        coverage_50=hits[50] / n,
        coverage_80=hits[80] / n,
        coverage_95=hits[95] / n,
        pinball=float(frame["pinball"].mean()),
    )


def backtest_counts(
    series: pd.Series,
    *,
    start: str | pd.Period,
    horizon: int = 1,
    end: str | pd.Period | None = None,
) -> Backtest:
    """Rolling-origin backtest of :func:`forecast_counts` and two baselines.

    For every target month from ``start`` to ``end`` (default: the last month), each
    forecaster sees only the months up to ``horizon`` months before it (the origin) and
    forecasts that month. Baselines, computed the same way:

    * ``seasonal_naive``: the same month a year earlier plus empirical quantiles of the
      last 36 year-on-year changes (floored at 0);
    * ``recent_mean``: the mean of the last 12 months with Poisson quantiles.

    Interval coverage counts the months whose outcome lies inside the central 50/80/95 %
    interval (``q0.25-q0.75``, ``q0.1-q0.9``, ``q0.025-q0.975``), bounds included; the
    loss is the pinball loss averaged over the nine levels of :data:`QUANTILES` (Gneiting
    and Raftery 2007).

    Parameters
    ----------
    series
        Monthly counts as for :func:`forecast_counts`.
    start, end
        First and last target month (``"2012-01"``); at least 24 months must precede
        the first origin.
    horizon
        Months between origin and target (1-12).

    Returns
    -------
    Backtest

    References
    ----------
    Hyndman, R. J. and Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*,
    3rd ed., OTexts, ch. 5.10 (evaluation on a rolling forecasting origin) and 5.9
    (quantile scores).
    Gneiting, T. and Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
    estimation. *JASA* 102(477), 359-378.

    Examples
    --------
    >>> s = pd.Series([3, 5, 4, 6] * 9, index=pd.period_range("2020-01", periods=36, freq="M"))
    >>> bt = backtest_counts(s, start="2022-07")
    >>> bt.summary.months, bt.summary.forecast.hits_80, len(bt.forecasts)
    (6, 6, 18)
    """
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= 12:
        raise SeriesError(f"the backtest horizon must be a whole number of months from 1 to 12, not {horizon!r}")
    s = _as_monthly(series)
    try:
        first = pd.Period(start, freq="M")
        last = s.index[-1] if end is None else pd.Period(end, freq="M")
    except (TypeError, ValueError) as exc:
        raise SeriesError(f"start and end must be months such as 2012-01 ({exc})") from exc
    if last > s.index[-1] or first > last:
        raise SeriesError(
            f"the backtest months {first}..{last} are not within the series ({s.index[0]}..{s.index[-1]})"
        )
    need = 24
    before = (first - horizon - s.index[0]).n + 1
    if before < need:
        raise SeriesError(
            f"the backtest needs at least {need} months up to its first origin; "
            f"the series starts {s.index[0]}, so start no earlier than {s.index[0] + need - 1 + horizon}"
        )
    y = s.to_numpy(dtype="float64")
    q = np.array(QUANTILES)
    cols = quantile_columns(q)
    all_levels = _levels(np.log(y + OFFSET), ALPHAS)
    rows: list[dict[str, object]] = []
    method = METHOD_MODEL
    for target in pd.period_range(first, last, freq="M"):
        t = (target - s.index[0]).n
        ytrain = y[: t - horizon + 1]
        means, quants, note, _ = _forecast_array(ytrain, horizon, q, all_levels[: len(ytrain)])
        if note:
            method = f"{METHOD_MODEL} (fallback for some months: {METHOD_FALLBACK})"
        outputs = {
            "forecast": (float(means[-1]), quants[-1]),
            "seasonal_naive": _seasonal_naive(ytrain, horizon, q),
            "recent_mean": _recent_mean(ytrain, q),
        }
        for model, (mean, quants) in outputs.items():
            row: dict[str, object] = {
                "month": target,
                "origin": s.index[t - horizon],
                "model": model,
                "outcome": int(y[t]),
                "mean": mean,
            }
            row.update(zip(cols, np.maximum.accumulate(quants), strict=True))
            rows.append(row)
    frame = pd.DataFrame(rows)
    frame["pinball"] = pinball_loss(frame["outcome"].to_numpy(), frame[cols].to_numpy(), q)
    for level, (lo, hi) in INTERVALS.items():
        lo_c, hi_c = quantile_columns([lo, hi])
        frame[f"in_{level}"] = (frame["outcome"] >= frame[lo_c]) & (frame["outcome"] <= frame[hi_c])
    scores = {m: _score(m, frame.loc[frame["model"] == m]) for m in MODEL_NAMES}
    baseline = min(("seasonal_naive", "recent_mean"), key=lambda m: (scores[m].pinball, m))
    base_loss = scores[baseline].pinball
    skill = 1.0 - scores["forecast"].pinball / base_loss if base_loss > 0 else float("nan")
    summary = TrackRecord(
        start=str(first),
        end=str(last),
        horizon=int(horizon),
        months=scores["forecast"].months,
        forecast=scores["forecast"],
        seasonal_naive=scores["seasonal_naive"],
        recent_mean=scores["recent_mean"],
        baseline=baseline,
        skill=skill,
        method=method,
    )
    return Backtest(forecasts=frame, summary=summary)


# --------------------------------------------------------------------------- the brief's outlook


@dataclass(frozen=True)
class SeriesOutlook:
    """Forecast of one monthly series (the whole dataset, or one province) and its track record.

    ``history`` holds the monthly counts up to the last month (zero-filled, only incidents
    placeable in a month); ``forecast`` is :func:`forecast_counts` of it; ``track`` the
    one-month-ahead backtest over the last months (``None`` with ``track_note`` saying why
    when the history is too short); ``baseline`` the better baseline's forecast when the
    track record is worse than that baseline's, else ``None``.
    """

    region: str | None
    measure: str
    history: pd.Series = field(repr=False)
    forecast: pd.DataFrame = field(repr=False)
    track: TrackRecord | None
    track_note: str = ""
    baseline: pd.DataFrame | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Outlook:
    """What a brief's "Outlook" section shows: forecasts after ``last_month`` with track records.

    ``left_out_incidents`` / ``left_out_measure`` count the incidents (and their
    ``measure``) that could not be placed in one month and are not in any series.
    """

    last_month: str
    horizon: int
    measure: str
    series: tuple[SeriesOutlook, ...]
    left_out_incidents: int
    left_out_measure: int
    method: str
    note: str = ""


def default_measure(frame: pd.DataFrame) -> str:
    """``killed_total`` when the data record deaths at all, else ``incidents``.

    A source that records no deaths gets a forecast of incidents: its blank deaths are
    "not recorded", never a series of zeros to forecast.
    """
    if "killed_total" in frame and frame["killed_total"].notna().any():
        return "killed_total"
    return "incidents"


def _last_complete_month(end: pd.Timestamp) -> pd.Period:
    month = pd.Period(end, freq="M")
    return month if end.normalize() == month.end_time.normalize() else month - 1


def outlook(
    frame: pd.DataFrame,
    period,  # analysis.periods.Period
    *,
    measure: str = "killed_total",
    region: str | None = None,
    provinces: int = 2,
    horizon: int = 3,
    track_months: int = 36,
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> Outlook:
    """Forecasts of the ``horizon`` months after ``period`` with their track records.

    Series: the whole dataset and the ``provinces`` provinces with the highest ``measure``
    over the 12 months ending with the period (those with none are skipped); with
    ``region``, that province only. Each runs from the first month of the data to the
    last complete month of ``period``; incidents after it are not used, and incidents
    not placeable in one month (:func:`placeable_in_month`) are left out and counted.
    The track record is :func:`backtest_counts` one month ahead over the last
    ``track_months`` months (fewer when the history is shorter; none below 12, and none
    computed with ``track_months=0``, e.g. for a chart that does not show it).

    ``coverage`` (first and last day the data cover, e.g. ``Incidents.coverage``): the
    series start in the month of its first day, and a period that runs past its last day
    is cut at the month of that day (the month of the last incident counts as covered,
    as in :func:`analysis.records.records_for`), so months the data do not cover are
    never forecast from as zeros. ``Outlook.note`` then says so.
    """
    from analysis.counts import MEASURES, _check
    from analysis.periods import date_range
    from analysis.trends import monthly_series

    _check([measure], MEASURES, "measure")
    last = _last_complete_month(period.end)
    cut = ""
    if coverage is not None and pd.Period(coverage[1], freq="M") < last:
        last = pd.Period(coverage[1], freq="M")
        cut = f"the data end in {last:%B %Y}: the forecast starts after that month"
    keep = placeable_in_month(frame) & (frame["date"] <= last.end_time)
    left = frame.loc[~placeable_in_month(frame) & (frame["date"] <= last.end_time)]
    left_measure = len(left) if measure in ("incidents", "attacks", "operations") else int(left[measure].sum())
    used = frame.loc[keep]

    def result(series: tuple[SeriesOutlook, ...], note: str = cut) -> Outlook:
        return Outlook(
            last_month=str(last),
            horizon=horizon,
            measure=measure,
            series=series,
            left_out_incidents=len(left),
            left_out_measure=left_measure,
            method=METHOD_MODEL,
            note=note,
        )

    if used.empty:
        return result((), "no incidents to forecast from")
    first = pd.Period(used["date"].min() if coverage is None else min(coverage[0], used["date"].min()), freq="M")
    span = date_range(first.start_time, last.end_time)
    if region is not None:
        regions: list[str | None] = [region]
    else:
        window = used.loc[used["date"] >= (last - 11).start_time]
        by_province = window.groupby("province", observed=True)[measure].agg(
            "size" if measure in ("incidents", "attacks", "operations") else "sum"
        )
        by_province = by_province[by_province > 0]
        ranked = sorted(by_province.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))
        regions = [None, *[str(p) for p, _ in ranked[:provinces]]]
    months = (last - first).n + 1
    if months < MIN_MONTHS:
        return result((), f"{months} month(s) of data up to {last}: too few to forecast (at least {MIN_MONTHS} needed)")
    out = []
    for r in regions:
        s = monthly_series(used, measure=measure, province=r, period=span)
        f = forecast_counts(s, horizon=horizon)
        months = min(track_months, len(s) - 24)
        track, note = None, ""
        if track_months == 0:
            note = "not computed (track_months=0)"
        elif months < 12:
            note = f"{len(s)} months of history: too few for a track record (36 are needed)"
        else:
            track = backtest_counts(s, start=s.index[-months], horizon=1).summary
        # where the forecast did worse than a baseline, the brief shows that baseline beside it
        shown = baseline_forecast(s, track.baseline, horizon=horizon) if track and track.skill < 0 else None
        out.append(
            SeriesOutlook(
                region=r, measure=measure, history=s, forecast=f, track=track, track_note=note, baseline=shown
            )
        )
    return result(tuple(out))


def baseline_forecast(series: pd.Series, model: str, *, horizon: int = 3) -> pd.DataFrame:
    """Forecast of a baseline of :func:`backtest_counts`, shaped like :func:`forecast_counts`.

    ``seasonal_naive``: the same month a year earlier plus empirical quantiles of the last
    36 year-on-year changes (needs 24 months); ``recent_mean``: the last 12 months' mean
    with Poisson quantiles. A brief shows it where the model's track record is worse.
    """
    if model not in MODEL_NAMES[1:]:
        raise SeriesError(f"unknown baseline {model!r}; choose from {', '.join(MODEL_NAMES[1:])}")
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= 12:
        raise SeriesError(f"horizon must be a whole number of months from 1 to 12, not {horizon!r}")
    s = _as_monthly(series, min_months=24 if model == "seasonal_naive" else 12)
    y = s.to_numpy(dtype="float64")
    q = np.array(QUANTILES)
    rows = [
        _seasonal_naive(y, h, q) if model == "seasonal_naive" else _recent_mean(y, q) for h in range(1, horizon + 1)
    ]
    index = pd.period_range(s.index[-1] + 1, periods=int(horizon), freq="M", name="month")
    out = pd.DataFrame(
        np.maximum.accumulate(np.array([r[1] for r in rows]), axis=1), index=index, columns=quantile_columns(q)
    )
    out.insert(0, "mean", [r[0] for r in rows])
    out.attrs.update(method=model.replace("_", " "), fallback=False, note="", alpha=float("nan"))
    return out
