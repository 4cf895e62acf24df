"""Places and dates of round 7 (plcD): gazetteer coverage, vague regions, datelines, spans of days."""

from __future__ import annotations

import csv
import json

from analysis.extract import extract_text
from analysis.extract.places import find_places
from analysis.gazetteer import districts, find_district, find_locality


def _rows(text):
    ex = extract_text(text, name="t.txt")
    return [(c.date.isoformat() if c.date else None, c.province, c.district) for c in ex.candidates]


def _where(sentence):
    return [(p.province, p.district) for p in find_places(sentence)[0]]


# -- coverage -------------------------------------------------------------------------------------


def _unit(name: str):
    """A census or boundary unit by name: a district, or a locality (former FR areas, Karachi's districts)."""
    d = find_district(name)
    if d is not None:
        return d.name, d.province
    loc = find_locality(name)
    return (loc.district, loc.province) if loc is not None else None


def test_every_census_district_and_agency_is_known(shared_data):
    with open(shared_data / "pakistan-census-2017-districts.csv", encoding="utf-8", newline="") as fh:
        units = [r["admin_unit"] for r in csv.DictReader(fh)]
    # Kohistan was split in three (Upper, Lower, Kolai Palas) in 2014-2017: no one district to name.
    missing = [u for u in units if u != "KOHISTAN DISTRICT" and _unit(u.title()) is None]
    assert missing == []
    # Karachi's revenue districts are areas of Karachi (coding rule 5).
    assert _unit("Malir") == ("Karachi", "Sindh")
    assert _unit("FR Kohat") == ("Kohat", "Khyber Pakhtunkhwa")


def test_every_boundary_district_including_ajk_and_gilgit_baltistan_is_known(shared_data):
    with open(shared_data / "boundaries" / "pakistan-districts.geojson", encoding="utf-8") as fh:
        names = [f["properties"]["districts"] for f in json.load(fh)["features"]]
    missing = [n for n in names if n != "Kohistan" and _unit(n) is None]
    assert missing == []
    provinces = {d.province for d in districts()}
    for p in ("Azad Jammu and Kashmir", "Gilgit-Baltistan", "Islamabad Capital Territory"):
        assert p in provinces


def test_old_names_and_spellings_resolve():
    for name, district in [
        ("Nawabshah", "Shaheed Benazirabad"),
        ("Benazirabad", "Shaheed Benazirabad"),
        ("Hattian Bala", "Jhelum Valley"),
        ("D.I.Khan", "Dera Ismail Khan"),
        ("Qilla Saifullah", "Killa Saifullah"),
        ("Mirpurkhas", "Mirpur Khas"),
        ("Ghanchi", "Ghanche"),
    ]:
        assert find_district(name).name == district, name
    for name, district in [("Sakrand", "Shaheed Benazirabad"), ("Chakothi", "Jhelum Valley"), ("Johar Town", "Lahore")]:
        assert find_locality(name).district == district, name


def test_towns_and_valleys_in_sentences_give_their_district():
    assert _where("Gunmen shot dead a shopkeeper in Sakrand town late on Friday.") == [("Sindh", "Shaheed Benazirabad")]
    assert _where("Indian shelling hit houses in the Leepa Valley, officials said.") == [
        ("Azad Jammu and Kashmir", "Jhelum Valley")
    ]
    assert _where("Two soldiers were martyred near Khaplu, Gilgit-Baltistan.") == [
        ("Gilgit-Baltistan", "Ghanche"),
        ("Gilgit-Baltistan", None),
    ]
    # the Punjab district is not the AJK valley
    assert _where("The blast in Jhelum city wounded four.") == [("Punjab", "Jhelum")]
    assert _where("Firing in the Jhelum Valley district killed a woman.") == [
        ("Azad Jammu and Kashmir", "Jhelum Valley")
    ]


# -- regions: the province, never a district ------------------------------------------------------


