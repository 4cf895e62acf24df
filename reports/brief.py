"""Build a brief: incidents → context → figures → HTML → PDF (+ numbers JSON).

Output names encode every parameter (``<kind>-<period>[-<region>].{pdf,html,json}``),
so two builds never overwrite each other's files. The files of one brief are written as a
set (:func:`reports.render.write_together`): all replaced, or none.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.errors import ConfigError, DataValidationError
from analysis.gazetteer import normalise_name
from analysis.incidents import Incidents
from analysis.periods import Period
from reports.config import Config


@dataclass
class Timings:
    """Seconds spent in each stage of a build."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the time spent inside the ``with`` block to stage ``name``."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - t0


#: Section of the brief each chart belongs to (others go under "Trends").
FIGURE_SECTIONS = {"groups-methods": "perpetrators", "map": "map", "outlook": "outlook"}


@dataclass(frozen=True)
class BriefResult:
    """Paths of the files a build wrote, and its stage timings."""

    pdf: Path
    html: Path
    json: Path | None
    timings: dict[str, float]
    notes_warnings: tuple[Any, ...] = ()


def output_stem(kind: str, period: Period, region: str | None) -> str:
    """``monthly-2025-01`` or ``monthly-2025-01-khyberpakhtunkhwa``."""
    stem = f"{kind}-{period.slug}"
    return f"{stem}-{normalise_name(region)}" if region else stem


def creation_date(inc: Incidents) -> str:
    """Document date: ``SOURCE_DATE_EPOCH`` when set, else the last date in the data (deterministic)."""
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    cov = inc.coverage
    return f"{cov[1]:%Y-%m-%d}T00:00:00Z" if cov else "1970-01-01T00:00:00Z"


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if hasattr(obj, "item"):
        return obj.item()
    return obj


def check_coverage(inc: Incidents, period: Period) -> None:
    """Raise :class:`ConfigError` when ``period`` lies wholly outside the dates the data cover.

    A brief of such a period would report "0 incidents" for days the dataset never
    recorded: not recorded is not zero.
    """
    cov = inc.coverage
    if cov is None:
        raise DataValidationError("the data hold no dated incident; there is nothing to brief", file=inc.path)
    if period.end < cov[0] or period.start > cov[1]:
        side = "after" if period.start > cov[1] else "before"
        raise ConfigError(
            f"period {period.slug} is outside the data's coverage: {period.label} is {side} "
            f"{cov[1] if side == 'after' else cov[0]:%Y-%m-%d}, and the data cover "
            f"{cov[0]:%Y-%m-%d} to {cov[1]:%Y-%m-%d}; choose a period inside it"
        )


