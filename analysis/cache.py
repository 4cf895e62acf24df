"""A content-addressed cache of analysis results, loaded datasets and figures, on disk.

An entry's key is the SHA-256 of everything the result depends on:

- the caller's ``key_parts``: a name for the computation, the data fingerprint
  (pass the :class:`~analysis.incidents.Incidents` itself, which stands for its
  fingerprint) and every option (period, region, measures, ...);
- the environment stamp: the secbrief version, a digest of secbrief's own code and
  data files (so an edited source tree never reuses results of the old code), and
  the versions of the libraries that shape results (pandas, numpy, scipy,
  statsmodels, matplotlib, jinja2).

Changing any of these changes the key, so an entry is never stale: the cache only
ever answers "this exact computation on this exact data was done before". Entries
are written atomically (temporary file, then rename); an unreadable entry is a miss
and is recomputed.

Typical use in the brief::

    cache = Cache.for_output(out_dir)  # out/.secbrief-cache/
    inc = cached_load_incidents(cache, path, source=source)
    ctx = cache.get_or_compute(("monthly-context", inc, period, region), lambda: build(inc))
    svg = cache.get_or_compute(("figure", "trend", inc, period, region), lambda: draw(...), codec="text")

Values are pickled (``codec="pickle"``), or stored as ``bytes`` / UTF-8 ``text``.
Only load a cache directory that you (secbrief) wrote: unpickling runs code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from functools import cache as _memo
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

Codec = Literal["pickle", "bytes", "text"]
CODECS: tuple[str, ...] = ("pickle", "bytes", "text")
#: Folder name of a cache kept beside the outputs.
CACHE_DIRNAME = ".secbrief-cache"
#: Libraries whose versions are part of every key.
KEY_LIBRARIES: tuple[str, ...] = ("pandas", "numpy", "scipy", "statsmodels", "matplotlib", "jinja2", "pyarrow")
_EXT = {"pickle": ".pkl", "bytes": ".bin", "text": ".txt"}
_T = TypeVar("_T")


# --------------------------------------------------------------------------- keys


def _canonical(obj: Any) -> Any:
    """A JSON-able form of ``obj`` that is the same exactly when the value is the same.

    pandas and numpy are only looked at when already imported (an object of theirs
    cannot exist otherwise), so a cache hit on plain keys does not import them.
    """
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return {"float": obj.hex()}
    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    incidents = sys.modules.get("analysis.incidents")
    if np is not None and isinstance(obj, np.integer):
        return int(obj)
    if np is not None and isinstance(obj, np.floating):
        return {"float": float(obj).hex()}
    if incidents is not None and isinstance(obj, incidents.Incidents):
        return {"incidents": obj.fingerprint}
    if (pd is not None and isinstance(obj, (pd.DataFrame, pd.Series))) or (
        np is not None and isinstance(obj, np.ndarray)
    ):
        raise TypeError("a cache key cannot hold a table; put the data's fingerprint (or the Incidents) in it")
    if pd is not None and isinstance(obj, pd.Timestamp):
        return {"timestamp": obj.isoformat()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return {"date": obj.isoformat()}
    if isinstance(obj, Path):
        return {"path": str(obj)}
    if isinstance(obj, enum.Enum):
        return {"enum": f"{type(obj).__qualname__}.{obj.name}"}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            "dataclass": f"{type(obj).__module__}.{type(obj).__qualname__}",
            "fields": {f.name: _canonical(getattr(obj, f.name)) for f in dataclasses.fields(obj)},
        }
    if isinstance(obj, Mapping):
        items = {}
        for k, v in obj.items():
            if not isinstance(k, str):
                raise TypeError(f"cache key mapping keys must be text, not {type(k).__name__}")
            items[k] = _canonical(v)
        return {"mapping": dict(sorted(items.items()))}
    if isinstance(obj, (list, tuple)):
        return [_canonical(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return {"set": sorted(json.dumps(_canonical(v), sort_keys=True) for v in obj)}
    raise TypeError(
        f"cannot use a {type(obj).__name__} in a cache key; use text, numbers, dates, "
        "dataclasses, Incidents, or lists/mappings of them"
    )


def _package_files() -> list[Path]:
    import importlib.util

    from analysis._assets import data_dir, templates_dir

    files: list[Path] = []
    for name in ("analysis", "reports"):
        spec = importlib.util.find_spec(name)
        for loc in (spec.submodule_search_locations or []) if spec else []:
            files += Path(loc).rglob("*.py")
    data = data_dir()
    files += [p for p in data.rglob("*") if p.is_file() and "demo" not in p.relative_to(data).parts]
    tdir = templates_dir()
    if tdir.is_dir():
        files += [p for p in tdir.rglob("*") if p.is_file()]
    return sorted(set(files))


@_memo
def environment_stamp() -> str:
    """Digest of secbrief's version, code and data files, and the key libraries' versions.

    Computed once per process (about 10 ms).
    """
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for lib in ("secbrief", *KEY_LIBRARIES):
        try:
            v = version(lib)
        except PackageNotFoundError:
            v = "-"
        h.update(f"{lib}={v}\n".encode())
    for f in _package_files():
        h.update(f.name.encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def cache_key(key_parts: Any) -> str:
    """The SHA-256 key of ``key_parts`` in this environment (see the module docstring)."""
    text = json.dumps(
        {"parts": _canonical(key_parts), "env": environment_stamp()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the cache


@dataclasses.dataclass
class CacheStats:
    """Counts of lookups since the cache object was made."""

    hits: int = 0
    misses: int = 0
    writes: int = 0


_MISS = object()


class Cache:
    """Results on disk under ``directory``, one file per key.

    Parameters
    ----------
    directory
        Where entries live (created on the first write). ``None`` makes a disabled
        cache that always computes, so callers need no second code path.
    """

    #: Why a cache folder could not be used in this process, one line each (see :meth:`take_problems`).
    problems: ClassVar[list[str]] = []

    def __init__(self, directory: str | Path | None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.stats = CacheStats()

    @classmethod
    def take_problems(cls) -> list[str]:
        """The unusable-cache lines noted so far (each once), and forget them."""
        out = list(dict.fromkeys(cls.problems))
        cls.problems.clear()
        return out

    def _unusable(self, exc: OSError) -> None:
        """Stop using this cache (a file where the folder should be, no space, no permission) and say why."""
        Cache.problems.append(
            f"the cache folder {self.directory} cannot be used ({exc.strerror or exc}); built without the cache "
            "(set SECBRIEF_CACHE to another folder, or pass --no-cache)"
        )
        self.directory = None

    @classmethod
    def for_output(cls, out_dir: str | Path) -> Cache:
        """The cache kept beside a build's outputs: ``<out_dir>/.secbrief-cache``."""
        return cls(Path(out_dir) / CACHE_DIRNAME)

    @classmethod
    def for_user(cls) -> Cache:
        """The per-user cache: ``$SECBRIEF_CACHE``, else the platform's cache folder (``~/.cache/secbrief``).

        Kept outside the output folder, so a failed build leaves nothing beside the outputs.
        """
        import os

        env = os.environ.get("SECBRIEF_CACHE")
        if env:
            return cls(Path(env))
        import platformdirs

        return cls(Path(platformdirs.user_cache_dir("secbrief", appauthor=False)))

    @classmethod
    def disabled(cls) -> Cache:
        """A cache that stores nothing and always computes."""
        return cls(None)

    @property
    def enabled(self) -> bool:
        """True when entries are read and written (the cache has a directory)."""
        return self.directory is not None

    def __repr__(self) -> str:
        return f"Cache({str(self.directory) if self.directory else None!r})"

    def _path(self, key: str, codec: Codec) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}{_EXT[codec]}"

    def get(self, key_parts: Any, *, codec: Codec = "pickle", default: Any = None) -> Any:
        """The cached value for ``key_parts``, or ``default`` when there is none."""
        value = self._get(cache_key(key_parts), codec)
        return default if value is _MISS else value

    def _get(self, key: str, codec: Codec) -> Any:
        if codec not in CODECS:
            raise ValueError(f"unknown codec '{codec}'; choose from {', '.join(CODECS)}")
        if self.directory is None:
            return _MISS
        path = self._path(key, codec)
        try:
            data = path.read_bytes()
            if codec == "bytes":
                return data
            if codec == "text":
                return data.decode("utf-8")
            return pickle.loads(data)  # noqa: S301 - our own cache directory
        except FileNotFoundError:
            return _MISS
        except (
            OSError,
            EOFError,
            UnicodeDecodeError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
            IndexError,
            TypeError,
            ValueError,
        ):
            return _MISS  # damaged or written by incompatible code: recompute and overwrite

    def put(self, key_parts: Any, value: Any, *, codec: Codec = "pickle") -> None:
        """Store ``value`` for ``key_parts`` (atomically; concurrent writers are safe)."""
        self._put(cache_key(key_parts), value, codec)

    def _put(self, key: str, value: Any, codec: Codec) -> None:
        if self.directory is None:
            return
        if codec == "bytes":
            data = bytes(value)
        elif codec == "text":
            data = str(value).encode("utf-8")
        else:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(key, codec)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError as exc:
            self._unusable(exc)
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            self._unusable(exc)
            return
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stats.writes += 1

    def get_or_compute(self, key_parts: Any, compute: Callable[[], _T], *, codec: Codec = "pickle") -> _T:
        """The cached value for ``key_parts``, computing and storing it on a miss.

        Parameters
        ----------
        key_parts
            Everything the result depends on besides secbrief's code: a name for
            the computation, the data (an :class:`~analysis.incidents.Incidents` or
            its fingerprint) and every option. Text, numbers, dates, paths,
            dataclasses (e.g. :class:`~analysis.periods.Period`) and lists or
            mappings of them.
        compute
            Called with no arguments on a miss.
        codec
            ``pickle`` (any picklable value), ``bytes`` or ``text`` (e.g. an SVG).
        """
        key = cache_key(key_parts)
        value = self._get(key, codec)
        if value is not _MISS:
            self.stats.hits += 1
            return value
        self.stats.misses += 1
        value = compute()
        self._put(key, value, codec)
        return value

    def clear(self) -> None:
        """Remove every entry."""
        if self.directory is not None and self.directory.is_dir():
            shutil.rmtree(self.directory)

    def size(self) -> tuple[int, int]:
        """Number of entries and their total size in bytes."""
        if self.directory is None or not self.directory.is_dir():
            return 0, 0
        files = [p for p in self.directory.rglob("*") if p.is_file() and not p.name.startswith(".tmp-")]
        return len(files), sum(p.stat().st_size for p in files)


