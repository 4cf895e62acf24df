"""Charts of the brief: one function per chart, tidy DataFrame in, matplotlib Figure out.

Each chart is registered as a :class:`FigureSpec` (its data function, its plot
function, its caption). The brief and ``secbrief figures`` both draw from the
registry, so a chart in a paper is exactly the chart in the brief, and the CSV
beside it holds exactly the values plotted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis.periods import Period

BriefKind = Literal["monthly", "quarterly", "annual"]


def default_boundaries() -> Path:
    """The shipped province boundaries.

    Natural Earth (public domain), FATA merged into Khyber Pakhtunkhwa by ``tools/make_boundaries.py``.
    """
    from analysis._assets import data_file

    return data_file("boundaries", "pakistan-provinces.geojson")


def brief_boundaries(configured: Path | None, *, region: str | None) -> Path | None:
    """The boundary file a brief's map uses: the configured one, else (national briefs) the shipped one.

    A regional brief has a map only when a (district) boundary file is configured.
    """
    if configured is not None:
        return Path(configured)
    return default_boundaries() if region is None else None


@dataclass(frozen=True)
class FigureSpec:
    """A chart: how to get its data, how to draw it, how to caption it."""

    name: str
    title: str
    kinds: tuple[str, ...]
    data: Callable[[pd.DataFrame, Period], pd.DataFrame]
    plot: Callable[..., object]
    caption: Callable[[pd.DataFrame, Period], str]
    alt: Callable[[pd.DataFrame, Period], str]
    #: The title for the data drawn, when it depends on them (a panel the source does not record)
    retitle: Callable[[pd.DataFrame], str] | None = None


@dataclass(frozen=True)
class DrawnFigure:
    """A chart drawn for one brief: its data, SVG and captions."""

    name: str
    title: str
    caption: str
    alt: str
    data: pd.DataFrame
    svg: str
    numbers: dict = field(default_factory=dict)


def figure_numbers(name: str, data: pd.DataFrame, period: Period) -> dict:
    """The numbers a chart shows, for the numbers JSON: every plotted value and every printed total.

    ``values``: the chart's data as records (what is plotted); ``totals``: the numbers
    printed on the chart beside the data (panel totals, year-to-date end labels).
    """
    import math

    def plain(v: object) -> object:
        if hasattr(v, "item"):
            v = v.item()  # numpy scalar
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if isinstance(v, (pd.Timestamp, pd.Period)):
            return str(v)
        return v if isinstance(v, (int, float, str, bool)) or v is None else str(v)

    out: dict = {"values": [{str(k): plain(v) for k, v in r.items()} for r in data.to_dict("records")]}
    for k, v in data.attrs.items():  # what the chart could not place (imprecise dates), as its caption says
        out[str(k)] = v
    if name == "by-province" and len(data):
        key = data.columns[0]
        out["totals"] = {str(a): int(v) for a, v in data.groupby(key, sort=False)["killed_total"].sum().items()}
    if name == "map" and len(data):  # the legend's class limits and the labels printed on the map
        from reports import formatting as fmt
        from reports.figures.map import legend_classes

        level = "province" if "killed_per_million" in data and data["killed_per_million"].notna().any() else "district"
        by_rate, bounds = legend_classes(data, level)
        out["legend"] = {"by_rate": by_rate, "class_lower_bounds": bounds}
        if by_rate:
            shown = data.loc[data["in_brief"] & data["on_map"] & data["killed_per_million"].notna()]
            out["labels"] = {
                str(a): fmt.rate(float(r)) for a, r in zip(shown["area"], shown["killed_per_million"], strict=True)
            }
    if name == "year-to-date" and len(data):
        cur, last, v = _ytd_ends(data)
        out["totals"] = {f"{m}_{cur}": a for m, (a, _b) in v.items()} | {
            f"{m}_{last}_same_day": b for m, (_a, b) in v.items()
        }
    return out


def _months_label(months: pd.Series) -> str:
    ms = sorted(months.unique())
    return f"{pd.Period(ms[0]):%B %Y} to {pd.Period(ms[-1]):%B %Y}"


def _unplaced_text(d: pd.DataFrame, where: str) -> str:
    """The caption's note on incidents the chart could not place, e.g. "Not shown: 1,480 deaths in 3 incidents ..."."""
    u = d.attrs.get("unplaced") or {}
    n = int(u.get("incidents", 0))
    if not n:
        return ""
    k = int(u.get("killed_total", 0))
    deaths = f"{k:,} {'death' if k == 1 else 'deaths'} in " if k else ""
    text = f" Not shown: {deaths}{n:,} {'incident' if n == 1 else 'incidents'} dated too imprecisely to place {where}"
    big = [sp for sp in u.get("spans", []) if sp[1] in ("month", "year") and sp[2] > 0][:1]
    if big:
        label, _, killed = big[0]
        text += f" (dated only to {label})" if killed == k else f" ({killed:,} of the deaths dated only to {label})"
    return text + "."


