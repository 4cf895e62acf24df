"""The frozen run configuration, loaded from ``secbrief.toml``: the one reader of that file.

Every option has a default, so a brief builds without a file. Every table the
project documents is read here into one frozen :class:`Config`: ``[brief]``,
``[sections]``, ``[[batch]]`` and ``[store]`` (the dataset store; its rule lives
beside the store in :func:`analysis.store.store_table`). Unknown tables and keys
are errors (a typo must not be silently ignored), and so is a value of the wrong
type: ``alpha = "x"`` or ``map = "false"`` names the file and the key instead of
being read as something else.

Adding a table: write a ``_read_<name>(value, file) -> dict`` that returns the
:class:`Config` fields it sets, add the fields to :class:`Config`, and register the
function in :data:`TABLES`. :func:`typed` checks one value against a Python type.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
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
    "outlook",
    "revisions",
    "methods",
)

#: Image formats a logo may have, by their first bytes (an SVG is recognised by its root element).
LOGO_FORMATS = "PNG, JPEG or SVG"


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
    """Options of a brief, from every table of ``secbrief.toml``.

    Attributes
    ----------
    title, organisation, logo
        Shown on the cover; ``logo`` is a PNG, JPEG or SVG file inside the
        configuration file's folder (checked by content).
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
    batch
        Recurring briefs (``[[batch]]``).
    store
        Folder of the dataset store (``[store] dir``), ``None`` when not set.
    file
        The configuration file read (``None`` for the defaults).
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
    store: Path | None = None
    file: Path | None = None
    notes: str | None = None
    events: tuple[EventSpec, ...] = ()

    def shows(self, section: str) -> bool:
        """Whether ``section`` is shown (sections not named in the configuration are)."""
        return bool(self.sections.get(section, True))


_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}


def typed(value: Any, kind: type, *, file: Path, key: str) -> Any:
    """``value`` if it is of TOML type ``kind`` (an int is accepted as a float), else a :class:`ConfigError`.

    TOML keeps types, so ``map = "false"`` is a string, not false, and
    ``min_base = 1.5`` is not a whole number: both are errors naming the key.
    """
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok, value = True, float(value)
    if not ok:
        raise ConfigError(
            f"'{key}' must be {_TYPE_NAMES.get(kind, kind.__name__)}, not {value!r}", file=file, column=key
        )
    return value


