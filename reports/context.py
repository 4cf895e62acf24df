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

from analysis import sections
from analysis.capabilities import Capabilities, capabilities, typology_values
from analysis.changes import PeriodChange, compare_counts
from analysis.counts import UNKNOWN, totals
from analysis.incidents import Incidents
from analysis.measures import EVENT_LABELS, METHOD_LABELS, NOT_STATED, category, column
from analysis.periods import Period, previous_period
from analysis.population import denominators
from reports import formatting as fmt
from reports.config import Config

BriefKind = Literal["monthly", "quarterly", "annual"]
KIND_OF_PERIOD = {"month": "monthly", "quarter": "quarterly", "year": "annual"}

HEADLINE_MEASURES = sections.HEADLINE_MEASURES
TYPE_PREFIX = sections.TYPE_PREFIX
#: Column holding the source typology's category in a brief's working frame.
TYPE_COLUMN = sections.TYPE_COLUMN


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
    not_recorded: str
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
    show_injured: bool = True
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


def compare_measure(
    frame: pd.DataFrame, m: str, cp: Period, pp: Period, cfg: Config, cur: int | None = None, prev: int | None = None
) -> PeriodChange:
    """Compare a measure between two periods with its test (:func:`analysis.sections.compare_measure`)."""
    return sections.compare_measure(frame, m, cp, pp, alpha=cfg.alpha, min_base=cfg.min_base, cur=cur, prev=prev)


def _comparison(label_: str, hc: sections.HeadlineComparison, numbers: dict[str, Any], m: str) -> Comparison:
    """Format one headline comparison (and record its numbers)."""
    previous = fmt.at_least(hc.previous, hc.previous_at_least)
    if hc.change is None:
        numbers[m] = {"previous": None, "phrase": "not recorded in the data", "verdict": "not recorded"}
        return Comparison(label_, "not recorded", "not recorded in the data", "not recorded", "")
    c = hc.change
    numbers[m] = _change_numbers(c, hc.previous_at_least) | {"lower_bounds": hc.lower_bounds}
    detail = f"{fmt.interval(c)}, {fmt.p_value(c.p_value)}" if math.isfinite(c.ratio) else fmt.interval(c)
    return Comparison(label_, previous, fmt.change_phrase(c, lower_bounds=hc.lower_bounds), c.verdict, detail)


def _change_numbers(c: PeriodChange, previous_partial: bool) -> dict[str, Any]:
    def clean(x: float | None) -> float | None:
        return None if x is None or not math.isfinite(x) else round(x, 6)

    return {
        "previous": c.previous,
        "previous_at_least": previous_partial,
        "difference": c.difference,
        "percent": None if c.percent is None else fmt.percent_value(c.percent),
        "percent_text": fmt.percent(c.percent) if c.percent is not None else None,
        "phrase": fmt.change_phrase(c),
        "rate_ratio": clean(c.ratio),
        "rate_ratio_text": fmt.ratio(c.ratio) if math.isfinite(c.ratio) else None,
        "ci_low": clean(c.ci_low),
        "ci_high": clean(c.ci_high),
        "ci_text": [fmt.ratio(c.ci_low), fmt.ratio(c.ci_high)] if math.isfinite(c.ratio) else None,
        "p_value": round(c.p_value, 6),
        "p_value_text": fmt.p_value(c.p_value),
        "p_value_printed": fmt.p_value_printed(c.p_value),
        "verdict": c.verdict,
        "method": c.method,
    }


def _comparison_label(name: str, a: Period, b: Period) -> str:
    return f"Year to date vs {b.start.year}" if name == "year_to_date" else f"vs {b.label}"


