"""Mapping profiles: a TOML file declaring how a user's own spreadsheet maps onto the schema.

A profile says how to read the file (encoding, delimiter, header row, rows to
skip, sheet), which column is which, how dates are written, value maps (e.g.
province spellings), constants (e.g. every row is a suicide bombing) and how
min/max columns become counts and ranges. ``docs/sources.md`` documents every key;
``secbrief profile init FILE`` drafts one from a file's header.

Naming a profile on the command line: ``--source path/to/profile.toml`` or, for the
profiles shipped in ``data/profiles/``, ``--source profile:NAME``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis import schema
from analysis._assets import data_file
from analysis.errors import ConfigError
from analysis.sources._mapping import (
    add_up,
    checked_numbers,
    mapped_rows,
    parse_dates,
    row_problems,
    split_non_incidents,
)
from analysis.sources._tabular import Table, read_header, read_records
from analysis.validate import MappedRows, Problem

PREFIX = "profile:"
RangeRule = Literal["max", "min"]
RANGE_RULES: tuple[str, ...] = ("max", "min")

_SECTIONS = {
    "profile": {"name", "description", "dataset", "detect"},
    "read": {"encoding", "delimiter", "header_row", "skip_rows", "sheet"},
    "columns": None,
    "set": None,
    "dates": {"formats"},
    "values": None,
    "ranges": None,
    "totals_row": {"detect"},
    # what the source records (analysis.capabilities): initiator = false, injured = false, ...
    "records": {
        "initiator",
        "method",
        "perpetrator",
        "victims",
        "injured",
        "description",
        "date_precision",
        "ranges",
    },
}


@dataclass(frozen=True)
class Range:
    """A count given as a min and a max column.

    ``total`` picks the count: ``"max"`` (the default) takes the max when given,
    else the min; ``"min"`` the other way round. For ``killed_total`` the min and
    max also become ``killed_low`` and ``killed_high``.
    """

    min: str
    max: str
    total: RangeRule = "max"


@dataclass(frozen=True)
class Profile:
    """A parsed mapping profile (see the module docstring and ``docs/sources.md``)."""

    name: str
    path: Path
    description: str = ""
    dataset: str | None = None
    detect: bool = False
    encoding: str = "utf-8"
    delimiter: str | None = None
    header_row: int = 1
    skip_rows: tuple[int, ...] = ()
    sheet: str | int | None = None
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    ranges: dict[str, Range] = field(default_factory=dict)
    detect_totals: bool = True
    #: What the source records, as ``[records]`` declares it (capability -> bool; the rest recorded).
    records: dict[str, bool] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """How this profile is named as a source (``profile:NAME`` when shipped, else its path)."""
        shipped = data_file("profiles", f"{self.name}.toml")
        if shipped.is_file() and shipped.resolve() == self.path.resolve():
            return PREFIX + self.name
        return str(self.path)

    def file_columns(self) -> list[str]:
        """Every column of the data file the profile reads."""
        out: list[str] = []
        for cols in self.columns.values():
            out.extend(cols)
        for r in self.ranges.values():
            out.extend([r.min, r.max])
        return list(dict.fromkeys(out))

    def matches(self, header: list[str]) -> bool:
        """True when ``header`` has every column the profile reads."""
        have = {" ".join(h.split()).casefold() for h in header}
        return all(" ".join(c.split()).casefold() in have for c in self.file_columns())

    def header_of(self, path: str | Path) -> list[str]:
        """The header of ``path`` as this profile reads it."""
        return read_header(
            path, encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet, header_row=self.header_row
        )

    def date_hint(self) -> str:
        """How a date should look in this profile's files (for error messages)."""
        example = date(1995, 11, 19).strftime(self.date_formats[0])
        fmts = " or ".join(self.date_formats)
        return f"a date like '{example}' (format {fmts}, as the profile {self.path.name} declares)"

    def read(self, path: str | Path) -> MappedRows:
        """Read ``path`` as this profile declares."""
        table = read_records(
            path, encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet, header_row=self.header_row
        )
        table.require(self.file_columns(), what=f"by the profile {self.path.name}")
        return _map(self, table)


# --------------------------------------------------------------------------- loading


def _fail(path: Path, message: str) -> ConfigError:
    return ConfigError(f"mapping profile: {message}", file=path)


