"""The dataset-version store: ingest, no-op re-ingest, load, references, crash safety."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import ConfigError, DataValidationError, SecbriefError
from analysis.io import load_incidents
from analysis.store import STORE_ENV, Store, is_version_ref, store_dir

ROOT = Path(__file__).resolve().parents[2]
HEADER = [
    "incident_id",
    "date",
    "date_end",
    "province",
    "event_type",
    "killed_security",
    "killed_civilians",
    "killed_total",
    "injured_total",
    "dataset",
]
ROWS = [
    ["q-1", "2024-12-01", "", "Balochistan", "attack", "3", "1", "4", "2", "test"],
    ["q-2", "2024-12-03", "", "Khyber Pakhtunkhwa", "attack", "2", "", "2", "", "test"],
    ["q-3", "2024-12-09", "2024-12-01", "Sindh", "operation", "", "", "5", "", "test"],  # warning: end before start
    ["q-4", "2024-13-01", "", "Sindh", "attack", "1", "", "1", "", "test"],  # rejected: bad date
    ["q-5", "2025-01-04", "", "KPK", "attack", "0", "3", "3", "7", "test"],
    ["q-6", "2025-01-05", "", "Sindh", "attack", "1", "", "many", "", "test"],  # rejected: not a number
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    return path


@pytest.fixture
def small_csv(tmp_path):
    return write_csv(tmp_path / "incidents-2025-01.csv", ROWS)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def test_ingest_records_the_version(store, small_csv):
    before = datetime.now(UTC).replace(microsecond=0)
    res = store.ingest(small_csv, note="first export")
    v = res.version
    assert res.created and v.label == "v1"
    direct = load_incidents(small_csv)
    assert v.fingerprint == direct.fingerprint
    # Counts by outcome, by hand from ROWS: 6 read, 3 clean, 1 warned, 2 rejected.
    assert (v.rows_read, v.accepted, v.warned, v.rejected, v.excluded, v.incidents) == (6, 3, 1, 2, 0, 4)
    assert (v.source, v.file_name, v.note, v.dataset) == ("native", "incidents-2025-01.csv", "first export", "test")
    assert v.file_path == str(small_csv.resolve())
    assert v.file_sha256 == hashlib.sha256(small_csv.read_bytes()).hexdigest()
    assert (v.date_min, v.date_max) == ("2024-12-01", "2025-01-04")
    ingested = datetime.strptime(v.ingested_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= ingested <= datetime.now(UTC) + timedelta(seconds=1)
    assert store.versions() == (v,)
    assert store.check().ok and store.check().leftovers == ()


def test_load_gives_back_exactly_what_was_accepted(store, small_csv):
    store.ingest(small_csv)
    direct = load_incidents(small_csv)
    inc = store.load("v1")
    pd.testing.assert_frame_equal(inc.frame, direct.frame)
    assert inc.fingerprint == direct.fingerprint and inc.source == "native"
    assert inc.report.problems == direct.report.problems
    assert (inc.report.rows_read, inc.report.accepted, inc.report.warned, inc.report.rejected) == (6, 3, 1, 2)
    rejected = store.rejected_rows("v1")
    assert list(rejected["incident_id"]) == ["q-4", "q-6"]
    assert rejected["reason"].str.contains("date").iloc[0] and rejected["reason"].str.contains("number").iloc[1]


def test_same_content_is_a_no_op(store, small_csv, tmp_path):
    first = store.ingest(small_csv).version
    again = store.ingest(small_csv)
    assert not again.created and again.version == first
    # Same incidents in another file, rows shuffled and spelled differently: same fingerprint.
    other = write_csv(tmp_path / "renamed.csv", [ROWS[4], ROWS[0], ROWS[2], ROWS[1]])
    moved = store.ingest(other)
    assert not moved.created and moved.version.label == "v1"
    assert len(store.versions()) == 1
    assert sorted(p.name for p in (store.root / "versions").iterdir()) == [first.fingerprint]


def test_new_content_is_a_new_version(store, small_csv, tmp_path):
    store.ingest(small_csv)
    revised = [r[:] for r in ROWS]
    revised[0][7] = "7"  # toll revised from 4 to 7
    v2 = store.ingest(write_csv(tmp_path / "revised.csv", revised)).version
    assert v2.label == "v2" and v2.fingerprint != store.resolve("v1").fingerprint
    assert store.load("v2").frame.loc[0, "killed_total"] == 7
    assert store.load("v1").frame.loc[0, "killed_total"] == 4


def test_references(store, small_csv, tmp_path):
    v1 = store.ingest(small_csv).version
    v2 = store.ingest(write_csv(tmp_path / "b.csv", ROWS[:3])).version
    assert store.resolve("latest") == v2 and store.resolve("latest~1") == v1
    assert store.resolve("V1") == v1 and store.resolve("version:v2") == v2
    assert store.resolve(f"version:{v1.fingerprint[:6]}") == v1
    assert store.resolve(f"version:{v2.fingerprint.upper()}") == v2
    with pytest.raises(ConfigError, match="not found"):
        store.resolve("v9")
    with pytest.raises(ConfigError, match="only 2 version"):
        store.resolve("latest~2")
    with pytest.raises(ConfigError, match="at least 4 hex digits"):
        store.resolve("version:ab")
    with pytest.raises(ConfigError, match="no version's fingerprint starts with"):
        store.resolve("version:" + ("0000" if not v1.fingerprint.startswith("0000") else "ffff"))
    assert is_version_ref("v12") and is_version_ref("latest~2") and is_version_ref("version:abcd")
    assert not is_version_ref("data.csv") and not is_version_ref("v1.csv")


def test_empty_store_reads_nothing_and_creates_nothing(tmp_path):
    s = Store(tmp_path / "absent")
    assert s.versions() == () and s.find("0" * 64) is None and s.check().ok
    with pytest.raises(ConfigError, match="no versions"):
        s.load("latest")
    assert not (tmp_path / "absent").exists()


def test_nothing_valid_is_not_stored(store, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [ROWS[3], ROWS[5]])
    with pytest.raises(DataValidationError, match="no valid incidents"):
        store.ingest(bad)
    assert store.versions() == ()


def test_damaged_rows_are_detected(store, small_csv):
    v = store.ingest(small_csv).version
    path = store.version_dir(v) / "incidents.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SecbriefError, match="damaged"):
        store.load("v1")
    assert not store.check().ok and "damaged" in store.check().problems[0]


def test_store_dir_resolution(tmp_path, monkeypatch):
    monkeypatch.delenv(STORE_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    plain = tmp_path / "plain"
    plain.mkdir()
    if sys.platform.startswith("linux"):
        assert store_dir(cwd=plain) == tmp_path / "xdg" / "secbrief"
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "secbrief.toml").write_text('[store]\ndir = "data/versions"\n', encoding="utf-8")
    assert store_dir(cwd=project / "sub") == project / "data" / "versions"
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "env"))
    assert store_dir(cwd=project) == tmp_path / "env"
    assert store_dir(tmp_path / "explicit", cwd=project) == tmp_path / "explicit"
    monkeypatch.delenv(STORE_ENV)
    (project / "secbrief.toml").write_text("[store]\ndir = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="store.dir"):
        store_dir(cwd=project)


def test_publications(store):
    from analysis.periods import parse_period

    assert store.previous_publication("monthly", before=parse_period("2025-01")) is None
    store.record_publication("monthly", "2024-11", "2024-11-30", "a" * 64, "out/monthly-2024-11.pdf")
    store.record_publication("monthly", "2024-12", "2024-12-31", "b" * 64, "out/monthly-2024-12.pdf")
    store.record_publication("monthly", "2025-01", "2025-01-31", "c" * 64, "out/monthly-2025-01.pdf")
    store.record_publication("monthly-sindh", "2024-12", "2024-12-31", "d" * 64, "out/x.pdf")
    prev = store.previous_publication("monthly", before=parse_period("2025-01"))
    assert (prev.series, prev.period, prev.fingerprint) == ("monthly", "2024-12", "b" * 64)
    assert store.previous_publication("monthly", before="2024-12-01").period == "2024-11"
    assert store.previous_publication("monthly-sindh", before=parse_period("2025-01")).fingerprint == "d" * 64
    # Rebuilding December on revised data replaces its record.
    store.record_publication("monthly", "2024-12", "2024-12-31", "e" * 64, "out/monthly-2024-12.pdf")
    assert store.previous_publication("monthly", before=parse_period("2025-01")).fingerprint == "e" * 64


# --------------------------------------------------------------------------- crash safety

_KILL_SCRIPT = textwrap.dedent("""
    import pathlib, sys, time
    import analysis.store as store
    step, marker = sys.argv[1], pathlib.Path(sys.argv[2])
    go = marker.with_name(marker.name + ".go")
    def stop_here(name):
        if name == step:
            marker.write_text("reached")
            deadline = time.monotonic() + 120
            while not go.exists() and time.monotonic() < deadline:  # wait to be killed, or told to go on
                time.sleep(0.05)
    store._checkpoint = stop_here
    from reports.cli import main
    sys.exit(main(["ingest", sys.argv[3], "--store", sys.argv[4], "--quiet"]))
