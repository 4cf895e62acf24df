"""Precision and recall rules of round 6 (segC), on short reports written for these tests."""

from __future__ import annotations

from analysis.extract import extract_text
from analysis.extract.text import sentences
from tests.analysis.extract_helpers import rows_of


def test_wire_photo_caption_ending_on_weekday_and_full_date_is_a_caption():
    body = (
        "Mourners pray beside the coffin of a police officer who died in a blast in the northwest, at his village "
        "in Mardan, Pakistan, Tuesday, March 4, 2025. (AP Photo/Someone)\n"
        "Police said the blast happened on Monday, March 3, 2025.\n"
    )
    kinds = [s.kind for s in sentences(body)]
    assert kinds == ["caption", "text"]


def test_caption_does_not_place_the_incident_and_twin_attacks_is_a_total():
    rows = rows_of("""date 2024-05-09
Relatives gather around the body of a soldier, at his home in Okara, Pakistan, Thursday, May 9, 2024.
Twin attacks by insurgents on army posts in Balochistan killed five soldiers and eight attackers.
In the first attack, three soldiers and five militants died when gunmen stormed a post in Kech district.
The second attack, on a camp in the Awaran district, killed two soldiers and three militants.
""")
    assert sorted(r[1] for r in rows) == ["Awaran", "Kech"]
    assert ("Kech", 3, 5) in [(r[1], r[2], r[3]) for r in rows]


def test_twin_blasts_with_no_split_is_one_row():
    rows = rows_of("""date 2024-05-09
Twin blasts in a market of Quetta killed six people and injured 20 on Wednesday.
""")
    assert len(rows) == 1 and rows[0][1] == "Quetta" and rows[0][5] == 20


def test_figureless_lead_that_only_refers_back_to_the_attacks_is_no_incident():
    rows = rows_of("""date 2024-05-09
After a separatist group claimed the attacks, Islamabad blamed a neighbouring country.
Gunmen stormed a police post in Kech district on Wednesday, killing two policemen.
""")
    assert rows == [("2024-05-08", "Kech", 2, None, None, None)]


def test_figureless_lead_telling_its_own_attack_is_still_an_incident():
    rows = rows_of("""date 2024-05-09
Militants attacked a police station in Kalat district on Wednesday night, officials said.
Police returned fire and the attackers fled.
""")
    assert [r[1] for r in rows] == ["Kalat"]


def test_gazetteer_spellings_and_localities():
    from analysis.extract.places import find_places

    assert [p.district for p in find_places("Militants raided a camp in remote Naushki on Monday.")[0]] == ["Nushki"]
    assert [p.district for p in find_places("He was shot in the Gul Bahar area.")[0]] == ["Peshawar"]
    assert [p.district for p in find_places("an operation in Darel Valley")[0]] == ["Diamer"]
    assert [p.district for p in find_places("a grenade at a squad in Dera Murad Jamali")[0]] == ["Nasirabad"]


def test_figures_in_another_area_of_the_district_are_another_incident():
    rows = rows_of("""date 2023-10-27
On Wednesday, a man was killed and two others were injured when gunmen fired at them in the Alpha area of Kurram.
In another incident, a vehicle was fired upon on a road outside the city.
Two construction workers died and three were hurt when armed men attacked them in the Beta area of Kurram district.
""")
    kurram = [r for r in rows if r[1] == "Kurram" and r[5]]
    assert sorted(r[5] for r in kurram) == [2, 3]


def test_the_same_area_named_again_is_the_incident_retold():
    rows = rows_of("""date 2023-10-27
On Wednesday, a man was killed and two others were injured when gunmen fired at them in the Alpha area of Kurram.
In another incident, a vehicle was fired upon on a road outside the city.
Police said a shopkeeper was killed and two were injured in the Alpha area of Kurram.
""")
    assert [r[5] for r in rows if r[1] == "Kurram" and r[5]] == [2]


def test_grenade_thrown_at_a_police_squad_with_no_one_hurt_is_still_an_attack():
    rows = rows_of("""date 2023-08-16
Two policemen were injured when gunmen fired at a patrol in Quetta on Tuesday.
In a separate incident, unknown men threw a grenade at the squad of a police officer in Dera Murad Jamali.
The grenade exploded on the road, but no one was hurt.
""")
    assert [r[1] for r in rows] == ["Quetta", "Nasirabad"]


