"""Trends in monthly series: rolling means, STL, negative-binomial growth, structural breaks.

Every series is monthly and zero-filled (a month with no incidents is a 0, not a
gap). Models are fitted with statsmodels, imported inside the functions that use
them so that ``import analysis`` stays light. Every fit reports whether it
converged; a fit that did not converge says so (``converged=False`` and a
:class:`analysis.errors.SecbriefWarning`) instead of returning numbers silently.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from analysis.counts import MEASURES, DateRule, ImpreciseDates, _check, count_table
from analysis.errors import SecbriefWarning
from analysis.periods import Period


def monthly_series(
    frame: pd.DataFrame,
    *,
    measure: str = "killed_total",
    province: str | None = None,
    period: Period | None = None,
    date_rule: DateRule = "start",
) -> pd.Series:
    """Monthly totals of ``measure``, zero-filled, indexed by ``pandas.Period`` months.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "date": pd.to_datetime(["2025-01-05", "2025-03-01"]),
    ...             "province": ["Sindh", "Sindh"],
    ...             "event_type": ["attack"] * 2,
    ...             "killed_total": [2, 5],
    ...         }
    ...     )
    ... )
    >>> monthly_series(inc.frame).tolist()
    [2, 0, 5]
    """
    _check([measure], MEASURES, "measure")
    f = frame
    if province is not None:
        f = f.loc[(f["province"] == province).fillna(False)]
    t = count_table(f, by=["month"], measures=[measure], period=period, with_unknown=False, date_rule=date_rule)
    if period is None and len(f) == 0:
        return pd.Series([], index=pd.PeriodIndex([], freq="M"), name=measure, dtype="int64")
    return pd.Series(t[measure].to_numpy(), index=pd.PeriodIndex(t["month"], freq="M"), name=measure)


def rolling_means(series: pd.Series, windows: tuple[int, ...] = (3, 12)) -> pd.DataFrame:
    """Trailing rolling means (``mean_3``, ``mean_12``); NaN until a window is full.

    Examples
    --------
    >>> s = pd.Series([3, 0, 6, 9], index=pd.period_range("2025-01", periods=4, freq="M"))
    >>> rolling_means(s, (3,))["mean_3"].tolist()[2:]
    [3.0, 5.0]
    """
    out = pd.DataFrame({"value": series.astype("float64")})
    for w in windows:
        out[f"mean_{w}"] = series.astype("float64").rolling(w, min_periods=w).mean()
    return out


def seasonal_decomposition(series: pd.Series, *, period: int = 12, robust: bool = True) -> pd.DataFrame:
    """STL decomposition of a zero-filled monthly series into trend, seasonal and remainder.

    Needs at least two full years. ``robust=True`` down-weights single extreme months
    (one mass-casualty bombing) so that they do not bend the trend.

    Returns
    -------
    pandas.DataFrame
        ``observed, trend, seasonal, resid`` (``observed = trend + seasonal + resid``).

    References
    ----------
    Cleveland, R. B., Cleveland, W. S., McRae, J. E. and Terpenning, I. (1990). STL: A
    seasonal-trend decomposition procedure based on loess. *Journal of Official
    Statistics* 6(1), 3-73. (``statsmodels.tsa.seasonal.STL``.)
    """
    from statsmodels.tsa.seasonal import STL

    if len(series) < 2 * period:
        raise ValueError(f"STL needs at least {2 * period} months; the series has {len(series)}")
    y = pd.Series(
        series.to_numpy(dtype="float64"),
        index=series.index.to_timestamp() if isinstance(series.index, pd.PeriodIndex) else series.index,
    )
    res = STL(y, period=period, robust=robust).fit()
    return pd.DataFrame(
        {"observed": res.observed, "trend": res.trend, "seasonal": res.seasonal, "resid": res.resid}
    ).set_index(series.index)


@dataclass(frozen=True)
class TrendFit:
    """Annual growth of a monthly count from a negative-binomial log-linear model.

    ``annual_growth`` is ``exp(beta) - 1`` for the coefficient of time in years
    (0.12 = +12 % a year), with its Wald interval; ``dispersion`` is the NB2
    ``alpha`` (variance ``mu + alpha mu**2``).
    """

    annual_growth: float
    ci_low: float
    ci_high: float
    p_value: float
    dispersion: float
    converged: bool
    n_months: int
    start: str
    end: str
    alpha: float
    method: str
    message: str = ""


def _design(index: pd.PeriodIndex, seasonal: bool) -> tuple[np.ndarray, list[str]]:
    n = len(index)
    t = (np.arange(n) - (n - 1) / 2) / 12.0  # years, centred: a well-conditioned design
    cols = [np.ones(n), t]
    names = ["const", "years"]
    if seasonal:
        months = np.asarray(index.month)
        for m in range(2, 13):
            cols.append((months == m).astype("float64"))
            names.append(f"month_{m}")
    return np.column_stack(cols), names


def _fit_nb(y: np.ndarray, x: np.ndarray, maxiter: int = 200):
    """NB2 maximum likelihood by Newton's method; returns (result, converged, message).

    Starts from the Poisson fit and a moment estimate of the dispersion; when Newton
    does not converge from there, BFGS finds the neighbourhood and Newton polishes it.
    Converged means Newton's own criterion was met and all estimates are finite.
    """
    from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

    notes: set[str] = set()

    def run(start, method):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = NegativeBinomial(y, x, loglike_method="nb2").fit(
                start_params=start, method=method, maxiter=maxiter if method == "newton" else 10 * maxiter, disp=0
            )
        notes.update(str(w.message).splitlines()[0] for w in caught)
        ok = bool(res.mle_retvals.get("converged", False)) and bool(
            np.all(np.isfinite(res.params)) and np.all(np.isfinite(res.bse)) and res.params[-1] > 0
        )
        return res, ok

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        pois = Poisson(y, x).fit(method="newton", maxiter=maxiter, disp=0)
    mu = np.exp(x @ pois.params)
    moment = float(np.mean(((y - mu) ** 2 - y) / mu**2))
    start = np.append(pois.params, min(max(moment, 0.01), 10.0))
    res, ok = run(start, "newton")
    if not ok:
        rough, _ = run(start, "bfgs")
        if np.all(np.isfinite(rough.params)) and rough.params[-1] > 0:
            res, ok = run(rough.params, "newton")
    message = (
        ""
        if ok
        else ("the negative-binomial fit did not converge" + (f" ({'; '.join(sorted(notes))})" if notes else ""))
    )
    return res, ok, message


def _check_series(series: pd.Series, min_months: int) -> pd.Series:
    if not isinstance(series.index, pd.PeriodIndex):
        raise ValueError("a monthly series indexed by pandas.Period months is needed (see monthly_series)")
    if len(series) < min_months:
        raise ValueError(f"the model needs at least {min_months} months; the series has {len(series)}")
    if float(series.sum()) <= 0:
        raise ValueError("the series has no events: no trend can be estimated")
    return series


def growth_trend(series: pd.Series, *, seasonal: bool = True, alpha: float = 0.05, maxiter: int = 200) -> TrendFit:
    """Annual growth rate of a monthly count with its interval (negative-binomial trend).

    Model: ``log E[y_t] = b0 + b1 * years_t + month-of-year effects`` with NB2 errors
    (the variance grows with the square of the mean, as clustered casualty counts
    need), fitted by maximum likelihood with Newton's method starting from the
    Poisson fit. Convergence is checked: the default optimiser of statsmodels can
    stop early and report a badly wrong dispersion on long series.

    Parameters
    ----------
    series
        Monthly counts, zero-filled, indexed by ``pandas.Period`` (see
        :func:`monthly_series`); at least 24 months with ``seasonal``, 12 without.
    seasonal
        Include month-of-year effects.
    alpha
        The interval has coverage ``1 - alpha`` (Wald, on the log scale).
    maxiter
        Newton iterations allowed (BFGS, the fallback, gets ten times as many).

    References
    ----------
    Cameron, A. C. and Trivedi, P. K. (2013). *Regression Analysis of Count Data*, 2nd
    ed. Cambridge University Press, ch. 3 (NB2 model).
    Hilbe, J. M. (2011). *Negative Binomial Regression*, 2nd ed. Cambridge University Press.
    """
    from scipy import stats

    s = _check_series(series, 24 if seasonal else 12)
    y = s.to_numpy(dtype="float64")
    x, _ = _design(s.index, seasonal)
    res, ok, message = _fit_nb(y, x, maxiter=maxiter)
    beta, se = float(res.params[1]), float(res.bse[1])
    z = stats.norm.isf(alpha / 2)
    if not ok:
        warnings.warn(f"growth trend: {message}", SecbriefWarning, stacklevel=2)
    return TrendFit(
        annual_growth=math.exp(beta) - 1,
        ci_low=math.exp(beta - z * se) - 1,
        ci_high=math.exp(beta + z * se) - 1,
        p_value=float(2 * stats.norm.sf(abs(beta / se))) if se > 0 else math.nan,
        dispersion=float(res.params[-1]),
        converged=ok,
        n_months=len(s),
        start=str(s.index[0]),
        end=str(s.index[-1]),
        alpha=alpha,
        method="negative-binomial (NB2) log-linear trend"
        + (" with month-of-year effects" if seasonal else "")
        + ", Newton ML, Wald interval",
        message=message,
    )


@dataclass(frozen=True)
class BreakTest:
    """A level shift at a given month in a negative-binomial trend model.

    ``level_ratio`` is ``exp(delta)``: how many times higher the level is from
    ``month`` on than the trend before predicts (with its Wald interval);
    ``p_value`` is the likelihood-ratio test of ``delta = 0`` (chi-square, 1 df).
    """

    month: str
    level_ratio: float
    ci_low: float
    ci_high: float
    lr_stat: float
    p_value: float
    converged: bool
    alpha: float
    method: str
    message: str = ""


def _exp(v: float) -> float:
    """``exp`` that gives inf (not an OverflowError) for a diverged fit's huge estimate or error."""
    return math.exp(v) if v < 709 else math.inf


