"""Notable events: read from secbrief.toml, marked and listed on the trend chart, in the exports too."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.periods import parse_period
from reports.config import EventSpec, load_config
from reports.figures.events import events_caption, events_for

TOML = """
[[events]]
date = 2025-03-11
label = "Event in Balochistan"
region = "Baluchistan"

[[events]]
date = "2024-10-01"
label = "National event"

[[events]]
date = 2019-01-01
label = "Outside every window"
"""


def test_events_are_read_sorted_with_canonical_regions(tmp_path):
    (tmp_path / "secbrief.toml").write_text(TOML)
    cfg = load_config(tmp_path / "secbrief.toml")
    assert cfg.events == (
        EventSpec("2019-01-01", "Outside every window"),
        EventSpec("2024-10-01", "National event"),
        EventSpec("2025-03-11", "Event in Balochistan", "Balochistan"),
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[events]]\nlabel = "x"\n', "needs 'date' and 'label'"),
        ('[[events]]\ndate = "11/03/2025"\nlabel = "x"\n', "is not YYYY-MM-DD"),
        ('[[events]]\ndate = 2025-03-11\nlabel = ""\n', "non-empty"),
        ('[[events]]\ndate = 2025-03-11\nlabel = "x"\nregion = "Atlantis"\n', "not a known province"),
        ('[[events]]\ndate = 2025-03-11\nlabel = "x"\ncolour = "red"\n', "has: colour, date, label"),
    ],
)
def test_bad_events_are_one_line_errors(tmp_path, body, message):
    (tmp_path / "secbrief.toml").write_text(body)
    with pytest.raises(ConfigError, match=message) as err:
        load_config(tmp_path / "secbrief.toml")
    assert "secbrief.toml" in err.value.one_line() and "\n" not in err.value.one_line()


def test_events_for_a_window_and_region(tmp_path):
    (tmp_path / "secbrief.toml").write_text(TOML)
    events = load_config(tmp_path / "secbrief.toml").events
    start, end = pd.Timestamp("2022-07-01"), pd.Timestamp("2025-06-30")
    national = events_for(events, start, end, region=None)
    assert [(e.number, e.label) for e in national] == [(1, "National event"), (2, "Event in Balochistan")]
    assert [e.label for e in events_for(events, start, end, region="Sindh")] == ["National event"]
    assert events_caption(national) == (
        " Events: (1) 1 Oct 2024: National event; (2) 11 Mar 2025: Event in Balochistan."
    )
    assert events_caption(()) == ""


def test_trend_chart_marks_and_lists_the_events(demo_incidents, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from reports.figures import brief_figures

    (tmp_path / "secbrief.toml").write_text(TOML)
    events = load_config(tmp_path / "secbrief.toml").events
    drawn = {
        d.name: d for d in brief_figures(demo_incidents.frame, parse_period("2025-06"), kind="monthly", events=events)
    }
    trend = drawn["monthly-trend"]
    assert 'id="event-1"' in trend.svg and 'id="event-2"' in trend.svg and 'id="event-3"' not in trend.svg
    assert trend.caption.endswith("Events: (1) 1 Oct 2024: National event; (2) 11 Mar 2025: Event in Balochistan.")
    plain = brief_figures(demo_incidents.frame, parse_period("2025-06"), kind="monthly")
    assert "Events:" not in plain[0].caption and 'id="event-1"' not in plain[0].svg


@pytest.mark.slow
def test_figures_export_carries_the_events(tmp_path, monkeypatch):
    from reports.cli import main

    (tmp_path / "secbrief.toml").write_text(TOML)
    monkeypatch.chdir(tmp_path)
    assert (
        main(["figures", "--period", "2025-06", "--only", "monthly-trend", "--out", "f", "--format", "svg", "-q"]) == 0
    )
    caption = next((tmp_path / "f").glob("monthly-trend*.txt")).read_text()
    assert "(1) 1 Oct 2024: National event" in caption
    assert 'id="event-2"' in next((tmp_path / "f").glob("monthly-trend*.svg")).read_text()
    argv = ["figures", "--period", "2025-06", "--only", "year-to-date", "--out", "y", "--format", "svg", "-q"]
    assert main(argv) == 0
    assert "(1) 11 Mar 2025: Event in Balochistan" in next((tmp_path / "y").glob("year-to-date*.txt")).read_text()
    assert 'id="event-1"' in next((tmp_path / "y").glob("year-to-date*.svg")).read_text()


def _x_of_event(svg: str, gid: str) -> float:
    """The x (in SVG user units) of the dotted line of the event with SVG id ``gid``."""
    import re

    group = svg[svg.index(f'id="{gid}"') :]
    return float(re.search(r"[Mm]\s*([-\d.]+)[ ,]", group).group(1))


def test_year_to_date_and_ten_year_charts_mark_and_list_their_events(demo_incidents, tmp_path):
    """The year-to-date chart shows the events of this year up to the period's end (both panels);
    the ten-year chart those of its ten years, placed inside their year's bar."""
    import matplotlib

    matplotlib.use("Agg")
    from reports.figures import brief_figures

    toml = TOML + '\n[[events]]\ndate = 2025-07-15\nlabel = "After the period"\n'
    (tmp_path / "secbrief.toml").write_text(toml)
    events = load_config(tmp_path / "secbrief.toml").events
    monthly = {
        d.name: d for d in brief_figures(demo_incidents.frame, parse_period("2025-06"), kind="monthly", events=events)
    }
    ytd = monthly["year-to-date"]
    # only 2025's events up to 30 June: not October 2024 (last year's line), not July 2025
    assert ytd.caption.endswith("Events: (1) 11 Mar 2025: Event in Balochistan.")
    assert 'id="event-1"' in ytd.svg and 'id="event-1-2"' in ytd.svg and 'id="event-2"' not in ytd.svg
    annual = {
        d.name: d for d in brief_figures(demo_incidents.frame, parse_period("2024"), kind="annual", events=events)
    }
    ten = annual["ten-years"]
    assert ten.caption.endswith("Events: (1) 1 Jan 2019: Outside every window; (2) 1 Oct 2024: National event.")
    assert 'id="event-2"' in ten.svg and 'id="event-2-2"' in ten.svg
    # 1 October lies three quarters into 2024's bar, 1 January at the start of 2019's
    from reports.figures import _on_year_bars

    assert _on_year_bars(pd.Timestamp("2024-10-01")) == pytest.approx(2024 - 0.5 + 274.5 / 366)
    assert _on_year_bars(pd.Timestamp("2019-01-01")) == pytest.approx(2019 - 0.5 + 0.5 / 365)
    assert _x_of_event(ten.svg, "event-1") < _x_of_event(ten.svg, "event-2")
    plain = {d.name: d for d in brief_figures(demo_incidents.frame, parse_period("2024"), kind="annual")}
    assert "Events:" not in plain["ten-years"].caption and 'id="event-1"' not in plain["ten-years"].svg