def test_cracker_at_a_building_that_caused_no_damage_is_no_incident():
    rows = rows_of("""date 2023-08-16
Two policemen were injured when gunmen fired at a patrol in Quetta on Tuesday.
In a separate incident, a cracker was thrown at a shop in Dera Murad Jamali, but no one was hurt.
""")
    assert [r[1] for r in rows] == ["Quetta"]


def test_accidental_explosion_in_an_arms_depot_is_no_incident():
    rows = rows_of("""date 2023-08-16
Two soldiers were martyred when militants attacked a check post in Kech on Tuesday.
Earlier, a policeman died when a grenade went off in the arms depot of a police station in Quetta.
""")
    assert [r[1] for r in rows] == ["Kech"]


def test_grenade_attack_on_a_depot_by_militants_is_still_an_attack():
    rows = rows_of("""date 2023-08-16
A policeman died when militants hurled a grenade into the arms depot of a police station in Quetta on Monday.
""")
    assert [r[1] for r in rows] == ["Quetta"]


def test_sentence_opening_on_an_earlier_named_day_is_an_earlier_event():
    rows = rows_of("""date 2023-03-14
Police beat back an attack by militants on a police post in Tank district on Monday night.
Earlier on March 8, eight terrorists were killed in an operation by police in Tank.
Officials said the terrorists were travelling in a pickup truck when they were stopped.
""")
    assert ("2023-03-08", "Tank", None, 8, None, None) in rows
    assert ("2023-03-13", "Tank", None, None, None, None) in rows


def test_figureless_earlier_day_does_not_redate_the_main_event():
    rows = rows_of("""date 2023-01-07
Three policemen were injured when militants attacked a check post in Bannu on Friday.
On January 2, militants had attacked a police van in the same area.
""")
    assert rows == [("2023-01-06", "Bannu", None, None, None, 3)]


def test_the_same_named_day_again_is_the_same_event():
    rows = rows_of("""date 2023-01-07
Two soldiers were martyred when militants attacked a check post in Bannu on January 2.
On January 2, troops also killed three of the attackers at the post.
""")
    assert rows == [("2023-01-02", "Bannu", 2, 3, None, None)]


def test_a_day_ago_opens_an_earlier_killing():
    rows = rows_of("""date 2025-07-24
Four FC personnel were injured in an attack on a checkpoint in Bannu on Wednesday.
A day ago, a constable was martyred when terrorists attacked him in the district.
""")
    assert ("2025-07-23", "Bannu", None, None, None, 4) in rows
    assert ("2025-07-23", "Bannu", 1, None, None, None) in rows


def test_a_day_ago_without_figures_stays_with_the_story():
    rows = rows_of("""date 2025-07-24
Four FC personnel were injured in an attack on a checkpoint in Bannu on Wednesday.
Police had received a threat alert a day ago, officials said.
""")
    assert rows == [("2025-07-23", "Bannu", None, None, None, 4)]


def test_past_deed_of_the_militants_is_its_own_event_without_the_reports_place():
    ex = extract_text(
        "date 2023-02-13\n"
        "Police killed five terrorists in a raid in Karak on Sunday. Officials said the men belonged to a "
        "group which was involved in a March 2022 bombing in which four soldiers were martyred.\n",
        name="t.txt",
    )
    rows = [(c.district, c.killed_security, c.killed_militants) for c in ex.candidates]
    assert ("Karak", None, 5) in rows
    assert (None, 4, None) in rows


def test_group_involved_in_attacks_without_a_toll_adds_nothing():
    rows = rows_of("""date 2023-02-13
Police killed five terrorists in a raid in Karak on Sunday. The group was involved in attacks on police.
""")
    assert rows == [("2023-02-12", "Karak", None, 5, None, None)]


def test_suspects_held_along_with_weapons_are_arrests():
    rows = rows_of("""date 2022-12-31
Four policemen were injured when militants attacked a checkpost in Kulachi on Friday.
On Thursday, a search operation was carried out nearby in which five suspects were held along with two rifles.
""")
    assert rows == [("2022-12-30", "Dera Ismail Khan", None, None, None, 4)]


