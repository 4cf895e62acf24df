"""The summary's sentence on imprecisely dated events is aggregated by precision (issue 13).

Page one of the demo June 2025 brief listed every week range ("3 deaths in 2 events dated only to
the week of 30 May–8 Jun 2025, 1 death in 1 event dated only to the week of 31 May–9 Jun 2025, 0
deaths ..."); it now says one clause per precision and keeps the listing in Methods. The numbers
are checked against the date-precision rule stated with plain pandas on the raw files.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import load_incidents, parse_period
from analysis.demo import demo_path
from reports.config import Config
from reports.context import build_context
from tests.analysis.helpers import placeable_range


def _unplaced_demo(period: str) -> pd.DataFrame:
    raw = pd.read_csv(demo_path(), parse_dates=["date", "date_end"])
    first, last = placeable_range(raw)
    p = parse_period(period)
    imprecise = raw["date_precision"].fillna("day") != "day"
    inside = (first >= p.start) & (last <= p.end)
    overlaps = (first <= p.end) & (last >= p.start)
    return raw.loc[imprecise & overlaps & ~inside]


@pytest.fixture(scope="module")
def june(demo_incidents):
    return build_context(demo_incidents, parse_period("2025-06"), cfg=Config())


def test_demo_june_summary_is_one_clause_per_precision(june):
    u = _unplaced_demo("2025-06")
    assert set(u["date_precision"]) == {"week"}
    deaths, events = int(u["killed_total"].sum()), len(u)
    assert (deaths, events) == (4, 6)
    sentence = re.search(r"Not counted in June 2025[^.]*\.", june.summary).group(0)
    assert sentence == (
        f"Not counted in June 2025 because their dates may fall outside it: {deaths} deaths in {events} events "
        "dated only to a week that straddles the month's edge."
    )
    assert "the week of" not in june.summary
    n = june.numbers["unplaced"]
    assert n["by_precision"]["week"] == [events, deaths]
    assert (n["incidents"], n["killed_total"]) == (events, deaths)


def test_demo_june_listing_is_in_methods(june):
    u = _unplaced_demo("2025-06")
    detail = [d for d in june.methods.definitions if d.startswith("Events dated only to")]
    assert len(detail) == 1
    listed = re.findall(r"(\d+) deaths? in (\d+) events? dated only to the week of", detail[0])
    assert sum(int(k) for k, _ in listed) == int(u["killed_total"].sum())
    assert sum(int(e) for _, e in listed) == len(u)
    assert len(listed) == len(june.numbers["unplaced"]["spans"])


@pytest.mark.slow
def test_ucdp_2009_01_keeps_the_named_year(shared_data):
    d = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    start, end = pd.to_datetime(d["date_start"]), pd.to_datetime(d["date_end"])
    same_month = start.dt.to_period("M") == end.dt.to_period("M")
    u = d.loc[(d["date_prec"] > 1) & ~same_month & (start <= "2009-01-31") & (end >= "2009-01-01")]
    assert (int(u["best"].sum()), len(u)) == (1428, 1)
    inc = load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp")
    ctx = build_context(inc, parse_period("2009-01"), cfg=Config())
    assert ctx.summary.endswith(
        "Not counted in January 2009 because their dates may fall outside it: "
        "1,428 deaths in 1 event dated only to 2009."
    )
