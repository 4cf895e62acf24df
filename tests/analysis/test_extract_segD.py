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


# -- the lead names a local area the gazetteer lacks, the body names its district ------------------

_AREA_THEN_DISTRICT = [
    # local copy: the district through an official's title, then more victims "in the attack as well"
    """date 2024-10-09
Three people were killed in a roadside blast in the Shinkai Bala area here on Tuesday evening.
"It was a remote-controlled device aimed at the councillor's car," Mardan District Police Officer Ali Khan said.
"Three people including the councillor lost their lives in the blast and four were hurt," the Mardan police chief added.
""",
    # Dawn style: the district in a quote retelling the blast, after an aside on an earlier attack
    """date 2024-10-09
At least two policemen were martyred and nine others wounded in a blast near a market in the Jinnah Colony
area of the city on Monday night.
It was the second attack on the police in Balochistan within the last three days, officials said.
"Our patrol was targeted in the blast in which our two constables lost their lives," Turbat SSP Raza Shah said.
As a result, two constables died while 11 others, including four policemen, were wounded.
""",
    # wire copy: no figure in the sentence naming the district
    """date 2024-10-09
Gunmen shot dead four labourers at a construction site in the Tor Dara village on Tuesday, police said.
The village lies in Kohat district, a police spokesman said, adding the attackers fled on motorcycles.
""",
]


def test_district_of_the_body_is_the_incident_district():
    rows = _rows(_AREA_THEN_DISTRICT[0])
    assert rows[0][1] == "Mardan"


def test_another_district_with_a_new_event_and_figures_is_another_incident():
    # Negative: an event of its own (no reference back) at a district after a lead placed by an area.
    rows = _rows("""date 2024-10-09
Three people were killed in a roadside blast in the Shinkai Bala area on Tuesday evening.
In Turbat district, two soldiers were martyred when militants attacked a convoy.
""")
    assert len(rows) == 2


def test_district_of_a_lead_total_after_an_area_opens_its_own_part():
    # Negative: the lead total names the districts; the area's incident is one part, the district the other.
    rows = _rows("""date 2025-02-17
Attacks on police posts in Zhob and Loralai districts over the past 24 hours left three policemen martyred.
The post in the Kili Sarbaz area was attacked on Sunday morning, and one constable was martyred.
Late on Saturday night, a police check post in Loralai district came under attack, killing two policemen.
""")
    assert len(rows) == 2
    assert "Loralai" in [r[1] for r in rows]


# -- a place that is only a route or where the wounded were taken opens no incident ----------------

_ROUTE_OR_REFERRAL = [
    """date 2024-06-01
Gunmen shot dead nine passengers after stopping a coach on the highway near Hub district on Friday.
The attackers stopped three buses travelling between Quetta and Karachi, police said.
Nine were shot dead at close range, officials added.
""",
    """date 2024-06-01
Two policemen were martyred and eleven others injured in a blast in Kalat district on Friday.
Of the 11 injured, three are critical, and the severely wounded were being transferred to Quetta.
""",
    """date 2024-06-01
A roadside bomb killed four soldiers in Kurram district on Friday, the military said.
The wounded were transferred to Peshawar, and the vehicle was plying between Parachinar and Thal.
""",
]


def test_a_bus_attacked_between_two_towns_is_still_placed_by_the_text():
    # Negative: "between" without a journey word is not a route ("fighting between troops and militants in Tank").
    rows = _rows("""date 2024-06-01
Three soldiers were martyred in fighting between troops and militants in Tank district on Friday.
""")
    assert [r[1] for r in rows] == ["Tank"]


# -- a total over a province, the cities its attacks struck, the group's claim ----------------------

_PROVINCE_TOTAL = [
    # Gulf outlet rewriting Reuters: dateline "City, Pakistan –", the cities in a later paragraph
    """date 2026-02-02
Karachi, Pakistan – Officials said at least 30 militants were killed in clashes with security forces in several
towns of Balochistan after coordinated attacks by armed groups across the province.
Officials said five policemen were killed and 12 injured.
The BLA claimed responsibility for the attacks, claiming to have killed 50 soldiers, a figure not confirmed.
The attacks targeted several towns, including Turbat and Panjgur, where a post was overrun.
""",
    # AFP style: raids, the claim "said it had killed", the places opened by "The raids"
    """date 2026-02-02
Security forces killed 22 militants in raids across Khyber Pakhtunkhwa over several days, officials said.
The Pakistani Taliban claimed they had killed 15 soldiers in the fighting, which officials denied.
The raids were carried out in Bannu and Lakki Marwat, officials said.
""",
]


@pytest.mark.parametrize("text", _PROVINCE_TOTAL)
def test_cities_struck_by_the_attacks_of_a_province_total_place_it_and_a_claimed_toll_is_no_figure(text):
    rows = _rows(text)
    assert len(rows) == 1
    assert ";" in rows[0][1]
    assert rows[0][2] != 50 and rows[0][2] != 15


def test_dateline_city_and_country_with_a_dash_is_no_place():
    rows = _rows("""date 2026-02-02
Islamabad, Pakistan – Gunmen killed three policemen at a checkpoint in Kech district on Sunday, officials said.
""")
    assert [r[1] for r in rows] == ["Kech"]


def test_a_district_figure_after_a_province_total_opening_on_one_attack_is_its_own():
    # Negative: one attack in one district ("The attack in Turbat ...") is not the list of the total's places.
    rows = _rows("""date 2026-02-02
At least 30 militants were killed in clashes across Balochistan after coordinated attacks, officials said.
In a separate attack in Turbat district, gunmen killed four labourers on Sunday.
""")
    assert "Kech" in [r[1] for r in rows]


