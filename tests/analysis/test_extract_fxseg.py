"""Segmentation rules of round 5 (fxseg), on short reports written for these tests."""

from __future__ import annotations

from tests.analysis.extract_helpers import rows_of


def test_second_operation_with_two_words_before_the_noun_is_a_new_incident():
    rows = rows_of("""date 2025-06-10
Troops conducted an operation in the Mir Ali area of North Waziristan on Monday, killing four militants.
A second intelligence based operation was held in Datta Khel, North Waziristan, where two terrorists were killed.
""")
    assert [r[3] for r in rows] == [4, 2]


def test_third_engagement_of_the_same_day_opens_its_own_frame():
    rows = rows_of("""date 2025-06-10
Security forces killed three militants in an exchange of fire in Zhob on Sunday.
The third such armed clash took place near Zhob town, where a soldier was martyred.
""")
    assert len(rows) == 2


def test_same_operation_told_again_is_not_a_new_incident():
    rows = rows_of("""date 2025-06-10
Troops conducted an operation in the Mir Ali area of North Waziristan on Monday, killing four militants.
Two soldiers were injured in the operation, the military said.
""")
    assert len(rows) == 1


def test_came_a_week_after_recalls_an_earlier_event_with_its_own_toll():
    rows = rows_of("""date 2025-05-20
Militants attacked a police station in Bannu on Monday, injuring two constables.
The assault came about a week after a roadside bomb went off in Bannu on May 11, killing four civilians.
""")
    assert ("2025-05-11", "Bannu", None, None, 4, None) in rows
    assert ("2025-05-19", "Bannu", None, None, None, 2) in rows


def test_came_after_without_a_toll_adds_no_incident():
    rows = rows_of("""date 2025-05-20
Militants attacked a police station in Bannu on Monday, injuring two constables.
The attack came a day after the government announced new security measures for the district.
""")
    assert rows == [("2025-05-19", "Bannu", None, None, None, 2)]


def test_separately_he_told_continues_the_story_and_an_earlier_dated_toll_is_its_own_row():
    rows = rows_of("""date 2024-11-22
Gunmen attacked a bus in Kurram on Thursday, killing nine passengers.
Separately, he told Reuters that two buses had been hit in two attacks.
Police said the shooting was revenge for an Oct 3 ambush in which six people were killed.
""")
    assert ("2024-11-21", "Kurram", None, None, 9, None) in rows
    assert ("2024-10-03", "Kurram", None, None, None, None) in [(*r[:2], None, None, None, None) for r in rows]
    assert len(rows) == 2


def test_separately_with_a_new_speaker_still_opens_a_new_frame():
    rows = rows_of("""date 2024-11-22
Gunmen attacked a bus in Kurram on Thursday, killing nine passengers.
Separately, police in Bannu said militants attacked a checkpost there, injuring two constables.
""")
    assert len(rows) == 2


def test_motive_clause_with_its_own_toll_is_an_earlier_event():
    rows = rows_of("""date 2024-06-12
Troops killed eight militants in a raid in Tank on Tuesday, officials said.
The army said the raid came in retaliation for Saturday's ambush that killed four policemen in the same Tank district.
""")
    assert ("2024-06-11", "Tank", None, 8, None, None) in rows
    assert ("2024-06-08", "Tank", 4, None, None, None) in rows
    assert len(rows) == 2


def test_retaliation_without_an_earlier_toll_is_not_split():
    rows = rows_of("""date 2024-06-12
Troops killed eight militants in Tank on Tuesday in retaliation for an attack on a checkpost, officials said.
""")
    assert rows == [("2024-06-11", "Tank", None, 8, None, None)]


def test_wave_of_attacks_figure_is_a_lead_total_over_the_districts_told_after():
    rows = rows_of("""date 2025-08-18
A string of militant attacks overnight left four policemen martyred across the province.
The attacks took place in Bannu and Karak, where militants hit police posts.
In Bannu, terrorists stormed a police station and three policemen were martyred.
In Karak, a constable was martyred when militants attacked a checkpoint.
""")
    assert sorted((r[1], r[2]) for r in rows) == [("Bannu", 3), ("Karak", 1)]


