"""A blank killed_total with only some victim categories given is a lower bound (issue 13).

Its deaths stay in every sum, and the row counts among the unknowns of killed_total so that
the total reads "at least N" and carries the ``*`` marker. With every category given the sum
is exact; a category the file never fills is not recorded and does not make a total partial.
The expected numbers are computed here with plain pandas from the CSV itself.
"""

from __future__ import annotations

import pandas as pd

import analysis as an
from analysis.capabilities import capabilities
from analysis.sections import regions_section

HEADER = (
    "incident_id,date,province,event_type,killed_security,killed_civilians,killed_militants,"
    "killed_unknown,killed_total\n"
)
ROWS = [
    "a,2025-06-03,Balochistan,attack,2,1,0,0,",  # every category given: 3, exact
    "b,2025-06-04,Balochistan,attack,5,,2,0,",  # civilians blank: at least 7
    "c,2025-06-05,Sindh,attack,4,,,,9",  # total given: 9, exact
    "d,2025-06-06,Sindh,attack,,,,,",  # nothing given: unknown
    "e,2025-06-07,Punjab,operation,0,1,3,0,",  # exact 4
]


def _plain(path):
    raw = pd.read_csv(path)
    cats = raw[["killed_security", "killed_civilians", "killed_militants", "killed_unknown"]]
    recorded = cats.columns[cats.notna().any()]
    total = raw["killed_total"].fillna(cats.sum(axis=1, min_count=1))
    lower = raw["killed_total"].isna() & cats.notna().any(axis=1) & cats[recorded].isna().any(axis=1)
    unknown = total.isna() | lower
    return raw.assign(total=total, unknown=unknown)


def test_partial_total_is_a_lower_bound_with_its_deaths(tmp_path):
    path = tmp_path / "partial.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    ref = _plain(path)
    inc = an.load_incidents(path)
    p = an.parse_period("2025-06")
    t = an.totals(inc.frame, p)
    assert t.killed_total == int(ref["total"].sum()) == 23
    assert t.unknown["killed_total"] == int(ref["unknown"].sum()) == 2  # b (partial) and d (blank)
    for prov, sub in ref.groupby("province"):
        pt = an.totals(inc.frame, p, province=prov)
        assert pt.killed_total == int(sub["total"].sum())
        assert pt.at_least("killed_total") == bool(sub["unknown"].any()), prov
    # Balochistan has no blank total, only the partial one: before the fix it read as exact.
    assert an.totals(inc.frame, p, province="Balochistan").at_least("killed_total")
    # The province table carries the marker on the row and on its Total, with the deaths kept.
    sec = regions_section(inc.frame, p, "province", capabilities(inc.frame), alpha=0.05, min_base=5)
    rows = {r.name: r for r in sec.rows}
    assert rows["Balochistan"].counts["killed_total"] == 10 and rows["Balochistan"].at_least["killed_total"]
    assert not rows["Punjab"].at_least["killed_total"]
    assert sec.total["killed_total"] == 23 and sec.total_at_least["killed_total"]


def test_all_categories_given_is_exact(tmp_path):
    path = tmp_path / "exact.csv"
    path.write_text(HEADER + ROWS[0] + "\n" + ROWS[4] + "\n", encoding="utf-8")
    t = an.totals(an.load_incidents(path).frame, an.parse_period("2025-06"))
    assert (t.killed_total, t.at_least("killed_total")) == (7, False)


def test_unrecorded_category_does_not_make_totals_partial(tmp_path):
    # killed_unknown is blank in every row: the source does not record it.
    path = tmp_path / "three.csv"
    path.write_text(HEADER + "a,2025-06-03,Sindh,attack,2,1,0,,\n", encoding="utf-8")
    t = an.totals(an.load_incidents(path).frame, an.parse_period("2025-06"))
    assert (t.killed_total, t.at_least("killed_total")) == (3, False)


def test_from_frame_and_store_keep_the_flag(tmp_path):
    path = tmp_path / "partial.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    inc = an.load_incidents(path)
    again = an.from_frame(inc.frame.loc[inc.frame["province"] == "Balochistan"])
    assert an.totals(again.frame, an.parse_period("2025-06")).unknown["killed_total"] == 1