# -- a district that only names a force or an office, beside the place of the event ------------------

_FORCE_DISTRICT = [
    """date 2024-03-05
Three policemen of the Quetta Counter Terrorism Department were martyred in a raid in Mastung on Monday night.
Two militants were also killed in the gun battle, officials said.
""",
    """date 2024-03-05
A Kohat police constable and a passer-by were killed when gunmen opened fire in Hangu on Monday.
Another constable was wounded in the attack, police said.
""",
    """date 2024-03-05
Two Levies men were martyred in Kalat on Monday, the Quetta DIG told reporters.
""",
]


@pytest.mark.parametrize("text", _FORCE_DISTRICT)
def test_a_district_naming_a_force_or_office_is_not_a_second_place_of_the_event(text):
    rows = _rows(text)
    assert len(rows) == 1
    assert ";" not in (rows[0][1] or "")


def test_a_force_district_alone_still_places_the_event():
    # Negative: with no other place, the force's district is where the event was.
    rows = _rows("""date 2024-03-05
Two constables were martyred when gunmen attacked a checkpoint on Monday, the Lakki Marwat police said.
""")
    assert [r[1] for r in rows] == ["Lakki Marwat"]


# -- "one day after" an event the report dates only by itself ------------------------------------------

_DAY_AFTER_UNDATED = [
    """date 2026-02-02
Officials said 12 militants were killed in clashes across Balochistan after attacks on several towns.
The attacks targeted towns including Turbat and Panjgur.
The clashes come just one day after the military announced the killing of nine militants in raids in the same
province.
""",
    """date 2026-02-02
Gunmen killed four labourers at a construction site in Kech district, police said.
The killings came a day after six soldiers were martyred in a roadside bombing in Kech district.
""",
]


@pytest.mark.parametrize("text", _DAY_AFTER_UNDATED)
def test_an_earlier_event_a_day_before_an_undated_one_is_the_day_before_publication(text):
    ex = extract_text(text, name="t.txt")
    recalled = [c for c in ex.candidates if any("background" in r for r in c.review)]
    assert [c.date.isoformat() for c in recalled] == ["2026-02-01"]


def test_hours_after_an_undated_event_stays_undated():
    # Negative: "hours after" an event without a day may be the same day or the one before.
    ex = extract_text(
        """date 2026-02-02
Gunmen killed four labourers at a construction site in Kech district, police said.
The killings came hours after six soldiers were martyred in a roadside bombing in Kech district.
""",
        name="t.txt",
    )
    recalled = [c for c in ex.candidates if any("background" in r for r in c.review)]
    assert len(recalled) == 1 and recalled[0].date_basis != "relative"


# -- an earlier event recalled, then told in detail at its own named area ------------------------------

_RECALLED_IN_DETAIL = [
    """date 2024-05-10
A constable was martyred in a blast in Khyber district on Thursday, police said.
The blast comes days after three policemen were martyred when a bomber struck in Landi Kotal.
According to police, three policemen were martyred and five others injured when the bomber blew himself up at
the gate of the Landi Kotal police station.
""",
    """date 2024-05-10
Gunmen shot dead a shopkeeper in Bannu district on Thursday, police said.
The killing came a week after two soldiers were martyred in an ambush in Jani Khel.
Officials said two soldiers were martyred and three wounded when militants ambushed their patrol near Jani Khel.
""",
]


@pytest.mark.parametrize("text", _RECALLED_IN_DETAIL)
def test_details_of_an_earlier_event_at_its_named_area_go_to_it_not_the_main_event(text):
    rows = _rows(text)
    assert len(rows) == 2
    main = rows[0]
    assert main[5] is None  # the injured of the earlier event are not the main event's


def test_figures_at_the_named_area_that_contradict_the_earlier_event_do_not_join_it():
    # Negative: other figures at that area are not a retelling of the earlier event.
    rows = _rows("""date 2024-05-10
A constable was martyred in a blast in Khyber district on Thursday, police said.
The blast comes days after three policemen were martyred when a bomber struck in Landi Kotal, hours after two
policemen were shot dead at their post in Peshawar.
Officials said five soldiers were injured at a checkpoint in Landi Kotal.
""")
    assert not any(r[2] == 3 and r[5] == 5 for r in rows)


# -- "another similar attack": up to two words between "another" and the event ------------------------

_ANOTHER_WITH_WORDS = [
    """date 2022-05-19
A police officer was shot dead by gunmen in Peshawar on Thursday, police said.
It is to be recalled that on Tuesday, another similar major attack took place in Peshawar where an intelligence
inspector was killed and two others were injured.
""",
    """date 2022-05-19
Two soldiers were martyred in a roadside blast in Kech district on Thursday, the ISPR said.
On Monday, another deadly suicide attack in Kech district had killed three soldiers and wounded four.
""",
]


def test_another_word_not_before_an_event_is_no_marker():
    # Negative: "another" of a person ("another policeman was injured in the attack") is the same event.
    rows = _rows("""date 2022-05-19
A police officer was shot dead by gunmen in Peshawar on Thursday, and another policeman was injured in the attack.
""")
    assert len(rows) == 1


#: How many incidents each report of a family tells: the lead placed by an area and its district
#: named in the body (one), a route or referral city (one), "another similar attack" (two).
_HOW_MANY = [
    *((text, 1) for text in _AREA_THEN_DISTRICT),
    *((text, 1) for text in _ROUTE_OR_REFERRAL),
    *((text, 2) for text in _ANOTHER_WITH_WORDS),
]


@pytest.mark.parametrize(("text", "told"), _HOW_MANY)
def test_incidents_told_by_each_report_of_a_family(text, told):
    assert len(_rows(text)) == told
