"""Load an incident file: detect or take its source, map, validate, fingerprint.

A source is named by one of

- a built-in format: ``native``, ``ucdp``, ``acled``, ``gtd``;
- a shipped mapping profile: ``profile:NAME`` (``data/profiles/NAME.toml``);
- a mapping profile file: any path ending in ``.toml``.

When no source is given it is detected from the file's column names: the built-in
formats and the shipped profiles marked ``detect = true`` are tried, and exactly one
must fit. The report's notes say which source was used and how it was chosen.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from analysis.errors import SourceFormatError
from analysis.incidents import Incidents, fingerprint
from analysis.sources import SOURCES
from analysis.sources._tabular import read_header
from analysis.validate import MappedRows, validate_rows


def source_names() -> list[str]:
    """Every name ``--source`` accepts without a path: built-in formats and shipped profiles."""
    from analysis.sources.profile import PREFIX, shipped_profiles

    return [*SOURCES, *(PREFIX + n for n in shipped_profiles())]


def detect_source(path: str | Path) -> str:
    """Name of the source whose columns the file has; error when none or several fit.

    Returns a built-in name (``ucdp``) or a shipped profile (``profile:NAME``).
    """
    from analysis.sources.profile import PREFIX, detectable_profiles

    p = Path(path)
    header = read_header(p)
    fits = [name for name, mod in SOURCES.items() if mod.matches(header)]
    for prof in detectable_profiles():
        try:
            prof_header = (
                header if (prof.header_row, prof.delimiter, prof.sheet) == (1, None, None) else prof.header_of(p)
            )
        except SourceFormatError:
            continue
        if prof.matches(prof_header):
            fits.append(PREFIX + prof.name)
    if len(fits) == 1:
        return fits[0]
    if not fits:
        _fits_another_sheet(p)
        shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
        raise SourceFormatError(
            f"columns ({shown}) match no known source ({', '.join(source_names())}); pass --source, "
            "or write a mapping profile (secbrief profile init FILE)",
            file=p,
        )
    raise SourceFormatError(f"columns fit several sources ({', '.join(fits)}); pass --source", file=p)


def _fits_another_sheet(path: Path) -> None:
    """When a workbook's first sheet fits no source but another sheet does, say which and what to do."""
    from analysis.sources._tabular import sheet_names

    names = sheet_names(path)
    for name in names[1:]:
        try:
            header = read_header(path, sheet=name)
        except SourceFormatError:
            continue
        fits = [n for n, mod in SOURCES.items() if mod.matches(header)]
        if fits:
            raise SourceFormatError(
                f"its first sheet '{names[0]}' holds no incident table, but sheet '{name}' has the columns "
                f"of a {fits[0]} file: move that sheet first, or read it with a mapping profile that "
                f'declares [read] sheet = "{name}"',
                file=path,
            )


def read_mapped(path: str | Path, source: str) -> tuple[str, MappedRows]:
    """Read ``path`` as ``source`` without validating; returns the source's display name too."""
    from analysis.sources.profile import is_profile_spec, load_profile

    if source in SOURCES:
        mapped = SOURCES[source].read(path)
        return source, mapped if isinstance(mapped, MappedRows) else MappedRows(frame=mapped)
    if is_profile_spec(source):
        prof = load_profile(source)
        return prof.source, prof.read(path)
    raise SourceFormatError(
        f"unknown source '{source}'; choose one of {', '.join(source_names())}, or give a profile's .toml path",
        file=path,
    )


def load_incidents(path: str | Path, *, source: str | None = None, merge_fata: bool = True) -> Incidents:
    """Read ``path`` into canonical incidents.

    Parameters
    ----------
    path
        CSV (optionally .gz), Parquet or Excel (.xlsx) file.
    source
        ``native``, ``ucdp``, ``acled``, ``gtd``, ``profile:NAME`` or a profile's
        ``.toml`` path; detected from the columns when ``None``.
    merge_fata
        Report the historical FATA as part of Khyber Pakhtunkhwa (default).

    Returns
    -------
    Incidents
        Accepted rows plus the validation report (rejected rows, excluded rows and
        the notes saying which source was used are in the report).

    Raises
    ------
    SourceFormatError
        The file cannot be read as the source (or no source fits).
    ConfigError
        A named mapping profile is missing or invalid.
    """
    p = Path(path)
    how = "given"
    if source is None:
        source = detect_source(p)
        how = "detected from the column names"
    name, mapped = read_mapped(p, source)
    if len(mapped.frame) == 0:
        what = (
            f" ({len(mapped.excluded)} row{'s' if len(mapped.excluded) != 1 else ''} excluded: "
            f"{mapped.excluded[0].message}{', ...' if len(mapped.excluded) > 1 else ''})"
            if mapped.excluded
            else ""
        )
        raise SourceFormatError(f"has a header but no incident rows{what}", file=p)
    frame, report = validate_rows(mapped, file=str(p), source=name, merge_fata=merge_fata)
    report = dataclasses.replace(report, notes=(f"source {name} ({how})", *report.notes))
    return Incidents(frame=frame, fingerprint=fingerprint(frame), source=name, path=str(p), report=report)
