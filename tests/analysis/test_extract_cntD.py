"""Issue 19, sixth round (cntD): exact counts, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``one`` and ``counted`` are those of ``extract_helpers``.
"""

from __future__ import annotations

from analysis.extract.context import context_cue
from tests.analysis.extract_helpers import assert_linear, counted, one


def test_a_count_of_lives_taken_is_a_count_of_the_dead():
    assert counted("The car bomb claimed at least 14 lives and wounded 30 others.") == [
        (14, "unknown", "killed"),
        (30, "unknown", "injured"),
    ]
    assert counted("The ambush cost eleven precious lives.") == [(11, "unknown", "killed")]
    assert counted("Seven lives were lost when the bomb went off near the bus stand.") == [(7, "unknown", "killed")]
    # Lives saved, or lives without a verb of taking or losing, are no victims.
    assert counted("The quick response of the rescue teams saved 40 lives.") == []
    assert counted("The two lives of the informer were a plot device.") == []
    rows = one("A bomb blast in a market of Turbat claimed nine lives on Monday, police said.")
    assert [r[1:6] for r in rows] == [(None, None, None, 9, None)]


def test_an_earlier_figure_of_another_kind_is_not_replaced():
    # The later figures are of soldiers; the civilian told "earlier" by another official still counts.
    rows = one(
        "Six soldiers were martyred and four others injured when militants attacked a post in Kalat on "
        "Tuesday, the ISPR said. Earlier, the deputy commissioner had told reporters that a shepherd was "
        "killed in the crossfire while two other villagers were injured."
    )
    assert [r[1:6] for r in rows] == [(6, 1, None, None, 6)]
    # A later figure of the same kind (or of no stated kind) still replaces the earlier one.
    rows = one(
        "Eight policemen were martyred in an attack on a police station in Tank on Friday. Earlier, officials "
        "had said that five policemen were killed."
    )
    assert [r[1:6] for r in rows] == [(8, None, None, None, None)]


def test_a_hospital_tally_so_far_is_the_toll_of_the_event():
    assert context_cue("“We have received 12 bodies so far and 40 injured,” a hospital spokesman said.") is None
    assert context_cue("The death toll so far stands at nine, officials said.") is None
    # A campaign to date stays a statistic.
    assert context_cue("So far, 52 terrorists have been sent to hell in the operation.") == "So far"
    rows = one(
        "At least eight people were killed in a blast at a bus stop in Quetta on Monday. “We have received "
        "eight bodies so far and 23 injured at the Civil Hospital,” a doctor told reporters."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 8, 23)]


def test_a_ranked_mans_apposition_is_the_same_man():
    assert counted(
        "“Captain Ahmed Raza, a gallant officer, laid down his life for the motherland,” the ISPR said."
    ) == [(1, "security", "killed")]
    # A list is not an apposition: the soldier after the named man is another man.
    assert counted("Naik Gul Zaman, a soldier and a civilian driver were martyred.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
        (1, "civilians", "killed"),
    ]


