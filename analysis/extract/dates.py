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
#: Who said it, then "on" after only names and small words: "A statement issued by the
#: Inter-Services Public Relations (ISPR) on Wednesday", "told Dawn.com on", "carried the report on".
_STATEMENT_ON = re.compile(
    r"\b(?:said|says|told|stated|statement|announced|reported|report|confirmed|added|published|carried)"
    r"(?:\s+(?:issued|released|by|from|of|the|a|an|its|to|in|here|report|story|news|[A-Z][\w.'’-]*(?:'s|’s)?|\([A-Z]+\)))*"
    r"\s+on\s*$"
)
#: Agency style with no "on": "officials said Tuesday", "said in a statement Tuesday".
_STATEMENT_BARE = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|statement|told reporters)\s*$", re.IGNORECASE
)
#: "the ISPR's statement issued today", "officials said today": the day of the statement.
_TODAY_STATEMENT = re.compile(
    r"\b(?:issued|released|said|told|stated|announced|reported)\s+(?:here\s+)?(?:earlier\s+)?today\b"
    r"|\btoday\s+said\b",
    re.IGNORECASE,
)
_EVENT_VERB = re.compile(
    r"\b(?:was|were|took place|happened|occurred|carried out|attacked|struck|hit|killed|martyred|injured)\b",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
#: The end of a span, not the day of the event: "By Friday, forces had gained control ...", "fire
#: was exchanged for 72 hours, until Saturday".
_UNTIL_BEFORE = re.compile(r"\b(?:by|until|till|up\s+to)\s+$", re.IGNORECASE)
#: A span ending on a named day: "for 72 hours, until Saturday", "for three days till Monday".
_SPAN_UNTIL = re.compile(
    r"\bfor\s+(?:about\s+|some\s+|nearly\s+)?(?P<n>\d{1,3}|two|three|four|five|six)\s+(?P<unit>hours|days)\s*,?\s*"
    r"(?:until|till)\s+$",
    re.IGNORECASE,
)
#: What the militants killed had done before: "had been involved in the attacks ... on 26 August
#: 2024", "wanted for conducting a raid ... on April 11, 2022", "masterminded the bombing on ...".
_PAST_DEEDS = re.compile(
    r"\b(?:(?:had|have|has)\s+been\s+(?:\w+\s+)?involved|involved\s+in|wanted\s+(?:for|in)|mastermind\w*)\b",
    re.IGNORECASE,
)
_RELATIVE = (
    (re.compile(r"\b(?:earlier\s+)?today\b", re.IGNORECASE), 0),
    (re.compile(r"\blast night\b", re.IGNORECASE), 1),
    # "in an overnight raid, officials said on Monday": the night before the day reported from.
    (re.compile(r"\bovernight\b(?!\s+(?:curfew|stay|halt))", re.IGNORECASE), 1),
    (re.compile(r"\b(?:in|over|during|within) the (?:last|past|previous) 24 hours\b", re.IGNORECASE), 1),
    # "A day ago, a constable was martyred ...": counted back from the publication date.
    (re.compile(r"\b(?:a|one) day ago\b", re.IGNORECASE), 1),
    (re.compile(r"\b(?:two|2) days ago\b", re.IGNORECASE), 2),
    (re.compile(r"\b(?:three|3) days ago\b", re.IGNORECASE), 3),
)
#: "a midnight raid ..., officials said on Tuesday": the night that ended on the statement's day. With
#: no statement day in the sentence ("police repelled a midnight attack") it dates nothing.
_MIDNIGHT = re.compile(r"\b(?:a|the|at|around|after|past|near)\s+mid-?night\b(?!\s+(?:deadline|curfew))", re.IGNORECASE)
#: "A day earlier": the day before the event told just before, or before publication.
_DAY_EARLIER = re.compile(
    r"\b(?:a|one) day (?:earlier|before)\b|\b(?:hours|the day) before\b|\bthe previous day\b", re.IGNORECASE
)
#: "On the same day", "earlier in the day", "also in the day": the day of the event told just before.
_SAME_DAY = re.compile(
    r"\b(?:on\s+)?the same (?:day|night|evening|morning)\b"
    r"|\b(?:earlier|later|also) (?:in|on|during) the (?:same )?day\b",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
#: "two days earlier", "three days before": counted back from the day told before it.
_DAYS_EARLIER = re.compile(
    r"\b(?P<n>two|three|four|five|six|2|3|4|5|6)\s+days\s+(?:earlier|before)\b(?!\s+(?:the|a|an|his|her|its)\b)",
    re.IGNORECASE,
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: "The blast, which occurred two days after the killing of a JUI-F leader", "the attack came three days
#: after ...": the earlier event the sentence recalls is that many days before the incident told before.
_CAME_DAYS_AFTER = re.compile(
    r"\b(?:comes?|came|coming|occurred|happened|took\s+place)\s+(?:just\s+|only\s+|barely\s+)?"
    r"(?P<n>two|three|four|five|six|[2-6])\s+days\s+after\b",
    re.IGNORECASE,
)
_YESTERDAY_STATEMENT = re.compile(
    r"\b(?:issued|released|said|told|stated|announced)\s+(?:here\s+)?yesterday\b|\byesterday\s+said\b", re.IGNORECASE
)
_WEEKEND = re.compile(r"\bover the weekend\b", re.IGNORECASE)
_LAST_WEEK = re.compile(r"\b(?:last|earlier this|this) (week|month)\b", re.IGNORECASE)
_IN_MONTH = re.compile(
    # "at the start of January", "towards the end of March", "mid-May": a month, no day
    rf"\b(?:[Ii]n|[Ll]ast|[Ll]ate|[Ee]arly|(?:[Aa]t|[Tt]owards?|[Bb]y|[Ii]n)\s+the\s+(?:start|beginning|end|middle|first\s+week|"
    rf"last\s+week)\s+of|[Mm]id-?) ?{_MON}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?(?!\s+\d)"
    r"(?P<last>\s+last\s+year\b)?"
)


@dataclass(frozen=True)
class DateCue:
    """A date the text gives, how it was derived, and the words it came from."""

    date: date
    basis: Basis
    text: str
    start: int
    precision: str = "day"
    anchored: bool = False
    offset: int = 1
    """Days before the anchoring event (1 for "a day earlier", 0 for "on the same day")."""
    earlier: bool = False
    """The day of an earlier deed of the people in the sentence ("highly wanted for a raid on a
    police post on April 11, 2022"), not of the event told."""
    night: bool = False
    span: bool = False
    """The first day of a span told by its end ("for 72 hours, until Saturday"): it dates the whole
    engagement, also against a day inside the span told with figures ("Saturday's operation")."""
    """A night told as "overnight": dated by its first day, but "the previous day" after it counts
    back from the morning it ended."""
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


def _statement_before(before: str) -> bool:
    """The words before a weekday name who said it, so the day is the statement's ("the ISPR said on")."""
    if _STATEMENT_BARE.search(before) or _STATEMENT_ON.search(before[-120:]):
        return True
    m = _STATEMENT_BEFORE.search(re.sub(r"\s+on\s*$", " ", before))
    # "police said the attack took place on Monday": the day of the event told after the verb.
    return bool(m and re.search(r"\bon\s*$", before) and not _EVENT_VERB.search(m.group(0)))


def find_dates(sentence: str, published: date, reference: date | None = None) -> list[DateCue]:
    """Date cues in one sentence, in order of appearance.

    "Today", "yesterday", "last night" and "overnight" count from the day the report speaks from:
    ``reference`` (the statement day of the report's lead, for copy filed that day and published
    the next), else the publication date. A night counts from the statement of its own sentence
    when there is one ("attacked late last night, officials said on Thursday" is Wednesday night).
    """
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
            # "carried the report on Wednesday (March 5)": the bracketed day is the weekday's.
            wd = re.search(rf"{_WD}\s*\(\s*$", sentence[max(0, m.start() - 14) : m.start()])
            said = wd is not None and _statement_before(sentence[max(0, m.start() - 120) : m.start() - len(wd[0])])
            earlier = bool(_PAST_DEEDS.search(sentence, 0, m.start()))
            if d is not None:
                cues.append(DateCue(d, "statement" if said else "explicit", m.group(0), m.start(), earlier=earlier))
    for m in _WEEKDAY.finditer(sentence):
        if not free(m.start(), m.end()) or _SINCE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        if _UNTIL_BEFORE.search(sentence, max(0, m.start() - 8), m.start()):
            span = _SPAN_UNTIL.search(sentence, max(0, m.start() - 60), m.start())
            if span:
                # "fire was exchanged for 72 hours, until Saturday": the span's first day (rule 4).
                n = _SMALL.get(span.group("n").lower()) or int(span.group("n"))
                days = -(-n // 24) if span.group("unit").lower().startswith("hour") else n
                end = weekday_before(published, m.group(1))
                cues.append(
                    DateCue(end - timedelta(days=days), "relative", span.group(0) + m.group(0), span.start(), span=True)
                )
            continue
        before = sentence[max(0, m.start() - 120) : m.start()]
        # "confirmed Monday's attack": the possessive names the event's day.
        possessive = m.group(0).endswith(("'s", "’s"))
        basis: Basis = "statement" if _statement_before(before) and not possessive else "relative"
        cues.append(DateCue(weekday_before(published, m.group(1)), basis, m.group(0), m.start()))
    said_today = _TODAY_STATEMENT.search(sentence)
    said_on = next((c.date for c in cues if c.basis == "statement"), None)
    ref = reference or published
    for rx, days in _RELATIVE:
        for m in rx.finditer(sentence):
            today_said = days == 0 and said_today is not None and said_today.start() <= m.start() < said_today.end()
            if today_said:
                cues.append(DateCue(published, "statement", m.group(0), m.start()))
                continue
            # A night is the one before the statement of its own sentence; "yesterday, ..., the
            # military said on Wednesday" in Thursday's paper is the Wednesday.
            night_ref = (said_on or ref) if days else ref
            night = m.group(0).lower() == "overnight"
            cues.append(DateCue(night_ref - timedelta(days=days), "relative", m.group(0), m.start(), night=night))
    if said_on is not None:
        for m in _MIDNIGHT.finditer(sentence):
            cues.append(DateCue(said_on - timedelta(days=1), "relative", m.group(0), m.start(), night=True))
    for m in _DAY_EARLIER.finditer(sentence):
        cues.append(DateCue(ref - timedelta(days=1), "relative", m.group(0), m.start(), anchored=True))
    for m in _CAME_DAYS_AFTER.finditer(sentence):
        n = _SMALL.get(m.group("n").lower()) or int(m.group("n"))
        cues.append(DateCue(ref - timedelta(days=n), "relative", m.group(0), m.start(), anchored=True, offset=n))
    for m in _SAME_DAY.finditer(sentence):
        cues.append(DateCue(published, "relative", m.group(0), m.start(), anchored=True, offset=0))
    st = _YESTERDAY_STATEMENT.search(sentence) if _YESTERDAY.search(sentence) else None
    for m in _YESTERDAY.finditer(sentence):
        if st and st.start() <= m.start() < st.end():
            cues.append(DateCue(published - timedelta(days=1), "statement", m.group(0), m.start()))
        else:
            cues.append(DateCue(ref - timedelta(days=1), "relative", m.group(0), m.start()))
    for m in _WEEKEND.finditer(sentence):
        cues.append(DateCue(weekday_before(published, "Saturday"), "relative", m.group(0), m.start()))
    for m in _LAST_WEEK.finditer(sentence):
        unit = m.group(1).lower()
        if unit == "month" and m.group(0).lower().startswith("last"):
            d = (published.replace(day=1) - timedelta(days=1)).replace(day=1)  # first of last month
        elif unit == "month":
            d = published.replace(day=1)
        elif m.group(0).lower().startswith("last"):
            d = published - timedelta(days=published.weekday() + 7)  # Monday of last week
        else:
            d = published - timedelta(days=published.weekday())
        cues.append(DateCue(d, "imprecise", m.group(0), m.start(), precision=unit))
    for m in _IN_MONTH.finditer(sentence):
        month = month_number(m.group(1))
        y = published.year if month <= published.month else published.year - 1
        if month == published.month and m.group(0).lower().startswith("last"):
            y = published.year - 1  # "last March" in a March paper
        if m.group("last"):
            y = published.year - 1
        if m.group("year"):
            y = int(m.group("year"))  # "in October 2024": a month of that year (a report's period)
        cues.append(DateCue(date(y, month, 1), "imprecise", m.group(0), m.start(), precision="month"))
    if any(c.night for c in cues) and any(c.basis in ("explicit", "relative") and not c.night for c in cues):
        # "an overnight raid on Monday": the named day says which night.
        cues = [c for c in cues if not c.night]
    cues.sort(key=lambda c: c.start)
    # "a strike on Sunday against the killing of a trader, who was gunned down two days
    # earlier": the day told first dates the reaction; the event is n days before it. One pass
    # over the cues (in order) and the matches (in order).
    out: list[DateCue] = []
    k = 0
    for m in _DAYS_EARLIER.finditer(sentence):
        while k < len(cues) and cues[k].start < m.start():
            out.append(cues[k])
            k += 1
        n = _SMALL.get(m.group("n").lower()) or int(m.group("n"))
        anchor = out[-1] if out and out[-1].basis in ("explicit", "relative") and not out[-1].anchored else None
        if anchor is not None:
            out[-1] = DateCue(
                anchor.date - timedelta(days=n), anchor.basis, f"{m.group(0)} (than {anchor.text})", m.start()
            )
        else:
            out.append(
                DateCue(published - timedelta(days=n), "relative", m.group(0), m.start(), anchored=True, offset=n)
            )
    out.extend(cues[k:])
    return out
