"""Ctrl-C and SIGTERM end every worker, print one line, exit 130/143 and leave previous outputs whole.

Real signals sent to a real ``secbrief`` process (bounded waits, so a hang fails the test).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers"),
]

ROOT = Path(__file__).resolve().parents[2]


def _group(pgid: int) -> list[int]:
    """Live processes of the process group ``pgid``."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(d))
    return out


def _run_and_signal(argv: list[str], sig: int, *, to_group: bool, processes: int, cwd: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SECBRIEF_CACHE": str(cwd / "cache")}
    env.pop("SECBRIEF_NO_PREFORK", None)
    cmd = [sys.executable, "-c", "from reports.cli import main; raise SystemExit(main())", *argv]
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(_group(proc.pid)) < processes:  # every worker started: the build is under way
            assert proc.poll() is None, proc.communicate()[1].decode()
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.05)
        (os.killpg if to_group else os.kill)(proc.pid, sig)
        _, err = proc.communicate(timeout=30)  # the workers hold stderr open: a stuck one times out here
        deadline = time.monotonic() + 10
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group(proc.pid) == [], "a worker outlived the command"
        return proc.returncode, err.decode()
    finally:
        if _group(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)


def _previous_set(out: Path) -> dict[str, bytes]:
    out.mkdir()
    files = {f"monthly-2025-05.{ext}": f"previous {ext}".encode() for ext in ("pdf", "html", "json")}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


@pytest.mark.parametrize(
    ("sig", "to_group", "code", "word"),
    [(signal.SIGTERM, False, 143, "terminated"), (signal.SIGINT, True, 130, "interrupted")],
)
def test_brief_stops_its_workers(tmp_path, sig, to_group, code, word):
    out = tmp_path / "out"
    before = _previous_set(out)
    argv = ["brief", "--period", "2025-05", "--out", str(out), "--emit-json", "--no-cache"]
    rc, err = _run_and_signal(argv, sig, to_group=to_group, processes=3, cwd=tmp_path)
    assert rc == code, err
    assert err.strip() == f"secbrief: {word}; previous outputs left as they were"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # whole, and no temporary file left


@pytest.mark.parametrize(
    ("sig", "to_group", "code", "word"),
    [(signal.SIGTERM, False, 143, "terminated"), (signal.SIGINT, True, 130, "interrupted")],
)
def test_batch_stops_its_workers(tmp_path, sig, to_group, code, word):
    out = tmp_path / "out"
    before = _previous_set(out)
    argv = ["batch", "--periods", "2025-03..2025-06", "--out", str(out), "--workers", "2", "--emit-json"]
    rc, err = _run_and_signal(argv, sig, to_group=to_group, processes=3, cwd=tmp_path)
    assert rc == code, err
    assert err.strip() == f"secbrief: {word}; previous outputs left as they were"
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert not any(name.startswith(".") for name in after)  # no temporary file left
    new = {n: b for n, b in after.items() if n not in before}
    # a brief that was finished before the signal is a whole new set; the others are as before
    assert after["monthly-2025-05.pdf"] == before["monthly-2025-05.pdf"] or (
        after["monthly-2025-05.pdf"].startswith(b"%PDF")
        and after["monthly-2025-05.html"] != before["monthly-2025-05.html"]
    )
    assert all(b.startswith(b"%PDF") for n, b in new.items() if n.endswith(".pdf"))


def test_workers_end_when_brief_is_killed(tmp_path):
    """SIGKILL leaves no handler to run: the workers must notice their parent is gone by themselves."""
    argv = ["brief", "--period", "2025-05", "--out", str(tmp_path / "out"), "--no-cache"]
    rc, _ = _run_and_signal(argv, signal.SIGKILL, to_group=False, processes=3, cwd=tmp_path)
    assert rc == -signal.SIGKILL  # and _run_and_signal checked that no worker outlived it
