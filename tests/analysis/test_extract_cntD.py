"""Issue 19, sixth round (cntD): exact counts, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``_one`` and ``_counted`` are those of ``test_extract_generalise``.
"""

from __future__ import annotations

from analysis.extract.context import context_cue
from tests.analysis.test_extract_generalise import _counted, _one


def test_a_count_of_lives_taken_is_a_count_of_the_dead():
    assert _counted("The car bomb claimed at least 14 lives and wounded 30 others.") == [
        (14, "unknown", "killed"),
        (30, "unknown", "injured"),
    ]
    assert _counted("The ambush cost eleven precious lives.") == [(11, "unknown", "killed")]
    assert _counted("Seven lives were lost when the bomb went off near the bus stand.") == [(7, "unknown", "killed")]
    # Lives saved, or lives without a verb of taking or losing, are no victims.
    assert _counted("The quick response of the rescue teams saved 40 lives.") == []
    assert _counted("The two lives of the informer were a plot device.") == []
    rows = _one("A bomb blast in a market of Turbat claimed nine lives on Monday, police said.")
    assert [r[1:6] for r in rows] == [(None, None, None, 9, None)]


def test_an_earlier_figure_of_another_kind_is_not_replaced():
    # The later figures are of soldiers; the civilian told "earlier" by another official still counts.
    rows = _one(
        "Six soldiers were martyred and four others injured when militants attacked a post in Kalat on "
        "Tuesday, the ISPR said. Earlier, the deputy commissioner had told reporters that a shepherd was "
        "killed in the crossfire while two other villagers were injured."
    )
    assert [r[1:6] for r in rows] == [(6, 1, None, None, 6)]
    # A later figure of the same kind (or of no stated kind) still replaces the earlier one.
    rows = _one(
        "Eight policemen were martyred in an attack on a police station in Tank on Friday. Earlier, officials "
        "had said that five policemen were killed."
    )
    assert [r[1:6] for r in rows] == [(8, None, None, None, None)]


def test_a_hospital_tally_so_far_is_the_toll_of_the_event():
    assert context_cue("“We have received 12 bodies so far and 40 injured,” a hospital spokesman said.") is None
    assert context_cue("The death toll so far stands at nine, officials said.") is None
    # A campaign to date stays a statistic.
    assert context_cue("So far, 52 terrorists have been sent to hell in the operation.") == "So far"
    rows = _one(
        "At least eight people were killed in a blast at a bus stop in Quetta on Monday. “We have received "
        "eight bodies so far and 23 injured at the Civil Hospital,” a doctor told reporters."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 8, 23)]


def test_a_ranked_mans_apposition_is_the_same_man():
    assert _counted(
        "“Captain Ahmed Raza, a gallant officer, laid down his life for the motherland,” the ISPR said."
    ) == [(1, "security", "killed")]
    # A list is not an apposition: the soldier after the named man is another man.
    assert _counted("Naik Gul Zaman, a soldier and a civilian driver were martyred.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
        (1, "civilians", "killed"),
    ]


