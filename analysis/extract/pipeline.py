"""From a report's text to candidate incidents, context facts and review notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.errors import SourceFormatError
from analysis.extract.context import ContextFact, continues_figures, quantities
from analysis.extract.dates import DateCue, find_dates
from analysis.extract.places import find_places
from analysis.extract.segment import _BACKGROUND as _EARLIER_EVENT
from analysis.extract.segment import (
    Frame,
    SentenceFacts,
    SumNote,
    inherit_lead_dates,
    inherit_scene,
    merge_duplicates,
    read_sentence,
    reconcile,
    resolve_anchored_dates,
    segment,
)
from analysis.extract.text import Report, Sentence, dateline, parse_report, sentences
from analysis.extract.victims import find_casualties, last_category

#: Columns added to the schema's for the analyst.
REVIEW_COLUMNS: tuple[str, ...] = ("date_basis", "confidence", "source_sentences", "review")
DATASET = "extracted"


@dataclass(frozen=True)
class Candidate:
    """One candidate incident, with the evidence an analyst needs to accept it."""

    incident_id: str
    date: date
    date_basis: str
    date_precision: str
    province: str | None
    district: str | None
    locality: str | None
    event_type: str | None
    method: str | None
    perpetrator: str | None
    killed_security: int | None
    killed_civilians: int | None
    killed_militants: int | None
    killed_unknown: int | None
    killed_total: int | None
    injured_total: int | None
    source: str
    source_url: str | None
    sentences: tuple[str, ...]
    confidence: float
    review: tuple[str, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything read from one report."""

    source: str
    published: date
    url: str | None
    candidates: tuple[Candidate, ...]
    context: tuple[ContextFact, ...]
    sums: tuple[SumNote, ...]
    review: tuple[str, ...] = field(default=())
    """Report-level items to check: unresolved places, vague quantities, skipped headlines."""


#: An earlier event retold for background ("comes a week after ...", "last month").
_BACKGROUND = re.compile(
    r"\bcomes?\s+(?:(?:less|more)\s+than\s+|just\s+|barely\s+)?(?:a|an|one|two|three|four|five|six|\d+|several|"
    r"few|a\s+couple\s+of|a\s+few)\s+(?:days?|weeks?|months?)\s+after\b|\b(?:earlier|last)\s+(?:this\s+)?(?:month|year)\b|"
    r"\bin\s+a\s+similar\s+(?:attack|incident)\b|\bpreviously\b|\bin\s+(?:19|20)\d{2}\b",
    re.IGNORECASE,
)

_METHODS = (
    ("suicide_bombing", re.compile(r"\bsuicide\b", re.IGNORECASE)),
    ("bombing", re.compile(r"\bblast\b|\bbomb\w*|\bIED\b|\bexplosi\w+", re.IGNORECASE)),
    ("armed_assault", re.compile(r"\bopened fire\b|\bfired\b|\bgun\w*|\bshot\b|\bstorm\w*|\bassault\b", re.IGNORECASE)),
)


def _method(frame: Frame, event_type: str | None) -> str | None:
    if event_type != "attack":
        return None
    text = frame.text()
    return next((name for name, rx in _METHODS if rx.search(text)), "unknown")


_NO_CASUALTIES = re.compile(
    r"\bno (?:one|body|casualties|casualty|injuries|loss of (?:life|lives))\b|\bnobody\b|\bunhurt\b|"
    r"\bwithout (?:any )?(?:casualties|loss of life)\b|\bremained safe\b|\bcaused no\b|"
    # a bomb found and made safe, or one that did not go off: no one hurt
    r"\b(?:defused|defusing|diffused|made safe)\b|\b(?:did not|didn't|failed to)\s+(?:explode|detonate|go off)\b",
    re.IGNORECASE,
)


#: An armed engagement: shots fired at people or a post, an attack beaten back. An attack of this
#: kind in which no one was hurt is still an armed event (the coding rules keep events of the main
#: report without figures); only property damage, a cracker or a bomb made safe is not.
_ENGAGEMENT = re.compile(
    r"\b(?:returned|returning|return)\s+(?:the\s+)?fire\b|\bexchange(?:d)?\s+(?:of\s+)?fire\b|"
    r"\bfired\s+(?:back\s+)?(?:at|on|upon)\b|\bopened\s+fire\b|\brepulsed\b|\brepelled\b|\bbeat(?:en)?\s+back\b|"
    r"\bgun ?fight\b|\bfirefight\b|\bgun ?battle\b|\bcame\s+under\s+(?:heavy\s+)?(?:fire|attack)\b|"
    r"\b(?:attackers|assailants|gunmen|terrorists|militants)\s+(?:fled|escaped|retreated)\b",
    re.IGNORECASE,
)


#: An attack the militants began ("militants attacked", "gunmen opened fire"): an armed event even
#: when the text then tells only arrests.
_MILITANT_ATTACK = re.compile(
    r"\b(?:militants|terrorists|gunmen|attackers|assailants|insurgents|khwarij|khawarij)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacked|stormed|ambushed|opened\s+fire|fired\s+(?:at|on|upon)|hurled|lobbed|raided)\b",
    re.IGNORECASE,
)


#: Property damage: "mortar fire destroyed seven shops", "torched a mobile phone tower".
_DAMAGE = re.compile(
    r"\b(?:destroy(?:ed|ing)|damag(?:ed|ing)|torch(?:ed|ing)|set\s+(?:on\s+)?fire|set\s+ablaze|set\s+alight|razed|"
    r"gutted|blew\s+up|blown\s+up|demolish(?:ed|ing))\b",
    re.IGNORECASE,
)
#: An attack on people or a manned post ("attacked a police station", "ambushed a patrol").
_ON_PEOPLE = re.compile(
    r"\b(?:attack(?:ed|ing)?|storm(?:ed|ing)?|ambush(?:ed|ing)?|target(?:ed|ing)?|raid(?:ed|ing)?|assault(?:ed)?)\s+"
    r"(?:on\s+)?(?:(?:a|an|the|their|its|two|three|several)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:posts?|check ?posts?|checkpoints?|pickets?|police stations?|stations?|camps?|convoys?|patrols?|teams?|"
    r"personnel|soldiers|policemen|troops|officials|vehicles?|vans?|bus(?:es)?|coaches|base|compound|headquarters)\b",
    re.IGNORECASE,
)


#: A grenade or bomb thrown at people: "unknown men threw a hand grenade at the squad of the SSP".
#: Even when no one was hurt this is an attack on people (unlike a cracker at a building that
#: "caused no damage").
_THROWN_AT_PEOPLE = re.compile(
    r"\b(?:threw|thrown|hurled|lobbed|tossed)\s+(?:an?\s+)?(?:hand\s+)?(?:grenades?|bombs?|explosives?)\s+"
    r"(?:at|on|towards)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:squads?|convoys?|patrols?|personnel|soldiers|"
    r"policemen|troops|officials|vehicles?|vans?|cars?|mobiles?)\b",
    re.IGNORECASE,
)


