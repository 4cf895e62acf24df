"""The choropleth: boundary files read, names matched through the gazetteer, colours from the counts."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.errors import SourceFormatError
from analysis.periods import parse_period
from reports.figures import map as map_
from tests.analysis.helpers import placeable_range


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo(demo_incidents):
    return demo_incidents.frame  # the session's load, not a second one


@pytest.fixture(scope="module")
def provinces_file(shared_data):
    return shared_data / "boundaries" / "pakistan-provinces.geojson"


@pytest.fixture(scope="module")
def districts_file(shared_data):
    return shared_data / "boundaries" / "pakistan-districts.geojson"


def _in_2024(frame: pd.DataFrame) -> pd.DataFrame:
    first, last = placeable_range(frame)  # an imprecise date straddling New Year is in neither year
    return frame.loc[(first.dt.year == 2024) & (last.dt.year == 2024)]


def test_province_file_is_read_with_fata_as_khyber_pakhtunkhwa(provinces_file):
    b = map_.read_boundaries(provinces_file)
    assert b.level == "province" and len(b.units) == 8
    areas = {u.name: u.area for u in b.units}
    assert areas["Federally Administered Tribal Areas"] == "Khyber Pakhtunkhwa"
    assert areas["Azad Jammu & Kashmir"] == "Azad Jammu and Kashmir"
    assert all(a is not None for a in areas.values())
    kept = map_.read_boundaries(provinces_file, merge_fata=False)
    assert {u.name: u.area for u in kept.units}[
        "Federally Administered Tribal Areas"
    ] == "Federally Administered Tribal Areas"


def test_province_values_equal_groupby(demo, provinces_file):
    b = map_.read_boundaries(provinces_file)
    data = map_.map_data(demo, parse_period("2024"), b)
    expected = _in_2024(demo).groupby("province")["killed_total"].sum()
    got = data.set_index("unit")["killed_total"]
    assert got["Federally Administered Tribal Areas"] == expected["Khyber Pakhtunkhwa"]
    assert got["Khyber Pakhtunkhwa"] == expected["Khyber Pakhtunkhwa"]
    assert got["Azad Jammu & Kashmir"] == expected["Azad Jammu and Kashmir"]
    assert data.loc[data["on_map"]].drop_duplicates("area")["killed_total"].sum() == expected.sum()
    assert data["on_map"].all()


def test_district_file_accounts_for_every_death(demo, districts_file):
    b = map_.read_boundaries(districts_file)
    assert b.level == "district" and len(b.units) == 148
    data = map_.map_data(demo, parse_period("2024"), b)
    total = int(_in_2024(demo)["killed_total"].sum())
    assert data["killed_total"].sum() == total  # on the map, or listed as not on the map
    by_unit = data.set_index("unit")
    orakzai = _in_2024(demo).loc[lambda f: f["district"] == "Orakzai", "killed_total"].sum()
    assert by_unit.loc["Orakzai Agency", "killed_total"] == orakzai  # 'Agency' dropped by the gazetteer
    lower_dir = _in_2024(demo).loc[lambda f: f["district"] == "Dir Lower", "killed_total"].sum()
    assert by_unit.loc["Lower Dir", "killed_total"] == lower_dir  # through the gazetteer alias


def test_region_marks_other_polygons_as_outside(demo, provinces_file):
    b = map_.read_boundaries(provinces_file)
    sindh = demo.loc[demo["province"] == "Sindh"]
    data = map_.map_data(sindh, parse_period("2024"), b, region="Sindh")
    assert data.loc[data["in_brief"], "unit"].tolist() == ["Sindh"]
    fig = map_.plot_map(data, b)
    coll = [c for c in fig.axes[0].collections if c.get_gid() == "map:units"][0]
    colours = [matplotlib.colors.to_hex(c) for c in coll.get_facecolors()]
    # zoomed on Sindh: its neighbours are drawn grey for context, the rest of the country left out
    assert 1 < len(colours) < len(b.units)
    assert sorted(colours).count(map_.OUTSIDE_COLOUR.lower()) == len(colours) - 1
    xmin, xmax = fig.axes[0].get_xlim()
    sindh = next(u for u in b.units if u.name == "Sindh")
    assert xmin <= min(r[:, 0].min() for r in sindh.rings) and xmax >= max(r[:, 0].max() for r in sindh.rings)
    assert "outside this brief" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_plot_colours_and_labels_by_rate(demo, provinces_file):
    from reports import formatting as fmt

    b = map_.read_boundaries(provinces_file)
    data = map_.map_data(demo, parse_period("2024"), b)
    fig = map_.plot_map(data, b)
    ax = fig.axes[0]
    coll = [c for c in ax.collections if c.get_gid() == "map:units"][0]
    assert len(coll.get_paths()) == 8
    rates = data["killed_per_million"].to_numpy(dtype=float)
    bounds = map_.rate_classes(rates[np.isfinite(rates)])
    colours = [matplotlib.colors.to_hex(c) for c in coll.get_facecolors()]
    for colour, v in zip(colours, rates, strict=True):
        k = int(np.searchsorted(bounds, v, side="right")) - 1 if np.isfinite(v) else -1
        expected = map_.ZERO_COLOUR if k < 0 else map_.CLASS_COLOURS[len(map_.CLASS_COLOURS) - len(bounds) + k]
        assert colour == expected.lower()
    # AJK and Gilgit-Baltistan have no census population: hatched, labelled with the count
    hatched = [c for c in ax.collections if c.get_gid() == "map:no-denominator"][0]
    assert len(hatched.get_paths()) == int(data["killed_per_million"].isna().sum()) == 2
    texts = [t.get_text() for t in ax.texts]
    kp_rows = _in_2024(demo).loc[lambda f: f["province"] == "Khyber Pakhtunkhwa", "killed_total"]
    kp_rate = data.loc[data["area"] == "Khyber Pakhtunkhwa", "killed_per_million"].iloc[0]
    assert texts.count(f"{fmt.rate(kp_rate)}\n{int(kp_rows.sum()):,} killed") == 1  # once, not again on FATA
    gb = int(_in_2024(demo).loc[lambda f: f["province"] == "Gilgit-Baltistan", "killed_total"].sum())
    assert f"{gb:,} killed" in texts
    assert ax.get_legend().get_title().get_text() == "killed per million\ninhabitants a year"
    assert "no census population:\nnumber killed shown" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_map_rates_are_the_provinces_table_rates(demo):
    """The shipped map's rate of each province equals the brief's provinces table (the numbers file)."""
    from analysis.incidents import Incidents  # noqa: F401  (type only)
    from reports.config import Config
    from reports.context import build_context
    from reports.figures import default_boundaries

    period = parse_period("2025-06")
    data = map_.map_data(demo, period, map_.read_boundaries(default_boundaries()))
    from analysis.demo import demo_path
    from analysis.io import load_incidents

    numbers = build_context(load_incidents(demo_path()), period, cfg=Config()).numbers["regions"]
    for row in data.itertuples():
        table = numbers[row.area]["killed_per_million_per_year"]
        if table is None:
            assert np.isnan(row.killed_per_million)
        else:
            assert row.killed_per_million == pytest.approx(table, abs=0.05)
        assert row.killed_total == numbers[row.area]["killed_total"]


def test_plot_by_count_when_no_unit_has_a_population(demo, provinces_file):
    b = map_.read_boundaries(provinces_file)
    data = map_.map_data(demo, parse_period("2024"), b).assign(killed_per_million=np.nan)
    fig = map_.plot_map(data, b)
    ax = fig.axes[0]
    coll = [c for c in ax.collections if c.get_gid() == "map:units"][0]
    bounds = map_.classes(data["killed_total"].to_numpy())
    colours = [matplotlib.colors.to_hex(c) for c in coll.get_facecolors()]
    for colour, v in zip(colours, data["killed_total"], strict=True):
        k = int(np.searchsorted(bounds, v, side="right")) - 1
        expected = map_.ZERO_COLOUR if k < 0 else map_.CLASS_COLOURS[len(map_.CLASS_COLOURS) - len(bounds) + k]
        assert colour == expected.lower()
    texts = [t.get_text() for t in ax.texts]
    kp = int(_in_2024(demo).loc[lambda f: f["province"] == "Khyber Pakhtunkhwa", "killed_total"].sum())
    assert texts.count(f"{kp:,}") == 1
    assert ax.get_legend().get_title().get_text() == "people killed"
    assert all(t.get_fontsize() >= 8 for t in ax.texts)  # readable on the page


def test_shipped_boundaries_merge_fata_into_khyber_pakhtunkhwa(shared_data):
    """7 units of the 2018 layout; KP's area is Natural Earth's KP plus FATA (shoelace areas)."""
    from reports.figures import default_boundaries

    def area(rings):
        return sum(
            abs(float((r[:, 0] * np.roll(r[:, 1], -1) - np.roll(r[:, 0], -1) * r[:, 1]).sum()) / 2) for r in rings
        )

    shipped = map_.read_boundaries(default_boundaries())
    assert shipped.level == "province"
    assert sorted(u.area for u in shipped.units) == [
        "Azad Jammu and Kashmir",
        "Balochistan",
        "Gilgit-Baltistan",
        "Islamabad Capital Territory",
        "Khyber Pakhtunkhwa",
        "Punjab",
        "Sindh",
    ]
    ne = map_.read_boundaries(
        shared_data / "boundaries" / "pakistan-provinces-naturalearth.geojson",
        name_property="name_en",
        merge_fata=False,
    )
    ne_area = {u.area: area(u.rings) for u in ne.units}
    kp = next(u for u in shipped.units if u.area == "Khyber Pakhtunkhwa")
    assert len(kp.rings) == 1  # one outline: the shared edge is gone
    want = ne_area["Khyber Pakhtunkhwa"] + ne_area["Federally Administered Tribal Areas"]
    assert area(kp.rings) == pytest.approx(want, rel=0.005)  # simplification moves the outline by < 0.5 %
    doc = json.loads(default_boundaries().read_text(encoding="utf-8"))
    assert "Made with Natural Earth" in doc["attribution"]


def test_every_national_brief_draws_the_shipped_map_and_a_regional_one_only_when_configured(tmp_path):
    from reports.figures import brief_boundaries, default_boundaries

    assert brief_boundaries(None, region=None) == default_boundaries()
    assert brief_boundaries(None, region="Sindh") is None
    own = tmp_path / "districts.geojson"
    assert brief_boundaries(own, region="Sindh") == own and brief_boundaries(own, region=None) == own


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 0], []),
        ([0, 1], [1]),
        ([0, 3], [1, 2]),
        ([7, 0, 12], [1, 2, 5, 10]),
        ([4654, 19], [1, 5, 50, 500, 2000]),
    ],
)
def test_classes_on_a_125_ladder(values, expected):
    assert map_.classes(np.array(values)) == expected


def test_polygons_with_holes_and_multipolygons(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"province": "Sindh"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[66, 24], [70, 24], [70, 28], [66, 28], [66, 24]],
                        [[67, 25], [68, 25], [68, 26], [67, 25]],
                    ],
                },
            },
            {
                "type": "Feature",
                "properties": {"province": "KPK"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [[[70, 32], [72, 32], [72, 35], [70, 32]]],
                        [[[73, 34], [74, 34], [74, 35], [73, 34]]],
                    ],
                },
            },
        ],
    }
    path = tmp_path / "two.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    b = map_.read_boundaries(path)
    assert [u.area for u in b.units] == ["Sindh", "Khyber Pakhtunkhwa"]
    assert [len(u.rings) for u in b.units] == [2, 2]
    p = map_._path(b.units[0].rings)
    assert (p.codes == p.MOVETO).sum() == 2 and len(p.vertices) == 5 + 1 + 4 + 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a readable GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "no features"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"province": "Sindh"}, '
            '"geometry": {"type": "Point", "coordinates": [67, 25]}}]}',
            "feature 1: geometry type 'Point'",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": 3}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}',
            "no property names",
        ),
    ],
)
def test_bad_boundary_files_fail_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        map_.read_boundaries(path)
    assert message in err.value.one_line() and str(path) in err.value.one_line()


def test_brief_figures_draw_the_map_only_with_a_boundary_file(demo, provinces_file):
    from reports.figures import brief_figures

    with_map = brief_figures(demo, parse_period("2025-06"), kind="monthly", boundaries=provinces_file)
    assert with_map[-1].name == "map" and "by province" in with_map[-1].caption
    assert "FATA" in with_map[-1].caption
