"""``secbrief table``: any aggregate the brief uses, zero-filled, on demand."""

from __future__ import annotations

import argparse
import sys

from reports.commands._common import add_data_options, add_verbosity

EXAMPLE = ("example: secbrief table --period 2015..2024 --by year,province "
           "--measures incidents,killed_total,killed_security --format csv")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("table", help="print any aggregate (the numbers behind a brief)",
                       description="Aggregate incidents by period and groups, zero-filled, with exactly "
                                   "the definitions the brief uses.", epilog=EXAMPLE)
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01, 2025-Q1, 2025, 2015..2024 or 2025-01-31..2025-02-01")
    p.add_argument("--by", default="year", help="comma-separated keys: year, quarter, month, day, province, "
                                                 "district, event_type, method, perpetrator")
    p.add_argument("--measures", default="incidents,killed_total,injured_total",
                   help="comma-separated measures: incidents, attacks, operations, killed_total, killed_security, "
                        "killed_civilians, killed_militants, killed_unknown, killed_low, killed_high, injured_total")
    p.add_argument("--region", default=None, help="restrict to one province or territory (any gazetteer spelling)")
    p.add_argument("--format", default="csv", choices=["csv"], help="output format")
    p.add_argument("--unknown", action="store_true",
                   help="add <measure>_unknown columns: incidents whose count is blank")
    add_verbosity(p)
    p.set_defaults(run=run)


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def run(args: argparse.Namespace) -> int:
    from analysis.counts import GROUP_KEYS, MEASURES, TIME_KEYS, count_table
    from analysis.errors import ConfigError
    from analysis.gazetteer import resolve_province
    from analysis.periods import parse_period
    from reports.commands._common import load

    period = parse_period(args.period)
    by = _split(args.by)
    measures = _split(args.measures)
    for k in by:
        if k not in TIME_KEYS + GROUP_KEYS:
            raise ConfigError(f"--by '{k}' is not a grouping; choose from {', '.join(TIME_KEYS + GROUP_KEYS)}")
    for m in measures:
        if m not in MEASURES:
            raise ConfigError(f"--measures '{m}' is not a measure; choose from {', '.join(MEASURES)}")
    inc = load(args)
    frame = inc.frame
    if args.region:
        region = resolve_province(args.region)
        if region is None:
            raise ConfigError(f"--region '{args.region}' is not a known province or territory")
        frame = frame.loc[frame["province"] == region]
    table = count_table(frame, by=by, measures=measures, period=period, with_unknown=args.unknown)
    table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