def _step(index: pd.PeriodIndex, at: pd.Period) -> np.ndarray:
    return (index >= at).astype("float64")


def break_test(series: pd.Series, at: str | pd.Period, *, seasonal: bool = True, alpha: float = 0.05) -> BreakTest:
    """Test for a change of level at a known month (e.g. "since August 2021").

    Compares the NB2 trend model of :func:`growth_trend` with and without a step at
    ``at`` by a likelihood-ratio test (both dispersions estimated).

    References
    ----------
    Chow, G. C. (1960). Tests of equality between sets of coefficients in two linear
    regressions. *Econometrica* 28, 591-605 (test at a known break date).
    Cameron and Trivedi (2013), see :func:`growth_trend` (likelihood-ratio tests in
    count models).
    """
    from scipy import stats

    s = _check_series(series, 24 if seasonal else 12)
    month = pd.Period(at, freq="M")
    if not (s.index[0] < month <= s.index[-1]):
        raise ValueError(
            f"the break month {month} must lie inside the series ({s.index[0]}..{s.index[-1]}), after its first month"
        )
    y = s.to_numpy(dtype="float64")
    x0, _ = _design(s.index, seasonal)
    x1 = np.column_stack([x0, _step(s.index, month)])
    r0, ok0, m0 = _fit_nb(y, x0)
    r1, ok1, m1 = _fit_nb(y, x1)
    ok = ok0 and ok1
    lr = max(0.0, 2 * (float(r1.llf) - float(r0.llf)))
    delta, se = float(r1.params[-2]), float(r1.bse[-2])
    z = stats.norm.isf(alpha / 2)
    message = "; ".join(m for m in (m0, m1) if m)
    if not ok:
        warnings.warn(f"break test: {message}", SecbriefWarning, stacklevel=2)
    return BreakTest(
        month=str(month),
        level_ratio=_exp(delta),
        ci_low=_exp(delta - z * se),
        ci_high=_exp(delta + z * se),
        lr_stat=lr,
        p_value=float(stats.chi2.sf(lr, 1)),
        converged=ok,
        alpha=alpha,
        method="likelihood-ratio test for a level shift at a known month in an NB2 log-linear trend model",
        message=message,
    )


