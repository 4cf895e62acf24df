"""Perpetrators and methods: people killed by group named and by method, as horizontal bars."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import UNKNOWN, count_table, in_period
from analysis.periods import Period
from reports.figures._axes import figure_and_axes, thousands, type_scale
from reports.figures.style import PALETTE, house_style

#: Panels, in order: grouping column and panel title.
PANELS = (("perpetrator", "By group named"), ("method", "By method"))


def groups_data(frame: pd.DataFrame, period: Period, *, limit: int = 8) -> pd.DataFrame:
    """People killed and incidents by group named and by method in ``period``.

    Same rule as the brief's tables: groups with at least one incident, sorted by
    killed, then incidents, then name; the first ``limit`` shown and the rest summed
    as "Others (n)". Columns: ``panel, group, label, incidents, attacks, killed_total``.
    A panel whose column is blank in every row of ``frame`` (the source does not
    record it, e.g. UCDP's method) is left out, never drawn as one "Not stated" bar.
    """
    from analysis.capabilities import present
    from analysis.measures import METHOD_LABELS

    recorded = present(frame)
    f = in_period(frame, period)
    rows = []
    for key, _title in PANELS:
        if not recorded[key]:
            continue
        t = count_table(f, by=[key], measures=["incidents", "attacks", "killed_total"], with_unknown=False)
        t = t.loc[t["incidents"] > 0].sort_values(
            ["killed_total", "incidents", key], ascending=[False, False, True], kind="mergesort"
        )
        for r in t.head(limit).itertuples(index=False):
            raw = str(getattr(r, key))
            label = METHOD_LABELS.get(raw, raw) if key == "method" else ("Not stated" if raw == UNKNOWN else raw)
            rows.append((key, raw, label, int(r.incidents), int(r.attacks), int(r.killed_total)))
        rest = t.iloc[limit:]
        if len(rest):
            s = rest[["incidents", "attacks", "killed_total"]].sum()
            rows.append(
                (key, "others", f"Others ({len(rest)})", int(s["incidents"]), int(s["attacks"]), int(s["killed_total"]))
            )
    out = pd.DataFrame(rows, columns=["panel", "group", "label", "incidents", "attacks", "killed_total"])
    for c in ("incidents", "attacks", "killed_total"):
        out[c] = out[c].astype("int64")
    return out


def plot_groups(
    data: pd.DataFrame, *, ax: Axes | None = None, style: str = "brief", width: float = 6.6, height: float | None = None
) -> Figure:
    """Two panels of horizontal bars: people killed by group named and by method.

    Each bar is labelled with the number killed and, in brackets, the number of
    incidents. "Not stated" and "Others" bars are grey so named groups stand out.

    Parameters
    ----------
    data
        Output of :func:`groups_data`.
    ax
        Not supported (the chart has two panels).
    """
    panels = [(k, t) for k, t in PANELS if k in set(data["panel"])] or list(PANELS)
    narrow = width < 5 and len(panels) > 1
    n = max([int((data["panel"] == k).sum()) for k, _ in panels] + [1])
    if height is None:
        height = (2 if narrow else 1) * (0.17 * max(n, 3) + 0.55) * type_scale(style)  # room for axis and title
    with house_style(style):  # type: ignore[arg-type]
        fig, axes = figure_and_axes(
            ax, width, height, nrows=2 if narrow else 1, ncols=1 if narrow else len(panels), squeeze=False
        )
        top = max(int(data["killed_total"].max()) if len(data) else 0, 1)
        for a, (key, title) in zip(axes.ravel(), panels, strict=True):
            d = data.loc[data["panel"] == key]
            y = list(range(len(d)))
            grey = d["group"].isin([UNKNOWN, "others"]).to_numpy()
            colours = [PALETTE["grey"] if g else PALETTE["blue"] for g in grey]
            a.barh(y, d["killed_total"].to_numpy(), color=colours, height=0.7, gid=f"bars:{key}")
            a.set_yticks(y, d["label"].tolist())
            a.invert_yaxis()
            for yi, (k, i) in enumerate(zip(d["killed_total"], d["incidents"], strict=True)):
                a.text(k, yi, f" {k:,} ({i:,})", va="center", ha="left", fontsize="x-small", color="#333333")
            a.set_xlim(0, top * 1.32)
            a.set_title(title, loc="left", fontsize="medium")
            a.set_xlabel("people killed (incidents)")
            a.grid(False)
            a.tick_params(axis="y", length=0)
            thousands(a, "x")
            if not len(d):
                a.text(0.5, 0.5, "no incidents", transform=a.transAxes, ha="center", va="center", color="#555555")
    return fig