def test_a_first_figure_said_to_be_revised_gives_way():
    rows = one(
        "A bomb went off in a bazaar in Chaman on Sunday, leaving 11 people injured, doctors said. Hospital "
        "records showed that 15 were initially brought in wounded, but four of them were later discharged."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 11)]
    rows = one(
        "Gunmen attacked a check post in Tank on Monday. Police initially said that two policemen were "
        "martyred. Three policemen were martyred in the attack, the DPO said later."
    )
    assert [r[1:6] for r in rows] == [(3, None, None, None, None)]
    # Alone, a first figure still counts.
    rows = one(
        "Gunmen attacked a check post in Tank on Monday. Police initially said that two policemen were martyred."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_figures_compared_with_a_statistic_are_a_statistic():
    rows = one(
        "Two soldiers were martyred in an attack on a post in Kurram on Friday. According to a think tank, "
        "60 per cent of deaths in the quarter were of security personnel. Civilian casualties were close to "
        "these figures, with 90 deaths and 140 injured."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_a_candidate_is_a_civilian_and_his_office_is_no_victim():
    assert counted("An independent candidate and his guard were shot dead outside a polling station.") == [
        (1, "civilians", "killed"),
        (1, "security", "killed"),
    ]
    assert counted("Two election hopefuls were wounded when gunmen fired on their rally.") == [
        (2, "civilians", "injured")
    ]
    # The office or house of a candidate is his place: no victim, and no antecedent of a bare count.
    assert counted("A bomb went off outside the office of a PPP candidate, killing four and wounding nine.") == [
        (4, "unknown", "killed"),
        (9, "unknown", "injured"),
    ]
    assert counted("The candidate's house was attacked with grenades.") == []


def test_people_listed_beside_a_named_victim_add_to_the_injured():
    rows = one(
        "A councillor from the ward and three of his relatives were wounded when gunmen opened fire on their "
        "car in Mardan on Tuesday, police said."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 4)]
    # A total of people is not added to the parts named in it.
    rows = one("Two policemen were among 12 people wounded in a blast in Mardan on Tuesday.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, 12)]


def test_killing_all_of_the_listed_victims_is_their_total():
    rows = one(
        "Gunmen opened fire on a schoolteacher and two other men near Tank on Friday, killing all three, police said."
    )
    assert [r[1:6] for r in rows] == [(None, 1, None, 2, None)]
    rows = one(
        "Militants ambushed a car carrying two soldiers and their driver in Kurram on Friday; all three were killed."
    )
    assert [r[1:6] for r in rows] == [(2, 1, None, None, None)]
    # "all" before a count that is not the sum of the people listed is left alone.
    assert counted("Gunmen fired on a policeman and his son, killing all four passengers of the van.") == [
        (4, "civilians", "killed")
    ]


def test_an_officials_post_quoted_in_plain_sentences_is_read():
    rows = one(
        "Gunmen stormed a police station in Lakki Marwat on Monday night, killing two policemen.\n\n"
        "Update from the district: two policemen were martyred while 9 people are injured and being treated in "
        "hospital. — Ali Khan (@alikhan_dpo) March 10, 2025\n\n"
        "Police said the attackers fled after a gunfight."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, 9)]
    # A post with hashtags or a picture link stays set apart (commentary, not the report's text).
    rows = one(
        "Gunmen stormed a police station in Lakki Marwat on Monday night, killing two policemen.\n\n"
        "#Terror: attacks in Bannu and Lakki have taken 20 lives this week pic.twitter.com/abc123 — Some Analyst "
        "(@analyst) March 10, 2025\n\n"
        "Police said the attackers fled after a gunfight."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_a_leader_of_an_armed_group_is_a_militant():
    assert counted("Troops killed the self-styled commander of the banned TTP in a raid near Mir Ali.") == [
        (1, "militants", "killed")
    ]
    rows = one("A drone strike in Datta Khel on Monday killed five people, including a senior Taliban commander.")
    assert [r[1:6] for r in rows] == [(None, None, 1, 4, None)]
    # Named inside a count of militants, he is one of them (not one more).
    assert counted("Six khwarij, including khwarij ringleader Gul Zaman, were sent to hell.") == [
        (6, "militants", "killed")
    ]
    # A commander of the forces, or a militant leader who speaks, is no militant victim.
    assert counted("The Corps Commander said two soldiers were martyred.") == [(2, "security", "killed")]
    assert counted("A TTP commander told reporters that the group had killed four policemen.") == [
        (4, "security", "killed")
    ]


def test_a_make_up_after_lost_their_lives_is_a_part_of_the_dead():
    assert counted("Twenty people lost their lives, four children and a policeman among them.") == [
        (20, "unknown", "killed"),
        (4, "civilians", "killed"),
        (1, "security", "killed"),
    ]
    rows = one(
        "In the attack in Kurram on Monday, 20 people lost their lives, four children and a policeman among them."
    )
    assert [r[1:6] for r in rows] == [(1, 4, None, 15, None)]


def test_a_bare_count_after_an_active_verb_is_not_its_subject():
    # The opening subject did the killing: the victims are of no stated kind.
    assert counted("Insurgents stormed the compound, killing nine and injuring 14.") == [
        (9, "unknown", "killed"),
        (14, "unknown", "injured"),
    ]
    # A victim noun named after the subject still gives the kind.
    assert counted("Troops surrounded the hideout of the terrorists, killing five.") == [(5, "militants", "killed")]


def test_a_militant_caught_wounded_is_injured():
    assert counted("One attacker was killed and another was arrested in an injured condition, police said.") == [
        (1, "militants", "killed"),
        (1, "militants", "injured"),
    ]
    assert counted("Two terrorists were captured injured after the gunfight.") == [(2, "militants", "injured")]
    # Arrested without a wound is no casualty.
    assert counted("Two terrorists were arrested after the gunfight.") == []
    assert counted("Three militants were killed and two of their accomplices wounded.") == [
        (3, "militants", "killed"),
        (2, "militants", "injured"),
    ]


def test_the_text_saying_no_one_was_injured_is_an_explicit_zero():
    rows = one(
        "Unidentified men hurled a grenade at a police patrol in Sibi on Tuesday. The grenade exploded near "
        "the vehicle, but nobody was hurt, police said."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, None, 0)]
    rows = one(
        "Militants fired rockets at an FC camp in Kohlu on Friday; three attackers were killed in the "
        "retaliatory fire and no harm was caused to any soldiers or civilians, the ISPR said."
    )
    assert [r[1:6] for r in rows] == [(0, 0, 3, None, 0)]
    # "No casualties were reported" is left blank, and a cracker that hurt no one is still no incident.
    rows = one("Gunmen opened fire on a police post in Tank on Friday night; no casualties were reported.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, None)]
    assert one("A cracker went off outside a shop in Quetta on Monday; no one was injured.") == []


def test_the_martyred_listed_by_name_are_the_dead():
    assert counted("The martyred personnel include Havildar Gul Khan and Sepoy Asif Ali.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    # A verb "martyred" is not a list of the dead: the others after it keep their own verb.
    assert counted("Three soldiers were martyred and four others were injured.") == [
        (3, "security", "killed"),
        (4, "security", "injured"),
    ]


def test_bare_counts_before_a_time_clause_and_more_injured_who_died():
    assert counted("The gunmen killed three and wounded seven before escaping.") == [
        (3, "unknown", "killed"),
        (7, "unknown", "injured"),
    ]
    rows = one(
        "Five people were killed and 20 injured in a blast in Chaman on Monday. Two more injured died in "
        "hospital on Tuesday, officials said."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 7, 20)]


def test_another_after_a_verb_and_a_bare_count_after_a_part():
    assert counted("The bomb killed one policeman and wounded another near the gate.") == [
        (1, "security", "killed"),
        (1, "security", "injured"),
    ]
    # A bare count with its own verb after an "including" part is of the head count's kind.
    assert counted("Six people died, including a child, and 11 were injured.") == [
        (6, "unknown", "killed"),
        (1, "civilians", "killed"),
        (11, "unknown", "injured"),
    ]
    # "another" as a determiner is not a victim.
    assert counted("Two soldiers were martyred while wounding another attacker's accomplice.")[0] == (
        2,
        "security",
        "killed",
    )


def test_members_of_a_group_take_the_groups_kind():
    assert counted("Four members of a polio vaccination team were shot dead in Bajaur.") == [(4, "civilians", "killed")]
    assert counted("Six members of a family were killed when a mortar shell hit their house.") == [
        (6, "unknown", "killed")
    ]
    assert counted("Two members of a police patrol were injured.") == [(2, "security", "injured")]


def test_an_officer_named_by_his_rank_alone_is_security():
    assert counted("Terrorists ambushed a convoy in Kurram, killing a major and two soldiers.") == [
        (1, "security", "killed"),
        (2, "security", "killed"),
    ]
    assert counted("A colonel of the Frontier Corps was martyred.") == [(1, "security", "killed")]
    # "major" as an adjective is no officer.
    assert counted("The raid dealt a major blow to the khwarij, killing six of them.") == [(6, "militants", "killed")]


def test_a_man_along_with_his_companions_shares_their_verb():
    rows = one("Inspector Gul Nawaz along with three constables was martyred in an ambush in Karak on Sunday.")
    assert [r[1:6] for r in rows] == [(4, None, None, None, None)]
    rows = one("A shopkeeper, along with his two nephews, was gunned down in Chaman on Sunday.")
    assert [r[1:6] for r in rows] == [(None, 1, None, 2, None)]
    # Without a verb for the companions, the man keeps none.
    assert counted("A shopkeeper along with his two nephews reached the hospital.") == []


def test_of_them_in_a_sentence_of_its_own_is_a_part_of_the_dead():
    rows = one("At least nine people died in a blast at a bus stand in Kohat on Sunday. Three of them were soldiers.")
    assert [r[1:6] for r in rows] == [(3, None, None, 6, None)]
    # After a count of the injured, it is a part of the injured (no new dead).
    rows = one("A blast at a bus stand in Kohat on Sunday wounded 14 people. Three of them were soldiers.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, 14)]


def test_a_wounded_man_who_died_is_of_the_kind_of_the_wounded():
    rows = one(
        "Three policemen were martyred and two wounded when militants attacked a post in Bannu on Monday. One "
        "of the injured later succumbed to his wounds."
    )
    assert [r[1:6] for r in rows] == [(4, None, None, None, 2)]
    # Wounded of several kinds: the death is added to the toll, of no stated kind.
    rows = one(
        "A soldier and a civilian were killed and four people wounded in a blast in Bannu on Monday. One of "
        "the injured later died."
    )
    assert [r[1:6] for r in rows] == [(1, 1, None, 1, 4)]


def test_the_injured_numbered():
    assert counted("The injured numbered at least 32, a rescue official said.") == [(32, "unknown", "injured")]


def test_more_men_of_a_kind_who_succumbed_add_to_the_dead():
    rows = one(
        "Three policemen were martyred when militants attacked a police station in Tank on Monday. Two more "
        "policemen later succumbed to their injuries at the hospital."
    )
    assert [r[1:6] for r in rows] == [(5, None, None, None, None)]
    # "two more ... were injured" adds no deaths.
    rows = one(
        "Three policemen were martyred when militants attacked a police station in Tank on Monday. Two more "
        "policemen were injured in the gunfight that followed."
    )
    assert [r[1:6] for r in rows] == [(3, None, None, None, 2)]


def test_a_part_told_after_the_place_and_time_and_a_make_up_after_a_colon():
    rows = one(
        "Eleven people were killed in a suicide attack on a market in Bannu on Monday, including three policemen."
    )
    assert [r[1:6] for r in rows] == [(3, None, None, 8, None)]
    rows = one("Six people were killed in a blast in Sibi on Tuesday: four Levies personnel and two labourers.")
    assert [r[1:6] for r in rows] == [(4, 2, None, None, None)]
    # A list after a colon that does not add up to the count is not its make-up.
    assert counted(
        "Six people were killed in the blast: the second attack on the town this year, and two children."
    ) == [(6, "unknown", "killed")]


def test_troops_who_open_the_sentence_are_not_the_bare_count_they_kill():
    assert counted("Troops raided a compound near Spinwam, killing four.") == [(4, "unknown", "killed")]
    # The verbs the rules keep for militants still make the count militants.
    assert counted("Troops raided a compound near Spinwam, neutralising four.") == [(4, "militants", "killed")]


def test_an_officer_along_with_ranked_men_in_an_ispr_list_shares_their_verb():
    assert counted(
        "During the exchange of fire, Major Bilal Ahmed (age 31, resident of Chakwal), who was leading the "
        "assault, along with Havildar Nazir and Sepoy Tariq, having fought valiantly, embraced shahadat."
    ) == [(1, "security", "killed"), (1, "security", "killed"), (1, "security", "killed")]
    # A verb between them belongs to the man before: the companions are not given it.
    assert counted("Major Bilal Ahmed was injured along with Sepoy Tariq, who later died.")[0] == (
        1,
        "security",
        "injured",
    )


def test_all_of_them_names_the_kind_of_the_whole_count():
    rows = one("Six people, all of them coal miners, were shot dead in Harnai on Thursday night.")
    assert [r[1:6] for r in rows] == [(None, 6, None, None, None)]
    rows = one("Two men, both of them policemen, were gunned down in Tank on Thursday.")
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]
    # Of the injured, it names no dead.
    rows = one("Six people, all of them miners, were injured in a blast in Harnai on Thursday.")
    assert [r[1:6] for r in rows] == [(None, None, None, None, 6)]


def test_road_users_and_bystanders_are_civilians_and_together_with_shares_the_verb():
    assert counted("A constable was gunned down together with a passing motorcyclist.") == [
        (1, "security", "killed"),
        (1, "civilians", "killed"),
    ]
    assert counted("Four bystanders and two commuters were wounded in the blast.") == [
        (4, "civilians", "injured"),
        (2, "civilians", "injured"),
    ]
    # Without a verb for him, the companion is no casualty.
    assert counted("A constable together with a motorcyclist reached the scene.") == []


def test_the_round_6_rules_stay_linear_in_a_long_sentence():
    clauses = (
        "gunmen fired on a trader and two other people, killing all three, and no harm was caused to any soldiers, ",
        "four people, all of them labourers, were killed and 14 were initially injured, including two women, ",
        "a shopkeeper along with his two sons was shot dead, and the blast claimed 12 lives and wounded another, ",
    )
    assert_linear(clauses)


def test_both_before_a_plural_victim_noun_is_two():
    assert counted("Both policemen embraced martyrdom on the spot.") == [(2, "security", "killed")]
    assert counted("Both the attackers were shot dead by the guards.") == [(2, "militants", "killed")]
    # "both X and Y" coordinates two kinds: no count.
    assert counted("Both soldiers and civilians have suffered in the conflict.") == []


def test_two_dozen_is_a_count_and_dozens_stay_vague():
    from analysis.extract.numbers import parse_number

    assert parse_number("three dozen") == 36
    assert counted("Nearly two dozen people were injured in the blast.") == [(24, "unknown", "injured")]
    # "over two dozen terrorists attacked" counts no victims; "dozens" is still vague.
    assert counted("Over two dozen terrorists attacked the post before dawn.") == []
    assert counted("Dozens of people were injured.") == []


def test_a_count_with_its_own_participle_after_an_including_part_is_its_own():
    assert counted("The blast left nine people dead, including four policemen, and 20 wounded.") == [
        (9, "unknown", "killed"),
        (4, "security", "killed"),
        (20, "unknown", "injured"),
    ]


def test_the_martyrs_listed_and_levies_ranks():
    assert counted("The martyrs included Lance Havildar Noor Ali and Sowar Gul Khan.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    assert counted("Levies Naib Risaldar Abdul Qadir embraced martyrdom.") == [(1, "security", "killed")]
    # "the martyrs' funeral" lists no one.
    assert counted("The martyrs' funeral prayers were offered at the FC headquarters.") == []


def test_martyrdom_of_is_a_death():
    assert counted("The blast resulted in the martyrdom of three FC soldiers.") == [(3, "security", "killed")]
    # "embraced martyrdom" after its subject is unchanged.
    assert counted("Two Levies men embraced martyrdom.") == [(2, "security", "killed")]


def test_the_slain_militants_past_deeds_with_a_toll_are_an_earlier_event():
    rows = one(
        "On 3 June 2025, troops conducted an operation in Zhob District and six terrorists were sent to hell. "
        "The killed terrorists had been actively involved in numerous terrorist activities, including the "
        "heinous attack on passengers in Musakhel District on 12 March 2024, which resulted in the martyrdom "
        "of nine innocent civilians."
    )
    assert [r[:5] for r in rows] == [("Zhob", None, None, 6, None), ("Musakhel", None, 9, None, None)]
    # Told with no place at all, the deeds are still a background event with a figure (README rule 1),
    # coded with no place (main's round-6 rule); their toll is not this event's.
    rows = one(
        "On 3 June 2025, troops conducted an operation in Zhob District and six terrorists were sent to hell. "
        "The killed terrorists had been actively involved in numerous terrorist activities, including the "
        "heinous acts of terrorism on the highway in March 2024, which resulted in the martyrdom of nine "
        "innocent civilians."
    )
    assert [r[:5] for r in rows] == [("Zhob", None, None, 6, None), (None, None, 9, None, None)]
