"""Precision and recall rules of round 6 (segC), on short reports written for these tests."""

from __future__ import annotations

from analysis.extract import extract_text
from analysis.extract.text import sentences


def _rows(text):
    ex = extract_text(text, name="t.txt")
    return [
        (c.date.isoformat(), c.district, c.killed_security, c.killed_militants, c.killed_civilians, c.injured_total)
        for c in ex.candidates
    ]


def test_wire_photo_caption_ending_on_weekday_and_full_date_is_a_caption():
    body = (
        "Mourners pray beside the coffin of a police officer who died in a blast in the northwest, at his village "
        "in Mardan, Pakistan, Tuesday, March 4, 2025. (AP Photo/Someone)\n"
        "Police said the blast happened on Monday, March 3, 2025.\n"
    )
    kinds = [s.kind for s in sentences(body)]
    assert kinds == ["caption", "text"]


def test_caption_does_not_place_the_incident_and_twin_attacks_is_a_total():
    rows = _rows("""date 2024-05-09
Relatives gather around the body of a soldier, at his home in Okara, Pakistan, Thursday, May 9, 2024.
Twin attacks by insurgents on army posts in Balochistan killed five soldiers and eight attackers.
In the first attack, three soldiers and five militants died when gunmen stormed a post in Kech district.
The second attack, on a camp in the Awaran district, killed two soldiers and three militants.
""")
    assert sorted(r[1] for r in rows) == ["Awaran", "Kech"]
    assert ("Kech", 3, 5) in [(r[1], r[2], r[3]) for r in rows]


def test_twin_blasts_with_no_split_is_one_row():
    rows = _rows("""date 2024-05-09
Twin blasts in a market of Quetta killed six people and injured 20 on Wednesday.
""")
    assert len(rows) == 1 and rows[0][1] == "Quetta" and rows[0][5] == 20


def test_figureless_lead_that_only_refers_back_to_the_attacks_is_no_incident():
    rows = _rows("""date 2024-05-09
After a separatist group claimed the attacks, Islamabad blamed a neighbouring country.
Gunmen stormed a police post in Kech district on Wednesday, killing two policemen.
""")
    assert rows == [("2024-05-08", "Kech", 2, None, None, None)]