def _headline(
    frame: pd.DataFrame, p: Period, kind: BriefKind, cfg: Config, numbers: dict[str, Any], caps: Capabilities
) -> tuple[tuple[str, ...], tuple[HeadlineRow, ...]]:
    """Format :func:`analysis.sections.headline`."""
    h = sections.headline(frame, p, kind, caps, alpha=cfg.alpha, min_base=cfg.min_base)
    labels = [_comparison_label(n, a, b) for n, a, b in h.comparisons]
    rows = []
    num_rows: dict[str, Any] = {}
    for r in h.rows:
        text = fmt.at_least(r.value, r.at_least) if r.recorded else "not recorded"
        entry: dict[str, Any] = {
            "label": r.label,
            "value": r.value,
            "at_least": r.at_least,
            "unknown_incidents": r.unknown_incidents,
            "text": text,
            "comparisons": {},
        }
        cs = []
        for lab, hc in zip(labels, r.comparisons, strict=True):
            sub: dict[str, Any] = {}
            cs.append(_comparison(lab, hc, sub, r.key))
            sub[r.key].update(
                {
                    "current": hc.current,
                    "current_at_least": hc.current_at_least,
                    "current_period": hc.current_period.slug,
                    "previous_period": hc.against.slug,
                }
            )
            entry["comparisons"][lab] = sub[r.key]
        num_rows[r.key] = entry
        rows.append(HeadlineRow(r.key, r.label, r.indent, text, tuple(cs)))
    numbers["headline"] = num_rows
    if h.killed_range:
        low, high, n = h.killed_range
        numbers["headline"]["killed_range"] = {"low": low, "high": high, "incidents_with_range": n}
    return tuple(labels), tuple(rows)


