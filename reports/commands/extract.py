"""``secbrief extract``: code news reports into candidate incidents for an analyst to review."""

from __future__ import annotations

import argparse
import sys

from reports.commands._common import add_verbosity, say

EXAMPLE = (
    "example: secbrief extract ../shared/news/ --out candidates.csv --review\n"
    "         secbrief extract report.txt --date 2025-02-01 --format json"
)

_REPORT_SUFFIXES = (".txt", ".html", ".htm")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="code news reports into candidate incidents (for review)",
        description="Read plain-text or HTML news reports (files or folders) and write candidate incidents in "
        "the native schema, with the source sentences, a confidence and the date basis. Context "
        "facts (yearly totals, 'so far' figures) and headline sums are reported apart, never as "
        "incidents. Exit 0 when every report was read, 1 when some could not be, 2 when none.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="report file(s) or folder(s) of .txt/.html reports")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default=None,
        help="publication date (overrides a report's 'date' line; needed for relative dates)",
    )
    p.add_argument("--out", metavar="FILE", default=None, help="write the candidates here (default: standard output)")
    p.add_argument(
        "--format",
        choices=["csv", "json"],
        default="csv",
        help="csv: one row per candidate (schema + review columns); json: candidates, context facts, "
        "sums not coded and review items",
    )
    p.add_argument(
        "--review",
        action="store_true",
        help="print each candidate beside its source sentences, then what was not coded and why "
        "(instead of the CSV/JSON on standard output; with --out the file is still written)",
    )
    p.add_argument(
        "--max-bytes",
        metavar="SIZE",
        type=_size,
        default=None,
        help="refuse a report larger than SIZE (e.g. 20MB; default 5MB, far more than a news report)",
    )
    add_verbosity(p)
    p.set_defaults(run=run)


def _size(text: str) -> int:
    from analysis.sources._tabular import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _report_paths(items: list[str]):  # -> list[Path]
    from pathlib import Path

    from analysis.errors import SourceFormatError

    paths = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() in _REPORT_SUFFIXES and q.is_file())
            if not found:
                raise SourceFormatError("folder has no .txt or .html reports", file=p)
            paths.extend(found)
        elif p.exists():
            paths.append(p)
        else:
            raise SourceFormatError("file not found", file=p)
    return paths


def _review_text(extractions) -> str:
    lines = []
    for ex in extractions:
        lines.append(f"=== {ex.source} (published {ex.published.isoformat()})" + (f" {ex.url}" if ex.url else ""))
        if not ex.candidates:
            lines.append("  no incident")
        for c in ex.candidates:
            counts = (
                ", ".join(
                    f"{k} {v}"
                    for k, v in (
                        ("security", c.killed_security),
                        ("civilians", c.killed_civilians),
                        ("militants", c.killed_militants),
                        ("unknown", c.killed_unknown),
                        ("injured", c.injured_total),
                    )
                    if v is not None
                )
                or "no figures"
            )
            place = c.district or "district blank"
            lines.append(
                f"[{c.incident_id}] {c.date.isoformat()} ({c.date_basis}) {c.province or 'province blank'} / "
                f"{place}: {c.event_type or 'type?'}; {counts}; confidence {c.confidence:.2f}"
            )
            for s in c.sentences:
                lines.append(f"    > {s}")
            for r in c.review:
                lines.append(f"    ! {r}")
        for s in ex.sums:
            lines.append(f"  not coded (sum): {s.explanation}\n    > {s.sentence}")
        for f in ex.context:
            figures = ", ".join(f"{v} {w}" for v, w in f.figures)
            lines.append(f"  context ({f.reason}): {figures}\n    > {f.sentence}")
        for r in ex.review:
            lines.append(f"  ! {r}")
    return "\n".join(lines) + "\n"


def _json_payload(extractions, frame) -> dict:
    import json

    rows = json.loads(frame.to_json(orient="records", date_format="iso"))
    return {
        "incidents": rows,
        "context": [
            {
                "source": f.source,
                "sentence": f.sentence,
                "reason": f.reason,
                "figures": [{"value": v, "what": w} for v, w in f.figures],
            }
            for ex in extractions
            for f in ex.context
        ],
        "not_coded": [
            {"source": ex.source, "sentence": s.sentence, "explanation": s.explanation}
            for ex in extractions
            for s in ex.sums
        ],
        "review": [{"source": ex.source, "item": r} for ex in extractions for r in ex.review],
    }


def _write(text: str, out: str | None) -> None:
    if out is None:
        from reports.commands._common import write_stdout

        write_stdout(text)
        return
    from pathlib import Path

    from analysis.errors import ConfigError
    from reports.render import atomic_write

    try:
        atomic_write(Path(out), text.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"--out cannot be written: {exc.strerror or exc}", file=out) from exc


def run(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from analysis.errors import ConfigError, SecbriefError
    from analysis.extract import candidates_frame, extract_file

    published = None
    if args.date is not None:
        try:
            published = date.fromisoformat(args.date)
        except ValueError as exc:
            raise ConfigError(f"--date '{args.date}' is not a date (expected YYYY-MM-DD)") from exc
    paths = _report_paths(args.files)
    limit = {"max_bytes": args.max_bytes} if getattr(args, "max_bytes", None) else {}
    extractions, failed = [], 0
    for p in paths:
        try:
            extractions.append(extract_file(p, published=published, **limit))
        except SecbriefError as exc:
            failed += 1
            print(f"secbrief: error: {exc.one_line()}", file=sys.stderr)
    if not extractions:
        return 2
    frame = candidates_frame(extractions)
    if args.format == "json":
        payload = json.dumps(_json_payload(extractions, frame), indent=2, ensure_ascii=False) + "\n"
    else:
        from reports.safe_export import csv_bytes  # text never a live formula

        payload = csv_bytes(frame).decode("utf-8")
    if args.review:
        from reports.commands._common import write_stdout

        write_stdout(_review_text(extractions))
        if args.out is not None:
            _write(payload, args.out)
    else:
        _write(payload, args.out)
    sys.stdout.flush()
    n_context = sum(len(ex.context) for ex in extractions)
    say(
        args,
        f"{len(frame)} candidate incident(s) from {len(extractions)} report(s); {n_context} context fact(s)"
        + (f"; {failed} report(s) could not be read" if failed else "")
        + (f"; written to {args.out}" if args.out else ""),
    )
    return 1 if failed else 0
