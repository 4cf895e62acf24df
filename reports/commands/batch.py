"""``secbrief batch``: many briefs in one command, in parallel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reports.commands._common import add_data_options, add_verbosity

EXAMPLE = """examples:
  secbrief batch --periods 2024-01..2024-12 --regions all
  secbrief batch --periods 2024 --kinds monthly,quarterly,annual --regions national,KP,Balochistan"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="build many briefs (periods × regions × kinds) in parallel",
        description="Build every combination of kind, period and region. Each brief goes to a path "
        "named by its parameters; a failed brief does not stop the others; exit 1 when "
        "any failed.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument(
        "--periods",
        default=None,
        help="range covered, e.g. 2024-01..2024-12, 2024, 2023..2024; default: the [[batch]] entries of secbrief.toml",
    )
    p.add_argument(
        "--regions",
        default="national",
        help="'all' (Pakistan and each province with incidents), or a list such as national,KP,Sindh",
    )
    p.add_argument("--kinds", default="monthly", help="comma-separated: monthly, quarterly, annual")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: number of CPUs)")
    p.add_argument("--emit-json", action="store_true", help="also write each brief's numbers file")
    p.add_argument("--config", type=Path, default=None, help="secbrief.toml (default: ./secbrief.toml if present)")
    p.add_argument("--templates", type=Path, action="append", default=[], help="your own template folders")
    p.add_argument("--allow-rejects", action="store_true", help="build although rows were rejected")
    add_verbosity(p)
    p.set_defaults(run=run)


def _short(path: str) -> str:
    from analysis.errors import printable

    try:
        return printable(str(Path(path).resolve().relative_to(Path.cwd())))
    except ValueError:
        return printable(path)


def run(args: argparse.Namespace) -> int:
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from rich.text import Text

    from analysis.errors import ConfigError
    from reports.batch import KINDS, plan, run_batch
    from reports.commands._common import load
    from reports.config import load_config

    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in KINDS:
            raise ConfigError(f"--kinds '{k}' is not a kind; choose from {', '.join(KINDS)}")
    if args.workers is not None and args.workers < 1:
        raise ConfigError("--workers must be 1 or more")
    from reports.render import check_template_dirs

    check_template_dirs(args.templates)  # a missing folder fails the run, not each brief (nor falls back)
    cfg = load_config(args.config)
    from reports.commands.brief import _store_from_config

    _store_from_config(args, cfg)
    if args.periods is None and not cfg.batch:
        raise ConfigError("give --periods, or list recurring briefs as [[batch]] entries in secbrief.toml")
    t0 = time.perf_counter()
    inc = load(args)
    if args.periods is not None:
        jobs = plan(args.periods, args.regions, kinds, inc)
    else:
        jobs = list(dict.fromkeys(j for b in cfg.batch for j in plan(b.periods, b.regions, b.kinds, inc)))
    err = Console(file=sys.stderr, highlight=False)
    show_bar = sys.stderr.isatty() and not args.quiet
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show_bar,
        transient=True,
    ) as progress:
        task = progress.add_task("building briefs", total=len(jobs))
        results = run_batch(
            inc,
            jobs,
            out_dir=args.out,
            cfg=cfg,
            workers=args.workers,
            emit_json=args.emit_json,
            template_dirs=tuple(args.templates),
            allow_rejects=args.allow_rejects,
            on_done=lambda r: progress.advance(task),
        )
    wall = time.perf_counter() - t0
    failed = [r for r in results if not r.ok]
    if not args.quiet:
        out = Console(file=sys.stdout, highlight=False, width=None if sys.stdout.isatty() else 200)
        table = Table(title=f"{len(results)} briefs, {len(failed)} failed, {wall:.1f} s")
        for c in ("kind", "period", "region", "status", "seconds", "output or error"):
            table.add_column(c, justify="right" if c == "seconds" else "left")
        for r in results:
            table.add_row(
                r.job.kind,
                r.job.period.slug,
                r.job.region or "Pakistan",
                "ok" if r.ok else "FAILED",
                f"{r.seconds:.1f}",
                Text(_short(r.output) if r.ok else r.error),  # Text: no rich markup from paths or data
            )
        out.print(table)
    elif failed:
        for r in failed:
            print(f"secbrief: failed: {r.job.label}: {r.error}", file=sys.stderr)
    return 1 if failed else 0
