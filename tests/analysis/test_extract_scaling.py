"""Extraction is linear in the report's length (issue 14: 200 kB took 23 s, 5 MB over 2 minutes).

The quadratic parts were per-match scans of everything matched before (taken spans,
outcomes, nouns) and copies of the rest of a long sentence for each number; both are
now binary searches and bounded windows (``analysis/extract/_spans.py``).
"""

from __future__ import annotations

import random
import statistics
import time

from analysis.extract import extract_text
from analysis.extract._spans import Spans


def test_spans_answer_as_a_scan_of_every_span_would():
    rng = random.Random(4)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 12)) for a in (rng.randint(0, 80) for _ in range(rng.randint(0, 12)))]
        ordered = Spans()
        for s, e in spans:
            ordered.add(s, e)
        at_once = Spans(spans)
        for pos in range(-2, 100):
            want = any(s <= pos < e for s, e in spans)
            assert ordered.covers(pos) == at_once.covers(pos) == want
            end = pos + rng.randint(1, 10)
            assert ordered.starts_within(pos, end) == any(pos <= s < end for s, _ in spans)


def _cpu(text: str) -> float:
    runs = []
    for _ in range(3):
        t = time.process_time()
        extract_text(text, name="long.txt")
        runs.append(time.process_time() - t)
    return statistics.median(runs)


def test_one_long_sentence_costs_time_in_proportion_to_its_length():
    clause = "five soldiers were killed and three injured in an attack in Quetta, "
    short, long = "date 2024-12-20\n" + clause * 400, "date 2024-12-20\n" + clause * 1600
    ratio = _cpu(long) / _cpu(short)
    # 4 times the text: linear is about 4; the quadratic version took 11-13 times as long.
    assert ratio < 7, ratio


def test_long_sentence_reads_the_same_counts_as_a_short_one():
    clause = "five soldiers were killed and three injured in an attack in Quetta, "
    one = extract_text("date 2024-12-20\n" + clause, name="a.txt").candidates
    many = extract_text("date 2024-12-20\n" + clause * 50, name="b.txt").candidates
    assert [(c.killed_security, c.injured_total) for c in one] == [(5, 3)]
    assert len(many) == 1 and many[0].district == one[0].district
