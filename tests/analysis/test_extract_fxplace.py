"""Places, round 5 (fxplace): usual district names, Islamabad as a district, title-case datelines."""

from __future__ import annotations

from analysis.extract import extract_text
from analysis.extract.places import find_places
from analysis.extract.text import dateline, sentences


def _places(sentence):
    return [(p.province, p.district) for p in find_places(sentence)[0]]


def test_dir_districts_take_their_usual_administrative_name():
    assert _places("Gunmen ambushed a police van in Upper Dir on Tuesday.") == [("Khyber Pakhtunkhwa", "Upper Dir")]
    assert _places("Two constables were shot dead in Dir Lower district.") == [("Khyber Pakhtunkhwa", "Lower Dir")]
    # a locality of the district carries the same name
    assert _places("A bomb went off near a school in Timergara.")[0][1] == "Lower Dir"


def test_islamabad_is_a_district_of_the_capital_territory():
    assert _places("A suicide bomber blew himself up outside the court complex in Islamabad.") == [
        ("Islamabad Capital Territory", "Islamabad")
    ]
    assert _places("Two policemen were wounded in an attack in the Islamabad Capital Territory.") == [
        ("Islamabad Capital Territory", None)
    ]
    # where the wounded were taken is still not the place
    assert _places("The injured were airlifted to a hospital in Islamabad.") == []


def test_title_case_city_with_colon_is_a_dateline():
    body = "date 2024-03-01\n\nPeshawar: Three soldiers were killed in an ambush in Kurram on Friday, officials said.\n"
    texts = [s.text for s in sentences(body) if s.kind == "text"]
    assert texts[0].startswith("Three soldiers")
    assert dateline(body) == "Peshawar"


def test_title_case_dateline_is_not_the_incident_place():
    body = (
        "date 2024-05-10\n\nIslamabad: Five labourers were shot dead by gunmen in Balochistan's Kech district "
        "on Thursday night, police said.\n"
    )
    rows = extract_text(body, name="t/x1").candidates
    assert [(c.province, c.district) for c in rows] == [("Balochistan", "Kech")]


def test_colon_inside_a_sentence_is_not_a_dateline():
    body = "date 2024-05-10\n\nThe police gave the toll: four people were killed in Quetta on Thursday.\n"
    texts = [s.text for s in sentences(body) if s.kind == "text"]
    assert texts[0].startswith("The police gave the toll")
    assert dateline(body) is None


def test_a_place_where_nothing_happened_is_not_a_place():
    assert _places("No attack took place in Islamabad during the month.") == []
    assert _places("Not a single incident was reported in Gwadar this year.") == []
    # only an event is negated: the blast did happen in Quetta
    assert _places("No casualties were reported in the Quetta blast, officials said.") == [("Balochistan", "Quetta")]
    # an event that did happen is kept, even after a negated clause elsewhere
    assert _places("Nobody was hurt, but a bomb exploded in Quetta.") == [("Balochistan", "Quetta")]


def test_agency_code_joined_by_a_hyphen_is_not_a_photo_credit():
    body = "(Wire) KARACHI, Aug 16 (PPI-APP) – Two people were wounded in a blast in Hyderabad, police said."
    assert [s.kind for s in sentences(body)] == ["text"]
    caption = "Mourners carry the coffin of a policeman in Quetta. — AFP"
    assert [s.kind for s in sentences(caption)] == ["caption"]


def test_federal_capital_is_islamabad():
    assert _places("A bomber blew himself up near a police post in the federal capital.") == [
        ("Islamabad Capital Territory", "Islamabad")
    ]


def test_a_landmark_named_after_another_town_is_not_that_town():
    assert _places("An IED went off near Tank Adda, targeting a police van.") == []
    assert _places("Gunmen opened fire on a shop on Kohat Road on Sunday.") == []
    assert _places("A grenade was hurled at a checkpoint near Bannu Gate.") == []
    # the town itself, or the district followed by other words, is still read
    assert _places("Two policemen were shot dead in Tank on Monday.") == [("Khyber Pakhtunkhwa", "Tank")]
    assert _places("Roadside bomb kills three in Kohat district.") == [("Khyber Pakhtunkhwa", "Kohat")]


