"""Shared helpers of the extract tests: what a sentence or a short report is read as.

Each round's test file (``test_extract_cntD.py``, ``test_extract_segC.py``, ...) imports these
instead of keeping its own copy.
"""

from __future__ import annotations

import time

from analysis.extract import extract_text


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
