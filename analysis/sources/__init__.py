"""Readers that map a file of some format onto the canonical schema.

Each source module exposes ``NAME``, ``matches(header) -> bool`` (used for
detection) and ``read(path) -> pandas.DataFrame`` returning raw values under
canonical column names plus ``_row``. :func:`analysis.io.load_incidents` validates
the result.
"""

from __future__ import annotations

from analysis.sources import native

SOURCES = {native.NAME: native}

__all__ = ["SOURCES", "native"]
