"""The brief's numeric sections as records (analysis.sections), against hand-made frames."""

from __future__ import annotations

import pandas as pd

from analysis.capabilities import capabilities
from analysis.incidents import from_frame
from analysis.periods import parse_period
from analysis.sections import deadliest, group_section, regions_section


def _frame(killed: list[int], injured: list[int | None], province: list[str] | None = None) -> pd.DataFrame:
    n = len(killed)
    return from_frame(
        pd.DataFrame(
            {
                "incident_id": [f"i{k:02d}" for k in range(n)],
                "date": pd.to_datetime(["2025-01-10"] * n),
                "province": province or ["Sindh"] * n,
                "event_type": ["attack"] * n,
                "perpetrator": ["TTP"] * n,
                "killed_total": pd.array(killed, dtype="Int64"),
                "injured_total": pd.array(injured, dtype="Int64"),
            }
        )
    ).frame


def test_ties_beyond_the_list_are_counted_not_cut():
    f = _frame([5, 4, 1, 1, 1, 1, 1, 1], [0] * 8)
    d = deadliest(f, parse_period("2025-01"), 3)
    assert [i.killed_total for i in d.incidents] == [5, 4, 1]
    assert (d.tied_not_listed, d.tied_killed) == (5, 1)
    d = deadliest(f, parse_period("2025-01"), 6)  # two more tied: listed
    assert len(d.incidents) == 8 and d.tied_not_listed == 0


def test_a_blank_injured_count_ranks_below_a_known_zero():
    f = _frame([3, 3], [None, 0])
    d = deadliest(f, parse_period("2025-01"), 2)
    assert [i.injured_total for i in d.incidents] == [0, None]


def test_total_row_is_a_lower_bound_when_a_row_is():
    f = _frame([3, 2], [None, 4], province=["Sindh", "Punjab"])
    sec = regions_section(f, parse_period("2025-01"), "province", capabilities(f), alpha=0.05, min_base=10)
    rows = {r.name: r for r in sec.rows}
    assert rows["Sindh"].at_least["injured_total"] and not rows["Punjab"].at_least["injured_total"]
    assert sec.total_at_least["injured_total"] and sec.total["injured_total"] == 4


def test_group_rows_carry_their_unknowns():
    f = _frame([3, 2], [None, 4])
    sec = group_section(f, parse_period("2025-01"), "perpetrator", capabilities(f))
    assert sec.rows[0].at_least["injured_total"] and sec.total.at_least["injured_total"]


def test_headline_has_no_row_the_source_cannot_support():
    from analysis.capabilities import UCDP_VIOLENCE, typology_values
    from analysis.sections import TYPE_COLUMN, headline

    f = _frame([3, 2], [None, None])
    f = f.assign(target=["Civilians", "Government of Pakistan"])
    caps = capabilities(f, "ucdp")
    f = f.assign(**{TYPE_COLUMN: typology_values(f, UCDP_VIOLENCE)})
    h = headline(f, parse_period("2025-01"), "monthly", caps, alpha=0.05, min_base=10)
    keys = [r.key for r in h.rows]
    assert keys[:4] == ["incidents", "type:state-based", "type:non-state", "type:one-sided"]
    assert not {"attacks", "operations", "injured_total"} & set(keys)
    by = {r.key: r for r in h.rows}
    assert by["type:one-sided"].value == 1 and by["type:state-based"].value == 1
    assert [c.name for c in by["killed_total"].comparisons] == ["previous", "last_year", "year_to_date"]
