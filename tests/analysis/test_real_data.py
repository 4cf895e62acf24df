"""On the real UCDP GED file, yearly and monthly totals equal independent sums (csv module)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

import analysis as an


def _independent_sums(path):
    """Sum ``best`` by year and by month of ``date_start`` with the csv module (HXL row skipped)."""
    years: Counter[int] = Counter()
    months: Counter[str] = Counter()
    events: Counter[str] = Counter()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["date_start"].startswith("#"):  # the HXL hashtag row
                continue
            start = row["date_start"][:10]
            years[int(start[:4])] += int(row["best"])
            months[start[:7]] += int(row["best"])
            events[start[:7]] += 1
    return years, months, events


@pytest.mark.slow
def test_ucdp_yearly_and_monthly_totals(shared_data):
    path = shared_data / "ucdp-ged-pakistan.csv"
    inc = an.load_incidents(path, source="ucdp")
    assert inc.report.rejected == 0
    years, months, events = _independent_sums(path)
    by_year = an.count_table(inc.frame, by=["year"], measures=["killed_total", "incidents"])
    got = dict(zip(by_year["year"], by_year["killed_total"], strict=True))
    assert {y: v for y, v in got.items() if v or y in years} == dict(years)
    by_month = an.count_table(inc.frame, by=["month"], measures=["killed_total", "incidents"])
    got_m = dict(zip(by_month["month"], by_month["killed_total"], strict=True))
    got_n = dict(zip(by_month["month"], by_month["incidents"], strict=True))
    for m in set(got_m) | set(months):
        assert got_m.get(m, 0) == months.get(m, 0), m
        assert got_n.get(m, 0) == events.get(m, 0), m
    # spreading the multi-day events moves deaths between months but never changes the total
    spread = an.count_table(inc.frame, by=["month"], measures=["killed_total"], date_rule="spread")
    assert int(spread["killed_total"].sum()) == sum(years.values())
    assert (
        spread.set_index("month")["killed_total"]
        != by_month.set_index("month")["killed_total"].reindex(spread["month"]).fillna(0).to_numpy()
    ).any()
