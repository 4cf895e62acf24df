"""Benchmark: the track record of ``analysis.forecast_counts`` on UCDP GED Pakistan.

One-month-ahead rolling-origin backtests (``analysis.backtest_counts``), each forecast made
only from the months before it, for deaths (``killed_total``, UCDP ``best``) and incidents,
national and in Khyber Pakhtunkhwa and Balochistan, over two sets of target months:

- 2004-01..2011-12: the rise and peak of the violence (earlier origins, a regime the
  model was not chosen on);
- 2012-01..2021-12: the period of the targets (issue 17): 80 % coverage within 75-85 %,
  95 % coverage at least 90 %, mean pinball loss at least 10 % below the better baseline.

Only incidents that can be placed in one calendar month count
(``analysis.forecast.placeable_in_month``: not dated only to a year, not running into
another month); the number left out is printed. Series run from 1989-01 (zero-filled).
A sensitivity table shows the national deaths result for other values of the model's two
constants (the log offset and the error window), so a reader can see that the
choice is not balanced on a knife edge. The run time of each backtest is printed.

Run: ``.venv/bin/python bench/bench_forecast.py [--data PATH]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.shared_paths import shared_data_dir  # noqa: E402

DEFAULT = shared_data_dir() / "ucdp-ged-pakistan.csv"
SPANS = (("2004-01", "2011-12"), ("2012-01", "2021-12"))
SERIES = (
    ("killed_total", None),
    ("incidents", None),
    ("killed_total", "Khyber Pakhtunkhwa"),
    ("incidents", "Khyber Pakhtunkhwa"),
    ("killed_total", "Balochistan"),
    ("incidents", "Balochistan"),
)


def targets_met(s) -> tuple[bool, bool, bool]:
    """The three targets of issue 17 for one track record."""
    return 0.75 <= s.forecast.coverage_80 <= 0.85, s.forecast.coverage_95 >= 0.90, s.skill >= 0.10


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)

    import analysis as an
    from analysis import forecast as fc

    t0 = time.perf_counter()
    inc = an.load_incidents(args.data, source="ucdp")
    frame = inc.frame
    keep = fc.placeable_in_month(frame)
    left = frame.loc[~keep]
    frame = frame.loc[keep]
    print(f"data: {args.data.name}, {len(inc.frame):,} incidents, loaded in {time.perf_counter() - t0:.2f} s")
    print(
        f"left out (not placeable in one month): {len(left)} incidents, "
        f"{int(left['killed_total'].sum()):,} deaths "
        f"({int((left['date_precision'] == 'year').sum())} dated only to a year)"
    )
    print(f"method: {fc.METHOD_MODEL}")
    print()
    head = (
        f"{'series':<34} {'targets':<17} {'n':>4} {'cov50':>6} {'cov80':>6} {'cov95':>6} "
        f"{'loss':>8} {'s.naive':>8} {'12m-mean':>8} {'skill':>6} {'time':>6}  targets met"
    )
    print(head)
    print("-" * len(head))
    results = {}
    span = an.date_range("1989-01-01", "2021-12-31")
    for measure, province in SERIES:
        s = an.monthly_series(frame, measure=measure, province=province, period=span)
        for start, end in SPANS:
            t = time.perf_counter()
            r = an.backtest_counts(s, start=start, end=end).summary
            took = time.perf_counter() - t
            results[(measure, province, start)] = r
            met = targets_met(r)
            verdict = "80%:{} 95%:{} loss:{}".format(*("yes" if m else "NO" for m in met))
            f = r.forecast
            print(
                f"{measure + ', ' + (province or 'Pakistan'):<34} {start + '..' + end:<17} {r.months:>4} "
                f"{f.coverage_50:>6.1%} {f.coverage_80:>6.1%} {f.coverage_95:>6.1%} {f.pinball:>8.2f} "
                f"{r.seasonal_naive.pinball:>8.2f} {r.recent_mean.pinball:>8.2f} {r.skill:>+6.1%} {took:>5.2f}s"
                f"  {verdict}"
            )
    print()
    print("Baseline coverage (80 % / 95 %), 2012-01..2021-12:")
    for measure, province in SERIES:
        r = results[(measure, province, "2012-01")]
        print(
            f"  {measure + ', ' + (province or 'Pakistan'):<34} seasonal naive "
            f"{r.seasonal_naive.coverage_80:.1%} / {r.seasonal_naive.coverage_95:.1%}; "
            f"12-month mean (Poisson) {r.recent_mean.coverage_80:.1%} / {r.recent_mean.coverage_95:.1%}"
        )
    print()
    print("Sensitivity, deaths, Pakistan (cov80 / cov95 / skill), model constants varied:")
    s = an.monthly_series(frame, measure="killed_total", period=span)
    chosen = (fc.OFFSET, fc.WINDOW)
    try:
        for offset in (1.0, 5.0, 10.0):
            for window in (24, 36, 60):
                fc.OFFSET, fc.WINDOW = offset, window
                cells = []
                for start, end in SPANS:
                    r = an.backtest_counts(s, start=start, end=end).summary
                    cells.append(f"{r.forecast.coverage_80:.0%}/{r.forecast.coverage_95:.0%}/{r.skill:+.0%}")
                mark = " (chosen)" if (offset, window) == chosen else ""
                print(f"  log(y + {offset:g}), last {window} errors:  2004-11 {cells[0]:<15} 2012-21 {cells[1]}{mark}")
    finally:
        fc.OFFSET, fc.WINDOW = chosen
    print()
    late = [results[(m, p, "2012-01")] for m, p in SERIES]
    all_met = all(all(targets_met(r)) for r in late)
    print(f"all targets met on 2012-01..2021-12 for the six series: {'yes' if all_met else 'NO'}")
    print(f"total run time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
