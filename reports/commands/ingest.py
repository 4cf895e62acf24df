"""``secbrief ingest``: validate a file and keep it as a dataset version in the store."""

from __future__ import annotations

import argparse

from reports.commands._common import add_source_option, add_store_option, add_verbosity

EXAMPLE = (
    "example: secbrief ingest ../shared/data/ucdp-ged-pakistan.csv --source ucdp --note 'HDX export'\n"
    "then:    secbrief table --data latest --period 2015..2021 --by year"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="store a data file as a dataset version",
        description="Validate FILE and store its accepted incidents, with the rejected rows and "
        "every problem, as a new version (v1, v2, ...) in the store. Ingesting "
        "content that is already stored changes nothing. Exit 0 when every row "
        "was accepted, 1 when rows were rejected, 2 when the file is unusable.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="incident file (CSV, Parquet, Excel)")
    add_source_option(p, "FILE")
    p.add_argument("--note", metavar="TEXT", default=None, help="free text kept with the version")
    add_store_option(p)
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analysis.store import Store
    from reports.commands._common import say

    store = Store.open(args.store)
    say(args, f"reading {args.file} ...")
    result = store.ingest(args.file, source=args.source, note=args.note)
    from analysis.errors import printable

    v = result.version
    name = printable(str(args.file))
    if not args.quiet:
        if result.created:
            print(f"stored {name} as {v.label} in {printable(str(store.root))}")
        elif result.restored:
            print(f"{name}: same content as {v.label}, whose files were missing: restored them")
        else:
            print(
                f"{name}: same content as {v.label} (ingested {v.ingested_at} from {printable(v.file_name)}); "
                "already stored, nothing written"
            )
        print(f"  fingerprint {v.fingerprint}")
        print(f"  {v.incidents:,} incidents, {v.date_min} to {v.date_max}, read as {v.source}")
        print(
            f"  rows read {v.rows_read:,}: accepted {v.accepted:,}, accepted with warnings {v.warned:,}, "
            f"rejected {v.rejected:,}" + (f", excluded {v.excluded:,}" if v.excluded else "")
        )
        if v.rejected:
            print(f"  rejected rows are kept with the version: secbrief versions {v.label} --rejects FILE")
    return 1 if v.rejected else 0
