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