@dataclass(frozen=True)
class BreakEstimate:
    """The single most likely month of a level shift, with its uncertainty.

    ``month`` maximises the profile likelihood over candidate months (the middle
    ``1 - 2 trim`` of the series); ``set_start..set_end`` is the likelihood-ratio
    confidence set (months whose profile LR is within the chi-square(1) quantile of the
    best); ``p_value`` tests "no break anywhere" with the sup-LR statistic against its
    asymptotic null distribution (Andrews 1993).
    """

    month: str
    set_start: str
    set_end: str
    level_ratio: float
    sup_lr: float
    p_value: float
    converged: bool
    alpha: float
    method: str
    message: str = ""


@cache
def _sup_lr_null(trim: float, paths: int = 20_000, steps: int = 500, trend: bool = True) -> np.ndarray:
    """Simulated null distribution of the sup-LR statistic for one level shift (sorted).

    ``sup over l in [trim, 1 - trim] of (int h_l dW)**2 / int h_l**2`` for a standard
    Brownian motion ``W``, where ``h_l`` is the step ``1(r >= l)`` with the other
    non-stationary regressors projected out: the constant (Andrews 1993: the Brownian
    bridge form) and, with ``trend=True``, the linear trend of the model as well, which
    raises the 5 % critical value from 8.68 to about 10.1 (a level shift in a
    trend-stationary series, Vogelsang 1997; month-of-year effects are stationary and do
    not change the limit). Discretised on ``steps`` points; fixed seed, so the p-values
    are reproducible.
    """
    rng = np.random.default_rng(19930701)
    r = (np.arange(steps) + 0.5) / steps
    lam = r[(r >= trim) & (r <= 1 - trim)]
    x = np.column_stack([np.ones(steps), r]) if trend else np.ones((steps, 1))
    step = (r[None, :] >= lam[:, None]).astype("float64")
    h = step - (x @ np.linalg.lstsq(x, step.T, rcond=None)[0]).T
    h /= np.linalg.norm(h, axis=1, keepdims=True)
    out = np.empty(paths)
    for i in range(0, paths, 2000):
        e = rng.standard_normal((min(2000, paths - i), steps))
        out[i : i + len(e)] = ((e @ h.T) ** 2).max(axis=1)
    return np.sort(out)


