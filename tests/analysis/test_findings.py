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
    a = findings(demo, p, max_n=None)
    b = findings(demo.sample(frac=1.0, random_state=3), p, max_n=None)
    assert a == b
    keys = [(-f.importance, f.id) for f in a]
    assert keys == sorted(keys)
    assert findings(demo, p) == a[:6] and len(findings(demo, p, max_n=2)) == 2


def test_change_words_follow_the_test(demo):
    for f in findings(demo, parse_period("2025-Q1"), max_n=None):
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
    fs = findings(f, parse_period("2025-02"), max_n=None, trend=False)
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
