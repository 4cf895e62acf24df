"""Results → context: plain dataclasses with every number already formatted.

``build_context`` computes each section of a brief from the incidents with the
:mod:`analysis` functions and records every number it shows twice: formatted, in the
section dataclasses the templates read, and raw, in ``BriefContext.numbers`` (the
numbers JSON). Templates never compute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from analysis import schema
from analysis.changes import PeriodChange, compare_counts, compare_deaths, incident_values
from analysis.counts import UNKNOWN, Totals, count_table, in_period, totals
from analysis.gazetteer import reporting_provinces
from analysis.incidents import Incidents
from analysis.periods import Period, previous_period, same_period_last_year, year_to_date
from analysis.population import population
from reports import formatting as fmt
from reports.config import Config

BriefKind = Literal["monthly", "quarterly", "annual"]
KIND_OF_PERIOD = {"month": "monthly", "quarter": "quarterly", "year": "annual"}

#: Headline rows: measure, label, indent.
HEADLINE_MEASURES: tuple[tuple[str, str, bool], ...] = (
    ("incidents", "Incidents", False),
    ("attacks", "Militant attacks", True),
    ("operations", "Security operations", True),
    ("clashes", "Clashes and other", True),
    ("killed_total", "People killed", False),
    ("killed_security", "Security forces", True),
    ("killed_civilians", "Civilians", True),
    ("killed_militants", "Militants", True),
    ("killed_unknown", "Not stated", True),
    ("injured_total", "People injured", False),
)
CATEGORY_LABELS = {
    "killed_security": "Security forces",
    "killed_civilians": "Civilians",
    "killed_militants": "Militants",
    "killed_unknown": "Not stated",
}
METHOD_LABELS = {
    "armed_assault": "Armed assault",
    "bombing": "Bombing (IED)",
    "suicide_bombing": "Suicide bombing",
    "targeted_killing": "Targeted killing",
    "kidnapping": "Kidnapping",
    "rocket_mortar": "Rocket or mortar",
    "drone_strike": "Drone strike",
    "other": "Other",
    "unknown": "Not stated",
}
EVENT_LABELS = {"attack": "Attack", "operation": "Operation", "clash": "Clash", "other": "Other"}


@dataclass(frozen=True)
class Comparison:
    """One comparison of a headline number, formatted."""

    label: str
    previous: str
    phrase: str
    verdict: str
    detail: str


@dataclass(frozen=True)
class HeadlineRow:
    """One measure of the headline table: its value and its comparisons, formatted."""

    key: str
    label: str
    indent: bool
    value: str
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, whether it is a number (right-aligned), and a CSS class."""

    text: str
    numeric: bool = True
    css: str = ""


@dataclass(frozen=True)
class Table:
    """A table with formatted cells; the first column is the row label."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    note: str = ""


@dataclass(frozen=True)
class FigureCtx:
    """A chart as the template shows it: SVG, title, caption, alt text, source line and section."""

    name: str
    title: str
    caption: str
    alt: str
    svg: str
    source: str
    section: str = "trends"


@dataclass(frozen=True)
class IncidentCtx:
    """One of the deadliest incidents, formatted for the list."""

    date: str
    place: str
    kind: str
    perpetrator: str
    killed: str
    killed_split: str
    injured: str
    description: str


@dataclass(frozen=True)
class MethodsCtx:
    """The methods and data section: source, fingerprint, rows, definitions, statistics, denominators."""

    data_name: str
    source: str
    file: str
    fingerprint: str
    coverage: str
    rows: str
    excluded: str
    denominators: tuple[str, ...]
    definitions: tuple[str, ...]
    statistics: tuple[str, ...]
    software: str


@dataclass
class BriefContext:
    """Everything a brief template shows, formatted; ``numbers`` holds the raw values."""

    kind: BriefKind
    title: str
    organisation: str
    period_label: str
    period_slug: str
    region_label: str
    data_date: str
    synthetic: bool
    language: str
    sections: dict[str, bool]
    headline: tuple[HeadlineRow, ...] = ()
    headline_columns: tuple[str, ...] = ()
    headline_note: str = ""
    summary: str = ""
    findings: tuple[str, ...] = ()
    regions: Table | None = None
    regions_title: str = ""
    figures: tuple[FigureCtx, ...] = ()
    perpetrators: Table | None = None
    methods_table: Table | None = None
    suicide: str = ""
    deadliest: tuple[IncidentCtx, ...] = ()
    deadliest_note: str = ""
    ten_year: Table | None = None
    records: tuple[str, ...] = ()
    revisions: tuple[str, ...] = ()
    revisions_intro: str = ""
    methods: MethodsCtx | None = None
    outlook: Any = None  # reports.outlook.OutlookSection (monthly and quarterly briefs)
    numbers: dict[str, Any] = field(default_factory=dict)


def brief_kind(period: Period) -> BriefKind:
    """Edition for a period: monthly, quarterly or annual."""
    try:
        return KIND_OF_PERIOD[period.kind]  # type: ignore[return-value]
    except KeyError:
        from analysis.errors import PeriodError

        raise PeriodError(f"a brief covers a month, a quarter or a year, not '{period.slug}'") from None


def _measure(t: Totals, m: str) -> int:
    """A total's value; ``clashes`` are the incidents neither attacks nor operations (clash, other)."""
    return t.incidents - t.attacks - t.operations if m == "clashes" else t.value(m)


