"""Date resolver: explicit days, weekdays before the publication date, statement dates."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.extract.dates import find_dates, weekday_before

SAT = date(2025, 2, 1)  # a Saturday


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("Saturday", date(2025, 2, 1)),
        ("Friday", date(2025, 1, 31)),
        ("Sunday", date(2025, 1, 26)),
        ("Monday", date(2025, 1, 27)),
    ],
)
def test_weekday_before(day, expected):
    assert weekday_before(SAT, day) == expected
    assert expected.strftime("%A") == day


def _first(sentence, published=SAT):
    cues = find_dates(sentence, published)
    return (cues[0].date, cues[0].basis) if cues else None


def test_weekday_night_and_possessive():
    assert _first("Gunmen struck a post late on Friday night.") == (date(2025, 1, 31), "relative")
    assert _first("Thursday's blast wrecked the market.") == (date(2025, 1, 30), "relative")


def test_statement_date_is_not_event_date():
    assert _first("Five rebels were killed, the army said on Friday.") == (date(2025, 1, 31), "statement")
    assert _first("A statement issued here yesterday said two men died.")[1] == "statement"
    assert _first("Two men died yesterday in Kohat.") == (date(2025, 1, 31), "relative")


def test_explicit_days_take_the_first_day_and_the_year_from_publication():
    pub = date(2024, 12, 2)
    assert _first("Troops raided hideouts on 28 & 29 November.", pub) == (date(2024, 11, 28), "explicit")
    assert _first("Attacks on night 3/4 October left six dead.", pub) == (date(2024, 10, 3), "explicit")
    assert _first("Raids from 30 November to 1 December 2024 ended.", pub) == (date(2024, 11, 30), "explicit")
    assert _first("Clashes on March 6-7 left four dead.", pub) == (date(2024, 3, 6), "explicit")
    # A day after the publication date belongs to the year before.
    assert _first("The raid on 20 December was the last.", date(2025, 1, 5)) == (date(2024, 12, 20), "explicit")


def test_relative_words():
    assert _first("Earlier today, a blast hit the bazaar.") == (SAT, "relative")
    assert _first("In the last 24 hours, nine were killed.") == (date(2025, 1, 31), "relative")
    assert _first("The convoy came under fire a day earlier.") == (date(2025, 1, 31), "relative")


def test_since_is_not_an_event_date():
    assert find_dates("Operations have gone on since 20 January.", SAT) == []


def test_imprecise_dates_keep_their_precision():
    (cue,) = find_dates("The post was attacked last week.", SAT)
    assert cue.basis == "imprecise" and cue.precision == "week"
