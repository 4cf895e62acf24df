"""Records and superlatives, checked on the data, with the comparison window stated.

"The deadliest month since March 2015", "the deadliest year for security forces in a
decade", "the third-deadliest year on record": each statement is made only when the
data bear it out, comparing only whole periods the data cover, and each says which
window it compares against. When a statement is not true, :func:`records_for` does
not return it.

Only incidents that can be placed in a whole period are compared: an incident dated
only to a year is never counted in a month (see :func:`analysis.counts.date_spans`).
Each record carries the incidents and deaths that overlap the period but are dated
too imprecisely to place in it (:class:`analysis.counts.ImpreciseDates`), so a brief
can say "plus 1,428 deaths in events dated only to 2009".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from analysis.counts import MEASURES, DateRule, ImpreciseDates, _check, count_table, imprecise_dates
from analysis.periods import Period, month, quarter, year

RecordKind = Literal["on_record", "in_window", "since", "rank_on_record", "lowest_since", "lowest_on_record"]

#: How each measure is described: (superlative, ordinal form, lowest form).
_PHRASES: dict[str, tuple[str, str, str]] = {
    "killed_total": ("the deadliest {unit}", "the {ord}-deadliest {unit}", "the least deadly {unit}"),
    "killed_security": (
        "the deadliest {unit} for security forces",
        "the {ord}-deadliest {unit} for security forces",
        "the least deadly {unit} for security forces",
    ),
    "killed_civilians": (
        "the deadliest {unit} for civilians",
        "the {ord}-deadliest {unit} for civilians",
        "the least deadly {unit} for civilians",
    ),
    "killed_militants": (
        "the {unit} with the most militants killed",
        "the {unit} with the {ord}-most militants killed",
        "the {unit} with the fewest militants killed",
    ),
    "incidents": (
        "the {unit} with the most incidents",
        "the {unit} with the {ord}-most incidents",
        "the {unit} with the fewest incidents",
    ),
    "attacks": (
        "the {unit} with the most attacks",
        "the {unit} with the {ord}-most attacks",
        "the {unit} with the fewest attacks",
    ),
    "operations": (
        "the {unit} with the most security operations",
        "the {unit} with the {ord}-most security operations",
        "the {unit} with the fewest security operations",
    ),
}
_ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_FREQ = {"month": "month", "quarter": "quarter", "year": "year"}
#: Minimum distance (in periods) for "since ..." to be worth saying.
MIN_GAP = {"month": 6, "quarter": 4, "year": 2}
#: Periods in "a decade".
DECADE = {"month": 120, "quarter": 40, "year": 10}


@dataclass(frozen=True)
class Record:
    """A checked superlative about one period.

    Attributes
    ----------
    id
        Stable identifier, e.g. ``record:killed_security:year:in_window``.
    kind
        ``on_record`` (highest of all whole periods in the data up to this one),
        ``in_window`` (highest in the last decade), ``since`` (highest since a named
        period), ``rank_on_record`` (second to fifth highest), and the ``lowest_*`` forms.
    phrase
        The predicate, e.g. ``the deadliest year for security forces in a decade``.
    sentence
        ``<period>[ in <region>] was <phrase>.``
    value, rank, compared
        The period's value, its rank (1 = highest; 1 = lowest for ``lowest_*``) among
        ``compared`` whole periods of the window.
    window_start, window_end
        Labels of the first and last period compared.
    since
        For ``since``/``lowest_since``: the period last at least as high (low).
    numbers
        The numbers the sentence rests on.
    imprecise
        Incidents and deaths overlapping the period but dated too imprecisely to be
        counted in it (only placeable incidents are compared); ``None`` when there are
        none. Their numbers are in ``numbers`` as ``unplaced_incidents`` and
        ``unplaced_killed``.
    """

    id: str
    kind: RecordKind
    measure: str
    freq: str
    region: str | None
    period: str
    phrase: str
    sentence: str
    value: int
    rank: int
    compared: int
    window_start: str
    window_end: str
    since: str | None = None
    numbers: dict[str, object] = field(default_factory=dict)
    imprecise: ImpreciseDates | None = None


def _as_period(code: str | int, freq: str) -> Period:
    if freq == "year":
        return year(int(code))
    if freq == "quarter":
        y, q = str(code).split("Q")
        return quarter(int(y), int(q))
    y, m = str(code).split("-")
    return month(int(y), int(m))


def _label(code: str | int, freq: str) -> str:
    return _as_period(code, freq).label


def coverage_of(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Default data coverage of an incident table, or ``None`` when it is empty.

    From the first day of the month of the earliest incident to the last day of the
    month of the latest start or end date.
    """
    if frame.empty:
        return None
    first = frame["date"].min()
    last = max(frame["date"].max(), frame["date_end"].max() if frame["date_end"].notna().any() else first)
    return (
        pd.Timestamp(year=first.year, month=first.month, day=1),
        pd.Timestamp(year=last.year, month=last.month, day=1) + pd.offsets.MonthEnd(0),
    )


