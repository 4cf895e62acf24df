"""Text from the data is literal in every chart: no mathtext, whatever a name holds."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.incidents import from_frame
from analysis.periods import parse_period

NAMES = ["$\\invalid{$", "$x^2$ \\frac{1}{0}", "TTP"]


@pytest.mark.parametrize("kind_period", [("monthly", "2025-01"), ("annual", "2025")])
def test_dollar_signs_in_names_do_not_break_a_chart(kind_period):
    from reports.figures import brief_figures

    kind, period = kind_period
    n = 12
    frame = pd.DataFrame(
        {
            "incident_id": [f"i{i}" for i in range(n)],
            "date": pd.to_datetime(["2025-01-05", "2024-06-01", "2023-03-02"] * (n // 3)),
            "province": ["Punjab", "Sindh", "Balochistan"] * (n // 3),
            "event_type": ["attack"] * n,
            "killed_total": [1, 2, 3] * (n // 3),
            "killed_security": [1, 0, 1] * (n // 3),
            "perpetrator": NAMES * (n // 3),
            "method": ["$\\invalid{$"] * n,
        }
    )
    drawn = brief_figures(from_frame(frame).frame, parse_period(period), kind=kind)
    svg = "\n".join(d.svg for d in drawn)
    assert "$\\invalid{$" in svg or "\\invalid" in svg  # drawn as the literal name


def test_house_style_turns_mathtext_off():
    from reports.figures.style import rc_params

    for style in ("brief", "paper", "slides"):
        assert rc_params(style)["text.parse_math"] is False
