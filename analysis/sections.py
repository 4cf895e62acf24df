"""The numeric sections of a brief as frozen records: computed here, formatted in ``reports/``.

Each function computes one section of a brief — the province or district table, the
tables by group and by method, the deadliest incidents, the ten-year table — from the
canonical incidents and returns a frozen record holding every number the section
shows. :mod:`reports.context` only formats these records, and the numbers JSON is
written from them (``to_numbers``), so a printed number and its stored value come from
one computation.

What a source does not record is never a number here: the records take the
source's :class:`analysis.capabilities.Capabilities` and leave such measures out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import schema
from analysis.capabilities import Capabilities
from analysis.changes import PeriodChange, benjamini_hochberg, compare_counts, compare_deaths, incident_values
from analysis.counts import UNKNOWN, count_table, in_period
from analysis.gazetteer import reporting_provinces
from analysis.measures import CLUSTERED, VICTIM_CATEGORIES
from analysis.periods import Period, date_range, previous_period, same_period_last_year, year
from analysis.population import NOT_ENUMERATED
from analysis.rates import rate as rate_of
from analysis.rates import rate_per_million

#: Column of a brief's working frame holding the category of the source's own typology.
TYPE_COLUMN = "source_type"


def compare_measure(
    frame: pd.DataFrame,
    m: str,
    cp: Period,
    pp: Period,
    *,
    alpha: float,
    min_base: int,
    cur: int | None = None,
    prev: int | None = None,
) -> PeriodChange:
    """Compare measure ``m`` between two periods with the test :func:`analysis.measures.test_for` names.

    Counts of people cluster in incidents and are compared at the level of incidents
    (:func:`analysis.changes.compare_deaths`); counts of incidents (``cur``, ``prev``)
    with the exact conditional Poisson test (:func:`analysis.changes.compare_counts`).
    """
    if m in CLUSTERED:
        return compare_deaths(
            incident_values(frame, m, cp).to_numpy(),
            incident_values(frame, m, pp).to_numpy(),
            current_days=cp.days,
            previous_days=pp.days,
            alpha=alpha,
            min_base=min_base,
        )
    if cur is None or prev is None:
        raise ValueError(f"comparing {m!r} needs the two counts (cur, prev)")
    return compare_counts(cur, prev, current_days=cp.days, previous_days=pp.days, alpha=alpha, min_base=min_base)


def _tested(c: PeriodChange) -> float:
    return math.nan if c.verdict == "none in either period" else c.p_value


@dataclass(frozen=True)
class TableChange:
    """One row's change in deaths against a comparison period, within a table of many tests.

    ``marked``: declared changed by Benjamini–Hochberg over the table's column (``q``
    its adjusted p-value); ``fcr``: the same comparison at the false-coverage level, whose
    interval excludes 1 exactly when the row is marked (Benjamini & Yekutieli 2005).
    """

    change: PeriodChange
    q: float
    marked: bool
    fcr: PeriodChange | None


@dataclass(frozen=True)
class RegionRow:
    """A province or district: its counts (``at_least``: some incidents do not state it), rate and changes."""

    name: str
    counts: dict[str, int]
    at_least: dict[str, bool]
    unknown_incidents: dict[str, int]
    rate: float | None
    vs_previous: TableChange
    vs_last_year: TableChange


@dataclass(frozen=True)
class RegionsSection:
    """The province table of a national brief or the district table of a regional one."""

    key: str
    period: Period
    previous: Period
    last_year: Period
    measures: tuple[str, ...]
    rows: tuple[RegionRow, ...]
    total: dict[str, int]
    total_at_least: dict[str, bool]
    total_rate: float | None
    alpha: float

    @property
    def annualised(self) -> bool:
        """Province tables carry a yearly rate per million (census denominators); district tables do not."""
        return self.key == "province"

    @property
    def one_comparison(self) -> bool:
        """True for a year, whose previous period is the same period last year."""
        return self.previous == self.last_year


def _table_changes(
    changes: list[PeriodChange], subs: list[pd.DataFrame], cp: Period, pp: Period, alpha: float, min_base: int
) -> list[TableChange]:
    fd = benjamini_hochberg([_tested(c) for c in changes], q=alpha)
    out = []
    for i, c in enumerate(changes):
        fcr = None
        if math.isfinite(fd.adjusted[i]):
            fcr = compare_measure(subs[i], "killed_total", cp, pp, alpha=fd.interval_alpha, min_base=min_base)
        out.append(TableChange(c, float(fd.adjusted[i]), bool(fd.reject[i]), fcr))
    return out


def regions_section(
    frame: pd.DataFrame, period: Period, key: str, caps: Capabilities, *, alpha: float, min_base: int
) -> RegionsSection:
    """Counts, rates and tested changes of deaths by province (``key="province"``) or district.

    Provinces: every reporting province and territory, plus any other with incidents;
    a yearly rate per million from :func:`analysis.rates.rate_per_million` (its Total
    row: the national rule, without the regions the census does not enumerate).
    Districts: those with incidents in the period or either comparison period.
    Changes in deaths against the previous period and the same period last year, marked
    by Benjamini–Hochberg over each column.
    """
    measures = tuple(
        m for m in ("incidents", *VICTIM_CATEGORIES, "killed_total", "injured_total") if caps.measure_recorded(m)
    )
    cur = count_table(frame, by=[key], measures=list(measures), period=period)
    prev_p, last_p = previous_period(period), same_period_last_year(period)
    prev = count_table(frame, by=[key], measures=["killed_total"], period=prev_p).set_index(key)["killed_total"]
    last = count_table(frame, by=[key], measures=["killed_total"], period=last_p).set_index(key)["killed_total"]
    active = cur[list(measures)].sum(axis=1) > 0
    if key == "province":
        keep = cur[key].isin(reporting_provinces()) | active
    else:
        keep = active | cur[key].map(lambda k: prev.get(k, 0) + last.get(k, 0) > 0)
    cur = cur.loc[keep]
    rates = (
        rate_per_million(frame, period, annualised=True, alpha=alpha).set_index("province")["rate"]
        if key == "province"
        else pd.Series(dtype=float)
    )
    names = [str(v) for v in cur[key]]
    subs = [frame.loc[frame[key].astype("string").fillna(UNKNOWN) == n] for n in names]
    c_prev = [compare_measure(s, "killed_total", period, prev_p, alpha=alpha, min_base=min_base) for s in subs]
    c_last = [compare_measure(s, "killed_total", period, last_p, alpha=alpha, min_base=min_base) for s in subs]
    t_prev = _table_changes(c_prev, subs, period, prev_p, alpha, min_base)
    t_last = _table_changes(c_last, subs, period, last_p, alpha, min_base)
    rows = []
    for i, (_, r) in enumerate(cur.iterrows()):
        name = names[i]
        rows.append(
            RegionRow(
                name=name,
                counts={m: int(r[m]) for m in measures},
                at_least={m: int(r.get(f"{m}_unknown", 0)) > 0 for m in measures},
                unknown_incidents={m: int(r[f"{m}_unknown"]) for m in measures if f"{m}_unknown" in r},
                rate=float(rates[name]) if name in rates.index else None,
                vs_previous=t_prev[i],
                vs_last_year=t_last[i],
            )
        )
    tot = cur[list(measures)].sum()
    return RegionsSection(
        key=key,
        period=period,
        previous=prev_p,
        last_year=last_p,
        measures=measures,
        rows=tuple(rows),
        total={m: int(tot[m]) for m in measures},
        total_at_least={m: bool((cur[f"{m}_unknown"] > 0).any()) if f"{m}_unknown" in cur else False for m in measures},
        total_rate=float(rates["Pakistan"]) if "Pakistan" in rates.index else None,
        alpha=alpha,
    )


@dataclass(frozen=True)
class GroupRow:
    """A group named (or a method): its counts; ``others`` > 0 for the row summing the groups beyond the limit."""

    key: str
    counts: dict[str, int]
    at_least: dict[str, bool]
    others: int = 0


@dataclass(frozen=True)
class GroupSection:
    """Deaths and incidents by perpetrator or by method, the first ``limit`` groups and the rest summed."""

    key: str
    measures: tuple[str, ...]
    rows: tuple[GroupRow, ...]
    total: GroupRow


def group_section(frame: pd.DataFrame, period: Period, key: str, caps: Capabilities, *, limit: int = 8) -> GroupSection:
    """Groups with at least one incident, most deaths first (then incidents, then name)."""
    measures = tuple(
        m
        for m in ("incidents", "attacks", "killed_total", "killed_security", "killed_civilians", "injured_total")
        if caps.measure_recorded(m)
    )
    t = count_table(in_period(frame, period), by=[key], measures=list(measures), with_unknown=True)
    t = t.sort_values(["killed_total", "incidents", key], ascending=[False, False, True], kind="mergesort")
    t = t.loc[t["incidents"] > 0]

    def row(r: pd.Series, name: str, others: int = 0) -> GroupRow:
        return GroupRow(
            name,
            {m: int(r[m]) for m in measures},
            {m: int(r.get(f"{m}_unknown", 0)) > 0 for m in measures},
            others,
        )

    rows = [row(r, str(r[key])) for _, r in t.head(limit).iterrows()]
    rest = t.iloc[limit:]
    if len(rest):
        rows.append(row(rest.drop(columns=[key]).sum(), "others", len(rest)))
    return GroupSection(key, measures, tuple(rows), row(t.drop(columns=[key]).sum(), "total"))


@dataclass(frozen=True)
class DeadlyIncident:
    """One of the deadliest incidents, as recorded (blank counts are ``None``)."""

    incident_id: str
    date: pd.Timestamp
    date_end: pd.Timestamp | None
    locality: str | None
    district: str | None
    province: str | None
    event_type: str | None
    source_type: str | None
    method: str | None
    perpetrator: str | None
    killed_total: int
    killed: dict[str, int | None]
    injured_total: int | None
    description: str | None


@dataclass(frozen=True)
class Deadliest:
    """The deadliest incidents; incidents tied with the last one listed are never cut silently.

    ``tied_not_listed`` incidents with ``tied_killed`` deaths each are left out of the
    list (and must be named beside it).
    """

    incidents: tuple[DeadlyIncident, ...]
    tied_not_listed: int = 0
    tied_killed: int | None = None


def _text(v: object) -> str | None:
    return v if isinstance(v, str) and v else None


def _count(v: object) -> int | None:
    return None if pd.isna(v) else int(v)  # type: ignore[call-overload]


def deadliest(frame: pd.DataFrame, period: Period, n: int, *, max_extra_ties: int = 3) -> Deadliest:
    """The ``n`` incidents with most deaths in ``period`` (ties: most injured, earlier, id).

    A blank injured count ranks below every known count (unknown, not 0). Incidents tied
    with the ``n``-th are added when at most ``max_extra_ties``; otherwise counted in
    ``tied_not_listed`` ("and 7 more incidents with 1 killed").
    """
    f = in_period(frame, period)
    f = f.loc[f["killed_total"].fillna(0) > 0]
    f = f.assign(_k=f["killed_total"].fillna(0), _i=f["injured_total"].astype("Float64").fillna(-1.0)).sort_values(
        ["_k", "_i", "date", "incident_id"], ascending=[False, False, True, True], kind="mergesort"
    )
    tied, cut = 0, None
    if len(f) > n > 0:
        cut = int(f["_k"].iloc[n - 1])
        tied = int((f["_k"].iloc[n:] == cut).sum())
        if tied <= max_extra_ties:
            f, tied = f.head(n + tied), 0
        else:
            f = f.head(n)
    elif n == 0:
        f = f.head(0)
    has_type = TYPE_COLUMN in f.columns
    out = tuple(
        DeadlyIncident(
            incident_id=str(r["incident_id"]),
            date=r["date"],
            date_end=None if pd.isna(r["date_end"]) else r["date_end"],
            locality=_text(r["locality"]),
            district=_text(r["district"]),
            province=_text(r["province"]),
            event_type=_text(r["event_type"]),
            source_type=_text(r[TYPE_COLUMN]) if has_type else None,
            method=_text(r["method"]),
            perpetrator=_text(r["perpetrator"]),
            killed_total=int(r["killed_total"]),
            killed={c: _count(r[c]) for c in schema.KILLED_CATEGORIES},
            injured_total=_count(r["injured_total"]),
            description=_text(r["description"]),
        )
        for _, r in f.iterrows()
    )
    return Deadliest(out, tied, cut if tied else None)


@dataclass(frozen=True)
class YearRow:
    """One year of the ten-year table."""

    year: int
    counts: dict[str, int]
    at_least: dict[str, bool]
    types: dict[str, int]
    rate: float | None


@dataclass(frozen=True)
class TenYears:
    """Yearly totals for the ten years ending with the brief's year, with the yearly rate per million."""

    measures: tuple[str, ...]
    types: tuple[str, ...]
    rows: tuple[YearRow, ...]
    unit: str