def history(
    frame: pd.DataFrame,
    *,
    freq: str,
    measure: str,
    region: str | None = None,
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    date_rule: DateRule = "start",
) -> pd.Series:
    """Values of ``measure`` for every whole month/quarter/year the data cover, zero-filled.

    Periods cut by the start or end of the coverage are left out: a half year is
    not compared with whole years.
    """
    _check([measure], MEASURES, "measure")
    _check([freq], tuple(_FREQ), "frequency")
    cov = coverage if coverage is not None else coverage_of(frame)
    if cov is None:
        return pd.Series([], dtype="int64", name=measure)
    start, end = pd.Timestamp(cov[0]).normalize(), pd.Timestamp(cov[1]).normalize()
    f = frame if region is None else frame.loc[(frame["province"] == region).fillna(False)]
    t = count_table(
        f, by=[freq], measures=[measure], period=Period("range", start, end), with_unknown=False, date_rule=date_rule
    )
    whole = [(_as_period(c, freq).start >= start) and (_as_period(c, freq).end <= end) for c in t[freq]]
    t = t.loc[whole]
    return pd.Series(t[measure].to_numpy(dtype="int64"), index=list(t[freq]), name=measure)


def records_for(
    frame: pd.DataFrame,
    period: Period,
    *,
    region: str | None = None,
    measures: Sequence[str] = ("killed_total", "killed_security", "killed_civilians", "incidents", "attacks"),
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    window: int | None = None,
    date_rule: DateRule = "start",
) -> tuple[Record, ...]:
    """Every record statement about ``period`` that the data bear out, strongest first.

    Parameters
    ----------
    frame
        Canonical incidents.
    period
        A month, quarter or year (other kinds of period have no history of equals: none
        is returned).
    region
        A province (as in the ``province`` column) or ``None`` for the whole data.
    measures
        Measures to check (killed by category, incidents, attacks, operations).
    coverage
        First and last day the data cover; default :func:`coverage_of`.
    window
        Periods in "a decade" (default 10 years, 40 quarters, 120 months).
    date_rule
        As in :func:`analysis.counts.count_table`.

    Returns
    -------
    tuple of Record
        Ordered by measure (as given), then strength: on record, in a decade, ranks
        two to five on record, since a named period; then the lowest forms.

    Notes
    -----
    Only periods up to and including ``period`` are compared ("as of" then). A tie
    is not a record: "the deadliest" needs a strictly higher value, an ordinal with a
    tie says "joint". "Since X" names the latest earlier period at least as high,
    and only when it lies at least :data:`MIN_GAP` periods back. "In a decade" needs
    the data to cover the whole decade.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> days = pd.to_datetime([f"{y}-06-01" for y in range(2015, 2025)])
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": [str(i) for i in range(10)],
    ...             "date": days,
    ...             "province": ["Sindh"] * 10,
    ...             "event_type": ["attack"] * 10,
    ...             "killed_security": [50, 40, 30, 20, 10, 10, 20, 30, 40, 60],
    ...         }
    ...     )
    ... )
    >>> cov = (pd.Timestamp("2015-01-01"), pd.Timestamp("2024-12-31"))
    >>> [r.sentence for r in records_for(inc.frame, parse_period("2024"), measures=["killed_security"], coverage=cov)]
    ['2024 was the deadliest year for security forces in a decade.']
    >>> for r in records_for(inc.frame, parse_period("2023"), measures=["killed_security"], coverage=cov):
    ...     print(r.sentence)
    2023 was the joint second-deadliest year for security forces on record (in data from 2015).
    2023 was the deadliest year for security forces since 2016.
    """
    if period.kind not in _FREQ:
        return ()
    freq = _FREQ[period.kind]
    win = window if window is not None else DECADE[freq]
    cov = coverage if coverage is not None else coverage_of(frame)
    if cov is None or not (cov[0] <= period.start and period.end <= cov[1]):
        return ()
    out: list[Record] = []
    unplaced = imprecise_dates(frame, period, province=region)
    for m in measures:
        _check([m], tuple(_PHRASES), "record measure")
        h = history(frame, freq=freq, measure=m, region=region, coverage=cov, date_rule=date_rule)
        key = (
            period.start.year
            if freq == "year"
            else (f"{period.start.year}Q{(period.start.month - 1) // 3 + 1}" if freq == "quarter" else period.slug)
        )
        if key not in h.index:
            continue
        pos = list(h.index).index(key)
        past = h.iloc[: pos + 1]
        out.extend(_records_one(past, key, freq, m, region, period, win, unplaced or None))
    return tuple(out)