""")


def _kill_ingest_at(step: str, csv_path: Path, store_root: Path, tmp_path: Path) -> None:
    marker = tmp_path / f"reached-{step}"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, step, str(marker), str(csv_path), str(store_root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"ingest ended before {step}: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"ingest never reached {step}")
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("step", ["writing", "staged", "renamed", "inserted"])
def test_killed_ingest_leaves_no_version(step, small_csv, tmp_path):
    root = tmp_path / "store"
    _kill_ingest_at(step, small_csv, root, tmp_path)
    store = Store(root)
    assert store.versions() == ()  # nothing half-written is visible
    check = store.check()
    assert check.ok
    # ...though the kill did happen mid-ingest: its remains are there, unreferenced.
    where = "tmp" if step in ("writing", "staged") else "versions"
    assert [Path(p).parent.name for p in check.leftovers] == [where]
    # The next ingest cleans what the killed one left and stores the version whole.
    res = store.ingest(small_csv)
    assert res.created and res.version.label == "v1"
    check = store.check()
    assert check.ok and check.leftovers == ()
    pd.testing.assert_frame_equal(store.load("v1").frame, load_incidents(small_csv).frame)


def test_ingest_killed_after_commit_is_complete(small_csv, tmp_path):
    root = tmp_path / "store"
    _kill_ingest_at("committed", small_csv, root, tmp_path)
    store = Store(root)
    assert [v.label for v in store.versions()] == ["v1"]
    assert store.check().ok
    pd.testing.assert_frame_equal(store.load("v1").frame, load_incidents(small_csv).frame)
    assert not store.ingest(small_csv).created


def test_killed_ingest_beside_an_existing_version(small_csv, tmp_path):
    root = tmp_path / "store"
    Store(root).ingest(small_csv)
    revised = write_csv(tmp_path / "revised.csv", ROWS[:2])
    _kill_ingest_at("inserted", revised, root, tmp_path)
    store = Store(root)
    assert [v.label for v in store.versions()] == ["v1"] and store.check().ok
    assert store.ingest(revised).version.label == "v2"


def test_resolving_a_version_does_not_import_pandas(store, small_csv):
    """Listing and resolving versions stays light, so a cache hit can be keyed without pandas."""
    v = store.ingest(small_csv).version
    code = (
        "import sys; from analysis.store import Store; from analysis.cache import Cache, cache_key; "
        f"v = Store({str(store.root)!r}).resolve('latest'); cache_key(('brief', v.fingerprint, '2025-01')); "
        "print(v.fingerprint); assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == v.fingerprint


def test_concurrent_ingests_queue_on_the_lock(small_csv, tmp_path):
    """A second ingest of the same content waits for the first's commit, then finds it stored."""
    root = tmp_path / "store"
    marker = tmp_path / "reached-renamed"
    first = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, "renamed", str(marker), str(small_csv), str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    # The first ingest holds the write lock between rename and commit; the second must not
    # see its version yet, and must wait rather than store a second copy.
    assert Store(root).versions() == ()
    second = subprocess.Popen(
        [sys.executable, "-m", "reports.cli", "ingest", str(small_csv), "--store", str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    assert second.poll() is None  # still waiting for the lock
    marker.with_name(marker.name + ".go").write_text("go")
    out1, _ = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 1 and second.returncode == 1, err2  # 1: the file has rejected rows
    assert "same content as v1" in out2
    store = Store(root)
    assert [v.label for v in store.versions()] == ["v1"] and store.check().ok
