"""Fan chart of the Outlook: the last 24 months and the forecast median with 50/80/95% bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.measures import label
from analysis.periods import Period
from reports.figures._axes import figure_and_axes, month_axis, month_starts, thousands
from reports.figures.style import PALETTE, house_style

#: Months of history drawn before the forecast.
HISTORY = 24
#: Band of each central interval: (lower column, upper column, opacity).
BANDS = ((95, "q0.025", "q0.975", 0.16), (80, "q0.1", "q0.9", 0.30), (50, "q0.25", "q0.75", 0.50))
FAN = PALETTE["blue"]


def single_region(frame: pd.DataFrame) -> str | None:
    """The province of a frame that holds only one (a regional brief), else ``None``."""
    provinces = frame["province"].dropna().unique()
    return str(provinces[0]) if len(provinces) == 1 and frame["province"].notna().all() else None


def outlook_data(frame: pd.DataFrame, period: Period, *, national: str = "Pakistan") -> pd.DataFrame:
    """Tidy data of the fan chart: one row per region and month.

    Columns ``region, measure, month, kind`` (``observed`` or ``forecast``), ``value`` (the
    observed count; empty for forecast months), ``mean`` and the quantiles
    ``q0.025`` ... ``q0.975`` (empty for observed months). Regions as in the brief's
    Outlook (:func:`analysis.forecast.outlook`): the whole data and the two provinces
    with most deaths, or the one province of a regional brief.
    """
    from analysis.forecast import default_measure, outlook, quantile_columns

    # The chart does not show the track record: no backtest here (the brief's context has it).
    # A national frame covers what its incidents span (as Incidents.coverage); a one-province
    # frame is cut only by the period, since its last incident says nothing of the data's end.
    region = single_region(frame)
    coverage = None if region is not None or frame.empty else (frame["date"].min(), frame["date"].max())
    o = outlook(frame, period, region=region, measure=default_measure(frame), track_months=0, coverage=coverage)
    rows = []
    for s in o.series:
        name = s.region if s.region is not None else national
        h = s.history.iloc[-HISTORY:]
        obs = pd.DataFrame(
            {
                "region": name,
                "measure": s.measure,
                "month": h.index.astype(str),
                "kind": "observed",
                "value": h.to_numpy(),
            }
        )
        f = s.forecast.reset_index()
        f["month"] = f["month"].astype(str)
        f.insert(0, "region", name)
        f.insert(1, "measure", s.measure)
        f.insert(3, "kind", "forecast")
        rows += [obs, f]
    cols = ["region", "measure", "month", "kind", "value", "mean", *quantile_columns()]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.concat(rows, ignore_index=True)[cols]
    out["value"] = out["value"].astype("Int64")
    return out


def plot_outlook(
    data: pd.DataFrame, *, ax: Axes | None = None, style: str = "brief", width: float = 6.6, height: float | None = None
) -> Figure:
    """Fan charts side by side, one per region: observed months and the forecast's bands.

    The observed series is a black line; the forecast median a dashed blue line joined to
    the last observed month; the bands are the central 95, 80 and 50% intervals (lighter
    to darker). Each panel has its own vertical scale (provinces differ tenfold).
    """
    regions = list(dict.fromkeys(data["region"]))
    n = max(len(regions), 1)
    narrow = width < 5
    cols = 1 if narrow else n
    rows = n if narrow else 1
    if height is None:
        height = 2.2 * rows if narrow else max(2.2, width * 0.36)
    with house_style(style):  # type: ignore[arg-type]
        if ax is not None and n == 1:
            fig, axes = figure_and_axes(ax, width, height)
            axes = [axes]
        else:
            fig, axes = figure_and_axes(None, width, height, nrows=rows, ncols=cols, squeeze=False)
            axes = list(np.ravel(axes))
        if not regions:
            axes[0].text(
                0.5, 0.5, "No forecast: no incidents before the period", ha="center", transform=axes[0].transAxes
            )
            axes[0].set_axis_off()
            return fig
        for a, name in zip(axes, regions, strict=False):
            d = data.loc[data["region"] == name]
            obs = d.loc[d["kind"] == "observed"]
            fc = d.loc[d["kind"] == "forecast"]
            xo = month_starts(obs["month"])
            xf = month_starts(fc["month"])
            # the bands start at the last observed month so the fan opens from the data
            x = np.concatenate([xo[-1:], xf])
            last = float(obs["value"].iloc[-1])
            for level, lo, hi, alpha in BANDS:
                a.fill_between(
                    x,
                    np.concatenate([[last], fc[lo].to_numpy(dtype=float)]),
                    np.concatenate([[last], fc[hi].to_numpy(dtype=float)]),
                    color=FAN,
                    alpha=alpha,
                    linewidth=0,
                    label=f"{level}% interval",
                    gid=f"band_{level}",
                )
            a.plot(xo, obs["value"].to_numpy(dtype=float), color=PALETTE["black"], label="Observed", gid="observed")
            a.plot(
                x,
                np.concatenate([[last], fc["q0.5"].to_numpy(dtype=float)]),
                color=FAN,
                linestyle="--",
                marker="o",
                label="Forecast median",
                gid="median",
            )
            a.set_title(name)
            a.set_ylim(bottom=0)
            thousands(a)
            # ticks on a 1-2-5 scale (no 750): the values a reader can check against the CSV
            a.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=True, min_n_ticks=3))
            month_axis(a, xo[0], xf[-1], narrow=True)
        axes[0].set_ylabel("per month")
        handles, labels = axes[0].get_legend_handles_labels()
        order = [
            labels.index(t) for t in ("Observed", "Forecast median", "50% interval", "80% interval", "95% interval")
        ]
        fig.legend(
            [handles[i] for i in order],
            [labels[i] for i in order],
            loc="outside upper left",
            ncols=5 if not narrow else 3,
            handlelength=2.2,
            columnspacing=1.2,
        )
    return fig


def outlook_caption(d: pd.DataFrame, p: Period) -> str:
    """Caption of the fan chart."""
    if d.empty:
        return "No forecast: no incidents before the period."
    fc = d.loc[d["kind"] == "forecast", "month"]
    first, last = pd.Period(fc.iloc[0], "M"), pd.Period(fc.iloc[-1], "M")
    what = label(str(d["measure"].iloc[0]))
    return (
        f"{what} per month: the last {HISTORY} months (black) and the forecast for {first:%B %Y} to "
        f"{last:%B %Y}: median (dashed) with the central 50, 80 and 95% intervals (darker to lighter). "
        "Only incidents that can be placed in one month are counted."
    )


def outlook_alt(d: pd.DataFrame, p: Period) -> str:
    """Alt text: the first forecast month's median and 80% interval in each region."""
    from reports.outlook import count_interval

    if d.empty:
        return "No forecast."
    parts = []
    for name, g in d.groupby("region", sort=False):
        f = g.loc[g["kind"] == "forecast"].iloc[0]
        parts.append(f"{name}: median {f['q0.5']:,.0f}, 80% interval {count_interval(f['q0.1'], f['q0.9'])}")
    month = pd.Period(d.loc[d["kind"] == "forecast", "month"].iloc[0], "M")
    what = "deaths" if d["measure"].iloc[0] == "killed_total" else "incidents"
    return f"Fan charts of monthly {what} with forecasts. For {month:%B %Y}: " + "; ".join(parts) + "."
