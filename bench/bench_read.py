"""Benchmark: read, map and validate the 6,416-event UCDP GED file (target: under 1 s).

Run: ``.venv/bin/python bench/bench_read.py [--runs 7] [FILE]``. Prints the median and
spread of several runs of :func:`analysis.io.load_incidents` (read + map + validate +
fingerprint), split by stage, after one warm-up run (imports, pandera schema build).
Wall-clock and CPU time are both printed: on a machine shared with other jobs
(see the load average printed) the CPU time is what an idle machine's wall clock shows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path(os.environ.get("SECBRIEF_SHARED_DATA", ROOT.parent / "shared" / "data")) / "ucdp-ged-pakistan.csv"
TARGET_S = 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from analysis.incidents import fingerprint
    from analysis.io import load_incidents, read_mapped
    from analysis.validate import validate_rows

    inc = load_incidents(args.file)  # warm-up
    print(
        f"first run incl. imports: {time.perf_counter() - t0:.3f} s; {len(inc.frame):,} incidents, source {inc.source}"
    )
    totals, cpu, stages = [], [], {"read+map": [], "validate": [], "fingerprint": []}
    for _ in range(args.runs):
        a = time.perf_counter()
        name, mapped = read_mapped(args.file, inc.source)
        b = time.perf_counter()
        frame, _ = validate_rows(mapped, file=str(args.file), source=name)
        c = time.perf_counter()
        fingerprint(frame)
        d = time.perf_counter()
        stages["read+map"].append(b - a)
        stages["validate"].append(c - b)
        stages["fingerprint"].append(d - c)
        e, f = time.perf_counter(), time.process_time()
        load_incidents(args.file)
        totals.append(time.perf_counter() - e)
        cpu.append(time.process_time() - f)
    med = statistics.median(totals)
    print(
        f"load_incidents over {args.runs} runs: median {med:.3f} s (min {min(totals):.3f}, max {max(totals):.3f}); "
        f"target < {TARGET_S:.1f} s: {'met' if med < TARGET_S else 'NOT met'} (ratio {med / TARGET_S:.2f})"
    )
    print(
        f"  CPU time median {statistics.median(cpu):.3f} s; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    for k, v in stages.items():
        print(f"  {k:12s} median {statistics.median(v):.3f} s")
    print(f"  rows per second: {len(inc.frame) / med:,.0f}")
    return 0 if med < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
