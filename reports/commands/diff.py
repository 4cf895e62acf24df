"""``secbrief diff``: what changed between two versions of a dataset (or two files)."""

from __future__ import annotations

import argparse

from reports.commands._common import add_source_option, add_store_option, add_verbosity, data_argument

EXAMPLE = (
    "examples: secbrief diff latest~1 latest\n"
    "          secbrief diff v1 new-export.csv --through 2024-12 --csv diff-out/"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="incidents and published numbers changed between two versions",
        description="Match the incidents of OLD and NEW by incident_id and report those added, "
        "removed and changed (field by field), and every month x province x measure "
        "whose number changed (old value, new value, change). OLD and NEW are files "
        "or stored versions (v3, latest, latest~1, version:<fingerprint prefix>).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", metavar="OLD", type=data_argument, help="earlier version or file")
    p.add_argument("new", metavar="NEW", type=data_argument, help="later version or file")
    add_source_option(p, "OLD and NEW when they are files")
    p.add_argument(
        "--through",
        metavar="PERIOD",
        default=None,
        help="only numbers of months ending by this period's end (figures already published), e.g. 2024-12",
    )
    p.add_argument(
        "--measures",
        default=None,
        help="comma-separated measures compared (default: incidents, killed_total, killed_security, "
        "killed_civilians, killed_militants, injured_total)",
    )
    p.add_argument("--national", action="store_true", help="also compare national totals per month")
    p.add_argument(
        "--csv", metavar="DIR", default=None, help="write added.csv, removed.csv, changed.csv and numbers.csv to DIR"
    )
    p.add_argument("--limit", type=int, default=20, help="rows shown per table (default 20; --verbose shows all)")
    add_store_option(p)
    add_verbosity(p)
    p.set_defaults(run=run)


def _describe(data: object, inc: object) -> str:
    from analysis.errors import printable
    from reports.commands._common import VersionRef

    if isinstance(data, VersionRef):
        return printable(f"{data} ({inc.path}, fingerprint {inc.fingerprint[:12]})")  # type: ignore[attr-defined]
    return printable(f"{data} (fingerprint {inc.fingerprint[:12]})")  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    from analysis.counts import MEASURES
    from analysis.diff import REVISION_MEASURES, diff_incidents, published_months, revised_numbers
    from analysis.errors import ConfigError
    from analysis.periods import parse_period
    from reports.commands._common import load_data, say, write_csv

    measures = REVISION_MEASURES
    if args.measures:
        measures = tuple(m.strip() for m in args.measures.split(",") if m.strip())
        for m in measures:
            if m not in MEASURES:
                raise ConfigError(f"--measures '{m}' is not a measure; choose from {', '.join(MEASURES)}")
    through = parse_period(args.through) if args.through else None
    say(args, f"reading {args.old} and {args.new} ...")
    old = load_data(args.old, source=args.source, store=args.store)
    new = load_data(args.new, source=args.source, store=args.store)
    d = diff_incidents(old, new, measures=measures)
    numbers = revised_numbers(old, new, measures=measures, national=args.national) if args.national else d.numbers
    if through is not None:
        numbers = published_months(numbers, through)
    if args.csv:
        from pathlib import Path

        out = Path(args.csv)
        for name, frame in (("added", d.added), ("removed", d.removed), ("changed", d.changed), ("numbers", numbers)):
            write_csv(frame.drop(columns=["_row"], errors="ignore"), out / f"{name}.csv")
        say(args, f"wrote added.csv, removed.csv, changed.csv, numbers.csv to {out}")
    if not args.quiet:
        _print(args, d, numbers, old, new)
    return 0


def _print(args: argparse.Namespace, d, numbers, old, new) -> None:
    from rich.table import Table

    from reports.commands._common import console

    c = console()
    c.print(f"old: {_describe(args.old, old)}", markup=False)
    c.print(f"new: {_describe(args.new, new)}", markup=False)
    if d.identical:
        c.print("the two versions hold the same incidents; no number changed")
        return
    c.print(
        f"incidents: {len(d.added):,} added, {len(d.removed):,} removed, {len(d.changed_ids):,} changed "
        f"({len(d.changed):,} fields), {d.unchanged:,} unchanged"
    )
    limit = None if args.verbose else args.limit

    def table(title: str, frame, columns: list[str], right: set[str]) -> None:
        t = Table(title=title + ("" if limit is None or len(frame) <= limit else f" (first {limit} of {len(frame):,})"))
        for col in columns:
            t.add_column(col, justify="right" if col in right else "left")
        shown = frame if limit is None else frame.head(limit)
        for row in shown[columns].itertuples(index=False):
            t.add_row(*[_cell(col, v) for col, v in zip(columns, row, strict=True)])
        c.print(t)

    for title, incidents in (("added incidents", d.added), ("removed incidents", d.removed)):
        if len(incidents):
            table(
                title,
                incidents.assign(date=incidents["date"].dt.strftime("%Y-%m-%d")),
                ["incident_id", "date", "province", "killed_total", "injured_total"],
                {"killed_total", "injured_total"},
            )
    if len(d.changed):
        table("changed fields", d.changed, ["incident_id", "field", "old", "new"], set())
    if len(numbers):
        shown = numbers.assign(province=numbers["province"].fillna("Pakistan (all)"))
        table(
            "numbers changed (month x province)",
            shown,
            ["month", "province", "measure", "old", "new", "change"],
            {"old", "new", "change"},
        )
    else:
        c.print("no published number changed")


def _cell(column: str, value: object) -> str:
    import numbers

    import pandas as pd

    if value is None or pd.isna(value):
        return "(blank)"
    if isinstance(value, numbers.Integral):
        return f"{int(value):+,}" if column == "change" else f"{int(value):,}"
    return str(value)
