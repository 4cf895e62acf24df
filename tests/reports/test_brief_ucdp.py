"""A brief on UCDP GED says only what UCDP records, in UCDP's own terms (issue 13)."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

from reports.cli import main

pytestmark = pytest.mark.slow


def _build(shared_data, out, period: str) -> tuple[str, dict, str]:
    data = str(shared_data / "ucdp-ged-pakistan.csv")
    argv = ["brief", "--data", data, "--source", "ucdp", "--period", period, "--out", str(out), "--emit-json", "-q"]
    assert main([*argv, "--allow-rejects", "--no-cache"]) == 0
    kind = {7: "monthly", 4: "annual"}.get(len(period), "quarterly")
    pdf = out / f"{kind}-{period}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers = json.loads((out / f"{kind}-{period}.json").read_text())
    html = (out / f"{kind}-{period}.html").read_text()
    return text, numbers, html


@pytest.fixture(scope="module")
def dec2021(shared_data, tmp_path_factory):
    return _build(shared_data, tmp_path_factory.mktemp("ucdp"), "2021-12")


def test_no_statement_the_source_cannot_support(dec2021):
    text, numbers, html = dec2021
    flat = " ".join(text.split())
    assert "security operations" not in flat.lower()
    assert "Injured" not in flat and "injured 0" not in flat.lower()
    assert "little changed" not in flat
    assert "UCDP GED does not record" in flat and "the injured" in flat
    # UCDP's own typology instead of attack/operation/clash
    assert {"type:state-based", "type:non-state", "type:one-sided"} <= set(numbers["headline"])
    assert not {"attacks", "operations", "clashes", "injured_total"} & set(numbers["headline"])
    assert "Clash" not in flat and "State-based" in flat
    assert "one-sided" in flat.lower() and "Sundberg" in flat
    # no method table or one-bar "Not stated" method chart; no source_article title as description
    assert "methods_of_attack" not in numbers and "By method" not in html
    assert "and by method" not in flat and "Deaths by group named." in flat
    assert 'class="description"' not in html


def test_typology_counts_match_plain_pandas(dec2021, shared_data):
    _, numbers, _ = dec2021
    raw = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    raw["date_start"] = pd.to_datetime(raw["date_start"])
    raw["date_end"] = pd.to_datetime(raw["date_end"])
    f = raw[(raw["date_start"] >= "2021-12-01") & (raw["date_end"] <= "2021-12-31")]
    names = {1: "state-based", 2: "non-state", 3: "one-sided"}
    for code, name in names.items():
        assert numbers["headline"][f"type:{name}"]["value"] == int((f["type_of_violence"] == code).sum())
    assert numbers["headline"]["killed_total"]["value"] == int(f["best"].sum())


def test_deadliest_ties_are_not_cut_silently(dec2021, shared_data):
    text, numbers, _ = dec2021
    raw = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    start = pd.to_datetime(raw["date_start"])
    f = raw[(start >= "2021-12-01") & (start <= "2021-12-31") & (raw["best"] > 0)]
    ranked = f["best"].sort_values(ascending=False).tolist()
    tenth = ranked[9]
    more = sum(1 for k in ranked[10:] if k == tenth)
    assert more == 7  # the case in issue 13
    assert [d["killed_total"] for d in numbers["deadliest"]] == ranked[:10]
    assert f"And {more} more incidents with {tenth} killed." in " ".join(text.split())


def test_methods_rows_agree_with_validate_and_show_the_file_name(dec2021, shared_data):
    text, numbers, _ = dec2021
    flat = " ".join(text.split())
    assert "6,417 rows read" in flat and "1 excluded as not incidents" in flat and "HXL" in flat
    assert numbers["methods"]["rows_in_file"] == 6417 and numbers["methods"]["excluded"] == 1
    assert "file ucdp-ged-pakistan.csv;" in flat
    assert str(shared_data) not in flat


def test_no_false_record_in_january_2009(shared_data, tmp_path):
    text, numbers, _ = _build(shared_data, tmp_path, "2009-01")
    flat = " ".join(text.split())
    assert "deadliest month on record" not in flat
    assert "1,428 deaths in 1 event dated only to 2009" in flat
    assert numbers["unplaced"]["killed_total"] >= 1428


# --- every number of a UCDP brief against plain pandas on the raw GED file ------------------------

#: GED adm_1 as written in the Pakistan file → the brief's province (FATA is reported with KP).
ADM1 = {
    "Federally Administered Tribal Areas": "Khyber Pakhtunkhwa",
    "Khyber Pakhtunkwa province": "Khyber Pakhtunkhwa",
    "Balochistan province": "Balochistan",
    "Sindh province": "Sindh",
    "Azad Jammu & Kashmir": "Azad Jammu and Kashmir",
    "Punjab province": "Punjab",
    "Gilgit-Baltistan": "Gilgit-Baltistan",
    "Islamabad Capital territory": "Islamabad Capital Territory",
}


@pytest.fixture(scope="module")
def ged(shared_data) -> pd.DataFrame:
    """The GED file in plain pandas, with the codebook's categories written out independently."""
    g = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)
    g["start"] = pd.to_datetime(g["date_start"])
    g["end"] = pd.to_datetime(g["date_end"])
    g["province"] = g["adm_1"].map(ADM1)

    def side_deaths(side: str, deaths: str, kind: str) -> pd.Series:
        name = g[side].str.strip()
        gov_pk = name == "Government of Pakistan"
        gov_other = name.str.startswith("Government of") & ~gov_pk
        nonstate = (g["type_of_violence"] == 2) | (~gov_pk & ~gov_other & (name != "Civilians"))
        pick = {"security": gov_pk & (g["type_of_violence"] != 2), "unknown": gov_other & (g["type_of_violence"] != 2)}
        pick["militants"] = nonstate
        pick["civilians"] = (name == "Civilians") & (g["type_of_violence"] != 2)
        return g[deaths].where(pick[kind], 0)

    for kind in ("security", "civilians", "militants", "unknown"):
        g[f"killed_{kind}"] = side_deaths("side_a", "deaths_a", kind) + side_deaths("side_b", "deaths_b", kind)
    g["killed_civilians"] += g["deaths_civilians"]
    g["killed_unknown"] += g["deaths_unknown"]
    return g


