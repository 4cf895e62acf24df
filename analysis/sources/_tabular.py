"""Reading tables (CSV, Parquet, Excel) as text, with clear errors and spreadsheet row numbers.

Every value is read as text ('' for blank) so that nothing is converted behind the
user's back; the validator parses and reports. Rows are numbered as a spreadsheet
program shows them: the header is row 1 and the first data row is row 2 (a quoted
cell spanning several lines is still one row).
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cells import WHITESPACE
from analysis.cells import numbers as _cell_numbers
from analysis.errors import SecbriefError, SourceFormatError

#: Delimiters tried when a CSV file's delimiter is not declared.
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")

#: Leading bytes of formats people save under a wrong name, and what to say about them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "is a ZIP archive or an Excel workbook; an Excel file must be named .xlsx"),
    (b"PAR1", "is a Parquet file; it must be named .parquet"),
    (b"%PDF", "is a PDF document, not a data table"),
    (b"\xd0\xcf\x11\xe0", "is an old binary Office file (.xls); save it as .xlsx or CSV"),
    (b"\x89PNG", "is a PNG image, not a data table"),
    (b"\xff\xd8\xff", "is a JPEG image, not a data table"),
)
_GZIP = b"\x1f\x8b"
_OLE2 = b"\xd0\xcf\x11\xe0"

#: Most bytes a data file may expand to when read (``--max-bytes``, or the environment
#: variable ``SECBRIEF_MAX_BYTES``): far above any real incident file (the largest are a
#: few hundred MB), far below what a decompression bomb would take.
DEFAULT_MAX_BYTES = 1_000_000_000
#: A ZIP member (a sheet of a workbook) may be at most this many times larger than it is compressed,
#: once it is larger than :data:`_RATIO_FLOOR` bytes. Real sheets compress 5-30 times.
MAX_RATIO = 200
_RATIO_FLOOR = 10_000_000
MAX_BYTES_ENV = "SECBRIEF_MAX_BYTES"


def parse_size(text: str) -> int:
    """Bytes in ``500MB``, ``2 GB``, ``1.5GB``, ``64k`` or a plain number (decimal units: 1 GB = 10^9 bytes).

    Raises
    ------
    ValueError
        The text is not a positive size.
    """
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?\s*", str(text), re.IGNORECASE)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"'{text}' is not a size such as 500MB or 2GB")
    scale = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}[m.group(2).lower()]
    return int(float(m.group(1)) * scale)


def max_bytes() -> int:
    """The current limit on the bytes a file may expand to (see :data:`DEFAULT_MAX_BYTES`)."""
    env = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not env:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(env)
    except ValueError as exc:
        raise SourceFormatError(f"{MAX_BYTES_ENV}: {exc}") from exc


def human_bytes(n: float) -> str:
    """``1.5 GB``, ``200 MB``, ``12 kB``: decimal units, as --max-bytes reads them."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{int(n)} bytes"


def _too_big(path: Path, limit: int, what: str = "expands to") -> SourceFormatError:
    return SourceFormatError(
        f"{what} more than {human_bytes(limit)}; limit set by --max-bytes "
        f"(or {MAX_BYTES_ENV}); raise it if the file is genuine",
        file=path,
    )