def _summary(rows: tuple[HeadlineRow, ...], p: Period, region_label: str, caps: Capabilities, dataset: str) -> str:
    """The opening paragraph: what happened, in the brief's own formatted numbers."""
    by = {r.key: r for r in rows}

    def cap(text: str) -> str:
        return text[:1].upper() + text[1:]

    def join(parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    kinds = []
    if "attacks" in by:
        kinds = [f"{by['attacks'].value} militant attacks", f"{by['operations'].value} security operations"]
        if "clashes" in by:
            kinds.append(f"{by['clashes'].value} clashes or other events")
    elif caps.typology is not None:
        kinds = [
            f"{by[TYPE_PREFIX + k].value} {v.lower()}"
            for k, v in caps.typology.labels.items()
            if by[TYPE_PREFIX + k].value != "0"
        ]
    if len(kinds) > 1:
        kinds_text = f" ({join(kinds)})"
    elif len(kinds) == 1 and caps.typology is not None and "attacks" not in by and by["incidents"].value != "0":
        kinds_text = f" (all {kinds[0].split(' ', 1)[1]})"  # e.g. "all state-based"
    else:
        kinds_text = ""
    killed = f"{cap(by['killed_total'].value)} people were killed"
    if "killed_security" in by:
        split = [
            f"{by['killed_security'].value} members of the security forces",
            f"{by['killed_civilians'].value} civilians",
            f"{by['killed_militants'].value} militants",
        ]
        if by["killed_unknown"].value != "0":
            split.append(f"{by['killed_unknown'].value} whose category is not stated")
        killed += f" ({join(split)})"
    if "injured_total" in by:
        injured = by["injured_total"].value
        killed += (
            " and the data do not record the injured" if injured == "not recorded" else f" and {injured} were injured"
        )
    first = by["killed_total"].comparisons[0]
    if first.verdict == "not recorded":
        change = ""
    else:
        change = f" Compared with {first.label[3:]}, deaths {fmt.verdict_clause(first.phrase)}."
    missing = caps.not_recorded(dataset, only=("initiator", "victims", "injured"))
    return (
        f"In {p.label}, {by['incidents'].value} incidents{kinds_text} were recorded in {region_label}. "
        f"{killed}.{change}" + (f" {missing}" if missing else "")
    )


def _partial(r: pd.Series, m: str) -> bool:
    return int(r.get(f"{m}_unknown", 0)) > 0


def _marked(value: int, partial: bool) -> str:
    """A table count, with ``*`` when some incidents do not state it (a lower bound)."""
    return fmt.integer(value) + ("*" if partial else "")


def _table_change_numbers(t: sections.TableChange) -> dict[str, Any]:
    out = _change_numbers(t.change, False) | {"q_value": _clean(t.q), "marked": t.marked}
    if t.fcr is not None:
        level = round(1 - t.fcr.alpha, 6)
        out["fcr_interval"] = {"level": level, "low": _clean(t.fcr.ci_low), "high": _clean(t.fcr.ci_high)}
    return out


def _regions(
    frame: pd.DataFrame, p: Period, key: str, cfg: Config, numbers: dict[str, Any], caps: Capabilities
) -> Table:
    """Format :func:`analysis.sections.regions_section`."""
    sec = sections.regions_section(frame, p, key, caps, alpha=cfg.alpha, min_base=cfg.min_base)
    measures = sec.measures
    rows = []
    num: dict[str, Any] = {}
    for r in sec.rows:
        cells = [Cell("Province not stated" if r.name == UNKNOWN else r.name, numeric=False)]
        cells += [Cell(_marked(r.counts[m], r.at_least[m])) for m in measures]
        if sec.annualised:
            cells.append(Cell(fmt.rate(r.rate) if r.rate is not None else "–"))
        for t in (r.vs_previous,) if sec.one_comparison else (r.vs_previous, r.vs_last_year):
            cells.append(Cell(_short_change(t), css=_verdict_css(t)))
        rows.append(tuple(cells))
        num[r.name] = dict(r.counts) | {
            "unknown_incidents": dict(r.unknown_incidents),
            "killed_per_million_per_year": None if r.rate is None else fmt.rate_value(r.rate),
            "killed_vs_previous": _table_change_numbers(r.vs_previous),
            "killed_vs_last_year": _table_change_numbers(r.vs_last_year),
        }
    total = [Cell("Total", numeric=False)] + [Cell(_marked(sec.total[m], sec.total_at_least[m])) for m in measures]
    num_total: dict[str, Any] = dict(sec.total) | {"at_least": dict(sec.total_at_least)}
    if sec.annualised:
        # the national rule: deaths in regions without a census denominator are left out
        total.append(Cell(fmt.rate(sec.total_rate) if sec.total_rate is not None else "–"))
        num_total["killed_per_million_per_year"] = None if sec.total_rate is None else fmt.rate_value(sec.total_rate)
    total += [Cell("")] * (1 if sec.one_comparison else 2)
    numbers["regions"] = num
    numbers["regions_total"] = num_total
    columns = (
        ("Province" if key == "province" else "District"),
        *(column(m) for m in measures),
        *(("Killed per million a year",) if sec.annualised else ()),
        f"Killed vs {sec.previous.label}",
        *(() if sec.one_comparison else (f"Killed vs {sec.last_year.label}",)),
    )
    rates_note = (
        "Rates use census populations (see Methods); AJK and Gilgit-Baltistan have no census denominator. "
        if sec.annualised
        else ""
    )
    note = (
        (
            "* some incidents do not state this count: the figure is a lower bound. "
            if any(sec.total_at_least.values())
            else ""
        )
        + rates_note
        + "Changes: "
        f"▲ rose, ▼ fell: an exact test rejects equal rates with the false discovery rate over the rows of the "
        f"column held at {fmt.level(cfg.alpha)} (Benjamini–Hochberg); otherwise no clear change. "
        f"Percentages only on a base of {cfg.min_base} or more."
    )
    return Table(columns, tuple(rows), tuple(total), note)


def _clean(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)


def _short_change(t: sections.TableChange) -> str:
    c = t.change
    if c.verdict == "none in either period":
        return "–"
    arrow = {"rose": "▲ ", "fell": "▼ "}.get(c.verdict, "") if t.marked else ""
    if c.percent is None:
        return f"{arrow}{fmt.integer(c.previous)} → {fmt.integer(c.current)}"
    return f"{arrow}{fmt.percent(c.percent)}"


def _verdict_css(t: sections.TableChange) -> str:
    return {"rose": "up", "fell": "down"}.get(t.change.verdict, "flat") if t.marked else "flat"


def _group_table(
    frame: pd.DataFrame,
    p: Period,
    key: str,
    labels: dict[str, str] | None,
    numbers: dict[str, Any],
    name: str,
    caps: Capabilities,
    limit: int = 8,
) -> Table:
    """Format :func:`analysis.sections.group_section`."""
    sec = sections.group_section(frame, p, key, caps, limit=limit)
    measures = sec.measures

    def cells(r: sections.GroupRow) -> list[Cell]:
        return [Cell(_marked(r.counts[m], r.at_least[m])) for m in measures]

    rows = []
    num: dict[str, Any] = {}
    for r in sec.rows:
        if r.others:
            rows.append((Cell(f"Others ({r.others})", numeric=False), *cells(r)))
            num["others"] = dict(r.counts) | {"groups": r.others}
        else:
            label_ = (labels or {}).get(r.key, NOT_STATED if r.key == UNKNOWN else r.key)
            rows.append((Cell(label_, numeric=False), *cells(r)))
            num[r.key] = dict(r.counts) | {"at_least": dict(r.at_least)}
    numbers[name] = num
    numbers[f"{name}_total"] = dict(sec.total.counts) | {"at_least": dict(sec.total.at_least)}
    cols = (("Group named" if key == "perpetrator" else "Method"), *(column(m) for m in measures))
    note = "* some incidents do not state this count: a lower bound." if any(sec.total.at_least.values()) else ""
    return Table(cols, tuple(rows), (Cell("Total", numeric=False), *cells(sec.total)), note)


def _suicide(frame: pd.DataFrame, p: Period, cfg: Config, numbers: dict[str, Any], caps: Capabilities) -> str:
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
        "injured_total": cur.injured_total if caps.injured else None,
        "injured_at_least": cur.at_least("injured_total") if caps.injured else None,
        "vs_previous": _change_numbers(c, False),
    }
    if cur.incidents == 0 and prev.incidents == 0:
        return f"No suicide attack was recorded in {p.label} or {prev_p.label}."
    attacks = "suicide attack" if cur.incidents == 1 else "suicide attacks"
    injured = f" and injured {fmt.at_least(cur.injured_total, cur.at_least('injured_total'))}" if caps.injured else ""
    return (
        f"{fmt.integer(cur.incidents)} {attacks} killed {fmt.at_least(cur.killed_total, cur.at_least('killed_total'))} "
        f"people{injured} in {p.label}; compared with {prev_p.label}, the number "
        f"{fmt.verdict_clause(fmt.change_phrase(c, with_interval=True))}."
    )


