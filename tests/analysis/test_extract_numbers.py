"""Number words and qualifiers (sentences written for these tests)."""

from __future__ import annotations

import pytest

from analysis.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("Twenty-one", 21),
        ("thirty seven", 37),
        ("fourteen", 14),
        ("1,612", 1612),
        ("59,775", 59775),
        ("one hundred and five", 105),
        ("12", 12),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_not_a_number():
    assert parse_number("a") is None
    assert parse_number("") is None


def test_find_numbers_reads_qualifiers():
    found = find_numbers("At least 19 soldiers and more than thirty seven militants, as many as eight khwarij")
    assert [(n.value, n.qualifier) for n in found] == [(19, "at least"), (37, "more than"), (8, "as many as")]


def test_find_numbers_spans():
    text = "Police said twenty-two people were hurt."
    (n,) = find_numbers(text)
    assert text[n.start : n.end] == "twenty-two" and n.value == 22
