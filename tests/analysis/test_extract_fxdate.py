"""Round 5 (fxdate): dates of incidents, statement days, publication stamps and wire datelines."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.extract import extract_text
from analysis.extract.dates import find_dates
from analysis.extract.text import sentences
from tests.fixtures.news.folders import HERE, evaluate_folder

WED = date(2025, 3, 12)  # a Wednesday


def _cues(text: str, published: date = WED) -> list[tuple[str, str]]:
    return [(c.date.isoformat(), c.basis) for c in find_dates(text, published)]


def test_statement_issued_by_a_named_body_on_a_weekday() -> None:
    text = "A statement released by the Inter-Services Public Relations (ISPR) on Tuesday said two soldiers died."
    assert _cues(text) == [("2025-03-11", "statement")]


def test_agency_style_statement_without_on() -> None:
    assert _cues("The army said in a statement Tuesday that a bomb exploded early Monday in Tank.") == [
        ("2025-03-11", "statement"),
        ("2025-03-10", "relative"),
    ]
    assert _cues("Officials said Monday that the checkpoint was overrun.")[0] == ("2025-03-10", "statement")
    # Negative: the possessive names the event's day.
    assert _cues("Police confirmed Monday's attack on the convoy.") == [("2025-03-10", "relative")]


def test_weekday_of_the_event_is_not_a_statement() -> None:
    # Negative: the weekday dates the attack, not a statement.
    assert _cues("Gunmen attacked a police post on Monday, killing two constables.") == [("2025-03-10", "relative")]


def test_statement_issued_today() -> None:
    cues = _cues("Police said in a report released today that the raid was carried out on Monday night.")
    assert cues == [("2025-03-12", "statement"), ("2025-03-10", "relative")]
    # Negative: "today" as the day of the event.
    assert _cues("Three soldiers were martyred today in Kurram.") == [("2025-03-12", "relative")]


def test_bracketed_day_after_a_statement_weekday() -> None:
    cues = _cues("The agency published the story on Wednesday (March 12), quoting police.")
    assert ("2025-03-12", "explicit") not in cues
    # Negative: the attack's own weekday with its date.
    assert ("2025-03-11", "explicit") in _cues("The blast took place on Tuesday (March 11) near the market.")


def test_newspaper_footer_is_not_an_event_date() -> None:
    body = "Four people were wounded on Monday in Kohat.\n\nPublished in The Express Tribune, March 12th, 2025"
    kinds = [s.kind for s in sentences(body)]
    assert kinds == ["text", "meta"]


def test_ani_dateline_is_removed() -> None:
    raw = (
        "date 2025-03-12\n"
        "Balochistan [Pakistan], March 12 : Two Levies men were shot dead in Kalat district, "
        "the Express Tribune reported on Tuesday.\n"
    )
    ex = extract_text(raw, name="t.txt")
    assert len(ex.candidates) == 1
    assert ex.candidates[0].date == date(2025, 3, 11)


def _dates(raw: str) -> list[tuple[str | None, str, str]]:
    ex = extract_text(raw, name="t.txt")
    return [(c.district, c.date.isoformat(), c.date_basis) for c in ex.candidates]


def test_engagements_take_the_day_of_the_lead_total() -> None:
    raw = (
        "date 2025-03-12\n"
        "Nine terrorists were killed by troops on Monday in two separate engagements in Khyber Pakhtunkhwa.\n"
        "In the first, soldiers killed five terrorists in the Tirah valley of Khyber district.\n"
        "In another encounter, in general area Shewa, troops eliminated four terrorists.\n"
    )
    assert [d for _, d, _ in _dates(raw)] == ["2025-03-10", "2025-03-10"]


def test_operations_take_the_statement_day_of_the_lead() -> None:
    raw = (
        "date 2025-03-12\n"
        "Eleven militants were killed in a series of operations across Balochistan, the ISPR said on Tuesday.\n"
        "In the first operation, troops killed seven militants in Kech district.\n"
        "The second operation, in Panjgur district, left four militants dead.\n"
    )
    assert _dates(raw) == [("Kech", "2025-03-11", "publication"), ("Panjgur", "2025-03-11", "publication")]


def test_an_incident_on_its_own_day_breaks_the_run() -> None:
    # Negative: the second incident has its own day, and the one after it does not take the lead's.
    raw = (
        "date 2025-03-12\n"
        "Six soldiers were martyred on Tuesday in two separate attacks in Khyber Pakhtunkhwa.\n"
        "Four soldiers were martyred when militants ambushed a convoy in Lakki Marwat district.\n"
        "Two soldiers were martyred in an attack on a post in Bannu district on Tuesday.\n"
        "Separately, on Sunday, a policeman was shot dead in Kohat district.\n"
        "Elsewhere, two labourers were killed in Karak district.\n"
    )
    got = _dates(raw)
    assert got[0][:2] == ("Lakki Marwat", "2025-03-11")
    assert got[2][:2] == ("Kohat", "2025-03-09")
    assert got[3][:2] == ("Karak", "2025-03-12")


def test_second_clause_of_a_compound_shares_the_day() -> None:
    raw = (
        "date 2025-03-12\n"
        "Three soldiers were martyred on Monday in an ambush in Kurram district, while a raid in Bajaur "
        "district left two militants dead, officials said.\n"
    )
    assert [(d, w) for d, w, _ in _dates(raw)] == [("Kurram", "2025-03-10"), ("Bajaur", "2025-03-10")]
    # Negative: a clause with its own day keeps it.
    raw2 = raw.replace("a raid in Bajaur", "a raid on Tuesday in Bajaur")
    assert [(d, w) for d, w, _ in _dates(raw2)] == [("Kurram", "2025-03-10"), ("Bajaur", "2025-03-11")]


def test_event_a_day_before_the_one_told() -> None:
    raw = (
        "date 2025-03-12\n"
        "A roadside bomb killed four soldiers in Kech district on Tuesday.\n"
        "The blast came just a day after gunmen raided a Levies post in Kalat district.\n"
        "Two Levies men were martyred in that raid, officials said.\n"
    )
    assert [(d, w) for d, w, _ in _dates(raw)] == [("Kech", "2025-03-11"), ("Kalat", "2025-03-10")]


def test_a_day_after_a_statement() -> None:
    raw = (
        "date 2025-03-12\n"
        "Five militants were killed in an operation in Khyber district, the ISPR said on Wednesday.\n"
        "The operation comes a day after the military said that three soldiers were martyred in Kurram district.\n"
    )
    assert _dates(raw)[1][:2] == ("Kurram", "2025-03-11")


def test_hours_after_the_event_told_is_the_same_day() -> None:
    raw = (
        "date 2025-03-12\n"
        "On March 9, a suicide bomber killed 20 people at a rally in Quetta district.\n"
        "Hours after the bombing, a second blast hit a market in Kohat district, killing three people.\n"
    )
    assert _dates(raw)[1][:2] == ("Kohat", "2025-03-09")


def test_own_day_wins_over_a_day_after() -> None:
    # Negative: the earlier event names its own day.
    raw = (
        "date 2025-03-12\n"
        "Four soldiers were martyred in an ambush in Tank district on Tuesday.\n"
        "The ambush came a day after a suicide bombing at a seminary in Swabi district on Sunday killed six people.\n"
    )
    assert _dates(raw)[1][:2] == ("Swabi", "2025-03-09")


def test_attribution_with_the_day_of_the_attack_is_not_a_statistic() -> None:
    raw = (
        "date 2025-03-12\n"
        "Two bombs hit a market in Bannu district, killing nine people.\n"
        "Quoting police, the report said the attack was carried out on Monday (March 10).\n"
    )
    assert _dates(raw) == [("Bannu", "2025-03-10", "explicit")]


def test_night_before_the_statement_day() -> None:
    fri = date(2025, 3, 14)
    cues = _cues("A post was attacked late last night in Karak, police said on Thursday.", fri)
    assert ("2025-03-12", "relative") in cues
    # Negative: with no statement day the night is the one before publication.
    assert _cues("A post was attacked late last night in Karak.", fri) == [("2025-03-13", "relative")]


def test_overnight_raid_reported_on_a_weekday() -> None:
    cues = _cues("Troops killed four militants in an overnight raid, officials said Tuesday.")
    assert ("2025-03-10", "relative") in cues
    # The named day says which night.
    assert _cues("Troops killed four militants in an overnight raid on Sunday.") == [("2025-03-09", "relative")]
    # Negative: an overnight curfew is not an event.
    assert _cues("An overnight curfew was imposed in the town.") == []


def test_yesterday_counts_from_the_statement_day_of_the_lead() -> None:
    raw = (
        "date 2025-03-12\n"
        "Six militants were killed in an operation in Zhob district, the ISPR said on Tuesday.\n"
        "Yesterday, troops killed three militants in an operation in Kech district, according to the ISPR.\n"
    )
    assert _dates(raw)[1][:2] == ("Kech", "2025-03-10")
    # Negative: a lead dated by publication day leaves "yesterday" as the day before publication.
    same_day = raw.replace("said on Tuesday", "said on Wednesday")
    assert _dates(same_day)[1][:2] == ("Kech", "2025-03-11")


def test_previous_day_after_an_overnight_raid() -> None:
    raw = (
        "date 2025-03-11\n"
        "Security forces killed three militants in an overnight raid in Karachi, officials said on Tuesday.\n"
        "Meanwhile, five people were killed the previous day in Kurram district, an official said.\n"
    )
    assert [(d, w) for d, w, _ in _dates(raw)] == [("Karachi", "2025-03-10"), ("Kurram", "2025-03-10")]


def test_day_of_the_militants_earlier_deeds_does_not_date_the_operation() -> None:
    raw = (
        "date 2025-03-12\n"
        "Troops killed four terrorists in an intelligence-based operation in Zhob district, the ISPR said on Tuesday.\n"
        "The terrorists had been actively involved in the ambush on a convoy near Sambaza on 3 June 2024.\n"
    )
    assert _dates(raw) == [("Zhob", "2025-03-11", "publication")]
    cue = find_dates("They were wanted for a raid on a police post on April 2, 2023.", WED)[0]
    assert cue.earlier
    # Negative: a plain day of the event.
    assert not find_dates("Militants raided a police post on April 2, killing two.", WED)[0].earlier


def test_day_told_with_the_event_wins_over_an_aside() -> None:
    raw = (
        "date 2025-03-15\n"
        "At least ten people were killed when a bomb went off at a bus stand in Quetta on Saturday.\n"
        "The city's bus service had earlier been told it would restart from March 1, officials said.\n"
    )
    assert _dates(raw) == [("Quetta", "2025-03-15", "relative")]


def test_incidents_take_the_day_of_a_lead_that_is_no_incident() -> None:
    raw = (
        "date 2025-03-12\n"
        "Attacks on the police went on as two more incidents were reported on Monday.\n"
        "In the first, a constable was martyred when gunmen fired on a patrol in Bannu district.\n"
        "In the second, militants attacked a police post in Lakki Marwat district, injuring two policemen.\n"
    )
    assert [(d, w) for d, w, _ in _dates(raw)] == [("Bannu", "2025-03-10"), ("Lakki Marwat", "2025-03-10")]


def test_lead_kept_as_an_incident_passes_on_nothing() -> None:
    # Negative: the lead is itself the first incident; the next one, with no day, is not given it.
    raw = (
        "date 2025-03-12\n"
        "Two soldiers were martyred in an attack in Kech district on Monday.\n"
        "Separately, a policeman was shot dead in Panjgur district.\n"
    )
    assert _dates(raw)[1][:2] == ("Panjgur", "2025-03-12")


def test_martyred_a_day_before_the_funeral() -> None:
    raw = (
        "date 2025-03-12\n"
        "Troops killed three terrorists in an operation in Awaran district on Sunday, the ISPR said.\n"
        "The funeral prayers of two soldiers, who were martyred in an attack in Kech district a day earlier, "
        "were offered in Turbat.\n"
    )
    assert _dates(raw)[1][:2] == ("Kech", "2025-03-11")
    # Negative: without a funeral, "a day earlier" counts back from the event told before.
    plain = raw.replace(
        "The funeral prayers of two soldiers, who were martyred in an attack in Kech district a day earlier, "
        "were offered in Turbat.",
        "A day earlier, two soldiers were martyred in an attack in Kech district.",
    )
    assert _dates(plain)[1][:2] == ("Kech", "2025-03-08")


def test_pluperfect_after_an_earlier_event_is_an_earlier_event() -> None:
    raw = (
        "date 2025-03-12\n"
        "Five policemen were wounded on Tuesday when militants attacked a post in Tank district.\n"
        "The attack comes after three policemen were shot dead in Tank district last month.\n"
        "In separate raids, troops had also killed six militants in the Khyber and Kurram districts.\n"
    )
    got = {(c.district, c.date_basis) for c in extract_text(raw, name="t.txt").candidates}
    assert ("Khyber; Kurram", "unknown") in got
    # Negative: after the main event the same tense stays the main event's, and reported
    # speech ("police said ... had been killed") is not read as pluperfect narration.
    main = (
        "date 2025-03-12\n"
        "Militants attacked a post in Kohat district on Tuesday.\n"
        "Police said two of the attackers had been killed in the exchange of fire.\n"
    )
    assert [c.date_basis for c in extract_text(main, name="t.txt").candidates] == ["relative"]


def test_events_in_a_report_on_a_month_fall_in_that_month() -> None:
    assert find_dates("Some 30 attacks took place in May 2024, up from 22.", WED)[0].date == date(2024, 5, 1)
    raw = (
        "date 2024-06-08\n"
        "Some 30 terrorist attacks took place across the country in May 2024, a think tank said.\n"
        "The deadliest was a single attack in Kech district that killed 12 labourers.\n"
    )
    c = extract_text(raw, name="t.txt").candidates[0]
    assert (c.date, c.date_basis, c.date_precision) == (date(2024, 5, 1), "unknown", "month")
    # Negative: a lead with a day of its own is not a period.
    dated = raw.replace("in May 2024, a think tank said", "on Friday, officials said")
    assert extract_text(dated, name="t.txt").candidates[0].date_basis != "unknown"


#: Matched incidents with the coded date, per real set, after round 5 (fxdate): may not fall.
DATE_FLOORS = {
    "real1": 22,
    "real2": 17,
    "real3": 21,
    "real4": 14,
    "real5": 15,
    "real6": 17,
    "real7": 15,
    "real8": 19,
    "real9": 18,
}


@pytest.mark.parametrize("name", sorted(DATE_FLOORS))
def test_real_set_keeps_its_exact_dates(name: str) -> None:
    ev = evaluate_folder(HERE / name)
    assert ev.exact_date >= DATE_FLOORS[name], "\n".join(m for m in ev.mismatches if "date" in m)


def test_reaction_lead_does_not_date_the_incidents() -> None:
    # Negative: the day of a condemnation is not the day of the attack.
    raw = (
        "date 2025-03-12\n"
        "The prime minister on Monday condemned the attacks on the police.\n"
        "Two constables were martyred when gunmen fired on a patrol in Bannu district.\n"
    )
    assert _dates(raw) == [("Bannu", "2025-03-12", "publication")]


def test_city_dateline_with_a_day_is_removed() -> None:
    body = "KOHAT, Mar. 11 - Two soldiers were martyred in Kohat district.\nLAHORE, Feb 3: A bomb went off."
    assert [s.text for s in sentences(body)] == ["Two soldiers were martyred in Kohat district.", "A bomb went off."]
    raw = "date 2025-03-12\nKOHAT, Mar 10: Two soldiers were martyred in an attack in Kohat district.\n"
    c = extract_text(raw, name="t.txt").candidates[0]
    assert (c.date, c.date_basis) == (date(2025, 3, 12), "publication")
    # Negative: a sentence ending in a month abbreviation before a capital still ends there.
    assert len(sentences("The talks were set for Dec. Officials said two soldiers died.")) == 2


def test_photo_credit_line_is_a_caption() -> None:
    body = "Police guard a checkpoint. Image used for representational purpose (Photo | AP)\nTwo men died."
    assert [s.kind for s in sentences(body)] == ["caption", "text"]
    # Negative: a sentence that only mentions a photo is text.
    assert [s.kind for s in sentences("Police released a photo of the suspect.")] == ["text"]
