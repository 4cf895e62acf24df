"""Two sources' totals by year, for the reconciliation report."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from reports.figures._axes import figure_and_axes, thousands
from reports.figures.style import PALETTE, house_style


def yearly_totals(decomposition: pd.DataFrame) -> pd.DataFrame:
    """Per year and measure: each source's total and the part of A within B's definitions.

    Columns ``measure, year, total_a, a_in_scope, total_b``; ``a_in_scope`` is A's total
    less what B's definitions exclude (``scope_a``), i.e. matched plus only-in-A.
    A measure a source does not record is NA (not drawn), never 0.
    """
    g = decomposition.groupby(["measure", "year"], sort=True)[["total_a", "scope_a", "total_b"]].sum(min_count=1)
    g["a_in_scope"] = g["total_a"] - g["scope_a"]
    return g.reset_index()[["measure", "year", "total_a", "a_in_scope", "total_b"]]


def plot_totals(
    data: pd.DataFrame,
    *,
    label_a: str,
    label_b: str,
    scope_drawn: bool,
    style: str = "brief",
    width: float = 6.6,
    height: float = 3.4,
) -> Figure:
    """Deaths (top) and incidents (bottom) per year in each source, as lines.

    Parameters
    ----------
    data
        Output of :func:`yearly_totals`.
    scope_drawn
        Also draw A within B's definitions (dashed), when B's definitions exclude part of A.
    """
    from matplotlib.ticker import MaxNLocator

    with house_style(style):  # type: ignore[arg-type]
        fig, (top, bottom) = figure_and_axes(None, width, height, nrows=2, sharex=True)
        for ax, measure, ylabel in ((top, "killed_total", "people killed"), (bottom, "incidents", "incidents")):
            d = data.loc[data["measure"] == measure]
            years = d["year"].to_numpy()
            lines = [
                ("total_a", label_a, PALETTE["blue"], "-", "o"),
                ("total_b", label_b, PALETTE["vermillion"], "-", "s"),
            ]
            if scope_drawn:
                lines.insert(1, ("a_in_scope", "A within B's definitions", PALETTE["blue"], "--", "^"))
            for col, label, colour, ls, marker in lines:
                v = d[col].astype("Float64")
                if v.isna().all():
                    continue
                ax.plot(
                    years,
                    v.to_numpy(dtype="float64", na_value=float("nan")),
                    color=colour,
                    linestyle=ls,
                    marker=marker,
                    markersize=3,
                    linewidth=1.2,
                    label=label,
                    gid=f"line:{measure}:{col}",
                )
            ax.set_ylabel(ylabel)
            ax.set_ylim(bottom=0)
            thousands(ax)
        top.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, borderaxespad=0.3, handlelength=2.0)
        bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
        years_all = data["year"].to_numpy()
        if len(years_all):
            # One or two years: a year either side, not matplotlib's default span of a century.
            lo, hi = int(years_all.min()), int(years_all.max())
            if hi - lo < 2:
                bottom.set_xlim(lo - 1, hi + 1)
    return fig