def _in(g: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """GED events in start..end: an exact date by its start; an imprecise one only when wholly inside."""
    exact = g["date_prec"] == 1
    inside = (g["start"] >= start) & (g["end"] <= end)
    return g[(exact & (g["start"] >= start) & (g["start"] <= end)) | (~exact & inside)]


@pytest.mark.parametrize(
    "period,start,end", [("2021-12", "2021-12-01", "2021-12-31"), ("2021", "2021-01-01", "2021-12-31")]
)
def test_headline_and_provinces_match_plain_pandas(shared_data, ged, tmp_path, period, start, end):
    _, numbers, _ = _build(shared_data, tmp_path, period)
    f = _in(ged, start, end)
    head = numbers["headline"]
    assert head["incidents"]["value"] == len(f)
    for c in ("killed_total", "killed_security", "killed_civilians", "killed_militants", "killed_unknown"):
        want = int(f["best"].sum()) if c == "killed_total" else int(f[c].sum())
        assert head[c]["value"] == want, c
    by_prov = f.groupby("province")
    for prov, row in numbers["regions"].items():
        if prov == "unknown":
            assert row["killed_total"] == int(f.loc[f["province"].isna(), "best"].sum())
            continue
        assert row["incidents"] == int(by_prov.size().get(prov, 0)), prov
        assert row["killed_total"] == int(by_prov["best"].sum().get(prov, 0)), prov
        assert row["killed_security"] == int(by_prov["killed_security"].sum().get(prov, 0)), prov
    assert numbers["regions_total"]["killed_total"] == int(f["best"].sum())


def test_ten_years_match_plain_pandas(shared_data, ged, tmp_path):
    _, numbers, _ = _build(shared_data, tmp_path, "2021")
    for y, row in numbers["ten_year"].items():
        f = _in(ged, f"{y}-01-01", f"{y}-12-31")
        assert row["incidents"] == len(f), y
        assert row["killed_total"] == int(f["best"].sum()), y
        for code, name in ((1, "state-based"), (2, "non-state"), (3, "one-sided")):
            assert row[f"type:{name}"] == int((f["type_of_violence"] == code).sum()), (y, name)