def test_a_single_attack_is_not_a_series():
    rows = rows_of("""date 2025-08-18
Militants attacked a police station in Bannu overnight, martyring three policemen.
Police said the attackers fled after a gun battle that lasted two hours.
""")
    assert [(r[1], r[2]) for r in rows] == [("Bannu", 3)]


def test_accusing_them_of_an_earlier_attack_with_its_toll_is_split_off():
    rows = rows_of(
        "date 2025-07-28\n"
        "QUETTA, Pakistan (AP) — Police killed two militants on Sunday, accusing them of planning "
        "last month's bombing in which six traders were wounded.\n"
    )
    assert ("2025-07-27", "Quetta", None, 2, None, None) in rows
    assert any(r[5] == 6 for r in rows)
    assert len(rows) == 2


def test_accusing_them_without_a_toll_keeps_one_incident():
    rows = rows_of("""date 2025-07-28
Police killed two suspected militants in a raid in Quetta on Sunday, accusing them of planning attacks on the police.
""")
    assert rows == [("2025-07-27", "Quetta", None, 2, None, None)]


def test_ap_dateline_without_a_date():
    from analysis.extract.text import dateline

    assert dateline("logo\n\nPESHAWAR, Pakistan (AP) — Gunmen killed two policemen on Monday.") == "Peshawar"
    assert dateline("Gunmen killed two policemen in Bannu, Pakistan (AP) reported.") is None


def test_long_lead_without_its_full_stop_is_running_text():
    from analysis.extract.text import sentences

    body = (
        "Militants Kill Four Policemen In Tank Ambush\n"
        "Militants ambushed a police van near the main bazaar in Tank district on Monday, killing four policemen "
        "and injuring two others who were on their way back to the station\n"
        "Police said a search was under way.\n"
    )
    kinds = [s.kind for s in sentences(body)]
    assert kinds == ["headline", "text", "text"]


def test_embedded_post_without_a_stop_stays_apart():
    from analysis.extract.text import sentences

    body = (
        "#Alert: two blasts in the north of the country have killed nine people and wounded many more according "
        "to early reports from the area pic.twitter.com/abc123\n"
        "Police said a search was under way.\n"
    )
    assert sentences(body)[0].kind == "headline"


def test_later_pursuit_killing_militants_after_an_attack_on_police_is_its_own_incident():
    rows = rows_of("""date 2025-12-03
Two policemen were martyred on Wednesday when a bomb hit their van in Tank district.
Police cordoned off the area and began a search operation.
Later that evening, three militants were killed in an exchange of fire with the police.
""")
    assert [r[2:4] for r in rows] == [(2, None), (None, 3)]


def test_attackers_killed_in_the_same_attack_stay_with_it():
    rows = rows_of("""date 2025-12-03
Militants attacked a police post in Tank on Wednesday, martyring two policemen.
Three attackers were also killed in the exchange of fire, police said.
""")
    assert [r[2:4] for r in rows] == [(2, 3)]


def test_a_past_event_named_by_its_year_is_background_and_pre_dawn_is_no_caption():
    from analysis.extract.text import sentences

    rows = rows_of("""date 2023-10-14
Gunmen shot dead four labourers in Turbat, Kech district, early on Saturday.
The attack recalled the 2016 massacre near the town, when gunmen killed 12 workers in a pre-dawn raid.
""")
    assert ("2023-10-14", "Kech", None, None, 4, None) in rows
    assert any(r[4] == 12 for r in rows)
    assert len(rows) == 2
    assert sentences("They struck in a pre-dawn raid on the camp.")[0].kind == "text"
    assert sentences("Rescuers at the site. — Photo via Dawn\nMore text.")[0].kind == "caption"


def test_a_year_as_a_statistic_period_is_no_background_event():
    rows = rows_of("""date 2023-10-14
Gunmen shot dead four labourers in Turbat, Kech district, early on Saturday.
In 2022, 120 people were killed in attacks across the province.
""")
    assert rows == [("2023-10-14", "Kech", None, None, 4, None)]