def tree_digest(*paths: str | Path | None) -> str:
    """SHA-256 over the names and contents of files and of every file below folders.

    For key parts that are files the user edits outside secbrief's own tree (their
    template folders, a logo, a boundaries file). Missing paths and ``None`` count
    as absent, so creating one later changes the digest.
    """
    h = hashlib.sha256()
    for p in paths:
        if p is None:
            continue
        root = Path(p)
        files = sorted(f for f in root.rglob("*") if f.is_file()) if root.is_dir() else [root]
        for f in files:
            h.update(str(f).encode() + b"\0")
            h.update(file_sha256(f).encode() if f.is_file() else b"-")
    return h.hexdigest()


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cached_load_incidents(
    cache: Cache, path: str | Path, *, source: str | None = None, merge_fata: bool = True
):  # -> Incidents
    """:func:`analysis.io.load_incidents`, cached by the file's bytes, its path and the options.

    The key holds the SHA-256 of the file's content (not its modification time), so
    an edited file is always read again.
    """
    from analysis.errors import SourceFormatError
    from analysis.io import load_incidents

    p = Path(path)
    if not p.is_file():  # let the loader raise its usual, precise error
        return load_incidents(p, source=source, merge_fata=merge_fata)
    try:
        digest = file_sha256(p)
    except OSError as exc:
        raise SourceFormatError(f"cannot be read: {exc.strerror}", file=p) from exc
    # The path is in the key too: problems and reports name the file they were read from.
    # A mapping profile given as a file path shapes the rows too: its content is in the key.
    profile = file_sha256(source) if source and Path(source).is_file() else None
    return cache.get_or_compute(
        ("load_incidents", digest, str(p), source, profile, merge_fata),
        lambda: load_incidents(p, source=source, merge_fata=merge_fata),
    )


__all__ = [
    "CACHE_DIRNAME",
    "Cache",
    "CacheStats",
    "cache_key",
    "cached_load_incidents",
    "environment_stamp",
    "file_sha256",
    "tree_digest",
]
