"""Package errors: each says which stage failed and where (file, row, column).

The command line turns these into one line on stderr and an exit code; a traceback
from secbrief is a bug.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Characters that must not reach a terminal raw: C0 and C1 controls (line breaks and escape
#: sequences included), DEL, line and paragraph separators, and bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` safe to show on a terminal on one line: control characters written as escapes.

    A data value or file name holding an escape sequence (``\x1b[2J`` clears the
    screen) or a line break is shown as ``\x1b[2J`` or ``\n``, not run or broken
    across lines.

    >>> print(printable("Punj\x1b[2Jab\nX"))
    Punj\x1b[2Jab\nX
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


class SecbriefError(Exception):
    """Base class of every error secbrief raises on purpose.

    Parameters
    ----------
    message
        What is wrong, in plain words.
    file, row, column
        Where, when it applies. ``row`` is the 1-based line number in the file as a
        spreadsheet program shows it (the header is row 1).
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as one line: ``file, row N, column 'c': message`` (control characters escaped)."""
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = printable(re.sub(" {2,}", " ", self.message.strip()))
        where = [printable(w) for w in where]
        return f"{', '.join(where)}: {text}" if where else text


class SourceFormatError(SecbriefError):
    """The input cannot be read as the declared or detected source format."""


class DataValidationError(SecbriefError):
    """Rows were read but are not valid incidents (and the run does not allow rejects)."""


class PeriodError(SecbriefError, ValueError):
    """A period string or option could not be understood."""


class ConfigError(SecbriefError):
    """The run configuration (options or ``secbrief.toml``) is not usable."""


class RenderError(SecbriefError):
    """A template, figure or PDF could not be produced."""


class SecbriefWarning(UserWarning):
    """A problem that must not stop a run (e.g. a fit that did not converge)."""