#: An event named only as one told before: "after the blast", "Friday's attack", "this incident",
#: "the bomb struck ...".
#: A sentence without figures whose only event words are of this kind (a police alert elsewhere
#: "after the blast", a minister visiting "the site of the attack") tells no event of its own.
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|such|today's|yesterday's|(?:mon|tues|wednes|thurs|fri|satur|sun)day's)\s+"
    r"(?:(?:[\w-]+|\"[^\"]{1,30}\")\s+){0,2}?"
    r"(?:attacks?|blasts?|bombings?|explosions?|ambush(?:es)?|assaults?|incidents?|strikes?|"
    r"suicide (?:attack|bombing)s?|bombs?|bombers?|devices?|IEDs?|grenades?|gunm[ae]n|assailants?)\b",
    re.IGNORECASE,
)


def _own_event(frame: Frame) -> bool:
    """The frame names an event of its own, not only one told before it."""
    from analysis.extract.segment import _EVENTS

    return any(rx.search(_BACK_REFERENCE.sub(" ", f.sentence.text)) for f in frame.facts for _, rx in _EVENTS)


#: Many events or a period under one mention: "militants have attacked several police posts in
#: recent months", "a spate of attacks". Without figures, such a mention is not an incident.
_SEVERAL_EVENTS = re.compile(
    r"\b(?:in|over|during|for)\s+(?:the\s+)?(?:recent|past|last|previous)\s+(?:few\s+|several\s+|\w+\s+)?"
    r"(?:days|weeks|months|years)\b|\brecent\s+(?:weeks|months|years)\b|\brepeatedly\b|\bseveral times\b|"
    r"\b(?:several|numerous|multiple|repeated|frequent|separate|different|series\s+of|spate\s+of|wave\s+of|string\s+of|dozens\s+of|"
    r"scores\s+of|hundreds\s+of)\s+(?:[\w-]+\s+){0,2}?(?:attacks|raids|operations|strikes|blasts|bombings|incidents|"
    r"ambushes|posts|check ?posts|checkpoints|police stations)\b"
    # "The operations in North and South Waziristan were aimed at ...": the events told, in the plural.
    r"|^(?:the|these|those|both)\s+(?:[\w-]+\s+)?(?:attacks|raids|operations|strikes|blasts|bombings|incidents|"
    r"ambushes)\b",
    re.IGNORECASE,
)
#: The search after an attack: "police launched a search operation to trace the attackers".
_FOLLOW_UP = re.compile(
    r"\b(?:search|combing|clearance|sanitisation|sanitization|cordon[- ]and[- ]search|hunt)\s+operations?\b|"
    r"\bcordoned\s+off\b|\bto\s+(?:trace|hunt(?:\s+down)?|track\s+down|arrest|apprehend|nab)\s+(?:the\s+)?"
    r"(?:attackers|assailants|culprits|perpetrators|suspects|militants|terrorists|gunmen)\b",
    re.IGNORECASE,
)


def _tells_one_event(frame: Frame) -> bool:
    """A sentence of the frame tells one armed event: not a period or many events, not only the search after one."""
    from analysis.extract.segment import _EVENTS

    for f in frame.facts:
        text = f.sentence.text
        if not f.events or _SEVERAL_EVENTS.search(text):
            continue
        if _FOLLOW_UP.search(text) and not any(rx.search(_FOLLOW_UP.sub(" ", text)) for _, rx in _EVENTS):
            continue
        return True
    return False


#: Two events in one sentence: "Two FC soldiers were martyred ... in Khyber district on Wednesday,
#: while a civilian was shot dead ... in Turbat, Kech district".
_COMPOUND = re.compile(r",\s+(?:while|whereas)\s+|;\s+(?:while\s+|whereas\s+|and\s+)?")
#: ", and five others were killed in raids in Bannu": a second clause with its own count, verb and
#: district (wire copy joins the operations of one statement this way). Tried when no ", while"
#: or ";" joins the sentence, and split only on the same conditions (each half its own district
#: and figures).
_AND_COMPOUND = re.compile(r",\s+and\s+(?=(?:[\w-]+\s+){1,3}?(?:were|was|have been|had been|got)\s)", re.IGNORECASE)


#: An earlier event in a trailing clause: "..., wounding 11 people, a day after four policemen
#: were killed in a separate attack".
_TRAILING_EARLIER = re.compile(
    r",\s+(?=(?:just\s+|only\s+)?(?:a|one|two|three|four|five|\d)\s+(?:days?|weeks?)\s+after\b|"
    r"(?:just\s+|only\s+)?(?:hours|days|weeks)\s+after\b)",
    re.IGNORECASE,
)


def _share_day(left: SentenceFacts, right: SentenceFacts) -> None:
    """The two halves of "... on Monday in Swat, while a raid in Lakki Marwat left two dead" share one day.

    The day (and the statement day: "..., police said on Monday") is written once for both
    clauses; each half keeps its own when it has one.
    """
    if not any(d.basis in ("explicit", "relative") for d in right.dates):
        right.dates = [*right.dates, *(d for d in left.dates if d.basis in ("explicit", "relative") and not d.anchored)]
    if not any(d.basis == "statement" for d in left.dates):
        left.dates = [*left.dates, *(d for d in right.dates if d.basis == "statement")]


def _lead_day(facts: list[SentenceFacts], frames: list[Frame]) -> None:
    """Incidents with no day of their own take the day of a lead sentence that no incident kept.

    "Miscreants took seven passengers off a bus ... late on Tuesday night and killed them" (no
    figure read) or "two more incidents were reported on Saturday. In the first, ...": the lead
    dates the events the report goes on to tell, though it became no incident itself (it has no
    figure: a lead with figures is an incident or a total, with rules of its own). Earlier
    events recalled (``background``) keep their own rules.
    """
    lead = next((f for f in facts if f.sentence.kind == "text"), None)
    if lead is None:
        return
    month = next((d for d in lead.dates if d.basis == "imprecise" and d.precision == "month"), None)
    if month is not None and not lead.event_dates and not any(d.basis == "statement" for d in lead.dates):
        # A report on a period ("Some 48 attacks took place in October 2024 ... a single attack in
        # Duki killed 21 mine workers"): its events with no day of their own fall in that month.
        for fr in frames:
            if fr.origin == "text" and fr.own_date() is None and fr.inherited_date is None:
                if fr.statement_date() is None and fr.imprecise_date() is None:
                    fr.inherited_date = month
        return
    if lead.is_context or lead.counted or lead.reaction or any(lead is f for fr in frames for f in fr.facts):
        # A lead with figures is an incident or a total, handled by the other rules (a total's day
        # goes only to the incidents it covers).
        return
    cues = [d for d in lead.dates if d.basis in ("explicit", "relative", "statement") and not d.anchored]
    if not cues or any(d.earlier for d in cues):
        return
    when = next((d for d in cues if d.basis != "statement"), cues[0])
    for fr in frames:
        if fr.origin == "text" and not fr.background and fr.own_date() is None and fr.inherited_date is None:
            if fr.statement_date() is None or when.basis != "statement":
                fr.inherited_date = when


