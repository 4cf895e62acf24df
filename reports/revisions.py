"""The brief's "Revisions since the last brief" section.

A brief belongs to a *series* (``monthly``, ``monthly-balochistan``, ...). After it is
written, :func:`record_brief` keeps its data in the store (a no-op when that content
is already a version) and records the publication. The next brief of the series calls
:func:`revisions_since_last_brief`, which finds the brief of the latest earlier period,
loads the data it was built on and lists every figure of the months it had published
that the new data revise, as sentences (:func:`revision_lines`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.gazetteer import normalise_name
from analysis.store import Publication, Store

if TYPE_CHECKING:  # pandas-heavy; imported where used so that series_name and the
    # store look-ups can key a cache without importing pandas
    from analysis.diff import Revision
    from analysis.incidents import Incidents
    from analysis.periods import Period


#: How each measure reads in a sentence: "killed in Balochistan", "incidents in Sindh".
def _measure_words() -> dict[str, str]:
    from analysis.measures import MEASURES

    return {k: m.heading.lower() for k, m in MEASURES.items()}


#: A measure as a revision line names it, from the one vocabulary (:mod:`analysis.measures`).
MEASURE_WORDS = _measure_words()


def revision_line(rev: Revision, *, country: str = "Pakistan") -> str:
    """``December 2024: killed in Balochistan revised from 61 to 64``."""
    where = country if rev.province is None else ("places not recorded" if rev.province == "unknown" else rev.province)
    from reports.formatting import integer

    return (
        f"{rev.period.label}: {MEASURE_WORDS.get(rev.measure, rev.measure)} in {where} "
        f"revised from {integer(rev.old)} to {integer(rev.new)}"
    )


def revision_lines(
    old: Incidents,
    new: Incidents,
    *,
    published_through: Period,
    region: str | None = None,
    measures: Sequence[str] | None = None,
    national: bool = True,
) -> list[str]:
    """Sentences for every published monthly figure that ``new`` revises (empty when none).

    Parameters are those of :func:`analysis.diff.revisions` (``measures=None``: its
    default, :data:`analysis.diff.REVISION_MEASURES`); an identical fingerprint
    short-circuits to no lines.
    """
    from analysis.diff import REVISION_MEASURES, revisions

    if old.fingerprint == new.fingerprint:
        return []
    revs = revisions(
        old,
        new,
        published_through=published_through,
        region=region,
        measures=REVISION_MEASURES if measures is None else measures,
        national=national,
    )
    return [revision_line(r) for r in revs]


@dataclass(frozen=True)
class RevisionsSection:
    """What the section shows.

    Attributes
    ----------
    previous
        The previous brief of the series, or ``None`` for the first one (no section).
    lines
        One sentence per revised figure; empty when nothing published was revised.
    note
        Why no comparison was possible, when the previous brief's data are not in
        the store; else ``None``.
    """

    previous: Publication | None
    lines: tuple[str, ...]
    note: str | None = None

    @property
    def previous_label(self) -> str | None:
        """``December 2024`` for the previous brief's period."""
        from analysis.periods import parse_period

        return parse_period(self.previous.period).label if self.previous else None


def series_name(kind: str, region: str | None) -> str:
    """``monthly`` or ``monthly-balochistan``: briefs of one series compare with each other."""
    return f"{kind}-{normalise_name(region)}" if region else kind


def revisions_since_last_brief(
    store: Store, inc: Incidents, *, kind: str, period: Period, region: str | None = None
) -> RevisionsSection:
    """Revisions of the figures published by the previous brief of the same series."""
    from analysis.periods import parse_period

    prev = store.previous_publication(series_name(kind, region), before=period)
    if prev is None:
        return RevisionsSection(None, ())
    if prev.fingerprint == inc.fingerprint:
        return RevisionsSection(prev, ())
    old_version = store.find(prev.fingerprint)
    if old_version is None:
        return RevisionsSection(
            prev,
            (),
            note=f"the data of the {parse_period(prev.period).label} brief "
            f"(fingerprint {prev.fingerprint[:12]}) are no longer in the store",
        )
    old = store.load(old_version)
    lines = revision_lines(old, inc, published_through=parse_period(prev.period), region=region)
    return RevisionsSection(prev, tuple(lines))


def record_brief(
    store: Store, inc: Incidents, *, kind: str, period: Period, region: str | None, output: str | Path
) -> Publication:
    """Keep ``inc`` as a version (no-op if stored) and record the brief as published from it."""
    if len(inc.frame):  # an empty dataset cannot be a version; the record still says what was used
        store.add(inc, note=f"data of {Path(output).name}")
    return store.record_publication(series_name(kind, region), period.slug, period.end, inc.fingerprint, output)


__all__ = [
    "MEASURE_WORDS",
    "RevisionsSection",
    "record_brief",
    "revision_line",
    "revision_lines",
    "revisions_since_last_brief",
    "series_name",
]