def _str(path: Path, where: str, v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise _fail(path, f"{where} must be text, not {type(v).__name__}")
    return str(v)


def _check_keys(path: Path, section: str, got: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(got) - allowed)
    if unknown:
        raise _fail(
            path,
            f"[{section}] has unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
        )


def _schema_column(path: Path, section: str, name: str) -> schema.Field:
    try:
        return schema.field(name)
    except KeyError:
        raise _fail(
            path, f"[{section}] '{name}' is not a column of the schema; choose from {', '.join(schema.columns())}"
        ) from None


def load_profile(spec: str | Path) -> Profile:
    """Load a profile from a path or a shipped name (``profile:NAME`` or ``NAME``).

    Raises
    ------
    ConfigError
        The profile is missing, not valid TOML, or declares something unknown
        (the message names the file and the key).
    """
    path = profile_path(spec)
    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"not valid TOML ({exc})") from exc
    _check_keys(path, "top level", doc, set(_SECTIONS))
    for sec, keys in _SECTIONS.items():
        if sec in doc and not isinstance(doc[sec], dict):
            raise _fail(path, f"[{sec}] must be a table")
        if keys is not None and sec in doc:
            _check_keys(path, sec, doc[sec], keys)

    meta, read = doc.get("profile", {}), doc.get("read", {})
    columns: dict[str, tuple[str, ...]] = {}
    for name, v in doc.get("columns", {}).items():
        f = _schema_column(path, "columns", name)
        cols = (
            tuple(_str(path, f"[columns] {name}", x) for x in v)
            if isinstance(v, list)
            else (_str(path, f"[columns] {name}", v),)
        )
        if not cols:
            raise _fail(path, f"[columns] {name} names no column")
        if len(cols) > 1 and f.type not in ("integer", "string"):
            raise _fail(
                path, f"[columns] {name} can name only one column (several are added up for counts and joined for text)"
            )
        columns[name] = cols
    constants = {}
    for name, v in doc.get("set", {}).items():
        _schema_column(path, "set", name)
        constants[name] = _str(path, f"[set] {name}", v)
    values = {}
    for name, table in doc.get("values", {}).items():
        _schema_column(path, "values", name)
        if not isinstance(table, dict):
            raise _fail(path, f'[values.{name}] must be a table of "value in file" = "value to use"')
        values[name] = {str(k): _str(path, f"[values.{name}] {k}", x) for k, x in table.items()}
    ranges = {}
    for name, r in doc.get("ranges", {}).items():
        f = _schema_column(path, "ranges", name)
        if f.type != "integer" or name in ("killed_low", "killed_high"):
            raise _fail(path, f"[ranges.{name}] must name a count column such as killed_total or injured_total")
        if not isinstance(r, dict):
            raise _fail(path, f"[ranges.{name}] must be a table with min, max and total")
        _check_keys(path, f"ranges.{name}", r, {"min", "max", "total"})
        if "min" not in r or "max" not in r:
            raise _fail(path, f"[ranges.{name}] needs both min and max")
        rule = r.get("total", "max")
        if rule not in RANGE_RULES:
            raise _fail(path, f"[ranges.{name}] total = '{rule}' is not one of {', '.join(RANGE_RULES)}")
        ranges[name] = Range(_str(path, "min", r["min"]), _str(path, "max", r["max"]), rule)
    for name in values:
        if name not in columns:
            raise _fail(path, f"[values.{name}] maps values of '{name}', but [columns] does not read {name}")
    taken: dict[str, str] = {}
    for sec, names in (("columns", columns), ("set", constants), ("ranges", ranges)):
        for n in names:
            if n in taken:
                raise _fail(path, f"'{n}' is given twice, in [{taken[n]}] and [{sec}]")
            taken[n] = sec
    if "killed_total" in ranges:
        for n in ("killed_low", "killed_high"):
            if n in taken:
                raise _fail(path, f"'{n}' comes from [ranges.killed_total] and cannot also be in [{taken[n]}]")
    for n in ("incident_id", "date"):
        if n not in columns:
            raise _fail(path, f"[columns] must say which column holds {n}")
    records = {}
    for k, v in doc.get("records", {}).items():
        if not isinstance(v, bool):
            raise _fail(path, f"[records] {k} must be true or false")
        records[k] = v
    formats = doc.get("dates", {}).get("formats", ["%Y-%m-%d"])
    if isinstance(formats, str):
        formats = [formats]
    if not formats or not all(isinstance(x, str) and "%" in x for x in formats):
        raise _fail(path, '[dates] formats must be a list of strptime formats such as "%d/%m/%Y"')
    for fmt in formats:
        _check_date_format(path, fmt)
    header_row = read.get("header_row", 1)
    if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
        raise _fail(path, f"[read] header_row must be a whole number from 1, not {header_row!r}")
    skip = read.get("skip_rows", [])
    if not isinstance(skip, list) or not all(isinstance(x, int) and x > header_row for x in skip):
        raise _fail(path, "[read] skip_rows must be a list of row numbers below the header row")
    delimiter = read.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n'):
        raise _fail(
            path,
            f'[read] delimiter must be one character in quotes, such as "," or "\\t" '
            f"(not a quote or a line break), not {delimiter!r}",
        )
    sheet = read.get("sheet")
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, (str, int))):
        raise _fail(path, "[read] sheet must be a sheet name or number")
    detect = meta.get("detect", False)
    detect_totals = doc.get("totals_row", {}).get("detect", True)
    for key, v in (("[profile] detect", detect), ("[totals_row] detect", detect_totals)):
        if not isinstance(v, bool):
            raise _fail(path, f"{key} must be true or false")
    return Profile(
        name=str(meta.get("name", path.stem)),
        path=path,
        description=str(meta.get("description", "")),
        dataset=meta.get("dataset"),
        detect=detect,
        encoding=str(read.get("encoding", "utf-8")),
        delimiter=delimiter,
        header_row=header_row,
        skip_rows=tuple(skip),
        sheet=(sheet - 1 if isinstance(sheet, int) else sheet),
        columns=columns,
        constants=constants,
        date_formats=tuple(formats),
        values=values,
        ranges=ranges,
        detect_totals=detect_totals,
        records=records,
    )


