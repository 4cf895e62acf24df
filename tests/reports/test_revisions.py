"""Sentences of the "Revisions since the last brief" section."""

from __future__ import annotations

import pandas as pd

from analysis.diff import Revision
from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports.revisions import revision_line, revision_lines


def _inc(killed: list[int], provinces: list[str | None]):
    return from_frame(pd.DataFrame({
        "incident_id": [f"i{k}" for k in range(len(killed))],
        "date": pd.to_datetime(["2024-12-02", "2024-12-20", "2025-01-03"][: len(killed)]),
        "province": provinces, "killed_total": killed,
    }))


def test_line_reads_like_the_example():
    assert revision_line(Revision("2024-12", "Balochistan", "killed_total", 61, 64)) == \
        "December 2024: killed in Balochistan revised from 61 to 64"
    assert revision_line(Revision("2024-11", None, "killed_security", 1200, 1203)) == \
        "November 2024: security forces killed in Pakistan revised from 1,200 to 1,203"
    assert revision_line(Revision("2024-11", "unknown", "incidents", 2, 1)) == \
        "November 2024: incidents in places not recorded revised from 2 to 1"


def test_lines_for_a_revised_month_only():
    old = _inc([60, 1, 9], ["Balochistan", "Balochistan", "Sindh"])
    new = _inc([63, 1, 12], ["Balochistan", "Balochistan", "Sindh"])  # Dec +3; Jan (not yet published) +3
    lines = revision_lines(old, new, published_through=parse_period("2024-12"))
    assert lines == ["December 2024: killed in Pakistan revised from 61 to 64",
                     "December 2024: killed in Balochistan revised from 61 to 64"]
    assert revision_lines(old, new, published_through=parse_period("2024-12"), region="Sindh") == []
    assert revision_lines(old, old, published_through=parse_period("2025-01")) == []
