"""On the real UCDP GED file, yearly and monthly totals equal independent sums (csv module)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

import analysis as an


def _independent_sums(path):
    """Sum ``best`` by year and by month of ``date_start`` with the csv module (HXL row skipped).

    An event dated only to a range (``date_prec`` above 1) counts in a year or month only when
    ``date_start`` and ``date_end`` lie in it.
    """
    years: Counter[int] = Counter()
    months: Counter[str] = Counter()
    events: Counter[str] = Counter()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["date_start"].startswith("#"):  # the HXL hashtag row
                continue
            start, end = row["date_start"][:10], row["date_end"][:10]
            exact = row["date_prec"] == "1"
            if exact or start[:4] == end[:4]:
                years[int(start[:4])] += int(row["best"])
            if exact or start[:7] == end[:7]:
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
    # every multi-day GED event is a date range of uncertainty (date_prec 2-5), never spread:
    # the "spread" rule gives the same months (before, it spread the year-dated 1,428 over 2009)
    spread = an.count_table(inc.frame, by=["month"], measures=["killed_total"], date_rule="spread")
    assert int(spread["killed_total"].sum()) == sum(months.values())
    assert (
        spread.set_index("month")["killed_total"]
        == by_month.set_index("month")["killed_total"].reindex(spread["month"]).fillna(0).to_numpy()
    ).all()
