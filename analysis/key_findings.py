"""Key findings: the statistics of a period turned into ranked, traceable sentences.

Each :class:`Finding` holds one plain-English sentence, the numbers it rests on
(name -> value, exactly as the sentence shows them) and an importance score. Every
number in a sentence is one of its numbers (:func:`unsupported_numbers` checks it),
so a brief's numbers JSON can trace each figure. Changes are worded by their tests
(:mod:`analysis.changes`), superlatives come from :mod:`analysis.records` and are
said only when true, trends from :mod:`analysis.trends` only when the fit converged.
The order is deterministic: importance (highest first), then id.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field

import pandas as pd

from analysis.capabilities import Capabilities, typology_values
from analysis.changes import MIN_BASE, PeriodChange, compare_counts, compare_deaths, incident_values
from analysis.counts import DateRule, Totals, in_period, totals
from analysis.errors import SecbriefWarning
from analysis.periods import Period, months_ending, previous_period, same_period_last_year
from analysis.records import Record, coverage_of, records_for
from reports import formatting as fmt  # one place formats every number a reader sees

#: Victim categories and their nouns (singular, plural).
_VICTIMS = (
    ("killed_security", "member of the security forces", "security personnel"),
    ("killed_civilians", "civilian", "civilians"),
    ("killed_militants", "militant", "militants"),
    ("killed_unknown", "unidentified person", "unidentified people"),
)
#: Default for helpers called without the source's capabilities: everything recorded.
_ALL_RECORDED = Capabilities()
_NOUNS = {
    "killed_total": "deaths",
    "incidents": "incidents",
    "attacks": "attacks",
    "killed_security": "security force deaths",
    "killed_civilians": "civilian deaths",
}


@dataclass(frozen=True)
class Finding:
    """One key finding.

    Attributes
    ----------
    id
        Stable identifier, e.g. ``change:killed_total:previous`` or ``totals:Balochistan``.
    kind
        ``totals``, ``change``, ``record``, ``rate``, ``lethality``, ``share`` or ``trend``.
    sentence
        The plain-English sentence.
    numbers
        Every number the sentence shows, by name, as shown (rounded), plus the labels
        (period, region) it names and test results it rests on.
    importance
        0..1; findings are ranked by it.
    method
        The statistical method behind the words, when there is one.
    """

    id: str
    kind: str
    sentence: str
    numbers: dict[str, object] = field(default_factory=dict)
    importance: float = 0.5
    method: str = ""


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def unsupported_numbers(f: Finding) -> list[str]:
    """Numbers in ``f.sentence`` that are not among ``f.numbers`` (should be empty).

    Text values of ``numbers`` (period labels, region names, also inside lists) are removed
    first; then each number written in the sentence must equal (in absolute value) one of the
    numeric values (or of the values of a list).

    Examples
    --------
    >>> unsupported_numbers(Finding("x", "totals", "In 2024, 685 killed.", {"period": "2024", "killed": 685}))
    []
    >>> unsupported_numbers(Finding("x", "totals", "In 2024, 686 killed.", {"period": "2024", "killed": 685}))
    ['686']
    """
    text = f.sentence
    flat = [x for v in f.numbers.values() for x in (v if isinstance(v, (list, tuple)) else [v])]
    for v in sorted((str(v) for v in flat if isinstance(v, str)), key=len, reverse=True):
        text = text.replace(v, " ")
    values = {
        abs(float(v))
        for v in flat
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v))
    }
    bad = []
    for tok in _NUMBER.findall(text):
        if abs(float(tok.replace(",", ""))) not in values:
            bad.append(tok)
    return bad


def _finite(v: float) -> float | None:
    """``None`` for an infinite or undefined value (strict JSON has neither)."""
    return float(v) if math.isfinite(v) else None


def _n(v: int) -> str:
    return f"{int(v):,}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{_n(n)} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _typology_phrase(scope: pd.DataFrame, period: Period, caps: Capabilities, n: int, nums: dict[str, object]) -> str:
    """``'12 incidents (9 state-based, 3 one-sided)'`` in the source's own typology."""
    assert caps.typology is not None
    f = in_period(scope, period)
    kinds = typology_values(f, caps.typology).value_counts()
    parts = []
    for k, name in caps.typology.labels.items():
        v = int(kinds.get(k, 0))
        if v:
            nums[f"incidents_{k}"] = v
            parts.append(f"{_n(v)} {name.lower()}")
    return _plural(n, "incident", "incidents") + (f" ({', '.join(parts)})" if len(parts) > 1 else "")


