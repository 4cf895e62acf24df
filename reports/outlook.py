"""The brief's "Outlook" section and the ``secbrief outlook`` tables.

Formatted from :class:`analysis.forecast.Outlook`.

Outcomes are whole numbers, the forecast's quantiles are not: an interval is printed as the
whole numbers it contains (lower bound rounded up, upper bound rounded down), which are exactly
the outcomes the track record counts as inside it.
Every number printed is also in :func:`outlook_numbers` (the numbers JSON).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.forecast import INTERVALS, Outlook, SeriesOutlook, TrackRecord
from reports import formatting as fmt

#: How a sentence names the counted thing: (plural noun phrase, verb phrase for "We expect N ...").
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "killed_total": ("deaths", "people to be killed"),
    "incidents": ("incidents", "incidents to be recorded"),
    "attacks": ("militant attacks", "militant attacks to be recorded"),
    "operations": ("security operations", "security operations to be recorded"),
    "injured_total": ("injured", "people to be injured"),
}
MODEL_WORDS = {
    "forecast": "the forecast",
    "seasonal_naive": "a seasonal naive forecast (same month last year)",
    "recent_mean": "the last 12 months' average (Poisson)",
}
SHORT_MODEL_WORDS = {"forecast": "Forecast", "seasonal_naive": "Seasonal naive", "recent_mean": "12-month average"}


def bounds(lo: float, hi: float) -> tuple[int, int]:
    """The first and last whole number inside ``[lo, hi]``: lower rounded up, upper rounded down.

    A whole-number outcome ``y`` lies in ``[lo, hi]`` exactly when ``a <= y <= b``. When no
    whole number lies inside, ``a > b``.
    """
    return math.ceil(lo - 1e-9), math.floor(hi + 1e-9)


def count_interval(lo: float, hi: float) -> str:
    """``'280–520'``: the whole numbers in ``[lo, hi]`` (``'0'`` when only 0).

    An interval between two whole numbers (``[2.3, 2.8]``) is printed with one decimal.

    Examples
    --------
    >>> count_interval(279.6, 520.2), count_interval(0.0, 0.4), count_interval(2.3, 2.8)
    ('280–520', '0', '2.3–2.8')
    """
    a, b = bounds(lo, hi)
    if a > b:
        return f"{lo:.1f}–{hi:.1f}"
    return fmt.integer(a) if a == b else f"{fmt.integer(a)}–{fmt.integer(b)}"


def region_name(region: str | None, national: str = "Pakistan") -> str:
    """The series' region, or ``national`` for the whole dataset."""
    return region if region is not None else national


def month_label(month: pd.Period) -> str:
    """``'July 2025'``."""
    return f"{month:%B %Y}"


def expect_sentence(s: SeriesOutlook, *, national: str = "Pakistan", row: int = 0) -> str:
    """The first forecast month in words: ``'We expect 280–520 people to be killed in ... (80% interval).'``."""
    f = s.forecast.iloc[row]
    _, verb = MEASURE_WORDS.get(s.measure, (s.measure, s.measure))
    where = region_name(s.region, national)
    return (
        f"We expect {count_interval(f['q0.1'], f['q0.9'])} {verb} in {where} in "
        f"{month_label(s.forecast.index[row])} (80% interval)."
    )


def track_sentence(t: TrackRecord) -> str:
    """The track record in one sentence (coverage of the 80% intervals, loss against the better baseline).

    Examples
    --------
    >>> from analysis.forecast import Score, TrackRecord
    >>> sc = lambda m, h, p: Score(m, 36, 18, h, 34, 0.5, h / 36, 34 / 36, p)
    >>> t = TrackRecord(
    ...     "2022-07",
    ...     "2025-06",
    ...     1,
    ...     36,
    ...     sc("forecast", 29, 8.2),
    ...     sc("seasonal_naive", 30, 10.0),
    ...     sc("recent_mean", 10, 12.0),
    ...     "seasonal_naive",
    ...     0.18,
    ...     "m",
    ... )
    >>> track_sentence(t).split("; ")[1]
    "the forecast's loss was 18% lower than a seasonal naive forecast (same month last year)."
    """
    base = MODEL_WORDS[t.baseline]
    f = t.forecast
    head = f"Over the last {t.months} months, 80% intervals contained the outcome in {f.hits_80} of {t.months} months"
    if not math.isfinite(t.skill):
        return f"{head}; the forecast's loss cannot be compared with {base} (both were 0)."
    pct = fmt.percent(abs(t.skill) * 100, signed=False)
    if t.skill >= 0:
        return f"{head}; the forecast's loss was {pct} lower than {base}."
    b = t.score(t.baseline)
    return (
        f"{head}; the forecast's loss was {pct} higher than {base}, which is therefore shown beside it "
        f"(its 80% intervals contained {b.hits_80} of {t.months})."
    )