def test_capitals_dateline_with_a_parenthesised_credit():
    body = (
        "date 2023-05-02\n(@someone)\n\nKOHAT, (Local News Agency - 2nd May, 2023) Two people were killed in a "
        "blast on Tuesday, police said.\n"
    )
    texts = [s.text for s in sentences(body) if s.kind == "text"]
    assert texts[-1].startswith("Two people were killed")
    assert dateline(body) == "Kohat"
    # a parenthesis in running text is not a dateline
    assert dateline("date 2023-05-02\n\nThe Frontier Corps (FC) said two soldiers were killed.\n") is None


def test_an_acronym_with_its_expansion_is_not_a_dateline():
    body = "date 2023-05-02\n\nISPR (Inter-Services Public Relations) said four soldiers were martyred in Kurram.\n"
    assert [s.text for s in sentences(body) if s.kind == "text"][0].startswith("ISPR (Inter-Services")
    assert dateline(body) is None
    assert dateline("date 2023-05-02\n\nPESHAWAR, Pakistan (AP) — A bomb killed two people.\n") == "Peshawar"


def test_unknown_area_after_incidents_in_one_district_takes_that_district():
    body = (
        "date 2024-09-08\n\n"
        "Five terrorists were killed in two clashes in North Waziristan district, the ISPR said on Sunday.\n\n"
        "Troops raided a hideout in general area Mir Ali, killing two terrorists, it said.\n\n"
        "In another engagement, in general area Zwarkandao, soldiers killed three terrorists.\n\n"
        "On Thursday, police killed four militants in an operation in Bannu district.\n"
    )
    rows = {c.killed_militants: c.district for c in extract_text(body, name="t/x2").candidates}
    assert rows.get(3) == "North Waziristan"
    # with no lead district, an unknown area in a two-district report is left for review
    body2 = (
        "date 2024-09-08\n\nTwo policemen were shot dead in Bannu on Saturday.\n\n"
        "Separately, a soldier was killed in an ambush in Lakki Marwat.\n\n"
        "Elsewhere, three labourers were killed in the Zwarkandao area.\n"
    )
    rows2 = {c.killed_total: c.district for c in extract_text(body2, name="t/x3").candidates}
    assert rows2.get(3) is None


def test_named_hospital_and_its_town_is_not_the_place():
    assert _places("A third officer was wounded and later died at Khyber Teaching Hospital, Peshawar.") == []
    assert _places("The injured were shifted to the Combined Military Hospital, Quetta, for treatment.") == []
    # a hospital that was itself the target, named with its town
    assert _places("Gunmen stormed the Civil Hospital, Quetta, on Monday morning.") == [("Balochistan", "Quetta")]


def test_a_district_in_an_officials_title_is_not_the_place():
    assert _places("Kohat Deputy Commissioner Ali Khan told reporters the road had reopened.") == []
    assert (
        _places("Two guards of the Tank Assistant Commissioner were shot dead in Kulachi.")[0][1] == "Dera Ismail Khan"
    )
    # a police officer speaks for his district: kept
    assert _places("Lakki Marwat DPO Nazir Ahmed said two suspects were held.") == [
        ("Khyber Pakhtunkhwa", "Lakki Marwat")
    ]
    # the district followed by its police force, or by a verb, is still the place
    assert _places("Bannu police said two constables were martyred.") == [("Khyber Pakhtunkhwa", "Bannu")]


def test_a_recalled_attack_placed_only_by_its_route_takes_the_routes_province():
    body = (
        "date 2024-08-27\n\nGunmen killed 14 passengers on the highway in Kalat district on Monday, officials said.\n\n"
        "In March, six labourers were killed after armed men stopped their van, which was heading from Gwadar.\n"
    )
    rows = {c.killed_total: (c.province, c.district) for c in extract_text(body, name="t/x4").candidates}
    assert rows.get(6) == ("Balochistan", None)
    # the incident of the report itself is placed by its own district, not by a route
    body2 = (
        "date 2024-08-27\n\nA bus travelling from Quetta was attacked in Kalat on Monday, killing five passengers.\n"
    )
    rows2 = [(c.province, c.district) for c in extract_text(body2, name="t/x5").candidates]
    assert rows2 == [("Balochistan", "Kalat")]