def ten_years(frame: pd.DataFrame, period: Period, caps: Capabilities, *, region: str | None = None) -> TenYears:
    """Counts by year for the ten years to ``period``; the source's typology where it has one.

    The rate's numerator for Pakistan leaves out the regions the census does not
    enumerate (:data:`analysis.population.NOT_ENUMERATED`); :func:`analysis.rates.rate`.
    """
    span = date_range(f"{period.start.year - 9}-01-01", period.end)
    measures = tuple(
        m
        for m in ("incidents", "attacks", "operations", *VICTIM_CATEGORIES, "killed_total", "injured_total")
        if caps.measure_recorded(m)
    )
    t = count_table(frame, by=["year"], measures=list(measures), period=span)
    enumerated = frame if region else frame.loc[~frame["province"].isin(NOT_ENUMERATED).fillna(False)]
    killed_enumerated = count_table(enumerated, by=["year"], measures=["killed_total"], period=span).set_index("year")
    types: dict[str, pd.Series] = {}
    if not caps.initiator and caps.typology is not None and TYPE_COLUMN in frame.columns:
        for k in caps.typology.labels:
            sub = frame.loc[frame[TYPE_COLUMN] == k]
            types[k] = count_table(sub, by=["year"], measures=["incidents"], period=span).set_index("year")["incidents"]
    unit = region or "Pakistan"
    rows = []
    for _, r in t.iterrows():
        y = int(r["year"])
        try:
            rate, _ = rate_of(int(killed_enumerated.loc[y, "killed_total"]), unit, year(y), annualised=True)
        except KeyError:
            rate = None
        rows.append(
            YearRow(
                y,
                {m: int(r[m]) for m in measures},
                {m: int(r.get(f"{m}_unknown", 0)) > 0 for m in measures},
                {k: int(s.get(y, 0)) for k, s in types.items()},
                rate,
            )
        )
    return TenYears(measures, tuple(types), tuple(rows), unit)


