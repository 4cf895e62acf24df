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
    assert "6,417 rows read" in flat and "1 row was not an incident" in flat
    assert numbers["methods"]["rows_in_file"] == 6417 and numbers["methods"]["excluded"] == 1
    assert "file ucdp-ged-pakistan.csv;" in flat
    assert str(shared_data) not in flat


def test_no_false_record_in_january_2009(shared_data, tmp_path):
    text, numbers, _ = _build(shared_data, tmp_path, "2009-01")
    flat = " ".join(text.split())
    assert "deadliest month on record" not in flat
    assert "1,428 deaths in 1 event dated only to 2009" in flat
    assert numbers["unplaced"]["killed_total"] >= 1428
