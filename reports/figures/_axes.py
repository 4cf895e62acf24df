"""Small helpers shared by the chart modules (not public)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def type_scale(style: str) -> float:
    """How much larger the type of ``style`` is than the brief's (heights of text-bound charts follow it)."""
    from reports.figures.style import rc_params

    return float(rc_params(style)["font.size"]) / float(rc_params("brief")["font.size"])  # type: ignore[arg-type]


def figure_and_axes(ax: Axes | None, width: float, height: float, **subplots: Any) -> tuple[Figure, Any]:
    """Use ``ax`` (and its figure) when given, else a new constrained-layout figure.

    With ``subplots`` (``nrows``, ``ncols``, ``sharey``...) a grid is made and ``ax``
    must be ``None``. New figures are plain :class:`~matplotlib.figure.Figure` objects,
    not registered with ``pyplot`` (importing pyplot costs about 0.4 s more, and
    nothing needs to be closed); show one in a notebook by leaving it as a cell's value.
    """
    if ax is not None:
        if subplots:
            raise ValueError("this chart draws several panels; call it without ax=")
        return ax.figure, ax  # type: ignore[return-value]
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, (fig.subplots(**subplots) if subplots else fig.add_subplot())


def month_starts(months: pd.Series) -> np.ndarray:
    """``'2025-06'`` strings → first day of each month as matplotlib date numbers.

    Charts place fixed ticks on these numbers (see :func:`month_axis`) rather than
    using matplotlib's date locators, which cost most of a chart's drawing time.
    """
    import matplotlib.dates as mdates

    return mdates.date2num(pd.PeriodIndex(months, freq="M").to_timestamp())


def month_axis(ax: Axes, first: float, last: float, *, narrow: bool = False, minor: bool = False) -> None:
    """Ticks at January (and July when there is room) labelled ``Jan`` over the year; with ``minor``, every month.

    ``first`` and ``last`` are matplotlib date numbers of the first and last month shown.
    """
    import matplotlib.dates as mdates

    months = pd.date_range(
        mdates.num2date(first).replace(tzinfo=None), mdates.num2date(last).replace(tzinfo=None), freq="MS"
    )
    pos = mdates.date2num(months)
    span = len(months)
    every: tuple[int, ...] = (1,) if narrow or span > 48 else (1, 7)
    if span <= 15:
        every = (1, 4, 7, 10) if narrow else (1, 3, 5, 7, 9, 11)
    major = [i for i, m in enumerate(months) if m.month in every]
    if len(every) == 1 and span > 15:
        text = [f"{months[i].year}" for i in major]
    else:
        text = [
            f"{months[i]:%b}" + (f"\n{months[i].year}" if months[i].month == 1 or i == major[0] else "") for i in major
        ]
    ax.set_xticks(pos[major], text)
    if minor:
        ax.set_xticks(pos, minor=True)
        ax.tick_params(axis="x", which="minor", length=1.5, width=0.4)
    ax.set_xlim(first - 15, last + 15)


def _locator():  # -> matplotlib.ticker.MaxNLocator
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True, min_n_ticks=3)


def nice_ticks(low: float, high: float) -> list[float]:
    """Round tick values between ``low`` and ``high`` (what :func:`thousands` would choose)."""
    return [float(t) for t in _locator().tick_values(low, high)]


def thousands(ax: Axes, axis: str = "y") -> None:
    """Tick labels with thousands separators."""
    from matplotlib.ticker import FuncFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(_locator())
    target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))


def bounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Incidents with ``killed_low``/``killed_high`` replaced by a range that contains the total.

    Per incident: low = min(low, high, total) and high = max(low, high, total) over the
    values given; an incident without estimates contributes its total to both. Summed,
    they give the range of the total that the estimates allow (published files such as
    UCDP GED have rows with ``best > high`` or ``high < low``; the range must still
    contain the best estimate).
    """
    tot = frame["killed_total"].astype("Float64")
    lo = frame["killed_low"].astype("Float64")
    hi = frame["killed_high"].astype("Float64")
    parts = pd.concat([lo, hi, tot], axis=1)
    has_range = lo.notna() | hi.notna()
    new_lo = parts.min(axis=1, skipna=True).where(has_range, tot)
    new_hi = parts.max(axis=1, skipna=True).where(has_range, tot)
    return frame.assign(killed_low=new_lo.round().astype("Int64"), killed_high=new_hi.round().astype("Int64"))


def has_ranges(frame: pd.DataFrame) -> bool:
    """True when some incident gives a low or high estimate of the killed."""
    return bool((frame["killed_low"].notna() | frame["killed_high"].notna()).any())