def test_killing_by_men_who_had_a_land_dispute_with_the_victims_is_crime():
    rows = rows_of("""date 2022-12-31
Two labourers were shot dead by unknown persons in a colony of Dera Ismail Khan on Friday.
Police said the attackers had a property dispute with the owner of the plot.
""")
    assert rows == []


def test_militants_who_had_a_dispute_with_the_government_are_still_militants():
    rows = rows_of("""date 2022-12-31
Two policemen were shot dead by militants in Dera Ismail Khan on Friday.
The TTP has had a dispute with the government since the ceasefire ended.
""")
    assert len(rows) == 1


def test_the_blast_left_a_total_of_is_the_events_own_total():
    rows = rows_of("""date 2023-05-20
Militants threw a grenade at a police van in Tank Bazaar on Friday.
The blast left a total of 12 people injured, including three policemen.
Police killed one of the attackers in a chase.
""")
    assert rows == [("2023-05-19", "Tank", None, 1, None, 12)]


def test_a_total_of_over_several_operations_is_still_a_sum():
    rows = rows_of("""date 2023-05-20
A total of nine terrorists were killed in two operations in Khyber Pakhtunkhwa on Friday.
In the first operation, troops killed five terrorists in Tank district.
In another operation, four terrorists were killed in Bannu district.
""")
    assert all(r[3] != 9 for r in rows)


def test_since_last_year_when_recalls_an_earlier_attack():
    rows = rows_of("""date 2022-04-27
Three people were killed when a bomb hit a van in Karachi on Tuesday.
It was the deadliest attack on foreigners since last year when a bomber struck a bus, killing ten people near Dasu.
""")
    assert ("2022-04-26", "Karachi", None, None, None, None) in [(*r[:2], None, None, None, None) for r in rows]
    assert any(r[1] == "Upper Kohistan" for r in rows)


def test_since_last_year_without_a_toll_adds_nothing():
    rows = rows_of("""date 2022-04-27
Three people were killed when a bomb hit a van in Karachi on Tuesday.
Attacks on foreigners have grown since last year when the government changed.
""")
    assert len(rows) == 1


def test_and_another_operation_with_its_own_toll_is_another_incident():
    rows = rows_of("""date 2025-08-12
Troops killed two more militants in Zhob on Monday night.
The killings followed an encounter on August 7 in which 20 infiltrators were killed, and another
operation on August 9 in which nine more were gunned down.
""")
    assert sorted(r[0] for r in rows) == ["2025-08-07", "2025-08-09", "2025-08-11"]


def test_prompting_an_operation_in_which_militants_were_killed_is_its_own_row():
    rows = rows_of("""date 2026-01-04
Three policemen were martyred in Bannu on Sunday.
Last month, four soldiers died in an ambush in Karak, prompting an operation in which six terrorists were killed.
""")
    karak = {(r[2], r[3]) for r in rows if r[1] == "Karak"}
    assert karak == {(None, 6), (4, None)}


def test_prompting_a_search_without_figures_stays_one_event():
    rows = rows_of("""date 2026-01-04
Three policemen were martyred in an ambush in Karak on Sunday, prompting a search operation in the area.
""")
    assert rows == [("2026-01-04", "Karak", 3, None, None, None)]


def test_the_main_events_figures_told_again_after_a_recalled_event_go_back_to_it():
    rows = rows_of("""date 2022-04-27
At least four people, including two foreigners, were killed in a blast in Karachi on Tuesday.
It came weeks after a bomber killed six people in Quetta.
Tuesday's attack drew condemnation from the government.
According to police, at least four people, including two foreigners, were killed.
""")
    assert len([r for r in rows if r[1] == "Karachi"]) == 1
    assert ("2022-04-26", "Karachi") in [r[:2] for r in rows]


def test_a_consulate_that_speaks_does_not_place_the_attack():
    from analysis.extract.places import find_places

    text = "Militants attacked a convoy near Gwadar on Sunday, the military and China's consulate in Karachi said."
    assert [p.district for p in find_places(text)[0]] == ["Gwadar"]


