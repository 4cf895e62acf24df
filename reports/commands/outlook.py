"""``secbrief outlook``: forecasts of the next months with their track record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reports.commands._common import add_data_options, add_verbosity, region_argument

EXAMPLE = """examples:
  secbrief outlook --period 2025-06                  next three months after June 2025: Pakistan, top provinces
  secbrief outlook --period 2025-06 --format md      a GitHub pipe table with the track record lines
  secbrief outlook --period 2025-06 --backtest       the track record: coverage and loss against two baselines
  secbrief outlook --period 2021-06 --data ucdp-ged-pakistan.csv --source ucdp \
      --region Balochistan --measure incidents"""
FORMATS = ("csv", "md")
MEASURES = ("killed_total", "incidents", "attacks", "operations", "injured_total")


def _positive(lo: int, hi: int):
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{n} is not between {lo} and {hi}")
        return n

    return parse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "outlook",
        help="forecast the next months, with the forecast's track record",
        description="Forecast monthly deaths (or incidents) for the months after a period, "
        "nationally and for the provinces with most of them, as a mean and 50/80/95%% intervals; "
        "--backtest prints how such forecasts did over the last months against two simple baselines.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument("--period", required=True, help="the last period of data to use: 2025-06, 2025-Q2, 2025")
    p.add_argument("--region", default=None, help="one province or territory (any gazetteer spelling)")
    p.add_argument(
        "--measure", default="killed_total", choices=MEASURES, help="what to forecast (default killed_total)"
    )
    p.add_argument("--horizon", type=_positive(1, 12), default=3, help="months to forecast (1-12, default 3)")
    p.add_argument(
        "--provinces", type=_positive(0, 10), default=2, help="provinces with most deaths to add (default 2)"
    )
    p.add_argument("--months", type=_positive(12, 240), default=36, help="months of the track record (default 36)")
    p.add_argument("--backtest", action="store_true", help="print the track record instead of the forecast")
    p.add_argument(
        "--detail",
        action="store_true",
        help="with --backtest: every month's forecasts (each model's mean and quantiles) and outcome, as CSV",
    )
    p.add_argument("--format", default="csv", choices=FORMATS, help="csv (default) or md (GitHub pipe table)")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write to FILE instead of printing")
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analysis.errors import ConfigError
    from analysis.forecast import outlook
    from analysis.periods import parse_period
    from reports import outlook as view
    from reports.commands._common import load, say

    period = parse_period(args.period)
    region = region_argument(args.region)
    if args.detail and not args.backtest:
        raise ConfigError("--detail goes with --backtest")
    inc = load(args)
    o = outlook(
        inc.frame,
        period,
        measure=args.measure,
        region=region,
        provinces=args.provinces,
        horizon=args.horizon,
        track_months=args.months,
        coverage=inc.coverage,
    )
    if o.note and o.series:
        say(args, f"note: {o.note}")
    if not o.series:
        raise ConfigError(f"no incidents up to {o.last_month} in {inc.dataset}: nothing to forecast from")
    if args.detail:
        text = view.track_detail(o).to_csv(index=False, lineterminator="\n")
    elif args.backtest:
        text = (
            view.track_table(o).to_csv(index=False, lineterminator="\n")
            if args.format == "csv"
            else view.track_markdown(o)
        )
    else:
        text = (
            view.forecast_table(o).to_csv(index=False, lineterminator="\n")
            if args.format == "csv"
            else view.forecast_markdown(o)
        )
    if args.out is None:
        from reports.commands._common import write_stdout  # a terminal sees no raw escape sequence

        write_stdout(text)
        sys.stdout.flush()
    else:
        from reports.render import atomic_write

        atomic_write(Path(args.out), text.encode("utf-8"))
    return 0
