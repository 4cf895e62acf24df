"""Layout: page one is the summary, and no page but the last is more than a third empty."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.slow


def _empty_fractions(pdf, tmp_path) -> list[float]:
    """For each page, the blank fraction of the text area below its last inked row (footer excluded)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "30", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    out = []
    for png in sorted(tmp_path.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
        im = Image.open(png).convert("L")
        w, h = im.size
        top, bottom = int(0.06 * h), int(0.92 * h)  # running header and footer left out
        px = im.load()
        last = top
        for y in range(top, bottom):
            if any(px[x, y] < 200 for x in range(int(0.05 * w), int(0.95 * w))):
                last = y
        out.append((bottom - last) / (bottom - top))
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ["--period", "2025-06", "--notes", "data/demo/notes/2025-06.md"],
        ["--period", "2025-Q2", "--region", "KP"],
        ["--period", "2024"],
    ],
)
def test_no_page_but_the_last_is_more_than_a_third_empty(argv, tmp_path):
    from pathlib import Path

    from reports.cli import main

    root = Path(__file__).resolve().parents[2]
    argv = [a if not a.startswith("data/") else str(root / a) for a in argv]
    out = tmp_path / "out"
    assert main(["brief", *argv, "--out", str(out), "-q", "--no-cache"]) == 0
    (pdf,) = out.glob("*.pdf")
    fractions = _empty_fractions(pdf, tmp_path)
    assert all(f <= 1 / 3 for f in fractions[:-1]), [round(f, 2) for f in fractions]


@pytest.mark.parametrize("period", ["2014-06", "2021-12", "2021"])
def test_ucdp_pages(period, tmp_path, shared_data):
    """Monthly and annual UCDP briefs: no page but the last a third empty, and the last page is
    more than a stray line (the one-row "Software" line of the Methods table once stood alone on page 7
    of the December 2021 brief, after the Deadliest table had moved whole off a 40 % empty page 4)."""
    from reports.cli import main

    data = shared_data / "ucdp-ged-pakistan.csv"
    out = tmp_path / "out"
    argv = ["brief", "--period", period, "--data", str(data), "--source", "ucdp", "--out", str(out), "-q"]
    assert main(argv) == 0
    (pdf,) = out.glob("*.pdf")
    fractions = _empty_fractions(pdf, tmp_path)
    assert all(f <= 1 / 3 for f in fractions[:-1]), [round(f, 2) for f in fractions]
    assert fractions[-1] < 0.9, [round(f, 2) for f in fractions]


def test_chart_stays_with_its_heading():
    """The perpetrators and trends sections keep heading, commentary, first paragraph and first chart
    in one unbreakable block (the demo June 2025 perpetrators chart once started page 5 alone)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    css = (root / "css" / "brief.css").read_text()
    assert ".lead { break-inside: avoid; }" in css
    for name in ("groups", "trends"):
        html = (root / "sections" / f"{name}.html").read_text()
        lead = html[html.index('<div class="lead">') : html.index("</div>", html.index('<div class="lead">'))]
        assert "<h2>" in lead and "ui.figure(figs[0])" in lead and "ui.commentary" in lead
