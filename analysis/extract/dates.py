"""Incident dates from the words a report uses, resolved against its publication date.

Rules (those of ``../shared/news/README.md``):

* ``explicit``: the text names the day ("On January 25", "night 25/26 August" and
  "28 & 29 August" give the first day, "29 November to 1 December 2024" the first
  day); a missing year comes from the publication date.
* ``relative``: a weekday ("on Saturday", "Friday night", "Thursday's") is the most
  recent such day on or before the publication date; "today", "yesterday",
  "last night", "a day earlier", "over the weekend" and "in the last 24 hours" (the
  first day of the window) likewise.
* ``statement``: a weekday or "yesterday" attached to who said it ("the ISPR said on
  Friday", "a statement issued yesterday") dates the statement, not the event; it is
  used only as a stand-in for the publication date.
* ``imprecise``: "last week", "earlier this month", "in July": kept with a week or
  month precision and flagged.

Hand-written rules rather than ``dateparser``: the library reads one date string at a
time and has no notion of ranges ("28 & 29 August"), of a statement date versus an
event date, or of the first day of a 24-hour window, which are what this needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from analysis.extract._spans import AFTER, Spans

Basis = Literal["explicit", "relative", "statement", "imprecise"]

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MON = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:/|&|and|-)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{_MON}(?:,?\s+(\d{{4}}))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|&|and|to)\s*\d{{1,2}})?(?:,?\s+(\d{{4}}))?\b"
)
_RANGE_YEAR = re.compile(rf"^\s*(?:to|till|until|-|–)\s+\d{{1,2}}\s+{_MON},?\s+(\d{{4}})")
_WEEKDAY = re.compile(rf"\b{_WD}(?:'s|’s)?(?:\s+(night|morning|evening|afternoon))?\b")
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|told|stated|added|speaking|spoke|statement|announced|reported|confirmed|claimed)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_RELATIVE = (
    (re.compile(r"\b(?:earlier\s+)?today\b", re.IGNORECASE), 0),
    (re.compile(r"\blast night\b", re.IGNORECASE), 1),
    (re.compile(r"\b(?:in|over|during) the (?:last|past|previous) 24 hours\b", re.IGNORECASE), 1),
)
#: "A day earlier": the day before the event told just before, or before publication.
_DAY_EARLIER = re.compile(r"\b(?:a|one) day (?:earlier|before)\b|\b(?:hours|the day) before\b", re.IGNORECASE)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_YESTERDAY_STATEMENT = re.compile(
    r"\b(?:issued|released|said|told|stated|announced)\s+(?:here\s+)?yesterday\b|\byesterday\s+said\b", re.IGNORECASE
)
_WEEKEND = re.compile(r"\bover the weekend\b", re.IGNORECASE)
_LAST_WEEK = re.compile(r"\b(?:last|earlier this|this) (week|month)\b", re.IGNORECASE)
_IN_MONTH = re.compile(rf"\bin {_MON}\b(?!\s+\d)")


@dataclass(frozen=True)
class DateCue:
    """A date the text gives, how it was derived, and the words it came from."""

    date: date
    basis: Basis
    text: str
    start: int
    precision: str = "day"
    anchored: bool = False
    """Counted back from the event told before it ("a day earlier"); resolved against that
    event's date by the segmenter, against the publication date otherwise."""


def month_number(name: str) -> int:
    """1-12 for a month name or its abbreviation ("Sept", "Dec.")."""
    key = name.lower()[:3]
    return next(v for k, v in MONTHS.items() if k.startswith(key))


def _year_for(month: int, day: int, published: date) -> int:
    """The year of a day-month without a year: the publication year, or the one before."""
    y = published.year
    try:
        d = date(y, month, day)
    except ValueError:
        return y
    return y - 1 if d > published + timedelta(days=1) else y


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_before(published: date, weekday: str) -> date:
    """The most recent ``weekday`` on or before ``published``.

    >>> weekday_before(date(2025, 2, 1), "Friday")  # 1 Feb 2025 was a Saturday
    datetime.date(2025, 1, 31)
    >>> weekday_before(date(2025, 2, 1), "Saturday")
    datetime.date(2025, 2, 1)
    """
    wd = WEEKDAYS.index(weekday.lower())
    return published - timedelta(days=(published.weekday() - wd) % 7)


def find_dates(sentence: str, published: date) -> list[DateCue]:
    """Date cues in one sentence, in order of appearance."""
    cues: list[DateCue] = []
    taken = Spans()

    def free(a: int, b: int) -> bool:
        # No taken span overlaps [a, b): none covers a, and none starts inside.
        return not (taken.covers(a) or taken.starts_within(a, b))

    for rx, month_group, day_group, year_group in ((_DAY_MONTH, 2, 1, 3), (_MONTH_DAY, 1, 2, 3)):
        for m in rx.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            if _SINCE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
                taken.add(m.start(), m.end())
                continue
            month = month_number(m.group(month_group))
            day = int(m.group(day_group))
            year = m.group(year_group)
            if year is None:
                tail = _RANGE_YEAR.match(sentence[m.end() : m.end() + AFTER])
                year = tail.group(2) if tail else None
            y = int(year) if year else _year_for(month, day, published)
            d = _safe_date(y, month, day)
            taken.add(m.start(), m.end())
            if d is not None:
                cues.append(DateCue(d, "explicit", m.group(0), m.start()))
    for m in _WEEKDAY.finditer(sentence):
        if not free(m.start(), m.end()) or _SINCE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        before = sentence[max(0, m.start() - 80) : m.start()]
        basis: Basis = (
            "statement"
            if _STATEMENT_BEFORE.search(re.sub(r"\s+on\s*$", " ", before)) and re.search(r"\bon\s*$", before)
            else "relative"
        )
        cues.append(DateCue(weekday_before(published, m.group(1)), basis, m.group(0), m.start()))
    for rx, days in _RELATIVE:
        for m in rx.finditer(sentence):
            cues.append(DateCue(published - timedelta(days=days), "relative", m.group(0), m.start()))
    for m in _DAY_EARLIER.finditer(sentence):
        cues.append(DateCue(published - timedelta(days=1), "relative", m.group(0), m.start(), anchored=True))
    st = _YESTERDAY_STATEMENT.search(sentence) if _YESTERDAY.search(sentence) else None
    for m in _YESTERDAY.finditer(sentence):
        basis = "statement" if st and st.start() <= m.start() < st.end() else "relative"
        cues.append(DateCue(published - timedelta(days=1), basis, m.group(0), m.start()))
    for m in _WEEKEND.finditer(sentence):
        cues.append(DateCue(weekday_before(published, "Saturday"), "relative", m.group(0), m.start()))
    for m in _LAST_WEEK.finditer(sentence):
        unit = m.group(1).lower()
        if unit == "month":
            d = published.replace(day=1)
        elif m.group(0).lower().startswith("last"):
            d = published - timedelta(days=published.weekday() + 7)  # Monday of last week
        else:
            d = published - timedelta(days=published.weekday())
        cues.append(DateCue(d, "imprecise", m.group(0), m.start(), precision=unit))
    for m in _IN_MONTH.finditer(sentence):
        month = month_number(m.group(1))
        y = published.year if month <= published.month else published.year - 1
        cues.append(DateCue(date(y, month, 1), "imprecise", m.group(0), m.start(), precision="month"))
    cues.sort(key=lambda c: c.start)
    return cues