def test_region_names_give_the_province_only():
    assert _where("Militants stormed a police post in the restive northwest overnight.") == [
        ("Khyber Pakhtunkhwa", None)
    ]
    assert _where("A roadside bomb hit a patrol in Pakistan's southwest, bordering Iran.") == [("Balochistan", None)]
    assert _where("Two soldiers were martyred in the former tribal areas on Sunday.") == [("Khyber Pakhtunkhwa", None)]
    # directions and other countries' regions are not places
    assert _where("The post lies 40 km northwest of the city.") == []
    assert _where("A drone strike hit a village in southwestern Afghanistan.") == []


def test_region_lead_then_district_is_one_incident_in_that_district():
    rows = _rows("""date 2024-03-05
PESHAWAR, Pakistan (AP) — Insurgents ambushed a police van in northwest Pakistan on Monday, killing four officers.
The ambush happened near a bazaar in the Tank district, police said, adding that two attackers also died.
""")
    assert rows == [("2024-03-04", "Khyber Pakhtunkhwa", "Tank")]


def test_region_after_an_incident_elsewhere_keeps_its_own_province():
    rows = _rows("""date 2023-06-12
Gunmen shot dead two policemen guarding a polio team in Islamabad on Monday, officials said.
Last Thursday, a suicide bomber killed three soldiers at a checkpoint in the country's volatile northwest.
""")
    assert ("2023-06-08", "Khyber Pakhtunkhwa", None) in rows
    assert ("2023-06-12", "Islamabad Capital Territory", "Islamabad") in rows


def test_a_day_earlier_when_gunmen_attacked_is_another_event_in_the_same_district():
    rows = _rows("""date 2023-05-09
A bomb hidden in a motorcycle killed three people near a bus stand in Quetta on Monday.
A day earlier, a policeman was martyred when unknown gunmen attacked a checkpoint in the Kuchlak area.
""")
    assert sorted(r[0] for r in rows) == ["2023-05-07", "2023-05-08"]
    assert {r[2] for r in rows} == {"Quetta"}


# -- forces named after a place; midnight raids ----------------------------------------------------


def test_a_force_named_after_its_district_is_not_where_it_fought():
    assert _where("Three constables of the Quetta police were martyred in an ambush near Mastung on Friday.") == [
        ("Balochistan", "Mastung")
    ]
    assert _where("Two men of the Sindh Rangers were wounded in a raid in Sakrand.") == [
        ("Sindh", "Shaheed Benazirabad")
    ]
    # the force's district is the place when the sentence names no other
    assert _where("The blast injured four personnel of the Bannu police.") == [("Khyber Pakhtunkhwa", "Bannu")]
    # a police station is a place
    assert _where("Militants attacked the Kulachi police station in Dera Ismail Khan.") == [
        ("Khyber Pakhtunkhwa", "Dera Ismail Khan"),
        ("Khyber Pakhtunkhwa", "Dera Ismail Khan"),
    ]


def test_a_midnight_raid_told_with_the_statement_day_is_the_night_before():
    rows = _rows("""date 2021-03-11
Four militants and a soldier were killed in a midnight raid on a hideout in Zhob, the military said on Wednesday.
""")
    assert rows == [("2021-03-09", "Balochistan", "Zhob")]
    # with no statement day, midnight says nothing of the day: the night told elsewhere dates it
    rows = _rows("""date 2021-03-14
Gunmen attacked a police post in Karak late on Friday night, officials said.
The police repelled the midnight attack and two constables were wounded.
""")
    assert rows == [("2021-03-12", "Khyber Pakhtunkhwa", "Karak")]


# -- months without a day; spans told by their end -------------------------------------------------


def test_start_or_end_of_a_month_is_a_month_not_a_day():
    from datetime import date

    from analysis.extract.dates import find_dates

    pub = date(2024, 4, 20)
    for text in (
        "At the start of April, a roadside bomb killed two Levies men.",
        "Towards the end of March, militants torched a police post and killed a guard.",
        "In mid-March four soldiers were martyred in an ambush.",
    ):
        (cue,) = find_dates(text, pub)
        assert (cue.basis, cue.precision) == ("imprecise", "month"), text
    # a day named after the month is a day
    (cue,) = find_dates("On 3 April, a roadside bomb killed two Levies men.", pub)
    assert cue.basis == "explicit"


