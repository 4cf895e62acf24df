"""What changed between two versions of a dataset: incidents, fields, and published numbers.

Incident datasets are revised all the time: late reports add incidents, death tolls
rise, duplicates are merged. :func:`diff_incidents` matches the two versions by
``incident_id`` and reports incidents added, removed and changed (field by field), and
the effect on the numbers a brief publishes: every month × province × measure whose
value differs. :func:`revisions` selects the revised figures of months a previous
brief had already published, for the brief's "Revisions since the last brief".

Counting rules are exactly those of :func:`analysis.counts.count_table` (an incident
counts in the month of its start date; blank counts add nothing; incidents without a
province are counted under ``unknown``), so a revision is a change in a number the
brief did print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema
from analysis.counts import UNKNOWN, count_table
from analysis.errors import DataValidationError
from analysis.incidents import Incidents
from analysis.periods import Period
from analysis.periods import month as month_period

#: Measures whose revisions are reported (the published headline numbers).
REVISION_MEASURES: tuple[str, ...] = (
    "incidents",
    "killed_total",
    "killed_security",
    "killed_civilians",
    "killed_militants",
    "injured_total",
)
#: Fields compared for each incident present in both versions (every schema column but the id).
COMPARED_FIELDS: tuple[str, ...] = tuple(c for c in schema.columns() if c != "incident_id")
_NUMBER_COLUMNS = ["month", "province", "measure", "old", "new", "change"]
_CHANGE_COLUMNS = ["incident_id", "field", "old", "new"]


@dataclass(frozen=True)
class DatasetDiff:
    """Differences between an old and a new version of an incident dataset.

    Attributes
    ----------
    old_fingerprint, new_fingerprint
        Content fingerprints of the two versions.
    added, removed
        Canonical rows of incidents only in the new (added) or only in the old
        (removed) version, ordered by date and id.
    changed
        One row per changed field of an incident in both versions: ``incident_id``,
        ``field``, ``old``, ``new`` (values as text, ``<NA>`` for blank; dates
        ``YYYY-MM-DD``), in id order and schema field order.
    numbers
        One row per month × province × measure whose value differs: ``month``
        (``YYYY-MM``), ``province`` (``unknown`` for incidents without one),
        ``measure``, ``old``, ``new``, ``change`` (new − old).
    unchanged
        Incidents present in both versions with no field changed.
    """

    old_fingerprint: str
    new_fingerprint: str
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    numbers: pd.DataFrame
    unchanged: int

    @property
    def changed_ids(self) -> tuple[str, ...]:
        """Ids of incidents with at least one changed field, in order."""
        return tuple(pd.unique(self.changed["incident_id"]))

    @property
    def identical(self) -> bool:
        """True when the two versions hold the same incidents."""
        return self.added.empty and self.removed.empty and self.changed.empty


@dataclass(frozen=True)
class Revision:
    """A published figure that a newer version of the data revises.

    ``province`` is ``None`` for the national total and ``"unknown"`` for incidents
    without a province.
    """

    month: str
    province: str | None
    measure: str
    old: int
    new: int

    @property
    def change(self) -> int:
        """New figure minus old figure (negative when the revision lowers it)."""
        return self.new - self.old

    @property
    def period(self) -> Period:
        """The month as a :class:`~analysis.periods.Period` (for its label)."""
        y, m = self.month.split("-")
        return month_period(int(y), int(m))


def _frame(data: Incidents | pd.DataFrame) -> pd.DataFrame:
    return data.frame if isinstance(data, Incidents) else data


def _fingerprint(data: Incidents | pd.DataFrame) -> str:
    if isinstance(data, Incidents):
        return data.fingerprint
    from analysis.incidents import fingerprint

    return fingerprint(data)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Schema columns as text, exactly as the fingerprint sees them (blank = <NA>)."""
    f = frame[list(schema.columns())].copy()
    for c in ("date", "date_end"):
        f[c] = f[c].dt.strftime("%Y-%m-%d")
    return f.astype("string")


def _by_id(frame: pd.DataFrame, which: str) -> pd.DataFrame:
    ids = frame["incident_id"]
    dup = ids[ids.duplicated()]
    if len(dup):
        raise DataValidationError(
            f"{which} version has incident_id '{dup.iloc[0]}' more than once; a diff matches incidents by id",
            column="incident_id",
        )
    return frame.set_index("incident_id", drop=False)


