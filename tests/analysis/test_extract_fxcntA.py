"""Round 5 (fxcntA): exact casualty counts on short press-style sentences written for these rules."""

from __future__ import annotations

from analysis.extract.victims import find_casualties
from tests.analysis.extract_helpers import counted


def test_named_men_in_a_semicolon_list_share_the_verb():
    s = (
        "Havildar Gul Zaman, 41, of Swat; Naik Aftab Ali, 29, of Attock; and Sepoy Rehmat Ullah, 22, "
        "of Kohat, fought bravely and embraced shahadat."
    )
    assert counted(s) == [(1, "security", "killed")] * 3
    # Negative: a semicolon closing a clause with its own verb keeps the verbs apart.
    s = "Sepoy Amjad Khan was injured; Naik Bilal Shah embraced shahadat."
    assert counted(s) == [(1, "security", "injured"), (1, "security", "killed")]


def test_one_personnel_after_an_article():
    assert counted("Two policemen and a Frontier Corps (FC) personnel lost their lives in the ambush.") == [
        (2, "security", "killed"),
        (1, "security", "killed"),
    ]
    # Negative: "their personnel" gives no count.
    assert counted("Officials said their personnel were not harmed in the blast that killed two passers-by.") == [
        (2, "civilians", "killed")
    ]


def test_part_between_dashes_is_a_subset():
    s = "Six insurgents — among them a wanted commander — were killed in the raid in Kurram."
    assert counted(s) == [(6, "militants", "killed")]
    s = "Two soldiers embraced shahadat and 11 terrorists – including two suicide bombers – were killed."
    assert counted(s) == [(2, "security", "killed"), (11, "militants", "killed")]


def test_quoted_militant_verb_before_the_count():
    assert counted('The military said troops "sent to hell" seven khwarij in the follow-up operation.') == [
        (7, "militants", "killed")
    ]
    # Negative: a verb that is not adjacent to the count does not take it.
    assert counted('Troops "sent to hell" the attackers, and three soldiers were injured.') == [
        (3, "security", "injured")
    ]


def test_female_relatives_are_civilians():
    assert counted("The gunmen shot dead a lawyer and his wife outside their home.") == [
        (1, "civilians", "killed"),
        (1, "civilians", "killed"),
    ]
    # Negative: a son stays of unknown kind.
    assert counted("A shopkeeper and his son were killed.") == [(1, "civilians", "killed"), (1, "unknown", "killed")]


def test_active_verb_of_a_new_clause_goes_to_the_next_count():
    s = "The shell hit a house, killing a farmer, Noor Ali, and his daughter, and injuring five others."
    assert counted(s) == [(1, "civilians", "killed"), (1, "civilians", "killed"), (5, "civilians", "injured")]
    # Negative: without a comma the verb after the count is its own.
    assert counted("Three labourers injured in the blast were shifted to hospital.") == [(3, "civilians", "injured")]


def test_part_named_before_among_them():
    s = "The army said five of its soldiers, a captain among them, were martyred in the ambush."
    assert counted(s) == [(5, "security", "killed")]
    # A category for part of an unclassified total is taken out of it (as with "including").
    s = "Nine people, a Levies sepoy among them, died when the bomb went off."
    assert counted(s) == [(9, "unknown", "killed"), (1, "security", "killed")]


def _row(text):
    from analysis.extract import candidates_frame, extract_text

    frame = candidates_frame([extract_text(text, name="t/x01.txt")])
    assert len(frame) == 1
    return frame.iloc[0]


def test_lead_total_that_includes_the_attackers_killed():
    text = (
        "date 2024-05-04\nurl https://example.org/x\n"
        "At least 12 people were killed when gunmen attacked a passenger van in Kurram district on Friday. "
        "Officials said 10 people, including two women, died in the attack on the van. "
        "Police returned fire and killed two of the attackers.\n"
    )
    row = _row(text)
    assert (row.killed_civilians, row.killed_militants, row.killed_unknown) == (2, 2, 8)
    # Negative: a lead total that is not the later total plus the attackers is kept.
    text = text.replace("At least 12 people", "At least 11 people")
    row = _row(text)
    assert row.killed_unknown == 9


def test_victim_word_as_modifier_of_attack_or_group():
    s = "Levies foiled a militant attack on their post and killed two insurgents."
    assert counted(s) == [(2, "militants", "killed")]
    s = "An extremist group claimed the blast in which a soldier was martyred."
    assert counted(s) == [(1, "security", "killed")]
    # Negative: the noun itself is still a victim.
    assert counted("A terrorist was killed in the exchange of fire.") == [(1, "militants", "killed")]


