"""Notable events (``[[events]]`` in ``secbrief.toml``) as numbered markers on the trend charts.

An analyst marks what a reader needs to read a trend: an operation launched, a ceasefire, an
election. Each event inside a chart's time window is drawn as a thin vertical line with its
number in a circle at the top of the plot, and listed under the chart (in its caption, so the
``secbrief figures`` exports carry the list too). Events are numbered by date across the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: Colour of the markers: the house ink, so they never read as a data series.
EVENT_COLOUR = "#333333"


@dataclass(frozen=True)
class NumberedEvent:
    """An event of a chart with its number (1 = the earliest in the window)."""

    number: int
    date: pd.Timestamp
    label: str


def events_for(
    events: Sequence[Any], start: pd.Timestamp, end: pd.Timestamp, *, region: str | None
) -> tuple[NumberedEvent, ...]:
    """The events between ``start`` and ``end`` that belong in a brief of ``region``, numbered by date.

    A national brief (``region`` None) shows every event; a regional brief shows events
    without a region and those of its own region.
    """
    kept = [
        e
        for e in events
        if start <= pd.Timestamp(e.date) <= end and (region is None or e.region is None or e.region == region)
    ]
    kept.sort(key=lambda e: (e.date, e.label))
    return tuple(NumberedEvent(i, pd.Timestamp(e.date), e.label) for i, e in enumerate(kept, start=1))


def mark_events(
    ax: Any,
    events: Sequence[NumberedEvent],
    *,
    to_x: Callable[[pd.Timestamp], float] | None = None,
    numbers: bool = True,
    suffix: str = "",
) -> None:
    """Draw each event on ``ax``: a dotted line and (with ``numbers``) its number on top.

    ``to_x`` places a date on the x axis (default: matplotlib date numbers; the year-to-date chart
    uses its reference calendar, the ten-year chart its year bars); ``suffix`` keeps the SVG ids of
    a second panel's markers unique.
    """
    import matplotlib.dates as mdates
    from matplotlib.transforms import blended_transform_factory

    on_top = blended_transform_factory(ax.transData, ax.transAxes)
    for e in events:
        x = to_x(e.date) if to_x is not None else mdates.date2num(e.date)
        ax.axvline(
            x, color=EVENT_COLOUR, linewidth=0.6, linestyle=(0, (2, 2)), zorder=1, gid=f"event-{e.number}{suffix}"
        )
        if not numbers:
            continue
        ax.text(
            x,
            0.97,
            str(e.number),
            transform=on_top,
            ha="center",
            va="top",
            fontsize=6.5,
            fontweight="bold",
            color="white",
            zorder=5,
            bbox={"boxstyle": "circle,pad=0.22", "facecolor": EVENT_COLOUR, "edgecolor": "none"},
        )


def events_caption(events: Sequence[NumberedEvent]) -> str:
    """``' Events: (1) 14 Jun 2025: Operation launched; (2) ...'`` (empty without events)."""
    if not events:
        return ""
    from reports import formatting as fmt

    items = "; ".join(f"({e.number}) {fmt.short_date(e.date)}: {e.label}" for e in events)
    return f" Events: {items}."
