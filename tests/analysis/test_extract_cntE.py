"""Issue 19, seventh round (cntE): exact counts and victim categories, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``one`` and ``counted`` are those of ``extract_helpers``.
"""

from __future__ import annotations

from tests.analysis.extract_helpers import assert_linear, counted, one


def test_both_after_a_pair_told_before_is_that_pair():
    # "both assailants" refers back to the two gunmen who open the sentence: two militants, not four.
    killed = [
        c
        for c in counted(
            "Two gunmen opened fire on a police picket in Peshawar late on Sunday, sparking a gunfight that "
            "killed a constable and both attackers, officials said."
        )
        if c[2] == "killed"
    ]
    assert sum(c[0] for c in killed if c[1] == "militants") == 2
    assert sum(c[0] for c in killed if c[1] == "security") == 1
    # With no pair told before, "both" is still two.
    assert counted("Both soldiers were martyred on the spot.") == [(2, "security", "killed")]


def test_deaths_among_the_wounded_take_the_noun_they_name():
    # One rule for "N of the injured died" and "N more injured died": a noun gives the kind.
    assert counted("Two more injured soldiers died in the CMH overnight.") == [(2, "security", "killed")]
    assert counted("Three of the wounded policemen later succumbed.") == [(3, "security", "killed")]
    # "more" with no noun is of no stated kind.
    assert counted("Two more of the injured expired on Sunday.") == [(2, "unknown", "killed")]


def test_a_victim_named_in_full_then_shorter_is_one_man():
    # Police copy names the man by post, in full, then by first name: one SHO killed.
    rows = one(
        "SHO Kohat Cantonment Police was shot dead by unknown gunmen in Kohat on Monday. SHO Tariq Mehmood was "
        "fired upon and killed near his home. The attackers fled, leaving SHO Tariq dead on the spot."
    )
    assert [r[1:6] for r in rows] == [(1, None, None, None, None)]
    # ISPR style: the rank and surname later stand for the man named in full before.
    rows = one(
        "Major Hamza Israr embraced shahadat in an exchange of fire in North Waziristan on Sunday. Major "
        "Israr had led the troops from the front."
    )
    assert [r[1:6] for r in rows] == [(1, None, None, None, None)]
    # Two men who share a surname are two, told in one sentence or in two.
    rows = one(
        "Sepoy Ali Khan was martyred in an IED blast in Kurram on Friday. Naik Gul Khan also embraced "
        "shahadat in the blast."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_private_guards_are_civilians_and_bodyguards_of_no_stated_kind():
    # Wire copy: guards of a building or a firm are not a state force; a stated civilian role.
    assert counted("Gunmen stormed the bank, killing three security guards and a police constable.") == [
        (3, "civilians", "killed"),
        (1, "security", "killed"),
    ]
    assert counted("A private security guard escorting the engineers died of his wounds.") == [
        (1, "civilians", "killed")
    ]
    assert counted("A watchman of the school was shot dead.") == [(1, "civilians", "killed")]
    # A leader's personal bodyguards: no force and no civilian role stated.
    assert counted("The tribal elder and his two bodyguards were martyred in the blast.")[-1] == (
        2,
        "unknown",
        "killed",
    )
    # Negative: a guard with a force named, or a policeman's guard, stays security.
    assert counted("Two police guards of the judge were injured.") == [(2, "security", "injured")]
    assert counted("The SHO's guard embraced martyrdom.") == [(1, "security", "killed")]


def test_a_peace_committee_member_is_a_civilian():
    # Local copy: members and heads of peace committees (aman committees, village defence
    # committees) are private men with a stated civilian role, not a state force.
    assert counted("A member of the local aman committee was gunned down near his house in Tank.") == [
        (1, "civilians", "killed")
    ]
    assert counted("Peace committee chief Malik Noor Khan and two of his companions were injured.")[0] == (
        1,
        "civilians",
        "injured",
    )
    rows = one(
        "A roadside bomb killed six people in Wana, South Waziristan on Monday, including the head of the "
        "village defence committee, Haji Gul."
    )
    assert [r[1:6] for r in rows] == [(None, 1, None, 5, None)]
    # Negative: a committee member who speaks is the source, not a victim.
    assert counted("A peace committee member said two soldiers were martyred in the attack.") == [
        (2, "security", "killed")
    ]


def test_men_named_in_apposition_are_each_counted_once():
    # A civilian named after "a <role>," is one man; another of his kind named in another sentence is a second.
    rows = one(
        "The head of the local peace committee, Gul Zaman, was shot dead in Bannu on Friday. A passer-by, "
        "Sher Ali, was also killed in the firing."
    )
    assert [r[1:6] for r in rows] == [(None, 2, None, None, None)]
    # The same man named twice is one.
    rows = one(
        "A passer-by, Sher Ali, was killed when militants fired on a police van in Bannu on Friday. Police "
        "said a passer-by, Sher Ali, died on the spot."
    )
    assert [r[1:6] for r in rows] == [(None, 1, None, None, None)]


def test_both_of_them_with_its_own_verb_is_the_pair_told_before():
    # The pair is of the kind told with it, not of the subject that killed them.
    assert counted(
        "Two suicide-bombers tried to storm the compound but the policemen on guard shot both of them dead."
    ) == [(2, "militants", "killed")]
    assert counted("Two militants fired on the check post; the soldiers returned fire, killing both of them.") == [
        (2, "militants", "killed")
    ]
    assert counted("Gunmen fired at two labourers on the road and both of them were injured.") == [
        (2, "civilians", "injured")
    ]
    # Negative: "both of them" with no verb of its own, or "shot" with no "dead", adds nobody.
    assert counted("Two soldiers were martyred, both of them from Swat.") == [(2, "security", "killed")]
    assert counted("Two robbers entered the shop and the guard shot both of them.") == []


def test_a_name_told_in_another_order_is_the_same_man():
    rows = one(
        "Constable Samad Khan embraced martyrdom when terrorists fired on a police van in Tank on Friday. The "
        "police chief paid tribute to constable Abdul Samad."
    )
    assert [r[1:6] for r in rows] == [(1, None, None, None, None)]
    # Negative: names that share only a common part ("Khan", "Muhammad") are two men.
    rows = one(
        "Sepoy Muhammad Riaz embraced shahadat in an IED blast in Kurram on Friday. Sepoy Muhammad Tariq also "
        "embraced shahadat in the blast."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, None)]


