"""Verdict and interval from one method: the central exact test and the interval that inverts it (Fay 2010)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from analysis.changes import _WeightedBernoulli, binom_pvalue, compare_counts, compare_deaths

ALPHA = 0.05


def _changed(c) -> bool:
    return c.verdict in ("rose", "fell")


def _excludes_one(c) -> bool:
    return c.ci_low > 1 or c.ci_high < 1


def _share(r: float, t1: float, t0: float) -> float:
    return r * t1 / (r * t1 + t0)


def test_zero_against_five_is_not_a_fall():
    # before: the minimum-likelihood p-value was 0.029 ("fell") while the interval reached above 1
    c = compare_counts(0, 5, current_days=31, previous_days=30)
    assert c.ci_low == 0 and c.ci_high > 1
    assert c.verdict == "little changed"
    assert c.p_value == pytest.approx(min(1, 2 * stats.binom.cdf(0, 5, 31 / 61)), abs=1e-12)


@pytest.mark.parametrize("t1, t0", [(31, 30), (30, 31), (28, 31), (31, 31), (90, 92)])
def test_counts_verdict_iff_interval_excludes_one(t1, t0):
    for a in range(0, 36):
        for b in range(0, 36):
            if a + b == 0:
                continue
            c = compare_counts(a, b, current_days=t1, previous_days=t0, alpha=ALPHA)
            assert _changed(c) == _excludes_one(c), (a, b, c)


def test_counts_p_value_at_each_interval_bound_is_alpha():
    rng = np.random.default_rng(5)
    for a, b in rng.integers(0, 400, (150, 2)):
        a, b = int(a), int(b)
        if a + b == 0:
            continue
        t1, t0 = 31.0, 30.0
        c = compare_counts(a, b, current_days=t1, previous_days=t0, alpha=ALPHA)
        n = a + b
        if a > 0:
            assert binom_pvalue(a, n, _share(c.ci_low, t1, t0))[0] == pytest.approx(ALPHA, rel=1e-7)
        if b > 0:
            assert binom_pvalue(a, n, _share(c.ci_high, t1, t0))[0] == pytest.approx(ALPHA, rel=1e-7)


def _central_deaths(x: np.ndarray, d1: int, share: float) -> float:
    pmf = _WeightedBernoulli(x).pmf(share)
    return min(1.0, 2 * min(float(pmf[: d1 + 1].sum()), float(pmf[d1:].sum())))


def test_deaths_verdict_and_interval_agree_and_bounds_have_p_alpha():
    rng = np.random.default_rng(11)
    disagreements = 0
    for _ in range(120):
        cur = rng.negative_binomial(0.5, 0.15, rng.integers(1, 25)) + 0
        prev = rng.negative_binomial(0.5, 0.15, rng.integers(1, 25)) + 0
        if cur.sum() + prev.sum() == 0:
            continue
        t1, t0 = 31.0, 30.0
        c = compare_deaths(cur, prev, current_days=t1, previous_days=t0, alpha=ALPHA)
        disagreements += _changed(c) != _excludes_one(c)
        x = np.concatenate([cur, prev]).astype("int64")
        d1 = int(cur.sum())
        if d1 > 0 and math.isfinite(c.ci_low) and c.ci_low > 0:
            assert _central_deaths(x, d1, _share(c.ci_low, t1, t0)) == pytest.approx(ALPHA, rel=1e-6)
        if prev.sum() > 0 and math.isfinite(c.ci_high):
            assert _central_deaths(x, d1, _share(c.ci_high, t1, t0)) == pytest.approx(ALPHA, rel=1e-6)
    assert disagreements == 0


# --- many tests: Benjamini-Hochberg ---------------------------------------------------------


def test_benjamini_hochberg_matches_statsmodels():
    from statsmodels.stats.multitest import multipletests

    from analysis.changes import benjamini_hochberg

    rng = np.random.default_rng(3)
    for m in (1, 2, 7, 40):
        p = np.concatenate([rng.uniform(0, 0.01, m // 3), rng.uniform(0, 1, m - m // 3)])
        rej, adj, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
        fd = benjamini_hochberg(p, 0.05)
        np.testing.assert_allclose(fd.adjusted, adj, rtol=1e-12)
        assert fd.reject.tolist() == rej.tolist()
    fd = benjamini_hochberg([0.01, np.nan, 0.5])
    assert fd.reject.tolist() == [True, False, False] and np.isnan(fd.adjusted[1])


def test_fdr_intervals_agree_with_fdr_verdicts():
    """Province-table style: 7 comparisons; at the BH interval level each interval excludes 1 iff declared."""
    from analysis.changes import benjamini_hochberg

    pairs = [(30, 12), (8, 7), (14, 25), (40, 22), (3, 9), (11, 11), (19, 8)]
    raw = [compare_counts(a, b, current_days=30, previous_days=31) for a, b in pairs]
    fd = benjamini_hochberg([c.p_value for c in raw])
    again = [compare_counts(a, b, current_days=30, previous_days=31, alpha=fd.interval_alpha) for a, b in pairs]
    assert [_excludes_one(c) for c in again] == fd.reject.tolist()
    assert sum(c.p_value < 0.05 for c in raw) > int(fd.reject.sum())  # unadjusted marks would over-claim
