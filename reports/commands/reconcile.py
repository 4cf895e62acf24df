"""``secbrief reconcile A B``: two sources side by side, their incidents matched, the gap explained."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.commands._common import add_verbosity

if TYPE_CHECKING:
    import pandas as pd

EXAMPLE = """examples:
  secbrief reconcile ucdp-ged-pakistan.csv pakistan-suicide-attacks.csv --source-a ucdp \\
      --source-b profile:pakistan-suicide-attacks --period 2007..2017
  secbrief reconcile ucdp-ged-pakistan.csv pakistan-drone-strikes.csv --source-a ucdp \\
      --source-b profile:pakistan-drone-strikes --period 2004..2017 --region "North Waziristan,South Waziristan"
  secbrief reconcile mine.csv ucdp-ged-pakistan.csv --source-b ucdp --period 2015..2020 --format html,csv

Writes reconcile-<A>-<B>-<period>[-<region>].pdf/.html; with json (a default) the numbers file .json
(every number the report shows, from the analysis records); with csv -pairs.csv (links with their
match weights), -unmatched.csv (incidents only one source has, with the scope reason) and
-decomposition.csv (the gap per year and province, its parts adding up exactly)."""
FORMATS = ("pdf", "html", "csv", "json")
DEFAULT_FORMATS = "pdf,csv,json"


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
    p.add_argument(
        "--format",
        default=DEFAULT_FORMATS,
        help=f"comma-separated: {', '.join(FORMATS)} (default: {DEFAULT_FORMATS}); json is the numbers file: "
        "every number the report shows",
    )
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
    files = build_outputs(rec, a, b, formats, min_weight=weight)
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


def build_outputs(rec, a, b, formats: list[str], *, min_weight: float | None = None) -> dict[str, bytes]:
    """Every file asked for, as bytes, before any is written (no partial output on an error).

    ``min_weight`` is the match weight the links were chosen with (default ``MIN_MATCH_WEIGHT``).
    """
    from analysis.reconcile import MIN_MATCH_WEIGHT

    weight = MIN_MATCH_WEIGHT if min_weight is None else float(min_weight)
    stem = output_stem(rec, a, b)
    files: dict[str, bytes] = {}
    if "json" in formats:
        import json

        numbers = reconcile_numbers(rec, a, b, min_weight=weight)
        files[f"{stem}.json"] = (json.dumps(numbers, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode()
    if "csv" in formats:
        from reports.safe_export import csv_bytes  # descriptions are data: never a live formula

        files[f"{stem}-pairs.csv"] = csv_bytes(rec.pairs())
        unmatched = __import__("pandas").concat([rec.unmatched("a"), rec.unmatched("b")], ignore_index=True)
        files[f"{stem}-unmatched.csv"] = csv_bytes(unmatched)
        files[f"{stem}-decomposition.csv"] = csv_bytes(rec.decomposition)
    if "html" in formats or "pdf" in formats:
        from analysis._assets import templates_dir
        from reports.render import html_to_pdf, render_html

        ctx = build_context(rec, a, b, min_weight=weight)
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


@dataclass(frozen=True)
class Shown:
    """What the report picks from a reconciliation, shared by the template's context and the numbers file.

    Attributes
    ----------
    totals
        The decomposition summed over years and areas, indexed by measure.
    one_to_one, extra
        Links of each kind.
    unmatched_a, unmatched_b
        :meth:`~analysis.reconcile.Reconciliation.unmatched` of each side.
    disagreements
        One row per link group (an incident and its extra items), the largest differences in
        deaths first (at most 8): the pairs' columns plus ``extra`` (extra items in the group).
    only_a, only_b
        The deadliest unmatched incidents within the other source's definitions (at most 6).
    """

    totals: pd.DataFrame
    one_to_one: int
    extra: int
    unmatched_a: pd.DataFrame
    unmatched_b: pd.DataFrame
    disagreements: pd.DataFrame
    only_a: pd.DataFrame
    only_b: pd.DataFrame


def shown(rec) -> Shown:
    """Select what the report shows from ``rec`` (an :class:`analysis.reconcile.Reconciliation`)."""
    from analysis.reconcile import decomposition_by

    links = rec.matching.links
    ua, ub = rec.unmatched("a"), rec.unmatched("b")
    pairs = rec.pairs()
    # one line per group (an event and its extra items), tolls counted once per incident
    size = pairs.groupby("group")["group"].transform("size")
    groups = pairs.assign(extra=size - 1).sort_values(["group", "link"], ascending=[True, False], kind="mergesort")
    groups = groups.drop_duplicates("group")
    groups = groups.assign(abs_diff=(groups["group_a_killed"] - groups["group_b_killed"]).astype("Float64").abs())
    # Only pairs whose tolls differ: equal tolls are agreements, however few the differences.
    differ = groups.dropna(subset=["abs_diff"]).loc[lambda g: g["abs_diff"] > 0]
    worst = differ.sort_values(["abs_diff", "a_date"], ascending=[False, True]).head(8)
    only_a = ua.loc[ua["out_of_scope"].isna()].sort_values(["killed_total", "date"], ascending=[False, True]).head(6)
    only_b = ub.loc[ub["out_of_scope"].isna()].sort_values(["killed_total", "date"], ascending=[False, True]).head(6)
    return Shown(
        totals=decomposition_by(rec.decomposition, None).set_index("measure"),
        one_to_one=int((links["link"] == "one-to-one").sum()),
        extra=int((links["link"] == "extra").sum()),
        unmatched_a=ua,
        unmatched_b=ub,
        disagreements=worst,
        only_a=only_a,
        only_b=only_b,
    )


def build_context(rec, a, b, *, min_weight: float | None = None):  # -> ReconcileContext
    """Everything the reconciliation template shows, formatted (``min_weight``: the links' threshold)."""
    import pandas as pd

    from analysis.reconcile import COMPARISONS, EXTRA_MARGIN, MIN_MATCH_WEIGHT, definitions_frame
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
    weight = MIN_MATCH_WEIGHT if min_weight is None else float(min_weight)
    sel = shown(rec)
    totals, n_one, n_extra, ua, ub = sel.totals, sel.one_to_one, sel.extra, sel.unmatched_a, sel.unmatched_b
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
        svg=to_svg(fig),
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
        f"at a match weight of at least {weight:g}.",
        f"A: {fmt.integer(len(rec.a_frame))} incidents, {fmt.integer(len(rec.a_frame) - len(ua))} matched, "
        f"{fmt.integer(len(ua))} unmatched ({fmt.integer(len(ua) - in_scope_a)} outside B's definitions).",
        f"B: {fmt.integer(len(rec.b_frame))} incidents, {fmt.integer(len(rec.b_frame) - len(ub))} matched, "
        f"{fmt.integer(len(ub))} unmatched ({fmt.integer(len(ub) - in_scope_b)} outside A's definitions).",
        f"Match weight = prior ({rec.matching.prior_weight:.1f}) + one log2 Bayes factor each for {weights}; "
        "every link's parts are in the pairs CSV.",
    )
    disagreements = tuple(_pair_item(r) for _, r in sel.disagreements.iterrows())
    only_a, only_b = sel.only_a, sel.only_b
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
            extra_weight=f"{weight + EXTRA_MARGIN:g}",
            files=(
                f"A: {a.path} ({a.source}), SHA-256 {a.fingerprint}",
                f"B: {b.path} ({b.source}), SHA-256 {b.fingerprint}",
            ),
        ),
    )


