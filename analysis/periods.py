"""Reporting periods: month, quarter, year, year-to-date and custom date ranges.

Periods are closed intervals of whole days. Parse them from the strings analysts
write (``2025-01``, ``2025-Q1``, ``2025``, ``2025-01-31..2025-02-01``,
``2015..2024``) and derive comparison periods: the previous period of the same
kind and the same period last year. Year-to-date compares like with like: 1 January
to the same day of the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.errors import PeriodError

PeriodKind = Literal["month", "quarter", "year", "ytd", "range"]
PERIOD_KINDS: tuple[str, ...] = ("month", "quarter", "year", "ytd", "range")

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """A closed interval of days with a label.

    Attributes
    ----------
    kind
        ``month``, ``quarter``, ``year``, ``ytd`` or ``range``.
    start, end
        First and last day (inclusive), midnight timestamps.
    """

    kind: PeriodKind
    start: pd.Timestamp
    end: pd.Timestamp

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"period ends ({self.end:%Y-%m-%d}) before it starts ({self.start:%Y-%m-%d})")

    @property
    def days(self) -> int:
        """Length in days (the exposure for rate comparisons)."""
        return int((self.end - self.start).days) + 1

    @property
    def slug(self) -> str:
        """Compact identifier used in file names: ``2025-01``, ``2025-Q1``, ``2025``."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "ytd":
            return f"{self.start.year}-ytd-{self.end:%m-%d}"
        return f"{self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}"

    @property
    def label(self) -> str:
        """Human label: ``January 2025``, ``Q1 2025``, ``2025``, ``1 Jan–15 Mar 2025``."""
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "ytd":
            return f"1 January–{self.end.day} {self.end:%B %Y}"
        if self.start.year == self.end.year:
            return f"{self.start.day} {self.start:%b}–{self.end.day} {self.end:%b %Y}"
        return f"{self.start.day} {self.start:%b %Y}–{self.end.day} {self.end:%b %Y}"

    def contains(self, dates: pd.Series) -> pd.Series:
        """Boolean mask: which dates fall in the period."""
        return (dates >= self.start) & (dates <= self.end)


def month(year: int, m: int) -> Period:
    """The calendar month ``year-m``."""
    start = pd.Timestamp(year=year, month=m, day=1)
    return Period("month", start, start + pd.offsets.MonthEnd(0))


def quarter(year: int, q: int) -> Period:
    """Quarter ``q`` (1-4) of ``year``."""
    start = pd.Timestamp(year=year, month=3 * (q - 1) + 1, day=1)
    return Period("quarter", start, start + pd.offsets.QuarterEnd(0))


def year(y: int) -> Period:
    """The calendar year ``y``."""
    return Period("year", pd.Timestamp(year=y, month=1, day=1), pd.Timestamp(year=y, month=12, day=31))


def date_range(start: str | pd.Timestamp, end: str | pd.Timestamp) -> Period:
    """A custom closed range of days."""
    return Period("range", pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize())


def _parse_one(text: str) -> Period:
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise PeriodError(f"'{text}' has no month {mo}; months are 01 to 12")
        return month(y, mo)
    if m := _QUARTER.match(text):
        return quarter(int(m[1]), int(m[2]))
    if m := _YEAR.match(text):
        return year(int(m[1]))
    if _DAY.match(text):
        try:
            d = pd.Timestamp(text)
        except ValueError as exc:
            raise PeriodError(f"'{text}' is not a valid date") from exc
        return Period("range", d, d)
    raise PeriodError(
        f"'{text}' is not a period; write 2025-01 (month), 2025-Q1 (quarter), 2025 (year), "
        "2025-01-31..2025-02-01 (days) or 2015..2024 (years)"
    )


