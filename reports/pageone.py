"""Page one of every edition: the brief at a glance.

Tiles for incidents, killed by category and injured (where the source records them): the value,
its change against the previous period and the same period last year with the verdict of the
brief's test (on a small base "from 2 to 19", as the tables write it), and a 12-month sparkline;
the map; the top three key findings; the first paragraph of the analyst's commentary. Every value
comes from the numbers file the context already wrote (nothing is recomputed), except the
sparklines' monthly counts (:func:`analysis.counts.count_table`, also written to the numbers file
under ``page_one``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.measures import heading
from analysis.measures import label as measure_label
from analysis.periods import Period, months_ending

#: Measures shown as tiles, in order, with their labels.
TILES: tuple[tuple[str, str], ...] = (
    ("incidents", measure_label("incidents")),
    ("killed_total", measure_label("killed_total")),
    ("killed_security", heading("killed_security")),
    ("killed_civilians", heading("killed_civilians")),
    ("killed_militants", heading("killed_militants")),
    ("injured_total", measure_label("injured_total")),
)


@dataclass(frozen=True)
class TileChange:
    """One comparison of a tile: ``vs May 2025``, ``▲ +87%``, ``rose``."""

    label: str
    change: str
    verdict: str
    css: str


@dataclass(frozen=True)
class Tile:
    """A headline measure at a glance."""

    key: str
    label: str
    value: str
    changes: tuple[TileChange, ...]
    sparkline_svg: str
    sparkline_alt: str


@dataclass(frozen=True)
class PageOne:
    """What page one shows besides the cover and the summary paragraph."""

    tiles: tuple[Tile, ...]
    findings: tuple[str, ...]
    note: str


def _change(label: str, c: dict[str, Any]) -> TileChange | None:
    if c.get("previous") is None or c.get("verdict") in (None, "not recorded"):
        return None
    verdict = c["verdict"]
    arrow = {"rose": "▲ ", "fell": "▼ "}.get(verdict, "")
    if c.get("percent_text"):
        text = f"{arrow}{c['percent_text']}"
    else:  # below the smallest base for a percentage: the two counts, as the tables write them
        text = f"{arrow}from {c['previous']:,} to {c['current']:,}"
    word = verdict if verdict in ("rose", "fell") else "no clear change"
    if verdict == "none in either period":
        word, text = "none in either period", "–"
    return TileChange(label, text, word, {"rose": "up", "fell": "down"}.get(verdict, "flat"))


def sparkline_svg(values: list[int]) -> str:
    """A 12-point line (96 × 22 px) with the last value marked; numbers only, no text."""
    w, h, pad = 96.0, 22.0, 2.0
    top = max(values) if values and max(values) > 0 else 1
    n = len(values)
    xs = [pad + i * (w - 2 * pad) / max(n - 1, 1) for i in range(n)]
    ys = [h - pad - v / top * (h - 2 * pad) for v in values]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">'
        f'<polyline points="{pts}" fill="none" stroke="#1f4e79" stroke-width="1.3" stroke-linejoin="round"/>'
        f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="2" fill="#1f4e79"/></svg>'
    )


def build_page_one(
    frame: pd.DataFrame, period: Period, numbers: dict[str, Any], findings: tuple[str, ...], *, alpha: float
) -> PageOne:
    """Page one of a brief from its numbers file, ``frame`` (for the sparklines) and its findings.

    Tiles come from ``numbers["headline"]`` (measures the source does not record have no entry
    there and get no tile), sparklines from the 12 months ending with ``period``. Adds
    ``numbers["page_one"]`` with the sparklines' monthly values.
    """
    from analysis.counts import count_table

    headline = numbers.get("headline", {})
    keys = [k for k, _ in TILES if isinstance(headline.get(k), dict) and "text" in headline[k]]
    window = months_ending(period, 12)
    months = count_table(frame, by=["month"], measures=keys, period=window, with_unknown=False) if keys else None
    tiles = []
    spark: dict[str, Any] = {}
    for key, label in TILES:
        if key not in keys:
            continue
        h = headline[key]
        comps = list(h.get("comparisons", {}).items())
        plain = [(lab, c) for lab, c in comps if not lab.lower().startswith("year to date")][:2]
        changes = tuple(tc for lab, c in plain if (tc := _change(lab, c)) is not None)
        values = [int(v) for v in months[key]] if months is not None else []
        labels = [str(m) for m in months["month"]] if months is not None else []
        spark[key] = dict(zip(labels, values, strict=True))
        span = f"{pd.Period(labels[0]):%B %Y} to {pd.Period(labels[-1]):%B %Y}" if labels else ""
        alt = f"{label} per month, {span}: " + ", ".join(f"{v:,}" for v in values) if labels else ""
        tiles.append(Tile(key, label, str(h["text"]), changes, sparkline_svg(values) if values else "", alt))
    numbers["page_one"] = {"sparkline_months": spark, "findings_shown": list(findings[:3])}
    from reports import formatting as fmt

    note = (
        f"Changes: ▲ rose, ▼ fell by the brief's exact test at the {fmt.level(alpha)} level, otherwise no clear "
        'change; below the smallest base for a percentage the two counts are given ("from 2 to 19").'
    )
    return PageOne(tuple(tiles), tuple(findings[:3]), note)
