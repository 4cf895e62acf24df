"""Make matplotlib's SVG lean: the same picture in far fewer elements.

matplotlib writes one ``<g>`` per artist, one ``<use>`` per marker or tick mark and
one ``<path>`` per bar or gridline. A renderer such as WeasyPrint pays for every
element, so the brief's charts are rewritten here, without changing what is drawn:

* groups that only carry matplotlib's automatic id are replaced by their children
  (ids set with ``set_gid`` are kept, and consecutive groups with the same gid are
  joined, e.g. the bars of one series);
* a ``<use>`` of a path (markers, tick marks) becomes the path itself, moved to its
  place;
* paths with the same attributes are joined into one compound path when nothing
  drawn between them overlaps them (so the painting order of overlapping shapes is
  unchanged), and, unless they are only stroked, when they do not overlap each other
  (so fill rule and stroke order cannot matter); dashed or translucent paths are
  never joined, nor are paths filled with a pattern (a renderer may start the hatching
  at the corner of each shape);
* with ``background=False``, the figure's and the axes' white background rectangles
  are dropped (the brief's page is white).

Text stays text. Overlap is judged on bounding boxes (control points included,
widened by the stroke width), so it errs towards not joining.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

_NS = {
    "": "http://www.w3.org/2000/svg",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cc": "http://creativecommons.org/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def _to_text(root: ET.Element) -> str:
    """``root`` serialised with the SVG namespaces as prefixes (``<svg>``, ``xlink:href``).

    The prefix map of ElementTree is global and other libraries register their own
    (a later registration of the empty prefix drops the SVG one, and the output
    would read ``<ns0:svg>``): register ours right before each serialisation.
    """
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    return ET.tostring(root, encoding="unicode")


_SVG = "{" + _NS[""] + "}"
_HREF = "{" + _NS["xlink"] + "}href"
_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ABSOLUTE = frozenset("MLCQZz")
_TRANSLATE = re.compile(r"^translate\(\s*(-?[\d.e+-]+)[ ,]+(-?[\d.e+-]+)\s*\)$")
_NO_ROTATE = re.compile(r"^rotate\(-?0 [-\d.e+ ]+\)$")

BBox = tuple[float, float, float, float]


def _num(v: float) -> str:
    s = f"{v:f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def _style(text: str | None) -> dict[str, str]:
    out = {}
    for part in (text or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def _style_text(style: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in style.items())


def _tokens(d: str) -> list[str] | None:
    """Tokens of an absolute M/L/C/Q/Z (or z) path, or None for anything else."""
    toks = _TOKEN.findall(d)
    if "".join(toks) != "".join(d.split()) or any(t.isalpha() and t not in _ABSOLUTE for t in toks):
        return None
    return toks


def _path_bbox(d: str) -> BBox | None:
    toks = _tokens(d)
    if toks is None:
        return None
    nums = [float(t) for t in toks if not t.isalpha()]
    if not nums or len(nums) % 2:
        return None
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _translate(d: str, dx: float, dy: float) -> str | None:
    toks = _tokens(d)
    if toks is None:
        return None
    out, i = [], 0
    for t in toks:
        if t.isalpha():
            out.append(t)
        else:
            out.append(_num(float(t) + (dx if i % 2 == 0 else dy)))
            i += 1
    return " ".join(out)


def _stroked(style: dict[str, str]) -> bool:
    return style.get("stroke", "none") != "none"


def _filled(style: dict[str, str]) -> bool:
    return style.get("fill", "#000000") != "none"  # SVG paints black when no fill is given


def _grow(box: BBox, by: float) -> BBox:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _disjoint(a: BBox, b: BBox) -> bool:
    return a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


def _union(a: BBox, b: BBox) -> BBox:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _text_bbox(e: ET.Element) -> BBox | None:
    """Generous box of an unrotated text: 0.7 em per character."""
    st = _style(e.get("style"))
    m = re.match(r"([\d.]+)px", st.get("font-size", ""))
    if not m:
        return None
    size = float(m.group(1))
    tr = (e.get("transform") or "").strip()
    if "x" in e.attrib and (not tr or _NO_ROTATE.match(tr)):
        x, y = float(e.get("x", "0")), float(e.get("y", "0"))
    elif (t := _TRANSLATE.match(tr)) and "x" not in e.attrib:
        x, y = float(t.group(1)), float(t.group(2))
    else:
        return None
    w = 0.7 * size * len("".join(e.itertext())) + size
    anchor = st.get("text-anchor", "start")
    x0 = x - w if anchor == "end" else (x - w / 2 if anchor == "middle" else x - size)
    return x0, y - 1.2 * size, x0 + w, y + 0.5 * size


class _Lean:
    def __init__(self, root: ET.Element, keep: set[str]):
        self.root = root
        self.keep = keep
        self.defs = {e.get("id"): e for e in root.iter(_SVG + "path") if e.get("id")}
        self.boxes: dict[int, BBox | None] = {}
        self.parts: dict[int, list[BBox]] = {}
        self.marker: dict[int, str] = {}

    # -- boxes ------------------------------------------------------------------------------------
    def box(self, e: ET.Element) -> BBox | None:
        if id(e) not in self.boxes:
            self.boxes[id(e)] = self._box(e)
        return self.boxes[id(e)]

    def _box(self, e: ET.Element) -> BBox | None:
        tag = e.tag.removeprefix(_SVG)
        if tag == "path" and "transform" not in e.attrib:
            b = _path_bbox(e.get("d", ""))
            st = _style(e.get("style"))
            w = float(re.sub("px$", "", st.get("stroke-width", "1"))) if _stroked(st) else 0.0
            return _grow(b, 2 * w + 0.5) if b else None  # miter joins: up to twice the width
        if tag == "text":
            return _text_bbox(e)
        if tag == "g" and not (set(e.attrib) - {"id", "clip-path", "style"}):
            out: BBox | None = None
            for c in e:
                if c.tag == _SVG + "defs":
                    continue
                b = self.box(c)
                if b is None:
                    return None
                out = b if out is None else _union(out, b)
            return out or (0.0, 0.0, 0.0, 0.0)
        return None

    # -- passes -----------------------------------------------------------------------------------
    def flatten(self, parent: ET.Element) -> None:
        """Unwrap id-only groups and turn marker ``<use>`` into paths, bottom up."""
        new: list[ET.Element] = []
        for c in list(parent):
            self.flatten(c)
            tag = c.tag.removeprefix(_SVG)
            if tag == "g" and set(c.attrib) <= {"id"} and c.get("id") not in self.keep:
                new.extend(c)
            elif tag == "use":
                new.append(self._use_as_path(c))
            else:
                new.append(c)
        parent[:] = new

    def _use_as_path(self, use: ET.Element) -> ET.Element:
        ref = (use.get(_HREF) or "").removeprefix("#")
        target = self.defs.get(ref)
        extra = set(use.attrib) - {_HREF, "x", "y", "style"}
        if target is None or extra or set(target.attrib) - {"id", "d", "style"}:
            return use
        d = _translate(target.get("d", ""), float(use.get("x", "0")), float(use.get("y", "0")))
        if d is None:
            return use
        style = _style(use.get("style"))
        style.update(_style(target.get("style")))  # the referenced element's own style wins
        p = ET.Element(_SVG + "path", {"d": d, "style": _style_text(style)})
        self.marker[id(p)] = ref
        return p

    def merge(self, parent: ET.Element) -> None:
        """Join groups with equal attributes, then paths with equal attributes, bottom up."""
        out: list[ET.Element] = []
        for c in list(parent):
            if not self._join(out, c):
                out.append(c)
        parent[:] = out
        for c in parent:
            if c.tag == _SVG + "g":
                self.merge(c)

    def _joinable(self, e: ET.Element) -> bool:
        tag = e.tag.removeprefix(_SVG)
        if tag == "g":
            return e.get("id") in self.keep and self.box(e) is not None
        if tag != "path" or "id" in e.attrib or "transform" in e.attrib:
            return False
        st = e.get("style") or ""
        return not any(k in st for k in ("opacity", "dasharray", "url(")) and self.box(e) is not None

    def _join(self, out: list[ET.Element], c: ET.Element) -> bool:
        if not self._joinable(c):
            return False
        box = self.box(c)
        assert box is not None
        key = {k: v for k, v in c.attrib.items() if k != "d"}
        for e in reversed(out):
            if e.tag == c.tag and self._joinable(e) and {k: v for k, v in e.attrib.items() if k != "d"} == key:
                if c.tag == _SVG + "g" or self._may_overlap(e, c) or self._apart(e, box):
                    self._absorb(e, c, box)
                    return True
            if e.tag == _SVG + "defs":
                continue
            b = self.box(e)
            if b is None or not _disjoint(b, box):
                return False
        return False

    def _may_overlap(self, e: ET.Element, c: ET.Element) -> bool:
        """Overlap of the joined shapes cannot change the picture."""
        st = _style(c.get("style"))
        if not _filled(st):
            return True
        same_marker = self.marker.get(id(c)) is not None and self.marker.get(id(c)) == self.marker.get(id(e))
        return same_marker and (not _stroked(st) or st.get("stroke") == st.get("fill"))

    def _apart(self, e: ET.Element, box: BBox) -> bool:
        parts = self.parts.get(id(e))
        own = self.box(e)
        return all(_disjoint(p, box) for p in (parts if parts is not None else [own] if own else []))

    def _absorb(self, e: ET.Element, c: ET.Element, box: BBox) -> None:
        if e.tag == _SVG + "g":
            e.extend(list(c))
        else:
            e.set("d", e.get("d", "").rstrip() + " " + c.get("d", "").strip())
        old = self.box(e)
        self.parts.setdefault(id(e), [old] if old else []).append(box)
        self.boxes[id(e)] = _union(old, box) if old else box

    def drop_backgrounds(self) -> None:
        """Remove white, unstroked rectangles drawn first in the figure and in each axes."""
        fig = next((g for g in self.root if g.get("id", "").startswith("figure")), None)
        if fig is None:
            return
        for holder in [fig, *[g for g in fig if g.get("id", "").startswith("axes")]]:
            first = next((c for c in holder if c.tag != _SVG + "defs"), None)
            if first is not None and first.tag == _SVG + "g" and len(first) == 1:
                first = first[0] if first.get("id", "").startswith("patch") else None
            if first is None or first.tag != _SVG + "path":
                continue
            st = _style(first.get("style"))
            if (
                st == {"fill": "#ffffff"} and len(_tokens(first.get("d", "")) or []) == 13
            ):  # M, 3 L and z with their coordinates
                for p in holder.iter():
                    if first in list(p):
                        p.remove(first)
                        break

    def drop_unused_defs(self) -> None:
        text = _to_text(self.root)
        used = set(re.findall(r'href="#([^"]+)"', text)) | set(re.findall(r"url\(#([^)]+)\)", text))
        for defs in list(self.root.iter(_SVG + "defs")):
            for c in list(defs):
                if c.tag == _SVG + "path" and c.get("id") not in used:
                    defs.remove(c)
        for p in list(self.root.iter()):
            for c in list(p):
                if c.tag == _SVG + "defs" and len(c) == 0:
                    p.remove(c)


def lean_svg(svg: str, *, keep_ids: Iterable[str] = (), background: bool = True) -> str:
    """The same drawing as ``svg`` (matplotlib's SVG output) in fewer elements.

    Parameters
    ----------
    svg
        SVG text written by matplotlib.
    keep_ids
        Group ids to keep (the ``gid`` of artists); other groups are unwrapped.
    background
        Keep the white background rectangles of the figure and its axes.
    """
    head, sep, body = svg.partition("<svg")
    root = ET.fromstring(sep + body)
    lean = _Lean(root, set(keep_ids))
    if not background:
        lean.drop_backgrounds()
    lean.flatten(root)
    lean.merge(root)
    lean.drop_unused_defs()
    return head + _to_text(root) + "\n"


def element_count(svg: str) -> int:
    """Number of XML elements in ``svg``."""
    return sum(1 for _ in ET.fromstring(svg.partition("<svg")[1] + svg.partition("<svg")[2]).iter())