def test_a_consulate_that_was_attacked_is_the_place():
    from analysis.extract.places import find_places

    text = "Gunmen stormed the Chinese consulate in Karachi on Friday, killing two policemen."
    assert [p.district for p in find_places(text)[0]] == ["Karachi"]


def test_one_district_of_a_total_named_alone_opens_its_part():
    rows = rows_of("""date 2022-02-06
Fifteen terrorists were killed in the operations in Kech and Awaran, the ISPR said.
Six soldiers were martyred during the operations.
By Friday, troops had taken control of the situation in Awaran.
Seven terrorists were killed there, while two soldiers were martyred.
In Kech, fighting went on until Saturday.
Eight terrorists were killed and four soldiers were martyred there.
""")
    parts = {(r[1], r[2], r[3]) for r in rows}
    assert ("Awaran", 2, 7) in parts and ("Kech", 4, 8) in parts


def test_a_place_named_without_a_total_before_it_does_not_open_a_frame():
    rows = rows_of("""date 2022-02-06
Seven terrorists were killed in an operation in Awaran, the ISPR said.
By Friday, troops had taken control of the situation in Awaran.
Two soldiers were martyred.
""")
    assert rows == [("2022-02-06", "Awaran", 2, 7, None, None)]


def test_misspelt_district_at_an_opening_in_is_read_and_flagged():
    from analysis.extract.places import find_places

    found = find_places("In Pangjur, fire was exchanged for three days.")[0]
    assert [(p.district, p.fuzzy) for p in found] == [("Panjgur", True)]
    assert find_places("In Meantime, nothing happened.")[0] == []


def test_by_or_until_a_weekday_is_not_the_event_day():
    from datetime import date

    from analysis.extract.dates import find_dates

    assert find_dates("By Friday, forces had control of the town.", date(2022, 2, 6)) == []
    assert [d.text for d in find_dates("Militants attacked on Friday.", date(2022, 2, 6))] == ["Friday"]


def test_figures_at_the_same_place_on_another_explicit_day_are_another_event():
    rows = rows_of("""date 2025-08-29
Two soldiers were martyred when militants fired on a check post at Chilas on Friday.
A bus attack near Chilas on 4 December 2023 had left nine people dead.
Troops later conducted an operation on 4 July 2024 near Chilas in which a militant commander was killed.
""")
    days = sorted(r[0] for r in rows)
    assert days == ["2023-12-04", "2024-07-04", "2025-08-29"]


def test_the_same_place_and_day_told_again_stays_one_event():
    rows = rows_of("""date 2025-08-29
Two soldiers were martyred when militants fired on a check post at Chilas on August 28.
Officials said two soldiers were martyred at Chilas on August 28 and one was injured.
""")
    assert len(rows) == 1


def test_meanwhile_a_hospital_receiving_the_victims_is_the_same_event():
    rows = rows_of("""date 2022-12-23
A policeman was killed and four others were injured in a suicide blast in Islamabad on Friday.
Meanwhile, a hospital spokesman told reporters that four injured policemen had been brought to the hospital.
""")
    assert len(rows) == 1


def test_meanwhile_a_new_attack_is_still_a_new_event():
    rows = rows_of("""date 2022-12-23
A policeman was killed and four others were injured in a suicide blast in Islamabad on Friday.
Meanwhile, two soldiers were injured in an attack in Kohat and were taken to the hospital.
""")
    assert sorted(r[1] for r in rows) == ["Islamabad", "Kohat"]


def test_deaths_in_the_past_48_hours_are_a_period_total():
    rows = rows_of("""date 2023-10-27
Four persons died and six were injured when a convoy came under attack in the Alpha area of Kurram on Thursday.
At least seven persons have lost their lives in the clashes in the district during the past 48 hours.
On Wednesday, a man was killed when gunmen opened fire in the Beta area of Kurram.
""")
    assert sorted(r[0] for r in rows) == ["2023-10-25", "2023-10-26"]