def field_changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Field-by-field changes of the incidents present in both frames.

    Parameters
    ----------
    old, new
        Canonical incident frames with unique ``incident_id``.

    Returns
    -------
    pandas.DataFrame
        ``incident_id``, ``field``, ``old``, ``new``: one row per changed field.
    """
    o = _by_id(_as_text(old), "old")
    n = _by_id(_as_text(new), "new")
    common = o.index.intersection(n.index, sort=False).sort_values()
    o, n = o.loc[common], n.loc[common]
    parts = []
    for field in COMPARED_FIELDS:
        a, b = o[field], n[field]
        differs = (a != b).fillna(True) & ~(a.isna() & b.isna())
        if differs.any():
            parts.append(
                pd.DataFrame(
                    {
                        "incident_id": common[differs.to_numpy()],
                        "field": field,
                        "old": a[differs].to_numpy(),
                        "new": b[differs].to_numpy(),
                    }
                )
            )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in _CHANGE_COLUMNS})
    out = pd.concat(parts, ignore_index=True).astype("string")
    order = {f: i for i, f in enumerate(COMPARED_FIELDS)}
    out["_order"] = out["field"].map(order)
    return out.sort_values(["incident_id", "_order"], kind="mergesort").drop(columns="_order").reset_index(drop=True)


def _monthly_counts(frame: pd.DataFrame, measures: Sequence[str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="str"),
                "province": pd.Series(dtype="str"),
                **{m: pd.Series(dtype="int64") for m in measures},
            }
        )
    t = count_table(frame, by=["month", "province"], measures=list(measures), with_unknown=False)
    return t.astype({"month": "str", "province": "str"})


def revised_numbers(
    old: Incidents | pd.DataFrame,
    new: Incidents | pd.DataFrame,
    *,
    measures: Sequence[str] = REVISION_MEASURES,
    national: bool = False,
    all_cells: bool = False,
) -> pd.DataFrame:
    """Old and new value of each measure by month and province.

    Parameters
    ----------
    old, new
        The two versions (canonical frames or :class:`~analysis.incidents.Incidents`).
    measures
        Measures of :data:`analysis.counts.MEASURES` to compare.
    national
        Add rows with ``province`` = ``<NA>`` for the whole country.
    all_cells
        Keep unchanged cells too (default: only cells whose value differs).

    Returns
    -------
    pandas.DataFrame
        ``month``, ``province``, ``measure``, ``old``, ``new``, ``change``, ordered
        by month, province (gazetteer order) and measure (as given). A month or
        province absent from one version counts as zero there.
    """
    a = _monthly_counts(_frame(old), measures)
    b = _monthly_counts(_frame(new), measures)
    keys = ["month", "province"]
    wide = a.merge(b, on=keys, how="outer", suffixes=("_old", "_new"), sort=False)
    if national:
        tot = wide.groupby("month", sort=False)[[f"{m}_{s}" for m in measures for s in ("old", "new")]].sum(min_count=0)
        tot = tot.reset_index()
        tot["province"] = pd.NA
        wide = pd.concat([tot, wide], ignore_index=True)
    prov_order = {p: i for i, p in enumerate(pd.unique(pd.concat([a["province"], b["province"]])))}
    long = []
    for i, m in enumerate(measures):
        part = wide[keys].copy()
        part["measure"] = m
        part["old"] = wide[f"{m}_old"].fillna(0).astype("int64")
        part["new"] = wide[f"{m}_new"].fillna(0).astype("int64")
        part["_m"] = i
        long.append(part)
    out = pd.concat(long, ignore_index=True)
    out["change"] = out["new"] - out["old"]
    if not all_cells:
        out = out.loc[out["change"] != 0]
    out["_p"] = out["province"].map(prov_order).fillna(-1)
    out = out.sort_values(["month", "_p", "_m"], kind="mergesort").drop(columns=["_p", "_m"])
    out["province"] = out["province"].astype("string")
    return out.reset_index(drop=True)[_NUMBER_COLUMNS]


def diff_incidents(
    old: Incidents | pd.DataFrame,
    new: Incidents | pd.DataFrame,
    *,
    measures: Sequence[str] = REVISION_MEASURES,
) -> DatasetDiff:
    """Compare two versions of an incident dataset, matching incidents by ``incident_id``.

    Parameters
    ----------
    old, new
        The earlier and the later version.
    measures
        Measures whose monthly values by province are compared (see
        :func:`revised_numbers`).

    Returns
    -------
    DatasetDiff
        Added, removed and changed incidents and the changed numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> old = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b"],
    ...             "province": ["Sindh", "Sindh"],
    ...             "date": pd.to_datetime(["2024-12-03", "2024-12-09"]),
    ...             "killed_total": [3, 1],
    ...         }
    ...     )
    ... )
    >>> new = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "c"],
    ...             "province": ["Sindh", "Sindh"],
    ...             "date": pd.to_datetime(["2024-12-03", "2025-01-02"]),
    ...             "killed_total": [5, 2],
    ...         }
    ...     )
    ... )
    >>> d = diff_incidents(old, new, measures=["killed_total"])
    >>> list(d.added["incident_id"]), list(d.removed["incident_id"])
    (['c'], ['b'])
    >>> d.changed[["incident_id", "field", "old", "new"]].values.tolist()
    [['a', 'killed_total', '3', '5']]
    >>> d.numbers[["month", "province", "old", "new", "change"]].values.tolist()
    [['2024-12', 'Sindh', 4, 5, 1], ['2025-01', 'Sindh', 0, 2, 2]]
    """
    of, nf = _frame(old), _frame(new)
    o_ids = set(_by_id(of, "old").index)
    n_ids = set(_by_id(nf, "new").index)
    order = ["date", "incident_id"]
    added = nf.loc[~nf["incident_id"].isin(o_ids)].sort_values(order, kind="mergesort").reset_index(drop=True)
    removed = of.loc[~of["incident_id"].isin(n_ids)].sort_values(order, kind="mergesort").reset_index(drop=True)
    changed = field_changes(of, nf)
    both = len(o_ids & n_ids)
    return DatasetDiff(
        old_fingerprint=_fingerprint(old),
        new_fingerprint=_fingerprint(new),
        added=added,
        removed=removed,
        changed=changed,
        numbers=revised_numbers(of, nf, measures=measures),
        unchanged=both - changed["incident_id"].nunique(),
    )


def published_months(numbers: pd.DataFrame, through: Period | pd.Timestamp | str) -> pd.DataFrame:
    """Rows of ``numbers`` (with a ``month`` column, ``YYYY-MM``) for whole months ending by ``through``.

    ``through`` is a day, or a :class:`~analysis.periods.Period` (its last day).
    """
    last = through.end if isinstance(through, Period) else pd.Timestamp(through)
    month_end = pd.PeriodIndex(numbers["month"], freq="M").end_time.normalize()
    return numbers.loc[np.asarray(month_end <= last)].reset_index(drop=True)


def revisions(
    old: Incidents | pd.DataFrame,
    new: Incidents | pd.DataFrame,
    *,
    published_through: Period | pd.Timestamp | str,
    region: str | None = None,
    measures: Sequence[str] = REVISION_MEASURES,
    national: bool = True,
) -> tuple[Revision, ...]:
    """Published monthly figures that the new version of the data revises.

    Parameters
    ----------
    old
        The data the previous brief was built on.
    new
        The data of the brief being built.
    published_through
        Last day covered by the previous brief (a :class:`Period` means its last
        day). Only whole months ending on or before it are compared: those are the
        figures that had been published.
    region
        Canonical province name for a regional brief: only its figures.
    measures
        Measures compared (default :data:`REVISION_MEASURES`).
    national
        For a national brief (``region=None``), also compare the national totals
        (``province=None`` in the result).

    Returns
    -------
    tuple of Revision
        Oldest month first; within a month, national total first, then provinces in
        gazetteer order, measures in the order given.
    """
    if region is not None:
        of, nf = _frame(old), _frame(new)
        old, new = of.loc[of["province"] == region], nf.loc[nf["province"] == region]
    numbers = published_months(
        revised_numbers(old, new, measures=measures, national=national and region is None), published_through
    )
    return tuple(
        Revision(
            month=r.month,
            province=None if pd.isna(r.province) else str(r.province),
            measure=r.measure,
            old=int(r.old),
            new=int(r.new),
        )
        for r in numbers.itertuples(index=False)
    )


__all__ = [
    "COMPARED_FIELDS",
    "REVISION_MEASURES",
    "UNKNOWN",
    "DatasetDiff",
    "Revision",
    "diff_incidents",
    "field_changes",
    "published_months",
    "revised_numbers",
    "revisions",
]
