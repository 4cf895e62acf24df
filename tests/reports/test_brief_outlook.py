"""The Outlook section of the brief: context values, numbers JSON and PDF text agree with the analysis."""

from __future__ import annotations

import json
import subprocess

import pytest

from analysis.forecast import backtest_counts, forecast_counts, outlook
from analysis.periods import parse_period
from reports import outlook as view
from reports.config import Config
from reports.context import build_context


def test_monthly_context_has_the_outlook_and_its_numbers(demo_incidents):
    p = parse_period("2025-06")
    ctx = build_context(demo_incidents, p, cfg=Config())
    o = outlook(demo_incidents.frame, p)
    sec = ctx.outlook
    assert sec.sentence == view.expect_sentence(o.series[0])
    assert [t.sentence for t in sec.tracks] == [view.track_sentence(s.track) for s in o.series]
    nums = ctx.numbers["outlook"]
    assert nums == json.loads(json.dumps(view.outlook_numbers(o)))
    # the numbers are the forecast of the zero-filled monthly series and its backtest
    s = o.series[0]
    assert nums["series"][0]["forecast"][0]["q0.9"] == pytest.approx(forecast_counts(s.history)["q0.9"].iloc[0])
    bt = backtest_counts(s.history, start="2022-07").summary
    assert nums["series"][0]["track_record"]["forecast"]["hits_80"] == bt.forecast.hits_80


def test_regional_quarterly_context_forecasts_the_region_only(demo_incidents):
    ctx = build_context(demo_incidents, parse_period("2025-Q2"), cfg=Config(), region="Balochistan")
    assert {r.region for r in ctx.outlook.rows} == {"Balochistan"}
    assert ctx.numbers["outlook"]["last_month"] == "2025-06"


def test_annual_brief_and_switched_off_section_have_no_outlook(demo_incidents):
    assert build_context(demo_incidents, parse_period("2024"), cfg=Config()).outlook is None
    cfg = Config(sections={**Config().sections, "outlook": False})
    ctx = build_context(demo_incidents, parse_period("2025-06"), cfg=cfg)
    assert ctx.outlook is None and "outlook" not in ctx.numbers


@pytest.mark.slow
@pytest.mark.parametrize("which", ["demo", "ucdp"])
def test_pdf_shows_the_outlook_numbers_of_the_json(which, tmp_path, shared_data):
    from reports.cli import main

    argv = ["brief", "--period", "2025-06", "--out", str(tmp_path), "--emit-json", "--no-cache", "-q"]
    name = "monthly-2025-06"
    if which == "ucdp":
        argv = [
            "brief",
            "--period",
            "2021-06",
            "--data",
            str(shared_data / "ucdp-ged-pakistan.csv"),
            "--source",
            "ucdp",
            "--out",
            str(tmp_path),
            "--emit-json",
            "--no-cache",
            "-q",
            "--allow-rejects",
        ]
        name = "monthly-2021-06"
    assert main(argv) in (0, 1)
    nums = json.loads((tmp_path / f"{name}.json").read_text())["outlook"]
    text = subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    first = nums["series"][0]
    lo, hi = first["forecast"][0]["interval_80"]
    assert f"We expect {lo:,}–{hi:,} people to be killed in Pakistan in" in flat
    for s in nums["series"]:
        t = s["track_record"]["forecast"]
        assert f"contained the outcome in {t['hits_80']} of {t['months']} months" in flat
        for f in s["forecast"]:
            a, b = f["interval_95"]
            assert (f"{a:,}–{b:,}" if a != b else f"{a:,}") in flat
    assert "Outlook: the next three months." in flat  # the fan chart's caption
