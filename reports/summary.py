"""Terminal summaries (validation outcome and data overview), printed with rich."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.incidents import Incidents


def rejects_file_for(data_path: str | Path) -> Path:
    """Default sidecar file for rejected rows: ``FILE.rejects.csv`` beside... the working directory.

    The raw input is never written to, nor is its folder (it may be read-only):
    the sidecar goes to the current directory.
    """
    return Path.cwd() / (Path(data_path).name + ".rejects.csv")


def write_rejects(inc: Incidents, path: str | Path | None) -> Path | None:
    """Write the rejected rows with reasons; returns the path, or None when nothing was rejected."""
    if inc.report.rejected == 0:
        return None
    out = Path(path) if path else rejects_file_for(inc.path or "data")
    tmp = out.with_name(out.name + ".tmp")
    inc.report.rejected_rows.to_csv(tmp, index=False)
    tmp.replace(out)
    return out


def print_validation_summary(inc: Incidents, *, rejects_path: str | None = None,
                             quiet: bool = False, verbose: bool = False) -> int:
    """Print rows by outcome, coverage, incidents and killed by province and year; return the exit code."""
    from rich.console import Console
    from rich.table import Table

    from analysis.counts import count_table

    rep = inc.report
    written = write_rejects(inc, rejects_path)
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    if not quiet:
        console.print(f"[bold]{inc.path}[/bold] read as [bold]{inc.source}[/bold]")
        console.print(f"rows read {rep.rows_read:,}: accepted {rep.accepted:,}, "
                      f"accepted with warnings {rep.warned:,}, rejected {rep.rejected:,}")
        for p in rep.excluded:
            console.print(f"excluded (not an incident): {p.one_line()}")
        cov = inc.coverage
        if cov:
            console.print(f"dates {cov[0]:%Y-%m-%d} to {cov[1]:%Y-%m-%d}; fingerprint {inc.fingerprint[:16]}")
        limit = None if verbose else 10
        shown = rep.problems[:limit] if limit else rep.problems
        for p in shown:
            console.print(f"  {p.severity}: {p.one_line()}", markup=False)
        if limit and len(rep.problems) > limit:
            console.print(f"  ... and {len(rep.problems) - limit:,} more problems (--verbose lists all)")
        if written:
            console.print(f"rejected rows written to {written}")
        if len(inc.frame):
            t = count_table(inc.frame, by=["year", "province"], measures=["incidents", "killed_total"],
                            with_unknown=False)
            wide = t.pivot(index="year", columns="province", values="killed_total")
            table = Table(title="killed by year and province", show_lines=False)
            table.add_column("year", justify="right")
            for c in wide.columns:
                table.add_column(str(c), justify="right")
            table.add_column("incidents", justify="right")
            inc_by_year = t.groupby("year")["incidents"].sum()
            for y, row in wide.iterrows():
                table.add_row(str(y), *[f"{int(v):,}" for v in row], f"{int(inc_by_year[y]):,}")
            console.print(table)
    return 1 if rep.rejected else 0
