"""The "Hot spots" table of a brief: formatted cells and numbers from :func:`analysis.hotspots.hot_spots`."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.changes import PeriodChange
from analysis.hotspots import HotSpots, hot_spots
from analysis.measures import column, label
from analysis.periods import Period
from reports import formatting as fmt
from reports.context import Cell, Table

#: Districts listed in the table.
HOT_SPOTS = 5


def _short_change(c: PeriodChange) -> str:
    if c.verdict == "none in either period":
        return "–"
    arrow = {"rose": "▲ ", "fell": "▼ "}.get(c.verdict, "")
    if c.percent is None:  # small base: "from 2 to 19", as the other tables
        return f"{arrow}{fmt.integer(c.previous)} → {fmt.integer(c.current)}"
    return f"{arrow}{fmt.percent(c.percent)}"


def _change_numbers(c: PeriodChange) -> dict[str, Any]:
    def clean(x: float | None) -> float | None:
        return None if x is None or not math.isfinite(x) else round(float(x), 6)

    return {
        "previous": int(c.previous),
        "difference": int(c.current - c.previous),
        "percent": None if c.percent is None else round(float(c.percent), 1),
        "phrase": fmt.change_phrase(c),
        "rate_ratio": clean(c.ratio),
        "p_value": clean(c.p_value),
        "verdict": c.verdict,
        "method": c.method,
    }


def hot_spots_table(
    frame: pd.DataFrame,
    period: Period,
    *,
    region: str | None,
    alpha: float,
    min_base: int,
    numbers: dict[str, Any],
    n: int = HOT_SPOTS,
) -> Table | None:
    """The hot-spot table of a brief, or ``None`` when the source records no district.

    Adds ``numbers["hot_spots"]`` (every value the table shows, raw).
    """
    h: HotSpots = hot_spots(frame, period, n=n, alpha=alpha, min_base=min_base)
    if not h.recorded or not h.rows:
        return None
    national = region is None
    rows = []
    for r in h.rows:
        place = f"{r.district}, {r.province}" if national and r.province else r.district
        cells = [Cell(place, numeric=False)]
        cells += [
            Cell(fmt.integer(r.incidents)),
            Cell(fmt.integer(r.killed) + ("*" if r.killed_partial else "")),
            Cell(fmt.percent(100 * r.share, signed=False)),
            Cell(_short_change(r.change), css={"rose": "up", "fell": "down"}.get(r.change.verdict, "flat")),
        ]
        rows.append(tuple(cells))
    columns = (
        "District",
        label("incidents"),
        column("killed_total"),
        "Share of all killed",
        f"Killed vs {h.previous.label}",
    )
    note = (
        f"The {len(h.rows)} districts with most deaths in {period.label} account for "
        f"{fmt.percent(100 * h.combined_share, signed=False)} of the {fmt.integer(h.total_killed)} people killed"
        + (f" in {region}" if region else "")
        + "."
    )
    if h.killed_without_district:
        note += f" {fmt.integer(h.killed_without_district)} were killed in incidents that name no district."
    if any(r.killed_partial for r in h.rows):
        note += " * some incidents do not state the number killed: a lower bound."
    note += (
        f" Changes: ▲ rose, ▼ fell (exact incident-level test at the {fmt.level(alpha)} level), otherwise no clear "
        f"change; percentages only on a base of {min_base} or more."
    )
    numbers["hot_spots"] = {
        "period": period.slug,
        "previous_period": h.previous.slug,
        "total_killed": h.total_killed,
        "killed_without_district": h.killed_without_district,
        "combined_share_percent": round(100 * h.combined_share, 1),
        "districts": [
            {
                "district": r.district,
                "province": r.province,
                "incidents": r.incidents,
                "killed": r.killed,
                "killed_at_least": r.killed_partial,
                "share_percent": round(100 * r.share, 1),
                "vs_previous": _change_numbers(r.change),
            }
            for r in h.rows
        ],
    }
    return Table(columns, tuple(rows), None, note)
