"""Issue 19, fourth round (fxprec): precision and the filters, on sentences written for each rule.

Each test is on new sentences in the wordings real reports use (never the text of a fixture);
``one`` is that of ``extract_helpers``.
"""

from __future__ import annotations

from tests.analysis.extract_helpers import one


def test_a_feud_or_land_dispute_told_as_background_does_not_make_an_attack_a_crime():
    # The region's disputes are described, not given as the motive of these killings.
    rows = one(
        "Gunmen opened fire on a line of passenger coaches near Sadda in Kurram district on Monday, killing "
        "nine people. The valley has a long history of land disputes between rival tribes, and family feuds "
        "are common there.",
        published="2025-01-14",
    )
    assert rows == [("Kurram", None, None, None, 9, None, "relative")]
    # Sectarian violence is an armed conflict, whatever feud lies behind it.
    rows = one(
        "At least six people were killed in sectarian clashes over a land dispute in Kurram district on Friday.",
        published="2025-01-18",
    )
    assert [r[0] for r in rows] == ["Kurram"]


def test_a_motive_tied_to_the_killing_still_marks_a_crime():
    assert one("A shopkeeper was shot dead over an old enmity in Mardan on Tuesday, police said.") == []
    assert one("Two brothers were gunned down in a dispute over property in Charsadda on Sunday.") == []
    assert one("A trader was killed by robbers who stormed his shop in Peshawar on Monday.") == []
    assert one("A man was shot dead by his cousins in Swat on Sunday, police said, citing a land dispute.") == []


def test_an_armed_attack_in_which_no_one_was_hurt_is_still_an_event():
    # Shots exchanged or an attack beaten back: an armed event, even with everyone safe.
    rows = one(
        "Militants attacked a Levies post in the Dasht area of Mastung on Wednesday night. The personnel "
        "returned fire and the attackers fled; all the men at the post remained safe.",
        published="2025-03-13",
    )
    assert rows == [("Mastung", None, None, None, None, None, "relative")]
    rows = one("Police repulsed an attack on a checkpoint in Bannu on Sunday; no one was hurt.", published="2025-03-11")
    assert [r[0] for r in rows] == ["Bannu"]
    # Arson, a cracker and a bomb made safe, with no one hurt, are not incidents.
    assert one("Unknown men set fire to a girls' school in Kech on Monday; no one was hurt.") == []
    assert one("A bomb planted near a bridge in Tank was defused on Monday.") == []


def test_an_aside_elsewhere_that_only_refers_back_to_the_attack_is_not_an_incident():
    rows = one(
        "Eleven people were killed and 40 wounded when a bomb went off at a market in Quetta on Saturday. "
        "The Lahore police put all its stations on red alert after the blast and tightened security at "
        "shrines, a spokesman said.",
        published="2025-03-16",
    )
    assert rows == [("Quetta", None, None, None, 11, 40, "relative")]
    # A figureless event of its own after the first is still kept.
    rows = one(
        "Eleven people were killed and 40 wounded when a bomb went off at a market in Quetta on Saturday. "
        "Separately, militants attacked a police station in Lahore on Saturday night.",
        published="2025-03-16",
    )
    assert [r[0] for r in rows] == ["Quetta", "Lahore"]


def test_a_sentence_going_on_with_a_statistic_is_context_too():
    text = (
        "Nine people were killed and 22 injured when a bomb hit a bus in Kech on Monday. "
        "According to a think tank, militant attacks in March alone killed 210 people across the country. "
        "Another 305 were injured."
    )
    assert one(text, published="2025-04-08") == [("Kech", None, None, None, 9, 22, "relative")]
    from analysis.extract import extract_text

    ex = extract_text("date 2025-04-08\n" + text, name="t.txt")
    assert any("305" in c.sentence for c in ex.context)
    # After an incident, the same words go on with the incident's figures.
    rows = one(
        "Nine people were killed in a bomb blast on a bus in Kech on Monday. Another 22 were injured.",
        published="2025-04-08",
    )
    assert rows == [("Kech", None, None, None, 9, 22, "relative")]


def test_an_earlier_total_over_several_attacks_partly_told_after_it_is_a_sum():
    text = (
        "Militants stormed a police station in Tank on Monday and all five attackers were killed, police said, "
        "a day after 11 soldiers were martyred in two separate attacks in the province. "
        "The raid came hours after a wave of attacks killed 11 soldiers in Khyber Pakhtunkhwa. "
        "Seven soldiers were martyred on Sunday when militants ambushed a convoy in the Ladha area of "
        "South Waziristan."
    )
    rows = one(text, published="2025-04-15")
    assert [r[:5] for r in rows] == [("Tank", None, None, 5, None), ("South Waziristan", 7, None, None, None)]
    # A background total that no later event accounts for is one row (an aggregate without a split).
    rows = one(
        "Two policemen were martyred in an attack in Bannu on Monday. Earlier this month, 12 soldiers were "
        "martyred in three separate attacks in North Waziristan.",
        published="2025-04-15",
    )
    assert [r[:2] for r in rows] == [("Bannu", 2), ("North Waziristan", 12)]