def _value(t: Totals, m: str) -> str:
    if _not_recorded(t, m):
        return "not recorded"
    return fmt.at_least(_measure(t, m), t.at_least(m))


def _not_recorded(t: Totals, m: str) -> bool:
    return t.incidents > 0 and t.unknown.get(m, 0) == t.incidents


#: Measures whose units cluster within incidents (compared with the incident-level test).
CLUSTERED = {
    "killed_total",
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
    "injured_total",
}


def compare_measure(
    frame: pd.DataFrame, m: str, cp: Period, pp: Period, cfg: Config, cur: int | None = None, prev: int | None = None
) -> PeriodChange:
    """Compare a measure between two periods with the right test.

    Counts of incidents: exact conditional test for two Poisson rates. Deaths and
    injuries cluster in incidents (one bombing kills 40), so they are compared at the
    level of incidents (:func:`analysis.changes.compare_deaths`).
    """
    if m in CLUSTERED:
        return compare_deaths(
            incident_values(frame, m, cp).to_numpy(),
            incident_values(frame, m, pp).to_numpy(),
            current_days=cp.days,
            previous_days=pp.days,
            alpha=cfg.alpha,
            min_base=cfg.min_base,
        )
    assert cur is not None and prev is not None
    return compare_counts(
        cur, prev, current_days=cp.days, previous_days=pp.days, alpha=cfg.alpha, min_base=cfg.min_base
    )


def _comparison(
    frame: pd.DataFrame,
    label: str,
    cur: Totals,
    prev: Totals,
    m: str,
    cp: Period,
    pp: Period,
    cfg: Config,
    numbers: dict[str, Any],
) -> Comparison:
    if _not_recorded(cur, m) or _not_recorded(prev, m):
        numbers[m] = {"previous": None, "phrase": "not recorded in the data", "verdict": "not recorded"}
        return Comparison(label, _value(prev, m), "not recorded in the data", "not recorded", "")
    c = compare_measure(frame, m, cp, pp, cfg, _measure(cur, m), _measure(prev, m))
    numbers[m] = _change_numbers(c, prev.at_least(m))
    detail = f"{fmt.interval(c)}, {fmt.p_value(c.p_value)}" if math.isfinite(c.ratio) else fmt.interval(c)
    return Comparison(label, _value(prev, m), fmt.change_phrase(c), c.verdict, detail)


def _change_numbers(c: PeriodChange, previous_partial: bool) -> dict[str, Any]:
    def clean(x: float | None) -> float | None:
        return None if x is None or not math.isfinite(x) else round(x, 6)

    return {
        "previous": c.previous,
        "previous_at_least": previous_partial,
        "difference": c.difference,
        "percent": None if c.percent is None else round(c.percent, 1),
        "percent_text": fmt.percent(c.percent) if c.percent is not None else None,
        "phrase": fmt.change_phrase(c),
        "rate_ratio": clean(c.ratio),
        "ci_low": clean(c.ci_low),
        "ci_high": clean(c.ci_high),
        "p_value": round(c.p_value, 6),
        "verdict": c.verdict,
        "method": c.method,
    }