def test_a_first_figure_said_to_be_revised_gives_way():
    rows = _one(
        "A bomb went off in a bazaar in Chaman on Sunday, leaving 11 people injured, doctors said. Hospital "
        "records showed that 15 were initially brought in wounded, but four of them were later discharged."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 11)]
    rows = _one(
        "Gunmen attacked a check post in Tank on Monday. Police initially said that two policemen were "
        "martyred. Three policemen were martyred in the attack, the DPO said later."
    )
    assert [r[1:6] for r in rows] == [(3, None, None, None, None)]
    # Alone, a first figure still counts.
    rows = _one(
        "Gunmen attacked a check post in Tank on Monday. Police initially said that two policemen were martyred."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_figures_compared_with_a_statistic_are_a_statistic():
    rows = _one(
        "Two soldiers were martyred in an attack on a post in Kurram on Friday. According to a think tank, "
        "60 per cent of deaths in the quarter were of security personnel. Civilian casualties were close to "
        "these figures, with 90 deaths and 140 injured."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_a_candidate_is_a_civilian_and_his_office_is_no_victim():
    assert _counted("An independent candidate and his guard were shot dead outside a polling station.") == [
        (1, "civilians", "killed"),
        (1, "security", "killed"),
    ]
    assert _counted("Two election hopefuls were wounded when gunmen fired on their rally.") == [
        (2, "civilians", "injured")
    ]
    # The office or house of a candidate is his place: no victim, and no antecedent of a bare count.
    assert _counted("A bomb went off outside the office of a PPP candidate, killing four and wounding nine.") == [
        (4, "unknown", "killed"),
        (9, "unknown", "injured"),
    ]
    assert _counted("The candidate's house was attacked with grenades.") == []


def test_people_listed_beside_a_named_victim_add_to_the_injured():
    rows = _one(
        "A councillor from the ward and three of his relatives were wounded when gunmen opened fire on their "
        "car in Mardan on Tuesday, police said."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 4)]
    # A total of people is not added to the parts named in it.
    rows = _one("Two policemen were among 12 people wounded in a blast in Mardan on Tuesday.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, 12)]


def test_killing_all_of_the_listed_victims_is_their_total():
    rows = _one(
        "Gunmen opened fire on a schoolteacher and two other men near Tank on Friday, killing all three, police said."
    )
    assert [r[1:6] for r in rows] == [(None, 1, None, 2, None)]
    rows = _one(
        "Militants ambushed a car carrying two soldiers and their driver in Kurram on Friday; all three were killed."
    )
    assert [r[1:6] for r in rows] == [(2, 1, None, None, None)]
    # "all" before a count that is not the sum of the people listed is left alone.
    assert _counted("Gunmen fired on a policeman and his son, killing all four passengers of the van.") == [
        (4, "civilians", "killed")
    ]


def test_an_officials_post_quoted_in_plain_sentences_is_read():
    rows = _one(
        "Gunmen stormed a police station in Lakki Marwat on Monday night, killing two policemen.\n\n"
        "Update from the district: two policemen were martyred while 9 people are injured and being treated in "
        "hospital. — Ali Khan (@alikhan_dpo) March 10, 2025\n\n"
        "Police said the attackers fled after a gunfight."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, 9)]
    # A post with hashtags or a picture link stays set apart (commentary, not the report's text).
    rows = _one(
        "Gunmen stormed a police station in Lakki Marwat on Monday night, killing two policemen.\n\n"
        "#Terror: attacks in Bannu and Lakki have taken 20 lives this week pic.twitter.com/abc123 — Some Analyst "
        "(@analyst) March 10, 2025\n\n"
        "Police said the attackers fled after a gunfight."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_a_leader_of_an_armed_group_is_a_militant():
    assert _counted("Troops killed the self-styled commander of the banned TTP in a raid near Mir Ali.") == [
        (1, "militants", "killed")
    ]
    rows = _one("A drone strike in Datta Khel on Monday killed five people, including a senior Taliban commander.")
    assert [r[1:6] for r in rows] == [(None, None, 1, 4, None)]
    # Named inside a count of militants, he is one of them (not one more).
    assert _counted("Six khwarij, including khwarij ringleader Gul Zaman, were sent to hell.") == [
        (6, "militants", "killed")
    ]
    # A commander of the forces, or a militant leader who speaks, is no militant victim.
    assert _counted("The Corps Commander said two soldiers were martyred.") == [(2, "security", "killed")]
    assert _counted("A TTP commander told reporters that the group had killed four policemen.") == [
        (4, "security", "killed")
    ]


def test_a_make_up_after_lost_their_lives_is_a_part_of_the_dead():
    assert _counted("Twenty people lost their lives, four children and a policeman among them.") == [
        (20, "unknown", "killed"),
        (4, "civilians", "killed"),
        (1, "security", "killed"),
    ]
    rows = _one(
        "In the attack in Kurram on Monday, 20 people lost their lives, four children and a policeman among them."
    )
    assert [r[1:6] for r in rows] == [(1, 4, None, 15, None)]
