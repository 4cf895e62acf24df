"""``secbrief preview``: served on loopback only, rebuilt when the notes change, ends cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from reports.commands.preview import RELOAD_SCRIPT, _served

ROOT = Path(__file__).resolve().parents[2]


def test_served_page_maps_only_allowed_file_assets(tmp_path):
    css = tmp_path / "t" / "brief.css"
    css.parent.mkdir()
    css.write_text("body{}")
    page = f'<html><body><link rel="stylesheet" href="{css.as_uri()}"><img src="file:///etc/passwd"></body></html>'
    html, assets = _served(page, [css.parent], ["notes.md line 2: '45 killed' <b>x</b>"])
    assert assets == {"0": css.resolve()}
    assert 'href="/__asset/0"' in html and 'src=""' in html and "/etc/passwd" not in html
    assert RELOAD_SCRIPT in html
    assert "notes.md line 2: &#x27;45 killed&#x27; &lt;b&gt;x&lt;/b&gt;" in html  # the warning, escaped


def preview_numbers(tmp_path: Path) -> dict:
    """The numbers of the same brief, built with --emit-json (to compare the page with)."""
    import json

    from reports.cli import main

    out = tmp_path / "numbers"
    assert main(["brief", "--period", "2025-06", "--out", str(out), "--emit-json", "-q"]) == 0
    return json.loads((out / "monthly-2025-06.json").read_text())


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def _wait_for(base: str, text: str, limit: float = 20.0) -> str:
    """The served page once it holds ``text`` (an editor's save may come as two events)."""
    t0 = time.perf_counter()
    while text not in (page := _get(base)):
        assert time.perf_counter() - t0 < limit, f"no rebuild showing {text!r}"
        time.sleep(0.05)
    return page


@pytest.mark.slow
def test_rebuild_after_editing_the_notes(tmp_path):
    from reports.cli import build_parser
    from reports.commands.preview import Preview, serve, watch_and_rebuild

    notes = tmp_path / "notes.md"
    notes.write_text("First words: {incidents} incidents.\n")
    config = tmp_path / "secbrief.toml"
    config.write_text('[brief]\ntitle = "First title"\n')
    args = build_parser().parse_args(
        ["preview", "--period", "2025-06", "--notes", str(notes), "--out", str(tmp_path / "out"), "--port", "0", "-q"]
        + ["--config", str(config)]
    )
    preview = Preview(args)
    assert preview.build()
    server = serve(preview, 0)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_and_rebuild, args=(preview,), kwargs={"stop": stop}, daemon=True)
    watcher.start()
    try:
        assert server.server_address[0] == "127.0.0.1"  # loopback only
        base = f"http://127.0.0.1:{server.server_port}/"
        page = _get(base)
        assert "First words: " in page and "/__version" in page
        numbers = preview_numbers(tmp_path)
        assert f"First words: {numbers['headline']['incidents']['text']} incidents." in page
        assert not (tmp_path / "out" / "monthly-2025-06.pdf").exists()  # no --pdf: HTML only
        time.sleep(0.5)
        v = int(_get(base + "__version"))
        notes.write_text("Second words: {killed.total} killed.\n")
        _wait_for(base, f"Second words: {numbers['headline']['killed_total']['text']} killed.")
        assert int(_get(base + "__version")) > v
        # an unknown name: the page shows the one-line error, the preview keeps running
        notes.write_text("Broken: {killed.totl}\n")
        _wait_for(base, "line 1: unknown number")
        assert preview.error
        notes.write_text("Fixed: {incidents}.\n")
        _wait_for(base, f"Fixed: {numbers['headline']['incidents']['text']}.")
        assert preview.error is None
        # the configuration is watched too, and a changed one is not served from the kept statistics
        config.write_text('[brief]\ntitle = "Second title"\n')
        page = _wait_for(base, "Second title")
        assert "First title" not in page
    finally:
        stop.set()
        watcher.join(timeout=10)
        server.shutdown()
        server.server_close()
    assert not watcher.is_alive()


@pytest.mark.slow
def test_ctrl_c_ends_the_preview_cleanly(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reports.cli",
            "preview",
            "--period",
            "2025-06",
            "--port",
            "0",
            "--out",
            str(tmp_path / "out"),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert proc.stderr is not None
        lines = []
        t0 = time.perf_counter()
        while not any("serving http://127.0.0.1:" in ln for ln in lines):
            assert time.perf_counter() - t0 < 60, lines
            lines.append(proc.stderr.readline())
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=15)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest
    assert "preview stopped" in rest and "Traceback" not in rest