def _recorded_only(frame: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """Leave out the killed categories the source does not record (blank in every row): never a line of zeros."""
    from analysis.capabilities import present

    if present(frame)["victims"]:
        return data
    out = data.loc[~data["measure"].isin(("killed_security", "killed_civilians", "killed_militants"))]
    out.attrs = dict(data.attrs)
    return out


def _trend_caption(d: pd.DataFrame, p: Period) -> str:
    band = (
        " Grey band: the same mean of the range of all killed, from the incidents' low and high estimates."
        if "killed_low" in set(d["measure"])
        else ""
    )
    by_category = "killed_security" in set(d["measure"])
    what = (
        "by category" if by_category else "(the source does not record who was killed, so no line by category is drawn)"
    )
    return (
        f"People killed per month {what}, {_months_label(d['month'])}; "
        "thick line: trailing 12-month mean of all killed"
        + (" (including category not stated)." if by_category else ".")
        + band
        + " Incidents are counted in the month they started; one dated only to a week, month or year only in a "
        "month that wholly contains its dates." + _unplaced_text(d, "in one month")
    )


def _trend_alt(d: pd.DataFrame, p: Period) -> str:
    tot = d.loc[d["measure"] == "killed_total"]
    hi = tot.loc[tot["value"].idxmax()]
    last = tot.iloc[-1]
    return (
        f"Line chart of monthly deaths by category over 36 months. All killed peaked at {int(hi['value'])} "
        f"in {pd.Period(hi['month']):%B %Y}; in {pd.Period(last['month']):%B %Y} there were {int(last['value'])}."
    )


def _ytd_ends(d: pd.DataFrame) -> tuple[int, int, dict[str, tuple[int, int]]]:
    years = sorted(d["year"].unique())
    cur, last = int(years[-1]), int(years[0])
    end = d.loc[d["year"] == cur, "date"].max()
    same = f"{last}{end[4:]}" if end[5:] != "02-29" else f"{last}-02-28"
    out = {}
    for m in ("incidents", "killed_total"):
        a = d.loc[(d["year"] == cur) & (d["measure"] == m), "cumulative"].iloc[-1]
        b = d.loc[(d["year"] == last) & (d["measure"] == m) & (d["date"] <= same), "cumulative"].iloc[-1]
        out[m] = (int(a), int(b))
    return cur, last, out


def _ytd_caption(d: pd.DataFrame, p: Period) -> str:
    cur, last, v = _ytd_ends(d)
    band = (
        " Grey band: range of the cumulative deaths from the incidents' low and high estimates."
        if "killed_low" in set(d["measure"])
        else ""
    )
    return (
        f"Cumulative incidents and people killed from 1 January to {p.end.day} {p.end:%B} {cur} (solid), "
        f"against {last} (dashed; the dot marks {last} on the same day): {v['incidents'][0]:,} incidents "
        f"against {v['incidents'][1]:,}, {v['killed_total'][0]:,} killed against {v['killed_total'][1]:,}."
        + band
        + " Incidents are counted on the day they started; one dated only to a week or month from the last day it "
        "may belong to." + _unplaced_text(d, f"in 1 January–{p.end.day} {p.end:%B} {p.end.year}")
    )


def _ytd_alt(d: pd.DataFrame, p: Period) -> str:
    cur, last, v = _ytd_ends(d)
    return (
        f"Two step charts of cumulative counts through the year. By {p.end.day} {p.end:%B}, {cur} had "
        f"{v['incidents'][0]:,} incidents and {v['killed_total'][0]:,} deaths; {last} had "
        f"{v['incidents'][1]:,} and {v['killed_total'][1]:,} by the same day."
    )


def _provinces_caption(d: pd.DataFrame, p: Period) -> str:
    key = d.columns[0]
    what = "province and territory" if key == "province" else "district (the seven with most deaths, the rest summed)"
    if d.empty:
        return f"People killed per month in each {what}: none in the 36 months to {p.end:%B %Y}."
    return (
        f"People killed per month in each {what}, {_months_label(d['month'])}, most affected first. "
        "Every panel has the same vertical scale; the number at the top right of a panel is its total "
        "over the period."
    )


def _provinces_alt(d: pd.DataFrame, p: Period) -> str:
    key = d.columns[0]
    tot = d.groupby(key, sort=False)["killed_total"].sum()
    if tot.empty:
        return f"No deaths were recorded in any {key} in the 36 months."
    parts = ", ".join(f"{a} {int(v):,}" for a, v in tot.head(4).items())
    return f"Small multiple line charts of monthly deaths by {key}. Totals over 36 months: {parts}."


def _groups_title(d: pd.DataFrame) -> str:
    panels = set(d["panel"])
    if panels == {"perpetrator"}:
        return "Deaths by group named"
    if panels == {"method"}:
        return "Deaths by method"
    return "Deaths by group named and by method"


def _groups_caption(d: pd.DataFrame, p: Period) -> str:
    panels = set(d["panel"])
    if panels == {"perpetrator"}:
        what = "by the group named in the reports (the source does not record the method)"
    elif panels == {"method"}:
        what = "by method (the source does not name the perpetrator)"
    else:
        what = "by the group named in the reports (left) and by method (right)"
    return (
        f"People killed in {p.label} {what}; in "
        "brackets, the number of incidents. Grey bars: no group named, or groups beyond the eighth summed "
        "as Others. Deaths in an incident count under the group named for it, whoever was killed."
    )


def _groups_alt(d: pd.DataFrame, p: Period) -> str:
    parts = []
    for key, name in (("perpetrator", "group"), ("method", "method")):
        s = d.loc[d["panel"] == key]
        if len(s):
            r = s.iloc[0]
            parts.append(
                f"deadliest {name}: {r['label']} with {int(r['killed_total']):,} killed in "
                f"{int(r['incidents']):,} incidents"
            )
    return "Horizontal bar charts of deaths by group and by method; " + ("; ".join(parts) or "no incidents") + "."


def _annual_caption(d: pd.DataFrame, p: Period) -> str:
    band = " Whiskers: range of all killed from the incidents' low and high estimates." if "killed_low" in d else ""
    return (
        f"People killed per year by category, {int(d['year'].iloc[0])}–{int(d['year'].iloc[-1])} "
        "(not stated: deaths the source does not assign to a category); lower panel: incidents per year." + band
    )


def _annual_alt(d: pd.DataFrame, p: Period) -> str:
    hi = d.loc[d["killed_total"].idxmax()]
    last = d.iloc[-1]
    return (
        f"Stacked bar chart of deaths per year over ten years. The deadliest year was {int(hi['year'])} with "
        f"{int(hi['killed_total']):,} killed; {int(last['year'])} had {int(last['killed_total']):,} killed in "
        f"{int(last['incidents']):,} incidents."
    )


def _map_caption(level: str, shipped: bool) -> Callable[[pd.DataFrame, Period], str]:
    def caption(d: pd.DataFrame, p: Period) -> str:
        inside = d.loc[d["in_brief"] & d["on_map"]]
        rates = inside["killed_per_million"] if "killed_per_million" in inside else pd.Series(dtype=float)
        if level == "province" and rates.notna().any():
            text = (
                f"People killed per million inhabitants a year in {p.label}, by province (the provinces "
                "table's annualised rate; census populations, see Methods); labels give the rate and the "
                "number killed."
            )
            missing = sorted(set(inside.loc[rates.isna(), "area"]))
            if missing:
                text += f" No census population for {' and '.join(missing)}: hatched, with the number killed."
        else:
            text = f"People killed in {p.label} by {level}."
        text += " Class limits on a 1–2–5 scale."
        if level == "province" and (d["unit"] != d["area"]).any():
            text += " The former tribal areas (FATA) are shown as part of Khyber Pakhtunkhwa."
        off = d.loc[~d["on_map"]]
        if len(off):
            names = ", ".join(f"{a} ({int(k):,})" for a, k in zip(off["area"], off["killed_total"], strict=True))
            text += f" Not on the map (no matching boundary): {names}."
        if shipped:
            text += " Boundaries: Made with Natural Earth."
        return text

    return caption


def _map_alt(d: pd.DataFrame, p: Period) -> str:
    s = d.loc[d["in_brief"] & d["on_map"]].drop_duplicates("area").sort_values("killed_total", ascending=False)
    parts = ", ".join(f"{a} {int(k):,}" for a, k in zip(s["area"].head(3), s["killed_total"].head(3), strict=True))
    rated = "killed_per_million" in d and bool(d["killed_per_million"].notna().any())
    how = "deaths per million inhabitants" if rated else "deaths"
    return f"Map shaded by {how} in {p.label}; most deaths: {parts or 'none'}."


ALL_KINDS = ("monthly", "quarterly", "annual")
#: Width (inches) of the map as page one prints it (44 % of the text column), so labels print near
#: 8 pt; ``secbrief figures --width`` overrides it.
MAP_WIDTH = 3.5


def _with_events(
    plot: Callable[..., object],
    caption: Callable[[pd.DataFrame, Period], str],
    events: Sequence,
    region: str | None,
    span: Callable[[pd.DataFrame], tuple[pd.Timestamp, pd.Timestamp]],
    *,
    to_x: Callable[[pd.Timestamp], float] | None = None,
    numbered_axes: int | None = None,
) -> tuple[Callable[..., object], Callable[[pd.DataFrame, Period], str]]:
    """A chart's plot and caption with the notable events inside its plotted dates marked and listed.

    ``span(data)`` gives the first and last day the chart plots; ``to_x`` places a date on its x
    axis (default: matplotlib date numbers); every panel gets the lines, the first
    ``numbered_axes`` (default all) also the numbers.
    """
    from reports.figures.events import events_caption, events_for, mark_events

    def window(d: pd.DataFrame) -> tuple:
        start, end = span(d)
        return events_for(events, start, end, region=region)

    def plot_marked(d: pd.DataFrame, **kw: object) -> object:
        fig = plot(d, **kw)
        marks = window(d)
        if marks:
            axes = [kw["ax"]] if kw.get("ax") is not None else list(fig.axes)  # type: ignore[attr-defined]
            for i, a in enumerate(axes):
                numbers = numbered_axes is None or i < numbered_axes
                mark_events(a, marks, to_x=to_x, numbers=numbers, suffix=f"-{i + 1}" if i else "")
        return fig

    def caption_listed(d: pd.DataFrame, p: Period) -> str:
        return caption(d, p) + events_caption(window(d))

    return plot_marked, caption_listed


def _months_span(d: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a monthly chart's months."""
    months = pd.PeriodIndex(d["month"], freq="M")
    return months.min().start_time, months.max().end_time.normalize()


def _ytd_span(d: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """1 January to the last day of this year's line of the year-to-date chart."""
    cur = int(d["year"].max())
    return pd.Timestamp(cur, 1, 1), pd.Timestamp(d.loc[d["year"] == cur, "date"].max()).normalize()


def _years_span(d: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """1 January of the first year to 31 December of the last year of the ten-year chart."""
    return pd.Timestamp(int(d["year"].min()), 1, 1), pd.Timestamp(int(d["year"].max()), 12, 31)


def _on_year_bars(t: pd.Timestamp) -> float:
    """A date on the ten-year chart, whose year ``y`` is a bar centred on ``y``: from y − 0.5 to y + 0.5."""
    days = 366 if t.is_leap_year else 365
    return t.year - 0.5 + (t.day_of_year - 0.5) / days


def registry(
    *, boundaries: Path | str | None = None, region: str | None = None, events: Sequence = ()
) -> dict[str, FigureSpec]:
    """All charts, by name, in the order a brief shows them.

    The map is included only when a ``boundaries`` GeoJSON file is given; ``region``
    (a province) marks polygons outside it as not covered. ``events`` (``[[events]]`` of the
    configuration) are marked and listed on the monthly trend, year-to-date and ten-year charts
    where their date falls inside the plotted dates.
    """
    from reports.figures import annual, groups, outlook, provinces, trend, ytd

    trend_plot: Callable[..., object] = trend.plot_monthly_trend
    trend_caption: Callable[[pd.DataFrame, Period], str] = _trend_caption
    ytd_plot: Callable[..., object] = ytd.plot_ytd
    ytd_caption: Callable[[pd.DataFrame, Period], str] = _ytd_caption
    years_plot: Callable[..., object] = annual.plot_ten_years
    years_caption: Callable[[pd.DataFrame, Period], str] = _annual_caption
    if events:
        trend_plot, trend_caption = _with_events(trend_plot, trend_caption, events, region, _months_span)
        ytd_plot, ytd_caption = _with_events(ytd_plot, ytd_caption, events, region, _ytd_span, to_x=ytd.on_chart)
        years_plot, years_caption = _with_events(
            years_plot, years_caption, events, region, _years_span, to_x=_on_year_bars, numbered_axes=1
        )

    specs = [
        FigureSpec(
            "monthly-trend",
            "Deaths by category, last 36 months",
            ALL_KINDS,
            lambda f, p: _recorded_only(f, trend.monthly_trend_data(f, p)),
            trend_plot,
            trend_caption,
            _trend_alt,
        ),
        FigureSpec(
            "year-to-date",
            "Year to date against last year",
            ("monthly", "quarterly"),
            ytd.ytd_data,
            ytd_plot,
            ytd_caption,
            _ytd_alt,
        ),
        FigureSpec(
            "by-province",
            "Deaths by province, last 36 months" if region is None else "Deaths by district, last 36 months",
            ALL_KINDS,
            lambda f, p: provinces.province_months_data(f, p),
            provinces.plot_province_months,
            _provinces_caption,
            _provinces_alt,
        ),
        FigureSpec(
            "groups-methods",
            "Deaths by group named and by method",
            ALL_KINDS,
            lambda f, p: groups.groups_data(f, p),
            groups.plot_groups,
            _groups_caption,
            _groups_alt,
            _groups_title,
        ),
        FigureSpec(
            "outlook",
            "Outlook: the next three months",
            ("monthly", "quarterly"),
            outlook.outlook_data,
            outlook.plot_outlook,
            outlook.outlook_caption,
            outlook.outlook_alt,
        ),
        FigureSpec(
            "ten-years",
            "Deaths by category, ten years",
            ("annual",),
            lambda f, p: annual.ten_year_data(f, p),
            years_plot,
            years_caption,
            _annual_alt,
        ),
    ]
    if boundaries is not None:
        from reports.figures import map as map_

        b = map_.read_boundaries(boundaries)
        specs.append(
            FigureSpec(
                "map",
                f"Deaths by {b.level} in the period",
                ALL_KINDS,
                lambda f, p: map_.map_data(f, p, b, region=region),
                # drawn at the width page one shows it, so labels print at about 8 pt
                lambda d, **kw: map_.plot_map(d, b, **{"width": MAP_WIDTH, **kw}),
                _map_caption(b.level, Path(boundaries).resolve() == default_boundaries().resolve()),
                _map_alt,
            )
        )
    return {s.name: s for s in specs}


def draw(spec: FigureSpec, frame: pd.DataFrame, period: Period, *, style: str = "brief") -> DrawnFigure:
    """Compute a chart's data, draw it and return it with its SVG.

    Works on its own in any process (e.g. a worker forked after the incidents were
    loaded): it needs only its arguments, never imports ``matplotlib.pyplot``, and
    returns a picklable :class:`DrawnFigure` (strings and a plain DataFrame).
    """
    from reports.figures.export import to_svg

    data = spec.data(frame, period)
    title = spec.retitle(data) if spec.retitle is not None else spec.title
    fig = spec.plot(data, style=style)
    svg = to_svg(fig, title=title)  # type: ignore[arg-type]
    return DrawnFigure(
        spec.name,
        title,
        spec.caption(data, period),
        spec.alt(data, period),
        data,
        svg,
        figure_numbers(spec.name, data, period),
    )


def brief_figures(
    frame: pd.DataFrame,
    period: Period,
    *,
    kind: BriefKind,
    style: str = "brief",
    boundaries: Path | None = None,
    region: str | None = None,
    events: Sequence = (),
) -> list[DrawnFigure]:
    """Every chart of a brief of ``kind``, drawn for ``period`` on ``frame`` (already restricted to the region).

    Parameters
    ----------
    boundaries
        GeoJSON file of province or district polygons; the map is drawn only when given.
    region
        The province the brief covers, if any (the map greys out the rest). When not
        given and ``frame`` holds one province only, that province (as the small
        multiples then show its districts).
    """
    from reports.figures.provinces import area_key

    if region is None and area_key(frame) == "district":
        region = str(frame["province"].dropna().iloc[0])
    specs = registry(boundaries=boundaries, region=region, events=events)
    return [draw(s, frame, period, style=style) for s in specs.values() if kind in s.kinds]


def warm() -> None:
    """Import what drawing the brief's charts needs and draw a tiny chart once.

    Used by the figure worker (:mod:`reports._prefork`) while the main process reads
    the data: the matplotlib imports, the font list and the SVG backend are then ready
    when the real charts are drawn.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from reports.figures import groups, provinces, trend, ytd  # noqa: F401
    from reports.figures.export import to_svg
    from reports.figures.style import house_style

    with house_style("brief"):
        fig = Figure(figsize=(1, 1))
        ax = fig.add_subplot()
        ax.bar([0, 1], [1, 2])
        ax.set_title("0123456789 warm")
        to_svg(fig)
