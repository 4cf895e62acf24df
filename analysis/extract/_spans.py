"""Spans of text already taken, asked "is this position inside one?" in logarithmic time.

The extractors mark the spans they have read (numbers, places, dates) and skip later
matches that fall inside one. Scanning the whole list for each match made a long
sentence quadratic; sorted starts with a running maximum of the ends answer the same
question with a binary search, and do not assume the spans are disjoint.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate

#: Characters after a match that the local "what follows" patterns look at. They read a
#: few words ("of them", "of the dead were soldiers", "district hospital"); a window keeps
#: each look constant-time instead of copying the rest of a long sentence.
AFTER = 1000


class Spans:
    """Half-open spans ``[start, end)`` of a sentence."""

    __slots__ = ("_ends", "_max_end", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._starts = [s for s, _ in pairs]
        self._ends = [e for _, e in pairs]
        self._max_end = list(accumulate(self._ends, max))

    def add(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as taken (constant time when spans come in order)."""
        if not self._starts or start >= self._starts[-1]:
            self._starts.append(start)
            self._ends.append(end)
            self._max_end.append(max(end, self._max_end[-1]) if self._max_end else end)
            return
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._max_end = list(accumulate(self._ends, max))

    def covers(self, pos: int) -> bool:
        """True when some span has ``start <= pos < end``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._max_end[i] > pos

    def starts_within(self, start: int, end: int) -> bool:
        """True when some span starts in ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end
