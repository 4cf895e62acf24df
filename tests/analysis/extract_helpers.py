"""Shared helpers of the extract tests: what a sentence or a short report is read as.

Each round's test file (``test_extract_cntD.py``, ``test_extract_segC.py``, ...) imports these
instead of keeping its own copy.
"""

from __future__ import annotations

import time

from analysis.extract import extract_text
from analysis.extract.victims import find_casualties


def assert_linear(clauses: tuple[str, ...], *, short: int = 150, long: int = 600) -> None:
    """Each clause repeated ``long`` times costs at most 8 times its cost repeated ``short`` times.

    The look-backs of the rules are bounded, so one long sentence is read in linear time
    (a rule that scans to the end of the sentence from every number would be quadratic).
    """
    for clause in clauses:
        runs = []
        for n in (short, long):
            t = time.process_time()
            extract_text("date 2024-12-20\n" + clause * n, name="long.txt")
            runs.append(time.process_time() - t)
        assert runs[1] / max(runs[0], 1e-3) < 8, (clause, runs)


def counted(sentence: str, **kw) -> list[tuple[int, str, str | None]]:
    """The killed and injured counts ``find_casualties`` reads in one sentence, parts left out.

    >>> counted("Two soldiers were martyred and three injured.")
    [(2, 'security', 'killed'), (3, 'security', 'injured')]
    """
    return [
        (m.count, m.category, m.outcome)
        for m in find_casualties(sentence, **kw)
        if m.outcome in ("killed", "injured") and not m.subset
    ]


def one(text: str, published: str = "2025-03-11") -> list[tuple]:
    """Each incident of a short report as (place, security, civilians, militants, unknown, injured, date basis)."""
    ex = extract_text(f"date {published}\n{text}", name="t.txt")
    return [
        (
            c.district or c.province,
            c.killed_security,
            c.killed_civilians,
            c.killed_militants,
            c.killed_unknown,
            c.injured_total,
            c.date_basis,
        )
        for c in ex.candidates
    ]


def rows_of(text: str, **kw) -> list[tuple]:
    """Each incident of a report (with its ``date`` line) as (date, district, security, militants,
    civilians, injured)."""
    ex = extract_text(text, name="t.txt", **kw)
    return [
        (c.date.isoformat(), c.district, c.killed_security, c.killed_militants, c.killed_civilians, c.injured_total)
        for c in ex.candidates
    ]