def _headline(
    frame: pd.DataFrame, p: Period, kind: BriefKind, cfg: Config, numbers: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[HeadlineRow, ...]]:
    cur = totals(frame, p)
    comps: list[tuple[str, Period, Period]] = []
    prev = previous_period(p)
    comps.append((f"vs {prev.label}", p, prev))
    if kind != "annual":
        last = same_period_last_year(p)
        comps.append((f"vs {last.label}", p, last))
        ytd = year_to_date(p)
        ytd_prev = same_period_last_year(ytd)
        comps.append((f"Year to date vs {ytd_prev.start.year}", ytd, ytd_prev))
    rows = []
    num_rows: dict[str, Any] = {}
    cache: dict[Period, Totals] = {p: cur}
    for q in {q for _, a, b in comps for q in (a, b)}:
        if q not in cache:
            cache[q] = totals(frame, q)
    has_clashes = any(t.incidents - t.attacks - t.operations > 0 for t in cache.values())
    for m, label, indent in HEADLINE_MEASURES:
        if m == "clashes" and not has_clashes:
            continue
        entry: dict[str, Any] = {
            "value": _measure(cur, m),
            "at_least": cur.at_least(m),
            "unknown_incidents": cur.unknown.get(m, 0),
            "text": _value(cur, m),
            "comparisons": {},
        }
        cs = []
        for key_label, a, b in comps:
            for q in (a, b):
                if q not in cache:
                    cache[q] = totals(frame, q)
            ta, tb = cache[a], cache[b]
            sub: dict[str, Any] = {}
            c = _comparison(frame, key_label, ta, tb, m, a, b, cfg, sub)
            sub[m].update(
                {
                    "current": _measure(ta, m),
                    "current_at_least": ta.at_least(m),
                    "current_period": a.slug,
                    "previous_period": b.slug,
                }
            )
            entry["comparisons"][key_label] = sub[m]
            cs.append(c)
        num_rows[m] = entry
        rows.append(HeadlineRow(m, label, indent, _value(cur, m), tuple(cs)))
    numbers["headline"] = num_rows
    if cur.range_incidents:
        numbers["headline"]["killed_range"] = {
            "low": cur.killed_low,
            "high": cur.killed_high,
            "incidents_with_range": cur.range_incidents,
        }
    return tuple(c[0] for c in comps), tuple(rows)


def _summary(rows: tuple[HeadlineRow, ...], p: Period, region_label: str) -> str:
    """The opening paragraph: what happened, in the brief's own formatted numbers."""
    by = {r.key: r for r in rows}

    def cap(text: str) -> str:
        return text[:1].upper() + text[1:]

    kinds = [f"{by['attacks'].value} militant attacks", f"{by['operations'].value} security operations"]
    if "clashes" in by:
        kinds.append(f"{by['clashes'].value} clashes or other events")
    kinds_text = ", ".join(kinds[:-1]) + " and " + kinds[-1]
    injured = by["injured_total"].value
    injured_text = "the data do not record the injured" if injured == "not recorded" else f"{injured} were injured"
    first = by["killed_total"].comparisons[0]
    if first.verdict == "not recorded":
        change = ""
    elif first.verdict == "little changed":
        change = f" Compared with {first.label[3:]}, deaths were {first.phrase}."
    else:
        change = f" Compared with {first.label[3:]}, deaths {first.phrase}."
    return (
        f"In {p.label}, {by['incidents'].value} incidents ({kinds_text}) were recorded in {region_label}. "
        f"{cap(by['killed_total'].value)} people were killed — {by['killed_security'].value} members of the "
        f"security forces, {by['killed_civilians'].value} civilians and {by['killed_militants'].value} "
        f"militants — and {injured_text}.{change}"
    )