def test_lower_case_rank_and_police_chief_title():
    assert counted("Police constable Sher Zaman was martyred while guarding the checkpoint.") == [
        (1, "security", "killed")
    ]
    # Negative: the provincial police chief paying tribute is no victim.
    s = "Inspector General (IG) Akhtar Hayat paid tribute to the martyred Constable Sher Zaman."
    assert counted(s) == [(1, "security", "killed")]


def test_of_whom():
    assert counted("Police are chasing the other raiders, three of whom were wounded.") == [(3, "unknown", "injured")]
    # With a noun it names part of the count before it, not more people.
    assert counted("Eleven people died, four of whom were soldiers.") == [
        (11, "unknown", "killed"),
        (4, "security", "killed"),
    ]


def test_participle_before_the_noun():
    assert counted("The bodies of the four martyred soldiers were flown to their home towns.") == [
        (4, "security", "killed")
    ]
    assert counted("The three wounded labourers were taken to hospital, while two gunmen were killed.") == [
        (3, "civilians", "injured"),
        (2, "militants", "killed"),
    ]
    # Negative: a participle that is not followed by a victim noun is no such count.
    assert counted("Four injured in the blast were shifted to hospital.") == [(4, "unknown", "injured")]
    assert counted("Six soldiers were martyred and two injured when militants attacked the post.") == [
        (6, "security", "killed"),
        (2, "security", "injured"),
    ]


def test_victim_word_as_modifier_is_no_antecedent():
    # The bare "29 dead" is of no stated kind: "terrorist" only qualifies "attack".
    found = find_casualties("The minister said the terrorist attack left 29 dead.")
    assert [(m.count, m.category, m.outcome) for m in found] == [(29, "unknown", "killed")]


def test_put_the_toll_at():
    found = find_casualties("Officials put the death toll of the bombing at no fewer than 17.", antecedent="civilians")
    assert [(m.count, m.category, m.outcome, m.toll) for m in found] == [(17, "unknown", "killed", True)]
    found = find_casualties('The governor put the toll of the "cowardly attack" at 9 dead.', antecedent="civilians")
    assert [(m.count, m.category, m.toll) for m in found] == [(9, "unknown", True)]
    # Negative: "put" without a toll is no toll.
    assert not [m for m in find_casualties("Police put the number plate of the car at 12 digits.") if m.toll]


def test_bare_count_without_an_outcome_in_its_clause():
    s = "Some 820 raids were conducted this year, of which 610 were search operations, officials said."
    assert find_casualties(s, antecedent="militants") == []
    # Negative: a bare count with its verb in the clause is counted.
    assert counted("Four soldiers were martyred and three were wounded.") == [
        (4, "security", "killed"),
        (3, "security", "injured"),
    ]


def test_suicide_bomber_counted_only_when_the_text_counts_him():
    assert counted("Three policemen were martyred; the explosion also killed a would-be suicide bomber.") == [
        (3, "security", "killed"),
        (1, "militants", "killed"),
    ]
    # Negative: the bomber who blew himself up is not counted.
    assert counted("A suicide bomber detonated his vest at the gate, killing four policemen.") == [
        (4, "security", "killed")
    ]


def test_a_dozen_is_a_count_dozens_is_vague():
    assert counted("The blast wounded nearly a dozen passers-by.") == [(12, "civilians", "injured")]
    assert counted("Half a dozen Levies men were injured.") == [(6, "security", "injured")]
    # Negative: "dozens" stays vague.
    assert counted("Dozens of people were injured in the stampede.") == []


def test_civil_officers_named_with_their_title_are_civilians():
    s = (
        "The roadside bomb killed four people, including Mamund Assistant Commissioner Rashid Ali and "
        "Tehsildar Gul Muhammad, and wounded nine others."
    )
    found = [(m.count, m.category, m.outcome) for m in find_casualties(s) if not m.subset]
    assert found == [
        (4, "unknown", "killed"),
        (1, "civilians", "killed"),
        (1, "civilians", "killed"),
        (9, "unknown", "injured"),
    ]
    # Negative: the officer who speaks is no victim.
    assert counted("Deputy Commissioner Sajid Khan said three labourers were shot dead.") == [
        (3, "civilians", "killed")
    ]


def test_another_standing_for_a_person():
    assert counted("A Levies sepoy was shot dead at the post and another was injured.") == [
        (1, "security", "killed"),
        (1, "security", "injured"),
    ]
    # Negative: "another" before a noun or without a casualty verb adds no count of its own.
    assert counted("Another was the attack on the school in Bannu.") == []


def test_bare_count_that_sustained_injuries():
    assert counted("Two passengers were killed, while nine others sustained injuries.") == [
        (2, "civilians", "killed"),
        (9, "civilians", "injured"),
    ]
    assert counted("Three people died and 14 suffered burns and injuries.") == [
        (3, "unknown", "killed"),
        (14, "unknown", "injured"),
    ]
    # Negative: a bare count that received something else is no casualty.
    assert counted("Two soldiers died and four received gallantry awards.") == [(2, "security", "killed")]


