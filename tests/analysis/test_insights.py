"""Findings that add to the headline table, against plain pandas on the demo data and UCDP."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import insights
from analysis.periods import parse_period
from tests.analysis.helpers import placeable_range


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    from analysis.demo import demo_path

    f = pd.read_csv(demo_path(), parse_dates=["date", "date_end"])
    f["first"], f["last"] = placeable_range(f)  # the date-precision rule
    return f


def _in(raw: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return raw[(raw["first"] >= start) & (raw["last"] <= end)]


def test_concentration(demo_incidents, raw):
    f = insights.concentration(demo_incidents.frame, parse_period("2025-06"))
    june = _in(raw, "2025-06-01", "2025-06-30")
    total = int(june["killed_total"].sum())
    prov = june.groupby("province")["killed_total"].sum().sort_values(ascending=False)
    dist = june.groupby("district")["killed_total"].sum().sort_values(ascending=False).head(3)
    assert f.numbers["province"] == prov.index[0] and f.numbers["province_killed"] == int(prov.iloc[0])
    assert f.numbers["province_share_percent"] == round(100 * prov.iloc[0] / total)
    assert f.numbers["districts_killed"] == int(dist.sum())
    assert f"{round(100 * prov.iloc[0] / total)}% of deaths ({int(prov.iloc[0]):,} of {total:,})" in f.sentence


def test_change_decomposition_sums_to_the_total_change(demo_incidents, raw):
    f = insights.change_decomposition(demo_incidents.frame, parse_period("2025-06"), verdict="rose")
    june = _in(raw, "2025-06-01", "2025-06-30").groupby("province")["killed_total"].sum()
    may = _in(raw, "2025-05-01", "2025-05-31").groupby("province")["killed_total"].sum()
    diff = june.sub(may, fill_value=0).sort_values(ascending=False)
    assert f.numbers["difference"] == int(diff.sum()) == int(june.sum() - may.sum())
    assert f.numbers["province"] == diff.index[:2].tolist()
    assert f.numbers["differences"] == [int(x) for x in diff.iloc[:2]]
    assert (
        insights.change_decomposition(demo_incidents.frame, parse_period("2025-06"), verdict="little changed") is None
    )


def test_newly_affected_districts(demo_incidents, raw):
    p = parse_period("2025-06")
    f = insights.newly_affected(demo_incidents.frame, p)
    june = _in(raw, "2025-06-01", "2025-06-30").groupby("district")["killed_total"].sum()
    before = _in(raw, "2024-06-01", "2025-05-31").groupby("district")["killed_total"].sum()
    new = sorted(d for d, k in june.items() if k > 0 and before.get(d, 0) == 0)
    assert (f is None and not new) or sorted(f.numbers["districts"]) == new


def test_suicide_share(demo_incidents, raw):
    f = insights.suicide_share(demo_incidents.frame, parse_period("2025-06"))
    june = _in(raw, "2025-06-01", "2025-06-30")
    s = june[june["method"] == "suicide_bombing"]
    assert f.numbers == {
        "suicide_attacks": len(s),
        "incidents": len(june),
        "killed": int(s["killed_total"].sum()),
        "killed_total": int(june["killed_total"].sum()),
    }


@pytest.mark.slow
def test_ucdp_no_method_no_suicide_finding_and_concentration_matches(shared_data):
    from analysis.io import load_incidents

    frame = load_incidents(shared_data / "ucdp-ged-pakistan.csv", source="ucdp").frame
    p = parse_period("2014-06")
    assert insights.suicide_share(frame, p) is None  # UCDP does not record the method
    f = insights.concentration(frame, p)
    june = frame.loc[frame["date"].between("2014-06-01", "2014-06-30") & frame["date_precision"].isin(["day", ""])]
    assert f is not None and f.numbers["killed"] >= int(june["killed_total"].sum())