def _incident_kind(i: sections.DeadlyIncident, caps: Capabilities) -> str:
    """An incident's type as the source records it: our event type and method, or the source's typology."""
    if not caps.initiator:
        kind = caps.typology.labels.get(i.source_type, "–") if caps.typology and i.source_type else "–"
    else:
        kind = EVENT_LABELS.get(i.event_type, "–") if i.event_type else "–"
    if caps.method and i.method:
        kind += f", {METHOD_LABELS.get(i.method, i.method).lower()}"
    return kind


def _injured_text(v: int | None) -> str:
    return fmt.integer(v) if v is not None else "n/s"


def _deadliest(
    frame: pd.DataFrame, p: Period, n: int, numbers: dict[str, Any], caps: Capabilities
) -> tuple[tuple[IncidentCtx, ...], str]:
    """Format :func:`analysis.sections.deadliest` (ties beyond the list named in a note)."""
    d = sections.deadliest(frame, p, n)
    note = ""
    if d.tied_not_listed and d.tied_killed is not None:
        killed = "killed" if d.tied_killed == 1 else "killed each"
        note = f"And {fmt.integer(d.tied_not_listed)} more incidents with {fmt.integer(d.tied_killed)} {killed}."
    out = []
    for i in d.incidents:
        place = ", ".join(x for x in (i.locality, i.district, i.province) if x) or "place not stated"
        split = [f"{category(c)} {v}" for c, v in i.killed.items() if v is not None and v > 0] if caps.victims else []
        out.append(
            IncidentCtx(
                date=fmt.date_span(i.date, i.date_end),
                place=place,
                kind=_incident_kind(i, caps),
                perpetrator=i.perpetrator or "not stated",
                killed=fmt.integer(i.killed_total),
                killed_split="; ".join(split),
                injured=(fmt.integer(i.injured_total) if i.injured_total is not None else "n/s")
                if caps.injured
                else "",
                description=fmt.truncate(i.description, 320) if caps.description and i.description else "",
            )
        )
    numbers["deadliest"] = sections.incidents_numbers(d)
    numbers["deadliest_note"] = note
    return tuple(out), note


