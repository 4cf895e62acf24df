"""Reading one cell: the one parser every source uses for counts, coordinates and dates.

The native reader, the mapping profiles and the UCDP, ACLED and GTD readers all read
numbers and dates through this module, so that a cell means the same thing whichever
source it comes from: ``"1,234"`` is 1234 in a count column, ``"unknown"`` is blank,
``"2024-01-05 99:99"`` is not a date.

Missing values
    :data:`MISSING_TOKENS` are the ``missingValues`` of ``data/schema.json`` (compared
    ignoring case and surrounding space): a count, coordinate, date or place name
    holding one of them is blank. Free text (description, source) keeps them as written.
Dates
    ``YYYY-MM-DD``, optionally followed by a time of day (``HH:MM``, ``HH:MM:SS``,
    fractions of a second) and a UTC offset (``Z``, ``+01:00``). The time must exist
    (hour 0–23, minute and second 0–59). A date with a UTC offset, and a typed
    timestamp with a time zone, is converted to Pakistan time (PKT, UTC+5) before
    the day is taken; a date without one is taken as written. Years outside
    1678–2261 cannot be held (pandas keeps dates in nanoseconds) and are reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial

import numpy as np
import pandas as pd

from analysis import schema

#: Characters Python's ``str.split()`` and ``str.strip()`` treat as white space
#: (``tests/analysis/test_validate_fast.py`` checks the list against ``str.isspace``).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Text :func:`clean` would change, besides a space at either end: white space other
#: than single spaces. (No ``$``: pandas runs such patterns in Python's ``re``, not pyarrow,
#: on columns holding a line break.)
_UNCLEAN = f"[{WHITESPACE.replace(' ', '')}]|  "

#: Cell values that mean "not known": the schema's ``missingValues`` (blank aside),
#: compared in lower case after trimming spaces.
MISSING_TOKENS: frozenset[str] = frozenset(
    str(t).strip().lower() for t in schema.schema().get("missingValues", []) if str(t).strip()
)

#: Pakistan Standard Time (UTC+5, no summer time since 2009), the day typed
#: timestamps and dates with a UTC offset are counted in.
PKT = timezone(timedelta(hours=5), "PKT")

#: Years a date can have: pandas holds dates in nanoseconds (1677-09-21 .. 2262-04-11).
YEARS = (1678, 2261)

#: Plain decimal numbers, converted on the whole column (anything else goes through :func:`number`).
_PLAIN_NUMBER = r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?"
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")
#: ISO dates with an existing time of day and no offset, matched on the whole column at once.
_ISO_PLAIN = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?)?"
)
#: Every date spelling read (per value): time of day and UTC offset optional.
_ISO = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?$",
    re.ASCII,
)
_BAD = "\x00bad"


def mask(s: pd.Series) -> np.ndarray:
    """A boolean Series (NA as false) as a NumPy array."""
    return s.fillna(False).to_numpy(dtype=bool)


def per_value(s: pd.Series, fn: Callable[[object], object], dtype: str = "object") -> pd.Series:
    """``fn`` applied once per distinct value of ``s`` (incident files repeat values a lot)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.array([fn(u) for u in np.asarray(uniques, dtype=object)] + [fn(None)], dtype=object)
    return pd.Series(table[codes], index=s.index).astype(dtype)


def strings(raw: pd.Series) -> pd.Series | None:
    """``raw`` as a ``string`` Series when it holds text (the vectorised paths apply), else ``None``."""
    return raw.astype("string") if isinstance(raw.dtype, pd.StringDtype) else None


def finish(
    s: pd.Series, todo: np.ndarray, fn: Callable[[object], object], source: pd.Series | None = None
) -> pd.Series:
    """``s`` with ``fn`` of ``source`` (default ``s``) put where ``todo`` is true, once per distinct value.

    The vectorised parsers handle the common spellings on the whole column and leave
    the rest to the per-value function, which also words the messages.
    """
    if not todo.any():
        return s
    out = s.copy()
    out.loc[todo] = per_value((s if source is None else source).loc[todo], fn, "string")
    return out


