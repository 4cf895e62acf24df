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
