"""``secbrief reconcile`` writes its numbers file: every number the report prints is in it.

The footer of the reconciliation says "every number is in the numbers file"; this checks it the
way tests/reports/test_numbers_backed.py checks the brief (same exemptions: dates, years, page
numbers, fingerprints, version, axis ticks), plus ISO dates and "log2" (a notation). Numbers
inside the sources' own text (incident descriptions, the codebook summary in the definitions
table) count as backed when that text is in the JSON. A few JSON numbers are then recomputed
with plain pandas from the raw files.
"""

from __future__ import annotations

import json
import re
import subprocess

import pandas as pd
import pytest

from reports.cli import main
from tests.reports.test_numbers_backed import unbacked_numbers

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Printed forms that are not quantities: ISO dates (2017-06-23) and the log2 of "log2 Bayes factor".
NOT_QUANTITIES = (r"\b\d{4}-\d{2}-\d{2}\b", r"\blog2\b")
PERIOD = ("2007-01-01", "2017-10-05")  # the part of 2007..2017 both sources cover (B ends 5 Oct 2017)


@pytest.fixture(scope="module")
def suicide(tmp_path_factory, shared_data):
    """UCDP GED (A) against the suicide-attack list (B), 2007..2017: the PDF's text and the JSON."""
    out = tmp_path_factory.mktemp("reconcile-numbers")
    argv = ["reconcile", str(shared_data / "ucdp-ged-pakistan.csv"), str(shared_data / "pakistan-suicide-attacks.csv")]
    argv += ["--source-a", "ucdp", "--source-b", "profile:pakistan-suicide-attacks", "--period", "2007..2017"]
    assert main([*argv, "--out", str(out), "-q"]) == 0
    pdf = next(out.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers_file = pdf.with_suffix(".json")
    assert numbers_file.is_file(), f"no numbers file next to {pdf.name}: {sorted(p.name for p in out.iterdir())}"
    return text, json.loads(numbers_file.read_text(encoding="utf-8"))


def _source_text_numbers(numbers: dict) -> list[str]:
    """Numbers written inside the sources' own text: incident descriptions and the definitions table's
    names and codebook summaries (not its rows of shares, which the JSON gives as numbers)."""
    own = ("Dataset", "Includes", "Described from")
    texts = [r[side] for r in numbers["definitions"]["rows"] if r["aspect"] in own for side in "ab"]

    def descriptions(x: object, key: str = "") -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                descriptions(v, k)
        elif isinstance(x, list):
            for v in x:
                descriptions(v, key)
        elif isinstance(x, str) and key.startswith("description"):
            texts.append(x)

    descriptions(numbers)
    return [t.rstrip(",").replace(",", "") for text in texts for t in NUMBER.findall(text)]


def _without_axis_ticks(text: str) -> str:
    """The text less the chart's axis tick labels: lines holding one number alone, between the chart's
    heading and its caption (the ticks are 0, 250, 500, 750 ... : 750 is not a 1-2-5 tick)."""
    start = text.index("Both sources by year\n")
    end = text.index("Both sources by year.", start)
    chart = "\n".join(line for line in text[start:end].splitlines() if not re.fullmatch(r"\D*\s\d[\d,]*\s*", line))
    return text[:start] + chart + text[end:]


@pytest.mark.slow
def test_every_number_printed_is_in_the_json(suicide):
    text, numbers = suicide
    backed = {**numbers, "_source_text": _source_text_numbers(numbers)}
    assert unbacked_numbers(_printed_numbers(text, numbers), backed) == {}


def _printed_numbers(text: str, numbers: dict) -> str:
    """The report's text less what is not a quantity (dates, log2, paths, axis ticks)."""
    for pattern in NOT_QUANTITIES:
        text = re.sub(pattern, " ", text)
    for side in "ab":  # file paths (a temporary folder's name has digits)
        text = text.replace(numbers["sources"][side]["path"], " ")
    return _without_axis_ticks(text)


@pytest.mark.slow
def test_drone_strikes_every_number_printed_is_in_the_json(tmp_path, shared_data):
    argv = ["reconcile", str(shared_data / "ucdp-ged-pakistan.csv"), str(shared_data / "pakistan-drone-strikes.csv")]
    argv += ["--source-a", "ucdp", "--source-b", "profile:pakistan-drone-strikes", "--period", "2004..2017"]
    argv += ["--region", "North Waziristan,South Waziristan", "--format", "pdf,json", "--out", str(tmp_path), "-q"]
    assert main(argv) == 0
    pdf = next(tmp_path.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    backed = {**numbers, "_source_text": _source_text_numbers(numbers)}
    assert unbacked_numbers(_printed_numbers(text, numbers), backed) == {}


@pytest.mark.slow
def test_the_date_precision_shares_are_the_printed_ones(suicide):
    """The shares are numbers in the JSON; written the definitions table's way they give its row."""
    _, numbers = suicide
    row = next(r for r in numbers["definitions"]["rows"] if r["aspect"] == "Date precision")
    for side in "ab":
        shares = numbers["definitions"]["date_precision"][side]
        values = shares["values"]
        if len(values) == 1:
            text = f"{values[0]['value']} (every row)"
        else:
            text = ", ".join(
                f"{v['value']} {v['percent']}%" if v["percent"] is not None else f"{v['value']} <{v['below_percent']}%"
                for v in values[:4]
            )
        assert (text + (f"; {shares['rows_blank']} rows blank" if shares["rows_blank"] else "")) == row[side]
        assert all(isinstance(v["rows"], int) for v in values)


@pytest.mark.slow
def test_the_json_uses_plain_types_and_null_for_not_recorded(suicide):
    _, numbers = suicide
    assert numbers["kind"] == "reconciliation"
    assert numbers["period"]["compared"] == {"start": PERIOD[0], "end": PERIOD[1]}
    # UCDP records no injuries: null, never 0
    injured = numbers["decomposition"]["injured_total_by_year"]
    assert all(r["total_a"] is None and r["gap"] is None for r in injured["rows"])
    assert all(isinstance(r["total_b"], int) for r in injured["rows"])
    assert numbers["definitions"]["method"]["a"] is None  # UCDP records no method


def _ucdp(shared_data) -> pd.DataFrame:
    f = pd.read_csv(shared_data / "ucdp-ged-pakistan.csv", skiprows=[1], low_memory=False)  # row 2: HXL tags
    f = f.loc[f["country"] == "Pakistan"]
    d = pd.to_datetime(f["date_start"].str[:10])
    return f.loc[(d >= PERIOD[0]) & (d <= PERIOD[1])]


def _suicide_list(shared_data) -> pd.DataFrame:
    f = pd.read_csv(shared_data / "pakistan-suicide-attacks.csv", encoding="latin-1")
    d = pd.to_datetime(f["Date"], format="%A-%B %d-%Y", errors="coerce")
    return f.loc[(d >= PERIOD[0]) & (d <= PERIOD[1])]


@pytest.mark.slow
def test_each_sources_totals_against_plain_pandas(suicide, shared_data):
    _, numbers = suicide
    s = numbers["summary"]
    a, b = _ucdp(shared_data), _suicide_list(shared_data)
    assert s["incidents"]["a"] == {"value": len(a), "at_least": False}
    assert s["incidents"]["b"] == {"value": len(b), "at_least": False}
    assert s["killed_total"]["a"] == {"value": int(a["best"].sum()), "at_least": False}
    # the profile takes the high end of "Killed Min"-"Killed Max" as the toll
    killed_b = b["Killed Max"].fillna(b["Killed Min"])
    assert s["killed_total"]["b"] == {"value": int(killed_b.sum()), "at_least": bool(killed_b.isna().any())}
    totals = numbers["decomposition"]["killed_total_by_year"]["total"]
    assert totals["total_a"] == int(a["best"].sum()) and totals["gap"] == s["gap"]["gap"]
    year = pd.to_datetime(a["date_start"].str[:10]).dt.year
    by_year = {r["year"]: r["total_a"] for r in numbers["decomposition"]["killed_total_by_year"]["rows"]}
    assert by_year == {int(y): int(v) for y, v in a.groupby(year)["best"].sum().items()}


@pytest.mark.slow
def test_the_gap_adds_up_in_every_row(suicide):
    _, numbers = suicide
    parts = ("from_only_a", "from_only_b", "from_matched", "from_scope")
    tables = numbers["decomposition"]
    for name in ("killed_total_by_year", "killed_total_by_area", "incidents_by_year"):
        rows = [*tables[name]["rows"], tables[name]["total"]]
        for r in rows:
            assert r["gap"] == r["total_a"] - r["total_b"] == sum(r[p] for p in parts), (name, r)
        for c in ("total_a", "total_b", "gap", *parts):
            assert sum(r[c] for r in tables[name]["rows"]) == tables[name]["total"][c], (name, c)
    m = numbers["matching"]
    for side in "ab":
        assert m[side]["matched"] + m[side]["unmatched"] == m[side]["incidents"]
        assert m[side]["incidents"] == numbers["summary"]["incidents"][side]["value"]
    assert m["one_to_one"] == numbers["summary"]["one_to_one"]


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory, demo_incidents):
    """A: the demo; B: its 2023-2024 incidents less 30 in the middle, three tolls blank, as a native CSV."""
    from analysis import schema

    d = tmp_path_factory.mktemp("reconcile-demo")
    f = demo_incidents.frame.loc[demo_incidents.frame["date"].dt.year.isin([2023, 2024]), list(schema.columns())]
    f = pd.concat([f.iloc[:100], f.iloc[130:]]).copy()
    f.iloc[100:103, f.columns.get_loc("killed_total")] = pd.NA
    f["incident_id"] = "copy-" + f["incident_id"].astype(str)
    for c in ("date", "date_end"):
        f[c] = f[c].dt.strftime("%Y-%m-%d")
    p = d / "copy.csv"
    f.to_csv(p, index=False)
    return demo_incidents.path, p, d


def _demo(demo_pair, name: str, *argv: str) -> tuple[str, dict]:
    a, b, d = demo_pair
    out = d / name
    assert main(["reconcile", str(a), str(b), "--period", "2023..2024", "--out", str(out), "-q", *argv]) == 0
    numbers = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    doc = next((p for p in out.glob("*.pdf")), None) or next(out.glob("*.html"))
    if doc.suffix == ".pdf":
        cmd = ["pdftotext", "-layout", str(doc), "-"]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout, numbers
    return doc.read_text(encoding="utf-8"), numbers


@pytest.mark.slow
def test_demo_every_number_printed_is_in_the_json(demo_pair):
    text, numbers = _demo(demo_pair, "default")
    backed = {**numbers, "_source_text": _source_text_numbers(numbers)}
    assert unbacked_numbers(_printed_numbers(text, numbers), backed) == {}
    assert numbers["summary"]["killed_total"]["b"]["at_least"] is True  # three tolls blank, not 0
    assert numbers["summary"]["incidents"]["a"]["value"] - numbers["summary"]["incidents"]["b"]["value"] == 30


@pytest.mark.slow
def test_the_weight_used_is_the_weight_printed(demo_pair):
    """--min-weight 2: the report said "at least 0" and "at least 4" (the constants) before."""
    html, numbers = _demo(demo_pair, "weight-2", "--format", "html,json", "--min-weight", "2")
    assert numbers["matching"]["min_weight"] == 2 and numbers["matching"]["extra_min_weight"] == 6
    assert "at a match weight of at least 2." in html
    assert "its weight is at least 6 (many-to-one)" in html
    assert all(p["match_weight"] >= 2 for p in numbers["disagreements"])


def test_not_recorded_is_null_and_a_share_below_half_a_percent_is_below_one():
    from reports.commands.reconcile import _count, _shares

    assert _count(pd.NA) is None and _count(None) is None and _count(0) == 0 and _count(2.6) == 3
    shares = _shares(pd.Series(["day"] * 996 + ["week"] * 3 + ["year"] + [None, None]))
    assert shares == {
        "values": [
            {"value": "day", "rows": 996, "percent": 100, "below_percent": None},
            {"value": "week", "rows": 3, "percent": None, "below_percent": 1},
            {"value": "year", "rows": 1, "percent": None, "below_percent": 1},
        ],
        "rows_blank": 2,
    }


@pytest.mark.slow
def test_disagreements_list_only_pairs_whose_tolls_differ(demo_pair):
    # The copy changes no toll (three are blanked): every matched pair agrees, so none is a
    # "disagreement" (the list used to fill up with pairs of equal tolls, 1/1, 3/3).
    html, numbers = _demo(demo_pair, "differ", "--format", "html,json")
    for p in numbers["disagreements"]:
        assert p["a"]["killed"] != p["b"]["killed"], p
    assert numbers["disagreements"] == []
    assert "No matched pair gives different deaths on the two sides." in html


def test_a_one_year_chart_spans_a_year_either_side():
    import pandas as pd

    from reports.figures.reconcile import plot_totals

    rows = [
        {"year": 2024, "measure": m, "total_a": 10, "total_b": 8, "a_in_scope": 9}
        for m in ("killed_total", "incidents")
    ]
    fig = plot_totals(pd.DataFrame(rows), label_a="A", label_b="B", scope_drawn=False)
    assert fig.axes[1].get_xlim() == (2023.0, 2025.0)  # not matplotlib's century-wide default
