"""Reading tables (CSV, Parquet, Excel) as text, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import SourceFormatError


def read_table(path: str | Path, *, encoding: str = "utf-8", sheet: str | int | None = 0,
               skiprows: int | list[int] | None = None) -> pd.DataFrame:
    """Read a CSV, Parquet or Excel file with every value as text ('' for blank).

    Raises
    ------
    SourceFormatError
        The file is missing, empty, not decodable or not a table.
    """
    p = Path(path)
    if not p.exists():
        raise SourceFormatError("file not found", file=p)
    if p.is_dir():
        raise SourceFormatError("is a folder, not a data file", file=p)
    if p.stat().st_size == 0:
        raise SourceFormatError("file is empty", file=p)
    suffix = "".join(p.suffixes[-2:]).lower() if p.suffix.lower() == ".gz" else p.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(p)
            return frame.astype("string").fillna("")
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(p, sheet_name=sheet, dtype=str, keep_default_na=False)
            return frame
        with open(p, "rb") as fh:
            head = fh.read(4096)
        if b"\x00" in head and not suffix.endswith(".gz"):
            raise SourceFormatError("is binary, not a text table (CSV, Parquet or .xlsx expected)", file=p)
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding=encoding,
                           skiprows=skiprows, compression="infer")
    except SourceFormatError:
        raise
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"cannot be decoded as {encoding} (byte {exc.start}); declare the file's encoding", file=p
        ) from exc
    except pd.errors.EmptyDataError as exc:
        raise SourceFormatError("file has no columns", file=p) from exc
    except pd.errors.ParserError as exc:
        raise SourceFormatError(f"is not a well-formed CSV table: {exc}".splitlines()[0], file=p) from exc
    except (ValueError, OSError, ImportError) as exc:
        raise SourceFormatError(f"cannot be read as a table: {exc}".splitlines()[0], file=p) from exc
