"""Every malformed file in tests/fixtures/malformed ends in an exact, stated outcome and message.

Two kinds of outcome: the file cannot be used (a SecbriefError with one line naming
the file), or it is read and each row is accepted, warned, rejected or excluded
with the problems listed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import ConfigError, SecbriefError, SourceFormatError
from analysis.io import load_incidents

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "malformed"
NO_SOURCE = (
    "match no known source (native, ucdp, acled, gtd, profile:pakistan-drone-strikes, "
    "profile:pakistan-suicide-attacks); pass --source, or write a mapping profile (secbrief profile init FILE)"
)

UNUSABLE = [
    ("empty.csv", None, SourceFormatError, "file is empty (0 bytes)"),
    ("blank-lines.csv", None, SourceFormatError, "has no header and no data (only blank lines)"),
    ("header-only.csv", None, SourceFormatError, "has a header but no incident rows"),
    (
        "hxl-only.csv",
        None,
        SourceFormatError,
        "has a header but no incident rows (1 row excluded: HXL hashtag row (#id, #date, #adm1+name, ...) of an "
        "HDX export: column tags, not an incident)",
    ),
    (
        "latin1-no-profile.csv",
        None,
        SourceFormatError,
        "cannot be decoded as utf-8: byte 0xe9 on line 3 is not valid utf-8; the file is probably Latin-1 or "
        'Windows-1252: declare its encoding in a mapping profile ([read] encoding = "latin-1")',
    ),
    (
        "utf16.csv",
        None,
        SourceFormatError,
        'is UTF-16 text; save it as UTF-8 (or declare encoding = "utf-16" in a mapping profile)',
    ),
    (
        "ragged-row.csv",
        None,
        SourceFormatError,
        "line 3 has 5 cells but the lines before it have 4; a cell probably contains an unquoted delimiter "
        "or a stray quote",
    ),
    ("unclosed-quote.csv", None, SourceFormatError, "has a quoted cell that is never closed"),
    ("missing-date-column.csv", None, SourceFormatError, f"columns (incident_id, province, killed_total) {NO_SOURCE}"),
    (
        "missing-date-column.csv",
        "native",
        SourceFormatError,
        "missing required column(s) 'date'; the native schema needs incident_id, date and at least one count column",
    ),
    (
        "misspelled-column.csv",
        "native",
        SourceFormatError,
        "missing required column(s) 'date' (did you mean 'dat'?); the native schema needs incident_id, date and at "
        "least one count column",
    ),
    (
        "duplicate-header.csv",
        None,
        SourceFormatError,
        "column 'killed_total' appears more than once in the header (columns 3, 4); rename one of them",
    ),
    ("binary-garbage.csv", None, SourceFormatError, "is binary, not a text table (CSV, Parquet or .xlsx expected)"),
    ("pdf-renamed.csv", None, SourceFormatError, "is a PDF document, not a data table"),
    (
        "xlsx-renamed.csv",
        None,
        SourceFormatError,
        "is a ZIP archive or an Excel workbook; an Excel file must be named .xlsx",
    ),
    ("not-gzip.csv.gz", None, SourceFormatError, "is named .gz but is not a valid gzip file"),
    ("old-excel.xls", None, SourceFormatError, "old Excel files (.xls) are not supported; save it as .xlsx or CSV"),
    ("ucdp-missing-best.csv", "ucdp", SourceFormatError, "missing column 'best' needed in a UCDP GED file"),
    ("no-known-source.csv", None, SourceFormatError, f"columns (when, where, how many) {NO_SOURCE}"),
    ("wrong-sheet.xlsx", "profile-for-sheet.toml", SourceFormatError, "has no sheet 'Incidents' (sheets: Data, Notes)"),
    (
        "profiled-dates.csv",
        "profile-bad-key.toml",
        ConfigError,
        "mapping profile: [columns] 'kiled_total' is not a column of the schema; choose from incident_id, date, "
        "date_end, date_precision, country, province, district, locality, latitude, longitude, event_type, method, "
        "perpetrator, target, killed_security, killed_civilians, killed_militants, killed_unknown, killed_total, "
        "killed_low, killed_high, injured_total, source, source_url, description, dataset",
    ),
    (
        "profiled-dates.csv",
        "profile-bad-toml.toml",
        ConfigError,
        "mapping profile: not valid TOML (Illegal character '\\n' (at line 2, column 18))",
    ),
    (
        "semicolon.csv",
        "bogus",
        SourceFormatError,
        "unknown source 'bogus'; choose one of native, ucdp, acled, gtd, profile:pakistan-drone-strikes, "
        "profile:pakistan-suicide-attacks, or give a profile's .toml path",
    ),
]


def _source(source: str | None) -> str | None:
    return str(FIXTURES / source) if source and source.endswith(".toml") else source


@pytest.mark.parametrize(("name", "source", "error", "message"), UNUSABLE, ids=[f"{u[0]}-{u[1]}" for u in UNUSABLE])
def test_unusable_file_gives_one_line_error(name, source, error, message):
    with pytest.raises(error) as info:
        load_incidents(FIXTURES / name, source=_source(source))
    exc = info.value
    assert isinstance(exc, SecbriefError) and exc.exit_code == 2
    assert exc.message == message
    expected_file = FIXTURES / source if error is ConfigError else FIXTURES / name
    assert exc.one_line() == f"{expected_file}: {message}"
    assert "\n" not in exc.one_line()


# name, source, (accepted, warned, rejected, excluded, frame rows), [(severity, row, column, check, message)]
READABLE = [
    ("semicolon.csv", None, (2, 0, 0, 0, 2), []),
    ("tab-separated.tsv", None, (1, 0, 0, 0, 1), []),
    (
        "bad-dates.csv",
        None,
        (1, 0, 6, 0, 1),
        [
            ("error", 2, "date", "bad_date", "'2021-02-30' is not a valid date (expected YYYY-MM-DD)"),
            ("error", 3, "date", "bad_date", "'31/12/2020' is not a valid date (expected YYYY-MM-DD)"),
            ("error", 4, "date", "bad_date", "'yesterday' is not a valid date (expected YYYY-MM-DD)"),
            ("error", 5, "date", "in_future", "date 2099-01-01 is in the future"),
            ("error", 6, "date", "too_early", "date 1850-01-01 is before 1900; check the year"),
            ("error", 8, "date", "not_nullable", "is required but blank"),
        ],
    ),
    (
        "negative-counts.csv",
        None,
        (1, 0, 1, 0, 1),
        [
            ("error", 2, "killed_total", "negative", "'-3' is negative; counts must be 0 or more"),
        ],
    ),
    (
        "non-numeric-counts.csv",
        None,
        (2, 0, 2, 0, 2),
        [
            ("error", 2, "killed_total", "not_a_number", "'many' is not a number"),
            ("error", 3, "killed_total", "not_whole", "'2.5' is not a whole number"),
        ],
    ),
    (
        "duplicate-ids.csv",
        None,
        (2, 1, 2, 0, 2),
        [
            ("warning", 3, "incident_id", "exact_duplicate", "'x1' repeats row 2 exactly; counted once"),
            (
                "error",
                4,
                "incident_id",
                "duplicate_id",
                "'x2' is used by rows with different content (first at row 4); give each incident its own id",
            ),
            (
                "error",
                5,
                "incident_id",
                "duplicate_id",
                "'x2' is used by rows with different content (first at row 4); give each incident its own id",
            ),
        ],
    ),
    (
        "categories-over-total.csv",
        None,
        (2, 0, 1, 0, 2),
        [
            (
                "error",
                2,
                "killed_total",
                "categories_over_total",
                "killed categories add up to 5 (security 2, civilians 3), more than killed_total 4",
            ),
        ],
    ),
    (
        "unknown-province.csv",
        None,
        (3, 0, 1, 0, 3),
        [
            (
                "error",
                2,
                "province",
                "unknown_province",
                "'Mars' is not a known province or territory (map the spelling in a profile's [values.province], "
                "or leave it blank to count it as unknown)",
            ),
        ],
    ),
    (
        "coordinates.csv",
        None,
        (1, 3, 0, 0, 4),
        [
            (
                "warning",
                2,
                "latitude",
                "outside_pakistan",
                "coordinates 51.5, -0.12 lie outside Pakistan; kept as given",
            ),
            ("warning", 3, "latitude", "out_of_range", "'123' is outside -90..90; left blank"),
            ("warning", 4, "longitude", "not_a_number", "'abc' is not a number; left blank"),
        ],
    ),
    (
        "bad-event-type.csv",
        None,
        (1, 0, 1, 0, 1),
        [
            ("error", 3, "event_type", "not_allowed", "'riot' is not one of attack, operation, clash, other"),
        ],
    ),
    (
        "end-before-start.csv",
        None,
        (1, 1, 0, 0, 2),
        [
            (
                "warning",
                2,
                "date_end",
                "end_before_start",
                "end date 2020-01-03 is before the start date 2020-01-05; counted at the start date",
            ),
        ],
    ),
    (
        "blank-id.csv",
        None,
        (1, 0, 1, 0, 1),
        [
            ("error", 2, "incident_id", "not_nullable", "is required but blank"),
        ],
    ),
    ("totals-row.csv", None, (3, 0, 0, 1, 3), []),
    ("blank-row-in-middle.csv", None, (2, 0, 0, 1, 2), []),
    (
        "profiled-dates.csv",
        "profile-day-month.toml",
        (2, 0, 1, 0, 2),
        [
            (
                "error",
                4,
                "date",
                "bad_date",
                "'31/02/2020' is not a valid date (expected a date like '19/11/1995' (format %d/%m/%Y, as the profile "
                "profile-day-month.toml declares))",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("name", "source", "counts", "problems"), READABLE, ids=[r[0] for r in READABLE])
def test_readable_file_accounts_for_every_row(name, source, counts, problems):
    inc = load_incidents(FIXTURES / name, source=_source(source))
    rep = inc.report
    assert (rep.accepted, rep.warned, rep.rejected, len(rep.excluded), len(inc.frame)) == counts
    got = [(p.severity, p.row, p.column, p.check, p.message) for p in rep.problems]
    assert got == problems
    assert all(p.file == str(FIXTURES / name) for p in rep.problems)
    # Every row under the header is accounted for exactly once.
    with open(FIXTURES / name, encoding="utf-8") as fh:
        data_lines = [ln for ln in fh.read().split("\n")[1:] if ln != ""]
    assert rep.rows_in_file == len(data_lines)
    assert rep.rows_read == rep.accepted + rep.warned + rep.rejected


def test_excluded_rows_say_why():
    totals = load_incidents(FIXTURES / "totals-row.csv").report.excluded
    assert [(p.row, p.check, p.message) for p in totals] == [
        (5, "totals_row", "column-totals row (its numbers are the sums of the other rows), not an incident")
    ]
    blank = load_incidents(FIXTURES / "blank-row-in-middle.csv").report.excluded
    assert [(p.row, p.check, p.message) for p in blank] == [(3, "empty_row", "empty row")]


def test_rejected_rows_carry_file_row_column_and_reason():
    rep = load_incidents(FIXTURES / "bad-dates.csv").report
    rej = rep.rejected_rows
    assert list(rej.columns[:4]) == ["file", "row", "column", "reason"]
    assert rej["row"].tolist() == [2, 3, 4, 5, 6, 8]
    assert set(rej["file"]) == {str(FIXTURES / "bad-dates.csv")}
    assert rej["column"].tolist() == ["date"] * 6
    assert rej["reason"].iloc[0] == "row 2, column 'date': '2021-02-30' is not a valid date (expected YYYY-MM-DD)"
    assert rej["incident_id"].tolist() == ["d1", "d2", "d3", "d4", "d5", "d7"]


def test_values_meaning_unknown_and_thousands_separators():
    f = load_incidents(FIXTURES / "non-numeric-counts.csv").frame.set_index("incident_id")
    assert f.loc["c3", "killed_total"] == 1234
    assert f["killed_total"].isna().loc["c4"]  # 'n/a' is unknown, not an error


def test_semicolon_delimiter_is_detected_and_said():
    rep = load_incidents(FIXTURES / "semicolon.csv").report
    assert "delimiter ';' detected" in rep.notes