def _lead_statement_day(found: list[tuple[Sentence, bool]], published: date) -> date | None:
    """The day the report speaks from, when its lead names the statement's day before publication.

    "Twelve terrorists were killed ..., the military's media wing said on Sunday" in Monday's
    paper: copy filed on Sunday, so its "yesterday" is Saturday. Read in the first three sentences
    of text; ``None`` when they name no statement day.
    """
    lead = [s for s, _ in found if s.kind == "text"][:3]
    for s in lead:
        said = [d for d in find_dates(s.text, published) if d.basis == "statement"]
        if said:
            return said[0].date if said[0].date < published else None
    return None


#: An earlier event given as the motive, with its own toll: "the raid was a response to Sunday's
#: roadside bombing that killed seven soldiers", "revenge for an Oct 12 assault in which 15 people
#: lost their lives". What follows the cue is told as its own sentence (and so its own event).
_RESPONSE_TO = re.compile(
    r"\s+(?:(?:was|is|came)\s+)?(?:(?:in|as)\s+)?(?:an?\s+)?(?:direct\s+)?(?:response|retaliation|reprisal|revenge)\s+"
    r"(?:to|for)\s+"
    # "..., accusing them of planning last year's attack in which ...", "(highly) wanted for
    # conducting a raid on a police post ..., which resulted in ...": the slain men's past deed.
    r"|,?\s+(?:accusing\s+(?:them|him)\s+of|(?:who\s+(?:was|were)\s+)?(?:highly\s+|most\s+)?wanted\s+for|"
    # "the TTP group which was involved in a December 2022 terrorist attack in which six police
    # officials were martyred": the group's past deed.
    r"(?:who|which|that)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:also\s+|allegedly\s+|reportedly\s+)?"
    r"(?:involved\s+in|behind|responsible\s+for)|"
    # ISPR: "the slain terrorists had been actively involved in numerous terrorist activities,
    # including the heinous acts of terrorism on N-70 ..., which resulted in the martyrdom of ..."
    r"(?:had|have|has)\s+been\s+(?:actively\s+|also\s+|allegedly\s+|directly\s+)*involved\s+in\s+"
    r"(?:numerous|several|many|various|a\s+number\s+of)\s+(?:[\w-]+\s+){0,2}?activities\s*,\s*including)\s+"
    r"(?:(?:planning|carrying\s+out|conducting|masterminding|orchestrating|involvement\s+in)\s+)?"
    r"(?=(?:an?\s+|the\s+|last\s+(?:year|month|week)'s\s+|last\s+|\w+'s\s+)(?:[\w-]+\s+){0,4}?(?:attack|assault|"
    r"bombing|blast|ambush|killings?|explosion|raid|strike|acts?\s+of\s+terrorism)s?\b[^.;]{0,80}?"
    r"\b(?:that|which|in which)\b)",
    re.IGNORECASE,
)

#: The motive half of :data:`_RESPONSE_TO` ("a response to", "revenge for"): the earlier event is
#: told as the cause of this one, at its place; the other half tells the militants' past deeds.
_MOTIVE = re.compile(r"[^,]*\b(?:response|retaliation|reprisal|revenge)\b", re.IGNORECASE)

#: An earlier event in a clause after "since ... when": "the first major attack on Chinese nationals
#: since last year when a suicide bomber blew up a bus, killing 13 people".
_SINCE_WHEN = re.compile(
    r"\bsince\s+(?:last\s+(?:year|month|week)|(?:early|late|mid-?)?\s*(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?:\s+(?:19|20)\d{2})?|(?:19|20)\d{2})\s*,?\s+when\s+",
    re.IGNORECASE,
)
#: Another event told in the same sentence: "an encounter on the night of August 7-8 in which 33
#: militants were neutralised, and another operation on August 9 in which 14 more were gunned down";
#: "five policemen were martyred in an ambush, prompting an operation in which eight terrorists
#: were killed".
_ANOTHER_EVENT = re.compile(
    r",\s+(?:and\s+|while\s+|whereas\s+)(?=(?:an)?other\s+(?:[\w-]+\s+)?(?:attack|operation|raid|encounter|"
    r"clash|ambush|blast|bombing|engagement|IBO|strike)\b)"
    r"|,\s+(?:prompting|triggering|sparking|provoking|leading\s+to)\s+(?=an?\s+(?:[\w-]+\s+){0,3}?(?:operation|raid|"
    r"IBO|crackdown|offensive|search)\b)"
    # "... a terrorist attack in Dera Ismail Khan, which killed 23 soldiers, and a military operation in
    # the Kolachi area in which two army personnel were killed": a second event told with its own toll.
    r"|,\s+and\s+(?=an?\s+(?:[\w-]+\s+){0,2}?(?:operation|attack|raid|encounter|clash|ambush|blast|bombing)\s+"
    r"[^,;]{0,80}?\b(?:in|during)\s+which\b)"
    # "25 soldiers were killed in two separate incidents on a single day, including a terrorist attack
    # in Dera Ismail Khan, which killed 23 soldiers": one of the incidents a total sums, with its toll.
    r"|,\s+including\s+(?=an?\s+(?:[\w-]+\s+){0,2}?(?:operation|attack|raid|encounter|clash|ambush|blast|bombing)\s+"
    r"[^,;]{0,60},\s+which\s+(?:killed|martyred|claimed|left)\b)",
    re.IGNORECASE,
)

#: Two events under one verb, the second noun left out: "we repulsed one attack in Lakki Marwat and
#: another in DI Khan". Read as "... one attack in Lakki Marwat." and "... another attack in DI Khan".
_ONE_AND_ANOTHER = re.compile(
    r"\b(?:one|an?)\s+(?P<noun>attack|blast|raid|operation|encounter|ambush|assault|explosion)\s+(?:in|at|near)\s+"
    r"[A-Z][^,;]{1,40}?\s+(?P<and>and|while)\s+(?P<another>another)\s+(?=(?:in|at|near)\s+[A-Z])"
)

#: An event told as "after the funeral of" a man killed before: "five terrorists struck the Police
#: Lines right after the funeral prayers of Head Constable Shaista Khan, who was killed in a firing
#: attack in Baka Khel earlier in the day". His killing is its own event.
_FUNERAL_OF = re.compile(
    r"\bafter\s+the\s+funeral(?:\s+prayers?)?\s+of\s+(?P<who>[^,;.]{3,80}?),\s+who\s+(?P<what>(?:was|were|had\s+been)\s+"
    r"(?:killed|martyred|shot\s+dead|gunned\s+down)\b[^;]*?)(?=[.;]?$|[.;]\s)",
    re.IGNORECASE,
)