def test_figureless_attacks_over_several_districts_are_no_incident():
    rows = rows_of("""date 2025-03-15
Terrorists attacked four police stations in Bannu and Lakki Marwat districts overnight, officials said.
Two policemen were injured when a roadside bomb hit a police van in Lakki Marwat on Friday.
""")
    assert rows == [("2025-03-14", "Lakki Marwat", None, None, None, 2)]


def test_figures_over_several_districts_stay_one_row():
    rows = rows_of("""date 2025-03-15
Terrorists attacked police stations in Bannu and Lakki Marwat districts overnight, wounding five policemen.
""")
    assert len(rows) == 1 and rows[0][5] == 5


def test_districts_that_have_seen_the_largest_number_of_attacks_are_context():
    from analysis.extract.context import context_cue

    assert context_cue("Bannu and Tank districts have seen the largest number of attacks since then.")
    assert context_cue("The region has faced more attacks than the other divisions.")
    assert not context_cue("Militants attacked a police station in Bannu on Friday.")


def test_several_attacks_announced_then_told_one_by_one():
    rows = rows_of("""date 2023-01-07
In Tank alone, police came under three attacks within the last 24 hours.
In the first, militants fired rockets at a police station on Thursday night.
Later, a policeman was martyred when a police van was ambushed.
A few hours after that, two policemen were martyred in the third attack on the force in the district.
""")
    assert sorted(r[2] for r in rows if r[2]) == [1, 2]


def test_later_toll_update_is_not_a_new_attack():
    rows = rows_of("""date 2023-01-07
In Tank alone, police came under three attacks within the last 24 hours.
In the first, a policeman was martyred when militants fired rockets at a police station on Thursday night.
Later, another policeman died of his injuries in hospital.
""")
    assert len([r for r in rows if r[2]]) == 1


def test_figureless_sentence_over_two_districts_does_not_place_the_incident_before():
    rows = rows_of("""date 2023-01-07
A policeman was martyred in the third attack on the force in Tank on Friday.
"We repulsed attacks in Bannu and Karak this week," the police chief said.
""")
    assert rows == [("2023-01-06", "Tank", 1, None, None, None)]


def test_convoy_moving_towards_a_city_is_a_route():
    from analysis.extract.places import find_places

    text = "The vehicles were moving in a convoy from Parachinar towards Peshawar when gunmen opened fire."
    assert "Peshawar" not in [p.district for p in find_places(text)[0]]


def test_a_second_explosion_that_followed_is_the_same_attack():
    rows = rows_of("""date 2023-04-25
At least eight policemen were martyred on Monday in explosions at a police station in Swat.
Police said gunmen opened fire, then a bomber blew himself up, and a second explosion followed within seconds.
""")
    assert len(rows) == 1


def test_a_second_blast_elsewhere_later_is_still_a_new_event():
    rows = rows_of("""date 2023-04-25
At least eight policemen were martyred on Monday in an explosion at a police station in Swat.
A second blast in Mardan killed two people on Monday evening.
""")
    assert sorted(r[1] for r in rows) == ["Mardan", "Swat"]


def test_a_mention_cut_off_before_its_figures_is_not_coded():
    rows = rows_of("""date 2024-12-27
Security forces killed two terrorists in an operation in Bannu on Thursday, the ISPR said.
In a separate incident, security forces launched an airstrike in South Waziristan""")
    assert rows == [("2024-12-26", "Bannu", None, 2, None, None)]


def test_a_cut_off_last_sentence_with_figures_is_still_coded():
    rows = rows_of("""date 2024-12-27
Security forces killed two terrorists in an operation in Bannu on Thursday, the ISPR said.
In a separate incident, three soldiers were martyred in South Waziristan when their""")
    assert ("South Waziristan", 3) in [(r[1], r[2]) for r in rows]


def test_one_attack_here_and_another_there_are_two_events():
    rows = rows_of("""date 2023-01-07
"On Thursday we repulsed one attack in Lakki Marwat and another in Tank," the police chief said.
""")
    assert sorted(r[1] for r in rows) == ["Lakki Marwat", "Tank"]
    assert {r[0] for r in rows} == {"2023-01-05"}


