"""Year to date: cumulative incidents and deaths this year against last year."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import count_table, date_spans
from analysis.measures import label
from analysis.periods import Period, year
from reports.figures._axes import bounded, figure_and_axes, has_ranges, thousands
from reports.figures.style import PALETTE, house_style

MEASURES = ("incidents", "killed_total")
LABELS = {m: label(m) for m in ("incidents", "killed_total")}
#: Calendar the two years are drawn on: a leap year, so 29 February has a place.
_REFERENCE_YEAR = 2000


def ytd_data(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Cumulative daily counts: ``year, date, measure, value, cumulative``.

    The current year runs from 1 January to the last day of ``period``; last year is
    shown in full, so the reader sees both the comparison on the same day and how
    last year ended. When incidents give low/high estimates of the killed, the
    measures ``killed_low`` and ``killed_high`` (range of all killed, see
    :func:`reports.figures._axes.bounded`) are added.

    Cumulative counts say what had happened by each day, so an incident dated only to
    a week or month (:func:`analysis.counts.date_spans`) enters on the last day it may
    belong to, never earlier; one whose dates cross 1 January or run past the last day
    is in neither line. Those left out of the current year's line are in
    ``attrs["unplaced"]``; those entered on their last possible day in ``attrs["on_last_day"]``.
    """
    y = period.end.year
    spans = {y: Period("ytd", pd.Timestamp(year=y, month=1, day=1), period.end), y - 1: year(y - 1)}
    frames = []
    whole = Period("range", spans[y - 1].start, period.end)
    f = frame.loc[whole.contains(frame["date"])]
    measures = list(MEASURES)
    if has_ranges(f):
        f = bounded(f)
        measures += ["killed_low", "killed_high"]
    for yr, span in sorted(spans.items()):
        g = _on_last_possible_day(f, span.start)
        t = count_table(g, by=["day"], measures=measures, period=span, with_unknown=False)
        long = t.melt(id_vars="day", value_vars=measures, var_name="measure", value_name="value")
        long.insert(0, "year", yr)
        long["cumulative"] = long.groupby("measure")["value"].cumsum()
        frames.append(long.rename(columns={"day": "date"}))
    out = pd.concat(frames, ignore_index=True)
    for c in ("value", "cumulative"):
        out[c] = out[c].astype("int64")
    from reports.figures.trend import unplaced_note

    out.attrs["unplaced"] = unplaced_note(frame, spans[y], unit=None)
    s = date_spans(frame)
    lo, hi = (np.datetime64(d, "D").astype("int64") for d in (spans[y].start, spans[y].end))
    late = s.imprecise & (s.first != s.last) & (s.first >= lo) & (s.last <= hi)
    out.attrs["on_last_day"] = {
        "incidents": int(late.sum()),
        "killed_total": int(frame.loc[late, "killed_total"].fillna(0).sum()),
    }
    return out


def _on_last_possible_day(frame: pd.DataFrame, start: pd.Timestamp) -> pd.DataFrame:
    """Imprecisely dated incidents moved to the last day they may belong to, as exactly dated ones.

    Those that may belong to a day before ``start`` (the first day of the line) are dropped.
    """
    s = date_spans(frame)
    day0 = np.datetime64(start, "D").astype("int64")
    cross = s.imprecise & (s.first < day0) & (s.last >= day0)
    move = s.imprecise & (s.first != s.last) & ~cross
    if not move.any() and not cross.any():
        return frame
    f = frame.copy()
    last = pd.to_datetime(s.last[move].astype("datetime64[D]"))
    f.loc[move, "date"] = last.to_numpy()
    f.loc[move, "date_end"] = pd.NaT
    f.loc[move, "date_precision"] = "day"
    return f.loc[~cross]


def _on_reference_calendar(dates: pd.Series) -> np.ndarray:
    """Day of the year as a matplotlib date number in the (leap) reference year."""
    import matplotlib.dates as mdates

    d = pd.to_datetime(dates)
    return mdates.date2num(pd.to_datetime({"year": _REFERENCE_YEAR, "month": d.dt.month, "day": d.dt.day}))