def _rate_per_million(killed: int, unit: str, p: Period) -> tuple[float | None, str | None]:
    mid = p.start + (p.end - p.start) / 2
    when = mid.year + (mid.day_of_year - 0.5) / (366 if mid.is_leap_year else 365)
    try:
        den = population(unit, when)
    except KeyError:
        return None, None
    years = p.days / 365.25
    return killed / den.population / years * 1e6, den.method


def _regions(frame: pd.DataFrame, p: Period, key: str, cfg: Config, numbers: dict[str, Any]) -> Table:
    measures = [
        "incidents",
        "killed_security",
        "killed_civilians",
        "killed_militants",
        "killed_unknown",
        "killed_total",
        "injured_total",
    ]
    cur = count_table(frame, by=[key], measures=measures, period=p)
    prev_p, last_p = previous_period(p), same_period_last_year(p)
    prev = count_table(frame, by=[key], measures=["killed_total"], period=prev_p).set_index(key)["killed_total"]
    last = count_table(frame, by=[key], measures=["killed_total"], period=last_p).set_index(key)["killed_total"]
    if key == "province":
        keep = cur[key].isin(reporting_provinces()) | (cur[measures].sum(axis=1) > 0)
    else:
        active = (cur[measures].sum(axis=1) > 0) | cur[key].map(lambda k: prev.get(k, 0) + last.get(k, 0) > 0)
        keep = active
    cur = cur.loc[keep]
    rows = []
    num: dict[str, Any] = {}
    annualise = key == "province"
    for _, r in cur.iterrows():
        name = str(r[key])
        rate, _how = _rate_per_million(int(r["killed_total"]), name, p) if annualise else (None, None)
        sub = frame.loc[frame[key].astype("string").fillna(UNKNOWN) == name]
        c_prev = compare_measure(sub, "killed_total", p, prev_p, cfg)
        c_last = compare_measure(sub, "killed_total", p, last_p, cfg)
        label = "Province not stated" if name == UNKNOWN else name
        cells = [Cell(label, numeric=False)]
        for m in measures:
            partial = int(r.get(f"{m}_unknown", 0)) > 0
            cells.append(Cell(fmt.integer(r[m]) + ("*" if partial else "")))
        if annualise:
            cells.append(Cell(fmt.rate(rate) if rate is not None else "–"))
        cells.append(Cell(_short_change(c_prev), css=_verdict_css(c_prev)))
        cells.append(Cell(_short_change(c_last), css=_verdict_css(c_last)))
        rows.append(tuple(cells))
        num[name] = {m: int(r[m]) for m in measures} | {
            "unknown_incidents": {m: int(r[f"{m}_unknown"]) for m in measures if f"{m}_unknown" in r},
            "killed_per_million_per_year": None if rate is None else round(rate, 1),
            "killed_vs_previous": _change_numbers(c_prev, False),
            "killed_vs_last_year": _change_numbers(c_last, False),
        }
    tot = cur[measures].sum()
    total = [Cell("Total", numeric=False)] + [Cell(fmt.integer(tot[m])) for m in measures]
    if key == "province":
        rate, _ = _rate_per_million(int(tot["killed_total"]), "Pakistan", p)
        total.append(Cell(fmt.rate(rate) if rate is not None else "–"))
    total += [Cell(""), Cell("")]
    numbers["regions"] = num
    columns = (
        ("Province" if key == "province" else "District"),
        "Incidents",
        "Security forces",
        "Civilians",
        "Militants",
        "Not stated",
        "Killed",
        "Injured",
        *(("Killed per million a year",) if annualise else ()),
        f"Killed vs {prev_p.label}",
        f"Killed vs {last_p.label}",
    )
    rates_note = (
        "Rates use census populations (see Methods); AJK and Gilgit-Baltistan have no census denominator. "
        if annualise
        else ""
    )
    note = (
        "* some incidents do not state this count: the figure is a lower bound. " + rates_note + "Changes: "
        f"▲ rose, ▼ fell (exact test at the {fmt.level(cfg.alpha)} level), otherwise little changed; "
        f"percentages only on a base of {cfg.min_base} or more."
    )
    return Table(columns, tuple(rows), tuple(total), note)


