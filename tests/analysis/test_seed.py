"""The seed test: secbrief states exactly the numbers of the news report for that window and region.

News report of 1 February 2025: "at least 18 security personnel and 23 terrorists were killed in
different areas of Balochistan in the last 24 hours" (Mangocher, Kalat: 12 militants and 18
security personnel; Harnai: 11 militants) and "10 terrorists were killed in five operations in
Khyber Pakhtunkhwa". The incidents are in tests/fixtures/seed-2025-02-01.csv (native schema).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import analysis as an

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-2025-02-01.csv"
WINDOW = "2025-01-31..2025-02-01"


@pytest.fixture(scope="module")
def seed():
    inc = an.load_incidents(SEED)
    assert inc.source == "native" and inc.report.rejected == 0 and len(inc.frame) == 7
    return inc.frame


def test_totals_for_the_window(seed):
    p = an.parse_period(WINDOW)
    b = an.totals(seed, p, province="Balochistan")
    assert (b.killed_security, b.killed_militants, b.killed_total, b.incidents) == (18, 23, 41, 2)
    # No row gives killed_total; Harnai gives militants but not security personnel (a category the
    # file records): 41 is a lower bound, its deaths kept. Kalat gives every recorded category.
    assert b.at_least("killed_total") and b.unknown["killed_total"] == 1
    kp = an.totals(seed, p, province="Khyber Pakhtunkhwa")
    assert (kp.killed_militants, kp.operations, kp.incidents) == (10, 5, 5)
    assert kp.at_least("killed_militants")  # four of the five operations give no separate toll


def test_findings_state_exactly_these_numbers(seed):
    p = an.parse_period(WINDOW)
    b = an.findings(seed, p, region="Balochistan")[0]
    assert b.sentence == (
        "In Balochistan, 31 Jan–1 Feb 2025, at least 41 people were killed (at least 18 security "
        "personnel and 23 militants) in 2 incidents (1 attack, 1 operation)."
    )
    assert (b.numbers["killed_security"], b.numbers["killed_militants"]) == (18, 23)
    kp = an.findings(seed, p, region="Khyber Pakhtunkhwa")[0]
    assert kp.sentence == (
        "In Khyber Pakhtunkhwa, 31 Jan–1 Feb 2025, at least 10 militants were killed in 5 security operations."
    )
    national = an.findings(seed, p, max_n=None)
    assert {f.id for f in national} >= {"totals:all", "totals:Balochistan", "totals:Khyber Pakhtunkhwa"}
    for f in national:
        assert an.unsupported_numbers(f) == []


def test_window_matters(seed):
    # 1 February alone: the Kalat clash started on 31 January, so by start date only Harnai counts;
    # spread over its two days, half of its deaths fall on 1 February.
    day = an.parse_period("2025-02-01")
    assert an.totals(seed, day, province="Balochistan").killed_militants == 11
    spread = an.totals(seed, day, province="Balochistan", date_rule="spread")
    assert (spread.killed_security, spread.killed_militants) == (9, 11 + 6)


def test_csv_module_agrees(seed):
    sums: dict[str, int] = defaultdict(int)
    with open(SEED, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for c in ("killed_security", "killed_militants"):
                sums[(r["province"], c)] += int(r[c] or 0)
    p = an.parse_period(WINDOW)
    for prov in ("Balochistan", "Khyber Pakhtunkhwa"):
        t = an.totals(seed, p, province=prov)
        assert (t.killed_security, t.killed_militants) == (
            sums[(prov, "killed_security")],
            sums[(prov, "killed_militants")],
        )
