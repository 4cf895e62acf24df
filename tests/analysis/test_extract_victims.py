"""Victim classification and outcomes on short press-style sentences."""

from __future__ import annotations

from analysis.extract.victims import find_casualties
from tests.analysis.extract_helpers import counted


def test_categories_and_outcomes():
    assert counted("Three FC personnel embraced shahadat and eight khwarij were sent to hell.") == [
        (3, "security", "killed"),
        (8, "militants", "killed"),
    ]
    assert counted("Two Levies men lost their lives while four passers-by were wounded.") == [
        (2, "security", "killed"),
        (4, "civilians", "injured"),
    ]
    assert counted("Police said nine labourers were gunned down.") == [(9, "civilians", "killed")]


def test_wounded_militants_are_injured_not_dead():
    assert counted("Five terrorists were neutralised while three were injured.") == [
        (5, "militants", "killed"),
        (3, "militants", "injured"),
    ]


def test_active_verb_before_the_count():
    assert counted("Troops returned fire, killing six attackers and injuring two others.") == [
        (6, "militants", "killed"),
        (2, "militants", "injured"),
    ]
    assert counted("The explosion killed at least 12 persons and injured 30.") == [
        (12, "unknown", "killed"),
        (30, "unknown", "injured"),
    ]


def test_coordinated_subjects_share_the_verb():
    assert counted("Four soldiers and seven terrorists were killed in the gunfight.") == [
        (4, "security", "killed"),
        (7, "militants", "killed"),
    ]


def test_subsets_are_not_added():
    found = find_casualties("Eleven brave sons of soil, six of them FC soldiers, embraced martyrdom.")
    assert [(m.count, m.subset) for m in found] == [(11, False), (6, True)]
    assert counted("Two of the injured were later discharged.") == []


def test_single_people_and_ranks():
    assert counted("A policeman was martyred and his brother was wounded.") == [
        (1, "security", "killed"),
        (1, "unknown", "injured"),
    ]
    assert counted("Naik Abdul Wahid fought bravely and embraced martyrdom.") == [(1, "security", "killed")]


def test_arrests_are_not_casualties():
    assert counted("Two terrorists were apprehended by the troops.") == []


def test_stated_toll_and_list_of_victims():
    (m,) = find_casualties("The death toll from the ambush has risen to 14.")
    assert (m.count, m.toll, m.outcome) == (14, True, "killed")
    found = counted("Among those killed were PPP district leader Ali Khan and Rahim.")
    assert found == [(1, "civilians", "killed"), (1, "unknown", "killed")]


def test_reference_back_to_counted_people():
    assert counted("The drivers were later shot dead.", referents={"drivers": 4}) == [(4, "civilians", "killed")]


def test_bare_number_of_them_takes_its_antecedent():
    assert counted("Troops stormed the hideout and killed five of them.", antecedent="militants") == [
        (5, "militants", "killed")
    ]


def test_operation_without_verb_is_assumed_killed_and_flagged():
    (m,) = find_casualties("At least six terrorists in two operations in Kech, the ISPR said.")
    assert (m.count, m.category, m.outcome, m.assumed) == (6, "militants", "killed", True)


def test_victim_word_used_as_a_modifier_is_not_a_victim():
    assert counted("Gunmen fired on a passenger coach, killing two drivers.") == [(2, "civilians", "killed")]
    assert counted("Three foreign nationals were wounded.") == [(3, "civilians", "injured")]


def test_possessive_with_a_singular_victim_counts_one():
    assert counted("The blast killed three engineers and their driver.") == [
        (3, "civilians", "killed"),
        (1, "civilians", "killed"),
    ]
