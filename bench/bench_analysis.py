"""Benchmark: monthly tables and MoM/YoY changes on 2.5 million synthetic incidents.

Prints, as the median of several runs:
- the full monthly table (month x province x killed category, incidents) with count_table;
- MoM and YoY changes for every province and month (deaths and incidents) with change_table;
- the total against the 2 s target, and the process's peak memory against 1.5 GB;
- the time of ``import analysis`` in a fresh interpreter, and whether it imported statsmodels.

Run: ``.venv/bin/python bench/bench_analysis.py [--n 2500000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

TARGET_SECONDS = 2.0
TARGET_PEAK_GB = 1.5
CATEGORIES = ["killed_security", "killed_civilians", "killed_militants", "killed_unknown", "killed_total"]


def _strings(rng: np.random.Generator, values: list[str | None], p: list[float], n: int) -> pd.Series:
    codes = rng.choice(len(values), n, p=p)
    names = [v for v in values if v is not None]
    codes = np.array([names.index(v) if v is not None else -1 for v in values])[codes]
    return pd.Series(pd.Categorical.from_codes(codes, names)).astype("string")


def synthetic(n: int, seed: int = 1) -> pd.DataFrame:
    """A canonical incident frame: 2000-2025, 7 provinces (some blank), clustered deaths, blanks."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from analysis import schema
    from analysis.gazetteer import reporting_provinces

    rng = np.random.default_rng(seed)
    days = (pd.Timestamp("2025-12-31") - pd.Timestamp("2000-01-01")).days + 1
    date = pd.Timestamp("2000-01-01").to_datetime64() + rng.integers(0, days, n).astype("timedelta64[D]")
    ids = pc.binary_join_element_wise("i", pc.cast(pa.array(np.arange(n)), pa.string()), "")
    cols: dict[str, object] = {
        "incident_id": pd.array(ids, dtype="string"),
        "date": date.astype("datetime64[ns]"),
        "province": _strings(rng, [*reporting_provinces(), None], [0.07, 0.08, 0.5, 0.25, 0.02, 0.03, 0.03, 0.02], n),
        "event_type": _strings(rng, ["attack", "operation", "clash", "other"], [0.6, 0.3, 0.07, 0.03], n),
    }
    total = np.zeros(n)
    for c, scale in (
        ("killed_security", 0.8),
        ("killed_civilians", 0.6),
        ("killed_militants", 1.2),
        ("killed_unknown", 0.1),
    ):
        v = rng.negative_binomial(0.4, 0.4 / (0.4 + scale), n).astype("float64")
        total += v
        v[rng.random(n) < 0.05] = np.nan
        cols[c] = pd.array(v, dtype="Int64")
    cols["killed_total"] = pd.array(total, dtype="Int64")
    # the other schema columns, blank (built directly: schema.conform makes blank
    # text columns from Python lists, which takes most of a minute at this size)
    template = schema.empty_frame()
    for name in template.columns:
        if name in cols:
            continue
        dtype = template[name].dtype
        if str(dtype) == "Int64":
            cols[name] = pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
        elif str(dtype) == "Float64":
            cols[name] = pd.arrays.FloatingArray(np.zeros(n), np.ones(n, dtype=bool))
        elif str(dtype).startswith("datetime64"):
            cols[name] = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
        else:
            cols[name] = pd.array(pa.nulls(n, pa.string()), dtype=dtype)
    frame = pd.DataFrame(cols)[list(template.columns)]
    assert (frame.dtypes == template.dtypes).all(), "synthetic frame is not canonical"
    return frame


def run_once(frame: pd.DataFrame) -> tuple[float, float, int]:
    from analysis.changes import changes_from_table
    from analysis.counts import count_table

    t0 = time.perf_counter()
    table = count_table(frame, by=["month", "province"], measures=["incidents", *CATEGORIES], with_squares=True)
    t1 = time.perf_counter()
    rows = 0
    for measure in ("killed_total", "killed_security", "incidents"):
        for against in ("previous", "last_year"):
            rows += len(changes_from_table(table, measure=measure, by=("province",), against=against))
    t2 = time.perf_counter()
    assert int(table["incidents"].sum()) == len(frame)
    return t1 - t0, t2 - t1, rows


def import_time(first_use: bool) -> tuple[float, bool]:
    """Median time of ``import analysis`` (and, with ``first_use``, of loading every public name)."""
    use = "[getattr(analysis, n) for n in analysis.__all__]; " if first_use else ""
    code = (
        f"import time, sys; t = time.perf_counter(); import analysis; {use}"
        "print(time.perf_counter() - t, any(m.startswith('statsmodels') for m in sys.modules))"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        runs.append((float(out[0]), out[1] == "True"))
    return statistics.median(r[0] for r in runs), any(r[1] for r in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2_500_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    t = time.perf_counter()
    frame = synthetic(args.n)
    print(f"synthetic incidents: {len(frame):,} (built in {time.perf_counter() - t:.1f} s, not timed)")
    run_once(frame.iloc[:1000])  # warm imports
    results = [run_once(frame) for _ in range(args.runs)]
    table_s = statistics.median(r[0] for r in results)
    change_s = statistics.median(r[1] for r in results)
    total = statistics.median(r[0] + r[1] for r in results)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB on Linux
    imp, sm_bare = import_time(False)
    imp_all, sm_all = import_time(True)
    statsmodels_loaded = sm_bare or sm_all
    print(f"monthly table month x province x category: {table_s:.3f} s (median of {args.runs})")
    print(
        "MoM + YoY changes (all deaths, security deaths, incidents), every province and month "
        f"({results[0][2]:,} rows): {change_s:.3f} s"
    )
    print(
        f"total: {total:.3f} s; target < {TARGET_SECONDS} s: {'met' if total < TARGET_SECONDS else 'NOT met'} "
        f"(ratio {total / TARGET_SECONDS:.2f})"
    )
    print(
        f"peak memory (process, incl. the data): {peak_gb:.2f} GB; target < {TARGET_PEAK_GB} GB: "
        f"{'met' if peak_gb < TARGET_PEAK_GB else 'NOT met'}"
    )
    print(
        f"import analysis: {imp * 1000:.0f} ms; with every public name loaded (imports pandas): "
        f"{imp_all * 1000:.0f} ms (medians of 3); statsmodels imported: {statsmodels_loaded}"
    )
    ok = total < TARGET_SECONDS and peak_gb < TARGET_PEAK_GB and not statsmodels_loaded
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
