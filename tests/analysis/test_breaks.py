"""Structural breaks used: level_shift for the annual brief, break_table for ``secbrief table --breaks``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.incidents import from_frame
from analysis.periods import parse_period
from analysis.trends import break_table, level_shift


def _series_frame(lam: np.ndarray, months: pd.PeriodIndex, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = rng.negative_binomial(3, 3 / (3 + lam))
    days = np.repeat(months.to_timestamp(), n) + pd.Timedelta(days=9)
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": [str(i) for i in range(int(n.sum()))],
                "date": days,
                "province": "Sindh",
                "event_type": "attack",
                "killed_total": 1,
            }
        )
    ).frame


MONTHS = pd.period_range("2018-01", "2024-12", freq="M")


def test_a_surge_is_found_with_its_month_and_plain_means():
    lam = np.where(MONTHS >= pd.Period("2021-08", "M"), 15.0, 5.0)
    f = _series_frame(lam, MONTHS, seed=4)
    s = level_shift(f, parse_period("2024"), months=84)
    assert s is not None and s.direction == "surge" and s.established
    assert s.set_start <= "2021-08" <= s.set_end
    assert s.ci_low > 1 and s.p_value < 0.05
    # independent: plain monthly counts before and after the estimated month
    monthly = f.groupby(f["date"].dt.to_period("M")).size().reindex(MONTHS, fill_value=0)
    at = pd.Period(s.month, "M")
    assert s.mean_before == pytest.approx(monthly[monthly.index < at].mean())
    assert s.mean_after == pytest.approx(monthly[monthly.index >= at].mean())
    assert (s.window_start, s.window_end, s.months) == ("2018-01", "2024-12", 84)


@pytest.mark.parametrize("seed", [0, 3, 4])
def test_no_shift_is_not_called_a_surge(seed):
    # (over 30 seeds of this stationary series, 2 rejected at 5 %; with Andrews' critical
    # values, which ignore the trend in the model, 3 of the first 9 did)
    lam = np.full(len(MONTHS), 8.0)
    f = _series_frame(lam, MONTHS, seed=seed)
    s = level_shift(f, parse_period("2024"), months=84)
    assert s is not None
    assert s.direction == "none" and not s.established and s.p_value >= 0.05


def test_window_is_clipped_to_the_data_and_too_short_gives_none():
    lam = np.where(MONTHS >= pd.Period("2021-08", "M"), 15.0, 5.0)
    f = _series_frame(lam, MONTHS, seed=4)
    s = level_shift(f, parse_period("2026"), months=120)
    assert s is not None and (s.window_start, s.window_end) == ("2018-01", "2024-12")
    assert level_shift(f, parse_period("2019"), months=120) is None  # 24 months only


def test_break_table_rows_and_adjusted_p():
    lam = np.where(MONTHS >= pd.Period("2021-08", "M"), 15.0, 5.0)
    f = _series_frame(lam, MONTHS, seed=4)
    t = break_table(f, parse_period("2018..2024"), measures=["incidents", "killed_total"])
    assert list(t["measure"]) == ["incidents", "killed_total"]
    assert (t["direction"] == "surge").all()
    assert (t["p_adjusted"] >= t["p_value"]).all()


def test_a_jump_above_a_falling_trend_is_a_break_not_a_surge(shared_data):
    """UCDP incidents 2012-2021: the level jumps above the falling trend in 2020, yet fewer a month than before."""
    from analysis.io import load_incidents

    inc = load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp")
    s = level_shift(inc.frame, parse_period("2021"), measure="incidents", coverage=inc.coverage)
    assert s is not None and s.level_ratio > 1 and s.ci_low > 1
    d = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    start, end = pd.to_datetime(d["date_start"]), pd.to_datetime(d["date_end"])
    placed = start[(d["date_prec"] == 1) | (start.dt.to_period("M") == end.dt.to_period("M"))]
    months = pd.period_range("2012-01", "2021-12", freq="M")
    monthly = placed.dt.to_period("M").value_counts().reindex(months, fill_value=0)
    at = pd.Period(s.month, "M")
    before, after = monthly[monthly.index < at].mean(), monthly[monthly.index >= at].mean()
    assert s.mean_before == pytest.approx(before) and s.mean_after == pytest.approx(after)
    assert after < before
    assert s.direction == "break"  # not "surge": the plain monthly mean fell
