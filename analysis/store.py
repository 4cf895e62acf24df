"""Dataset versions: validated incident files kept in an embedded, crash-safe store.

Layout of a store directory (see ``docs/versions.md``)::

    <store>/catalogue.sqlite          one row per version (and per published brief)
    <store>/versions/<fingerprint>/   incidents.parquet, rejected.parquet, problems.parquet, manifest.json
    <store>/tmp/                      staging area of ingests in progress

A version exists exactly when its catalogue row exists. An ingest writes every file
into a fresh staging directory (each file and the directory fsync'ed), renames the
directory into ``versions/`` atomically, and only then commits the catalogue row in
one SQLite transaction. A crash at any point leaves either no version (a staging
directory or an unreferenced version directory, both ignored and later cleaned) or a
complete one; :meth:`Store.check` verifies this.

Versions are named ``v1``, ``v2``, ... in order of ingest, and can also be named by a
prefix of their content fingerprint (:func:`analysis.incidents.fingerprint`), which
makes re-ingesting the same content a no-op whatever the file's name or format.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.cache import file_sha256
from analysis.errors import ConfigError, DataValidationError, SecbriefError

if TYPE_CHECKING:  # pandas is imported only where rows are read or written: listing and
    import pandas as pd  # resolving versions (e.g. to key a cache) stays light.

    from analysis.incidents import Incidents
    from analysis.periods import Period
    from analysis.validate import Problem, ValidationReport

#: Environment variable naming the store directory (below ``--store``, above the rest).
STORE_ENV = "SECBRIEF_STORE"
#: Project file that may name a per-project store: ``[store] dir = "..."``.
PROJECT_FILE = "secbrief.toml"
CATALOGUE = "catalogue.sqlite"
INCIDENTS_FILE = "incidents.parquet"
REJECTED_FILE = "rejected.parquet"
PROBLEMS_FILE = "problems.parquet"
MANIFEST_FILE = "manifest.json"
#: Bumped when the catalogue's tables change.
CATALOGUE_SCHEMA = 1
#: A staging directory left by a process that no longer runs, or older than this, is removed.
STALE_STAGING_SECONDS = 24 * 3600
#: Shortest fingerprint prefix accepted in ``version:<prefix>``.
MIN_PREFIX = 4

_VERSION_ID = re.compile(r"^v(\d+)$", re.IGNORECASE)
_HEX = re.compile(r"^[0-9a-f]+$")

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    warned INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    incidents INTEGER NOT NULL,
    date_min TEXT,
    date_max TEXT,
    dataset TEXT NOT NULL,
    merge_fata INTEGER NOT NULL,
    incidents_sha256 TEXT NOT NULL,
    secbrief_version TEXT NOT NULL,
    note TEXT
);
CREATE TABLE IF NOT EXISTS publications (
    series TEXT NOT NULL,
    period TEXT NOT NULL,
    period_end TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    output TEXT NOT NULL,
    built_at TEXT NOT NULL,
    PRIMARY KEY (series, period)
);
"""


def _checkpoint(step: str) -> None:
    """Named point in an ingest: ``writing``, ``staged``, ``renamed``, ``inserted``, ``committed``.

    Does nothing; the crash-safety tests replace it in a subprocess to stop the
    ingest there and kill the process.
    """


# --------------------------------------------------------------------------- where


def store_dir(explicit: str | Path | None = None, *, cwd: str | Path | None = None) -> Path:
    """The store directory to use, by the first rule that applies.

    1. ``explicit`` (the ``--store DIR`` option);
    2. the ``SECBRIEF_STORE`` environment variable;
    3. a per-project store: the nearest ``secbrief.toml`` in ``cwd`` or a parent
       with ``[store] dir = "..."`` (relative to that file's folder);
    4. the per-user data directory (``$XDG_DATA_HOME/secbrief`` or
       ``~/.local/share/secbrief`` on Linux; platformdirs' choice elsewhere).
    """
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    project = _project_store(Path(cwd) if cwd is not None else Path.cwd())
    if project is not None:
        return project
    import platformdirs

    return platformdirs.user_data_path("secbrief", appauthor=False)


