"""End to end: the monthly brief's numbers against an independent pandas calculation."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.demo import demo_path
from reports.cli import main
from tests.analysis.helpers import placeable_range

pytestmark = pytest.mark.slow

CATS = ["killed_security", "killed_civilians", "killed_militants", "killed_unknown"]


@pytest.fixture(scope="module")
def raw_demo() -> pd.DataFrame:
    """The demo file read with plain pandas, not with secbrief's loader."""
    f = pd.read_csv(demo_path(), dtype={"incident_id": str}, keep_default_na=True)
    f["date"] = pd.to_datetime(f["date"])
    f["date_end"] = pd.to_datetime(f["date_end"])
    # the date-precision rule stated in plain pandas: an event dated only to a week, month or
    # year belongs to a period only when the period wholly contains its range
    f["first"], f["last"] = placeable_range(f)
    return f


def _within(raw: pd.DataFrame, start: str, end: str) -> pd.Series:
    return (raw["first"] >= start) & (raw["last"] <= end)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    code = main(["brief", "--period", "2025-06", "--out", str(out), "--emit-json", "-q"])
    assert code == 0
    numbers = json.loads((out / "monthly-2025-06.json").read_text())
    return out, numbers


def _independent(raw: pd.DataFrame, start: str, end: str, province: str | None = None) -> dict[str, int]:
    f = raw[_within(raw, start, end)]
    if province:
        f = f[f["province"] == province]
    out = {
        "incidents": len(f),
        "attacks": int((f["event_type"] == "attack").sum()),
        "operations": int((f["event_type"] == "operation").sum()),
    }
    for c in [*CATS, "killed_total", "injured_total"]:
        out[c] = int(f[c].sum(skipna=True))
        out[c + "_blank"] = int(f[c].isna().sum())
    return out


def test_outputs_exist(built):
    out, _ = built
    assert (out / "monthly-2025-06.pdf").stat().st_size > 10_000
    assert (out / "monthly-2025-06.html").is_file()
    assert not list(out.glob(".*tmp"))


def test_headline_matches_independent_pandas(built, raw_demo):
    _, numbers = built
    want = _independent(raw_demo, "2025-06-01", "2025-06-30")
    for m in ["incidents", "attacks", "operations", *CATS, "killed_total", "injured_total"]:
        h = numbers["headline"][m]
        assert h["value"] == want[m], m
        if m + "_blank" in want:
            assert h["at_least"] == (want[m + "_blank"] > 0), m
    prev = _independent(raw_demo, "2025-05-01", "2025-05-31")
    last = _independent(raw_demo, "2024-06-01", "2024-06-30")
    ytd_prev = _independent(raw_demo, "2024-01-01", "2024-06-30")
    ytd = _independent(raw_demo, "2025-01-01", "2025-06-30")
    for m in ["incidents", "killed_total", "killed_security", "injured_total"]:
        cmp = numbers["headline"][m]["comparisons"]
        assert cmp["vs May 2025"]["previous"] == prev[m]
        assert cmp["vs June 2024"]["previous"] == last[m]
        assert cmp["Year to date vs 2024"]["previous"] == ytd_prev[m]
        assert cmp["Year to date vs 2024"]["current"] == ytd[m]


def test_province_table_matches_independent_pandas(built, raw_demo):
    _, numbers = built
    for prov, row in numbers["regions"].items():
        want = _independent(raw_demo, "2025-06-01", "2025-06-30", prov)
        for m in ["incidents", *CATS, "killed_total", "injured_total"]:
            assert row[m] == want[m], (prov, m)
    total = sum(r["killed_total"] for r in numbers["regions"].values())
    assert total == numbers["headline"]["killed_total"]["value"]


def test_deadliest_are_the_deadliest(built, raw_demo):
    _, numbers = built
    f = raw_demo[_within(raw_demo, "2025-06-01", "2025-06-30")]
    ranked = f["killed_total"].fillna(0).sort_values(ascending=False).astype(int).tolist()
    top = ranked[:10]
    # ties with the tenth are never cut silently: listed when up to 3 more, else named in a note
    tied_after = sum(1 for k in ranked[10:] if k == top[-1])
    if 0 < tied_after <= 3:
        top = ranked[: 10 + tied_after]
    else:
        assert (f"{tied_after} more incidents" in numbers["deadliest_note"]) == (tied_after > 0)
    assert [d["killed_total"] for d in numbers["deadliest"]] == top


