"""``secbrief table --format csv|md|latex|xlsx``: same numbers in every format, and the same as the brief."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reports.cli import main
from reports.commands.table import latex_escape
from tests.analysis.helpers import placeable_range


def _table(capsys, *argv: str) -> str:
    assert main(["table", *argv]) == 0
    return capsys.readouterr().out


def _csv(capsys, *argv: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_table(capsys, *argv, "--format", "csv"))))


ARGS = ("--period", "2024", "--by", "province", "--measures", "incidents,killed_total,killed_security")


def test_csv_counts_equal_plain_pandas(capsys, demo_incidents):
    rows = _csv(capsys, *ARGS)

    f = demo_incidents.frame
    first, last = placeable_range(f)  # a week-dated incident straddling New Year is in neither year
    y = f.loc[(first.dt.year == 2024) & (last.dt.year == 2024)]
    expected = y.groupby("province")["killed_total"].sum()
    got = {r["province"]: int(r["killed_total"]) for r in rows}
    for prov, v in expected.items():
        assert got[prov] == v
    assert sum(int(r["incidents"]) for r in rows) == len(y)


def test_markdown_is_a_pipe_table_with_the_brief_formatting(capsys):
    rows = _csv(capsys, *ARGS)
    md = _table(capsys, *ARGS, "--format", "md").splitlines()
    assert md[0] == "| Province | Incidents | Killed | Security forces killed |"
    assert md[1] == "|:---|---:|---:|---:|"
    assert len(md) == 2 + len(rows)
    kp = next(r for r in rows if r["province"] == "Khyber Pakhtunkhwa")
    assert f"| Khyber Pakhtunkhwa | {int(kp['incidents']):,} | {int(kp['killed_total']):,} |" in "\n".join(md)


def test_latex_is_a_booktabs_tabular(capsys):
    rows = _csv(capsys, *ARGS)
    tex = _table(capsys, *ARGS, "--format", "latex").splitlines()
    assert "\\begin{tabular}{lrrr}" in tex and "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex
    assert tex[-1] == "\\end{tabular}"
    header = tex.index("\\toprule") + 1
    assert tex[header] == "Province & Incidents & Killed & Security forces killed \\\\"
    body = tex[tex.index("\\midrule") + 1 : tex.index("\\bottomrule")]
    assert len(body) == len(rows)
    first = rows[0]
    assert body[0] == (
        f"{first['province']} & {int(first['incidents']):,} & {int(first['killed_total']):,} & "
        f"{int(first['killed_security']):,} \\\\"
    )
    assert tex[0].startswith("% secbrief table: 2024; by province")


def test_latex_escapes_special_characters():
    assert (
        latex_escape("A&B 50% #1 a_b {x} ~ ^ $ \\")
        == r"A\&B 50\% \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \$ \textbackslash{}"
    )


def test_methods_use_the_brief_labels_in_md(capsys):
    md = _table(capsys, "--period", "2024", "--by", "method", "--format", "md")
    assert "| Armed assault |" in md and "armed_assault" not in md


def test_xlsx_holds_the_same_integers(tmp_path, capsys):
    from openpyxl import load_workbook

    rows = _csv(capsys, *ARGS)
    path = tmp_path / "t.xlsx"
    assert main(["table", *ARGS, "--format", "xlsx", "--out", str(path)]) == 0
    wb = load_workbook(path)
    cells = [[c.value for c in r] for r in wb["table"].iter_rows()]
    assert cells[0] == ["Province", "Incidents", "Killed", "Security forces killed"]
    assert [
        [r["province"], int(r["incidents"]), int(r["killed_total"]), int(r["killed_security"])] for r in rows
    ] == cells[1:]
    about = dict(wb["about"].iter_rows(values_only=True))
    assert about["period"] == "2024" and len(about["fingerprint"]) == 64


def test_xlsx_without_out_is_refused(capsys):
    assert main(["table", "--period", "2024", "--format", "xlsx"]) == 2
    assert "give --out" in capsys.readouterr().err


def test_out_writes_the_file(tmp_path, capsys):
    path = tmp_path / "t.md"
    assert main(["table", *ARGS, "--format", "md", "--out", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert path.read_text(encoding="utf-8") == _table(capsys, *ARGS, "--format", "md")


@pytest.mark.slow
def test_brief_headline_and_table_agree(tmp_path, capsys):
    """Every headline number of the brief can be recomputed with ``secbrief table``."""
    out = tmp_path / "out"
    assert main(["brief", "--period", "2025-06", "--out", str(out), "--emit-json", "-q"]) == 0
    headline = json.loads((out / "monthly-2025-06.json").read_text(encoding="utf-8"))["headline"]
    measures = [
        "incidents",
        "attacks",
        "operations",
        "killed_total",
        "killed_security",
        "killed_civilians",
        "killed_militants",
        "killed_unknown",
        "injured_total",
    ]
    for period, key in (("2025-06", "value"), ("2025-05", "previous"), ("2024-06", "previous")):
        rows = _csv(capsys, "--period", period, "--by", "month", "--measures", ",".join(measures), "--unknown")
        assert len(rows) == 1
        for m in measures:
            if key == "value":
                assert headline[m]["value"] == int(rows[0][m]), m
                if m not in ("incidents", "attacks", "operations"):
                    assert headline[m]["at_least"] == (int(rows[0][f"{m}_unknown"]) > 0), m
            else:
                label = "vs May 2025" if period == "2025-05" else "vs June 2024"
                assert headline[m]["comparisons"][label]["previous"] == int(rows[0][m]), (m, period)
    ytd = _csv(capsys, "--period", "2025-01..2025-06", "--by", "year", "--measures", ",".join(measures))
    for m in measures:
        assert headline[m]["comparisons"]["Year to date vs 2024"]["current"] == int(ytd[0][m]), m


@pytest.mark.slow
def test_measures_the_source_does_not_record_are_left_out_and_said(capsys, shared_data):
    argv = ["table", "--data", str(shared_data / "ucdp-ged-pakistan.csv"), "--source", "ucdp", "--period", "2021"]
    argv += ["--by", "province", "--measures", "incidents,attacks,killed_total,injured_total", "--format", "csv"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    header = out.splitlines()[0].split(",")
    assert header == ["province", "incidents", "killed_total"]  # no all-zero attacks or injured column
    assert "UCDP GED does not record" in err and "the injured" in err and "method" not in err


@pytest.mark.slow
def test_years_the_data_do_not_cover_are_blank_not_zero(capsys, shared_data):
    import pandas as pd

    path = shared_data / "ucdp-ged-pakistan.csv"
    argv = ["table", "--data", str(path), "--source", "ucdp", "--period", "1986..1991", "--format", "csv"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    rows = {r["year"]: r for r in csv.DictReader(io.StringIO(out))}
    # Independent: UCDP's own events per year of date_start (every event of 1989-91 is day-dated).
    raw = pd.read_csv(path, usecols=["date_start", "best"], skiprows=[1])  # row 2 holds HXL tags
    raw["best"] = raw["best"].astype(int)
    year = pd.to_datetime(raw["date_start"], format="mixed").dt.year
    first = year.min()
    for y in range(1986, 1992):
        if y < first:
            assert rows[str(y)]["incidents"] == rows[str(y)]["killed_total"] == "", y
        else:
            assert int(rows[str(y)]["incidents"]) == int((year == y).sum()), y
            assert int(rows[str(y)]["killed_total"]) == int(raw.loc[year == y, "best"].sum()), y
    assert f"1986 to {first - 1} ({first - 1986} periods) outside the data" in err and "not zero" in err


def test_blank_uncovered_blanks_only_buckets_wholly_outside():
    import pandas as pd

    from analysis.counts import blank_uncovered

    table = pd.DataFrame({"month": ["2021-11", "2021-12", "2022-01"], "incidents": [3, 0, 0]})
    out, outside = blank_uncovered(table, (pd.Timestamp("2021-11-20"), pd.Timestamp("2021-12-05")))
    assert outside == ["2022-01"]
    assert out["incidents"].tolist()[:2] == [3, 0] and out["incidents"].isna().tolist() == [False, False, True]
    same, none = blank_uncovered(table, (pd.Timestamp("2021-01-01"), pd.Timestamp("2022-12-31")))
    assert none == [] and same is table