def _short_change(c: PeriodChange) -> str:
    if c.verdict == "none in either period":
        return "–"
    arrow = {"rose": "▲ ", "fell": "▼ "}.get(c.verdict, "")
    if c.percent is None:
        return f"{arrow}{fmt.integer(c.previous)} → {fmt.integer(c.current)}"
    return f"{arrow}{fmt.percent(c.percent)}"


def _verdict_css(c: PeriodChange) -> str:
    return {"rose": "up", "fell": "down"}.get(c.verdict, "flat")


def _group_table(
    frame: pd.DataFrame,
    p: Period,
    key: str,
    labels: dict[str, str] | None,
    numbers: dict[str, Any],
    name: str,
    limit: int = 8,
) -> Table:
    measures = ["incidents", "attacks", "killed_total", "killed_security", "killed_civilians", "injured_total"]
    t = count_table(in_period(frame, p), by=[key], measures=measures, with_unknown=False)
    t = t.sort_values(["killed_total", "incidents", key], ascending=[False, False, True], kind="mergesort")
    t = t.loc[t["incidents"] > 0]
    shown = t.head(limit)
    rest = t.iloc[limit:]
    rows = []
    num = {}
    for _, r in shown.iterrows():
        raw = str(r[key])
        label = (labels or {}).get(raw, "Not stated" if raw == UNKNOWN else raw)
        rows.append((Cell(label, numeric=False), *[Cell(fmt.integer(r[m])) for m in measures]))
        num[raw] = {m: int(r[m]) for m in measures}
    if len(rest):
        s = rest[measures].sum()
        rows.append((Cell(f"Others ({len(rest)})", numeric=False), *[Cell(fmt.integer(s[m])) for m in measures]))
        num["others"] = {m: int(s[m]) for m in measures}
    tot = t[measures].sum()
    numbers[name] = num
    cols = (
        ("Group named" if key == "perpetrator" else "Method"),
        "Incidents",
        "Attacks",
        "Killed",
        "Security forces",
        "Civilians",
        "Injured",
    )
    return Table(cols, tuple(rows), (Cell("Total", numeric=False), *[Cell(fmt.integer(tot[m])) for m in measures]))


def _suicide(frame: pd.DataFrame, p: Period, cfg: Config, numbers: dict[str, Any]) -> str:
    """One sentence on suicide attacks in the period, against the previous period."""
    sb = frame.loc[frame["method"] == "suicide_bombing"]
    cur, prev_p = totals(sb, p), previous_period(p)
    prev = totals(sb, prev_p)
    c = compare_counts(
        cur.incidents,
        prev.incidents,
        current_days=p.days,
        previous_days=prev_p.days,
        alpha=cfg.alpha,
        min_base=cfg.min_base,
    )
    numbers["suicide_attacks"] = {
        "incidents": cur.incidents,
        "killed_total": cur.killed_total,
        "killed_at_least": cur.at_least("killed_total"),
        "injured_total": cur.injured_total,
        "vs_previous": _change_numbers(c, False),
    }
    if cur.incidents == 0 and prev.incidents == 0:
        return f"No suicide attack was recorded in {p.label} or {prev_p.label}."
    attacks = "suicide attack" if cur.incidents == 1 else "suicide attacks"
    return (
        f"{fmt.integer(cur.incidents)} {attacks} killed {fmt.at_least(cur.killed_total, cur.at_least('killed_total'))} "
        f"people and injured {fmt.at_least(cur.injured_total, cur.at_least('injured_total'))} in {p.label}; "
        f"compared with {prev_p.label}, the number {'was ' if c.verdict == 'little changed' else ''}"
        f"{fmt.change_phrase(c)}."
    )


