"""Write ``data/boundaries/pakistan-provinces.geojson``, the map every national brief draws.

Source: Natural Earth 10m admin-1 states and provinces (public domain; "Made with Natural
Earth"), Pakistan's eight features as kept in the shared data folder
(``boundaries/pakistan-provinces-naturalearth.geojson``). This script

- merges FATA into Khyber Pakhtunkhwa (the 2018 layout the briefs report; the two shapes share
  their edge exactly, so the union leaves no sliver: checked below),
- simplifies the coverage with shapely's topology-preserving ``coverage_simplify`` (shared
  borders stay shared: no gaps or overlaps between provinces) to a tolerance of 0.01° (about
  1 km, far below a printed pixel of a page-wide map of Pakistan),
- keeps two properties, ``province`` (the gazetteer's canonical name) and ``iso_3166_2``, and
  rounds coordinates to 4 decimals (~10 m).

Run once when the source changes (shapely is needed only here, not by secbrief):
``pip install shapely && python tools/make_boundaries.py [SOURCE]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "data" / "boundaries" / "pakistan-provinces.geojson"
TOLERANCE = 0.01


def main(argv: list[str]) -> int:
    import shapely
    from shapely.geometry import mapping, shape

    from analysis.gazetteer import resolve_province
    from tests.shared_paths import shared_data_dir

    src = Path(argv[0]) if argv else shared_data_dir() / "boundaries" / "pakistan-provinces-naturalearth.geojson"
    feats = json.loads(src.read_text(encoding="utf-8"))["features"]
    geoms: dict[str, object] = {}
    codes: dict[str, str] = {}
    for f in feats:
        name = resolve_province(f["properties"]["name_en"])  # FATA → Khyber Pakhtunkhwa
        if name is None:
            raise SystemExit(f"unknown province {f['properties']['name_en']!r}")
        g = shape(f["geometry"])
        if not g.is_valid:
            raise SystemExit(f"invalid geometry: {name}")
        if name in geoms:
            before = geoms[name].area + g.area
            merged = shapely.union(geoms[name], g)
            # an exact shared edge: the union is one polygon of the summed area
            assert merged.geom_type == "Polygon", merged.geom_type
            assert abs(merged.area - before) < 1e-9 * before, (merged.area, before)
            geoms[name] = merged
        else:
            geoms[name] = g
            codes[name] = "PK-KP" if name == "Khyber Pakhtunkhwa" else f["properties"]["iso_3166_2"]
    names = sorted(geoms)
    simple = shapely.coverage_simplify([geoms[n] for n in names], TOLERANCE)
    out = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain). FATA merged into Khyber Pakhtunkhwa; "
        f"coverage simplified to {TOLERANCE} degrees by tools/make_boundaries.py.",
        "features": [
            {
                "type": "Feature",
                "properties": {"province": n, "iso_3166_2": codes[n]},
                "geometry": mapping(shapely.set_precision(g, 1e-4)),
            }
            for n, g in zip(names, simple, strict=True)
        ],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(names)} units)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
