"""The brief's charts as lean SVG: same drawing, fewer elements, no pyplot, picklable results."""

from __future__ import annotations

import io
import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis.periods import parse_period
from reports.figures import brief_figures, registry
from reports.figures.export import to_svg
from reports.figures.style import FONT_FAMILY
from reports.figures.svglean import element_count, lean_svg

SVG = "{http://www.w3.org/2000/svg}"
#: Ceilings of SVG elements per chart of the demo monthly brief 2025-06 (matplotlib's own
#: SVG had 263, 228, 517 and 233; the map 79). A change that exceeds them is a regression.
CEILINGS = {"monthly-trend": 80, "year-to-date": 90, "by-province": 140, "groups-methods": 90, "map": 70}
# map 55 → 70 (issue 16): a hatched overlay and legend entry for units without a census population,
# and two-line labels (rate and number killed).


@pytest.fixture(scope="module")
def demo():
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    return load_incidents(demo_path()).frame


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


def _old_svg(fig, title: str) -> str:
    """The SVG as the brief wrote it before: plain savefig with the layout engine on."""
    buf = io.StringIO()
    rc = {
        "svg.hashsalt": "secbrief",
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": FONT_FAMILY,
    }
    with matplotlib.rc_context(rc):
        fig.savefig(buf, format="svg", dpi=300, metadata={"Date": None, "Creator": "secbrief", "Title": title})
    return buf.getvalue()


def test_each_chart_stays_under_its_element_ceiling(drawn):
    counts = {d.name: element_count(d.svg) for d in drawn}
    assert set(counts) == set(CEILINGS)
    for name, n in counts.items():
        assert n <= CEILINGS[name], f"{name}: {n} SVG elements, ceiling {CEILINGS[name]}"


@pytest.mark.parametrize("name", ["monthly-trend", "by-province", "groups-methods"])
def test_layout_run_once_gives_the_same_svg_as_savefig(demo, name):
    """Running the layout ourselves (one draw instead of two) must not move anything."""
    spec = registry()[name]
    p = parse_period("2025-06")
    old = _old_svg(spec.plot(spec.data(demo, p)), spec.title)
    fig = spec.plot(spec.data(demo, p))
    engine = fig.get_layout_engine()
    assert to_svg(fig, title=spec.title) == old
    assert fig.get_layout_engine() is engine  # put back: a later PDF or PNG is laid out as before


def test_lean_svg_keeps_text_titles_and_clips(demo):
    spec = registry()["by-province"]
    fig = spec.plot(spec.data(demo, parse_period("2025-06")))
    raw = to_svg(fig, title=spec.title)
    lean = to_svg(fig, title=spec.title, lean=True)
    texts = lambda s: ["".join(t.itertext()) for t in _root(s).iter(SVG + "text")]  # noqa: E731
    assert texts(lean) == texts(raw) and len(texts(raw)) > 20  # text stays text, in the same order
    assert lean.startswith("<?xml") and "<dc:title>Deaths by province, last 36 months</dc:title>" in lean
    ids = set(re.findall(r"url\(#([^)]+)\)", lean))
    assert ids and ids <= set(re.findall(r'id="([^"]+)"', lean))  # every clip path referred to exists
    assert element_count(lean) < element_count(raw) / 3
    assert 'style="fill: #ffffff"' not in lean  # the white figure and axes backgrounds are gone


def test_group_bars_are_one_path_per_colour_with_the_data_widths(drawn):
    d = next(x for x in drawn if x.name == "groups-methods")
    for panel in ("perpetrator", "method"):
        groups = [g for g in _root(d.svg).iter(SVG + "g") if g.get("id") == f"bars:{panel}"]
        assert len(groups) == 1  # the bars of a series are one group ...
        paths = list(groups[0].iter(SVG + "path"))
        data = d.data.loc[d.data["panel"] == panel].reset_index(drop=True)
        grey = data["group"].isin(["unknown", "others"])
        assert len(paths) == 1 + bool(grey.any()) - bool(grey.all())  # ... of one compound path per colour
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
        "assert len(d) == 4 and all(x.svg.startswith('<?xml') for x in d)\n"
        "print(sorted(m for m in sys.modules if m.startswith('matplotlib.pyplot') or m == 'matplotlib.pylab'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_drawn_figures_pickle(drawn):
    back = pickle.loads(pickle.dumps(drawn))
    for a, b in zip(drawn, back, strict=True):
        assert (a.name, a.title, a.caption, a.alt, a.svg) == (b.name, b.title, b.caption, b.alt, b.svg)
        pd.testing.assert_frame_equal(a.data, b.data)


# --- lean_svg on hand-made SVG --------------------------------------------------------------------

_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def _paths(svg: str) -> list[dict[str, str]]:
    return [dict(e.attrib) for e in _root(svg).iter(SVG + "path")]


