"""Pieces every source reader uses: leaving out rows that are not incidents, dates, sums.

Readers map a :class:`~analysis.sources._tabular.Table` onto canonical column
names and hand a :class:`~analysis.validate.MappedRows` to the validator. Values
stay as the file wrote them wherever possible, so that the validator's messages
quote the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from analysis import cells
from analysis.errors import SourceFormatError
from analysis.sources._tabular import Table, blank_rows, hxl_rows, totals_rows
from analysis.validate import ROW_COLUMN, MappedRows, Problem, Severity


def header_names(header: Sequence[str]) -> set[str]:
    """A file header's column names as readers compare them: stripped, lower case."""
    return {c.strip().lower() for c in header}


def row_problems(
    table: Table,
    mask: np.ndarray,
    severity: Severity,
    check: str,
    message: Callable[[int], str],
    *,
    column: str | None = None,
    value: Callable[[int], str] | None = None,
) -> list[Problem]:
    """One :class:`~analysis.validate.Problem` for each row where ``mask`` is true, in file order.

    ``message`` and ``value`` take the row's position in ``table`` (0-based); the problem
    names the file's own row number (``table.rows``).
    """
    file = str(table.path)
    return [
        Problem(severity, message(i), int(table.rows[i]), column, value(i) if value else None, file, check)
        for i in np.flatnonzero(mask).tolist()
    ]


def split_non_incidents(
    table: Table, key_columns: Sequence[str], *, detect_totals: bool = True
) -> tuple[np.ndarray, list[Problem]]:
    """Mask of incident rows, and one 'excluded' message for each row that is not an incident.

    Empty rows, HXL hashtag rows (HDX exports) and column-totals rows (see
    :func:`~analysis.sources._tabular.totals_rows`) are left out, each with a message.
    """
    f = table.frame
    blank = blank_rows(f)
    hxl = hxl_rows(f) & ~blank
    keys = [table.find(k) or k for k in key_columns]
    totals = totals_rows(f, keys) & ~blank & ~hxl if detect_totals else np.zeros(len(f), dtype=bool)

    def hxl_message(i: int) -> str:
        tags = [t for t in f.iloc[i].astype(str).str.strip() if t][:3]
        return f"HXL hashtag row ({', '.join(tags)}, ...) of an HDX export: column tags, not an incident"

    problems = (
        row_problems(table, hxl, "warning", "hxl_row", hxl_message)
        + row_problems(
            table,
            totals,
            "warning",
            "totals_row",
            lambda i: "column-totals row (its numbers are the sums of the other rows), not an incident",
        )
        + row_problems(table, blank, "warning", "empty_row", lambda i: "empty row")
    )
    problems.sort(key=lambda p: p.row or 0)
    return ~(blank | hxl | totals), problems


def mapped_rows(
    table: Table,
    keep: np.ndarray,
    columns: dict[str, pd.Series | str | None],
    *,
    excluded: Sequence[Problem] = (),
    problems: Sequence[Problem] = (),
    date_hint: str = "YYYY-MM-DD",
    notes: Sequence[str] = (),
) -> MappedRows:
    """Assemble canonical columns for the kept rows; a ``str`` value fills the column with it."""
    n = int(keep.sum())
    out: dict[str, object] = {}
    for name, value in columns.items():
        if value is None:
            continue
        if isinstance(value, str):
            out[name] = pd.Series([value] * n, dtype="string")
        else:
            out[name] = value.loc[keep].reset_index(drop=True) if len(value) == len(keep) else value
    frame = pd.DataFrame(out, index=pd.RangeIndex(n))
    frame[ROW_COLUMN] = table.rows[keep]
    return MappedRows(
        frame=frame,
        excluded=tuple(excluded),
        problems=tuple(problems),
        date_hint=date_hint,
        notes=tuple(table.notes) + tuple(notes),
    )


def numbers(s: pd.Series) -> pd.Series:
    """Counts in a text column, read by the shared cell parser (blank, missing or unreadable → NA)."""
    return pd.Series(cells.numbers(s, True)[0], index=s.index).astype("Float64")


def checked_numbers(
    table: Table,
    column: str,
    *,
    target: str,
    problems: list[Problem],
    keep: np.ndarray | None = None,
    check: str = "not_a_number",
    suffix: str = "",
) -> pd.Series:
    """Counts of a file column; each unreadable cell (in ``keep`` rows) adds an error for ``target``.

    Cells are read as the validator reads them (:func:`analysis.cells.number`): ``1,234``
    is 1234 and ``unknown`` is blank.
    """
    text = table.column(column)
    values, bad = cells.numbers(text, True)
    if keep is not None:
        bad = bad & keep
    written = text.to_numpy(dtype=object)
    problems += row_problems(
        table,
        bad,
        "error",
        check,
        lambda i: f"'{written[i]}' in column '{column}' is not a number{suffix}",
        column=target,
        value=lambda i: str(written[i]),
    )
    return pd.Series(values, index=text.index).astype("Float64")


def add_up(table: Table, columns: Sequence[str], *, target: str, problems: list[Problem]) -> pd.Series:
    """Sum of several count columns, blank only when all are blank.

    A cell that is not a number cannot be added: the row gets an error naming the
    cell, and the sum is left as that text so the row is rejected.
    """
    total = pd.concat(
        [
            checked_numbers(table, c, target=target, problems=problems, suffix=f", so {target} cannot be added up")
            for c in columns
        ],
        axis=1,
    ).sum(axis=1, min_count=1)
    out = total.astype("Int64").astype("string") if (total.dropna() % 1 == 0).all() else total.astype("string")
    return out.fillna("")