def build_brief(
    inc: Incidents,
    period: Period,
    *,
    out_dir: Path,
    cfg: Config | None = None,
    region: str | None = None,
    emit_json: bool = False,
    template_dirs: tuple[Path, ...] = (),
    allow_rejects: bool = False,
    timings: Timings | None = None,
    pdf_renderer: Callable[..., bytes] | None = None,
    revisions: Any = None,
    figure_worker: Any = None,
    notes: Path | None = None,
    strict_notes: bool = False,
    write_pdf: bool = True,
    prepared: dict[str, Any] | None = None,
) -> BriefResult:
    """Build the brief of ``period`` (and ``region``) into ``out_dir``.

    Raises
    ------
    DataValidationError
        Rows were rejected and ``allow_rejects`` is false.
    RenderError
        The template, a figure or the PDF could not be produced.

    ``pdf_renderer`` replaces :func:`reports.render.html_to_pdf` (same signature), e.g.
    with a pre-forked worker. ``revisions`` is a :class:`reports.revisions.RevisionsSection`
    (figures of the previous brief of the series that the data now revise).
    ``figure_worker`` (a :class:`reports._prefork.FigureWorker`, closed by the caller)
    draws the charts in another process while the statistics are computed; the output
    is the same. ``notes`` is the analyst's commentary (else ``cfg.notes``; see
    :mod:`reports.notes`); ``strict_notes`` makes a typed number the brief does not show an error.
    ``write_pdf=False`` writes the HTML (and JSON) only; ``prepared`` (a dict the caller keeps)
    reuses the statistics, findings and charts of the previous call with the same data, period,
    region and configuration, so only the commentary and the page are redone (``secbrief preview``).
    """
    from analysis._assets import templates_dir
    from reports.context import FigureCtx, brief_kind, build_context
    from reports.figures import brief_figures
    from reports.render import html_to_pdf, render_html, write_together
    from reports.safe_export import csv_bytes

    cfg = cfg or Config()
    timings = timings or Timings()
    rep = inc.report
    if rep.rejected and not allow_rejects:
        first = rep.errors[0].one_line() if rep.errors else ""
        raise DataValidationError(
            f"{rep.rejected:,} rows were rejected (first: {first}); fix them, or build anyway with --allow-rejects "
            "(the brief then states how many rows were excluded)",
            file=rep.file,
        )
    check_coverage(inc, period)
    out_dir = Path(out_dir)

    def compute() -> tuple[Any, ...]:
        kind = brief_kind(period)
        frame = inc.frame if region is None else inc.frame.loc[inc.frame["province"] == region]
        from reports.figures import brief_boundaries

        boundaries = brief_boundaries(cfg.boundaries, region=region) if cfg.shows("map") else None
        options: dict[str, Any] = {"kind": kind, "boundaries": boundaries, "region": region, "events": cfg.events}
        drawn: list[Any]
        if figure_worker is not None:
            figure_worker.submit(frame, period, **options)
        else:
            with timings.stage("figures"):
                drawn = brief_figures(frame, period, **options)
        stem = output_stem(kind, period, region)
        rejects_path = out_dir / f"{stem}-rejected-rows.csv" if rep.rejected else None
        with timings.stage("analysis"):
            ctx = build_context(
                inc,
                period,
                cfg=cfg,
                region=region,
                rejects_name=rejects_path.name if rejects_path else None,
                revisions=revisions,
            )
        if figure_worker is not None:
            with timings.stage("figures_wait"):
                drawn = figure_worker.result()
            timings.stages["figures"] = figure_worker.seconds  # drawn on the other core
        source_line = f"Source: {inc.dataset}; secbrief. Data fingerprint {inc.fingerprint[:12]}."
        figs = tuple(
            FigureCtx(d.name, d.title, d.caption, d.alt, d.svg, source_line, FIGURE_SECTIONS.get(d.name, "trends"))
            for d in drawn
            if cfg.shows(FIGURE_SECTIONS.get(d.name, "trends"))
        )
        ctx = dataclasses.replace(ctx, figures=figs)
        # every number a chart shows is in the numbers JSON too
        ctx.numbers["figures"] = {d.name: d.numbers for d in drawn if cfg.shows(FIGURE_SECTIONS.get(d.name, "trends"))}
        hotspots = None
        if cfg.shows("hotspots"):
            from reports.hotspots import hot_spots_table

            with timings.stage("analysis"):
                hotspots = hot_spots_table(
                    frame, period, region=region, alpha=cfg.alpha, min_base=cfg.min_base, numbers=ctx.numbers
                )
        from reports.pageone import build_page_one

        with timings.stage("analysis"):
            page_one = build_page_one(frame, period, ctx.numbers, ctx.findings, alpha=cfg.alpha)
        page_one_map = next((f for f in ctx.figures if f.section == "map"), None)
        return kind, stem, rejects_path, ctx, hotspots, page_one, page_one_map

    # ``prepared`` (secbrief preview): everything but the commentary and the page is kept while the
    # data, period, region, configuration and output folder are the same
    key = (inc.fingerprint, period.slug, region, repr(cfg), str(out_dir), allow_rejects)
    if prepared is not None and revisions is None and prepared.get("key") == key:
        kind, stem, rejects_path, ctx, hotspots, page_one, page_one_map = prepared["value"]
    else:
        kind, stem, rejects_path, ctx, hotspots, page_one, page_one_map = compute()
        if prepared is not None:
            prepared.clear()
            prepared.update(key=key, value=(kind, stem, rejects_path, ctx, hotspots, page_one, page_one_map))
    commentary = _commentary(notes, cfg, ctx, period, kind, region, strict_notes)
    with timings.stage("render"):
        tdirs = tuple(Path(d) for d in template_dirs)
        logo = cfg.logo.as_uri() if cfg.logo else None
        values = {"ctx": ctx, "created": creation_date(inc), "logo": logo, "notes": commentary, "hotspots": hotspots}
        values |= {"page_one": page_one, "page_one_map": page_one_map}
        html = render_html(f"{kind}.html", values, template_dirs=tdirs)
        allowed = [*tdirs, templates_dir(), *([cfg.logo] if cfg.logo else [])]  # the logo file only
        base = tdirs[0] if tdirs else templates_dir()
        pdf = (
            (pdf_renderer or html_to_pdf)(
                html, base_dir=base, allowed=allowed, identifier=f"{stem}-{inc.fingerprint[:16]}"
            )
            if write_pdf
            else None
        )
    with timings.stage("write"):
        pdf_path, html_path = out_dir / f"{stem}.pdf", out_dir / f"{stem}.html"
        json_path = out_dir / f"{stem}.json" if emit_json else None
        outputs: dict[Path, bytes] = {}
        if rejects_path is not None:
            outputs[rejects_path] = csv_bytes(rep.rejected_rows)
        if json_path:
            outputs[json_path] = (json.dumps(_jsonable(ctx.numbers), indent=2, ensure_ascii=False) + "\n").encode()
        outputs[html_path] = html.encode("utf-8")
        if pdf is not None:
            outputs[pdf_path] = pdf
        write_together(outputs)  # the whole set or nothing: a failed build leaves the previous set whole
    return BriefResult(pdf_path, html_path, json_path, dict(timings.stages), commentary.warnings)


def _commentary(notes, cfg, ctx, period, kind, region, strict):  # noqa: ANN001, ANN202
    """The analyst's commentary rendered against this brief's numbers (empty without a notes file)."""
    from reports.notes import Commentary, notes_path, read_notes, render_notes

    path = Path(notes) if notes is not None else None
    if path is None and cfg.notes:
        path = notes_path(cfg.notes, period_slug=period.slug, kind=kind, region=region)
        if not path.is_file() and path != Path(cfg.notes):  # a pattern: months without notes are fine
            return Commentary()
    if path is None:
        return Commentary()
    return render_notes(read_notes(path), _jsonable(ctx.numbers), file=str(path), strict=strict)
