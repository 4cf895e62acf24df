"""Benchmark: what each speed mechanism of ``secbrief brief`` buys, side by side in one run.

Each variant is the cold command ``secbrief brief --period P --timings`` as a fresh process
with one mechanism switched off, the variants interleaved run by run (so a change in the
machine's load hits all alike); medians of wall time and of CPU time (the process and its
workers), and the median stage times the command prints:

* ``all on``: as shipped, the caches empty (a first build);
* ``no prefork``: ``SECBRIEF_NO_PREFORK=1``, everything in one process
  (``reports/_prefork.py``);
* ``auto table layout``: the shipped CSS without ``table-layout: fixed`` (through
  ``--templates``, the way a user overrides the CSS);
* ``parsed-load cache hit``: a new period on data parsed before (``analysis/cache.py``'s
  ``cached_load_incidents``; the brief cache misses);
* ``brief cache hit``: the unchanged rebuild (the brief cache in ``reports/commands/brief.py``).

Then, in this one process (CPU time, ``time.process_time``, so other jobs on the machine do not
blur it; variants interleaved, medians): the render stage of the brief's HTML in a warm WeasyPrint
with and without the fixed table layout, the time to draw the charts, and the load of the data
file with and without the parsed-load cache.

Measured here and removed (docs/architecture.md): the SVG rewriter that made the charts lean (it
saved 0.11 s of CPU: 0.18 s of render less 0.07 s of rewriting, of a 4.4 s cold monthly brief),
the one-pass layout of each chart (−0.03 to +0.11 s) and the fixed title height (−0.10 to
+0.01 s).

Usage: .venv/bin/python bench/bench_mechanisms.py [--runs 5] [--period 2025-06] [--data FILE --source NAME]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# ``python -c`` with the console script's entry point.
ENTRY = "import sys\nfrom reports.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _auto_layout_templates(into: Path) -> Path:
    """A --templates folder whose css/brief.css is the shipped one without the fixed table layout."""
    css = (ROOT / "templates" / "css" / "brief.css").read_text()
    if "table-layout: fixed;" not in css:
        raise SystemExit("the shipped CSS no longer sets table-layout: fixed; update this benchmark")
    (into / "css").mkdir(parents=True)
    (into / "css" / "brief.css").write_text(css.replace("table-layout: fixed;", ""))
    return into


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, CPU seconds (process and children) and the printed stage times of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", ENTRY, *argv], capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"brief failed: {r.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    head = r.stdout.split("; total")[0]
    stages = {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)s", head)}
    return wall, cpu, stages


def main() -> None:
    """Run the variants interleaved and print their medians."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default="2025-06")
    ap.add_argument("--other-period", default="2025-05", help="the new period of the parsed-load cache hit")
    ap.add_argument("--data", default=None)
    ap.add_argument("--source", default=None)
    ap.add_argument("--in-process-only", action="store_true", help="skip the cold commands")
    a = ap.parse_args()
    if a.in_process_only:
        in_process(a.period, a.data, a.source, a.runs)
        return
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; data {a.data or 'demo'}")
    work = Path(tempfile.mkdtemp(prefix="bench-mech-"))
    try:
        out = work / "out"
        tpl = _auto_layout_templates(work / "tpl")
        base = ["brief", "--out", str(out), "--timings", "-q"]
        if a.data:
            base += ["--data", a.data]
        if a.source:
            base += ["--source", a.source]
        env0 = {**os.environ, "PYTHONPATH": str(ROOT)}
        cache = work / "warm-cache"
        env_warm = {**env0, "SECBRIEF_CACHE": str(cache)}
        run_once([*base, "--period", a.period], env_warm)  # fills both caches; warms the OS file cache
        variants: dict[str, tuple[list[str], dict[str, str], bool]] = {
            # name: (extra argv, extra env, fresh cache each run)
            "all on (first build)": ([], {}, True),
            "no prefork": ([], {"SECBRIEF_NO_PREFORK": "1"}, True),
            "auto table layout": (["--templates", str(tpl)], {}, True),
            "parsed-load cache hit": ([], {}, False),
            "brief cache hit": ([], {}, False),
        }
        results: dict[str, list[tuple[float, float, dict[str, float]]]] = {k: [] for k in variants}
        for i in range(a.runs):
            for name, (extra, extra_env, fresh) in variants.items():
                env = {**env0, **extra_env}
                period = a.period
                if fresh:
                    env["SECBRIEF_CACHE"] = str(work / f"cache-{i}-{len(results[name])}-{abs(hash(name))}")
                else:
                    env["SECBRIEF_CACHE"] = str(cache)
                if name == "parsed-load cache hit":
                    # a period never built in this cache: the brief cache misses, the parsed load hits
                    period = _fresh_period(a.other_period, i)
                results[name].append(run_once([*base, *extra, "--period", period], env))
        ref = statistics.median(w for w, _, _ in results["all on (first build)"])
        ref_cpu = statistics.median(c for _, c, _ in results["all on (first build)"])
        for name, rs in results.items():
            wall = statistics.median(w for w, _, _ in rs)
            cpu = statistics.median(c for _, c, _ in rs)
            keys = list(dict.fromkeys(k for _, _, s in rs for k in s))
            split = ", ".join(f"{k} {statistics.median(s.get(k, 0.0) for _, _, s in rs):.2f}" for k in keys)
            print(
                f"{name:24s} wall {wall:5.2f} s ({wall / ref:4.2f}x of all on), cpu {cpu:5.2f} s "
                f"({cpu / ref_cpu:4.2f}x); stages: {split}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    in_process(a.period, a.data, a.source, a.runs)


def _cpu_median(fns: dict[str, object], runs: int) -> dict[str, float]:
    """Median CPU seconds of each callable, the calls interleaved."""
    ts: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for k, fn in fns.items():
            t = time.process_time()
            fn()  # type: ignore[operator]
            ts[k].append(time.process_time() - t)
    return {k: statistics.median(v) for k, v in ts.items()}


def in_process(period: str, data: str | None, source: str | None, runs: int) -> None:
    """Render, figures and load with and without each mechanism, CPU time in this process."""
    sys.path.insert(0, str(ROOT))
    from analysis._assets import templates_dir
    from analysis.cache import Cache, cached_load_incidents
    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from reports.figures import brief_figures
    from reports.render import html_to_pdf

    path = Path(data) if data else demo_path()
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        cache = Cache(work / "cache")
        cached_load_incidents(cache, path, source=source)  # filled
        loads = _cpu_median(
            {
                "load, parsed": lambda: load_incidents(path, source=source),
                "load, cache hit": lambda: cached_load_incidents(cache, path, source=source),
            },
            runs,
        )
        inc = load_incidents(path, source=source)
        per = parse_period(period)
        figs = _cpu_median(
            {
                "figures, as shipped": lambda: brief_figures(inc.frame, per, kind="monthly"),
            },
            runs,
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SECBRIEF_CACHE": str(work / "c"), "SECBRIEF_NO_PREFORK": "1"}
        argv = ["brief", "--period", period, "--out", str(work / "o"), "-q", "--no-cache"]
        argv += ["--data", data] if data else []
        argv += ["--source", source] if source else []
        subprocess.run([sys.executable, "-c", ENTRY, *argv], check=True, env=env, cwd=ROOT)
        html = next((work / "o").glob("*.html")).read_text()
        css_dir = _auto_layout_templates(work / "tpl") / "css"
        shipped_css = (templates_dir() / "css" / "brief.css").resolve().as_uri()
        html_auto = html.replace(shipped_css, (css_dir / "brief.css").as_uri())
        if html_auto == html:
            raise SystemExit("could not make the variants of the brief's HTML; update this benchmark")
        allowed = [templates_dir(), work / "tpl"]

        def render(h: str):
            return lambda: html_to_pdf(h, base_dir=templates_dir(), allowed=allowed)

        html_to_pdf(html, base_dir=templates_dir(), allowed=allowed)  # warm: fonts, first-use set-up
        renders = _cpu_median(
            {
                "render, as shipped": render(html),
                "render, auto table layout": render(html_auto),
            },
            runs,
        )
    print(f"in one process, CPU seconds (median of {runs}):")
    for k, v in {**loads, **figs, **renders}.items():
        print(f"  {k:28s} {v:6.3f} s")
    saved = {
        "parsed-load cache": loads["load, parsed"] - loads["load, cache hit"],
        "fixed table layout": renders["render, auto table layout"] - renders["render, as shipped"],
    }
    for k, v in saved.items():
        print(f"  saved by {k:28s} {v:+6.3f} s")


def _fresh_period(period: str, i: int) -> str:
    """``period`` moved ``i`` months back (``YYYY-MM``)."""
    year, month = map(int, period.split("-"))
    month -= i
    while month < 1:
        year, month = year - 1, month + 12
    return f"{year}-{month:02d}"


if __name__ == "__main__":
    main()
