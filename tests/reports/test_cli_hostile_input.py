"""Hostile input files on the command line (issue 14, reading half): one line, exit 2 (1 with rejects), no output.

The hostile files are written here; ``tests/analysis/test_sources_hostile.py`` checks each
reading rule in detail, these check what a user sees: one line on stderr naming the file,
the exit code, no traceback, no sidecar or partial output.
"""

from __future__ import annotations

import csv
import gzip
import zipfile
from datetime import date

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.sources._tabular import MAX_BYTES_ENV
from reports.cli import main


def _xlsx(path, killed="1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["incident_id", "date", "killed_total"])
    ws.append(["a", "2020-01-01", killed])
    wb.save(path)
    return path


def _truncated(tmp_path):
    src = _xlsx(tmp_path / "src.xlsx")
    out = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for i in zin.infolist():
            data = zin.read(i.filename)
            zout.writestr(i.filename, data[: len(data) // 2] if i.filename.endswith("sheet1.xml") else data)
    return [str(out)]


def _ods(tmp_path):
    path = tmp_path / "sheet.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    return [str(path)]


def _csv_as_xlsx(tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_text("incident_id,date,killed_total\na,2020-01-01,1\n")
    return [str(path)]


def _formula(tmp_path):
    return [str(_xlsx(tmp_path / "formula.xlsx", killed="=SUM(1,2)"))]


def _bad_directive(tmp_path):
    (tmp_path / "d.csv").write_text("id,when,k\na,05/01/2020,1\n")
    (tmp_path / "p.toml").write_text(
        '[columns]\nincident_id = "id"\ndate = "when"\nkilled_total = "k"\n[dates]\nformats = ["%d/%Q/%Y"]\n'
    )
    return [str(tmp_path / "d.csv"), "--source", str(tmp_path / "p.toml")]


def _gz_bomb(tmp_path):
    path = tmp_path / "bomb.csv.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"incident_id,date,killed_total\n" + b"a,2020-01-01,1\n" * 200_000)
    return [str(path), "--max-bytes", "1MB"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "cut.xlsx: sheet 'Sheet' is damaged and cannot be read"),
        (_ods, "sheet.ods: is an OpenDocument spreadsheet"),
        (_csv_as_xlsx, "renamed.xlsx: is a text file, not an Excel workbook"),
        (_formula, "formula.xlsx, row 2, column 'killed_total': holds a formula without a saved value"),
        (_bad_directive, "p.toml: mapping profile: [dates] format '%d/%Q/%Y' has an unknown directive %Q"),
        (_gz_bomb, "bomb.csv.gz: expands to more than 1 MB; limit set by --max-bytes"),
    ],
)
def test_hostile_file_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, make, message):
    monkeypatch.setenv(MAX_BYTES_ENV, "")  # restored after the test (--max-bytes sets it)
    monkeypatch.chdir(tmp_path)
    args = make(tmp_path)
    before = set(tmp_path.iterdir())
    code = main(["validate", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("secbrief: error: ") and message in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert set(tmp_path.iterdir()) == before  # no sidecar, nothing half written


def test_max_bytes_must_be_a_size(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "x.csv", "--max-bytes", "lots"])
    assert exc.value.code == 2
    assert "--max-bytes: 'lots' is not a size such as 500MB or 2GB" in capsys.readouterr().err


def test_out_of_range_years_are_rejected_rows_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "years.parquet"
    days = pa.array([date(1, 1, 1), date(9999, 12, 31), date(2020, 1, 1)])
    pq.write_table(pa.table({"incident_id": ["a", "b", "c"], "date": days, "killed_total": [1, 2, 3]}), path)
    assert main(["validate", str(path)]) == 1
    assert "internal error" not in capsys.readouterr().err
    with open(tmp_path / "years.parquet.rejects.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["row"], r["column"]) for r in rows] == [("2", "date"), ("3", "date")]
    assert "has a year outside 1678-2261" in rows[1]["reason"]


# --------------------------------------------------------------------------- secbrief extract input


def test_extract_refuses_a_fifo_without_waiting(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it to read would block until a writer comes
    assert main(["extract", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"secbrief: error: {fifo}: is a FIFO (named pipe), not a regular file; save the report to a file first\n"
    )


def test_extract_refuses_a_device(capsys):
    assert main(["extract", "/dev/zero"]) == 2
    assert "/dev/zero: is a device or socket, not a regular file" in capsys.readouterr().err


def test_extract_caps_the_report_size(tmp_path, capsys):
    report = tmp_path / "long.txt"
    report.write_text("Two people were killed in a blast in Quetta on Monday.\n" * 400)  # 22 kB
    assert main(["extract", str(report), "--max-bytes", "10kB"]) == 2
    assert capsys.readouterr().err == (
        f"secbrief: error: {report}: is more than 10 kB, far more than a news report; limit set by --max-bytes\n"
    )
    assert main(["extract", str(report), "--max-bytes", "100kB", "--date", "2024-01-10"]) == 0


def test_extract_default_cap_is_5_mb(tmp_path, capsys):
    from analysis.extract.pipeline import MAX_REPORT_BYTES

    report = tmp_path / "huge.txt"
    with open(report, "wb") as fh:
        fh.truncate(MAX_REPORT_BYTES + 1)  # sparse: no 5 MB written
    assert main(["extract", str(report)]) == 2
    assert "is more than 5 MB" in capsys.readouterr().err