def _event_phrase(t: Totals, clashes: int, nums: dict[str, object]) -> str:
    if t.incidents and t.attacks == t.incidents:
        return _plural(t.attacks, "attack", "attacks")
    if t.incidents and t.operations == t.incidents:
        return _plural(t.operations, "security operation", "security operations")
    other = t.incidents - t.attacks - t.operations - clashes
    kinds = [
        (t.attacks, "attack", "attacks", "attacks"),
        (t.operations, "operation", "operations", "operations"),
        (clashes, "clash", "clashes", "clashes"),
        (other, "other incident", "other incidents", "other_incidents"),
    ]
    parts = []
    for n, one, many, key in kinds:
        if n:
            nums[key] = n
            parts.append(_plural(n, one, many))
    return _plural(t.incidents, "incident", "incidents") + (f" ({', '.join(parts)})" if len(parts) > 1 else "")


def _totals_finding(
    frame: pd.DataFrame,
    period: Period,
    region: str | None,
    importance: float,
    date_rule: DateRule,
    caps: Capabilities = _ALL_RECORDED,
) -> Finding:
    t = totals(frame, period, province=region, date_rule=date_rule)
    where = region or "Pakistan"
    nums: dict[str, object] = {"period": period.label, "region": where}
    head = f"In {where}, {period.label}"
    fid = f"totals:{region or 'all'}"
    if t.incidents == 0:
        return Finding(fid, "totals", f"{head}, no incidents were recorded.", nums, importance)
    nums["incidents"] = t.incidents
    least = "at least " if t.at_least("killed_total") else ""
    parts = []
    for col, one, many in _VICTIMS if caps.victims else ():
        v = t.value(col)
        if v:
            nums[col] = v
            parts.append(("at least " if t.at_least(col) else "") + _plural(v, one, many))
    scope = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    if caps.initiator:
        nums.update({"attacks": t.attacks, "operations": t.operations})
        clashes = int((in_period(scope, period)["event_type"] == "clash").fillna(False).sum())
        events = _event_phrase(t, clashes, nums)
    elif caps.typology is not None:
        events = _typology_phrase(scope, period, caps, t.incidents, nums)
    else:
        events = _plural(t.incidents, "incident", "incidents")
    if t.killed_total == 0 and t.at_least("killed_total"):
        sentence = (
            f"{head}, {events} {'was' if t.incidents == 1 else 'were'} recorded; the reports do not state "
            "how many were killed."
        )
    elif t.killed_total == 0:
        sentence = f"{head}, {events} {'was' if t.incidents == 1 else 'were'} recorded; no deaths were reported."
    elif len(parts) == 1 and caps.victims and sum(t.value(c) for c, _, _ in _VICTIMS) == t.killed_total:
        nums["killed_total"] = t.killed_total
        verb = "was" if t.killed_total == 1 and not least else "were"
        sentence = f"{head}, {parts[0]} {verb} killed in {events}."
    else:
        nums["killed_total"] = t.killed_total
        detail = f" ({_join(parts)})" if parts else ""
        sentence = f"{head}, {least}{_plural(t.killed_total, 'person was', 'people were')} killed{detail} in {events}."
    if caps.injured and t.injured_total:
        nums["injured_total"] = t.injured_total
        sentence = (
            sentence[:-1] + f"; {'at least ' if t.at_least('injured_total') else ''}{_n(t.injured_total)} injured."
        )
    return Finding(fid, "totals", sentence, nums, importance)


def _covered(cov: tuple[pd.Timestamp, pd.Timestamp] | None, p: Period) -> bool:
    return cov is not None and cov[0] <= p.start and p.end <= cov[1]


