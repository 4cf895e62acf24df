"""The UCDP brief for January 2009 makes no false record (1,428 deaths are dated only to 2009)."""

from __future__ import annotations

import json

import pytest

from reports.cli import main


@pytest.mark.slow
def test_ucdp_january_2009_brief_makes_no_false_record(tmp_path, shared_data):
    data = str(shared_data / "ucdp-ged-pakistan.csv")
    argv = ["brief", "--data", data, "--source", "ucdp", "--period", "2009-01", "--out", str(tmp_path)]
    assert main([*argv, "--emit-json", "-q"]) == 0
    html = (tmp_path / "monthly-2009-01.html").read_text(encoding="utf-8")
    numbers = json.loads((tmp_path / "monthly-2009-01.json").read_text(encoding="utf-8"))
    assert "the deadliest month on record" not in html  # before: "January 2009 was the deadliest month on record"
    assert numbers["headline"]["killed_total"]["value"] == 279  # before: 1,707
    assert "1,428 deaths in 1 incident dated only to 2009 not counted" in html
    assert "Not shown: 1,480 deaths in 3 incidents dated too imprecisely to place in one month" in html
