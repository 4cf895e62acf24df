"""Benchmark: ``secbrief preview`` — from saving the notes to the rebuilt page being served.

Starts the preview loop in this process exactly as ``secbrief preview`` does (warm imports, the
server on 127.0.0.1, the file watcher), on the demo data with the demo's sample notes copied to a
temporary folder, waits for the first build, then ``--edits`` times appends a sentence to the
notes and measures the time until ``/__version`` on the server changes (watcher latency +
rebuild). Prints the first build, every rebuild, and their median (issue 16 asks ≤ 2.5 s on the
2-core machine). ``--pdf`` rewrites the PDF too.

Run: ``.venv/bin/python bench/bench_preview.py [--edits 7] [--period 2025-06] [--pdf]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--period", default="2025-06")
    ap.add_argument("--pdf", action="store_true")
    opts = ap.parse_args(argv)

    from reports.cli import build_parser
    from reports.commands.preview import Preview, serve, watch_and_rebuild

    work = Path(tempfile.mkdtemp(prefix="secbrief-bench-preview-"))
    try:
        notes = work / "notes.md"
        shutil.copy(ROOT / "data" / "demo" / "notes" / "2025-06.md", notes)
        args = build_parser().parse_args(
            ["preview", "--period", opts.period, "--notes", str(notes), "--out", str(work / "out"), "--port", "0", "-q"]
            + (["--pdf"] if opts.pdf else [])
        )
        t0 = time.perf_counter()
        preview = Preview(args)
        preview.build()
        first = time.perf_counter() - t0
        server = serve(preview, 0)
        url = f"http://127.0.0.1:{server.server_port}/__version"
        stop = threading.Event()
        watcher = threading.Thread(target=watch_and_rebuild, args=(preview,), kwargs={"stop": stop}, daemon=True)
        watcher.start()
        time.sleep(1.0)  # the watcher is armed

        def version() -> str:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()

        times = []
        for i in range(opts.edits):
            before = version()
            t = time.perf_counter()
            with notes.open("a", encoding="utf-8") as fh:
                fh.write(f"\nEdit {i + 1}: {{incidents}} incidents.\n")
            while version() == before:
                if time.perf_counter() - t > 30:
                    raise SystemExit("no rebuild within 30 s")
                time.sleep(0.01)
            times.append(time.perf_counter() - t)
            time.sleep(0.3)
        stop.set()
        watcher.join(timeout=10)
        server.shutdown()
        server.server_close()
        print(f"first build (cold charts, warm imports): {first:.2f} s")
        print("rebuilds after editing the notes: " + ", ".join(f"{x:.2f}" for x in times) + " s")
        print(f"median rebuild: {statistics.median(times):.2f} s (target ≤ 2.5 s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
