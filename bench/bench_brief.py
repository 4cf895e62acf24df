"""Benchmark: the monthly brief on the demo data as a cold command.

Runs ``secbrief brief --period 2025-06 --timings --no-cache`` as a fresh process N times
(each a cold start), with and without the pre-forked WeasyPrint worker, and prints the
median total and the median of each stage; then the unchanged rebuild (cache hit).
Also prints the cold import cost of the heavy libraries and the time a warm WeasyPrint
process takes to lay out and write the brief's HTML: the render cannot start before
the slowest branch of the pipeline ends, so these give the floor of the cold command
with this architecture on this machine. Machines here are shared: compare variants
measured in the same run (they are interleaved).

Usage: .venv/bin/python bench/bench_brief.py [--runs 5] [--period 2025-06]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).with_name("secbrief")


def cold_import(module: str) -> float:
    """Seconds to import ``module`` in a fresh interpreter."""
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


RENDER_ONLY = """
import statistics, sys, time
from pathlib import Path
from analysis._assets import templates_dir
from reports.render import html_to_pdf
html = Path(sys.argv[1]).read_text()
html_to_pdf(html, base_dir=templates_dir(), allowed=[templates_dir()])  # warm: fonts, first-use set-up
ts = []
for _ in range(3):
    t = time.perf_counter()
    html_to_pdf(html, base_dir=templates_dir(), allowed=[templates_dir()])
    ts.append(time.perf_counter() - t)
print(statistics.median(ts))
"""


def render_only(html: Path) -> float:
    """Median seconds a warm WeasyPrint process takes to turn the brief's HTML into the PDF."""
    out = subprocess.run([sys.executable, "-c", RENDER_ONLY, str(html)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def earlier_months(period: str, n: int) -> list[str]:
    """The ``n`` months before ``period`` (``YYYY-MM``), latest first."""
    year, month = map(int, period.split("-"))
    out = []
    for _ in range(n):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        out.append(f"{year}-{month:02d}")
    return out


def run_once(period: str, out: str, env: dict[str, str], *, cache: bool = False) -> tuple[float, dict[str, float]]:
    """Wall time of one ``secbrief brief`` process and the stage times it printed."""
    argv = [str(BIN), "brief", "--period", period, "--out", out, "--timings", "-q"]
    if not cache:
        argv.append("--no-cache")
    t0 = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"brief failed: {r.stderr.strip()}")
    stages = {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)s", r.stdout.split("; total")[0])}
    return wall, stages


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default="2025-06")
    a = ap.parse_args()
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    imports = {}
    for m in ("pandas", "matplotlib.figure", "weasyprint", "jinja2", "scipy.special", "scipy.stats", "reports.cli"):
        imports[m] = statistics.median(cold_import(m) for _ in range(3))
        print(f"cold import {m:18s} {imports[m]:.2f} s (median of 3)")
    variants = {"pre-forked worker": {}, "single process": {"SECBRIEF_NO_PREFORK": "1"}}
    results: dict[str, list[tuple[float, dict[str, float]]]] = {k: [] for k in variants}
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "SECBRIEF_CACHE": cache}
        run_once(a.period, out, env)  # warm the OS file cache once
        for _ in range(a.runs):  # interleave the variants so load changes hit both alike
            for name, extra in variants.items():
                results[name].append(run_once(a.period, out, {**env, **extra}))
        run_once(a.period, out, env, cache=True)  # fill the brief cache (and the parsed-data cache)
        hits = [run_once(a.period, out, env, cache=True)[0] for _ in range(a.runs)]
        # the usual monthly run: a new period (brief cache miss) on data already parsed once
        fresh = [run_once(p, out, env, cache=True)[0] for p in earlier_months(a.period, a.runs)]
    medians = {}
    for name, rs in results.items():
        walls = [w for w, _ in rs]
        medians[name] = statistics.median(walls)
        stages = {k: statistics.median(s[k] for _, s in rs) for k in rs[0][1]}
        split = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
        print(
            f"{name:18s} median {medians[name]:.2f} s over {len(rs)} cold runs (min {min(walls):.2f}); "
            f"stages (median s): {split}"
        )
    print(f"speed-up of the pre-forked worker: {medians['single process'] / medians['pre-forked worker']:.2f}x")
    print(f"unchanged rebuild (cache hit), cold command: median {statistics.median(hits):.2f} s")
    print(f"new period, data parsed before (parsed-data cache hit), cold: median {statistics.median(fresh):.2f} s")
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        run_once(a.period, out, {**os.environ, "SECBRIEF_CACHE": cache})
        render = render_only(next(Path(out).glob("*.html")))
    print(f"render only (warm WeasyPrint process, HTML to PDF): median {render:.2f} s")
    branch = max(imports["pandas"], imports["matplotlib.figure"], imports["weasyprint"])
    print(
        f"floor of this pipeline: slowest import branch {branch:.2f} s + render {render:.2f} s"
        f" = {branch + render:.2f} s (before reading, computing and drawing anything)"
    )


if __name__ == "__main__":
    main()