def test_one_attack_and_another_at_the_same_place_stay_together():
    rows = rows_of("""date 2023-01-07
Police said one attack in Tank and another in Tank city were repulsed on Thursday.
""")
    assert [r[1] for r in rows] == ["Tank"]


def test_within_the_last_24_hours_is_the_day_before():
    from datetime import date

    from analysis.extract.dates import find_dates

    cues = find_dates("Police came under three attacks within the last 24 hours.", date(2023, 1, 7))
    assert [(c.date.isoformat(), c.basis) for c in cues] == [("2023-01-06", "relative")]


def test_resulted_in_the_martyrdom_of_counts_the_dead():
    rows = rows_of("""date 2023-07-02
Security forces killed three terrorists in an operation in Tank on Saturday, the ISPR said.
They were wanted for a raid on a police post in Tank on May 3, 2022, which resulted in the martyrdom of four constables.
""")
    assert ("2022-05-03", "Tank", 4, None, None, None) in rows
    assert ("2023-07-01", "Tank", None, 3, None, None) in rows


def test_involved_in_numerous_activities_including_an_attack_with_a_toll_is_split_off():
    rows = rows_of("""date 2025-05-29
Four terrorists were neutralised in an operation in Loralai on 28 May, the ISPR said.
The slain terrorists had been actively involved in numerous terrorist activities, including the acts of terrorism
near Rarasham on 26 August 2024, which resulted in the martyrdom of twenty civilians.
""")
    assert ("2025-05-28", "Loralai", None, 4, None, None) in rows
    assert ("2024-08-26", "Musakhel", None, None, 20, None) in rows


def test_involved_in_numerous_activities_without_a_toll_adds_nothing():
    rows = rows_of("""date 2025-05-29
Four terrorists were neutralised in an operation in Loralai on 28 May, the ISPR said.
The slain terrorists had been actively involved in numerous terrorist activities, including attacks on police.
""")
    assert rows == [("2025-05-28", "Loralai", None, 4, None, None)]


def test_body_retelling_the_first_of_two_lead_events_goes_back_to_it():
    rows = rows_of("""date 2022-04-30
A policeman was killed and another injured in a bomb blast outside a police station in Charsadda on Friday.
Also in the day, a roadside explosion injured four people in Bajaur district.
Police said the bomb planted near the station went off in the afternoon, killing a constable and injuring another.
Meanwhile, four people were injured as a roadside bomb went off in Mamond tehsil of Bajaur district.
""")
    assert ("Charsadda", 1, 1) in [(r[1], r[2], r[5]) for r in rows]
    assert [(r[1], r[2], r[5]) for r in rows if r[1] == "Bajaur"] == [("Bajaur", None, 4)]


def test_more_figures_that_do_not_contradict_stay_with_the_event_told_last():
    rows = rows_of("""date 2024-12-27
In the second operation, in North Waziristan, five militants were killed and eight were injured.
In the third operation, in South Waziristan, six terrorists were killed.
Another eight were wounded in the encounter, according to the ISPR.
""")
    assert ("South Waziristan", 6, 8) in [(r[1], r[3], r[5]) for r in rows]


def test_comes_a_couple_of_days_after_recalls_an_earlier_event():
    rows = rows_of("""date 2024-10-14
Four policemen were martyred when militants attacked police lines in Bannu on Monday.
The attack comes a couple of days after two policemen were martyred when militants struck a checkpost in Tekhta Beg.
""")
    assert ("Bannu", 4) in [(r[1], r[2]) for r in rows]
    assert ("Khyber", 2) in [(r[1], r[2]) for r in rows]


def test_funeral_of_a_man_killed_earlier_is_his_own_event():
    rows = rows_of("""date 2024-10-14
Four policemen were martyred when militants attacked the police lines in Bannu on Monday.
Police said the militants struck right after the funeral prayers of Constable Amir Khan, who was killed in a firing
attack in Baka Khel earlier in the day.
""")
    assert sorted(r[2] for r in rows) == [1, 4]


def test_funeral_of_the_victims_of_the_event_told_is_no_new_event():
    rows = rows_of("""date 2024-10-14
Four policemen were martyred when militants attacked the police lines in Bannu on Monday.
The funeral prayers of the four policemen, who were martyred in the attack, were offered in Bannu.
""")
    assert [r[2] for r in rows] == [4]


