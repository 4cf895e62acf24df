"""Periods: parsing, comparison periods, rolling windows."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import PeriodError
from analysis.periods import (
    months_in,
    parse_period,
    previous_period,
    rolling_days,
    same_period_last_year,
    year_to_date,
)


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("2025-01", "month", "2025-01-01", "2025-01-31"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2025-Q1", "quarter", "2025-01-01", "2025-03-31"),
        ("2025", "year", "2025-01-01", "2025-12-31"),
        ("2025-01-31..2025-02-01", "range", "2025-01-31", "2025-02-01"),
        ("2015..2024", "range", "2015-01-01", "2024-12-31"),
    ],
)
def test_parse(text, kind, start, end):
    p = parse_period(text)
    assert (p.kind, p.start, p.end) == (kind, pd.Timestamp(start), pd.Timestamp(end))
    assert p.days == (pd.Timestamp(end) - pd.Timestamp(start)).days + 1


@pytest.mark.parametrize("bad", ["2025-13", "January", "2025-02-30", ""])
def test_parse_rejects(bad):
    with pytest.raises(PeriodError):
        parse_period(bad)


def test_rolling_days_and_its_previous_window():
    p = rolling_days("2025-02-01", 30)
    assert (p.start, p.end, p.days) == (pd.Timestamp("2025-01-03"), pd.Timestamp("2025-02-01"), 30)
    prev = previous_period(p)
    assert prev.days == 30 and prev.end == p.start - pd.Timedelta(days=1)
    assert rolling_days("2025-02-01", 1).days == 1
    with pytest.raises(PeriodError):
        rolling_days("2025-02-01", 0)


def test_ytd_compares_like_with_like():
    ytd = year_to_date(parse_period("2025-03-15..2025-03-15"))
    last = same_period_last_year(ytd)
    assert (ytd.start, ytd.end) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-15"))
    assert (last.start, last.end) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-15"))
    assert previous_period(ytd) == last


def test_leap_day_maps_to_28_february():
    p = parse_period("2024-02-29..2024-02-29")
    assert same_period_last_year(p).start == pd.Timestamp("2023-02-28")


def test_previous_periods():
    assert previous_period(parse_period("2025-01")).slug == "2024-12"
    assert previous_period(parse_period("2025-Q1")).slug == "2024-Q4"
    assert same_period_last_year(parse_period("2025-Q2")).slug == "2024-Q2"
    assert previous_period(parse_period("2025-01-31..2025-02-01")).slug == "2025-01-29..2025-01-30"


def test_months_in():
    assert [m.slug for m in months_in(parse_period("2024-11-15..2025-01-02"))] == ["2024-11", "2024-12", "2025-01"]
    assert [m.slug for m in months_in(parse_period("2025-02"))] == ["2025-02"]
