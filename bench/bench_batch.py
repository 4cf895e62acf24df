"""Benchmark: 12 monthly briefs × 5 regions on the demo data, in parallel and one by one.

Prints wall time, time per brief and the speed-up of the parallel batch over building
the same briefs one by one in one process (the fairest baseline: it pays the imports
once too). Machines here are shared: both variants are measured in the same run.

Usage: .venv/bin/python bench/bench_batch.py [--months 2024-01..2024-12] [--regions ...] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--months", default="2024-01..2024-12")
    ap.add_argument("--regions", default="national,Khyber Pakhtunkhwa,Balochistan,Punjab,Sindh")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    os.environ.setdefault("SECBRIEF_NO_PREFORK", "1")
    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from reports.batch import plan, run_batch
    from reports.config import Config

    inc = load_incidents(demo_path())
    jobs = plan(a.months, a.regions, ["monthly"], inc)
    print(f"{len(jobs)} briefs; cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}")
    walls = {}
    for label, workers in (("parallel", a.workers), ("one by one", 1)):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            results = run_batch(inc, jobs, out_dir=Path(out), cfg=Config(), workers=workers)
            walls[label] = time.perf_counter() - t0
            failed = sum(not r.ok for r in results)
            per = sorted(r.seconds for r in results)
            print(
                f"{label:10s} workers {workers}: wall {walls[label]:.1f} s, {walls[label] / len(jobs):.2f} s per "
                f"brief (median build {per[len(per) // 2]:.2f} s), {failed} failed"
            )
    print(f"speed-up of the parallel batch: {walls['one by one'] / walls['parallel']:.2f}x")


if __name__ == "__main__":
    main()