def _findings(
    frame: pd.DataFrame,
    p: Period,
    kind: BriefKind,
    cfg: Config,
    region: str | None,
    inc: Incidents,
    numbers: dict[str, Any],
    caps: Capabilities,
) -> tuple[str, ...]:
    """Key findings from :func:`analysis.key_findings.findings` (the period's totals are in the summary).

    The negative-binomial trend finding needs statsmodels (seconds to import and fit), so
    it is part of the quarterly and annual editions, not the monthly one.
    """
    from analysis.key_findings import findings

    fs = findings(
        frame,
        p,
        region=region,
        alpha=cfg.alpha,
        min_base=cfg.min_base,
        coverage=inc.coverage,
        trend=kind != "monthly",
        max_n=None,
        records=caps,
    )
    fs = tuple(f for f in fs if f.kind != "totals")[:6]
    numbers["findings"] = [{"id": f.id, "sentence": f.sentence, "numbers": f.numbers, "method": f.method} for f in fs]
    return tuple(f.sentence for f in fs)


def _ten_year(frame: pd.DataFrame, p: Period, numbers: dict[str, Any], region: str | None, caps: Capabilities) -> Table:
    """Format :func:`analysis.sections.ten_years` (annual edition)."""
    sec = sections.ten_years(frame, p, caps, region=region)
    rows = []
    num: dict[str, Any] = {}
    for r in sec.rows:
        cells = [Cell(str(r.year), numeric=False), Cell(_marked(r.counts["incidents"], r.at_least["incidents"]))]
        cells += [Cell(fmt.integer(r.types[k])) for k in sec.types]
        cells += [Cell(_marked(r.counts[m], r.at_least[m])) for m in sec.measures[1:]]
        cells.append(Cell(fmt.rate(r.rate) if r.rate is not None else "–"))
        rows.append(tuple(cells))
        num[str(r.year)] = (
            {"incidents": r.counts["incidents"]}
            | {TYPE_PREFIX + k: v for k, v in r.types.items()}
            | {m: r.counts[m] for m in sec.measures[1:]}
            | {"killed_per_million": None if r.rate is None else fmt.rate_value(r.rate), "at_least": dict(r.at_least)}
        )
    numbers["ten_year"] = num
    type_labels = caps.typology.labels if caps.typology is not None else {}
    cols = (
        "Year",
        column("incidents"),
        *(type_labels[k] for k in sec.types),
        *(column(m) for m in sec.measures[1:]),
        "Killed per million",
    )
    whose = f"{region}'s" if region else "the national"
    marked = any(v for r in sec.rows for v in r.at_least.values())
    note = ("* some incidents do not state this count: a lower bound. " if marked else "") + (
        f"Killed per million uses {whose} census population, interpolated to each year (see Methods)."
    )
    return Table(cols, tuple(rows), None, note)


def _display_path(path: str | None) -> str:
    """A file as a reader should see it: the shipped demo data by name, other files by their name only."""
    from pathlib import Path

    from analysis._assets import data_dir

    if not path:
        return "in memory"
    p = Path(path).resolve()
    if p.is_relative_to(data_dir().resolve()):
        return f"shipped with secbrief (data/{p.relative_to(data_dir().resolve()).as_posix()})"
    return p.name


