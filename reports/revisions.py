"""Lines for a brief's "Revisions since the last brief" section.

The brief calls :func:`revision_lines` with the data the previous brief of the same
series was built on (``old``) and its own data (``new``); the figures compared are
those of whole months the previous brief had published (see
:func:`analysis.diff.revisions`).
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.diff import REVISION_MEASURES, Revision, revisions
from analysis.incidents import Incidents
from analysis.periods import Period

#: How each measure reads in a sentence: "killed in Balochistan", "incidents in Sindh".
MEASURE_WORDS = {
    "incidents": "incidents",
    "attacks": "attacks",
    "operations": "security operations",
    "killed_total": "killed",
    "killed_security": "security forces killed",
    "killed_civilians": "civilians killed",
    "killed_militants": "militants killed",
    "killed_unknown": "killed, category unknown,",
    "injured_total": "injured",
}


def revision_line(rev: Revision, *, country: str = "Pakistan") -> str:
    """``December 2024: killed in Balochistan revised from 61 to 64``."""
    where = country if rev.province is None else (
        "places not recorded" if rev.province == "unknown" else rev.province)
    return f"{rev.period.label}: {MEASURE_WORDS.get(rev.measure, rev.measure)} in {where} " \
           f"revised from {rev.old:,} to {rev.new:,}"


def revision_lines(
    old: Incidents,
    new: Incidents,
    *,
    published_through: Period,
    region: str | None = None,
    measures: Sequence[str] = REVISION_MEASURES,
    national: bool = True,
) -> list[str]:
    """Sentences for every published monthly figure that ``new`` revises (empty when none).

    Parameters are those of :func:`analysis.diff.revisions`; an identical fingerprint
    short-circuits to no lines.
    """
    if old.fingerprint == new.fingerprint:
        return []
    revs = revisions(old, new, published_through=published_through, region=region,
                     measures=measures, national=national)
    return [revision_line(r) for r in revs]


__all__ = ["MEASURE_WORDS", "revision_line", "revision_lines"]
