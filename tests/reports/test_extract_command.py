"""``secbrief extract`` on the command line."""

from __future__ import annotations

import csv
import json

from reports.cli import main

REPORT = """date 2025-02-17
url https://example.org/two-attacks
QUETTA: Attacks on posts in Kech and Kalat districts left three security personnel martyred over the past 24 hours.
Two FC soldiers were martyred when militants attacked a post in Kech district late on Saturday night.
Separately, a Levies man was martyred in an attack on a check post in Kalat on Sunday.
So far this year, 90 security personnel have lost their lives in the province, officials said.
"""


def test_csv_out_and_review(tmp_path, capsys):
    src = tmp_path / "r1.txt"
    src.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "c.csv"
    assert main(["extract", str(src), "--out", str(out), "--review", "--quiet"]) == 0
    shown = capsys.readouterr().out
    assert "[r1-1]" in shown and "> Two FC soldiers were martyred" in shown
    assert "context" in shown and "90" in shown and "not coded (sum)" in shown
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["date"], r["district"], r["killed_security"]) for r in rows] == [
        ("2025-02-15", "Kech", "2"),
        ("2025-02-16", "Kalat", "1"),
    ]
    assert {r["source_url"] for r in rows} == {"https://example.org/two-attacks"}


def test_json_has_context_apart(tmp_path, capsys):
    src = tmp_path / "r1.txt"
    src.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "json", "--quiet"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["incidents"]) == 2
    assert [f["figures"][0]["value"] for f in payload["context"]] == [90]
    assert len(payload["not_coded"]) == 1


def test_bad_input_is_one_line_and_exit_code(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file not found" in err
    nodate = tmp_path / "nodate.txt"
    nodate.write_text("Two soldiers were martyred in Kech on Sunday.", encoding="utf-8")
    assert main(["extract", str(nodate)]) == 2
    assert "publication date" in capsys.readouterr().err
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(nodate), str(good), "--quiet"]) == 1
    assert main(["extract", str(nodate), "--date", "2025-02-17", "--quiet"]) == 0
    assert main(["extract", str(good), "--date", "17/02/2025"]) == 2


def test_unwritable_out_is_one_line(tmp_path, capsys):
    src = tmp_path / "r1.txt"
    src.write_text(REPORT, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["extract", str(src), "--out", str(blocker / "sub" / "c.csv"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be written: a file is in the way where a folder is needed" in err
