"""Benchmark: dataset versions, the cache and diffs on the demo data (and UCDP revisions).

Prints the median of several runs of each step and the speed-ups that matter for an
unchanged rebuild: reading a stored version or a cached load instead of the CSV.

    .venv/bin/python bench/versions.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    from analysis.cache import Cache, cached_load_incidents
    from analysis.counts import count_table
    from analysis.demo import demo_path
    from analysis.diff import diff_incidents
    from analysis.io import load_incidents
    from analysis.store import Store

    runs = args.runs
    tmp = Path(tempfile.mkdtemp(prefix="secbrief-bench-"))
    path = demo_path()
    print(f"demo data: {path.name}, runs per step: {runs} (median shown)")

    t_csv, inc = median_time(lambda: load_incidents(path), runs)
    print(f"load_incidents(CSV)                {t_csv:8.3f} s   ({len(inc.frame):,} incidents)")

    t_ingest, _ = median_time(lambda: Store(tempfile.mkdtemp(dir=tmp)).ingest(path), 1)
    print(f"ingest into a new store            {t_ingest:8.3f} s")
    store = Store(tmp / "store")
    store.ingest(path)
    t_noop, _ = median_time(lambda: store.ingest(path), runs)
    print(f"ingest same file again (no-op)     {t_noop:8.3f} s")
    t_store, stored = median_time(lambda: store.load("v1"), runs)
    assert stored.fingerprint == inc.fingerprint
    print(f"load from store (--data v1)        {t_store:8.3f} s   x{t_csv / t_store:,.0f} faster than the CSV")

    cache = Cache(tmp / "cache")
    cached_load_incidents(cache, path)
    t_hit, _ = median_time(lambda: cached_load_incidents(cache, path), runs)
    print(f"cached_load_incidents (hit)        {t_hit:8.3f} s   x{t_csv / t_hit:,.0f} faster than the CSV")

    def table():
        return count_table(inc.frame, by=["year", "month", "province"], with_unknown=True)

    t_table, _ = median_time(table, runs)
    cache.get_or_compute(("bench-table", inc), table)
    t_table_hit, _ = median_time(lambda: cache.get_or_compute(("bench-table", inc), table), runs)
    print(f"count_table year x month x province {t_table:7.3f} s; cache hit {t_table_hit:.4f} s")

    from tests.shared_paths import shared_data_dir

    shared = shared_data_dir() / "ucdp-ged-pakistan.csv"
    if shared.is_file():
        from tests.analysis import ucdp_versions as uv

        old_p, new_p, _ = uv.derive_versions(shared, tmp)
        old, new = load_incidents(old_p), load_incidents(new_p)
        t_diff, d = median_time(lambda: diff_incidents(old, new), runs)
        print(
            f"diff of two UCDP revisions         {t_diff:8.3f} s   ({len(old.frame):,} vs {len(new.frame):,} "
            f"incidents; {len(d.numbers):,} changed numbers)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
