"""Trends: rolling means and STL by hand; NB trend, breaks and their convergence on simulated series."""

from __future__ import annotations

import math
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.errors import SecbriefWarning
from analysis.periods import parse_period
from analysis.trends import (
    _sup_lr_null,
    break_test,
    estimate_break,
    growth_trend,
    monthly_series,
    rolling_means,
    seasonal_decomposition,
)
from tests.analysis.helpers import random_incidents


def _nb_series(n=400, growth=0.05, alpha=0.2, step_at=None, step=1.0, seed=3, base=2.5):
    rng = np.random.default_rng(seed)
    idx = pd.period_range("1990-01", periods=n, freq="M")
    t = (np.arange(n) - (n - 1) / 2) / 12
    mu = np.exp(base + math.log1p(growth) * t + 0.3 * np.sin(2 * np.pi * np.asarray(idx.month) / 12))
    if step_at is not None:
        mu = mu * np.where(np.arange(n) >= step_at, step, 1.0)
    y = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu))
    return pd.Series(y, index=idx)


def test_monthly_series_zero_filled_equals_loop():
    f = random_incidents(300, seed=2, days=400)
    s = monthly_series(f, measure="killed_security", province="Sindh", period=parse_period("2023..2023"))
    assert len(s) == 12
    for m, v in s.items():
        g = f.loc[(f["province"] == "Sindh").fillna(False) & (f["date"].dt.to_period("M") == m)]
        assert v == g["killed_security"].fillna(0).sum()


def test_rolling_means_by_hand():
    s = pd.Series([3, 0, 6, 9, 12], index=pd.period_range("2025-01", periods=5, freq="M"))
    r = rolling_means(s, (3, 12))
    assert r["mean_3"].tolist()[2:] == [3.0, 5.0, 9.0]
    assert r["mean_3"].isna().sum() == 2 and r["mean_12"].isna().all()


def test_stl_adds_up_and_needs_two_years():
    s = _nb_series(60)
    d = seasonal_decomposition(s)
    assert np.allclose(d["trend"] + d["seasonal"] + d["resid"], s.to_numpy(), atol=1e-9)
    with pytest.raises(ValueError, match="24 months"):
        seasonal_decomposition(s.iloc[:20])


def test_nb_trend_recovers_growth_and_dispersion_on_400_months():
    # The case from the issue: a 400-month series with dispersion 0.2.
    s = _nb_series(400, growth=0.05, alpha=0.2)
    fit = growth_trend(s)
    assert fit.converged and fit.message == ""
    assert 0.13 < fit.dispersion < 0.3
    assert fit.ci_low < 0.05 < fit.ci_high
    assert fit.p_value < 1e-6 and "Newton" in fit.method


def test_nb_trend_interval_is_wald_on_log_scale():
    from statsmodels.discrete.discrete_model import NegativeBinomial

    from analysis.trends import _design

    s = _nb_series(120, growth=-0.1, alpha=0.3, seed=8)
    fit = growth_trend(s, seasonal=True)
    x, _ = _design(s.index, True)
    ref = NegativeBinomial(s.to_numpy(float), x).fit(method="newton", maxiter=300, disp=0)
    assert fit.annual_growth == pytest.approx(math.exp(ref.params[1]) - 1, rel=1e-5)
    assert fit.ci_high == pytest.approx(math.exp(ref.params[1] + 1.959963984540054 * ref.bse[1]) - 1, rel=1e-4)


def test_trend_refuses_empty_or_short_series():
    idx = pd.period_range("2020-01", periods=36, freq="M")
    with pytest.raises(ValueError, match="no events"):
        growth_trend(pd.Series(np.zeros(36, dtype=int), index=idx))
    with pytest.raises(ValueError, match="at least 24"):
        growth_trend(pd.Series(np.ones(12, dtype=int), index=idx[:12]))


def test_non_convergence_is_reported_not_hidden():
    s = _nb_series(120, alpha=0.3, seed=4)
    with pytest.warns(SecbriefWarning, match="did not converge"):
        fit = growth_trend(s, maxiter=1)
    assert not fit.converged and "did not converge" in fit.message


def test_break_at_known_month_detected_and_sized():
    s = _nb_series(200, growth=0.0, alpha=0.1, step_at=120, step=1.8, seed=5)
    b = break_test(s, s.index[120])
    assert b.converged and b.p_value < 1e-4 and b.ci_low < 1.8 < b.ci_high
    none = break_test(_nb_series(200, growth=0.0, alpha=0.1, seed=6), "2000-01")
    assert none.p_value > 0.01


def test_estimated_break_and_its_confidence_set():
    s = _nb_series(160, growth=0.0, alpha=0.05, step_at=90, step=2.0, seed=7)
    e = estimate_break(s)
    true = str(s.index[90])
    assert e.set_start <= true <= e.set_end
    assert e.p_value < 0.01 and e.level_ratio > 1.5 and e.converged


