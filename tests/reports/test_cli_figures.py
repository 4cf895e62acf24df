"""``secbrief figures``: files, data beside each figure, captions, errors as one line."""

from __future__ import annotations

import csv
import subprocess

import pytest

from reports.cli import main
from tests.analysis.helpers import placeable_range


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_list_shows_the_charts_of_the_edition(capsys):
    assert main(["figures", "--period", "2024", "--list"]) == 0
    out = capsys.readouterr().out
    names = [line.split()[0] for line in out.splitlines()]
    assert names == ["monthly-trend", "by-province", "groups-methods", "ten-years", "map"]
    assert "needs --boundaries" not in out  # national: the shipped boundaries draw the map
    assert main(["figures", "--period", "2024", "--region", "Sindh", "--list"]) == 0
    assert "needs --boundaries" in capsys.readouterr().out  # regional: a district file is needed
    assert main(["figures", "--period", "2025-06", "--list"]) == 0
    assert "year-to-date" in capsys.readouterr().out


def test_only_one_chart_writes_figure_data_and_caption(tmp_path, demo_incidents):
    out = tmp_path / "figs"
    code = main(
        [
            "figures",
            "--period",
            "2024",
            "--only",
            "ten-years",
            "--out",
            str(out),
            "--format",
            "svg,png",
            "--width",
            "single",
            "-q",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "ten-years-2024.csv",
        "ten-years-2024.png",
        "ten-years-2024.svg",
        "ten-years-2024.txt",
    ]
    with open(out / "ten-years-2024.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    f = demo_incidents.frame
    first, last = placeable_range(f)  # an imprecise date straddling New Year is in neither year
    y2024 = f.loc[(first.dt.year == 2024) & (last.dt.year == 2024)]
    last = rows[-1]
    assert last["year"] == "2024"
    assert int(last["killed_total"]) == int(y2024["killed_total"].sum())
    assert int(last["incidents"]) == len(y2024)
    assert int(last["killed_security"]) == int(y2024["killed_security"].sum())
    assert [r["year"] for r in rows] == [str(y) for y in range(2015, 2025)]
    caption = (out / "ten-years-2024.txt").read_text(encoding="utf-8")
    assert caption.startswith("Deaths by category, ten years\n")
    assert demo_incidents.fingerprint in caption
    assert "Source: synthetic demo" in caption and "width 3.5 in" in caption
    from PIL import Image

    with Image.open(out / "ten-years-2024.png") as im:
        assert abs(im.size[0] - 3.5 * 300) <= 1  # single column at 300 dpi
        assert round(im.info["dpi"][0]) == 300
    svg = (out / "ten-years-2024.svg").read_text(encoding="utf-8")
    assert "Source: synthetic demo; secbrief. Data fingerprint" in svg  # the source line, as text


def test_region_and_map(tmp_path, shared_data, demo_incidents):
    out = tmp_path / "f"
    code = main(
        [
            "figures",
            "--period",
            "2024",
            "--region",
            "KP",
            "--only",
            "map,by-province",
            "--out",
            str(out),
            "--format",
            "pdf",
            "--boundaries",
            str(shared_data / "boundaries" / "pakistan-districts.geojson"),
            "-q",
        ]
    )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "map-2024-khyberpakhtunkhwa.pdf" in names and "by-province-2024-khyberpakhtunkhwa.csv" in names
    with open(out / "map-2024-khyberpakhtunkhwa.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    f = demo_incidents.frame
    first, last = placeable_range(f)
    kp = f.loc[(first.dt.year == 2024) & (last.dt.year == 2024) & (f["province"] == "Khyber Pakhtunkhwa")]
    assert sum(int(r["killed_total"]) for r in rows) == int(kp["killed_total"].sum())
    assert {r["in_brief"] for r in rows if r["province"] == "Sindh"} == {"False"}


@pytest.mark.slow
def test_exported_pdfs_embed_their_fonts(tmp_path):
    out = tmp_path / "pdf"
    assert main(["figures", "--period", "2025-06", "--out", str(out), "--format", "pdf", "-q"]) == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 6  # trend, year to date, provinces, groups, outlook, map (shipped boundaries)
    for pdf in pdfs:
        lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        fonts = [ln.split() for ln in lines[2:]]
        assert fonts, pdf
        for f in fonts:
            assert "TrueType" in " ".join(f) and f[-5] == "yes", (pdf, f)  # emb column


def test_two_runs_give_identical_bytes(tmp_path):
    runs = []
    for i in range(2):
        out = tmp_path / str(i)
        assert (
            main(
                [
                    "figures",
                    "--period",
                    "2025-06",
                    "--only",
                    "groups-methods",
                    "--out",
                    str(out),
                    "--format",
                    "pdf,svg",
                    "-q",
                ]
            )
            == 0
        )
        runs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--only", "pie"], "--only 'pie' is not a chart of the annual edition"),
        (["--only", "map", "--region", "Sindh"], "the map needs --boundaries FILE"),
        (["--width", "wide"], "--width 'wide' is not single, double or a number of inches"),
        (["--width", "40"], "outside 2 to 20 inches"),
        (["--format", "gif"], "--format 'gif'"),
        (["--region", "Atlantis"], "not a known province"),
        (["--boundaries", "/nonexistent.geojson"], "boundary file not found"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, message, capsys, tmp_path):
    code = main(["figures", "--period", "2024", "--out", str(tmp_path), *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_range_period_is_refused(capsys, tmp_path):
    assert main(["figures", "--period", "2015..2024", "--out", str(tmp_path)]) == 2
    assert "a brief covers a month, a quarter or a year" in capsys.readouterr().err


def test_trend_chart_draws_no_category_the_source_does_not_record():
    import pandas as pd

    from analysis.incidents import from_frame
    from analysis.periods import parse_period
    from reports.figures import draw, registry

    f = from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"i{k}" for k in range(40)],
                "date": pd.date_range("2022-01-15", periods=40, freq="MS"),
                "province": ["Sindh"] * 40,
                "killed_total": pd.array([k % 7 for k in range(40)], dtype="Int64"),
            }
        )
    ).frame
    d = draw(registry()["monthly-trend"], f, parse_period("2025-04"))
    assert not {"killed_security", "killed_civilians", "killed_militants"} & set(d.data["measure"])
    assert "does not record who was killed" in d.caption
    assert "Security forces" not in d.svg
