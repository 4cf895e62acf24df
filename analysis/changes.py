"""Changes of a count between two periods, with tests that decide the words.

The verdict ("rose", "fell", "little changed") is decided by a test, not by the sign
of the difference; the percent change is not quoted when the base is small (below
:data:`MIN_BASE`, the text says "from 2 to 19" instead).

Two kinds of count need two kinds of test:

* **Incidents** (attacks, operations) are close to a Poisson process. Their change
  is tested with the exact conditional test for two Poisson rates
  (:func:`compare_counts`, the ``exact-cond`` method of statsmodels).
* **Deaths and injuries** come in clusters: one bombing kills 40. A Poisson test on
  the death count treats those 40 as independent events and overstates the
  evidence by the design effect ``sum(x**2) / sum(x)`` (often 5-20 here). They are
  tested at the level of incidents instead (:func:`compare_deaths`): conditional on
  the pooled incidents and their death counts, under "no change" each incident
  falls in the current period independently with probability
  ``t1 / (t1 + t0)`` (the exposures), so the null distribution of the current
  period's deaths is that of a weighted sum of Bernoulli variables, computed exactly.
  This is an exact randomisation (permutation) test of a compound Poisson process; it
  is the exact Poisson test when every incident kills one. For whole tables
  (:func:`change_table`) its normal approximation is used: a score test with the
  exact randomisation mean and variance, equivalently a Poisson score test on the
  Kish effective count (Rao-Scott design-effect correction).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, SupportsInt, cast

import numpy as np
import pandas as pd

from analysis.counts import (
    DATE_RULES,
    EVENT_MEASURES,
    MEASURES,
    DateRule,
    _aggregate,
    _check,
    _day_numbers,
    _day_rows,
    in_period,
)
from analysis.periods import Period

Verdict = Literal["rose", "fell", "little changed", "none in either period"]
Against = Literal["previous", "last_year"]
Freq = Literal["month", "quarter", "year"]

#: Below this base a percent change is not printed ("from 2 to 19" instead).
MIN_BASE = 10

METHOD_EXACT = "exact conditional binomial test for two Poisson rates (per day)"
METHOD_DEATHS_EXACT = "exact incident-level randomisation test (clustered counts, per day)"
METHOD_DEATHS_SCORE = "incident-level randomisation score test, normal approximation (clustered counts, per day)"


@dataclass(frozen=True)
class PeriodChange:
    """Change of a count between two periods, with a test for the ratio of rates.

    ``ratio`` compares rates per day, so periods of unequal length (February vs
    January) are compared fairly. ``percent`` is ``None`` when the previous count is
    below ``min_base``. ``method`` names the test: the exact Poisson test for
    incidents, an incident-level test for deaths (see the module docstring).
    """

    current: int
    previous: int
    current_days: int
    previous_days: int
    difference: int
    percent: float | None
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    verdict: Verdict
    alpha: float
    method: str

    @property
    def small_base(self) -> bool:
        """True when the percent change is withheld (say "from A to B" instead)."""
        return self.percent is None


# --------------------------------------------------------------------------- exact binomial


def _binom_cdf(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``P(X <= k)`` for ``X ~ Binomial(n, p)`` (0 below the support, 1 above it)."""
    from scipy import special

    k, n = np.asarray(k, dtype="int64"), np.asarray(n, dtype="int64")
    inside = special.bdtr(np.clip(k, 0, n), n, p)
    return np.where(k < 0, 0.0, np.where(k >= n, 1.0, inside))


