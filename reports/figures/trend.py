"""Monthly deaths by category over the last 36 months, with the 12-month mean."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.counts import count_table
from analysis.periods import Period, months_ending
from reports.figures.style import CATEGORY_STYLE, house_style

CATEGORIES = ("killed_security", "killed_civilians", "killed_militants")


def monthly_trend_data(frame: pd.DataFrame, period: Period, *, months: int = 36) -> pd.DataFrame:
    """Tidy monthly series: ``month, measure, value, mean_12m`` for the ``months`` ending with ``period``.

    The 12-month mean is the trailing mean of the 12 months up to and including each
    month, computed from zero-filled months (so it needs the 11 months before the
    window too).
    """
    window = months_ending(period, months + 11)
    measures = ["killed_total", *CATEGORIES]
    t = count_table(frame, by=["month"], measures=measures, period=window, with_unknown=False)
    long = t.melt(id_vars="month", value_vars=measures, var_name="measure", value_name="value")
    long["mean_12m"] = long.groupby("measure")["value"].transform(lambda s: s.rolling(12, min_periods=12).mean())
    shown = months_ending(period, months)
    first = f"{shown.start:%Y-%m}"
    out = long.loc[long["month"] >= first].reset_index(drop=True)
    out["value"] = out["value"].astype("int64")
    return out


def plot_monthly_trend(data: pd.DataFrame, *, ax: object | None = None, style: str = "brief",
                       width: float = 6.6, height: float = 2.6) -> Figure:
    """Lines of monthly deaths by category, and the 12-month mean of all deaths.

    Parameters
    ----------
    data
        Output of :func:`monthly_trend_data`.
    ax
        Matplotlib axes to draw on; a new figure is made when ``None``.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    with house_style(style):  # type: ignore[arg-type]
        if ax is None:
            fig = plt.figure(figsize=(width, height), layout="constrained")
            ax = fig.add_subplot()
        else:
            fig = ax.figure  # type: ignore[attr-defined]
        for measure in CATEGORIES:
            d = data.loc[data["measure"] == measure]
            x = pd.PeriodIndex(d["month"], freq="M").to_timestamp()
            st = CATEGORY_STYLE[measure]
            ax.plot(x, d["value"], color=st["color"], linestyle=st["linestyle"], marker=st["marker"],  # type: ignore[attr-defined]
                    label=st["label"], gid=measure)
        tot = data.loc[data["measure"] == "killed_total"]
        x = pd.PeriodIndex(tot["month"], freq="M").to_timestamp()
        ax.plot(x, tot["mean_12m"], color=CATEGORY_STYLE["killed_total"]["color"], linewidth=2.2,  # type: ignore[attr-defined]
                label="All killed, 12-month mean", gid="killed_total_mean_12m")
        ax.set_ylabel("people killed per month")  # type: ignore[attr-defined]
        ax.set_ylim(bottom=0)  # type: ignore[attr-defined]
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))  # type: ignore[attr-defined]
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))  # type: ignore[attr-defined]
        ax.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, 1.0), handlelength=2.6)  # type: ignore[attr-defined]
        ax.margins(x=0.01)  # type: ignore[attr-defined]
    return fig