def on_chart(t: pd.Timestamp) -> float:
    """A date's x on the chart (its day and month on the reference calendar)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(pd.Timestamp(_REFERENCE_YEAR, t.month, t.day)))


def plot_ytd(
    data: pd.DataFrame, *, ax: Axes | None = None, style: str = "brief", width: float = 6.6, height: float | None = None
) -> Figure:
    """Two panels (incidents, people killed): cumulative counts this year (solid) and last year (dashed).

    Daily points are joined by straight lines (not steps): at print size a day is
    about a point wide, and steps would double the vertices of every path.

    A dot marks last year's count on the same day as the end of this year's data;
    the year labels sit at the end of each line instead of a legend.

    Parameters
    ----------
    data
        Output of :func:`ytd_data`.
    ax
        Not supported (the chart has two panels); kept for a uniform signature.
    """
    import matplotlib.dates as mdates

    narrow = width < 5
    if height is None:
        height = max(2.0, width * (0.55 if narrow else 0.34))
    years = sorted(data["year"].unique())
    cur_year, last_year = int(years[-1]), int(years[0])
    with house_style(style):  # type: ignore[arg-type]
        fig, axes = figure_and_axes(ax, width, height, ncols=2)
        for a, measure in zip(axes, MEASURES, strict=True):
            cur = data.loc[(data["year"] == cur_year) & (data["measure"] == measure)]
            last = data.loc[(data["year"] == last_year) & (data["measure"] == measure)]
            xl, xc = _on_reference_calendar(last["date"]), _on_reference_calendar(cur["date"])
            a.plot(
                xl,
                last["cumulative"].to_numpy(),
                color=PALETTE["grey"],
                linestyle="--",
                linewidth=1.2,
                gid=f"{measure}_{last_year}",
            )
            if measure == "killed_total" and "killed_low" in set(data["measure"]):
                lo = data.loc[(data["year"] == cur_year) & (data["measure"] == "killed_low"), "cumulative"]
                hi = data.loc[(data["year"] == cur_year) & (data["measure"] == "killed_high"), "cumulative"]
                a.fill_between(
                    xc,
                    lo.to_numpy(),
                    hi.to_numpy(),
                    color="#BBBBBB",
                    alpha=0.6,
                    linewidth=0,
                    gid=f"killed_range_{cur_year}",
                )
            a.plot(xc, cur["cumulative"].to_numpy(), color=PALETTE["black"], linewidth=1.6, gid=f"{measure}_{cur_year}")
            same_day = last["cumulative"].to_numpy()[xl <= xc[-1]][-1]
            a.plot(
                [xc[-1]],
                [same_day],
                marker="o",
                markersize=3.2,
                color=PALETTE["grey"],
                linestyle="none",
                gid=f"{measure}_{last_year}_same_day",
            )
            a.annotate(
                f"{last_year}: {int(same_day):,}",
                (xc[-1], same_day),
                xytext=(4, -3),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize="small",
                color="#555555",
            )
            top = max(int(last["cumulative"].iloc[-1]), int(cur["cumulative"].iloc[-1]))
            a.set_ylim(0, top * 1.12 if top else 1)
            a.annotate(
                f"{cur_year}: {int(cur['cumulative'].iloc[-1]):,}",
                (xc[-1], cur["cumulative"].iloc[-1]),
                xytext=(-4, 4),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize="small",
                fontweight="bold",
            )
            if xl[-1] - xc[-1] >= 45:  # matplotlib date numbers count days
                # Last year's line runs on past today: name it at its end. Near the year's end
                # the "2020: 409" label already names it, and a second one would sit on this
                # year's line.
                a.annotate(
                    f"{last_year}",
                    (xl[-1], last["cumulative"].iloc[-1]),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="right",
                    va="bottom",
                    fontsize="small",
                    color="#555555",
                )
            a.set_title(LABELS[measure], loc="left", fontsize="medium")
            a.set_ylabel("cumulative count" if measure == "incidents" else "cumulative people killed")
            thousands(a)
            ticks = pd.date_range(f"{_REFERENCE_YEAR}-01-01", periods=12, freq="MS")[:: 3 if narrow else 2]
            a.set_xticks(mdates.date2num(ticks), [f"{t:%b}" for t in ticks])
            a.set_xlim(
                mdates.date2num(pd.Timestamp(_REFERENCE_YEAR, 1, 1)),
                mdates.date2num(pd.Timestamp(_REFERENCE_YEAR, 12, 31)),
            )
    return fig