def store_table(value: object, file: Path) -> Path | None:
    """The store folder a ``[store]`` table of ``file`` names (``dir``, relative to ``file``'s folder).

    The one rule for the table, used by :func:`store_dir` and by
    :func:`reports.config.load_config` (which reads every table of the file).
    """
    if not isinstance(value, dict) or set(value) - {"dir"} or not isinstance(value.get("dir"), str):
        raise ConfigError('[store] must have only dir = "path" (a string)', file=file, column="store.dir")
    return (Path(file).parent / value["dir"]).expanduser()


def _project_store(start: Path) -> Path | None:
    import tomllib

    for folder in (start.resolve(), *start.resolve().parents):
        f = folder / PROJECT_FILE
        if not f.is_file():
            continue
        try:
            conf = tomllib.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot be read: {exc}", file=f) from exc
        section = conf.get("store")
        return None if section is None else store_table(section, f)
    return None


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Version:
    """One stored dataset version (a row of the catalogue).

    Attributes
    ----------
    id
        Sequence number; the version is called ``v{id}``.
    fingerprint
        Content fingerprint of the accepted incidents.
    source
        Source format the file was read as.
    file_name, file_path
        Original file name and absolute path at ingest.
    file_sha256
        SHA-256 of the file's bytes at ingest.
    ingested_at
        Time of ingest, ISO 8601 in UTC.
    rows_read, accepted, warned, rejected, excluded
        Rows of the file by validation outcome.
    incidents
        Incidents stored (accepted and warned rows less exact duplicates).
    date_min, date_max
        First and last incident start date (``YYYY-MM-DD``).
    dataset
        Dataset name(s) from the ``dataset`` column.
    merge_fata
        Whether FATA was reported as Khyber Pakhtunkhwa.
    incidents_sha256
        SHA-256 of the stored ``incidents.parquet`` (checked on every load).
    secbrief_version
        Version of secbrief that ingested the file.
    note
        Free text given at ingest.
    """

    id: int
    fingerprint: str
    source: str
    file_name: str
    file_path: str
    file_sha256: str
    ingested_at: str
    rows_read: int
    accepted: int
    warned: int
    rejected: int
    excluded: int
    incidents: int
    date_min: str | None
    date_max: str | None
    dataset: str
    merge_fata: bool
    incidents_sha256: str
    secbrief_version: str
    note: str | None

    @property
    def label(self) -> str:
        """``v3``."""
        return f"v{self.id}"

    @property
    def short(self) -> str:
        """First 12 characters of the fingerprint."""
        return self.fingerprint[:12]


@dataclass(frozen=True)
class IngestResult:
    """Outcome of :meth:`Store.ingest`: the version, whether it was new, and whether its deleted files were restored."""

    version: Version
    created: bool
    incidents: Incidents
    restored: bool = False


@dataclass(frozen=True)
class Publication:
    """A brief recorded as built from a data version (see :meth:`Store.record_publication`)."""

    series: str
    period: str
    period_end: str
    fingerprint: str
    output: str
    built_at: str