def incidents_numbers(d: Deadliest) -> list[dict[str, Any]]:
    """The deadliest incidents' raw values for the numbers JSON."""
    return [
        {
            "incident_id": i.incident_id,
            "date": f"{i.date:%Y-%m-%d}",
            "killed_total": i.killed_total,
            "injured_total": i.injured_total,
            **i.killed,
        }
        for i in d.incidents
    ]


# --- headline ------------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class HeadlineComparison:
    """A headline measure in ``current`` against ``against`` (``change`` is None when not recorded)."""

    name: str
    current_period: Period
    against: Period
    current: int
    previous: int
    current_at_least: bool
    previous_at_least: bool
    change: PeriodChange | None

    @property
    def lower_bounds(self) -> bool:
        """Either count is a lower bound (a percent change between them says so)."""
        return self.current_at_least or self.previous_at_least


@dataclass(frozen=True)
class HeadlineMeasure:
    """One headline row: its value in the period (``None``: not recorded) and its comparisons."""

    key: str
    label: str
    indent: bool
    value: int
    at_least: bool
    unknown_incidents: int
    recorded: bool
    comparisons: tuple[HeadlineComparison, ...]


@dataclass(frozen=True)
class Headline:
    """The headline numbers of a brief, with the comparisons of its edition."""

    period: Period
    comparisons: tuple[tuple[str, Period, Period], ...]
    rows: tuple[HeadlineMeasure, ...]
    killed_range: tuple[int, int, int] | None  # low, high, incidents with a range


