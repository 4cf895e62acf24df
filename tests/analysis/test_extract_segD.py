"""Segmentation rules of round 7 (segD), on short reports written for these tests.

Each test names the press pattern (a family of wordings), tells it in several outlets' styles and
adds a case the rule must not fire on.
"""

from __future__ import annotations

import pytest

from analysis.extract import extract_text


def _rows(text):
    ex = extract_text(text, name="t.txt")
    return [
        (c.date.isoformat(), c.district, c.killed_security, c.killed_militants, c.killed_civilians, c.injured_total)
        for c in ex.candidates
    ]


# -- one statement, two operations joined by ", and N others were killed in ..." ----------------

_AND_JOINED = [
    # wire copy quoting the military, the lead giving the sum
    """date 2025-03-14
Security forces killed 11 militants in raids near the Afghan border, the army said on Friday.
The army said seven militants were killed in an operation on Thursday in Khyber district, and four others
were killed in a raid on Friday in Lakki Marwat district.
""",
    # local copy, no lead total, passive then active tense
    """date 2025-03-14
Police said two constables were martyred in an ambush in Kohat on Thursday night, and three more were
injured in a grenade attack in Karak district on Friday morning.
""",
    # ISPR style, nouns before the verb in both halves
    """date 2025-03-14
According to the ISPR, six khwarij were sent to hell during an intelligence based operation in Tank district,
and two terrorists were killed in an exchange of fire in the general area of Zhob on Thursday.
""",
]


@pytest.mark.parametrize("text", _AND_JOINED)
def test_two_operations_joined_by_and_each_with_its_district_and_figure_are_two_incidents(text):
    rows = _rows(text)
    assert len(rows) == 2
    assert len({r[1] for r in rows}) == 2


def test_and_joined_lead_total_is_not_coded_and_the_parts_keep_their_days():
    rows = _rows(_AND_JOINED[0])
    assert sorted(rows) == [
        ("2025-03-13", "Khyber", None, 7, None, None),
        ("2025-03-14", "Lakki Marwat", None, 4, None, None),
    ]


def test_and_joined_clause_with_an_aggregate_over_two_districts_is_one_row_and_the_lead_sums_it():
    rows = _rows("""date 2025-03-14
Troops raided three hideouts in the northwest, killing 12 fighters, the military said on Friday.
The military said nine militants were killed in an operation on Thursday in Mohmand district, and three others
were killed in raids on Friday in the districts of Bannu and North Waziristan.
""")
    assert sorted((r[1], r[3]) for r in rows) == [("Bannu; North Waziristan", 3), ("Mohmand", 9)]


def test_and_within_one_event_at_one_place_is_not_split():
    # Negative: both halves at the same place tell one attack.
    rows = _rows("""date 2025-03-14
Two soldiers were martyred when militants attacked a check post in Bannu district on Thursday, and three
others were injured in the same attack in Bannu.
""")
    assert rows == [("2025-03-13", "Bannu", 2, None, None, 3)]


def test_and_joining_a_figure_with_a_clause_without_one_is_not_split():
    # Negative: the second half has no casualty figure of its own.
    rows = _rows("""date 2025-03-14
Three policemen were killed in an attack on a police station in Dera Ismail Khan on Thursday, and the
attackers were later chased into the hills, police said.
""")
    assert [r[1] for r in rows] == ["Dera Ismail Khan"]


# -- one earlier event recalled twice (caption, body, aside) ----------------------------------------

_RECALLED_TWICE = [
    """date 2025-09-11
Militants attacked an army camp in Bannu last week, killing six soldiers.(AP)
Troops killed ten militants in an operation in Khyber district on Wednesday, the army said.
Militants attacked an army camp in Bannu last week, killing six soldiers.
A captain later died of wounds he sustained in the Sept. 3 attack on the camp in Bannu.
""",
    """date 2024-02-20
Police on Monday killed two militants in a raid in Kech district, officials said.
The raid came weeks after gunmen killed three policemen in an attack on a checkpoint in Kech district last month.
Officers said the men were behind the January 9 attack on the checkpoint in Kech, which had killed three policemen.
""",
]


@pytest.mark.parametrize("text", _RECALLED_TWICE)
def test_an_earlier_event_recalled_twice_with_the_same_toll_is_one_incident(text):
    ex = extract_text(text, name="t.txt")
    recalled = [c for c in ex.candidates if any("background" in r for r in c.review)]
    assert len(recalled) == 1
    assert recalled[0].date_basis == "explicit"


def test_two_earlier_events_in_different_months_with_the_same_toll_stay_two():
    # Negative: same place and toll, but two months named.
    ex = extract_text(
        """date 2024-06-20
Police killed two militants in a raid in Kech district on Wednesday, officials said.
In March, gunmen killed three policemen in an attack in Kech district.
In May, gunmen killed three policemen in an attack in Kech district.
""",
        name="t.txt",
    )
    recalled = [c for c in ex.candidates if any("background" in r for r in c.review)]
    assert len(recalled) == 2
