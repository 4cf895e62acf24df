"""Changes: exact Poisson test against R/statsmodels, clustered-deaths test against brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.changes import (
    METHOD_DEATHS_EXACT,
    METHOD_DEATHS_SCORE,
    METHOD_EXACT,
    binom_pvalue,
    change_table,
    compare_counts,
    compare_deaths,
    compare_periods,
)
from analysis.incidents import from_frame
from analysis.periods import parse_period, same_period_last_year, year_to_date
from tests.analysis.helpers import random_incidents

TOL = 1e-10


def _central(k, n, p):
    """Central two-sided exact binomial p-value from scipy.stats (Fay 2010)."""
    return min(1.0, 2 * min(stats.binom.cdf(k, n, p), stats.binom.sf(k - 1, n, p)))


def test_binom_pvalue_is_the_central_exact_p_value():
    rng = np.random.default_rng(0)
    n = rng.integers(1, 600, 300)
    k = rng.integers(0, n + 1)
    p = rng.choice([0.5, 28 / 59, 31 / 61, 0.1, 0.93], 300)
    got = binom_pvalue(k, n, p)
    ref = np.array([_central(int(a), int(b), float(c)) for a, b, c in zip(k, n, p, strict=True)])
    assert np.max(np.abs(got - ref)) < TOL
    # the one-sided greater-than tail doubled, as R exactci's tsmethod="central"
    assert binom_pvalue(np.array([15]), np.array([20]), np.array([0.5]))[0] == pytest.approx(
        2 * stats.binomtest(15, 20, 0.5, alternative="greater").pvalue, abs=TOL
    )


def test_exact_test_against_r_exactci_gu_example():
    # Gu et al. (2008) example 1; the central interval from R exactci::poisson.exact, as
    # recorded in statsmodels' stats/tests/results/results_rates.py (test_tost_poisson);
    # the p-value is the central one that interval inverts (R's minlike p-value was
    # 0.000675182658686321).
    c = compare_counts(60, 30, current_days=51477.5, previous_days=54308.7)
    assert c.p_value == pytest.approx(_central(60, 90, 51477.5 / (51477.5 + 54308.7)), abs=TOL)
    assert c.p_value < 0.05
    assert c.ratio == pytest.approx(2.10999757175465, abs=TOL)
    assert c.ci_low == pytest.approx(1.339735721772650, abs=TOL)
    assert c.ci_high == pytest.approx(3.388365573616252, abs=TOL)
    assert c.verdict == "rose" and c.method == METHOD_EXACT


@pytest.mark.parametrize(
    "a, b, t1, t0",
    [
        (30, 10, 31, 31),
        (5, 9, 28, 31),
        (0, 7, 30, 31),
        (12, 0, 31, 30),
        (100, 130, 365, 366),
        (1, 1, 1, 1),
        (19, 2, 31, 31),
    ],
)
def test_exact_test_against_statsmodels(a, b, t1, t0):
    from statsmodels.stats.proportion import proportion_confint
    from statsmodels.stats.rates import test_poisson_2indep

    c = compare_counts(a, b, current_days=t1, previous_days=t0)
    with np.errstate(divide="ignore"):  # statsmodels divides by a zero rate when b == 0
        up = test_poisson_2indep(a, t1, b, t0, method="exact-cond", alternative="larger").pvalue
        down = test_poisson_2indep(a, t1, b, t0, method="exact-cond", alternative="smaller").pvalue
    assert c.p_value == pytest.approx(min(1.0, 2 * min(up, down)), abs=TOL)  # central: doubled one-sided
    lo, hi = proportion_confint(a, a + b, alpha=0.05, method="beta")
    odds = lambda s: math.inf if s >= 1 else s / (1 - s) * t0 / t1  # noqa: E731
    assert c.ci_low == pytest.approx(odds(lo), abs=TOL)
    if b > 0:
        assert c.ci_high == pytest.approx(odds(hi), abs=TOL)
    else:
        assert c.ci_high == math.inf


@pytest.mark.parametrize("a, b", [(30, 10), (7, 15), (60, 30)])
def test_interval_bounds_are_where_one_sided_p_is_alpha_half(a, b):
    t1, t0 = 31.0, 28.0
    c = compare_counts(a, b, current_days=t1, previous_days=t0, alpha=0.05)
    share = lambda r: r * t1 / (r * t1 + t0)  # noqa: E731
    assert stats.binom.sf(a - 1, a + b, share(c.ci_low)) == pytest.approx(0.025, abs=TOL)
    assert stats.binom.cdf(a, a + b, share(c.ci_high)) == pytest.approx(0.025, abs=TOL)


def test_verdict_is_decided_by_the_test_and_percent_hidden_below_base():
    assert compare_counts(30, 10).verdict == "rose"
    assert compare_counts(10, 30).verdict == "fell"
    assert compare_counts(12, 10).verdict == "little changed"  # up 20 %, but within chance
    assert compare_counts(0, 0).verdict == "none in either period"
    small = compare_counts(19, 2)
    assert small.percent is None and small.small_base and small.verdict == "rose"
    assert compare_counts(11, 10).percent == pytest.approx(10.0)
    assert compare_counts(5, 9, min_base=5).percent is not None


def _brute_force(cur, prev, t1, t0):
    """Exact randomisation distribution by enumerating all 2**N allocations."""
    x = list(cur) + list(prev)
    d1 = sum(cur)
    pi = t1 / (t1 + t0)
    probs: dict[int, float] = {}
    for alloc in itertools.product([0, 1], repeat=len(x)):
        s = sum(v for v, a in zip(x, alloc, strict=True) if a)
        k = sum(alloc)
        probs[s] = probs.get(s, 0.0) + pi**k * (1 - pi) ** (len(x) - k)
    upper = sum(p for s, p in probs.items() if s >= d1)
    lower = sum(p for s, p in probs.items() if s <= d1)
    return min(2 * min(upper, lower), 1.0), upper  # central two-sided p-value


@pytest.mark.parametrize(
    "cur, prev, t1, t0",
    [
        ([40, 2, 1, 1, 1], [3, 2, 2, 1, 1, 1], 31, 30),
        ([5, 5, 1], [2, 1], 28, 31),
        ([12, 0, 3, 7], [1, 1, 1, 1, 1, 2, 2], 30, 31),
        ([1, 1, 1, 1], [], 31, 31),
    ],
)
def test_clustered_test_equals_brute_force(cur, prev, t1, t0):
    c = compare_deaths(cur, prev, current_days=t1, previous_days=t0)
    pv, _ = _brute_force(cur, prev, t1, t0)
    assert c.p_value == pytest.approx(pv, abs=TOL)
    assert c.method == METHOD_DEATHS_EXACT
    assert (c.current, c.previous) == (sum(cur), sum(prev))


@pytest.mark.parametrize(
    "cur, prev, t1, t0",
    [
        ([40, 2, 1, 1, 1, 6], [3, 2, 2, 1, 1, 1], 31.0, 30.0),
        ([3, 1, 1], [2, 2], 30.0, 31.0),
        ([9, 1], [1, 1, 1, 4], 30.0, 31.0),
        ([1, 2, 3, 4, 5], [5, 4, 3], 181.0, 182.0),
        ([2, 2, 2, 6], [1], 28.0, 31.0),
    ],
)
def test_clustered_interval_bounds_invert_the_one_sided_tests(cur, prev, t1, t0):
    c = compare_deaths(cur, prev, current_days=t1, previous_days=t0)
    x = cur + prev
    d1 = sum(cur)

    def tail(r, upper):
        pi = r * t1 / (r * t1 + t0)
        total = 0.0
        for alloc in itertools.product([0, 1], repeat=len(x)):
            s = sum(v for v, a in zip(x, alloc, strict=True) if a)
            if (s >= d1) if upper else (s <= d1):
                total += pi ** sum(alloc) * (1 - pi) ** (len(x) - sum(alloc))
        return total

    assert tail(c.ci_low, True) == pytest.approx(0.025, abs=1e-11)
    assert tail(c.ci_high, False) == pytest.approx(0.025, abs=1e-11)


@pytest.mark.parametrize("a, b", [(5, 9), (30, 10), (0, 4), (100, 80)])
def test_clustered_test_is_the_poisson_test_when_each_incident_kills_one(a, b):
    c = compare_counts(a, b, current_days=31, previous_days=28)
    d = compare_deaths([1] * a, [1] * b, current_days=31, previous_days=28)
    assert d.p_value == pytest.approx(c.p_value, abs=TOL)
    assert d.ci_low == pytest.approx(c.ci_low, abs=1e-9)
    if b:
        assert d.ci_high == pytest.approx(c.ci_high, rel=1e-9)


def test_one_bombing_is_not_forty_events():
    assert compare_counts(45, 10).verdict == "rose"
    assert compare_deaths([40, 2, 1, 1, 1], [3, 2, 2, 1, 1, 1]).verdict == "little changed"


def test_clustered_test_keeps_its_level_where_the_poisson_test_does_not():
    # Same process in both periods: ~8 incidents a period, deaths per incident heavy-tailed.
    rng = np.random.default_rng(42)
    reject_pois = reject_clus = 0
    sims = 200
    for _ in range(sims):
        cur = rng.geometric(0.15, rng.poisson(8))
        prev = rng.geometric(0.15, rng.poisson(8))
        reject_pois += compare_counts(int(cur.sum()), int(prev.sum())).p_value < 0.05
        reject_clus += compare_deaths(cur, prev).p_value < 0.05
    assert reject_clus / sims <= 0.08  # exact test: at most alpha, up to simulation noise
    assert reject_pois / sims >= 0.3  # the Poisson test on deaths rejects a true null far too often


def _frame_two_months():
    rows = []
    for i, (d, k) in enumerate(
        [
            ("2025-01-05", 3),
            ("2025-01-20", 40),
            ("2025-02-03", 1),
            ("2025-02-10", 2),
            ("2025-02-11", 5),
            ("2025-03-01", 0),
        ]
    ):
        rows.append({"incident_id": str(i), "date": d, "province": "Sindh", "event_type": "attack", "killed_total": k})
    f = pd.DataFrame(rows)
    f["date"] = pd.to_datetime(f["date"])
    return from_frame(f).frame


def test_change_table_rows_equal_single_comparisons():
    f = random_incidents(3000, seed=5, days=800)
    t = change_table(f, measure="incidents", by=("province",))
    for r in t.sample(40, random_state=1).to_dict("records"):
        c = compare_counts(
            r["current"], r["previous"], current_days=r["current_days"], previous_days=r["previous_days"]
        )
        if r["current"] + r["previous"] == 0:
            assert r["verdict"] == "none in either period"
            continue
        assert r["p_value"] == pytest.approx(c.p_value, abs=TOL)
        assert r["ci_low"] == pytest.approx(c.ci_low, abs=TOL)
        assert r["verdict"] == c.verdict
    # counts are the monthly counts of a plain groupby
    month = f["date"].dt.to_period("M").astype(str)
    ref = f.groupby([month, f["province"].fillna("unknown")]).size()
    row = t.iloc[100]
    assert row["current"] == ref.get((row["month"], row["province"]), 0)


def test_change_table_yoy_and_clustered_score_formula():
    f = random_incidents(4000, seed=9, days=1000)
    t = change_table(f, measure="killed_total", by=(), against="last_year")
    assert (t["method"] == METHOD_DEATHS_SCORE).all()
    r = t.iloc[5]
    cur_p = parse_period(r["month"])
    prev_p = same_period_last_year(cur_p)
    x1 = f.loc[cur_p.contains(f["date"]), "killed_total"].dropna().astype(int).to_numpy()
    x0 = f.loc[prev_p.contains(f["date"]), "killed_total"].dropna().astype(int).to_numpy()
    assert (r["current"], r["previous"]) == (x1.sum(), x0.sum())
    pi0 = cur_p.days / (cur_p.days + prev_p.days)
    z = (x1.sum() - pi0 * (x1.sum() + x0.sum())) / math.sqrt(pi0 * (1 - pi0) * ((x1**2).sum() + (x0**2).sum()))
    assert r["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), abs=TOL)
    # the score interval inverts the score test: at a bound the statistic is the critical value
    d, q = x1.sum() + x0.sum(), (x1**2).sum() + (x0**2).sum()
    for bound in (r["ci_low"], r["ci_high"]):
        pi = bound * cur_p.days / (bound * cur_p.days + prev_p.days)
        zb = (x1.sum() - pi * d) / math.sqrt(pi * (1 - pi) * q)
        assert abs(zb) == pytest.approx(stats.norm.isf(0.025), abs=1e-8)


def test_change_table_period_and_small_base():
    f = _frame_two_months()
    t = change_table(f, measure="killed_total", by=(), period=parse_period("2025-02"))
    assert t["month"].tolist() == ["2025-02"]
    r = t.iloc[0]
    assert (r["current"], r["previous"], r["current_days"], r["previous_days"]) == (8, 43, 28, 31)
    assert r["percent"] == pytest.approx((8 - 43) / 43 * 100)
    t2 = change_table(f, measure="incidents", by=(), period=parse_period("2025-02"))
    assert math.isnan(t2.iloc[0]["percent"])  # base of 2 incidents: no percent


def test_compare_periods_ytd_like_with_like():
    f = _frame_two_months()
    extra = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["y1", "y2"],
                "date": pd.to_datetime(["2024-02-01", "2024-12-01"]),
                "province": ["Sindh", "Sindh"],
                "event_type": ["attack"] * 2,
                "killed_total": [4, 9],
            }
        )
    ).frame
    g = pd.concat([f, extra], ignore_index=True)
    ytd = year_to_date(parse_period("2025-02-15..2025-02-15"))
    t = compare_periods(g, ytd, same_period_last_year(ytd), measures=["incidents", "killed_total"])
    inc, dead = t.iloc[0], t.iloc[1]
    assert (inc["current"], inc["previous"]) == (5, 1)  # 1 Jan-15 Feb: 2024-12-01 is not in it
    assert (dead["current"], dead["previous"]) == (3 + 40 + 1 + 2 + 5, 4)
    assert dead["method"] == METHOD_DEATHS_EXACT and inc["method"] == METHOD_EXACT


def test_compare_periods_by_province_matches_direct_calls():
    f = random_incidents(500, seed=3)
    cur, prev = parse_period("2024-Q2"), parse_period("2024-Q1")
    t = compare_periods(f, cur, prev, measures=["killed_security"], by=["province"])
    r = t.loc[t.province == "Sindh"].iloc[0]
    g = f.loc[(f["province"] == "Sindh").fillna(False)]
    x1 = g.loc[cur.contains(g["date"]), "killed_security"].dropna().to_numpy()
    x0 = g.loc[prev.contains(g["date"]), "killed_security"].dropna().to_numpy()
    c = compare_deaths(x1, x0, current_days=cur.days, previous_days=prev.days)
    assert (r["current"], r["previous"], r["p_value"]) == (c.current, c.previous, pytest.approx(c.p_value, abs=TOL))


def test_bad_input():
    with pytest.raises(ValueError):
        compare_counts(-1, 3)
    with pytest.raises(ValueError):
        compare_deaths([1.5], [1])
    with pytest.raises(ValueError, match="choose from"):
        change_table(random_incidents(5), against="last_week")


def test_changes_from_one_table_equal_change_table():
    from analysis.changes import changes_from_table
    from analysis.counts import count_table

    f = random_incidents(2000, seed=12, days=800)
    t = count_table(f, by=["month", "province"], measures=["incidents", "killed_total"], with_squares=True)
    for measure in ("incidents", "killed_total"):
        for against in ("previous", "last_year"):
            a = changes_from_table(t, measure=measure, by=("province",), against=against)
            b = change_table(f, measure=measure, by=("province",), against=against)
            pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="with_squares"):
        changes_from_table(count_table(f, by=["month", "province"], measures=["killed_total"]), measure="killed_total")


def test_bench_smoke_small():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import bench_analysis

    frame = bench_analysis.synthetic(20_000)
    table_s, change_s, rows = bench_analysis.run_once(frame)
    assert rows > 0 and table_s >= 0 and change_s >= 0
