"""Census denominators: reference dates, three censuses, one midpoint, national rule; checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.periods import parse_period
from analysis.population import (
    CENSUS_DATES,
    census,
    denominator,
    denominators,
    mid_period,
    period_years,
    population,
)
from analysis.rates import rate_per_million
from tests.analysis.helpers import placeable_range

PAK = {1998: 132_352_279, 2017: 207_684_626, 2023: 241_499_431}


def _geometric(p0, p1, t0, t1, t):
    """Independent statement of the rule: geometric growth in days between two dated counts."""
    return p0 * (p1 / p0) ** ((pd.Timestamp(t) - t0).total_seconds() / (t1 - t0).total_seconds())


@pytest.mark.parametrize("year", [1998, 2017, 2023])
def test_each_census_is_exact_at_its_reference_date(year):
    # before: censuses were dated 1 January (and 1998 was not used at all)
    assert population("Pakistan", CENSUS_DATES[year]).population == pytest.approx(PAK[year], rel=1e-12)


def test_reference_dates():
    assert CENSUS_DATES == {
        1998: pd.Timestamp("1998-03-02"),
        2017: pd.Timestamp("2017-03-15"),
        2023: pd.Timestamp("2023-03-01"),
    }


def test_years_before_2017_use_the_1998_census():
    d = population("Sindh", "2010-07-02")
    t0, t1 = pd.Timestamp("1998-03-02"), pd.Timestamp("2017-03-15")
    assert d.population == pytest.approx(_geometric(30_439_893, 47_854_510, t0, t1, "2010-07-02"), rel=1e-9)
    assert (d.census_from, d.census_to, d.extrapolated) == (1998, 2017, False)
    # 1998-2017 growth of Sindh, per year of 365.2425 days
    assert d.growth == pytest.approx((47_854_510 / 30_439_893) ** (365.2425 / (t1 - t0).days) - 1, rel=1e-12)


def test_extrapolation_outside_at_the_nearest_interval():
    t17, t23 = pd.Timestamp("2017-03-15"), pd.Timestamp("2023-03-01")
    d = population("Pakistan", "2025-06-16")
    assert d.extrapolated and (d.census_from, d.census_to) == (2017, 2023)
    assert d.population == pytest.approx(_geometric(PAK[2017], PAK[2023], t17, t23, "2025-06-16"), rel=1e-9)
    t98 = pd.Timestamp("1998-03-02")
    d = population("Pakistan", "1995-07-02")
    assert d.extrapolated and (d.census_from, d.census_to) == (1998, 2017)
    assert d.population == pytest.approx(_geometric(PAK[1998], PAK[2017], t98, t17, "1995-07-02"), rel=1e-9)


def test_khyber_pakhtunkhwa_includes_fata_in_every_census():
    c = census().set_index(["census_year", "province"])["population"]
    assert c[(1998, "Khyber Pakhtunkhwa")] == 17_743_645 + 3_176_331
    assert c[(2017, "Khyber Pakhtunkhwa")] == 30_508_920 + 4_993_044
    for y in (1998, 2017, 2023):
        assert c.xs(y, level="census_year").drop("Pakistan").sum() == PAK[y]


def test_1998_rows_are_the_shared_district_table_summed(shared_data):
    d = pd.read_csv(shared_data / "pakistan-census-2017-districts.csv")
    sums = d.groupby("table")["pop_1998"].sum()
    c = census().set_index(["census_year", "province"])["population"]
    assert c[(1998, "Punjab")] == sums["punjab"]
    assert c[(1998, "Sindh")] == sums["sindh"]
    assert c[(1998, "Balochistan")] == sums["balochistan"]
    assert c[(1998, "Islamabad Capital Territory")] == sums["islamabad"]
    assert c[(1998, "Khyber Pakhtunkhwa")] == sums["kpk"] + sums["fata"]
    assert c[(1998, "Pakistan")] == d["pop_1998"].sum() == PAK[1998]


def test_one_midpoint_and_one_year_length():
    assert mid_period(parse_period("2023")) == pd.Timestamp("2023-07-02 12:00")
    assert mid_period(parse_period("2024")) == pd.Timestamp("2024-07-02")
    assert mid_period(parse_period("2025-06")) == pd.Timestamp("2025-06-16")
    assert period_years(parse_period("2024")) == 1.0
    assert period_years(parse_period("2025-06")) == pytest.approx(30 / 365)
    assert period_years(parse_period("2024-12-01..2025-01-31")) == pytest.approx(31 / 366 + 31 / 365)


def test_rates_use_the_same_denominator_as_methods():
    p = parse_period("2025-06")
    from tests.analysis.helpers import random_incidents

    r = rate_per_million(random_incidents(200, seed=3, start="2025-01-01", days=300), p).set_index("province")
    dens = {d.province: d for d in denominators(p).rows}
    for unit, d in dens.items():
        assert r.loc[unit, "population"] == d.population == denominator(unit, p).population
    assert set(dens) == set(r.index)


def test_denominators_record_for_methods_and_numbers():
    d = denominators(parse_period("2019"))
    n = d.to_numbers()
    pak = n["units"]["Pakistan"]
    exp = _geometric(PAK[2017], PAK[2023], pd.Timestamp("2017-03-15"), pd.Timestamp("2023-03-01"), "2019-07-02 12:00")
    assert pak["population"] == round(exp)
    assert pak["census_from"] == 2017 and not pak["extrapolated"]
    assert pak["growth_percent_per_year"] == round(
        ((PAK[2023] / PAK[2017]) ** (365.2425 / (pd.Timestamp("2023-03-01") - pd.Timestamp("2017-03-15")).days) - 1)
        * 100,
        2,
    )
    assert {c["census_year"] for c in n["censuses"]} == {1998, 2017, 2023}
    assert n["not_enumerated"] == ["Azad Jammu and Kashmir", "Gilgit-Baltistan"]
    assert "Azad Jammu and Kashmir" not in n["units"]


def test_national_rate_leaves_out_ajk_and_gb_demo_june_2025(demo_incidents):
    """Independent: June 2025 deaths outside AJK and GB, placeable in June, per million per year."""
    f = demo_incidents.frame
    p = parse_period("2025-06")
    first, last = placeable_range(f)
    g = f.loc[(first >= p.start) & (last <= p.end)]
    enumerated = ~g["province"].isin(["Azad Jammu and Kashmir", "Gilgit-Baltistan"])
    k = int(g.loc[enumerated, "killed_total"].sum())
    assert k < int(g["killed_total"].sum())  # the demo has deaths in AJK/GB that month
    t17, t23 = pd.Timestamp("2017-03-15"), pd.Timestamp("2023-03-01")
    pop = _geometric(PAK[2017], PAK[2023], t17, t23, "2025-06-16")
    expected = k / pop * 1e6 / (30 / 365)
    r = rate_per_million(f, p, annualised=True).set_index("province")
    assert r.loc["Pakistan", "count"] == k
    assert r.loc["Pakistan", "rate"] == pytest.approx(expected, rel=1e-9)
    assert round(expected, 1) == 41.0
    wrong = int(g["killed_total"].sum()) / pop * 1e6 / (30 / 365)
    assert not math.isclose(round(wrong, 1), round(expected, 1))
