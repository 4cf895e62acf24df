"""The one exporter: format, size, dpi, fonts and metadata in one place.

Output is deterministic: no timestamps, fixed SVG ids (``svg.hashsalt``), fixed PDF
creation date, so the same data give the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

from matplotlib.figure import Figure

Format = Literal["svg", "pdf", "png"]
FORMATS: tuple[str, ...] = ("svg", "pdf", "png")
#: Journal column widths in inches.
WIDTHS = {"single": 3.5, "double": 7.2}


def _metadata(fmt: str, title: str | None) -> dict[str, object]:
    if fmt == "svg":
        return {"Date": None, "Creator": "secbrief", **({"Title": title} if title else {})}
    if fmt == "pdf":
        return {
            "CreationDate": None,
            "ModDate": None,
            "Creator": "secbrief",
            "Producer": "secbrief",
            **({"Title": title} if title else {}),
        }
    return {"Software": "secbrief", **({"Title": title} if title else {})}


def figure_bytes(fig: Figure, fmt: Format = "svg", *, dpi: int = 300, title: str | None = None) -> bytes:
    """Render ``fig`` to bytes in ``fmt`` with fixed metadata."""
    import matplotlib

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    from reports.figures.style import FONT_FAMILY

    buf = io.BytesIO()
    # Fonts are resolved when the figure is drawn, i.e. here, not when the chart was
    # built inside ``house_style``: pin the house fonts for the drawing too.
    with matplotlib.rc_context(
        {
            "svg.hashsalt": "secbrief",
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "font.family": "sans-serif",
            "font.sans-serif": FONT_FAMILY,
        }
    ):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt, title))
    return buf.getvalue()


def to_svg(fig: Figure, *, title: str | None = None) -> str:
    """SVG text of ``fig`` (for inlining into the brief's HTML)."""
    return figure_bytes(fig, "svg", title=title).decode("utf-8")


def save(fig: Figure, path: str | Path, *, fmt: Format | None = None, dpi: int = 300, title: str | None = None) -> Path:
    """Write ``fig`` to ``path`` atomically (temporary file, then rename)."""
    p = Path(path)
    fmt = fmt or p.suffix.lstrip(".").lower()  # type: ignore[assignment]
    data = figure_bytes(fig, fmt, dpi=dpi, title=title)  # type: ignore[arg-type]
    from reports.render import atomic_write

    atomic_write(p, data)
    return p