@dataclass(frozen=True)
class Table:
    """A table read as text.

    Attributes
    ----------
    frame
        One column per header cell (names stripped; blank names become ``column N``;
        repeated names get `` (2)``, `` (3)``), every value a string.
    rows
        Spreadsheet row number of each frame row.
    path
        File read.
    duplicates
        Header names that occur more than once, with their 1-based column positions.
    notes
        What was assumed while reading (delimiter found, sheet used), for the summary.
    """

    frame: pd.DataFrame
    rows: np.ndarray
    path: Path
    duplicates: dict[str, tuple[int, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        return list(self.frame.columns)

    def find(self, name: str) -> str | None:
        """Column called ``name``, ignoring case and surrounding spaces; ``None`` when absent."""
        return _find(self.header, name)

    def get(self, name: str) -> pd.Series | None:
        """The column ``name`` when the file has it, else ``None`` (for optional columns)."""
        col = self.find(name)
        return self.frame[col] if col is not None else None

    def column(self, name: str) -> pd.Series:
        """The column ``name`` (see :meth:`find`); error naming the file when absent or repeated."""
        self.require([name])
        return self.frame[self.find(name)]

    def missing(self, names: Sequence[str]) -> list[str]:
        """Quoted names of the columns in ``names`` the file lacks, each with a "did you mean" hint."""
        out = []
        for m in (n for n in names if self.find(n) is None):
            close = difflib.get_close_matches(m, self.header, n=1, cutoff=0.6)
            out.append(f"'{m}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        return out

    def require(self, names: Sequence[str], *, what: str = "") -> None:
        """Raise a :class:`SourceFormatError` naming missing or repeated columns among ``names``."""
        missing = self.missing(names)
        if missing:
            raise SourceFormatError(
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
                + (f" needed {what}" if what else ""),
                file=self.path,
            )
        for n in names:
            key = _key(n)
            for dup, positions in self.duplicates.items():
                if _key(dup) == key:
                    raise SourceFormatError(
                        f"column '{dup}' appears more than once in the header (columns "
                        f"{', '.join(map(str, positions))}); rename one of them",
                        file=self.path,
                    )


def _key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _find(header: Sequence[str], name: str) -> str | None:
    if name in header:
        return name
    key = _key(name)
    for h in header:
        if _key(h) == key:
            return h
    return None


def _suffix(path: Path) -> str:
    if path.suffix.lower() == ".gz":
        return "".join(s.lower() for s in path.suffixes[-2:])
    return path.suffix.lower()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise SourceFormatError("file not found", file=path)
    if path.is_dir():
        raise SourceFormatError("is a folder, not a data file", file=path)
    if not path.is_file():  # a device (/dev/zero) would be read without end, a FIFO would wait
        raise SourceFormatError("is not a regular file (a device or a pipe); save the data to a file", file=path)
    if path.stat().st_size == 0:
        raise SourceFormatError("file is empty (0 bytes)", file=path)


def _sniff_binary(path: Path, head: bytes) -> None:
    """Refuse files that are not text tables, saying what they look like."""
    if head.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
        raise _ods_message(path)  # the uncompressed mimetype member comes first in an OpenDocument file
    for magic, message in _MAGIC:
        if head.startswith(magic):
            raise SourceFormatError(message, file=path)
    if head.startswith(_GZIP):
        raise SourceFormatError("is gzip-compressed; name it .csv.gz so it is decompressed", file=path)
    if b"\x00" in head:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise SourceFormatError(
                'is UTF-16 text; save it as UTF-8 (or declare encoding = "utf-16" in a mapping profile)',
                file=path,
            )
        raise SourceFormatError("is binary, not a text table (CSV, Parquet or .xlsx expected)", file=path)


def _decode(path: Path, data: bytes, encoding: str) -> str:
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(enc)
    except LookupError as exc:
        raise SourceFormatError(f"encoding '{encoding}' is not known to Python", file=path) from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise SourceFormatError(
            f"cannot be decoded as {encoding}: byte 0x{byte} on line {line} is not valid {encoding}; "
            "the file is probably Latin-1 or Windows-1252: declare its encoding in a mapping profile "
            '([read] encoding = "latin-1")',
            file=path,
        ) from exc


def _guess_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _read_csv_text(path: Path, text: str, delimiter: str, header_row: int) -> pd.DataFrame:
    # As many columns as the widest of the rows down to the header: title rows above a
    # header may be shorter, and a data row wider than that is an error, not a new column.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        width = max((len(next(reader, [])) for _ in range(header_row)), default=1) or 1
    except csv.Error:
        width = 1
    fast = _read_csv_arrow(text, delimiter, width)
    if fast is not None:
        return fast
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = _read_csv_c(text, delimiter, width)
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            # pandas drops the cells of a row wider than the names it was given: never lose them quietly
            raise _wider_row(path, text, delimiter, width)
        return frame
    except pd.errors.EmptyDataError as exc:
        raise SourceFormatError("has no header and no data (only blank lines)", file=path) from exc
    except pd.errors.ParserError as exc:
        m = _FIELDS.search(str(exc))
        if m:
            expected, line, saw = m.groups()
            raise SourceFormatError(
                f"line {line} has {saw} cells but the lines before it have {expected}; "
                "a cell probably contains an unquoted delimiter or a stray quote",
                file=path,
            ) from exc
        if "EOF inside string" in str(exc):
            start = re.search(r"line (\d+)", str(exc))
            where = f" starting on line {start.group(1)}" if start else ""
            raise SourceFormatError(f"has a quoted cell{where} that is never closed", file=path) from exc
        raise SourceFormatError(f"is not a well-formed CSV table: {str(exc).splitlines()[0]}", file=path) from exc


def _wider_row(path: Path, text: str, delimiter: str, width: int) -> SourceFormatError:
    """The error for the first row with more cells than the header (lines as a text editor counts them)."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        for row in reader:
            if len(row) > width:
                return SourceFormatError(
                    f"line {reader.line_num} has {len(row)} cells but the header has {width}; a cell probably "
                    "contains an unquoted delimiter or a stray quote",
                    file=path,
                )
    except csv.Error:
        pass
    return SourceFormatError(
        f"has a row with more cells than the header ({width}); a cell probably contains an unquoted "
        "delimiter or a stray quote",
        file=path,
    )


def _read_csv_c(text: str, delimiter: str, width: int) -> pd.DataFrame:
    """``text`` read by pandas' C reader, every cell as text; its errors are worded by the caller."""
    return pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        header=None,
        names=range(width),
        index_col=False,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
        quoting=csv.QUOTE_MINIMAL,
    )


def _quotes_paired(data: bytes, delimiter: str) -> bool:
    """True when every ``"`` in ``data`` opens a cell, closes it, or is doubled inside a quoted cell.

    Then quotes alternate open/close in order, no quoted cell is left open, and the
    pyarrow reader parses the text exactly as the C reader does. Anything else (a quote
    inside an unquoted cell, a cell never closed) goes to the C reader, which words the error.
    """
    b = np.frombuffer(data, dtype=np.uint8)
    q = np.flatnonzero(b == ord('"'))
    if len(q) % 2:
        return False
    if not len(q):
        return True
    ends = np.array([ord(delimiter), ord("\n"), ord("\r")], dtype=np.uint8)
    opening, closing = q[0::2], q[1::2]
    before = b[np.maximum(opening - 1, 0)]
    # An opening quote follows a delimiter or line end, or directly a closing quote ("" inside a cell).
    prev_close = np.concatenate(([-2], closing[:-1]))
    ok_open = (opening == 0) | np.isin(before, ends) | (opening - 1 == prev_close)
    after = b[np.minimum(closing + 1, len(b) - 1)]
    next_open = np.concatenate((opening[1:], [-2]))
    ok_close = (closing == len(b) - 1) | np.isin(after, ends) | (closing + 1 == next_open)
    return bool(ok_open.all() and ok_close.all())


def _read_csv_arrow(text: str, delimiter: str, width: int) -> pd.DataFrame | None:
    """``text`` read by pyarrow's CSV reader (several times faster than pandas' C reader).

    Returns ``None`` when the fast path does not apply: an unusual delimiter, a NUL byte,
    quotes that are not plainly paired, or rows narrower or wider than ``width`` (pyarrow
    refuses them). The C reader then reads the text and words any error.
    ``tests/analysis/test_sources_io.py`` checks both readers give identical frames.
    """
    import pyarrow as pa

    pa.enable_signal_handlers(False)  # Ctrl-C: see analysis.cells._arrow_floats
    import pyarrow.csv as pa_csv

    if len(delimiter) != 1 or delimiter in '"\r\n' or "\x00" in text:
        return None
    data = text.encode("utf-8")
    if not _quotes_paired(data, delimiter):
        return None
    names = [str(i) for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype(na_value=np.nan)}.get)
    frame.columns = range(width)
    return frame


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _not_a_workbook(path: Path) -> SourceFormatError:
    """What a file named .xlsx that is not a ZIP archive really is, and what to do."""
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if head.startswith(_OLE2):
        with open(path, "rb") as fh:
            encrypted = _ENCRYPTED in fh.read(max_bytes())
        if encrypted:
            return SourceFormatError(
                "is a password-protected (encrypted) workbook, which cannot be read; open it in Excel, "
                "remove the password (File > Info > Protect Workbook) and save it, or save the sheet as CSV",
                file=path,
            )
        return SourceFormatError("is an old binary Excel file (.xls) named .xlsx; save it as .xlsx or CSV", file=path)
    if head.startswith(b"PK\x03\x04"):
        return SourceFormatError(
            "is an incomplete workbook: its ZIP directory is missing, so the file was probably cut short "
            "while copying or downloading; copy it again, or open it in Excel and save it",
            file=path,
        )
    for magic, message in _MAGIC:
        if head.startswith(magic):
            return SourceFormatError(f"is not an Excel workbook: it {message}", file=path)
    sample = head[:4096]
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
            text = True
        except UnicodeDecodeError as exc:
            text = exc.start > len(sample) - 4  # a character cut at the end of the sample
        if text:
            return SourceFormatError(
                "is a text file, not an Excel workbook (an .xlsx is a ZIP archive); if it is a CSV table, "
                "rename it .csv",
                file=path,
            )
    return SourceFormatError("is not an Excel workbook (an .xlsx is a ZIP archive, this is not one)", file=path)


def _ods_message(path: Path) -> SourceFormatError:
    return SourceFormatError(
        "is an OpenDocument spreadsheet (LibreOffice .ods), which secbrief does not read; "
        "in LibreOffice use File > Save As and choose Excel 2007-365 (.xlsx) or CSV",
        file=path,
    )


def _check_workbook(path: Path) -> zipfile.ZipFile:
    """The workbook as an open ZIP archive, after checking it is one and what it expands to.

    Refuses, before anything is decompressed: a file that is not a ZIP archive (saying
    what it is), an OpenDocument spreadsheet, a ZIP archive without a workbook, members
    adding up to more than :func:`max_bytes`, and a large member compressed more than
    :data:`MAX_RATIO` times (a decompression bomb). The sizes checked are those the
    archive declares; :mod:`zipfile` never decompresses a member past its declared size.
    """
    if not zipfile.is_zipfile(path):
        raise _not_a_workbook(path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceFormatError(
            f"is a damaged workbook ({exc}); open it in Excel and save it again", file=path
        ) from exc
    names = {i.filename for i in infos}
    try:
        if "mimetype" in names and zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise _ods_message(path)
        if "xl/workbook.xml" not in names:
            raise SourceFormatError("is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml)", file=path)
        limit = max_bytes()
        if sum(i.file_size for i in infos) > limit:
            raise _too_big(path, limit)
        for i in infos:
            if i.file_size > _RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise SourceFormatError(
                    f"part {i.filename} would expand {i.file_size / max(i.compress_size, 1):,.0f} times "
                    f"(from {human_bytes(i.compress_size)} to {human_bytes(i.file_size)}); real sheets "
                    f"compress less than {MAX_RATIO} times: refused as a decompression bomb",
                    file=path,
                )
    except BaseException:
        zf.close()
        raise
    return zf


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The ZIP member holding the sheet called ``sheet`` (from the workbook's relationships)."""
    from defusedxml import ElementTree

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rid = next((e.get(f"{ns_rel}id") for e in book.iter(f"{ns_main}sheet") if e.get("name") == sheet), None)
    for r in rels:
        if r.get("Id") == rid:
            target = str(r.get("Target", ""))
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


_TAG = re.compile(rb"<(?:\w+:)?(row|c|f)\b([^>]*)>")
_REF = re.compile(rb"\br=\"([A-Z]{0,3})([0-9]{0,7})\"")


def _column_number(letters: bytes | str) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True)
class _SheetScan:
    """What a byte scan of a sheet's XML finds: its extent, and whether any cell holds a formula."""

    rows: int
    columns: int
    formulas: bool

    @property
    def corner(self) -> str:
        return f"{_column_letters(self.columns)}{self.rows}"


def _chunks(zf: zipfile.ZipFile, part: str):  # -> Iterator[bytes]
    """The XML of ``part`` in pieces of about 1 MB, each cut before a ``<`` so no tag is split."""
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 20):
            buf = tail + chunk
            cut = max(buf.rfind(b"<"), 0)
            yield buf[:cut]
            tail = buf[cut:]
    yield tail


def _scan_sheet(zf: zipfile.ZipFile, part: str) -> _SheetScan:
    """Extent of the cells present on a sheet, found by scanning its XML tags (no parsing).

    A tiny file can place one cell at XFD1048576, or write 16,384 cells in one row and a
    million empty rows: the reader would then build a grid of 17 billion cells. Rows and
    cells are placed as a spreadsheet program places them: at their reference (``r``)
    when they have one, else right after the previous one. When every row and cell has a
    reference (as Excel and openpyxl write them) the references are read in bulk.
    """
    max_row = max_col = 0
    formulas = False
    pattern: dict[str, re.Pattern[bytes]] = {}
    for body in _chunks(zf, part):
        if not pattern:  # the namespace prefix the sheet uses, if any (x:row), for literal patterns
            root = re.search(rb"<(\w+:)?worksheet\b", body)
            pre = re.escape(root.group(1)) if root and root.group(1) else b""
            pattern = {
                "row": re.compile(b"<" + pre + rb"row[ >/]"),
                "c": re.compile(b"<" + pre + rb"c[ >/]"),
                "row_ref": re.compile(b"<" + pre + rb"row [^>]*?\br=\"([0-9]+)\""),
                "c_ref": re.compile(b"<" + pre + rb"c [^>]*?\br=\"([A-Z]+)[0-9]+\""),
                "f": re.compile(b"<" + pre + rb"f[ >/]"),
            }
        rows, cells = pattern["row_ref"].findall(body), pattern["c_ref"].findall(body)
        if len(rows) != len(pattern["row"].findall(body)) or len(cells) != len(pattern["c"].findall(body)):
            return _scan_sheet_in_order(zf, part)
        if rows:
            max_row = max(max_row, max(map(int, rows)))
        if cells:
            max_col = max(max_col, max(_column_number(c) for c in set(cells)))
        formulas = formulas or pattern["f"].search(body) is not None
    return _SheetScan(max_row, max_col, formulas)


def _scan_sheet_in_order(zf: zipfile.ZipFile, part: str) -> _SheetScan:
    """:func:`_scan_sheet` for sheets with rows or cells without a reference: tag by tag."""
    row = col = max_row = max_col = 0
    formulas = False
    for body in _chunks(zf, part):
        for m in _TAG.finditer(body):
            kind, attrs = m.group(1), m.group(2)
            ref = _REF.search(attrs) if b"r=" in attrs else None
            if kind == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                max_row = max(max_row, row)
            elif kind == b"c":
                col = _column_number(ref.group(1)) if ref and ref.group(1) else col + 1
                max_col = max(max_col, col)
            else:
                formulas = True
    return _SheetScan(max_row, max_col, formulas)


#: Bytes of memory a cell of a sheet is reckoned to take once read (for the size limit).
_BYTES_PER_CELL = 10


def _check_extent(path: Path, sheet: str, scan: _SheetScan) -> None:
    """Refuse a sheet whose cells span a grid too large to hold (see :func:`_scan_sheet`)."""
    limit = max_bytes()
    if scan.rows * scan.columns * _BYTES_PER_CELL > limit:
        raise SourceFormatError(
            f"sheet '{sheet}' spans {scan.rows:,} rows by {scan.columns:,} columns (to cell {scan.corner}), "
            f"which expands to more than {human_bytes(limit)} once read; limit set by --max-bytes. If the data "
            "are smaller, delete the stray cells beyond them (Ctrl+End in Excel shows the last one) and save",
            file=path,
        )


def _uncomputed_formulas(zf: zipfile.ZipFile, part: str) -> list[tuple[int, int]]:
    """(row, column) numbers (1-based) of formula cells with no saved value in the sheet ``part``.

    Files written by programs that do not compute formulas (scripts, some exports) store
    the formula only; read as values, such cells would be blank without a word.
    """
    from defusedxml import ElementTree

    out: list[tuple[int, int]] = []
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zf.open(part) as fh:
        for _, el in ElementTree.iterparse(fh, events=("end",)):
            if el.tag != f"{ns}c":
                continue
            f, v = el.find(f"{ns}f"), el.find(f"{ns}v")
            if f is not None and (v is None or not (v.text or "").strip()):
                ref = el.get("r", "")
                m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
                if m:
                    col = 0
                    for ch in m.group(1):
                        col = col * 26 + ord(ch) - 64
                    out.append((int(m.group(2)), col))
            el.clear()
    return out


def _pick_sheet(path: Path, names: list[str], sheet: str | int | None) -> str:
    """The name of the sheet asked for: the first (``None``), by 0-based number, or by name.

    Raises
    ------
    SourceFormatError
        The workbook has no such sheet (the message lists what it has).
    """
    if sheet is None:
        return names[0]
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise SourceFormatError(f"has no sheet number {sheet + 1} (it has {len(names)})", file=path)
        return names[sheet]
    if sheet in names:
        return sheet
    raise SourceFormatError(f"has no sheet '{sheet}' (sheets: {', '.join(names)})", file=path)


def _read_excel_unguarded(
    path: Path, sheet: str | int | None, nrows: int | None = None
) -> tuple[pd.DataFrame, str, list[str], list[tuple[int, int]]]:
    """The sheet's cells as text, its name, every sheet's name, and formula cells without a saved value.

    With ``nrows`` only the first rows are read (for the header), and formulas are not looked for.
    """
    zf = _check_workbook(path)
    with zf:
        try:
            book = pd.ExcelFile(path, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            _refuse_entities(path, exc)
            raise SourceFormatError(
                f"cannot be opened as an Excel workbook ({type(exc).__name__}: {str(exc)[:80]}); "
                "open it in Excel and save it again, or save the sheet as CSV",
                file=path,
            ) from exc
        with book:
            names = [str(s) for s in book.sheet_names]
            chosen = _pick_sheet(path, names, sheet)
            part = _sheet_part(zf, str(chosen))
            scan = None
            if nrows is None and part in zf.namelist():
                scan = _scan_sheet(zf, str(part))
                _check_extent(path, str(chosen), scan)
            elif nrows is None:  # the sheet's part not found from the relationships: check every sheet
                for other in (n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                    _check_extent(path, str(chosen), _scan_sheet(zf, other))
            try:
                frame = pd.read_excel(book, sheet_name=chosen, header=None, dtype=str, nrows=nrows)
                if sheet is None and frame.dropna(how="all").empty and len(names) > 1:
                    full = [n for n in names[1:] if not pd.read_excel(book, sheet_name=n, header=None, nrows=5).empty]
                    if full:
                        raise SourceFormatError(
                            f"its first sheet '{chosen}' is empty; the data seem to be on sheet '{full[0]}' "
                            f"(sheets: {', '.join(names)}): move that sheet first, or read it with a mapping "
                            f'profile that declares [read] sheet = "{full[0]}"',
                            file=path,
                        )
            except SourceFormatError:
                raise
            except Exception as exc:  # a damaged sheet: cut XML, a bad shared-strings table, ...
                raise SourceFormatError(
                    f"sheet '{chosen}' is damaged and cannot be read ({type(exc).__name__}: "
                    f"{' '.join(str(exc).split())[:80]}); open it in Excel and save it again, or save it as CSV",
                    file=path,
                ) from exc
        formulas = _uncomputed_formulas(zf, str(part)) if scan is not None and scan.formulas else []
    return frame.fillna(""), str(chosen), names, formulas


def _raw_frame(
    path: Path, *, encoding: str, delimiter: str | None, sheet: str | int | None, header_row: int = 1
) -> tuple[pd.DataFrame, list[str]]:
    """All rows (header included) as text, and notes on what was assumed."""
    notes: list[str] = []
    suffix = _suffix(path)
    if suffix == ".parquet":
        frame = _read_parquet(path)
        if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
            # pandas keeps a frame's index in the file's metadata and restores it as the index
            names = [str(n) if n is not None else "index" for n in frame.index.names]
            frame = frame.reset_index()
            notes.append(f"the Parquet file's index ({', '.join(names)}) read as column(s)")
        for c in frame.columns:
            if isinstance(frame[c].dtype, pd.DatetimeTZDtype):
                notes.append(f"column '{c}' holds timestamps with a time zone: days counted in Pakistan time (UTC+5)")
        text = frame.astype("string").fillna("").astype(str)
        header = pd.DataFrame([list(map(str, frame.columns))], columns=text.columns)
        both = pd.concat([header, text], ignore_index=True)
        both.columns = range(both.shape[1])
        return both, notes
    if suffix in (".xlsx", ".xlsm"):
        frame, used, names, formulas = _read_excel(path, sheet)
        notes.append(f"sheet '{used}' read")
        if sheet is None and len(names) > 1:
            notes.append(f"the workbook's other sheets ({', '.join(n for n in names if n != used)}) not read")
        frame.columns = range(frame.shape[1])
        if formulas:
            _refuse_formulas(path, frame, formulas, header_row)
        return frame, notes
    if suffix == ".ods":
        raise _ods_message(path)
    if suffix == ".xls":
        raise SourceFormatError("old Excel files (.xls) are not supported; save it as .xlsx or CSV", file=path)
    limit = max_bytes()
    if suffix.endswith(".gz"):
        data = _gunzip(path, limit)
    else:
        if path.stat().st_size > limit:
            raise _too_big(path, limit, "is")
        data = path.read_bytes()
    if not encoding.lower().replace("-", "").startswith(("utf16", "utf32")):
        _sniff_binary(path, data[:4096])
    text = _decode(path, data, encoding)
    if not text.strip():
        raise SourceFormatError("has no header and no data (only blank lines)", file=path)
    lines = text.lstrip("\r\n").split("\n", header_row)
    first = lines[min(header_row, len(lines)) - 1]
    if delimiter is None:
        delimiter = _guess_delimiter(first)
        if delimiter != ",":
            notes.append(f"delimiter {delimiter!r} detected")
    frame = _read_csv_text(path, text, delimiter, header_row)
    return frame, notes


def _read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file as pandas reads it, after checking what it expands to (:func:`max_bytes`)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
        size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    except Exception as exc:  # pyarrow raises its own error types
        raise SourceFormatError(f"cannot be read as Parquet ({str(exc).splitlines()[0]})", file=path) from exc
    limit = max_bytes()
    if size > limit:
        raise _too_big(path, limit)
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises its own error types
        raise SourceFormatError(f"cannot be read as Parquet ({str(exc).splitlines()[0]})", file=path) from exc


def _refuse_formulas(path: Path, frame: pd.DataFrame, cells: list[tuple[int, int]], header_row: int) -> None:
    """Refuse a sheet whose formula cells have no saved value: read as values they would be blank."""
    row, col = cells[0]
    header = frame.iloc[header_row - 1].tolist() if len(frame) >= header_row else []
    name = str(header[col - 1]).strip() if col - 1 < len(header) and str(header[col - 1]).strip() else None
    more = f" (and {len(cells) - 1} other cell{'s' if len(cells) > 2 else ''})" if len(cells) > 1 else ""
    raise SourceFormatError(
        f"holds a formula without a saved value{more}, which would be read as blank; the file was "
        "written by a program that does not compute formulas: open it in Excel or LibreOffice and "
        "save it (the values are then stored), or save the sheet as CSV",
        file=path,
        row=row,
        column=name or f"column {col}",
    )


def _gunzip(path: Path, limit: int) -> bytes:
    """The decompressed bytes of a gzip file, stopping as soon as they pass ``limit``."""
    import gzip

    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                total += len(chunk)
                if total > limit:
                    raise _too_big(path, limit)
                chunks.append(chunk)
    except (OSError, EOFError) as exc:
        raise SourceFormatError("is named .gz but is not a valid gzip file", file=path) from exc
    return b"".join(chunks)


def _header_names(cells: Sequence[str]) -> tuple[list[str], dict[str, tuple[int, ...]]]:
    names: list[str] = []
    seen: dict[str, list[int]] = {}
    for i, c in enumerate(cells, start=1):
        name = " ".join(str(c).split()) or f"column {i}"
        seen.setdefault(_key(name), []).append(i)
        count = len(seen[_key(name)])
        names.append(name if count == 1 else f"{name} ({count})")
    dups = {names[pos[0] - 1]: tuple(pos) for pos in seen.values() if len(pos) > 1}
    return names, dups


def read_records(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    delimiter: str | None = None,
    sheet: str | int | None = None,
    header_row: int = 1,
) -> Table:
    """Read a CSV, Parquet or Excel file as text, keeping each row's spreadsheet row number.

    Parameters
    ----------
    path
        ``.csv`` (or any text table), ``.csv.gz``, ``.parquet``, ``.xlsx``.
    encoding
        Text encoding of a CSV file (UTF-8 by default; a byte-order mark is ignored).
    delimiter
        Cell delimiter of a CSV file; when ``None`` the most frequent of
        ``, ; TAB |`` in the first line.
    sheet
        Excel sheet name or 0-based number; the first sheet when ``None``.
    header_row
        Row holding the column names (1 = first row); rows above it are ignored.

    Raises
    ------
    SourceFormatError
        The file is missing, empty, binary, not decodable, not a well-formed table,
        or has no row ``header_row``.
    """
    p = Path(path)
    _check_file(p)
    raw, notes = _raw_frame(p, encoding=encoding, delimiter=delimiter, sheet=sheet, header_row=max(header_row, 1))
    if header_row < 1:
        raise SourceFormatError(f"header_row must be 1 or more, not {header_row}", file=p)
    if len(raw) < header_row:
        raise SourceFormatError(f"has no row {header_row} to read the column names from", file=p)
    names, dups = _header_names(raw.iloc[header_row - 1].tolist())
    data = raw.iloc[header_row:].reset_index(drop=True)
    data.columns = names
    rows = np.arange(header_row + 1, header_row + 1 + len(data))
    return Table(frame=data, rows=rows, path=p, duplicates=dups, notes=tuple(notes))


def _refuse_entities(path: Path, exc: BaseException) -> None:
    """Raise a clear error when ``exc`` (or what caused it) is defusedxml refusing entities."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            raise SourceFormatError(
                f"holds XML that declares entities or a document type ({type(seen).__name__}), a known way to "
                "build XML bombs, which is refused; open it in Excel and save it again, or save the sheet as CSV",
                file=path,
            ) from exc
        seen = seen.__cause__ or seen.__context__


@contextmanager
def _workbook_errors(path: Path):  # -> Iterator[None]
    """Turn what zipfile, zlib, the XML parsers and openpyxl raise for a damaged workbook into one clear error."""
    from defusedxml import DefusedXmlException

    try:
        yield
    except SecbriefError:
        raise
    except DefusedXmlException as exc:
        _refuse_entities(path, exc)
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        OSError,
        EOFError,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
        SyntaxError,
    ) as exc:  # fmt: skip  (ParseError is a SyntaxError)
        raise SourceFormatError(
            f"is a damaged workbook ({type(exc).__name__}: {' '.join(str(exc).split())[:80]}); open it in Excel "
            "and save it again, or save the sheet as CSV",
            file=path,
        ) from exc


def _read_excel(
    path: Path, sheet: str | int | None, nrows: int | None = None
) -> tuple[pd.DataFrame, str, list[str], list[tuple[int, int]]]:
    """The sheet's cells as text, its name, every sheet's name, and formula cells without a saved value.

    With ``nrows`` only the first rows are read (for the header), and formulas are not looked for.
    """
    with _workbook_errors(path):
        return _read_excel_unguarded(path, sheet, nrows)


def _excel_row(path: Path, sheet: str | int | None, row: int) -> list[str] | None:
    """See :func:`_excel_row_unguarded`; a damaged workbook is one clear error."""
    with _workbook_errors(path):
        return _excel_row_unguarded(path, sheet, row)


def sheet_names(path: str | Path) -> list[str]:
    """Names of a workbook's sheets, in order; ``[]`` for a file that is not an .xlsx workbook."""
    with _workbook_errors(Path(path)):
        return _sheet_names_unguarded(path)


def read_header(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    delimiter: str | None = None,
    sheet: str | int | None = None,
    header_row: int = 1,
) -> list[str]:
    """Column names of a file without reading all of it (for source detection).

    Undecodable bytes in a CSV header are replaced rather than refused, so that a
    Latin-1 file can still be recognised; the full read then reports the encoding.
    """
    p = Path(path)
    _check_file(p)
    suffix = _suffix(p)
    if suffix == ".parquet":
        return _parquet_header(p)
    if suffix in (".xlsx", ".xlsm"):
        cells = _excel_row(p, sheet, header_row)
        if cells is None:  # an unusual workbook: let openpyxl read the first rows
            frame, *_ = _read_excel(p, sheet, nrows=max(header_row, 1))
            if len(frame) < header_row:
                raise SourceFormatError(f"has no row {header_row} to read the column names from", file=p)
            cells = frame.iloc[header_row - 1].tolist()
        return _header_names(cells)[0]
    if suffix in (".xls", ".ods"):
        return read_records(p, encoding=encoding, delimiter=delimiter, sheet=sheet, header_row=header_row).header
    head = _head_bytes(p, gz=suffix.endswith(".gz"))
    if head is None or (suffix.endswith(".gz") and b'"' in head.split(b"\n", header_row)[:header_row][-1]):
        # Not valid gzip (the full read says so), or a quoted header cell that may span lines.
        return read_records(p, encoding=encoding, delimiter=delimiter, sheet=sheet, header_row=header_row).header
    if not encoding.lower().replace("-", "").startswith(("utf16", "utf32")):
        _sniff_binary(p, head[:4096])
    text = head.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding, errors="replace")
    if not text.strip():
        raise SourceFormatError("has no header and no data (only blank lines)", file=p)
    lines = text.splitlines()
    if len(lines) < header_row:  # header row beyond the first 64 KiB: read down to it, no further
        lines = _first_lines(p, header_row, gz=suffix.endswith(".gz"), encoding=encoding)
        if len(lines) < header_row:
            raise SourceFormatError(f"has no row {header_row} to read the column names from", file=p)
    line = lines[header_row - 1]
    sep = delimiter or _guess_delimiter(line)
    cells = next(csv.reader([line], delimiter=sep), [])
    return _header_names(cells)[0]


def _excel_row_unguarded(path: Path, sheet: str | int | None, row: int) -> list[str] | None:
    """Text of row ``row`` (1-based) of a sheet, parsing the sheet's XML only down to that row.

    openpyxl, even in read-only mode, scans a whole sheet that does not declare its size,
    and loads every shared string: for a header far down a large workbook that took tens of
    seconds. ``None`` when the workbook is laid out in a way this reader does not follow.
    """
    from defusedxml import ElementTree

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with _check_workbook(path) as zf:
        names = sheet_names(path)
        if not names:
            return None
        name = _pick_sheet(path, names, sheet)
        part = _sheet_part(zf, name)
        if part is None or part not in zf.namelist():
            return None
        found: list[tuple[int, str, str]] | None = None  # (column, type, value)
        seen = 0
        try:
            with zf.open(part) as fh:
                for _, el in ElementTree.iterparse(fh, events=("end",)):
                    if el.tag != f"{ns}row":
                        continue
                    seen = int(el.get("r") or seen + 1)
                    if seen == row:
                        found = []
                        for c in el.iter(f"{ns}c"):
                            m = re.fullmatch(r"([A-Z]+)[0-9]+", c.get("r", ""))
                            col = sum((ord(ch) - 64) * 26**k for k, ch in enumerate(reversed(m.group(1)))) if m else 0
                            kind = c.get("t", "n")
                            if kind == "inlineStr":
                                value = "".join(t.text or "" for t in c.iter(f"{ns}t"))
                            else:
                                v = c.find(f"{ns}v")
                                value = v.text or "" if v is not None else ""
                            found.append((col, kind, value))
                        break
                    if seen > row:
                        break
                    el.clear()
        except ElementTree.ParseError:
            return None
        if found is None and not seen:
            return None  # an empty sheet: the full reader says where the data are
        if found is None:
            raise SourceFormatError(f"has no row {row} to read the column names from", file=path)
        if any(not col for col, _, _ in found):
            return None
        wanted = {int(v) for _, k, v in found if k == "s" and v.isdigit()}
        shared = _shared_strings(zf, max(wanted) if wanted else -1)
        if shared is None:
            return None
    out = [""] * max((col for col, _, _ in found), default=0)
    for col, kind, value in found:
        out[col - 1] = shared.get(int(value), "") if kind == "s" and value.isdigit() else value
    return out


def _shared_strings(zf: zipfile.ZipFile, last: int) -> dict[int, str] | None:
    """Shared strings 0..``last`` of a workbook, parsing no further; ``None`` when unreadable."""
    from defusedxml import ElementTree

    out: dict[int, str] = {}
    if last < 0:
        return out
    if "xl/sharedStrings.xml" not in zf.namelist():
        return None
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zf.open("xl/sharedStrings.xml") as fh:
            for _, el in ElementTree.iterparse(fh, events=("end",)):
                if el.tag == f"{ns}si":
                    # rich text runs (<r><t>) and plain <t>, without phonetic guides (<rPh>)
                    parts = [t.text or "" for t in el.iter(f"{ns}t")]
                    phonetic = [t.text or "" for ph in el.iter(f"{ns}rPh") for t in ph.iter(f"{ns}t")]
                    out[len(out)] = "".join(parts[: len(parts) - len(phonetic)] if phonetic else parts)
                    el.clear()
                    if len(out) > last:
                        break
    except ElementTree.ParseError:
        return None
    return out


def _first_lines(path: Path, n: int, *, gz: bool, encoding: str) -> list[str]:
    """The first ``n`` lines of a text file (decompressed when ``gz``), reading no further."""
    import gzip
    import itertools

    enc = "utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding
    opener = gzip.open if gz else open
    limit = max_bytes()
    out: list[str] = []
    read = 0
    try:
        with opener(path, "rt", encoding=enc, errors="replace", newline="") as fh:
            for line in itertools.islice(fh, n):
                read += len(line)
                if read > limit:
                    raise _too_big(path, limit)
                out.append(line.rstrip("\r\n"))
    except (OSError, EOFError) as exc:
        raise SourceFormatError("is named .gz but is not a valid gzip file", file=path) from exc
    return out


def _parquet_header(path: Path) -> list[str]:
    """Column names of a Parquet file from its schema (a stored pandas index comes first, as when read)."""
    import json

    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises its own error types
        raise SourceFormatError(f"cannot be read as Parquet ({str(exc).splitlines()[0]})", file=path) from exc
    names = [str(n) for n in schema.names]
    meta = (schema.metadata or {}).get(b"pandas")
    index: list[str] = []
    if meta:
        try:
            index = [c for c in json.loads(meta).get("index_columns", []) if isinstance(c, str)]
        except ValueError:
            index = []
    shown = [("index" if n.startswith("__index_level_") else n) for n in index]
    return _header_names(shown + [n for n in names if n not in index])[0]


def _head_bytes(path: Path, *, gz: bool) -> bytes | None:
    """The first 64 KiB of the file (decompressed when ``gz``); ``None`` when the gzip stream is bad."""
    if not gz:
        with open(path, "rb") as fh:
            return fh.read(65536)
    import gzip

    try:
        with gzip.open(path, "rb") as fh:
            return fh.read(65536)
    except (OSError, EOFError):
        return None


def _sheet_names_unguarded(path: str | Path) -> list[str]:
    p = Path(path)
    if _suffix(p) not in (".xlsx", ".xlsm"):
        return []
    with _check_workbook(p) as zf:
        from defusedxml import ElementTree

        try:
            book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        except (KeyError, ElementTree.ParseError):
            return []
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    return [str(e.get("name")) for e in book.iter(f"{ns}sheet")]


def read_table(
    path: str | Path, *, encoding: str = "utf-8", sheet: str | int | None = 0, skiprows: int | list[int] | None = None
) -> pd.DataFrame:
    """Read a CSV, Parquet or Excel file with every value as text ('' for blank).

    Kept for callers of the first version; new code uses :func:`read_records`,
    which also returns row numbers.
    """
    t = read_records(
        path, encoding=encoding, sheet=sheet, header_row=1 + (skiprows if isinstance(skiprows, int) else 0)
    )
    return t.frame


# --- rows that are not incidents -------------------------------------------------------------


def _blank_cells(s: pd.Series) -> np.ndarray:
    if isinstance(s.dtype, pd.StringDtype):
        # Blank or only white space, as str.strip() sees it, on the whole column at once.
        return s.isna().to_numpy() | (s.str.strip(WHITESPACE) == "").fillna(False).to_numpy(dtype=bool)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    blank_u = np.array([not str(u).strip() for u in uniques] + [True], dtype=bool)
    return blank_u[codes]


def blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is blank (checked column by column, only on rows still in question)."""
    out = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        idx = np.flatnonzero(out)
        if not len(idx):
            break
        out[idx] = _blank_cells(frame[c].iloc[idx])
    return out


def hxl_rows(frame: pd.DataFrame) -> np.ndarray:
    """The HXL hashtag row (``#date+year``, ``#adm1+name``) HDX exports put right under the header.

    Only the first data row can be one (the HXL standard puts the hashtag row next to
    the header); it qualifies when every filled cell is a hashtag and at least one is.
    """
    out = np.zeros(len(frame), dtype=bool)
    if len(frame):
        cells = [str(v).strip() for v in frame.iloc[0].tolist()]
        filled = [c for c in cells if c]
        out[0] = bool(filled) and all(re.match(r"^#[A-Za-z][\w+]*$", c) for c in filled)
    return out


_TOTAL_LABEL = re.compile(r"^\s*(grand\s+)?(sum|totals?)\s*:?\s*$", re.IGNORECASE)


def totals_rows(frame: pd.DataFrame, key_columns: Sequence[str]) -> np.ndarray:
    """Rows that add up the rows above them: a column-totals row, not an incident.

    A row qualifies when its key columns (id, date) are blank, its other cells are
    blank, a label such as "Total", or numbers, at least one number is given, and
    each equals the sum of that column over all the other rows (at least two).
    Numbers are read by the shared cell parser (:func:`analysis.cells.number`).
    """
    n = len(frame)
    out = np.zeros(n, dtype=bool)
    if n < 3:
        return out
    candidates = np.ones(n, dtype=bool)
    for k in (c for c in key_columns if c in frame.columns):
        idx = np.flatnonzero(candidates)  # each key column only where the ones before allow a totals row
        key = frame[k].iloc[idx].astype(str).str.strip()
        candidates[idx] = (key == "").to_numpy() | key.str.match(_TOTAL_LABEL).to_numpy(dtype=bool)
    for i in np.flatnonzero(candidates):
        cells = frame.iloc[i].astype(str).str.strip()
        filled = cells != ""
        values = pd.Series(_cell_numbers(cells.where(filled), True)[0], index=cells.index)
        numeric = values.notna()
        labels = cells.str.match(_TOTAL_LABEL).fillna(False).astype(bool)
        if (filled & ~numeric & ~labels).any() or not numeric.any():
            continue
        cols = list(values.index[numeric])
        others = frame[cols].drop(index=frame.index[i])
        sums = np.array([np.nansum(_cell_numbers(others[c].astype(str), True)[0]) for c in cols])
        if np.allclose(sums, values[numeric].to_numpy(dtype=float), rtol=0, atol=1e-6):
            out[i] = True
    return out
