"""``secbrief versions``: list the stored dataset versions, or show one."""

from __future__ import annotations

import argparse

from reports.commands._common import add_store_option, add_verbosity

EXAMPLE = (
    "examples: secbrief versions\n"
    "          secbrief versions v2 --rejects v2-rejects.csv\n"
    "          secbrief versions --check"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "versions",
        help="list stored dataset versions",
        description="List the dataset versions in the store (newest last), or show one "
        "version's details and problems. Any verb that reads data takes a "
        "version instead of a file: --data v3, --data latest, --data latest~1, "
        "--data version:<fingerprint prefix>.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "version",
        metavar="VERSION",
        nargs="?",
        default=None,
        help="show this version (v3, latest, latest~1, version:<fingerprint prefix>)",
    )
    p.add_argument("--format", choices=["table", "csv"], default="table", help="output format of the list")
    p.add_argument(
        "--rejects",
        metavar="FILE",
        default=None,
        help="with VERSION: write its rejected rows, with reasons, to this CSV",
    )
    p.add_argument(
        "--check", action="store_true", help="verify every version's files against its checksums (exit 1 on damage)"
    )
    add_store_option(p)
    add_verbosity(p)
    p.set_defaults(run=run)


_COLUMNS = (
    "version",
    "ingested_at",
    "source",
    "file_name",
    "incidents",
    "date_min",
    "date_max",
    "rows_read",
    "accepted",
    "warned",
    "rejected",
    "fingerprint",
    "note",
)


def run(args: argparse.Namespace) -> int:
    from analysis.errors import ConfigError
    from analysis.store import Store

    store = Store.open(args.store)
    if args.check:
        return _check(store, args)
    if args.version is not None:
        return _show(store, args)
    if args.rejects:
        raise ConfigError("--rejects needs a VERSION (e.g. secbrief versions v3 --rejects rejects.csv)")
    return _list(store, args)


def _list(store, args: argparse.Namespace) -> int:

    import pandas as pd

    from reports.commands._common import console, write_stdout

    versions = store.versions()
    if args.format == "csv":
        rows = [{c: (v.label if c == "version" else getattr(v, c)) for c in _COLUMNS} for v in versions]
        from reports.safe_export import csv_bytes

        write_stdout(csv_bytes(pd.DataFrame(rows, columns=list(_COLUMNS))).decode("utf-8"))
        return 0
    if not versions:
        if not args.quiet:
            print(f"no versions in {store.root} (secbrief ingest FILE adds one)")
        return 0
    from rich.table import Table

    table = Table(title=f"dataset versions in {store.root}")
    for name, justify in (
        ("version", "left"),
        ("ingested (UTC)", "left"),
        ("source", "left"),
        ("file", "left"),
        ("incidents", "right"),
        ("dates", "left"),
        ("rows read", "right"),
        ("accepted", "right"),
        ("warned", "right"),
        ("rejected", "right"),
        ("fingerprint", "left"),
        ("note", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    from rich.text import Text

    from analysis.errors import printable

    for v in versions:
        table.add_row(
            v.label,
            v.ingested_at.replace("T", " ").removesuffix("Z"),
            v.source,
            Text(printable(v.file_name)),  # Text: no rich markup; printable: no raw escape sequence
            f"{v.incidents:,}",
            f"{v.date_min}..{v.date_max}",
            f"{v.rows_read:,}",
            f"{v.accepted:,}",
            f"{v.warned:,}",
            f"{v.rejected:,}",
            v.short,
            Text(printable(v.note or "")),
        )
    console().print(table)
    return 0


def _show(store, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from analysis.errors import printable
    from reports.commands._common import write_csv

    v = store.resolve(args.version)
    if not args.quiet:
        width = max(len(k) for k in asdict(v))
        print(f"{'version':<{width}}  {v.label}")
        for k, val in asdict(v).items():
            if k != "id":
                print(f"{k:<{width}}  {'' if val is None else printable(str(val))}")
        inc = store.load(v)
        limit = None if args.verbose else 10
        problems = inc.report.problems
        for p in problems[:limit]:
            print(f"  {p.severity}: {printable(p.one_line())}")
        if limit is not None and len(problems) > limit:
            print(f"  ... and {len(problems) - limit:,} more problems (--verbose lists all)")
    if args.rejects:
        out = write_csv(store.rejected_rows(v), args.rejects)
        if not args.quiet:
            print(f"{v.rejected:,} rejected rows written to {printable(str(out))}")
    return 0


def _check(store, args: argparse.Namespace) -> int:
    result = store.check()
    if not args.quiet:
        n = len(store.versions())
        print(f"{store.root}: {n} version(s), " + ("all intact" if result.ok else f"{len(result.problems)} problem(s)"))
        for p in result.problems:
            print(f"  problem: {p}")
        if args.verbose:
            for p in result.leftovers:
                print(f"  leftover of an interrupted ingest (harmless, removed by the next ingest): {p}")
    return 0 if result.ok else 1
