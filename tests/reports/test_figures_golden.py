"""A few golden images, compared with a tolerance (fonts pinned by the house style).

The charts are drawn from a small hand-made dataset, so the images change only when
the drawing code changes. To accept a deliberate change, run once with
``SECBRIEF_UPDATE_GOLDEN=1`` and look at the new PNGs before committing them.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.testing.compare import compare_images

from analysis.incidents import from_frame
from analysis.periods import parse_period
from reports.figures import annual, groups, trend
from reports.figures.export import save

GOLDEN = Path(__file__).parent / "golden"
TOLERANCE = 10


def _frame() -> pd.DataFrame:
    """Two incidents on the 5th of each month, 2014-2024, with counts following a fixed pattern."""
    rows = []
    provinces = ["Khyber Pakhtunkhwa", "Balochistan", "Sindh"]
    groups_ = ["TTP", "BLA", None]
    methods = ["armed_assault", "bombing", "suicide_bombing"]
    for i, month in enumerate(pd.period_range("2014-01", "2024-12", freq="M")):
        for j in range(2):
            k = (i * 7 + j * 3) % 11
            rows.append(
                {
                    "incident_id": f"g{i:03d}{j}",
                    "date": month.to_timestamp() + pd.Timedelta(days=4 + j),
                    "province": provinces[(i + j) % 3],
                    "event_type": "attack" if j == 0 else "operation",
                    "method": methods[(i + j) % 3],
                    "perpetrator": groups_[(i + 2 * j) % 3],
                    "killed_security": k % 5 + i // 12,
                    "killed_civilians": (k * 2) % 7,
                    "killed_militants": k + j * 4,
                    "killed_low": None if k % 3 else k,
                    "killed_high": None,
                    "injured_total": k,
                }
            )
    f = pd.DataFrame(rows)
    f["killed_low"] = f["killed_low"].astype("Int64")
    f["killed_high"] = (f["killed_low"] + 3).astype("Int64")
    return from_frame(f).frame


CASES = {
    "trend-single": lambda f: trend.plot_monthly_trend(
        trend.monthly_trend_data(f, parse_period("2024-12")), style="paper", width=3.5
    ),
    "groups-double": lambda f: groups.plot_groups(
        groups.groups_data(f, parse_period("2024")), style="paper", width=7.2
    ),
    "ten-years-double": lambda f: annual.plot_ten_years(
        annual.ten_year_data(f, parse_period("2024")), style="paper", width=7.2
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_image(name, tmp_path):
    fig = CASES[name](_frame())
    try:
        actual = save(fig, tmp_path / f"{name}.png", dpi=100)
    finally:
        plt.close(fig)
    expected = GOLDEN / f"{name}.png"
    if os.environ.get("SECBRIEF_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.is_file(), f"no golden image {expected}; run with SECBRIEF_UPDATE_GOLDEN=1 and inspect it"
    result = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert result is None, result