def test_died_among_them():
    s = "Eight people died, among them three Levies personnel."
    assert counted(s) == [(8, "unknown", "killed"), (3, "security", "killed")]


def test_attackers_counted_among_the_dead():
    text = (
        "date 2024-05-04\nurl https://example.org/x\n"
        "Nine people, including the suicide bomber, were killed as a blast hit a bazaar in Bannu district on Friday.\n"
    )
    row = _row(text)
    assert (row.killed_militants, row.killed_unknown) == (1, 8)
    text = text.replace("the suicide bomber", "two attackers")
    row = _row(text)
    assert (row.killed_militants, row.killed_unknown) == (2, 7)
    # Negative: a bomber who is not said to be among the dead is not counted.
    text = (
        "date 2024-05-04\nurl https://example.org/x\n"
        "A suicide bomber blew himself up in a market in Bannu district on Friday, killing nine people.\n"
    )
    row = _row(text)
    assert pd_isna(row.killed_militants) and row.killed_unknown == 9


def pd_isna(value):
    import pandas as pd

    return bool(pd.isna(value))


def test_all_n_of_them_refers_to_the_subject():
    assert counted("The infiltrators, all six of them, were killed by the troops.") == [(6, "militants", "killed")]
    # Negative: "a guard of honour" is no victim; a bodyguard, no force named, is of no stated kind
    # (README rule 7 names the forces; final4 v04 CODING.md: "personal bodyguards" not security).
    assert counted("A guard of honour was presented after the minister's bodyguard was shot dead.") == [
        (1, "unknown", "killed")
    ]


def test_the_injured_included_is_not_the_outcome_of_the_count_before():
    s = "The dead included three Levies men, while the injured included two shepherds."
    assert counted(s) == [(3, "security", "killed")]
    # Negative: a plain verb after the count is still its outcome.
    assert counted("Three Levies men were injured, officials said.") == [(3, "security", "injured")]


def test_a_colleague_is_a_victim_of_no_stated_kind():
    assert counted("A constable was martyred and his colleague was injured.") == [
        (1, "security", "killed"),
        (1, "unknown", "injured"),
    ]
    # Negative: a colleague who speaks is no victim.
    assert counted("A colleague said two traders were shot dead.") == [(2, "civilians", "killed")]


def test_hard_wrapped_line_goes_on_in_the_next():
    from analysis.extract.text import sentences

    body = "QUETTA: Two Levies men were martyred and three attackers\nwere killed in the gunfight.\nNext paragraph."
    found = [(s.kind, s.text) for s in sentences(body)]
    assert found[0] == ("text", "Two Levies men were martyred and three attackers were killed in the gunfight.")
    # Negative: a headline followed by a capitalised line stays a headline.
    found = [(s.kind, s.text) for s in sentences("Blast in Quetta\nTwo people were injured.")]
    assert found == [("headline", "Blast in Quetta"), ("text", "Two people were injured.")]


def test_all_security_men_unharmed_is_an_explicit_zero():
    found = find_casualties("Officials said all the Levies personnel escaped unhurt.")
    assert [(m.count, m.category, m.outcome) for m in found] == [(0, "security", "killed")]
    # Negative: passengers who were safe give no security figure.
    assert find_casualties("All the passengers remained safe.") == []


def test_updated_number_of_injured():
    assert counted("By night the number of wounded had climbed to 52.") == [(52, "unknown", "injured")]
    assert counted("The toll reached nine, and the number of the injured rose to 31.") == [
        (9, "unknown", "killed"),
        (31, "unknown", "injured"),
    ]
    # Negative: the number of a thing other than the injured is no count.
    assert counted("The number of checkposts rose to 12 after the attack.") == []


def test_injured_who_later_died_are_added_under_a_toll():
    text = (
        "date 2024-05-04\nurl https://example.org/x\n"
        "Two policemen were martyred and six were injured when militants attacked a checkpost in Tank district "
        "on Friday. One of the wounded policemen later died in hospital, taking the death toll to three.\n"
    )
    row = _row(text)
    assert (row.killed_security, row.injured_total) == (3, 6)
    # Negative: "two of the injured were shifted" adds no deaths.
    assert counted("Two of the injured were shifted to Peshawar.") == []


def test_more_security_nouns():
    assert counted("Two CTD men and a traffic warden were martyred.") == [
        (2, "security", "killed"),
        (1, "security", "killed"),
    ]
    assert counted("Two members of the bomb disposal squad were injured.") == [(2, "security", "injured")]
    # Negative: members of a family are not security.
    assert counted("Two members of a family were injured.") != [(2, "security", "injured")]
