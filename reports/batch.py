"""Many briefs in one run: every combination of kind × period × region, in parallel workers.

Each brief is written to the path its parameters name (``<kind>-<period>[-<region>]``),
so no two briefs share a file; a failure in one brief does not stop the others.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

from analysis.errors import ConfigError, SecbriefError
from analysis.gazetteer import reporting_provinces, resolve_province
from analysis.incidents import Incidents
from analysis.periods import Period, month, parse_period, quarter, year
from reports.config import Config

KINDS: tuple[str, ...] = ("monthly", "quarterly", "annual")
NATIONAL = "national"


@dataclass(frozen=True)
class Job:
    """One brief to build."""

    kind: str
    period: Period
    region: str | None

    @property
    def label(self) -> str:
        """Kind, period and region, as the progress lines show them."""
        return f"{self.kind} {self.period.slug} {self.region or 'Pakistan'}"


@dataclass(frozen=True)
class JobResult:
    """Outcome of one job: the PDF written (``output``) or the one-line ``error``, and the time taken."""

    job: Job
    ok: bool
    seconds: float
    output: str
    error: str = ""


def periods_for(spec: str, kind: str) -> list[Period]:
    """The periods of ``kind`` that a range such as ``2024-01..2024-12`` covers (wholly or partly)."""
    if kind not in KINDS:
        raise ConfigError(f"unknown kind '{kind}'; choose from {', '.join(KINDS)}")
    span = parse_period(spec)
    out: list[Period] = []
    y, m = span.start.year, span.start.month
    while True:
        if kind == "monthly":
            p = month(y, m)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        elif kind == "quarterly":
            q = (m - 1) // 3 + 1
            p = quarter(y, q)
            y, m = (y + 1, 1) if q == 4 else (y, 3 * q + 1)
        else:
            p = year(y)
            y, m = y + 1, 1
        if p.start > span.end:
            break
        out.append(p)
    return out


def regions_for(spec: str, inc: Incidents) -> list[str | None]:
    """``all`` (Pakistan and every province or territory with incidents), or a comma-separated list."""
    if spec.strip().lower() == "all":
        present = set(inc.frame["province"].dropna())
        return [None, *[p for p in reporting_provinces() if p in present]]
    out: list[str | None] = []
    for name in (s.strip() for s in spec.split(",") if s.strip()):
        if name.lower() in (NATIONAL, "pakistan"):
            out.append(None)
            continue
        r = resolve_province(name)
        if r is None:
            raise ConfigError(f"--regions '{name}' is not a known province or territory (or 'national', 'all')")
        out.append(r)
    return list(dict.fromkeys(out))


def plan(periods: str, regions: str, kinds: Iterable[str], inc: Incidents) -> list[Job]:
    """Every combination, in a stable order (kind, period, region)."""
    regs = regions_for(regions, inc)
    return [Job(k, p, r) for k in kinds for p in periods_for(periods, k) for r in regs]


# Worker state: set once per worker process (inherited by fork, or loaded by the initializer).
_STATE: dict[str, object] = {}


def _init_worker(inc: Incidents | None, loader: tuple[str, str | None] | None, options: dict[str, object]) -> None:
    if multiprocessing.parent_process() is not None:  # a pool worker: Ctrl-C is the parent's to handle
        from reports._prefork import as_worker_process

        as_worker_process()
    import matplotlib

    matplotlib.use("Agg")
    if inc is None and loader is not None:
        from analysis.io import load_incidents

        inc = load_incidents(loader[0], source=loader[1])
    _STATE["inc"] = inc
    _STATE["options"] = options


def _run_job(job: Job) -> JobResult:
    from reports.brief import build_brief

    t0 = time.perf_counter()
    opts = _STATE["options"]
    try:
        res = build_brief(_STATE["inc"], job.period, region=job.region, **opts)  # type: ignore[arg-type]
        return JobResult(job, True, time.perf_counter() - t0, str(res.pdf))
    except SecbriefError as exc:
        return JobResult(job, False, time.perf_counter() - t0, "", exc.one_line())
    except Exception as exc:  # one broken brief must not stop the others
        from analysis.errors import printable

        message = f"internal error: {type(exc).__name__}: {printable(str(exc))}"
        return JobResult(job, False, time.perf_counter() - t0, "", message)


def run_batch(
    inc: Incidents,
    jobs: list[Job],
    *,
    out_dir: Path,
    cfg: Config,
    workers: int | None = None,
    emit_json: bool = False,
    template_dirs: tuple[Path, ...] = (),
    allow_rejects: bool = False,
    on_done: Callable[[JobResult], None] | None = None,
) -> list[JobResult]:
    """Build every job; return results in the order of ``jobs``.

    ``workers`` defaults to the number of CPUs; ``1`` builds in this process. Workers are
    forked where the platform allows (they inherit the loaded incidents), so the data are
    read once.
    """
    options = {
        "out_dir": Path(out_dir),
        "cfg": cfg,
        "emit_json": emit_json,
        "template_dirs": template_dirs,
        "allow_rejects": allow_rejects,
    }
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    results: dict[Job, JobResult] = {}
    if workers == 1:
        _init_worker(inc, None, options)
        for j in jobs:
            r = _run_job(j)
            results[j] = r
            if on_done:
                on_done(r)
    else:
        methods = multiprocessing.get_all_start_methods()
        ctx: BaseContext
        initargs: tuple[Incidents | None, tuple[str, str | None] | None, dict[str, object]]
        # fork only on Linux: on macOS a fork after system frameworks are loaded (numpy's
        # Accelerate) can crash the child, and Windows has no fork
        if "fork" in methods and sys.platform.startswith("linux"):
            ctx = multiprocessing.get_context("fork")
            initargs = (inc, None, options)
        else:  # spawn: each worker reads the file itself
            if inc.path is None:
                # A worker that cannot load its data would fail in the initializer, and the pool
                # would restart it forever.
                raise ConfigError("incidents built in memory (no file) need workers=1 where processes cannot fork")
            ctx = multiprocessing.get_context("spawn")
            initargs = (None, (inc.path, inc.source), options)
        from reports._prefork import signals_deferred

        with signals_deferred():  # workers start with SIGINT and SIGTERM held until their own handlers are set
            pool = ctx.Pool(workers, initializer=_init_worker, initargs=initargs)
        with pool:
            for r in pool.imap_unordered(_run_job, jobs):
                results[r.job] = r
                if on_done:
                    on_done(r)
            pool.close()  # let workers exit normally (and save coverage data) instead of being terminated
            pool.join()
    return [results[j] for j in jobs]
