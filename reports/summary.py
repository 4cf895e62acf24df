"""Terminal summaries (validation outcome and data overview), printed with rich."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.incidents import Incidents

if TYPE_CHECKING:
    from analysis.validate import Problem

#: Problems listed in full before "... and N more" (``--verbose`` lists all).
FIRST_PROBLEMS = 10


def rejects_file_for(data_path: str | Path) -> Path:
    """Default sidecar file for rejected rows: ``FILE.rejects.csv`` in the working directory.

    The raw input is never written to, nor is its folder (it may be read-only).
    """
    return Path.cwd() / (Path(data_path).name + ".rejects.csv")


def write_rejects(inc: Incidents, path: str | Path | None) -> Path | None:
    """Write the rejected rows (file, row, column, reason, then the values); None when none were rejected."""
    if inc.report.rejected == 0:
        return None
    from reports.render import atomic_write
    from reports.safe_export import csv_bytes

    out = Path(path) if path else rejects_file_for(inc.path or "data")
    atomic_write(out, csv_bytes(inc.report.rejected_rows))
    return out


def unresolved_places(inc: Incidents) -> list[tuple[str, str, int]]:
    """``(column, name as written, rows)`` for province and district names not in the gazetteer."""
    counts: Counter[tuple[str, str]] = Counter(
        (p.column or "", p.value or "")
        for p in inc.report.problems
        if p.check in ("unknown_province", "unknown_district")
    )
    return [(c, v, n) for (c, v), n in sorted(counts.items(), key=lambda kv: (kv[0][0] != "province", -kv[1]))]


def first_problems(problems: Iterable[Problem], *, errors: int = FIRST_PROBLEMS, per_warning: int = 2) -> list[Problem]:
    """The first errors, then the first few of each kind of warning, in file order."""
    out: list[Problem] = []
    seen: Counter[str | None] = Counter()
    for p in problems:
        if p.severity == "error":
            if sum(1 for q in out if q.severity == "error") < errors:
                out.append(p)
        elif seen[p.check] < per_warning:
            seen[p.check] += 1
            out.append(p)
    return sorted(out, key=lambda p: p.row if p.row is not None else -1)


def outcome_line(inc: Incidents) -> str:
    """One line of row accounting: rows in file = accepted + warned + rejected + excluded."""
    rep = inc.report
    line = (
        f"rows {rep.rows_in_file:,}: accepted {rep.accepted:,}, accepted with warnings {rep.warned:,}, "
        f"rejected {rep.rejected:,}, excluded (not incidents) {len(rep.excluded):,}"
    )
    if rep.duplicates_dropped:
        line += f"; {rep.duplicates_dropped:,} exact duplicate rows counted once"
    return line


def _year_province_table(inc: Incidents, measure: str, title: str):  # -> rich.table.Table
    from rich.table import Table

    from analysis.counts import count_table
    from analysis.gazetteer import find_province

    t = count_table(inc.frame, by=["year", "province"], measures=[measure], with_unknown=False)
    wide = t.pivot(index="year", columns="province", values=measure)
    wide = wide.loc[:, (wide != 0).any(axis=0)]
    codes = {c: (p.code if (p := find_province(str(c))) else str(c)) for c in wide.columns}
    legend = ", ".join(f"{v} {k}" for k, v in codes.items() if v != k)
    table = Table(title=title, caption=legend, show_lines=False)
    table.add_column("year", justify="right")
    for c in wide.columns:
        table.add_column(codes[c], justify="right")
    table.add_column("all", justify="right")
    for y, row in wide.iterrows():
        table.add_row(str(y), *[f"{int(v):,}" for v in row], f"{int(row.sum()):,}")
    table.add_row("all", *[f"{int(v):,}" for v in wide.sum(axis=0)], f"{int(wide.to_numpy().sum()):,}")
    return table


def print_validation_summary(
    inc: Incidents, *, rejects_path: str | None = None, quiet: bool = False, verbose: bool = False
) -> int:
    """Print rows by outcome, coverage, incidents and killed by province and year; return the exit code.

    Exit code 0 when no row was rejected, 1 otherwise (the rejected rows are
    written to a sidecar CSV, see :func:`write_rejects`).
    """
    from rich.console import Console
    from rich.markup import escape

    from analysis.errors import printable

    rep = inc.report
    written = write_rejects(inc, rejects_path)
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    if quiet:
        return 1 if rep.rejected else 0
    console.print(f"[bold]{escape(printable(str(inc.path)))}[/bold] read as [bold]{inc.source}[/bold]")
    for note in rep.notes:
        console.print(f"  {printable(note)}", markup=False)
    console.print(outcome_line(inc))
    for p in rep.excluded:
        console.print(f"  excluded: {printable(p.one_line())}", markup=False)
    cov = inc.coverage
    if cov:
        console.print(
            f"dates {cov[0]:%Y-%m-%d} to {cov[1]:%Y-%m-%d}; {len(inc.frame):,} incidents; "
            f"fingerprint {inc.fingerprint[:16]}"
        )
    if rep.problems:
        by_check = Counter(p.check or p.severity for p in rep.problems)
        console.print("problems: " + ", ".join(f"{k} {v:,}" for k, v in by_check.most_common()), markup=False)
        shown = rep.problems if verbose else first_problems(rep.problems)
        for p in shown:
            console.print(f"  {p.severity}: {printable(p.one_line())}", markup=False)
        if len(shown) < len(rep.problems):
            console.print(f"  ... and {len(rep.problems) - len(shown):,} more (--verbose lists all)")
    if written:
        console.print(f"rejected rows written to {printable(str(written))}", markup=False)
    places = unresolved_places(inc)
    if places:
        console.print(
            "place names not in the gazetteer (rows): "
            + "; ".join(f"{c} '{printable(v)}' ({n:,})" for c, v, n in (places if verbose else places[:15]))
            + ("" if verbose or len(places) <= 15 else f"; ... {len(places) - 15} more"),
            markup=False,
        )
    if len(inc.frame):
        unknown = int(inc.frame["province"].isna().sum())
        if unknown:
            console.print(f"{unknown:,} incidents without a province are counted under 'unknown'")
        console.print(_year_province_table(inc, "incidents", "incidents by year and province"))
        console.print(_year_province_table(inc, "killed_total", "killed by year and province"))
    return 1 if rep.rejected else 0