@dataclass(frozen=True)
class OutlookRow:
    """One forecast month of one series, formatted."""

    region: str
    month: str
    expected: str
    median: str
    interval_50: str
    interval_80: str
    interval_95: str
    model: str = "Forecast"


@dataclass(frozen=True)
class OutlookTrack:
    """The track record of one series in one line (or why there is none)."""

    region: str
    sentence: str
    worse_than_baseline: bool


@dataclass(frozen=True)
class OutlookSection:
    """The brief's "Outlook" section: plain strings for the template partial.

    ``with_model`` is true when baseline rows are shown beside the forecast (the table
    then has a column naming the forecaster of each row).
    """

    title: str
    sentence: str
    rows: tuple[OutlookRow, ...]
    tracks: tuple[OutlookTrack, ...]
    method: str
    note: str
    with_model: bool = False
    columns: tuple[str, ...] = (
        "Region",
        "Month",
        "Forecast",
        "Expected",
        "Median",
        "50% interval",
        "80% interval",
        "95% interval",
    )


def _rows(s: SeriesOutlook, frame: pd.DataFrame, model: str, national: str) -> list[OutlookRow]:
    out = []
    for month, f in frame.iterrows():
        out.append(
            OutlookRow(
                region=region_name(s.region, national),
                month=month_label(month),
                expected=fmt.integer(f["mean"]),
                median=fmt.integer(f["q0.5"]),
                interval_50=count_interval(f["q0.25"], f["q0.75"]),
                interval_80=count_interval(f["q0.1"], f["q0.9"]),
                interval_95=count_interval(f["q0.025"], f["q0.975"]),
                model=SHORT_MODEL_WORDS[model],
            )
        )
    return out


def outlook_section(o: Outlook, *, national: str = "Pakistan") -> OutlookSection | None:
    """Format an :class:`~analysis.forecast.Outlook` for the brief (``None`` when there is nothing)."""
    if not o.series:
        return None
    rows: list[OutlookRow] = []
    tracks: list[OutlookTrack] = []
    for s in o.series:
        rows += _rows(s, s.forecast, "forecast", national)
        if s.baseline is not None and s.track is not None:
            rows += _rows(s, s.baseline, s.track.baseline, national)
        name = region_name(s.region, national)
        if s.track is None:
            tracks.append(OutlookTrack(name, f"No track record: {s.track_note}.", False))
        else:
            tracks.append(OutlookTrack(name, track_sentence(s.track), s.track.skill < 0))
    first = o.series[0]
    sentence = expect_sentence(first, national=national)
    if first.baseline is not None and first.track is not None:
        b = first.baseline.iloc[0]
        sentence += (
            f" {SHORT_MODEL_WORDS[first.track.baseline]}, which did better over the last "
            f"{first.track.months} months, gives {count_interval(b['q0.1'], b['q0.9'])}."
        )
    noun, _ = MEASURE_WORDS.get(o.measure, (o.measure, o.measure))
    method = (
        f"Forecasts of monthly {noun} from the months up to {month_label(pd.Period(o.last_month, 'M'))}: "
        "exponential smoothing of the logarithm of the monthly count, with intervals as wide as its "
        "own errors over the last 36 months were (conformal prediction). Intervals are central: the outcome "
        "falls below the 80% interval in about 1 month in 10 and above it in about 1 in 10. "
        "The track record replays the method month by month, each forecast using only earlier months; "
        "loss is the average quantile (pinball) loss."
    )
    notes = [f"{o.note[0].upper()}{o.note[1:]}."] if o.note else []
    if o.left_out_incidents:
        notes.append(
            f"{fmt.integer(o.left_out_incidents)} incidents ({fmt.integer(o.left_out_measure)} {noun}) dated only "
            "to a year or spanning two months are left out of the forecast series."
        )
    fallbacks = [region_name(s.region, national) for s in o.series if s.forecast.attrs.get("fallback")]
    if fallbacks:
        notes.append(
            f"Too little history for the model in {', '.join(fallbacks)}: a constant monthly rate fitted to the "
            "last 12 months is shown instead."
        )
    return OutlookSection(
        title=f"Outlook: {noun} in the next {_months_words(o.horizon)}",
        sentence=sentence,
        rows=tuple(rows),
        tracks=tuple(tracks),
        method=method,
        note=" ".join(notes),
        with_model=any(s.baseline is not None for s in o.series),
    )


