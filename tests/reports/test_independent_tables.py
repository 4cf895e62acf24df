"""Independent plain-pandas checks of the UCDP district table and the demo annual brief (issue 13).

The context is built without a PDF (``build_context``); its numbers JSON is compared with sums
computed here from the raw files, with the date-precision rule stated in plain pandas.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_incidents, parse_period
from analysis.demo import demo_path
from reports.config import Config
from reports.context import build_context
from tests.analysis.helpers import placeable_range


@pytest.mark.slow
def test_ucdp_balochistan_2021_q3_district_table(shared_data):
    path = shared_data / "ucdp-ged-pakistan.csv"
    d = pd.read_csv(path, skiprows=[1], low_memory=False)  # row 2 is the HXL tag row
    start, end = pd.to_datetime(d["date_start"]), pd.to_datetime(d["date_end"])
    lo, hi = pd.Timestamp("2021-07-01"), pd.Timestamp("2021-09-30")
    placed = (start >= lo) & (start <= hi) & ((d["date_prec"] == 1) | (end <= hi))
    q = d.loc[placed & d["adm_1"].astype(str).str.startswith("Balochistan")].copy()
    q["district"] = q["adm_2"].fillna("unknown").astype(str).str.replace(r" district$", "", regex=True).str.strip()
    ref = q.groupby("district").agg(
        incidents=("id", "size"),
        killed_total=("best", "sum"),
        killed_civilians=("deaths_civilians", "sum"),
        killed_unknown=("deaths_unknown", "sum"),
    )

    inc = load_incidents(path, source="ucdp")
    ctx = build_context(inc, parse_period("2021-Q3"), cfg=Config(), region="Balochistan")
    rows = {k: v for k, v in ctx.numbers["regions"].items() if v["incidents"] > 0}
    assert sorted(rows) == sorted(ref.index)
    for name, r in ref.iterrows():
        got = rows[name]
        assert {m: got[m] for m in ref.columns} == {m: int(r[m]) for m in ref.columns}, name
    total = ctx.numbers["regions_total"]
    assert (total["incidents"], total["killed_total"]) == (len(q), int(q["best"].sum()))
    assert total["killed_civilians"] == int(q["deaths_civilians"].sum())


@pytest.fixture(scope="module")
def demo_2024(demo_incidents):
    return build_context(demo_incidents, parse_period("2024"), cfg=Config())


@pytest.fixture(scope="module")
def demo_raw() -> pd.DataFrame:
    raw = pd.read_csv(demo_path(), parse_dates=["date", "date_end"], low_memory=False)
    first, last = placeable_range(raw)
    return raw.assign(first=first, last=last)


def _placed(raw: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return raw.loc[(raw["first"] >= pd.Timestamp(start)) & (raw["last"] <= pd.Timestamp(end))]


@pytest.mark.slow
def test_demo_annual_headline(demo_2024, demo_raw):
    y, prev = _placed(demo_raw, "2024-01-01", "2024-12-31"), _placed(demo_raw, "2023-01-01", "2023-12-31")
    h = demo_2024.numbers["headline"]
    expected = {
        "incidents": (len(y), len(prev)),
        "attacks": (int((y["event_type"] == "attack").sum()), int((prev["event_type"] == "attack").sum())),
        "operations": (int((y["event_type"] == "operation").sum()), int((prev["event_type"] == "operation").sum())),
    }
    for col in ("killed_total", "killed_security", "killed_civilians", "killed_militants", "injured_total"):
        expected[col] = (int(y[col].sum()), int(prev[col].sum()))
    for m, (cur, before) in expected.items():
        assert h[m]["value"] == cur, m
        assert h[m]["comparisons"]["vs 2023"]["previous"] == before, m
    assert h["clashes"]["value"] == int((~y["event_type"].isin(["attack", "operation"])).sum())
    for col in ("killed_security", "injured_total"):
        assert h[col]["unknown_incidents"] == int(y[col].isna().sum()), col
        assert h[col]["at_least"] == bool(y[col].isna().any()), col


@pytest.mark.slow
def test_demo_annual_province_table(demo_2024, demo_raw):
    y = _placed(demo_raw, "2024-01-01", "2024-12-31")
    cols = ["killed_total", "killed_security", "killed_civilians", "killed_militants", "killed_unknown"]
    ref = y.groupby(y["province"].fillna("unknown")).agg(
        incidents=("incident_id", "size"), **{c: (c, "sum") for c in cols}
    )
    blank = y.groupby(y["province"].fillna("unknown"))[cols].agg(lambda s: int(s.isna().sum()))
    regions = demo_2024.numbers["regions"]
    assert {k for k, v in regions.items() if v["incidents"] > 0} == set(ref.index)
    for prov, r in ref.iterrows():
        got = regions[prov]
        assert {c: got[c] for c in ["incidents", *cols]} == {c: int(r[c]) for c in ["incidents", *cols]}, prov
        assert {c: got["unknown_incidents"][c] for c in cols} == {c: int(blank.loc[prov, c]) for c in cols}, prov
    total = demo_2024.numbers["regions_total"]
    assert {c: total[c] for c in ["incidents", *cols]} == {"incidents": len(y), **{c: int(y[c].sum()) for c in cols}}
    assert total["at_least"]["killed_total"] == bool(y["killed_total"].isna().any())