def sup_lr_pvalue(stat: float, trim: float = 0.15, *, trend: bool = True) -> float:
    """Asymptotic p-value of the sup-LR test for one level shift, by simulation.

    ``trend=True`` (the models of this module have a linear trend) uses the null with
    the trend projected out; ``trend=False`` is Andrews' case of a shift in a constant.

    References
    ----------
    Andrews, D. W. K. (1993). Tests for parameter instability and structural change
    with unknown change point. *Econometrica* 61(4), 821-856 (Table 1: the 5 % critical
    value for one parameter and 15 % trimming is 8.68).
    Vogelsang, T. J. (1997). Wald-type tests for detecting breaks in the trend function
    of a dynamic time series. *Econometric Theory* 13(6), 818-849 (shifts in a trending
    series: larger critical values).
    """
    null = _sup_lr_null(round(float(trim), 6), trend=trend)
    exceed = len(null) - np.searchsorted(null, stat, side="left")
    return float((exceed + 1) / (len(null) + 1))  # Monte Carlo p-value, never exactly 0


def estimate_break(
    series: pd.Series, *, trim: float = 0.15, seasonal: bool = True, alpha: float = 0.05
) -> BreakEstimate:
    """Estimate the month of a single level shift and its uncertainty.

    The NB2 dispersion is fixed at its no-break estimate and each candidate month's
    step model is fitted as a GLM (IRLS, Newton where IRLS does not converge), giving
    the profile log-likelihood over break months; the best month is refitted with the
    dispersion free.

    References
    ----------
    Andrews (1993), see :func:`sup_lr_pvalue` (sup-LR test, trimming).
    Siegmund, D. (1988). Confidence sets in change-point problems. *International
    Statistical Review* 56(1), 31-48 (likelihood-ratio confidence sets for the date).
    Bai, J. (1997). Estimation of a change point in multiple regression models. *Review
    of Economics and Statistics* 79(4), 551-563.
    """
    import statsmodels.genmod.families as fam
    from scipy import stats
    from statsmodels.genmod.generalized_linear_model import GLM

    if not (0 < trim < 0.5):
        raise ValueError("trim must be between 0 and 0.5")
    s = _check_series(series, 24 if seasonal else 12)
    y = s.to_numpy(dtype="float64")
    x0, _ = _design(s.index, seasonal)
    r0, ok0, m0 = _fit_nb(y, x0)
    disp = max(float(r0.params[-1]), 1e-8)
    n = len(s)
    first, last = int(math.ceil(trim * n)), int(math.floor((1 - trim) * n))
    family = fam.NegativeBinomial(alpha=disp)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        base = GLM(y, x0, family=family).fit()
    llf0 = float(base.llf)
    lrs = np.full(n, -np.inf)
    start = np.append(base.params, 0.0)
    failed = 0
    for i in range(max(first, 1), last + 1):
        x1 = np.column_stack([x0, _step(s.index, s.index[i])])
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            r = GLM(y, x1, family=family).fit(start_params=start)
            ok_fit = bool(r.converged)
            if not ok_fit:  # IRLS can oscillate on spiky series; Newton from the same start does not
                r = GLM(y, x1, family=family).fit(start_params=start, method="newton", maxiter=100)
                ok_fit = bool(r.mle_retvals.get("converged", False))
        if not ok_fit:
            failed += 1
            continue
        lrs[i] = 2 * (float(r.llf) - llf0)
    if not np.isfinite(lrs).any():
        raise ValueError("no candidate break month could be fitted")
    best = int(np.argmax(lrs))
    sup_lr = max(0.0, float(lrs[best]))
    inside = np.flatnonzero(lrs >= lrs[best] - stats.chi2.isf(alpha, 1))
    bt = break_test(s, s.index[best], seasonal=seasonal, alpha=alpha) if ok0 else None
    ok = ok0 and failed == 0 and bt is not None and bt.converged
    message = "; ".join(
        m
        for m in (
            m0,
            f"{failed} candidate fits did not converge" if failed else "",
            bt.message if bt is not None else "",
        )
        if m
    )
    if not ok:
        warnings.warn(f"break estimate: {message}", SecbriefWarning, stacklevel=2)
    return BreakEstimate(
        month=str(s.index[best]),
        set_start=str(s.index[inside.min()]),
        set_end=str(s.index[inside.max()]),
        level_ratio=bt.level_ratio if bt is not None else math.nan,
        sup_lr=sup_lr,
        p_value=sup_lr_pvalue(sup_lr, trim, trend=True),
        converged=ok,
        alpha=alpha,
        method=f"profile likelihood over break months ({trim:.0%} trimmed) in an NB2 log-linear trend model; "
        "sup-LR test (Andrews 1993; null with the trend projected out, Vogelsang 1997); "
        "likelihood-ratio confidence set",
        message=message,
    )


