"""Choropleth of people killed in the period, by province or district, from a GeoJSON file.

The polygons are drawn with matplotlib patches (one collection, so the figure stays
small), without a GIS stack. Names in the file are matched to the data through the
gazetteer's normalisation (:func:`analysis.gazetteer.normalise_name`), so
``Khyber Pakhtunkwa province``, ``KPK`` and ``Khyber Pakhtunkhwa`` are one place,
and ``Orakzai Agency`` is the district ``Orakzai``. Historical FATA polygons are
coloured as part of Khyber Pakhtunkhwa by default, as the brief reports them.

Coordinates are drawn as longitude/latitude with the aspect ratio corrected for the
middle latitude (an equirectangular view; adequate at the size of one country).

Every national brief has a map: without a configured ``boundaries`` file the package's own
province boundaries are used (:func:`reports.figures.default_boundaries`: Natural Earth, public domain, FATA
merged into Khyber Pakhtunkhwa by ``tools/make_boundaries.py``). A province map is shaded by
people killed per million inhabitants a year (the provinces table's rate, from
:func:`analysis.rates.rate_per_million`); units without a census population (Azad Jammu and
Kashmir, Gilgit-Baltistan) are hatched and labelled with their number killed, and the legend
says so. Where no unit has a denominator (a district map) the map is shaded by people killed.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.counts import in_period
from analysis.errors import SourceFormatError
from analysis.gazetteer import find_province, normalise_name, resolve_province
from analysis.periods import Period
from reports.figures._axes import figure_and_axes
from reports.figures.style import house_style

#: Properties that name a district or a province, in order of preference (lower case).
DISTRICT_PROPERTIES = ("district", "districts", "district_agency", "adm2_en", "adm2_name", "name_2", "dist_name")
PROVINCE_PROPERTIES = ("province", "province_territory", "adm1_en", "adm1_name", "name_1", "prov_name", "name")
#: Colours of the classes (ColorBrewer OrRd: sequential, colour-blind safe, monotonic in greyscale).
CLASS_COLOURS = ("#FEF0D9", "#FDCC8A", "#FC8D59", "#E34A33", "#B30000")
ZERO_COLOUR = "#FFFFFF"
OUTSIDE_COLOUR = "#E6E6E6"
_LADDER = (1, 2, 5)
#: Credit line of the shipped boundaries (Natural Earth asks for it; the data are public domain).
NATURAL_EARTH_CREDIT = "Boundaries: Made with Natural Earth."
NO_DENOMINATOR_HATCH = "////"


@dataclass(frozen=True)
class Unit:
    """One polygon feature: its name in the file, the canonical area and province, its rings."""

    name: str
    area: str | None
    province: str | None
    rings: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Boundaries:
    """Features of a boundary file, all of one level (``province`` or ``district``)."""

    path: str
    level: str
    units: tuple[Unit, ...]


def _rings(geometry: dict, where: str) -> list[np.ndarray]:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    # Parsed JSON: a malformed structure (e.g. no coordinates) fails below and is reported.
    polygons: Any
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        raise SourceFormatError(f"{where}: geometry type {kind!r} is not Polygon or MultiPolygon")
    try:
        rings = [np.asarray(ring, dtype=float)[:, :2] for poly in polygons for ring in poly if len(ring) >= 3]
    except (TypeError, ValueError, IndexError) as exc:
        raise SourceFormatError(f"{where}: coordinates are not lists of [longitude, latitude] pairs") from exc
    # A NaN, an impossible position or a ring without area would reach matplotlib's axis limits.
    for r in rings:
        if r.ndim != 2 or r.shape[1] != 2:
            raise SourceFormatError(f"{where}: coordinates are not lists of [longitude, latitude] pairs")
        if not np.isfinite(r).all():
            raise SourceFormatError(f"{where}: a coordinate is NaN or infinite; the geometry is invalid")
        if (np.abs(r[:, 0]) > 180).any() or (np.abs(r[:, 1]) > 90).any():
            raise SourceFormatError(f"{where}: a point lies outside longitude -180..180 or latitude -90..90")
    if not rings or all(np.ptp(r[:, 0]) == 0 or np.ptp(r[:, 1]) == 0 for r in rings):
        raise SourceFormatError(f"{where}: the geometry is invalid (no ring of at least 3 points enclosing an area)")
    return rings


def _property(props: list[dict], candidates: tuple[str, ...]) -> str | None:
    keys = {k.lower(): k for p in props for k in p}
    for c in candidates:
        if c in keys:
            return keys[c]
    return None


@lru_cache(maxsize=8)
def _district_index() -> dict[str, tuple[str, str]]:
    """Normalised district name or alias → (district, province), from the gazetteer's districts.csv."""
    from analysis._assets import data_file

    index: dict[str, tuple[str, str]] = {}
    with open(data_file("gazetteer", "districts.csv"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            for alias in (r["district"], *[a for a in r["aliases"].split("|") if a]):
                index[normalise_name(alias)] = (r["district"], r["province"])
    return index


def district_key(name: str) -> str:
    """Matching key of a district name: the gazetteer's canonical name when it knows one."""
    key = normalise_name(name)
    hit = _district_index().get(key)
    return normalise_name(hit[0]) if hit else key


def _province_of(name: object, merge_fata: bool) -> str | None:
    p = find_province(str(name)) if isinstance(name, str) else None
    if p is None:
        return None
    return p.reported_as if merge_fata else p.name


def read_boundaries(path: str | Path, *, name_property: str | None = None, merge_fata: bool = True) -> Boundaries:
    """Read a GeoJSON FeatureCollection of province or district polygons.

    The level is ``district`` when the features have a district property (``district``,
    ``districts``, ``district_agency``, ``ADM2_EN``...), else ``province``; or give the
    property that names each feature with ``name_property``.

    Raises
    ------
    SourceFormatError
        The file is not GeoJSON, has no polygon features or no property naming them.
    """
    p = Path(path)
    try:
        stat = p.stat()
    except OSError as exc:
        raise SourceFormatError("boundary file not found", file=p) from exc
    return _read_cached(str(p.resolve()), stat.st_mtime_ns, name_property, merge_fata)


@lru_cache(maxsize=8)
def _read_cached(path: str, _mtime: int, name_property: str | None, merge_fata: bool) -> Boundaries:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFormatError(f"not a readable GeoJSON file: {exc}", file=path) from exc
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list) or not feats:
        raise SourceFormatError("no features: a GeoJSON FeatureCollection of polygons is needed", file=path)
    props = [f.get("properties") or {} for f in feats if isinstance(f, dict)]
    name_key: str | None
    if name_property:
        level = "district" if name_property.lower() in DISTRICT_PROPERTIES else "province"
        name_key = name_property
    else:
        name_key = _property(props, DISTRICT_PROPERTIES)
        level = "district"
        if name_key is None:
            name_key, level = _property(props, PROVINCE_PROPERTIES), "province"
    if name_key is None:
        raise SourceFormatError(
            "no property names the features (expected e.g. 'province' or 'district'; pass the property's name)",
            file=path,
        )
    prov_key = _property(props, PROVINCE_PROPERTIES) if level == "district" else name_key
    units = []
    for i, f in enumerate(feats, start=1):
        where = f"feature {i}"
        if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
            raise SourceFormatError(f"{where} has no geometry", file=path)
        pr = f.get("properties") or {}
        name = pr.get(name_key)
        if not isinstance(name, str) or not name.strip():
            raise SourceFormatError(f"{where} has no name in property '{name_key}'", file=path)
        try:
            rings = _rings(f["geometry"], where)
        except SourceFormatError as exc:
            raise SourceFormatError(exc.message, file=path) from exc
        province = _province_of(pr.get(prov_key), merge_fata) if prov_key else None
        area = province if level == "province" else name.strip()
        units.append(Unit(name.strip(), area, province, tuple(rings)))
    return Boundaries(path, level, tuple(units))


def map_data(frame: pd.DataFrame, period: Period, boundaries: Boundaries, *, region: str | None = None) -> pd.DataFrame:
    """People killed and incidents in ``period`` for each polygon of ``boundaries``.

    Columns: ``unit`` (name in the boundary file; blank for data areas that match no
    polygon), ``area`` (the data's name), ``province``, ``in_brief`` (false for
    polygons outside ``region``), ``on_map``, ``incidents``, ``killed_total``. A FATA
    polygon of a province file carries Khyber Pakhtunkhwa's numbers (and says so in
    ``area``). Areas with incidents but no polygon are listed with ``on_map`` false,
    so the CSV accounts for every death of the period.
    """
    from analysis.counts import count_table

    f = in_period(frame, period)
    key = boundaries.level
    t = count_table(f, by=[key], measures=["incidents", "killed_total"], with_unknown=False)
    if key == "district":
        t["_k"] = t["district"].map(lambda n: district_key(n) if n != "unknown" else "")
    else:
        t["_k"] = t["province"]
    by_key = t.groupby("_k", sort=False)[["incidents", "killed_total"]].sum()
    data_name = t.drop_duplicates("_k").set_index("_k")[key]
    rows, matched = [], set()
    for u in boundaries.units:
        k = (district_key(u.name) if key == "district" else u.area) or ""
        inside = region is None or u.province == region
        if inside and k in by_key.index:
            matched.add(k)
            rows.append(
                (
                    u.name,
                    str(data_name[k]),
                    u.province or "",
                    True,
                    True,
                    int(by_key.at[k, "incidents"]),
                    int(by_key.at[k, "killed_total"]),
                )
            )
        else:
            rows.append((u.name, u.area or u.name, u.province or "", inside, True, 0, 0))
    for k, r in by_key.iterrows():
        if k not in matched and (r["incidents"] > 0):
            rows.append(("", str(data_name[k]), region or "", True, False, int(r["incidents"]), int(r["killed_total"])))
    out = pd.DataFrame(rows, columns=["unit", "area", "province", "in_brief", "on_map", "incidents", "killed_total"])
    out = out.astype({"incidents": "int64", "killed_total": "int64"})
    out["killed_per_million"] = np.nan
    if key == "province":
        from analysis.rates import rate_per_million

        rates = rate_per_million(frame, period, annualised=True).set_index("province")["rate"]
        has = out["in_brief"] & out["on_map"] & out["area"].isin(rates.index)
        out.loc[has, "killed_per_million"] = out.loc[has, "area"].map(rates).astype(float)
    return out


def classes(values: np.ndarray, k: int = len(CLASS_COLOURS)) -> list[int]:
    """Lower bounds of at most ``k`` classes of positive counts, on a 1-2-5 ladder.

    The first class starts at 1 (zero has its own colour); bounds are spread evenly
    on a log scale up to the largest value, so a map of 3 deaths and a map of 3,000
    both get readable, round class limits.
    """
    top = int(values.max()) if len(values) else 0
    if top <= 0:
        return []
    ladder = [m * 10**e for e in range(0, 7) for m in _LADDER]
    cands = [b for b in ladder if b <= top]
    if len(cands) <= k:
        return cands
    idx = np.unique(np.round(np.linspace(0, len(cands) - 1, k)).astype(int))
    return [cands[i] for i in idx]


def rate_classes(values: np.ndarray, k: int = len(CLASS_COLOURS)) -> list[float]:
    """Lower bounds of at most ``k`` classes of positive rates, on a 1-2-5 ladder from 0.01.

    The first bound is the ladder step at or below the smallest positive rate, so every
    shaded unit falls in a class; the rest are spread evenly on a log scale.
    """
    pos = values[np.isfinite(values) & (values > 0)]
    if not len(pos):
        return []
    ladder = [round(m * 10.0**e, 2) for e in range(-2, 6) for m in _LADDER]
    low = max([b for b in ladder if b <= pos.min()] or [ladder[0]])
    cands = [b for b in ladder if low <= b <= pos.max()]
    if len(cands) <= k:
        return cands
    idx = np.unique(np.round(np.linspace(0, len(cands) - 1, k)).astype(int))
    return [cands[i] for i in idx]


def legend_classes(data: pd.DataFrame, level: str) -> tuple[bool, list[Any]]:
    """Whether a map of ``data`` is shaded by rate, and its class lower bounds (as :func:`plot_map` draws them)."""
    inside = data.loc[data["in_brief"] & data["on_map"]]
    rates = inside["killed_per_million"] if "killed_per_million" in inside else pd.Series(dtype=float)
    by_rate = level == "province" and bool(rates.notna().any())
    if by_rate:
        return True, rate_classes(rates.dropna().to_numpy(dtype=float))
    return False, classes(inside["killed_total"].to_numpy())


def _rate_class_labels(bounds: list[float]) -> list[str]:
    def g(x: float) -> str:
        return f"{x:,.2f}".rstrip("0").rstrip(".")

    return [f"{g(b)}–{g(bounds[i + 1])}" if i + 1 < len(bounds) else f"{g(b)} or more" for i, b in enumerate(bounds)]


def _class_labels(bounds: list[int]) -> list[str]:
    labels = []
    for i, b in enumerate(bounds):
        if i + 1 < len(bounds):
            hi = bounds[i + 1] - 1
            labels.append(f"{b:,}" if hi == b else f"{b:,}–{hi:,}")
        else:
            labels.append(f"{b:,} or more" if len(bounds) > 1 else f"{b:,} or more")
    return labels


def _path(rings: tuple[np.ndarray, ...]):  # -> matplotlib.path.Path
    from matplotlib.path import Path as MPath

    # MOVETO/LINETO only (rings closed by repeating the first point) so that
    # matplotlib may simplify long borders, keeping the SVG small.
    verts = np.concatenate([np.vstack([r, r[:1]]) for r in rings])
    codes = np.concatenate([[MPath.MOVETO] + [MPath.LINETO] * len(r) for r in rings]).astype(np.uint8)
    return MPath(verts, codes)


def _label_point(rings: tuple[np.ndarray, ...]) -> tuple[float, float, float]:
    """Centroid of the largest ring and that ring's area (shoelace formula)."""
    best = (0.0, 0.0, -1.0)
    for r in rings:
        x, y = r[:, 0], r[:, 1]
        cross = x * np.roll(y, -1) - np.roll(x, -1) * y
        a = cross.sum() / 2
        if abs(a) > best[2] and a != 0:
            cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * a)
            cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * a)
            best = (float(cx), float(cy), abs(float(a)))
    return best


