"""The hot-spot table of the brief: cells and numbers file against plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.periods import parse_period
from reports.hotspots import hot_spots_table
from tests.analysis.helpers import placeable_range


@pytest.fixture(scope="module")
def demo_raw() -> pd.DataFrame:
    from analysis.demo import demo_path

    cols = ["date", "date_end", "date_precision", "province", "district", "killed_total"]
    f = pd.read_csv(demo_path(), usecols=cols)
    f = f.assign(date=pd.to_datetime(f["date"]), date_end=pd.to_datetime(f["date_end"]))
    f["first"], f["last"] = placeable_range(f)  # the date-precision rule, in plain pandas
    return f


def test_national_table_cells_and_numbers(demo_incidents, demo_raw):
    numbers: dict = {}
    t = hot_spots_table(
        demo_incidents.frame, parse_period("2025-06"), region=None, alpha=0.05, min_base=10, numbers=numbers
    )
    june = demo_raw[(demo_raw["first"] >= "2025-06-01") & (demo_raw["last"] <= "2025-06-30")]
    by = june.groupby("district")["killed_total"].sum().sort_values(ascending=False)
    total = int(june["killed_total"].sum())
    assert t is not None and t.columns[:2] == ("District", "Incidents") and t.columns[-1] == "Killed vs May 2025"
    first = t.rows[0]
    province = june.loc[june["district"] == by.index[0], "province"].iloc[0]
    assert first[0].text == f"{by.index[0]}, {province}" and first[2].text == f"{int(by.iloc[0]):,}"
    assert first[3].text == f"{100 * by.iloc[0] / total:.1f}%"
    hs = numbers["hot_spots"]
    assert hs["total_killed"] == total and len(hs["districts"]) == 5
    assert [d["killed"] for d in hs["districts"]] == sorted([d["killed"] for d in hs["districts"]], reverse=True)
    assert f"of the {total:,} people killed" in t.note


def test_regional_table_has_no_province_column(demo_incidents):
    frame = demo_incidents.frame.loc[demo_incidents.frame["province"] == "Sindh"]
    t = hot_spots_table(frame, parse_period("2025-Q2"), region="Sindh", alpha=0.05, min_base=10, numbers={})
    assert t is not None and "in Sindh" in t.note
    assert all(", " not in row[0].text for row in t.rows)  # the province is the brief's own


def test_no_table_when_the_source_records_no_district():
    from analysis.incidents import from_frame

    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a"],
                "date": pd.to_datetime(["2025-06-01"]),
                "province": ["Sindh"],
                "event_type": ["attack"],
                "killed_total": [3],
            }
        )
    )
    numbers: dict = {}
    assert (
        hot_spots_table(inc.frame, parse_period("2025-06"), region=None, alpha=0.05, min_base=10, numbers=numbers)
        is None
    )
    assert "hot_spots" not in numbers