def headline_measures(caps: Capabilities) -> tuple[tuple[str, str, bool], ...]:
    """The headline rows a source supports: ``(key, label, indent)``.

    Event types only where the source records who initiated an event, else the
    categories of its own typology (UCDP: state-based, non-state, one-sided); killed
    by category only where it records victims; the injured only where recorded.
    """
    from analysis.measures import label

    out: list[tuple[str, str, bool]] = []
    for m, indent in HEADLINE_MEASURES:
        if m in ("attacks", "operations", "clashes") and not caps.initiator:
            if m == "attacks" and caps.typology is not None:
                out += [(TYPE_PREFIX + k, v, True) for k, v in caps.typology.labels.items()]
            continue
        if caps.measure_recorded(m):
            out.append((m, label(m), indent))
    return tuple(out)


def comparisons_for(period: Period, kind: str) -> tuple[tuple[str, Period, Period], ...]:
    """The edition's comparisons: previous period; and, except annual, same period last year and year to date."""
    from analysis.periods import year_to_date

    out = [("previous", period, previous_period(period))]
    if kind != "annual":
        out.append(("last_year", period, same_period_last_year(period)))
        ytd = year_to_date(period)
        out.append(("year_to_date", ytd, same_period_last_year(ytd)))
    return tuple(out)