def test_a_force_named_before_its_men_is_security():
    assert counted("A naval official and a coast guard member were among those killed.") == [
        (1, "security", "killed"),
        (1, "security", "killed"),
    ]
    assert counted("Two army officers and a Levies official were injured in the ambush.") == [
        (2, "security", "injured"),
        (1, "security", "injured"),
    ]
    assert counted("Three air force personnel embraced shahadat.") == [(3, "security", "killed")]
    # Negative: an official of no force is of no stated kind; an official who speaks is no victim.
    assert counted("An official was killed in the blast.") == [(1, "unknown", "killed")]
    assert counted("A navy official said two workers were injured.") == [(2, "civilians", "injured")]


def test_the_injured_told_with_another_and_companions():
    # "killing one X and injuring another along with two Y": the companions share "injuring".
    assert counted(
        "Gunmen attacked a road construction camp, killing one FC soldier and injuring another along with "
        "three labourers, officials said."
    ) == [(1, "security", "killed"), (1, "security", "injured"), (3, "civilians", "injured")]
    assert counted("The blast martyred a constable and wounded another together with a passer-by.")[1:] == [
        (1, "security", "injured"),
        (1, "civilians", "injured"),
    ]
    # Negative: "another" before a noun is that noun's count, not a second bare "another".
    assert counted("One soldier was martyred and another soldier was injured.") == [
        (1, "security", "killed"),
        (1, "security", "injured"),
    ]


def test_lives_lost_with_an_adjective_are_deaths():
    assert counted("Two innocent children playing nearby lost their precious lives.") == [(2, "civilians", "killed")]
    assert counted("Three labourers lost their young lives in the attack.") == [(3, "civilians", "killed")]
    # Negative: "lives" that were not lost are no deaths.
    assert counted("The guards saved the precious lives of the passengers.") == []


def test_an_attacker_whose_death_is_told_is_counted():
    assert counted("The suicide bomber was killed on the spot while an accomplice was shot dead by the guards.") == [
        (1, "militants", "killed"),
        (1, "militants", "killed"),
    ]
    assert counted("The attacker had been gunned down before he could reach the gate.") == [(1, "militants", "killed")]
    assert counted("A facilitator of the bombers was killed in the raid.") == [(1, "militants", "killed")]
    # Negative: a bomber who only blows himself up is not counted (README rule 7).
    assert counted("The suicide bomber blew himself up near the gate, killing two policemen.") == [
        (2, "security", "killed")
    ]


