"""``secbrief table``: any aggregate the brief uses, zero-filled, on demand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reports.commands._common import add_data_options, add_verbosity, region_argument

EXAMPLE = """examples:
  secbrief table --period 2015..2024 --by year,province --measures incidents,killed_total,killed_security
  secbrief table --period 2024 --by province --format latex --out table1.tex     booktabs table for a paper
  secbrief table --period 2024 --by month --format md                           GitHub pipe table
  secbrief table --period 2015..2024 --by year --format xlsx --out years.xlsx
  secbrief table --period 2015..2024 --breaks --measures killed_total,incidents  when did the level shift?"""
FORMATS = ("csv", "md", "latex", "xlsx")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "table",
        help="print any aggregate (the numbers behind a brief)",
        description="Aggregate incidents by period and groups, zero-filled, with exactly "
        "the definitions the brief uses.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01, 2025-Q1, 2025, 2015..2024 or 2025-01-31..2025-02-01")
    p.add_argument(
        "--by",
        default="year",
        help="comma-separated keys: year, quarter, month, day, province, district, event_type, method, perpetrator",
    )
    p.add_argument(
        "--measures",
        default="incidents,killed_total,injured_total",
        help="comma-separated measures: incidents, attacks, operations, killed_total, killed_security, "
        "killed_civilians, killed_militants, killed_unknown, killed_low, killed_high, injured_total",
    )
    p.add_argument("--region", default=None, help="restrict to one province or territory (any gazetteer spelling)")
    p.add_argument(
        "--format",
        default="csv",
        choices=FORMATS,
        help="csv (default), md (GitHub pipe table), latex (booktabs tabular) or xlsx (needs --out)",
    )
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write to FILE instead of printing")
    p.add_argument(
        "--unknown", action="store_true", help="add <measure>_unknown columns: incidents whose count is blank"
    )
    p.add_argument(
        "--breaks",
        action="store_true",
        help="instead of counts, estimate one structural break (level shift) per measure in the period's "
        "monthly series (per province with --by province): month, confidence set, level ratio, sup-LR p-value",
    )
    add_verbosity(p)
    p.set_defaults(run=run)


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def run(args: argparse.Namespace) -> int:
    from analysis.counts import GROUP_KEYS, MEASURES, TIME_KEYS, count_table
    from analysis.errors import ConfigError
    from analysis.periods import parse_period
    from reports.commands._common import load

    period = parse_period(args.period)
    by = _split(args.by)
    measures = _split(args.measures)
    for k in by:
        if k not in TIME_KEYS + GROUP_KEYS:
            raise ConfigError(f"--by '{k}' is not a grouping; choose from {', '.join(TIME_KEYS + GROUP_KEYS)}")
    for m in measures:
        if m not in MEASURES:
            raise ConfigError(f"--measures '{m}' is not a measure; choose from {', '.join(MEASURES)}")
    if args.format == "xlsx" and args.out is None:
        raise ConfigError("--format xlsx writes a binary file: give --out FILE.xlsx")
    inc = load(args)
    from reports.brief import check_coverage  # a period the data do not cover is not a table of zeros

    check_coverage(inc, period)
    from analysis.capabilities import capabilities
    from analysis.measures import MEASURES as VOCAB

    caps = capabilities(inc.frame, inc.source)
    dropped = [m for m in measures if not caps.measure_recorded(m)]
    if dropped:
        # a measure the source does not record is said once, never printed as a column of zeros
        sys.stderr.write(
            f"secbrief table: {caps.not_recorded(inc.dataset, only=tuple(VOCAB[m].needs or '' for m in dropped))} "
            f"Left out: {', '.join(dropped)}.\n"
        )
        measures = [m for m in measures if m not in dropped]
    frame = inc.frame
    region = region_argument(args.region)
    if region is not None:
        frame = frame.loc[frame["province"] == region]
    if args.breaks:
        from analysis.trends import MIN_SHIFT_MONTHS, break_table

        groups = [k for k in by if k not in TIME_KEYS]
        if groups not in ([], ["province"]):
            raise ConfigError("--breaks splits only by province: use --by province or no grouping")
        table = break_table(frame, period, measures=measures, by="province" if groups else None)
        if table.empty:
            raise ConfigError(
                f"--breaks needs at least {MIN_SHIFT_MONTHS} whole months with events in the period; "
                f"{period.label} has too few"
            )
    else:
        table = count_table(frame, by=by, measures=measures, period=period, with_unknown=args.unknown)
        from analysis.counts import blank_uncovered

        table, outside = blank_uncovered(table, inc.coverage)
        if outside:
            # not recorded is not zero: a year before the dataset starts is blank, and said so
            cover = f"the data cover {inc.coverage[0]:%Y-%m-%d} to {inc.coverage[1]:%Y-%m-%d}"
            sys.stderr.write(f"secbrief table: {_span(outside)} outside the data ({cover}): left blank, not zero.\n")
    about = {
        "period": period.label,
        "by": ", ".join(by) or "(total)",
        "region": region or "Pakistan",
        "source": f"{inc.dataset} ({inc.source} format)",
        "fingerprint": inc.fingerprint,
    }
    data = render_table(table, args.format, about=about)
    if args.out is None:
        from reports.commands._common import write_stdout  # a terminal sees no raw escape sequence

        write_stdout(data.decode("utf-8"))
        sys.stdout.flush()
    else:
        from reports.render import atomic_write

        atomic_write(Path(args.out), data)
    return 0


def _span(labels: list[str]) -> str:
    """Name the buckets a note is about: "2022", or "2022 to 2026 (5 periods)"."""
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]} ({len(labels)} periods)"


#: Column headings for md, LaTeX and xlsx (CSV keeps the machine names); measures from
#: the one vocabulary, :mod:`analysis.measures`.
def _headings() -> dict[str, str]:
    from analysis.measures import MEASURES

    keys = {
        "year": "Year",
        "quarter": "Quarter",
        "month": "Month",
        "day": "Day",
        "province": "Province",
        "district": "District",
        "event_type": "Event type",
        "method": "Method",
        "perpetrator": "Group named",
        "target": "Target",
        "dataset": "Dataset",
    }
    breaks = {  # secbrief table --breaks
        "measure": "Measure",
        "months": "Months",
        "direction": "Level shift",
        "set_start": "Confidence set from",
        "set_end": "Confidence set to",
        "level_ratio": "Level ratio",
        "ci_low": "Ratio, lower bound",
        "ci_high": "Ratio, upper bound",
        "mean_before": "Monthly mean before",
        "mean_after": "Monthly mean after",
        "sup_lr": "sup-LR",
        "p_value": "p-value",
        "p_adjusted": "p-value, BH-adjusted",
    }
    return keys | {k: m.heading for k, m in MEASURES.items()} | breaks


HEADINGS = _headings()


def heading(column: str) -> str:
    """Reader's heading of a count-table column."""
    if column.endswith("_unknown") and column[: -len("_unknown")] in HEADINGS and column != "killed_unknown":
        return f"{HEADINGS[column[: -len('_unknown')]]}: incidents not stating it"
    return HEADINGS.get(column, column)


