"""Hostile input, reading half (issue 14): bombs and sizes, silent misreadings, files that are not what they say.

Every hostile file is written here, in the test; each case ends in one clear
:class:`~analysis.errors.SecbriefError` (or rejected rows with a reason), never an
internal error and never a quiet change of meaning.
"""

from __future__ import annotations

import gzip
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.errors import ConfigError, SourceFormatError
from analysis.io import load_incidents
from analysis.sources import _tabular
from analysis.sources._tabular import parse_size, read_header, read_records

HEADER = ["incident_id", "date", "killed_total"]


def _book(path: Path, rows=(("a", "2020-01-01", 1), ("b", "2020-01-02", 2)), *, first_sheet=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet is not None:
        ws.title = "Read me"
        for r in first_sheet:
            ws.append(list(r))
        ws = wb.create_sheet("Data")
    ws.append(HEADER)
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def _rezip(src: Path, dst: Path, change) -> Path:
    """``src`` with each member's bytes passed through ``change(name, data)``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


# --------------------------------------------------------------------------- bombs and sizes


def test_sizes_are_read_in_decimal_units():
    assert parse_size("500MB") == 500_000_000
    assert parse_size("1.5 GB") == 1_500_000_000
    assert parse_size("64k") == 64_000 and parse_size("123") == 123
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


def test_xlsx_bomb_is_refused_from_its_declared_size_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("SECBRIEF_MAX_BYTES", "200kB")
    padding = b"<!--" + b" " * 2_000_000 + b"-->"  # 2 MB of XML comment: deflates to a few kB

    def pad(name, data):
        return data.replace(b"<worksheet", padding + b"<worksheet", 1) if name.endswith("sheet1.xml") else data

    bomb = _rezip(_book(tmp_path / "b.xlsx"), tmp_path / "bomb.xlsx", pad)
    assert bomb.stat().st_size < 50_000
    start = time.perf_counter()
    with pytest.raises(SourceFormatError) as exc:
        load_incidents(bomb, source="native")
    assert time.perf_counter() - start < 2
    assert exc.value.one_line() == (
        f"{bomb}: expands to more than 200 kB; limit set by --max-bytes (or SECBRIEF_MAX_BYTES); "
        "raise it if the file is genuine"
    )


def test_xlsx_member_compressed_too_many_times_is_a_bomb(tmp_path, monkeypatch):
    monkeypatch.setattr(_tabular, "_RATIO_FLOOR", 100_000)
    padding = b"<!--" + b" " * 1_000_000 + b"-->"
    bomb = _rezip(
        _book(tmp_path / "b.xlsx"),
        tmp_path / "ratio.xlsx",
        lambda n, d: d.replace(b"<worksheet", padding + b"<worksheet", 1) if n.endswith("sheet1.xml") else d,
    )
    with pytest.raises(SourceFormatError, match=r"part xl/worksheets/sheet1.xml would expand [0-9,]+ times .*bomb"):
        read_records(bomb)


def test_one_cell_far_away_is_a_grid_bomb(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(["a", "2020-01-01", 1])
    wb.active["XFD1048576"] = "x"  # a 5 kB file that would read as 17 billion cells
    wb.save(tmp_path / "far.xlsx")
    start = time.perf_counter()
    with pytest.raises(SourceFormatError) as exc:
        load_incidents(tmp_path / "far.xlsx", source="native")
    assert time.perf_counter() - start < 2
    assert "sheet 'Sheet' spans 1,048,576 rows by 16,384 columns (to cell XFD1048576)" in exc.value.one_line()
    assert "limit set by --max-bytes" in exc.value.one_line()


def test_grid_bomb_is_found_even_when_the_sheet_part_is_not_resolved(tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active["XFD1048576"] = "x"
    wb.save(tmp_path / "far.xlsx")
    monkeypatch.setattr(_tabular, "_sheet_part", lambda zf, sheet: None)
    with pytest.raises(SourceFormatError, match="spans 1,048,576 rows by 16,384 columns"):
        read_records(tmp_path / "far.xlsx")


def test_sheet_scan_finds_the_extent_with_and_without_cell_references(tmp_path):
    from analysis.sources._tabular import _scan_sheet

    with zipfile.ZipFile(tmp_path / "s.zip", "w") as z:
        z.writestr("a.xml", '<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>0</v></c><c r="AA3"/></row>'
                   "</sheetData></worksheet>")  # fmt: skip
        z.writestr("b.xml", "<x:worksheet><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c><x:f>A1</x:f></x:c>"
                   "<x:c/></x:row><x:row/></x:sheetData></x:worksheet>")  # fmt: skip
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        a, b = _scan_sheet(z, "a.xml"), _scan_sheet(z, "b.xml")
    assert (a.rows, a.columns, a.corner, a.formulas) == (3, 27, "AA3", False)
    assert (b.rows, b.columns, b.formulas) == (2, 3, True)


def test_csv_gz_bomb_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("SECBRIEF_MAX_BYTES", "1MB")
    path = tmp_path / "bomb.csv.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"incident_id,date,killed_total\n")
        for _ in range(5):
            fh.write(b"a,2020-01-01,1\n" * 100_000)  # 7 MB unpacked
    with pytest.raises(SourceFormatError, match=r"expands to more than 1 MB; limit set by --max-bytes"):
        load_incidents(path, source="native")
    # the header alone is still read (source detection reads 64 KiB only)
    assert read_header(path) == HEADER


def test_plain_csv_and_parquet_over_the_limit(tmp_path, monkeypatch):
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("incident_id,date,killed_total\n" + "a,2020-01-01,1\n" * 20_000)
    pq_path = tmp_path / "big.parquet"
    ids = [f"incident-{i}" for i in range(20_000)]  # distinct, so the columns do not shrink to a dictionary
    pd.DataFrame({"incident_id": ids, "date": "2020-01-01", "killed_total": 1}).to_parquet(pq_path)
    monkeypatch.setenv("SECBRIEF_MAX_BYTES", "10kB")
    with pytest.raises(SourceFormatError, match="big.csv: is more than 10 kB; limit set by --max-bytes"):
        load_incidents(csv_path, source="native")
    with pytest.raises(SourceFormatError, match="big.parquet: expands to more than 10 kB"):
        load_incidents(pq_path, source="native")


def test_default_limit_passes_real_sized_files():
    assert _tabular.max_bytes() == _tabular.DEFAULT_MAX_BYTES >= 1_000_000_000


# --------------------------------------------------------------------------- silent misreadings


def test_formula_without_saved_value_is_refused_with_the_cell(tmp_path):
    path = _book(tmp_path / "f.xlsx", rows=(("a", "2020-01-01", "=1+2"), ("b", "2020-01-02", 2)))
    with pytest.raises(SourceFormatError) as exc:
        load_incidents(path, source="native")
    line = exc.value.one_line()
    assert line.startswith(f"{path}, row 2, column 'killed_total': holds a formula without a saved value")
    assert "open it in Excel or LibreOffice and save it" in line


def test_formula_with_saved_value_is_read(tmp_path):
    path = _book(tmp_path / "f.xlsx", rows=(("a", "2020-01-01", "=1+2"),))

    def cache_value(name, data):
        return data.replace(b"<f>1+2</f><v></v>", b"<f>1+2</f><v>3</v>").replace(b"<f>1+2</f>", b"<f>1+2</f><v>3</v>")

    saved = _rezip(path, tmp_path / "saved.xlsx", lambda n, d: cache_value(n, d) if n.endswith("sheet1.xml") else d)
    assert load_incidents(saved, source="native").frame["killed_total"].tolist() == [3]


def test_data_on_another_sheet(tmp_path):
    empty_first = _book(tmp_path / "e.xlsx", first_sheet=[])
    with pytest.raises(SourceFormatError, match=r"first sheet 'Read me' is empty; the data seem to be on sheet 'Data'"):
        load_incidents(empty_first)
    notes_first = _book(tmp_path / "n.xlsx", first_sheet=[["Incident register"], ["kept by the desk"]])
    with pytest.raises(SourceFormatError) as exc:
        load_incidents(notes_first)
    assert "sheet 'Data' has the columns of a native file" in exc.value.one_line()
    assert '[read] sheet = "Data"' in exc.value.one_line()


def test_password_protected_workbook(tmp_path):
    # An encrypted workbook is an OLE2 compound file with an EncryptedPackage stream.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(SourceFormatError, match="password-protected .* remove the password"):
        load_incidents(path, source="native")


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("name", ["sheet.ods", "sheet.xlsx"])
def test_opendocument_spreadsheet(tmp_path, name):
    with pytest.raises(SourceFormatError, match=r"OpenDocument spreadsheet .* Excel 2007-365 \(.xlsx\) or CSV"):
        load_incidents(_ods(tmp_path / name), source="native")


def test_csv_renamed_xlsx(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_text("incident_id,date,killed_total\na,2020-01-01,1\n")
    with pytest.raises(SourceFormatError, match=r"is a text file, not an Excel workbook .* rename it .csv"):
        load_incidents(path, source="native")


def test_parquet_with_incident_id_as_index(tmp_path):
    path = tmp_path / "i.parquet"
    frame = pd.DataFrame({"date": ["2020-01-01", "2020-01-02"], "killed_total": [1, 2]}, index=["a", "b"])
    frame.rename_axis("incident_id").to_parquet(path)
    inc = load_incidents(path)  # detected as native
    assert inc.frame["incident_id"].tolist() == ["a", "b"]
    assert "the Parquet file's index (incident_id) read as column(s)" in inc.report.notes


def test_typed_parquet_timestamps_with_a_time_zone(tmp_path):
    path = tmp_path / "tz.parquet"
    when = [datetime(2024, 1, 5, 20, tzinfo=UTC), datetime(2024, 1, 5, 18, 59, tzinfo=UTC)]
    pq.write_table(
        pa.table(
            {"incident_id": ["a", "b"], "date": pa.array(when, pa.timestamp("us", tz="UTC")), "killed_total": [1, 1]}
        ),
        path,
    )
    inc = load_incidents(path, source="native")
    assert inc.report.rejected == 0
    assert inc.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-06", "2024-01-05"]  # PKT = UTC+5


# --------------------------------------------------------------------------- internal errors


def test_truncated_sheet_xml(tmp_path):
    cut = _rezip(
        _book(tmp_path / "b.xlsx"),
        tmp_path / "cut.xlsx",
        lambda n, d: d[: len(d) // 2] if n.endswith("sheet1.xml") else d,
    )
    with pytest.raises(SourceFormatError, match=r"cut.xlsx: sheet 'Sheet' is damaged and cannot be read \(ParseError"):
        load_incidents(cut, source="native")


def test_workbook_cut_short(tmp_path):
    data = _book(tmp_path / "b.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) * 2 // 3])
    for source in (None, "native"):
        with pytest.raises(SourceFormatError, match=r"is an incomplete workbook: its ZIP directory is missing"):
            load_incidents(cut, source=source)


def test_corrupt_compressed_sheet(tmp_path):
    path = _rezip(_book(tmp_path / "b.xlsx"), tmp_path / "bad.xlsx", lambda n, d: d)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 40] = b"\xff" * 30  # the deflate stream of the sheet, damaged
    path.write_bytes(bytes(data))
    damaged = r"bad.xlsx: (is a damaged workbook|cannot be opened as an Excel workbook) \((error|BadZipFile)"
    for source in (None, "native"):  # detection reads the header, the load the whole sheet
        with pytest.raises(SourceFormatError, match=damaged):
            load_incidents(path, source=source)


def test_xml_entities_are_refused(tmp_path):
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    path = _rezip(
        _book(tmp_path / "b.xlsx"), tmp_path / "ent.xlsx", lambda n, d: dtd + d if n.endswith("sheet1.xml") else d
    )
    for source in (None, "native"):
        with pytest.raises(SourceFormatError, match="declares entities or a document type .* XML bombs"):
            load_incidents(path, source=source)


def test_typed_dates_pandas_cannot_hold_reject_their_rows(tmp_path):
    path = tmp_path / "y.parquet"
    days = pa.array([date(1, 1, 1), date(9999, 12, 31), date(2020, 1, 1)])
    pq.write_table(pa.table({"incident_id": ["a", "b", "c"], "date": days, "killed_total": [1, 2, 3]}), path)
    rep = load_incidents(path, source="native").report
    assert (rep.accepted, rep.rejected) == (1, 2)
    assert [(p.row, p.check) for p in rep.errors] == [(2, "date_out_of_range"), (3, "date_out_of_range")]
    assert "'0001-01-01' has a year outside 1678-2261" in rep.errors[0].message


def _profile(tmp_path: Path, extra: str) -> Path:
    p = tmp_path / "p.toml"
    p.write_text(f'{extra}\n[columns]\nincident_id = "id"\ndate = "when"\nkilled_total = "k"\n')
    return p


def test_profile_format_with_utc_offsets_counts_days_in_pakistan_time(tmp_path):
    data = tmp_path / "z.csv"
    data.write_text("id,when,k\na,05/01/2020 22:00+0000,1\nb,06/01/2020 01:00+0500,2\nc,05/01/2020 18:59+0000,1\n")
    prof = _profile(tmp_path, '[dates]\nformats = ["%d/%m/%Y %H:%M%z"]')  # offsets differ row to row
    inc = load_incidents(data, source=str(prof))
    assert inc.report.rejected == 0
    assert inc.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-06", "2020-01-06", "2020-01-05"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[read]\ndelimiter = 5", r"\[read\] delimiter must be one character in quotes.* not 5"),
        ('[read]\ndelimiter = ""', r"\[read\] delimiter must be one character"),
        ("[read]\nsheet = true", r"\[read\] sheet must be a sheet name or number"),
        (
            '[dates]\nformats = ["%Y-%U"]',
            r"format '%Y-%U' has a problem \(Cannot use '%W' or '%U' without day and year\)",
        ),
        ('[dates]\nformats = ["%Y-%Q-%d"]', r"format '%Y-%Q-%d' has an unknown directive %Q"),
        (
            '[dates]\nformats = ["%d/%m"]',
            r"format '%d/%m' names no year \(%Y or %y\), so every date would fall in 1900",
        ),
    ],
)
def test_profile_mistakes_are_config_errors(tmp_path, extra, message):
    from analysis.sources.profile import load_profile

    with pytest.raises(ConfigError, match=message):
        load_profile(_profile(tmp_path, extra))


# --------------------------------------------------------------------------- day first or month first


def _dated(tmp_path: Path, dates: list[str], formats: str) -> tuple[Path, Path]:
    data = tmp_path / "d.csv"
    data.write_text("id,when,k\n" + "".join(f"r{i},{d},1\n" for i, d in enumerate(dates)))
    return data, _profile(tmp_path, f"[dates]\nformats = {formats}")


BOTH = '["%d/%m/%Y", "%m/%d/%Y"]'


def test_mixed_day_first_and_month_first_dates_are_refused(tmp_path):
    data, prof = _dated(tmp_path, ["13/01/2024", "05/01/2024", "01/14/2024"], BOTH)
    with pytest.raises(SourceFormatError) as exc:
        load_incidents(data, source=str(prof))
    assert (
        "column 'date' mixes dates written day first (row 2: '13/01/2024') and month first (row 4: '01/14/2024')"
        in (exc.value.one_line())
    )


def test_dates_that_fit_both_orders_need_the_order_declared(tmp_path):
    data, prof = _dated(tmp_path, ["05/01/2024", "06/02/2024", "07/07/2024"], BOTH)
    with pytest.raises(
        SourceFormatError, match=r"every date fits both day first and month first \(row 2: '05/01/2024'\)"
    ):
        load_incidents(data, source=str(prof))


def test_file_evidence_settles_the_order_even_against_the_format_list(tmp_path):
    # Month-first format listed first, but the file's 25/12 can only be day first: 05/01 is 5 January.
    data, prof = _dated(tmp_path, ["25/12/2023", "05/01/2024"], '["%m/%d/%Y", "%d/%m/%Y"]')
    inc = load_incidents(data, source=str(prof))
    assert inc.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-12-25", "2024-01-05"]


def test_one_declared_order_reads_as_declared(tmp_path):
    data, prof = _dated(tmp_path, ["05/01/2024", "01/14/2024"], '["%d/%m/%Y"]')
    rep = load_incidents(data, source=str(prof)).report
    assert rep.rejected == 1 and "'01/14/2024' is not a valid date" in rep.errors[0].message


# --------------------------------------------------------------------------- header far down


def test_header_far_down_a_workbook_is_read_without_loading_the_sheet(tmp_path, monkeypatch):
    wb = openpyxl.Workbook(write_only=True)  # no declared size: openpyxl would scan the whole sheet
    ws = wb.create_sheet("Data")
    for i in range(300):
        ws.append([f"title {i}"])
    ws.append(["Ref", None, "When", 2020, "Kill\u00e9d  "])
    for i in range(3000):
        ws.append([f"r{i}", None, "2020-01-01", i, "x"])
    wb.save(tmp_path / "far.xlsx")
    full = read_records(tmp_path / "far.xlsx", header_row=301).header
    assert full == ["Ref", "column 2", "When", "2020", "Kill\u00e9d"]

    def no_full_read(*args, **kwargs):
        raise AssertionError("the whole workbook was loaded")

    monkeypatch.setattr(pd, "ExcelFile", no_full_read)
    assert read_header(tmp_path / "far.xlsx", header_row=301) == full
    assert read_header(tmp_path / "far.xlsx", header_row=1) == ["title 0"]
    with pytest.raises(SourceFormatError, match="has no row 5000 to read the column names from"):
        read_header(tmp_path / "far.xlsx", header_row=5000)


def test_header_far_down_a_large_csv_reads_only_down_to_it(tmp_path, monkeypatch):
    path = tmp_path / "far.csv.gz"
    with gzip.open(path, "wt") as fh:
        fh.writelines(f"title line {i}, with a comma\n" for i in range(5000))  # > 64 KiB above the header
        fh.write("Ref;When;K\n")
        fh.writelines(f"r{i};2020-01-01;1\n" for i in range(50_000))
    monkeypatch.setattr(_tabular, "read_records", lambda *a, **k: pytest.fail("read the whole file"))
    assert read_header(path, header_row=5001) == ["Ref", "When", "K"]


def test_parquet_header_comes_from_the_schema(tmp_path, monkeypatch):
    path = tmp_path / "i.parquet"
    pd.DataFrame({"date": ["2020-01-01"], "k": [1]}, index=pd.Index(["a"], name="incident_id")).to_parquet(path)
    monkeypatch.setattr(pd, "read_parquet", lambda *a, **k: pytest.fail("read the whole file"))
    assert read_header(path) == ["incident_id", "date", "k"]


@pytest.mark.parametrize("quoted", [False, True])
def test_old_mac_line_endings_keep_every_column(tmp_path, quoted):
    """Lines ended by a bare CR (classic Mac OS) were read as one column, the other cells dropped."""
    date_cell = '"2020-01-01"' if quoted else "2020-01-01"
    path = tmp_path / "cr.csv"
    path.write_bytes(f"incident_id,date,killed_total\ra,{date_cell},1\rb,2020-01-02,2\r".encode())
    table = read_records(path)
    assert table.header == HEADER
    assert table.frame.to_numpy().tolist() == [["a", "2020-01-01", "1"], ["b", "2020-01-02", "2"]]


def test_devices_and_pipes_are_not_data_files(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(SourceFormatError, match="is not a regular file"):
            load_incidents(path, source="native")
        with pytest.raises(SourceFormatError, match="is not a regular file"):
            load_incidents(path)