def _methods(
    inc: Incidents,
    p: Period,
    cfg: Config,
    region: str | None,
    numbers: dict[str, Any],
    caps: Capabilities,
    rejects_name: str | None = None,
    unplaced_detail: str = "",
) -> MethodsCtx:
    from reports import __version__

    rep = inc.report
    cov = inc.coverage
    coverage = f"{fmt.date(cov[0])} to {fmt.date(cov[1])}" if cov else "no incidents"
    parts = []
    if rep.rejected:
        parts.append(
            f"{rep.rejected:,} of {rep.rows_in_file:,} rows were rejected by validation and are excluded from every "
            f"figure; they are listed, with the reason for each, in {rejects_name or 'the validation report'}."
        )
    if rep.excluded:
        why = "; ".join(sorted({x.message.split(":")[0] for x in rep.excluded}))
        parts.append(f"Not incidents: {why}.")
    excluded = " ".join(parts) if parts else "No rows were excluded."
    den = denominators(p, (region,) if region else None)
    dens = [f"{d.province}: {fmt.integer(d.population)} ({d.method})" for d in den.rows]
    if den.rows:
        dens.insert(
            0,
            f"Populations at the middle of the period ({fmt.date(den.when)}); "
            + (
                f"{' and '.join(den.not_enumerated)} are not enumerated by the census and are left out of the "
                "national rate."
                if not region
                else "from the census counts."
            ),
        )
    numbers["methods"] = {
        "fingerprint": inc.fingerprint,
        "rows_in_file": rep.rows_in_file,
        "rows_read": rep.rows_read,
        "accepted": rep.accepted,
        "warned": rep.warned,
        "rejected": rep.rejected,
        "excluded": len(rep.excluded),
        "not_recorded": list(caps.missing),
        "denominators": den.to_numbers(),
        "coverage": [f"{cov[0]:%Y-%m-%d}", f"{cov[1]:%Y-%m-%d}"] if cov else None,
    }
    return MethodsCtx(
        data_name=inc.dataset,
        source=inc.source,
        file=_display_path(inc.path),
        fingerprint=inc.fingerprint,
        coverage=coverage,
        rows=(
            f"{rep.rows_in_file:,} rows read: {rep.accepted:,} accepted, {rep.warned:,} accepted with warnings, "
            f"{rep.rejected:,} rejected, {len(rep.excluded):,} excluded as not incidents."
        ),
        not_recorded=caps.not_recorded(inc.dataset),
        excluded=excluded,
        denominators=tuple(dens),
        definitions=_definitions(caps) + ((unplaced_detail,) if unplaced_detail else ()),
        statistics=(
            "Changes in the number of incidents compare rates per day with the exact conditional test for two "
            "Poisson rates (Przyborowski & Wilenski 1940; Gu et al. 2008); the rate ratio's interval inverts the "
            "Clopper–Pearson interval.",
            "Deaths and injuries cluster in incidents (one bombing can kill dozens), so treating each death as an "
            "independent event would overstate significance. They are compared at the level of incidents with an "
            "exact randomisation test conditional on the incidents' tolls (Pitman 1937; see docs/methods.md).",
            f"'Rose' or 'fell' means the test rejects equal rates at the {fmt.level(cfg.alpha)} level; otherwise "
            "'no clear change', with the interval: a test that does not reject is not evidence of no change "
            "(Altman & Bland 1995). Percent changes are not given when the comparison count is below "
            f"{cfg.min_base}; the text gives both counts instead. A percent change between counts that some "
            "incidents do not state is one between lower bounds and says so.",
            "Tables of many provinces or districts mark a change only where it survives control of the false "
            f"discovery rate at {fmt.level(cfg.alpha)} over the rows of the column (Benjamini & Hochberg 1995).",
            "Records ('deadliest … on record', '… in a decade') compare whole periods only and name the window "
            "compared.",
        ),
        software=f"secbrief {__version__}",
    )


def _level_shift(
    frame: pd.DataFrame, p: Period, region: str | None, inc: Incidents, cfg: Config, numbers: dict[str, Any]
) -> str:
    """The annual brief's sentence on an established level shift of deaths in the last ten years, if any.

    :func:`analysis.trends.level_shift` (sup-LR test in an NB2 trend model, Andrews 1993;
    likelihood-ratio confidence set for the month). Said only when established.
    """
    from analysis.periods import parse_period as _pp
    from analysis.trends import level_shift

    ls = level_shift(frame, p, province=region, coverage=inc.coverage, alpha=cfg.alpha)
    if ls is None or not ls.established:
        return ""
    month_label = _pp(ls.month).label
    level = round((1 - ls.alpha) * 100)
    numbers["level_shift"] = ls.to_numbers() | {
        "mean_before_printed": round(ls.mean_before),
        "mean_after_printed": round(ls.mean_after),
        "level_ratio_printed": float(fmt.ratio(ls.level_ratio)),
        "ci_printed": [float(fmt.ratio(ls.ci_low)), float(fmt.ratio(ls.ci_high))],
        "confidence_percent": level,
        "window_months": ls.months,
    }
    if ls.direction == "break":
        return f"Deaths broke from their trend in {month_label} (sup-LR test over the {ls.months} months to {p.label})."
    verb = "surged" if ls.direction == "surge" else "fell"
    likely = f"{_pp(ls.set_start).label} and {_pp(ls.set_end).label}"
    return (
        f"Deaths {verb} from {month_label} (likely between {likely}): {fmt.integer(ls.mean_before)} a month "
        f"before, {fmt.integer(ls.mean_after)} after; {fmt.ratio(ls.level_ratio)} times the level the trend "
        f"predicted ({level}% CI {fmt.ratio(ls.ci_low)}–{fmt.ratio(ls.ci_high)})."
    )


