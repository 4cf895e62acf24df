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