def test_figureless_lead_telling_its_own_attack_is_still_an_incident():
    rows = _rows("""date 2024-05-09
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
    rows = _rows("""date 2023-10-27
On Wednesday, a man was killed and two others were injured when gunmen fired at them in the Alpha area of Kurram.
In another incident, a vehicle was fired upon on a road outside the city.
Two construction workers died and three were hurt when armed men attacked them in the Beta area of Kurram district.
""")
    kurram = [r for r in rows if r[1] == "Kurram" and r[5]]
    assert sorted(r[5] for r in kurram) == [2, 3]


def test_the_same_area_named_again_is_the_incident_retold():
    rows = _rows("""date 2023-10-27
On Wednesday, a man was killed and two others were injured when gunmen fired at them in the Alpha area of Kurram.
In another incident, a vehicle was fired upon on a road outside the city.
Police said a shopkeeper was killed and two were injured in the Alpha area of Kurram.
""")
    assert [r[5] for r in rows if r[1] == "Kurram" and r[5]] == [2]


def test_grenade_thrown_at_a_police_squad_with_no_one_hurt_is_still_an_attack():
    rows = _rows("""date 2023-08-16
Two policemen were injured when gunmen fired at a patrol in Quetta on Tuesday.
In a separate incident, unknown men threw a grenade at the squad of a police officer in Dera Murad Jamali.
The grenade exploded on the road, but no one was hurt.
""")
    assert [r[1] for r in rows] == ["Quetta", "Nasirabad"]


def test_cracker_at_a_building_that_caused_no_damage_is_no_incident():
    rows = _rows("""date 2023-08-16
Two policemen were injured when gunmen fired at a patrol in Quetta on Tuesday.
In a separate incident, a cracker was thrown at a shop in Dera Murad Jamali, but no one was hurt.
""")
    assert [r[1] for r in rows] == ["Quetta"]


def test_accidental_explosion_in_an_arms_depot_is_no_incident():
    rows = _rows("""date 2023-08-16
Two soldiers were martyred when militants attacked a check post in Kech on Tuesday.
Earlier, a policeman died when a grenade went off in the arms depot of a police station in Quetta.
""")
    assert [r[1] for r in rows] == ["Kech"]


def test_grenade_attack_on_a_depot_by_militants_is_still_an_attack():
    rows = _rows("""date 2023-08-16
A policeman died when militants hurled a grenade into the arms depot of a police station in Quetta on Monday.
""")
    assert [r[1] for r in rows] == ["Quetta"]


def test_sentence_opening_on_an_earlier_named_day_is_an_earlier_event():
    rows = _rows("""date 2023-03-14
Police beat back an attack by militants on a police post in Tank district on Monday night.
Earlier on March 8, eight terrorists were killed in an operation by police in Tank.
Officials said the terrorists were travelling in a pickup truck when they were stopped.
""")
    assert ("2023-03-08", "Tank", None, 8, None, None) in rows
    assert ("2023-03-13", "Tank", None, None, None, None) in rows


def test_figureless_earlier_day_does_not_redate_the_main_event():
    rows = _rows("""date 2023-01-07
Three policemen were injured when militants attacked a check post in Bannu on Friday.
On January 2, militants had attacked a police van in the same area.
""")
    assert rows == [("2023-01-06", "Bannu", None, None, None, 3)]


def test_the_same_named_day_again_is_the_same_event():
    rows = _rows("""date 2023-01-07
Two soldiers were martyred when militants attacked a check post in Bannu on January 2.
On January 2, troops also killed three of the attackers at the post.
""")
    assert rows == [("2023-01-02", "Bannu", 2, 3, None, None)]


def test_a_day_ago_opens_an_earlier_killing():
    rows = _rows("""date 2025-07-24
Four FC personnel were injured in an attack on a checkpoint in Bannu on Wednesday.
A day ago, a constable was martyred when terrorists attacked him in the district.
""")
    assert ("2025-07-23", "Bannu", None, None, None, 4) in rows
    assert ("2025-07-23", "Bannu", 1, None, None, None) in rows


def test_a_day_ago_without_figures_stays_with_the_story():
    rows = _rows("""date 2025-07-24
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
    rows = _rows("""date 2023-02-13
Police killed five terrorists in a raid in Karak on Sunday. The group was involved in attacks on police.
""")
    assert rows == [("2023-02-12", "Karak", None, 5, None, None)]


def test_suspects_held_along_with_weapons_are_arrests():
    rows = _rows("""date 2022-12-31
Four policemen were injured when militants attacked a checkpost in Kulachi on Friday.
On Thursday, a search operation was carried out nearby in which five suspects were held along with two rifles.
""")
    assert rows == [("2022-12-30", "Dera Ismail Khan", None, None, None, 4)]


def test_killing_by_men_who_had_a_land_dispute_with_the_victims_is_crime():
    rows = _rows("""date 2022-12-31
Two labourers were shot dead by unknown persons in a colony of Dera Ismail Khan on Friday.
Police said the attackers had a property dispute with the owner of the plot.
""")
    assert rows == []


def test_militants_who_had_a_dispute_with_the_government_are_still_militants():
    rows = _rows("""date 2022-12-31
Two policemen were shot dead by militants in Dera Ismail Khan on Friday.
The TTP has had a dispute with the government since the ceasefire ended.
""")
    assert len(rows) == 1


def test_the_blast_left_a_total_of_is_the_events_own_total():
    rows = _rows("""date 2023-05-20
Militants threw a grenade at a police van in Tank Bazaar on Friday.
The blast left a total of 12 people injured, including three policemen.
Police killed one of the attackers in a chase.
""")
    assert rows == [("2023-05-19", "Tank", None, 1, None, 12)]


def test_a_total_of_over_several_operations_is_still_a_sum():
    rows = _rows("""date 2023-05-20
A total of nine terrorists were killed in two operations in Khyber Pakhtunkhwa on Friday.
In the first operation, troops killed five terrorists in Tank district.
In another operation, four terrorists were killed in Bannu district.
""")
    assert all(r[3] != 9 for r in rows)


def test_since_last_year_when_recalls_an_earlier_attack():
    rows = _rows("""date 2022-04-27
Three people were killed when a bomb hit a van in Karachi on Tuesday.
It was the deadliest attack on foreigners since last year when a bomber struck a bus, killing ten people near Dasu.
""")
    assert ("2022-04-26", "Karachi", None, None, None, None) in [(*r[:2], None, None, None, None) for r in rows]
    assert any(r[1] == "Upper Kohistan" for r in rows)


def test_since_last_year_without_a_toll_adds_nothing():
    rows = _rows("""date 2022-04-27
Three people were killed when a bomb hit a van in Karachi on Tuesday.
Attacks on foreigners have grown since last year when the government changed.
""")
    assert len(rows) == 1


def test_and_another_operation_with_its_own_toll_is_another_incident():
    rows = _rows("""date 2025-08-12
Troops killed two more militants in Zhob on Monday night.
The killings followed an encounter on August 7 in which 20 infiltrators were killed, and another
operation on August 9 in which nine more were gunned down.
""")
    assert sorted(r[0] for r in rows) == ["2025-08-07", "2025-08-09", "2025-08-11"]


def test_prompting_an_operation_in_which_militants_were_killed_is_its_own_row():
    rows = _rows("""date 2026-01-04
Three policemen were martyred in Bannu on Sunday.
Last month, four soldiers died in an ambush in Karak, prompting an operation in which six terrorists were killed.
""")
    karak = {(r[2], r[3]) for r in rows if r[1] == "Karak"}
    assert karak == {(None, 6), (4, None)}


def test_prompting_a_search_without_figures_stays_one_event():
    rows = _rows("""date 2026-01-04
Three policemen were martyred in an ambush in Karak on Sunday, prompting a search operation in the area.
""")
    assert rows == [("2026-01-04", "Karak", 3, None, None, None)]


def test_the_main_events_figures_told_again_after_a_recalled_event_go_back_to_it():
    rows = _rows("""date 2022-04-27
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
    rows = _rows("""date 2022-02-06
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
    rows = _rows("""date 2022-02-06
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
    rows = _rows("""date 2025-08-29
Two soldiers were martyred when militants fired on a check post at Chilas on Friday.
A bus attack near Chilas on 4 December 2023 had left nine people dead.
Troops later conducted an operation on 4 July 2024 near Chilas in which a militant commander was killed.
""")
    days = sorted(r[0] for r in rows)
    assert days == ["2023-12-04", "2024-07-04", "2025-08-29"]


def test_the_same_place_and_day_told_again_stays_one_event():
    rows = _rows("""date 2025-08-29
Two soldiers were martyred when militants fired on a check post at Chilas on August 28.
Officials said two soldiers were martyred at Chilas on August 28 and one was injured.
""")
    assert len(rows) == 1


def test_meanwhile_a_hospital_receiving_the_victims_is_the_same_event():
    rows = _rows("""date 2022-12-23
A policeman was killed and four others were injured in a suicide blast in Islamabad on Friday.
Meanwhile, a hospital spokesman told reporters that four injured policemen had been brought to the hospital.
""")
    assert len(rows) == 1


def test_meanwhile_a_new_attack_is_still_a_new_event():
    rows = _rows("""date 2022-12-23
A policeman was killed and four others were injured in a suicide blast in Islamabad on Friday.
Meanwhile, two soldiers were injured in an attack in Kohat and were taken to the hospital.
""")
    assert sorted(r[1] for r in rows) == ["Islamabad", "Kohat"]


def test_deaths_in_the_past_48_hours_are_a_period_total():
    rows = _rows("""date 2023-10-27
Four persons died and six were injured when a convoy came under attack in the Alpha area of Kurram on Thursday.
At least seven persons have lost their lives in the clashes in the district during the past 48 hours.
On Wednesday, a man was killed when gunmen opened fire in the Beta area of Kurram.
""")
    assert sorted(r[0] for r in rows) == ["2023-10-25", "2023-10-26"]


def test_figureless_attacks_over_several_districts_are_no_incident():
    rows = _rows("""date 2025-03-15
Terrorists attacked four police stations in Bannu and Lakki Marwat districts overnight, officials said.
Two policemen were injured when a roadside bomb hit a police van in Lakki Marwat on Friday.
""")
    assert rows == [("2025-03-14", "Lakki Marwat", None, None, None, 2)]


def test_figures_over_several_districts_stay_one_row():
    rows = _rows("""date 2025-03-15
Terrorists attacked police stations in Bannu and Lakki Marwat districts overnight, wounding five policemen.
""")
    assert len(rows) == 1 and rows[0][5] == 5


def test_districts_that_have_seen_the_largest_number_of_attacks_are_context():
    from analysis.extract.context import context_cue

    assert context_cue("Bannu and Tank districts have seen the largest number of attacks since then.")
    assert context_cue("The region has faced more attacks than the other divisions.")
    assert not context_cue("Militants attacked a police station in Bannu on Friday.")


def test_several_attacks_announced_then_told_one_by_one():
    rows = _rows("""date 2023-01-07
In Tank alone, police came under three attacks within the last 24 hours.
In the first, militants fired rockets at a police station on Thursday night.
Later, a policeman was martyred when a police van was ambushed.
A few hours after that, two policemen were martyred in the third attack on the force in the district.
""")
    assert sorted(r[2] for r in rows if r[2]) == [1, 2]


def test_later_toll_update_is_not_a_new_attack():
    rows = _rows("""date 2023-01-07
In Tank alone, police came under three attacks within the last 24 hours.
In the first, a policeman was martyred when militants fired rockets at a police station on Thursday night.
Later, another policeman died of his injuries in hospital.
""")
    assert len([r for r in rows if r[2]]) == 1


def test_figureless_sentence_over_two_districts_does_not_place_the_incident_before():
    rows = _rows("""date 2023-01-07
A policeman was martyred in the third attack on the force in Tank on Friday.
"We repulsed attacks in Bannu and Karak this week," the police chief said.
""")
    assert rows == [("2023-01-06", "Tank", 1, None, None, None)]


def test_convoy_moving_towards_a_city_is_a_route():
    from analysis.extract.places import find_places

    text = "The vehicles were moving in a convoy from Parachinar towards Peshawar when gunmen opened fire."
    assert "Peshawar" not in [p.district for p in find_places(text)[0]]


def test_a_second_explosion_that_followed_is_the_same_attack():
    rows = _rows("""date 2023-04-25
At least eight policemen were martyred on Monday in explosions at a police station in Swat.
Police said gunmen opened fire, then a bomber blew himself up, and a second explosion followed within seconds.
""")
    assert len(rows) == 1


def test_a_second_blast_elsewhere_later_is_still_a_new_event():
    rows = _rows("""date 2023-04-25
At least eight policemen were martyred on Monday in an explosion at a police station in Swat.
A second blast in Mardan killed two people on Monday evening.
""")
    assert sorted(r[1] for r in rows) == ["Mardan", "Swat"]


def test_a_mention_cut_off_before_its_figures_is_not_coded():
    rows = _rows("""date 2024-12-27
Security forces killed two terrorists in an operation in Bannu on Thursday, the ISPR said.
In a separate incident, security forces launched an airstrike in South Waziristan""")
    assert rows == [("2024-12-26", "Bannu", None, 2, None, None)]


def test_a_cut_off_last_sentence_with_figures_is_still_coded():
    rows = _rows("""date 2024-12-27
Security forces killed two terrorists in an operation in Bannu on Thursday, the ISPR said.
In a separate incident, three soldiers were martyred in South Waziristan when their""")
    assert ("South Waziristan", 3) in [(r[1], r[2]) for r in rows]


def test_one_attack_here_and_another_there_are_two_events():
    rows = _rows("""date 2023-01-07
"On Thursday we repulsed one attack in Lakki Marwat and another in Tank," the police chief said.
""")
    assert sorted(r[1] for r in rows) == ["Lakki Marwat", "Tank"]
    assert {r[0] for r in rows} == {"2023-01-05"}


def test_one_attack_and_another_at_the_same_place_stay_together():
    rows = _rows("""date 2023-01-07
Police said one attack in Tank and another in Tank city were repulsed on Thursday.
""")
    assert [r[1] for r in rows] == ["Tank"]
