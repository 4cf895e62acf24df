"""``secbrief profile``: draft a mapping profile for a spreadsheet, list the shipped ones."""

from __future__ import annotations

import argparse

from reports.commands._common import add_verbosity

EXAMPLE = """examples:
  secbrief profile init my-incidents.csv --out my-incidents.toml
  secbrief validate my-incidents.csv --source my-incidents.toml
  secbrief profile list"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "profile",
        help="draft a mapping profile for your own spreadsheet; list shipped profiles",
        description="A mapping profile (TOML) says how a spreadsheet maps onto secbrief's schema: "
        "encoding, header row, which column is which, date format, value maps, "
        "min/max columns. 'init' drafts one from a file for you to edit; 'list' shows "
        "the shipped profiles (use them with --source profile:NAME).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = verbs.add_parser(
        "init",
        help="draft a profile from FILE's header and values",
        description="Draft a mapping profile from FILE (printed, or written with --out).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("file", metavar="FILE", help="the spreadsheet to describe (CSV, .xlsx, Parquet)")
    init.add_argument("--out", metavar="PROFILE", default=None, help="write the draft to this .toml file")
    init.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_verbosity(init)
    init.set_defaults(run=run_init)
    lst = verbs.add_parser("list", help="list the shipped profiles")
    add_verbosity(lst)
    lst.set_defaults(run=run_list)


def run_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.errors import ConfigError
    from analysis.sources._draft import draft_profile
    from reports.commands._common import say

    text = draft_profile(args.file)
    if args.out is None:
        from reports.commands._common import write_stdout

        write_stdout(text)
        return 0
    out = Path(args.out)
    if out.exists() and not args.force:
        raise ConfigError("already exists; pass --force to overwrite it", file=out)
    from reports.render import atomic_write

    atomic_write(out, text.encode("utf-8"))
    say(args, f"profile drafted in {out}; check it, then: secbrief validate {args.file} --source {out}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from analysis.sources.profile import load_profile, shipped_profiles

    for name, path in shipped_profiles().items():
        prof = load_profile(path)
        detect = " (detected automatically)" if prof.detect else ""
        print(f"profile:{name}{detect}\n    {prof.description}")
    return 0
