"""The fast paths of analysis.changes/rates against the implementations they replaced.

``compare_deaths`` used to recompute the grouped pmf for every trial ratio and solve
the bounds with ``scipy.optimize.brentq``; the statistics used ``scipy.stats``. The
reference code below is that implementation, kept here (and only here) to check
that p-values are unchanged bit for bit and bounds to 1e-9 relative.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import optimize, signal, special, stats

from analysis.changes import (
    _binom_cdf,
    _binom_sf,
    _fft_convolve,
    _increasing_root,
    _score_clustered,
    _strided_convolve,
    _WeightedBernoulli,
    clopper_pearson,
    compare_counts,
    compare_deaths,
)
from analysis.rates import _chi2_ppf, clustered_poisson_interval, poisson_interval

# --------------------------------------------------------------------------- reference


def _ref_pmf(values: np.ndarray, share: float) -> np.ndarray:
    """The previous ``_weighted_bernoulli_pmf`` (np.unique per call, scipy.signal for long kernels)."""
    x, m = np.unique(values[values > 0], return_counts=True)
    pmf = np.ones(1)
    for xi, mi in zip(x.tolist(), m.tolist(), strict=True):
        k = np.arange(mi + 1, dtype="float64")
        if share <= 0.0 or share >= 1.0:
            b = np.zeros(mi + 1)
            b[0 if share <= 0.0 else mi] = 1.0
        else:
            b = np.exp(
                special.gammaln(mi + 1.0)
                - special.gammaln(k + 1)
                - special.gammaln(mi - k + 1)
                + k * math.log(share)
                + (mi - k) * math.log1p(-share)
            )
        kernel = np.zeros(mi * xi + 1)
        kernel[::xi] = b
        if len(kernel) * len(pmf) <= 4_000_000:
            pmf = np.convolve(pmf, kernel)
        else:
            pmf = np.clip(signal.fftconvolve(pmf, kernel), 0.0, None)
    return pmf


def _ref_compare_deaths(cur, prev, t1: float, t0: float, alpha: float = 0.05) -> tuple[float, float, float]:
    """The previous ``compare_deaths`` numbers: (p_value, ci_low, ci_high), brentq from a crude bracket."""
    cur, prev = np.asarray(cur, dtype="float64"), np.asarray(prev, dtype="float64")
    x = np.concatenate([cur, prev]).astype("int64")
    d1, d0 = int(cur.sum()), int(prev.sum())
    pmf = _ref_pmf(x, t1 / (t1 + t0))
    pv = float(min(1.0, 2 * min(pmf[: d1 + 1].sum(), pmf[d1:].sum())))  # central two-sided p-value
    ratio = (d1 / t1) / (d0 / t0) if d0 > 0 else math.inf

    def share(log_r: float) -> float:
        r = math.exp(log_r)
        return r * t1 / (r * t1 + t0)

    def upper_tail(log_r: float) -> float:
        return float(_ref_pmf(x, share(log_r))[d1:].sum()) - alpha / 2

    def lower_tail(log_r: float) -> float:
        return float(_ref_pmf(x, share(log_r))[: d1 + 1].sum()) - alpha / 2

    def solve(fn, sign: float) -> float:
        centre = math.log(ratio) if 0 < ratio < math.inf else 0.0
        a, b = centre - 1.0, centre + 1.0
        while sign * fn(a) > 0:
            a -= 2.0 * (b - a)
        while sign * fn(b) < 0:
            b += 2.0 * (b - a)
        return math.exp(optimize.brentq(fn, a, b, xtol=1e-11, rtol=1e-12))

    lo = 0.0 if d1 == 0 else solve(upper_tail, 1.0)
    hi = math.inf if d0 == 0 else solve(lower_tail, -1.0)
    return pv, lo, hi


def _clustered_cases() -> list[tuple[list[int], list[int], float, float, float]]:
    rng = np.random.default_rng(7)
    cases = [
        ([40, 2, 1, 1, 1], [3, 2, 2, 1, 1, 1], 31.0, 30.0, 0.05),
        ([1, 1, 1, 1], [], 31.0, 31.0, 0.05),  # nothing before: upper bound infinite
        ([], [5, 1, 2], 30.0, 31.0, 0.05),  # nothing now: lower bound 0
        ([189], [3, 1], 30.0, 31.0, 0.05),  # one large value
        ([7, 7, 7], [7, 7], 28.0, 31.0, 0.01),  # a single value, like the Poisson test
        ([0, 3, 0, 2], [0, 0, 4], 181.0, 182.0, 0.1),  # zeros are irrelevant
    ]
    for i in range(24):
        n1, n0 = rng.integers(1, 120, 2)
        scale = [0.5, 2.0, 6.0][i % 3]
        cur = rng.negative_binomial(0.5, 0.5 / (0.5 + scale), n1).tolist()
        prev = rng.negative_binomial(0.5, 0.5 / (0.5 + scale), n0).tolist()
        days = [(30.0, 31.0), (181.0, 182.0), (31.0, 31.0), (28.0, 365.0)][i % 4]
        cases.append((cur, prev, *days, [0.05, 0.05, 0.01, 0.2][i % 4]))
    return cases


# --------------------------------------------------------------------------- compare_deaths


@pytest.mark.parametrize("cur, prev, t1, t0, alpha", _clustered_cases())
def test_compare_deaths_matches_previous_implementation(cur, prev, t1, t0, alpha):
    if sum(cur) + sum(prev) == 0:
        pytest.skip("no deaths: no test")
    pv, lo, hi = _ref_compare_deaths(cur, prev, t1, t0, alpha)
    c = compare_deaths(cur, prev, current_days=t1, previous_days=t0, alpha=alpha)
    assert c.p_value == pv  # the same computation, bit for bit
    assert c.ci_low == pytest.approx(lo, rel=1e-9, abs=0)
    assert c.ci_high == pytest.approx(hi, rel=1e-9, abs=0)


def test_compare_deaths_on_a_large_sample_matches_previous_implementation():
    # Like a year to date of the whole country (about 2,000 incidents, 7,000 deaths).
    rng = np.random.default_rng(3)
    cur = rng.negative_binomial(0.6, 0.6 / 4.0, 1100)
    prev = rng.negative_binomial(0.6, 0.6 / 4.2, 1000)
    cur[:3] = [189, 120, 64]
    pv, lo, hi = _ref_compare_deaths(cur, prev, 181.0, 182.0)
    c = compare_deaths(cur, prev, current_days=181, previous_days=182)
    assert c.p_value == pv
    assert c.ci_low == pytest.approx(lo, rel=1e-9, abs=0)
    assert c.ci_high == pytest.approx(hi, rel=1e-9, abs=0)


def test_weighted_bernoulli_cdf_is_the_pmf_summed():
    rng = np.random.default_rng(11)
    for n, scale in [(30, 1.0), (300, 4.0), (80, 40.0)]:
        x = rng.negative_binomial(0.5, 0.5 / (0.5 + scale), n)
        x[0] = 150
        dist = _WeightedBernoulli(x)
        for share in (1e-6, 0.2, 0.5, 0.93):
            pmf = dist.pmf(share)
            np.testing.assert_array_equal(pmf, _ref_pmf(x, share))
            for limit in (0, 1, int(x.sum()) // 3, int(x.sum())):
                assert dist.cdf(share, limit) == pytest.approx(pmf[: limit + 1].sum(), rel=1e-12, abs=1e-300)
    dist = _WeightedBernoulli(np.array([2, 3]))
    assert dist.cdf(0.0, 1) == 1.0 and dist.cdf(1.0, 4) == 0.0 and dist.cdf(1.0, 5) == 1.0


def test_long_kernels_use_numpy_fft_like_scipy():
    rng = np.random.default_rng(5)
    a, b = rng.random(3001), rng.random(2500)
    np.testing.assert_allclose(_fft_convolve(a, b), signal.fftconvolve(a, b), rtol=0, atol=1e-12)
    # the pmf's FFT branch (a kernel long enough) against direct convolution
    x = np.array([1] * 2100 + [2] * 1100)
    dist = _WeightedBernoulli(x)
    np.testing.assert_allclose(dist.pmf(0.4), _ref_pmf(x, 0.4), rtol=0, atol=1e-15)
    direct = np.convolve(np.convolve(np.ones(1), _kernel(2100, 1, 0.4)), _kernel(1100, 2, 0.4))
    np.testing.assert_allclose(dist.pmf(0.4), direct, rtol=1e-9, atol=1e-15)


def _kernel(m: int, step: int, share: float) -> np.ndarray:
    k = np.zeros(m * step + 1)
    k[::step] = stats.binom.pmf(np.arange(m + 1), m, share)
    return k


@pytest.mark.parametrize("n, m, step", [(1, 1, 1), (50, 3, 7), (400, 2, 189), (900, 60, 3), (20, 30, 2), (5, 400, 4)])
def test_strided_convolution_equals_dense(n, m, step):
    rng = np.random.default_rng(n + m + step)
    pmf, b = rng.random(n), rng.random(m + 1)
    dense = np.zeros(m * step + 1)
    dense[::step] = b
    np.testing.assert_allclose(_strided_convolve(pmf, b, step), np.convolve(pmf, dense), rtol=1e-13, atol=0)


# --------------------------------------------------------------------------- root finder


def test_increasing_root_finds_roots_from_far_and_near():
    for root in (-40.0, -1.0, 0.3, 7.5, 55.0):
        got = _increasing_root(lambda t, r=root: math.atan(t - r) + 0.1 * (t - r), 0.0, 1.0, 1e-12)
        assert got == pytest.approx(root, abs=1e-11)
    # values that saturate to +-inf far from the root (a probit of a tail that underflows)
    calls = []

    def saturating(t: float) -> float:
        calls.append(t)
        return float(special.ndtri(special.ndtr(3 * (t - 2.0))))

    got = _increasing_root(saturating, -30.0, 0.5, 1e-12)
    assert got == pytest.approx(2.0, abs=1e-11)
    assert len(calls) < 60
    # a nearly linear function from a good guess: few evaluations
    calls.clear()

    def near_linear(t: float) -> float:
        calls.append(t)
        return (t - 0.7) / 0.3 + 0.05 * (t - 0.7) ** 2

    assert _increasing_root(near_linear, 0.65, 0.3, 1e-10) == pytest.approx(0.7, abs=1e-10)
    assert len(calls) <= 5


def test_increasing_root_fails_loudly_without_a_root():
    with pytest.raises(RuntimeError, match="did not converge"):
        _increasing_root(lambda t: -1.0, 0.0, 1.0, 1e-10, maxiter=50)


# --------------------------------------------------------------------------- scipy.special vs scipy.stats


def test_binomial_functions_match_scipy_stats():
    rng = np.random.default_rng(2)
    n = rng.integers(1, 3000, 5000)
    k = rng.integers(-2, n + 3)
    p = rng.uniform(0.001, 0.999, len(n))
    np.testing.assert_allclose(_binom_cdf(k, n, p), stats.binom.cdf(k, n, p), rtol=1e-9, atol=1e-250)
    np.testing.assert_allclose(_binom_sf(k, n, p), stats.binom.sf(k, n, p), rtol=1e-9, atol=1e-250)


def test_compare_counts_matches_scipy_stats_formulas():
    for a, b, t1, t0 in [(356, 195, 30, 31), (1457, 1345, 181, 182), (17, 12, 30, 30), (0, 5, 31, 28), (7, 0, 1, 1)]:
        c = compare_counts(a, b, current_days=t1, previous_days=t0)
        n, share = a + b, t1 / (t1 + t0)
        central = min(1.0, 2 * min(stats.binom.cdf(a, n, share), stats.binom.sf(a - 1, n, share)))
        assert c.p_value == pytest.approx(central, rel=1e-9)
        lo = stats.beta.ppf(0.025, a, n - a + 1) if a > 0 else 0.0
        hi = stats.beta.ppf(0.975, a + 1, n - a) if a < n else 1.0
        assert c.ci_low == (lo / (1 - lo) * (t0 / t1))
        assert c.ci_high == (hi / (1 - hi) * (t0 / t1) if hi < 1 else math.inf)


def test_clopper_pearson_chi2_and_normal_quantiles_are_scipy_stats_bit_for_bit():
    k = np.arange(0, 400, dtype="float64")
    n = k + np.arange(400)[::-1] + 1
    for alpha in (0.05, 0.01, 0.2):
        lo, hi = clopper_pearson(k, n, alpha)
        ref_lo = np.where(k > 0, stats.beta.ppf(alpha / 2, k, n - k + 1), 0.0)
        np.testing.assert_array_equal(lo, ref_lo)
        np.testing.assert_array_equal(hi, np.where(k < n, stats.beta.ppf(1 - alpha / 2, k + 1, n - k), 1.0))
        for df in (0.37, 2.0, 51.5, 2000.0):
            assert _chi2_ppf(alpha / 2, df) == stats.chi2.ppf(alpha / 2, df)
        assert poisson_interval(10, alpha)[1] == stats.chi2.ppf(1 - alpha / 2, 22) / 2
    v = np.array([40, 1, 1, 2, 5])
    y, q, w = 49.0, 1631.0, 40.0
    assert clustered_poisson_interval(v) == (
        q / (2 * y) * stats.chi2.ppf(0.025, 2 * y * y / q),
        (q + w * w) / (2 * (y + w)) * stats.chi2.ppf(0.975, 2 * (y + w) ** 2 / (q + w * w)),
    )
    _, _, _, pv = _score_clustered(np.array([30.0]), np.array([12.0]), 200.0, 90.0, 30.0, 31.0, 0.05)
    z = (30 - 30 / 61 * 42) / math.sqrt(30 / 61 * 31 / 61 * 290)
    assert float(pv[0]) == 2 * stats.norm.sf(abs(z))


# --------------------------------------------------------------------------- imports


def test_the_brief_statistics_do_not_import_scipy_stats_optimize_or_signal():
    code = (
        "import sys, numpy as np\n"
        "from analysis.changes import compare_counts, compare_deaths\n"
        "from analysis.rates import poisson_interval, clustered_poisson_interval\n"
        "compare_counts(30, 12, current_days=30, previous_days=31)\n"
        "compare_deaths([40, 2, 1, 3], [5, 1, 1], current_days=30, previous_days=31)\n"
        "poisson_interval(np.arange(5)); clustered_poisson_interval(np.array([3, 1, 40]))\n"
        "print(sorted(m for m in ('scipy.stats', 'scipy.optimize', 'scipy.signal') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
