"""Issue 19, fourth round: rule families that failed on rewrites of real published reports.

Each test is on sentences written for it (never the text of a fixture), in the wordings real
reports use; ``one`` and ``counted`` are those of ``extract_helpers``.
"""

from __future__ import annotations

from tests.analysis.extract_helpers import counted, one


def test_another_with_any_event_noun_starts_an_incident():
    # "shootout", "encounter", "gunfight" start a new incident as "attack" and "operation" do.
    for noun in ("shootout", "encounter", "gunfight", "exchange of fire", "ambush"):
        rows = one(
            "Troops raided a hideout in the Datta Khel area of North Waziristan on Sunday and killed four of the "
            f"terrorists. In another {noun}, two soldiers were martyred and three terrorists were killed in North "
            "Waziristan.",
            published="2025-02-04",
        )
        assert [r[1:4] for r in rows] == [(None, None, 4), (2, None, 3)], noun


def test_men_named_in_separate_sentences_are_each_counted_once():
    rows = one(
        "Security forces raided a compound in Mir Ali, North Waziristan, on Monday and killed five terrorists. "
        "During the raid, Captain Ahmed Raza, 27, embraced martyrdom. Havaldar Gul Zaman, from Swat, also embraced "
        "martyrdom. Captain Raza had led the assault.",
        published="2025-02-04",
    )
    assert [r[1:4] for r in rows] == [(2, None, 5)]


def test_killed_n_of_them_counts_the_militants_told_before():
    found = counted("The troops engaged the terrorists' hideout and killed six of them.")
    assert found == [(6, "militants", "killed")]


def test_a_bare_total_after_were_among_is_of_no_stated_kind():
    found = counted("He said that eight officers were among the 30 wounded.")
    assert found == [(8, "security", "injured"), (30, "unknown", "injured")]
    rows = one(
        "A suicide bomber struck outside a hospital in Dera Ismail Khan on Sunday, killing four police officers. "
        "Eight officers were among the 30 wounded.",
        published="2019-07-22",
    )
    assert rows == [("Dera Ismail Khan", 4, None, None, None, 30, "relative")]


def test_meanwhile_inside_the_sentence_starts_an_incident_and_a_strike_is_an_event():
    rows = one(
        "A bomber attacked a hospital in Quetta on Friday, killing eight people including two policemen. "
        "A suspected drone strike, meanwhile, reportedly killed four alleged militants in the tribal belt. "
        "The strike took place in the Toorkhel area in North Waziristan.",
        published="2010-04-17",
    )
    assert [r[0] for r in rows] == ["Quetta", "North Waziristan"]
    assert [r[1:5] for r in rows] == [(2, None, None, 6), (None, None, 4, None)]


def test_an_area_the_gazetteer_lacks_in_a_one_district_report_is_in_that_district():
    ex = _extract(
        "At least three people were killed in a suicide blast at a hospital in Dera Ismail Khan district on Sunday. "
        "Earlier in the day, two police constables were killed after being shot at by unknown assailants at a "
        "check post in the Kotla Saidan area.",
        published="2019-07-21",
    )
    assert [(c.district, c.event_type, c.killed_security) for c in ex.candidates] == [
        ("Dera Ismail Khan", "attack", None),
        ("Dera Ismail Khan", "attack", 2),
    ]
    assert any("Kotla Saidan" in note for note in ex.candidates[1].review)


def _extract(text: str, published: str):
    from analysis.extract import extract_text

    return extract_text(f"date {published}\n{text}", name="t.txt")
