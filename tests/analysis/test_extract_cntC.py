"""Issue 19, sixth round (cntC): exact counts, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``one`` and ``counted`` are those of ``extract_helpers``.
"""

from __future__ import annotations

from analysis.extract.context import context_cue
from tests.analysis.extract_helpers import counted, one


def test_lost_life_without_a_possessive_is_a_death():
    assert counted("A shopkeeper lost life and nine people were injured in the explosion.") == [
        (1, "civilians", "killed"),
        (9, "unknown", "injured"),
    ]
    assert counted("Two labourers lost lives when the roof collapsed after the blast.") == [(2, "civilians", "killed")]
    # Not a death: "life" as a noun elsewhere.
    assert counted("The attack brought life in the bazaar to a standstill.") == []


def test_men_named_after_a_plural_rank_are_each_counted():
    # Police statements list the dead under a plural rank: "constables A, B and C".
    assert counted("Sub-Inspector Gul Nawaz and constables Zahid Ali, Fazal Rabi and Imran were martyred.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    rows = one(
        "Four policemen were martyred in an ambush in Bannu district on Tuesday. ASI Karim Dad, HC Saleem "
        "Jan, and constables Wali Khan and Noor Zada were martyred in the attack."
    )
    assert [r[1:6] for r in rows] == [(4, None, None, None, None)]
    # Not victims: constables named as the speakers.
    assert counted("Constables Asif and Tariq said the gunmen fled towards the hills.") == []


def test_a_verb_after_a_long_list_of_named_men_reaches_the_first():
    assert [
        c for c in counted("Naik Javed, Sepoy Ahmed, Sepoy Rafiq, Sepoy Tahir and Sepoy Umar embraced martyrdom.")
    ] == [(1, "security", "killed")] * 5


def test_a_capitalised_data_is_a_name_not_statistics():
    assert context_cue("The blast outside Data Darbar killed four people on Monday.") is None
    assert context_cue("Provincial police data show 120 attacks in Bannu.") == "data"


def test_a_so_far_toll_of_one_event_is_no_statistic():
    assert context_cue("So far, at least nine people have died and 20 others were wounded in the market blast.") is None
    # A campaign to date stays context.
    assert context_cue("So far, 37 terrorists have been sent to hell in the ongoing operation.") == "So far"
    assert context_cue("So far this year, 50 people have died in the attacks.") is not None


def test_the_so_far_figures_replace_a_days_first_figures():
    rows = one(
        "The death toll from the bombing near the main bazaar rose to 12 as another victim died on Tuesday. "
        "So far, at least 12 people have died and 18 others were wounded in the bombing. "
        "On Saturday, eight people including three policemen died and 30 others were wounded when a bomb went "
        "off near a police van in Quetta.",
        published="2025-03-11",
    )
    # The day is the bombing's (Saturday), not the day the last victim died.
    assert rows == [("Quetta", 3, None, None, 9, 18, "relative")]


def test_the_deaths_of_n_people_are_deaths():
    assert counted("The bombing has led to the deaths of at least 12 people and injured 40 others, police said.") == [
        (12, "unknown", "killed"),
        (40, "unknown", "injured"),
    ]
    assert counted("The commissioner confirmed the deaths of five labourers.") == [(5, "civilians", "killed")]
    # No count: nobody counted.
    assert counted("Police are looking into the causes of the deaths of the men.") == []


def test_people_among_the_injured_are_a_part_of_the_injured():
    assert counted("Six people among the injured were said to be in a critical condition.") == []
    rows = one(
        "A bomb went off at a bus stand in Mardan on Monday, killing three people and injuring 25 others. "
        "Eight people among the injured were in a serious condition, doctors said."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 3, 25)]


def test_security_men_named_among_passengers_told_as_the_dead():
    rows = one(
        "Nine people were killed when gunmen fired on a coach in Kohistan district on Friday night. The "
        "deputy commissioner confirmed the deaths of nine passengers. He said the dead also included three "
        "soldiers going home on leave."
    )
    assert [r[1:6] for r in rows] == [(3, 6, None, None, None)]
    # Not a part: soldiers killed beside the passengers, in the same sentence.
    rows = one(
        "Six passengers and two soldiers were killed when gunmen fired on a coach in Kohistan district on Friday."
    )
    assert [r[1:6] for r in rows] == [(2, 6, None, None, None)]


def test_a_foreign_national_named_by_nationality_is_a_civilian():
    assert counted("An Afghan national was shot dead and two others were wounded near the bus stand.") == [
        (1, "civilians", "killed"),
        (2, "civilians", "injured"),
    ]
    # "national" alone is no person.
    assert counted("Gunmen opened fire on a national highway, police said.") == []


def test_a_bare_count_after_the_attackers_verb_is_not_the_attackers():
    assert counted("Gunmen opened fire on a passenger van near Kohat, killing three and injuring two.") == [
        (3, "unknown", "killed"),
        (2, "unknown", "injured"),
    ]
    # The militants as the object are still the ones killed.
    assert counted("Troops engaged the militants' hideout and the terrorists, killing four.") == [
        (4, "militants", "killed")
    ]


def test_an_official_of_a_civil_programme_is_a_civilian():
    assert counted("A vaccination programme official was shot dead and a constable was wounded.") == [
        (1, "civilians", "killed"),
        (1, "security", "injured"),
    ]
    assert counted("Three polling officials were injured when the bomb went off.") == [(3, "civilians", "injured")]
    # A police official stays security, an official of no stated office stays unknown.
    assert counted("A police official was injured in the attack.") == [(1, "security", "injured")]
    assert counted("Two officials were injured in the blast.") == [(2, "unknown", "injured")]


