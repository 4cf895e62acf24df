"""Escape sequences and line breaks in data values or file names reach the terminal escaped, one message a line."""

from __future__ import annotations

import csv

from analysis.errors import SecbriefError, printable
from reports.cli import main

ESC = "\x1b"


def test_printable_escapes_controls_breaks_and_bidi_overrides():
    assert printable(f"a{ESC}[2Jb\nc\rd\te\u202ef\u2028g\x85") == "a\\x1b[2Jb\\nc\\rd\\te\\u202ef\\u2028g\\x85"
    assert printable("Café – Khyber Pakhtunkhwa") == "Café – Khyber Pakhtunkhwa"


def test_error_line_escapes_file_column_and_message():
    e = SecbriefError(f"'{ESC}[31mred\nx' is not a number", file=f"a{ESC}]0;title\x07.csv", row=3, column="k\nc")
    line = e.one_line()
    assert ESC not in line and "\n" not in line and "\x07" not in line
    assert line == "a\\x1b]0;title\\x07.csv, row 3, column 'k\\nc': '\\x1b[31mred\\nx' is not a number"


def _hostile(tmp_path):
    p = tmp_path / f"evil{ESC}[31mRED\nline2.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["incident_id", "date", "province", "event_type", "killed_total", "dataset"])
        w.writerow(["a1", "2024-01-05", f"Punj{ESC}[2Jab", "attack", "1", "t"])
        w.writerow(["a2", f"2024-01-05{ESC}[31m", "Punjab", "attack", "1", "t"])
        w.writerow(["a3", "2024-01-05", "Punjab", "attack\u202eevil", "1", "t"])
        w.writerow(["a4", "2024-01-06", "Punjab", "attack", "2", "t"])
    return p


def test_validate_output_has_no_raw_escape_and_one_message_per_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _hostile(tmp_path)
    assert main(["validate", str(data), "--rejects", str(tmp_path / "r.csv")]) == 1
    out, err = capsys.readouterr()
    for text in (out, err):
        assert ESC not in text and "\u202e" not in text
    errors = [line for line in out.splitlines() if line.strip().startswith("error:")]
    assert len(errors) == 3  # one line each, the file name's line break escaped
    assert all("evil\\x1b[31mRED\\nline2.csv, row" in line for line in errors)
    assert any("'Punj\\x1b[2Jab'" in line for line in errors)


def test_brief_error_line_has_no_raw_escape(tmp_path, capsys):
    data = _hostile(tmp_path)
    code = main(["brief", "--period", "2024-01", "--data", str(data), "--out", str(tmp_path / "o"), "--no-cache"])
    assert code == 2
    err = capsys.readouterr().err
    assert ESC not in err and len(err.strip().splitlines()) == 1
    assert "evil\\x1b[31mRED\\nline2.csv" in err


def test_versions_and_ingest_show_file_names_and_notes_escaped(tmp_path, capsys):
    data = tmp_path / f"d{ESC}[31mx.csv"
    data.write_text("incident_id,date,province,event_type,killed_total,dataset\ns-1,2025-01-04,Sindh,attack,2,test\n")
    store = str(tmp_path / "store")
    assert main(["ingest", str(data), "--store", store, "--note", f"n{ESC}[2Jote [bold]x[/bold]"]) == 0
    assert main(["versions", "--store", store]) == 0
    assert main(["versions", "v1", "--store", store]) == 0
    out, err = capsys.readouterr()
    assert ESC not in out and ESC not in err
    assert "d\\x1b[31mx.csv" in out
    assert "n\\x1b[2Jote [bold]x[/bold]" in out  # shown as written: neither run nor read as rich markup


def test_stdout_output_is_exact_when_piped_and_escaped_on_a_terminal(monkeypatch, capsys):
    from reports.commands._common import write_stdout

    write_stdout(f"a,{ESC}[2J\nb,c\r\n")
    assert capsys.readouterr().out == f"a,{ESC}[2J\nb,c\r\n"  # piped: the bytes as they are
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    write_stdout(f"a,{ESC}[2J\nb,c\r\n")
    assert capsys.readouterr().out == "a,\\x1b[2J\nb,c\\r\n"
