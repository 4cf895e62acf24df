"""``secbrief validate``: read a file, account for every row, print a summary."""

from __future__ import annotations

import argparse

from reports.commands._common import add_verbosity

EXAMPLE = "example: secbrief validate ../shared/data/ucdp-ged-pakistan.csv --source ucdp"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a data file and account for every row",
                       description="Read FILE, validate every row and print a summary. "
                                   "Exit 0 when every row is accepted, 1 when rows were rejected, 2 when unreadable.",
                       epilog=EXAMPLE)
    p.add_argument("file", metavar="FILE", help="incident file to check")
    p.add_argument("--source", metavar="NAME", default=None, help="source format; detected when omitted")
    p.add_argument("--rejects", metavar="FILE", default=None,
                   help="write rejected rows with their reasons to this CSV (default: FILE.rejects.csv when any)")
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analysis.io import load_incidents
    from reports.summary import print_validation_summary

    inc = load_incidents(args.file, source=args.source)
    return print_validation_summary(inc, rejects_path=args.rejects, quiet=args.quiet, verbose=args.verbose)