@dataclass(frozen=True)
class LevelShift:
    """A checked statement about a structural break in a monthly count ("a surge since August 2021").

    Attributes
    ----------
    measure, region
        What was counted, and where (``None``: everywhere).
    window_start, window_end, months
        The months searched (``YYYY-MM``) and how many.
    direction
        ``"none"`` unless a level shift is established: the fits converged, Andrews'
        sup-LR test of "no break anywhere" rejects at ``alpha``, and the ``1 - alpha``
        interval of the level ratio at the estimated month excludes 1 (so the verdict and
        the interval agree). Then ``"surge"`` when the level rose against the trend and
        the plain monthly mean after the month is higher than before, ``"fall"`` when
        both are lower, and ``"break"`` when they disagree (the series left its trend
        but did not simply rise or fall: say "a break in the trend", not "a surge").
    month, set_start, set_end
        Estimated month of the shift and its likelihood-ratio confidence set.
    level_ratio, ci_low, ci_high
        How many times higher the level is from ``month`` on than the trend before
        predicts, with its Wald interval (given the month).
    mean_before, mean_after
        Plain monthly means of the count before ``month`` and from ``month`` on.
    sup_lr, p_value
        Andrews' statistic and its p-value.
    unplaced
        Incidents and deaths in the window dated too imprecisely to place in a month
        (not in the series; see :func:`analysis.counts.imprecise_dates`), or ``None``.
    """

    measure: str
    region: str | None
    window_start: str
    window_end: str
    months: int
    direction: str
    month: str
    set_start: str
    set_end: str
    level_ratio: float
    ci_low: float
    ci_high: float
    mean_before: float
    mean_after: float
    sup_lr: float
    p_value: float
    alpha: float
    converged: bool
    method: str
    message: str = ""
    unplaced: ImpreciseDates | None = None

    @property
    def established(self) -> bool:
        """True when a level shift is established (say "a surge/fall since <month>" only for those directions)."""
        return self.direction in ("surge", "fall", "break")

    def to_numbers(self) -> dict[str, object]:
        """Plain values for the numbers JSON."""
        return {
            "measure": self.measure,
            "region": self.region,
            "window": [self.window_start, self.window_end],
            "direction": self.direction,
            "month": self.month,
            "confidence_set": [self.set_start, self.set_end],
            "level_ratio": self.level_ratio,
            "ci": [self.ci_low, self.ci_high],
            "mean_before": self.mean_before,
            "mean_after": self.mean_after,
            "sup_lr": self.sup_lr,
            "p_value": self.p_value,
        }


