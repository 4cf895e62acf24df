"""Rates: Garwood and Fay-Feuer intervals, per-million rates, lethality, shares."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.incidents import from_frame
from analysis.periods import parse_period
from analysis.population import population
from analysis.rates import clustered_poisson_interval, lethality, poisson_interval, rate_per_million, shares
from tests.analysis.helpers import random_incidents

TOL = 1e-10


@pytest.mark.parametrize("k, lo, hi", [(0, 0.0, 3.689), (1, 0.0253, 5.572), (5, 1.623, 11.67), (10, 4.795, 18.39)])
def test_garwood_published_values(k, lo, hi):
    # 95 % exact limits for a Poisson count as tabulated by Ulm (1990), Am J Epidemiol 131:373
    # (and in most epidemiology texts), to the 4 significant digits printed there.
    a, b = (float(v) for v in poisson_interval(k))
    assert a == pytest.approx(lo, abs=6e-4) and b == pytest.approx(hi, rel=6e-4)


@pytest.mark.parametrize("k", [0, 1, 3, 17, 250, 4000])
def test_garwood_against_statsmodels_and_consistency(k):
    from statsmodels.stats.rates import confint_poisson

    lo, hi = (float(v) for v in poisson_interval(k, alpha=0.1))
    ref = confint_poisson(k, 1.0, method="exact-c", alpha=0.1)
    assert lo == pytest.approx(float(ref[0]), abs=TOL) and hi == pytest.approx(float(ref[1]), abs=TOL)
    # at the bounds the one-sided exact tests are at alpha / 2
    if k > 0:
        assert stats.poisson.sf(k - 1, lo) == pytest.approx(0.05, abs=TOL)
    assert stats.poisson.cdf(k, hi) == pytest.approx(0.05, abs=TOL)


def test_fay_feuer_with_unit_weights_is_garwood():
    for k in (1, 4, 30, 500):
        lo, hi = clustered_poisson_interval(np.ones(k))
        g = poisson_interval(k)
        assert lo == pytest.approx(float(g[0]), abs=TOL) and hi == pytest.approx(float(g[1]), abs=TOL)


def test_fay_feuer_formula_by_hand():
    x = np.array([40, 3, 1, 1, 2, 7])
    y, v, w = x.sum(), (x**2).sum(), x.max()
    lo = v / (2 * y) * stats.chi2.ppf(0.025, 2 * y**2 / v)
    hi = (v + w**2) / (2 * (y + w)) * stats.chi2.ppf(0.975, 2 * (y + w) ** 2 / (v + w**2))
    got = clustered_poisson_interval(x)
    assert got[0] == pytest.approx(lo, abs=TOL) and got[1] == pytest.approx(hi, abs=TOL)
    # clusters widen the interval compared with treating the deaths as independent events
    g = poisson_interval(int(y))
    assert got[0] < float(g[0]) and got[1] > float(g[1])


def test_rate_per_million_by_hand():
    f = random_incidents(800, seed=11)
    p = parse_period("2024")
    r = rate_per_million(f, p, measure="killed_total").set_index("province")
    g = f.loc[p.contains(f["date"])]
    when = pd.Timestamp("2024-07-02")  # midpoint of the 366 days of 2024
    for prov in ("Sindh", "Balochistan"):
        x = g.loc[(g["province"] == prov).fillna(False), "killed_total"].dropna().to_numpy()
        pop = population(prov, when).population
        assert r.loc[prov, "count"] == x.sum()
        assert r.loc[prov, "population"] == pytest.approx(pop, rel=1e-6)
        assert r.loc[prov, "rate"] == pytest.approx(x.sum() / pop * 1e6, rel=1e-6)
        lo, hi = clustered_poisson_interval(x)
        assert r.loc[prov, "ci_low"] == pytest.approx(lo / pop * 1e6, rel=1e-6)
    # national: everything but AJK and GB (not enumerated), unknown province included
    assert r.loc["Pakistan", "count"] == g["killed_total"].sum()
    inc = rate_per_million(f, p, measure="incidents", annualised=True).set_index("province")
    n = int((g["province"] == "Sindh").fillna(False).sum())
    assert inc.loc["Sindh", "count"] == n
    # a whole calendar year is exactly one year: the yearly rate is the count over the population
    assert inc.loc["Sindh", "rate"] == pytest.approx(n / inc.loc["Sindh", "population"] * 1e6)
    assert (inc["interval_method"] == "Garwood exact Poisson interval").all()


def test_lethality_and_shares_against_loops():
    f = random_incidents(700, seed=4)
    p = parse_period("2024")
    g = f.loc[p.contains(f["date"])]
    att = g.loc[(g["event_type"] == "attack").fillna(False)]
    known = att["killed_total"].dropna()
    row = lethality(f, p).iloc[0]
    assert int(row["events"]) == len(att) and int(row["known"]) == len(known)
    assert row["lethality"] == pytest.approx(known.sum() / len(known))
    by = lethality(f, p, by=["province"]).set_index("province")
    kp = att.loc[(att["province"] == "Khyber Pakhtunkhwa").fillna(False), "killed_total"].dropna()
    assert by.loc["Khyber Pakhtunkhwa", "lethality"] == pytest.approx(kp.mean())
    s = shares(f, p, by="perpetrator", measure="attacks").set_index("category")
    counts = att["perpetrator"].fillna("unknown").value_counts()
    for name, n in counts.items():
        assert s.loc[name, "count"] == n and s.loc[name, "share"] == pytest.approx(n / len(att))
    v = shares(f, p, by="victim").set_index("category")
    assert v.loc["security forces", "count"] == g["killed_security"].sum()
    assert v["share"].sum() == pytest.approx(1.0)


def test_lethality_ignores_blank_tolls():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a", "b"],
                "date": pd.to_datetime(["2025-01-01"] * 2),
                "province": ["Sindh"] * 2,
                "event_type": ["attack"] * 2,
                "killed_total": [6, None],
            }
        )
    ).frame
    row = lethality(f).iloc[0]
    assert row["lethality"] == 6.0 and row["unknown"] == 1
    assert math.isnan(lethality(f.iloc[1:]).iloc[0]["lethality"])