#: An armed event told as new ("killed in a firing attack"), not the one told ("in the attack").
_EVENT_WORD = re.compile(
    r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?(?:attack|firing|blast|bombing|explosion|ambush|shooting|gunfight|"
    r"encounter|clash)\b",
    re.IGNORECASE,
)

#: The earlier death that set off the event told: "residents gathered outside a military camp to demand
#: protection after a child was killed in a mortar attack over the weekend".
_AFTER_KILLED = re.compile(
    r"\s+after\s+(?=(?:an?|one|two|three|four|five|six|\d+)\s+(?:[\w-]+\s+){0,3}?(?:was|were)\s+(?:killed|martyred|"
    r"shot\s+dead|gunned\s+down)\s+in\s+an?\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|bombing|explosion|ambush|firing|"
    r"shooting|strike)\b)",
    re.IGNORECASE,
)

#: One verb, two victims at two places: "militants killed a soldier in Mir Ali and two civilians in
#: Razmak". Read as "... killed a soldier in Mir Ali." and "... killed two civilians in Razmak."
_GAPPED_VICTIMS = re.compile(
    r"\b(?P<verb>killed|martyred|injured|wounded|shot\s+dead|gunned\s+down)\s+(?P<a>(?:an?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d+)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:in|at|near)\s+(?P<x>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+"
    r"and\s+(?P<b>(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:in|at|near)\s+"
    r"(?P<y>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)

#: Two named posts under one verb: "terrorists attacked the Dadiwala and Pezo police stations", "fired at
#: the Ghoriwala and Bakakhel police stations". Each post attacked is an incident (a distinct place).
_NAMED_POSTS = re.compile(
    r"\b(?:attack(?:ed|ing)|storm(?:ed|ing)|target(?:ed|ing)|struck|hit|(?:fired|firing|opened\s+fire)\s+(?:at|on)|"
    r"hurled\s+(?:[\w-]+\s+){0,2}?at)\s+(?:[^.;]{0,60}?\s)?the\s+(?P<a>[A-Z][\w-]+)\s+and\s+(?P<b>[A-Z][\w-]+)\s+"
    r"(?P<what>police\s+stations|police\s+posts|check\s?posts|checkpoints|posts|pickets)\b"
)

_SAME_PLACE = re.compile(r"\bin the same\s+[A-Z][^,.;]{1,40}?\s+(?:district|area|region|tehsil|town|city)\b")


def _split_compounds(found: list[Sentence]) -> list[tuple[Sentence, bool]]:
    """Split a sentence joining two events, each with its own district and casualty figure.

    Each piece comes with True when it is the right-hand clause of a compound ("..., while a raid
    in Lakki Marwat left two dead"), which shares the day of the clause before it.
    """
    out: list[tuple[Sentence, bool]] = []
    for s in found:
        r = _RESPONSE_TO.search(s.text) if s.kind == "text" else None
        if r:
            left, right = s.text[: r.start()], s.text[r.end() :]
            if same := _SAME_PLACE.search(right):
                # "... in the same Lakki Marwat district": the place of both events.
                left += " " + same.group(0)
            left += "."
            right = right[:1].upper() + right[1:]
            if any(x.outcome in ("killed", "injured") for x in find_casualties(right)):
                # The motive clause tells an earlier event with its own toll.
                deed = not _MOTIVE.match(s.text[r.start() : r.end()])
                out += [(replace(s, text=left), False), (replace(s, text=right, recalled=True, past_deed=deed), False)]
                continue
        w = _SINCE_WHEN.search(s.text) if s.kind == "text" else None
        if w:
            left, right = s.text[: w.start()].rstrip(" ,") + ".", s.text[w.end() :]
            right = right[:1].upper() + right[1:]
            if any(x.outcome in ("killed", "injured") for x in find_casualties(right)):
                # "since last year when a bomber blew up a bus, killing 13": the earlier event.
                out += [(replace(s, text=left), False), (replace(s, text=right, recalled=True), False)]
                continue
        fu = _FUNERAL_OF.search(s.text) if s.kind == "text" and "funeral" in s.text.lower() else None
        if fu and _EVENT_WORD.search(fu.group("what")):
            # The main clause keeps the funeral; the man's killing is told as its own sentence.
            left = s.text[: fu.start("who") + len(fu.group("who"))] + s.text[fu.end("what") :]
            right = fu.group("who")[:1].upper() + fu.group("who")[1:] + " " + fu.group("what").rstrip(" .") + "."
            out += [(replace(s, text=left), False), (replace(s, text=right, separate=True), False)]
            continue
        k = _AFTER_KILLED.search(s.text) if s.kind == "text" else None
        if k:
            left, right = s.text[: k.start()] + ".", s.text[k.end() :]
            right = right[:1].upper() + right[1:]
            told_when = [d for d in find_dates(right, date.today()) if d.basis in ("explicit", "relative", "imprecise")]
            if told_when and not any(x.outcome in ("killed", "injured") for x in find_casualties(left)):
                # The main clause has no toll of its own, and the death has a time of its own ("over the
                # weekend"): an earlier event, not the one told ("a search began after two policemen
                # were killed in an attack" is the same event and is not split).
                out += [(replace(s, text=left), False), (replace(s, text=right, recalled=True), False)]
                continue
        v = _GAPPED_VICTIMS.search(s.text) if s.kind == "text" else None
        if v:
            px, py = find_places(v.group("x"))[0], find_places(v.group("y"))[0]
            if px and py and {p.locality or p.district for p in px} != {p.locality or p.district for p in py}:
                left = s.text[: v.start("b") - len("and ")].rstrip() + s.text[v.end("y") :]
                right = s.text[: v.start("a")] + s.text[v.start("b") :]
                out += [(replace(s, text=left), False), (replace(s, text=right, separate=True), True)]
                continue
        n = _NAMED_POSTS.search(s.text) if s.kind == "text" else None
        if n and not any(x.outcome in ("killed", "injured") for x in find_casualties(s.text)):
            # Without figures only: with them, the text would say which post they belong to.
            one, before, after = n.group("what")[:-1], s.text[: n.start("a")], s.text[n.end("what") :]
            pieces = [f"{before}{name} {one}{after}" for name in (n.group("a"), n.group("b"))]
            out += [(replace(s, text=pieces[0], separate=True), False)]
            out += [(replace(s, text=pieces[1], separate=True), True)]
            continue
        g = _ONE_AND_ANOTHER.search(s.text) if s.kind == "text" else None
        if g:
            head = s.text[: g.start()]
            left = s.text[: g.start("and")].rstrip(" ,") + "."
            right = head + "another " + g.group("noun") + " " + s.text[g.end() :]
            lp, rp = find_places(left)[0], find_places(s.text[g.end() :])[0]
            if {p.district for p in lp if p.district} != {p.district for p in rp if p.district}:
                out += [(replace(s, text=left), False), (replace(s, text=right, separate=True), True)]
                continue
        a = _ANOTHER_EVENT.search(s.text) if s.kind == "text" else None
        if a:
            left, right = s.text[: a.start()] + ".", s.text[a.end() :]
            right = right[:1].upper() + right[1:]
            if all(any(x.outcome in ("killed", "injured") for x in find_casualties(part)) for part in (left, right)):
                # Each event with its own figures; an earlier event's follow-up is earlier too.
                recalled = s.recalled or bool(_EARLIER_EVENT.search(left))
                out.append((replace(s, text=left), False))
                # The second event may itself join a third ("..., including an attack ..., which killed
                # 23 soldiers, and an operation ... in which two were killed"): split it in turn.
                rest = _split_compounds([replace(s, text=right, separate=True, recalled=recalled)])
                out += [(piece, True if i == 0 else shared) for i, (piece, shared) in enumerate(rest)]
                continue
        t = _TRAILING_EARLIER.search(s.text) if s.kind == "text" else None
        if t:
            left, right = s.text[: t.start()] + ".", s.text[t.end() :]
            right = right[:1].upper() + right[1:]
            if all(any(x.outcome in ("killed", "injured") for x in find_casualties(part)) for part in (left, right)):
                # Each clause tells its own casualties: the trailing one is an earlier event.
                out += [(replace(s, text=left), False), (replace(s, text=right), False)]
                continue
        m = (_COMPOUND.search(s.text) or _AND_COMPOUND.search(s.text)) if s.kind == "text" else None
        if m:
            left, right = s.text[: m.start()] + ".", s.text[m.end() :]
            right = right[:1].upper() + right[1:]
            dl = {p.district for p in find_places(left)[0] if p.district}
            dr = {p.district for p in find_places(right)[0] if p.district}
            counted = all(
                any(x.outcome in ("killed", "injured") for x in find_casualties(part)) for part in (left, right)
            )
            if dl and dr and not dl & dr and counted:
                out += [(replace(s, text=left), False), (replace(s, text=right), True)]
                continue
            if (
                m.group(0).strip(" ,;").lower() in ("while", "whereas")
                and not dr - dl
                and all(any(x.outcome == "killed" for x in find_casualties(part)) for part in (left, right))
                and _EVENT_WORD.search(right)
            ):
                # "Earlier this month, a paramilitary official was shot dead by unknown men, while a
                # policeman was killed in an attack on a polio vaccination centre": a death in an event
                # of its own ("in an attack on ..."), told beside another death.
                second = replace(s, text=right, separate=True, recalled=s.recalled or bool(_EARLIER_EVENT.search(left)))
                out += [(replace(s, text=left), False), (second, True)]
                continue
        out.append((s, False))
    return out


#: Where ISPR and federal statements are issued from: a dateline there says nothing of where
#: an incident happened.
_STATEMENT_CITIES = frozenset({"Rawalpindi", "Islamabad"})


#: A criminal or personal motive given for the killing itself: "shot dead over a land dispute",
#: "killed in a dispute over property", "over an old enmity", "during a robbery". The motive must
#: be tied to the event by a preposition: "where land disputes go back a long way" or "family
#: feuds are common" describe a region, not why these people died.
_CRIME = re.compile(
    r"\b(?:over|due to|because of|owing to|in|amid|following|after|from|linked to|related to|stemming from|"
    r"result of|outcome of|motivated by|fallout of|citing|blamed on|attributed to)\s+"
    r"(?:an?|the|some|their|his|her|a\s+long[- ]standing|an\s+old)?\s*"
    r"(?:(?:old|long[- ]standing|longstanding|ongoing|alleged|decades?[- ]old|petty|minor)\s+)?"
    r"(?:(?:land|property|family|personal|old|tribal|monetary|money|business|domestic|water|marriage|"
    r"matrimonial)\s+)?(?:dispute|enmity|feud|rivalry|quarrel|altercation|brawl|vendetta)s?\b|"
    # "police suspect personal enmity behind the killing", "the motive was a land dispute"
    r"\b(?:dispute|enmity|feud|rivalry|vendetta)s?\s+(?:(?:was|is|were|appears?\s+to\s+(?:be|have\s+been)|may\s+have\s+been|"
    r"could\s+be)\s+)?behind\b|\b(?:motive|cause|reason)\s+(?:behind\s+[\w\s]{1,30}?\s+)?(?:was|is|appeared\s+to\s+be)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:dispute|enmity|feud|rivalry|robbery|vendetta)\b|"
    r"\bhonou?r killing\b|\brobbery\b|\brobbers?\b|\bdacoits?\b|\bdacoity\b|\bmuggers?\b|\bsnatchers?\b|"
    # "the attackers had a land dispute with the owner of the plot": a quarrel between the parties.
    r"\b(?:had|has|have|having)\s+(?:an?\s+)?(?:(?:old|long[- ]standing|longstanding|ongoing|previous)\s+)?"
    r"(?:(?:land|property|family|personal|monetary|money|business|tribal)\s+)?(?:dispute|enmity|feud|rivalry)s?\s+with\b",
    re.IGNORECASE,
)
#: Signs of an armed conflict: militant actors and weapons, and sectarian violence (attacks on
#: convoys of one sect are coded, however old the local feud behind them).
_MILITANCY = re.compile(
    r"\b(?:militants?|terrorists?|khwarij|khawarij|insurgents?|TTP|BLA|suicide|IED|blast|bomb\w*|grenade|ISPR|"
    r"sectarian|Taliban|extremists?)\b",
    re.IGNORECASE,
)
#: An explosion by accident: "the grenade went off in the arms depot", "an accidental blast", "while
#: defusing a mortar shell". With no attacker named it is not an armed event (coding rule 1).
_ACCIDENT = re.compile(
    r"\b(?:arms|ammunition|weapons?|explosives?)\s+(?:depot|dump|store|storage|godown)\b|\bmalkhana\b|"
    r"\baccident(?:al|ally)?\b|\bwhile\s+(?:defusing|handling|cleaning|playing\s+with|dismantling)\b|"
    r"\bmishandl\w+|\bmisfired?\b",
    re.IGNORECASE,
)
_ATTACKER = re.compile(
    r"\b(?:militants?|terrorists?|attackers?|gunmen|assailants?|insurgents?|khwarij|khawarij|miscreants|suicide|"
    r"bomber|planted|thrown|threw|hurled|lobbed|targeted|targeting|attack(?:ed|s)?|ambush\w*|opened\s+fire|IED)\b",
    re.IGNORECASE,
)
_ARREST = re.compile(r"\b(?:arrest(?:ed|s)?|apprehended|detained|taken into custody|abducted|kidnapped)\b", re.I)


#: Several events under one figure: "a string of terror strikes", "a wave of attacks".
_SERIES = re.compile(
    r"\b(?:an?\s+)?(?:string|series|spate|wave|chain|flurry|rash|number|surge)\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks|strikes|blasts|bombings|ambushes|assaults|incidents|operations)\b|"
    r"\b(?:several|multiple|separate|different|various)\s+(?:[\w-]+\s+)?(?:attacks|strikes|blasts|bombings|ambushes)\b",
    re.IGNORECASE,
)


def _background_sums(frames: list[Frame]) -> tuple[list[Frame], list[SumNote]]:
    """Drop an earlier total over several events when an event told after it is part of it.

    "... a day after 17 soldiers were killed in three separate attacks. ... Fourteen soldiers were
    killed on Friday when militants ambushed ...": the 17 is a sum (README 2) of which the text
    tells one part, not an incident. A background total no later event accounts for is kept as
    one row (README 3: an aggregate that cannot be split).
    """
    out: list[Frame] = []
    notes: list[SumNote] = []
    for i, fr in enumerate(frames):
        if not fr.background or fr.origin != "text":
            out.append(fr)
            continue
        provinces = {p.province for p in fr.places if p.province and not p.district}
        several = fr.aggregate or len(provinces) > 1 or any(_SERIES.search(f.sentence.text) for f in fr.facts)
        counts = fr.counts()
        parts = []
        if several:
            for later in frames[i + 1 : i + 13]:
                if later.origin != "text" or later.background and later.aggregate:
                    continue
                if fr.province and later.province and later.province != fr.province and not provinces:
                    continue
                lc = later.counts()
                for key in ("security", "civilians", "militants", "unknown", "injured"):
                    whole, part = counts[key], lc[key]
                    if whole and part and part < whole:
                        parts.append(f"{key} {part} of {whole}")
        if parts:
            notes.append(
                SumNote(
                    fr.facts[0].sentence.text,
                    "earlier total over several events, partly told as its own incident ("
                    + ", ".join(dict.fromkeys(parts))
                    + "); not coded, check the text",
                )
            )
            continue
        out.append(fr)
    return out, notes


def _lead_sums(frames: list[Frame]) -> tuple[list[Frame], list[SumNote]]:
    """A lead figure without a district of its own that adds up the incidents told after it.

    "Eleven terrorists were killed in Khyber Pakhtunkhwa over the weekend. Troops killed seven
    ... in North Waziristan ... Four more were killed in Tank": the 11 is a lead total (coding
    rule 2), though no word such as "in two operations" says so. Also a lead placed only at a
    statement city ("Islamabad: Security forces have killed 35 ..."). Each figure of the lead must
    be the sum of figures of later incidents, at least one of them a sum of two or more.
    """
    from analysis.extract.segment import _exact_subset

    keys = ("security", "civilians", "militants", "unknown", "injured")
    out: list[Frame] = []
    notes: list[SumNote] = []
    for i, fr in enumerate(frames):
        own = [d for d in fr.districts if d not in _STATEMENT_CITIES]
        if fr.origin not in ("text", "aggregate") or fr.background or own:
            out.append(fr)
            continue
        at_city = bool(fr.districts) or fr.province == "Islamabad Capital Territory"
        later = [
            d
            for d in frames[i + 1 : i + 9]
            if d.origin in ("text", "aggregate")
            and not d.background
            and d.districts
            and (at_city or fr.province is None or d.province == fr.province)
        ]
        counts = fr.counts()
        explained: list[str] = []
        several = False
        for key in keys:
            target = counts[key]
            if not target:
                continue
            subset = _exact_subset([(d, n) for d in later if (n := d.counts()[key])], target)
            if not subset:
                explained = []
                break
            several = several or len(subset) > 1
            explained.append(f"{key} {target} = " + " + ".join(str(d.counts()[key]) for d in subset))
        if explained and several:
            why = "lead total of the incidents told after it: " + "; ".join(explained)
            notes.append(SumNote(fr.facts[0].sentence.text, why))
            continue
        out.append(fr)
    return out, notes


def _figureless_background(frames: list[Frame]) -> tuple[list[Frame], list[str]]:
    """Earlier events named without figures: joined to their figures told next, else not coded.

    Background references are coded only with a casualty figure (coding rule 1). "... took a
    nosedive after last month's Khuzdar attack on schoolchildren. A blast near Zero Point in
    Khuzdar hit a school bus, martyring five ...": the figures that follow at the same place,
    with no date of their own, are that earlier event's, dated and flagged by the mention.
    """
    out: list[Frame] = []
    review: list[str] = []
    skip: set[int] = set()
    for i, fr in enumerate(frames):
        if i in skip:
            continue
        c = fr.counts()
        opening = fr.facts[0].sentence.text if fr.facts else ""
        earlier = fr.background or any(f.background for f in fr.facts) or bool(_BACKGROUND.search(opening))
        if fr.origin != "text" or not earlier or c["killed_total"] is not None or c["injured"] is not None:
            out.append(fr)
            continue
        nxt = frames[i + 1] if i + 1 < len(frames) else None
        if (
            nxt is not None
            and nxt.origin in ("text", "aggregate")
            and set(fr.districts) & set(nxt.districts)
            and nxt.own_date() is None
            and nxt.inherited_date is None
            and (nxt.counts()["killed_total"] is not None or nxt.counts()["injured"] is not None)
        ):
            nxt.facts[:0] = fr.facts
            nxt.evidence[:0] = fr.evidence
            nxt.background = True
            nxt.notes.append(f'date and background from the mention before the figures: "{opening}"')
            continue
        review.append(f'not coded (an earlier event named without figures): "{opening}"')
    return out, review


#: "Two days earlier to this attack, on July 12, four soldiers had ...": the day named is n days before
#: the event told just before, which gave no day of its own ("Few days back, ...").
_EARLIER_THAN_THIS = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|[1-6])\s+days?\s+(?:(?:earlier|before)\s+(?:to|than)|before)\s+"
    r"(?:this|that|the\s+(?:latest|last))\s+(?:attack|ambush|blast|bombing|incident|assault|operation)\b",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _dated_from_the_next(frames: list[Frame]) -> None:
    """Date an undated event from the one told after it, when that one says how many days earlier it was."""
    for prev, fr in zip(frames, frames[1:], strict=False):
        if prev.own_date() is not None or prev.inherited_date is not None:
            continue
        for f in fr.facts:
            m = _EARLIER_THAN_THIS.search(f.sentence.text)
            day = next((d for d in f.event_dates if d.basis == "explicit" and not d.earlier), None)
            if m and day:
                n = _SMALL_NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
                prev.inherited_date = DateCue(day.date + timedelta(days=n), "relative", f"{m.group(0)} ({day.text})", 0)
                prev.anchor_resolved = True
                break


def _dateline_district(frames: list[Frame], place: str | None, *, named_only: bool) -> None:
    """Give the dateline's district to frames that name only the province it lies in.

    "KARACHI: ... outside Jinnah International Airport" with "Sindh Home Minister" → Karachi.
    """
    if not place:
        return
    found, _ = find_places(place)
    found = [p for p in found if p.district]
    if len(found) != 1:
        return
    p = found[0]
    for fr in frames:
        if fr.origin != "text" or fr.background or fr.districts or fr.region:
            continue
        if fr.province == p.province or (
            fr.province is None and (fr.unresolved or not named_only) and p.district not in _STATEMENT_CITIES
        ):
            # A local area the gazetteer lacks ("the Tajori area") in a report filed from
            # LAKKI MARWAT is taken to be in that district; flagged for review.
            fr.place_note = (
                f"district {p.district} from the dateline (the text names only the province)"
                if fr.province
                else f"district {p.district} from the dateline; '{fr.unresolved[0].text}' is not in the gazetteer"
                if fr.unresolved
                else f"district {p.district} from the dateline (the text names no place)"
            )
            fr.places.append(p)


def _candidate(frame: Frame, n: int, report: Report, published: date) -> Candidate:
    counts = frame.counts()
    review: list[str] = list(frame.notes)
    confidence = 0.9
    own = frame.own_date()
    # A date cue's Basis, or "publication"/"unknown" when the text gives no event date.
    basis: str
    if own is not None:
        when, basis, precision = own.date, own.basis, own.precision
    elif frame.inherited_date is not None:
        when, basis, precision = frame.inherited_date.date, frame.inherited_date.basis, "day"
        if basis == "statement":
            # The lead's statement day stands in for the event date, as in the lead itself.
            basis = "publication"
        elif basis == "imprecise":
            basis, precision = "unknown", frame.inherited_date.precision
        review.append(f"date from the lead ('{frame.inherited_date.text}')")
    elif frame.background and (im := frame.imprecise_date()) is not None:
        when, basis, precision = im.date, "unknown", im.precision
        review.append(f"date known only as '{im.text}'")
        confidence -= 0.2
    elif frame.background:
        # "The attack came days after ...": before publication, by how much the text does not say.
        when, basis, precision = published, "unknown", "year"
        review.append("date not given for the earlier event: publication date written, precision 'year'")
        confidence -= 0.2
    elif (st := frame.statement_date()) is not None:
        when, basis, precision = st.date, "publication", "day"
        review.append(f"no event date: date of the statement ('{st.text}') used as publication date")
        confidence -= 0.1
    elif (im := frame.imprecise_date()) is not None:
        when, basis, precision = im.date, "unknown", im.precision
        review.append(f"date known only as '{im.text}'")
        confidence -= 0.2
    else:
        when, basis, precision = published, "publication", "day"
        review.append("no date in the text: publication date used")
        confidence -= 0.1
    districts = frame.districts
    district = "; ".join(districts) if districts else None
    # Area names the gazetteer lacks are still the text's locality (listed for review).
    localities = frame.localities or [p.text for p in frame.unresolved]
    if frame.origin == "remainder":
        district = "; ".join(districts) if districts else None
    if not district:
        confidence -= 0.2
        review.append(
            "district not named in the text"
            if not frame.unresolved
            else "place not in the gazetteer: " + ", ".join(p.text for p in frame.unresolved)
        )
    if frame.place_note:
        review.append(frame.place_note)
        confidence -= 0.1
    if any(p.fuzzy for p in frame.places):
        review.append(
            "place matched by spelling: " + ", ".join(f"'{p.text}' → {p.district}" for p in frame.places if p.fuzzy)
        )
        confidence -= 0.05
    if len(districts) > 1:
        review.append("one figure for several districts (no split in the text)")
    if frame.origin in ("aggregate", "remainder"):
        confidence -= 0.15
    assumed = [m for f in frame.facts for m in f.counted if m.assumed]
    if assumed:
        review.append("no verb says what happened to '" + assumed[0].text + "': taken as killed")
        confidence -= 0.2
    for f in frame.facts:
        for v in f.vague:
            review.append(f"vague quantity not coded: '{v}'")
        for m in f.counted:
            if m.qualifier in ("approximate", "around", "about", "nearly", "almost", "approximately", "some"):
                review.append(f"approximate count '{m.qualifier} {m.count}' coded as {m.count}")
            elif m.qualifier in ("more than", "over"):
                review.append(f"'{m.qualifier} {m.count}' coded as {m.count} (a lower bound)")
    opening = (frame.evidence or frame.facts)[0].sentence.text if frame.facts else ""
    if frame.background or _BACKGROUND.search(opening):
        review.insert(0, "background: an earlier event retold; check it is not already coded from its own report")
        confidence -= 0.1
    event_type = frame.event_type() or ("clash" if frame.origin == "remainder" else None)
    if counts["killed_total"] is None and counts["injured"] is None:
        review.append("no casualty figures in the text")
        confidence -= 0.1
    return Candidate(
        incident_id=f"{Path(report.name).stem}-{n}",
        date=when,
        date_basis=basis,
        date_precision=precision,
        province=frame.province,
        district=district,
        locality="; ".join(localities) if localities and len(districts) <= 1 else None,
        event_type=event_type,
        method=_method(frame, event_type),
        perpetrator=frame.perpetrator(),
        killed_security=counts["security"],
        killed_civilians=counts["civilians"],
        killed_militants=counts["militants"],
        killed_unknown=counts["unknown"],
        killed_total=counts["killed_total"],
        injured_total=counts["injured"],
        source=report.name,
        source_url=report.url,
        sentences=tuple(dict.fromkeys(f.sentence.text for f in (frame.evidence or frame.facts))),
        confidence=round(max(0.1, min(1.0, confidence)), 2),
        review=tuple(dict.fromkeys(review)),
    )


def _continued_statistics(facts: list) -> None:
    """A sentence going on with the figures of a statistic is context too.

    "... in June alone at least 100 people died. Another 189 were injured.": the second
    sentence names no place or day of its own and continues the period figure before it.
    """
    previous_context = False
    for f in facts:
        if f.sentence.kind != "text":
            continue
        if (
            previous_context
            and not f.context
            and f.counted
            and not (f.district_places or f.unresolved or f.event_dates)
            and continues_figures(f.sentence.text)
        ):
            f.context = "continues the statistic before it"
        previous_context = f.is_context


def extract_text(raw: str, *, name: str, published: date | None = None) -> Extraction:
    """Candidate incidents and context facts from one report's text.

    Parameters
    ----------
    raw
        The report: plain text or HTML, optionally starting with ``date YYYY-MM-DD`` and
        ``url <address>`` lines.
    name
        The report's file name (the ``source`` of every candidate).
    published
        Publication date; overrides the ``date`` line. Relative dates need one.

    Raises
    ------
    SourceFormatError
        The report has no publication date and none was given, or no text.
    """
    report = parse_report(raw, name=name)
    pub = published or report.published
    if pub is None:
        raise SourceFormatError("no publication date: add a first line 'date YYYY-MM-DD' or pass --date", file=name)
    if not report.body.strip():
        raise SourceFormatError("report has no text", file=name)
    facts: list[SentenceFacts] = []
    antecedent = None
    referents: dict[str, int] = {}
    found = _split_compounds(sentences(report.body))
    reference = _lead_statement_day(found, pub)
    for s, shares_day in found:
        f = read_sentence(s, pub, antecedent=antecedent, referents=referents, reference=reference)
        if shares_day and facts:
            _share_day(facts[-1], f)
        facts.append(f)
        if s.kind == "text":
            antecedent = last_category(s.text) or antecedent
            for m in f.mentions:
                if m.noun and not m.subset:
                    referents[m.noun] = m.count
    _continued_statistics(facts)
    frames = segment(facts, pub)
    frames = merge_duplicates(frames)
    inherit_lead_dates(frames)
    frames, sums = reconcile(frames)
    frames, background_sums = _background_sums(frames)
    frames, lead_sums = _lead_sums(frames)
    sums = [*sums, *background_sums, *lead_sums]
    _lead_day(facts, frames)
    resolve_anchored_dates(frames)
    _dated_from_the_next(frames)
    place = dateline(report.body)
    _dateline_district(frames, place, named_only=True)
    inherit_scene(frames)
    _dateline_district(frames, place, named_only=False)
    frames, review = _figureless_background(frames)
    kept = []
    # The saved text's last sentence when it stops without closing punctuation (cut off mid-sentence).
    last = next((f.sentence for f in reversed(facts) if f.sentence.kind == "text"), None)
    cut = last if last is not None and not re.search(r"[.!?…'\"”’)]\s*$", last.text) else None
    for fr in frames:
        c = fr.counts()
        text = fr.text()
        if _CRIME.search(text) and not _MILITANCY.search(text):
            # A killing over a land dispute or in a robbery is crime, not an armed event.
            review.append(f'not coded (a criminal or personal motive is given): "{fr.facts[0].sentence.text}"')
        elif _ACCIDENT.search(text) and not _ATTACKER.search(text):
            review.append(f'not coded (an accidental explosion, no attacker named): "{fr.facts[0].sentence.text}"')
        elif c["killed_total"] or c["injured"]:
            # Figures other than an explicit 0 ("no one was injured"): an event told with its toll.
            kept.append(fr)
        elif fr.has_place and fr.event_type():
            # Without figures (or with only an explicit none) an event is coded only when the text
            # does not say nobody was hurt (property destruction without casualties is not an incident).
            if not _own_event(fr):
                # Told after an incident and naming no event of its own: an aside on the one before.
                review.append(f'not coded (refers to an event told before, no figures): "{fr.facts[0].sentence.text}"')
            elif fr.facts and all(f.sentence is cut for f in fr.facts):
                # "In a separate incident, security forces launched an airstrike in South Waziristan"
                # as the saved text stops: a mention cut off before its figures (coding rule 1).
                review.append(f'not coded (cut off before any figure): "{fr.facts[0].sentence.text}"')
            elif len(fr.districts) > 1:
                # "Terrorists attacked four police stations in Bannu and Lakki Marwat districts": several
                # events over several districts, with no figure to code as one row (coding rule 3).
                review.append(f'not coded (several events or places, no figures): "{fr.facts[0].sentence.text}"')
            elif not _tells_one_event(fr):
                first = fr.facts[0].sentence.text
                review.append(f'not coded (many events, a period or a search, no figures): "{first}"')
            elif _DAMAGE.search(text) and not (_ENGAGEMENT.search(text) or _ON_PEOPLE.search(text)):
                # Property destruction without casualties is not an incident (coding rule 1).
                review.append(f'not coded (property damage, no casualties): "{fr.facts[0].sentence.text}"')
            elif any(_NO_CASUALTIES.search(f.sentence.text) for f in fr.facts) and not (
                _ENGAGEMENT.search(text) or _THROWN_AT_PEOPLE.search(text)
            ):
                review.append(f'not coded (the text says no one was hurt): "{fr.facts[0].sentence.text}"')
            elif (
                any(m.outcome == "other" for f in fr.facts for m in f.mentions)
                or any(_ARREST.search(f.sentence.text) for f in fr.facts)
            ) and not (_ENGAGEMENT.search(text) or _MILITANT_ATTACK.search(text)):
                # Arrests, abductions and recoveries without casualties are not incidents.
                review.append(f'not coded (arrests or abductions, no casualties): "{fr.facts[0].sentence.text}"')
            else:
                kept.append(fr)
    candidates = tuple(_candidate(fr, i + 1, report, pub) for i, fr in enumerate(kept))
    context = []
    for f in facts:
        if f.is_context and (f.counted or quantities(f.sentence.text)):
            figures = tuple((m.count, f"{m.category} {m.outcome}") for m in f.counted) or quantities(f.sentence.text)
            context.append(ContextFact(name, f.sentence.text, f"'{f.context}'", figures))
        elif f.sentence.kind in ("headline", "bullet") and f.counted:
            review.append(f'{f.sentence.kind} not coded (restates the text): "{f.sentence.text}"')
    for fr in kept:
        for p in fr.unresolved:
            review.append(f"unresolved place: '{p.text}'")
    return Extraction(name, pub, report.url, candidates, tuple(context), tuple(sums), tuple(dict.fromkeys(review)))


#: Largest report read (bytes): a news report is a few tens of kB; 5 MB is a book.
MAX_REPORT_BYTES = 5_000_000


def read_report(path: str | Path, *, max_bytes: int = MAX_REPORT_BYTES) -> str:
    """The text of a report file, refusing what is not a regular file or is larger than ``max_bytes``.

    A device (``/dev/zero``) would be read without end and a FIFO would wait for a writer:
    both are refused from their file type, before anything is read. The size is checked
    from the file's metadata and again while reading (a file may grow).
    """
    import stat

    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError as exc:
        raise SourceFormatError("file not found", file=p) from exc
    except OSError as exc:
        raise SourceFormatError(f"cannot be read: {exc.strerror or exc}", file=p) from exc
    if stat.S_ISDIR(info.st_mode):
        raise SourceFormatError("is a folder; pass the files in it", file=p)
    if not stat.S_ISREG(info.st_mode):
        kind = "FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "device or socket"
        raise SourceFormatError(f"is a {kind}, not a regular file; save the report to a file first", file=p)
    from analysis.sources._tabular import human_bytes

    too_big = SourceFormatError(
        f"is more than {human_bytes(max_bytes)}, far more than a news report; limit set by --max-bytes", file=p
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SourceFormatError(f"cannot be read: {exc.strerror or exc}", file=p) from exc
    if len(data) > max_bytes:
        raise too_big
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(f"cannot be decoded as UTF-8 (byte {exc.start})", file=p) from exc


def extract_file(path: str | Path, *, published: date | None = None, max_bytes: int = MAX_REPORT_BYTES) -> Extraction:
    """:func:`extract_text` on a file (UTF-8 text or HTML); see :func:`read_report` for what is refused."""
    p = Path(path)
    raw = read_report(p, max_bytes=max_bytes).replace("\r\n", "\n").replace("\r", "\n")
    return extract_text(raw, name=p.name, published=published)


def candidates_frame(extractions: list[Extraction] | tuple[Extraction, ...]) -> pd.DataFrame:
    """Candidates as rows in the native schema, plus the review columns."""
    rows = []
    for ex in extractions:
        for c in ex.candidates:
            rows.append(
                {
                    "incident_id": c.incident_id,
                    "date": c.date.isoformat(),
                    "date_end": None,
                    "date_precision": c.date_precision,
                    "country": "Pakistan",
                    "province": c.province,
                    "district": c.district,
                    "locality": c.locality,
                    "latitude": None,
                    "longitude": None,
                    "event_type": c.event_type,
                    "method": c.method,
                    "perpetrator": c.perpetrator,
                    "target": None,
                    "killed_security": c.killed_security,
                    "killed_civilians": c.killed_civilians,
                    "killed_militants": c.killed_militants,
                    "killed_unknown": c.killed_unknown,
                    "killed_total": c.killed_total,
                    "killed_low": None,
                    "killed_high": None,
                    "injured_total": c.injured_total,
                    "source": c.source,
                    "source_url": c.source_url,
                    "description": " ".join(c.sentences)[:500],
                    "dataset": DATASET,
                    "date_basis": c.date_basis,
                    "confidence": c.confidence,
                    "source_sentences": " | ".join(c.sentences),
                    "review": "; ".join(c.review),
                }
            )
    cols = list(schema.columns()) + list(REVIEW_COLUMNS)
    frame = pd.DataFrame(rows, columns=cols)
    for col in (*schema.COUNT_COLUMNS,):
        frame[col] = frame[col].astype("Int64")
    _add_coordinates(frame)
    return frame


def _add_coordinates(frame: pd.DataFrame) -> None:
    """Approximate coordinates: the district's centre when exactly one district is named."""
    from analysis.gazetteer import find_district

    lat, lon = [], []
    for d in frame["district"]:
        dist = find_district(d) if isinstance(d, str) and ";" not in d else None
        lat.append(dist.latitude if dist else None)
        lon.append(dist.longitude if dist else None)
    frame["latitude"] = pd.array(lat, dtype="Float64")
    frame["longitude"] = pd.array(lon, dtype="Float64")