def _unplaced(frame: pd.DataFrame, p: Period, numbers: dict[str, Any]) -> tuple[str, str]:
    """Deaths in events dated too imprecisely to be placed in ``p``: said beside its counts, never added.

    Returns the summary sentence, one clause per precision ("Not counted in June 2025
    because their dates may fall outside it: 4 deaths in 6 events dated only to a week
    that straddles the month's edge."; a single range keeps its name: "1,428 deaths in 1
    event dated only to 2009"), and the detailed listing of every date range for Methods.
    """
    from analysis.counts import imprecise_dates

    imp = imprecise_dates(frame, p)
    if not imp:
        return "", ""
    by_prec_unknown = {
        prec: sum(sp.killed_total_unknown for sp in imp.spans if sp.precision == prec) for prec in imp.by_precision
    }
    numbers["unplaced"] = {
        "incidents": imp.incidents,
        "killed_total": imp.killed_total,
        "killed_total_unknown": imp.killed_total_unknown,
        "by_precision": {k: list(v) for k, v in imp.by_precision.items()},
        "by_precision_unknown": by_prec_unknown,
        "spans": [
            {
                "label": sp.label,
                "precision": sp.precision,
                "incidents": sp.incidents,
                "killed_total": sp.killed_total,
                "killed_total_unknown": sp.killed_total_unknown,
            }
            for sp in imp.spans
        ],
    }

    def deaths(n: int, events: int, least: bool) -> str:
        d = "death" if n == 1 else "deaths"
        e = "event" if events == 1 else "events"
        return f"{'at least ' if least else ''}{fmt.integer(n)} {d} in {fmt.integer(events)} {e}"

    unit = p.kind if p.kind in ("week", "month", "quarter", "year") else "period"
    clauses = []
    for prec, (events, killed) in sorted(imp.by_precision.items(), key=lambda kv: (-kv[1][1], -kv[1][0])):
        spans = [sp for sp in imp.spans if sp.precision == prec]
        if len(spans) == 1 and prec != "week":
            where = spans[0].label
        elif all(sp.first <= p.start and sp.last >= p.end for sp in spans):
            where = f"a {prec} containing {p.label}"
        elif all(not (sp.first <= p.start and sp.last >= p.end) for sp in spans):
            where = f"a {prec} that straddles the {unit}'s edge"
        else:
            where = f"a {prec} reaching beyond {p.label}"
        clauses.append(f"{deaths(killed, events, by_prec_unknown[prec] > 0)} dated only to {where}")
    text = clauses[0] if len(clauses) == 1 else "; ".join(clauses[:-1]) + "; and " + clauses[-1]
    summary = f"Not counted in {p.label} because their dates may fall outside it: {text}."

    listing = []
    for sp in imp.spans:
        when = f"the week of {sp.label}" if sp.precision == "week" else sp.label
        listing.append(f"{deaths(sp.killed_total, sp.incidents, bool(sp.killed_total_unknown))} dated only to {when}")
    detail = (
        "Events dated only to a week, month or year are counted only in a period that wholly contains their "
        f"dates. Not counted in {p.label} for that reason: " + "; ".join(listing) + "."
    )
    return summary, detail