def parse_period(text: str) -> Period:
    """Parse a period string.

    Examples
    --------
    >>> parse_period("2025-01").label
    'January 2025'
    >>> parse_period("2025-Q1").days
    90
    >>> parse_period("2015..2024").slug
    '2015-01-01..2024-12-31'
    >>> parse_period("2025-01-31..2025-02-01").days
    2
    """
    t = str(text).strip()
    try:
        if ".." in t:
            a, _, b = t.partition("..")
            first, last = _parse_one(a.strip()), _parse_one(b.strip())
            return Period("range", first.start, last.end)
        return _parse_one(t)
    except PeriodError:
        raise
    except (ValueError, OverflowError) as exc:  # year 0, or outside pandas' dates (1677-09-22 to 2262-04-11)
        raise PeriodError(f"'{t}' is not a usable period: dates run from year 1678 to 2261 ({exc})") from exc


def previous_period(p: Period) -> Period:
    """The period of the same kind and length just before ``p``.

    A month's previous period is the previous calendar month; a quarter's, the previous
    quarter; a year's, the previous year; a range's, the same number of days before it;
    year-to-date's, the same days of the previous year.
    """
    if p.kind == "month":
        s = p.start - pd.offsets.MonthBegin(1)
        return month(s.year, s.month)
    if p.kind == "quarter":
        s = p.start - pd.offsets.QuarterBegin(1, startingMonth=1)
        return quarter(s.year, (s.month - 1) // 3 + 1)
    if p.kind == "year":
        return year(p.start.year - 1)
    if p.kind == "ytd":
        return same_period_last_year(p)
    return Period("range", p.start - pd.Timedelta(days=p.days), p.start - pd.Timedelta(days=1))


def _shift_year(ts: pd.Timestamp, years: int) -> pd.Timestamp:
    try:
        return ts.replace(year=ts.year + years)
    except ValueError:  # 29 February -> 28 February
        return ts.replace(year=ts.year + years, day=28)


def same_period_last_year(p: Period) -> Period:
    """The same days one year earlier (29 February maps to 28 February)."""
    if p.kind == "month":
        return month(p.start.year - 1, p.start.month)
    if p.kind == "quarter":
        return quarter(p.start.year - 1, (p.start.month - 1) // 3 + 1)
    if p.kind == "year":
        return year(p.start.year - 1)
    return Period(p.kind, _shift_year(p.start, -1), _shift_year(p.end, -1))


def year_to_date(p: Period) -> Period:
    """1 January of ``p``'s final year up to ``p``'s last day."""
    return Period("ytd", pd.Timestamp(year=p.end.year, month=1, day=1), p.end)


def months_ending(p: Period, n: int) -> Period:
    """The ``n`` whole calendar months ending with the month of ``p.end``."""
    last = month(p.end.year, p.end.month)
    start = last.start - pd.offsets.MonthBegin(n - 1) if n > 1 else last.start
    return Period("range", start, last.end)


def rolling_days(end: str | pd.Timestamp, n: int) -> Period:
    """The ``n`` days ending with ``end`` (inclusive): a rolling window.

    Its previous period (:func:`previous_period`) is the ``n`` days before it.

    Examples
    --------
    >>> p = rolling_days("2025-02-01", 30)
    >>> p.slug, p.days
    ('2025-01-03..2025-02-01', 30)
    >>> previous_period(p).slug
    '2024-12-04..2025-01-02'
    """
    if int(n) < 1:
        raise PeriodError(f"a rolling window needs at least 1 day, not {n}")
    last = pd.Timestamp(end).normalize()
    return Period("range", last - pd.Timedelta(days=int(n) - 1), last)


def months_in(p: Period) -> tuple[Period, ...]:
    """The calendar months that overlap ``p``, in order.

    Examples
    --------
    >>> [m.slug for m in months_in(parse_period("2025-01-31..2025-03-01"))]
    ['2025-01', '2025-02', '2025-03']
    """
    out = []
    cur = month(p.start.year, p.start.month)
    while cur.start <= p.end:
        out.append(cur)
        nxt = cur.end + pd.Timedelta(days=1)
        cur = month(nxt.year, nxt.month)
    return tuple(out)
