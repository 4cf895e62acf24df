"""Small multiples: monthly deaths in each province (or each district of a regional brief).

Every panel uses the same vertical scale. Free scales would make a province with two
deaths a month look like one with two hundred; the shared scale keeps the panels
comparable at a glance, and each panel's title states its total so that small
series are still read correctly.
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import UNKNOWN, count_table
from analysis.gazetteer import reporting_provinces
from analysis.periods import Period, months_ending
from reports.figures._axes import figure_and_axes, month_axis, month_starts, nice_ticks, thousands, type_scale
from reports.figures.style import PALETTE, house_style

OTHERS = "Other districts"


def area_key(frame: pd.DataFrame) -> str:
    """``province`` for a national frame, ``district`` when the frame holds one province only."""
    provinces = frame["province"].dropna().unique()
    return "district" if len(provinces) == 1 else "province"


def province_months_data(
    frame: pd.DataFrame, period: Period, *, months: int = 36, key: str | None = None, max_panels: int = 8
) -> pd.DataFrame:
    """Monthly people killed by area: ``<key>, month, killed_total``, panels in display order.

    Provinces: every reporting province and territory (zero series included), plus
    "unknown" when some incidents have no province and deaths. Districts: the
    ``max_panels - 1`` districts with most deaths, the rest summed as "Other districts".
    Areas are ordered by deaths in the window, most first (ties by name).
    """
    key = key or area_key(frame)
    window = months_ending(period, months)
    t = count_table(frame, by=["month", key], measures=["killed_total"], period=window, with_unknown=False)
    totals = t.groupby(key, sort=False)["killed_total"].sum()
    if key == "province":
        keep = [a for a in totals.index if a in reporting_provinces() or totals[a] > 0]
    else:
        keep = [a for a in totals.index if totals[a] > 0]
    order = sorted(keep, key=lambda a: (-int(totals[a]), a == UNKNOWN, str(a)))
    if key == "district" and len(order) > max_panels:
        shown, rest = order[: max_panels - 1], order[max_panels - 1 :]
        other = t.loc[t[key].isin(rest)].groupby("month", sort=False, as_index=False)["killed_total"].sum()
        other[key] = OTHERS
        t = pd.concat([t.loc[t[key].isin(shown)], other], ignore_index=True)
        order = [*shown, OTHERS]
    t = t.loc[t[key].isin(order)]
    t = t.assign(_o=t[key].map({a: i for i, a in enumerate(order)})).sort_values(["_o", "month"], kind="mergesort")
    out = t[[key, "month", "killed_total"]].reset_index(drop=True)
    out["killed_total"] = out["killed_total"].astype("int64")
    return out


def _label(area: str, key: str) -> str:
    if area == UNKNOWN:
        return "Province not stated" if key == "province" else "District not stated"
    return (
        "Azad Kashmir"
        if area == "Azad Jammu and Kashmir"
        else ("Islamabad" if area == "Islamabad Capital Territory" else area)
    )


def plot_province_months(
    data: pd.DataFrame,
    *,
    ax: Axes | None = None,
    style: str = "brief",
    width: float = 6.6,
    height: float | None = None,
    sharey: bool = True,
) -> Figure:
    """One small panel per area: monthly people killed, same vertical scale in every panel.

    Parameters
    ----------
    data
        Output of :func:`province_months_data`.
    ax
        Not supported (the chart has one panel per area).
    sharey
        Same vertical scale in every panel (default). With ``False`` each panel gets
        its own scale and the figure says so.
    """
    key = data.columns[0]
    areas = list(dict.fromkeys(data[key]))
    narrow = width < 5
    if not areas:  # a regional brief without deaths in any district: say so instead of empty panels
        with house_style(style):  # type: ignore[arg-type]
            fig, a = figure_and_axes(None, width, height or 1.2 * type_scale(style))
            a.set_axis_off()
            a.text(
                0.5,
                0.5,
                f"No deaths recorded in any {key} in these months.",
                ha="center",
                va="center",
                transform=a.transAxes,
                color="#555555",
            )
        return fig
    ncols = 2 if narrow else 4
    nrows = max(1, math.ceil(len(areas) / ncols))
    if height is None:
        height = (nrows * (1.05 if narrow else 1.2) + 0.35) * type_scale(style)
    with house_style(style):  # type: ignore[arg-type]
        fig, axes = figure_and_axes(
            ax, width, height, nrows=nrows, ncols=ncols, sharex=True, sharey=sharey, squeeze=False
        )
        flat = axes.ravel()
        for a, area in zip(flat, areas, strict=False):
            d = data.loc[data[key] == area]
            x = month_starts(d["month"])
            y = d["killed_total"].to_numpy()
            a.fill_between(x, 0, y, color=PALETTE["sky"], alpha=0.35, linewidth=0)
            a.plot(x, y, color=PALETTE["blue"], linewidth=1.0, gid=f"{key}:{area}")
            a.set_title(_label(str(area), key), loc="left", fontsize="small", fontweight="bold", pad=2)
            a.text(
                0.98,
                0.97,
                f"total {int(y.sum()):,}",
                transform=a.transAxes,
                ha="right",
                va="top",
                fontsize="x-small",
                color="#555555",
            )
            if a is flat[0]:  # the x axis is shared: set its ticks once
                month_axis(a, x[0], x[-1], narrow=True)
            a.tick_params(labelsize="x-small")
            if not sharey:
                a.set_ylim(0, max(int(y.max()), 1) * 1.2)
                thousands(a)
        if sharey:  # headroom for the totals written in the top right corner; ticks computed once
            top = max(int(data["killed_total"].max()), 1) * 1.2
            ticks = [t for t in nice_ticks(0, top) if t <= top]
            flat[0].set_yticks(ticks, [f"{t:,.0f}" for t in ticks])
            flat[0].set_ylim(0, top)
        for i in range(len(areas), len(flat)):
            flat[i].set_visible(False)
            if i >= ncols:  # the panel above an empty slot carries the date labels
                flat[i - ncols].xaxis.set_tick_params(labelbottom=True)
        for r in range(nrows):
            axes[r, 0].set_ylabel("killed per month", fontsize="x-small")
        if not sharey:
            fig.suptitle("Each panel has its own vertical scale", x=0.0, ha="left", fontsize="x-small", color="#555555")
    return fig
