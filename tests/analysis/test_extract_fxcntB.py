"""Issue 19, fifth round (fxcntB): exact counts, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``one`` and ``counted`` are those of ``extract_helpers``.
"""

from __future__ import annotations

from tests.analysis.extract_helpers import assert_linear, counted, one


def test_a_ranked_speaker_is_not_a_victim():
    # A general or a police chief quoted about the attack is the source, not a dead officer.
    assert counted(
        "Lieutenant General Asim Raza said the gunmen had killed nine travellers' drivers before troops "
        "arrived, while two soldiers were martyred in the operation."
    ) == [(9, "civilians", "killed"), (2, "security", "killed")]
    assert counted("Deputy Inspector General of Police Nasir Ali told reporters that four policemen were injured.") == [
        (4, "security", "injured")
    ]
    # A ranked man who is the victim still counts.
    assert counted("Captain Bilal Khan embraced martyrdom in the exchange of fire.") == [(1, "security", "killed")]


def test_of_whom_counts_the_group_named_before_it():
    assert counted("The bomber targeted a bus carrying soldiers to the garrison, eight of whom were martyred.") == [
        (8, "security", "killed")
    ]
    # "N of whom were <kind>" is a part of the count before it, not more victims.
    assert counted("Fifteen people were killed, four of whom were policemen.") == [
        (15, "unknown", "killed"),
        (4, "security", "killed"),
    ]
    rows = one("Fifteen people were killed, four of whom were policemen, in a blast in Mardan on Sunday.")
    assert [r[1:5] for r in rows] == [(4, None, None, 11)]


def test_of_those_who_died_names_the_kind_of_part_of_the_dead():
    assert counted("Nine of those who died were reportedly Levies personnel.") == [(9, "security", "killed")]
    assert counted("At least three of those killed were workers of a construction firm.") == [
        (3, "civilians", "killed")
    ]
    assert counted("Two of the dead were soldiers.") == [(2, "security", "killed")]
    # Not a category: a part of the dead described otherwise is no new count.
    assert counted("Two of those killed were from the same village.") == []


def test_a_bracketed_abbreviation_is_part_of_the_force_name():
    assert counted("Three Frontier Corps (FC) personnel were martyred and seven wounded.") == [
        (3, "security", "killed"),
        (7, "security", "injured"),
    ]
    assert counted("Two Counter Terrorism Department (CTD) officials were injured.") == [(2, "security", "injured")]


def test_a_list_closed_by_among_them_is_the_make_up_of_the_total():
    # Attackers named inside a total are part of it, not beside it.
    rows = one(
        "Militants stormed a police station in Tank on Friday. The fighting left nine people dead, four "
        "policemen and five attackers among them.",
        published="2025-05-10",
    )
    assert [r[1:5] for r in rows] == [(4, None, 5, None)]
    rows = one("A blast killed seven people, two policemen among them, in a market in Quetta on Monday.")
    assert [r[1:5] for r in rows] == [(2, None, None, 5)]
    # Attackers reported beside a toll are not taken out of it.
    rows = one(
        "A blast killed seven people in a market in Quetta on Monday. Security forces later killed three "
        "attackers in the area."
    )
    assert [r[1:5] for r in rows] == [(None, None, 3, 7)]


def test_single_victims_named_by_role_or_kinship():
    assert counted("Two Levies men were martyred and a citizen was injured in the firing.") == [
        (2, "security", "killed"),
        (1, "civilians", "injured"),
    ]
    assert counted("A head constable embraced martyrdom while a second policeman was hurt.") == [
        (1, "security", "killed"),
        (1, "security", "injured"),
    ]
    # A name between the listed victims does not break the list.
    assert counted("The shell took the lives of a student, Jamal Khan, and his sister.") == [
        (1, "civilians", "killed"),
        (1, "civilians", "killed"),
    ]


def test_a_role_right_after_the_verb_with_the_is_one_victim():
    assert counted("Gunmen shot dead the driver of an oil tanker near Jamrud.") == [(1, "civilians", "killed")]
    assert counted("The blast injured the imam of the mosque.") == [(1, "civilians", "injured")]
    # Not a victim's role: "the man who ...", and no verb of harm before it.
    assert counted("Police killed the man who had planted the bomb.") == []
    assert counted("Police questioned the driver of the bus.") == []


