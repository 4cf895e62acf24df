"""Source detection and naming (--source), native files in every container, and the fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema
from analysis.errors import SourceFormatError
from analysis.incidents import fingerprint
from analysis.io import detect_source, load_incidents, source_names

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_source_names_list_builtins_and_shipped_profiles():
    assert source_names() == [
        "native",
        "ucdp",
        "acled",
        "gtd",
        "profile:pakistan-drone-strikes",
        "profile:pakistan-suicide-attacks",
    ]


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("sources/ucdp-small.csv", "ucdp"),
        ("sources/acled-small.csv", "acled"),
        ("sources/gtd-small.csv", "gtd"),
        ("malformed/semicolon.csv", "native"),
    ],
)
def test_detection(name, source):
    assert detect_source(FIXTURES / name) == source
    inc = load_incidents(FIXTURES / name)
    assert inc.source == source
    assert inc.report.notes[0] == f"source {source} (detected from the column names)"


def test_given_source_is_said():
    inc = load_incidents(FIXTURES / "sources" / "ucdp-small.csv", source="ucdp")
    assert inc.report.notes[0] == "source ucdp (given)"


def test_ambiguous_columns_are_refused(tmp_path):
    # Both native and ACLED columns: the user must say which.
    path = tmp_path / "both.csv"
    path.write_text(
        "incident_id,date,killed_total,event_id_cnty,event_date,event_type,fatalities\n"
        "a,2020-01-01,1,b,2020-01-01,Battles,1\n"
    )
    with pytest.raises(SourceFormatError) as info:
        load_incidents(path)
    assert info.value.message == "columns fit several sources (native, acled); pass --source"


def test_native_reads_the_same_from_csv_parquet_and_excel(tmp_path):
    csv_path = FIXTURES / "malformed" / "duplicate-ids.csv"
    base = load_incidents(csv_path)
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    raw.to_parquet(tmp_path / "x.parquet")
    raw.to_excel(tmp_path / "x.xlsx", index=False)
    raw.to_csv(tmp_path / "x.csv.gz", index=False)
    for p in ("x.parquet", "x.xlsx", "x.csv.gz"):
        inc = load_incidents(tmp_path / p)
        assert inc.fingerprint == base.fingerprint, p
        assert (inc.report.accepted, inc.report.warned, inc.report.rejected) == (2, 1, 2)


def _fingerprint_row_by_row(frame: pd.DataFrame) -> str:
    """The first version of the fingerprint, joining each row in Python: the reference."""
    cols = list(schema.columns())
    f = frame[cols].copy()
    for c in ("date", "date_end"):
        f[c] = f[c].dt.strftime("%Y-%m-%d")
    f = f.astype("string").fillna("")
    f = f.sort_values(["incident_id", *cols[1:]], kind="mergesort")
    text = "\x1f".join(cols) + "\n" + "\n".join(f.agg("\x1f".join, axis=1)) if len(f) else "\x1f".join(cols)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_fast_fingerprint_equals_the_row_by_row_one():
    for name in ("sources/ucdp-small.csv", "sources/gtd-small.csv", "malformed/coordinates.csv"):
        f = load_incidents(FIXTURES / name).frame
        assert fingerprint(f) == _fingerprint_row_by_row(f)


# --- fast CSV reading (pyarrow) gives what pandas' C reader gives -------------------------------

_CELLS = [
    "a",
    "",
    " ",
    "007",
    '"x,y"',
    '"x;y"',
    '"q""q"',
    '"l1\nl2"',
    '"l1\r\nl2"',
    'a"b',
    '""',
    '""""',
    " b ",
    "\u00e9",
    "\t",
    '"  "',
    "NA",
    "null",
    '"a"b',
    "x\r",
    '"open',
    '"a""',
    ' "a"',
    '"a" ',
    "\u2028",
    "\x00",
]


def _c_reader(text: str, width: int, delimiter: str) -> pd.DataFrame:
    import warnings

    from analysis.sources._tabular import _read_csv_c

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rows wider than the header: the C reader's ParserWarning
        return _read_csv_c(text, delimiter, width)


def test_fast_csv_reader_equals_the_c_reader_or_steps_aside():
    import random

    from analysis.sources._tabular import _read_csv_arrow

    rng = random.Random(11)
    used = 0
    for _ in range(4000):
        d = rng.choice([",", ";", "\t", "|"])
        width = rng.randint(1, 3)
        rows = [
            ""
            if rng.random() < 0.1
            else d.join(rng.choice(_CELLS) for _ in range(width if rng.random() > 0.1 else rng.randint(1, 4)))
            for _ in range(rng.randint(1, 4))
        ]
        eol = rng.choice(["\n", "\r\n", "\r"])
        text = eol.join(rows) + rng.choice(["", eol])
        fast = _read_csv_arrow(text, d, width)
        if fast is None:
            continue
        used += 1
        pd.testing.assert_frame_equal(fast, _c_reader(text, width, d), obj=repr(text))
    assert used > 1000


@pytest.mark.parametrize("text", ['id,x\n"open,1\n', 'id,x\na"b,"c\n', "id,x\n1\n", "id,x\n1,2,3\n"])
def test_fast_csv_reader_leaves_malformed_text_to_the_c_reader(text):
    from analysis.sources._tabular import _read_csv_arrow

    assert _read_csv_arrow(text, ",", 2) is None


def test_gz_header_is_read_without_reading_the_whole_file(tmp_path, monkeypatch):
    import gzip

    import analysis.sources._tabular as tabular

    path = tmp_path / "x.csv.gz"
    rows = "".join(f"K{i},2020-01-0{1 + i % 9},{i}\n" for i in range(2000))
    path.write_bytes(gzip.compress(("incident_id,date,killed_total\n" + rows).encode()))
    monkeypatch.setattr(tabular, "read_records", lambda *a, **k: pytest.fail("whole file read"))
    assert tabular.read_header(path) == ["incident_id", "date", "killed_total"]


def test_gz_header_with_a_quoted_name_is_read_as_before(tmp_path):
    import gzip

    from analysis.sources._tabular import read_header

    path = tmp_path / "x.csv.gz"
    path.write_bytes(gzip.compress(b'incident_id,"date\nof event",killed_total\nK1,2020-01-01,3\n'))
    assert read_header(path) == ["incident_id", "date of event", "killed_total"]
    bad = tmp_path / "bad.csv.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(SourceFormatError, match="not a valid gzip file"):
        read_header(bad)
