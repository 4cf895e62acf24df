"""The one exporter: format, size, dpi, fonts and metadata in one place.

Output is deterministic: no timestamps, fixed SVG ids (``svg.hashsalt``), fixed PDF
creation date, so the same data give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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


@contextmanager
def _svg_layout_once(fig: Figure) -> Iterator[None]:
    """Run ``fig``'s layout engine with the SVG renderer and keep it off inside the block.

    ``savefig`` of a figure with a layout engine draws it twice: once (with drawing
    disabled) to run the layout, then for real. Running the layout here, as that first
    pass does (SVG canvas, 72 dpi), gives the same positions and saves the first pass.
    The engine is put back afterwards, so other formats lay the figure out again.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        yield
        return
    canvas, dpi = fig.canvas, fig.dpi
    FigureCanvasSVG(fig)
    try:
        fig.dpi = 72  # what print_svg sets before it draws
        engine.execute(fig)
    finally:
        fig.dpi = dpi
        fig.set_canvas(canvas)
    # set_layout_engine("none") would leave a placeholder engine, and savefig would
    # still make its first pass; None (with the rc defaults off) removes the engine.
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


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
        with _svg_layout_once(fig) if fmt == "svg" else nullcontext():
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
