"""The Outlook section's words and numbers, and ``secbrief outlook``."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from analysis.forecast import Outlook, Score, SeriesOutlook, TrackRecord, forecast_counts, outlook
from analysis.periods import parse_period
from reports import outlook as view
from reports.cli import main


def _score(model, hits80, loss):
    return Score(model, 36, 18, hits80, 34, 0.5, hits80 / 36, 34 / 36, loss)


def _track(skill, baseline="seasonal_naive"):
    return TrackRecord(
        "2022-07",
        "2025-06",
        1,
        36,
        _score("forecast", 29, 8.2),
        _score("seasonal_naive", 30, 10.0),
        _score("recent_mean", 10, 12.0),
        baseline,
        skill,
        "m",
    )


def _series(n=60, value=100):
    return pd.Series([value + (i % 7) * 10 for i in range(n)], index=pd.period_range("2020-07", periods=n, freq="M"))


def test_count_interval_prints_the_whole_numbers_the_backtest_counts_as_inside():
    assert view.count_interval(279.6, 520.2) == "280–520"
    assert view.count_interval(280.0, 520.0) == "280–520"
    assert view.count_interval(0.0, 0.0) == "0"
    assert view.count_interval(0.3, 4.9) == "1–4"
    assert view.count_interval(1199.6, 1500.0) == "1,200–1,500"
    assert view.count_interval(2.3, 2.8) == "2.3–2.8"


def test_printed_intervals_agree_with_the_backtest_hits(demo_incidents):
    """An outcome is inside the printed interval exactly when the backtest counts it as a hit."""
    from analysis.forecast import backtest_counts

    o = outlook(demo_incidents.frame, parse_period("2025-06"), region="Sindh")
    f = backtest_counts(o.series[0].history, start="2020-01").forecasts
    for lvl, lo, hi in ((50, "q0.25", "q0.75"), (80, "q0.1", "q0.9"), (95, "q0.025", "q0.975")):
        a, b = zip(*(view.bounds(x, y) for x, y in zip(f[lo], f[hi], strict=True)), strict=True)
        inside = (f["outcome"] >= pd.Series(a, index=f.index)) & (f["outcome"] <= pd.Series(b, index=f.index))
        assert inside.tolist() == f[f"in_{lvl}"].tolist()


def test_sentences_from_the_numbers():
    s = _series()
    f = forecast_counts(s)
    so = SeriesOutlook(None, "killed_total", s, f, _track(0.18))
    lo, hi = view.bounds(f["q0.1"].iloc[0], f["q0.9"].iloc[0])
    assert view.expect_sentence(so) == (
        f"We expect {lo:,}–{hi:,} people to be killed in Pakistan in July 2025 (80% interval)."
    )
    assert view.track_sentence(_track(0.18)) == (
        "Over the last 36 months, 80% intervals contained the outcome in 29 of 36 months; "
        "the forecast's loss was 18% lower than a seasonal naive forecast (same month last year)."
    )


def test_worse_than_baseline_says_so_and_shows_the_baseline():
    from analysis.forecast import baseline_forecast

    s = _series()
    base = baseline_forecast(s, "recent_mean")
    so = SeriesOutlook("Sindh", "incidents", s, forecast_counts(s), _track(-0.12, "recent_mean"), baseline=base)
    o = Outlook("2025-06", 3, "incidents", (so,), 0, 0, "m")
    sec = view.outlook_section(o)
    assert sec.tracks[0].worse_than_baseline
    assert "12% higher than the last 12 months' average (Poisson), which is therefore shown beside it" in (
        sec.tracks[0].sentence
    )
    assert [r.model for r in sec.rows] == ["Forecast"] * 3 + ["12-month average"] * 3
    b = base.iloc[0]
    assert sec.sentence.endswith(f"gives {view.count_interval(b['q0.1'], b['q0.9'])}.")
    assert "incidents to be recorded in Sindh in July 2025" in sec.sentence
    nums = view.outlook_numbers(o)
    assert nums["series"][0]["baseline_forecast"]["model"] == "recent_mean"
    assert nums["series"][0]["track_record"]["skill"] == -0.12


def test_numbers_hold_every_printed_interval(demo_incidents):
    o = outlook(demo_incidents.frame, parse_period("2025-06"))
    sec = view.outlook_section(o)
    nums = view.outlook_numbers(o)
    json.dumps(nums)  # serialisable
    printed = [(r.interval_50, r.interval_80, r.interval_95, r.expected) for r in sec.rows]
    from_json = []
    for s in nums["series"]:
        for f in s["forecast"]:
            from_json.append(
                tuple("–".join(f"{v:,}" for v in f[f"interval_{k}"]) for k in (50, 80, 95)) + (f"{round(f['mean']):,}",)
            )
    assert printed == from_json
    for s, rec in zip(o.series, nums["series"], strict=True):
        assert rec["track_record"]["forecast"]["hits_80"] == s.track.forecast.hits_80
        assert f"in {s.track.forecast.hits_80} of 36 months" in view.track_sentence(s.track)


# --------------------------------------------------------------------------- command line


def _cli(capsys, argv):
    code = main(["outlook", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_csv_equals_the_analysis(capsys, demo_incidents):
    code, out, err = _cli(capsys, ["--period", "2025-06"])
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    o = outlook(demo_incidents.frame, parse_period("2025-06"))
    assert table["region"].unique().tolist() == ["Pakistan", *[s.region for s in o.series[1:]]]
    nat = table.loc[table["region"] == "Pakistan"]
    assert nat["month"].tolist() == ["2025-07", "2025-08", "2025-09"]
    assert nat["q0.9"].to_numpy() == pytest.approx(o.series[0].forecast["q0.9"].to_numpy())


def test_cli_backtest_md_and_csv(capsys, demo_incidents):
    code, out, _ = _cli(capsys, ["--period", "2025-06", "--backtest", "--format", "md", "--region", "KPK"])
    assert code == 0
    o = outlook(demo_incidents.frame, parse_period("2025-06"), region="Khyber Pakhtunkhwa")
    t = o.series[0].track
    assert f"| Khyber Pakhtunkhwa | Forecast | 36 | {t.forecast.hits_50} of 36 | {t.forecast.hits_80} of 36 |" in out
    assert view.track_sentence(t) in out
    code, out, _ = _cli(capsys, ["--period", "2025-06", "--backtest", "--region", "KPK"])
    table = pd.read_csv(io.StringIO(out))
    assert table["model"].tolist() == ["forecast", "seasonal_naive", "recent_mean"]
    assert table["pinball"].tolist() == pytest.approx(
        [t.forecast.pinball, t.seasonal_naive.pinball, t.recent_mean.pinball]
    )


def test_cli_period_past_the_data_forecasts_from_the_last_month_and_says_so(capsys):
    code, out, err = _cli(capsys, ["--period", "2025"])  # the demo data end in June 2025
    assert code == 0
    assert "note: the data end in June 2025: the forecast starts after that month" in err
    table = pd.read_csv(io.StringIO(out))
    assert table["month"].unique().tolist() == ["2025-07", "2025-08", "2025-09"]


def test_cli_backtest_detail_rows_add_up_to_the_summary(capsys):
    code, out, _ = _cli(capsys, ["--period", "2025-06", "--backtest", "--detail", "--region", "Sindh"])
    assert code == 0
    rows = pd.read_csv(io.StringIO(out))
    code, out, _ = _cli(capsys, ["--period", "2025-06", "--backtest", "--region", "Sindh"])
    summary = pd.read_csv(io.StringIO(out)).set_index("model")
    for model, g in rows.groupby("model"):
        assert len(g) == summary.loc[model, "months"] == 36
        assert int(g["in_80"].sum()) == summary.loc[model, "hits_80"]
        assert g["pinball"].mean() == pytest.approx(summary.loc[model, "pinball"])
    assert rows["month"].iloc[0] == "2022-07" and rows["origin"].iloc[0] == "2022-06"


def test_cli_detail_needs_backtest(capsys):
    code, out, err = _cli(capsys, ["--period", "2025-06", "--detail"])
    assert code == 2 and out == "" and "--detail goes with --backtest" in err


def test_cli_writes_out_file(capsys, tmp_path):
    code, out, _ = _cli(capsys, ["--period", "2025-06", "--format", "md", "--out", str(tmp_path / "o.md")])
    assert code == 0 and out == ""
    assert (tmp_path / "o.md").read_text().startswith("| Region | Month |")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--period", "2025-06", "--region", "Narnia"], "--region 'Narnia' is not a known province"),
        (["--period", "1990-01"], "nothing to forecast from"),
        (["--period", "2025-13"], "2025-13"),
    ],
)
def test_cli_bad_input_one_line_exit_2(capsys, argv, words):
    code, out, err = _cli(capsys, argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_cli_bad_horizon_is_an_argument_error(capsys):
    with pytest.raises(SystemExit) as e:
        main(["outlook", "--period", "2025-06", "--horizon", "0"])
    assert e.value.code == 2
    assert "0 is not between 1 and 12" in capsys.readouterr().err


def test_figures_exports_the_fan_chart_with_its_data(tmp_path, demo_incidents):
    from reports.figures.outlook import outlook_data

    code = main(
        ["figures", "--period", "2025-06", "--only", "outlook", "--format", "svg", "--out", str(tmp_path), "-q"]
    )
    assert code == 0
    assert (tmp_path / "outlook-2025-06.svg").is_file() and (tmp_path / "outlook-2025-06.txt").is_file()
    csv = pd.read_csv(tmp_path / "outlook-2025-06.csv")
    expect = outlook_data(demo_incidents.frame, parse_period("2025-06"))
    assert csv["region"].tolist() == expect["region"].tolist()
    fc = csv.loc[csv["kind"] == "forecast"]
    assert fc["q0.975"].to_numpy() == pytest.approx(expect.loc[expect["kind"] == "forecast", "q0.975"].to_numpy())