def test_a_span_told_by_its_end_is_dated_by_its_first_day():
    rows = _rows("""date 2022-02-06
Militants attacked a Frontier Corps camp in Kech.
The exchange of fire went on for 72 hours, until Saturday, officials said.
Six militants and two soldiers were killed in Saturday's final assault.
""")
    assert rows == [("2022-02-02", "Balochistan", "Kech")]
    rows = _rows("""date 2022-02-06
Troops killed four militants in Zhob after a siege of a compound that lasted for two days, till Friday.
""")
    assert rows == [("2022-02-02", "Balochistan", "Zhob")]
    # "until" alone ends a span without telling how long: no date from it
    rows = _rows("""date 2022-02-06
Police said four militants were killed in Zhob on Thursday; the area stayed sealed until Saturday.
""")
    assert rows == [("2022-02-03", "Balochistan", "Zhob")]


def test_dateline_with_an_agency_credit_places_a_report_that_names_no_place():
    rows = _rows("""date 2023-10-02
MULTAN (APP): Two people were killed and five injured when a cracker exploded in a crowded market here on Monday.
""")
    assert rows == [("2023-10-02", "Punjab", "Multan")]
    rows = _rows("""date 2023-10-02
KARACHI (Reuters) - A bomb ripped through a bus in Sindh on Monday, killing four passengers, police said.
""")
    assert rows == [("2023-10-02", "Sindh", "Karachi")]
    # a statement city's dateline does not place the event
    rows = _rows("""date 2023-10-02
ISLAMABAD (AP) — A roadside bomb killed three soldiers on Monday, the military said.
""")
    assert rows == [("2023-10-02", None, None)]


# -- an earlier day told in the pluperfect; tallies "since then" --------------------------------------


def test_pluperfect_figures_on_a_day_before_the_statement_are_an_earlier_event():
    rows = _rows("""date 2020-09-08
Three villagers were wounded when Indian troops shelled houses in the Nakyal sector of Kotli, the ISPR said on Tuesday.
On Sunday, Indian shelling had left a woman dead and two children injured in the same sector.
""")
    assert sorted(rows) == [
        ("2020-09-06", "Azad Jammu and Kashmir", "Kotli"),
        ("2020-09-08", "Azad Jammu and Kashmir", "Kotli"),
    ]
    # the day of the event itself, told after the statement, with no pluperfect: one incident
    rows = _rows("""date 2020-09-08
Three villagers were wounded by Indian shelling in the Nakyal sector of Kotli, the ISPR said on Tuesday.
The shelling began on Monday evening and three houses were damaged in Nakyal.
""")
    assert len(rows) == 1


def test_since_then_tally_is_not_an_incident():
    rows = _rows("""date 2019-03-20
A soldier was martyred by Indian firing in the Leepa valley on Tuesday, the military said.
Since then, nine civilians have been killed and 50 wounded in shelling across the LoC, officials said.
""")
    assert rows == [("2019-03-19", "Azad Jammu and Kashmir", "Jhelum Valley")]


def test_divisions_and_waziristan_give_the_province_only():
    assert _where("Gunmen attacked a polio team in the Malakand division on Monday.") == [("Khyber Pakhtunkhwa", None)]
    assert _where("Security forces killed four insurgents across the Makran division.") == [("Balochistan", None)]
    assert _where("A drone strike in Waziristan killed three militants.") == [("Khyber Pakhtunkhwa", None)]
    # the districts keep their own names
    assert _where("A drone strike in South Waziristan killed three militants.") == [
        ("Khyber Pakhtunkhwa", "South Waziristan")
    ]
    assert _where("Militants stormed a post in Lakki, police said.") == [("Khyber Pakhtunkhwa", "Lakki Marwat")]
    # a division's commissioner speaks for his city
    assert _where("Kalat Division Commissioner Ali Raza confirmed the toll.") == [("Balochistan", "Kalat")]


def test_title_case_dateline_with_the_country_is_where_it_was_filed_not_the_place():
    rows = _rows("""date 2025-03-02
Islamabad, Pakistan – Officials said 12 insurgents were killed in clashes in the southwestern province of Balochistan.
This comes a day after the army said it had killed six militants in separate raids in the same province.
""")
    assert [r[1] for r in rows] == ["Balochistan", "Balochistan"]
    assert all(r[2] is None for r in rows)


