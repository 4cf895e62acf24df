"""Ten years: people killed by category (stacked bars) and incidents, for the annual edition."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import count_table
from analysis.periods import Period, year
from reports.figures._axes import bounded, figure_and_axes, has_ranges, thousands
from reports.figures.style import CATEGORY_STYLE, PALETTE, house_style

#: Stacked segments, bottom to top, with a hatch so that they read in greyscale too
#: (line hatches only: dotted hatches multiply the size of an SVG by twenty).
SEGMENTS = (
    ("killed_security", CATEGORY_STYLE["killed_security"]["label"], ""),
    ("killed_civilians", CATEGORY_STYLE["killed_civilians"]["label"], "////"),
    ("killed_militants", CATEGORY_STYLE["killed_militants"]["label"], "\\\\\\\\"),
    ("killed_not_stated", "Not stated", ""),
)


def ten_year_data(frame: pd.DataFrame, period: Period, *, years: int = 10) -> pd.DataFrame:
    """Yearly totals for the ``years`` years ending with ``period``'s year.

    Columns: ``year, incidents, killed_total, killed_security, killed_civilians,
    killed_militants, killed_not_stated`` and, when some incidents give low/high
    estimates, ``killed_low, killed_high`` (the range of the total, see
    :func:`reports.figures._axes.bounded`). ``killed_not_stated`` is everything in the
    total that no category accounts for (``killed_unknown`` plus totals given without
    a split), so the stacked segments add up to ``killed_total``.
    """
    last = period.end.year
    window = Period("range", year(last - years + 1).start, year(last).end)
    f = frame.loc[window.contains(frame["date"])]
    measures = ["incidents", "killed_total", "killed_security", "killed_civilians", "killed_militants"]
    ranged = has_ranges(f)
    if ranged:
        f = bounded(f)
        measures += ["killed_low", "killed_high"]
    t = count_table(f, by=["year"], measures=measures, period=window, with_unknown=False)
    t["killed_not_stated"] = t["killed_total"] - t[["killed_security", "killed_civilians", "killed_militants"]].sum(
        axis=1
    )
    cols = [
        "year",
        "incidents",
        "killed_total",
        "killed_security",
        "killed_civilians",
        "killed_militants",
        "killed_not_stated",
    ] + (["killed_low", "killed_high"] if ranged else [])
    out = t[cols].reset_index(drop=True)
    return out.astype("int64")


def plot_ten_years(
    data: pd.DataFrame, *, ax: Axes | None = None, style: str = "brief", width: float = 6.6, height: float | None = None
) -> Figure:
    """Stacked bars of people killed by category per year, above a panel of incidents per year.

    The range of the total (low–high estimates) is drawn as whiskers on the bars.

    Parameters
    ----------
    data
        Output of :func:`ten_year_data`.
    ax
        Not supported (the chart has two panels).
    """
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    narrow = width < 5
    if height is None:
        height = max(2.8, width * (0.75 if narrow else 0.45))
    years = data["year"].to_numpy()
    with house_style(style):  # type: ignore[arg-type]
        fig, (top, bottom) = figure_and_axes(
            ax, width, height, nrows=2, sharex=True, gridspec_kw={"height_ratios": (3, 1)}
        )
        top.set_axisbelow(True)
        bottom.set_axisbelow(True)
        base = np.zeros(len(data))
        for col, label, hatch in SEGMENTS:
            colour = (
                CATEGORY_STYLE["killed_unknown"]["color"]
                if col == "killed_not_stated"
                else CATEGORY_STYLE[col]["color"]
            )
            v = data[col].to_numpy()
            top.bar(
                years,
                v,
                bottom=base,
                width=0.72,
                color=colour,
                label=label,
                hatch=hatch or None,
                hatchcolor="white",
                edgecolor="white",
                linewidth=0.3,
                gid=f"bars:{col}",
            )
            base = base + v
        if "killed_low" in data:
            tot = data["killed_total"].to_numpy()
            err = np.vstack([tot - data["killed_low"].to_numpy(), data["killed_high"].to_numpy() - tot])
            top.errorbar(
                years,
                tot,
                yerr=err,
                fmt="none",
                ecolor=PALETTE["black"],
                elinewidth=0.8,
                capsize=2.0,
                label="Range of all killed (low–high)",
                gid="killed_range",
            )
        top.set_ylabel("people killed per year")
        top.tick_params(axis="x", length=0)
        thousands(top)
        top.legend(
            ncols=2 if narrow else 5,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            borderaxespad=0.3,
            handlelength=1.4,
            columnspacing=1.0,
        )
        bottom.bar(years, data["incidents"].to_numpy(), width=0.72, color=PALETTE["orange"], gid="bars:incidents")
        bottom.set_ylabel("incidents")
        thousands(bottom)
        bottom.yaxis.set_major_locator(MaxNLocator(nbins=2, integer=True))
        # on a narrow figure every other year is labelled, counting back from the latest
        bottom.set_xticks(
            years, [str(y) if not narrow or (len(years) - 1 - i) % 2 == 0 else "" for i, y in enumerate(years)]
        )
        bottom.tick_params(axis="x", length=0)
    return fig