def clean(v: object, collapse: bool = True) -> str | None:
    """Text of a cell without surrounding spaces (inner runs made one); ``None`` when blank."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
        return None
    t = " ".join(str(v).split()) if collapse else str(v).strip()
    return t or None


def text(raw: pd.Series, *, collapse: bool = True) -> pd.Series:
    """Text with surrounding spaces removed (and inner runs of spaces made one), blank as NA."""
    fn = partial(clean, collapse=collapse)
    s = strings(raw)
    if s is None:
        return per_value(raw, fn, "string")
    if collapse:  # a space at either end, or other white space anywhere
        ends = mask(s.str.startswith(" ")) | mask(s.str.endswith(" "))
        todo = ends | mask(s.str.contains(_UNCLEAN, regex=True))
    else:  # white space at either end
        todo = mask(s.str.strip(WHITESPACE) != s)
    return finish(s, todo | mask(s == ""), fn)


def is_missing_token(v: object) -> bool:
    """True when the cell holds one of :data:`MISSING_TOKENS` (blank is not a token)."""
    t = clean(v)
    return t is not None and t.lower() in MISSING_TOKENS


def missing_tokens(s: pd.Series) -> np.ndarray:
    """Cells of ``s`` holding one of :data:`MISSING_TOKENS`."""
    return per_value(s, is_missing_token, "bool").to_numpy(dtype=bool)


# --------------------------------------------------------------------------- numbers


def number(v: object, integer: bool) -> float | None:
    """The number a cell holds; NaN when blank or a missing token; ``None`` when it is not a number.

    In a count (``integer``) thousands separators are read: ``1,234`` is 1234.
    """
    t = clean(v)
    if t is None or t.lower() in MISSING_TOKENS:
        return float("nan")
    if integer and _THOUSANDS.match(t):
        t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def _arrow_floats(s: pd.Series) -> np.ndarray:
    """Plain decimal strings (:data:`_PLAIN_NUMBER`) as float64, parsed by pyarrow."""
    import pyarrow as pa

    # pyarrow swaps in its own SIGINT handler around long operations; a Ctrl-C that landed in that
    # window was sometimes lost (1 run in 25 built the whole brief instead of stopping). Off, Ctrl-C
    # stays Python's KeyboardInterrupt, raised when the call returns (tests/reports/test_signals.py).
    pa.enable_signal_handlers(False)
    import pyarrow.compute as pc

    return np.asarray(pc.cast(pa.array(s.array), pa.float64()).to_numpy(zero_copy_only=False), dtype=float)


def numbers(raw: pd.Series, integer: bool) -> tuple[np.ndarray, np.ndarray]:
    """(values, not a number) of a column, each cell read as :func:`number` reads it.

    Typed numbers are taken as they are; plain decimals are converted on the whole
    column; other spellings once per distinct value.
    """
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype("Float64").to_numpy(dtype=float, na_value=np.nan), np.zeros(len(raw), dtype=bool)
    values = np.full(len(raw), np.nan)
    nonnum = np.zeros(len(raw), dtype=bool)
    s = strings(raw)
    if s is None:
        todo = np.ones(len(raw), dtype=bool)
    else:
        plain = mask(s.str.fullmatch(_PLAIN_NUMBER))
        # pyarrow's parser rounds decimals correctly, as float() does (checked in the tests).
        values[plain] = _arrow_floats(s.loc[plain])
        todo = ~plain & ~s.isna().to_numpy() & ~mask(s == "")
    if todo.any():
        codes, uniques = pd.factorize(raw.loc[todo], use_na_sentinel=True)
        parsed = [number(u, integer) for u in np.asarray(uniques, dtype=object)] + [float("nan")]
        nonnum[todo] = np.array([p is None for p in parsed])[codes]
        values[todo] = np.array([np.nan if p is None else p for p in parsed], dtype=float)[codes]
    return values, nonnum


# --------------------------------------------------------------------------- dates


def day(v: object) -> str | None:
    """The day a cell names as ``YYYY-MM-DD`` text; ``None`` when blank or missing; ``_BAD`` otherwise.

    The calendar (30 February) and the year range are checked by :func:`dates`.
    """
    t = clean(v)
    if t is None or t.lower() in MISSING_TOKENS:
        return None
    m = _ISO.match(t)
    if not m:
        return _BAD
    y, mo, d, hh, mi, ss, offset = m.groups()
    if hh is None:
        return f"{y}-{mo}-{d}"
    if int(hh) > 23 or int(mi) > 59 or int(ss or 0) > 59:
        return _BAD
    if offset is None:
        return f"{y}-{mo}-{d}"
    try:
        stamp = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
    except ValueError:
        return _BAD
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "") if offset != "Z" else "0000"
    utc = stamp - sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        return (utc + timedelta(hours=5)).strftime("%Y-%m-%d")
    except OverflowError:
        return _BAD


def typed_days(raw: pd.Series) -> pd.Series:
    """Days of a typed datetime column: a time zone is converted to PKT first, then the time dropped."""
    s = raw
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_convert(PKT).dt.tz_localize(None)
    return s.dt.normalize()


def dates(raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """(days, not a date, year out of range) of a column, as :func:`day` reads each cell.

    ``days`` is ``datetime64[ns]`` (NaT for blank, missing, unreadable and out-of-range
    cells). Typed datetime columns are taken as they are (see :func:`typed_days`).
    """
    n = len(raw)
    if pd.api.types.is_datetime64_any_dtype(raw):
        days = typed_days(raw)
        years = days.dt.year
        out = mask((years < YEARS[0]) | (years > YEARS[1]))
        days = days.mask(pd.Series(out, index=days.index))
        return days.astype("datetime64[ns]"), np.zeros(n, dtype=bool), out
    t = text(raw)
    plain = mask(t.str.fullmatch(_ISO_PLAIN))
    iso = finish(
        t.str.slice(0, 10).where(pd.Series(plain, index=t.index)),
        ~plain & t.notna().to_numpy(),
        day,
        source=t,
    )
    given = iso.notna().to_numpy()
    parsed = pd.to_datetime(iso.where(iso != _BAD), format="%Y-%m-%d", errors="coerce")
    years = parsed.dt.year
    out = mask((years < YEARS[0]) | (years > YEARS[1]))
    parsed = parsed.mask(pd.Series(out, index=parsed.index))
    bad = given & parsed.isna().to_numpy() & ~out
    return parsed.astype("datetime64[ns]"), bad, out
