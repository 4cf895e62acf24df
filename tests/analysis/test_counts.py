"""Counts against plain loops; zero-filling; unknowns; spreading multi-day incidents."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counts import MEASURES, SUM_MEASURES, count_table, spread_counts, totals
from analysis.incidents import from_frame
from analysis.periods import parse_period
from tests.analysis.helpers import placeable_range, random_incidents


def _loop_table(frame: pd.DataFrame, by: list[str], period=None) -> dict[tuple, dict[str, int]]:
    """Independent calculation: one pass over the rows with plain Python."""
    out: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # random_incidents never gives killed_total: it is the sum of the categories, a lower
    # bound when a category the frame records somewhere is blank in the row.
    recorded = [
        c
        for c in ("killed_security", "killed_civilians", "killed_militants", "killed_unknown")
        if frame[c].notna().any()
    ]
    for r in frame.to_dict("records"):
        d = r["date"]
        if period is not None and not (period.start <= d <= period.end):
            continue
        key = []
        for k in by:
            if k == "year":
                key.append(d.year)
            elif k == "month":
                key.append(f"{d.year:04d}-{d.month:02d}")
            elif k == "quarter":
                key.append(f"{d.year}Q{(d.month - 1) // 3 + 1}")
            else:
                v = r[k]
                key.append("unknown" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v)
        cell = out[tuple(key)]
        cell["incidents"] += 1
        cell["attacks"] += r["event_type"] == "attack"
        cell["operations"] += r["event_type"] == "operation"
        for m in SUM_MEASURES:
            v = r[m]
            if v is pd.NA or v is None:
                cell[f"{m}_unknown"] += 1
            else:
                cell[m] += int(v)
                if m == "killed_total" and any(r[c] is pd.NA or r[c] is None for c in recorded):
                    cell[f"{m}_unknown"] += 1
    return out


@pytest.mark.parametrize(
    "by",
    [
        [],
        ["year"],
        ["month"],
        ["quarter", "province"],
        ["province", "event_type"],
        ["month", "province", "district"],
        ["perpetrator", "method"],
    ],
)
@pytest.mark.parametrize("period", [None, "2024", "2024-02"])
def test_count_table_equals_plain_loop(by, period):
    f = random_incidents(600, seed=len(by))
    p = parse_period(period) if period else None
    t = count_table(f, by=by, period=p)
    ref = _loop_table(f, by, p)
    cols = list(MEASURES) + [f"{m}_unknown" for m in SUM_MEASURES]
    got = {tuple(r[k] for k in by): r for r in t.to_dict("records")}
    for key, cell in ref.items():
        for c in cols:
            assert got[key][c] == cell.get(c, 0), (key, c)
    # every other cell is a zero
    for key, row in got.items():
        if key not in ref:
            assert all(row[c] == 0 for c in cols), key
    assert t["incidents"].sum() == sum(c["incidents"] for c in ref.values())


def test_zero_filled_months_and_provinces():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a"],
                "date": pd.to_datetime(["2025-02-10"]),
                "province": ["Sindh"],
                "event_type": ["attack"],
                "killed_total": [3],
            }
        )
    ).frame
    t = count_table(f, by=["month", "province"], measures=["killed_total"], period=parse_period("2025-Q1"))
    assert set(t["month"]) == {"2025-01", "2025-02", "2025-03"}
    assert len(t) == 3 * t["province"].nunique()
    assert t["killed_total"].sum() == 3
    assert t.loc[(t.month == "2025-01"), "killed_total"].sum() == 0


def test_unknown_counts_kept_apart():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a", "b"],
                "date": pd.to_datetime(["2025-01-01"] * 2),
                "province": [None, "Sindh"],
                "event_type": ["attack"] * 2,
                "killed_civilians": [None, 2],
                "killed_security": [1, 1],
            }
        )
    ).frame
    t = totals(f, parse_period("2025-01"))
    assert t.killed_civilians == 2 and t.at_least("killed_civilians") and t.unknown["killed_civilians"] == 1
    by = count_table(f, by=["province"], measures=["incidents"])
    assert int(by.loc[by.province == "unknown", "incidents"].iloc[0]) == 1


def test_spread_largest_remainder_by_hand():
    # 7 over 3 days: 3, 2, 2; 2 over 3 days: 1, 1, 0; unknown stays unknown on every day
    parts = spread_counts(np.array([7.0, 2.0, np.nan, 5.0]), np.array([3, 3, 2, 1]))
    assert parts[:6].tolist() == [3, 2, 2, 1, 1, 0]
    assert np.isnan(parts[6:8]).all() and parts[8] == 5


def test_spread_across_a_month_boundary():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a"],
                "date": pd.to_datetime(["2025-01-30"]),
                "date_end": pd.to_datetime(["2025-02-02"]),
                "province": ["Sindh"],
                "event_type": ["attack"],
                "killed_security": [10],
                "killed_civilians": [None],
            }
        )
    ).frame
    both = parse_period("2025-01..2025-02")
    start = count_table(f, by=["month"], measures=["incidents", "killed_security", "killed_civilians"], period=both)
    spread = count_table(
        f, by=["month"], measures=["incidents", "killed_security", "killed_civilians"], period=both, date_rule="spread"
    )
    assert start["killed_security"].tolist() == [10, 0]
    # 4 days: 3, 3, 2, 2 -> January gets 30 and 31 Jan: 6; February 4
    assert spread["killed_security"].tolist() == [6, 4]
    assert spread["incidents"].tolist() == [1, 0]  # the incident counts once, on its start day
    assert spread["killed_civilians_unknown"].tolist() == [1, 0]
    assert totals(f, parse_period("2025-02"), date_rule="spread").killed_security == 4


def test_spread_end_before_start_counts_at_start():
    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a"],
                "date": pd.to_datetime(["2025-01-30"]),
                "date_end": pd.to_datetime(["2025-01-20"]),
                "province": ["Sindh"],
                "event_type": ["attack"],
                "killed_security": [5],
            }
        )
    ).frame
    t = count_table(f, by=["day"], measures=["killed_security"], date_rule="spread")
    assert t["killed_security"].tolist() == [5]


def test_bad_options_are_named():
    f = random_incidents(5)
    with pytest.raises(ValueError, match="choose from"):
        count_table(f, by=["weekday"])
    with pytest.raises(ValueError, match="date rule"):
        count_table(f, date_rule="end")


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(0, 80),
    keys=st.lists(st.sampled_from(["year", "month", "province", "event_type", "district"]), max_size=2, unique=True),
    rule=st.sampled_from(["start", "spread"]),
)
def test_totals_over_any_partition_equal_grand_total(seed, n, keys, rule):
    f = random_incidents(n, seed=seed)
    grand = count_table(f, date_rule=rule)
    part = count_table(f, by=keys, date_rule=rule)
    for m in MEASURES:
        assert int(part[m].sum()) == int(grand[m].iloc[0])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60))
def test_spreading_never_changes_a_total(seed, n):
    f = random_incidents(n, seed=seed, multi_day=0.6)
    start = count_table(f, by=["month"], date_rule="start")
    spread = count_table(f, by=["month"], date_rule="spread")
    for m in MEASURES:
        assert int(start[m].sum()) == int(spread[m].sum())
    # and over the incidents' own days, the parts of each incident sum to its count
    for m in ("killed_security", "injured_total"):
        assert int(f[m].fillna(0).sum()) == int(spread[m].sum())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 400)), min_size=1, max_size=20))
def test_spread_parts_are_whole_balanced_and_exact(pairs):
    values = np.array([v for v, _ in pairs], dtype=float)
    spans = np.array([k for _, k in pairs])
    parts = spread_counts(values, spans)
    pos = 0
    for v, k in pairs:
        p = parts[pos : pos + k]
        pos += k
        assert p.sum() == v and (p == np.floor(p)).all()
        assert p.max() - p.min() <= 1 and (np.diff(p) <= 0).all()  # extra units on the earliest days


def test_count_table_on_demo_equals_groupby(demo_incidents):
    f = demo_incidents.frame
    t = count_table(f, by=["year", "province"], measures=["killed_total", "incidents"])
    first, last = placeable_range(f)
    placed = f.loc[first.dt.year == last.dt.year]  # an imprecise date straddling New Year is in no year
    assert 0 < len(f) - len(placed) < 0.01 * len(f)
    ref = placed.groupby([placed["date"].dt.year, placed["province"].fillna("unknown")])["killed_total"].sum()
    got = t.set_index(["year", "province"])["killed_total"]
    for key, v in ref.items():
        assert got[key] == v
    assert t["incidents"].sum() == len(placed)
