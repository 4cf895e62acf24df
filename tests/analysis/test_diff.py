"""Diffs of incident datasets, checked against independent calculations.

The real-data tests derive two revisions of the UCDP GED file (tests/analysis/ucdp_versions.py,
csv module only) and compare secbrief's diff with plain-loop counts over the two files.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.diff import REVISION_MEASURES, Revision, diff_incidents, field_changes, revised_numbers, revisions
from analysis.errors import DataValidationError
from analysis.incidents import from_frame
from analysis.periods import parse_period
from tests.analysis import ucdp_versions as uv


def _inc(rows: list[dict]) -> object:
    f = pd.DataFrame(rows)
    f["date"] = pd.to_datetime(f["date"])
    return from_frame(f)


OLD = [
    {"incident_id": "a", "date": "2024-11-30", "province": "Balochistan", "killed_total": 61, "killed_security": 40},
    {"incident_id": "b", "date": "2024-12-05", "province": "Balochistan", "killed_total": 10, "killed_security": 2},
    {"incident_id": "c", "date": "2024-12-06", "province": "Sindh", "killed_total": 1, "injured_total": 3},
    {"incident_id": "d", "date": "2024-12-07", "province": None, "killed_total": 2},
]
NEW = [
    {"incident_id": "a", "date": "2024-11-30", "province": "Balochistan", "killed_total": 64, "killed_security": 43},
    {"incident_id": "b", "date": "2024-12-05", "province": "Balochistan", "killed_total": 10, "killed_security": 2},
    {"incident_id": "d", "date": "2024-12-07", "province": "Punjab", "killed_total": 2},
    {"incident_id": "e", "date": "2025-01-02", "province": "Sindh", "killed_total": 5, "injured_total": None},
]


def test_small_diff_by_hand():
    d = diff_incidents(_inc(OLD), _inc(NEW))
    assert list(d.added["incident_id"]) == ["e"]
    assert list(d.removed["incident_id"]) == ["c"]
    changed = d.changed.astype(object).where(d.changed.notna(), None).values.tolist()
    assert changed == [
        ["a", "killed_security", "40", "43"],
        ["a", "killed_total", "61", "64"],
        ["d", "province", None, "Punjab"],
    ]
    assert d.changed_ids == ("a", "d")
    assert d.unchanged == 1  # b
    got = {(r.month, r.province, r.measure): (r.old, r.new, r.change) for r in d.numbers.itertuples()}
    # Hand table: Nov a 61->64 (security 40->43); Dec: Sindh loses c (1 killed, 3 injured),
    # d moves from unknown to Punjab; Jan 2025: e added in Sindh.
    assert got == {
        ("2024-11", "Balochistan", "killed_total"): (61, 64, 3),
        ("2024-11", "Balochistan", "killed_security"): (40, 43, 3),
        ("2024-12", "Sindh", "incidents"): (1, 0, -1),
        ("2024-12", "Sindh", "killed_total"): (1, 0, -1),
        ("2024-12", "Sindh", "injured_total"): (3, 0, -3),
        ("2024-12", "Punjab", "incidents"): (0, 1, 1),
        ("2024-12", "Punjab", "killed_total"): (0, 2, 2),
        ("2024-12", "unknown", "incidents"): (1, 0, -1),
        ("2024-12", "unknown", "killed_total"): (2, 0, -2),
        ("2025-01", "Sindh", "incidents"): (0, 1, 1),
        ("2025-01", "Sindh", "killed_total"): (0, 5, 5),
    }
    # Ordered by month, then gazetteer province order (unknown last), then measure order.
    assert list(d.numbers["month"]) == sorted(d.numbers["month"])
    dec = d.numbers.loc[d.numbers["month"] == "2024-12", "province"].tolist()
    assert dec == ["Punjab", "Punjab", "Sindh", "Sindh", "Sindh", "unknown", "unknown"]


def test_revisions_only_cover_published_months():
    old, new = _inc(OLD), _inc(NEW)
    revs = revisions(old, new, published_through=parse_period("2024-11"))
    assert revs == (
        Revision("2024-11", None, "killed_total", 61, 64),
        Revision("2024-11", None, "killed_security", 40, 43),
        Revision("2024-11", "Balochistan", "killed_total", 61, 64),
        Revision("2024-11", "Balochistan", "killed_security", 40, 43),
    )
    assert revs[2].change == 3 and revs[2].period.label == "November 2024"
    # Through December: December's national totals moved too (-1 incident, Sindh's killed lost).
    dec = revisions(old, new, published_through="2024-12-31", national=True)
    assert Revision("2024-12", None, "killed_total", 13, 12) in dec
    assert Revision("2024-12", None, "incidents", 3, 2) in dec
    assert not any(r.month == "2025-01" for r in dec)
    # A partial month is not a published figure.
    assert not any(r.month == "2024-12" for r in revisions(old, new, published_through="2024-12-30"))
    # Regional brief: only its province, no national rows.
    assert revisions(old, new, published_through="2024-12-31", region="Sindh") == (
        Revision("2024-12", "Sindh", "incidents", 1, 0),
        Revision("2024-12", "Sindh", "killed_total", 1, 0),
        Revision("2024-12", "Sindh", "injured_total", 3, 0),
    )


def test_identical_versions_have_no_diff(demo_incidents):
    d = diff_incidents(demo_incidents, demo_incidents)
    assert d.identical and d.numbers.empty and d.unchanged == len(demo_incidents.frame)
    assert revisions(demo_incidents, demo_incidents, published_through="2025-06-30") == ()


def test_all_cells_and_measures():
    t = revised_numbers(_inc(OLD), _inc(NEW), measures=["incidents"], all_cells=True)
    assert set(t["measure"]) == {"incidents"}
    # every month x reporting province is present, changed or not
    assert len(t) >= 3 * 7
    assert t["change"].eq(t["new"] - t["old"]).all()


def test_duplicate_ids_are_refused():
    f = _inc(OLD).frame
    dup = pd.concat([f, f.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataValidationError, match="incident_id 'a' more than once"):
        field_changes(dup, f)


@pytest.fixture(scope="module")
def ucdp_revisions(shared_data, tmp_path_factory):
    from analysis.io import load_incidents

    folder = tmp_path_factory.mktemp("ucdp-revisions")
    old_path, new_path, facts = uv.derive_versions(shared_data / "ucdp-ged-pakistan.csv", folder)
    return {
        "old": load_incidents(old_path, source="native"),
        "new": load_incidents(new_path, source="native"),
        "old_rows": uv.read_rows(old_path),
        "new_rows": uv.read_rows(new_path),
        "facts": facts,
    }


@pytest.mark.slow
def test_ucdp_revision_incidents(ucdp_revisions):
    r = ucdp_revisions
    old_rows, new_rows = r["old_rows"], r["new_rows"]
    assert r["old"].report.rejected == 0 and r["new"].report.rejected == 0
    d = diff_incidents(r["old"], r["new"])
    assert set(d.added["incident_id"]) == set(new_rows) - set(old_rows)
    assert set(d.removed["incident_id"]) == set(old_rows) - set(new_rows)
    # December 2021 came in (plus three late reports); May 2008 and five 2012 events went out.
    assert {i for i, x in new_rows.items() if x["date"].startswith("2021-12")} | {"late-1", "late-2", "late-3"} == set(
        d.added["incident_id"]
    )
    assert {i for i, x in old_rows.items() if x["date"].startswith("2008-05")} | set(r["facts"]["deleted"]) == set(
        d.removed["incident_id"]
    )
    # Field by field, from the two files' text.
    expected = {
        (i, c) for i in set(old_rows) & set(new_rows) for c in uv.COLUMNS[1:] if old_rows[i][c] != new_rows[i][c]
    }
    got = set(zip(d.changed["incident_id"], d.changed["field"], strict=True))
    assert got == expected and len(got) == 40 * 2 + 2 + 10 + 1 + 1
    for row in d.changed.itertuples():
        o, n = old_rows[row.incident_id][row.field], new_rows[row.incident_id][row.field]
        assert (o or None, n or None) == (None if pd.isna(row.old) else row.old, None if pd.isna(row.new) else row.new)
    assert d.unchanged == len(set(old_rows) & set(new_rows)) - len({i for i, _ in expected})


@pytest.mark.slow
def test_ucdp_revision_numbers_exactly(ucdp_revisions):
    r = ucdp_revisions
    d = diff_incidents(r["old"], r["new"])
    got = {(x.month, x.province, x.measure): (x.old, x.new) for x in d.numbers.itertuples()}
    expected = uv.changed_numbers(r["old_rows"], r["new_rows"])
    assert got == expected
    assert all(x.change == x.new - x.old for x in d.numbers.itertuples())
    months = {k[0] for k in expected}
    moved = r["old_rows"][r["facts"]["moved"]]["date"][:7]
    assert {"2008-05", "2020-06", "2021-12", "2017-02", moved, r["facts"]["balochistan_month"]} <= months


@pytest.mark.slow
def test_ucdp_revisions_since_last_brief(ucdp_revisions):
    r, facts = ucdp_revisions, ucdp_revisions["facts"]
    through = parse_period("2021-11")  # the last brief covered November 2021
    revs = revisions(r["old"], r["new"], published_through=through)
    expected = uv.changed_numbers(r["old_rows"], r["new_rows"], national=True)
    expected = {k: v for k, v in expected.items() if k[0] <= "2021-11"}
    assert {(x.month, x.province, x.measure): (x.old, x.new) for x in revs} == expected
    assert not any(x.month == "2021-12" for x in revs)  # new month: not a revision
    # The Balochistan toll raised by 3: killed (and security forces killed) revised by 3 that month.
    month = facts["balochistan_month"]
    killed = sum(
        int(x["killed_total"])
        for x in r["old_rows"].values()
        if x["date"][:7] == month and x["province"] == "Balochistan"
    )
    assert Revision(month, "Balochistan", "killed_total", killed, killed + 3) in revs
    by_measure = [x.measure for x in revs if x.month == month and x.province == "Balochistan"]
    assert by_measure == ["killed_total", "killed_security"]
    assert REVISION_MEASURES[0] == "incidents"
