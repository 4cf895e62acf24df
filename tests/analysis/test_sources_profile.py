"""Mapping profiles: every feature on a hand-written file, the shipped profiles on the real press files."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.io import detect_source, load_incidents
from analysis.sources._draft import draft_profile
from analysis.sources.profile import load_profile, shipped_profiles

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"


def _press_style():
    return load_incidents(SOURCES / "press-style.csv", source=str(SOURCES / "press-style.toml"))


def test_profile_features_by_hand():
    inc = _press_style()
    f = inc.frame.set_index("incident_id")
    cols = ["killed_security", "killed_militants", "killed_total", "killed_low", "killed_high", "injured_total"]
    got = {i: tuple(None if pd.isna(v) else int(v) for v in f.loc[i, cols]) for i in f.index}
    assert got == {
        # Police + Army added up; total = max; low/high = min/max
        "R1": (1, 1, 4, 2, 4, 5),
        "R2": (2, None, 3, None, 3, None),  # min blank: total from the max
        "R3": (None, None, 5, 6, 5, 1),  # min above max: total = max, warned
        "R4": (None, None, 0, 0, 0, None),
        "R5": (None, None, 1, 1, 1, None),
    }
    assert f["date"].dt.strftime("%Y-%m-%d").to_dict() == {
        "R1": "2022-01-03",
        "R2": "2022-01-04",
        "R3": "2022-01-05",
        "R4": "2022-01-06",
        "R5": "2022-01-07",
    }
    assert f["province"].fillna("unknown").to_dict() == {
        "R1": "Khyber Pakhtunkhwa",
        "R2": "Sindh",
        "R3": "Islamabad Capital Territory",
        "R4": "Khyber Pakhtunkhwa",
        "R5": "unknown",
    }
    assert set(f["event_type"]) == {"attack"} and set(f["method"]) == {"bombing"}
    assert set(f["dataset"]) == {"hand-kept register"}
    assert f["_row"].tolist() == [4, 5, 6, 7, 8]


def test_profile_accounting_by_hand():
    rep = _press_style().report
    assert (rep.rows_in_file, rep.accepted, rep.warned, rep.rejected, len(rep.excluded)) == (9, 4, 1, 1, 3)
    assert [(p.row, p.check, p.message) for p in rep.excluded] == [
        (3, "skipped_row", "skipped: listed in skip_rows of press-style.toml"),
        (10, "empty_row", "empty row"),
        (11, "totals_row", "column-totals row (its numbers are the sums of the other rows), not an incident"),
    ]
    assert [(p.severity, p.row, p.column, p.message) for p in rep.problems] == [
        (
            "warning",
            6,
            "killed_low",
            "'Dead min' 6 is above 'Dead max' 5; killed_total uses the max (5), both kept as given",
        ),
        ("error", 9, "killed_total", "'x' in column 'Dead min' is not a number"),
    ]


def test_profile_reads_an_excel_sheet_with_header_below_a_title(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    ws = book.create_sheet("Incidents")
    for r in (["Register 2023"], ["id", "date", "killed"], ["a", "2023-05-01", 3], ["b", "2023-05-02", 0]):
        ws.append(r)
    book.save(tmp_path / "book.xlsx")
    (tmp_path / "p.toml").write_text(
        '[read]\nsheet = "Incidents"\nheader_row = 2\n'
        '[columns]\nincident_id = "id"\ndate = "date"\nkilled_total = "killed"\n'
    )
    inc = load_incidents(tmp_path / "book.xlsx", source=str(tmp_path / "p.toml"))
    assert inc.frame["killed_total"].tolist() == [3, 0]
    assert inc.frame["_row"].tolist() == [3, 4]
    assert "sheet 'Incidents' read" in inc.report.notes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[columns]\nincident_id = "id"\n', "[columns] must say which column holds date"),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[read]\nencodin = "x"\n',
            "[read] has unknown key encodin; allowed: delimiter, encoding, header_row, sheet, skip_rows",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[ranges.killed_total]\nmin = "a"\n',
            "[ranges.killed_total] needs both min and max",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[ranges.killed_total]\nmin = "a"\nmax = "b"\ntotal = "mean"\n',
            "[ranges.killed_total] total = 'mean' is not one of max, min",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\nkilled_total = "k"\n'
            '[ranges.killed_total]\nmin = "a"\nmax = "b"\n',
            "'killed_total' is given twice, in [columns] and [ranges]",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[values.province]\nKPK = "Khyber Pakhtunkhwa"\n',
            "[values.province] maps values of 'province', but [columns] does not read province",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = ["d", "e"]\n',
            "[columns] date can name only one column (several are added up for counts and joined for text)",
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[dates]\nformats = ["dd/mm/yyyy"]\n',
            '[dates] formats must be a list of strptime formats such as "%d/%m/%Y"',
        ),
        (
            '[columns]\nincident_id = "id"\ndate = "d"\n[read]\nskip_rows = [1]\n',
            "[read] skip_rows must be a list of row numbers below the header row",
        ),
    ],
)
def test_profile_mistakes_are_named(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert info.value.message == f"mapping profile: {message}"
    assert info.value.file == str(path)


def test_shipped_profiles_load_and_are_named_by_prefix():
    assert set(shipped_profiles()) == {"pakistan-suicide-attacks", "pakistan-drone-strikes"}
    for name in shipped_profiles():
        prof = load_profile(f"profile:{name}")
        assert prof.source == f"profile:{name}" and prof.detect


def test_draft_profile_round_trips(tmp_path):
    text = draft_profile(SOURCES / "press-style.csv")
    path = tmp_path / "draft.toml"
    path.write_text(text)
    prof = load_profile(path)  # the draft is a valid profile
    assert prof.header_row == 2  # the title row above the header is recognised
    assert prof.columns == {
        "incident_id": ("Ref",),
        "date": ("When",),
        "province": ("Region",),
        "injured_total": ("Hurt",),
    }
    assert prof.date_formats == ("%d/%m/%Y",)
    assert prof.ranges["killed_total"].min == "Dead min" and prof.ranges["killed_total"].max == "Dead max"
    assert "[values.province]" not in text  # KPK, Sind, Capital, Fata: all gazetteer spellings
    inc = load_incidents(SOURCES / "press-style.csv", source=str(path))
    # Totals and empty rows are excluded by themselves; the units row is rejected until the
    # user adds skip_rows = [3] to the draft.
    rep = inc.report
    assert (rep.rows_read, len(rep.excluded)) == (7, 2)
    assert [p.row for p in rep.errors][:1] == [3]


def test_draft_lists_unknown_province_spellings():
    text = draft_profile(SOURCES.parent / "malformed" / "unknown-province.csv")
    assert '[values.province]\n# spellings the gazetteer does not know: give the province\n# Mars = ""' in text
    assert "unknown" not in text.split("[values.province]")[1].split("\n")[2]


@pytest.mark.parametrize(
    "evil",
    [
        'Notes"\n[evil]\nkey = "x',
        'Notes\n[values.province]\nPunjab = "Sindh"',
        'Notes" = 1\n[read]\nheader_row = 99\n#',
        "Notes\u2028[evil]\r\n[evil2]\x1b[31m",
    ],
)
def test_draft_header_with_toml_syntax_cannot_inject(tmp_path, evil):
    import csv as csv_module
    import tomllib

    src = tmp_path / "evil.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv_module.writer(fh)
        w.writerow(["id", "date", "province", evil])
        w.writerow(["1", f"2024-01-04{evil}", "Punjab", "a"])  # a date cell holding the same syntax
        w.writerow(["2", "2024-01-05", "Punjab", "a"])
        w.writerow(["3", "2024-01-06", f"Mars{evil}", "b"])  # an unknown spelling holding it too
    text = draft_profile(src)
    doc = tomllib.loads(text)  # still valid TOML
    assert set(doc) == {"profile", "read", "columns", "set", "dates", "values"}
    assert doc["read"] == {"encoding": "utf-8", "header_row": 1}
    assert doc["values"] == {"province": {}}  # the spellings stay commented out
    assert doc["columns"] == {"incident_id": "id", "date": "date", "province": "province"}
    assert all(line == "" or line.startswith(("#", "[", " ", '"', "]")) or " = " in line for line in text.splitlines())


# --------------------------------------------------------------------------- the real press files


def _raw_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="latin-1", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_suicide_attacks_profile_accounts_for_all_492_rows(shared_data):
    path = shared_data / "pakistan-suicide-attacks.csv"
    assert detect_source(path) == "profile:pakistan-suicide-attacks"
    inc = load_incidents(path)
    rep = inc.report
    assert inc.source == "profile:pakistan-suicide-attacks"
    assert (rep.rows_in_file, rep.rows_read, rep.rejected, len(rep.excluded)) == (492, 492, 0, 0)
    assert rep.accepted + rep.warned == 492 and len(inc.frame) == 492
    assert inc.frame["province"].notna().all()  # every province resolved
    assert rep.count("unknown_province") == 0
    assert rep.count("range_reversed") == 2  # the two rows with min > max
    raw = _raw_rows(path)
    expected = sum(int(r["Killed Max"] or r["Killed Min"] or 0) for r in raw)
    assert int(inc.frame["killed_total"].sum()) == expected
    assert int(inc.frame["killed_total"].isna().sum()) == sum(
        1 for r in raw if not (r["Killed Max"] or r["Killed Min"])
    )
    assert set(inc.frame["method"]) == {"suicide_bombing"}
    assert inc.frame["date"].min().strftime("%Y-%m") == "1995-11"
    assert inc.frame["date"].max().strftime("%Y-%m") == "2017-10"


@pytest.mark.slow
def test_drone_strikes_profile_excludes_the_totals_row_with_a_message(shared_data):
    path = shared_data / "pakistan-drone-strikes.csv"
    assert detect_source(path) == "profile:pakistan-drone-strikes"
    inc = load_incidents(path)
    rep = inc.report
    assert (rep.rows_in_file, rep.rows_read, rep.rejected) == (405, 404, 0)
    assert len(inc.frame) == 404
    assert [(p.row, p.check) for p in rep.excluded] == [(406, "totals_row")]
    assert rep.excluded[0].message == "column-totals row (its numbers are the sums of the other rows), not an incident"
    assert inc.frame["province"].notna().all()
    raw = _raw_rows(path)[:-1]
    assert int(inc.frame["killed_total"].sum()) == sum(
        int(r["Total Died Mix"] or r["Total Died Min"] or 0) for r in raw
    )
    # The excluded totals row's own figure equals the sum of the maxima.
    assert int(_raw_rows(path)[-1]["Total Died Mix"]) == sum(int(r["Total Died Mix"] or 0) for r in raw)
