"""``secbrief ingest``, ``versions``, ``diff`` and ``--data VERSION`` from the command line."""

from __future__ import annotations

import csv
import io

import pytest

from reports.cli import main
from tests.analysis import ucdp_versions as uv
from tests.analysis.test_store import ROWS, write_csv


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A store chosen by $SECBRIEF_STORE, a working folder, and two revisions of a small file."""
    store = tmp_path / "store"
    monkeypatch.setenv("SECBRIEF_STORE", str(store))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    revised = [r[:] for r in ROWS]
    revised[0][7] = "7"  # q-1 (December 2024, Balochistan): killed 4 -> 7
    revised[0][5] = "6"  # of whom security forces 3 -> 6
    del revised[1]  # q-2 withdrawn
    return {
        "store": store,
        "old": write_csv(tmp_path / "old.csv", ROWS),
        "new": write_csv(tmp_path / "new.csv", revised),
        "tmp": tmp_path,
    }


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_twice_and_list(env, capsys):
    code, out, err = run(capsys, "ingest", str(env["old"]), "--note", "first")
    assert code == 1  # finished, but rows were rejected
    assert f"as v1 in {env['store']}" in out and "rejected 2" in out and "--rejects" in out
    code, out, _ = run(capsys, "ingest", str(env["old"]))
    assert code == 1 and "same content as v1" in out and "nothing written" in out
    code, out, _ = run(capsys, "ingest", str(env["new"]), "-q")
    assert code == 1 and out == ""
    code, out, _ = run(capsys, "versions")
    assert code == 0 and "v1" in out and "v2" in out and "old.csv" in out and "new.csv" in out and "first" in out
    code, out, _ = run(capsys, "versions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["version"], r["file_name"], r["incidents"], r["rejected"]) for r in rows] == [
        ("v1", "old.csv", "4", "2"),
        ("v2", "new.csv", "3", "2"),
    ]


def test_show_version_and_rejects(env, capsys, tmp_path):
    run(capsys, "ingest", str(env["old"]))
    code, out, _ = run(capsys, "versions", "v1", "--rejects", str(tmp_path / "rej.csv"))
    assert code == 0 and "fingerprint" in out and "rows_read" in out and "not a valid date" in out
    with open(tmp_path / "rej.csv", newline="") as fh:
        rejected = list(csv.DictReader(fh))
    assert [r["incident_id"] for r in rejected] == ["q-4", "q-6"] and all(r["reason"] for r in rejected)
    code, out, _ = run(capsys, "versions", "--check")
    assert code == 0 and "1 version(s), all intact" in out


def test_any_verb_reads_a_version(env, capsys):
    run(capsys, "ingest", str(env["old"]))
    code, from_file, _ = run(
        capsys,
        "table",
        "--data",
        str(env["old"]),
        "--period",
        "2024-12..2025-01",
        "--by",
        "month,province",
        "--measures",
        "incidents,killed_total",
    )
    assert code == 0
    for ref in ("v1", "latest", "version:v1"):
        code, from_version, _ = run(
            capsys,
            "table",
            "--data",
            ref,
            "--period",
            "2024-12..2025-01",
            "--by",
            "month,province",
            "--measures",
            "incidents,killed_total",
        )
        assert code == 0 and from_version == from_file
    fp = next(csv.DictReader(io.StringIO(run(capsys, "versions", "--format", "csv")[1])))["fingerprint"]
    code, from_prefix, _ = run(
        capsys,
        "table",
        "--data",
        f"version:{fp[:8]}",
        "--period",
        "2024-12..2025-01",
        "--by",
        "month,province",
        "--measures",
        "incidents,killed_total",
    )
    assert from_prefix == from_file
    # Hand check of one line: December 2024 in Balochistan, one incident, 4 killed.
    assert "2024-12,Balochistan,1,4" in from_file.splitlines()


def test_version_errors_are_one_line(env, capsys):
    run(capsys, "ingest", str(env["old"]))
    code, _, err = run(capsys, "table", "--data", "v9", "--period", "2024")
    assert code == 2 and err.count("\n") == 1 and "version 'v9' not found" in err
    code, _, err = run(capsys, "table", "--data", "v1", "--source", "ucdp", "--period", "2024")
    assert code == 2 and "read as native" in err
    code, _, err = run(capsys, "ingest", "missing.csv")
    assert code == 2 and err.splitlines()[-1] == "secbrief: error: missing.csv: file not found"
    assert "Traceback" not in err
    # A file that is named like a version: the user has to say which one is meant.
    (env["tmp"] / "work" / "v1").write_text("x")
    with pytest.raises(SystemExit) as exc:
        main(["table", "--data", "v1", "--period", "2024"])
    assert exc.value.code == 2 and "./v1 for the file or version:v1" in capsys.readouterr().err


def test_diff_versions_and_files(env, capsys, tmp_path):
    run(capsys, "ingest", str(env["old"]))
    run(capsys, "ingest", str(env["new"]))
    code, out, _ = run(capsys, "diff", "v1", "v2", "--csv", str(tmp_path / "d"))
    assert code == 0
    assert "0 added, 1 removed, 1 changed (2 fields), 2 unchanged" in out
    with open(tmp_path / "d" / "numbers.csv", newline="") as fh:
        numbers = [
            (r["month"], r["province"], r["measure"], r["old"], r["new"], r["change"]) for r in csv.DictReader(fh)
        ]
    # By hand: q-1 (Dec 2024, Balochistan) 4 -> 7 killed, 3 -> 6 security; q-2 (Dec 2024, KP: 2 killed,
    # 2 security, 1 incident) withdrawn.
    assert numbers == [
        ("2024-12", "Khyber Pakhtunkhwa", "incidents", "1", "0", "-1"),
        ("2024-12", "Khyber Pakhtunkhwa", "killed_total", "2", "0", "-2"),
        ("2024-12", "Khyber Pakhtunkhwa", "killed_security", "2", "0", "-2"),
        ("2024-12", "Balochistan", "killed_total", "4", "7", "3"),
        ("2024-12", "Balochistan", "killed_security", "3", "6", "3"),
    ]
    with open(tmp_path / "d" / "changed.csv", newline="") as fh:
        assert [tuple(r.values()) for r in csv.DictReader(fh)] == [
            ("q-1", "killed_security", "3", "6"),
            ("q-1", "killed_total", "4", "7"),
        ]
    with open(tmp_path / "d" / "removed.csv", newline="") as fh:
        assert [r["incident_id"] for r in csv.DictReader(fh)] == ["q-2"]
    # A version against a file, and --through (months already published).
    code, out, _ = run(capsys, "diff", "v1", str(env["new"]), "--through", "2024-11", "--national")
    assert code == 0 and "no published number changed" in out
    code, out, _ = run(capsys, "diff", "latest", str(env["new"]))
    assert code == 0 and "same incidents" in out


def test_help_has_examples(capsys):
    for verb in ("ingest", "versions", "diff"):
        with pytest.raises(SystemExit):
            main([verb, "--help"])
        assert "example" in capsys.readouterr().out


@pytest.mark.slow
def test_diff_of_real_ucdp_revisions(shared_data, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SECBRIEF_STORE", str(tmp_path / "store"))
    old, new, _ = uv.derive_versions(shared_data / "ucdp-ged-pakistan.csv", tmp_path)
    assert run(capsys, "ingest", str(old), "--source", "native")[0] == 0
    assert run(capsys, "ingest", str(new), "--source", "native")[0] == 0
    code, _, _ = run(capsys, "diff", "latest~1", "latest", "--national", "--csv", str(tmp_path / "d"))
    assert code == 0
    with open(tmp_path / "d" / "numbers.csv", newline="") as fh:
        got = {
            (r["month"], r["province"] or None, r["measure"]): (int(r["old"]), int(r["new"]))
            for r in csv.DictReader(fh)
        }
    assert got == uv.changed_numbers(uv.read_rows(old), uv.read_rows(new), national=True)


def test_rejects_to_a_device_does_not_replace_it(env, capsys):
    run(capsys, "ingest", str(env["old"]))
    code, _, _ = run(capsys, "versions", "v1", "--rejects", "/dev/null", "-q")
    assert code == 0
    import os
    import stat

    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_data_key_identifies_data_without_reading_it(env, capsys, tmp_path):
    import subprocess
    import sys

    from analysis.demo import demo_path
    from reports.commands._common import data_key

    run(capsys, "ingest", str(env["old"]))
    fp = next(csv.DictReader(io.StringIO(run(capsys, "versions", "--format", "csv")[1])))["fingerprint"]
    assert data_key("v1") == data_key("latest") == ("version", fp)
    k1 = data_key(env["old"], source="native")
    copy = tmp_path / "copy.csv"
    copy.write_bytes(env["old"].read_bytes())
    assert data_key(copy, source="native")[1] == k1[1] and data_key(copy, source="native") != k1  # path counts
    env["old"].write_text(env["old"].read_text().replace(",4,2,", ",5,2,"))  # one death toll changed
    assert data_key(env["old"], source="native") != k1
    assert data_key(None)[2] == str(demo_path().resolve())
    code = (
        "import sys; from reports.commands._common import data_key; data_key('latest'); data_key(None); "
        "assert 'pandas' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


@pytest.mark.slow
def test_diff_of_real_ged_files_read_as_ucdp(shared_data, tmp_path, monkeypatch, capsys):
    """Two revisions of the GED file in its own format, ingested with the UCDP reader."""
    monkeypatch.setenv("SECBRIEF_STORE", str(tmp_path / "store"))
    old, new = uv.derive_ucdp_files(shared_data / "ucdp-ged-pakistan.csv", tmp_path)
    for path in (old, new):
        code, out, _ = run(capsys, "ingest", str(path), "--source", "ucdp")
        assert code in (0, 1) and "read as ucdp" in out
    code, _, _ = run(capsys, "diff", "v1", "v2", "--measures", "incidents,killed_total", "--csv", str(tmp_path / "d"))
    assert code == 0
    with open(tmp_path / "d" / "numbers.csv", newline="") as fh:
        got = {(r["month"], r["province"], r["measure"]): (int(r["old"]), int(r["new"])) for r in csv.DictReader(fh)}
    a, b = uv.ged_monthly(old), uv.ged_monthly(new)
    expected = {k: (a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b) if a.get(k, 0) != b.get(k, 0)}
    assert got == expected
    # By hand: the 30 events of 2013 gained 2 deaths each, so 60 more killed across 2013.
    assert sum(n - o for (m, _, meas), (o, n) in got.items() if m.startswith("2013") and meas == "killed_total") == 60
    with open(tmp_path / "d" / "changed.csv", newline="") as fh:
        fields = {(r["field"]) for r in csv.DictReader(fh)}
    assert fields == {"killed_total", "killed_civilians"}


def test_diff_prints_added_and_removed_incidents(env, capsys):
    """Each side's incidents are listed under their own title, with their id and date."""
    code, out, _ = run(capsys, "diff", str(env["old"]), str(env["new"]))
    assert code == 0
    assert "removed incidents" in out and "q-2" in out and "2024-12-03" in out
    assert "added incidents" not in out
    code, out, _ = run(capsys, "diff", str(env["new"]), str(env["old"]))
    assert code == 0
    assert "added incidents" in out and "q-2" in out and "2024-12-03" in out
    assert "removed incidents" not in out
