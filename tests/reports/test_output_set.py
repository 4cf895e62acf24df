"""A brief's files are replaced as a set: a failed build leaves the previous set whole."""

from __future__ import annotations

import errno
import os

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports import render
from reports.brief import build_brief
from reports.render import write_together


def _incidents(killed: int):
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": ["x1", "x2"],
                "date": pd.to_datetime(["2025-01-05", "2024-12-05"]),
                "province": ["Punjab", "Sindh"],
                "event_type": ["attack", "attack"],
                "killed_security": [killed, 1],
                "killed_civilians": [1, 0],
            }
        )
    )


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture()
def previous_set(tmp_path):
    out = tmp_path / "out"
    build_brief(_incidents(3), parse_period("2025-01"), out_dir=out, emit_json=True)
    return out, _snapshot(out)


def _fail_on(monkeypatch, name: str, suffix: str, err: int):
    real = getattr(os, name)

    def failing(*args, **kwargs):
        target = str(args[-1] if name == "replace" else "")
        if name == "fsync" or target.endswith(suffix):
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)

    monkeypatch.setattr(render.os, name, failing)


@pytest.mark.slow
def test_pdf_that_cannot_be_written_leaves_the_previous_set(previous_set, monkeypatch):
    out, before = previous_set
    _fail_on(monkeypatch, "replace", ".pdf", errno.EACCES)  # html and json renamed first, then the pdf fails
    with pytest.raises(ConfigError, match="monthly-2025-01.pdf: cannot be written: permission denied"):
        build_brief(_incidents(7), parse_period("2025-01"), out_dir=out, emit_json=True)
    assert _snapshot(out) == before  # same names (no temporary file left) and the same bytes


@pytest.mark.slow
def test_full_disk_leaves_the_previous_set(previous_set, monkeypatch):
    out, before = previous_set
    _fail_on(monkeypatch, "fsync", "", errno.ENOSPC)
    with pytest.raises(ConfigError, match="no space left on the device; nothing was replaced"):
        build_brief(_incidents(7), parse_period("2025-01"), out_dir=out, emit_json=True)
    assert _snapshot(out) == before


def test_a_folder_in_the_way_replaces_nothing(tmp_path):
    (tmp_path / "a.html").write_text("old")
    (tmp_path / "a.pdf").mkdir()
    with pytest.raises(ConfigError, match="a.pdf: cannot be written: a folder of that name is in the way"):
        write_together({tmp_path / "a.html": b"new", tmp_path / "a.pdf": b"%PDF"})
    assert (tmp_path / "a.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.pdf"]


def test_a_file_in_the_way_of_the_folder(tmp_path):
    (tmp_path / "out").write_text("I am a file")
    with pytest.raises(ConfigError, match="out: cannot be written: a file is in the way where a folder is needed"):
        write_together({tmp_path / "out" / "a.pdf": b"%PDF"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "a.pdf").write_bytes(b"old")
    ro.chmod(0o555)
    try:
        with pytest.raises(ConfigError, match="permission denied"):
            write_together({ro / "a.pdf": b"new"})
    finally:
        ro.chmod(0o755)
    assert (ro / "a.pdf").read_bytes() == b"old"


def test_read_only_file_system(tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    def ro_open(file, mode="r", *a, **k):
        if "w" in mode and str(file).startswith(str(tmp_path)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", ro_open)
    with pytest.raises(ConfigError, match="the file system is read-only; nothing was replaced"):
        write_together({tmp_path / "a.pdf": b"new"})


def test_the_device_target_is_written_directly(tmp_path):
    write_together({tmp_path / "x.html": b"x", __import__("pathlib").Path(os.devnull): b"y"})
    assert (tmp_path / "x.html").read_bytes() == b"x"


@pytest.fixture()
def tiny_disk(tmp_path):
    """A real 64 KiB tmpfs (root only; skipped where mounting is not allowed)."""
    import shutil
    import subprocess

    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_a_really_full_disk_replaces_nothing(tiny_disk):
    (tiny_disk / "b.html").write_bytes(b"previous html")
    (tiny_disk / "b.pdf").write_bytes(b"previous pdf")
    with pytest.raises(
        ConfigError, match="b.pdf: cannot be written: no space left on the device; nothing was replaced"
    ):
        write_together({tiny_disk / "b.html": b"new html", tiny_disk / "b.pdf": b"x" * 200_000})
    assert (tiny_disk / "b.html").read_bytes() == b"previous html"
    assert (tiny_disk / "b.pdf").read_bytes() == b"previous pdf"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["b.html", "b.pdf"]
