"""``secbrief table --breaks``: the structural-break functions on demand, checked by hand."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from reports.cli import main
from tests.analysis.helpers import placeable_range


def test_breaks_table_on_demo(capsys, demo_incidents):
    assert main(["table", "--period", "2015..2024", "--breaks", "--measures", "killed_total,incidents"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["measure"] for r in rows] == ["killed_total", "incidents"]
    f = demo_incidents.frame
    first, last = placeable_range(f)
    placed = f.loc[first.dt.to_period("M") == last.dt.to_period("M")]
    months = pd.period_range("2015-01", "2024-12", freq="M")
    for r in rows:
        values = (
            placed.groupby(placed["date"].dt.to_period("M"))[r["measure"]].sum()
            if r["measure"] != "incidents"
            else placed.groupby(placed["date"].dt.to_period("M")).size()
        ).reindex(months, fill_value=0)
        at = pd.Period(r["month"], "M")
        assert float(r["mean_before"]) == pytest.approx(values[values.index < at].mean(), abs=0.006)
        assert float(r["mean_after"]) == pytest.approx(values[values.index >= at].mean(), abs=0.006)
        assert r["direction"] == "surge" and float(r["ci_low"]) > 1
        assert r["set_start"] <= r["month"] <= r["set_end"]
        assert float(r["p_adjusted"]) >= float(r["p_value"])


def test_breaks_need_enough_months(capsys):
    assert main(["table", "--period", "2024", "--breaks"]) == 2
    assert "at least 36 whole months" in capsys.readouterr().err


def test_breaks_split_only_by_province(capsys):
    assert main(["table", "--period", "2015..2024", "--breaks", "--by", "method"]) == 2
    assert "splits only by province" in capsys.readouterr().err
