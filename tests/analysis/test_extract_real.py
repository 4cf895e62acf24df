"""Issue 19, fourth round: rule families that failed on rewrites of real published reports.

Each test is on sentences written for it (never the text of a fixture), in the wordings real
reports use; ``_one`` and ``_counted`` are those of ``test_extract_generalise``.
"""

from __future__ import annotations

from tests.analysis.test_extract_generalise import _counted, _one


def test_another_with_any_event_noun_starts_an_incident():
    # "shootout", "encounter", "gunfight" start a new incident as "attack" and "operation" do.
    for noun in ("shootout", "encounter", "gunfight", "exchange of fire", "ambush"):
        rows = _one(
            "Troops raided a hideout in the Datta Khel area of North Waziristan on Sunday and killed four of the "
            f"terrorists. In another {noun}, two soldiers were martyred and three terrorists were killed in North "
            "Waziristan.",
            published="2025-02-04",
        )
        assert [r[1:4] for r in rows] == [(None, None, 4), (2, None, 3)], noun


def test_men_named_in_separate_sentences_are_each_counted_once():
    rows = _one(
        "Security forces raided a compound in Mir Ali, North Waziristan, on Monday and killed five terrorists. "
        "During the raid, Captain Ahmed Raza, 27, embraced martyrdom. Havaldar Gul Zaman, from Swat, also embraced "
        "martyrdom. Captain Raza had led the assault.",
        published="2025-02-04",
    )
    assert [r[1:4] for r in rows] == [(2, None, 5)]


def test_killed_n_of_them_counts_the_militants_told_before():
    found = _counted("The troops engaged the terrorists' hideout and killed six of them.")
    assert found == [(6, "militants", "killed")]
