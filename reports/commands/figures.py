"""``secbrief figures``: every chart of a brief as its own publication-ready file, with its data."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reports.commands._common import add_data_options, add_verbosity, region_argument

if TYPE_CHECKING:
    from reports.figures.export import Format

EXAMPLE = """examples:
  secbrief figures --period 2024 --out figs/                     every chart of the 2024 annual brief
  secbrief figures --period 2025-06 --only monthly-trend --width single --format pdf
  secbrief figures --period 2021 --data ../shared/data/ucdp-ged-pakistan.csv --source ucdp --style slides
  secbrief figures --period 2024 --boundaries provinces.geojson --only map
  secbrief figures --period 2024 --list

Beside each figure: <name>.csv holds exactly the values plotted, <name>.txt the title,
caption, source attribution and data fingerprint."""

FORMATS = ("pdf", "svg", "png")
WIDTHS = {"single": 3.5, "double": 7.2}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "figures",
        help="export the charts of a brief for papers and slides (PDF, SVG, PNG + CSV)",
        description="Write each chart of the brief of a month (2025-01), quarter (2025-Q1) or year "
        "(2025) as its own file, with a CSV of the values plotted and a caption file.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01 (monthly), 2025-Q1 (quarterly) or 2025 (annual)")
    p.add_argument("--region", default=None, help="a province or territory (any gazetteer spelling, e.g. KP)")
    p.add_argument("--out", type=Path, default=Path("figs"), help="output folder (default: figs/)")
    p.add_argument("--format", default="pdf,svg,png", help="comma-separated: pdf, svg, png (default: all three)")
    p.add_argument(
        "--width", default="double", help="single (3.5 in), double (7.2 in) or a width in inches (default: double)"
    )
    p.add_argument(
        "--style",
        default="paper",
        choices=["paper", "slides", "brief"],
        help="type sizes for a paper (default), slides or the brief",
    )
    p.add_argument("--dpi", type=int, default=300, help="resolution of PNG files (default: 300)")
    p.add_argument(
        "--boundaries", type=Path, default=None, help="GeoJSON of province or district polygons: adds the map"
    )
    p.add_argument("--only", default=None, metavar="NAME", help="export only these charts (comma-separated names)")
    p.add_argument(
        "--no-source-line",
        action="store_true",
        help="leave the source line out of the figure (it stays in the caption file)",
    )
    p.add_argument("--list", action="store_true", help="list the charts of this edition and exit")
    add_verbosity(p)
    p.set_defaults(run=run)


def parse_width(text: str) -> float:
    """``single`` → 3.5, ``double`` → 7.2, ``'5'`` → 5.0 inches (between 2 and 20)."""
    from analysis.errors import ConfigError

    if text in WIDTHS:
        return WIDTHS[text]
    try:
        w = float(text)
    except ValueError:
        raise ConfigError(f"--width '{text}' is not single, double or a number of inches") from None
    if not 2.0 <= w <= 20.0:
        raise ConfigError(f"--width {w:g} is outside 2 to 20 inches")
    return w


def parse_formats(text: str) -> list[Format]:
    from analysis.errors import ConfigError

    fmts = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ConfigError(f"--format '{text}': choose one or more of {', '.join(FORMATS)}")
    return cast("list[Format]", list(dict.fromkeys(fmts)))  # each one checked against FORMATS above


def caption_text(
    *,
    title: str,
    caption: str,
    source: str,
    fingerprint: str,
    period_label: str,
    region: str | None,
    style: str,
    width: float,
    version: str,
) -> str:
    """The caption file: title, what is counted, source attribution, data fingerprint."""
    return "\n".join(
        [
            title,
            "",
            caption,
            "",
            f"Period: {period_label}; area: {region or 'Pakistan'}.",
            f"Source: {source}",
            f"Data fingerprint (SHA-256): {fingerprint}",
            f"Drawn with secbrief {version}, style '{style}', width {width:g} in.",
            "",
        ]
    )


def _add_source_line(fig, text: str) -> None:  # fig: matplotlib.figure.Figure
    # A legend without entries, placed outside the axes, is the one text that
    # constrained layout makes room for: the source line can never overlap the chart.
    from matplotlib.lines import Line2D

    fig.legend(
        handles=[Line2D([], [], linestyle="none")],
        labels=[text],
        loc="outside lower left",
        frameon=False,
        fontsize="x-small",
        labelcolor="#555555",
        handlelength=0,
        handletextpad=0,
        borderaxespad=0.0,
        borderpad=0.2,
    )


def run(args: argparse.Namespace) -> int:
    from analysis.errors import ConfigError
    from analysis.periods import parse_period
    from reports import __version__
    from reports.context import brief_kind
    from reports.figures import brief_boundaries, registry

    period = parse_period(args.period)
    kind = brief_kind(period)
    width = parse_width(args.width)
    formats = parse_formats(args.format)
    if args.dpi < 72 or args.dpi > 1200:
        raise ConfigError(f"--dpi {args.dpi} is outside 72 to 1200")
    region = region_argument(args.region)
    boundaries = brief_boundaries(args.boundaries, region=region)  # national: the shipped map, as in the brief
    from reports.config import load_config

    events = load_config(None).events  # [[events]] of ./secbrief.toml, marked as in the brief
    specs = {n: s for n, s in registry(boundaries=boundaries, region=region, events=events).items() if kind in s.kinds}
    if args.list:
        for n, s in specs.items():
            print(f"{n:16s} {s.title}")
        if boundaries is None:
            print(f"{'map':16s} (needs --boundaries FILE)")
        return 0
    if args.only:
        wanted = [t.strip() for t in args.only.split(",") if t.strip()]
        unknown = [w for w in wanted if w not in specs]
        if unknown:
            hint = " (the map needs --boundaries FILE)" if "map" in unknown and boundaries is None else ""
            raise ConfigError(
                f"--only '{', '.join(unknown)}' is not a chart of the {kind} edition; "
                f"choose from {', '.join(specs)}{hint}"
            )
        specs = {n: specs[n] for n in wanted}
    return _export(args, specs, period, region, width, formats, __version__)


def _export(
    args: argparse.Namespace, specs: dict, period, region: str | None, width: float, formats: list[Format], version: str
) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.gazetteer import normalise_name
    from reports.commands._common import load, say
    from reports.figures.export import figure_bytes
    from reports.render import write_together
    from reports.safe_export import csv_bytes

    inc = load(args)
    from reports.brief import check_coverage

    check_coverage(inc, period)
    frame = inc.frame if region is None else inc.frame.loc[inc.frame["province"] == region]
    source = f"{inc.dataset} ({inc.source} format{', file ' + Path(inc.path).name if inc.path else ''}); secbrief."
    short_source = f"Source: {inc.dataset}; secbrief. Data fingerprint {inc.fingerprint[:12]}."
    out = Path(args.out)
    files: dict[Path, bytes] = {}  # written together at the end: every file or none
    suffix = f"-{period.slug}" + (f"-{normalise_name(region)}" if region else "")
    for name, spec in specs.items():
        data = spec.data(frame, period)
        fig = spec.plot(data, style=args.style, width=width)
        try:
            if not args.no_source_line:
                _add_source_line(fig, short_source)
            stem = out / f"{name}{suffix}"
            for fmt in formats:
                files[stem.with_suffix(f".{fmt}")] = figure_bytes(fig, fmt, dpi=args.dpi, title=spec.title)
        finally:
            plt.close(fig)
        files[stem.with_suffix(".csv")] = csv_bytes(data)
        text = caption_text(
            title=spec.title,
            caption=spec.caption(data, period),
            source=source,
            fingerprint=inc.fingerprint,
            period_label=period.label,
            region=region,
            style=args.style,
            width=width,
            version=version,
        )
        files[stem.with_suffix(".txt")] = text.encode("utf-8")
    write_together(files)
    for name in specs:
        say(args, f"wrote {out / (name + suffix)}.{{{','.join(formats)},csv,txt}}")
    if inc.report.rejected:
        say(args, f"note: {inc.report.rejected:,} rows were rejected by validation and are not in the figures")
        return 1
    return 0
