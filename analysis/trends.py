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

from analysis.counts import MEASURES, DateRule, _check, count_table
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
        level_ratio=math.exp(delta),
        ci_low=math.exp(delta - z * se),
        ci_high=math.exp(delta + z * se),
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
def _sup_lr_null(trim: float, paths: int = 20_000, steps: int = 2_000) -> np.ndarray:
    """Simulated null distribution of Andrews' sup-LR for one parameter (sorted).

    ``sup over l in [trim, 1 - trim] of (W(l) - l W(1))**2 / (l (1 - l))`` for a
    standard Brownian motion ``W``; fixed seed, so the p-values are reproducible.
    """
    rng = np.random.default_rng(19930701)
    grid = np.arange(1, steps + 1) / steps
    inside = (grid >= trim) & (grid <= 1 - trim)
    g = grid[inside]
    out = np.empty(paths)
    for i in range(0, paths, 1000):
        w = np.cumsum(rng.standard_normal((min(1000, paths - i), steps)), axis=1) / math.sqrt(steps)
        bridge = w[:, inside] - g * w[:, -1:]
        out[i : i + len(w)] = (bridge**2 / (g * (1 - g))).max(axis=1)
    return np.sort(out)


def sup_lr_pvalue(stat: float, trim: float = 0.15) -> float:
    """Asymptotic p-value of Andrews' sup-LR (one parameter), by simulation.

    References
    ----------
    Andrews, D. W. K. (1993). Tests for parameter instability and structural change
    with unknown change point. *Econometrica* 61(4), 821-856 (Table 1: the 5 % critical
    value for one parameter and 15 % trimming is 8.68).
    """
    null = _sup_lr_null(round(float(trim), 6))
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
        p_value=sup_lr_pvalue(sup_lr, trim),
        converged=ok,
        alpha=alpha,
        method=f"profile likelihood over break months ({trim:.0%} trimmed) in an NB2 log-linear trend model; "
        "sup-LR test (Andrews 1993); likelihood-ratio confidence set",
        message=message,
    )
