"""Benchmark: ``analysis.reconcile`` on the real data, matching quality on the hand-checked sample.

Run: ``.venv/bin/python bench/bench_reconcile.py [--runs 3]``.

For each comparison with hand-checked verdicts in ``tests/fixtures/reconcile/hand-checked.csv``
(UCDP GED against the press-compiled suicide-attack list, 2007-2017; and, where verdicts exist,
against the drone-strike list in North and South Waziristan, 2004-2017) it prints:

- precision and recall of the links on the sample (:func:`analysis.reconcile.linkage_quality`:
  a link judged the same event is a true positive; a link judged a different event, or one
  that links an incident judged to have no counterpart, a false positive; a pair judged the
  same event and not linked, a false negative; links no verdict covers are not counted);
- the same at other ``--min-weight`` thresholds (links proposed at a lower threshold that no
  verdict covers are not counted, so precision there is an estimate from fewer links);
- the run time of :func:`analysis.reconcile.reconcile` (median and spread of ``--runs`` runs
  after one warm-up, wall clock and CPU), and the time to load both files once.

The sample was drawn from the links and unmatched rows of one run (seeded) and judged by
reading both rows: see the fixture's ``reason`` column.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.shared_paths import shared_data_dir  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "reconcile" / "hand-checked.csv"
#: Match-weight thresholds whose precision and recall are printed too (the default is 0).
THRESHOLDS = (1.0, -1.0, -2.0)
#: comparison name in the fixture -> (list file, profile, period, region)
COMPARISONS = {
    "suicide": ("pakistan-suicide-attacks.csv", "profile:pakistan-suicide-attacks", "2007..2017", None),
    "drone": (
        "pakistan-drone-strikes.csv",
        "profile:pakistan-drone-strikes",
        "2004..2017",
        "North Waziristan,South Waziristan",
    ),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    import pandas as pd

    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from analysis.reconcile import linkage_quality, reconcile

    data = shared_data_dir()
    verdicts = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    verdicts = verdicts.rename(columns={"ucdp_id": "a_id", "list_id": "b_id"})
    print(f"load average {os.getloadavg()[0]:.2f}; data {data}")
    t0 = time.perf_counter()
    ucdp = load_incidents(data / "ucdp-ged-pakistan.csv", source="ucdp")
    print(f"load UCDP GED: {time.perf_counter() - t0:.2f} s")
    for name, (file, source, period, region) in COMPARISONS.items():
        v = verdicts.loc[verdicts["comparison"] == name]
        if v.empty:
            print(f"\n{name}: no hand-checked verdicts")
            continue
        t0 = time.perf_counter()
        other = load_incidents(data / file, source=source)
        load_s = time.perf_counter() - t0
        rec = reconcile(ucdp, other, parse_period(period), region)  # warm-up (imports, DuckDB)
        wall, cpu = [], []
        for _ in range(args.runs):
            w0, c0 = time.perf_counter(), time.process_time()
            rec = reconcile(ucdp, other, parse_period(period), region)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        q = linkage_quality(rec.pairs(), v)
        n = {k: int((v["kind"] == k).sum()) for k in ("pair", "found", "unmatched_a", "unmatched_b")}
        where = f", {region}" if region else ""
        print(f"\nUCDP GED vs {file} ({period}{where})")
        print(
            f"  sample: {n['pair']} proposed pairs, {n['unmatched_a']} unmatched UCDP rows, "
            f"{n['unmatched_b']} unmatched list rows, {n['found']} pairs found while checking"
        )
        print(
            f"  links on the sample: {q.true_positive} right, {q.false_positive} wrong, "
            f"{q.false_negative} missed ({q.unlabelled} links outside the sample)"
        )
        print(f"  precision {q.precision:.3f}   recall {q.recall:.3f}")
        print(
            f"  links {len(rec.matching.links)} ({int((rec.matching.links['link'] == 'extra').sum())} extra), "
            f"candidates {len(rec.matching.candidates)}"
        )
        curve = []
        for t in THRESHOLDS:
            qt = linkage_quality(reconcile(ucdp, other, parse_period(period), region, min_weight=t).pairs(), v)
            curve.append(f"{t:+g}: P {qt.precision:.2f} R {qt.recall:.2f}")
        print("  by --min-weight  " + "   ".join(curve))
        print(
            f"  reconcile: median {statistics.median(wall):.2f} s wall (min {min(wall):.2f}, max {max(wall):.2f}), "
            f"{statistics.median(cpu):.2f} s CPU, {args.runs} runs; load list {load_s:.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
