"""Package errors: each says which stage failed and where (file, row, column).

The command line turns these into one line on stderr and an exit code; a traceback
from secbrief is a bug.
"""

from __future__ import annotations

from pathlib import Path


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
        """The message as one line: ``file, row N, column 'c': message``."""
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = " ".join(self.message.split())
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
