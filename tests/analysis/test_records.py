"""Records: said only when true, with the window stated; checked against plain loops."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.incidents import from_frame
from analysis.key_findings import findings
from analysis.periods import parse_period
from analysis.records import history, records_for
from tests.analysis.security_years import TRUE_YEARS, security_years

DECADE_SENTENCE = "2024 was the deadliest year for security forces in a decade, with 685 killed in 444 attacks."


def _sentences(frame, period, **kw):
    return [f.sentence for f in findings(frame, parse_period(period), max_n=None, trend=False, **kw)]


def test_2024_deadliest_in_a_decade_said_when_true():
    f = security_years(TRUE_YEARS)
    recs = records_for(f, parse_period("2024"), measures=["killed_security"])
    assert [r.kind for r in recs][0] == "in_window"
    assert recs[0].compared == 10 and recs[0].window_start == "2015" and recs[0].value == 685
    assert DECADE_SENTENCE in _sentences(f, "2024")


def test_not_said_when_an_earlier_year_in_the_decade_was_deadlier():
    f = security_years({**TRUE_YEARS, 2017: 700})
    recs = records_for(f, parse_period("2024"), measures=["killed_security"])
    assert "in_window" not in {r.kind for r in recs} and "on_record" not in {r.kind for r in recs}
    said = _sentences(f, "2024")
    assert not any("for security forces in a decade" in s for s in said)
    assert "2024 was the deadliest year for security forces since 2017, with 685 killed in 444 attacks." in said
    assert "2024 was the second-deadliest year for security forces on record (in data from 2015)." in [
        r.sentence for r in recs
    ]


def test_not_said_on_a_tie():
    f = security_years({**TRUE_YEARS, 2019: 685})
    kinds = {r.kind for r in records_for(f, parse_period("2024"), measures=["killed_security"])}
    assert not kinds & {"in_window", "on_record"}


def test_not_said_when_the_data_do_not_cover_a_decade():
    f = security_years({y: v for y, v in TRUE_YEARS.items() if y >= 2018})
    recs = records_for(f, parse_period("2024"), measures=["killed_security"])
    assert recs[0].kind == "on_record" and recs[0].phrase.endswith("on record (in data from 2018)")
    assert not any("for security forces in a decade" in s for s in _sentences(f, "2024"))


def test_decade_window_inside_a_longer_record():
    f = security_years({2010: 900, 2011: 100, 2012: 200, 2013: 250, 2014: 300, **TRUE_YEARS})
    kinds = [r.kind for r in records_for(f, parse_period("2024"), measures=["killed_security"])]
    assert "in_window" in kinds and "on_record" not in kinds
    since = [r for r in records_for(f, parse_period("2024"), measures=["killed_security"]) if r.kind == "since"]
    assert since[0].since == "2010"


def test_not_said_when_deaths_were_not_all_in_attacks():
    f = security_years(TRUE_YEARS)
    extra = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["x"],
                "date": pd.to_datetime(["2024-05-05"]),
                "province": ["Sindh"],
                "event_type": ["operation"],
                "killed_security": [0],
            }
        )
    )
    g = pd.concat([f, extra.frame], ignore_index=True)
    assert DECADE_SENTENCE in _sentences(g, "2024")  # zero security deaths in an operation: still all in attacks
    g.loc[g.index[-1], "killed_security"] = 2
    g.loc[g.index[-1], "killed_total"] = 2
    said = _sentences(g, "2024")
    assert DECADE_SENTENCE not in said
    assert any(
        s.startswith("2024 was the deadliest year for security forces in a decade, with 687 killed in ")
        and s.endswith(" incidents.")
        for s in said
    )


def test_deadliest_month_since_march_2015():
    months = pd.period_range("2015-01", "2025-01", freq="M")
    values = {m: 20 + (i % 7) for i, m in enumerate(months)}
    values[pd.Period("2015-03", "M")] = 100
    values[pd.Period("2025-01", "M")] = 90
    rows = [
        {
            "incident_id": str(m),
            "date": m.to_timestamp(),
            "province": "Balochistan",
            "event_type": "attack",
            "killed_total": v,
        }
        for m, v in values.items()
    ]
    f = from_frame(pd.DataFrame(rows)).frame
    recs = records_for(f, parse_period("2025-01"), measures=["killed_total"], region="Balochistan")
    since = [r for r in recs if r.kind == "since"]
    assert since[0].sentence == "January 2025 in Balochistan was the deadliest month since March 2015."
    assert since[0].compared == 119  # March 2015 .. January 2025
    assert recs[0].sentence == (
        "January 2025 in Balochistan was the second-deadliest month on record (in data from January 2015)."
    )
    assert records_for(f, parse_period("2025-01"), measures=["killed_total"], region="Sindh") == ()


def test_partial_periods_are_not_compared_and_ranges_have_no_records():
    f = security_years(TRUE_YEARS)
    h = history(
        f, freq="year", measure="killed_security", coverage=(pd.Timestamp("2015-03-01"), pd.Timestamp("2024-12-31"))
    )
    assert list(h.index) == list(range(2016, 2025))
    assert records_for(f, parse_period("2024-01-01..2024-06-30")) == ()
    assert records_for(f, parse_period("2024"), coverage=(pd.Timestamp("2015-01-01"), pd.Timestamp("2024-06-30"))) == ()


def _frame_from_years(values: list[int]) -> pd.DataFrame:
    rows = [
        {
            "incident_id": str(i),
            "date": pd.Timestamp(year=2000 + i, month=6, day=1),
            "province": "Sindh",
            "event_type": "attack",
            "killed_total": v,
        }
        for i, v in enumerate(values)
    ]
    return from_frame(pd.DataFrame(rows)).frame


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=25))
def test_every_record_is_true_by_plain_loop(values):
    f = _frame_from_years(values)
    cov = (pd.Timestamp("2000-01-01"), pd.Timestamp(f"{2000 + len(values) - 1}-12-31"))
    cur = values[-1]
    earlier = values[:-1]
    recs = records_for(f, parse_period(str(2000 + len(values) - 1)), measures=["killed_total"], coverage=cov)
    for r in recs:
        assert r.value == cur
        if r.kind == "on_record":
            assert all(v < cur for v in earlier)
        elif r.kind == "in_window":
            assert all(v < cur for v in earlier[-9:]) and len(values) >= 10
        elif r.kind == "rank_on_record":
            assert sum(v > cur for v in earlier) + 1 == r.rank
        elif r.kind == "since":
            i = int(r.since) - 2000
            assert values[i] >= cur and all(v < cur for v in values[i + 1 : -1])
        elif r.kind == "lowest_since":
            i = int(r.since) - 2000
            assert values[i] <= cur and all(v > cur for v in values[i + 1 : -1])
        elif r.kind == "lowest_on_record":
            assert all(v > cur for v in earlier)
    # and a true record is not missed
    if cur > 0 and all(v < cur for v in earlier):
        assert {r.kind for r in recs} & {"on_record", "in_window"}


def test_bad_measure_is_named():
    with pytest.raises(ValueError, match="record measure"):
        records_for(security_years(TRUE_YEARS), parse_period("2024"), measures=["injured_total"])
