"""Charts of the brief: one function per chart, tidy DataFrame in, matplotlib Figure out.

Each chart is registered as a :class:`FigureSpec` (its data function, its plot
function, its caption). The brief and ``secbrief figures`` both draw from the
registry, so a chart in a paper is exactly the chart in the brief, and the CSV
beside it holds exactly the values plotted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.periods import Period

BriefKind = Literal["monthly", "quarterly", "annual"]


@dataclass(frozen=True)
class FigureSpec:
    """A chart: how to get its data, how to draw it, how to caption it."""

    name: str
    title: str
    kinds: tuple[str, ...]
    data: Callable[[pd.DataFrame, Period], pd.DataFrame]
    plot: Callable[..., object]
    caption: Callable[[pd.DataFrame, Period], str]
    alt: Callable[[pd.DataFrame, Period], str]


@dataclass(frozen=True)
class DrawnFigure:
    """A chart drawn for one brief: its data, SVG and captions."""

    name: str
    title: str
    caption: str
    alt: str
    data: pd.DataFrame
    svg: str


def _trend_caption(d: pd.DataFrame, p: Period) -> str:
    months = sorted(d["month"].unique())
    return (f"People killed per month by category, {pd.Period(months[0]):%B %Y} to {pd.Period(months[-1]):%B %Y}; "
            "thick line: trailing 12-month mean of all killed (including category not stated). "
            "Incidents are counted in the month they started.")


def _trend_alt(d: pd.DataFrame, p: Period) -> str:
    tot = d.loc[d["measure"] == "killed_total"]
    hi = tot.loc[tot["value"].idxmax()]
    last = tot.iloc[-1]
    return (f"Line chart of monthly deaths by category over 36 months. All killed peaked at {int(hi['value'])} "
            f"in {pd.Period(hi['month']):%B %Y}; in {pd.Period(last['month']):%B %Y} there were {int(last['value'])}.")


def registry() -> dict[str, FigureSpec]:
    """All charts, by name, in the order a brief shows them."""
    from reports.figures import trend

    specs = [
        FigureSpec("monthly-trend", "Deaths by category, last 36 months", ("monthly", "quarterly", "annual"),
                   lambda f, p: trend.monthly_trend_data(f, p), trend.plot_monthly_trend,
                   _trend_caption, _trend_alt),
    ]
    return {s.name: s for s in specs}


def draw(spec: FigureSpec, frame: pd.DataFrame, period: Period, *, style: str = "brief") -> DrawnFigure:
    """Compute a chart's data, draw it and return it with its SVG."""
    import matplotlib.pyplot as plt

    from reports.figures.export import to_svg

    data = spec.data(frame, period)
    fig = spec.plot(data, style=style)
    try:
        svg = to_svg(fig, title=spec.title)  # type: ignore[arg-type]
    finally:
        plt.close(fig)  # type: ignore[arg-type]
    return DrawnFigure(spec.name, spec.title, spec.caption(data, period), spec.alt(data, period), data, svg)


def brief_figures(frame: pd.DataFrame, period: Period, *, kind: BriefKind, style: str = "brief") -> list[DrawnFigure]:
    """Every chart of a brief of ``kind``, drawn for ``period`` on ``frame`` (already restricted to the region)."""
    import matplotlib

    matplotlib.use("Agg")
    return [draw(s, frame, period, style=style) for s in registry().values() if kind in s.kinds]