def _cells(table) -> tuple[list[str], list[list[str]], list[bool]]:  # table: pandas.DataFrame
    """Headings, formatted rows and which columns are numeric, as the brief formats them."""
    import pandas as pd

    from analysis.counts import UNKNOWN
    from analysis.measures import EVENT_LABELS, METHOD_LABELS, NOT_STATED
    from reports import formatting as fmt

    labels = {"method": METHOD_LABELS, "event_type": EVENT_LABELS}
    cols = list(table.columns)
    numeric = [str(table[c].dtype).startswith(("int", "Int")) and c not in ("year",) for c in cols]
    rows = []
    for r in table.itertuples(index=False):
        rows.append(
            [
                ("" if pd.isna(v) else fmt.integer(v))
                if num
                else (NOT_STATED if v == UNKNOWN else labels.get(c, {}).get(v, str(v)))
                for c, v, num in zip(cols, r, numeric, strict=True)
            ]
        )
    return [heading(c) for c in cols], rows, numeric


def _markdown(table) -> str:
    heads, rows, numeric = _cells(table)

    def esc(t: str) -> str:
        return t.replace("|", "\\|")

    lines = [
        "| " + " | ".join(esc(h) for h in heads) + " |",
        "|" + "|".join("---:" if n else ":---" for n in numeric) + "|",
    ]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    """Text safe inside a LaTeX table cell."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _latex(table, about: dict[str, str]) -> str:
    heads, rows, numeric = _cells(table)
    spec = "".join("r" if n else "l" for n in numeric)
    out = [
        f"% secbrief table: {latex_escape(about['period'])}; by {about['by']}; {latex_escape(about['region'])}",
        f"% source: {about['source']}; data fingerprint {about['fingerprint']}",
        "% needs \\usepackage{booktabs}",
        f"\\begin{{tabular}}{{{spec}}}",
        "\\toprule",
        " & ".join(latex_escape(h) for h in heads) + " \\\\",
        "\\midrule",
    ]
    out += [" & ".join(latex_escape(c) for c in row) + " \\\\" for row in rows]
    out += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(out) + "\n"


def _xlsx(table, about: dict[str, str]) -> bytes:
    import datetime as dt
    import io

    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from analysis.counts import UNKNOWN
    from analysis.measures import NOT_STATED

    wb = Workbook()
    ws = wb.active
    ws.title = "table"
    from reports.safe_export import append_row  # text cells as text, never formulas

    append_row(ws, [heading(c) for c in table.columns])
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="bottom")
    for r in table.itertuples(index=False):
        append_row(
            ws,
            [
                (
                    None
                    if v is pd.NA
                    else int(v)
                    if hasattr(v, "item") and not isinstance(v, str)
                    else (NOT_STATED if v == UNKNOWN else v)
                )
                for v in r
            ],
        )
    for i, col in enumerate(table.columns, start=1):
        width = max(len(heading(col)) * 0.6, *(len(str(v)) for v in table[col]), 6) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(width, 40)
        if str(table[col].dtype).startswith(("int", "Int")) and col != "year":
            for cell in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell[0].number_format = "#,##0"
    ws.freeze_panes = "A2"
    meta = wb.create_sheet("about")
    for k in ("period", "by", "region", "source", "fingerprint"):
        append_row(meta, [k, about[k]])
    append_row(
        meta,
        [
            "definitions",
            "Counts as in the secbrief brief: incidents counted in the period they started; "
            "blank counts are unknown, not zero (see the _unknown columns).",
        ],
    )
    fixed = dt.datetime(2000, 1, 1)  # no wall-clock time in the file's properties
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "secbrief"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_table(table, fmt: str, *, about: dict[str, str]) -> bytes:
    """A count table as ``csv``, ``md`` (GitHub pipe table), ``latex`` (booktabs) or ``xlsx`` bytes.

    CSV and xlsx hold the plain integers; md and LaTeX show them as the brief does
    (thousands separators, "Not stated" for a blank group).
    """
    if fmt == "csv":
        from reports.safe_export import csv_bytes  # text never a live formula

        return csv_bytes(table)
    if fmt == "md":
        return _markdown(table).encode("utf-8")
    if fmt == "latex":
        return _latex(table, about).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(table, about)
    raise ValueError(f"unknown table format {fmt!r}; choose from {', '.join(FORMATS)}")
