"""UCDP GED reader: the mapping on a hand-written fixture, then the real HDX export.

Independent reference: the real file read with the csv module and summed in plain
Python loops.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from analysis.gazetteer import resolve_province
from analysis.io import detect_source, load_incidents

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
KILLED = [
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "killed_unknown",
    "killed_total",
    "killed_low",
    "killed_high",
]


def test_ucdp_fixture_mapping_by_hand():
    inc = load_incidents(SOURCES / "ucdp-small.csv")
    assert inc.source == "ucdp"
    f = inc.frame.set_index("incident_id")
    got = {i: tuple(int(v) for v in f.loc[i, KILLED]) for i in f.index}
    assert got == {
        # security, civilians, militants, unknown, total, low, high
        "101": (3, 1, 12, 2, 18, 15, 20),  # Government of Pakistan (A) vs TTP (B)
        "102": (2, 3, 0, 1, 6, 6, 6),  # India (A, foreign forces → unknown) vs Pakistan (B → security)
        "103": (0, 2, 7, 1, 10, 9, 12),  # USA (A, foreign → unknown, 0) vs al-Qaida (B → militants)
        "104": (0, 0, 9, 0, 9, 9, 9),  # type 2: both sides militants
        "105": (0, 80, 1, 5, 86, 86, 90),  # type 3: side A the perpetrator, its deaths militants
        "106": (2, 0, 3, 0, 5, 6, 4),
        "107": (1, 0, 1, 0, 2, 1, 2),
        "108": (0, 0, 1, 0, 1, 2, 3),
    }
    assert f["event_type"].to_dict() == {
        "101": "clash",
        "102": "other",
        "103": "clash",
        "104": "clash",
        "105": "attack",
        "106": "clash",
        "107": "clash",
        "108": "clash",
    }
    assert f.loc["105", "perpetrator"] == "TTP" and f.loc["105", "target"] == "Civilians"
    assert f.loc["104", "perpetrator"] == "Lashkar-e-Islam - Ansaar ul-Islam"
    assert f.loc["103", "perpetrator"] == "al-Qaida" and f["perpetrator"].isna()["102"]
    assert f["date_precision"].to_dict() == {
        "101": "day",
        "102": "day",
        "103": "week",
        "104": "month",
        "105": "day",
        "106": "year",
        "107": "day",
        "108": "day",
    }
    # Single-day events have no end date; multi-day ones keep it.
    assert f["date_end"].dt.strftime("%Y-%m-%d").fillna("").to_dict() == {
        "101": "",
        "102": "",
        "103": "2009-06-04",
        "104": "2008-02-03",
        "105": "",
        "106": "2014-12-31",
        "107": "",
        "108": "",
    }
    assert f["province"].fillna("unknown").to_dict() == {
        "101": "Khyber Pakhtunkhwa",
        "102": "Azad Jammu and Kashmir",
        "103": "Khyber Pakhtunkhwa",
        "104": "Khyber Pakhtunkhwa",
        "105": "Balochistan",
        "106": "unknown",
        "107": "Gilgit-Baltistan",
        "108": "Islamabad Capital Territory",
    }
    assert f.loc["101", "district"] == "Orakzai" and f.loc["102", "district"] == "Neelam district"
    assert f.loc["101", "source"] == "Dawn,2010-03-02" and f.loc["101", "description"] == "Clash in Orakzai"
    assert f.loc["102", "description"] == "R 4/10 1999"
    assert set(f["dataset"]) == {"UCDP GED"}


def test_ucdp_fixture_accounting():
    rep = load_incidents(SOURCES / "ucdp-small.csv").report
    assert (rep.rows_in_file, rep.accepted, rep.warned, rep.rejected, len(rep.excluded)) == (9, 5, 3, 0, 1)
    assert rep.excluded[0].row == 2 and rep.excluded[0].check == "hxl_row"
    assert [(p.row, p.check, p.message) for p in rep.problems] == [
        (4, "unknown_district", "'Neelam district' is not in the gazetteer; kept as written"),
        (8, "range_reversed", "killed_low 6 is above killed_high 4 (range reversed in the source; kept as given)"),
        (10, "total_outside_range", "killed_total 1 lies outside killed_low..killed_high (2..3); kept as given"),
    ]


def test_fata_can_be_kept_separate():
    f = load_incidents(SOURCES / "ucdp-small.csv", merge_fata=False).frame.set_index("incident_id")
    assert f.loc["101", "province"] == "Federally Administered Tribal Areas"


# --------------------------------------------------------------------------- the real file


def _reference(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["year"].startswith("#")  # the HXL row
    return rows[1:]


@pytest.fixture(scope="module")
def ucdp(shared_data):
    path = shared_data / "ucdp-ged-pakistan.csv"
    return path, load_incidents(path), _reference(path)


@pytest.mark.slow
def test_real_file_reads_every_event_and_rejects_none(ucdp):
    path, inc, ref = ucdp
    assert detect_source(path) == "ucdp"
    rep = inc.report
    assert len(ref) == 6416
    assert rep.rows_read == 6416 and len(inc.frame) == 6416 and rep.rejected == 0
    assert rep.accepted + rep.warned == 6416
    assert [p.check for p in rep.excluded] == ["hxl_row"] and rep.excluded[0].row == 2
    assert sorted(inc.frame["incident_id"]) == sorted(r["id"] for r in ref)


@pytest.mark.slow
def test_real_file_killed_by_year_equals_best_by_year(ucdp):
    _, inc, ref = ucdp
    best: dict[int, int] = defaultdict(int)
    for r in ref:
        best[int(r["date_start"][:4])] += int(r["best"])
    f = inc.frame
    got = f.groupby(f["date"].dt.year)["killed_total"].sum()
    assert {int(y): int(v) for y, v in got.items()} == dict(best)
    assert sum(best.values()) == int(f["killed_total"].sum())


@pytest.mark.slow
def test_real_file_categories_follow_the_sides(ucdp):
    _, inc, ref = ucdp
    expected = Counter()
    for r in ref:
        for side, deaths in (("side_a", "deaths_a"), ("side_b", "deaths_b")):
            name, n = r[side], int(r[deaths])
            if r["type_of_violence"] == "2":
                expected["killed_militants"] += n
            elif name == "Government of Pakistan":
                expected["killed_security"] += n
            elif name.startswith("Government of"):
                expected["killed_unknown"] += n
            elif name == "Civilians":
                expected["killed_civilians"] += n
            else:
                expected["killed_militants"] += n
        expected["killed_civilians"] += int(r["deaths_civilians"])
        expected["killed_unknown"] += int(r["deaths_unknown"])
    f = inc.frame
    assert {c: int(f[c].sum()) for c in expected} == dict(expected)
    # Categories always add up to best in GED, so to killed_total.
    assert (f[KILLED[:4]].sum(axis=1) == f["killed_total"]).all()


@pytest.mark.slow
def test_real_file_best_outside_low_high_is_warned_not_rejected(ucdp):
    _, inc, ref = ucdp
    reversed_ = sum(1 for r in ref if int(r["high"]) < int(r["low"]))
    outside = sum(1 for r in ref if not int(r["low"]) <= int(r["best"]) <= int(r["high"]))
    above = sum(1 for r in ref if int(r["best"]) > int(r["high"]))
    assert (reversed_, above) == (137, 139)
    rep = inc.report
    assert rep.count("range_reversed") == reversed_
    assert rep.count("range_reversed") + rep.count("total_outside_range") == outside
    assert all(p.severity == "warning" for p in rep.problems)


@pytest.mark.slow
def test_real_file_every_province_resolves_and_blanks_are_counted(ucdp):
    _, inc, ref = ucdp
    spellings = {r["adm_1"] for r in ref if r["adm_1"]}
    assert {
        "Azad Jammu & Kashmir",
        "Gilgit-Baltistan",
        "Federally Administered Tribal Areas",
        "Khyber Pakhtunkwa province",
        "Islamabad Capital territory",
    } <= spellings
    assert all(resolve_province(s) is not None for s in spellings)
    assert inc.report.count("unknown_province") == 0
    expected = Counter(resolve_province(r["adm_1"]) if r["adm_1"] else None for r in ref)
    got = Counter(inc.frame["province"].fillna("unknown"))
    expected = Counter({("unknown" if k is None else k): n for k, n in expected.items()})
    assert got == expected
    assert expected["unknown"] == 45  # blank adm_1: counted under unknown province, never lost
    from analysis.counts import count_table

    t = count_table(inc.frame, by=["province"], measures=["incidents", "killed_total"], with_unknown=False)
    assert int(t["incidents"].sum()) == 6416
    assert int(t.loc[t["province"] == "unknown", "incidents"].iloc[0]) == 45


@pytest.mark.slow
def test_real_file_keeps_multi_day_events(ucdp):
    _, inc, ref = ucdp
    multi = {r["id"]: r["date_end"][:10] for r in ref if r["date_end"][:10] != r["date_start"][:10]}
    assert len(multi) == 348
    f = inc.frame.set_index("incident_id")
    ends = f["date_end"].dropna().dt.strftime("%Y-%m-%d").to_dict()
    assert ends == multi
