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
        "incidents_share_percent": round(100 * len(s) / len(june)),
        "killed_share_percent": round(100 * s["killed_total"].sum() / june["killed_total"].sum()),
    }


#: UCDP GED's adm_1 spellings → the province the brief reports (FATA as Khyber Pakhtunkhwa).
UCDP_PROVINCES = {
    "Federally Administered Tribal Areas": "Khyber Pakhtunkhwa",
    "Khyber Pakhtunkwa province": "Khyber Pakhtunkhwa",
    "Balochistan province": "Balochistan",
    "Sindh province": "Sindh",
    "Azad Jammu & Kashmir": "Azad Jammu and Kashmir",
    "Punjab province": "Punjab",
    "Gilgit-Baltistan": "Gilgit-Baltistan",
    "Islamabad Capital territory": "Islamabad Capital Territory",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("period", "start", "end"), [("2014-06", "2014-06-01", "2014-06-30"), ("2013", "2013-01-01", "2013-12-31")]
)
def test_ucdp_concentration_matches_plain_pandas_and_no_suicide_finding(shared_data, period, start, end):
    from analysis.io import load_incidents
    from tests.analysis.test_hotspots import _placed, _ucdp_district, _within

    path = shared_data / "ucdp-ged-pakistan.csv"
    cols = ["date_start", "date_end", "date_prec", "adm_1", "adm_2", "best"]
    g = pd.read_csv(path, skiprows=[1], usecols=cols, dtype={"date_prec": str}, low_memory=False)
    raw_ucdp = _placed(
        pd.DataFrame(
            {
                "date": g["date_start"],
                "date_end": g["date_end"].where(g["date_end"].str[:10] != g["date_start"].str[:10]),
                # GED codebook: date_prec 1 exact day, 2-3 week, 4 month, 5 year
                "date_precision": g["date_prec"].map({"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}),
                "province": g["adm_1"].map(UCDP_PROVINCES),
                "district": g["adm_2"].map(_ucdp_district),
                "killed_total": pd.to_numeric(g["best"]),
            }
        )
    )
    frame = load_incidents(path, source="ucdp").frame
    p = parse_period(period)
    assert insights.suicide_share(frame, p) is None  # UCDP does not record the method
    f = insights.concentration(frame, p)
    inside = _within(raw_ucdp, start, end)
    total = int(inside["killed_total"].sum())
    prov = inside.groupby("province")["killed_total"].sum().sort_values(ascending=False)
    dist = inside.groupby("district")["killed_total"].sum().sort_values(ascending=False).head(3)
    assert f.numbers["killed"] == total
    assert (f.numbers["province"], f.numbers["province_killed"]) == (prov.index[0], int(prov.iloc[0]))
    assert f.numbers["districts_killed"] == int(dist.sum())


def test_suicide_share_sentence_opens_on_a_word(demo_incidents):
    # Ranked findings are printed as a numbered list: "3. 3 suicide attacks" misreads.
    f = insights.suicide_share(demo_incidents.frame, parse_period("2025-06"))
    n = f.numbers
    assert f.sentence == (
        f"Suicide attacks, {n['suicide_attacks']} of {n['incidents']} incidents ({n['incidents_share_percent']}%), "
        f"caused {n['killed_share_percent']}% of deaths ({n['killed']} of {n['killed_total']})."
    )