@dataclass(frozen=True)
class StoreCheck:
    """Result of :meth:`Store.check`.

    ``problems`` are inconsistencies (a catalogued version whose files are missing
    or damaged); ``leftovers`` are harmless remains of interrupted ingests
    (staging directories, version directories without a catalogue row).
    """

    problems: tuple[str, ...]
    leftovers: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the store has no inconsistencies (leftovers are harmless)."""
        return not self.problems


_VERSION_COLUMNS = tuple(f.name for f in fields(Version))


def _version_from_row(row: sqlite3.Row) -> Version:
    values = {k: row[k] for k in _VERSION_COLUMNS}
    values["merge_fata"] = bool(values["merge_fata"])
    return Version(**values)


# --------------------------------------------------------------------------- references


def is_version_ref(text: str) -> bool:
    """True when ``text`` is written as a version reference.

    Version references are ``v3``, ``latest``, ``latest~1`` (the one before the
    latest), and ``version:<x>`` where ``<x>`` is any of those or a fingerprint prefix
    of at least four hex digits.
    """
    t = text.strip()
    return bool(t.lower().startswith("version:") or _VERSION_ID.match(t) or _latest_offset(t) is not None)


def _latest_offset(text: str) -> int | None:
    t = text.strip().lower()
    if t == "latest":
        return 0
    m = re.match(r"^latest~(\d+)$", t)
    return int(m[1]) if m else None


# --------------------------------------------------------------------------- helpers


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_parquet(frame: pd.DataFrame, path: Path) -> str:
    """Write ``frame`` to ``path`` (fsync'ed); return the file's SHA-256."""
    import pyarrow as pa

    pa.enable_signal_handlers(False)  # Ctrl-C: see analysis.cells._arrow_floats
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with open(path, "wb") as fh:
        pq.write_table(table, fh)
        fh.flush()
        os.fsync(fh.fileno())
    return file_sha256(path)


def _read_parquet(path: Path, *, sha256: str | None = None) -> pd.DataFrame:
    import pyarrow as pa

    pa.enable_signal_handlers(False)  # Ctrl-C: see analysis.cells._arrow_floats
    import pyarrow.parquet as pq

    data = path.read_bytes()
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise SecbriefError(
            "stored file is damaged (checksum differs from the catalogue); re-ingest the original file", file=path
        )
    return pq.read_table(pa.BufferReader(data)).to_pandas()


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    from analysis import schema
    from analysis.validate import ROW_COLUMN

    out = schema.conform(frame)
    out[schema.PARTIAL_TOTAL_COLUMN] = schema.partial_total(frame)
    out[ROW_COLUMN] = frame[ROW_COLUMN].astype("int64").to_numpy()
    return out.reset_index(drop=True)


def _problems_frame(report: ValidationReport) -> pd.DataFrame:
    """Problems and excluded rows as a table: ``kind`` then every field of :class:`Problem`."""
    import pandas as pd

    from analysis.validate import Problem

    names = [f.name for f in fields(Problem)]
    rows = [{"kind": "problem", **asdict(p)} for p in report.problems]
    rows += [{"kind": "excluded", **asdict(p)} for p in report.excluded]
    f = pd.DataFrame(rows, columns=["kind", *names])
    out = f.astype("string")
    out["row"] = f["row"].astype("Int64")
    return out


def _problems_from_frame(frame: pd.DataFrame) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """Inverse of :func:`_problems_frame`; fields missing from older stores take their defaults."""
    import pandas as pd

    from analysis.validate import Problem

    names = {f.name for f in fields(Problem)}
    problems: list[Problem] = []
    excluded: list[Problem] = []
    for rec in frame.to_dict("records"):
        kw: dict[str, Any] = {str(k): (None if pd.isna(v) else v) for k, v in rec.items() if k in names}
        if kw.get("row") is not None:
            kw["row"] = int(kw["row"])
        (excluded if rec["kind"] == "excluded" else problems).append(Problem(**kw))
    return tuple(problems), tuple(excluded)


def _day(value: object) -> str:
    """``YYYY-MM-DD`` of a date, timestamp or ISO text."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    try:
        return datetime.fromisoformat(str(value)).strftime("%Y-%m-%d")
    except ValueError as exc:
        raise ConfigError(f"'{value}' is not a date (YYYY-MM-DD)") from exc


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _secbrief_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("secbrief")
    except PackageNotFoundError:
        return "0.0.0+source"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- the store


class Store:
    """A directory of dataset versions with a SQLite catalogue.

    Parameters
    ----------
    root
        Store directory; created on the first ingest. Reading an absent store gives
        no versions and creates nothing.

    Examples
    --------
    >>> import tempfile
    >>> from analysis.demo import demo_path
    >>> store = Store(tempfile.mkdtemp())
    >>> store.versions()
    ()
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @classmethod
    def open(cls, explicit: str | Path | None = None) -> Store:
        """The store chosen by :func:`store_dir` (``--store``, env, project, user)."""
        return cls(store_dir(explicit))

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # -- catalogue

    @property
    def catalogue_path(self) -> Path:
        """Path of the catalogue database of versions."""
        return self.root / CATALOGUE

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self.root.exists() and not self.root.is_dir():
            raise ConfigError("the store must be a folder, and this is a file; give --store a folder", file=self.root)
        if not create and not self.catalogue_path.is_file():
            return None
        if create:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"the store folder cannot be created: {exc.strerror}", file=self.root) from exc
        try:
            con = sqlite3.connect(self.catalogue_path, timeout=60, isolation_level=None)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA synchronous=FULL")
            if create:
                con.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, _TABLES.split(";")):
                    con.execute(statement)
                con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (str(CATALOGUE_SCHEMA),))
                if con.in_transaction:
                    con.execute("COMMIT")
            found = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SecbriefError(f"store catalogue cannot be opened: {exc}", file=self.catalogue_path) from exc
        if found is None or int(found[0]) != CATALOGUE_SCHEMA:
            con.close()
            raise SecbriefError(
                f"store catalogue has schema {found[0] if found else 'none'}; this secbrief "
                f"reads schema {CATALOGUE_SCHEMA}",
                file=self.catalogue_path,
            )
        return con

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        con = self._connect(create=False)
        try:
            yield con
        finally:
            if con is not None:
                con.close()

    def versions(self) -> tuple[Version, ...]:
        """Every version, oldest first."""
        with self._reading() as con:
            if con is None:
                return ()
            rows = con.execute("SELECT * FROM versions ORDER BY id").fetchall()
        return tuple(_version_from_row(r) for r in rows)

    def find(self, fingerprint: str) -> Version | None:
        """The version with exactly this fingerprint, or ``None``."""
        with self._reading() as con:
            if con is None:
                return None
            row = con.execute("SELECT * FROM versions WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return _version_from_row(row) if row else None

    def resolve(self, ref: str) -> Version:
        """The version named by ``ref``: ``v3``, ``latest``, ``latest~1`` or ``version:<x>``.

        Raises
        ------
        ConfigError
            No such version, or a fingerprint prefix that fits several.
        """
        text = ref.strip()
        body = text[len("version:") :] if text.lower().startswith("version:") else text
        versions = self.versions()
        where = f"in the store {self.root}"
        if not versions:
            raise ConfigError(f"version '{ref}' not found: no versions {where} (secbrief ingest FILE adds one)")
        if m := _VERSION_ID.match(body):
            wanted = int(m[1])
            for v in versions:
                if v.id == wanted:
                    return v
            raise ConfigError(
                f"version '{ref}' not found {where}; versions are "
                f"{versions[0].label}..{versions[-1].label} (secbrief versions lists them)"
            )
        offset = _latest_offset(body)
        if offset is not None:
            if offset >= len(versions):
                raise ConfigError(f"version '{ref}' not found: only {len(versions)} version(s) {where}")
            return versions[-1 - offset]
        prefix = body.lower()
        if len(prefix) < MIN_PREFIX or not _HEX.match(prefix):
            raise ConfigError(
                f"'{ref}' is not a version; write v3, latest, latest~1 or "
                f"version:<at least {MIN_PREFIX} hex digits of the fingerprint>"
            )
        hits = [v for v in versions if v.fingerprint.startswith(prefix)]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise ConfigError(f"no version's fingerprint starts with '{prefix}' {where}")
        raise ConfigError(f"fingerprint prefix '{prefix}' fits {', '.join(v.label for v in hits)}; give more digits")

    # -- reading versions

    def version_dir(self, version: Version) -> Path:
        """Directory holding the files of ``version``."""
        return self.root / "versions" / version.fingerprint

    def _intact(self, version: Version) -> bool:
        """Whether the files of ``version`` are there (their checksums are checked on load)."""
        d = self.version_dir(version)
        return all((d / f).is_file() for f in (INCIDENTS_FILE, REJECTED_FILE, PROBLEMS_FILE))

    def load(self, ref: str | Version) -> Incidents:
        """The incidents of a version, exactly as they were accepted at ingest.

        The stored rows are checked against the catalogue's checksum; nothing is
        re-validated, so loading is much faster than reading the original file.
        """
        from analysis.incidents import Incidents
        from analysis.validate import ValidationReport

        v = ref if isinstance(ref, Version) else self.resolve(ref)
        d = self.version_dir(v)
        path = d / INCIDENTS_FILE
        if not self._intact(v):
            raise SecbriefError(
                f"version {v.label} is in the catalogue but its files are missing; ingest the original file "
                f"({v.file_name}) again to restore them",
                file=path,
            )
        frame = _canonical(_read_parquet(path, sha256=v.incidents_sha256))
        problems, excluded = _problems_from_frame(_read_parquet(d / PROBLEMS_FILE))
        report = ValidationReport(
            file=v.file_path,
            source=v.source,
            rows_read=v.rows_read,
            accepted=v.accepted,
            warned=v.warned,
            rejected=v.rejected,
            problems=problems,
            rejected_rows=self.rejected_rows(v),
            excluded=excluded,
        )
        return Incidents(frame=frame, fingerprint=v.fingerprint, source=v.source, path=v.file_path, report=report)

    def rejected_rows(self, ref: str | Version) -> pd.DataFrame:
        """Rejected rows of a version as read from the file, with a ``reason`` column first."""
        v = ref if isinstance(ref, Version) else self.resolve(ref)
        return _read_parquet(self.version_dir(v) / REJECTED_FILE)

    # -- ingest

    def ingest(
        self, path: str | Path, *, source: str | None = None, merge_fata: bool = True, note: str | None = None
    ) -> IngestResult:
        """Validate ``path`` and store it as a new version (a no-op when the content is stored).

        Parameters
        ----------
        path
            Incident file, read with :func:`analysis.io.load_incidents`.
        source
            Source format; detected when ``None``.
        merge_fata
            As in :func:`analysis.io.load_incidents`.
        note
            Free text kept with the version.

        Raises
        ------
        SourceFormatError
            The file cannot be read.
        DataValidationError
            No row of the file is a valid incident (nothing is stored).
        """
        from analysis.io import load_incidents

        p = Path(path)
        file_sha = file_sha256(p) if p.is_file() else None
        if file_sha is not None:
            same_file = self._find_file(file_sha, source=source, merge_fata=merge_fata)
            if same_file is not None and self._intact(same_file):  # same bytes read the same way: no need to validate
                return IngestResult(same_file, False, self.load(same_file))
        inc = load_incidents(p, source=source, merge_fata=merge_fata)
        return self.add(inc, file_sha256=file_sha, merge_fata=merge_fata, note=note)

    def _find_file(self, file_sha256: str, *, source: str | None, merge_fata: bool) -> Version | None:
        """A version ingested from identical bytes, read with the same options by this secbrief version."""
        for v in self.versions():
            if (
                v.file_sha256 == file_sha256
                and v.merge_fata == merge_fata
                and v.secbrief_version == _secbrief_version()
                and source in (None, v.source)
            ):
                return v
        return None

    def add(
        self, inc: Incidents, *, file_sha256: str | None = None, merge_fata: bool = True, note: str | None = None
    ) -> IngestResult:
        """Store already loaded incidents as a version (see :meth:`ingest`)."""
        if inc.frame.empty:
            raise DataValidationError(
                f"no valid incidents ({inc.report.rejected:,} rows rejected); nothing stored", file=inc.path
            )
        existing = self.find(inc.fingerprint)
        if existing is not None and self._intact(existing):
            return IngestResult(existing, False, inc)
        con = self._connect(create=True)
        assert con is not None
        try:
            (self.root / "versions").mkdir(exist_ok=True)
            (self.root / "tmp").mkdir(exist_ok=True)
            self._remove_stale_staging()
            staging = Path(tempfile.mkdtemp(prefix=f"ingest-{os.getpid()}-", dir=self.root / "tmp"))
            try:
                meta = self._stage(inc, staging, file_sha256=file_sha256, merge_fata=merge_fata, note=note)
                _checkpoint("staged")
                return self._commit(con, inc, staging, meta)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
        except (OSError, sqlite3.OperationalError) as exc:  # a full disk, a read-only store: nothing stored
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ConfigError(f"the store cannot be written ({reason}); nothing was stored", file=self.root) from exc
        finally:
            con.close()

    def _stage(
        self, inc: Incidents, staging: Path, *, file_sha256: str | None, merge_fata: bool, note: str | None
    ) -> dict[str, object]:
        import pandas as pd

        frame = _canonical(inc.frame)
        incidents_sha = _write_parquet(frame, staging / INCIDENTS_FILE)
        _checkpoint("writing")
        # The stored rows must read back as exactly the rows accepted (dtypes included).
        back = _canonical(_read_parquet(staging / INCIDENTS_FILE))
        if not back.equals(frame):
            raise SecbriefError("stored rows do not read back identically; nothing stored", file=inc.path)
        rejected = inc.report.rejected_rows
        rejected = (
            rejected.astype("string") if len(rejected.columns) else pd.DataFrame({"reason": pd.Series(dtype="string")})
        )
        files = {
            INCIDENTS_FILE: incidents_sha,
            REJECTED_FILE: _write_parquet(rejected, staging / REJECTED_FILE),
            PROBLEMS_FILE: _write_parquet(_problems_frame(inc.report), staging / PROBLEMS_FILE),
        }
        cov = inc.coverage
        rep = inc.report
        file_path = str(Path(inc.path).resolve()) if inc.path else "(memory)"
        meta: dict[str, object] = {
            "fingerprint": inc.fingerprint,
            "source": inc.source,
            "file_name": Path(inc.path).name if inc.path else "(memory)",
            "file_path": file_path,
            "file_sha256": file_sha256 or "",
            "ingested_at": _now(),
            "rows_read": rep.rows_read,
            "accepted": rep.accepted,
            "warned": rep.warned,
            "rejected": rep.rejected,
            "excluded": len(rep.excluded),
            "incidents": len(frame),
            "date_min": f"{cov[0]:%Y-%m-%d}" if cov else None,
            "date_max": f"{cov[1]:%Y-%m-%d}" if cov else None,
            "dataset": inc.dataset,
            "merge_fata": int(merge_fata),
            "incidents_sha256": incidents_sha,
            "secbrief_version": _secbrief_version(),
            "note": note,
        }
        manifest = staging / MANIFEST_FILE
        with open(manifest, "w", encoding="utf-8") as fh:
            json.dump({**meta, "files": files}, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(staging)
        return meta

    def _commit(self, con: sqlite3.Connection, inc: Incidents, staging: Path, meta: dict[str, object]) -> IngestResult:
        target = self.root / "versions" / inc.fingerprint
        con.execute("BEGIN IMMEDIATE")  # the store's write lock, held until COMMIT
        renamed = False
        try:
            row = con.execute("SELECT * FROM versions WHERE fingerprint = ?", (inc.fingerprint,)).fetchone()
            if row is not None:  # stored meanwhile by another process, or its files were deleted
                version = _version_from_row(row)
                if not self._intact(version):  # the same rows again: put the version's files back
                    if meta["incidents_sha256"] != version.incidents_sha256:
                        raise SecbriefError(
                            f"version {version.label}'s files are missing and this secbrief writes its rows "
                            "differently; they cannot be restored",
                            file=target,
                        )
                    shutil.rmtree(target, ignore_errors=True)
                    os.rename(staging, target)
                    _fsync_dir(target.parent)
                    con.execute("ROLLBACK")
                    return IngestResult(version, False, inc, restored=True)
                con.execute("ROLLBACK")
                return IngestResult(version, False, inc)
            # Version folders without a catalogue row are left by ingests killed before
            # their commit; no other ingest is between rename and commit while we hold the lock.
            known = {r[0] for r in con.execute("SELECT fingerprint FROM versions")}
            for d in (self.root / "versions").iterdir():
                if d.name not in known:
                    shutil.rmtree(d, ignore_errors=True)
            os.rename(staging, target)
            renamed = True
            _fsync_dir(target.parent)
            _checkpoint("renamed")
            cols = list(meta)
            cur = con.execute(
                f"INSERT INTO versions ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [meta[c] for c in cols],
            )
            _checkpoint("inserted")
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if renamed:
                shutil.rmtree(target, ignore_errors=True)
            raise
        _checkpoint("committed")
        row = con.execute("SELECT * FROM versions WHERE id = ?", (cur.lastrowid,)).fetchone()
        return IngestResult(_version_from_row(row), True, inc)

    def _remove_stale_staging(self) -> None:
        tmp = self.root / "tmp"
        now = time.time()
        for d in tmp.glob("ingest-*"):
            m = re.match(r"^ingest-(\d+)-", d.name)
            stale = m is None or not _pid_alive(int(m[1])) or now - d.stat().st_mtime > STALE_STAGING_SECONDS
            if stale:
                shutil.rmtree(d, ignore_errors=True)

    # -- consistency

    def check(self, *, deep: bool = True) -> StoreCheck:
        """Check that every catalogued version is complete and intact.

        Parameters
        ----------
        deep
            Also verify every file's checksum against the version's manifest and the
            catalogue (reads every file).
        """
        problems: list[str] = []
        leftovers: list[str] = []
        with self._reading() as con:
            if con is None:
                return StoreCheck((), ())
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            if integrity != "ok":
                problems.append(f"catalogue: {integrity}")
            rows = con.execute("SELECT * FROM versions ORDER BY id").fetchall()
        versions = [_version_from_row(r) for r in rows]
        known = {v.fingerprint for v in versions}
        for v in versions:
            d = self.version_dir(v)
            manifest = d / MANIFEST_FILE
            if not manifest.is_file():
                problems.append(f"{v.label}: {manifest} is missing")
                continue
            files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            if files.get(INCIDENTS_FILE) != v.incidents_sha256:
                problems.append(f"{v.label}: manifest and catalogue disagree on {INCIDENTS_FILE}")
            for name, sha in files.items():
                f = d / name
                if not f.is_file():
                    problems.append(f"{v.label}: {f} is missing")
                elif deep and file_sha256(f) != sha:
                    problems.append(f"{v.label}: {f} is damaged (checksum differs)")
        vdir = self.root / "versions"
        if vdir.is_dir():
            leftovers += [str(d) for d in sorted(vdir.iterdir()) if d.name not in known]
        tmp = self.root / "tmp"
        if tmp.is_dir():
            leftovers += [str(d) for d in sorted(tmp.iterdir())]
        return StoreCheck(tuple(problems), tuple(leftovers))

    # -- publications (the hook for "Revisions since the last brief")

    def record_publication(
        self, series: str, period: str, period_end: str | pd.Timestamp, fingerprint: str, output: str | Path
    ) -> Publication:
        """Record that the brief ``series`` for ``period`` was built from data ``fingerprint``.

        ``series`` names a recurring brief, e.g. ``monthly`` or ``monthly-Balochistan``;
        a later brief of the same series compares its data with this one's.
        Recording the same series and period again replaces the record.
        """
        pub = Publication(series, period, _day(period_end), fingerprint, str(output), _now())
        con = self._connect(create=True)
        assert con is not None
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO publications VALUES (?, ?, ?, ?, ?, ?)", _publication_values(pub))
            con.execute("COMMIT")
        finally:
            con.close()
        return pub

    def previous_publication(self, series: str, *, before: Period | str | pd.Timestamp) -> Publication | None:
        """The brief of ``series`` for the latest period that ends before ``before``.

        ``before`` is the current brief's period (or its first day). Among several
        builds of that earlier period, the last one built is returned. The answer does
        not depend on the order in which a batch builds its briefs.
        """
        start = _day(getattr(before, "start", before))
        with self._reading() as con:
            if con is None:
                return None
            row = con.execute(
                "SELECT * FROM publications WHERE series = ? AND period_end < ? "
                "ORDER BY period_end DESC, built_at DESC LIMIT 1",
                (series, start),
            ).fetchone()
        return Publication(**dict(row)) if row else None


def _publication_values(p: Publication) -> tuple[str, ...]:
    return (p.series, p.period, p.period_end, p.fingerprint, p.output, p.built_at)


__all__ = [
    "IngestResult",
    "Publication",
    "Store",
    "StoreCheck",
    "Version",
    "is_version_ref",
    "store_dir",
    "store_table",
]
