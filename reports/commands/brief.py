"""``secbrief brief``: build a monthly, quarterly or annual brief as PDF and HTML."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reports.commands._common import add_data_options, add_verbosity, region_argument

EXAMPLE = """examples:
  secbrief brief --period 2025-01                       monthly brief on the demo data
  secbrief brief --period 2025-Q1 --region KP           quarterly brief for Khyber Pakhtunkhwa
  secbrief brief --period 2021 --data ../shared/data/ucdp-ged-pakistan.csv --source ucdp"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief",
        help="build a periodic brief (PDF + HTML)",
        description="Build the brief of a month (2025-01), quarter (2025-Q1) or year (2025): "
        "writes out/<kind>-<period>[-<region>].pdf and .html.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01 (monthly), 2025-Q1 (quarterly) or 2025 (annual)")
    p.add_argument("--region", default=None, help="a province or territory (any gazetteer spelling, e.g. KP)")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--emit-json", action="store_true", help="also write every number the brief shows to <name>.json")
    p.add_argument("--config", type=Path, default=None, help="secbrief.toml (default: ./secbrief.toml if present)")
    p.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        help="folder of your own templates overriding the shipped ones (repeatable)",
    )
    p.add_argument(
        "--allow-rejects",
        action="store_true",
        help="build even if rows were rejected; the brief states how many were excluded",
    )
    p.add_argument(
        "--notes",
        type=Path,
        default=None,
        help="the analyst's commentary in Markdown ({killed.total} writes a number of the brief; "
        "typed numbers are checked against the brief; default: [brief] notes in secbrief.toml)",
    )
    p.add_argument(
        "--strict-notes",
        action="store_true",
        help="a number typed in the notes that the brief does not show is an error (exit 2), not a warning",
    )
    p.add_argument("--timings", action="store_true", help="print the time spent in each stage")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="rebuild even when nothing changed (by default an unchanged brief is reused from the "
        "cache: $SECBRIEF_CACHE or ~/.cache/secbrief)",
    )
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    key, cache = (None, None) if args.no_cache else _cache_key(args)
    if key is not None and cache is not None:
        hit = cache.get(key)
        if hit is not None:  # same data, options, templates and secbrief: the same files
            return _restore(args, hit, t0)
    from reports._prefork import start_worker

    worker = start_worker()  # forked before pandas is imported: WeasyPrint warms up on the other core
    try:
        code, files = _run(args, t0, worker)
    finally:
        if worker is not None:
            worker.close()
    if key is not None and cache is not None:
        cache.put(
            key,
            {
                "code": code,
                "files": {n: (args.out / n).read_bytes() for n in files},
                "notes_warnings": getattr(args, "_notes_warnings", []),
            },
        )
    from analysis.cache import Cache
    from reports.commands._common import say

    for line in Cache.take_problems():
        say(args, f"note: {line}")
    return code


def _cache_key(args: argparse.Namespace):
    """Key of an unchanged rebuild, computed without importing pandas (so a hit takes a fraction of a second).

    It holds the data's bytes (or version fingerprint), every option, the configuration,
    logo, boundaries and template files, ``SOURCE_DATE_EPOCH``, the previous brief of the
    series when the data are a stored version (the revisions section depends on it), and,
    through the cache's environment stamp, secbrief's code and the library versions.
    """
    import os

    from analysis.cache import Cache, tree_digest
    from reports.commands._common import VersionRef, data_argument, data_key
    from reports.config import load_config

    cfg = load_config(args.config)
    _store_from_config(args, cfg)
    config_file = args.config or (Path.cwd() / "secbrief.toml" if (Path.cwd() / "secbrief.toml").is_file() else None)
    data = data_argument(str(args.data)) if args.data is not None else None
    prev = None
    if isinstance(data, VersionRef):
        prev = _previous_publication(args, data)
    key = (
        "brief-files",
        data_key(args.data, source=args.source, store=args.store),
        args.period,
        args.region,
        args.emit_json,
        args.allow_rejects,
        os.environ.get("SOURCE_DATE_EPOCH"),
        tree_digest(config_file, *args.templates, cfg.logo, cfg.boundaries, args.notes, *_notes_files(cfg)),
        args.strict_notes,
        prev,
    )
    return key, Cache.for_user()


def _notes_files(cfg) -> list[Path]:  # noqa: ANN001
    """Every file the ``[brief] notes`` pattern can name (so editing any of them changes the key)."""
    if not cfg.notes:
        return []
    import glob

    pattern = cfg.notes.replace("{period}", "*").replace("{kind}", "*").replace("{region}", "*")
    return [Path(f) for f in sorted(glob.glob(glob.escape(pattern).replace("[*]", "*")))] or [Path(cfg.notes)]


def _store_from_config(args: argparse.Namespace, cfg) -> None:
    """``--store``, else ``SECBRIEF_STORE``, else the ``[store]`` of the configuration read (``--config``)."""
    import os

    if args.store is None and not os.environ.get("SECBRIEF_STORE") and cfg.store is not None:
        args.store = cfg.store


