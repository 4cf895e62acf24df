"""Places through the gazetteer: districts, localities, and names that are not the incident's place."""

from __future__ import annotations

import csv

from analysis._assets import data_file
from analysis.extract.places import find_places
from analysis.gazetteer import find_district, find_locality, find_province, localities, resolve_province


def _districts(sentence):
    return [p.district for p in find_places(sentence)[0] if p.district]


def test_localities_resolve_to_their_district():
    for name, district in [
        ("Mangocher", "Kalat"),
        ("Tirah", "Khyber"),
        ("Gomal Zam", "South Waziristan"),
        ("Spinwam", "North Waziristan"),
        ("Daraban", "Dera Ismail Khan"),
        ("Darazinda", "Dera Ismail Khan"),
        ("Kolachi", "Dera Ismail Khan"),
        ("Dasu", "Upper Kohistan"),
        ("Chilas", "Diamer"),
        ("Turbat", "Kech"),
        ("Dalbandin", "Chagai"),
        ("Bolan", "Kachhi"),
    ]:
        assert find_locality(name).district == district, name


def test_every_locality_points_to_a_district_of_its_province():
    with open(data_file("gazetteer", "localities.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(localities()) > 40
    for r in rows:
        d = find_district(r["district"])
        assert d is not None, r
        assert d.province == r["province"] == resolve_province(r["province"])


def test_district_rows_keep_the_columns_and_valid_provinces():
    with open(data_file("gazetteer", "districts.csv"), encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["district", "province", "latitude", "longitude", "aliases"]
        rows = list(reader)
    names = [r["district"] for r in rows]
    assert len(names) == len(set(names))
    for r in rows:
        assert find_province(r["province"]) is not None
        assert 23 < float(r["latitude"]) < 37.5 and 60.5 < float(r["longitude"]) < 78


def test_place_in_sentence():
    assert _districts("Troops raided a hideout in the Spinwam area of North Waziristan.") == [
        "North Waziristan",
        "North Waziristan",
    ]
    (p,) = [x for x in find_places("Two soldiers died in the Mangocher area.")[0]]
    assert (p.locality, p.district, p.province) == ("Mangocher", "Kalat", "Balochistan")


def test_origins_destinations_and_people_are_not_incident_places():
    assert _districts("The wounded were shifted to the Kalat district hospital.") == []
    assert _districts("Two critically injured men were airlifted to a hospital in Peshawar.") == []
    assert _districts("The sepoy, a resident of District Jhang, was buried at home.") == []
    assert _districts("The victims belonged to Wazirabad, Gujranwala and Jhang.") == []
    assert _districts("Deputy Commissioner Habibullah Musakhel said the road was shut.") == []
    assert _districts("The lorry was Parachinar-bound when it was stopped.") == []
    assert _districts("Labourers from Punjab were shot near Turbat.") == ["Kech"]


def test_unknown_area_is_listed_not_guessed():
    places, unresolved = find_places("The post in the Zangi Nawar area came under fire.")
    assert places == [] and [p.text for p in unresolved] == ["Zangi Nawar"]


def test_one_letter_misspelling_before_district_is_matched_and_flagged():
    (p,) = find_places("Attacks hit Labela district overnight.")[0]
    assert p.district == "Lasbela" and p.fuzzy
