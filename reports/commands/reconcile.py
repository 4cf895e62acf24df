"""``secbrief reconcile A B``: two sources side by side, their incidents matched, the gap explained."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from reports.commands._common import add_verbosity

EXAMPLE = """examples:
  secbrief reconcile ucdp-ged-pakistan.csv pakistan-suicide-attacks.csv --source-a ucdp \\
      --source-b profile:pakistan-suicide-attacks --period 2007..2017
  secbrief reconcile ucdp-ged-pakistan.csv pakistan-drone-strikes.csv --source-a ucdp \\
      --source-b profile:pakistan-drone-strikes --period 2004..2017 --region "North Waziristan,South Waziristan"
  secbrief reconcile mine.csv ucdp-ged-pakistan.csv --source-b ucdp --period 2015..2020 --format html,csv

Writes reconcile-<A>-<B>-<period>[-<region>].pdf/.html and, with csv, -pairs.csv (links with their
match weights), -unmatched.csv (incidents only one source has, with the scope reason) and
-decomposition.csv (the gap per year and province, its parts adding up exactly)."""
FORMATS = ("pdf", "html", "csv")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reconcile",
        help="match the incidents of two sources and explain why their totals differ",
        description="Set two incident sources side by side: what each counts, which incidents both "
        "record (record linkage), and the difference per year and province split into incidents only "
        "in A, only in B, matched incidents with different tolls, and scope.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", type=Path, metavar="A", help="first incident file (CSV, Parquet, Excel)")
    p.add_argument("b", type=Path, metavar="B", help="second incident file")
    for side in ("a", "b"):
        p.add_argument(
            f"--source-{side}",
            metavar="NAME",
            default=None,
            help=f"source format of {side.upper()}: native, ucdp, acled, gtd, profile:NAME or a profile .toml; "
            "detected from the column names when omitted",
        )
    p.add_argument("--period", required=True, help="2010..2017, 2015, 2015-Q1 or 2015-01-01..2015-06-30")
    p.add_argument(
        "--region",
        default=None,
        help="a province or territory, or one or more districts separated by commas (any gazetteer spelling)",
    )
    p.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)")
    p.add_argument("--format", default="pdf,csv", help="comma-separated: pdf, html, csv (default: pdf,csv)")
    p.add_argument(
        "--min-weight",
        type=float,
        default=None,
        help="match weight (log2 odds) a pair needs to be linked (default 0: a match probability of one half)",
    )
    add_verbosity(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analysis.errors import ConfigError

    formats = [f.strip().lower() for f in str(args.format).split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ConfigError(f"--format '{args.format}': choose one or more of {', '.join(FORMATS)}")
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from analysis.reconcile import MIN_MATCH_WEIGHT, reconcile

    period = parse_period(args.period)
    a = load_incidents(args.a, source=args.source_a)
    b = load_incidents(args.b, source=args.source_b)
    weight = MIN_MATCH_WEIGHT if args.min_weight is None else float(args.min_weight)
    rec = reconcile(a, b, period, args.region, min_weight=weight)
    files = build_outputs(rec, a, b, formats)
    from reports.render import write_together

    out = Path(args.out)
    write_together({out / name: data for name, data in files.items()})  # the whole set or nothing
    if not args.quiet:
        for name in files:
            print(out / name)
    return 1 if (a.report.rejected or b.report.rejected) else 0


def source_slug(inc) -> str:  # inc: analysis.incidents.Incidents
    """Short name of a source for file names: ``ucdp``, ``pakistan-suicide-attacks``."""
    from analysis.gazetteer import normalise_name

    name = inc.source.removeprefix("profile:")
    if name.endswith(".toml"):
        name = Path(name).stem
    if name in ("native", "memory"):
        name = Path(inc.path or "data").name.split(".")[0]  # incidents.csv.gz -> incidents
    return normalise_name(name)


def output_stem(rec, a, b) -> str:
    """``reconcile-ucdp-pakistansuicideattacks-2007-2017[-region]``."""
    from analysis.gazetteer import normalise_name

    p = rec.period
    whole_years = (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
    if whole_years:
        when = str(p.start.year) if p.start.year == p.end.year else f"{p.start.year}-{p.end.year}"
    else:
        when = p.slug.replace("..", "-to-")
    stem = f"reconcile-{source_slug(a)}-{source_slug(b)}-{when}"
    return f"{stem}-{normalise_name(rec.region)}" if rec.region else stem


def build_outputs(rec, a, b, formats: list[str]) -> dict[str, bytes]:
    """Every file asked for, as bytes, before any is written (no partial output on an error)."""
    stem = output_stem(rec, a, b)
    files: dict[str, bytes] = {}
    if "csv" in formats:
        from reports.safe_export import csv_bytes  # descriptions are data: never a live formula

        files[f"{stem}-pairs.csv"] = csv_bytes(rec.pairs())
        unmatched = __import__("pandas").concat([rec.unmatched("a"), rec.unmatched("b")], ignore_index=True)
        files[f"{stem}-unmatched.csv"] = csv_bytes(unmatched)
        files[f"{stem}-decomposition.csv"] = csv_bytes(rec.decomposition)
    if "html" in formats or "pdf" in formats:
        from analysis._assets import templates_dir
        from reports.render import html_to_pdf, render_html

        ctx = build_context(rec, a, b)
        created = _created(a, b)
        html = render_html("reconcile.html", {"ctx": ctx, "created": created, "logo": None})
        if "html" in formats:
            files[f"{stem}.html"] = html.encode("utf-8")
        if "pdf" in formats:
            files[f"{stem}.pdf"] = html_to_pdf(
                html,
                base_dir=templates_dir(),
                allowed=[templates_dir()],
                identifier=f"{stem}-{a.fingerprint[:8]}{b.fingerprint[:8]}",
            )
    return files


def _created(a, b) -> str:
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    last = max(a.coverage[1], b.coverage[1])
    return f"{last:%Y-%m-%d}T00:00:00Z"


# --- context ------------------------------------------------------------------------------------


def _num(v, blank: int = 0) -> str:
    """A count, "not recorded" when NA, "at least N" when some incidents lack it."""
    import pandas as pd

    from reports import formatting as fmt

    if v is None or pd.isna(v):
        return "not recorded"
    return fmt.at_least(int(round(float(v))), blank > 0)


def _signed(v) -> str:
    import pandas as pd

    if v is None or pd.isna(v):
        return "n/a"
    n = int(round(float(v)))
    return f"+{n:,}" if n > 0 else (f"−{abs(n):,}" if n < 0 else "0")


DECOMPOSITION_COLUMNS = ("Total A", "Total B", "Gap A − B", "Only in A", "Only in B", "Matched", "Scope")


def decomposition_table(table, key: str, measure: str, label: str):
    """One measure of the decomposition by ``year`` or ``area``, with a total row."""
    from analysis.reconcile import decomposition_by
    from reports.context import Cell, Table

    def row(first: str, r) -> tuple:
        return (
            Cell(first, numeric=False),
            Cell(_num(r["total_a"], r["blank_a"])),
            Cell(_num(r["total_b"], r["blank_b"])),
            Cell(_signed(r["gap"])),
            Cell(_signed(r["from_only_a"])),
            Cell(_signed(r["from_only_b"])),
            Cell(_signed(r["from_matched"])),
            Cell(_signed(r["from_scope"])),
        )

    by = decomposition_by(table, key)
    by = by.loc[by["measure"] == measure]
    total = decomposition_by(table, None)
    total = total.loc[total["measure"] == measure].iloc[0]
    rows = tuple(row(str(r[key]), r) for _, r in by.iterrows())
    return Table(columns=(label, *DECOMPOSITION_COLUMNS), rows=rows, total=row("All", total))


def build_context(rec, a, b):  # -> ReconcileContext
    """Everything the reconciliation template shows, formatted."""
    import pandas as pd

    from analysis.reconcile import COMPARISONS, MIN_MATCH_WEIGHT, decomposition_by, definitions_frame
    from reports import __version__
    from reports import formatting as fmt
    from reports.context import Cell, FigureCtx, Table
    from reports.figures.export import to_svg
    from reports.figures.reconcile import plot_totals, yearly_totals

    la, lb = rec.a.dataset, rec.b.dataset
    period_label = f"{fmt.date(rec.start)} to {fmt.date(rec.end)}"
    defs = definitions_frame(rec.a, rec.b)
    definitions = Table(
        columns=("", f"A: {la}", f"B: {lb}"),
        rows=tuple((Cell(r.aspect, numeric=False), Cell(r.a, False), Cell(r.b, False)) for r in defs.itertuples()),
    )
    totals = decomposition_by(rec.decomposition, None).set_index("measure")
    links = rec.matching.links
    n_one = int((links["link"] == "one-to-one").sum())
    n_extra = int((links["link"] == "extra").sum())
    ua, ub = rec.unmatched("a"), rec.unmatched("b")
    k, i = totals.loc["killed_total"], totals.loc["incidents"]
    scope_drawn = bool((rec.decomposition["scope_a"].fillna(0) > 0).any())
    summary = (
        f"From {fmt.date(rec.start)} to {fmt.date(rec.end)}"
        + (f" in {rec.region}" if rec.region else "")
        + f", {la} (A) records {fmt.integer(i['total_a'])} incidents and {_num(k['total_a'], k['blank_a'])} deaths; "
        f"{lb} (B) records {fmt.integer(i['total_b'])} incidents and {_num(k['total_b'], k['blank_b'])} deaths. "
        f"{fmt.integer(n_one)} incidents are matched one-to-one"
        + (f" and {fmt.integer(n_extra)} more items join an incident already matched" if n_extra else "")
        + ". "
    )
    if not pd.isna(k["gap"]):
        summary += (
            f"The gap in deaths, A − B = {_signed(k['gap'])}, is {_signed(k['from_scope'])} from scope (incidents "
            f"outside the other source's definitions), {_signed(k['from_only_a'])} from incidents only A records, "
            f"{_signed(k['from_only_b'])} from incidents only B records and {_signed(k['from_matched'])} from "
            "different tolls for the same incidents."
        )
    else:
        summary += "Deaths are not recorded by one of the sources, so their gap cannot be decomposed."
    # figure
    yt = yearly_totals(rec.decomposition)
    fig = plot_totals(yt, label_a=f"A ({_short(la)})", label_b=f"B ({_short(lb)})", scope_drawn=scope_drawn)
    source_line = f"Sources: A {la}, B {lb}; secbrief. Fingerprints {a.fingerprint[:12]}, {b.fingerprint[:12]}."
    figure = FigureCtx(
        name="reconcile-totals",
        title="Both sources by year",
        caption="People killed (top) and incidents (bottom) per year in each source"
        + ("; dashed: A within B's definitions (matched or shown to be of B's kind)" if scope_drawn else "")
        + ". Years cut by the compared dates are partial.",
        alt=f"Line chart of deaths and incidents per year in {la} and {lb}.",
        svg=to_svg(fig, lean=True),
        source=source_line,
        section="reconcile",
    )
    area_label = "District" if rec.area == "district" else "Province"
    tables = (
        ("People killed by year", decomposition_table(rec.decomposition, "year", "killed_total", "Year")),
        (
            f"People killed by {area_label.lower()}",
            decomposition_table(rec.decomposition, "area", "killed_total", area_label),
        ),
        ("Incidents by year", decomposition_table(rec.decomposition, "year", "incidents", "Year")),
    )
    # matching summary
    weights = ", ".join(f"{name}" for name, _ in COMPARISONS)
    in_scope_a = int(ua["out_of_scope"].isna().sum())
    in_scope_b = int(ub["out_of_scope"].isna().sum())
    matching = (
        f"{fmt.integer(len(rec.matching.candidates))} candidate pairs (dates within both dates' precision plus "
        f"one day, same province); {fmt.integer(n_one)} linked one-to-one and {fmt.integer(n_extra)} extra items "
        f"at a match weight of at least {MIN_MATCH_WEIGHT:g}.",
        f"A: {fmt.integer(len(rec.a_frame))} incidents, {fmt.integer(len(rec.a_frame) - len(ua))} matched, "
        f"{fmt.integer(len(ua))} unmatched ({fmt.integer(len(ua) - in_scope_a)} outside B's definitions).",
        f"B: {fmt.integer(len(rec.b_frame))} incidents, {fmt.integer(len(rec.b_frame) - len(ub))} matched, "
        f"{fmt.integer(len(ub))} unmatched ({fmt.integer(len(ub) - in_scope_b)} outside A's definitions).",
        f"Match weight = prior ({rec.matching.prior_weight:.1f}) + one log2 Bayes factor each for {weights}; "
        "every link's parts are in the pairs CSV.",
    )
    pairs = rec.pairs()
    # one line per group (an event and its extra items), tolls counted once per incident
    size = pairs.groupby("group")["group"].transform("size")
    groups = pairs.assign(extra=size - 1).sort_values(["group", "link"], ascending=[True, False], kind="mergesort")
    groups = groups.drop_duplicates("group")
    groups = groups.assign(abs_diff=(groups["group_a_killed"] - groups["group_b_killed"]).astype("Float64").abs())
    worst = groups.dropna(subset=["abs_diff"]).sort_values(["abs_diff", "a_date"], ascending=[False, True]).head(8)
    disagreements = tuple(_pair_item(r) for _, r in worst.iterrows())
    only_a = ua.loc[ua["out_of_scope"].isna()].sort_values(["killed_total", "date"], ascending=[False, True]).head(6)
    only_b = ub.loc[ub["out_of_scope"].isna()].sort_values(["killed_total", "date"], ascending=[False, True]).head(6)
    return ReconcileContext(
        language="en",
        title=f"{la} and {lb}",
        kind="reconciliation",
        period_label=period_label,
        region_label=rec.region or "Pakistan",
        organisation="",
        synthetic=a.is_synthetic or b.is_synthetic,
        data_date=f"{fmt.date(max(a.coverage[1], b.coverage[1]))}",
        label_a=la,
        label_b=lb,
        summary=summary,
        notes=rec.notes,
        definitions=definitions,
        figure=figure,
        tables=tuple(TableBlock(t, tab) for t, tab in tables),
        decomposition_note=(
            "Gap A − B = only in A + only in B + matched + scope, exactly, in every row. Only in A/B: incidents one "
            "source has and the other's definitions include. Matched: A's minus B's toll for the incidents both "
            "record (for incidents: one event recorded as several items). Scope: incidents outside the other "
            "source's definitions. 'at least': some incidents do not give the count; 'not recorded': the source "
            "does not record it."
        ),
        matching=matching,
        disagreements=disagreements,
        only_a=tuple(_single_item(r) for _, r in only_a.iterrows()),
        only_b=tuple(_single_item(r) for _, r in only_b.iterrows()),
        methods=MethodsLite(
            software=f"secbrief {__version__}",
            files=(
                f"A: {a.path} ({a.source}), SHA-256 {a.fingerprint}",
                f"B: {b.path} ({b.source}), SHA-256 {b.fingerprint}",
            ),
        ),
    )


def _short(name: str) -> str:
    """A dataset name for a chart legend: without a trailing parenthesis, at most 32 characters."""
    import re

    name = re.sub(r"\s*\([^)]*\)$", "", name)
    return name if len(name) <= 32 else name[:30].rstrip() + "…"


def _pair_item(r) -> PairItem:
    from reports import formatting as fmt

    def n(v) -> str:
        import pandas as pd

        return "not recorded" if pd.isna(v) else fmt.integer(v)

    def with_range(side: str) -> str:
        """The group's toll; for a single link also the source's low-high range when it differs."""
        import pandas as pd

        text = n(r[f"group_{side}_killed"])
        lo, hi = r[f"{side}_killed_low"], r[f"{side}_killed_high"]
        if not r["extra"] and not (pd.isna(lo) or pd.isna(hi)) and (lo, hi) != (r[f"{side}_killed"],) * 2:
            text += f" ({fmt.integer(lo)}–{fmt.integer(hi)})"
        return text

    return PairItem(
        date_a=r["a_date"],
        date_b=r["b_date"],
        place_a=r["a_place"],
        place_b=r["b_place"],
        killed_a=with_range("a"),
        killed_b=with_range("b"),
        weight=f"{r['match_weight']:.2f}",
        extra=(f"+{int(r['extra'])} extra item{'s' if r['extra'] > 1 else ''}" if r["extra"] else ""),
        description_a=fmt.truncate(str(r["a_description"]) if isinstance(r["a_description"], str) else "", 220),
        description_b=fmt.truncate(str(r["b_description"]) if isinstance(r["b_description"], str) else "", 220),
    )


def _single_item(r) -> SingleItem:
    import pandas as pd

    from reports import formatting as fmt

    return SingleItem(
        date=r["date"],
        place=r["place"],
        killed="not recorded" if pd.isna(r["killed_total"]) else fmt.integer(r["killed_total"]),
        description=fmt.truncate(r["description"] if isinstance(r["description"], str) else "", 220),
    )


@dataclass(frozen=True)
class PairItem:
    """A matched pair as the disagreements list shows it."""

    date_a: str
    date_b: str
    place_a: str
    place_b: str
    killed_a: str
    killed_b: str
    weight: str
    extra: str
    description_a: str
    description_b: str


@dataclass(frozen=True)
class SingleItem:
    """An incident only one source records."""

    date: str
    place: str
    killed: str
    description: str


@dataclass(frozen=True)
class TableBlock:
    """A captioned table."""

    caption: str
    table: object


@dataclass(frozen=True)
class MethodsLite:
    """What the base template and the methods section need."""

    software: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class ReconcileContext:
    """Everything ``templates/reconcile.html`` shows, formatted."""

    language: str
    title: str
    kind: str
    period_label: str
    region_label: str
    organisation: str
    synthetic: bool
    data_date: str
    label_a: str
    label_b: str
    summary: str
    notes: tuple[str, ...]
    definitions: object
    figure: object
    tables: tuple[TableBlock, ...]
    decomposition_note: str
    matching: tuple[str, ...]
    disagreements: tuple[PairItem, ...]
    only_a: tuple[SingleItem, ...]
    only_b: tuple[SingleItem, ...]
    methods: MethodsLite