_NUMBER = re.compile(r"\b0+(\d)")


def _canonical_text(s: pd.Series) -> pd.Series:
    """Lower case, single spaces, no leading zeros in numbers: for comparing date spellings."""
    t = s.astype("string").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return t.str.replace(_NUMBER, r"\1", regex=True)


def _strptime(text: pd.Series, fmt: str) -> pd.Series:
    """``text`` read with the ``strptime`` format ``fmt`` (NaT where it does not fit or the year cannot be held)."""
    # A format with a UTC offset (%z): offsets may differ row to row; the day is taken in Pakistan time.
    zoned = "%z" in fmt.replace("%%", "")
    got = pd.to_datetime(text, format=fmt, errors="coerce", utc=zoned)
    if getattr(got.dt, "tz", None) is not None:
        got = got.dt.tz_convert(cells.PKT).dt.tz_localize(None)
    years = got.dt.year
    lo, hi = cells.YEARS
    return got.mask((years < lo) | (years > hi)).astype("datetime64[ns]")


def _order(fmt: str) -> str | None:
    """``"day first"`` or ``"month first"`` for a format naming a day and a month in numbers; else None."""
    day = fmt.find("%d")
    month = fmt.find("%m")
    if day < 0 or month < 0:
        return None
    return "day first" if day < month else "month first"


def _settle_order(
    text: pd.Series, formats: Sequence[str], *, rows: np.ndarray, column: str, file: str
) -> tuple[str, ...]:
    """The formats to try, once the file's own dates say whether they are day first or month first.

    When the profile lists formats of both orders (``%d/%m/%Y`` and ``%m/%d/%Y``), a date
    like ``05/01/2024`` fits both and trying the formats in turn would read it silently by
    the first. The dates that fit one order only settle it: the formats of the other order
    are dropped. When the file holds dates of both orders, or only dates that fit both,
    which is meant cannot be known, and the file is refused with a request to declare the order.
    """
    orders = {fmt: _order(fmt) for fmt in formats}
    if len({o for o in orders.values() if o}) < 2:
        return tuple(formats)
    filled = text.notna() & (text != "")
    got = {o: pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]") for o in ("day first", "month first")}
    for fmt, o in orders.items():
        if o:
            got[o] = got[o].fillna(_strptime(text.where(filled), fmt))
    fits = {o: g.notna().to_numpy(dtype=bool) for o, g in got.items()}
    only = {"day first": np.flatnonzero(fits["day first"] & ~fits["month first"]),
            "month first": np.flatnonzero(fits["month first"] & ~fits["day first"])}  # fmt: skip
    differ = (got["day first"] != got["month first"]).fillna(False).to_numpy(dtype=bool)
    both = np.flatnonzero(fits["day first"] & fits["month first"] & differ)
    cell = text.to_numpy(dtype=object)

    def example(i: int) -> str:
        return f"row {int(rows[i])}: '{cell[i]}'"

    if len(only["day first"]) and len(only["month first"]):
        raise SourceFormatError(
            f"column '{column}' mixes dates written day first ({example(only['day first'][0])}) and month "
            f"first ({example(only['month first'][0])}), so a date that fits both cannot be read safely; "
            "correct the dates to one order and keep only that order in the profile's [dates] formats",
            file=file,
        )
    for o, other in (("day first", "month first"), ("month first", "day first")):
        if len(only[o]):
            return tuple(f for f in formats if orders[f] != other)
    if len(both):
        raise SourceFormatError(
            f"column '{column}': every date fits both day first and month first ({example(both[0])}) and the "
            "profile's [dates] formats list both orders; keep only the order the file uses",
            file=file,
        )
    return tuple(formats)


def parse_dates(
    values: pd.Series, formats: Sequence[str], *, rows: np.ndarray, column: str, file: str, problems: list[Problem]
) -> pd.Series:
    """ISO dates (YYYY-MM-DD) from text in any of ``formats`` (``strptime`` codes), tried in order.

    Values no format reads are returned unchanged, so that the validator rejects
    them quoting the file. When a format names the weekday (``%A``, ``%a``) and
    the weekday written does not match the date, the row gets a warning.
    """
    text = values.astype("string").str.strip()
    formats = _settle_order(text, formats, rows=rows, column=column, file=file)
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    used = pd.Series(pd.NA, index=text.index, dtype="string")
    for fmt in formats:
        todo = parsed.isna() & text.notna() & (text != "")
        if not todo.any():
            break
        got = _strptime(text.where(todo), fmt)
        hit = todo & got.notna()
        parsed = parsed.where(~hit, got)
        used = used.where(~hit, fmt)
    for fmt in formats:
        if "%A" not in fmt and "%a" not in fmt:
            continue
        sel = (used == fmt).fillna(False)
        if not sel.any():
            continue
        again = parsed.loc[sel].dt.strftime(fmt)
        differs = _canonical_text(again) != _canonical_text(text.loc[sel])
        for pos in np.flatnonzero(differs.fillna(False).to_numpy(dtype=bool)):
            i = int(np.flatnonzero(sel.to_numpy())[pos])
            problems.append(
                Problem(
                    "warning",
                    f"'{text.iloc[i]}' names the wrong weekday: {parsed.iloc[i]:%Y-%m-%d} was a "
                    f"{parsed.iloc[i]:%A}; the date is kept",
                    int(rows[i]),
                    column,
                    str(text.iloc[i]),
                    file,
                    "weekday_mismatch",
                )
            )
    iso = parsed.dt.strftime("%Y-%m-%d")
    return iso.where(parsed.notna(), text).fillna("")
