"""The vectorised parsing and checking paths give exactly what the per-value functions give.

The validator parses common spellings on the whole column and sends the rest through
the per-value functions (:func:`analysis.validate._clean`, ``_number``, ``_enum_value``),
and its constraint checks give the failing rows directly. These
tests compare each fast path with the per-value function it replaces, value by value.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import cells
from analysis import validate as v
from analysis.sources._tabular import blank_rows

ROOT = Path(__file__).resolve().parents[2]

#: Awkward cells: every kind of white space, tokens, Unicode digits, thousands, signs.
PIECES = [
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\x0b",
    "\x1c",
    "\x85",
    "\xa0",
    "\u2003",
    "\u3000",
    "\u200b",
    "a",
    "B",
    "Attack",
    "suicide bombing",
    "Suicide-Bombing",
    "armed_assault",
    "x_1",
    "0",
    "7",
    "007",
    "-0",
    "-3",
    "1.5",
    "2.0",
    "12.25",
    "1,234",
    "12,34",
    "1e3",
    "inf",
    "nan",
    "NA",
    "n/a",
    "unknown",
    "Unknown",
    "NK",
    "\u212ak",
    "?",
    "-",
    "--",
    "+5",
    "1_000",
    "\u0663",
    "\u0661\u0662",
    "2015-01-01",
    "2015-1-1",
    "2015-02-30",
    "2015-01-01 10:00",
    "2015-01-01T10:00:00.5",
    "\u0662\u0660\u0661\u0665-01-01",
    "01/02/2015",
    "1899-12-31",
    "2015-01-01x",
    "2015-01-05 99:99",
    "2015-01-05 23:59:59",
    "2015-01-05T24:00",
    "2015-01-05T22:00:00Z",
    "2015-01-05 21:00+02:00",
]


def _corpus(n: int = 3000, seed: int = 5, *, line_breaks: bool = True) -> list[str | None]:
    """Cells built from :data:`PIECES`; without line breaks pandas keeps ``$`` patterns in pyarrow."""
    rng = random.Random(seed)
    pieces = [p for p in PIECES if line_breaks or ("\n" not in p and "\r" not in p)]
    out: list[str | None] = [None, *pieces]
    for _ in range(n):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))))
    return out


STORAGES = [pd.StringDtype("pyarrow", na_value=np.nan), pd.StringDtype("python", na_value=np.nan), "string"]


def test_whitespace_list_is_what_python_splits_on():
    assert set(v.WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@pytest.mark.parametrize("dtype", STORAGES, ids=str)
@pytest.mark.parametrize("collapse", [True, False])
@pytest.mark.parametrize("line_breaks", [True, False])
def test_text_equals_clean_per_value(dtype, collapse, line_breaks):
    values = _corpus(line_breaks=line_breaks)
    got = v._text(pd.Series(values, dtype=dtype), collapse=collapse)
    assert got.dtype == "string"
    expected = [v._clean(x, collapse) for x in values]
    assert [None if x is pd.NA else x for x in got.tolist()] == expected


@pytest.mark.parametrize("dtype", STORAGES, ids=str)
@pytest.mark.parametrize("integer", [True, False])
@pytest.mark.parametrize("line_breaks", [True, False])
def test_numbers_equal_number_per_value(dtype, integer, line_breaks):
    values = _corpus(line_breaks=line_breaks)
    got, nonnum = v._numbers(pd.Series(values, dtype=dtype), integer)
    for x, g, bad in zip(values, got, nonnum, strict=True):
        want = v._number(x, integer) if x is not None else float("nan")
        if want is None:
            assert bad and np.isnan(g), x
        else:
            assert not bad, x
            assert (np.isnan(g) and np.isnan(want)) or (g == want and np.signbit(g) == np.signbit(want)), x


@pytest.mark.parametrize("dtype", STORAGES, ids=str)
def test_plain_decimals_read_as_float_reads_them(dtype):
    rng = random.Random(7)
    texts = [
        ("-" if rng.random() < 0.3 else "")
        + str(rng.randint(0, 10 ** rng.randint(1, 15) - 1))
        + ("." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 15))) if rng.random() < 0.8 else "")
        for _ in range(20000)
    ]
    got, nonnum = v._numbers(pd.Series(texts, dtype=dtype), False)
    want = np.array([float(t) for t in texts])
    assert not nonnum.any()
    np.testing.assert_array_equal(got, want)
    assert (np.signbit(got) == np.signbit(want)).all()


@pytest.mark.parametrize("dtype", STORAGES, ids=str)
@pytest.mark.parametrize("line_breaks", [True, False])
def test_dates_and_enums_equal_the_per_value_reading(dtype, line_breaks):
    values = _corpus(line_breaks=line_breaks)
    raw = pd.DataFrame({"incident_id": "x", "date": pd.Series(values, dtype=dtype)})
    raw["method"] = pd.Series(values, dtype=dtype)
    acc = v._Accounts(np.arange(2, len(values) + 2), "f.csv")
    frame = v._parse(raw, acc, "YYYY-MM-DD")
    days = [cells.day(x) for x in values]
    iso = pd.Series([None if d is None or not d[0].isdigit() else d for d in days], dtype="string")
    want = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    pd.testing.assert_series_equal(frame["date"], want, check_names=False)
    bad_rows = {p.row for p in acc.problems if p.check == "bad_date"}
    assert bad_rows == {i + 2 for i, (d, w) in enumerate(zip(days, want, strict=True)) if d is not None and pd.isna(w)}
    assert frame["method"].tolist() == [pd.NA if (e := v._enum_value(x)) is None else e for x in values]


def _clean_frame() -> pd.DataFrame:
    raw = pd.DataFrame(
        {
            "incident_id": ["a", "b", "c"],
            "date": ["2015-01-01", "2016-05-02", "2020-12-31"],
            "latitude": ["33.6", "", "30.1"],
            "killed_total": ["1", "0", ""],
            "method": ["bombing", "", "other"],
        }
    )
    return v._parse(raw, v._Accounts(np.arange(2, 5), None), "YYYY-MM-DD")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("latitude", 95.0),
        ("killed_total", -1),
        ("method", "mortar"),
        ("date", pd.Timestamp("1850-01-01")),
        ("date", pd.Timestamp.today().normalize() + pd.Timedelta(days=30)),
        ("incident_id", pd.NA),
        ("date", pd.NaT),
    ],
)
def test_constraint_failures_name_exactly_the_bad_cell(column, value):
    clean = _clean_frame()
    assert v._constraint_failures(clean) == []
    bad = clean.copy()
    bad.loc[1, column] = value
    failures = v._constraint_failures(bad)
    assert {c for c, _, _ in failures} == {column}
    for _, _, mask in failures:
        assert mask.tolist() == [False, True, False]


@pytest.mark.parametrize("dtype", STORAGES[:2], ids=str)
@pytest.mark.parametrize("line_breaks", [True, False])
def test_blank_rows_equal_strip_per_value(dtype, line_breaks):
    values = _corpus(500, line_breaks=line_breaks)
    rng = random.Random(3)
    frame = pd.DataFrame(
        {
            "a": pd.Series(values, dtype=dtype),
            "b": pd.Series([rng.choice(["", " ", "\u3000", "x"]) for _ in values], dtype=dtype),
        }
    )
    want = [
        all(c is None or c is np.nan or not str(c).strip() for c in row)
        for row in frame.astype(object).itertuples(index=False)
    ]
    assert blank_rows(frame).tolist() == want