def _definitions(caps: Capabilities) -> tuple[str, ...]:
    """The definitions a brief rests on, in the terms of the source."""
    out = ["An incident is one armed event at one place and time, counted in the period in which it started."]
    if caps.initiator:
        out.append(
            "Attacks are initiated by militants; operations by the security forces; clashes where the "
            "initiator is unclear."
        )
    elif caps.typology is not None:
        t = caps.typology
        kinds = "; ".join(f"{t.labels[k].lower()}: {d}" for k, d in t.definitions.items())
        out.append(f"Events are classed by the source's own typology, the {t.name} ({t.reference}): {kinds}.")
    if caps.victims:
        out.append(
            "Killed by category counts only what the source states; deaths whose category is not stated are "
            "shown as 'not stated'. A blank count is unknown, not zero: totals that include such incidents "
            "are lower bounds ('at least', *)."
        )
    else:
        out.append("A blank count is unknown, not zero: totals that include such incidents are lower bounds.")
    out.append("The historical Federally Administered Tribal Areas (FATA) are reported as part of Khyber Pakhtunkhwa.")
    return tuple(out)


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
    caps = capabilities(inc.frame, inc.source)
    frame = inc.frame if region is None else inc.frame.loc[inc.frame["province"] == region]
    if caps.typology is not None:
        frame = frame.assign(**{TYPE_COLUMN: typology_values(frame, caps.typology)})
    region_label = region or "Pakistan"
    cov = inc.coverage
    numbers: dict[str, Any] = {
        "period": period.slug,
        "period_label": period.label,
        "kind": kind,
        "region": region_label,
        "data_fingerprint": inc.fingerprint,
        "settings": {
            "alpha": cfg.alpha,
            "level_percent": float(fmt.level(cfg.alpha).rstrip("%")),
            "confidence_percent": round((1 - cfg.alpha) * 100),
            "min_base": cfg.min_base,
            "deadliest": cfg.deadliest,
        },
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
    ctx.headline_columns, ctx.headline = _headline(frame, period, kind, cfg, numbers, caps)
    ctx.headline_note = (
        "Changes compare rates per day: “rose” and “fell” mean an exact test rejects equal rates at the "
        f"{fmt.level(cfg.alpha)} level; “no clear change” means it does not (the interval shows what the data "
        f"allow). Percentages are given only on a base "
        f"of {cfg.min_base} or more. “At least” marks counts that some incidents do not state."
    )
    ctx.summary = _summary(ctx.headline, period, region_label, caps, inc.dataset)
    unplaced, unplaced_detail = _unplaced(frame, period, numbers)
    if unplaced:
        ctx.summary += " " + unplaced
    numbers["summary"] = ctx.summary
    if cfg.shows("findings"):
        ctx.findings = _findings(frame, period, kind, cfg, region, inc, numbers, caps)
    key = "province" if region is None else "district"
    ctx.regions = _regions(frame, period, key, cfg, numbers, caps)
    ctx.regions_title = "By province and territory" if region is None else f"By district, {region}"
    if caps.perpetrator:
        ctx.perpetrators = _group_table(frame, period, "perpetrator", None, numbers, "perpetrators", caps)
    if caps.method:
        ctx.methods_table = _group_table(frame, period, "method", METHOD_LABELS, numbers, "methods_of_attack", caps)
        ctx.suicide = _suicide(frame, period, cfg, numbers, caps)
    ctx.deadliest, ctx.deadliest_note = _deadliest(frame, period, cfg.deadliest, numbers, caps)
    ctx.show_injured = caps.injured
    if kind == "annual":
        ctx.ten_year = _ten_year(frame, period, numbers, region, caps)
        from analysis.records import records_for

        measures = ("killed_total", "killed_security", "killed_civilians", "incidents", "attacks")
        recs = records_for(
            frame,
            period,
            region=region,
            coverage=inc.coverage,
            measures=tuple(m for m in measures if caps.measure_recorded(m)),
        )
        ctx.records = tuple(r.sentence for r in recs)
        shift = _level_shift(frame, period, region, inc, cfg, numbers)
        if shift:
            ctx.records = (*ctx.records, shift)
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
    ctx.methods = _methods(inc, period, cfg, region, numbers, caps, rejects_name, unplaced_detail)
    return ctx
