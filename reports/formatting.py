"""Every number a reader sees is formatted here, once.

Integers get thousands separators; percentages are whole numbers (one decimal
below 10 %); a change on a small base is written "from 2 to 19" instead of a
percentage; counts with unknown parts are written "at least N".
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.changes import PeriodChange


def integer(n: int | float) -> str:
    """``1234`` → ``'1,234'``."""
    return f"{int(round(n)):,}"


def at_least(n: int, partial: bool) -> str:
    """``'at least 1,234'`` when some incidents do not give the count, else ``'1,234'``."""
    return f"at least {integer(n)}" if partial else integer(n)


def percent(p: float | None, *, signed: bool = True) -> str:
    """``12.345`` → ``'+12%'``; below 10 % in magnitude one decimal: ``'+4.5%'``."""
    if p is None or (isinstance(p, float) and not math.isfinite(p)):
        return "n/a"
    digits = 1 if abs(p) < 10 else 0
    s = f"{p:+.{digits}f}%" if signed else f"{p:.{digits}f}%"
    return s.replace("-", "−")


def ratio(r: float) -> str:
    """Rate ratio with two decimals (``'∞'`` when the comparison count is zero)."""
    if not math.isfinite(r):
        return "∞"
    return f"{r:.2f}"


def p_value(p: float) -> str:
    """``'p < 0.001'`` or ``'p = 0.03'``."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


#: A verdict as the reader sees it: a test that does not reject is not evidence of no change
#: (Altman & Bland, BMJ 1995;311:485), so it reads "no clear change", never "little changed".
VERDICT_WORDS = {"rose": "rose", "fell": "fell", "little changed": "no clear change"}


def verdict(v: str) -> str:
    """The words for a test's verdict (``'little changed'`` → ``'no clear change'``)."""
    return VERDICT_WORDS.get(v, v)


def p_value_printed(p: float) -> float:
    """A p-value at the precision :func:`p_value` prints it (0.001 for 'p < 0.001')."""
    if p < 0.001:
        return 0.001
    return round(p, 3) if p < 0.1 else round(p, 2)


def change_phrase(c: PeriodChange, *, lower_bounds: bool = False, with_interval: bool = False) -> str:
    """How a count moved, in words a reader trusts.

    ``lower_bounds``: one of the counts is a lower bound (some incidents do not state
    it), so the percent change is one between lower bounds and says so.
    ``with_interval``: a change the test does not reject carries its interval.

    Examples
    --------
    >>> from analysis.changes import compare_counts
    >>> change_phrase(compare_counts(19, 2))
    'rose, from 2 to 19'
    >>> change_phrase(compare_counts(120, 100))
    'no clear change (+20%, from 100 to 120)'
    >>> change_phrase(compare_counts(120, 100), lower_bounds=True)
    'no clear change (+20% between lower bounds, from 100 to 120)'
    """
    if c.verdict == "none in either period":
        return "none in either period"
    base = f"from {integer(c.previous)} to {integer(c.current)}"
    lb = " between lower bounds" if lower_bounds else ""
    words = verdict(c.verdict)
    if c.verdict == "little changed":
        inner = base if c.percent is None else f"{percent(c.percent)}{lb}, {base}"
        if with_interval and math.isfinite(c.ratio):
            inner += f"; {interval(c)}"
        return f"{words} ({inner})"
    if c.percent is None:
        return f"{words}, {base}"
    return f"{words} {percent(c.percent, signed=False).lstrip('−')}{lb} ({base})"


def verdict_clause(phrase: str) -> str:
    """A change phrase after a subject: ``'rose 30% (…)'``, ``'showed no clear change (…)'``."""
    if phrase.startswith("no clear change"):
        return "showed " + phrase
    if phrase == "none in either period":
        return "were none in either period"
    return phrase


def percent_value(p: float) -> float:
    """A percentage rounded as :func:`percent` prints it (the numbers JSON stores this)."""
    return round(p, 1) if abs(p) < 10 else float(round(p))


def interval(c: PeriodChange) -> str:
    """Rate ratio with its interval: ``'rate ratio 1.25 (95% CI 1.02–1.53)'``."""
    if not math.isfinite(c.ratio):
        return "no events in the comparison period"
    level = int(round((1 - c.alpha) * 100))
    return f"rate ratio {ratio(c.ratio)} ({level}% CI {ratio(c.ci_low)}–{ratio(c.ci_high)})"


def date(ts: pd.Timestamp) -> str:
    """``'5 January 2025'``."""
    return f"{ts.day} {ts:%B %Y}"


def short_date(ts: pd.Timestamp) -> str:
    """``'5 Jan 2025'``."""
    return f"{ts.day} {ts:%b %Y}"


def date_span(start: pd.Timestamp, end: pd.Timestamp | None) -> str:
    """``'5 Jan 2025'`` or ``'5–7 Jan 2025'`` for a multi-day incident."""
    if end is None or pd.isna(end) or end == start:
        return short_date(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {end:%b %Y}"
    return f"{short_date(start)}–{short_date(end)}"


def rate(x: float) -> str:
    """Rate per million with one decimal (two below 1; ``'0'`` for none)."""
    if not math.isfinite(x):
        return "n/a"
    if x == 0:
        return "0"
    return f"{x:.2f}" if x < 1 else f"{x:,.1f}"


def rate_value(x: float) -> float:
    """A rate rounded as :func:`rate` prints it (the numbers JSON stores this)."""
    return round(x, 2) if x < 1 else round(x, 1)


def level(alpha: float) -> str:
    """Test level as a percentage: ``0.05`` → ``'5%'``, ``0.005`` → ``'0.5%'``."""
    pct = alpha * 100
    return f"{pct:g}%"


def truncate(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` characters at a word boundary, ending with '…'.

    Examples
    --------
    >>> truncate("one two three four", 12)
    'one two…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