def test_sup_lr_null_matches_andrews_critical_values():
    # Andrews (1993), Table 1, one parameter, 15 % trimming: 10 % 7.12, 5 % 8.68, 1 % 12.16
    # (also Stock and Watson, Introduction to Econometrics, QLR table). Simulation error ~0.1-0.3.
    null = _sup_lr_null(0.15, trend=False)
    q = np.quantile(null, [0.9, 0.95, 0.99])
    assert q[0] == pytest.approx(7.12, abs=0.25)
    assert q[1] == pytest.approx(8.68, abs=0.3)
    assert q[2] == pytest.approx(12.16, abs=0.6)


def test_sup_lr_null_with_a_trend_has_larger_critical_values():
    """Independent check: OLS sup-F for a level shift in y = a + b t + e (Gaussian), simulated directly."""
    rng = np.random.default_rng(0)
    n, reps = 120, 300
    t = np.arange(n, dtype="float64")
    x0 = np.column_stack([np.ones(n), t])
    sups = []
    for _ in range(reps):
        y = rng.standard_normal(n)
        rss0 = float(np.sum((y - x0 @ np.linalg.lstsq(x0, y, rcond=None)[0]) ** 2))
        best = 0.0
        for k in range(int(np.ceil(0.15 * n)), int(np.floor(0.85 * n)) + 1):
            x1 = np.column_stack([x0, (t >= k).astype("float64")])
            rss1 = float(np.sum((y - x1 @ np.linalg.lstsq(x1, y, rcond=None)[0]) ** 2))
            best = max(best, n * (rss0 - rss1) / rss1)
        sups.append(best)
    null = _sup_lr_null(0.15, trend=True)
    q95 = float(np.quantile(null, 0.95))
    assert 9.6 < q95 < 10.8  # larger than Andrews' 8.68
    # the simulated finite-sample statistic exceeds the trend critical value about 5 % of the time
    assert np.mean(np.array(sups) > q95) == pytest.approx(0.05, abs=0.035)
    assert np.mean(np.array(sups) > 8.68) > 0.07  # Andrews' value would over-reject


def test_import_analysis_does_not_import_statsmodels():
    import subprocess

    code = (
        "import sys, analysis; analysis.findings; analysis.count_table; "
        "print(any(m.startswith('statsmodels') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _nb2_max_loglik(y: np.ndarray, x: np.ndarray) -> tuple[float, np.ndarray]:
    """Independent NB2 maximum likelihood: the log-likelihood written out, maximised by scipy."""
    from scipy import optimize
    from scipy.special import gammaln

    def nll(theta):
        beta, log_a = theta[:-1], theta[-1]
        a = math.exp(log_a)
        mu = np.exp(x @ beta)
        r = 1 / a
        return -np.sum(
            gammaln(y + r) - gammaln(r) - gammaln(y + 1) + r * np.log(r / (r + mu)) + y * np.log(mu / (r + mu))
        )

    start = np.zeros(x.shape[1] + 1)
    start[0] = math.log(y.mean())
    res = optimize.minimize(nll, start, method="BFGS", options={"gtol": 1e-9, "maxiter": 20000})
    res = optimize.minimize(
        nll, res.x, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 200000, "maxfev": 200000}
    )
    return -res.fun, res.x


def test_break_test_lr_equals_independent_likelihood():
    from scipy import stats

    from analysis.trends import _design

    s = _nb_series(96, growth=0.02, alpha=0.15, step_at=50, step=1.5, seed=11)
    b = break_test(s, s.index[50])
    x0, _ = _design(s.index, True)
    x1 = np.column_stack([x0, (np.arange(96) >= 50).astype(float)])
    y = s.to_numpy(float)
    l0, _ = _nb2_max_loglik(y, x0)
    l1, p1 = _nb2_max_loglik(y, x1)
    lr = 2 * (l1 - l0)
    assert b.lr_stat == pytest.approx(lr, abs=1e-3)
    assert b.p_value == pytest.approx(stats.chi2.sf(lr, 1), rel=1e-3)
    assert b.level_ratio == pytest.approx(math.exp(p1[-2]), rel=1e-3)


def test_growth_equals_independent_likelihood():
    from analysis.trends import _design

    s = _nb_series(84, growth=0.08, alpha=0.25, seed=21)
    fit = growth_trend(s)
    x, _ = _design(s.index, True)
    _, p = _nb2_max_loglik(s.to_numpy(float), x)
    assert fit.annual_growth == pytest.approx(math.exp(p[1]) - 1, abs=1e-4)
    assert fit.dispersion == pytest.approx(math.exp(p[-1]), rel=1e-3)
