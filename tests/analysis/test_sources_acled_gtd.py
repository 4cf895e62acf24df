"""ACLED and GTD readers on hand-written fixtures, checked against hand tables from the codebooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io import detect_source, load_incidents

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
COLS = [
    "incident_id",
    "date",
    "date_precision",
    "province",
    "event_type",
    "method",
    "perpetrator",
    "killed_militants",
    "killed_unknown",
    "killed_total",
    "injured_total",
]


def _rows(frame: pd.DataFrame) -> list[tuple]:
    f = frame[COLS].astype(object).where(frame[COLS].notna(), None)
    f["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return [tuple(r) for r in f.itertuples(index=False)]


def test_acled_is_detected():
    assert detect_source(SOURCES / "acled-small.csv") == "acled"


def test_acled_mapping_follows_the_documented_table():
    inc = load_incidents(SOURCES / "acled-small.csv")
    assert inc.source == "acled"
    tty, bla = "TTP: Tehreek-i-Taliban Pakistan", "BLA: Balochistan Liberation Army"
    assert _rows(inc.frame) == [
        # fatalities go to killed_total and killed_unknown: ACLED has no victim split
        ("PAK1", "2021-01-12", "day", "Khyber Pakhtunkhwa", "attack", "suicide_bombing", tty, None, 7, 7, None),
        ("PAK2", "2021-02-03", "day", "Khyber Pakhtunkhwa", "clash", "armed_assault", tty, None, 4, 4, None),
        ("PAK3", "2021-02-04", "week", "Balochistan", "operation", "other", bla, None, 3, 3, None),
        (
            "PAK4",
            "2021-03-01",
            "day",
            "Sindh",
            "attack",
            "kidnapping",
            "Unidentified Armed Group (Pakistan)",
            None,
            0,
            0,
            None,
        ),
        ("PAK5", "2021-03-05", "month", "Punjab", "other", None, None, None, 0, 0, None),
    ]


def test_acled_bad_rows_are_rejected_once_each():
    rep = load_incidents(SOURCES / "acled-small.csv").report
    assert (rep.accepted, rep.warned, rep.rejected) == (5, 0, 2)
    assert [(p.row, p.column, p.message) for p in rep.problems] == [
        (7, "killed_total", "'-2' is negative; counts must be 0 or more"),
        (8, "date", "'31 April 2021' is not a valid date (expected YYYY-MM-DD or a date like '12 January 2021')"),
    ]


def test_gtd_is_detected():
    assert detect_source(SOURCES / "gtd-small.csv") == "gtd"


def test_gtd_mapping_follows_the_codebook():
    inc = load_incidents(SOURCES / "gtd-small.csv")
    ttp, bla = "Tehrik-i-Taliban Pakistan (TTP)", "Baloch Liberation Army (BLA)"
    assert _rows(inc.frame) == [
        # nkill 105 of whom nkillter 1 perpetrator: 1 militant, 104 unknown
        ("201001010001", "2010-01-01", "day", "Khyber Pakhtunkhwa", "attack", "suicide_bombing", ttp, 1, 104, 105, 100),
        # iday 0: first of the month, month precision; FATA reported as Khyber Pakhtunkhwa; gname Unknown blank
        ("201002000002", "2010-02-01", "month", "Khyber Pakhtunkhwa", "attack", "armed_assault", None, None, 4, 4, 2),
        # imonth 0: first of the year, year precision
        ("201000000003", "2010-01-01", "year", "Balochistan", "attack", "targeted_killing", bla, 0, 1, 1, 0),
        # -99 is the codebook's unknown: blank, not a negative count
        ("201003050004", "2010-03-05", "day", "Sindh", "attack", "kidnapping", None, None, None, None, None),
    ]


def test_gtd_impossible_rows_are_rejected_with_reasons():
    rep = load_incidents(SOURCES / "gtd-small.csv").report
    assert (rep.accepted, rep.warned, rep.rejected, len(rep.excluded)) == (4, 0, 2, 0)
    assert [(p.row, p.column, p.message) for p in rep.problems] == [
        (6, "killed_total", "killed categories add up to 3 (militants 3), more than killed_total 2"),
        (7, "date", "'2010-02-30' is not a valid date (expected iyear, imonth and iday forming a calendar date)"),
    ]
