"""Counts as the press writes them: digits ("1,612"), words ("Twenty-one", "thirty seven").

Number words are converted by the ``text2num`` library (a compiled, well-tested
parser); this module only finds where a number is written and reads the
qualifier in front of it ("at least", "more than", "around").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("hundred", "thousand")
_WORD = "|".join(sorted(_UNITS + _TENS + list(_SCALES), key=len, reverse=True))
#: A written number: digits with optional thousands commas, or a run of number words.
#: "a dozen" (12), "half a dozen" (6) and "two dozen" .. "six dozen" (24 .. 72) are counts;
#: "dozens" is vague (``VAGUE_RE``).
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:half\s+)?an?\s+dozen(?!s)|(?:two|three|four|five|six)\s+dozen(?!s)|"
    rf"(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*)"
)
NUMBER_RE = re.compile(rf"\b{NUMBER}\b", re.IGNORECASE)

#: Qualifiers that precede a count, and how the coding rules treat them.
QUALIFIERS: dict[str, str] = {
    "at least": "lower bound",
    "more than": "lower bound",
    "over": "lower bound",
    "as many as": "upper bound",
    "up to": "upper bound",
    "around": "approximate",
    "about": "approximate",
    "nearly": "approximate",
    "almost": "approximate",
    "approximately": "approximate",
    "some": "approximate",
}
QUALIFIER_RE = re.compile(r"\b(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)

#: Vague quantities that are never coded as numbers (listed for review instead).
VAGUE_RE = re.compile(
    r"\b(numerous|several|dozens of|scores of|many|multiple|a number of|hundreds of)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Number:
    """A number found in text, with its span and the qualifier written before it."""

    value: int
    start: int
    end: int
    text: str
    qualifier: str | None = None


def parse_number(text: str) -> int | None:
    """The integer a written number stands for, or ``None``.

    Examples
    --------
    >>> parse_number("Twenty-one"), parse_number("1,612"), parse_number("thirty seven"), parse_number("two dozen")
    (21, 1612, 37, 24)
    >>> parse_number("a") is None
    True
    """
    t = text.strip().lower()
    if not t:
        return None
    if t.replace(",", "").isdigit():
        return int(t.replace(",", ""))
    if re.fullmatch(r"(?:half\s+)?an?\s+dozen", t):
        return 6 if t.startswith("half") else 12
    if m := re.fullmatch(r"(two|three|four|five|six)\s+dozen", t):
        # "two dozen people were injured": 24
        return 12 * ("two three four five six".split().index(m.group(1)) + 2)
    try:
        return int(text2num(t.replace("-", " "), "en"))
    except ValueError:
        # A run such as "one two" is not one number: read its first word alone.
        first = re.split(r"[\s-]+", t)[0]
        try:
            return int(text2num(first, "en"))
        except ValueError:
            return None


def find_numbers(text: str) -> list[Number]:
    """Every number written in ``text``, in order, with the qualifier before it."""
    out = []
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is None:
            continue
        q = QUALIFIER_RE.search(text, max(0, m.start() - 20), m.start())
        qualifier = q.group(1).lower() if q and q.end() == m.start() else None
        out.append(Number(value, m.start(), m.end(), m.group(0), qualifier))
    return out