# --- numbers file -------------------------------------------------------------------------------


def _count(v) -> int | None:
    """A count as printed (a whole number), ``None`` when not recorded (NA), never 0."""
    import pandas as pd

    if v is None or pd.isna(v):
        return None
    return int(round(float(v)))


def _text(v) -> str | None:
    return v if isinstance(v, str) else None


def _shares(values) -> dict | None:
    """The shares of a column's values as the definitions table prints them (``day 95%, week 5%``).

    ``percent`` is the whole percent printed, ``null`` with ``below_percent: 1`` for a share
    printed "<1%"; the table names at most the first four values and says "(every row)" for one.
    ``None`` when the column is blank in every row (not recorded).
    """
    vc = values.dropna().value_counts()
    if vc.empty:
        return None
    n = int(vc.sum())
    rows = []
    for k, v in vc.items():
        share = 100 * int(v) / n
        small = share < 0.5 and len(vc) > 1
        rows.append(
            {
                "value": str(k),
                "rows": int(v),
                "percent": None if small else int(f"{share:.0f}"),
                "below_percent": 1 if small else None,
            }
        )
    return {"values": rows, "rows_blank": int(values.isna().sum())}


def _decomposition_rows(table, key: str | None, measure: str) -> list[dict]:
    from analysis.reconcile import decomposition_by

    by = decomposition_by(table, key)
    out = []
    for _, r in by.loc[by["measure"] == measure].iterrows():
        row: dict = {key: (int(r[key]) if key == "year" else str(r[key]))} if key else {}
        for side in ("a", "b"):
            row[f"total_{side}"] = _count(r[f"total_{side}"])
            row[f"at_least_{side}"] = row[f"total_{side}"] is not None and int(r[f"blank_{side}"]) > 0
            row[f"blank_{side}"] = int(r[f"blank_{side}"])
        for c in ("gap", "from_only_a", "from_only_b", "from_matched", "from_scope"):
            row[c] = _count(r[c])
        out.append(row)
    return out