def test_pdf_text_shows_the_json_numbers(built):
    from pypdf import PdfReader

    out, numbers = built
    reader = PdfReader(out / "monthly-2025-06.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Synthetic demo data" in text
    assert f"In June 2025, {numbers['headline']['incidents']['text']} incidents" in text
    for m in ("killed_total", "killed_security", "injured_total"):
        assert numbers["headline"][m]["text"] in text
    assert numbers["methods"]["fingerprint"] in text.replace(" ", "")
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "Synthetic demo data" in (page.extract_text() or "")
    assert reader.metadata.title.startswith("Security Brief")


def test_pdf_is_tagged_and_fonts_embedded(built):
    from pypdf import PdfReader

    out, _ = built
    reader = PdfReader(out / "monthly-2025-06.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root.get("/Lang") == "en"
    fonts = set()
    for page in reader.pages:
        res = page["/Resources"]
        for f in (res.get("/Font") or {}).values():
            f = f.get_object()
            desc = f.get("/DescendantFonts")
            fd = (desc[0].get_object() if desc else f).get("/FontDescriptor")
            assert fd is not None and ("/FontFile2" in fd or "/FontFile3" in fd or "/FontFile" in fd), f
            fonts.add(str(f["/BaseFont"]))
    assert any("Noto" in f for f in fonts)


def test_same_input_gives_identical_pdf(built, tmp_path):
    out, _ = built
    assert main(["brief", "--period", "2025-06", "--out", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "monthly-2025-06.pdf").read_bytes() == (out / "monthly-2025-06.pdf").read_bytes()


def test_regional_brief_has_districts_matching_pandas(tmp_path, raw_demo):
    assert main(["brief", "--period", "2025-Q1", "--region", "KPK", "--out", str(tmp_path), "--emit-json", "-q"]) == 0
    numbers = json.loads((tmp_path / "quarterly-2025-Q1-khyberpakhtunkhwa.json").read_text())
    assert numbers["region"] == "Khyber Pakhtunkhwa"
    f = raw_demo[_within(raw_demo, "2025-01-01", "2025-03-31") & (raw_demo["province"] == "Khyber Pakhtunkhwa")]
    assert numbers["headline"]["killed_total"]["value"] == int(f["killed_total"].sum())
    by_district = f.groupby("district")["killed_total"].sum()
    for d, row in numbers["regions"].items():
        assert row["killed_total"] == int(by_district.get(d, 0)), d
    assert (tmp_path / "quarterly-2025-Q1-khyberpakhtunkhwa.pdf").is_file()


def test_annual_ten_year_table_matches_pandas(tmp_path, raw_demo):
    assert main(["brief", "--period", "2024", "--out", str(tmp_path), "--emit-json", "-q"]) == 0
    numbers = json.loads((tmp_path / "annual-2024.json").read_text())
    one_year = raw_demo[raw_demo["first"].dt.year == raw_demo["last"].dt.year]
    by_year = one_year.groupby(one_year["first"].dt.year)
    assert list(numbers["ten_year"]) == [str(y) for y in range(2015, 2025)]
    for y, row in numbers["ten_year"].items():
        assert row["incidents"] == by_year.size()[int(y)]
        assert row["killed_security"] == int(by_year["killed_security"].sum()[int(y)])


def test_configured_level_and_base_reach_the_text(tmp_path):
    (tmp_path / "secbrief.toml").write_text("[brief]\nalpha = 0.01\nmin_base = 25\n")
    assert (
        main(
            [
                "brief",
                "--period",
                "2025-06",
                "--out",
                str(tmp_path),
                "--config",
                str(tmp_path / "secbrief.toml"),
                "-q",
                "--emit-json",
            ]
        )
        == 0
    )
    html = (tmp_path / "monthly-2025-06.html").read_text()
    assert "at the 1% level" in html and "base of 25 or more" in html and "5% level" not in html
    numbers = json.loads((tmp_path / "monthly-2025-06.json").read_text())
    for row in numbers["regions"].values():
        c = row["killed_vs_previous"]
        assert (c["percent"] is None) == (c["previous"] < 25)


def test_suicide_attacks_sentence_matches_pandas(built, raw_demo):
    _, numbers = built
    f = raw_demo[_within(raw_demo, "2025-06-01", "2025-06-30") & (raw_demo["method"] == "suicide_bombing")]
    s = numbers["suicide_attacks"]
    assert s["incidents"] == len(f) and s["killed_total"] == int(f["killed_total"].sum())


def test_cover_shows_organisation_and_logo(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(1, 0.5))
    fig.text(0.1, 0.4, "LOGO")
    fig.savefig(tmp_path / "logo.png", dpi=100)
    plt.close(fig)
    (tmp_path / "secbrief.toml").write_text(
        '[brief]\ntitle = "Monthly Security Assessment"\norganisation = "Example Institute"\nlogo = "logo.png"\n'
    )
    out = tmp_path / "out"
    assert (
        main(["brief", "--period", "2025-06", "--out", str(out), "--config", str(tmp_path / "secbrief.toml"), "-q"])
        == 0
    )
    html = (out / "monthly-2025-06.html").read_text()
    assert "Example Institute" in html and "Monthly Security Assessment: June 2025" in html
    assert (tmp_path / "logo.png").resolve().as_uri() in html