def _previous_publication(args: argparse.Namespace, data) -> str | None:
    from analysis.periods import parse_period
    from analysis.store import Store
    from reports.revisions import series_name

    period = parse_period(args.period)
    kind = {"month": "monthly", "quarter": "quarterly", "year": "annual"}.get(period.kind, period.kind)
    region = None
    if args.region:
        from analysis.gazetteer import resolve_province

        region = resolve_province(args.region)
    prev = Store.open(args.store).previous_publication(series_name(kind, region), before=period)
    return prev.fingerprint if prev else None


def _restore(args: argparse.Namespace, hit: dict, t0: float) -> int:
    from reports.commands._common import say
    from reports.render import write_together

    write_together({args.out / name: data for name, data in hit["files"].items()})
    _print_notes_warnings(hit.get("notes_warnings", []))
    pdf = next(n for n in hit["files"] if n.endswith(".pdf"))
    say(args, f"wrote {args.out / pdf} (unchanged since the last build: reused from the cache)")
    if args.timings:
        print(f"timings: cache hit; total {time.perf_counter() - t0:.2f}s")
    return int(hit["code"])


def _run(args: argparse.Namespace, t0: float, worker) -> tuple[int, list[str]]:
    from analysis.periods import parse_period
    from reports.brief import Timings
    from reports.config import load_config

    period = parse_period(args.period)
    region = region_argument(args.region)
    from reports.render import check_template_dirs

    check_template_dirs(args.templates)
    cfg = load_config(args.config)
    _store_from_config(args, cfg)
    timings = Timings()
    timings.stages["imports"] = time.perf_counter() - t0
    figures = None
    if worker is not None:  # forked now that pandas is in memory (parse_period imported it): not imported twice
        from reports._prefork import start_figure_worker

        figures = start_figure_worker()
    try:
        return _build(args, t0, worker, figures, period, region, cfg, timings)
    finally:
        if figures is not None:
            figures.close()


def _build(args, t0, worker, figures, period, region, cfg, timings) -> tuple[int, list[str]]:
    from reports.brief import build_brief
    from reports.commands._common import say

    with timings.stage("load"):
        inc = _load(args)
    from reports.commands._common import VersionRef, data_argument

    versioned = args.data is not None and isinstance(data_argument(str(args.data)), VersionRef)
    revisions = None
    store = None
    if versioned:  # briefs built from stored versions are recorded, so the next one can list revisions
        from analysis.store import Store
        from reports.context import brief_kind
        from reports.revisions import revisions_since_last_brief

        store = Store.open(args.store)
        revisions = revisions_since_last_brief(store, inc, kind=brief_kind(period), period=period, region=region)
    result = build_brief(
        inc,
        period,
        out_dir=args.out,
        cfg=cfg,
        region=region,
        emit_json=args.emit_json,
        template_dirs=tuple(args.templates),
        allow_rejects=args.allow_rejects,
        timings=timings,
        pdf_renderer=worker.html_to_pdf if worker is not None else None,
        revisions=revisions,
        figure_worker=figures,
        notes=args.notes,
        strict_notes=args.strict_notes,
    )
    args._notes_warnings = [w.one_line() for w in result.notes_warnings]
    _print_notes_warnings(args._notes_warnings)
    if store is not None:
        import sqlite3

        from analysis.errors import ConfigError
        from reports.context import brief_kind
        from reports.revisions import record_brief

        try:
            record_brief(store, inc, kind=brief_kind(period), period=period, region=region, output=result.pdf)
        except (OSError, sqlite3.Error) as exc:  # the brief is whole; only its publication record is missing
            raise ConfigError(
                f"wrote {result.pdf}, but the store cannot record it as published ({exc}); the next brief "
                "will not list revisions against it",
                file=store.root,
            ) from exc
    say(args, f"wrote {result.pdf}")
    if args.verbose:
        say(args, f"wrote {result.html}" + (f" and {result.json}" if result.json else ""))
    if args.timings:
        total = time.perf_counter() - t0
        parts = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        print(f"timings: {parts}; total {total:.2f}s")
    files = [p.name for p in (result.pdf, result.html, result.json) if p is not None]
    files += [p.name for p in args.out.glob(f"{result.pdf.stem}-rejected-rows.csv")]
    return (1 if inc.report.rejected else 0), files


def _print_notes_warnings(lines: list[str]) -> None:
    import sys

    for line in lines:
        print(f"warning: {line}", file=sys.stderr)


def _load(args: argparse.Namespace):
    """Load ``--data``; a file's parsed and validated rows are cached by its bytes (a version is fast already)."""
    from reports.commands._common import VersionRef, data_argument, load

    data = data_argument(str(args.data)) if args.data is not None else None
    if args.no_cache or isinstance(data, VersionRef):
        return load(args)
    from analysis.cache import Cache, cached_load_incidents
    from analysis.demo import demo_path

    return cached_load_incidents(Cache.for_user(), data or demo_path(), source=args.source)
