"""A fixture of yearly security-force deaths in attacks (for the 685-in-444 finding)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.counts import spread_counts
from analysis.incidents import from_frame

#: 2015-2024: 2024 is the deadliest year for security forces in the decade.
TRUE_YEARS = {
    2015: 600,
    2016: 520,
    2017: 450,
    2018: 400,
    2019: 350,
    2020: 300,
    2021: 420,
    2022: 500,
    2023: 610,
    2024: 685,
}


def security_years(killed: dict[int, int], attacks_2024: int = 444, other_attacks: int = 300) -> pd.DataFrame:
    """Each year: attacks sharing the year's security deaths, plus operations that kill militants only."""
    rows = []
    for y, k in killed.items():
        n = attacks_2024 if y == 2024 else other_attacks
        parts = spread_counts(np.array([float(k)]), np.array([n])).astype(int)
        days = pd.date_range(f"{y}-01-01", f"{y}-12-31", periods=n).normalize()
        for i, (d, v) in enumerate(zip(days, parts, strict=True)):
            rows.append(
                {
                    "incident_id": f"a{y}-{i}",
                    "date": d,
                    "province": "Khyber Pakhtunkhwa",
                    "event_type": "attack",
                    "killed_security": int(v),
                    "killed_civilians": 0,
                    "killed_militants": 0,
                }
            )
        for i, d in enumerate(pd.date_range(f"{y}-01-15", f"{y}-12-15", periods=50).normalize()):
            rows.append(
                {
                    "incident_id": f"o{y}-{i}",
                    "date": d,
                    "province": "Balochistan",
                    "event_type": "operation",
                    "killed_security": 0,
                    "killed_civilians": 0,
                    "killed_militants": 3,
                }
            )
    return from_frame(pd.DataFrame(rows)).frame
