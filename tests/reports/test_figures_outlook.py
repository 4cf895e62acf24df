"""The Outlook fan chart draws exactly the forecast's numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from analysis.forecast import outlook
from analysis.periods import parse_period
from reports.figures import outlook as fig_outlook


@pytest.fixture(scope="module")
def demo():
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    return load_incidents(demo_path()).frame


def test_data_are_the_outlook_series_and_forecast(demo):
    p = parse_period("2025-06")
    d = fig_outlook.outlook_data(demo, p)
    o = outlook(demo, p)
    assert list(dict.fromkeys(d["region"])) == ["Pakistan", *[s.region for s in o.series[1:]]]
    for s, (_name, g) in zip(o.series, d.groupby("region", sort=False), strict=True):
        obs = g.loc[g["kind"] == "observed"]
        assert obs["month"].tolist() == s.history.index[-24:].astype(str).tolist()
        assert obs["value"].astype(int).tolist() == s.history.iloc[-24:].tolist()
        fc = g.loc[g["kind"] == "forecast"]
        assert fc["month"].tolist() == ["2025-07", "2025-08", "2025-09"]
        assert fc["q0.5"].to_numpy() == pytest.approx(s.forecast["q0.5"].to_numpy())


def test_bands_and_median_are_drawn_from_the_quantiles(demo):
    p = parse_period("2025-06")
    d = fig_outlook.outlook_data(demo, p)
    fig = fig_outlook.plot_outlook(d)
    ax = fig.axes[0]
    g = d.loc[d["region"] == "Pakistan"]
    fc = g.loc[g["kind"] == "forecast"]
    last = float(g.loc[g["kind"] == "observed", "value"].iloc[-1])
    median = next(ln for ln in ax.get_lines() if ln.get_gid() == "median")
    assert median.get_ydata().tolist() == pytest.approx([last, *fc["q0.5"].tolist()])
    bands = {c.get_gid(): c for c in ax.collections}
    assert set(bands) == {"band_50", "band_80", "band_95"}
    ys = bands["band_80"].get_paths()[0].vertices[:, 1]
    assert max(ys) == pytest.approx(fc["q0.9"].max()) and min(ys) == pytest.approx(min(last, fc["q0.1"].min()))
    assert [a.get_title(loc="left") for a in fig.axes] == list(dict.fromkeys(d["region"]))


def test_regional_frame_draws_one_panel_and_caption_words(demo):
    p = parse_period("2025-06")
    kp = demo.loc[demo["province"] == "Khyber Pakhtunkhwa"]
    d = fig_outlook.outlook_data(kp, p)
    assert set(d["region"]) == {"Khyber Pakhtunkhwa"}
    fig = fig_outlook.plot_outlook(d, width=4)
    assert len(fig.axes) == 1
    assert "July 2025 to September 2025" in fig_outlook.outlook_caption(d, p)
    f = d.loc[d["kind"] == "forecast"].iloc[0]
    alt = fig_outlook.outlook_alt(d, p)
    lo, hi = int(np.ceil(f["q0.1"])), int(np.floor(f["q0.9"]))
    assert f"80% interval {lo:,}–{hi:,}" in alt


def test_no_data_draws_a_note():
    empty = pd.DataFrame(
        {
            "date": pd.to_datetime([]),
            "date_end": pd.to_datetime([]),
            "date_precision": [],
            "province": [],
            "killed_total": pd.array([], dtype="Int64"),
        }
    )
    d = fig_outlook.outlook_data(empty, parse_period("2025-06"))
    assert d.empty
    fig = fig_outlook.plot_outlook(d)
    assert fig.axes[0].texts[0].get_text().startswith("No forecast")


def test_numbers_json_states_the_chart_history_length(demo):
    from reports.outlook import outlook_numbers

    nums = outlook_numbers(outlook(demo, parse_period("2025-06"), track_months=0))
    assert nums["method_constants"]["chart_history_months"] == fig_outlook.HISTORY