def test_a_speaker_named_with_his_force_is_not_a_victim():
    from tests.analysis.extract_helpers import counted

    assert counted("A spokesman of the Levies force in Kalat said the dead attackers included a commander.") == []
    assert (
        counted(
            "Gul Khan, an officer of the Counter-Terrorism Department in Quetta, told reporters the dead included a "
            "commander."
        )
        == []
    )
    assert counted(
        "A senior police officer, speaking on condition of anonymity, said the dead included three children."
    ) == [(3, "civilians", "killed")]
    assert counted("A district police officer, Imran Shah, said the dead included three children.") == [
        (3, "civilians", "killed")
    ]
    # A man of a force who is the subject of the verb is still counted.
    assert counted("A soldier of the Frontier Corps was martyred in the attack.") == [(1, "security", "killed")]


def test_property_damage_without_casualties_is_not_an_incident():
    rows = one(
        "Four soldiers were martyred in a clash with militants in the Datta Khel area of North Waziristan on "
        "Tuesday. In a separate incident, mortar shells fired from across the border destroyed three houses in "
        "the Angoor Adda area of South Waziristan.",
        published="2025-05-07",
    )
    assert [r[:2] for r in rows] == [("North Waziristan", 4)]
    assert one("Militants blew up a girls' school with explosives in Kech on Sunday night.") == []
    # An attack on a manned post without figures is kept, even when the attackers burnt something.
    rows = one(
        "Militants attacked a Levies checkpoint in Kalat on Monday night and set a vehicle on fire.",
        published="2025-03-11",
    )
    assert [r[0] for r in rows] == ["Kalat"]


def test_last_years_attack_and_deadliest_since_are_not_period_statistics():
    from analysis.extract.context import context_cue

    assert context_cue("Police killed two suspects accused of planning last year's bombing of a bus in Quetta.") is None
    assert context_cue("The blast was the deadliest on the city's police since 2014.") is None
    # Periods and plurals are still statistics.
    assert context_cue("This year's attacks have killed 300 people in the province.") is not None
    assert context_cue("Since 2014, more than 900 policemen have been killed in the province.") is not None
    rows = one(
        "In May, a suicide bomber struck a bus carrying workers in Mastung and killed 11 people, the "
        "deadliest attack on workers in the province since 2021.",
        published="2025-08-02",
    )
    assert rows == [("Mastung", None, None, None, 11, None, "unknown")]


def test_an_earlier_event_named_without_figures_is_not_coded_or_takes_the_figures_told_next():
    # Named only, no figure: not coded (background needs a casualty figure).
    rows = one(
        "Five terrorists were killed in an operation in Kachhi on Monday, the ISPR said. Talks were called off "
        "after last month's bombing in Kech.",
        published="2025-06-10",
    )
    assert rows == [("Kachhi", None, None, 5, None, None, "relative")]
    # Its figures told in the next sentence, at the same place and with no date of their own: one
    # earlier event, dated by the mention.
    rows = one(
        "Five terrorists were killed in an operation in Kachhi on Monday, the ISPR said. Ties between the two "
        "countries took a further dip after last month's attack on schoolchildren in Kech. A blast near Shahi "
        "Tump in Kech hit a school van, killing four children, and drew condemnation from across the country.",
        published="2025-06-10",
    )
    assert rows == [
        ("Kachhi", None, None, 5, None, None, "relative"),
        ("Kech", None, 4, None, None, None, "unknown"),
    ]


def test_a_motive_named_as_behind_the_killing_marks_a_crime():
    assert one("Two men were shot dead in Swabi on Monday; police suspect personal enmity behind the killing.") == []
    assert one("A lawyer was gunned down in Kohat on Friday. Police said the motive was a property dispute.") == []


def test_a_search_after_an_attack_or_a_mention_of_many_attacks_without_figures_is_not_an_incident():
    lead = "Two policemen were martyred when militants attacked a checkpost in Tank on Monday. "
    assert one(
        lead + "Police launched a search operation in the adjoining Dera Ismail Khan district to trace the attackers.",
        published="2025-06-10",
    ) == [("Tank", 2, None, None, None, None, "relative")]
    assert one(
        lead + "Militants have attacked several police posts in Lakki Marwat in recent months.",
        published="2025-06-10",
    ) == [("Tank", 2, None, None, None, None, "relative")]
    # One attack of its own, without figures, is still kept.
    rows = one(lead + "Separately, militants attacked a police post in Lakki Marwat at night.", published="2025-06-10")
    assert [r[0] for r in rows] == ["Tank", "Lakki Marwat"]


