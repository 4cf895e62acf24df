"""``secbrief validate``: read a file, account for every row, print a summary."""

from __future__ import annotations

import argparse

from reports.commands._common import add_source_option, add_verbosity

EXAMPLE = """examples:
  secbrief validate ../shared/data/ucdp-ged-pakistan.csv
  secbrief validate pakistan-suicide-attacks.csv --source profile:pakistan-suicide-attacks
  secbrief validate my-incidents.xlsx --source my-profile.toml --rejects rejected.csv"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check a data file and account for every row",
        description="Read FILE, validate every row and print a summary: rows by outcome "
        "(accepted, accepted with warnings, rejected, excluded as not incidents), "
        "the first problems, dates covered, incidents and killed by year and province, "
        "place names not in the gazetteer. Exit 0 when no row is rejected, "
        "1 when rows were rejected (they are written to a CSV with the reasons), "
        "2 when the file cannot be read.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="incident file to check (CSV, .csv.gz, Parquet, .xlsx)")
    add_source_option(p, "FILE")
    p.add_argument(
        "--rejects",
        metavar="FILE",
        default=None,
        help="write rejected rows with their reasons to this CSV "
        "(default: FILE.rejects.csv in the current folder, when any)",
    )
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analysis.io import load_incidents
    from reports.summary import print_validation_summary

    inc = load_incidents(args.file, source=args.source)
    return print_validation_summary(inc, rejects_path=args.rejects, quiet=args.quiet, verbose=args.verbose)
