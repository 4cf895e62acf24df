"""The house style shared by every chart and by the brief's CSS.

Colours are the Okabe–Ito palette (colour-blind safe); categories are also told
apart by marker and line style so that charts read in greyscale.

References
----------
Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from analysis.measures import heading, label

Style = Literal["brief", "paper", "slides"]
STYLES: tuple[str, ...] = ("brief", "paper", "slides")

#: Okabe–Ito colours by role.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
#: Colour, line style and marker of each killed category (same in every chart and table).
_LOOK: dict[str, tuple[str, str, str | None]] = {  # colour, line style, marker
    "killed_security": (PALETTE["blue"], "-", "o"),
    "killed_civilians": (PALETTE["vermillion"], "--", "s"),
    "killed_militants": (PALETTE["green"], "-.", "^"),
    "killed_unknown": (PALETTE["grey"], ":", "D"),
    "killed_total": (PALETTE["black"], "-", None),
    "incidents": (PALETTE["orange"], "-", "o"),
    "injured_total": (PALETTE["purple"], "--", "v"),
}
#: Colour, line style, marker and label of each measure (same in every chart and table; labels
#: from :mod:`analysis.measures`, "All killed" where the categories are drawn beside the total).
CATEGORY_STYLE: dict[str, dict[str, str | None]] = {
    k: {
        "color": c,
        "linestyle": ls,
        "marker": mk,
        "label": "All killed" if k == "killed_total" else (heading(k) if k == "injured_total" else label(k)),
    }
    for k, (c, ls, mk) in _LOOK.items()
}
FONT_FAMILY = ["Noto Sans", "DejaVu Sans"]
#: The paper style as a matplotlib style file, for notebooks: ``plt.style.use(STYLE_FILE)``.
STYLE_FILE = Path(__file__).with_name("house.mplstyle")

_BASE = {
    "font.family": "sans-serif",
    "font.sans-serif": FONT_FAMILY,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.6,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.prop_cycle": None,  # set below
    "legend.frameon": False,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "lines.linewidth": 1.4,
    "lines.markersize": 3.0,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "svg.fonttype": "none",  # text stays text in SVG: searchable and editable
    "svg.hashsalt": "secbrief",  # stable ids in SVG output
    "pdf.fonttype": 42,  # TrueType fonts embedded in PDF
    "ps.fonttype": 42,
    "path.simplify": True,
    # Text from the data (a group named "$\\invalid{$") is always literal: no mathtext.
    "text.parse_math": False,
}
_SIZES = {
    "brief": {
        "font.size": 8.0,
        "axes.titlesize": 9.0,
        "axes.labelsize": 8.0,
        "legend.fontsize": 7.5,
        "xtick.labelsize": 7.0,
        "ytick.labelsize": 7.0,
    },
    "paper": {
        "font.size": 8.0,
        "axes.titlesize": 8.5,
        "axes.labelsize": 8.0,
        "legend.fontsize": 7.0,
        "xtick.labelsize": 7.0,
        "ytick.labelsize": 7.0,
    },
    "slides": {
        "font.size": 14.0,
        "axes.titlesize": 16.0,
        "axes.labelsize": 14.0,
        "legend.fontsize": 12.0,
        "xtick.labelsize": 12.0,
        "ytick.labelsize": 12.0,
        "lines.linewidth": 2.4,
        "lines.markersize": 5.0,
    },
}


def rc_params(style: Style = "brief") -> dict[str, object]:
    """Matplotlib rcParams of the house style."""
    from cycler import cycler

    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose from {', '.join(STYLES)}")
    rc = dict(_BASE)
    rc["axes.prop_cycle"] = cycler(
        color=[PALETTE[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky", "yellow", "black")]
    )
    rc.update(_SIZES[style])
    return rc


@contextmanager
def house_style(style: Style = "brief") -> Iterator[None]:
    """Apply the house style inside a ``with`` block (matplotlib ``rc_context``)."""
    import matplotlib

    # matplotlib types rc keys as a Literal of every rcParam name; ours are plain str.
    with matplotlib.rc_context(rc_params(style)):  # type: ignore[arg-type]
        yield
