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


def change_phrase(c: PeriodChange) -> str:
    """How a count moved, in words a reader trusts.

    Examples
    --------
    >>> from analysis.changes import compare_counts
    >>> change_phrase(compare_counts(19, 2))
    'rose, from 2 to 19'
    >>> change_phrase(compare_counts(120, 100))
    'little changed (+20%, from 100 to 120)'
    """
    if c.verdict == "none in either period":
        return "none in either period"
    base = f"from {integer(c.previous)} to {integer(c.current)}"
    if c.percent is None:
        return f"{c.verdict}, {base}"
    if c.verdict == "little changed":
        return f"little changed ({percent(c.percent)}, {base})"
    return f"{c.verdict} {percent(c.percent, signed=False).lstrip('−')} ({base})"


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
    """Rate per million with one decimal (two below 1)."""
    if not math.isfinite(x):
        return "n/a"
    return f"{x:.2f}" if x < 1 else f"{x:,.1f}"


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