def _binom_sf(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``P(X > k)`` for ``X ~ Binomial(n, p)`` (1 below the support, 0 above it)."""
    from scipy import special

    k, n = np.asarray(k, dtype="int64"), np.asarray(n, dtype="int64")
    inside = special.bdtrc(np.clip(k, 0, n), n, p)
    return np.where(k < 0, 1.0, np.where(k >= n, 0.0, inside))


def binom_pvalue(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Two-sided exact binomial p-values, vectorised: the central (doubled one-sided) method.

    ``p = min(1, 2 * min(P(X <= k), P(X >= k)))``. This is the test the Clopper-Pearson
    interval inverts (:func:`clopper_pearson`): the p-value is below ``alpha`` exactly
    when the ``1 - alpha`` interval excludes the null value, and at an interval bound
    it equals ``alpha``. (The minimum-likelihood p-value of ``scipy.stats.binomtest``
    can disagree with that interval at the margin.) The tails come from
    ``scipy.special.bdtr``/``bdtrc`` (the regularised incomplete beta function).

    References
    ----------
    Fay, M. P. (2010). Two-sided exact tests and matching confidence intervals for
    discrete data. *R Journal* 2(1), 53-58 (``tsmethod="central"`` of R exactci).

    Examples
    --------
    >>> round(float(binom_pvalue(np.array([3]), np.array([20]), np.array([0.5]))[0]), 6)
    0.002577
    """
    k, n, p = np.broadcast_arrays(
        np.asarray(k, dtype="int64"), np.asarray(n, dtype="int64"), np.asarray(p, dtype="float64")
    )
    k, n, p = k.ravel(), n.ravel(), p.ravel()
    two = 2 * np.minimum(_binom_cdf(k, n, p), _binom_sf(k - 1, n, p))
    return np.where(n > 0, np.minimum(two, 1.0), 1.0)


def clopper_pearson(k: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Clopper-Pearson ("exact") interval for a binomial proportion, vectorised.

    The bounds are beta quantiles, ``scipy.special.betaincinv`` (the function behind
    ``scipy.stats.beta.ppf``, without importing ``scipy.stats``).

    References
    ----------
    Clopper, C. J. and Pearson, E. S. (1934). The use of confidence or fiducial limits
    illustrated in the case of the binomial. *Biometrika* 26, 404-413.
    """
    from scipy import special

    k = np.asarray(k, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(k > 0, special.betaincinv(k, n - k + 1, alpha / 2), 0.0)
        high = np.where(k < n, special.betaincinv(k + 1, n - k, 1 - alpha / 2), 1.0)
    return low, high


def _share_to_ratio(share: np.ndarray, current_days: np.ndarray, previous_days: np.ndarray) -> np.ndarray:
    """Rate ratio from the current period's share of the pooled count."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(share >= 1.0, np.inf, share / (1.0 - share) * (previous_days / current_days))


def _verdicts(p_value: np.ndarray, ratio: np.ndarray, total: np.ndarray, alpha: float) -> np.ndarray:
    v = np.where(p_value < alpha, np.where(ratio > 1, "rose", "fell"), "little changed")
    return np.where(total == 0, "none in either period", v).astype(object)


def _percent(current: np.ndarray, previous: np.ndarray, min_base: int) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(previous >= max(min_base, 1), (current - previous) / previous * 100.0, np.nan)


def _validate(alpha: float) -> None:
    if not (0 < alpha < 1):
        raise ValueError("alpha must be between 0 and 1")


def _exact_counts(current, previous, current_days, previous_days, alpha):
    """Vectorised exact conditional test: (ratio, ci_low, ci_high, p_value)."""
    c = np.asarray(current, dtype="int64")
    p = np.asarray(previous, dtype="int64")
    t1 = np.asarray(current_days, dtype="float64")
    t0 = np.asarray(previous_days, dtype="float64")
    n = c + p
    share0 = t1 / (t1 + t0)
    pv = np.where(n > 0, binom_pvalue(c, n, share0).reshape(np.shape(n)), 1.0)
    lo, hi = clopper_pearson(c, n, alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(p > 0, (c / t1) / (p / t0), np.where(c > 0, np.inf, np.nan))
    ci_low = np.where(n > 0, _share_to_ratio(lo, t1, t0), np.nan)
    ci_high = np.where(n > 0, _share_to_ratio(hi, t1, t0), np.nan)
    return ratio, ci_low, ci_high, pv


def _no_events(current_days: float, previous_days: float, alpha: float, method: str) -> PeriodChange:
    """The record of a comparison with nothing in either period (no test is possible)."""
    return PeriodChange(
        0,
        0,
        int(current_days),
        int(previous_days),
        0,
        None,
        math.nan,
        math.nan,
        math.nan,
        1.0,
        "none in either period",
        alpha,
        method,
    )


def compare_counts(
    current: int,
    previous: int,
    *,
    current_days: float = 1.0,
    previous_days: float = 1.0,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
) -> PeriodChange:
    """Compare two counts with the exact conditional test for two Poisson rates.

    Conditional on the total ``n = current + previous``, the current count is
    binomial with probability ``t1 / (t1 + t0)`` under equal rates (``t`` the
    exposures, here days). The two-sided p-value is the central one (twice the
    smaller one-sided tail) and the interval for the rate ratio transforms the
    Clopper–Pearson interval of the binomial proportion, which inverts that same test:
    the verdict changes exactly when the interval excludes 1 (Fay 2010). Use it for incident counts; for deaths,
    which are clustered, use :func:`compare_deaths`.

    Parameters
    ----------
    current, previous
        Counts in the current and comparison periods.
    current_days, previous_days
        Lengths of the periods (exposures).
    alpha
        Test level; the interval has coverage ``1 - alpha``.
    min_base
        Percent change is ``None`` when ``previous < min_base``.

    References
    ----------
    Przyborowski, J. and Wilenski, H. (1940). Homogeneity of results in testing samples
    from Poisson series. *Biometrika* 31, 313-323.
    Gu, K., Ng, H. K. T., Tang, M. L. and Schucany, W. R. (2008). Testing the ratio of two
    Poisson rates. *Biometrical Journal* 50(2), 283-298.
    Fay, M. P. (2010). Two-sided exact tests and matching confidence intervals for
    discrete data. *R Journal* 2(1), 53-58 (``poisson.exact(tsmethod="central")`` of
    R exactci).

    Examples
    --------
    >>> c = compare_counts(30, 10)
    >>> c.verdict, round(c.ratio, 2), c.percent
    ('rose', 3.0, 200.0)
    >>> compare_counts(19, 2).percent is None
    True
    """
    if current < 0 or previous < 0:
        raise ValueError("counts must be non-negative")
    _validate(alpha)
    if current + previous == 0:
        return _no_events(current_days, previous_days, alpha, "exact conditional binomial test (no events)")
    ratio, lo, hi, pv = (
        float(np.asarray(a).ravel()[0]) for a in _exact_counts(current, previous, current_days, previous_days, alpha)
    )
    return _record(
        int(current), int(previous), current_days, previous_days, ratio, lo, hi, pv, alpha, min_base, METHOD_EXACT
    )


def _record(current, previous, current_days, previous_days, ratio, lo, hi, pv, alpha, min_base, method):
    pct = float(_percent(np.array(current), np.array(previous), min_base))
    verdict = str(_verdicts(np.array([pv]), np.array([ratio]), np.array([current + previous]), alpha)[0])
    return PeriodChange(
        current=int(current),
        previous=int(previous),
        current_days=int(current_days),
        previous_days=int(previous_days),
        difference=int(current - previous),
        percent=None if math.isnan(pct) else pct,
        ratio=ratio,
        ci_low=lo,
        ci_high=hi,
        p_value=pv,
        verdict=verdict,  # type: ignore[arg-type]
        alpha=alpha,
        method=method,
    )


# --------------------------------------------------------------------------- clustered counts


#: Relative accuracy to which :func:`compare_deaths` solves its interval bounds (as a
#: difference of log rate ratios). Briefs print ratios to 2-3 significant digits.
DEATHS_BOUND_TOL = 1e-10


def _binom_pmf(m: int, share: float, logc: np.ndarray | None = None) -> np.ndarray:
    """Binomial(m, share) pmf over 0..m (log-gamma form: no per-call scipy overhead).

    ``logc`` is ``log C(m, k)`` for ``k = 0..m`` when already known (it does not
    depend on ``share``); the result is the same to the last bit either way.
    """
    k = np.arange(m + 1, dtype="float64")
    if share <= 0.0 or share >= 1.0:
        out = np.zeros(m + 1)
        out[0 if share <= 0.0 else m] = 1.0
        return out
    if logc is None:
        from scipy.special import gammaln

        logc = gammaln(m + 1.0) - gammaln(k + 1) - gammaln(m - k + 1)
    logp = logc + k * math.log(share) + (m - k) * math.log1p(-share)
    return np.exp(logp)


def _fft_convolve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Linear convolution by real FFTs (numpy only; negative round-off clipped)."""
    n = len(a) + len(b) - 1
    size = 1 << (n - 1).bit_length()
    return np.clip(np.fft.irfft(np.fft.rfft(a, size) * np.fft.rfft(b, size), size)[:n], 0.0, None)


class _WeightedBernoulli:
    """Distribution of ``sum(x_i * B_i)``, ``B_i ~ Bernoulli(share)`` independent, for many shares.

    Incidents with the same value are grouped once: ``m`` of them contribute ``x``
    times a Binomial(m, share) count, convolved in turn. The grouping and the log
    binomial coefficients do not depend on ``share`` and are kept across evaluations.
    :meth:`pmf` (the p-value) convolves as it always did; :meth:`cdf` (the interval
    bounds, evaluated many times) computes the binomial terms of all groups at once,
    stops at the tail's end, and skips the zeros of the kernels of large values.
    """

    def __init__(self, values: np.ndarray) -> None:
        from scipy.special import gammaln

        x, m = np.unique(values[values > 0], return_counts=True)
        self.groups = []
        for xi, mi in zip(x.tolist(), m.tolist(), strict=True):
            k = np.arange(mi + 1, dtype="float64")
            self.groups.append((xi, mi, gammaln(mi + 1.0) - gammaln(k + 1) - gammaln(mi - k + 1)))
        # all groups' terms side by side, for :meth:`cdf`
        self._logc = np.concatenate([g[2] for g in self.groups]) if self.groups else np.zeros(0)
        self._k = np.concatenate([np.arange(mi + 1, dtype="float64") for _, mi, _ in self.groups] or [np.zeros(0)])
        self._rest = np.concatenate(
            [mi - np.arange(mi + 1, dtype="float64") for _, mi, _ in self.groups] or [np.zeros(0)]
        )
        self._starts = np.cumsum([0] + [mi + 1 for _, mi, _ in self.groups]).tolist()

    def pmf(self, share: float) -> np.ndarray:
        """Probabilities of the sums ``0, 1, ..., sum(x)`` (direct convolution; FFT for long kernels)."""
        pmf = np.ones(1)
        for xi, mi, logc in self.groups:
            kernel = np.zeros(mi * xi + 1)
            kernel[::xi] = _binom_pmf(mi, share, logc)
            if len(kernel) * len(pmf) <= 4_000_000:
                pmf = np.convolve(pmf, kernel)
            else:
                pmf = _fft_convolve(pmf, kernel)
        return pmf

    def cdf(self, share: float, limit: int) -> float:
        """``P(sum <= limit)``: the same sums as :meth:`pmf`, truncated at ``limit``."""
        if share <= 0.0 or share >= 1.0:
            return float(np.sum(self.pmf(share)[: limit + 1]))
        terms = np.exp(self._logc + self._k * math.log(share) + self._rest * math.log1p(-share))
        pmf = np.ones(1)
        for (xi, _, _), start, end in zip(self.groups, self._starts[:-1], self._starts[1:], strict=True):
            b = terms[start : min(end, start + limit // xi + 1)]
            pmf = _strided_convolve(pmf, b, xi)[: limit + 1]
        return float(pmf.sum())


def _strided_convolve(pmf: np.ndarray, b: np.ndarray, step: int) -> np.ndarray:
    """Convolution of ``pmf`` with the kernel that is ``b`` at ``0, step, 2 step, ...`` (zeros between).

    Costs ``len(pmf) * len(b)`` operations instead of ``step`` times that.
    """
    n = len(pmf) + (len(b) - 1) * step
    if step == 1 or len(pmf) * len(b) * step <= 20_000:
        kernel = np.zeros((len(b) - 1) * step + 1)
        kernel[::step] = b
        return np.convolve(pmf, kernel) if len(kernel) * len(pmf) <= 4_000_000 else _fft_convolve(pmf, kernel)
    out = np.zeros(n)
    if len(b) <= step:  # few terms: one shifted copy each
        for a, ba in enumerate(b.tolist()):
            out[a * step : a * step + len(pmf)] += ba * pmf
        return out
    # many terms: every residue class mod step is an ordinary convolution with b
    rows = -(-len(pmf) // step)
    flat = np.zeros(rows * step)
    flat[: len(pmf)] = pmf
    cols = flat.reshape(rows, step)
    grid = np.zeros((rows + len(b) - 1, step))
    for r in range(step):
        grid[:, r] = np.convolve(cols[:, r], b)
    return grid.ravel()[:n]


def _weighted_bernoulli_pmf(values: np.ndarray, share: float) -> np.ndarray:
    """Distribution of ``sum(x_i * B_i)``, ``B_i ~ Bernoulli(share)`` independent (see :class:`_WeightedBernoulli`)."""
    return _WeightedBernoulli(values).pmf(share)


def _increasing_root(h, x: float, scale: float, tol: float, maxiter: int = 200) -> float:
    """Root of an increasing function ``h`` (values may be +-inf) from a guess ``x``.

    A safeguarded secant method: secant steps through the last two points (the
    first step assumes slope ``1 / scale``); once the root is bracketed, a step that
    would leave the bracket bisects it instead; before that, a step in the wrong
    direction (or from an infinite value) moves by ``scale``, doubled each time. It
    stops when a step, or the bracket, is shorter than ``tol``.

    References
    ----------
    Dahlquist, G. and Björck, Å. (1974). *Numerical Methods*. Prentice-Hall, sec. 6.2
    (the secant method and its safeguarding by bisection, as in Brent's method).
    """
    a, b = -math.inf, math.inf  # h(a) < 0 < h(b)
    x_prev = f_prev = math.nan
    step = scale
    for _ in range(maxiter):
        fx = float(h(x))
        if fx == 0.0:
            return x
        if fx < 0:
            a = max(a, x)
        else:
            b = min(b, x)
        new = math.nan
        if math.isfinite(fx):
            if math.isfinite(f_prev) and fx != f_prev:
                new = x - fx * (x - x_prev) / (fx - f_prev)
            else:
                new = x - fx * scale
        if math.isfinite(a) and math.isfinite(b):
            if b - a < tol:
                return (a + b) / 2
            if not a < new < b:  # also when new is NaN
                new = (a + b) / 2
        else:
            direction = 1.0 if fx < 0 else -1.0
            if not (new - x) * direction > 0:
                new = x + direction * step
                step *= 2.0
        if abs(new - x) < tol:
            return new
        x_prev, f_prev, x = x, fx, new
    raise RuntimeError("the interval bound did not converge")


def compare_deaths(
    current: Sequence[float] | np.ndarray,
    previous: Sequence[float] | np.ndarray,
    *,
    current_days: float = 1.0,
    previous_days: float = 1.0,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
) -> PeriodChange:
    """Compare deaths (or injuries) between two periods at the level of incidents.

    Deaths are clustered, so the test works on incidents and their death counts
    ``x_i``. Under the null hypothesis (the same daily rate of incidents and the same
    distribution of deaths per incident in both periods) and conditional on the
    pooled incidents, each incident falls in the current period independently with
    probability ``t1 / (t1 + t0)``: the current period's deaths ``D1 = sum(x_i B_i)``
    then have an exactly computable distribution. The two-sided p-value is the central
    one, twice the smaller one-sided tail (Fay 2010); the interval for the ratio of
    death rates inverts the same two one-sided tests with the inclusion probability tilted to ``R t1 / (R t1 + t0)``,
    solved to a relative accuracy of :data:`DEATHS_BOUND_TOL` (a few exact pmf
    evaluations per bound, from the score interval: see :func:`_invert_clustered`).
    When every incident kills one this is :func:`compare_counts` exactly.

    Parameters
    ----------
    current, previous
        Deaths of each incident in the current and comparison periods (blanks
        dropped; zeros allowed and irrelevant).
    current_days, previous_days
        Lengths of the periods (exposures).
    alpha, min_base
        As in :func:`compare_counts`.

    References
    ----------
    Pitman, E. J. G. (1937). Significance tests which may be applied to samples from
    any populations. *Supplement to the JRSS* 4, 119-130 (randomisation tests).
    Cox, D. R. and Isham, V. (1980). *Point Processes*. Chapman & Hall, sec. 3.1
    (a marked Poisson process, conditional on its number of points).
    Rao, J. N. K. and Scott, A. J. (1992). A simple method for the analysis of clustered
    binary data. *Biometrics* 48, 577-585 (the design effect of clustered counts).

    Examples
    --------
    One bombing that kills 40 is one event, not 40:

    >>> compare_counts(45, 10).verdict
    'rose'
    >>> compare_deaths([40, 2, 1, 1, 1], [3, 2, 2, 1, 1, 1]).verdict
    'little changed'
    """
    _validate(alpha)
    cur = np.asarray(current, dtype="float64")
    prev = np.asarray(previous, dtype="float64")
    cur, prev = cur[~np.isnan(cur)], prev[~np.isnan(prev)]
    if (cur < 0).any() or (prev < 0).any() or (cur % 1).any() or (prev % 1).any():
        raise ValueError("deaths per incident must be whole numbers, 0 or more")
    x = np.concatenate([cur, prev]).astype("int64")
    d1, d0 = int(cur.sum()), int(prev.sum())
    t1, t0 = float(current_days), float(previous_days)
    if d1 + d0 == 0:
        return _no_events(t1, t0, alpha, METHOD_DEATHS_EXACT)
    dist = _WeightedBernoulli(x)
    share0 = t1 / (t1 + t0)
    pmf = dist.pmf(share0)
    pv = float(min(1.0, 2 * min(pmf[: d1 + 1].sum(), pmf[d1:].sum())))  # central: matches the interval
    ratio = (d1 / t1) / (d0 / t0) if d0 > 0 else math.inf
    lo, hi = _invert_clustered(dist, cur, prev, t1, t0, alpha, ratio)
    return _record(d1, d0, t1, t0, ratio, lo, hi, pv, alpha, min_base, METHOD_DEATHS_EXACT)


def _invert_clustered(
    dist: _WeightedBernoulli, cur: np.ndarray, prev: np.ndarray, t1: float, t0: float, alpha: float, ratio: float
) -> tuple[float, float]:
    """Interval of :func:`compare_deaths`: the rate ratios where a one-sided test has p = alpha/2.

    With ``theta = log R`` and the inclusion probability ``s = R t1 / (R t1 + t0)``,
    the lower bound solves ``P(D1 >= d1) = alpha/2`` and the upper bound
    ``P(D1 <= d1) = alpha/2``, both exact tails (the first as ``P(D0' <= D - d1)``
    with inclusion probability ``1 - s``; each tail needs the pmf only up to its
    end). They are solved on the probit scale, where they are close to linear in
    ``theta``, by a safeguarded secant method started at the bounds of the score
    interval (:func:`_score_clustered`), to :data:`DEATHS_BOUND_TOL` in ``theta``:
    about four pmf evaluations per bound.
    """
    from scipy import special

    d1, d0 = int(cur.sum()), int(prev.sum())
    total = d1 + d0
    offset = math.log(t1 / t0)
    target = float(special.ndtri(alpha / 2))
    _, s_lo, s_hi, _ = (
        float(v) for v in _score_clustered(d1, d0, float((cur * cur).sum()), float((prev * prev).sum()), t1, t0, alpha)
    )
    centre = math.log(ratio) if 0 < ratio < math.inf else 0.0
    scale = 1.0
    if 0 < s_lo < s_hi < math.inf:
        scale = (math.log(s_hi) - math.log(s_lo)) / (2 * -target)

    def probit(p: float) -> float:
        return float(special.ndtri(min(max(p, 0.0), 1.0)))

    def upper_tail(theta: float) -> float:  # probit P(D1 >= d1) - probit(alpha/2), increasing
        rest = float(special.expit(-(theta + offset)))  # 1 - s
        return probit(dist.cdf(rest, total - d1)) - target

    def lower_tail(theta: float) -> float:  # probit(alpha/2) - probit P(D1 <= d1), increasing
        return target - probit(dist.cdf(float(special.expit(theta + offset)), d1))

    lo = 0.0
    if d1 > 0:
        start = math.log(s_lo) if 0 < s_lo < math.inf else centre
        lo = math.exp(_increasing_root(upper_tail, start, scale, DEATHS_BOUND_TOL))
    hi = math.inf
    if d0 > 0:
        start = math.log(s_hi) if 0 < s_hi < math.inf else centre
        hi = math.exp(_increasing_root(lower_tail, start, scale, DEATHS_BOUND_TOL))
    return lo, hi


def _score_clustered(d1, d0, q1, q0, t1, t0, alpha):
    """Normal approximation to the randomisation test: (ratio, ci_low, ci_high, p_value).

    Under the null, ``D1`` has mean ``pi0 * D`` and variance ``pi0 (1 - pi0) Q`` with
    ``D`` the pooled deaths and ``Q`` the pooled sum of squared deaths per incident.
    The interval is the Wilson interval for the current share with the Kish
    effective count ``D**2 / Q``, which inverts this score test exactly. Normal tails
    come from ``scipy.special.ndtr`` / ``ndtri`` (as in ``scipy.stats.norm``).
    """
    from scipy import special

    d1, d0 = np.asarray(d1, dtype="float64"), np.asarray(d0, dtype="float64")
    q = np.asarray(q1, dtype="float64") + np.asarray(q0, dtype="float64")
    t1, t0 = np.asarray(t1, dtype="float64"), np.asarray(t0, dtype="float64")
    d = d1 + d0
    pi0 = t1 / (t1 + t0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (d1 - pi0 * d) / np.sqrt(pi0 * (1 - pi0) * q)
        pv = np.where(d > 0, 2 * special.ndtr(-np.abs(z)), 1.0)
        neff = d * d / q
        phat = d1 / d
        zc = -special.ndtri(alpha / 2)
        denom = 1 + zc**2 / neff
        centre = (phat + zc**2 / (2 * neff)) / denom
        half = zc / denom * np.sqrt(phat * (1 - phat) / neff + zc**2 / (4 * neff**2))
        ratio = np.where(d0 > 0, (d1 / t1) / (d0 / t0), np.where(d1 > 0, np.inf, np.nan))
    lo = np.where(d > 0, _share_to_ratio(np.clip(centre - half, 0, 1), t1, t0), np.nan)
    hi = np.where(d > 0, _share_to_ratio(np.clip(centre + half, 0, 1), t1, t0), np.nan)
    return ratio, lo, hi, pv


# --------------------------------------------------------------------------- tables


_COLUMNS = [
    "current",
    "previous",
    "current_days",
    "previous_days",
    "difference",
    "percent",
    "ratio",
    "ci_low",
    "ci_high",
    "p_value",
    "verdict",
    "method",
]


def _month_days(labels: list[object], freq: str) -> np.ndarray:
    if freq == "year":
        return np.array(
            # Year labels are ints (counts._time_labels); the table types labels loosely as objects.
            [366 if pd.Timestamp(year=int(cast(SupportsInt, y)), month=1, day=1).is_leap_year else 365 for y in labels],
            dtype="float64",
        )
    periods = pd.PeriodIndex([str(x) for x in labels], freq="M" if freq == "month" else "Q")
    return ((periods.end_time.normalize() - periods.start_time).days + 1).to_numpy(dtype="float64")


def _change_lag(measure: str, freq: str, against: str, alpha: float, date_rule: str | None = None) -> int:
    """Check the options of a change table; the number of ``freq`` steps back to the comparison."""
    _check([measure], MEASURES, "measure")
    _check([freq], ("month", "quarter", "year"), "frequency")
    _check([against], ("previous", "last_year"), "comparison")
    if date_rule is not None:
        _check([date_rule], DATE_RULES, "date rule")
    _validate(alpha)
    return 1 if against == "previous" else {"month": 12, "quarter": 4, "year": 1}[freq]


def change_table(
    frame: pd.DataFrame,
    *,
    measure: str = "killed_total",
    by: Sequence[str] = ("province",),
    freq: Freq = "month",
    against: Against = "previous",
    period: Period | None = None,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
    date_rule: DateRule = "start",
) -> pd.DataFrame:
    """Month-on-month (or year-on-year) changes for every month and group at once.

    Parameters
    ----------
    frame
        Canonical incidents.
    measure
        Any of :data:`analysis.counts.MEASURES`. Incident counts get the exact Poisson
        test; deaths and injuries the incident-level score test (see module docstring).
    by
        Grouping columns (e.g. ``("province",)``, or ``()`` for the whole country).
    freq
        ``"month"``, ``"quarter"`` or ``"year"``.
    against
        ``"previous"`` (MoM / QoQ) or ``"last_year"`` (YoY: the same month a year before).
    period
        Only rows for the months (quarters, years) of this period; by default every
        one in the data after the first that has a comparison.
    alpha, min_base, date_rule
        As in :func:`compare_counts` and :func:`analysis.counts.count_table`.

    Returns
    -------
    pandas.DataFrame
        ``freq`` column, the ``by`` columns, then ``current, previous, current_days,
        previous_days, difference, percent`` (NaN below ``min_base``), ``ratio, ci_low,
        ci_high, p_value, verdict, method``.

    References
    ----------
    Gu et al. (2008), see :func:`compare_counts`; Rao and Scott (1992), see
    :func:`compare_deaths`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": [str(i) for i in range(40)],
    ...             "date": pd.to_datetime(["2025-01-10"] * 10 + ["2025-02-10"] * 30),
    ...             "province": ["Sindh"] * 40,
    ...             "event_type": ["attack"] * 40,
    ...             "killed_total": [1] * 40,
    ...         }
    ...     )
    ... )
    >>> t = change_table(inc.frame, measure="incidents", by=())
    >>> t[["month", "current", "previous", "verdict"]].values.tolist()
    [['2025-02', 30, 10, 'rose']]
    """
    lag = _change_lag(measure, freq, against, alpha, date_rule)
    window = None
    extend = None
    if period is not None:
        first = period.start - pd.DateOffset(months=lag * {"month": 1, "quarter": 3, "year": 12}[freq])
        window = Period("range", first.normalize(), period.end)
        extend = window
    levels, cols = _aggregate(
        frame, [freq, *by], [measure], window, date_rule, with_unknown=False, squares=True, extend=extend
    )
    out = _changes(levels, cols, measure, list(by), freq, lag, alpha, min_base)
    if period is not None:
        wanted = set(_aggregate(frame.iloc[:0], [freq], [], period, date_rule, with_unknown=False)[0][0])
        out = out.loc[out[freq].isin(wanted)].reset_index(drop=True)
    return out


def changes_from_table(
    table: pd.DataFrame,
    *,
    measure: str = "killed_total",
    by: Sequence[str] = ("province",),
    freq: Freq = "month",
    against: Against = "previous",
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
) -> pd.DataFrame:
    """:func:`change_table` from a table already counted, to reuse one count for many comparisons.

    ``table`` is the output of :func:`analysis.counts.count_table` with
    ``by=[freq, *by]`` (zero-filled, the time key first) and, for deaths or injuries,
    ``with_squares=True`` (the clustered test needs each cell's sum of squared deaths
    per incident).

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.counts import count_table
    >>> from analysis.incidents import from_frame
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b", "c"],
    ...             "date": pd.to_datetime(["2025-01-10", "2025-02-03", "2025-02-20"]),
    ...             "province": ["Sindh"] * 3,
    ...             "event_type": ["attack"] * 3,
    ...             "killed_total": [40, 1, 2],
    ...         }
    ...     )
    ... )
    >>> t = count_table(inc.frame, by=["month"], measures=["killed_total"], with_squares=True)
    >>> r = changes_from_table(t, measure="killed_total", by=()).iloc[0]
    >>> r.month, int(r.current), int(r.previous), r.verdict
    ('2025-02', 3, 40, 'little changed')
    """
    lag = _change_lag(measure, freq, against, alpha)
    keys = [freq, *by]
    missing = [k for k in keys if k not in table.columns]
    if missing:
        raise ValueError(f"the table has no column {', '.join(map(repr, missing))}; count it with by={keys!r}")
    if measure not in EVENT_MEASURES and f"{measure}_sq" not in table.columns:
        raise ValueError(f"comparing {measure} needs the table's {measure}_sq column: count it with with_squares=True")
    levels = [list(pd.unique(table[k])) for k in keys]
    if int(np.prod([len(lv) for lv in levels])) != len(table):
        raise ValueError("the table must hold every combination of its keys once (as count_table gives it)")
    cols = {measure: table[measure].to_numpy(dtype="int64")}
    cols[f"{measure}_sq"] = table[f"{measure}_sq" if f"{measure}_sq" in table.columns else measure].to_numpy(
        dtype="int64"
    )
    return _changes(levels, cols, measure, list(by), freq, lag, alpha, min_base)


def _changes(
    levels: list[list[object]],
    cols: dict[str, np.ndarray],
    measure: str,
    by: list[str],
    freq: str,
    lag: int,
    alpha: float,
    min_base: int,
) -> pd.DataFrame:
    """Changes between each time level and the one ``lag`` before it, per group (vectorised)."""
    times = levels[0]
    shape = tuple(len(lv) for lv in levels)
    if len(times) <= lag:
        return pd.DataFrame(columns=[freq, *by, *_COLUMNS])
    ngroups = int(np.prod(shape[1:])) if by else 1
    x = cols[measure].reshape(len(times), ngroups).astype("float64")
    q = cols[f"{measure}_sq"].reshape(len(times), ngroups).astype("float64")
    days = _month_days(times, freq)
    cur, prev = x[lag:], x[:-lag]
    t1 = np.repeat(days[lag:], ngroups).reshape(cur.shape)
    t0 = np.repeat(days[:-lag], ngroups).reshape(cur.shape)
    if measure in EVENT_MEASURES:
        ratio, lo, hi, pv = _exact_counts(cur.astype("int64"), prev.astype("int64"), t1, t0, alpha)
        method = METHOD_EXACT
    else:
        ratio, lo, hi, pv = _score_clustered(cur, prev, q[lag:], q[:-lag], t1, t0, alpha)
        method = METHOD_DEATHS_SCORE
    keys = pd.MultiIndex.from_product([times[lag:], *levels[1:]], names=[freq, *by]).to_frame(index=False)
    out = pd.concat(
        [
            keys,
            pd.DataFrame(
                {
                    "current": cur.ravel().astype("int64"),
                    "previous": prev.ravel().astype("int64"),
                    "current_days": t1.ravel().astype("int64"),
                    "previous_days": t0.ravel().astype("int64"),
                    "difference": (cur - prev).ravel().astype("int64"),
                    "percent": _percent(cur, prev, min_base).ravel(),
                    "ratio": np.asarray(ratio, dtype="float64").ravel(),
                    "ci_low": np.asarray(lo, dtype="float64").ravel(),
                    "ci_high": np.asarray(hi, dtype="float64").ravel(),
                    "p_value": np.asarray(pv, dtype="float64").ravel(),
                    "verdict": _verdicts(
                        np.asarray(pv).ravel(), np.asarray(ratio).ravel(), (cur + prev).ravel(), alpha
                    ),
                    "method": method,
                }
            ),
        ],
        axis=1,
    )
    out["verdict"] = out["verdict"].astype("str")
    if freq == "year":
        out["year"] = out["year"].astype("int64")
    return out


def incident_values(frame: pd.DataFrame, measure: str, period: Period, *, date_rule: DateRule = "start") -> pd.Series:
    """Each incident's contribution to ``measure`` within ``period`` (index = frame index).

    Incidents with a blank value are left out; with ``date_rule="spread"`` an incident
    contributes the part of its deaths that falls on the period's days.
    """
    rows = _day_rows(frame, [measure], date_rule)
    lo, hi = _day_numbers(np.array([period.start, period.end]))
    keep = (rows.days >= lo) & (rows.last <= hi) & ~np.isnan(rows.values[measure])
    src = rows.source[keep]
    vals = np.bincount(src, weights=rows.values[measure][keep], minlength=len(frame))
    present = np.bincount(src, minlength=len(frame)) > 0
    return pd.Series(vals[present].astype("int64"), index=frame.index[present], name=measure)


def compare_periods(
    frame: pd.DataFrame,
    current: Period,
    previous: Period,
    *,
    measures: Sequence[str] = ("incidents", "killed_total"),
    by: Sequence[str] = (),
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
    date_rule: DateRule = "start",
) -> pd.DataFrame:
    """Compare two periods (e.g. year-to-date against the same days last year) by group.

    Every row gets the exact test: :func:`compare_counts` for incident counts,
    :func:`compare_deaths` for deaths and injuries.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``measure``, then the fields of :class:`PeriodChange`.

    References
    ----------
    See :func:`compare_counts` and :func:`compare_deaths`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period, same_period_last_year, year_to_date
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b", "c"],
    ...             "date": pd.to_datetime(["2024-01-10", "2025-01-05", "2025-02-01"]),
    ...             "province": ["Sindh"] * 3,
    ...             "event_type": ["attack"] * 3,
    ...             "killed_total": [1, 2, 3],
    ...         }
    ...     )
    ... )
    >>> ytd = year_to_date(parse_period("2025-02"))
    >>> t = compare_periods(inc.frame, ytd, same_period_last_year(ytd))
    >>> t[["measure", "current", "previous"]].values.tolist()
    [['incidents', 2, 1], ['killed_total', 5, 1]]
    """
    _check(list(measures), MEASURES, "measure")
    _validate(alpha)
    groups: list[tuple[tuple[object, ...], pd.DataFrame]]
    if by:
        keys = frame[list(by)].astype("string").fillna("unknown")
        groups = [
            ((k,) if not isinstance(k, tuple) else k, g)
            for k, g in frame.groupby([keys[c] for c in by], sort=True, observed=True)
        ]
    else:
        groups = [((), frame)]
    rows = []
    for key, g in groups:
        for m in measures:
            if m in EVENT_MEASURES:
                a = _event_count(g, m, current)
                b = _event_count(g, m, previous)
                c = compare_counts(
                    a, b, current_days=current.days, previous_days=previous.days, alpha=alpha, min_base=min_base
                )
            else:
                c = compare_deaths(
                    incident_values(g, m, current, date_rule=date_rule).to_numpy(),
                    incident_values(g, m, previous, date_rule=date_rule).to_numpy(),
                    current_days=current.days,
                    previous_days=previous.days,
                    alpha=alpha,
                    min_base=min_base,
                )
            rows.append({**dict(zip(by, key, strict=True)), "measure": m, **c.__dict__})
    return pd.DataFrame(rows)


def _event_count(frame: pd.DataFrame, measure: str, period: Period) -> int:
    f = in_period(frame, period)  # the date-precision rule, as for deaths (incident_values)
    if measure == "incidents":
        return len(f)
    return int((f["event_type"] == ("attack" if measure == "attacks" else "operation")).fillna(False).sum())


# --------------------------------------------------------------------------- many tests


@dataclass(frozen=True)
class FalseDiscovery:
    """Benjamini-Hochberg step-up over a table of tests.

    Attributes
    ----------
    q
        The false discovery rate controlled.
    adjusted
        BH-adjusted p-values (``q``-values), in the order given; a row "changed"
        when ``adjusted <= q``.
    reject
        Which rows are declared changed.
    interval_alpha
        ``max(R, 1) q / m`` (``R`` rows declared changed of ``m``). Compute every row's
        interval at level ``1 - interval_alpha`` (and its test at ``interval_alpha``):
        the declared rows' intervals then control the false coverage-statement rate at
        ``q`` (Benjamini and Yekutieli 2005), and an interval excludes 1 exactly when
        its row is declared changed (every undeclared p-value exceeds ``R q / m``), so
        verdicts and intervals still agree.
    """

    q: float
    adjusted: np.ndarray
    reject: np.ndarray
    interval_alpha: float


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray, q: float = 0.05) -> FalseDiscovery:
    """Benjamini-Hochberg control of the false discovery rate, with the interval level that matches it.

    Sort the ``m`` p-values, ``p(1) <= ... <= p(m)``; declare changed the ``R``
    smallest, ``R`` the largest ``i`` with ``p(i) <= i q / m``. The adjusted p-value of
    ``p(i)`` is ``min_{j >= i} m p(j) / j`` (capped at 1), from
    :func:`analysis.multitest.bh_adjust`. NaN p-values (no test) are left out of ``m``
    and never declared.

    References
    ----------
    Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a
    practical and powerful approach to multiple testing. *JRSS B* 57(1), 289-300.
    Benjamini, Y. and Yekutieli, D. (2005). False discovery rate-adjusted multiple
    confidence intervals for selected parameters. *JASA* 100(469), 71-81.

    Examples
    --------
    >>> fd = benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    >>> fd.adjusted.round(4).tolist(), fd.reject.tolist(), fd.interval_alpha
    ([0.04, 0.0533, 0.0533, 0.2], [True, False, False, False], 0.0125)

    The p-value 0.03 is below 0.05 but not declared: with four tests it may be one of
    the false discoveries.
    """
    from analysis.multitest import bh_adjust

    _validate(q)
    adjusted = bh_adjust([float(v) for v in np.asarray(p_values, dtype="float64")])
    m = int(np.isfinite(adjusted).sum())
    reject = np.nan_to_num(adjusted, nan=np.inf) <= q
    if m == 0:
        return FalseDiscovery(q, adjusted, reject, q)
    r = int(reject.sum())
    return FalseDiscovery(q, adjusted, reject, max(r, 1) * q / m)