#: Definitions rows whose text can give shares of the rows read, and the column they count.
SHARE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date_precision", "date_precision"),
    ("method", "method"),
    ("initiator", "event_type"),
)


def reconcile_numbers(rec, a, b, *, min_weight: float | None = None) -> dict:
    """The numbers file: every number the reconciliation report shows, as plain JSON types.

    Built from the analysis records (the decomposition, the links, the unmatched incidents and
    the sources' rows), not from formatted text, at the precision printed: counts as whole
    numbers, match weights to 2 decimals, the prior weight to 1. A value a source does not
    record is ``null``, never 0; ``at_least`` says some incidents do not give the count.
    Descriptions are the sources' own text, truncated as printed.
    """
    from analysis.reconcile import COMPARISONS, EXTRA_MARGIN, MEASURES, MIN_MATCH_WEIGHT, definitions_frame
    from reports import __version__
    from reports import formatting as fmt
    from reports.figures.reconcile import yearly_totals

    weight = MIN_MATCH_WEIGHT if min_weight is None else float(min_weight)
    sel = shown(rec)
    day = "%Y-%m-%d"

    def side_total(measure: str, side: str) -> dict:
        t = sel.totals.loc[measure]
        value = _count(t[f"total_{side}"])
        return {"value": value, "at_least": value is not None and int(t[f"blank_{side}"]) > 0}

    k = sel.totals.loc["killed_total"]
    tables = {}
    for measure in MEASURES:
        for key in ("year", "area"):
            tables[f"{measure}_by_{key}"] = {
                "measure": measure,
                "by": rec.area if key == "area" else "year",
                "shown": (measure, key) in (("killed_total", "year"), ("killed_total", "area"), ("incidents", "year")),
                "rows": _decomposition_rows(rec.decomposition, key, measure),
                "total": _decomposition_rows(rec.decomposition, None, measure)[0],
            }

    def matching_side(frame, unmatched) -> dict:
        return {
            "incidents": len(frame),
            "matched": len(frame) - len(unmatched),
            "unmatched": len(unmatched),
            "outside": int(unmatched["out_of_scope"].notna().sum()),
        }

    def pair_side(r, side: str) -> dict:
        return {
            "date": r[f"{side}_date"],
            "place": r[f"{side}_place"],
            "killed": _count(r[f"group_{side}_killed"]),
            "killed_low": _count(r[f"{side}_killed_low"]),
            "killed_high": _count(r[f"{side}_killed_high"]),
            "description": fmt.truncate(_text(r[f"{side}_description"]) or "", 220),
        }

    def single(r) -> dict:
        return {
            "id": _text(r["incident_id"]),
            "date": r["date"],
            "place": r["place"],
            "killed_total": _count(r["killed_total"]),
            "description": fmt.truncate(_text(r["description"]) or "", 220),
        }

    defs = definitions_frame(rec.a, rec.b)
    return {
        "kind": "reconciliation",
        "software": {"name": "secbrief", "version": __version__},
        "period": {
            "label": rec.period.label,
            "asked": {"start": f"{rec.period.start:{day}}", "end": f"{rec.period.end:{day}}"},
            "compared": {"start": f"{rec.start:{day}}", "end": f"{rec.end:{day}}"},
        },
        "region": rec.region,
        "area": rec.area,
        "data_date": f"{max(a.coverage[1], b.coverage[1]):{day}}",
        "sources": {
            side: {
                "label": d.dataset,
                "source": inc.source,
                "path": None if inc.path is None else str(inc.path),
                "fingerprint": inc.fingerprint,
                "coverage": {"start": f"{inc.coverage[0]:{day}}", "end": f"{inc.coverage[1]:{day}}"},
            }
            for side, inc, d in (("a", a, rec.a), ("b", b, rec.b))
        },
        "summary": {
            "incidents": {side: side_total("incidents", side) for side in ("a", "b")},
            "killed_total": {side: side_total("killed_total", side) for side in ("a", "b")},
            "one_to_one": sel.one_to_one,
            "extra": sel.extra,
            "gap": {c: _count(k[c]) for c in ("gap", "from_scope", "from_only_a", "from_only_b", "from_matched")},
        },
        "notes": list(rec.notes),
        "definitions": {
            "rows": [{"aspect": r.aspect, "a": r.a, "b": r.b} for r in defs.itertuples()],
            # shares of the rows read, as the table prints them where it gives shares (the method and
            # initiator rows give them when the source records the column and does not fix it)
            **{name: {"a": _shares(a.frame[column]), "b": _shares(b.frame[column])} for name, column in SHARE_COLUMNS},
            "min_killed": {"a": rec.a.min_killed, "b": rec.b.min_killed},
        },
        "decomposition": tables,
        "figure": {
            "name": "reconcile-totals",
            "rows": [
                {
                    "measure": r["measure"],
                    "year": int(r["year"]),
                    "total_a": _count(r["total_a"]),
                    "a_in_scope": _count(r["a_in_scope"]),
                    "total_b": _count(r["total_b"]),
                }
                for _, r in yearly_totals(rec.decomposition).iterrows()
            ],
        },
        "matching": {
            "candidate_pairs": len(rec.matching.candidates),
            "one_to_one": sel.one_to_one,
            "extra": sel.extra,
            "min_weight": weight,
            "extra_min_weight": weight + EXTRA_MARGIN,
            "prior_weight": round(float(rec.matching.prior_weight), 1),
            "comparisons": [name for name, _ in COMPARISONS],
            "a": matching_side(rec.a_frame, sel.unmatched_a),
            "b": matching_side(rec.b_frame, sel.unmatched_b),
        },
        "disagreements": [
            {
                "group": int(r["group"]),
                "match_weight": round(float(r["match_weight"]), 2),
                "extra_items": int(r["extra"]),
                "a": pair_side(r, "a"),
                "b": pair_side(r, "b"),
            }
            for _, r in sel.disagreements.iterrows()
        ],
        "only_a": [single(r) for _, r in sel.only_a.iterrows()],
        "only_b": [single(r) for _, r in sel.only_b.iterrows()],
    }


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
    extra_weight: str = ""


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
