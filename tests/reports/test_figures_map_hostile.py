"""Boundary files with a NaN extent or an invalid geometry: one clear line, never an internal error (issue 14)."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import pytest

from analysis.errors import SourceFormatError
from reports.figures import map as map_


def _collection(coordinates) -> str:
    feature = {
        "type": "Feature",
        "properties": {"province": "Sindh"},
        "geometry": {"type": "Polygon", "coordinates": [coordinates]},
    }
    # allow_nan: JSON written by some tools holds NaN, which Python's json reads
    return json.dumps({"type": "FeatureCollection", "features": [feature]}, allow_nan=True)


@pytest.mark.parametrize(
    ("ring", "message"),
    [
        ([[67, 25], [float("nan"), 26], [68, 26], [67, 25]], "feature 1: a coordinate is NaN or infinite"),
        ([[67, 25], [float("inf"), 26], [68, 26], [67, 25]], "feature 1: a coordinate is NaN or infinite"),
        ([[67, 25], [500, 26], [68, 26], [67, 25]], "a point lies outside longitude -180..180 or latitude -90..90"),
        ([[67, 25], [67, 25], [67, 25], [67, 25]], "the geometry is invalid (no ring of at least 3 points"),
        ([[67, 25], [68, 25], [69, 25], [67, 25]], "the geometry is invalid (no ring of at least 3 points"),
        ([[67, 25], [68, 26]], "the geometry is invalid (no ring of at least 3 points"),
        ([[67], [68], [69]], "coordinates are not lists of [longitude, latitude] pairs"),
    ],
)
def test_invalid_geometry_is_one_line(tmp_path, ring, message):
    path = tmp_path / "bad.geojson"
    path.write_text(_collection(ring), encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        map_.read_boundaries(path)
    line = err.value.one_line()
    assert line.startswith(f"{path}: ") and message in line