def plot_map(
    data: pd.DataFrame,
    boundaries: Boundaries,
    *,
    ax: Axes | None = None,
    style: str = "brief",
    width: float = 6.6,
    height: float | None = None,
) -> Figure:
    """Draw the choropleth: one colour class per polygon, class legend beside the map.

    Province maps label each province with its number of deaths (FATA polygons take
    Khyber Pakhtunkhwa's colour and are not labelled separately).

    Parameters
    ----------
    data
        Output of :func:`map_data` for the same ``boundaries``.
    boundaries
        Output of :func:`read_boundaries`.
    """
    import matplotlib.patheffects as pe
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, PathPatch

    drawn = data.loc[data["on_map"]].reset_index(drop=True)
    inside = drawn["in_brief"].to_numpy()
    # A national map leaves its north-west corner (Afghanistan) empty: the legend goes
    # there; a regional map may fill its corners, so its legend goes beside it, and the
    # map is zoomed on the region with its neighbours in grey for context.
    legend_inside = bool(inside.all())
    # a narrow national map (page one) has no room for the legend in its north-west corner: below it
    legend_below = legend_inside and width < 4.0
    focus_units = [u for u, ins in zip(boundaries.units, inside, strict=True) if ins] or list(boundaries.units)
    focus = np.concatenate([r for u in focus_units for r in u.rings])
    (x0, y0), (x1, y1) = focus.min(axis=0), focus.max(axis=0)
    pad = 0.04 * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    visible = np.array(
        [
            bool(
                any(
                    (r[:, 0].max() >= x0) & (r[:, 0].min() <= x1) & (r[:, 1].max() >= y0) & (r[:, 1].min() <= y1)
                    for r in u.rings
                )
            )
            for u in boundaries.units
        ]
    )
    units = [u for u, v in zip(boundaries.units, visible, strict=True) if v]
    drawn, inside = drawn.loc[visible].reset_index(drop=True), inside[visible]
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))
    if height is None:
        map_width = width if legend_inside else width - 1.3
        height = min(map_width * (y1 - y0) * aspect / (x1 - x0) + 0.35, width * 1.1)
        if legend_below:
            height += 0.6
    from reports import formatting as fmt

    killed = drawn["killed_total"].to_numpy()
    rates = (
        drawn["killed_per_million"].to_numpy(dtype=float)
        if "killed_per_million" in drawn
        else np.full(len(drawn), np.nan)
    )
    by_rate = bool(np.isfinite(rates[inside]).any()) if boundaries.level == "province" else False
    no_den = inside & ~np.isfinite(rates) if by_rate else np.zeros(len(inside), dtype=bool)
    if by_rate:
        values = np.where(np.isfinite(rates), rates, 0.0)
        bounds: list[Any] = rate_classes(values[inside & ~no_den])
        labels = _rate_class_labels(bounds)
    else:
        values = killed.astype(float)
        bounds = classes(values[inside])
        labels = _class_labels(bounds)
    cls = np.searchsorted(bounds, values, side="right") - 1  # -1 for zero
    palette = CLASS_COLOURS[len(CLASS_COLOURS) - len(bounds) :]  # few classes: the darker end, for contrast
    colours = [
        OUTSIDE_COLOUR if not ins else (ZERO_COLOUR if (c < 0 or nd) else palette[c])
        for ins, c, nd in zip(inside, cls, no_den, strict=True)
    ]
    with house_style(style):  # type: ignore[arg-type]
        fig, ax = figure_and_axes(ax, width, height)
        patches = [PathPatch(_path(u.rings)) for u in units]
        edge = 0.25 if boundaries.level == "district" else 0.5
        coll = PatchCollection(patches, facecolors=colours, edgecolors="#777777", linewidths=edge, gid="map:units")
        ax.add_collection(coll)
        if no_den.any():  # units without a census population: hatched, labelled with the count
            ax.add_collection(
                PatchCollection(
                    [PathPatch(_path(u.rings)) for u, nd in zip(units, no_den, strict=True) if nd],
                    facecolors="none",
                    edgecolors="#9A9A9A",
                    hatch=NO_DENOMINATOR_HATCH,
                    linewidths=0.0,
                    gid="map:no-denominator",
                )
            )
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(aspect)
        ax.set_axis_off()
        if boundaries.level == "province":
            halo = [pe.withStroke(linewidth=2.4, foreground="white")]
            span = max(x1 - x0, y1 - y0)
            beside: list[tuple[float, float, str]] = []
            for u, row, nd in zip(units, drawn.itertuples(index=False), no_den, strict=True):
                if not row.in_brief or resolve_province(u.name, merge_fata=False) != u.area:
                    continue  # outside the brief, or a FATA polygon coloured as Khyber Pakhtunkhwa
                cx, cy, area = _label_point(u.rings)
                if by_rate and not nd:
                    text = f"{fmt.rate(row.killed_per_million)}\n{row.killed_total:,} killed"
                else:
                    text = f"{row.killed_total:,} killed" if by_rate else f"{row.killed_total:,}"
                if area < (0.1 * span) ** 2:  # too small to hold its label: beside it, with a leader
                    beside.append((cx, cy, text))
                else:
                    ax.text(cx, cy, text, fontsize=8.0, ha="center", va="center", linespacing=1.05, path_effects=halo)
            # labels beside their units, top to bottom, at least two text lines apart
            last_y = math.inf
            for cx, cy, text in sorted(beside, key=lambda t: -t[1]):
                y = min(cy, last_y - 0.075 * span)
                last_y = y
                ax.annotate(
                    text,
                    (cx, cy),
                    xytext=(cx + 0.10 * span, y),
                    fontsize=8.0,
                    ha="left",
                    va="center",
                    linespacing=1.05,
                    path_effects=halo,
                    arrowprops={"arrowstyle": "-", "linewidth": 0.6, "color": "#333333"},
                )
        handles = [Patch(facecolor=ZERO_COLOUR, edgecolor="#777777", linewidth=0.5, label="0")]
        handles += [
            Patch(facecolor=palette[i], edgecolor="#777777", linewidth=0.5, label=lab) for i, lab in enumerate(labels)
        ]
        if no_den.any():
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor="#9A9A9A",
                    hatch=NO_DENOMINATOR_HATCH,
                    linewidth=0.5,
                    label="no census population:\nnumber killed shown" if not legend_below else "no census: killed",
                )
            )
        if not inside.all():
            handles.append(
                Patch(facecolor=OUTSIDE_COLOUR, edgecolor="#777777", linewidth=0.5, label="outside this brief")
            )
        ax.legend(
            handles=handles,
            title="killed per million\ninhabitants a year" if by_rate else "people killed",
            loc="upper center" if legend_below else "upper left",
            bbox_to_anchor=(0.5, -0.01) if legend_below else (0.0, 1.0) if legend_inside else (1.0, 1.0),
            ncols=3 if legend_below else 1,
            columnspacing=0.8,
            handlelength=1.2,
            handleheight=1.0,
            alignment="left",
        )
    return fig
