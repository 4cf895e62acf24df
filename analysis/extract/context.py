"""Context facts: statistics and cumulative figures that are not incidents.

"685 members of security forces ... in 2024", "So far, 37 terrorists have been sent to
hell", "1616 fatalities" in a yearly report: such sentences describe a period, not an
armed event. A sentence is context when it carries a period or statistics cue and
does not also name a district-level place and a day (the deadliest attack "this
year" at Daraban "on Tuesday" is still an incident).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.numbers import NUMBER

# Matched on lower-case text (faster than re.IGNORECASE on a long alternation).
_CUES = re.compile(
    r"so far\b|thus far\b(?!.*\b24 hours\b)|since\s+(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december|\d{4})\b|since the\b|"
    # "Since then, six civilians have been killed ... in different areas": a tally to date (no day of its own)
    r"since then\b(?=[^.]*\b(?:have|has)\s+(?:been\s+)?(?:killed|martyred|died|injured|wounded)\b)"
    r"(?![^.]*\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b)|"
    r"(?:this|last|the) year\b|"
    r"(?:in|of|during)\s+(?:19|20)\d{2}\b(?![-/]\d)|(?:19|20)\d{2}\s+(?:was|proved|turned|saw)\b|annual\b|"
    r"monthly\b|quarter(?:ly)?\b|(?<=\d)\s*pc\b|per ?cent\b|%|on average\b|average\b|fatalities\b|"
    r"record(?:ed)?\b|deadliest (?:year|month)\b|in all\b|data\b|report says\b|"
    r"(?:picss|crss|pips|acled|think[- ]tank)\b|(?:during|in|over) the same period\b|worst[- ]hit\b|"
    r"the report (?:said|says|showed)\b|"
    r"according to (?:a|the) report\b|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|year|month|week)"
    r" alone\b|"
    # "24 attacks have been carried out", "there have been 30 attacks", "the district has seen 12
    # attacks": a count of events to date
    r"(?:attacks|incidents|blasts|bombings)\s+(?:have|had)\s+(?:been\s+)?(?:carried out|reported|recorded|registered|"
    r"taken place|occurred)\b|"
    # "at least 1,960 operations have been carried out in Khyber Pakhtunkhwa": a campaign tally
    r"\d[\d,]*\s+(?:[\w-]+\s+)?(?:operations|raids|IBOs)\s+(?:have|had)\s+been\s+(?:carried out|conducted|launched)\b|"
    r"there\s+have\s+been\s+(?:[\w,-]+\s+){0,3}?(?:attacks|incidents|blasts)\b|"
    # "100 deaths, up from 54 in September", "48 attacks, against 45 the month before": a comparison
    # of periods
    r"(?:up|down)\s+from\s+\d|against\s+\d+\s+(?:in\s+)?the\s+(?:month|year|week|quarter)\s+before\b|"
    # "48 terrorist attacks took place across the country": a count of events
    r"(?:attacks|incidents)\s+took\s+place\s+across\b|"
    # "The BLA, the BLF and some unnamed groups carried out eight attacks": a count of events
    r"carried\s+out\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[\w-]+ty(?:-\w+)?)\s+)"
    r"(?:[\w-]+\s+)?(?:attacks|incidents|bombings|blasts)\b|"
    r"(?:(?:has|have|had)\s+(?:seen|witnessed|recorded|faced|suffered)|\bsaw|\bwitnessed)\s+(?:[\w,-]+\s+){0,4}?"
    r"(?:attacks|incidents|blasts)\b|"
    # "the police killed 193 terrorists in various operations": a campaign, not one engagement
    r"(?:in|during|through)\s+(?:various|numerous|a number of|countless)\s+(?:[\w-]+\s+)?(?:operations|raids|actions|"
    r"encounters|attacks|incidents)\b|"
    # "over the past decade", "in the last three months", "during the previous two years": a period
    r"(?:over|in|during|for|within)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?:few|several|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|eighteen|\d{1,2})\s+)?(?:decades?|years?|months?)\b"
)
_QUANTITY = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?P<what>attacks|operations|incidents|fatalities|injuries|deaths|"
    rf"terrorists|militants|outlaws|security personnel|officers and men|members of (?:the )?security forces|"
    rf"civilians|lives)\b",
    re.IGNORECASE,
)


#: A sentence that goes on with the figures of the sentence before it: "Another 189 were
#: injured.", "Of them, 53 were security personnel.", "A further 40 ...", "The rest were civilians."
_CONTINUATION = re.compile(
    rf"^(?:another|a further|an additional|a total of|the remaining|the rest|of (?:them|these|those|this|the total)\b"
    # "One attack, which injured four people, was carried out by the TTP": one of the events counted
    rf"|(?:one|the\s+other|the\s+remaining)\s+(?:attack|incident)\b"
    rf"|(?:besides|in addition|also)\b|they\b|(?:these|those|such)\s+(?:[\w-]+\s+)?(?:attacks|incidents|operations|"
    rf"blasts|bombings|figures|deaths)\b|(?P<n>{NUMBER})\s+(?:more|others)\b"
    # "The dead included 98 terrorists, 62 security personnel and 38 civilians.": the make-up
    rf"|the\s+(?:dead|deceased|victims|fatalities|deaths|casualties|killed)\s+(?:included|include|comprised|were)\b)",
    re.IGNORECASE,
)
#: The source of the statistic named again: "Militants killed 120 people, it said."
_SAME_SOURCE = re.compile(
    r"\bit\s+(?:said|added|noted|found|showed|says|adds)\b|\baccording to (?:it|the same|the data|the figures)\b"
    # "Civilian casualties were close to these figures, with 130 deaths": compared with the figures before
    r"|\b(?:close|similar|compared)\s+(?:to|with)\s+(?:these|those|the\s+above)\s+figures\b",
    re.IGNORECASE,
)


def continues_figures(sentence: str) -> bool:
    """The sentence goes on with the figures of the one before it ("Another 189 were injured.")."""
    return bool(_CONTINUATION.match(sentence.strip()) or _SAME_SOURCE.search(sentence))


@dataclass(frozen=True)
class ContextFact:
    """A figure about a period or a campaign, reported beside the incidents, never as one."""

    source: str
    sentence: str
    reason: str
    figures: tuple[tuple[int, str], ...]
    """(value, what) pairs read from the sentence, e.g. (685, "members of security forces")."""


#: A period word that names one earlier event, not a period: "last year's attack", "this year's
#: Ashura bombing" (a plural, "this year's attacks", is still a statistic).
_EVENT_OF_PERIOD = re.compile(
    r"^'s\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|bombing|explosion|ambush|assault|raid|incident|massacre|"
    r"carnage|tragedy|strike)\b"
)
#: A comparison with a superlative: "the deadliest attack on the city since 2018" dates no period.
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first|most\s+\w+)\b[^.;:]{0,80}$"
)


#: "We have received 10 bodies so far and 35 injured", "the death toll so far stands at 12": the
#: toll of one event up to now, as a hospital or an official gives it; not a campaign to date.
_TOLL_SO_FAR = re.compile(r"\b(?:bodies|body|hospitals?|death toll|toll)\b")
#: The toll of one event told "so far": "So far, at least 13 people have died and 25 others wounded
#: in the suicide blast" (a follow-up report), not a campaign ("So far, 37 terrorists have been sent
#: to hell", "so far this year").
_ONE_EVENT_TOLL = re.compile(
    r"\b(?:in|of)\s+the\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|bombing|explosion|ambush|assault|incident)\b"
    r"(?![^.]*\b(?:this|the)\s+year\b)"
)


def context_cue(sentence: str) -> str | None:
    """The words that make a sentence a period statistic, or ``None``."""
    low = sentence.lower()
    for m in _CUES.finditer(low):
        if m.start() == 0 or not low[m.start() - 1].isalpha():
            cue = low[m.start() : m.end()]
            if cue == "data" and m.start() and sentence[m.start()].isupper():
                continue  # a name ("the suicide blast outside Data Darbar"), not statistics
            if cue in ("so far", "thus far") and (_ONE_EVENT_TOLL.search(low) or _TOLL_SO_FAR.search(low)):
                continue  # "So far, 13 people have died in the blast", "10 bodies so far": one event's toll
            if cue.endswith("year") and _EVENT_OF_PERIOD.match(low[m.end() : m.end() + 60]):
                continue  # "last year's attack": an earlier event, told as background
            if cue.startswith("since") and _SUPERLATIVE_BEFORE.search(low[max(0, m.start() - 100) : m.start()]):
                continue  # "the deadliest attack ... since 2018": a comparison
            return sentence[m.start() : m.end()]
    return None


def quantities(sentence: str) -> tuple[tuple[int, str], ...]:
    """Numbers with what they count ("444 terror attacks" → (444, "attacks"))."""
    from analysis.extract.numbers import parse_number

    out = []
    for m in _QUANTITY.finditer(sentence):
        value = parse_number(m.group("n"))
        if value is not None and not re.fullmatch(r"(?:19|20)\d{2}", m.group("n")):
            out.append((value, m.group("what").lower()))
    return tuple(out)