def _deadliest(frame: pd.DataFrame, p: Period, n: int, numbers: dict[str, Any]) -> tuple[IncidentCtx, ...]:
    f = in_period(frame, p)
    f = f.loc[f["killed_total"].fillna(0) > 0]
    f = (
        f.assign(_k=f["killed_total"].fillna(0), _i=f["injured_total"].fillna(0))
        .sort_values(["_k", "_i", "date", "incident_id"], ascending=[False, False, True, True], kind="mergesort")
        .head(n)
    )
    out = []
    num = []
    for r in f.itertuples(index=False):
        place = (
            ", ".join(str(x) for x in (r.locality, r.district, r.province) if isinstance(x, str) and x)
            or "place not stated"
        )
        split = []
        for c in schema.KILLED_CATEGORIES:
            v = getattr(r, c)
            if pd.notna(v) and v > 0:
                split.append(f"{CATEGORY_LABELS[c].lower()} {int(v)}")
        kind = EVENT_LABELS.get(r.event_type, "–") if isinstance(r.event_type, str) else "–"
        if isinstance(r.method, str):
            kind += f", {METHOD_LABELS.get(r.method, r.method).lower()}"
        out.append(
            IncidentCtx(
                date=fmt.date_span(r.date, r.date_end),
                place=place,
                kind=kind,
                perpetrator=r.perpetrator if isinstance(r.perpetrator, str) and r.perpetrator else "not stated",
                killed=fmt.integer(r.killed_total),
                killed_split="; ".join(split) if split else "",
                injured=fmt.integer(r.injured_total) if pd.notna(r.injured_total) else "n/s",
                description=fmt.truncate(str(r.description), 320) if isinstance(r.description, str) else "",
            )
        )
        num.append(
            {
                "incident_id": r.incident_id,
                "date": f"{r.date:%Y-%m-%d}",
                "killed_total": int(r.killed_total),
                "injured_total": None if pd.isna(r.injured_total) else int(r.injured_total),
                **{c: (None if pd.isna(getattr(r, c)) else int(getattr(r, c))) for c in schema.KILLED_CATEGORIES},
            }
        )
    numbers["deadliest"] = num
    return tuple(out)


def _findings(
    frame: pd.DataFrame,
    p: Period,
    kind: BriefKind,
    cfg: Config,
    region: str | None,
    inc: Incidents,
    numbers: dict[str, Any],
) -> tuple[str, ...]:
    """Key findings from :func:`analysis.findings.findings` (the period's totals are in the summary).

    The negative-binomial trend finding needs statsmodels (seconds to import and fit), so
    it is part of the quarterly and annual editions, not the monthly one.
    """
    from analysis.findings import findings

    fs = findings(
        frame,
        p,
        region=region,
        alpha=cfg.alpha,
        min_base=cfg.min_base,
        coverage=inc.coverage,
        trend=kind != "monthly",
        max_n=None,
    )
    fs = tuple(f for f in fs if f.kind != "totals")[:6]
    numbers["findings"] = [{"id": f.id, "sentence": f.sentence, "numbers": f.numbers, "method": f.method} for f in fs]
    return tuple(f.sentence for f in fs)


def _ten_year(frame: pd.DataFrame, p: Period, numbers: dict[str, Any], region: str | None) -> Table:
    """Yearly totals for the ten years ending with ``p`` (annual edition)."""
    from analysis.periods import date_range

    first = p.start.year - 9
    span = date_range(f"{first}-01-01", p.end)
    measures = [
        "incidents",
        "attacks",
        "operations",
        "killed_security",
        "killed_civilians",
        "killed_militants",
        "killed_unknown",
        "killed_total",
        "injured_total",
    ]
    t = count_table(frame, by=["year"], measures=measures, period=span)
    rows = []
    num: dict[str, Any] = {}
    for _, r in t.iterrows():
        y = int(r["year"])
        rate, _ = _rate_per_million(
            int(r["killed_total"]), region or "Pakistan", Period("year", pd.Timestamp(y, 1, 1), pd.Timestamp(y, 12, 31))
        )
        cells = [Cell(str(y), numeric=False)]
        cells += [Cell(fmt.integer(r[m]) + ("*" if int(r.get(f"{m}_unknown", 0)) > 0 else "")) for m in measures]
        cells.append(Cell(fmt.rate(rate) if rate is not None else "–"))
        rows.append(tuple(cells))
        num[str(y)] = {m: int(r[m]) for m in measures} | {
            "killed_per_million": None if rate is None else round(rate, 1)
        }
    numbers["ten_year"] = num
    cols = (
        "Year",
        "Incidents",
        "Attacks",
        "Operations",
        "Security forces",
        "Civilians",
        "Militants",
        "Not stated",
        "Killed",
        "Injured",
        "Killed per million",
    )
    whose = f"{region}'s" if region else "the national"
    note = (
        f"* some incidents do not state this count: a lower bound. Killed per million uses {whose} census "
        "population, interpolated to each year (see Methods)."
    )
    return Table(cols, tuple(rows), None, note)