def _unplaced_note(u: ImpreciseDates, unit: str) -> str:
    """``1,428 deaths in 1 incident dated only to 2009 not counted`` (the record compares placeable incidents)."""

    def incidents(n: int) -> str:
        return f"{n:,} incident" + ("" if n == 1 else "s")

    what = f"{u.killed_total:,} deaths in {incidents(u.incidents)}" if u.killed_total else incidents(u.incidents)
    if len(u.spans) == 1:
        return f"{what} dated only to {u.spans[0].label} not counted"
    return f"{what} dated too imprecisely to place in the {unit} not counted"


def _records_one(
    past: pd.Series,
    key,
    freq: str,
    measure: str,
    region: str | None,
    period: Period,
    win: int,
    unplaced: ImpreciseDates | None = None,
) -> list[Record]:
    value = int(past.iloc[-1])
    earlier = past.iloc[:-1].to_numpy()
    labels = [str(_label(c, freq)) for c in past.index]
    unit = freq
    high, ordinal, low = _PHRASES[measure]
    where = f" in {region}" if region else ""
    base_numbers: dict[str, object] = {"value": value, "period": period.label}
    if region:
        base_numbers["region"] = region
    note = ""
    if unplaced is not None:
        base_numbers["unplaced_incidents"] = unplaced.incidents
        base_numbers["unplaced_killed"] = unplaced.killed_total
        if len(unplaced.spans) == 1:
            base_numbers["unplaced_span"] = unplaced.spans[0].label
        note = _unplaced_note(unplaced, unit)
    recs: list[Record] = []

    def make(kind: RecordKind, phrase: str, rank: int, compared: int, first: str, since: str | None = None) -> None:
        if note:
            phrase = phrase[:-1] + f"; {note})" if phrase.endswith(")") else phrase + f" ({note})"
        sentence = f"{period.label}{where} was {phrase}."
        recs.append(
            Record(
                id=f"record:{measure}:{freq}:{kind}" + (f":{region}" if region else ""),
                kind=kind,
                measure=measure,
                freq=freq,
                region=region,
                period=period.label,
                phrase=phrase,
                sentence=sentence,
                value=value,
                rank=rank,
                compared=compared,
                window_start=first,
                window_end=period.label,
                since=since,
                numbers={
                    **base_numbers,
                    "rank": rank,
                    "compared": compared,
                    "window_start": first,
                    **({"since": since} if since else {}),
                },
                imprecise=unplaced,
            )
        )

    if len(earlier) == 0 or value == 0:
        return recs
    n = len(past)
    higher = int((earlier > value).sum())
    ties = int((earlier == value).sum())
    # highest on record / in a decade
    if higher == 0 and ties == 0:
        if n > win:
            make("on_record", f"{high.format(unit=unit)} on record (in data from {labels[0]})", 1, n, labels[0])
        elif n == win:
            make("in_window", f"{high.format(unit=unit)} in a decade", 1, n, labels[0])
        else:
            make("on_record", f"{high.format(unit=unit)} on record (in data from {labels[0]})", 1, n, labels[0])
    if n > win:
        w = past.iloc[-win:].to_numpy()
        if (w[:-1] < value).all() and higher > 0:
            make("in_window", f"{high.format(unit=unit)} in a decade", 1, win, labels[-win])
    rank = higher + 1
    if 2 <= rank <= 5 and n >= 2 * rank:
        phrase = ordinal.format(unit=unit, ord=_ORDINALS[rank])
        if ties:
            phrase = phrase.replace("the ", "the joint ", 1)
        make("rank_on_record", f"{phrase} on record (in data from {labels[0]})", rank, n, labels[0])
    at_least = np.flatnonzero(earlier >= value)
    if len(at_least):
        last = int(at_least[-1])
        gap = (n - 1) - last
        if gap >= MIN_GAP[freq]:
            make("since", f"{high.format(unit=unit)} since {labels[last]}", 1, gap + 1, labels[last], labels[last])
    # lowest
    at_most = np.flatnonzero(earlier <= value)
    if len(at_most) == 0 and n > MIN_GAP[freq]:
        make("lowest_on_record", f"{low.format(unit=unit)} on record (in data from {labels[0]})", 1, n, labels[0])
    elif len(at_most):
        last = int(at_most[-1])
        gap = (n - 1) - last
        if gap >= MIN_GAP[freq]:
            make(
                "lowest_since", f"{low.format(unit=unit)} since {labels[last]}", 1, gap + 1, labels[last], labels[last]
            )
    return recs