def test_a_party_leader_is_a_civilian_victim():
    assert counted("Unknown men gunned down Rahim Jan, a leader of the Awami National Party, in Mardan.") == [
        (1, "civilians", "killed")
    ]
    rows = one(
        "At least four people, PPP leader Sardar Ali among them, were killed when a bomb hit a rally in Sibi on Sunday."
    )
    assert [r[1:5] for r in rows] == [(None, 1, None, 3)]
    # The leader's property, or the leader as a speaker, is no victim.
    assert all(c != "civilians" for _, c, _ in counted("Militants attacked the house of a local ANP leader in Swat."))
    assert counted("A PTI leader said the attack was an attempt to derail the elections.") == []


def test_a_bare_count_before_its_parts_is_a_total_of_no_stated_kind():
    # The schoolchildren of the sentence before do not make the bare "six" all civilians.
    rows = one(
        "The bus was carrying schoolchildren home. A roadside bomb hit it near Khuzdar on Monday, killing "
        "six, including four students."
    )
    assert [r[1:5] for r in rows] == [(None, 4, None, 2)]


def test_a_bare_count_after_the_verb_before_a_place_or_time():
    assert counted("A landmine killed two people and injured five near the border.") == [
        (2, "unknown", "killed"),
        (5, "unknown", "injured"),
    ]
    assert counted("The grenade attack wounded four on Friday.") == [(4, "unknown", "injured")]
    # A year after the verb is a date, not a count.
    assert counted("The group had killed scores in 2019.") == []


def test_a_list_between_dashes_is_the_make_up_of_the_total():
    assert counted("Nine people — two soldiers and seven civilians — were killed.") == [
        (9, "unknown", "killed"),
        (2, "security", "killed"),
        (7, "civilians", "killed"),
    ]
    rows = one(
        "At least eight people — three women and a child — died when a mortar shell hit a house in Bajaur on Friday."
    )
    assert [r[1:5] for r in rows] == [(None, 4, None, 4)]


def test_the_make_up_of_a_period_toll_is_still_a_statistic():
    rows = one(
        "A grenade hit a checkpost in Turbat on Sunday, injuring three soldiers. The country saw 61 attacks "
        "in September, with fatalities rising to 120, according to a think tank. The dead included 40 "
        "terrorists, 50 security personnel and 30 civilians.",
        published="2025-10-06",
    )
    assert [r[:6] for r in rows] == [("Kech", None, None, None, None, 3)]
    # After an incident, "the dead included" names its victims.
    rows = one("A bomb went off in a bazaar in Parachinar on Friday. The dead included four children.")
    assert [r[1:5] for r in rows] == [(None, 4, None, None)]


def test_a_participle_before_a_noun_gives_the_kind():
    # "injured people" are people, not the policemen of the sentence before.
    assert counted("More than 60 injured people were brought in.", antecedent="security") == [
        (60, "unknown", "injured")
    ]
    assert counted("Nine wounded soldiers were airlifted to Peshawar.") == [(9, "security", "injured")]


def test_a_role_among_the_dead_is_one_of_them():
    assert counted("The imam of the mosque was also among the dead.") == [(1, "civilians", "killed")]
    assert counted("A driver was among those killed.") == [(1, "civilians", "killed")]
    # No role, no kind.
    assert counted("His cousin was among the injured.") == [(1, "unknown", "injured")]


def test_parts_of_another_kind_make_a_count_a_mixed_total():
    rows = one(
        "A suicide bomber struck a mosque in Kohat during Friday prayers, killing 30 worshippers. Twelve of "
        "those who died were policemen. The prayer leader was also among the dead."
    )
    assert [r[1:5] for r in rows] == [(12, 1, None, 17)]
    # Parts of the same kind are a repeat of the total.
    rows = one(
        "Gunmen opened fire on a van in Kurram on Friday, killing eight passengers. Five of the dead were "
        "passengers from Parachinar."
    )
    assert [r[1:5] for r in rows] == [(None, 8, None, None)]


def test_an_earlier_reported_figure_gives_way_to_the_current_one():
    rows = one(
        "At least 30 people were killed and 70 injured in a blast at a rally in Bajaur on Sunday, officials "
        "said. Earlier, a hospital official had told reporters that 18 people had died and more than 90 were "
        "hurt."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 30, 70)]
    # The earlier figure counts when it is the only one of its kind.
    rows = one(
        "A bomb hit a police van in Quetta on Monday. Earlier, officials had said that four policemen were injured."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 4)]


def test_stated_numbers_of_dead_and_injured_with_a_qualifier():
    assert counted("The death toll from the blast has risen to more than 40.") == [(40, "unknown", "killed")]
    assert counted("Rescue officials put the number of injured at around 35.") == [(35, "unknown", "injured")]
    assert counted("Doctors said the number of wounded had risen to 61.") == [(61, "unknown", "injured")]
    # A number that is not the count of the injured.
    assert counted("The number of injured who were shifted to Quetta was not known.") == []


