"""Mistakes a user can make get one line and exit 2, never an internal error (exit 3)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from reports.cli import main

ROOT = Path(__file__).resolve().parents[2]
MALFORMED = ROOT / "tests" / "fixtures" / "malformed"
HEADER = ["incident_id", "date", "province", "event_type", "killed_total", "dataset"]
ROWS = [
    ["s-1", "2024-12-01", "Balochistan", "attack", "4", "test"],
    ["s-2", "2025-01-04", "Sindh", "attack", "2", "test"],
]


def _small(tmp_path: Path) -> Path:
    p = tmp_path / "small.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(ROWS)
    return p


def _one_error_line(capsys, code: int, expected: int = 2) -> str:
    err = capsys.readouterr().err
    assert code == expected, err
    lines = [line for line in err.splitlines() if line.startswith("secbrief:")]
    assert len(lines) == 1 and "internal error" not in err and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("0000", "'0000' is not a usable period"),
        ("0000-01", "is not a usable period"),
        ("2025-02-30", "'2025-02-30' is not a valid date"),
        ("2025-02-30..2025-03-02", "'2025-02-30' is not a valid date"),
        ("2025-13", "has no month 13"),
    ],
)
def test_impossible_periods(tmp_path, capsys, period, message):
    code = main(["brief", "--period", period, "--data", str(_small(tmp_path)), "--out", str(tmp_path / "o")])
    assert message in _one_error_line(capsys, code)


@pytest.mark.parametrize(
    ("period", "side"),
    [
        ("2099-01", "after 2025-01-04"),
        ("9999", "after 2025-01-04"),
        ("2024-11", "before 2024-12-01"),
        ("1990", "before"),
    ],
)
def test_period_outside_the_data_is_refused(tmp_path, capsys, period, side):
    out = tmp_path / "o"
    code = main(["brief", "--period", period, "--data", str(_small(tmp_path)), "--out", str(out), "--no-cache"])
    line = _one_error_line(capsys, code)
    assert "outside the data's coverage" in line and side in line and "2024-12-01 to 2025-01-04" in line
    assert not out.exists() or not any(out.iterdir())


def test_store_that_is_a_file(tmp_path, capsys):
    store = tmp_path / "store"
    store.write_text("not a folder")
    for argv in (
        ["versions", "--store", str(store)],
        ["ingest", str(_small(tmp_path)), "--store", str(store)],
        ["ingest", str(_small(tmp_path)), "--store", str(store / "sub")],
        ["brief", "--period", "2025-01", "--data", "latest", "--store", str(store), "--no-cache"],
    ):
        line = _one_error_line(capsys, main(argv))
        assert str(store) in line and ("must be a folder" in line or "cannot be created" in line)


def test_store_whose_version_files_were_deleted_is_named_and_repaired(tmp_path, capsys):
    store = tmp_path / "store"
    data = _small(tmp_path)
    assert main(["ingest", str(data), "--store", str(store), "-q"]) == 0
    for d in (store / "versions").iterdir():
        shutil.rmtree(d)
    argv = ["table", "--data", "latest", "--store", str(store), "--period", "2025-01"]
    line = _one_error_line(capsys, main(argv))
    assert "files are missing" in line and "small.csv" in line
    assert main(["ingest", str(data), "--store", str(store)]) == 0  # the same file restores them
    assert "same content as v1, whose files were missing: restored them" in capsys.readouterr().out
    assert main(argv) == 0
    assert "2025,1,2" in capsys.readouterr().out  # the one incident of January 2025, 2 killed


def test_validate_sidecar_in_a_folder_that_cannot_be_written(tmp_path, capsys):
    code = main(["validate", str(MALFORMED / "unknown-province.csv"), "--rejects", "/sys/secbrief-rejects.csv"])
    line = _one_error_line(capsys, code)
    assert "/sys/secbrief-rejects.csv: cannot be written: permission denied; nothing was replaced" in line


def test_unusable_cache_folder_is_skipped_and_said(tmp_path, monkeypatch):
    from analysis.cache import Cache

    (tmp_path / "file").write_text("x")
    cache = Cache(tmp_path / "file" / "cache")
    assert cache.get_or_compute(("k",), lambda: 42) == 42  # computed, not an error
    assert not cache.enabled
    (line,) = Cache.take_problems()
    assert "cannot be used" in line and "built without the cache" in line and Cache.take_problems() == []


@pytest.mark.slow
def test_brief_with_unusable_cache_builds_and_says_so(tmp_path, capsys, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("SECBRIEF_CACHE", str(tmp_path / "file"))
    out = tmp_path / "o"
    assert main(["brief", "--period", "2025-01", "--data", str(_small(tmp_path)), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "cannot be used (Not a directory); built without the cache" in err and "internal error" not in err
    assert (out / "monthly-2025-01.pdf").is_file()


@pytest.mark.slow
def test_out_with_a_folder_named_like_the_pdf(tmp_path, capsys):
    out = tmp_path / "o"
    (out / "monthly-2025-01.pdf").mkdir(parents=True)
    code = main(["brief", "--period", "2025-01", "--data", str(_small(tmp_path)), "--out", str(out), "--no-cache"])
    line = _one_error_line(capsys, code)
    assert "monthly-2025-01.pdf: cannot be written: a folder of that name is in the way" in line
    assert sorted(p.name for p in out.iterdir()) == ["monthly-2025-01.pdf"]


@pytest.mark.slow
def test_out_in_a_folder_that_cannot_be_written(tmp_path, capsys):
    code = main(["brief", "--period", "2025-01", "--data", str(_small(tmp_path)), "--out", "/sys/secbrief-out"])
    line = _one_error_line(capsys, code)
    assert "/sys/secbrief-out" in line and "cannot be" in line


@pytest.mark.parametrize("verb", ["table", "figures"])
def test_table_and_figures_refuse_a_period_outside_the_data(tmp_path, capsys, verb):
    argv = [verb, "--period", "2099", "--data", str(_small(tmp_path))]
    if verb == "figures":
        argv += ["--out", str(tmp_path / "figs")]
    line = _one_error_line(capsys, main(argv))
    assert "period 2099 is outside the data's coverage" in line
    assert not (tmp_path / "figs").exists()


def test_news_report_dated_february_30(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("date 2025-02-30\nPESHAWAR: Three policemen were killed in an attack on a check post.\n")
    line = _one_error_line(capsys, main(["extract", str(report)]))
    assert "r.txt, row 1: the first line's date '2025-02-30' is not a real date" in line


def test_figures_out_is_a_file(tmp_path, capsys):
    blocker = tmp_path / "figs"
    blocker.write_text("a file, not a folder")
    argv = ["figures", "--period", "2025-01", "--data", str(_small(tmp_path)), "--out", str(blocker), "--format", "svg"]
    line = _one_error_line(capsys, main(argv))
    assert f"{blocker}: cannot be written: a file is in the way where a folder is needed" in line
    assert blocker.read_text() == "a file, not a folder"


def test_ingest_on_a_full_disk(tmp_path, capsys, monkeypatch):
    import errno
    import os

    import analysis.store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(analysis.store, "_write_parquet", full)
    store = tmp_path / "store"
    line = _one_error_line(capsys, main(["ingest", str(_small(tmp_path)), "--store", str(store), "-q"]))
    assert f"{store}: the store cannot be written (No space left on device); nothing was stored" in line
    assert list((store / "versions").iterdir()) == [] and list((store / "tmp").iterdir()) == []
    assert main(["versions", "--store", str(store)]) == 0
    assert "no versions" in capsys.readouterr().out.lower()


@pytest.mark.slow
def test_brief_from_a_store_that_cannot_record_it(tmp_path, capsys, monkeypatch):
    import sqlite3

    import reports.revisions

    store = tmp_path / "store"
    assert main(["ingest", str(_small(tmp_path)), "--store", str(store), "-q"]) == 0

    def read_only(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(reports.revisions, "record_brief", read_only)
    out = tmp_path / "o"
    argv = ["brief", "--period", "2025-01", "--data", "latest", "--store", str(store), "--out", str(out), "--no-cache"]
    line = _one_error_line(capsys, main(argv))
    assert "cannot record it as published (attempt to write a readonly database)" in line
    assert (out / "monthly-2025-01.pdf").is_file()  # the brief itself is whole
