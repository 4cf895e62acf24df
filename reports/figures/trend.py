"""Monthly deaths by category over the last 36 months, with the 12-month mean."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import count_table, imprecise_dates
from analysis.periods import Period, months_ending
from reports.figures._axes import bounded, figure_and_axes, has_ranges, month_axis, month_starts, thousands
from reports.figures.style import CATEGORY_STYLE, house_style

CATEGORIES = ("killed_security", "killed_civilians", "killed_militants")


def monthly_trend_data(frame: pd.DataFrame, period: Period, *, months: int = 36) -> pd.DataFrame:
    """Tidy monthly series: ``month, measure, value, mean_12m`` for the ``months`` ending with ``period``.

    The 12-month mean is the trailing mean of the 12 months up to and including each
    month, computed from zero-filled months (so it needs the 11 months before the
    window too). When incidents in the window give low/high estimates, rows for
    ``killed_low`` and ``killed_high`` (the range of all killed, see
    :func:`reports.figures._axes.bounded`) are added; the chart draws their 12-month
    means as a band around the mean line.

    Only incidents that can be placed in one month are counted (an incident dated only
    to a year is in no month, see :func:`analysis.counts.date_spans`). What the shown
    months leave out is in ``attrs["unplaced"]``: ``incidents``, ``killed_total`` and
    ``spans`` (``(label, precision, killed)`` of the largest date ranges), for the caption.
    """
    window = months_ending(period, months + 11)
    measures = ["killed_total", *CATEGORIES]
    f = frame.loc[window.contains(frame["date"])]
    ranged = has_ranges(f)
    if ranged:
        f = bounded(f)
        measures += ["killed_low", "killed_high"]
    t = count_table(f, by=["month"], measures=measures, period=window, with_unknown=False)
    long = t.melt(id_vars="month", value_vars=measures, var_name="measure", value_name="value")
    long["mean_12m"] = long.groupby("measure")["value"].transform(lambda s: s.rolling(12, min_periods=12).mean())
    shown = months_ending(period, months)
    first = f"{shown.start:%Y-%m}"
    out = long.loc[long["month"] >= first].reset_index(drop=True)
    out["value"] = out["value"].astype("int64")
    out.attrs["unplaced"] = unplaced_note(frame, shown, unit="month")
    return out


def unplaced_note(frame: pd.DataFrame, window: Period, *, unit: str | None) -> dict[str, object]:
    """Plain numbers of the incidents a chart by ``unit`` over ``window`` cannot place (for captions and JSON).

    See :func:`analysis.counts.imprecise_dates`.
    """
    im = imprecise_dates(frame, window, unit=unit)  # type: ignore[arg-type]
    return {
        "incidents": im.incidents,
        "killed_total": im.killed_total,
        "killed_total_unknown": im.killed_total_unknown,
        "spans": [(sp.label, sp.precision, sp.killed_total) for sp in im.spans[:3]],
    }


def plot_monthly_trend(
    data: pd.DataFrame, *, ax: Axes | None = None, style: str = "brief", width: float = 6.6, height: float | None = None
) -> Figure:
    """Lines of monthly deaths by category, and the 12-month mean of all deaths.

    The legend sits above the plotting area, so it never covers a line.

    Parameters
    ----------
    data
        Output of :func:`monthly_trend_data`.
    ax
        Matplotlib axes to draw on; a new figure is made when ``None``.
    style
        House style: ``brief``, ``paper`` or ``slides``.
    width, height
        Size in inches of a new figure; the height follows the width when ``None``.
    """
    narrow = width < 5
    if height is None:
        height = max(2.3, width * (0.62 if narrow else 0.4))
    with house_style(style):  # type: ignore[arg-type]
        fig, ax = figure_and_axes(ax, width, height)
        for measure in CATEGORIES:
            d = data.loc[data["measure"] == measure]
            if d.empty:  # a category the source does not record: no line, no legend entry
                continue
            st = CATEGORY_STYLE[measure]
            ax.plot(
                month_starts(d["month"]),
                d["value"].to_numpy(),
                color=st["color"],
                linestyle=st["linestyle"],
                marker=st["marker"],
                label=st["label"],
                gid=measure,
            )
        tot = data.loc[data["measure"] == "killed_total"]
        x = month_starts(tot["month"])
        if {"killed_low", "killed_high"} <= set(data["measure"]):
            lo = data.loc[data["measure"] == "killed_low", "mean_12m"].to_numpy()
            hi = data.loc[data["measure"] == "killed_high", "mean_12m"].to_numpy()
            ax.fill_between(
                x,
                lo,
                hi,
                color="#BBBBBB",
                alpha=0.6,
                linewidth=0,
                label="12-month mean, low–high",
                gid="killed_range_mean_12m",
            )
        ax.plot(
            x,
            tot["mean_12m"].to_numpy(),
            color=CATEGORY_STYLE["killed_total"]["color"],
            linewidth=2.2,
            label="All killed, 12-month mean",
            gid="killed_total_mean_12m",
        )
        ax.set_ylabel("people killed per month")
        ax.set_ylim(bottom=0)
        thousands(ax)
        month_axis(ax, x[0], x[-1], narrow=narrow)
        n = len(ax.get_legend_handles_labels()[0])
        ax.legend(
            ncols=2 if narrow else min(n, 3),
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            borderaxespad=0.3,
            handlelength=2.6,
            columnspacing=1.2,
        )
    return fig