def headline(
    frame: pd.DataFrame, period: Period, kind: str, caps: Capabilities, *, alpha: float, min_base: int
) -> Headline:
    """The headline measures of ``period`` and their tested comparisons.

    ``frame`` carries :data:`TYPE_COLUMN` when the source has its own typology.
    A measure no incident of a compared period states is not recorded there: no test.
    """
    from analysis.counts import Totals, totals

    comps = comparisons_for(period, kind)
    cache: dict[Period, Totals] = {}
    for _, a, b in comps:
        for q in (a, b, period):
            if q not in cache:
                cache[q] = totals(frame, q)

    def value(m: str, q: Period) -> int:
        t = cache[q]
        if m.startswith(TYPE_PREFIX):
            return int((in_period(frame, q)[TYPE_COLUMN] == m[len(TYPE_PREFIX) :]).sum())
        return t.incidents - t.attacks - t.operations if m == "clashes" else t.value(m)

    def partial(m: str, q: Period) -> bool:
        return not m.startswith(TYPE_PREFIX) and cache[q].at_least(m)

    def recorded(m: str, q: Period) -> bool:
        t = cache[q]
        return m.startswith(TYPE_PREFIX) or not (t.incidents > 0 and t.unknown.get(m, 0) == t.incidents)

    has_clashes = any(t.incidents - t.attacks - t.operations > 0 for t in cache.values())
    rows = []
    for m, name, indent in headline_measures(caps):
        if m == "clashes" and not has_clashes:
            continue
        cs = []
        for cname, a, b in comps:
            ok = recorded(m, a) and recorded(m, b)
            ca, cb = value(m, a), value(m, b)
            change = compare_measure(frame, m, a, b, alpha=alpha, min_base=min_base, cur=ca, prev=cb) if ok else None
            cs.append(HeadlineComparison(cname, a, b, ca, cb, partial(m, a), partial(m, b), change))
        t = cache[period]
        rows.append(
            HeadlineMeasure(
                m,
                name,
                indent,
                value(m, period),
                partial(m, period),
                t.unknown.get(m, 0),
                recorded(m, period),
                tuple(cs),
            )
        )
    t = cache[period]
    rng = (t.killed_low, t.killed_high, t.range_incidents) if t.range_incidents else None
    return Headline(period, comps, tuple(rows), rng)