def test_while_another_death_in_an_attack_of_its_own_is_two_events():
    rows = rows_of("""date 2023-09-29
At least 20 people were killed in a suicide blast near a mosque in Mastung on Friday.
Earlier this month, a paramilitary official was shot dead by unknown men, while a policeman was killed in an attack
on a polio vaccination centre.
""")
    assert len([r for r in rows if r[2] == 1]) == 2


def test_while_others_were_injured_in_the_same_attack_stays_one_event():
    rows = rows_of("""date 2023-09-29
Two soldiers were martyred in Mastung on Friday, while three others were killed in the attack, officials said.
""")
    assert len(rows) == 1


def test_two_named_police_stations_attacked_are_two_incidents():
    rows = rows_of("""date 2025-03-15
According to a statement from the Tank police, terrorists attacked the Alpha and Beta police stations on Friday night.
""")
    assert [r[1] for r in rows] == ["Tank", "Tank"]


def test_two_named_posts_with_one_toll_stay_one_incident():
    rows = rows_of("""date 2025-03-15
Terrorists attacked the Alpha and Beta police posts in Tank on Friday night, injuring three policemen.
""")
    assert len(rows) == 1


def test_figures_after_an_event_told_without_casualties_are_another_event():
    rows = rows_of("""date 2025-03-15
Terrorists attacked a police station in Tank on Friday night, but the attack was repelled.
The assault caused no casualties.
Police said two policemen were injured when a roadside bomb hit a police vehicle in Tank on Friday.
""")
    assert sorted((r[5] or 0) for r in rows) == [0, 2]


def test_a_district_police_speaking_places_its_district():
    from analysis.extract.places import find_places

    assert [p.district for p in find_places("a statement from the Tank police said")[0]] == ["Tank"]
    assert find_places("two labourers from Tank were shot")[0] == []


def test_lead_announcing_two_incidents_then_the_body_retelling_each():
    rows = rows_of("""date 2023-01-08
Two more incidents were reported on Saturday.
In the first, a constable was martyred when men threw a grenade at a police van in the Alpha Kala area of Bannu.
In the second, police beat back an attack on a post in Tank.
Police said the van was stopped near Alpha Kala when the motorcyclists hurled the grenade.
The constable was martyred in the attack.
In Tank, police repelled another attack on a police post in the early hours of Saturday.
""")
    assert sorted((r[1], r[2]) for r in rows if r[1]) == [("Bannu", 1), ("Tank", None)]


def test_an_area_named_again_without_a_district_goes_back_to_its_incident():
    rows = rows_of("""date 2023-01-08
A constable was martyred when gunmen attacked a police van in the Alpha Kala area of Bannu on Saturday.
In a separate incident, two soldiers were injured in an attack on a post in Tank.
Police said two attackers were also killed near Alpha Kala.
""")
    assert ("Bannu", 1, 2) in [(r[1], r[2], r[3]) for r in rows]


def test_the_latest_attack_was_recalls_an_earlier_event():
    rows = rows_of("""date 2023-08-14
Four terrorists were killed and a soldier was martyred in an operation in Bajaur on Sunday, the ISPR said.
The latest act of terrorism was the suicide blast at a political rally in Bajaur, which killed over 50 people.
""")
    assert ("Bajaur", 1, 4, None) in [(r[1], r[2], r[3], r[4]) for r in rows]
    assert len(rows) == 2


def test_protest_after_a_child_was_killed_in_an_attack_tells_that_earlier_death():
    rows = rows_of("""date 2025-07-28
At least five people were killed on Sunday in Tirah Valley, a local official said.
Violence broke out when residents gathered at a camp after a child was killed in a mortar attack over the weekend.
""")
    assert sorted((r[4] or 0, r[0]) for r in rows) == [(0, "2025-07-27"), (1, "2025-07-26")]


def test_killed_after_a_bomb_hit_their_vehicle_is_one_event():
    rows = rows_of("""date 2025-07-28
Two soldiers were martyred after a soldier was hurt in a blast near their vehicle in Tirah on Sunday.
""")
    assert len(rows) == 1