def test_lead_naming_one_district_places_every_engagement_it_sums():
    rows = rows_of("""date 2025-02-23
Five terrorists were killed in two separate engagements in Tank district, the ISPR said.
In the first, troops raided a hideout in Tank, killing three terrorists.
In a second engagement, in general area Qalandarabad Kot, troops killed two terrorists.
""")
    assert sorted((r[1], r[3]) for r in rows) == [("Tank", 2), ("Tank", 3)]


def test_lead_naming_two_districts_gives_the_unclaimed_one():
    rows = rows_of("""date 2025-02-23
Four terrorists were killed in separate engagements in Tank and Bannu, the ISPR said.
Troops raided a hideout in Tank, killing three terrorists.
In a second engagement, in general area Qalandarabad Kot, troops killed one terrorist.
""")
    assert sorted((r[1], r[3]) for r in rows) == [("Bannu", 1), ("Tank", 3)]


def test_a_day_before_the_lead_total_opens_a_new_incident_after_its_parts():
    rows = rows_of("""date 2024-12-27
Nine terrorists were killed in two operations in Khyber Pakhtunkhwa on Thursday, the ISPR said.
In the first operation, in Bannu, four terrorists were killed.
In the second operation, in Tank, five terrorists were killed.
On Wednesday, seven terrorists were killed in another raid in Tank district, the ISPR had said.
""")
    assert ("2024-12-25", "Tank", None, 7, None, None) in rows
    assert ("2024-12-26", "Tank", None, 5, None, None) in rows


def test_the_same_day_as_the_lead_total_stays_with_the_part():
    rows = rows_of("""date 2024-12-27
Nine terrorists were killed in two operations in Khyber Pakhtunkhwa on Thursday, the ISPR said.
In the first operation, in Bannu, four terrorists were killed.
In the second operation, in Tank, five terrorists were killed.
On Thursday, two soldiers were also injured in the Tank operation.
""")
    assert ("2024-12-26", "Tank", None, 5, None, 2) in rows
    assert len(rows) == 2


def test_a_repeated_paragraph_tells_its_background_event_once():
    rows = rows_of("""date 2025-10-09
Troops killed five terrorists in an operation in Tank on Wednesday.
The operation comes a day after six soldiers were martyred in an ambush in Orakzai.
Troops killed five terrorists in an operation in Tank on Wednesday.
The operation comes a day after six soldiers were martyred in an ambush in Orakzai.
""")
    assert sorted((r[1], r[2], r[3]) for r in rows) == [("Orakzai", 6, None), ("Tank", None, 5)]


def test_two_different_background_events_are_both_kept():
    rows = rows_of("""date 2025-10-09
Troops killed five terrorists in an operation in Tank on Wednesday.
The operation comes a day after six soldiers were martyred in an ambush in Orakzai.
Last month, four policemen were martyred in an attack in Bannu.
""")
    assert len(rows) == 3


def test_a_tally_of_operations_carried_out_is_a_campaign_statistic():
    rows = rows_of("""date 2023-04-06
Troops killed six terrorists in an operation in Tank on Wednesday, the ISPR said.
Officials say 2,310 operations have been carried out in the province, of which 1,204 were search operations.
""")
    assert rows == [("2023-04-05", "Tank", None, 6, None, None)]


def test_an_operation_with_its_own_toll_is_not_a_tally():
    rows = rows_of("""date 2023-04-06
Troops killed six terrorists in an operation in Tank on Wednesday, the ISPR said.
In a separate operation in Bannu, two terrorists were killed.
""")
    assert len(rows) == 2


def test_the_operations_in_the_plural_after_a_series_are_no_incident():
    rows = rows_of("""date 2024-12-27
Troops killed nine terrorists in an operation in Bannu on Thursday, the ISPR said.
The operations in Tank were aimed at clearing hideouts, officials said.
""")
    assert [(r[1], r[3]) for r in rows] == [("Bannu", 9)]


def test_a_single_figureless_raid_with_a_place_is_still_an_incident():
    rows = rows_of("""date 2024-12-27
The raid on a police post in Tank was repulsed by the police on Thursday, officials said.
""")
    assert [r[1] for r in rows] == ["Tank"]