def _change(
    frame: pd.DataFrame, measure: str, cur: Period, prev: Period, alpha: float, min_base: int, date_rule: DateRule
) -> PeriodChange:
    if measure in ("incidents", "attacks"):

        def n(p: Period) -> int:
            f = in_period(frame, p)
            return len(f) if measure == "incidents" else int((f["event_type"] == "attack").fillna(False).sum())

        return compare_counts(
            n(cur), n(prev), current_days=cur.days, previous_days=prev.days, alpha=alpha, min_base=min_base
        )
    return compare_deaths(
        incident_values(frame, measure, cur, date_rule=date_rule).to_numpy(),
        incident_values(frame, measure, prev, date_rule=date_rule).to_numpy(),
        current_days=cur.days,
        previous_days=prev.days,
        alpha=alpha,
        min_base=min_base,
    )


def _change_finding(
    frame: pd.DataFrame,
    measure: str,
    cur: Period,
    prev: Period,
    against: str,
    region: str | None,
    alpha: float,
    min_base: int,
    date_rule: DateRule,
) -> Finding | None:
    c = _change(frame, measure, cur, prev, alpha, min_base, date_rule)
    if c.verdict == "none in either period":
        return None
    noun = _NOUNS[measure]
    where = f"In {region}, " if region else ""
    subject = noun if where else noun[0].upper() + noun[1:]
    nums: dict[str, object] = {
        "current": c.current,
        "previous": c.previous,
        "period": cur.label,
        "comparison_period": prev.label,
        "p_value": _finite(c.p_value),
        "ratio": _finite(c.ratio),
        "ci_low": _finite(c.ci_low),
        "ci_high": _finite(c.ci_high),
        "verdict": c.verdict,
    }
    if region:
        nums["region"] = region
    if c.percent is not None:
        nums["percent_change"] = fmt.percent_value(c.percent)
    # counts some incidents do not state are lower bounds: say so, and the change is one between them
    lower = (
        measure != "incidents"
        and measure != "attacks"
        and any(totals(frame, q, date_rule=date_rule).at_least(measure) for q in (cur, prev))
    )
    nums["lower_bounds"] = lower
    least = "at least " if lower else ""
    if c.verdict in ("rose", "fell"):
        pct = f" ({fmt.percent(c.percent)}{' between lower bounds' if lower else ''})" if c.percent is not None else ""
        sentence = (
            f"{where}{subject} {c.verdict} from {least}{_n(c.previous)} in {prev.label} "
            f"to {least}{_n(c.current)} in {cur.label}{pct}."
        )
        importance = 0.8 if against == "previous" else 0.75
    else:
        # not rejecting is not evidence of no change (Altman & Bland 1995): say so, with the interval
        if math.isfinite(c.ratio):
            nums["ratio_text"], nums["ci_low_text"], nums["ci_high_text"] = (
                float(fmt.ratio(v)) for v in (c.ratio, c.ci_low, c.ci_high)
            )
            nums["confidence"] = round((1 - c.alpha) * 100)
            ci = f"; {fmt.interval(c)}"
        else:
            ci = ""
        sentence = (
            f"{where}{subject}: no clear change, {least}{_n(c.current)} in {cur.label} against "
            f"{least}{_n(c.previous)} in {prev.label}{ci}."
        )
        importance = 0.35 if against == "previous" else 0.3
    if measure == "killed_total":
        importance += 0.05
    return Finding(
        f"change:{measure}:{against}" + (f":{region}" if region else ""), "change", sentence, nums, importance, c.method
    )


def _record_importance(r: Record) -> float:
    if r.kind == "on_record":
        return 0.95
    if r.kind == "in_window":
        return 0.93
    if r.kind == "rank_on_record":
        return 0.78 - 0.04 * (r.rank - 2)
    if r.kind == "since":
        return min(0.88, 0.6 + 0.25 * r.compared / {"month": 120, "quarter": 40, "year": 10}[r.freq])
    return 0.45


#: Order of preference among record measures (a small bonus), and the cost of each
#: further record: one superlative says more than four.
_RECORD_MEASURES = ("killed_total", "killed_security", "killed_civilians", "attacks")


