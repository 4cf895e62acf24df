"""Issue 19, seventh round (cntE): exact counts and victim categories, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``_one`` and ``_counted`` are those of ``test_extract_generalise``.
"""

from __future__ import annotations

from tests.analysis.test_extract_generalise import _counted


def test_both_after_a_pair_told_before_is_that_pair():
    # "both assailants" refers back to the two gunmen who open the sentence: two militants, not four.
    killed = [
        c
        for c in _counted(
            "Two gunmen opened fire on a police picket in Peshawar late on Sunday, sparking a gunfight that "
            "killed a constable and both attackers, officials said."
        )
        if c[2] == "killed"
    ]
    assert sum(c[0] for c in killed if c[1] == "militants") == 2
    assert sum(c[0] for c in killed if c[1] == "security") == 1
    # With no pair told before, "both" is still two.
    assert _counted("Both soldiers were martyred on the spot.") == [(2, "security", "killed")]


def test_deaths_among_the_wounded_take_the_noun_they_name():
    # One rule for "N of the injured died" and "N more injured died": a noun gives the kind.
    assert _counted("Two more injured soldiers died in the CMH overnight.") == [(2, "security", "killed")]
    assert _counted("Three of the wounded policemen later succumbed.") == [(3, "security", "killed")]
    # "more" with no noun is of no stated kind.
    assert _counted("Two more of the injured expired on Sunday.") == [(2, "unknown", "killed")]
