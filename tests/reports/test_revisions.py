"""Sentences of the "Revisions since the last brief" section."""

from __future__ import annotations

import pandas as pd

from analysis.diff import Revision
from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports.revisions import revision_line, revision_lines


def _inc(killed: list[int], provinces: list[str | None]):
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"i{k}" for k in range(len(killed))],
                "date": pd.to_datetime(["2024-12-02", "2024-12-20", "2025-01-03"][: len(killed)]),
                "province": provinces,
                "killed_total": killed,
            }
        )
    )


def test_line_reads_like_the_example():
    assert (
        revision_line(Revision("2024-12", "Balochistan", "killed_total", 61, 64))
        == "December 2024: killed in Balochistan revised from 61 to 64"
    )
    assert (
        revision_line(Revision("2024-11", None, "killed_security", 1200, 1203))
        == "November 2024: security forces killed in Pakistan revised from 1,200 to 1,203"
    )
    assert (
        revision_line(Revision("2024-11", "unknown", "incidents", 2, 1))
        == "November 2024: incidents in places not recorded revised from 2 to 1"
    )


def test_lines_for_a_revised_month_only():
    old = _inc([60, 1, 9], ["Balochistan", "Balochistan", "Sindh"])
    new = _inc([63, 1, 12], ["Balochistan", "Balochistan", "Sindh"])  # Dec +3; Jan (not yet published) +3
    lines = revision_lines(old, new, published_through=parse_period("2024-12"))
    assert lines == [
        "December 2024: killed in Pakistan revised from 61 to 64",
        "December 2024: killed in Balochistan revised from 61 to 64",
    ]
    assert revision_lines(old, new, published_through=parse_period("2024-12"), region="Sindh") == []
    assert revision_lines(old, old, published_through=parse_period("2025-01")) == []


def test_section_across_a_series_of_briefs(tmp_path):
    from analysis.store import Store
    from reports.revisions import record_brief, revisions_since_last_brief, series_name

    store = Store(tmp_path / "store")
    dec, jan, feb = parse_period("2024-12"), parse_period("2025-01"), parse_period("2025-02")
    v1 = _inc([60, 1], ["Balochistan", "Balochistan"])
    first = revisions_since_last_brief(store, v1, kind="monthly", period=dec)
    assert first.previous is None and first.lines == ()
    record_brief(store, v1, kind="monthly", period=dec, region=None, output=tmp_path / "monthly-2024-12.pdf")
    # January's brief on revised data: December's Balochistan toll went from 61 to 64.
    v2 = _inc([63, 1, 5], ["Balochistan", "Balochistan", "Sindh"])
    sec = revisions_since_last_brief(store, v2, kind="monthly", period=jan)
    assert sec.previous_label == "December 2024" and sec.note is None
    assert sec.lines == (
        "December 2024: killed in Pakistan revised from 61 to 64",
        "December 2024: killed in Balochistan revised from 61 to 64",
    )
    # A regional series has its own history.
    assert revisions_since_last_brief(store, v2, kind="monthly", period=jan, region="Balochistan").previous is None
    assert series_name("monthly", "Balochistan") == "monthly-balochistan"
    record_brief(store, v2, kind="monthly", period=jan, region=None, output=tmp_path / "monthly-2025-01.pdf")
    # February on the same data as January: a previous brief, nothing revised.
    same = revisions_since_last_brief(store, v2, kind="monthly", period=feb)
    assert same.previous.period == "2025-01" and same.lines == ()
    assert [v.label for v in store.versions()] == ["v1", "v2"]


def test_brief_on_no_incidents_is_recorded_without_a_version(tmp_path):
    from analysis.store import Store
    from reports.revisions import record_brief

    store = Store(tmp_path / "store")
    empty = _inc([], [])
    pub = record_brief(
        store,
        empty,
        kind="monthly",
        period=parse_period("2024-12"),
        region=None,
        output=tmp_path / "monthly-2024-12.pdf",
    )
    assert pub.fingerprint == empty.fingerprint and store.versions() == ()
    assert store.previous_publication("monthly", before=parse_period("2025-01")) == pub
