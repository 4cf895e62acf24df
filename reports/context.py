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
from analysis.capabilities import Capabilities, capabilities, typology_values
from analysis.changes import PeriodChange, compare_counts, compare_deaths, incident_values
from analysis.counts import UNKNOWN, Totals, count_table, in_period, totals
from analysis.gazetteer import reporting_provinces
from analysis.incidents import Incidents
from analysis.measures import CLUSTERED, EVENT_LABELS, METHOD_LABELS, NOT_STATED, VICTIM_CATEGORIES, label
from analysis.multitest import bh_adjust
from analysis.periods import Period, previous_period, same_period_last_year, year, year_to_date
from analysis.population import NOT_ENUMERATED, denominators
from analysis.rates import rate as rate_of
from analysis.rates import rate_per_million
from reports import formatting as fmt
from reports.config import Config

BriefKind = Literal["monthly", "quarterly", "annual"]
KIND_OF_PERIOD = {"month": "monthly", "quarter": "quarterly", "year": "annual"}

#: Headline rows: measure, indent (labels from :mod:`analysis.measures`).
HEADLINE_MEASURES: tuple[tuple[str, bool], ...] = (
    ("incidents", False),
    ("attacks", True),
    ("operations", True),
    ("clashes", True),
    ("killed_total", False),
    ("killed_security", True),
    ("killed_civilians", True),
    ("killed_militants", True),
    ("killed_unknown", True),
    ("injured_total", False),
)
#: Prefix of headline keys that count incidents of one category of the source's own typology.
TYPE_PREFIX = "type:"
#: Column holding the source typology's category in a brief's working frame.
TYPE_COLUMN = "source_type"


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
    numbers: dict[str, Any] = field(default_factory=dict)


def brief_kind(period: Period) -> BriefKind:
    """Edition for a period: monthly, quarterly or annual."""
    try:
        return KIND_OF_PERIOD[period.kind]  # type: ignore[return-value]
    except KeyError:
        from analysis.errors import PeriodError

        raise PeriodError(f"a brief covers a month, a quarter or a year, not '{period.slug}'") from None


def _measure(t: Totals, m: str, frame: pd.DataFrame | None = None, p: Period | None = None) -> int:
    """A total's value.

    ``clashes`` are the incidents neither attacks nor operations (clash, other);
    ``type:<category>`` the incidents of one category of the source's typology.
    """
    if m.startswith(TYPE_PREFIX):
        assert frame is not None and p is not None
        return int((in_period(frame, p)[TYPE_COLUMN] == m[len(TYPE_PREFIX) :]).sum())
    return t.incidents - t.attacks - t.operations if m == "clashes" else t.value(m)


def _value(t: Totals, m: str, frame: pd.DataFrame | None = None, p: Period | None = None) -> str:
    if _not_recorded(t, m):
        return "not recorded"
    return fmt.at_least(_measure(t, m, frame, p), False if m.startswith(TYPE_PREFIX) else t.at_least(m))


def _not_recorded(t: Totals, m: str) -> bool:
    return not m.startswith(TYPE_PREFIX) and t.incidents > 0 and t.unknown.get(m, 0) == t.incidents


