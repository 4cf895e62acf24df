"""``secbrief validate`` and ``secbrief profile``: summaries, sidecar files, exit codes 0 / 1 / 2."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reports.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_clean_file_exits_0_and_says_the_source(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["validate", str(FIXTURES / "sources" / "ucdp-small.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert "read as ucdp" in out and "source ucdp (detected from the column names)" in out
    assert "rows 9: accepted 5, accepted with warnings 3, rejected 0, excluded (not incidents) 1" in out
    assert "excluded: " in out and "row 2: HXL hashtag row" in out
    assert "district 'Neelam district' (1)" in out
    assert "1 incidents without a province are counted under 'unknown'" in out
    assert "killed by year and province" in out
    assert not list(tmp_path.iterdir())  # nothing rejected: no sidecar file


def test_rejects_exit_1_and_go_to_a_sidecar_csv(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["validate", str(FIXTURES / "malformed" / "bad-dates.csv")])
    out = capsys.readouterr().out
    assert code == 1
    sidecar = tmp_path / "bad-dates.csv.rejects.csv"
    assert f"rejected rows written to {sidecar}" in out
    with open(sidecar, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["row"] for r in rows] == ["2", "3", "4", "5", "6", "8"]
    assert rows[0]["file"] == str(FIXTURES / "malformed" / "bad-dates.csv")
    assert rows[0]["column"] == "date"
    assert rows[3]["reason"] == "row 5, column 'date': date 2099-01-01 is in the future"
    assert "error: " in out and "row 3, column 'date': '31/12/2020' is not a valid date" in out


def test_rejects_file_can_be_named(tmp_path, capsys):
    target = tmp_path / "out.csv"
    assert main(["validate", str(FIXTURES / "malformed" / "negative-counts.csv"), "--rejects", str(target)]) == 1
    with open(target, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["file"], r["row"], r["column"], r["reason"], r["incident_id"]) for r in rows] == [
        (
            str(FIXTURES / "malformed" / "negative-counts.csv"),
            "2",
            "killed_total",
            "row 2, column 'killed_total': '-3' is negative; counts must be 0 or more",
            "n1",
        )
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["malformed/empty.csv"], "empty.csv: file is empty (0 bytes)"),
        (["malformed/binary-garbage.csv"], "binary-garbage.csv: is binary, not a text table"),
        (["malformed/semicolon.csv", "--source", "profile:nope"], "no shipped mapping profile 'nope'"),
        (["malformed/ucdp-missing-best.csv", "--source", "ucdp"], "missing column 'best' needed in a UCDP GED file"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(capsys, args, message):
    code = main(["validate", str(FIXTURES / args[0]), *args[1:]])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("secbrief: error: ") and message in err
    assert "Traceback" not in err


def test_quiet_prints_nothing_but_keeps_the_exit_code(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "-q", str(FIXTURES / "malformed" / "negative-counts.csv")]) == 1
    assert capsys.readouterr().out == ""


def test_profile_given_by_path(capsys, tmp_path):
    code = main(
        [
            "validate",
            str(FIXTURES / "sources" / "press-style.csv"),
            "--source",
            str(FIXTURES / "sources" / "press-style.toml"),
            "--rejects",
            str(tmp_path / "r.csv"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "rows 9: accepted 4, accepted with warnings 1, rejected 1, excluded (not incidents) 3" in out
    assert "excluded: " in out and "row 11: column-totals row" in out


def test_profile_init_writes_a_draft_that_validate_reads(tmp_path, capsys):
    out = tmp_path / "draft.toml"
    assert main(["profile", "init", str(FIXTURES / "sources" / "press-style.csv"), "--out", str(out)]) == 0
    assert "profile drafted in" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("# Mapping profile drafted by 'secbrief profile init'")
    assert main(["profile", "init", str(FIXTURES / "sources" / "press-style.csv"), "--out", str(out)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    code = main(
        [
            "validate",
            str(FIXTURES / "sources" / "press-style.csv"),
            "--source",
            str(out),
            "--rejects",
            str(tmp_path / "r.csv"),
        ]
    )
    assert code == 1  # the units row is rejected until the user adds skip_rows


def test_profile_list(capsys):
    assert main(["profile", "list"]) == 0
    out = capsys.readouterr().out
    assert "profile:pakistan-drone-strikes (detected automatically)" in out
    assert "profile:pakistan-suicide-attacks (detected automatically)" in out


@pytest.mark.slow
def test_validate_real_ucdp_file(capsys, shared_data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(shared_data / "ucdp-ged-pakistan.csv")]) == 0
    out = capsys.readouterr().out
    assert "rejected 0, excluded (not incidents) 1" in out and "6,416 incidents" in out


def test_profile_init_on_a_latin1_file_declares_the_encoding(tmp_path, capsys):
    src = FIXTURES / "malformed" / "latin1-no-profile.csv"
    assert main(["validate", str(src)]) == 2  # not UTF-8: refused without a profile
    capsys.readouterr()
    out = tmp_path / "p.toml"
    assert main(["profile", "init", str(src), "--out", str(out)]) == 0
    assert 'encoding = "latin-1"' in out.read_text(encoding="utf-8")
    # Read now; the province 'Peshawar Café' is not a province: rejected with its reason.
    assert main(["validate", str(src), "--source", str(out), "--rejects", str(tmp_path / "r.csv")]) == 1
    assert "accepted 1, accepted with warnings 0, rejected 1" in capsys.readouterr().out
    assert "'Peshawar Café' is not a known province" in (tmp_path / "r.csv").read_text(encoding="utf-8")


def test_profile_init_on_a_workbook_names_the_sheet(capsys):
    assert main(["profile", "init", str(FIXTURES / "malformed" / "wrong-sheet.xlsx")]) == 0
    assert 'sheet = "Data"' in capsys.readouterr().out