#: Fewest months :func:`level_shift` searches (15 % trimmed at each end leaves 26 candidates).
MIN_SHIFT_MONTHS = 36


def level_shift(
    frame: pd.DataFrame,
    period: Period,
    *,
    measure: str = "killed_total",
    province: str | None = None,
    months: int = 120,
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    alpha: float = 0.05,
    trim: float = 0.15,
) -> LevelShift | None:
    """One level shift, if any, in the ``months`` months ending with ``period``: whether and when.

    The monthly series (placeable incidents only, zero-filled) of the window, clipped
    to the whole months the data cover (``coverage``, default
    :func:`analysis.records.coverage_of`), goes to :func:`estimate_break` (NB2 trend with
    month-of-year effects; profile likelihood over break months; Andrews' sup-LR test;
    likelihood-ratio confidence set for the month) and the level ratio at the estimated
    month to :func:`break_test`. This is what an annual brief's "a surge since 2021"
    rests on. Returns ``None`` when the window has fewer than
    :data:`MIN_SHIFT_MONTHS` months or no events.

    References
    ----------
    Andrews (1993), Bai (1997), Siegmund (1988): see :func:`estimate_break`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> rng = np.random.default_rng(1)
    >>> months = pd.period_range("2015-01", "2024-12", freq="M")
    >>> lam = np.where(months >= pd.Period("2021-08", "M"), 12.0, 4.0)
    >>> n = rng.negative_binomial(3, 3 / (3 + lam))  # overdispersed, as casualty counts are
    >>> days = np.repeat(months.to_timestamp(), n) + pd.Timedelta(days=9)
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": [str(i) for i in range(n.sum())],
    ...             "date": days,
    ...             "province": "Sindh",
    ...             "event_type": "attack",
    ...             "killed_total": 1,
    ...         }
    ...     )
    ... )
    >>> s = level_shift(inc.frame, parse_period("2024"))
    >>> s.direction, s.set_start <= "2021-08" <= s.set_end, s.ci_low > 1.5
    ('surge', True, True)
    """
    from analysis.counts import imprecise_dates
    from analysis.periods import months_ending

    _check([measure], MEASURES, "measure")
    window = months_ending(period, months)
    f = frame if province is None else frame.loc[(frame["province"] == province).fillna(False)]
    if coverage is None:
        from analysis.records import coverage_of

        coverage = coverage_of(frame)
    if coverage is not None:  # only whole months the data cover
        start = max(window.start, pd.Timestamp(coverage[0]).normalize())
        if start.day != 1:
            start = (start + pd.offsets.MonthBegin(1)).normalize()
        end = min(window.end, pd.Timestamp(coverage[1]).normalize())
        if end != end + pd.offsets.MonthEnd(0):
            end = (end - pd.offsets.MonthBegin(1)).normalize() - pd.Timedelta(days=1)
        if start > end:
            return None
        window = Period("range", start, end)
    s = monthly_series(f, measure=measure, period=window)
    if len(s) < MIN_SHIFT_MONTHS or float(s.sum()) <= 0:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecbriefWarning)
        est = estimate_break(s, trim=trim, alpha=alpha)
        bt = break_test(s, est.month, alpha=alpha)
    at = pd.Period(est.month, freq="M")
    before, after = s.loc[s.index < at], s.loc[s.index >= at]
    excludes = bt.ci_low > 1 or bt.ci_high < 1
    ok = est.converged and bt.converged
    direction = "none"
    if ok and est.p_value < alpha and excludes:
        up, higher = bt.level_ratio > 1, float(after.mean()) > float(before.mean())
        direction = ("surge" if up else "fall") if up == higher else "break"
    unplaced = imprecise_dates(frame, window, unit="month", province=province)
    return LevelShift(
        measure=measure,
        region=province,
        window_start=str(s.index[0]),
        window_end=str(s.index[-1]),
        months=len(s),
        direction=direction,
        month=est.month,
        set_start=est.set_start,
        set_end=est.set_end,
        level_ratio=bt.level_ratio,
        ci_low=bt.ci_low,
        ci_high=bt.ci_high,
        mean_before=float(before.mean()),
        mean_after=float(after.mean()),
        sup_lr=est.sup_lr,
        p_value=est.p_value,
        alpha=alpha,
        converged=ok,
        method=est.method,
        message="; ".join(m for m in (est.message, bt.message) if m),
        unplaced=unplaced or None,
    )