def _looks_like(data: bytes) -> str | None:
    """The image format of ``data`` by its first bytes: ``png``, ``jpeg``, ``svg`` or ``None``."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")) and b"<svg" in head:
        return "svg"
    return None


def _logo(value: Any, file: Path) -> Path:
    """The logo's resolved path: a PNG, JPEG or SVG file inside the configuration's folder."""
    key = "brief.logo"
    text = typed(value, str, file=file, key=key)
    if "://" in text or text.lower().startswith(("data:", "file:")):
        raise ConfigError(
            f"logo must be a {LOGO_FORMATS} file in the configuration's folder, not a URL ({text!r})",
            file=file,
            column=key,
        )
    folder = file.parent.resolve()
    path = (folder / text).resolve()  # symlinks followed: the real file must be inside too
    if not path.is_relative_to(folder):
        raise ConfigError(
            f"logo {text!r} is outside the configuration's folder {folder}; copy the image there", file=file, column=key
        )
    if not path.is_file():
        raise ConfigError(f"logo {text!r} is not a file in {folder}", file=file, column=key)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise ConfigError(f"logo {text!r} cannot be read: {exc.strerror}", file=file, column=key) from exc
    if _looks_like(head) is None:
        raise ConfigError(
            f"logo {text!r} is not a {LOGO_FORMATS} image (checked by its content)", file=file, column=key
        )
    return path


#: ``[brief]`` keys and their TOML types (paths are strings, resolved against the file's folder).
BRIEF_KEYS: dict[str, type] = {
    "title": str,
    "organisation": str,
    "logo": str,
    "min_base": int,
    "alpha": float,
    "deadliest": int,
    "boundaries": str,
    "language": str,
    "notes": str,
}


def _table(value: Any, file: Path, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{name}' must be a table ([{name}])", file=file, column=name)
    return value


def _read_brief(value: Any, file: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in _table(value, file, "brief").items():
        if k not in BRIEF_KEYS:
            raise ConfigError(
                f"unknown option '{k}' in [brief]; known: {', '.join(sorted(BRIEF_KEYS))}",
                file=file,
                column=f"brief.{k}",
            )
        v = typed(v, BRIEF_KEYS[k], file=file, key=f"brief.{k}")
        if k == "logo":
            out[k] = _logo(v, file) if v else None
        elif k == "boundaries":
            out[k] = (file.parent / v).resolve() if v else None
        elif k == "notes":  # a path pattern ({period} ...): made absolute, filled in per brief
            out[k] = str(file.parent.resolve() / v) if v else None
        else:
            out[k] = v
    if "alpha" in out and not 0 < out["alpha"] < 1:
        raise ConfigError("alpha must be between 0 and 1", file=file, column="brief.alpha")
    for k in ("min_base", "deadliest"):
        if k in out and out[k] < 0:
            raise ConfigError(f"{k} must be 0 or more", file=file, column=f"brief.{k}")
    return out


def _read_sections(value: Any, file: Path) -> dict[str, Any]:
    sections = {s: True for s in SECTIONS}
    for k, v in _table(value, file, "sections").items():
        if k not in SECTIONS:
            raise ConfigError(f"unknown section '{k}'; sections are {', '.join(SECTIONS)}", file=file, column=k)
        sections[k] = typed(v, bool, file=file, key=f"sections.{k}")
    return {"sections": sections}


def _read_batch(value: Any, file: Path) -> dict[str, Any]:
    if not isinstance(value, list):
        raise ConfigError("'batch' must be a list of tables ([[batch]])", file=file, column="batch")
    batches = []
    for i, b in enumerate(value, start=1):
        b = _table(b, file, "batch")
        unknown = set(b) - {"periods", "regions", "kinds"}
        if unknown or "periods" not in b:
            raise ConfigError(
                f"[[batch]] number {i} needs 'periods' (and optionally 'regions', 'kinds'); "
                f"unknown: {', '.join(sorted(unknown)) or 'none'}",
                file=file,
                column="batch",
            )
        kinds = b.get("kinds", ["monthly"])
        kinds = [kinds] if isinstance(kinds, str) else typed(kinds, list, file=file, key="batch.kinds")
        batches.append(
            BatchSpec(
                typed(b["periods"], str, file=file, key="batch.periods"),
                typed(b.get("regions", "national"), str, file=file, key="batch.regions"),
                tuple(typed(k, str, file=file, key="batch.kinds") for k in kinds),
            )
        )
    return {"batch": tuple(batches)}


def _read_store(value: Any, file: Path) -> dict[str, Any]:
    from analysis.store import store_table

    return {"store": store_table(value, file)}


def _read_events(items: Any, p: Path) -> dict[str, Any]:
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
    return {"events": tuple(sorted(out, key=lambda ev: ev.date))}


#: Table name → reader returning the :class:`Config` fields it sets.
TABLES: dict[str, Callable[[Any, Path], dict[str, Any]]] = {
    "brief": _read_brief,
    "sections": _read_sections,
    "batch": _read_batch,
    "store": _read_store,
    "events": _read_events,
}


#: Largest configuration file read (a real one is a few hundred bytes).
MAX_CONFIG_BYTES = 1_000_000


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; a :class:`ConfigError` naming the file when it cannot be read.

    Only a regular file of at most :data:`MAX_CONFIG_BYTES` is read: ``/dev/zero`` or a
    named pipe given as ``--config`` is refused instead of filling memory or waiting.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        raise ConfigError("configuration file is not a regular file (a device or a pipe?)", file=path)
    try:
        if path.is_file() and path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"configuration file is larger than {MAX_CONFIG_BYTES:,} bytes", file=path)
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", file=path) from exc
    except IsADirectoryError as exc:
        raise ConfigError("configuration file is a folder", file=path) from exc
    except OSError as exc:
        raise ConfigError(f"configuration file cannot be read: {exc.strerror}", file=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=path) from exc


def load_config(path: str | Path | None) -> Config:
    """Read ``secbrief.toml`` (every table); defaults when ``path`` is None and ./secbrief.toml does not exist."""
    if path is None:
        default = Path.cwd() / "secbrief.toml"
        if not default.is_file():
            return Config()
        path = default
    p = Path(path)
    raw = read_toml(p)
    unknown_tables = set(raw) - set(TABLES)
    if unknown_tables:
        raise ConfigError(
            f"unknown table(s) {', '.join(sorted(unknown_tables))}; known: {', '.join(TABLES)}",
            file=p,
            column=sorted(unknown_tables)[0],
        )
    values: dict[str, Any] = {"file": p}
    for name, value in raw.items():
        values.update(TABLES[name](value, p))
    known = {f.name for f in fields(Config)}
    assert set(values) <= known, set(values) - known
    return replace(Config(), **values)
