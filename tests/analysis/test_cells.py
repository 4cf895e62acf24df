"""One cell parser for every source (issue 15): the same cell means the same thing whatever the source."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import cells
from analysis.io import load_incidents
from analysis.sources import _mapping

ROOT = Path(__file__).resolve().parents[2]

#: Spellings people use for "not known", some listed in the schema and some not.
CANDIDATES = ["NA", "na", "N/A", "n/a", "NaN", "nan", "null", "NULL", "-", "--", "?", "unknown", "Unknown",
              "not known", "NK", "nk", "none", "n.a.", "0", "x", "unk", "---", "??", "missing", "nil"]  # fmt: skip


def _schema_tokens() -> set[str]:
    with open(ROOT / "data" / "schema.json", encoding="utf-8") as fh:
        return {t.lower() for t in json.load(fh)["missingValues"] if t}


@pytest.mark.parametrize("token", CANDIDATES)
def test_missing_values_of_the_schema_are_exactly_what_the_code_reads_as_missing(token):
    listed = token.lower() in _schema_tokens()
    for cell in (token, f"  {token} ", token.upper()):
        n = cells.number(cell, True)
        assert (n is not None and pd.isna(n)) == listed, cell
        assert (cells.day(cell) is None) == listed, cell
        assert cells.is_missing_token(cell) == listed, cell
    assert cells.MISSING_TOKENS == _schema_tokens()


def test_every_schema_token_is_blank_in_a_native_file(tmp_path):
    tokens = sorted(_schema_tokens())
    lines = ["incident_id,date,date_end,province,killed_total"]
    lines += [f"n{i},2020-01-0{1 + i % 9},{t},{t},{t}" for i, t in enumerate(tokens)]
    path = tmp_path / "tokens.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inc = load_incidents(path, source="native")
    assert inc.report.rejected == 0, [p.one_line() for p in inc.report.errors]
    f = inc.frame
    assert f["killed_total"].isna().all() and f["date_end"].isna().all() and f["province"].isna().all()


def _ints(s: pd.Series) -> list[int | None]:
    return [None if pd.isna(x) else int(x) for x in s]


def _profile(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "p.toml"
    p.write_text(
        '[profile]\nname = "t"\n\n[columns]\nincident_id = "Ref"\ndate = "When"\n' + body,
        encoding="utf-8",
    )
    return p


def test_profile_counts_read_like_the_native_path(tmp_path):
    """Thousands separators and 'unknown' in added-up and min/max columns: as the native reader reads them."""
    data = tmp_path / "d.csv"
    data.write_text(
        "Ref,When,Police,Army,Low,High\n"
        'a,2020-01-01,"1,234",1,2,"1,500"\n'
        "b,2020-01-02,unknown,unknown,unknown,3\n"
        "c,2020-01-03,n/a,2,-,?\n",
        encoding="utf-8",
    )
    prof = _profile(
        tmp_path, 'killed_security = ["Police", "Army"]\n\n[ranges.killed_total]\nmin = "Low"\nmax = "High"\n'
    )
    inc = load_incidents(data, source=str(prof))
    assert inc.report.rejected == 0, [p.one_line() for p in inc.report.errors]
    f = inc.frame.set_index("incident_id")
    assert _ints(f["killed_security"]) == [1235, None, 2]
    assert _ints(f["killed_total"]) == [1500, 3, 2]  # c: no range, so the sum of the categories
    assert _ints(f["killed_low"]) == [2, None, None]

    native = tmp_path / "n.csv"
    native.write_text(
        'incident_id,date,killed_security\na,2020-01-01,"1,235"\nb,2020-01-02,unknown\nc,2020-01-03,2\n',
        encoding="utf-8",
    )
    assert _ints(load_incidents(native, source="native").frame["killed_security"]) == [1235, None, 2]


def test_profile_count_that_is_not_a_number_still_rejects(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("Ref,When,Police,Army\na,2020-01-01,some,1\nb,2020-01-02,1,1\n", encoding="utf-8")
    inc = load_incidents(data, source=str(_profile(tmp_path, 'killed_security = ["Police", "Army"]\n')))
    assert inc.report.rejected == 1
    assert "'some' in column 'Police' is not a number" in inc.report.errors[0].message


def test_gtd_style_number_reader_is_the_shared_one():
    s = pd.Series(["1,234", "unknown", "", "7", "-99", "x"], dtype="string")
    assert _ints(_mapping.numbers(s)) == [1234, None, None, 7, -99, None]
    assert not hasattr(_mapping, "unreadable_numbers")


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2024-01-05", "2024-01-05"),
        ("2024-01-05 23:59", "2024-01-05"),
        ("2024-01-05T23:59:59.25", "2024-01-05"),
        ("2024-01-05 99:99", None),
        ("2024-01-05 24:00", None),
        ("2024-01-05 12:60", None),
        ("2024-01-05 12:00:61", None),
        ("2024-01-05T20:00:00Z", "2024-01-06"),  # 01:00 on the 6th in Pakistan
        ("2024-01-05T18:59:00Z", "2024-01-05"),  # 23:59 on the 5th in Pakistan
        ("2024-01-05 01:00+05:00", "2024-01-05"),
        ("2024-01-05 22:00-03:00", "2024-01-06"),
    ],
)
def test_dates_with_times(cell, day):
    parsed, bad, out = cells.dates(pd.Series([cell], dtype="string"))
    assert not out.any()
    if day is None:
        assert bad.tolist() == [True] and parsed.isna().all()
    else:
        assert not bad.any() and parsed.dt.strftime("%Y-%m-%d").tolist() == [day]


def test_impossible_time_is_rejected_in_a_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("incident_id,date,killed_total\na,2024-01-05 99:99,1\nb,2024-01-05 10:30,1\n", encoding="utf-8")
    rep = load_incidents(path, source="native").report
    assert rep.rejected == 1
    assert rep.errors[0].one_line() == (
        f"{path}, row 2, column 'date': '2024-01-05 99:99' is not a valid date (expected YYYY-MM-DD)"
    )


@pytest.mark.parametrize("year", ["0001", "9999", "1600", "2300"])
def test_years_pandas_cannot_hold_are_rejected_rows(tmp_path, year):
    path = tmp_path / "y.csv"
    path.write_text(
        f"incident_id,date,date_end,killed_total\na,{year}-01-05,,1\nb,2020-01-05,{year}-02-01,1\nc,2020-01-06,,1\n"
    )
    rep = load_incidents(path, source="native").report
    assert (rep.rejected, rep.accepted) == (2, 1)
    want = [(2, "date", "date_out_of_range"), (3, "date_end", "date_out_of_range")]
    assert [(p.row, p.column, p.check) for p in rep.errors] == want
    assert "has a year outside 1678-2261" in rep.errors[0].message


def test_typed_timestamps_with_a_time_zone_count_in_pakistan_time():
    utc = pd.Series(pd.to_datetime(["2024-01-05 20:00", "2024-01-05 18:59"]).tz_localize("UTC"))
    days, bad, out = cells.dates(utc)
    assert days.dt.strftime("%Y-%m-%d").tolist() == ["2024-01-06", "2024-01-05"]
    naive = pd.Series(pd.to_datetime(["2024-01-05 23:30"]))
    assert cells.dates(naive)[0].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05"]