_YEAR_DIRECTIVES = ("%Y", "%y", "%G")


def _check_date_format(path: Path, fmt: str) -> None:
    """Refuse a date format that cannot be read (an unknown directive) or that names no year."""
    sample = datetime(1995, 11, 19, 14, 30, 15, tzinfo=timezone(timedelta(hours=5)))
    try:
        written = sample.strftime(fmt)
        pd.to_datetime(pd.Series([written]), format=fmt)
    except ValueError as exc:
        bad = re.search(r"'(.)' is a bad directive", str(exc))
        first = " ".join(str(exc).split()).split(". ")[0]
        what = f"an unknown directive %{bad.group(1)}" if bad else f"a problem ({first})"
        raise _fail(
            path,
            f"[dates] format '{fmt}' has {what}; use strptime codes such as %d (day), %m (month), "
            "%b (month name), %Y (year)",
        ) from None
    if not any(d in fmt.replace("%%", "") for d in _YEAR_DIRECTIVES):
        raise _fail(
            path,
            f"[dates] format '{fmt}' names no year (%Y or %y), so every date would fall in 1900; "
            "add the year to the format, or add a year column to the file",
        )


def shipped_profiles() -> dict[str, Path]:
    """Profiles shipped in ``data/profiles``, by name."""
    folder = data_file("profiles")
    return {p.stem: p for p in sorted(folder.glob("*.toml"))} if folder.is_dir() else {}


def is_profile_spec(spec: str) -> bool:
    """True when a ``--source`` value names a profile (``profile:NAME`` or a ``.toml`` path)."""
    return spec.startswith(PREFIX) or spec.lower().endswith(".toml")


def profile_path(spec: str | Path) -> Path:
    """File of a profile named by path, ``profile:NAME`` or shipped ``NAME``."""
    text = str(spec)
    if text.startswith(PREFIX) or (not text.lower().endswith(".toml") and "/" not in text):
        name = text.removeprefix(PREFIX)
        shipped = shipped_profiles()
        if name not in shipped:
            raise ConfigError(
                f"no shipped mapping profile '{name}'; shipped: {', '.join(shipped) or 'none'} "
                "(or give the path of a .toml file)"
            )
        return shipped[name]
    path = Path(text)
    if not path.is_file():
        raise ConfigError("mapping profile not found", file=path)
    return path