def test_figureless_mention_of_separate_attacks_is_no_incident():
    rows = rows_of("""date 2024-12-17
Troops killed nine terrorists in an operation in Bannu on Monday, the ISPR said.
Elsewhere, gunmen fired on vaccinators in separate attacks in Khyber Pakhtunkhwa on Monday.
""")
    assert [r[1] for r in rows] == ["Bannu"]


def test_a_province_that_saw_n_attacks_in_a_month_is_a_statistic():
    rows = rows_of("""date 2024-12-02
Troops killed nine terrorists in an operation in Bannu on Sunday, the ISPR said.
Punjab saw three attacks in November, including one in Lahore. These attacks killed five people.
""")
    assert [r[1] for r in rows] == ["Bannu"]


def test_saw_without_a_count_of_attacks_is_not_a_statistic():
    rows = rows_of("""date 2024-12-02
Residents saw gunmen open fire on a police van in Bannu on Sunday, killing two policemen.
""")
    assert [(r[1], r[2]) for r in rows] == [("Bannu", 2)]


def test_the_victim_as_a_pronoun_goes_on_with_the_killing_told_before():
    rows = rows_of("""date 2024-11-25
Khyber: Gunmen shot dead a shopkeeper in the Landi Kotal bazaar of Khyber district on Sunday.
Police said the attackers opened fire on him near the Jamrud bazaar, killing him on the spot.
""")
    assert len(rows) == 1


def test_a_new_figureless_attack_elsewhere_without_a_pronoun_stays_apart():
    rows = rows_of("""date 2024-11-25
Gunmen shot dead a shopkeeper in Bannu on Sunday.
Separately, militants attacked a police post in Tank, police said.
""")
    assert sorted(r[1] for r in rows) == ["Bannu", "Tank"]


def test_an_earlier_event_weeks_ago_at_the_same_place_keeps_the_figures_after_it():
    rows = rows_of("""date 2025-12-24
Three policemen were martyred on Tuesday when terrorists attacked their van in Karak.
Police later began a search operation in the area.
About two months ago, a wanted commander was killed in an operation in Karak.
Five soldiers received minor injuries in that exchange of fire.
""")
    assert ("2025-12-23", "Karak", 3, None, None, None) in rows
    assert any(r[1] == "Karak" and r[5] == 5 and r[2] is None for r in rows)


def test_days_ago_is_no_background_cue():
    rows = rows_of("""date 2025-12-24
Three policemen were martyred two days ago when terrorists attacked their van in Karak.
Two more were injured in the attack.
""")
    assert len(rows) == 1


def test_later_militants_opened_fire_again_is_a_second_attack_without_figures():
    rows = rows_of("""date 2023-11-04
A bomb went off near a police van in Bannu on Friday, killing three passers-by and injuring nine.
The wounded were taken to hospital. Later, gunmen opened fire on policemen guarding the hospital.
""")
    assert len(rows) == 2
    assert ("2023-11-03", "Bannu", None, None, 3, 9) in rows


def test_later_with_a_reference_back_to_the_attack_is_no_new_one():
    rows = rows_of("""date 2023-11-04
A bomb went off near a police van in Bannu on Friday, killing three passers-by and injuring nine.
Later, police said the militants had fled after the attack.
""")
    assert len(rows) == 1


def test_figures_in_an_unlisted_local_area_go_on_with_the_incident_told():
    # Merge of fxseg and fxcntB: "wounding three of them" now counts, and an area the gazetteer
    # lacks does not make it a second incident.
    rows = rows_of("""date 2024-03-10
Two soldiers were martyred on Saturday when militants attacked a post in Tank district.
The attackers fired at the soldiers in the Gul Imam area, wounding four of them.
""")
    assert [(r[1], r[2], r[5]) for r in rows] == [("Tank", 2, 4)]
    # Negative: a marked new attack in such an area is its own incident.
    rows = rows_of("""date 2024-03-10
Two soldiers were martyred on Saturday when militants attacked a post in Tank district.
In another attack in the Gul Imam area, militants wounded three policemen.
""")
    assert len(rows) == 2
