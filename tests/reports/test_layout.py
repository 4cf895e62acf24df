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


def test_ucdp_pages(tmp_path, shared_data):
    from reports.cli import main

    data = shared_data / "ucdp-ged-pakistan.csv"
    out = tmp_path / "out"
    assert main(["brief", "--period", "2014-06", "--data", str(data), "--source", "ucdp", "--out", str(out), "-q"]) == 0
    fractions = _empty_fractions(out / "monthly-2014-06.pdf", tmp_path)
    assert all(f <= 1 / 3 for f in fractions[:-1]), [round(f, 2) for f in fractions]