def _record_findings(
    frame: pd.DataFrame, period: Period, region: str | None, coverage, date_rule, caps: Capabilities = _ALL_RECORDED
) -> list[Finding]:
    measures = tuple(m for m in _RECORD_MEASURES if caps.measure_recorded(m))
    recs = records_for(frame, period, region=region, coverage=coverage, date_rule=date_rule, measures=measures)
    best: dict[str, Record] = {}
    for r in recs:
        if r.measure not in best or _record_importance(r) > _record_importance(best[r.measure]):
            best[r.measure] = r
    ranked = sorted(best.values(), key=lambda r: (-_record_importance(r), measures.index(r.measure)))
    scope = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    f = in_period(scope, period) if date_rule == "start" else scope
    out: list[Finding] = []
    for i, r in enumerate(ranked):
        nums = dict(r.numbers)
        sentence = r.sentence
        if r.measure.startswith("killed_") and r.kind not in ("lowest_since", "lowest_on_record"):
            nums["killed"] = r.value
            t = totals(scope, period, date_rule=date_rule)
            values = f[r.measure].fillna(0)
            attack = (f["event_type"] == "attack").fillna(False)
            if caps.initiator and date_rule == "start" and int(values[~attack].sum()) == 0:
                # every death of this kind was in an attack: "killed in N attacks" is exact
                nums["attacks"] = t.attacks
                tail = f"in {_plural(t.attacks, 'attack', 'attacks')}"
            else:
                n = int((values > 0).sum()) if date_rule == "start" else None
                if n is None:
                    tail = ""
                else:
                    nums["incidents_with_deaths"] = n
                    tail = f"in {_plural(n, 'incident', 'incidents')}"
            sentence = sentence[:-1] + f", with {_n(r.value)} killed" + (f" {tail}" if tail else "") + "."
        importance = _record_importance(r) - 0.15 * i
        out.append(
            Finding(
                r.id,
                "record",
                sentence,
                nums,
                round(importance, 4),
                f"rank among whole {r.freq}s from {r.window_start} to {r.window_end}",
            )
        )
    return out


def _rate_finding(
    frame: pd.DataFrame, period: Period, region: str | None, alpha: float, date_rule: DateRule
) -> Finding | None:
    from analysis.rates import rate_per_million

    r = rate_per_million(frame, period, by_province=region is not None, alpha=alpha, date_rule=date_rule)
    unit = region or "Pakistan"
    row = r.loc[r["province"] == unit]
    if row.empty or int(row["count"].iloc[0]) == 0:
        return None
    row = row.iloc[0]
    rate, lo, hi = (fmt.rate_value(float(row[c])) for c in ("rate", "ci_low", "ci_high"))
    level = round((1 - alpha) * 100)
    nums = {
        "rate_per_million": rate,
        "ci_low": lo,
        "ci_high": hi,
        "confidence": level,
        "killed_total": int(row["count"]),
        "population_millions": round(float(row["population"]) / 1e6, 1),
        "period": period.label,
        "region": unit,
    }
    sentence = (
        f"In {unit}, {period.label}, {fmt.rate(rate)} people were killed per million inhabitants "
        f"({level}% interval {fmt.rate(lo)} to {fmt.rate(hi)}; population {nums['population_millions']} million)."
    )
    return Finding(
        f"rate:killed_total:{unit}",
        "rate",
        sentence,
        nums,
        0.4,
        f"{row['interval_method']}; population by {row['population_method']}",
    )


def _lethality_finding(frame: pd.DataFrame, period: Period, region: str | None) -> Finding | None:
    from analysis.rates import lethality

    f = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    row = lethality(f, period).iloc[0]
    known, killed = int(row["known"]), int(row["killed"])
    if known < MIN_BASE:
        return None
    value = round(float(row["lethality"]), 1)
    nums = {"lethality": value, "killed": killed, "attacks_known": known, "period": period.label}
    where = f" in {region}" if region else ""
    sentence = (
        f"Attacks{where} killed {value} people each on average in {period.label} "
        f"({_n(killed)} killed in {_plural(known, 'attack', 'attacks')} with a known toll)."
    )
    return Finding(f"lethality:attack:{region or 'all'}", "lethality", sentence, nums, 0.3, "killed per attack")


def _share_finding(frame: pd.DataFrame, period: Period, region: str | None) -> Finding | None:
    from analysis.rates import shares

    f = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    f = f.loc[(f["event_type"] == "attack").fillna(False) & f["perpetrator"].notna()]
    s = shares(f, period, by="perpetrator", measure="incidents")
    total = int(s["count"].sum()) if len(s) else 0
    if total < MIN_BASE:
        return None
    top = s.iloc[0]
    pct = fmt.percent_value(float(top["share"]) * 100)
    nums = {
        "perpetrator": str(top["category"]),
        "attacks": int(top["count"]),
        "attacks_known": total,
        "percent": pct,
        "period": period.label,
    }
    where = f" in {region}" if region else ""
    sentence = (
        f"{top['category']} was named as the perpetrator of {fmt.percent(pct, signed=False)} of attacks{where} "
        "with a known "
        f"perpetrator in {period.label} ({_n(int(top['count']))} of {_n(total)})."
    )
    return Finding(
        f"share:perpetrator:{region or 'all'}",
        "share",
        sentence,
        nums,
        0.3,
        "share of attacks with a named perpetrator",
    )


