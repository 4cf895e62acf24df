"""Options and helpers shared by several verbs."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class VersionRef:
    """A stored dataset version named on the command line: ``v3``, ``latest``, ``version:<fp>``."""

    ref: str

    def __str__(self) -> str:
        return self.ref


def data_argument(text: str) -> Path | VersionRef:
    """Argument type of ``--data`` (and ``diff OLD NEW``): a file, or a version of the store.

    ``version:<x>`` is always a version. ``v3``, ``latest`` and ``latest~1`` are
    versions unless a file of that name exists, which is an error (write ``./v3``
    for the file or ``version:v3`` for the version). Anything else is a file.
    """
    from analysis.store import is_version_ref

    if text.strip().lower().startswith("version:"):
        return VersionRef(text.strip())
    if is_version_ref(text) and "/" not in text:
        if Path(text).exists():
            raise argparse.ArgumentTypeError(
                f"'{text}' is both a file and a version name; write ./{text} for the file "
                f"or version:{text} for the version"
            )
        return VersionRef(text.strip())
    return Path(text)


def add_store_option(p: argparse.ArgumentParser) -> None:
    """``--store DIR``: the dataset-version store (see docs/versions.md)."""
    p.add_argument(
        "--store",
        metavar="DIR",
        default=None,
        help="store of dataset versions (default: $SECBRIEF_STORE, else [store] dir in "
        "secbrief.toml, else the per-user data folder)",
    )


def add_data_options(p: argparse.ArgumentParser) -> None:
    """``--data FILE|VERSION``, ``--source NAME`` and ``--store DIR``, for every verb that reads incidents."""
    p.add_argument(
        "--data",
        metavar="FILE|VERSION",
        type=data_argument,
        default=None,
        help="incident file (CSV, Parquet, Excel) or a stored version (v3, latest, latest~1, "
        "version:<fingerprint prefix>); default: the shipped synthetic demo data",
    )
    add_source_option(p, "--data")
    add_store_option(p)


class _MaxBytes(argparse.Action):
    """``--max-bytes SIZE``: sets the reading limit for this process and any worker it starts."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        import os

        from analysis.sources._tabular import MAX_BYTES_ENV, parse_size

        try:
            size = parse_size(str(values))
        except ValueError as exc:
            parser.error(f"{option_string}: {exc}")
        os.environ[MAX_BYTES_ENV] = str(size)
        setattr(namespace, self.dest, size)


def add_max_bytes_option(p: argparse.ArgumentParser) -> None:
    """``--max-bytes SIZE``: most bytes a data file may expand to when read (docs/sources.md)."""
    p.add_argument(
        "--max-bytes",
        metavar="SIZE",
        action=_MaxBytes,
        default=None,
        help="refuse a data file that is, or expands to, more than SIZE (e.g. 500MB, 4GB; default 1GB, "
        "or $SECBRIEF_MAX_BYTES): a guard against decompression bombs",
    )


def add_source_option(p: argparse.ArgumentParser, what: str = "the file") -> None:
    """``--source``: a built-in format, a shipped profile or a profile file (see docs/sources.md)."""
    add_max_bytes_option(p)
    p.add_argument(
        "--source",
        metavar="NAME",
        default=None,
        help=f"source format of {what}: native, ucdp, acled, gtd, profile:NAME (a shipped mapping "
        "profile, see 'secbrief profile list') or the path of a profile .toml; "
        "detected from the column names when omitted",
    )


def region_argument(text: str | None) -> str | None:
    """The province or territory ``--region`` names (any gazetteer spelling); ``None`` without one.

    Raises
    ------
    analysis.errors.ConfigError
        The name is not in the gazetteer.
    """
    if not text:
        return None
    from analysis.errors import ConfigError
    from analysis.gazetteer import resolve_province

    region = resolve_province(text)
    if region is None:
        raise ConfigError(f"--region '{text}' is not a known province or territory")
    return region


def add_verbosity(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    g.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def load_data(
    data: Path | VersionRef | str | None, *, source: str | None = None, store: str | Path | None = None
):  # -> analysis.incidents.Incidents
    """Load a file, a stored version, or (``None``) the demo data."""
    from analysis.demo import demo_path
    from analysis.errors import ConfigError
    from analysis.io import load_incidents

    if isinstance(data, str):
        data = data_argument(data)
    if isinstance(data, VersionRef):
        from analysis.store import Store

        inc = Store.open(store).load(data.ref)
        if source is not None and source != inc.source:
            raise ConfigError(
                f"--source {source} does not apply to version {data.ref}, which was read as {inc.source} at ingest"
            )
        return inc
    path = data if data is not None else demo_path()
    return load_incidents(path, source=source)


def data_key(
    data: Path | VersionRef | str | None, *, source: str | None = None, store: str | Path | None = None
) -> tuple[str, ...]:
    """What identifies ``--data`` without reading its rows (for cache keys; no pandas import).

    A version: ``("version", fingerprint)``. A file (or the demo data when ``None``):
    ``("file", sha256 of its bytes, absolute path, source, sha256 of a profile file given
    as source)``. Equal keys mean
    :func:`load_data` gives the same incidents (with the same secbrief code, which the
    cache's environment stamp covers).
    """
    from analysis.cache import file_sha256

    if isinstance(data, str):
        data = data_argument(data)
    if isinstance(data, VersionRef):
        from analysis.store import Store

        return ("version", Store.open(store).resolve(data.ref).fingerprint)
    if data is None:
        from analysis._assets import data_file

        data = data_file("demo", "incidents.csv.gz")
    path = Path(data)
    if not path.is_file():  # let load_data raise its precise error
        return ("missing", str(path))
    return ("file", file_sha256(path), str(path.resolve()), source or "", _profile_digest(source))


def _profile_digest(source: str | None) -> str:
    """SHA-256 of a mapping-profile file given as ``--source``; editing it changes the data read."""
    from analysis.cache import file_sha256

    return file_sha256(source) if source and Path(source).is_file() else ""


def load(args: argparse.Namespace):  # -> analysis.incidents.Incidents
    """Load ``--data`` (a file, a stored version, or the demo data) with ``--source``."""
    return load_data(args.data, source=args.source, store=getattr(args, "store", None))


def say(args: argparse.Namespace, text: str) -> None:
    """Print a progress line on stderr unless ``--quiet``."""
    if not getattr(args, "quiet", False):
        from analysis.errors import printable

        print(printable(text), file=sys.stderr)


def write_stdout(text: str) -> None:
    r"""Write an output (CSV, a table, a profile) to stdout; on a terminal, control characters are escaped.

    Piped or redirected, the bytes are exact; on a terminal, an escape sequence or a
    carriage return in a data value is shown as ``\x1b`` or ``\r`` instead of being run.
    """
    if sys.stdout.isatty():
        from analysis.errors import printable

        text = "\n".join(printable(line) for line in text.split("\n"))
    sys.stdout.write(text)


def write_csv(frame, path: str | Path) -> Path:  # frame: pandas.DataFrame
    """Write ``frame`` to ``path`` as CSV atomically, text never a live formula (:mod:`reports.safe_export`)."""
    from reports.render import atomic_write
    from reports.safe_export import csv_bytes

    out = Path(path)
    atomic_write(out, csv_bytes(frame))
    return out


def console():  # -> rich.console.Console
    """A rich console on stdout; wide enough for tables when not a terminal."""
    from rich.console import Console

    c = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    if not c.is_terminal:
        c = Console(file=sys.stdout, highlight=False, soft_wrap=True, width=200)
    return c