def _rect(x: float, y: float, w: float = 10, style: str = "fill: #0072b2") -> str:
    d = f"M {x} {y} L {x + w} {y} L {x + w} {y + 5} L {x} {y + 5} z"
    return f'<g id="patch_{int(x)}"><path d="{d}" style="{style}"/></g>'


def test_separate_same_style_shapes_are_joined_overlapping_ones_are_not():
    apart = _HEAD + _rect(0, 0) + _rect(30, 0) + "</svg>"
    assert [p["d"].count("z") for p in _paths(lean_svg(apart))] == [2]
    overlapping = _HEAD + _rect(0, 0) + _rect(5, 0) + "</svg>"
    assert len(_paths(lean_svg(overlapping))) == 2  # fill rule and stroke order could matter
    lines = _HEAD + _rect(0, 0, style="fill: none; stroke: #000000") + _rect(5, 0, style="fill: none; stroke: #000000")
    assert len(_paths(lean_svg(lines + "</svg>"))) == 1  # strokes only: overlap does not matter
    for style in ("fill: #0072b2; fill-opacity: 0.5", "fill: none; stroke: #000000; stroke-dasharray: 2,1"):
        assert len(_paths(lean_svg(_HEAD + _rect(0, 0, style=style) + _rect(30, 0, style=style) + "</svg>"))) == 2


def test_a_shape_in_between_keeps_the_painting_order():
    red_between = _HEAD + _rect(0, 0) + _rect(0, 2, style="fill: #ff0000") + _rect(2, 3) + "</svg>"
    assert len(_paths(lean_svg(red_between))) == 3  # the red shape lies under the third: no joining across it
    red_aside = _HEAD + _rect(0, 0) + _rect(100, 100, style="fill: #ff0000") + _rect(20, 0) + "</svg>"
    assert [p["style"] for p in _paths(lean_svg(red_aside))] == ["fill: #0072b2", "fill: #ff0000"]


def test_markers_become_one_path_and_ids_that_were_asked_for_stay():
    svg = (
        _HEAD
        + '<g id="line2d_1"><defs><path id="m1" d="M -1 -1 L 1 -1 L 1 1 L -1 1 z" style="stroke: #d55e00"/></defs>'
        '<g clip-path="url(#c)"><use xlink:href="#m1" x="10" y="20" style="fill: #d55e00; stroke: #d55e00"/>'
        '<use xlink:href="#m1" x="10.5" y="20" style="fill: #d55e00; stroke: #d55e00"/></g></g>'
        '<g id="mine"><path d="M 0 0 L 1 1" style="fill: none; stroke: #000000"/></g></svg>'
    )
    out = lean_svg(svg, keep_ids={"mine"})
    paths = _paths(out)
    assert "use" not in out and 'id="m1"' not in out and 'id="line2d_1"' not in out and 'id="mine"' in out
    assert paths[0]["d"] == "M 9 19 L 11 19 L 11 21 L 9 21 z M 9.5 19 L 11.5 19 L 11.5 21 L 9.5 21 z"
    assert paths[0]["style"] == "fill: #d55e00; stroke: #d55e00"  # same shape, same colours: overlap is harmless


@pytest.mark.parametrize("name", ["by-province", "groups-methods", "year-to-date"])
def test_fixed_title_height_is_where_matplotlib_would_place_the_titles(demo, name):
    """Charts are made with ``axes.titley`` 1.0 (saves measuring tick labels); the automatic placement agrees."""
    spec = registry()[name]
    data = spec.data(demo, parse_period("2025-06"))
    fixed = spec.plot(data)
    auto = spec.plot(data)
    for ax in auto.axes:
        ax._autotitlepos = True  # matplotlib's own placement, as with the default axes.titley None
    assert any(ax.get_title(loc="left") for ax in fixed.axes)
    assert not any(ax._autotitlepos for ax in fixed.axes)  # the fixed height is in force
    assert to_svg(fixed, title=spec.title) == to_svg(auto, title=spec.title)


def test_lean_svg_keeps_plain_svg_tags_when_another_library_took_the_empty_prefix():
    """ElementTree's prefix map is global: a later ``register_namespace("", other)`` must not give ``<ns0:svg>``."""
    import xml.etree.ElementTree as ET

    from reports.figures.svglean import lean_svg

    svg = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt">'
        '<g id="figure_1"><path d="M 0 0 L 1 1" style="stroke: #000"/></g></svg>'
    )
    ET.register_namespace("", "http://www.w3.org/1999/xhtml")
    try:
        out = lean_svg(svg)
    finally:
        ET.register_namespace("", "http://www.w3.org/2000/svg")
    assert "<svg " in out and "ns0:" not in out
    assert ET.fromstring(out.partition("<svg")[1] + out.partition("<svg")[2]).tag == "{http://www.w3.org/2000/svg}svg"
