"""Small builders of canonical incident frames for the analysis tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.incidents import from_frame

PROVINCES = ["Khyber Pakhtunkhwa", "Balochistan", "Sindh", "Punjab", None]
TYPES = ["attack", "operation", "clash", None]


def random_incidents(
    n: int, seed: int = 0, *, start: str = "2023-01-01", days: int = 900, multi_day: float = 0.1, blank: float = 0.1
) -> pd.DataFrame:
    """A canonical frame with random provinces, types, counts, blanks and multi-day events."""
    rng = np.random.default_rng(seed)
    date = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    span = np.where(rng.random(n) < multi_day, rng.integers(1, 70, n), 0)
    end = pd.Series(date + pd.to_timedelta(span, unit="D")).where(span > 0)

    def counts(scale: float) -> pd.Series:
        v = pd.Series(rng.negative_binomial(0.6, 0.6 / (0.6 + scale), n), dtype="Int64")
        return v.mask(rng.random(n) < blank)

    return from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"i{i}" for i in range(n)],
                "date": date,
                "date_end": end,
                "province": rng.choice(np.array(PROVINCES, dtype=object), n),
                "district": rng.choice(np.array(["A", "B", None], dtype=object), n),
                "event_type": rng.choice(np.array(TYPES, dtype=object), n),
                "method": rng.choice(np.array(["bombing", "armed_assault", None], dtype=object), n),
                "perpetrator": rng.choice(np.array(["TTP", "BLA", None], dtype=object), n),
                "killed_security": counts(1.5),
                "killed_civilians": counts(1.0),
                "killed_militants": counts(2.0),
                "injured_total": counts(2.0),
            }
        )
    ).frame


def placeable_range(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Plain-pandas statement of the date-precision rule, for independent checks.

    Exact dates (precision blank or ``day``): the start date. Week, month or year: from
    ``date`` to ``date_end``; without an end date the calendar month / calendar year of
    ``date``, or for a week the days from three before ``date`` to six after it.
    """
    prec = frame["date_precision"].astype("string").fillna("day")
    d = frame["date"]
    first = d.copy()
    last = d.copy()
    no_end = frame["date_end"].isna()
    month_start = d.dt.to_period("M").dt.start_time
    month_end = d.dt.to_period("M").dt.end_time.dt.normalize()
    year_start = d.dt.to_period("Y").dt.start_time
    year_end = d.dt.to_period("Y").dt.end_time.dt.normalize()
    for p, a, b in (
        ("month", month_start, month_end),
        ("year", year_start, year_end),
        ("week", d - pd.Timedelta(days=3), d + pd.Timedelta(days=6)),
    ):
        sel = (prec == p) & no_end
        first = first.where(~sel, a)
        last = last.where(~sel, b)
    has_end = (prec != "day") & ~no_end
    last = last.where(~has_end, frame["date_end"])
    return first, last