def _display_path(path: str | None) -> str:
    """A path as a reader should see it: the shipped demo data by name, others relative to the working folder."""
    from pathlib import Path

    from analysis._assets import data_dir

    if not path:
        return "in memory"
    p = Path(path).resolve()
    if p.is_relative_to(data_dir().resolve()):
        return f"shipped with secbrief (data/{p.relative_to(data_dir().resolve()).as_posix()})"
    try:
        return p.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(p)


def _methods(
    inc: Incidents, p: Period, cfg: Config, region: str | None, numbers: dict[str, Any], rejects_name: str | None = None
) -> MethodsCtx:
    from reports import __version__

    rep = inc.report
    cov = inc.coverage
    coverage = f"{fmt.date(cov[0])} to {fmt.date(cov[1])}" if cov else "no incidents"
    excluded = (
        "No rows were excluded."
        if rep.rejected == 0
        else (
            f"{rep.rejected:,} of {rep.rows_read:,} rows were rejected by validation and are excluded from every "
            f"figure; they are listed, with the reason for each, in {rejects_name or 'the validation report'}."
        )
    )
    mid = p.start + (p.end - p.start) / 2
    when = mid.year + (mid.day_of_year - 0.5) / 365.25
    units = (
        [region]
        if region
        else [
            *[u for u in reporting_provinces() if u not in ("Gilgit-Baltistan", "Azad Jammu and Kashmir")],
            "Pakistan",
        ]
    )
    dens = []
    for u in units:
        try:
            d = population(u, when)
        except KeyError:
            continue
        dens.append(f"{u}: {fmt.integer(d.population)} ({d.method})")
    numbers["methods"] = {
        "fingerprint": inc.fingerprint,
        "rows_read": rep.rows_read,
        "accepted": rep.accepted,
        "warned": rep.warned,
        "rejected": rep.rejected,
        "coverage": [f"{cov[0]:%Y-%m-%d}", f"{cov[1]:%Y-%m-%d}"] if cov else None,
    }
    return MethodsCtx(
        data_name=inc.dataset,
        source=inc.source,
        file=_display_path(inc.path),
        fingerprint=inc.fingerprint,
        coverage=coverage,
        rows=(
            f"{rep.rows_read:,} rows read: {rep.accepted:,} accepted, {rep.warned:,} accepted with warnings, "
            f"{rep.rejected:,} rejected."
        ),
        excluded=excluded,
        denominators=tuple(dens),
        definitions=(
            "An incident is one armed event at one place and time, counted in the period in which it started.",
            "Attacks are initiated by militants; operations by the security forces; clashes where the "
            "initiator is unclear.",
            "Killed by category counts only what the source states; deaths whose category is not stated are "
            "shown as 'not stated'. A blank count is unknown, not zero: totals that include such incidents "
            "are lower bounds ('at least', *).",
            "The historical Federally Administered Tribal Areas (FATA) are reported as part of Khyber Pakhtunkhwa.",
        ),
        statistics=(
            "Changes in the number of incidents compare rates per day with the exact conditional test for two "
            "Poisson rates (Przyborowski & Wilenski 1940; Gu et al. 2008); the rate ratio's interval inverts the "
            "Clopper–Pearson interval.",
            "Deaths and injuries cluster in incidents (one bombing can kill dozens), so treating each death as an "
            "independent event would overstate significance. They are compared at the level of incidents with an "
            "exact randomisation test conditional on the incidents' tolls (see docs/methods.md).",
            f"'Rose' or 'fell' means the test rejects equal rates at the {fmt.level(cfg.alpha)} level; otherwise "
            "'little changed'. Percent changes are not given when the comparison count is below "
            f"{cfg.min_base}; the text gives both counts instead.",
            "Records ('deadliest … on record', '… in a decade') compare whole periods only and name the window "
            "compared.",
        ),
        software=f"secbrief {__version__}",
    )