def test_figures_over_the_past_years_or_months_are_a_period_statistic():
    lead = "Three Levies men were martyred when militants attacked a post in Kalat on Sunday. "
    for tail in (
        "Over the past decade, more than 1,200 Levies personnel have lost their lives in the province.",
        "Attacks have killed more than 60 Levies men in Kalat district during the last two years.",
        "Kalat has seen 15 attacks on Levies posts in the past six months, in which 11 personnel were martyred.",
    ):
        assert one(lead + tail, published="2025-06-09") == [("Kalat", 3, None, None, None, None, "relative")], tail


def test_a_lead_total_without_a_district_that_adds_up_the_incidents_after_it_is_a_sum():
    rows = one(
        "Nine terrorists were killed in Balochistan over the weekend. Troops killed six terrorists in the Mach "
        "area of Kachhi on Saturday. Three more were killed in Kech district on Sunday.",
        published="2025-06-09",
    )
    assert rows == [("Kachhi", None, None, 6, None, None, "relative"), ("Kech", None, None, 3, None, None, "relative")]
    # Placed only at the city the statement came from ("Rawalpindi:"): still the lead total.
    rows = one(
        "Rawalpindi: Security forces killed nine terrorists in two engagements in Balochistan, the ISPR said on "
        "Sunday. Troops killed six terrorists in the Mach area of Kachhi. Three more were killed in Kech district.",
        published="2025-06-09",
    )
    assert [r[0] for r in rows] == ["Kachhi", "Kech"]
    # A figure that is no sum of the later ones is left to the analyst (this rule drops only exact sums).
    rows = one(
        "Nine terrorists were killed in Balochistan over the weekend. Troops killed six terrorists in the Mach "
        "area of Kachhi on Saturday.",
        published="2025-06-09",
    )
    assert len(rows) == 2


def test_an_attack_that_ends_in_arrests_is_still_an_attack():
    rows = one(
        "Gunmen opened fire on a Levies post in Kalat on Tuesday night. The personnel fought back and arrested "
        "one of the attackers.",
        published="2025-06-11",
    )
    assert [r[0] for r in rows] == ["Kalat"]
    # Arrests and abductions alone are not incidents.
    assert one("The CTD arrested four suspects in a raid in Kalat on Tuesday.", published="2025-06-11") == []
    assert one("Armed men abducted two engineers in Kalat on Tuesday.", published="2025-06-11") == []


def test_a_count_of_attacks_to_date_is_a_statistic():
    lead = "Three Levies men were martyred when militants attacked a post in Kalat on Sunday. "
    for tail in (
        "Officials say 31 attacks have been carried out on Levies posts in the district, killing 26 personnel.",
        "There have been 18 such attacks in Kalat, in which 14 Levies men were martyred.",
    ):
        assert one(lead + tail, published="2025-06-09") == [("Kalat", 3, None, None, None, None, "relative")], tail


def test_a_bomb_that_did_not_go_off_with_no_one_hurt_is_not_an_incident():
    rows = one(
        "Four labourers were shot dead in Kech on Saturday night. In another incident, a hand grenade was hurled "
        "at a shop in Panjgur; police said it failed to explode.",
        published="2025-03-02",
    )
    assert [r[:3] for r in rows] == [("Kech", None, 4)]


def test_the_bomb_told_on_at_a_nearby_place_without_figures_is_not_another_incident():
    rows = one(
        "A roadside bomb killed three soldiers in Kech district on Tuesday, the military said. The bomb hit a "
        "patrol vehicle near the Panjgur district boundary.",
        published="2025-08-13",
    )
    assert [r[:2] for r in rows] == [("Kech", 3)]


def test_a_statistic_told_over_two_sentences_stays_context():
    lead = "Three Levies men were martyred when militants attacked a post in Kalat on Sunday. "
    for tail in (
        "The think tank PIPS recorded 64 militant attacks in May. These attacks killed 91 people, including 40 "
        "security personnel.",
        "According to PICSS, militants carried out 64 attacks across the country in May. They killed 91 people "
        "and injured 150.",
        "PICSS said April was the deadliest month of the year. Militants killed 130 people, it said.",
    ):
        assert one(lead + tail, published="2025-06-09") == [("Kalat", 3, None, None, None, None, "relative")], tail


def test_figures_of_various_operations_are_a_campaign_not_an_engagement():
    rows = one(
        "QUETTA: The Levies chief said on Saturday that his force had killed 57 militants in various operations "
        "during his tenure. He said a Levies sepoy was martyred in an attack in Kalat on Friday night.",
        published="2025-01-05",
    )
    assert rows == [("Kalat", 1, None, None, None, None, "relative")]
