"""The frozen run configuration, loaded from ``secbrief.toml``.

Every option has a default, so a brief builds without a file. Unknown keys are an
error (a typo must not be silently ignored).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from analysis.errors import ConfigError

SECTIONS: tuple[str, ...] = (
    "headline",
    "findings",
    "provinces",
    "hotspots",
    "trends",
    "perpetrators",
    "deadliest",
    "map",
    "revisions",
    "methods",
)


@dataclass(frozen=True)
class BatchSpec:
    """A recurring set of briefs (``[[batch]]`` in ``secbrief.toml``)."""

    periods: str
    regions: str = "national"
    kinds: tuple[str, ...] = ("monthly",)


@dataclass(frozen=True)
class EventSpec:
    """A notable event (``[[events]]`` in ``secbrief.toml``), marked on the trend charts.

    ``region`` (a province, any gazetteer spelling, canonical here) limits it to briefs of
    that province and the national brief; without it the event shows in every brief.
    """

    date: str  # ISO date, e.g. "2025-06-14"
    label: str
    region: str | None = None


@dataclass(frozen=True)
class Config:
    """Options of a brief.

    Attributes
    ----------
    title, organisation, logo
        Shown on the cover; ``logo`` is a path to an image (PNG/SVG) relative to the config file.
    sections
        Section name → shown or not.
    min_base
        Smallest comparison count for which a percent change is printed.
    alpha
        Level of the tests (intervals have coverage ``1 - alpha``).
    deadliest
        How many incidents the "deadliest incidents" list shows.
    boundaries
        GeoJSON file of province (or district) polygons for the map; no map when empty.
    language
        Document language (for the tagged PDF).
    events
        Notable events (``[[events]]``: date, label, optional region) marked on the trend charts.
    notes
        The analyst's commentary (Markdown), relative to the config file; ``{period}``,
        ``{kind}`` and ``{region}`` are filled in (``"notes/{period}.md"``). See ``reports.notes``.
    """

    title: str = "Security Brief"
    organisation: str = ""
    logo: Path | None = None
    sections: dict[str, bool] = field(default_factory=lambda: {s: True for s in SECTIONS})
    min_base: int = 10
    alpha: float = 0.05
    deadliest: int = 10
    boundaries: Path | None = None
    language: str = "en"
    batch: tuple[BatchSpec, ...] = ()
    notes: str | None = None
    events: tuple[EventSpec, ...] = ()

    def shows(self, section: str) -> bool:
        """Whether ``section`` is shown (sections not named in the configuration are)."""
        return bool(self.sections.get(section, True))


def load_config(path: str | Path | None) -> Config:
    """Read ``secbrief.toml`` (``[brief]`` table and ``[sections]``); defaults when ``path`` is None."""
    if path is None:
        default = Path.cwd() / "secbrief.toml"
        if not default.is_file():
            return Config()
        path = default
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", file=p) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=p) from exc
    brief: dict[str, Any] = dict(raw.get("brief", {}))
    known = {f.name for f in fields(Config)} - {"sections"}
    for k in brief:
        if k not in known:
            raise ConfigError(f"unknown option '{k}' in [brief]; known: {', '.join(sorted(known))}", file=p)
    cfg = Config()
    for k in ("logo", "boundaries"):
        if brief.get(k):
            brief[k] = (p.parent / brief[k]).resolve()
    if brief.get("notes"):  # a path pattern ({period} ...): made absolute, filled in per brief
        brief["notes"] = str(p.parent.resolve() / str(brief["notes"]))
    sections = dict(cfg.sections)
    for k, v in raw.get("sections", {}).items():
        if k not in SECTIONS:
            raise ConfigError(f"unknown section '{k}'; sections are {', '.join(SECTIONS)}", file=p)
        sections[k] = bool(v)
    batches = []
    for i, b in enumerate(raw.get("batch", []), start=1):
        unknown = set(b) - {"periods", "regions", "kinds"}
        if unknown or "periods" not in b:
            raise ConfigError(
                f"[[batch]] number {i} needs 'periods' (and optionally 'regions', 'kinds'); "
                f"unknown: {', '.join(sorted(unknown)) or 'none'}",
                file=p,
            )
        kinds = b.get("kinds", ["monthly"])
        batches.append(
            BatchSpec(
                str(b["periods"]),
                str(b.get("regions", "national")),
                tuple([kinds] if isinstance(kinds, str) else kinds),
            )
        )
    events = _events(raw.get("events", []), p)
    unknown_tables = set(raw) - {"brief", "sections", "batch", "events"}
    if unknown_tables:
        raise ConfigError(
            f"unknown table(s) {', '.join(sorted(unknown_tables))}; known: brief, sections, batch, events", file=p
        )
    try:
        cfg = replace(cfg, **brief, sections=sections, batch=tuple(batches), events=events)
    except TypeError as exc:
        raise ConfigError(str(exc), file=p) from exc
    if not 0 < cfg.alpha < 1:
        raise ConfigError("alpha must be between 0 and 1", file=p, column="alpha")
    return cfg


def _events(items: Any, p: Path) -> tuple[EventSpec, ...]:
    """``[[events]]``: each with a date (TOML date or ``"YYYY-MM-DD"``), a label and optionally a region."""
    import datetime as dt

    from analysis.gazetteer import resolve_province

    if not isinstance(items, list):
        raise ConfigError("'events' must be an array of tables: [[events]] date = 2025-06-14, label = ...", file=p)
    out = []
    for i, e in enumerate(items, start=1):
        where = f"[[events]] number {i}"
        if not isinstance(e, dict) or set(e) - {"date", "label", "region"} or not {"date", "label"} <= set(e):
            keys = ", ".join(sorted(e)) if isinstance(e, dict) else type(e).__name__
            raise ConfigError(f"{where} needs 'date' and 'label' (and optionally 'region'); has: {keys}", file=p)
        when = e["date"]
        if isinstance(when, dt.datetime):
            when = when.date()
        if isinstance(when, str):
            try:
                when = dt.date.fromisoformat(when.strip())
            except ValueError:
                raise ConfigError(f"{where}: date '{e['date']}' is not YYYY-MM-DD", file=p, column="date") from None
        if not isinstance(when, dt.date):
            raise ConfigError(f"{where}: date must be a date like 2025-06-14", file=p, column="date")
        label = e["label"]
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(f"{where}: 'label' must be a non-empty text", file=p, column="label")
        region = e.get("region")
        if region is not None:
            canonical = resolve_province(str(region))
            if canonical is None:
                raise ConfigError(f"{where}: region '{region}' is not a known province", file=p, column="region")
            region = canonical
        out.append(EventSpec(when.isoformat(), " ".join(label.split()), region))
    return tuple(sorted(out, key=lambda ev: ev.date))
