"""Findings: ranked, deterministic, every number traceable, words decided by the tests."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis as an
from analysis.changes import compare_counts
from analysis.incidents import from_frame
from analysis.key_findings import Finding, findings, unsupported_numbers
from analysis.periods import months_ending, parse_period
from analysis.trends import growth_trend, monthly_series

CASES = [
    ("2024", None),
    ("2025-06", None),
    ("2025-06", "Balochistan"),
    ("2025-Q1", "Khyber Pakhtunkhwa"),
    ("2020-04", "Sindh"),
    ("2025-01-01..2025-03-15", None),
]


@pytest.fixture(scope="module")
def demo(demo_incidents):
    return demo_incidents.frame


@pytest.mark.parametrize("period, region", CASES)
def test_every_number_is_traceable_and_json_ready(demo, period, region):
    fs = findings(demo, parse_period(period), region=region, max_n=None)
    assert fs and len({f.id for f in fs}) == len(fs)
    for f in fs:
        assert unsupported_numbers(f) == [], (f.sentence, f.numbers)
        json.dumps(f.numbers, allow_nan=False)  # plain Python values, strict JSON
        assert all(not hasattr(v, "dtype") for v in f.numbers.values())


def test_order_is_deterministic_and_ranked(demo):
    p = parse_period("2025-06")
    a = findings(demo, p, max_n=None, restate_headline=True)
    b = findings(demo.sample(frac=1.0, random_state=3), p, max_n=None, restate_headline=True)
    assert a == b
    keys = [(-f.importance, f.id) for f in a]
    assert keys == sorted(keys)
    shown = findings(demo, p, max_n=None)
    assert shown == findings(demo.sample(frac=1.0, random_state=3), p, max_n=None)
    assert findings(demo, p) == shown[:6] and len(findings(demo, p, max_n=2)) == 2


def test_change_words_follow_the_test(demo):
    for f in findings(demo, parse_period("2025-Q1"), max_n=None, restate_headline=True):
        if f.kind != "change":
            continue
        v = f.numbers["verdict"]
        # a test that does not reject reads "no clear change" with its interval, never "little changed"
        assert {"rose": "rose", "fell": "fell", "little changed": "no clear change"}[v] in f.sentence
        assert "little changed" not in f.sentence
        if v == "little changed" and f.numbers.get("ci_low") is not None:
            assert "CI" in f.sentence
        assert (f.numbers["p_value"] < 0.05) == (v in ("rose", "fell"))


def test_small_base_says_from_a_to_b_without_percent():
    rows = [
        {
            "incident_id": f"a{i}",
            "date": pd.Timestamp("2025-01-10"),
            "province": "Sindh",
            "event_type": "attack",
            "killed_total": 1,
        }
        for i in range(2)
    ]
    rows += [
        {
            "incident_id": f"b{i}",
            "date": pd.Timestamp("2025-02-10"),
            "province": "Sindh",
            "event_type": "attack",
            "killed_total": 1,
        }
        for i in range(19)
    ]
    f = from_frame(pd.DataFrame(rows)).frame
    fs = findings(f, parse_period("2025-02"), max_n=None, trend=False, restate_headline=True)
    change = next(x for x in fs if x.id == "change:incidents:previous")
    assert change.sentence == "Incidents rose from 2 in January 2025 to 19 in February 2025."
    assert "%" not in change.sentence and "percent_change" not in change.numbers
    assert compare_counts(19, 2, current_days=28, previous_days=31).verdict == "rose"


def test_trend_finding_matches_the_model(demo):
    p = parse_period("2024")
    f = next(x for x in findings(demo, p, max_n=None) if x.kind == "trend")
    fit = growth_trend(monthly_series(demo, period=months_ending(p, 36)))
    assert f.numbers["annual_growth_percent"] == round(fit.annual_growth * 100)
    assert f.numbers["ci_low_percent"] == round(fit.ci_low * 100)
    assert f.sentence.startswith("Over the 36 months to December 2024, deaths have risen by")


def test_three_lines_from_file_to_findings():
    from analysis.demo import demo_path

    inc = an.load_incidents(demo_path())
    fs = an.findings(inc.frame, an.parse_period("2025-01"))
    assert 1 <= len(fs) <= 6 and all(isinstance(f, an.Finding) for f in fs)
    assert set(an.__all__) >= {"findings", "records_for", "count_table", "compare_deaths", "growth_trend"}


def test_unsupported_numbers_catches_an_invented_number():
    f = Finding(
        "x",
        "totals",
        "In Sindh, 2024, 12 people were killed in 3 attacks.",
        {"period": "2024", "region": "Sindh", "killed_total": 12, "attacks": 4},
    )
    assert unsupported_numbers(f) == ["3"]


def test_no_incidents():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a"],
                "date": pd.to_datetime(["2025-01-10"]),
                "province": ["Sindh"],
                "event_type": ["attack"],
                "killed_total": [1],
            }
        )
    ).frame
    fs = findings(f, parse_period("2025-01"), region="Punjab", trend=False)
    assert fs[0].sentence == "In Punjab, January 2025, no incidents were recorded."


def test_empty_data_and_unknown_region():
    f = from_frame(
        pd.DataFrame({"incident_id": pd.Series([], dtype="string"), "date": pd.to_datetime(pd.Series([], dtype="str"))})
    ).frame
    fs = findings(f, parse_period("2025-01"))
    assert [x.sentence for x in fs] == ["In Pakistan, January 2025, no incidents were recorded."]


@pytest.mark.parametrize("region", [None, "Balochistan"])
def test_findings_add_to_the_headline_instead_of_restating_it(demo, region):
    """June 2025: no finding restates a headline cell; the order is totals, records, then what the
    headline table does not say (concentration, decomposition, ...) by importance; the decomposition
    is checked against a plain-pandas sum of the provinces' (districts') differences."""
    p = parse_period("2025-06")
    fs = findings(demo, p, region=region, max_n=None, trend=False)
    ids = [f.id for f in fs]
    assert not [i for i in ids if i.startswith("change:") and i.endswith((":previous", ":last_year"))]
    kinds = [f.kind for f in fs]
    assert kinds[: kinds.count("totals")] == ["totals"] * kinds.count("totals")
    after = fs[kinds.count("totals") :]
    insight = ("concentration:", "decomposition:", "newly-affected:", "suicide:")
    if after[0].kind == "record":  # one record first, then the insights, then other records
        after = after[1:]
    n = sum(f.id.startswith(insight) for f in after)
    assert all(f.id.startswith(insight) for f in after[:n])
    assert f"concentration:{region or 'all'}" in ids
    for f in fs:
        assert unsupported_numbers(f) == [], f
    scope = demo if region is None else demo.loc[demo["province"] == region]
    by = "province" if region is None else "district"
    # an incident dated to a week may fall from 3 days before to 6 after its date, one dated to a month
    # in that month; it counts in a month that wholly contains that span (analysis.counts.date_spans)
    prec = scope["date_precision"].fillna("day")
    first = scope["date"].where(prec != "week", scope["date"] - pd.Timedelta(days=3))
    last = scope["date"].where(prec != "week", scope["date"] + pd.Timedelta(days=6))
    first = first.where(prec != "month", scope["date"].dt.to_period("M").dt.start_time)
    last = last.where(prec != "month", scope["date"].dt.to_period("M").dt.end_time.dt.normalize())

    def month(m):
        inside = (first.dt.strftime("%Y-%m") == m) & (last.dt.strftime("%Y-%m") == m)
        return scope.loc[inside].groupby(by)["killed_total"].sum()

    cur, old = month("2025-06"), month("2025-05")
    diff = cur.sub(old, fill_value=0)
    dec = next((f for f in fs if f.id.startswith("decomposition:")), None)
    if dec is not None:
        assert dec.numbers["difference"] == int(diff.sum())
        top = diff.sort_values(ascending=int(diff.sum()) < 0).head(len(dec.numbers[by]))
        assert dec.numbers["differences"] == [int(v) for v in top]


@pytest.mark.slow
def test_ucdp_findings_add_to_the_headline(shared_data):
    """UCDP December 2021: no restated headline cell, every number traceable, concentration first
    among the insights checked against plain pandas (UCDP dates are exact to the day)."""
    inc = an.load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp")
    fs = findings(inc.frame, parse_period("2021-12"), max_n=None, trend=False)
    assert not [f.id for f in fs if f.id.startswith("change:")]
    assert all(unsupported_numbers(f) == [] for f in fs)
    conc = next(f for f in fs if f.id == "concentration:all")
    dec = inc.frame.loc[inc.frame["date"].dt.strftime("%Y-%m") == "2021-12"]
    by = dec.groupby("province")["killed_total"].sum().sort_values(ascending=False)
    assert conc.numbers["province"] == by.index[0] and conc.numbers["province_killed"] == int(by.iloc[0])
    assert conc.numbers["killed"] == int(dec["killed_total"].sum())