def test_a_man_among_the_militants_killed_is_one_of_their_count():
    rows = one(
        "Security forces killed five terrorists in an operation in Tank district on Monday, the ISPR said. "
        "A wanted TTP commander, Gul Wazir, was among the terrorists killed in the operation."
    )
    assert [r[1:6] for r in rows] == [(None, None, 5, None, None)]
    # Negative: a policeman among the people killed is a part of the dead told (his kind stated).
    rows = one("Six people were killed in a blast in Quetta on Monday. A policeman was among the dead.")
    assert [r[1:6] for r in rows] == [(1, None, None, 5, None)]


def test_the_injured_who_died_of_their_wounds_are_counted_as_dead_only():
    # Police copy: the one injured man later died; the lead's seven are all dead, no one injured.
    rows = one(
        "Seven policemen were martyred when a bomb hit their van in Lakki Marwat on Friday. Six died on the "
        "spot, while one constable was critically injured. The injured constable later succumbed to his "
        "wounds at the hospital."
    )
    assert [r[1:6] for r in rows] == [(7, None, None, None, None)]
    # ISPR: three injured, two of them died despite treatment; one injured is left.
    rows = one(
        "Terrorists fired on a check post in Chilas on Friday. The firing left three soldiers injured. Despite "
        "immediate medical aid, Havaldar Gul Nawaz and Sepoy Imran Ali embraced shahadat."
    )
    assert [r[1:6] for r in rows] == [(2, None, None, None, 1)]
    # A count with its own clause: "the four soldiers who were wounded earlier had died".
    assert counted("The four soldiers who were wounded earlier in the clash later died in hospital.") == [
        (4, "security", "killed")
    ]
    # "One of them ... later succumbed": one of the wounded told before.
    rows = one(
        "A grenade thrown at a shop in Lyari, Karachi on Monday wounded seven people. One of them, a "
        "vegetable seller, was in a critical condition and later succumbed to his injuries."
    )
    assert [r[1:6] for r in rows] == [(None, None, None, 1, 6)]
    # Negative: a toll raised as "two of the injured died" keeps the injured told (older codings).
    rows = one(
        "A grenade attack on a shop in Quetta on Saturday wounded 12 people. Two of the injured died in "
        "hospital on Sunday, raising the death toll to two."
    )
    assert [r[5] for r in rows] == [12]


def test_a_victim_whose_age_makes_him_a_child_is_a_civilian():
    assert counted("Gunmen shot dead a tribal elder and his grandson Bilal (8) in the village.")[-1] == (
        1,
        "civilians",
        "killed",
    )
    assert counted("A man aged 11 was injured when the mortar shell landed near his house.") == [
        (1, "civilians", "injured")
    ]
    # Negative: an adult's age tells no kind.
    assert counted("His nephew Gul Rehman, 34, was also killed.") == [(1, "unknown", "killed")]


def test_a_participle_before_the_noun_is_the_outcome_of_that_man():
    assert counted("The officer carried a wounded soldier to cover before returning fire and killing an attacker.") == [
        (1, "security", "injured"),
        (1, "militants", "killed"),
    ]
    assert counted("A critically injured constable was shifted to Peshawar.") == [(1, "security", "injured")]
    # Negative: an injured man who died is dead.
    assert counted("An injured policeman later died in hospital.") == [(1, "security", "killed")]


def test_wire_tolls_with_anonymous_sources_and_paired_forces():
    # Reuters style: the officials who speak are sources; "approximately 10 police and security
    # personnel, as well as 11 civilians" are the dead.
    assert counted(
        "Three security officials, speaking to Reuters on condition of anonymity, said the raids led to the "
        "deaths of approximately 12 police and FC personnel, as well as nine civilians."
    ) == [(12, "security", "killed"), (9, "civilians", "killed")]
    assert counted("The ambush killed about six Levies and police men, as well as two drivers.") == [
        (6, "security", "killed"),
        (2, "civilians", "killed"),
    ]
    # Negative: officials who speak, with no toll of their own, are no victims.
    assert counted("Two police officials, who requested anonymity, said the blast was caused by a bomb.") == []


def test_the_round_7_rules_stay_linear_in_a_long_sentence():
    assert_linear(
        (
            "gunmen killed one soldier and injured another along with two labourers, and both of them were injured, ",
            "the injured constable later succumbed, his son Ali (5) and a passer-by, Sher Ali, were killed, ",
            "a member of the peace committee and a naval official were among the militants killed, ",
        )
    )
