"""Page one: tiles from the numbers file, sparklines against plain pandas, small bases as counts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.periods import parse_period
from reports.pageone import build_page_one, sparkline_svg


def _comparison(prev: int, cur: int, verdict: str, pct: str | None) -> dict:
    return {"previous": prev, "current": cur, "verdict": verdict, "percent_text": pct}


HEADLINE = {
    "incidents": {
        "text": "352",
        "comparisons": {
            "vs May 2025": _comparison(194, 352, "rose", "+81%"),
            "vs June 2024": _comparison(253, 352, "rose", "+39%"),
            "Year to date vs 2024": _comparison(1345, 1455, "rose", "+8.2%"),
        },
    },
    "killed_total": {
        "text": "at least 911",
        "comparisons": {
            "vs May 2025": _comparison(2, 19, "little changed", None),  # a small base
            "vs June 2024": _comparison(550, 911, "fell", "−12%"),
        },
    },
}


def test_tiles_follow_the_numbers_file_and_skip_what_is_not_recorded(demo_incidents):
    numbers = {"headline": HEADLINE}
    p1 = build_page_one(demo_incidents.frame, parse_period("2025-06"), numbers, ("a", "b", "c", "d"), alpha=0.05)
    assert [t.key for t in p1.tiles] == ["incidents", "killed_total"]  # no injured etc. in this numbers file
    inc, killed = p1.tiles
    assert inc.value == "352" and [(c.label, c.change, c.verdict) for c in inc.changes] == [
        ("vs May 2025", "▲ +81%", "rose"),
        ("vs June 2024", "▲ +39%", "rose"),
    ]
    assert [(c.change, c.verdict, c.css) for c in killed.changes] == [
        ("from 2 to 19", "no clear change", "flat"),
        ("▼ −12%", "fell", "down"),
    ]
    assert p1.findings == ("a", "b", "c") and "5% level" in p1.note


def test_sparklines_are_the_monthly_counts_in_plain_pandas(demo_incidents):
    from analysis.demo import demo_path
    from tests.analysis.helpers import placeable_range

    numbers = {"headline": HEADLINE}
    build_page_one(demo_incidents.frame, parse_period("2025-06"), numbers, (), alpha=0.05)
    raw = pd.read_csv(demo_path(), parse_dates=["date", "date_end"])
    raw["first"], raw["last"] = placeable_range(raw)  # the date-precision rule
    want = {}
    for m in pd.period_range("2024-07", "2025-06", freq="M"):
        inside = raw[(raw["first"] >= m.start_time) & (raw["last"] <= m.end_time.normalize())]
        want[str(m)] = int(inside["killed_total"].sum())
    assert numbers["page_one"]["sparkline_months"]["killed_total"] == want


def test_sparkline_is_numbers_only():
    svg = sparkline_svg([0, 5, 10, 2])
    assert svg.startswith("<svg") and "<text" not in svg and svg.count("<circle") == 1


@pytest.mark.slow
def test_ucdp_page_one_has_no_injured_tile(tmp_path, shared_data):
    import json

    from reports.cli import main

    data = shared_data / "ucdp-ged-pakistan.csv"
    argv = ["brief", "--period", "2014-06", "--data", str(data), "--source", "ucdp", "--out", str(tmp_path)]
    assert main([*argv, "--emit-json", "-q"]) == 0
    numbers = json.loads((tmp_path / "monthly-2014-06.json").read_text())
    html = (tmp_path / "monthly-2014-06.html").read_text()
    assert "People injured" not in html and 'class="page-one with-map"' in html
    assert numbers["headline"]["killed_total"]["text"] in html