def _trend_finding(
    frame: pd.DataFrame,
    period: Period,
    region: str | None,
    alpha: float,
    coverage,
    date_rule: DateRule,
    months: int = 36,
) -> Finding | None:
    from analysis.trends import growth_trend, monthly_series

    window = months_ending(period, months)
    if not _covered(coverage, window):
        return None
    s = monthly_series(frame, measure="killed_total", province=region, period=window, date_rule=date_rule)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SecbriefWarning)
            fit = growth_trend(s, alpha=alpha)
    except ValueError:
        return None
    if not fit.converged:
        return None
    end_label = Period("month", window.end.replace(day=1), window.end).label
    g, lo, hi = (round(v * 100) for v in (fit.annual_growth, fit.ci_low, fit.ci_high))
    level = round((1 - alpha) * 100)
    nums = {
        "months": months,
        "annual_growth_percent": g,
        "ci_low_percent": lo,
        "ci_high_percent": hi,
        "confidence": level,
        "p_value": fit.p_value,
        "dispersion": fit.dispersion,
        "end_month": end_label,
    }
    where = f" in {region}" if region else ""
    if fit.p_value < alpha:
        direction = "risen" if fit.annual_growth > 0 else "fallen"
        sentence = (
            f"Over the {months} months to {end_label}, deaths{where} have {direction} by "
            f"{abs(g)}% a year ({level}% interval {lo}% to {hi}%), allowing for the season."
        )
        importance = 0.65
    else:
        sentence = (
            f"Over the {months} months to {end_label}, deaths{where} show no clear trend "
            f"({level}% interval for the yearly change {lo}% to {hi}%)."
        )
        importance = 0.2
    return Finding(f"trend:killed_total:{region or 'all'}", "trend", sentence, nums, importance, fit.method)


