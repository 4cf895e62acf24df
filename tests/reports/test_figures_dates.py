"""Monthly trend and year-to-date charts never put an imprecisely dated incident where it may not belong."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.periods import parse_period
from reports.figures import _trend_caption, _ytd_caption
from reports.figures.trend import monthly_trend_data
from reports.figures.ytd import ytd_data


@pytest.fixture(scope="module")
def ucdp(shared_data):
    from analysis.io import load_incidents

    return load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp")


@pytest.fixture(scope="module")
def raw(shared_data):
    d = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    d["start"] = pd.to_datetime(d["date_start"])
    d["end"] = pd.to_datetime(d["date_end"])
    return d


def test_trend_chart_january_2009(ucdp, raw):
    p = parse_period("2009-01")
    d = monthly_trend_data(ucdp.frame, p)
    tot = d.loc[d["measure"] == "killed_total"].set_index("month")["value"]
    same_month = raw["start"].dt.to_period("M") == raw["end"].dt.to_period("M")
    placed = raw.loc[same_month]
    monthly = placed.groupby(placed["start"].dt.strftime("%Y-%m"))["best"].sum()
    assert tot["2009-01"] == monthly["2009-01"] == 279  # before: 1,707
    for m, v in tot.items():
        assert v == monthly.get(m, 0)
    # what the 36 months shown leave out, by an independent rule
    lo, hi = pd.Timestamp("2006-02-01"), pd.Timestamp("2009-01-31")
    left = raw.loc[~same_month & (raw["start"] <= hi) & (raw["end"] >= lo)]
    u = d.attrs["unplaced"]
    assert (u["incidents"], u["killed_total"]) == (len(left), int(left["best"].sum()))
    caption = _trend_caption(d, p)
    assert f"Not shown: {int(left['best'].sum()):,} deaths in {len(left)} incidents" in caption
    assert "1,428 of the deaths dated only to 2009" in caption


def test_ytd_chart_enters_a_year_dated_event_on_31_december(ucdp, raw):
    p = parse_period("2009-12")
    d = ytd_data(ucdp.frame, p)
    cur = d.loc[(d["year"] == 2009) & (d["measure"] == "killed_total")].set_index("date")["cumulative"]
    in_2009 = raw.loc[(raw["start"].dt.year == 2009) & (raw["end"].dt.year == 2009)]
    by_last_day = in_2009.groupby(in_2009["end"].dt.strftime("%Y-%m-%d"))["best"].sum().cumsum()
    assert cur["2009-12-31"] == int(in_2009["best"].sum())
    assert cur["2009-12-30"] == int(by_last_day.loc[:"2009-12-30"].iloc[-1])
    assert cur["2009-12-31"] - cur["2009-12-30"] >= 1428
    assert d.attrs["on_last_day"]["killed_total"] == int(in_2009.loc[in_2009["date_prec"] > 1, "best"].sum())
    # January: the year-dated event is not in the line, and the caption says so
    j = parse_period("2009-01")
    dj = ytd_data(ucdp.frame, j)
    jan = dj.loc[(dj["year"] == 2009) & (dj["measure"] == "killed_total"), "cumulative"].iloc[-1]
    assert jan == 279
    assert "Not shown: 1,428 deaths in 1 incident" in _ytd_caption(dj, j)
