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
