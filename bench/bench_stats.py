"""Benchmark: the statistics of the monthly brief, against a reference version of them.

Records every ``compare_counts`` / ``compare_deaths`` call and every rate interval that
``reports.context.build_context`` makes for a monthly brief on the demo data (month vs
previous month, vs the same month last year, year to date; by province), then prints,
for the current code and for ``analysis/changes.py`` + ``analysis/rates.py`` as they were
at ``--ref`` (default: the commit before the fast statistics), interleaved:

- cold: a fresh interpreter importing the modules and making one call of each kind
  (the imports the analysis stage pays at every cold start), and which of
  scipy.stats / scipy.optimize / scipy.signal / scipy.special it imported;
- work: all the recorded calls, warm (median of ``--runs``), per function;
- the largest relative difference of p-values and interval bounds between the two.

Run: ``.venv/bin/python bench/bench_stats.py [--runs 5] [--period 2025-06] [--ref REV]``
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy.stats", "scipy.optimize", "scipy.signal", "scipy.special")


def default_ref() -> str:
    """The parent of the first commit that has the fast clustered solver (DEATHS_BOUND_TOL)."""
    out = subprocess.run(
        ["git", "log", "--reverse", "--format=%H", "-S", "DEATHS_BOUND_TOL", "--", "analysis/changes.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not out:
        raise SystemExit("cannot find the reference commit; pass --ref")
    return f"{out[0]}~1"


def export_ref(rev: str, where: Path) -> dict[str, Path]:
    """Write ``analysis/changes.py`` and ``analysis/rates.py`` at ``rev`` into ``where``."""
    paths = {}
    for name in ("changes", "rates"):
        text = subprocess.run(
            ["git", "show", f"{rev}:analysis/{name}.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        paths[name] = where / f"ref_{name}.py"
        paths[name].write_text(text)
    return paths


def load(path: Path, name: str) -> ModuleType:
    """Import a module from a file under ``name`` (its own imports resolve to the installed packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def record(period: str) -> list[tuple[str, tuple, dict]]:
    """The statistical calls ``build_context`` makes for ``period`` on the demo data."""
    import numpy as np

    import analysis.changes as ch
    import analysis.key_findings as af
    import analysis.rates as ra
    import reports.context as rc
    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from reports.config import Config

    calls: list[tuple[str, tuple, dict]] = []
    originals: list[tuple[ModuleType, str, object]] = []

    def wrap(module: ModuleType, name: str) -> None:
        original = getattr(module, name)
        originals.append((module, name, original))

        def recorder(*args, **kwargs):
            calls.append((name, tuple(np.array(a, copy=True) if np.ndim(a) else a for a in args), dict(kwargs)))
            return original(*args, **kwargs)

        setattr(module, name, recorder)

    for module in (ch, rc, af):
        for name in ("compare_counts", "compare_deaths"):
            if hasattr(module, name):
                wrap(module, name)
    for name in ("poisson_interval", "clustered_poisson_interval"):
        wrap(ra, name)
    inc = load_incidents(demo_path())
    try:
        rc.build_context(inc, parse_period(period), cfg=Config(), figures=())
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return calls


def replay(calls, changes: ModuleType, rates: ModuleType) -> tuple[dict[str, float], list]:
    """Seconds per function name for all ``calls``, and the results."""
    spent: dict[str, float] = {}
    results = []
    for name, args, kwargs in calls:
        fn = getattr(changes if name.startswith("compare") else rates, name)
        t = time.perf_counter()
        results.append(fn(*args, **kwargs))
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return spent, results


COLD = """
import sys, time, importlib.util
t = time.perf_counter()
if {ref!r}:
    def load(path, name):
        spec = importlib.util.spec_from_file_location(name, path)
        m = importlib.util.module_from_spec(spec); sys.modules[name] = m; spec.loader.exec_module(m); return m
    ch, ra = load({changes!r}, "ref_changes"), load({rates!r}, "ref_rates")
else:
    import analysis.changes as ch, analysis.rates as ra
import numpy as np
if {calls!r}:
  ch.compare_counts(356, 195, current_days=30, previous_days=31)
  ch.compare_deaths([40, 2, 1, 1, 3], [3, 2, 2, 1], current_days=30, previous_days=31)
  ra.poisson_interval(np.arange(5)); ra.clustered_poisson_interval(np.array([40, 2, 1]))
print(time.perf_counter() - t, ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def cold(label: str, paths: dict[str, Path]) -> tuple[float, str]:
    """Seconds for a fresh interpreter to import the modules and call each function once.

    ``label`` is ``"ref"``, ``"new"``, or ``"base"`` (the current modules imported, no call:
    numpy, pandas and the rest of ``analysis`` that both versions pay).
    """
    code = COLD.format(
        ref=label == "ref", calls=label != "base", changes=str(paths["changes"]), rates=str(paths["rates"]), heavy=HEAVY
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    seconds, _, modules = out.stdout.strip().partition(" ")
    return float(seconds), modules or "-"


def rel(a: float, b: float) -> float:
    if a == b or (math.isnan(a) and math.isnan(b)):
        return 0.0
    return abs(a / b - 1.0) if b else math.inf


def differences(new: list, ref: list) -> dict[str, float]:
    """Largest relative difference per kind of number."""
    import numpy as np

    worst: dict[str, float] = {}
    for a, b in zip(new, ref, strict=True):
        if hasattr(a, "p_value"):
            kind = "deaths" if "clustered" in a.method else "counts"
            for f in ("p_value", "ci_low", "ci_high"):
                key = f"{kind} {f}"
                worst[key] = max(worst.get(key, 0.0), rel(getattr(a, f), getattr(b, f)))
        else:
            for x, y in zip(np.ravel(a).tolist(), np.ravel(b).tolist(), strict=True):
                worst["rate intervals"] = max(worst.get("rate intervals", 0.0), rel(x, y))
    return worst


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default="2025-06")
    ap.add_argument("--ref", default=None, help="git revision of the reference statistics")
    a = ap.parse_args()
    ref_rev = a.ref or default_ref()
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; reference {ref_rev}")
    import analysis.changes as changes
    import analysis.rates as rates

    calls = record(a.period)
    kinds = {n: sum(1 for c in calls if c[0] == n) for n in dict.fromkeys(c[0] for c in calls)}
    print(f"recorded from build_context({a.period}): " + ", ".join(f"{v} {k}" for k, v in kinds.items()))
    with tempfile.TemporaryDirectory() as tmp:
        paths = export_ref(ref_rev, Path(tmp))
        ref_changes, ref_rates = load(paths["changes"], "ref_changes"), load(paths["rates"], "ref_rates")
        colds: dict[str, list[float]] = {"ref": [], "new": [], "base": []}
        mods = {}
        for _ in range(a.runs):
            for label in colds:
                s, mods[label] = cold(label, paths)
                colds[label].append(s)
        replay(calls, ref_changes, ref_rates)  # warm both (lazy imports, caches)
        replay(calls, changes, rates)
        work: dict[str, list[dict[str, float]]] = {"ref": [], "new": []}
        for _ in range(a.runs):
            work["ref"].append(replay(calls, ref_changes, ref_rates)[0])
            work["new"].append(replay(calls, changes, rates)[0])
        worst = differences(replay(calls, changes, rates)[1], replay(calls, ref_changes, ref_rates)[1])

    def ratio(r: float, n: float) -> str:
        return f"{r / n:5.1f}x" if n > 0 else "  -"

    print(f"\ncold import + first calls (fresh interpreter, median of {a.runs}):")
    r, n, b = (statistics.median(colds[k]) for k in ("ref", "new", "base"))
    print(f"  ref {r:6.2f} s   new {n:6.2f} s   {ratio(r, n)}")
    print(f"  of which the statistics (minus importing the modules without calling them, {b:.2f} s):")
    print(f"  ref {r - b:6.2f} s   new {n - b:6.2f} s   {ratio(r - b, n - b)}")
    print(f"  scipy modules imported: ref {mods['ref']}; new {mods['new']}")
    print(f"\nwork, warm, all recorded calls (median of {a.runs}):")
    for name in [*kinds, "total"]:
        pick = (lambda d: sum(d.values())) if name == "total" else (lambda d, k=name: d.get(k, 0.0))
        r = statistics.median(pick(d) for d in work["ref"])
        n = statistics.median(pick(d) for d in work["new"])
        print(f"  {name:28s} ref {r:7.3f} s   new {n:7.3f} s   {ratio(r, n)}")
    print("\nlargest relative difference, new vs ref:")
    for k, v in sorted(worst.items()):
        print(f"  {k:22s} {v:.1e}")


if __name__ == "__main__":
    main()
