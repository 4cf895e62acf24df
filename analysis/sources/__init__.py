"""Readers that map a file of some format onto the canonical schema.

Each source module exposes ``NAME``, ``matches(header) -> bool`` (used for
detection) and ``read(path) -> MappedRows`` (canonical column names holding the
file's values, each row's spreadsheet row number in ``_row``, and the rows that
are not incidents with a message). :func:`analysis.io.load_incidents` validates
the result. Mapping profiles (:mod:`analysis.sources.profile`) read any other
spreadsheet as a TOML file declares.
"""

from __future__ import annotations

from analysis.sources import acled, gtd, native, ucdp

#: Built-in sources by name, in the order detection tries them.
SOURCES = {m.NAME: m for m in (native, ucdp, acled, gtd)}

__all__ = ["SOURCES", "acled", "gtd", "native", "ucdp"]