def _months_words(n: int) -> str:
    words = {1: "month", 2: "two months", 3: "three months", 6: "six months", 12: "twelve months"}
    return words.get(n, f"{n} months")


def build_outlook(
    frame: pd.DataFrame,
    period,
    region: str | None,
    numbers: dict[str, Any],
    *,
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    national: str = "Pakistan",
) -> OutlookSection | None:
    """The brief's Outlook for ``period`` (``frame`` already restricted to ``region``), its numbers recorded.

    Deaths are forecast when the data record them, else incidents
    (:func:`analysis.forecast.default_measure`). ``numbers["outlook"]`` receives
    :func:`outlook_numbers`.
    """
    from analysis.forecast import default_measure, outlook

    o = outlook(frame, period, region=region, measure=default_measure(frame), coverage=coverage)
    numbers["outlook"] = outlook_numbers(o, national=national)
    return outlook_section(o, national=national)


def _score_numbers(t: TrackRecord, model: str) -> dict[str, Any]:
    s = t.score(model)
    return {
        "months": s.months,
        **{f"hits_{lvl}": getattr(s, f"hits_{lvl}") for lvl in INTERVALS},
        **{f"coverage_{lvl}": getattr(s, f"coverage_{lvl}") for lvl in INTERVALS},
        "pinball": s.pinball,
    }


