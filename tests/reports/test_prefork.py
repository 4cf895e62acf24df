"""The worker processes of ``secbrief brief``: same output as one process, clean failures."""

from __future__ import annotations

import os

import pytest

from reports.cli import main

pytestmark = pytest.mark.slow


def test_workers_give_the_same_files_as_one_process(tmp_path, monkeypatch):
    """Figures drawn and the PDF rendered in forked workers: byte-identical output."""
    forked, single = tmp_path / "forked", tmp_path / "single"
    monkeypatch.delenv("SECBRIEF_NO_PREFORK", raising=False)
    assert main(["brief", "--period", "2025-06", "--out", str(forked), "-q", "--no-cache", "--emit-json"]) == 0
    monkeypatch.setenv("SECBRIEF_NO_PREFORK", "1")
    assert main(["brief", "--period", "2025-06", "--out", str(single), "-q", "--no-cache", "--emit-json"]) == 0
    names = sorted(p.name for p in forked.iterdir())
    assert names == ["monthly-2025-06.html", "monthly-2025-06.json", "monthly-2025-06.pdf"]
    assert names == sorted(p.name for p in single.iterdir())
    for name in names:
        assert (forked / name).read_bytes() == (single / name).read_bytes(), name


def test_timings_show_the_figures_drawn_alongside(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SECBRIEF_NO_PREFORK", raising=False)
    assert main(["brief", "--period", "2025-06", "--out", str(tmp_path), "--no-cache", "--timings", "-q"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    stages = dict(part.rsplit(" ", 1) for part in line.removeprefix("timings: ").split("; ")[0].split(", "))
    assert set(stages) == {"imports", "load", "analysis", "figures_wait", "figures", "render", "write"}
    assert all(float(v.rstrip("s")) >= 0 for v in stages.values())


def test_crashed_figure_worker_is_one_line_and_keeps_previous_pdf(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SECBRIEF_NO_PREFORK", raising=False)
    out = tmp_path / "out"
    out.mkdir()  # an earlier build's outputs (their content does not matter: they must survive)
    (out / "monthly-2025-06.pdf").write_bytes(b"%PDF-1.7 the previous brief")
    (out / "monthly-2025-06.html").write_text("<p>the previous brief</p>")
    before = sorted((p.name, p.read_bytes()) for p in out.iterdir())

    import reports.figures as figures

    monkeypatch.setattr(figures, "brief_figures", lambda *a, **k: os._exit(9))  # the forked worker dies
    code = main(["brief", "--period", "2025-06", "--out", str(out), "-q", "--no-cache"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "figure worker stopped unexpectedly" in err[0]
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == before


def test_figure_error_in_the_worker_keeps_its_type_and_message(tmp_path, monkeypatch, capsys):
    from analysis.errors import RenderError

    monkeypatch.delenv("SECBRIEF_NO_PREFORK", raising=False)

    def fail(*a, **k):
        raise RenderError("boundary file has no polygons", file="provinces.geojson")

    import reports.figures as figures

    monkeypatch.setattr(figures, "brief_figures", fail)
    code = main(["brief", "--period", "2025-06", "--out", str(tmp_path / "out"), "-q", "--no-cache"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "provinces.geojson" in err[0] and "boundary file has no polygons" in err[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_figure_worker_unused_is_stopped():
    """A worker whose build failed before it was needed ends when closed (no stray process)."""
    from reports._prefork import FigureWorker

    w = FigureWorker()
    w.close(timeout=60)  # it is still importing matplotlib: it ends by itself once told (not killed)
    assert not w._proc.is_alive()
    assert w._proc.exitcode == 0


def test_workers_only_on_linux(monkeypatch):
    """On macOS (fork after system frameworks can crash) and Windows the brief runs in one process."""
    import sys

    from reports import _prefork

    monkeypatch.delenv("SECBRIEF_NO_PREFORK", raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _prefork.start_worker() is None and _prefork.start_figure_worker() is None
    monkeypatch.setattr(sys, "platform", "linux")
    assert _prefork.forking_enabled()
    monkeypatch.setenv("SECBRIEF_NO_PREFORK", "1")
    assert not _prefork.forking_enabled()
