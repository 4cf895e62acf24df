"""Hot spots against a plain-pandas calculation, on the demo data and on UCDP GED."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.hotspots import hot_spots
from analysis.periods import parse_period
from tests.analysis.helpers import placeable_range


def _pandas_hot_spots(raw: pd.DataFrame, start: str, end: str, n: int) -> tuple[pd.DataFrame, int]:
    """District, killed, incidents in [start, end], ranked; and everyone killed then (plain pandas).

    The date-precision rule: an incident dated only to a week, month or year counts in a period
    that wholly contains its date range (``first``, ``last``).
    """
    f = _within(raw, start, end)
    total = int(f["killed"].sum(skipna=True))
    g = f.dropna(subset=["district"]).groupby("district").agg(killed=("killed", "sum"), incidents=("killed", "size"))
    g = g[g["killed"] > 0].reset_index()
    g = g.sort_values(["killed", "incidents", "district"], ascending=[False, False, True]).head(n)
    return g.reset_index(drop=True), total


def _within(raw: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return raw[(raw["first"] >= start) & (raw["last"] <= end)]


def _placed(f: pd.DataFrame) -> pd.DataFrame:
    f = f.assign(date=pd.to_datetime(f["date"]), date_end=pd.to_datetime(f["date_end"]))
    f["first"], f["last"] = placeable_range(f)
    return f


@pytest.fixture(scope="module")
def demo_raw() -> pd.DataFrame:
    from analysis.demo import demo_path

    f = pd.read_csv(demo_path(), usecols=["date", "date_end", "date_precision", "district", "killed_total"])
    return _placed(f).rename(columns={"killed_total": "killed"})


@pytest.mark.parametrize(
    ("period", "start", "end", "prev"),
    [
        ("2025-06", "2025-06-01", "2025-06-30", ("2025-05-01", "2025-05-31")),
        ("2024-Q3", "2024-07-01", "2024-09-30", ("2024-04-01", "2024-06-30")),
    ],
)
def test_demo_hot_spots_match_plain_pandas(demo_incidents, demo_raw, period, start, end, prev):
    h = hot_spots(demo_incidents.frame, parse_period(period), n=5)
    want, total = _pandas_hot_spots(demo_raw, start, end, 5)
    assert h.recorded and h.total_killed == total
    assert [r.district for r in h.rows] == want["district"].tolist()
    assert [r.killed for r in h.rows] == want["killed"].astype(int).tolist()
    assert [r.incidents for r in h.rows] == want["incidents"].tolist()
    for r in h.rows:
        assert r.share == pytest.approx(r.killed / total)
        before = _within(demo_raw, *prev)
        assert r.change.previous == int(before.loc[before["district"] == r.district, "killed"].sum())
        assert r.change.current == r.killed
    assert h.combined_share == pytest.approx(sum(want["killed"]) / total)


def _ucdp_district(name: object) -> object:
    """UCDP writes 'Khyber agency', 'Swat district', 'FR Kohat': the bare district name."""
    if not isinstance(name, str):
        return None
    return re.sub(r"\s+(agency|district|tehsil)$", "", name.strip(), flags=re.IGNORECASE)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("period", "start", "end"), [("2014-06", "2014-06-01", "2014-06-30"), ("2013", "2013-01-01", "2013-12-31")]
)
def test_ucdp_hot_spots_match_plain_pandas(shared_data, period, start, end):
    from analysis.io import load_incidents

    path = shared_data / "ucdp-ged-pakistan.csv"
    cols = ["date_start", "date_end", "date_prec", "adm_2", "best"]
    raw = pd.read_csv(path, skiprows=[1], usecols=cols, dtype={"date_prec": str}, low_memory=False)
    date_end = raw["date_end"].where(raw["date_end"].str[:10] != raw["date_start"].str[:10])
    # GED codebook: date_prec 1 exact day, 2-3 week, 4 month, 5 year
    prec = raw["date_prec"].map({"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"})
    raw = _placed(
        pd.DataFrame(
            {
                "date": raw["date_start"],
                "date_end": date_end,
                "date_precision": prec,
                "district": raw["adm_2"].map(_ucdp_district),
                "killed": pd.to_numeric(raw["best"]),
            }
        )
    )
    h = hot_spots(load_incidents(path, source="ucdp").frame, parse_period(period), n=5)
    want, total = _pandas_hot_spots(raw, start, end, 5)
    assert h.total_killed == total
    expected = list(zip(want["district"], want["killed"].astype(int), strict=True))
    assert [(r.district, r.killed) for r in h.rows] == expected
    f = _within(raw, start, end)
    assert h.killed_without_district == int(f.loc[f["district"].isna(), "killed"].sum())


def test_a_source_without_districts_shows_no_hot_spots():
    from analysis.incidents import from_frame

    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": ["a", "b"],
                "date": pd.to_datetime(["2025-06-01", "2025-06-02"]),
                "province": ["Sindh", "Punjab"],
                "event_type": ["attack", "attack"],
                "killed_total": [3, 4],
            }
        )
    )
    h = hot_spots(inc.frame, parse_period("2025-06"))
    assert not h.recorded and h.rows == () and h.total_killed == 7 and h.killed_without_district == 7


def test_blank_counts_make_a_lower_bound_and_zero_death_districts_are_not_ranked():
    from analysis.incidents import from_frame

    inc = from_frame(
        pd.DataFrame(
            {
                "incident_id": list("abcd"),
                "date": pd.to_datetime(["2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04"]),
                "province": ["Sindh"] * 4,
                "district": ["Karachi", "Karachi", "Hyderabad", "Sukkur"],
                "event_type": ["attack"] * 4,
                "killed_total": [3, None, 0, 1],
            }
        )
    )
    h = hot_spots(inc.frame, parse_period("2025-06"), n=5)
    assert [(r.district, r.killed, r.killed_partial, r.incidents) for r in h.rows] == [
        ("Karachi", 3, True, 2),
        ("Sukkur", 1, False, 1),
    ]
    with pytest.raises(ValueError, match="at least 1"):
        hot_spots(inc.frame, parse_period("2025-06"), n=0)