def break_table(
    frame: pd.DataFrame,
    period: Period,
    *,
    measures: tuple[str, ...] | list[str] = ("killed_total",),
    by: str | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """One :func:`level_shift` per measure (and per province with ``by="province"``) over ``period``.

    ``period`` is the whole window searched (e.g. ``2015..2024``). Rows whose window is
    too short or empty are left out.

    Returns
    -------
    pandas.DataFrame
        ``[province,] measure, months, direction, month, set_start, set_end,
        level_ratio, ci_low, ci_high, mean_before, mean_after, sup_lr, p_value,
        p_adjusted``. ``direction`` is each row's own verdict at ``alpha``, not adjusted
        for the number of rows; ``p_adjusted`` is the Benjamini-Hochberg adjusted p-value
        over the rows (:func:`analysis.changes.benjamini_hochberg`): with many rows,
        read a shift as established only where ``p_adjusted < alpha``.
    """
    from analysis.periods import months_in

    n = len(months_in(period))
    rows = []
    raw_p = []
    groups: list[str | None] = [None]
    if by == "province":
        groups = [*sorted(str(p) for p in frame["province"].dropna().unique())]
    elif by is not None:
        raise ValueError("breaks can be split only by province")
    for g in groups:
        for m in measures:
            s = level_shift(frame, period, measure=m, province=g, months=n, alpha=alpha)
            if s is None:
                continue
            raw_p.append(s.p_value)
            row: dict[str, object] = {"province": g} if by else {}
            row.update(
                {
                    "measure": m,
                    "months": s.months,
                    "direction": s.direction,
                    "month": s.month,
                    "set_start": s.set_start,
                    "set_end": s.set_end,
                    "level_ratio": round(s.level_ratio, 3),
                    "ci_low": round(s.ci_low, 3),
                    "ci_high": round(s.ci_high, 3),
                    "mean_before": round(s.mean_before, 2),
                    "mean_after": round(s.mean_after, 2),
                    "sup_lr": round(s.sup_lr, 2),
                    "p_value": float(f"{s.p_value:.2g}"),
                }
            )
            rows.append(row)
    cols = [*(["province"] if by else []), "measure", "months", "direction", "month", "set_start", "set_end"]
    cols += ["level_ratio", "ci_low", "ci_high", "mean_before", "mean_after", "sup_lr", "p_value", "p_adjusted"]
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        from analysis.changes import benjamini_hochberg

        out["p_adjusted"] = [float(f"{v:.2g}") for v in benjamini_hochberg(raw_p, alpha).adjusted]
    return out
