"""Imprecise dates: counted only in periods that wholly contain them, reported beside the counts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.counts import count_table, date_spans, imprecise_dates, in_period, totals
from analysis.incidents import from_frame
from analysis.periods import parse_period
from analysis.records import records_for


def _frame(rows):
    return from_frame(
        pd.DataFrame(
            [
                {
                    "incident_id": str(i),
                    "province": "Sindh",
                    "event_type": "clash",
                    **r,
                }
                for i, r in enumerate(rows)
            ]
        ).assign(
            date=lambda d: pd.to_datetime(d["date"]),
            date_end=lambda d: pd.to_datetime(d.get("date_end")),
        )
    ).frame


@pytest.fixture
def year_dated():
    """One event dated only to 2009 (1,428 killed) and exactly dated events around it."""
    return _frame(
        [
            {"date": "2009-01-01", "date_end": "2009-12-31", "date_precision": "year", "killed_total": 1428},
            {"date": "2009-01-10", "date_end": None, "date_precision": "day", "killed_total": 5},
            {"date": "2009-02-10", "date_end": None, "date_precision": None, "killed_total": 7},
            {"date": "2009-03-30", "date_end": "2009-04-02", "date_precision": "week", "killed_total": 4},
            {"date": "2009-05-14", "date_end": None, "date_precision": "month", "killed_total": 2},
            {"date": "2010-06-01", "date_end": None, "date_precision": "day", "killed_total": 9},
        ]
    )


def test_year_dated_event_is_never_put_in_a_month(year_dated):
    t = count_table(year_dated, by=["month"], measures=["killed_total"], period=parse_period("2009"))
    by_month = dict(zip(t["month"], t["killed_total"], strict=True))
    # before the fix the 1,428 fell on January, the week-dated 4 on March
    assert by_month["2009-01"] == 5
    assert by_month["2009-03"] == 0 and by_month["2009-04"] == 0
    assert by_month["2009-05"] == 2  # month-dated: placed in its month
    assert sum(by_month.values()) == 5 + 7 + 2


def test_year_dated_event_counts_in_its_year_and_in_ranges_that_contain_it(year_dated):
    assert totals(year_dated, parse_period("2009")).killed_total == 1428 + 5 + 7 + 4 + 2
    assert totals(year_dated, parse_period("2009-01")).killed_total == 5
    assert totals(year_dated, parse_period("2009-Q1")).killed_total == 12
    assert totals(year_dated, parse_period("2009-Q2")).killed_total == 2
    assert totals(year_dated, parse_period("2008-12..2010-01")).killed_total == 1428 + 5 + 7 + 4 + 2
    assert set(in_period(year_dated, parse_period("2009-01"))["killed_total"]) == {5}
    t = count_table(year_dated, by=["year"], measures=["killed_total"])
    assert dict(zip(t["year"], t["killed_total"], strict=True)) == {2009: 1446, 2010: 9}


def test_imprecise_dates_are_never_spread(year_dated):
    t = count_table(
        year_dated, by=["month"], measures=["killed_total"], period=parse_period("2009"), date_rule="spread"
    )
    assert int(t.loc[t["month"] == "2009-01", "killed_total"].iloc[0]) == 5
    assert int(t["killed_total"].sum()) == 14


def test_day_table_places_only_exact_dates(year_dated):
    t = count_table(year_dated, by=["day"], measures=["incidents"], period=parse_period("2009"))
    assert int(t["incidents"].sum()) == 2


def test_imprecise_dates_record(year_dated):
    im = imprecise_dates(year_dated, parse_period("2009-01"))
    assert (im.incidents, im.killed_total, im.killed_total_unknown) == (1, 1428, 0)
    assert im.by_precision == {"year": (1, 1428)}
    assert [(s.label, s.killed_total) for s in im.spans] == [("2009", 1428)]
    im = imprecise_dates(year_dated, parse_period("2009-Q1"))
    assert im.by_precision == {"week": (1, 4), "year": (1, 1428)}
    assert [s.label for s in im.spans] == ["2009", "30 Mar–2 Apr 2009"]
    assert not imprecise_dates(year_dated, parse_period("2009"))
    # a monthly chart of 2009 cannot place the year- and week-dated events
    im = imprecise_dates(year_dated, parse_period("2009"), unit="month")
    assert (im.incidents, im.killed_total) == (2, 1432)


def test_implied_ranges_without_an_end_date():
    f = _frame(
        [
            {"date": "2025-03-17", "date_precision": "month", "killed_total": 1},
            {"date": "2025-03-01", "date_precision": "week", "killed_total": 1},
            {"date": "2025-06-01", "date_precision": "year", "killed_total": 1},
        ]
    )
    s = date_spans(f)
    days = lambda a: [str(d) for d in a.astype("datetime64[D]")]  # noqa: E731
    assert days(s.first) == ["2025-03-01", "2025-02-26", "2025-01-01"]
    assert days(s.last) == ["2025-03-31", "2025-03-07", "2025-12-31"]


def test_record_states_what_it_could_not_place(year_dated):
    recs = records_for(year_dated, parse_period("2009-01"), measures=["killed_total"])
    assert all(r.imprecise is not None and r.imprecise.killed_total == 1428 for r in recs)
    assert all(r.numbers["unplaced_killed"] == 1428 for r in recs)


# --- the real case: UCDP GED, January 2009 ---------------------------------------------------


@pytest.fixture(scope="module")
def ucdp(shared_data):
    from analysis.io import load_incidents

    return load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp")


@pytest.fixture(scope="module")
def ucdp_raw(shared_data):
    """The GED file read with plain pandas (HXL row dropped), for independent sums."""
    d = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    d["start"] = pd.to_datetime(d["date_start"])
    d["end"] = pd.to_datetime(d["date_end"])
    return d


def test_ucdp_january_2009_is_not_the_deadliest_month(ucdp, ucdp_raw):
    p = parse_period("2009-01")
    recs = records_for(ucdp.frame, p, coverage=ucdp.coverage)
    said = [r.sentence for r in recs]
    assert not any("deadliest month on record" in s and "for" not in s for s in said), said
    # independent: an event is placed in a month only when its dates lie in that month
    d = ucdp_raw
    same_month = d["start"].dt.to_period("M") == d["end"].dt.to_period("M")
    placed = d.loc[(d["date_prec"] == 1) | same_month]
    monthly = placed.groupby(placed["start"].dt.to_period("M"))["best"].sum()
    jan = int(monthly.get(pd.Period("2009-01"), 0))
    t = totals(ucdp.frame, p)
    assert jan == t.killed_total == 279
    assert t.unplaced is not None and t.unplaced.killed_total == 1428  # "plus 1,428 deaths dated only to 2009"
    assert totals(ucdp.frame, parse_period("2009")).unplaced is None
    assert int(monthly.loc[: pd.Period("2008-12")].max()) > jan
    unplaced = d.loc[(d["date_prec"] > 1) & ~same_month & (d["start"] <= "2009-01-31") & (d["end"] >= "2009-01-01")]
    im = imprecise_dates(ucdp.frame, p)
    assert im.killed_total == int(unplaced["best"].sum()) == 1428
    assert im.incidents == len(unplaced) == 1
    assert im.spans[0].label == "2009" and im.spans[0].precision == "year"


def test_ucdp_monthly_table_matches_an_independent_count(ucdp, ucdp_raw):
    d = ucdp_raw
    d = d.loc[d["start"].dt.year.between(2008, 2010)]
    same_month = d["start"].dt.to_period("M") == d["end"].dt.to_period("M")
    placed = d.loc[(d["date_prec"] == 1) | same_month]
    expected = placed.groupby(placed["start"].dt.strftime("%Y-%m"))["best"].sum()
    t = count_table(ucdp.frame, by=["month"], measures=["killed_total"], period=parse_period("2008..2010"))
    got = t.set_index("month")["killed_total"]
    got = got.loc[got > 0]
    assert got.to_dict() == {k: int(v) for k, v in expected.items() if v > 0}
    # the year table counts every event whose range lies within the year
    same_year = d["start"].dt.year == d["end"].dt.year
    by_year = d.loc[same_year].groupby(d["start"].dt.year)["best"].sum()
    ty = count_table(ucdp.frame, by=["year"], measures=["killed_total"], period=parse_period("2008..2010"))
    assert dict(zip(ty["year"], ty["killed_total"], strict=True)) == {int(k): int(v) for k, v in by_year.items()}


def test_record_sentence_says_what_it_does_not_count(ucdp):
    from analysis.key_findings import findings, unsupported_numbers

    p = parse_period("2009-01")
    recs = records_for(ucdp.frame, p, coverage=ucdp.coverage)
    assert recs and all("1,428 deaths in 1 incident dated only to 2009 not counted" in r.sentence for r in recs)
    for f in findings(ucdp.frame, p):
        assert unsupported_numbers(f) == [], f.sentence


def test_compare_periods_counts_incidents_by_the_same_rule_as_deaths(year_dated):
    from analysis.changes import compare_periods

    t = compare_periods(year_dated, parse_period("2009-01"), parse_period("2009-02"))
    got = {r.measure: (r.current, r.previous) for r in t.itertuples()}
    # January holds only the exactly dated event: the year-dated one (dated 2009-01-01) is in no month
    assert got == {"incidents": (1, 1), "killed_total": (5, 7)}
