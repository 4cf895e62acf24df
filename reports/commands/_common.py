"""Options and helpers shared by several verbs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_data_options(p: argparse.ArgumentParser) -> None:
    """``--data FILE`` and ``--source NAME``, for every verb that reads incidents."""
    p.add_argument("--data", metavar="FILE", type=Path, default=None,
                   help="incident file (CSV, Parquet, Excel); default: the shipped synthetic demo data")
    add_source_option(p, "--data")


def add_source_option(p: argparse.ArgumentParser, what: str = "the file") -> None:
    """``--source``: a built-in format, a shipped profile or a profile file (see docs/sources.md)."""
    p.add_argument("--source", metavar="NAME", default=None,
                   help=f"source format of {what}: native, ucdp, acled, gtd, profile:NAME (a shipped mapping "
                        "profile, see 'secbrief profile list') or the path of a profile .toml; "
                        "detected from the column names when omitted")


def add_verbosity(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    g.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def load(args: argparse.Namespace):  # -> analysis.incidents.Incidents
    """Load ``--data`` (or the demo data) with ``--source``."""
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    path = args.data if args.data is not None else demo_path()
    return load_incidents(path, source=args.source)


def say(args: argparse.Namespace, text: str) -> None:
    """Print a progress line on stderr unless ``--quiet``."""
    if not getattr(args, "quiet", False):
        print(text, file=sys.stderr)
