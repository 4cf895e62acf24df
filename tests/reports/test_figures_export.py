"""The brief's charts as SVG: bars drawn to the data, no pyplot, picklable results."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from analysis.periods import parse_period
from reports.figures import brief_figures

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def demo(demo_incidents):
    return demo_incidents.frame  # the session's load, not a second one


@pytest.fixture(scope="module")
def drawn(demo, shared_data):
    return brief_figures(
        demo, parse_period("2025-06"), kind="monthly", boundaries=shared_data / "boundaries/pakistan-provinces.geojson"
    )


def _root(svg: str) -> ET.Element:
    head, sep, body = svg.partition("<svg")
    return ET.fromstring(sep + body)


def _rects(d: str) -> list[tuple[float, float, float, float]]:
    """Rectangles (x0, y0, x1, y1) of a compound path made of ``M L L L z`` subpaths."""
    out = []
    for sub in re.split(r"[zZ]", d):
        nums = [float(v) for v in re.findall(r"-?[\d.]+", sub)]
        if nums:
            xs, ys = nums[0::2], nums[1::2]
            assert len(xs) == 4, sub
            out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def test_group_bars_have_the_data_widths(drawn):
    d = next(x for x in drawn if x.name == "groups-methods")
    for panel in ("perpetrator", "method"):
        groups = [g for g in _root(d.svg).iter(SVG + "g") if g.get("id") == f"bars:{panel}"]
        paths = [p for g in groups for p in g.iter(SVG + "path")]
        data = d.data.loc[d.data["panel"] == panel].reset_index(drop=True)
        rects = sorted((r for p in paths for r in _rects(p.get("d", ""))), key=lambda r: r[1])  # top to bottom
        assert len(rects) == len(data)
        widths = np.array([r[2] - r[0] for r in rects])
        np.testing.assert_allclose(widths / widths[0], data["killed_total"] / data["killed_total"].iloc[0], rtol=1e-5)
        assert len({round(r[0], 4) for r in rects}) == 1  # every bar starts on the axis


def test_brief_figures_does_not_import_pyplot():
    code = (
        "import sys\n"
        "from analysis.demo import demo_path\n"
        "from analysis.io import load_incidents\n"
        "from analysis.periods import parse_period\n"
        "from reports.figures import brief_figures\n"
        "f = load_incidents(demo_path()).frame\n"
        "d = brief_figures(f, parse_period('2025-06'), kind='monthly')\n"
        "assert len(d) == 5 and all(x.svg.startswith('<?xml') for x in d)\n"
        "print(sorted(m for m in sys.modules if m.startswith('matplotlib.pyplot') or m == 'matplotlib.pylab'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_drawn_figures_pickle(drawn):
    back = pickle.loads(pickle.dumps(drawn))
    for a, b in zip(drawn, back, strict=True):
        assert (a.name, a.title, a.caption, a.alt, a.svg) == (b.name, b.title, b.caption, b.alt, b.svg)
        pd.testing.assert_frame_equal(a.data, b.data)