def _frame_numbers(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for month, row in frame.iterrows():
        rec: dict[str, Any] = {"month": str(month)}
        rec.update({c: float(v) for c, v in row.items()})
        rec["expected_printed"] = round(float(row["mean"]))
        rec["median_printed"] = round(float(row["q0.5"]))
        for lvl, (lo, hi) in INTERVALS.items():
            a, b = bounds(row[f"q{lo:g}"], row[f"q{hi:g}"])
            rec[f"interval_{lvl}"] = [a, b]
        out.append(rec)
    return out


def outlook_numbers(o: Outlook, *, national: str = "Pakistan") -> dict[str, Any]:
    """Raw values behind every number of the section, for the numbers JSON."""
    series = []
    for s in o.series:
        rec: dict[str, Any] = {
            "region": region_name(s.region, national),
            "measure": s.measure,
            "method": s.forecast.attrs.get("method", ""),
            "fallback": bool(s.forecast.attrs.get("fallback", False)),
            "fallback_note": s.forecast.attrs.get("note", ""),
            "forecast": _frame_numbers(s.forecast),
            "track_record": None,
            "track_note": s.track_note,
        }
        if s.track is not None:
            t = s.track
            rec["track_record"] = {
                "start": t.start,
                "end": t.end,
                "horizon": t.horizon,
                "months": t.months,
                "baseline": t.baseline,
                "skill": t.skill if math.isfinite(t.skill) else None,
                "skill_percent_printed": (
                    float(fmt.percent(abs(t.skill) * 100, signed=False).rstrip("%")) if math.isfinite(t.skill) else None
                ),
                **{m: _score_numbers(t, m) for m in ("forecast", "seasonal_naive", "recent_mean")},
            }
        if s.baseline is not None and s.track is not None:
            rec["baseline_forecast"] = {"model": s.track.baseline, "forecast": _frame_numbers(s.baseline)}
        series.append(rec)
    from analysis.forecast import OFFSET, WINDOW

    return {
        "last_month": o.last_month,
        "note": o.note,
        # constants the method note and the chart caption print
        "method_constants": {
            "interval_levels": list(INTERVALS),
            "error_window_months": WINDOW,
            "log_offset": OFFSET,
            "recent_mean_months": 12,
            "chart_history_months": 24,
            "months_outside_80_each_side": [1, 10],
        },
        "horizon": o.horizon,
        "measure": o.measure,
        "left_out_incidents": o.left_out_incidents,
        "left_out_measure": o.left_out_measure,
        "series": series,
    }


def forecast_table(o: Outlook, *, national: str = "Pakistan") -> pd.DataFrame:
    """Tidy forecast table (raw values) for ``secbrief outlook`` CSV output."""
    frames = []
    for s in o.series:
        f = s.forecast.reset_index()
        f["month"] = f["month"].astype(str)
        f.insert(0, "region", region_name(s.region, national))
        f.insert(1, "measure", s.measure)
        f["method"] = s.forecast.attrs.get("method", "")
        f["note"] = s.forecast.attrs.get("note", "")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def track_table(o: Outlook, *, national: str = "Pakistan") -> pd.DataFrame:
    """One row per series and model: months, hits and coverage of the 50/80/95% intervals, loss."""
    rows = []
    for s in o.series:
        if s.track is None:
            continue
        t = s.track
        for m in ("forecast", "seasonal_naive", "recent_mean"):
            sc = t.score(m)
            rows.append(
                {
                    "region": region_name(s.region, national),
                    "measure": s.measure,
                    "model": m,
                    "start": t.start,
                    "end": t.end,
                    "months": sc.months,
                    **{f"hits_{lvl}": getattr(sc, f"hits_{lvl}") for lvl in INTERVALS},
                    **{f"coverage_{lvl}": getattr(sc, f"coverage_{lvl}") for lvl in INTERVALS},
                    "pinball": sc.pinball,
                    "skill_vs_better_baseline": t.skill if m == "forecast" else float("nan"),
                }
            )
    return pd.DataFrame(rows)


def track_detail(o: Outlook, *, national: str = "Pakistan") -> pd.DataFrame:
    """Every month of each series' track record: each model's forecast, the outcome, hits and loss."""
    from analysis.forecast import backtest_counts

    frames = []
    for s in o.series:
        if s.track is None:
            continue
        f = backtest_counts(s.history, start=s.track.start, end=s.track.end, horizon=s.track.horizon).forecasts
        f = f.assign(month=f["month"].astype(str), origin=f["origin"].astype(str))
        f.insert(0, "region", region_name(s.region, national))
        f.insert(1, "measure", s.measure)
        frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def forecast_markdown(o: Outlook, *, national: str = "Pakistan") -> str:
    """The forecast table as a GitHub pipe table, formatted as in the brief, with the track records below."""
    section = outlook_section(o, national=national)
    if section is None:
        return f"No forecast: {o.note or 'no data'}.\n"
    lines = [
        "| " + " | ".join(section.columns) + " |",
        "|:---|:---|:---|---:|---:|---:|---:|---:|",
    ]
    for r in section.rows:
        cells = (r.region, r.month, r.model, r.expected, r.median, r.interval_50, r.interval_80, r.interval_95)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    lines.append(section.sentence)
    lines += [f"- {t.region}: {t.sentence}" for t in section.tracks]
    if section.note:
        lines += ["", section.note]
    return "\n".join(lines) + "\n"


def track_markdown(o: Outlook, *, national: str = "Pakistan") -> str:
    """The track records as a GitHub pipe table with one sentence per series."""
    table = track_table(o, national=national)
    if table.empty:
        return "No track record: " + "; ".join(s.track_note for s in o.series if s.track_note) + "\n"
    lines = [
        "| Region | Model | Months | 50% interval held | 80% interval held | 95% interval held | Mean loss |",
        "|:---|:---|---:|---:|---:|---:|---:|",
    ]
    for r in table.itertuples(index=False):
        lines.append(
            f"| {r.region} | {SHORT_MODEL_WORDS[r.model]} | {r.months} | {r.hits_50} of {r.months} | "
            f"{r.hits_80} of {r.months} | {r.hits_95} of {r.months} | {r.pinball:,.2f} |"
        )
    lines.append("")
    for s in o.series:
        if s.track is not None:
            lines.append(
                f"- {region_name(s.region, national)} ({s.track.start} to {s.track.end}): " + track_sentence(s.track)
            )
    return "\n".join(lines) + "\n"