def test_a_martyred_gunman_is_a_guard_not_a_militant():
    # In Pakistani copy a policeman's "gunman" is his armed guard; militants are never "martyred".
    assert counted("An assistant sub-inspector (ASI) and his gunman were martyred when the car was fired upon.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    # A gunman killed is a militant.
    assert counted("Police returned fire and one gunman was killed.") == [(1, "militants", "killed")]


def test_a_force_word_before_a_rank_and_the_killing_of():
    assert counted("The bomb went off at the gate, killing police constable Sher Ali and injuring two passers-by.") == [
        (1, "security", "killed"),
        (2, "civilians", "injured"),
    ]
    assert counted("Traders protested against the killing of two shopkeepers.") == [(2, "civilians", "killed")]
    # "of" with no count after it links nothing ("the militant commander" is counted by the
    # one-person rules of cntD, not by this one).
    assert counted("The killing of the traders' leaders was condemned by the chamber.") == []


def test_an_event_that_occurred_days_after_a_killing_recalls_it():
    rows = one(
        "A bomb injured three people in Mohmand district on Saturday. The blast occurred three days after "
        "the killing of a PPP leader by gunmen in the same district."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 3), (None, 1, None, None, None)]


def test_explicit_none_among_a_kind_is_zero():
    # cntD's rules read "no one was injured" and "no harm was caused to ..."; this one reads the
    # none told of one kind of people.
    assert counted("Officials said there was no loss of life among the passengers.") == [(0, "civilians", "killed")]
    assert counted("The consulate said there were no casualties among its nationals.") == [(0, "civilians", "killed")]
    # A bare "no casualties were reported" is left blank (the codings differ).
    assert counted("No casualties were reported in the attack.") == []
    # Property destruction with "no one was hurt" is still no incident.
    assert one("Unknown men set fire to a school in Swat district on Monday; no one was injured.") == []


def test_two_dozen_is_a_count():
    assert counted("The blast killed nine people and injured more than two dozen others.") == [
        (9, "unknown", "killed"),
        (24, "unknown", "injured"),
    ]
    # "dozens" stays vague.
    assert counted("The blast killed nine people and injured dozens of others.") == [(9, "unknown", "killed")]


def test_people_at_work_are_civilians():
    assert counted("Four persons busy in the construction of a school were shot dead.") == [(4, "civilians", "killed")]
    assert counted("Two men, who were working in the fields, were injured by the mortar.") == [
        (2, "civilians", "injured")
    ]
    # Not a stated role: people working "for" someone.
    assert counted("Two men working for the contractor were shot dead.") == [(2, "unknown", "killed")]


def test_the_dead_role_names_the_kind_of_a_victim_told_before():
    rows = one(
        "One person was killed and five others were injured when a grenade went off near a hotel in Quetta "
        "on Tuesday. Rescue workers took the body of the dead shopkeeper to the civil hospital."
    )
    assert [r[1:6] for r in rows] == [(None, 1, None, None, 5)]
    # A reference back counts no one more: "the martyred constable" after the named constable.
    rows = one(
        "Constable Javed Iqbal was martyred when gunmen fired on a police post in Tank on Sunday. The funeral "
        "prayers of the martyred constable were offered at the police lines."
    )
    assert [r[1:6] for r in rows] == [(1, None, None, None, None)]
    # "Among the dead was the prayer leader" is a part of the dead, not the kind of all of them.
    rows = one("Six people were killed in a mosque blast in Kohat on Friday. Among the dead was the prayer leader.")
    assert [r[1:6] for r in rows] == [(None, 1, None, 5, None)]


def test_an_attack_that_comes_a_couple_of_days_after_recalls_it():
    rows = one(
        "Two policemen were martyred on Monday when militants attacked a checkpost in Mardan district. "
        "The attack comes a couple of days after four policemen were martyred in an attack in Swabi district."
    )
    assert [(r[0], r[1]) for r in rows] == [("Mardan", 2), ("Swabi", 4)]


def test_road_users_are_civilians_and_share_the_verb_together_with():
    assert counted("A constable was martyred together with a motorcyclist when gunmen opened fire.") == [
        (1, "security", "killed"),
        (1, "civilians", "killed"),
    ]
    assert counted("Two bystanders were wounded in the crossfire.") == [(2, "civilians", "injured")]
    # "together with" a companion who is not hurt: no verb, no count.
    assert counted("The SHO, together with a motorcyclist, reached the spot.") == []


def test_a_number_of_men_is_not_one_man():
    # "a number of" is vague (never coded); "a team of" names a body of men, not one victim.
    assert counted("A number of personnel were injured in the blast.") == []
    assert counted("A team of police officials was attacked and a constable was injured.") == [
        (1, "security", "injured")
    ]


def test_counts_of_events_and_comparisons_of_periods_are_statistics():
    assert context_cue("Militant groups carried out six attacks in the province.") is not None
    assert context_cue("The attacks caused 80 deaths, up from 61 in May.") is not None
    assert context_cue("Some 30 attacks took place across the country in June, against 25 the month before.")
    # One event told with its own toll is no statistic.
    assert context_cue("Gunmen carried out an attack on a checkpost, killing two soldiers.") is None
    # The one event after a count of events goes on with the statistic.
    rows = one(
        "Insurgent groups carried out seven attacks in the province in May, the report said. One attack, "
        "which injured three people, was carried out by a little-known group."
    )
    assert rows == []
