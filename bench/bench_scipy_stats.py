"""Benchmark: what avoiding ``scipy.stats`` buys the monthly brief today.

The statistics of ``analysis/changes.py`` and ``analysis/rates.py`` call ``scipy.special``
(beta/gamma quantiles, binomial tails, normal tails) instead of the ``scipy.stats``
distributions. This measures, interleaved in one run (medians of ``--runs``):

- ``brief``: a cold ``secbrief brief --period P`` on the demo data (fresh cache, the
  shipped process layout), wall time;
- ``brief+stats``: the same, with ``scipy.stats`` imported when ``analysis.changes`` is
  (an import hook): what the brief would cost if its statistics used ``scipy.stats``;
- ``stats_import``: importing ``scipy.stats`` in a fresh interpreter that has already
  imported what the monthly brief imports for its statistics (numpy, pandas,
  ``scipy.special``): the extra cost the brief would pay if the statistics used it;
- whether the monthly brief imports ``scipy.stats`` anyway (it would then cost nothing).

Run: ``.venv/bin/python bench/bench_scipy_stats.py [--runs 5] [--period 2025-06]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_IMPORT = """
import time
import numpy, pandas, scipy.special
t = time.perf_counter()
import scipy.stats
print(time.perf_counter() - t)
"""

_HOOKED = """
import importlib.abc, importlib.util, sys


class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "analysis.changes":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            import scipy.stats  # noqa: F401

            run(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, Hook())
from reports.cli import main

sys.exit(main(sys.argv[1:]))
"""

_PROBE = """
import sys
from reports.cli import main
try:
    main(["brief", "--period", sys.argv[1], "--out", sys.argv[2]])
except SystemExit:
    pass
print("scipy.stats" in sys.modules)
"""


def _env(cache: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SECBRIEF_CACHE=cache, **extra)
    return env


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def brief(period: str, *, with_stats: bool = False) -> tuple[float, float]:
    """Wall time and CPU time (all the brief's processes) of one cold brief."""
    cmd = ["-c", _HOOKED] if with_stats else ["-m", "reports.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        c = _cpu()
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, *cmd, "brief", "--period", period, "--out", tmp],
            cwd=tmp,
            env=_env(str(Path(tmp) / "cache")),
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - t, _cpu() - c


def stats_import() -> float:
    out = subprocess.run([sys.executable, "-c", _IMPORT], env=_env("/nonexistent"), check=True, capture_output=True)
    return float(out.stdout.decode().split()[-1])


def imports_stats_anyway(period: str) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, period, tmp],
            cwd=tmp,
            env=_env(str(Path(tmp) / "cache"), SECBRIEF_NO_PREFORK="1"),
            check=True,
            capture_output=True,
        )
        return out.stdout.decode().split()[-1] == "True"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default="2025-06")
    a = ap.parse_args()
    b, h, s, bc, hc = [], [], [], [], []
    for _ in range(a.runs):
        wall, cpu = brief(a.period)
        b.append(wall)
        bc.append(cpu)
        wall, cpu = brief(a.period, with_stats=True)
        h.append(wall)
        hc.append(cpu)
        s.append(stats_import())
    mb, mh, ms = statistics.median(b), statistics.median(h), statistics.median(s)
    cb, ch = statistics.median(bc), statistics.median(hc)
    paired = statistics.median(y - x for x, y in zip(b, h, strict=True))
    anyway = imports_stats_anyway(a.period)

    def runs(v: list[float]) -> str:
        return ", ".join(f"{x:.2f}" for x in v)

    print(f"cold monthly brief {a.period}: median {mb:.2f} s  (runs: {runs(b)})")
    print(f"same, importing scipy.stats with the statistics: median {mh:.2f} s  (runs: {runs(h)})")
    print(f"paired difference (median of the runs' differences): {paired:+.2f} s ({paired / mb * 100:+.0f} %)")
    print(f"CPU time of the brief's processes: median {cb:.2f} s, with scipy.stats {ch:.2f} s ({ch - cb:+.2f} s)")
    print(f"import scipy.stats after numpy/pandas/scipy.special: median {ms:.2f} s  (runs: {runs(s)})")
    print(f"the monthly brief imports scipy.stats anyway: {anyway}")
    print(f"scipy.stats import as a share of the cold brief: {ms / mb * 100:.0f} %")
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