def test_where_an_official_spoke_to_reporters_is_not_a_place():
    from analysis.extract.places import find_places

    text = "A curfew was imposed in Panjgur, the minister said. He spoke to reporters in Quetta."
    assert [p.district for p in find_places(text)[0]] == ["Panjgur"]
    assert [p.district for p in find_places("Reporters in Quetta saw the blast.")[0]] == ["Quetta"]


def test_an_attack_on_a_post_after_an_operation_in_the_district_is_another_incident():
    rows = rows_of("""date 2025-10-09
A major was martyred and seven terrorists were killed in an intelligence-based operation in Tank on Wednesday.
A policeman was martyred in Tank when terrorists attacked a police checkpoint late on Wednesday, officials said.
""")
    assert sorted((r[2], r[3] or 0) for r in rows) == [(1, 0), (1, 7)]


def test_terrorists_who_opened_fire_on_troops_in_the_operation_stay_with_it():
    rows = rows_of("""date 2025-10-09
Seven terrorists were killed in an intelligence-based operation in Tank on Wednesday.
A soldier was martyred when the terrorists opened fire on the troops during the operation.
""")
    assert len(rows) == 1


def test_and_an_operation_in_which_with_its_own_toll_is_a_second_event():
    rows = rows_of("""date 2024-01-03
Four terrorists were killed in an operation in North Waziristan on Tuesday.
Last month, a terrorist attack in Tank killed 12 soldiers, and a military operation in Kulachi in which two soldiers
were killed followed.
""")
    assert ("Dera Ismail Khan", 2) in [(r[1], r[2]) for r in rows]
    assert ("Tank", 12) in [(r[1], r[2]) for r in rows]


def test_one_verb_two_victims_at_two_places_are_two_events():
    rows = rows_of("""date 2025-11-26
On Tuesday, militants killed a policeman in Mir Ali and three labourers in Razmak.
""")
    assert sorted((r[2] or 0, r[4] or 0) for r in rows) == [(0, 3), (1, 0)]


def test_one_verb_two_victims_at_one_place_stay_one_event():
    rows = rows_of("""date 2025-11-26
On Tuesday, militants killed a policeman in Mir Ali and two passers-by in Mir Ali bazaar.
""")
    assert len(rows) == 1


def test_search_after_policemen_were_killed_in_an_attack_is_the_same_event():
    rows = rows_of("""date 2025-07-28
Two policemen were martyred when militants attacked a post in Bannu on Sunday.
Police launched a search operation after two policemen were killed in an attack on the post.
""")
    assert rows == [("2025-07-27", "Bannu", 2, None, None, None)]


def test_a_victims_home_town_named_later_does_not_move_the_sentence_back():
    rows = rows_of("""date 2025-11-26
A soldier was martyred in an attack in Mir Ali on Tuesday.
In a separate incident, three labourers were shot dead in Bannu.
Two of the labourers from Mir Ali were brothers, police said.
""")
    assert sorted((r[1], r[2] or r[4]) for r in rows) == [("Bannu", 3), ("North Waziristan", 1)]


def test_also_in_the_day_is_the_day_of_the_event_told_before():
    rows = rows_of("""date 2022-04-30
A policeman was killed in a blast outside a police station in Charsadda on Friday.
Also in the day, a roadside explosion injured four people in Bajaur district.
""")
    assert ("2022-04-29", "Bajaur") in [r[:2] for r in rows]


def test_a_total_including_an_attack_which_killed_and_an_operation_in_which_is_two_events():
    rows = rows_of("""date 2024-01-03
Troops killed four terrorists in North Waziristan on Tuesday.
Last month, 14 soldiers were killed in two incidents on one day, including an attack in Tank, which killed 12 soldiers,
and a military operation in Kulachi in which two soldiers were killed.
""")
    assert sorted(r[2] for r in rows if r[2]) == [2, 12]


def test_including_a_part_without_which_clause_is_not_split():
    rows = rows_of("""date 2024-01-03
Twelve soldiers, including a major, were killed in an attack in Tank on Tuesday.
""")
    assert rows == [("2024-01-02", "Tank", 12, None, None, None)]