def test_civilians_named_with_their_role_in_a_list_of_the_dead():
    assert counted(
        "Those martyred were Naik Sajid Ali, Sepoy Imran Khan and civilian driver Gul Zaman, the ISPR said."
    ) == [(1, "security", "killed"), (1, "security", "killed"), (1, "civilians", "killed")]
    rows = one(
        "Four people were martyred when a bomb hit an FC vehicle in Kech on Sunday. Those martyred were "
        "Sepoy Ali Raza, Sepoy Nadeem Ahmed, civilian driver Rahim Bakhsh and labourer Karim Dad."
    )
    assert [r[1:5] for r in rows] == [(2, 2, None, None)]
    # A driver listed among ranked policemen, with no "civilian" before him, is one of them.
    assert counted("ASI Gul Alam, Constable Rafiq and driver Sakhi Jan were martyred.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    # A named driver who speaks is a witness.
    assert counted("Driver Sher Khan said the gunmen fled on motorcycles.") == []


def test_the_parts_of_a_stated_toll():
    rows = one("The death toll from the blast in Quetta on Monday has risen to 25, including nine policemen.")
    assert [r[1:5] for r in rows] == [(9, None, None, 16)]
    # A toll with no part named stays unclassified.
    rows = one("The death toll from the blast in Quetta on Monday has risen to 25, officials said.")
    assert [r[1:5] for r in rows] == [(None, None, None, 25)]


def test_security_men_among_civilian_victims_are_security():
    rows = one(
        "Gunmen fired on a bus in Kohistan on Monday, killing nine passengers, including three soldiers going "
        "home on leave."
    )
    assert [r[1:5] for r in rows] == [(3, 6, None, None)]
    # Civilians among civilians are a repeat.
    rows = one("Gunmen fired on a bus in Kohistan on Monday, killing nine passengers, including two women.")
    assert [r[1:5] for r in rows] == [(None, 9, None, None)]


def test_the_injured_including_a_part_is_not_a_death():
    assert counted("The wounded, including two soldiers, were airlifted after the attack that killed four people.") == [
        (4, "unknown", "killed")
    ]


def test_a_count_before_an_including_clause_takes_the_verb_after_it():
    assert counted("Nine soldiers, including a captain and a havildar, were martyred in the ambush.") == [
        (9, "security", "killed")
    ]
    rows = one("Six people, including two policemen, were injured when a grenade hit a shop in Quetta on Monday.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, 6)]
    # A count of its own after the clause is added.
    assert counted("Two officers, including a lieutenant colonel, and four soldiers embraced martyrdom.") == [
        (2, "security", "killed"),
        (4, "security", "killed"),
    ]


def test_kin_counted_as_people():
    rows = one("Unidentified gunmen shot dead two brothers near Landi Kotal in Khyber on Friday, police said.")
    assert [r[1:5] for r in rows] == [(None, None, None, 2)]


def test_a_bomber_counted_inside_a_total():
    # The text counts him: one militant, the rest unclassified.
    rows = one("Seven people died, including the suicide bomber, when a blast hit a market in Kohat on Sunday.")
    assert [r[1:5] for r in rows] == [(None, None, 1, 6)]
    # Not counted when the text keeps him apart.
    rows = one("A suicide bomber blew himself up in a market in Kohat on Sunday, killing seven people.")
    assert [r[1:5] for r in rows] == [(None, None, None, 7)]


def test_a_family_of_n_is_a_count_of_people():
    rows = one("A family of six, including four children, was killed when a shell hit their home in Bajaur on Friday.")
    assert [r[1:5] for r in rows] == [(None, 4, None, 2)]


def test_injured_who_died_later_add_to_the_dead():
    rows = one("Six people were killed in a blast in Quetta on Monday. Three of the injured later died in hospital.")
    assert [r[1:5] for r in rows] == [(None, None, None, 9)]
    rows = one(
        "Two soldiers were martyred in an attack in Tank on Monday. One more of the injured succumbed on Tuesday."
    )
    assert [r[1:5] for r in rows] == [(2, None, None, 1)]
    # A toll stated in the same sentence already counts them.
    rows = one(
        "Six people were killed in a blast in Quetta on Monday. Three of the injured died later, taking the "
        "death toll to nine."
    )
    assert [r[1:5] for r in rows] == [(None, None, None, 9)]


def test_another_hurt_and_possessive_counts():
    assert counted("One soldier was martyred and another injured in the exchange of fire.") == [
        (1, "security", "killed"),
        (1, "security", "injured"),
    ]
    assert counted("The bomb killed a Levies man and wounded his three colleagues.") == [
        (1, "security", "killed"),
        (3, "unknown", "injured"),
    ]
    # "one another" is no victim.
    assert counted("The rival groups fired at one another, and two people were killed.") == [(2, "unknown", "killed")]


def test_the_dead_are_the_people_offloaded_and_shot():
    rows = one(
        "At least 11 people were killed in Kalat on Friday when gunmen stopped a coach, forced the passengers "
        "off and fired at them, police said."
    )
    assert [r[1:5] for r in rows] == [(None, 11, None, None)]
    # Shot at, but the dead are not said to be them.
    rows = one(
        "At least 11 people were killed in Kalat on Friday when a blast hit the market; police later fired "
        "tear gas at protesters."
    )
    assert [r[1:5] for r in rows] == [(None, None, None, 11)]


def test_men_identified_by_name_are_the_men_counted():
    rows = one(
        "The martyred were identified as Constable Asif Khan and constable Wali Jan, police said, after the "
        "attack in Tank on Monday in which two policemen were martyred."
    )
    assert [r[1:5] for r in rows] == [(2, None, None, None)]
    # Named men beside a count of other men are added.
    rows = one("Major Adil Shah and three soldiers were martyred in an attack in Zhob on Monday.")
    assert [r[1:5] for r in rows] == [(4, None, None, None)]


def test_attackers_among_the_dead_told_in_a_later_sentence_are_in_the_total():
    rows = one(
        "At least 14 people were killed in the assault on a camp in Zhob on Monday. The dead included five attackers."
    )
    assert [r[1:5] for r in rows] == [(None, None, 5, 9)]
    # Attackers killed beside the toll stay beside it.
    rows = one(
        "At least 14 people were killed in the assault on a camp in Zhob on Monday. Troops also killed five attackers."
    )
    assert [r[1:5] for r in rows] == [(None, None, 5, 14)]


def test_the_new_rules_stay_linear_in_a_long_sentence():
    clauses = (
        "gunmen shot dead the driver of a truck and killed a PPP leader in Quetta, ",
        "a driver was among those killed and the toll rose to 12, including two policemen, ",
        "civilian driver Ali Khan and Sepoy Gul Zaman were identified as the dead, and another injured, ",
    )
    assert_linear(clauses)


def test_injured_told_after_the_killed_in_other_wordings():
    assert counted("Three people lost their lives while 14 got injured.") == [
        (3, "unknown", "killed"),
        (14, "unknown", "injured"),
    ]
    assert counted("Four soldiers were martyred and as many were injured.") == [
        (4, "security", "killed"),
        (4, "security", "injured"),
    ]
    assert counted("Five khwarij were killed and an equal number injured.") == [
        (5, "militants", "killed"),
        (5, "militants", "injured"),
    ]
    # "as many as seven" is a qualifier, not a repeat.
    assert counted("Two soldiers were martyred, while as many as seven others were injured.") == [
        (2, "security", "killed"),
        (7, "security", "injured"),
    ]


def test_the_others_were_names_the_kind_of_the_rest():
    rows = one(
        "A blast killed nine people in Kohat on Sunday. Three soldiers were among the dead, while the others "
        "were labourers."
    )
    assert [r[1:5] for r in rows] == [(3, 6, None, None)]
    # "The others" of no kind leave the rest unclassified.
    rows = one(
        "A blast killed nine people in Kohat on Sunday. Three soldiers were among the dead, while the others "
        "were yet to be identified."
    )
    assert [r[1:5] for r in rows] == [(3, None, None, 6)]


def test_a_single_vaccinator_is_a_civilian():
    assert counted("Gunmen shot dead a policeman guarding the team and wounded a vaccinator.") == [
        (1, "security", "killed"),
        (1, "civilians", "injured"),
    ]


def test_officials_of_a_civil_office_are_not_security_because_police_speak():
    # (Round 6, cntC: officials of a named civil office are civilians, a stated role.)
    assert counted("Two election officials were shot dead in Panjgur, police said.") == [(2, "civilians", "killed")]
    # Officials of a force stay security.
    assert counted("Gunmen fired on a Levies vehicle, killing two officials.") == [(2, "security", "killed")]


def test_more_occupations_are_civilians():
    assert counted("Gunmen shot dead four barbers and a watchman.") == [
        (4, "civilians", "killed"),
        (1, "civilians", "killed"),
    ]
