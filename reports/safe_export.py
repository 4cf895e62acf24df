r"""Spreadsheet-safe CSV and xlsx writing: data values are text, never live formulas.

A data value such as ``=HYPERLINK("http://…"&A2)``, ``=cmd|' /C calc'!A0``, ``+1+1`` or
``@SUM(1,2)`` is run as a formula when a spreadsheet program opens a CSV or xlsx
file ("CSV injection", OWASP). Every CSV and xlsx file secbrief writes goes through
this module:

* **CSV**: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading apostrophe (``'=1+1``), as OWASP recommends; a text cell that
  is a plain number (``-3``, ``+1.5``) is left alone, and numeric columns stay numbers.
  Embedded quotes are doubled and such cells quoted (the CSV standard).
* **xlsx**: text cells are stored with the string type (``t="s"``), so ``=…`` is shown,
  not evaluated; control characters, which the format cannot hold (an ANSI escape,
  say), are written visibly as ``\x1b``; numbers stay numeric.

Reference: OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
#: Characters an xlsx cell cannot hold (XML 1.0 forbids them), as openpyxl defines them.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula.

    >>> neutralise("=1+1"), neutralise("@SUM(1,2)"), neutralise("-3"), neutralise("Lahore")
    ("'=1+1", "'@SUM(1,2)", '-3', 'Lahore')
    """
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_frame(frame):  # -> pandas.DataFrame
    """A copy of ``frame`` whose text cells (and column names) are neutralised; numbers unchanged."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
            continue
        out[col] = s.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def csv_bytes(frame, *, index: bool = False) -> bytes:
    """``frame`` as UTF-8 CSV (newline line ends) with every text cell neutralised."""
    return safe_frame(frame).to_csv(index=index, lineterminator="\n").encode("utf-8")


def xlsx_text(text: str) -> str:
    r"""``text`` as an xlsx cell can hold it: control characters written as ``\xNN``.

    >>> xlsx_text("\x1b[31mred\x1b[0m")
    '\\x1b[31mred\\x1b[0m'
    """
    return _XLSX_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def xlsx_cell_value(value: Any) -> Any:
    """A value ready for an openpyxl cell: text escaped (see :func:`xlsx_text`), other values unchanged."""
    return xlsx_text(value) if isinstance(value, str) else value


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append ``values`` to the openpyxl worksheet ``ws``; text cells are text (never formulas)."""
    ws.append([xlsx_cell_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
