"""Hot spots: the districts with the most deaths in a period, their change and their share.

A monthly assessment names where the violence was (PICSS and PIPS list the most affected
districts). :func:`hot_spots` ranks districts by people killed in the period and gives, for
each, the number killed in the previous period with the brief's test for deaths (the exact
incident-level randomisation test of :func:`analysis.changes.compare_deaths`: one bombing is
one event, not forty), and its share of everyone killed in the area in the period.

What the source does not record is not shown: when no incident of the period names a
district, :attr:`HotSpots.recorded` is false and there are no rows (the brief then says the
source does not record districts); deaths in incidents without a district are counted apart
(:attr:`HotSpots.killed_without_district`) and never ranked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.changes import MIN_BASE, PeriodChange, compare_deaths, incident_values
from analysis.counts import in_period
from analysis.periods import Period, previous_period


@dataclass(frozen=True)
class HotSpot:
    """One district of the hot-spot table.

    Attributes
    ----------
    district, province
        As the data name them.
    killed
        People killed in the period (blank counts skipped).
    killed_partial
        Some of its incidents do not give the number killed: ``killed`` is a lower bound.
    incidents
        Incidents in the period.
    share
        ``killed`` as a fraction of everyone killed in the area in the period.
    change
        Killed in the period against the previous period (exact incident-level test).
    """

    district: str
    province: str
    killed: int
    killed_partial: bool
    incidents: int
    share: float
    change: PeriodChange


@dataclass(frozen=True)
class HotSpots:
    """The districts with the most deaths in ``period``, most first.

    Attributes
    ----------
    period, previous
        The period and the one it is compared with.
    rows
        At most ``n`` districts with at least one death, ranked by killed, then incidents,
        then name.
    total_killed
        Everyone killed in the area in the period (the shares' denominator).
    killed_without_district
        Of ``total_killed``, deaths in incidents that name no district.
    recorded
        Whether the source names districts at all for this period's incidents.
    method
        The test used for the change.
    """

    period: Period
    previous: Period
    rows: tuple[HotSpot, ...]
    total_killed: int
    killed_without_district: int
    recorded: bool
    method: str

    @property
    def combined_share(self) -> float:
        """Share of all deaths in the listed districts together."""
        return float(np.sum([r.share for r in self.rows])) if self.rows else 0.0


def hot_spots(
    frame: pd.DataFrame,
    period: Period,
    *,
    n: int = 5,
    alpha: float = 0.05,
    min_base: int = MIN_BASE,
) -> HotSpots:
    """The ``n`` districts with the most people killed in ``period``.

    Parameters
    ----------
    frame
        Canonical incidents of the area (the whole country, or one province).
    period
        The period ranked.
    n
        How many districts (ties at the cut are broken by incidents, then by name).
    alpha, min_base
        Level of the test and smallest base for a percentage (as in the brief).

    Returns
    -------
    HotSpots
        The ranked districts with their change against the previous period and share.

    References
    ----------
    Change test: see :func:`analysis.changes.compare_deaths` (exact conditional test of the
    incident-level death counts, Fisher's randomisation principle).

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.incidents import from_frame
    >>> from analysis.periods import parse_period
    >>> inc = from_frame(
    ...     pd.DataFrame(
    ...         {
    ...             "incident_id": ["a", "b", "c", "d"],
    ...             "date": pd.to_datetime(["2025-05-03", "2025-06-01", "2025-06-02", "2025-06-09"]),
    ...             "province": ["Sindh", "Sindh", "Sindh", "Punjab"],
    ...             "district": ["Karachi", "Karachi", "Karachi", None],
    ...             "event_type": ["attack"] * 4,
    ...             "killed_total": [1, 4, 2, 2],
    ...         }
    ...     )
    ... )
    >>> h = hot_spots(inc.frame, parse_period("2025-06"))
    >>> [(r.district, r.killed, round(r.share, 2), r.change.previous) for r in h.rows]
    [('Karachi', 6, 0.75, 1)]
    >>> h.total_killed, h.killed_without_district
    (8, 2)
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    prev = previous_period(period)
    cur = in_period(frame, period)
    killed = cur["killed_total"]
    total = int(killed.sum(skipna=True))
    district = cur["district"].astype("string").str.strip().replace("", pd.NA)
    named = district.notna()
    method = "exact incident-level randomisation test (clustered counts, per day)"
    if not named.any():
        return HotSpots(period, prev, (), total, total, False, method)
    without = int(killed[~named].sum(skipna=True))
    province = cur["province"].astype("string").fillna("")
    g = pd.DataFrame(
        {
            "district": district[named],
            "province": province[named],
            "killed": killed[named].astype("Float64"),
            "blank": killed[named].isna(),
        }
    )
    table = (
        g.groupby(["district", "province"], sort=False, observed=True)
        .agg(killed=("killed", "sum"), blank=("blank", "sum"), incidents=("killed", "size"))
        .reset_index()
    )
    table["killed"] = table["killed"].fillna(0).astype("int64")
    table = table.loc[table["killed"] > 0]
    table = table.sort_values(["killed", "incidents", "district"], ascending=[False, False, True], kind="stable")
    rows = []
    f_district = frame["district"].astype("string").str.strip()
    f_province = frame["province"].astype("string").fillna("")
    for r in table.head(n).itertuples(index=False):
        sub = frame.loc[(f_district == r.district) & (f_province == r.province)]
        change = compare_deaths(
            incident_values(sub, "killed_total", period).to_numpy(),
            incident_values(sub, "killed_total", prev).to_numpy(),
            current_days=period.days,
            previous_days=prev.days,
            alpha=alpha,
            min_base=min_base,
        )
        share = float(r.killed) / total if total else float("nan")
        rows.append(
            HotSpot(
                str(r.district),
                str(r.province),
                int(r.killed),
                bool(r.blank),
                int(r.incidents),
                share,
                change,
            )
        )
    return HotSpots(period, prev, tuple(rows), total, without, True, method)