def compare_measure(
    frame: pd.DataFrame, m: str, cp: Period, pp: Period, cfg: Config, cur: int | None = None, prev: int | None = None
) -> PeriodChange:
    """Compare a measure between two periods with the test :func:`analysis.measures.test_for` names.

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
    c = compare_measure(frame, m, cp, pp, cfg, _measure(cur, m, frame, cp), _measure(prev, m, frame, pp))
    lower = not m.startswith(TYPE_PREFIX) and (cur.at_least(m) or prev.at_least(m))
    numbers[m] = _change_numbers(c, not m.startswith(TYPE_PREFIX) and prev.at_least(m))
    numbers[m]["lower_bounds"] = lower
    detail = f"{fmt.interval(c)}, {fmt.p_value(c.p_value)}" if math.isfinite(c.ratio) else fmt.interval(c)
    return Comparison(label, _value(prev, m, frame, pp), fmt.change_phrase(c, lower_bounds=lower), c.verdict, detail)


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


def headline_measures(caps: Capabilities, frame: pd.DataFrame) -> tuple[tuple[str, str, bool], ...]:
    """The headline rows a source supports: ``(key, label, indent)``.

    Event types only where the source records who initiated an event, else the
    categories of its own typology (UCDP: state-based, non-state, one-sided); killed
    by category only where it records victims; the injured only where recorded.
    """
    out: list[tuple[str, str, bool]] = []
    for m, indent in HEADLINE_MEASURES:
        if m in ("attacks", "operations", "clashes") and not caps.initiator:
            if m == "attacks" and caps.typology is not None:
                out += [(TYPE_PREFIX + k, v, True) for k, v in caps.typology.labels.items()]
            continue
        if not caps.measure_recorded(m):
            continue
        out.append((m, label(m), indent))
    return tuple(out)


def _headline(
    frame: pd.DataFrame, p: Period, kind: BriefKind, cfg: Config, numbers: dict[str, Any], caps: Capabilities
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
    for m, name, indent in headline_measures(caps, frame):
        if m == "clashes" and not has_clashes:
            continue
        entry: dict[str, Any] = {
            "label": name,
            "value": _measure(cur, m, frame, p),
            "at_least": False if m.startswith(TYPE_PREFIX) else cur.at_least(m),
            "unknown_incidents": cur.unknown.get(m, 0),
            "text": _value(cur, m, frame, p),
            "comparisons": {},
        }
        cs = []
        for key_label, a, b in comps:
            ta, tb = cache[a], cache[b]
            sub: dict[str, Any] = {}
            c = _comparison(frame, key_label, ta, tb, m, a, b, cfg, sub)
            sub[m].update(
                {
                    "current": _measure(ta, m, frame, a),
                    "current_at_least": False if m.startswith(TYPE_PREFIX) else ta.at_least(m),
                    "current_period": a.slug,
                    "previous_period": b.slug,
                }
            )
            entry["comparisons"][key_label] = sub[m]
            cs.append(c)
        num_rows[m] = entry
        rows.append(HeadlineRow(m, name, indent, _value(cur, m, frame, p), tuple(cs)))
    numbers["headline"] = num_rows
    if cur.range_incidents:
        numbers["headline"]["killed_range"] = {
            "low": cur.killed_low,
            "high": cur.killed_high,
            "incidents_with_range": cur.range_incidents,
        }
    return tuple(c[0] for c in comps), tuple(rows)


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
    kinds_text = f" ({join(kinds)})" if len(kinds) > 1 else ""
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


def _regions(
    frame: pd.DataFrame, p: Period, key: str, cfg: Config, numbers: dict[str, Any], caps: Capabilities
) -> Table:
    measures = [
        m for m in ("incidents", *VICTIM_CATEGORIES, "killed_total", "injured_total") if caps.measure_recorded(m)
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
    annualise = key == "province"
    rates = (
        rate_per_million(frame, p, annualised=True, alpha=cfg.alpha).set_index("province")["rate"]
        if annualise
        else pd.Series(dtype=float)
    )
    changes = []
    for _, r in cur.iterrows():
        name = str(r[key])
        sub = frame.loc[frame[key].astype("string").fillna(UNKNOWN) == name]
        changes.append(
            (compare_measure(sub, "killed_total", p, prev_p, cfg), compare_measure(sub, "killed_total", p, last_p, cfg))
        )
    # one family of tests per comparison column: marks on Benjamini-Hochberg q-values
    same = prev_p == last_p  # annual: the previous year is the same period last year
    q_prev = bh_adjust([c[0].p_value if c[0].verdict != "none in either period" else math.nan for c in changes])
    q_last = bh_adjust([c[1].p_value if c[1].verdict != "none in either period" else math.nan for c in changes])
    rows = []
    num: dict[str, Any] = {}
    for i, (_, r) in enumerate(cur.iterrows()):
        name = str(r[key])
        rate = float(rates[name]) if name in rates.index else None
        c_prev, c_last = changes[i]
        label_ = "Province not stated" if name == UNKNOWN else name
        cells = [Cell(label_, numeric=False)]
        for m in measures:
            cells.append(Cell(_marked(r[m], _partial(r, m))))
        if annualise:
            cells.append(Cell(fmt.rate(rate) if rate is not None else "–"))
        cells.append(Cell(_short_change(c_prev, q_prev[i], cfg.alpha), css=_verdict_css(c_prev, q_prev[i], cfg.alpha)))
        if not same:
            cells.append(
                Cell(_short_change(c_last, q_last[i], cfg.alpha), css=_verdict_css(c_last, q_last[i], cfg.alpha))
            )
        rows.append(tuple(cells))
        num[name] = {m: int(r[m]) for m in measures} | {
            "unknown_incidents": {m: int(r[f"{m}_unknown"]) for m in measures if f"{m}_unknown" in r},
            "killed_per_million_per_year": None if rate is None else fmt.rate_value(rate),
            "killed_vs_previous": _change_numbers(c_prev, False) | {"q_value": _clean(q_prev[i])},
            "killed_vs_last_year": _change_numbers(c_last, False) | {"q_value": _clean(q_last[i])},
        }
    tot = cur[measures].sum()
    tot_partial = {m: bool((cur[f"{m}_unknown"] > 0).any()) if f"{m}_unknown" in cur else False for m in measures}
    total = [Cell("Total", numeric=False)] + [Cell(_marked(tot[m], tot_partial[m])) for m in measures]
    num_total: dict[str, Any] = {m: int(tot[m]) for m in measures} | {"at_least": tot_partial}
    if key == "province":
        # the national rule: deaths in regions without a census denominator are left out
        rate = float(rates["Pakistan"]) if "Pakistan" in rates.index else None
        total.append(Cell(fmt.rate(rate) if rate is not None else "–"))
        num_total["killed_per_million_per_year"] = None if rate is None else fmt.rate_value(rate)
    total += [Cell("")] * (1 if same else 2)
    numbers["regions"] = num
    numbers["regions_total"] = num_total
    columns = (
        ("Province" if key == "province" else "District"),
        *(label(m) if m != "killed_total" else "Killed" for m in measures),
        *(("Killed per million a year",) if annualise else ()),
        f"Killed vs {prev_p.label}",
        *(() if same else (f"Killed vs {last_p.label}",)),
    )
    columns = tuple("Injured" if c == label("injured_total") else c for c in columns)
    rates_note = (
        "Rates use census populations (see Methods); AJK and Gilgit-Baltistan have no census denominator. "
        if annualise
        else ""
    )
    marked = any(tot_partial.values())
    note = (
        ("* some incidents do not state this count: the figure is a lower bound. " if marked else "")
        + rates_note
        + "Changes: "
        f"▲ rose, ▼ fell: an exact test rejects equal rates with the false discovery rate over the rows of the "
        f"column held at {fmt.level(cfg.alpha)} (Benjamini–Hochberg); otherwise no clear change. "
        f"Percentages only on a base of {cfg.min_base} or more."
    )
    return Table(columns, tuple(rows), tuple(total), note)


def _clean(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)


def _significant(c: PeriodChange, q: float, alpha: float) -> bool:
    return c.verdict in ("rose", "fell") and math.isfinite(q) and q < alpha


def _short_change(c: PeriodChange, q: float, alpha: float) -> str:
    if c.verdict == "none in either period":
        return "–"
    arrow = {"rose": "▲ ", "fell": "▼ "}.get(c.verdict, "") if _significant(c, q, alpha) else ""
    if c.percent is None:
        return f"{arrow}{fmt.integer(c.previous)} → {fmt.integer(c.current)}"
    return f"{arrow}{fmt.percent(c.percent)}"


def _verdict_css(c: PeriodChange, q: float, alpha: float) -> str:
    return {"rose": "up", "fell": "down"}.get(c.verdict, "flat") if _significant(c, q, alpha) else "flat"


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
    measures = [
        m
        for m in ("incidents", "attacks", "killed_total", "killed_security", "killed_civilians", "injured_total")
        if caps.measure_recorded(m)
    ]
    t = count_table(in_period(frame, p), by=[key], measures=measures, with_unknown=True)
    t = t.sort_values(["killed_total", "incidents", key], ascending=[False, False, True], kind="mergesort")
    t = t.loc[t["incidents"] > 0]
    shown = t.head(limit)
    rest = t.iloc[limit:]
    rows = []
    num = {}

    def cells(r: pd.Series) -> list[Cell]:
        return [Cell(_marked(r[m], _partial(r, m))) for m in measures]

    for _, r in shown.iterrows():
        raw = str(r[key])
        label_ = (labels or {}).get(raw, NOT_STATED if raw == UNKNOWN else raw)
        rows.append((Cell(label_, numeric=False), *cells(r)))
        num[raw] = {m: int(r[m]) for m in measures} | {"at_least": {m: _partial(r, m) for m in measures}}
    if len(rest):
        s = rest[[c for c in rest.columns if c != key]].sum()
        rows.append((Cell(f"Others ({len(rest)})", numeric=False), *cells(s)))
        num["others"] = {m: int(s[m]) for m in measures} | {"groups": len(rest)}
    tot = t[[c for c in t.columns if c != key]].sum()
    numbers[name] = num
    numbers[f"{name}_total"] = {m: int(tot[m]) for m in measures} | {
        "at_least": {m: _partial(tot, m) for m in measures}
    }
    heads = {
        "incidents": "Incidents",
        "attacks": "Attacks",
        "killed_total": "Killed",
        "killed_security": "Security forces",
        "killed_civilians": "Civilians",
        "injured_total": "Injured",
    }
    cols = (("Group named" if key == "perpetrator" else "Method"), *(heads[m] for m in measures))
    marked = any(_partial(r, m) for _, r in t.iterrows() for m in measures)
    note = "* some incidents do not state this count: a lower bound." if marked else ""
    return Table(cols, tuple(rows), (Cell("Total", numeric=False), *cells(tot)), note)


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


def _incident_kind(r: Any, caps: Capabilities) -> str:
    """An incident's type as the source records it: our event type and method, or the source's typology."""
    if not caps.initiator:
        if caps.typology is not None:
            v = getattr(r, TYPE_COLUMN)
            kind = caps.typology.labels.get(v, "–") if isinstance(v, str) else "–"
        else:
            kind = "–"
    else:
        kind = EVENT_LABELS.get(r.event_type, "–") if isinstance(r.event_type, str) else "–"
    if caps.method and isinstance(r.method, str):
        kind += f", {METHOD_LABELS.get(r.method, r.method).lower()}"
    return kind


def _deadliest(
    frame: pd.DataFrame, p: Period, n: int, numbers: dict[str, Any], caps: Capabilities
) -> tuple[tuple[IncidentCtx, ...], str]:
    """The ``n`` deadliest incidents; ties at the cut are never cut silently.

    Incidents tied with the n-th are listed when they are few (up to 3 more), else
    summed in a note ("and 7 more incidents with 1 killed"). A blank injured count
    ranks below every known count (it is unknown, not 0).
    """
    f = in_period(frame, p)
    f = f.loc[f["killed_total"].fillna(0) > 0]
    f = f.assign(_k=f["killed_total"].fillna(0), _i=f["injured_total"].astype("Float64").fillna(-1.0)).sort_values(
        ["_k", "_i", "date", "incident_id"], ascending=[False, False, True, True], kind="mergesort"
    )
    note = ""
    if len(f) > n:
        cut = f["_k"].iloc[n - 1] if n > 0 else None
        tied_after = int((f["_k"].iloc[n:] == cut).sum()) if n > 0 else 0
        if 0 < tied_after <= 3:
            f = f.head(n + tied_after)
        else:
            if tied_after:
                killed = "killed" if cut == 1 else "killed each"
                note = f"And {fmt.integer(tied_after)} more incidents with {fmt.integer(cut)} {killed}."
            f = f.head(n)
    out = []
    num = []
    for r in f.itertuples(index=False):
        place = (
            ", ".join(str(x) for x in (r.locality, r.district, r.province) if isinstance(x, str) and x)
            or "place not stated"
        )
        split = []
        if caps.victims:
            for c in schema.KILLED_CATEGORIES:
                v = getattr(r, c)
                if pd.notna(v) and v > 0:
                    split.append(f"{label(c).lower()} {int(v)}")
        out.append(
            IncidentCtx(
                date=fmt.date_span(r.date, r.date_end),
                place=place,
                kind=_incident_kind(r, caps),
                perpetrator=r.perpetrator if isinstance(r.perpetrator, str) and r.perpetrator else "not stated",
                killed=fmt.integer(r.killed_total),
                killed_split="; ".join(split) if split else "",
                injured=(fmt.integer(r.injured_total) if pd.notna(r.injured_total) else "n/s") if caps.injured else "",
                description=(
                    fmt.truncate(str(r.description), 320) if caps.description and isinstance(r.description, str) else ""
                ),
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
        records=caps,
    )
    fs = tuple(f for f in fs if f.kind != "totals")[:6]
    numbers["findings"] = [{"id": f.id, "sentence": f.sentence, "numbers": f.numbers, "method": f.method} for f in fs]
    return tuple(f.sentence for f in fs)


def _ten_year(frame: pd.DataFrame, p: Period, numbers: dict[str, Any], region: str | None, caps: Capabilities) -> Table:
    """Yearly totals for the ten years ending with ``p`` (annual edition), in the measures the source records."""
    from analysis.periods import date_range

    first = p.start.year - 9
    span = date_range(f"{first}-01-01", p.end)
    measures = [
        m
        for m in ("incidents", "attacks", "operations", *VICTIM_CATEGORIES, "killed_total", "injured_total")
        if caps.measure_recorded(m)
    ]
    t = count_table(frame, by=["year"], measures=measures, period=span)
    # the rate's numerator: for Pakistan, only the regions with a census denominator
    enumerated = frame if region else frame.loc[~frame["province"].isin(NOT_ENUMERATED).fillna(False)]
    killed_enumerated = count_table(enumerated, by=["year"], measures=["killed_total"], period=span).set_index("year")
    types: dict[str, pd.Series] = {}
    if not caps.initiator and caps.typology is not None:
        f = in_period(frame, span)
        counts = pd.crosstab(f["date"].dt.year, f[TYPE_COLUMN])
        for k in caps.typology.labels:
            types[k] = counts[k] if k in counts else pd.Series(0, index=counts.index)
    rows = []
    num: dict[str, Any] = {}
    for _, r in t.iterrows():
        y = int(r["year"])
        try:
            rate, _ = rate_of(
                int(killed_enumerated.loc[y, "killed_total"]), region or "Pakistan", year(y), annualised=True
            )
        except KeyError:
            rate = None
        cells = [Cell(str(y), numeric=False), Cell(_marked(r["incidents"], _partial(r, "incidents")))]
        entry: dict[str, Any] = {"incidents": int(r["incidents"])}
        for k, s_ in types.items():
            v = int(s_.get(y, 0))
            cells.append(Cell(fmt.integer(v)))
            entry[TYPE_PREFIX + k] = v
        for m in measures[1:]:
            cells.append(Cell(_marked(r[m], _partial(r, m))))
            entry[m] = int(r[m])
        cells.append(Cell(fmt.rate(rate) if rate is not None else "–"))
        rows.append(tuple(cells))
        entry["killed_per_million"] = None if rate is None else fmt.rate_value(rate)
        entry["at_least"] = {m: _partial(r, m) for m in measures}
        num[str(y)] = entry
    numbers["ten_year"] = num
    heads = {"attacks": "Attacks", "operations": "Operations", "killed_total": "Killed", "injured_total": "Injured"}
    cols = (
        "Year",
        "Incidents",
        *(caps.typology.labels[k] for k in types if caps.typology is not None),
        *(heads.get(m, label(m)) for m in measures[1:]),
        "Killed per million",
    )
    whose = f"{region}'s" if region else "the national"
    marked = any(_partial(r, m) for _, r in t.iterrows() for m in measures)
    note = (
        "* some incidents do not state this count: a lower bound. " if marked else ""
    ) + f"Killed per million uses {whose} census population, interpolated to each year (see Methods)."
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
        rows_ = "row was" if len(rep.excluded) == 1 else "rows were"
        parts.append(f"{len(rep.excluded):,} {rows_} not an incident and excluded ({why}).")
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
        definitions=_definitions(caps),
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


def _unplaced(frame: pd.DataFrame, p: Period, numbers: dict[str, Any]) -> str:
    """Deaths in events dated too imprecisely to be placed in ``p``: said beside its counts, never added.

    ("Not counted in this period: plus 1,428 deaths in 1 event dated only to 2009.")
    """
    from analysis.counts import imprecise_dates

    imp = imprecise_dates(frame, p)
    if not imp:
        return ""
    numbers["unplaced"] = {
        "incidents": imp.incidents,
        "killed_total": imp.killed_total,
        "killed_total_unknown": imp.killed_total_unknown,
        "by_precision": {k: list(v) for k, v in imp.by_precision.items()},
        "spans": [
            {"label": sp.label, "precision": sp.precision, "incidents": sp.incidents, "killed_total": sp.killed_total}
            for sp in imp.spans
        ],
    }
    parts = []
    for sp in imp.spans:
        events = "event" if sp.incidents == 1 else "events"
        when = f"the week of {sp.label}" if sp.precision == "week" else sp.label
        least = "at least " if sp.killed_total_unknown else ""
        parts.append(
            f"{least}{fmt.integer(sp.killed_total)} deaths in {fmt.integer(sp.incidents)} {events} dated only to {when}"
        )
    if len(parts) > 3:
        rest = imp.spans[3:]
        parts = parts[:3] + [
            f"{fmt.integer(sum(x.killed_total for x in rest))} deaths in {fmt.integer(sum(x.incidents for x in rest))} "
            "other imprecisely dated events"
        ]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Not counted in {p.label}, because they may fall outside it: {text}."


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
    unplaced = _unplaced(frame, period, numbers)
    if unplaced:
        ctx.summary += " " + unplaced
        ctx.headline_note += " " + unplaced
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
    ctx.methods = _methods(inc, period, cfg, region, numbers, caps, rejects_name)
    return ctx