def findings(
    frame: pd.DataFrame,
    period: Period,
    *,
    region: str | None = None,
    population: bool = True,
    trend: bool = True,
    max_n: int | None = 6,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    date_rule: DateRule = "start",
    records: Capabilities | None = None,
    restate_headline: bool = False,
) -> tuple[Finding, ...]:
    """The key findings for ``period`` (and optionally one province), ranked by what a reader learns.

    Findings add to the headline table rather than restate it: the changes of deaths and incidents
    against the previous period and the same period last year are cells of that table and are left
    out (unless ``restate_headline``); in their place come the findings of :mod:`analysis.insights`
    (concentration, the change's decomposition, newly affected districts, the suicide attacks' share).
    Ranking: the totals (the summary's sentences), the most important record, the insights by
    importance, the other records, then the other findings (rates, lethality, shares, trend) by
    importance.

    Parameters
    ----------
    frame
        Canonical incidents (``Incidents.frame``).
    period
        The reporting period (month, quarter, year, year-to-date or a range of days).
    region
        A province name as in the data, or ``None`` for the whole country (then the
        provinces with most deaths get their own totals).
    population
        Include the rate per million inhabitants (census denominators).
    trend
        Include the 36-month negative-binomial trend (imports statsmodels).
    max_n
        Keep the ``max_n`` most important findings (``None``: all).
    alpha, min_base
        Test level and the base below which percent changes are not printed.
    coverage
        First and last day the data cover (default: from the data's first to last
        month); comparisons and records reach only inside it.
    date_rule
        As in :func:`analysis.counts.count_table`.
    restate_headline
        Keep the change findings that restate headline cells (the brief does not show them).
    records
        What the source records (:func:`analysis.capabilities.capabilities`; default:
        from the frame's blank columns). No sentence rests on what it does not record:
        no attacks, victims' categories or injured where the source has none.

    Returns
    -------
    tuple of Finding
        Ordered by importance (highest first), then id.

    References
    ----------
    The methods of :mod:`analysis.changes`, :mod:`analysis.records`,
    :mod:`analysis.rates` and :mod:`analysis.trends`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "date": pd.to_datetime(["2025-01-31", "2025-02-01"]),
    ...             "province": ["Balochistan"] * 2,
    ...             "event_type": ["attack", "operation"],
    ...             "killed_security": [18, 0],
    ...             "killed_militants": [12, 11],
    ...         }
    ...     )
    ... )
    >>> print(findings(inc.frame, parse_period("2025-01-31..2025-02-01"), region="Balochistan")[0].sentence)
    In Balochistan, 31 Jan–1 Feb 2025, 41 people were killed (18 security personnel and 23 militants) in 2 incidents (1 attack, 1 operation).
    """  # noqa: E501 (the example prints the sentence as a reader sees it: one line)
    from analysis.capabilities import capabilities

    caps = records if records is not None else capabilities(frame)
    cov = coverage if coverage is not None else coverage_of(frame)
    out: list[Finding] = [_totals_finding(frame, period, region, 1.0, date_rule, caps)]
    if region is None and len(frame):
        f = in_period(frame, period)
        by_prov = f.groupby(f["province"].astype("string").fillna("unknown"))["killed_total"].sum()
        by_prov = by_prov.loc[by_prov > 0].sort_values(ascending=False, kind="mergesort")
        total = float(by_prov.sum())
        for name in list(by_prov.index)[:3]:
            if name == "unknown":
                continue
            importance = 0.5 + 0.4 * float(by_prov[name]) / total
            out.append(_totals_finding(frame, period, str(name), importance, date_rule, caps))
    scope = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    comparisons = [("previous", previous_period(period))]
    if period.kind != "year":
        comparisons.append(("last_year", same_period_last_year(period)))
    for against, prev in comparisons:
        if not _covered(cov, prev):
            continue
        for m in ("killed_total", "incidents"):
            fnd = _change_finding(scope, m, period, prev, against, region, alpha, min_base, date_rule)
            if fnd is not None:
                out.append(fnd)
    out.extend(_record_findings(frame, period, region, cov, date_rule, caps))
    for extra in (
        _rate_finding(frame, period, region, alpha, date_rule) if population and period.days >= 28 else None,
        _lethality_finding(frame, period, region) if caps.initiator else None,
        _share_finding(frame, period, region) if caps.initiator and caps.perpetrator else None,
        _trend_finding(frame, period, region, alpha, cov, date_rule) if trend else None,
    ):
        if extra is not None:
            out.append(extra)
    out.sort(key=lambda f: (-f.importance, f.id))
    if not restate_headline:
        out = _ranked(frame, period, region, out, min_base)
    return tuple(out if max_n is None else out[:max_n])


def _ranked(
    frame: pd.DataFrame, period: Period, region: str | None, out: list[Finding], min_base: int
) -> list[Finding]:
    """``out`` without the findings that restate a headline cell, with :mod:`analysis.insights` added.

    Order: totals, the most important record, insights (by importance), the other records, the rest
    (by importance, as sorted).
    """
    from analysis import insights

    change = next((f for f in out if f.id == "change:killed_total:previous"), None)
    verdict = str(change.numbers.get("verdict", "")) if change is not None else ""
    kept = [f for f in out if not _RESTATES_HEADLINE.match(f.id)]
    totals = [f for f in kept if f.kind == "totals"]
    recs = [f for f in kept if f.kind == "record"]
    rest = [f for f in kept if f.kind not in ("totals", "record")]
    by = "province" if region is None else "district"
    scope = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    new = [
        insights.concentration(scope, period, region=region),
        insights.change_decomposition(scope, period, verdict=verdict, min_base=min_base, by=by),
        insights.newly_affected(scope, period),
        insights.suicide_share(scope, period),
    ]
    added = sorted((f for f in new if f is not None), key=lambda f: (-f.importance, f.id))
    # one record is the news of the period; a second or third record of the same month tells less
    # than where the deaths were and what made the change
    return totals + recs[:1] + added + recs[1:] + rest


#: A finding that only repeats a cell of the headline table ("Deaths rose from 459 to 911").
_RESTATES_HEADLINE = re.compile(r"^change:[a-z_]+:(previous|last_year)$")
