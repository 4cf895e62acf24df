"""Benchmark: read, map and validate the 6,416-event UCDP GED file (target: under 1 s).

Run: ``.venv/bin/python bench/bench_read.py [--runs 7] [FILE]``. Prints the median and
spread of several runs of :func:`analysis.io.load_incidents` (read + map + validate +
fingerprint), split by stage, after one warm-up run (imports, pattern compilation).
Wall-clock and CPU time are both printed: on a machine shared with other jobs
(see the load average printed) the CPU time is what an idle machine's wall clock shows.

Before/after: ``.venv/bin/python bench/bench_read.py --before REF [--runs 5] [FILE ...]``
extracts ``analysis/`` and ``data/`` of the git revision ``REF`` into a temporary folder
and runs fresh processes of that code and of the working tree, interleaved. Each process
times its imports (pandas, then ``analysis.io``), a cold first ``load_incidents`` (which
includes whatever the load imports lazily, e.g. pyarrow) and the median of three warm
loads. Medians over the runs and after/before ratios are printed per file (default: the
demo file and the UCDP GED file).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.shared_paths import shared_data_dir  # noqa: E402

DEFAULT = shared_data_dir() / "ucdp-ged-pakistan.csv"
TARGET_S = 1.0
DEMO = ROOT / "data" / "demo" / "incidents.csv.gz"

#: Run in a fresh process of each version: import costs, a cold load, warm loads (JSON out).
CHILD = """
import json, statistics, sys, time
t0 = time.perf_counter()
import pandas
t1 = time.perf_counter()
import analysis.io
t2 = time.perf_counter()
inc = analysis.io.load_incidents(sys.argv[1])
t3 = time.perf_counter()
warm = []
for _ in range(3):
    a = time.perf_counter()
    analysis.io.load_incidents(sys.argv[1])
    warm.append(time.perf_counter() - a)
print(json.dumps({"pandas": t1 - t0, "import": t2 - t1, "cold": t3 - t2, "warm": statistics.median(warm),
                  "rows": len(inc.frame), "fingerprint": inc.fingerprint, "where": analysis.io.__file__}))
"""


def _extract(ref: str, into: Path) -> None:
    """``analysis/`` and ``data/`` of git revision ``ref`` written under ``into``."""
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "analysis", "data"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")


def _child(tree: Path, file: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(file)], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    assert Path(result["where"]).is_relative_to(tree), result["where"]
    return result


def compare(ref: str, files: list[Path], runs: int) -> int:
    """Fresh processes of ``ref`` and of the working tree, interleaved; medians and ratios."""
    print(f"before = {ref}, after = working tree; {runs} fresh processes each, interleaved")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp)
        _extract(ref, old)
        for file in files:
            got: dict[str, list[dict]] = {"before": [], "after": []}
            for _ in range(runs):
                got["before"].append(_child(old, file))
                got["after"].append(_child(ROOT, file))
            b, a = got["before"][0], got["after"][0]
            same = "same" if (b["rows"], b["fingerprint"]) == (a["rows"], a["fingerprint"]) else "DIFFERENT"
            print(f"\n{file.name}: {a['rows']:,} incidents; fingerprint {same}")
            print(f"  {'median of ' + str(runs):24s} {'before':>8s} {'after':>8s} {'ratio':>7s}")
            for key, label in (
                ("pandas", "import pandas"),
                ("import", "import analysis.io"),
                ("cold", "first load (cold)"),
                ("warm", "warm load"),
            ):
                mb = statistics.median(r[key] for r in got["before"])
                ma = statistics.median(r[key] for r in got["after"])
                print(f"  {label:24s} {mb:7.3f}s {ma:7.3f}s {ma / mb:7.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--before", metavar="REF", help="compare with git revision REF in fresh processes")
    args = ap.parse_args(argv)
    if args.before:
        return compare(args.before, [f.resolve() for f in args.file] or [DEMO, DEFAULT.resolve()], args.runs)
    args.file = args.file[0] if args.file else DEFAULT

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