def build_context(
    inc: Incidents,
    period: Period,
    *,
    cfg: Config,
    region: str | None = None,
    figures: tuple[FigureCtx, ...] = (),
    rejects_name: str | None = None,
    revisions: Any = None,
) -> BriefContext:
    """Compute every section of the brief for ``period`` (and ``region``: a province, or all)."""
    kind = brief_kind(period)
    frame = inc.frame if region is None else inc.frame.loc[inc.frame["province"] == region]
    region_label = region or "Pakistan"
    cov = inc.coverage
    numbers: dict[str, Any] = {
        "period": period.slug,
        "period_label": period.label,
        "kind": kind,
        "region": region_label,
        "data_fingerprint": inc.fingerprint,
    }
    ctx = BriefContext(
        kind=kind,
        title=cfg.title,
        organisation=cfg.organisation,
        period_label=period.label,
        period_slug=period.slug,
        region_label=region_label,
        data_date=fmt.date(cov[1]) if cov else "no data",
        synthetic=inc.is_synthetic,
        language=cfg.language,
        sections={k: cfg.shows(k) for k in cfg.sections},
        figures=figures,
        numbers=numbers,
    )
    ctx.headline_columns, ctx.headline = _headline(frame, period, kind, cfg, numbers)
    ctx.headline_note = (
        "Changes compare rates per day: “rose” and “fell” mean an exact test rejects equal rates at the "
        f"{fmt.level(cfg.alpha)} level; “little changed” means it does not. Percentages are given only on a base "
        f"of {cfg.min_base} or more. “At least” marks counts that some incidents do not state."
    )
    ctx.summary = _summary(ctx.headline, period, region_label)
    numbers["summary"] = ctx.summary
    if cfg.shows("findings"):
        ctx.findings = _findings(frame, period, kind, cfg, region, inc, numbers)
    key = "province" if region is None else "district"
    ctx.regions = _regions(frame, period, key, cfg, numbers)
    ctx.regions_title = "By province and territory" if region is None else f"By district, {region}"
    ctx.perpetrators = _group_table(frame, period, "perpetrator", None, numbers, "perpetrators")
    ctx.methods_table = _group_table(frame, period, "method", METHOD_LABELS, numbers, "methods_of_attack")
    ctx.suicide = _suicide(frame, period, cfg, numbers)
    ctx.deadliest = _deadliest(frame, period, cfg.deadliest, numbers)
    if kind == "annual":
        ctx.ten_year = _ten_year(frame, period, numbers, region)
        from analysis.records import records_for

        recs = records_for(frame, period, region=region, coverage=inc.coverage)
        ctx.records = tuple(r.sentence for r in recs)
        numbers["records"] = [{"id": r.id, "sentence": r.sentence, "numbers": r.numbers} for r in recs]
    if revisions is not None and revisions.previous is not None and cfg.shows("revisions"):
        label = revisions.previous_label
        if revisions.note:
            ctx.revisions_intro = f"Revisions since the {label} brief could not be checked: {revisions.note}."
        elif revisions.lines:
            ctx.revisions_intro = (
                f"Figures published in the {label} brief (data fingerprint "
                f"{revisions.previous.fingerprint[:12]}) that the current data revise:"
            )
            ctx.revisions = tuple(revisions.lines)
        else:
            ctx.revisions_intro = f"No figure published in the {label} brief has been revised."
        numbers["revisions"] = {
            "previous_brief": revisions.previous.period,
            "previous_fingerprint": revisions.previous.fingerprint,
            "lines": list(revisions.lines),
            "note": revisions.note,
        }
    if kind != "annual" and cfg.shows("outlook"):
        from reports.outlook import build_outlook

        ctx.outlook = build_outlook(frame, period, region, numbers, coverage=inc.coverage)
    ctx.methods = _methods(inc, period, cfg, region, numbers, rejects_name)
    return ctx