# -- places only mentioned: where the wounded were sent, the ends of a route -------------------------


def test_hospital_city_and_route_ends_are_not_the_incident_place():
    assert _where("The critically wounded were later transferred to Karachi for treatment.") == []
    assert _where("Two of the injured were flown to Peshawar by helicopter.") == []
    assert _where("Gunmen stopped two coaches travelling between Quetta and Taftan near Nushki.") == [
        ("Balochistan", "Nushki")
    ]
    assert _where("The bus, plying between Rawalpindi and Gilgit, was hit by a bomb.") == []
    # a clash between tribes of a district is in that district
    assert _where("A land feud between Kurram tribes turned violent.") == [("Khyber Pakhtunkhwa", "Kurram")]
    rows = _rows("""date 2023-11-04
Three soldiers were martyred when militants ambushed their vehicle in Mastung on Friday.
Four wounded soldiers were transferred to Quetta for advanced treatment.
""")
    assert rows == [("2023-11-03", "Balochistan", "Mastung")]


def test_an_event_recalled_as_n_days_before_the_one_told_is_dated_from_it():
    rows = _rows("""date 2022-05-02
A roadside bomb killed two Levies men in Kharan on Saturday.
The bombing came three days after gunmen shot dead a schoolteacher in the same district.
""")
    assert sorted(r[0] for r in rows) == ["2022-04-27", "2022-04-30"]
    rows = _rows("""date 2022-05-02
A grenade attack wounded five shoppers in Turbat on Sunday, police said.
The attack, which took place two days after a policeman was martyred in Turbat, was claimed by no group.
""")
    assert sorted(r[0] for r in rows) == ["2022-04-29", "2022-05-01"]
    # the later event: "two days after the blast, militants attacked ..." opens a sentence of its own day
    from datetime import date

    from analysis.extract.dates import find_dates

    assert find_dates("Two days after the blast, militants attacked a post.", date(2022, 5, 2)) == []


def test_an_undated_event_is_dated_from_the_next_that_counts_days_back_to_it():
    rows = _rows("""date 2021-09-20
A policeman was martyred in Zhob on Sunday, police said.
Some days ago, two Levies men had been killed and one wounded in an ambush near Kharan.
Three days before that attack, on September 9, militants had killed a soldier in Panjgur.
""")
    assert ("2021-09-12", "Balochistan", "Kharan") in rows
    assert ("2021-09-09", "Balochistan", "Panjgur") in rows
    # without "to/than this attack" the count of days says nothing of the event before
    rows = _rows("""date 2021-09-20
Some days ago, two Levies men had been killed and one wounded in an ambush near Kharan.
Three days later, on September 9, militants killed a soldier in Panjgur.
""")
    assert ("2021-09-12", "Balochistan", "Kharan") not in rows


def test_where_a_statement_was_issued_is_not_the_incident_place():
    assert _where("Three soldiers died in an ambush in Kech, the army said in a statement from Rawalpindi.") == [
        ("Balochistan", "Kech")
    ]
    assert _where("Officials said in Peshawar that a drone strike had killed four in Bajaur.") == [
        ("Khyber Pakhtunkhwa", "Bajaur")
    ]
    assert _where("The home minister told a news conference in Karachi that two Rangers men died in Sukkur.") == [
        ("Sindh", "Sukkur")
    ]
    # what was said can name the place
    assert _where("Police said the bomb went off outside a school in Quetta.") == [("Balochistan", "Quetta")]


def test_longer_names_and_womens_names_are_not_shadowed_by_a_district():
    assert _where("Rangers killed two dacoits near Nagar Parkar.") == [("Sindh", "Tharparkar")]
    assert _where("A cracker went off in Mirpur Sakro.") == [("Sindh", "Thatta")]
    assert _where("Neelum Bibi, 40, was wounded by shelling in Kotli.") == [("Azad Jammu and Kashmir", "Kotli")]
    assert _where("Shelling hit villages in the Neelum valley.") == [("Azad Jammu and Kashmir", "Neelum")]