@cache
def _shipped_detectable() -> tuple[Profile, ...]:
    return tuple(p for p in (load_profile(path) for path in shipped_profiles().values()) if p.detect)


def detectable_profiles() -> tuple[Profile, ...]:
    """Shipped profiles that take part in source detection (``detect = true``)."""
    return _shipped_detectable()


# --------------------------------------------------------------------------- mapping


def _apply_values(s: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """Replace values found in ``mapping`` (exact after trimming spaces, else ignoring case)."""
    if not mapping:
        return s
    text = s.astype("string").str.strip()
    exact = {k.strip(): v for k, v in mapping.items()}
    folded = {k.strip().casefold(): v for k, v in mapping.items()}
    hit = text.map(exact)
    hit = hit.fillna(text.str.casefold().map(folded))
    return hit.fillna(s.astype("string")).astype("string")


def _join(table: Table, cols: tuple[str, ...]) -> pd.Series:
    parts = [table.column(c).astype("string").str.strip() for c in cols]
    frame = pd.concat(parts, axis=1)
    return frame.apply(lambda r: "; ".join(v for v in r if isinstance(v, str) and v), axis=1).astype("string")


def _range(profile: Profile, table: Table, target: str, r: Range, problems: list[Problem]) -> dict[str, pd.Series]:
    lo = checked_numbers(table, r.min, target=target, problems=problems)
    hi = checked_numbers(table, r.max, target=target, problems=problems)
    reversed_ = (lo.notna() & hi.notna() & (lo > hi)).fillna(False).to_numpy(dtype=bool)
    used = hi if r.total == "max" else lo
    problems += row_problems(
        table,
        reversed_,
        "warning",
        "range_reversed",
        lambda i: (
            f"'{r.min}' {lo.iloc[i]:g} is above '{r.max}' {hi.iloc[i]:g}; "
            f"{target} uses the {r.total} ({used.iloc[i]:g}), both kept as given"
        ),
        column="killed_low" if target == "killed_total" else target,
        value=lambda i: f"{lo.iloc[i]:g}",
    )
    first, second = (hi, lo) if r.total == "max" else (lo, hi)
    out = {target: first.fillna(second)}
    if target == "killed_total":
        out["killed_low"], out["killed_high"] = lo, hi
    return out


def _map(profile: Profile, table: Table) -> MappedRows:
    file = str(table.path)
    problems: list[Problem] = []
    skip = np.isin(table.rows, profile.skip_rows)
    keys = [profile.columns[n][0] for n in ("incident_id", "date")]
    keep, excluded = split_non_incidents(table, keys, detect_totals=profile.detect_totals)
    keep &= ~skip
    excluded = sorted(
        [p for p in excluded if p.row not in profile.skip_rows]
        + [
            Problem(
                "warning",
                f"skipped: listed in skip_rows of {profile.path.name}",
                int(r),
                None,
                None,
                file,
                "skipped_row",
            )
            for r in table.rows[skip]
        ],
        key=lambda p: p.row or 0,
    )

    out: dict[str, pd.Series | str | None] = {}
    for name, cols in profile.columns.items():
        f = schema.field(name)
        if len(cols) > 1:
            out[name] = (
                add_up(table, cols, target=name, problems=problems) if f.type == "integer" else _join(table, cols)
            )
        else:
            out[name] = table.column(cols[0])
        if name in profile.values:
            out[name] = _apply_values(out[name], profile.values[name])
        if f.type == "date":
            out[name] = parse_dates(
                out[name], profile.date_formats, rows=table.rows, column=name, file=file, problems=problems
            )
    for name, r in profile.ranges.items():
        out.update(_range(profile, table, name, r, problems))
    for name, v in profile.constants.items():
        out[name] = v
    if profile.dataset and "dataset" not in out:
        out["dataset"] = str(profile.dataset)
    kept_rows = set(table.rows[keep].tolist())
    problems = [p for p in problems if p.row in kept_rows]
    return mapped_rows(
        table,
        keep,
        out,
        excluded=excluded,
        problems=problems,
        date_hint=profile.date_hint(),
        notes=[f"mapping profile {profile.path}"],
    )
