"""``secbrief brief``: build a monthly, quarterly or annual brief as PDF and HTML."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reports.commands._common import add_data_options, add_verbosity

EXAMPLE = """examples:
  secbrief brief --period 2025-01                       monthly brief on the demo data
  secbrief brief --period 2025-Q1 --region KP           quarterly brief for Khyber Pakhtunkhwa
  secbrief brief --period 2021 --data ../shared/data/ucdp-ged-pakistan.csv --source ucdp"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="build a periodic brief (PDF + HTML)",
                       description="Build the brief of a month (2025-01), quarter (2025-Q1) or year (2025): "
                                   "writes out/<kind>-<period>[-<region>].pdf and .html.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01 (monthly), 2025-Q1 (quarterly) or 2025 (annual)")
    p.add_argument("--region", default=None, help="a province or territory (any gazetteer spelling, e.g. KP)")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--emit-json", action="store_true", help="also write every number the brief shows to <name>.json")
    p.add_argument("--config", type=Path, default=None, help="secbrief.toml (default: ./secbrief.toml if present)")
    p.add_argument("--templates", type=Path, action="append", default=[],
                   help="folder of your own templates overriding the shipped ones (repeatable)")
    p.add_argument("--allow-rejects", action="store_true",
                   help="build even if rows were rejected; the brief states how many were excluded")
    p.add_argument("--timings", action="store_true", help="print the time spent in each stage")
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    from reports._prefork import start_worker

    worker = start_worker()  # forked before pandas is imported: WeasyPrint warms up on the other core
    try:
        return _run(args, t0, worker)
    finally:
        if worker is not None:
            worker.close()


def _run(args: argparse.Namespace, t0: float, worker) -> int:  # type: ignore[no-untyped-def]
    from analysis.errors import ConfigError
    from analysis.gazetteer import resolve_province
    from analysis.periods import parse_period
    from reports.brief import Timings, build_brief
    from reports.commands._common import load, say
    from reports.config import load_config

    period = parse_period(args.period)
    region = None
    if args.region:
        region = resolve_province(args.region)
        if region is None:
            raise ConfigError(f"--region '{args.region}' is not a known province or territory")
    for d in args.templates:
        if not Path(d).is_dir():
            raise ConfigError("--templates folder not found", file=d)
    cfg = load_config(args.config)
    timings = Timings()
    timings.stages["imports"] = time.perf_counter() - t0
    with timings.stage("load"):
        inc = load(args)
    result = build_brief(inc, period, out_dir=args.out, cfg=cfg, region=region, emit_json=args.emit_json,
                         template_dirs=tuple(args.templates), allow_rejects=args.allow_rejects, timings=timings,
                         pdf_renderer=worker.html_to_pdf if worker is not None else None)
    say(args, f"wrote {result.pdf}")
    if args.verbose:
        say(args, f"wrote {result.html}" + (f" and {result.json}" if result.json else ""))
    if args.timings:
        total = time.perf_counter() - t0
        parts = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        print(f"timings: {parts}; total {total:.2f}s")
    return 1 if inc.report.rejected else 0
