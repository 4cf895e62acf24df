"""Bad input: one clear line on stderr naming file, row and column, exit code 2, no output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reports.cli import main

HEADER = "incident_id,date,province,event_type,killed_security,killed_civilians,killed_total"


def _write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def _run(capsys, argv):
    code = main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    return code, err


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        (None, None, "file not found"),
        (HEADER + "\na1,2025-01-05,Punjab,attack,1,0,1\na2,2025-01-06,Sindh,attack,2,0,2,\x00\x00\n", "utf-8", None),
        (HEADER + "\na1,2025-01-05,Peshäwar,attack,1,0,1\n", "latin-1", "cannot be decoded as utf-8"),
        ("incident_id,province,killed_total\na1,Punjab,3\n", "utf-8", "missing required column(s) 'date'"),
        (HEADER + "\na1,2025-13-45,Punjab,attack,1,0,1\n", "utf-8", "row 2, column 'date'"),
        (HEADER + "\na1,2025-01-05,Punjab,attack,-3,0,1\n", "utf-8", "row 2, column 'killed_security'"),
        (
            HEADER + "\na1,2025-01-05,Narnia,attack,1,0,1\na2,2025-01-06,Punjab,attack,1,0,1\n",
            "utf-8",
            "row 2, column 'province': 'Narnia' is not a known province",
        ),
        (HEADER + "\na1,2025-01-05,Punjab,attack,5,4,3\n", "utf-8", "row 2, column 'killed_total'"),
    ],
    ids=[
        "missing-file",
        "binary-tail",
        "encoding",
        "missing-column",
        "bad-date",
        "negative",
        "unknown-province",
        "categories-over-total",
    ],
)
def test_brief_bad_input(tmp_path, capsys, content, encoding, expected):
    data = tmp_path / "bad.csv" if content is None else _write(tmp_path, "bad.csv", content, encoding)
    out = tmp_path / "out"
    argv = ["brief", "--period", "2025-01", "--data", str(data), "--out", str(out), "--source", "native"]
    code, err = _run(capsys, argv)
    if expected is None:  # a malformed row: rejected, so the brief refuses
        assert code == 2
    else:
        assert code == 2, err
        assert len(err) == 1, err
        assert err[0].startswith("secbrief: error: ")
        assert expected in err[0], err[0]
        assert "bad.csv" in err[0]
    assert not out.exists() or not any(out.iterdir())


def test_unknown_period(capsys, tmp_path):
    code, err = _run(capsys, ["brief", "--period", "2025-14", "--out", str(tmp_path)])
    assert code == 2 and len(err) == 1 and "no month 14" in err[0]
    code, err = _run(capsys, ["table", "--period", "last tuesday"])
    assert code == 2 and len(err) == 1 and "is not a period" in err[0]


@pytest.mark.slow  # builds a whole brief (PDF)
def test_allow_rejects_builds_and_says_so(tmp_path, capsys):
    rows = (
        [HEADER]
        + [f"a{i},2025-01-{i:02d},Punjab,attack,1,0,1" for i in range(1, 20)]
        + ["bad,2025-01-40,Punjab,attack,1,0,1"]
    )
    data = _write(tmp_path, "some.csv", "\n".join(rows) + "\n")
    out = tmp_path / "out"
    code, err = _run(capsys, ["brief", "--period", "2025-01", "--data", str(data), "--out", str(out), "-q"])
    assert code == 2 and "1 rows were rejected" in err[0] and "--allow-rejects" in err[0]
    code, _ = _run(
        capsys,
        [
            "brief",
            "--period",
            "2025-01",
            "--data",
            str(data),
            "--out",
            str(out),
            "-q",
            "--allow-rejects",
            "--emit-json",
        ],
    )
    assert code == 1  # built, but rows were rejected
    html = (out / "monthly-2025-01.html").read_text()
    assert "1 of 20 rows were rejected" in html and "monthly-2025-01-rejected-rows.csv" in html
    rejected = (out / "monthly-2025-01-rejected-rows.csv").read_text()
    assert "bad" in rejected and "row 21" in rejected and "column 'date'" in rejected


@pytest.mark.slow  # a fresh interpreter imports the whole stack
def test_console_script_never_shows_a_traceback(tmp_path):
    bad = _write(tmp_path, "x.csv", "incident_id,date,killed_total\nz,notadate,1\n")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "reports.cli",
            "brief",
            "--period",
            "2025-01",
            "--data",
            str(bad),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1


def _previous_build(out):
    """The outputs of an earlier build of 2025-06 (their content does not matter: they must survive)."""
    out.mkdir()
    (out / "monthly-2025-06.pdf").write_bytes(b"%PDF-1.7 the previous brief")
    (out / "monthly-2025-06.html").write_text("<p>the previous brief</p>")
    return _files(out)


def _files(out):
    return sorted((p.name, p.read_bytes()) for p in out.iterdir())


def test_interrupted_build_keeps_previous_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("SECBRIEF_NO_PREFORK", "1")  # the interrupt happens in this process
    before = _previous_build(tmp_path / "out")

    import reports.render as render

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "html_to_pdf", boom)
    assert main(["brief", "--period", "2025-06", "--out", str(tmp_path / "out"), "-q", "--no-cache"]) == 130
    assert _files(tmp_path / "out") == before  # the same names and bytes: nothing replaced, nothing left over


def test_crashed_pdf_worker_keeps_previous_pdf(tmp_path, monkeypatch, capsys):
    import os

    out = tmp_path / "out"
    before = _previous_build(out)

    import reports.render as render

    monkeypatch.setattr(render, "html_to_pdf", lambda *a, **k: os._exit(9))  # the forked worker dies
    code = main(["brief", "--period", "2025-06", "--out", str(out), "-q", "--no-cache"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "PDF worker stopped unexpectedly" in err[0]
    assert _files(out) == before


def test_atomic_write_never_replaces_a_device(tmp_path):
    import os
    import stat

    from reports.render import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, b"x")
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(r, 10) == b"x"
    finally:
        os.close(r)
