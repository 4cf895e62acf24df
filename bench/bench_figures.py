"""Time of the figure stage of a brief: ``brief_figures`` and each chart's data, drawing and SVG.

Run: ``.venv/bin/python bench/bench_figures.py [--period 2025-06] [--runs 5] [--boundaries FILE]``.
Prints the median wall-clock and CPU seconds over the runs (after one warm-up run, so
imports and font caches are not counted; the cold cost of importing matplotlib is
printed separately).
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", default="2025-06")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--boundaries", default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: F401

    cold_import = time.perf_counter() - t0

    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from reports.context import brief_kind
    from reports.figures import brief_figures, draw, registry

    inc = load_incidents(demo_path())
    period = parse_period(args.period)
    kind = brief_kind(period)
    brief_figures(inc.frame, period, kind=kind, boundaries=args.boundaries)  # warm-up

    wall, cpu = [], []
    for _ in range(args.runs):
        w, c = time.perf_counter(), time.process_time()
        figs = brief_figures(inc.frame, period, kind=kind, boundaries=args.boundaries)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    print(f"matplotlib cold import: {cold_import:.2f} s")
    print(
        f"brief_figures, {kind} {period.slug}, {len(figs)} charts: median {statistics.median(wall):.2f} s wall, "
        f"{statistics.median(cpu):.2f} s CPU over {args.runs} runs"
    )
    for name, spec in registry(boundaries=args.boundaries).items():
        if kind not in spec.kinds:
            continue
        per = []
        for _ in range(args.runs):
            c = time.process_time()
            d = draw(spec, inc.frame, period)
            per.append(time.process_time() - c)
        print(f"  {name:16s} {statistics.median(per):.3f} s CPU, SVG {len(d.svg) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
