"""Incident segmentation: sentences → incident frames → merged, reconciled incidents.

1. Each running-text sentence is read into :class:`SentenceFacts` (places, casualty
   mentions, date cues, event cues, markers).
2. Sentences are grouped into frames. A new frame starts at an explicit marker ("In a
   separate operation", "In a third engagement", "In one such operation"), at a new
   district or locality named with an event or casualties, or at a sentence that
   states a sum ("in three separate operations", "in the last 24 hours", "a total
   of"); such frames are *aggregates*. A sentence naming the place of an earlier frame
   goes back to that frame (a report's body retelling its lead).
3. Frames that tell the same event twice (compatible place and date, equal counts)
   are merged, except a frame introduced as "separate" from the one before it.
4. Each aggregate is reconciled with the frames inside its area: a figure that
   equals the sum of some of them is a headline total and is not counted again; a
   figure no frame accounts for becomes its own incident (district blank unless the
   aggregate names it); a figure only partly accounted for is listed for review.
   Frames covered by an aggregate take its date when they have none, and a covered
   frame without a district takes the one district of the aggregate left unclaimed.
5. A frame naming no place at all continues the scene before it (place and date).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from analysis.extract.context import context_cue
from analysis.extract.dates import DateCue, find_dates
from analysis.extract.numbers import VAGUE_RE
from analysis.extract.places import Place, find_places
from analysis.extract.text import Sentence
from analysis.extract.victims import VICTIM_NOUNS, Category, Mention, distinct_people, find_casualties

_NUMWORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
#: One vocabulary of the nouns that name an armed event, singular and plural, used by every
#: rule below that looks for "another X", "in three separate Xs", "in the first X", "the X took
#: place" (real reports say shootout, encounter, gunfight, exchange of fire as often as attack).
_EVENT_NOUN = (
    r"(?:attack|operation|incident|engagement|raid|blast|encounter|shoot-?out|clash|fire-?fight|"
    r"gun-?fight|gun battle|exchange of fire|ambush|bombing|explosion|assault|strike|skirmish|IBO|"
    r"action|episode)"
)
_EVENT_NOUNS = rf"(?:{_EVENT_NOUN}e?s)"
_AGGREGATE = re.compile(
    rf"\bin\s+(?:the\s+|these\s+|those\s+)?{_NUMWORD}\s+(?:(?:separate|different|other|more)\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"{_EVENT_NOUNS}\b"
    rf"|\b{_NUMWORD}\s+(?:separate|different)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUNS}\b"
    r"|\bseparate attacks\b|\bacross\b|\bvarious (?:parts|areas)\b|\bdifferent (?:areas|parts|operations)\b"
    r"|\b(?:last|past|previous) (?:24|36|48|72|twenty-four|(?:forty|seventy)[- ](?:eight|two)) hours\b"
    r"|\b(?:last|past|previous) (?:two|three|2|3) days\b|\btotal of\b|\bthus far\b|\bin total\b|\baltogether\b"
    rf"|\bin both (?:the\s+)?{_EVENT_NOUNS}\b"
    # "Twin attacks on military posts ... killed seven soldiers": one figure over two events.
    rf"|\b(?:twin|double|coordinated|simultaneous)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUNS}\b"
    # "The wave of attacks left five police officials martyred": one figure over several events.
    rf"|\b(?:string|series|spate|wave|chain|flurry|rash)\s+of\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUNS}\b",
    re.IGNORECASE,
)
_NEW_MARKER = re.compile(
    r"\b(?:in|during)\s+(?:a|another|one)\s+(?:separate|second|third|fourth|fifth|different|such|other)\b"
    # "another attack", "another similar major attack": up to two words between.
    rf"|\banother\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b"
    # "A second intelligence based operation was carried out in ...": up to two words between.
    rf"|\b(?:a|the)\s+(?:second|third|fourth|fifth|separate)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b"
    r"|^(?:meanwhile|separately|elsewhere)\b|\bin one such\b"
    # "A suspected US missile strike, meanwhile, killed four militants ...".
    r"|^[^,.;]{1,60},\s*(?:meanwhile|separately|elsewhere)\s*,"
    # "In the first engagement, ... In the second, five terrorists ...": the noun left out.
    r"|^(?:in|during)\s+the\s+(?:first|second|third|fourth|fifth|last)\s*,",
    re.IGNORECASE,
)
#: A later clash told after an attack on security forces or civilians: "By late afternoon, police
#: confirmed that two militants had been killed in an exchange of fire", "Later, in a follow-up
#: operation, troops killed three attackers". The attack's own toll and the pursuit's are two incidents.
_LATER_OPENER = re.compile(
    r"^(?:later(?:\s+(?:that|in the|on)\s+\w+)?|subsequently|"
    r"by\s+(?:late\s+|early\s+)?(?:afternoon|evening|night|morning)|"
    r"(?:in|during)\s+(?:a|the)\s+(?:follow-up|subsequent|search|clearance|hot[- ]pursuit)\s+operation)\s*,",
    re.IGNORECASE,
)
_PURSUIT = re.compile(
    r"\b(?:exchange of fire|gun-?fight|gun battle|shoot-?out|encounter|clash|search operation|follow-up operation|"
    r"clearance operation|retaliat\w+|pursuit)\b",
    re.IGNORECASE,
)
#: The victim told before, as a pronoun: "Unknown gunmen opened fire on him as he drove through
#: ..., killing him on the spot" goes on with the killing of "the driver" told just before.
_PRONOUN_VICTIM = re.compile(
    r"\b(?:(?:fire|fired)\s+(?:on|at|upon)|killing|injuring|wounding|shot|shooting|gunned down|attacked|ambushed)\s+"
    r"(?:him|her|them)\b",
    re.IGNORECASE,
)
#: A sentence opening on days before the report: "A day ago, ...", "Two days ago, ...".
_AGO_OPENER = re.compile(
    r"^(?:just\s+|only\s+)?(?:a|one|two|three|four|five|a\s+few|few|several|\d+)\s+days?\s+ago\b", re.IGNORECASE
)
#: Attackers striking again: "militants opened fire on police personnel", "gunmen attacked a post".
_NEW_ATTACK = re.compile(
    r"\b(?:militants|terrorists|gunmen|assailants|attackers|insurgents|miscreants)\s+(?:also\s+|again\s+)?"
    r"(?:opened fire|fired|attacked|stormed|ambushed|hurled|threw|targeted)\b",
    re.IGNORECASE,
)
#: The victims of the event told, as a hospital received them: "Meanwhile, the hospital's director
#: told Dawn.com that two bodies and five injured policemen had been brought to the hospital".
_AT_HOSPITAL = re.compile(
    r"\b(?:brought|taken|shifted|rushed|moved|received|admitted|referred)\s+(?:to|at|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:hospital|medical\s+complex|trauma\s+cent(?:re|er)|CMH)\b",
    re.IGNORECASE,
)
#: A second blast of the same attack: "a second huge explosion followed within seconds", "followed by
#: a second blast" (a bomber's twin devices), not a second event.
_SECOND_BLAST = re.compile(
    r"\ba\s+second\s+(?:[\w-]+\s+){0,2}?(?:explosion|blast)\s+(?:followed|went\s+off|ripped|occurred|was\s+heard)\b"
    r"|\bfollowed\s+by\s+a\s+second\s+(?:[\w-]+\s+){0,2}?(?:explosion|blast)\b",
    re.IGNORECASE,
)
#: An event told as without casualties: "Neither assault caused any casualties", "no one was hurt".
_NOBODY_HURT = re.compile(
    r"\bno\s+(?:one|body|casualt(?:y|ies)|injur(?:y|ies)|loss\s+of\s+li(?:fe|ves))\b|\bnobody\b|\bunhurt\b|"
    r"\b(?:neither|none)\b[^.;]{0,40}\bcasualt|\bwithout\s+(?:any\s+)?casualties\b|\bremained\s+safe\b",
    re.IGNORECASE,
)
#: An attack on a post: "attacked a police checkpoint", "stormed the check post".
_ATTACKED_POST = re.compile(
    r"\b(?:attacked|stormed|ambushed|targeted|raided)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:checkpoint|check\s?post|"
    r"post|picket|police\s+station|station|convoy|patrol)\b",
    re.IGNORECASE,
)
#: "Separately, he told AFP that ...": the same speaker telling more of the same story, not a
#: separate event (a named new speaker, "Separately, the CTD said it arrested ...", still is).
_SEPARATE_SPEECH = re.compile(
    r"^(?:separately|meanwhile|elsewhere)\s*,\s*(?:he|she|they|the official)\s+(?:also\s+)?"
    r"(?:told|said|added|confirmed|stated)\b",
    re.IGNORECASE,
)
#: An earlier event recalled with its own time: "last month", "In March", "In October last
#: year", "comes a week after", "days after", "in a similar attack". Year-only cues ("in
#: 2023", "this year") are left to the context rules: they usually date statistics.
_BACKGROUND = re.compile(
    # "The attack came a day after ...", "came about a week after ...", "comes barely a month after".
    # "The blast ... occurred two days after the killing of ...".
    r"(?i:\b(?:came|comes?|occurred|happened|took\s+place)\s+(?:(?:less|more)\s+than\s+|just\s+|barely\s+|only\s+|"
    r"about\s+|nearly\s+|"
    r"almost\s+|some\s+|roughly\s+)?(?:a|an|one|two|three|four|five|six|\d+|"
    r"several|few|a\s+couple\s+of|a\s+few)\s+(?:days?|weeks?|months?)\s+after\b"
    r"|\b(?:came|comes?|happened|occurred)\s+(?:just\s+|only\s+)?(?:days|weeks|months|hours)\s+after\b"
    r"|\b(?:last|earlier this)\s+(?:month|week)\b"
    r"|\b(?:in\s+)?an?\s+similar\s+(?:attack|incident|blast|bombing|explosion|ambush)\b"
    r"|\bpreviously\b"
    # "The latest act of terrorism was the deadly suicide blast at ... in Bajaur, which killed over 60".
    r"|^the\s+(?:latest|previous|most\s+recent)\s+(?:act\s+of\s+terrorism|(?:[\w-]+\s+){0,2}?(?:attack|bombing|blast|"
    r"incident))\s+(?:was|had\s+been)\b"
    # "Roughly a month ago, ... was killed": weeks or more before the report (days ago may be the event).
    r"|\b(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+(?:weeks?|months?|years?)\s+ago\b"
    # "memories of a 2015 tragedy in Turbat, when gunmen killed 20 workers": a past event by its year.
    r"|\b(?:a|the)\s+(?:19|20)\d{2}\s+(?:[\w-]+\s+){0,2}?(?:tragedy|attack|massacre|bombing|blast|ambush|assault|"
    r"killings?|carnage|raid)\b"
    r"|^(?:just\s+|only\s+)?(?:a|one|two|three|four|five|\d|hours|days|weeks)\s+(?:days?\s+|weeks?\s+)?after\b)"
    r"|(?:^|[,;]\s*|\b[Ii]n\s+|\b[Ll]ast\s+)(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?:\s+last\s+year)?(?!\s+\d{1,2}\b)",
)
#: Verbs of a casualty told in the past: "had been martyred", "claimed to have killed".
_HARMED = r"(?:killed|martyred|injured|wounded|shot|gunned|eliminated|neutrali[sz]ed)\b"
#: The main verb in the pluperfect, not reported speech: "had also killed", "had been martyred".
_PLUPERFECT = re.compile(
    r"^(?:(?!\b(?:said|says|told|stated|added|confirmed)\b)[^.;])*\bhad\s+(?:also\s+|earlier\s+|already\s+)?"
    r"(?:been\s+)?" + _HARMED,
    re.IGNORECASE,
)
#: What an earlier event had done: "Indian firing had left a civilian dead", "had claimed two lives".
_HAD_DONE = re.compile(
    r"\bhad\s+(?:also\s+|earlier\s+|already\s+)?(?:been\s+)?(?:left|claimed|killed|martyred|injured|wounded)\b",
    re.IGNORECASE,
)
#: "So far, at least 13 people have died and 25 others wounded in the suicide blast": the current
#: figures of a follow-up report; a day's first figures ("On Wednesday, ten people died and 35
#: were wounded") give way to them (the parts of a kind they name are kept).
_SO_FAR = re.compile(r"\b(?:so|thus|till|until)\s+(?:far|now)\b", re.IGNORECASE)
#: "Earlier, the hospital chief had said 34 people had died": a figure the report replaces.
_EARLIER_REPORT = re.compile(
    r"^Earlier\b[^.]*?\b(?:had\s+(?:\w+\s+)?(?:said|told|put|reported|stated|confirmed|given|claimed|informed)|"
    r"(?:was|were|had been|have been)\s+(?:\w+\s+)?reported)\b",
    re.IGNORECASE,
)
#: "Two of them were policemen": a part of a count told before.
_OF_THEM_PART = re.compile(r"^\S+\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
_SAME_PROVINCE = re.compile(r"\b(?:in|of)\s+the\s+same\s+province\b", re.IGNORECASE)
#: A recalled attack on travellers placed only by their route: "nine passengers were killed after
#: gunmen stopped their bus, which was travelling from Quetta" happened on a road of that
#: province, in no named district.
_ROUTE = re.compile(
    r"\b(?:travell?ing|heading|going|on\s+(?:its|their)\s+way)\s+(?:from|to)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
)
_HOURS_AFTER = re.compile(
    r"\bhours\s+after\b|^(?:just\s+|only\s+)?(?:a|one)\s+day\s+after\b"
    r"|\b(?:comes?|came)\s+(?:just\s+|only\s+|barely\s+)?(?:a|one)\s+day\s+after\b",
    re.IGNORECASE,
)
#: "Hours after the blast in Balochistan, a second attack hit ...": the event told here followed
#: the one told before, on the same day.
_HOURS_AFTER_TOLD = re.compile(
    r"^(?:just\s+|only\s+|barely\s+)?(?:hours|minutes)\s+after\s+(?:the|this|that)\s+[^,]{1,60},", re.IGNORECASE
)
_YEAR_ONLY = re.compile(r"^(?:(?:this|last|the) year|(?:in|of|during)\s+(?:19|20)\d{2})$", re.IGNORECASE)
#: "in the first operation", "during the second attack": back to an incident told earlier.
_ORDINAL_BACK = re.compile(
    r"\b(?:in|during)\s+the\s+(?P<n>first|second|third|fourth|former|latter)\s+"
    rf"(?:{_EVENT_NOUN}|one)\b",
    re.IGNORECASE,
)
_ORDINALS = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "latter": -1}
#: An event told as new ("a roadside bomb", "an attack"), not a reference back ("the convoy came
#: under attack a day earlier").
_NEW_EVENT_NOUN = re.compile(
    r"\ban?\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|bomb|explosion|ambush|IED|raid|operation|clash|grenade)\b",
    re.IGNORECASE,
)
#: An event told by its attackers' deed rather than a noun: "when unidentified assailants attacked
#: them", "when gunmen opened fire on the patrol".
_NEW_EVENT_CLAUSE = re.compile(
    r"\bwhen\s+(?:[\w-]+\s+){0,2}?(?:militants|terrorists|gunmen|assailants|attackers|khwarij|insurgents)\s+"
    r"(?:attacked|ambushed|opened\s+fire|stormed|struck|targeted)\b",
    re.IGNORECASE,
)
#: A definite reference back to the event told before ("injured in the blast").
_SAME_EVENT = re.compile(
    r"\b(?:in|by|during|from|of)\s+the\s+(?:same\s+)?(?:blast|attack|explosion|incident|firing|assault|ambush)\b",
    re.IGNORECASE,
)
#: "when the attack took place", "at the time of the blast": the event told before.
_BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this)\s+(?:attack|blast|explosion|incident|ambush|assault|bombing)\s+"
    r"(?:took place|happened|occurred|struck)\b|\bat the time of the (?:attack|blast|explosion|incident)\b",
    re.IGNORECASE,
)
_EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("operation", re.compile(r"\binfiltrat\w*|\bsneak\w* across\b|\binfiltration\b", re.IGNORECASE)),
    (
        "attack",
        re.compile(
            r"\battack(?:ed|s)?\b|\bstorm(?:ed|ing)?\b|\bambush\w*|\bblast\b|\bbomb\w*|\bexplosi\w+|\bIED\b|"
            r"\bsuicide\b|\bopened fire\b|\bfired (?:on|at|upon)\b|\bshot (?:\w+ )?dead\b|\bshot at\b|"
            r"\bgunned down\b|\bgunm[ae]n\b|\bassailants?\b|"
            r"\broadblocks?\b|\bgrenades?\b|\brocket attack\b|\bmortar\b|\btarget(?:ed|ing) killing\b|"
            r"\bblock(?:ed|ade)\b|\bhalted\b|\bthwart\w*|\bfoiled\b|\bheinous acts?\b|\bhit (?:a |the )?check ?post\b",
            re.IGNORECASE,
        ),
    ),
    (
        "operation",
        re.compile(
            r"\boperations?\b|\bIBOs?\b|\bintelligence[- ]based\b|\braid(?:s|ed|ing)?\b|"
            r"\bhideouts?\b|\bclearance\b|\b(?:drone|missile|air)[- ]?strikes?\b|\bairstrikes?\b|"
            r"\bengaged the\b",
            re.IGNORECASE,
        ),
    ),
    (
        "clash",
        re.compile(r"\bclash\w*|\bexchange of fire\b|\bgun ?battle\b|\bfirefight\b|\bencounter\b", re.IGNORECASE),
    ),
)
_HABITUAL = re.compile(
    r"\b(?:regularly|numerous|often|frequently|have increased|has increased|surge|menace|"
    r"will continue|would go on|under way|are part of)\b",
    re.IGNORECASE,
)
_REACTION = re.compile(
    r"\b(?:condemn\w*|condolence\w*|lauded|praised|praising|paid tribute|funeral|laid to rest|"
    r"vowed|reiterated|resolved|resolve|determined|stood with|stood behind|protest\w*|demonstrat\w*|rall(?:y|ied))\b",
    re.IGNORECASE,
)
_PERPETRATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("TJP", re.compile(r"\bTJP\b|Tehreek-?[ie]-?Jihad", re.IGNORECASE)),
    ("Fitna al Hindustan", re.compile(r"Fitna[- ](?:al|e)[- ]Hindustan", re.IGNORECASE)),
    ("BLA", re.compile(r"\bBLA\b|Baloch Liberation Army")),
    ("Islamic State", re.compile(r"Islamic State|\bIS-?K\b|\bISKP\b|Daesh", re.IGNORECASE)),
    (
        "TTP",
        re.compile(
            r"\bTTP\b|Tehreek-?[ie]-?Taliban|Pakistani Taliban|Fitna[- ]al[- ]Kh?w?a?r\w*|\bkhw?a?ri?j\w*|"
            r"\bkharji\w*|\bkhwarji\w*",
            re.IGNORECASE,
        ),
    ),
)
_CATS: tuple[Category, ...] = ("security", "civilians", "militants")
_VAGUE_VICTIMS = re.compile(
    VAGUE_RE.pattern + r"\s+(?:[\w-]+\s+){0,2}?(?:" + VICTIM_NOUNS + r"|casualties)\b"
    r"(?!\s+(?:hideouts?|locations?|camps?|positions?|activities|acts|attacks|groups?)\b)",
    re.IGNORECASE,
)


@dataclass
class SentenceFacts:
    """What one sentence says that matters for coding."""

    sentence: Sentence
    places: list[Place]
    unresolved: list[Place]
    mentions: list[Mention]
    dates: list[DateCue]
    events: list[str]
    aggregate: bool
    marker_new: bool
    context: str | None
    reaction: bool
    habitual: bool
    vague: list[str]
    perpetrators: list[str]
    background: bool = False
    """Recalls an earlier event with its own time ("In March, five engineers were killed")."""

    @property
    def is_context(self) -> bool:
        """A period statistic rather than an event (an event names a place and a day).

        A recalled event whose only period word is a year ("In October last year, ten FC
        personnel were martyred in an attack in Daraban") is an event, not a statistic.
        """
        if not self.context:
            return False
        if (self.district_places or self.unresolved) and self.event_dates:
            return False
        if self.events and not self.counted and any(not d.anchored for d in self.event_dates):
            # "Quoting officials, the report said the attack was carried out on Tuesday (March 4)":
            # a day for the event told, not a statistic of the report.
            return False
        return not (self.background and self.events and _YEAR_ONLY.match(self.context.strip()))

    @property
    def counted(self) -> list[Mention]:
        """Mentions that count victims: killed or injured, and not a repeat of people already counted."""
        return [m for m in self.mentions if m.outcome in ("killed", "injured") and not m.subset]

    @property
    def district_places(self) -> list[Place]:
        """Places resolved to a district."""
        return [p for p in self.places if p.district]

    @property
    def event_dates(self) -> list[DateCue]:
        """Dates that say when the event happened (explicit or relative to publication)."""
        return [d for d in self.dates if d.basis in ("explicit", "relative")]


#: "The blast left a total of 17 people injured": a total over the victims of the one event named.
_TOTAL_WORD = re.compile(r"total of|in total|altogether", re.IGNORECASE)
_THE_EVENT = re.compile(
    r"^(?:the|this|that)\s+(?:[\w-]+\s+)?(?:blast|attack|explosion|bombing|ambush|assault|incident|firing|"
    r"shooting|grenade)\b",
    re.IGNORECASE,
)


#: A district naming a force or an office after it: "of the Gilgit Counter Terrorism Department",
#: "Quetta DIG", "Swat SHO", "the Kurram police chief".
_TITLE_AFTER = re.compile(
    r"\s+(?:Counter[- ]Terrorism|CTD\b|police\b|Police\b|DIG\b|SSP\b|DPO\b|SHO\b|Station House|District Police|"
    r"Deputy Commissioner|DC\b|Commissioner|Levies\b|Rangers\b|administration\b)"
)


def _without_titles(text: str, places: list[Place]) -> list[Place]:
    """Drop a district that only names a force or office when the sentence places the event elsewhere.

    "Five policemen of the Gilgit Counter Terrorism Department were martyred ... during a raid in
    Chilas": the raid was in Chilas (Diamer); Gilgit is where the force is based. A district named
    only so ("the Lakki Marwat police said") is still the place when the sentence has no other.
    """
    titled = {i for i, p in enumerate(places) if p.district and _TITLE_AFTER.match(text, p.start + len(p.text))}
    others = {p.district for i, p in enumerate(places) if p.district and i not in titled}
    if not titled or not others or others >= {places[i].district for i in titled}:
        return places
    return [p for i, p in enumerate(places) if i not in titled or p.district in others]


def _is_aggregate(text: str) -> bool:
    """The sentence states a sum over several events, not the total of the one event it names."""
    cues = [m.group(0) for m in _AGGREGATE.finditer(text)]
    if not cues:
        return False
    return not (all(_TOTAL_WORD.fullmatch(c) for c in cues) and _THE_EVENT.search(text))


def read_sentence(
    s: Sentence,
    published: date,
    *,
    antecedent: Category | None,
    referents: dict[str, int],
    reference: date | None = None,
) -> SentenceFacts:
    """Read one sentence into its facts (``reference``: the day the report speaks from, see :func:`find_dates`)."""
    text = s.text
    places, unresolved = find_places(text)
    places = _without_titles(text, places)
    mentions = find_casualties(text, antecedent=antecedent, referents=referents)
    events = [name for name, rx in _EVENTS if rx.search(text)]
    return SentenceFacts(
        sentence=s,
        places=places,
        unresolved=unresolved,
        mentions=mentions,
        dates=find_dates(text, published, reference),
        events=events,
        aggregate=_is_aggregate(text) or len({p.district for p in places if p.district}) > 1,
        marker_new=s.separate
        or bool(_NEW_MARKER.search(text))
        and not _SAME_EVENT.search(text)
        and not _SEPARATE_SPEECH.search(text)
        and not (_AT_HOSPITAL.search(text) and not _NEW_EVENT_NOUN.search(text) and not places)
        and not _SECOND_BLAST.search(text),
        context=context_cue(text),
        reaction=bool(_REACTION.search(text)),
        habitual=bool(_HABITUAL.search(text)),
        vague=[m.group(0) for m in _VAGUE_VICTIMS.finditer(text)],
        perpetrators=[name for name, rx in _PERPETRATORS if rx.search(text)],
        background=bool(_BACKGROUND.search(text)) or s.recalled,
    )


@dataclass
class Frame:
    """One candidate incident while it is being built."""

    facts: list[SentenceFacts] = field(default_factory=list)
    aggregate: bool = False
    separate_from: Frame | None = None
    places: list[Place] = field(default_factory=list)
    unresolved: list[Place] = field(default_factory=list)
    referents: dict[str, int] = field(default_factory=dict)
    inherited_date: DateCue | None = None
    notes: list[str] = field(default_factory=list)
    origin: str = "text"
    """'text', 'remainder' (a figure of an aggregate no incident accounts for) or 'aggregate'."""
    fixed_counts: dict[str, int | None] | None = None
    place_note: str | None = None
    anchor_resolved: bool = False
    evidence: list[SentenceFacts] = field(default_factory=list)
    """The sentences that gave a figure, a place or a date (shown to the analyst)."""
    background: bool = False
    """An earlier event recalled with its toll: never merged with, or summed into, the others."""

    # -- building ---------------------------------------------------------------------------
    def add(self, f: SentenceFacts, *, first: bool = False) -> None:
        """Add a sentence to the incident: its places, referents and, when it gives evidence, the sentence itself."""
        self.facts.append(f)
        if first or f.counted or f.district_places or f.event_dates or f.unresolved:
            self.evidence.append(f)
        if f.counted or first:
            self.aggregate = self.aggregate or f.aggregate
        dplaces = [p for p in f.places if p.district]
        if dplaces and (not self.districts or self.aggregate):
            self.places.extend(dplaces)
        elif dplaces and self.districts and not self.localities:
            self.places.extend(p for p in dplaces if p.district in self.districts and p.locality)
        if not self.province:
            self.places.extend(p for p in f.places if not p.district)
        if f.unresolved and not self.districts and not self.unresolved:
            self.unresolved.extend(f.unresolved)
        for m in f.mentions:
            if m.noun and m.count and not m.subset:
                self.referents[m.noun] = m.count

    # -- reading ----------------------------------------------------------------------------
    @property
    def districts(self) -> list[str]:
        """Districts of the incident, in order of first mention."""
        return list(dict.fromkeys(p.district for p in self.places if p.district))

    @property
    def localities(self) -> list[str]:
        """Localities (towns, villages, areas) of the incident, in order of first mention."""
        return list(dict.fromkeys(p.locality for p in self.places if p.locality))

    @property
    def province(self) -> str | None:
        """Province of the first place that names one, or ``None``."""
        # a region ("in the restive northwest") only when no place names a province more precisely
        named = [p for p in self.places if p.province and not p.vague] or self.places
        provs = list(dict.fromkeys(p.province for p in named if p.province))
        return provs[0] if provs else None

    @property
    def has_place(self) -> bool:
        """True when the incident has a place, resolved or not.

        A region alone is not one: the district told after "an attack in northwest Pakistan" is
        where it happened.
        """
        return bool([p for p in self.places if not p.vague] or self.unresolved)

    @property
    def region(self) -> str | None:
        """The province of the region that is the incident's only place ("the restive northwest")."""
        return self.places[0].province if self.places and all(p.vague for p in self.places) else None

    def own_date(self) -> DateCue | None:
        """Event date from the incident's own sentences (an explicit date first), or ``None``.

        A frame dated "a day earlier" gets the date resolved from the event before it
        (:func:`resolve_anchored_dates`).
        """
        if self.anchor_resolved:
            return self.inherited_date
        # Days told with the event or its figures first: "train services would resume from Oct 11"
        # in a report on Saturday's blast does not date the blast. The day of the militants'
        # earlier deeds ("wanted for a raid ... on April 11, 2022") dates only an earlier event.
        facts = [f for f in self.facts if not f.is_context]
        # "Death toll ... rose to 13 as another victim succumbed on Sunday": a day told after a toll
        # update is when it was updated, not the day of the event (used only when no other day is
        # told); "the number killed in Thursday's attack has risen to 10" dates the attack.
        told = [
            f
            for f in facts
            if (f.counted or (f.events and not f.habitual))
            and not (
                f.counted
                and all(m.toll for m in f.counted)
                and all(d.start >= max(m.end for m in f.counted) for d in f.event_dates)
            )
        ]
        # "gun fire was exchanged for 72 hours, until Saturday ... killed in Saturday's operation": one
        # engagement, dated by the span's first day (coding rule 4).
        span = next((d for f in facts for d in f.event_dates if d.span), None)
        for group in (told, facts):
            cues = [d for f in group for d in f.event_dates if self.background or not d.earlier]
            explicit = [d for d in cues if d.basis == "explicit"]
            if cues:
                best = explicit[0] if explicit else cues[0]
                return span if span is not None and span.date < best.date else best
        return None

    def statement_date(self) -> DateCue | None:
        """Date of a statement the report quotes ("said on Monday", "told yesterday"), or ``None``."""
        cues = [d for f in self.facts for d in f.dates if d.basis == "statement"]
        return cues[0] if cues else None

    def imprecise_date(self) -> DateCue | None:
        """A date known only roughly ("last week", "this month", "in March"), or ``None``."""
        cues = [d for f in self.facts for d in f.dates if d.basis == "imprecise"]
        return cues[0] if cues else None

    def counts(self) -> dict[str, int | None]:
        """security, civilians, militants, unknown (killed), killed_total, injured."""
        if self.fixed_counts is not None:
            return dict(self.fixed_counts)
        plain: dict[tuple[str, str], int] = {}
        more: dict[tuple[str, str], int] = {}
        tolls: list[int] = []
        listed_unknown = 0
        listed_injured = 0
        militants_in_total = 0
        parts: dict[str, int] = {}
        added_deaths = 0
        added_kind: dict[str, int] = {}
        # Men named with their rank, across sentences: "Major A embraced martyrdom. ... Sepoy B
        # also embraced martyrdom" are two, although each sentence counts one.
        named: dict[tuple[str, str], set[str]] = {}
        unknown_totals: list[int] = []
        # "Earlier, the hospital chief had said 34 people had died": a figure the report
        # replaces with a later one; it counts only when no later figure of that outcome is given.
        # A later figure replaces an earlier one of its own kind (or of no stated kind): "Earlier,
        # the DC had told Dawn that a woman was killed" still counts when only soldiers are
        # counted later.
        earlier = {id(f) for f in self.facts if _EARLIER_REPORT.match(f.sentence.text.strip())}
        current = {
            (m.outcome, m.category)
            for f in self.facts
            if not f.is_context and id(f) not in earlier
            for m in f.counted
            if not m.initial
        }

        def superseded(m: Mention) -> bool:
            return any(o == m.outcome and (c == m.category or "unknown" in (c, m.category)) for o, c in current)

        so_far = {id(f) for f in self.facts if not f.is_context and f.counted and _SO_FAR.search(f.sentence.text)}
        latest = {m.outcome for f in self.facts if id(f) in so_far for m in f.counted if m.category == "unknown"}
        last_outcome: str | None = None
        for f in self.facts:
            if f.is_context:
                continue
            p_s: dict[tuple[str, str], int] = {}
            m_s: dict[tuple[str, str], int] = {}
            has_toll = any(m.toll for m in f.counted)
            counted = f.counted
            if not counted and last_outcome == "killed":
                # "At least 12 people were killed ... Two of them were policemen": a part of the dead
                # told in a sentence of its own, with no verb.
                counted = [
                    replace(m, outcome="killed", subset=False)
                    for m in f.mentions
                    if m.subset
                    and m.component
                    and m.outcome is None
                    and m.category != "unknown"
                    and _OF_THEM_PART.match(m.text)
                ]
            if f.counted:
                last_outcome = f.counted[-1].outcome
            for m in counted:
                if (id(f) in earlier or m.initial) and superseded(m):
                    continue
                if so_far and id(f) not in so_far and m.outcome in latest and m.category == "unknown" and not m.toll:
                    continue  # superseded by the figures "so far"
                if m.added:
                    if has_toll:
                        pass
                    elif m.category != "unknown" and m.noun:
                        # "Two more soldiers later succumbed to their injuries": deaths of that kind.
                        added_kind[m.category] = max(added_kind.get(m.category, 0), m.count)
                    else:
                        added_deaths = max(added_deaths, m.count)
                    continue
                if m.toll:
                    tolls.append(m.count)
                    continue
                if m.coordinated and m.outcome == "killed" and m.category == "unknown":
                    # "a council member and his nephew": an addition, not a total.
                    listed_unknown = max(listed_unknown, m.count)
                    continue
                if m.coordinated and m.outcome == "injured" and m.category == "unknown":
                    # "a candidate and two of his supporters were injured": three injured.
                    listed_injured = max(listed_injured, m.count)
                    continue
                key = (m.outcome or "", m.category)
                if m.name:
                    named.setdefault(key, set()).add(m.name)
                if m.identified:
                    continue  # named men "identified as ...": counted by the names below
                target = m_s if m.more else p_s
                target[key] = target.get(key, 0) + m.count
            if any(m.outcome == "killed" and m.category == "unknown" and not m.component for m in f.counted):
                # "12 people dead, six soldiers and six attackers among them": attackers named as a
                # part of a stated total are in it (elsewhere they are reported beside it).
                part = sum(
                    m.count for m in f.counted if m.component and m.outcome == "killed" and m.category == "militants"
                )
                militants_in_total = max(militants_in_total, part)
            killed_here = [m for m in f.counted if m.outcome == "killed" and not m.toll]
            if killed_here and all(m.component for m in killed_here):
                # "Twenty-seven of those who died were policemen": parts of a total told before.
                for m in killed_here:
                    parts[m.category] = max(parts.get(m.category, 0), m.count)
            for k, v in p_s.items():
                plain[k] = max(plain.get(k, 0), v)
            if ("killed", "unknown") in p_s:
                unknown_totals.append(p_s[("killed", "unknown")])
            for k, v in m_s.items():
                more[k] = max(more.get(k, 0), v)
        for k, names in named.items():
            plain[k] = max(plain.get(k, 0), distinct_people(names))
        for cat, extra in added_kind.items():
            plain[("killed", cat)] = plain.get(("killed", cat), 0) + extra
        # "eight of the attackers were killed" counts the attackers when nothing else does.
        partial: dict[tuple[str, str], int] = {}
        for f in self.facts:
            if f.is_context:
                continue
            for m in f.mentions:
                if m.partitive and m.outcome in ("killed", "injured"):
                    pk: tuple[str, str] = (m.outcome, m.category)
                    partial[pk] = max(partial.get(pk, 0), m.count)
        for pk, v in partial.items():
            if pk not in plain and pk not in more:
                plain[pk] = v
        # "At least 16 people were killed ... 14 people were killed ... police killed two of the
        # attackers": a lead total that is a later victims' total plus the attackers killed counts
        # the attackers too; the victims' total is the smaller figure.
        killed_m = plain.get(("killed", "militants"), 0)
        if killed_m and len(set(unknown_totals)) > 1:
            top = max(unknown_totals)
            if top - killed_m in unknown_totals:
                plain[("killed", "unknown")] = top - killed_m
        keys = set(plain) | set(more)

        def value(k: tuple[str, str], additive: bool) -> int | None:
            if k not in keys:
                return None
            p, m = plain.get(k, 0), more.get(k, 0)
            return p + m if additive else max(p, m)

        # A stated toll ("has risen to 10", "killed at least 40 persons") counts the victims;
        # attackers killed are reported beside it, not in it.
        stated = tolls[-1] if tolls else value(("killed", "unknown"), False)
        if not stated and parts:
            # "martyring 44 worshippers ... Twenty-seven of those who died were policemen": parts of
            # another kind told after a count make that count a total of mixed kind.
            own = {c: n - parts.get(c, 0) for c in ("security", "civilians") if (n := plain.get(("killed", c)))}
            head = max(own, key=lambda c: own[c], default=None)
            if head and own[head] >= sum(parts.values()) and set(parts) - {head}:
                stated = plain[("killed", head)]
                if parts.get(head):
                    plain[("killed", head)] = parts[head]
                else:
                    del plain[("killed", head)]
                    keys.discard(("killed", head))
        if stated and parts.get("militants"):
            # "At least 10 people were killed ... The dead included four attackers": 4 + 6.
            militants_in_total = max(militants_in_total, parts["militants"])
        injured_kinds = {c for o, c in keys if o == "injured"}
        if added_deaths and not stated and injured_kinds in ({"security"}, {"civilians"}):
            # "Two soldiers were martyred and three injured ... One of the injured later succumbed": the
            # injured were all of one kind, and so is the one who died of his wounds.
            kind = next(iter(injured_kinds))
            plain[("killed", kind)] = plain.get(("killed", kind), 0) + added_deaths
            keys.add(("killed", kind))
        elif added_deaths:
            # "Nine were killed ... Two more of the injured died in hospital": 11 dead.
            base = stated or sum(value(("killed", c), False) or 0 for c in ("security", "civilians"))
            stated = base + added_deaths
        victims = ("security", "civilians")
        additive = False
        if stated:
            s_max = sum(value(("killed", c), False) or 0 for c in victims)
            s_add = sum(value(("killed", c), True) or 0 for c in victims)
            additive = s_max < stated and s_add <= stated
        out: dict[str, int | None] = {c: value(("killed", c), additive) for c in _CATS}
        sec, civ = out["security"], out["civilians"]
        if stated and civ == stated and sec and parts.get("security") == sec and sec < civ:
            # "eight people were killed ... the deaths of 8 passengers ... the dead also included two
            # army personnel": the security men told as part of the dead are among the passengers.
            out["civilians"] = civ - sec
        known_victims = sum(out[c] or 0 for c in victims)
        # "12 people, including the bomber / two attackers, were killed": attackers named as part
        # of an unclassified total are taken out of it like any other category.
        known_victims += max(
            (
                sum(
                    m.count
                    for m in f.counted
                    if m.component and m.category == "militants" and m.outcome == "killed" and not m.subset
                )
                for f in self.facts
                if not f.is_context
            ),
            default=0,
        )
        known_victims = max(known_victims, sum(out[c] or 0 for c in victims) + militants_in_total)
        out["unknown"] = stated - known_victims if stated and stated > known_victims else None
        wholes = {m.category for f in self.facts if not f.is_context for m in f.mentions if m.whole}
        if out["unknown"] and len(wholes) == 1 and (cat := next(iter(wholes))) in victims:
            # "The dead were all drivers": the unclassified rest is of that kind.
            out[cat] = (out[cat] or 0) + out["unknown"]
            out["unknown"] = None
        if listed_unknown:
            out["unknown"] = (out["unknown"] or 0) + listed_unknown
        any_killed = any(out[c] is not None for c in _CATS) or stated is not None or bool(listed_unknown)
        out["killed_total"] = (sum(out[c] or 0 for c in _CATS) + (out["unknown"] or 0)) if any_killed else None
        inj_known = [value(("injured", c), False) for c in _CATS]
        inj_unknown = value(("injured", "unknown"), False)
        vals = [v for v in inj_known if v is not None]
        if vals or inj_unknown is not None or listed_injured:
            injured = max(sum(vals) + listed_injured, inj_unknown or 0)
            # "the injured officer later succumbed": the injured who died are counted as dead only.
            died = max(
                (sum(m.count for m in f.counted if m.of_wounds) for f in self.facts if not f.is_context), default=0
            )
            out["injured"] = (injured - died) or None if died and injured >= died else injured
        else:
            out["injured"] = None
        return out

    def event_type(self) -> str | None:
        """Event type of the first sentence naming one, preferring sentences that do not describe a habit."""
        for f in self.facts:
            if f.events and not f.habitual:
                return f.events[0]
        for f in self.facts:
            if f.events:
                return f.events[0]
        return None

    def perpetrator(self) -> str | None:
        """Group named as responsible, from a sentence that does not describe a habit, or ``None``."""
        for f in self.facts:
            if f.perpetrators and not f.habitual:
                return f.perpetrators[0]
        return None

    def text(self) -> str:
        """The incident's sentences joined by spaces."""
        return " ".join(f.sentence.text for f in self.facts)


# -- segmentation --------------------------------------------------------------------------------


def _place_matches(frame: Frame, f: SentenceFacts) -> bool:
    """The sentence's district-level place is the frame's (same district, and same locality if both have one)."""
    dp = f.district_places
    if not dp:
        if f.unresolved and frame.unresolved:
            return f.unresolved[0].text == frame.unresolved[0].text
        return False
    p = dp[0]
    if p.district not in frame.districts:
        return False
    return not (p.locality and frame.localities and p.locality not in frame.localities)


def _areas(places: list[Place]) -> set[str]:
    return {(p.locality or p.text).lower() for p in places if p.locality or not p.province}


def _other_area(frame: Frame, f: SentenceFacts) -> bool:
    """Figures in another named area of the same district than an incident told with figures before.

    "On Wednesday, a man was killed ... in Shalozan area of Upper Kurram. ... two persons ... in
    Dandar area of the Kurram district died": two events in one district, not the first retold.
    Areas are localities of the gazetteer or area names it lacks; a sentence naming none, or an
    incident without figures or areas, is no evidence either way.
    """
    mine = _areas(f.places + f.unresolved)
    theirs = _areas([p for g in frame.facts for p in g.places + g.unresolved])
    told = any(not m.coref for g in frame.facts for m in g.counted)
    return bool(told and mine and theirs and not mine & theirs)


def _other_day_than(day: DateCue, f: SentenceFacts) -> bool:
    """The sentence names an explicit day of its own before ``day`` (a later day may be a toll's update)."""
    own = [d for d in f.event_dates if d.basis == "explicit" and not d.anchored and not d.earlier]
    return bool(own) and own[0].date < day.date


def _other_day(frame: Frame, f: SentenceFacts) -> bool:
    """Figures on an explicit day before the incident's own day: another event at that place.

    After an earlier event recalled, any other explicit day is another event.
    """
    day = frame.own_date()
    said = frame.statement_date()
    if day is None and said is not None and _HAD_DONE.search(f.sentence.text):
        # "..., the ISPR said in a statement on Monday. ... On Sunday, Indian firing had left a civilian
        # dead": figures told in the pluperfect on a day before the statement of an incident that has
        # no day of its own are an earlier event.
        own = [d for d in f.event_dates if not d.anchored and not d.earlier]
        return bool(own) and own[0].date < said.date
    if day is None:
        return False
    if frame.background:
        own = [d for d in f.event_dates if d.basis == "explicit" and not d.anchored and not d.earlier]
        return bool(own) and own[0].date != day.date
    return _other_day_than(day, f)


def _place_conflicts(frame: Frame, f: SentenceFacts) -> bool:
    """The sentence names a district other than the frame's (handled by the place rules)."""
    return bool(f.district_places) and not _place_matches(frame, f)


_ORDINAL_OPENER = re.compile(r"^(?:in|during)\s+the\s+(?:first|second|third|fourth|fifth|last)\b", re.IGNORECASE)


def _area_names(frame: Frame) -> set[str]:
    """Names of local areas the gazetteer lacks told with the incident ("the Dogar Umarzai area").

    Gazetteer names are left out: one found in a sentence without a place was skipped there on
    purpose ("two labourers from Mir Ali").
    """
    return {p.text for g in frame.facts for p in g.unresolved} - {""}


def _opens_part(frames: list[Frame], current: Frame, f: SentenceFacts) -> bool:
    """The sentence names one district of a total told before over several, not yet told on its own."""
    districts = {p.district for p in f.district_places}
    if len(districts) != 1:
        return False
    d = next(iter(districts))
    total = current if current.aggregate else next((fr for fr in reversed(frames[-8:]) if fr.aggregate), None)
    if total is None or len(total.districts) < 2 or d not in total.districts:
        return False
    told = [fr for fr in frames if not fr.aggregate and not fr.background and d in fr.districts]
    return not told and (current is total or d not in current.districts)


def _date_after(frame: Frame, f: SentenceFacts, current: Frame | None, published: date | None = None) -> None:
    """Date an earlier event told as "came hours / a day after" from the incident told before it.

    "The attack came hours after ..." is the day before the dated event (coding rule 4); "The
    development comes a day after the ISPR said ..." the day before the statement; "Hours after
    the blast in Balochistan, a second attack hit a mosque" the same day. A day of its own ("a
    day after a bombing ... on Monday") wins.
    """
    cur = None if current is None else current.own_date() or current.statement_date()
    day_after = _HOURS_AFTER.search(f.sentence.text)
    if (
        cur is None
        and current is not None
        and published is not None
        and current.inherited_date is None
        and day_after is not None
        and "hour" not in day_after.group(0).lower()
    ):
        # The event told is dated by the report itself ("These developments come one day after ..."):
        # the publication date stands for its day, as it does for the event (coding rule 4). "Hours
        # after" an undated event may be the same day or the one before: left undated.
        cur = DateCue(published, "statement", "the report's day", 0)
    if cur is None or any(not d.anchored for d in f.event_dates):
        return
    if _HOURS_AFTER_TOLD.search(f.sentence.text):
        frame.inherited_date = DateCue(cur.date, "relative", f"hours after {cur.text}", cur.start)
        frame.anchor_resolved = True
    elif _HOURS_AFTER.search(f.sentence.text):
        frame.inherited_date = DateCue(cur.date - timedelta(days=1), "relative", f"hours before {cur.text}", cur.start)
        frame.anchor_resolved = True


#: An event told as new, not named as what something was ("it was a remote-controlled bomb").
_TOLD_AS_NEW = re.compile(r"(?<!\bwas )(?<!\bis )" + _NEW_EVENT_NOUN.pattern, re.IGNORECASE)


def _placed_by(frames: list[Frame], current: Frame, f: SentenceFacts, has_counts: bool) -> Frame | None:
    """The incident placed only by a local area that the sentence's district places, or ``None``.

    The incident told last, or the one before an aside without figures on earlier events ("This
    was the second attack in three days, as a hotel in Gwadar came under attack").
    """
    told = current
    if (current.background or current.aggregate) and not any(g.counted for g in current.facts):
        told = next((fr for fr in reversed(frames[-8:]) if not fr.background and not fr.aggregate), current)
    if any(fr.aggregate and set(fr.districts) & {p.district for p in f.district_places} for fr in frames):
        # "Attacks in Kech and Kalat districts left four martyred. ... the post in the Togho Chpeer
        # area was attacked. ... Late on Saturday night, a post in Kech came under attack": a
        # district of a total told before opens its own part.
        return None
    return told if _places_area(told, f, has_counts) else None


def _places_area(current: Frame, f: SentenceFacts, has_counts: bool) -> bool:
    """The one district of a sentence that goes on with an incident placed only by a local area.

    Local copy names a neighbourhood or village in the lead and the district later, often through
    an official ("Swat SHO", "Quetta DIG") or a retelling: "A bomb went off in the Barra Bandai
    area of Kabal tehsil on Tuesday, killing five ... 'It was a remote-controlled bomb,' the Swat
    SHO said." The sentence must add no event of its own: no figure, or figures told as of the
    event before ("in the blast"), no new event, no marker, no other day. "In Turbat, three
    soldiers were martyred when militants attacked a convoy" after it is another incident.
    """
    if current.aggregate or current.districts or not current.unresolved:
        return False
    if len({p.district for p in f.district_places}) != 1:
        return False
    day = current.own_date()
    if f.marker_new or f.background or f.aggregate or any(day is None or d.date != day.date for d in f.event_dates):
        return False
    if not any(not m.coref for g in current.facts for m in g.counted):
        return False
    text = f.sentence.text
    if has_counts:
        return bool(_SAME_EVENT.search(text) or _BACK_REFERENCE.search(text)) and not _TOLD_AS_NEW.search(text)
    return not _TOLD_AS_NEW.search(text)


#: "... claimed responsibility for the attacks": the events of a total told before, without a figure.
_FOR_THE_EVENTS = re.compile(rf"\b(?:for|of|behind)\s+the\s+(?:[\w-]+\s+)?{_EVENT_NOUNS}\b", re.IGNORECASE)
#: A toll the militants claim ("claiming to have killed 84 security personnel", "claimed it had killed
#: 20 soldiers"): their claim, not a figure of the event (wire copy adds that it was not confirmed).
_CLAIMED = re.compile(
    r"\bclaim(?:ed|ing|s)?\s+(?:to\s+have|(?:that\s+)?(?:it|they|its\s+(?:fighters|men))\s+(?:had|have))\s+" + _HARMED,
    re.IGNORECASE,
)
#: "The attacks targeted ...", "The raids were carried out in ...": the events of a total told before.
_THE_EVENTS = re.compile(rf"^(?:the|these|those|both)\s+(?:[\w-]+\s+)?{_EVENT_NOUNS}\b", re.IGNORECASE)


def _total_told_again(frames: list[Frame], f: SentenceFacts) -> Frame | None:
    """The total over several events, placed only by its province, whose places the sentence lists.

    Wire copy gives the toll of coordinated attacks or raids over a province first, and the
    cities they struck later, opening on the events in the plural ("The attacks targeted major
    cities, including Quetta ... and Gwadar, where a camp was attacked, killing 11 people"). The
    sentence must name two districts or more of that province, and no new event marker.
    """
    if f.marker_new or f.background:
        return None
    named = {p.district for p in f.district_places}
    if _THE_EVENTS.match(f.sentence.text):
        if len(named) < 2:
            return None
    elif named or f.counted or not _FOR_THE_EVENTS.search(f.sentence.text):
        # "The BLA claimed responsibility for the attacks, claiming to have killed 84 ...": the group
        # of the total, its claim no figure (``_CLAIMED``).
        return None
    total = next((fr for fr in reversed(frames[-8:]) if fr.aggregate and not fr.background), None)
    if total is None or total.districts or total.province is None:
        return None
    return total if all(p.province == total.province for p in f.district_places) else None


def _recalled_at(frames: list[Frame], current: Frame, f: SentenceFacts) -> Frame | None:
    """An earlier event recalled with figures at the named area the sentence names, its figures not contradicted.

    The main event's frame may share the district; the named area (locality) and figures that fit
    the recalled event and contradict no figure of it say which one the sentence goes on with.
    """
    areas = {p.locality for p in f.district_places if p.locality}
    if not areas or f.marker_new or f.event_dates or not any(not m.coref for m in f.counted):
        return None
    probe = Frame()
    probe.add(f, first=True)
    for fr in reversed(frames[-8:]):
        if fr is current or not fr.background or not set(fr.localities) & areas:
            continue
        if _counts_conflict(fr, probe) or not _same_counts(fr, probe):
            return None
        others = [o for o in frames[-8:] if not o.background and not o.aggregate and areas & set(o.localities)]
        return None if others else fr
    return None


def _lead_over(current: Frame, f: SentenceFacts) -> bool:
    """A lead placed nowhere with more of a kind than the placed sentence after it: a total, not its retelling.

    "Security forces killed 11 militants in raids near the border, the army said. Seven militants
    were killed in an operation in Khyber district, and four ...": the 11 stays a frame of its own,
    to be checked as a lead total (``pipeline._lead_sums``); "Two soldiers were martyred in an
    attack, the ISPR said. The attack on a post in Kech ... martyred two soldiers" is one event.
    """
    probe = Frame()
    probe.add(f, first=True)
    mine, theirs = current.counts(), probe.counts()
    kinds = ("security", "civilians", "militants", "injured")
    return any((a := mine[k]) is not None and (b := theirs[k]) is not None and a > b for k in kinds)


def _story_date(frames: list[Frame]) -> DateCue | None:
    """Date of the last dated incident or lead total told so far (bounded look-back), or ``None``."""
    for fr in reversed(frames[-8:]):
        if not fr.background and (d := fr.own_date()) is not None:
            return d
    return None


def segment(facts: list[SentenceFacts], published: date | None = None) -> list[Frame]:
    """Group sentences into frames (see the module docstring); ``published`` dates "a day after" an undated event."""
    frames: list[Frame] = []
    current: Frame | None = None
    for f in facts:
        if f.sentence.kind != "text":
            continue
        if claim := _CLAIMED.search(f.sentence.text):
            f.mentions = [m for m in f.mentions if m.end <= claim.start()]
        # Figures read through a reference back ("the terrorists were killed") add nothing new.
        has_counts = any(not m.coref for m in f.counted)
        has_place = bool(f.district_places or f.unresolved)
        if f.is_context:
            continue
        if f.reaction and not has_counts:
            continue
        eventful = bool(f.events) and not f.habitual
        if (
            eventful
            and not has_counts
            and _BACK_REFERENCE.search(f.sentence.text)
            and not _NEW_EVENT_NOUN.search(f.sentence.text)
        ):
            # "... when the attack took place": the event told before, not a new one.
            eventful = False
        new = False
        if (
            current is not None
            and current.background
            and has_counts
            and not f.event_dates
            and _PLUPERFECT.search(f.sentence.text)
        ):
            # "The incident comes after two policemen were killed in Tank earlier in October. In
            # separate operations, security forces had also killed four militants ...": told in the
            # pluperfect after an earlier event, another earlier event (its day not given).
            f.background = True
        if (total := _total_told_again(frames, f)) is not None:
            # "... 67 militants were killed in several cities of Balochistan, following coordinated
            # attacks ... The attacks targeted major cities, including Quetta and Gwadar, where ...":
            # where the attacks of a total placed only by its province struck, not another event.
            current = total
            current.add(f)
            continue
        if f.background and has_counts:
            # An earlier event recalled with its toll is its own incident, even at the same place.
            frame = Frame(background=True)
            frame.add(f, first=True)
            _date_after(frame, f, current, published)
            frames.append(frame)
            current = frame
            continue
        if f.background and eventful and f.district_places and current is not None and not current.background:
            # "Roughly a month ago, ... the commander was killed in an operation in Karak": an earlier
            # event told at the same place; the figures that follow it are its own.
            frame = Frame(background=True)
            frame.add(f, first=True)
            _date_after(frame, f, current, published)
            frames.append(frame)
            current = frame
            continue
        back = _ORDINAL_BACK.search(f.sentence.text)
        told = [fr for fr in frames if not fr.aggregate and not fr.background]
        if back and not has_place and len(told) >= 2:
            i = _ORDINALS[back.group("n").lower()]
            if i < len(told):
                # Figures "in the first operation" belong to it, not to the incident told last.
                told[i].add(f)
                continue
        if (
            current is not None
            and has_counts
            and any(d.anchored and d.offset >= 1 for d in f.event_dates)
            and (_NEW_EVENT_NOUN.search(f.sentence.text) or _NEW_EVENT_CLAUSE.search(f.sentence.text))
            and not _place_conflicts(current, f)
        ):
            # "A day earlier, a roadside bomb injured three soldiers": another day, another event.
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and not has_counts
            and _LATER_OPENER.search(f.sentence.text)
            and _NEW_ATTACK.search(f.sentence.text)
            and not _SAME_EVENT.search(f.sentence.text)
            and any(not m.coref for g in current.facts for m in g.counted)
        ):
            # "Later, unidentified militants opened fire on police personnel at the hospital":
            # a second attack after the one told, even without figures.
            frame = Frame(separate_from=current)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and not current.aggregate
            and has_counts
            and eventful
            and _LATER_OPENER.search(f.sentence.text)
            and not _SAME_EVENT.search(f.sentence.text)
            and not _PURSUIT.search(f.sentence.text)
            and any(fr.aggregate and not fr.background for fr in frames[-4:])
            and not any(not m.coref for g in current.facts for m in g.counted)
        ):
            # "Police came under three attacks within the last 24 hours. In the first, a police station
            # was hit on Thursday night. Later, a policeman was martyred when a patrol car was
            # ambushed": after a total announcing several attacks, the next one told.
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and not current.aggregate
            and has_counts
            and _LATER_OPENER.search(f.sentence.text)
            and _PURSUIT.search(f.sentence.text)
            and all(m.category == "militants" for m in f.counted)
            and (c := current.counts())["militants"] is None
            and (c["security"] or c["civilians"])
        ):
            # "By late afternoon, two militants had been killed in an exchange of fire" after an
            # attack that killed policemen: the pursuit is its own incident (same place and day).
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and current.background
            and (has_counts or eventful)
            and f.event_dates
            and not has_place
            and not f.background
        ):
            # Back from an earlier event recalled to the main one: "Two police officers were
            # among those killed in Monday's blast" after "a day after four policemen ..."; also
            # without figures ("Tuesday's attack is also the first big challenge for ...").
            day = f.event_dates[0].date
            main = [
                fr
                for fr in frames[-8:]  # the last few incidents told: bounded work per sentence
                if not fr.background and not fr.aggregate and (d := fr.own_date()) and d.date == day
            ]
            if main:
                current = main[-1]
                current.add(f)
                continue
        if (
            current is not None
            and not current.background
            and not current.aggregate
            and has_counts
            and not has_place
            and not f.event_dates
            and not f.marker_new
            and not f.background
            and any(not m.coref for g in current.facts for m in g.counted)
        ):
            # A lead telling two events, then the body retelling the first: "A police official was
            # killed and another injured in a blast in Charsadda ... Also in the day, a roadside
            # explosion injured four people in Bajaur. ... an IED ... went off, killing constable
            # Rahim Shah and injuring another": figures that are not the event told last but equal
            # those of one told before go back to it.
            probe = Frame()
            probe.add(f, first=True)
            if _counts_conflict(current, probe):
                main = [
                    fr
                    for fr in frames[-8:]
                    if fr is not current
                    and not fr.background
                    and not fr.aggregate
                    and fr.has_place
                    and _same_counts(fr, probe)
                ]
                if main:
                    current = main[-1]
                    current.add(f)
                    continue
        if current is not None and current.background and has_counts and not has_place and not f.event_dates:
            # "According to police, at least four people, including three Chinese nationals, were
            # killed" after an earlier event recalled: the main event's figures told again.
            probe = Frame()
            probe.add(f, first=True)
            main = [
                fr
                for fr in frames[-8:]
                if not fr.background and not fr.aggregate and fr.has_place and _same_counts(fr, probe)
            ]
            if main and not f.background and not f.marker_new:
                current = main[-1]
                current.add(f)
                continue
        lead = f.event_dates[0] if f.event_dates else None
        if (
            current is not None
            and has_counts
            and lead is not None
            and lead.start <= 20
            and not lead.anchored
            and lead.basis in ("explicit", "relative")
            # An incident of a dated lead total ("... in three operations on Thursday") has the lead's day.
            and (cur := current.own_date() or _story_date(frames)) is not None
            and lead.date != cur.date
            and not current.aggregate
            and any(not m.coref for g in current.facts for m in g.counted)
            and not _place_conflicts(current, f)
        ):
            # A sentence opening on another day, with figures ("Earlier on Sunday, a candidate was
            # gunned down ..." after Monday's attack at the same place): another incident.
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and lead is not None
            and lead.start <= 20
            and lead.basis == "explicit"
            and not lead.anchored
            and (has_counts or eventful)
            and not current.aggregate
            and (cur := _story_date(frames) if current.background else current.own_date()) is not None
            and lead.date < cur.date
            # After an earlier event recalled, only when that one has another day of its own ("Earlier
            # this month, ... seven terrorists were killed. 'On August 15, ...'" gives its day).
            and not (current.background and ((own := current.own_date()) is None or own.date == lead.date))
        ):
            # A sentence opening on an earlier named day ("Earlier on February 7, at least 12
            # terrorists were killed ...", "On December 25, militants had attacked a van ...") after
            # an event dated later: an earlier event, with or without figures, never part of the
            # one told (a figureless one is then not coded).
            frame = Frame(background=True)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and has_counts
            and _AGO_OPENER.match(f.sentence.text)
            and any(not m.coref for g in current.facts for m in g.counted)
        ):
            # "A day ago, a constable was martyred when terrorists attacked him": an earlier event.
            frame = Frame(background=True)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and not has_counts
            and not f.marker_new
            and not current.aggregate
            and _PRONOUN_VICTIM.search(f.sentence.text)
            and all(p.district in current.districts for p in f.district_places)
        ):
            # "Gunmen opened fire on him ..., killing him": the victim and event told just before.
            current.add(f)
            continue
        if (
            current is not None
            and not has_counts
            and len({p.district for p in f.district_places}) > 1
            and not current.aggregate
            and any(not m.coref for g in current.facts for m in g.counted)
        ):
            # "On Thursday we repulsed one attack in Lakki Marwat and another in DI Khan": without a
            # figure, several districts tell of several events, not where the incident before was.
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if (
            current is not None
            and has_counts
            and not current.aggregate
            and not any(m for g in current.facts for m in g.counted)
            and any(_NOBODY_HURT.search(g.sentence.text) for g in current.facts)
            and _NEW_EVENT_NOUN.search(f.sentence.text)
        ):
            # "Neither assault caused any casualties. ... two policemen were injured when a roadside
            # bomb hit a police vehicle": figures after an event told as without casualties are another's.
            frame = Frame(separate_from=current)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if current is not None and f.marker_new and f.district_places and not has_counts and not f.sentence.separate:
            # "Two more incidents were reported on Saturday. ... In the second, police beat back an
            # attack on a post in Lakki Marwat. ... In Lakki Marwat, police and residents repelled another
            # attack on a police post ...": the body telling the one the lead announced (no figures).
            told = [
                fr
                for fr in frames[-8:]
                if fr is not current
                and len(fr.facts) == 1
                and _ORDINAL_OPENER.match(fr.facts[0].sentence.text)
                and not any(m for g in fr.facts for m in g.counted)
                and _place_matches(fr, f)
            ]
            if told:
                current = told[-1]
                current.add(f)
                continue
        if current is not None and not has_place and not f.marker_new and not f.background:
            # "In the first, ... in the Dogar Umarzai area of Bannu district. In the second, police beat
            # back an attack in Lakki Marwat. Police said the SHO ... waved down bike riders in Dogar
            # Umarzai": an area told with an earlier incident, named again, goes back to it.
            said = f.sentence.text
            mine = [a for a in _area_names(current) if a in said]
            named = [
                fr
                for fr in frames[-8:]
                if fr is not current
                and not fr.aggregate
                and not fr.background
                and any(a in said for a in _area_names(fr))
            ]
            if named and not mine:
                current = named[-1]
                current.add(f)
                continue
        op = (
            current
            if current is None or not current.background
            else next((fr for fr in reversed(frames[-8:]) if not fr.background and _place_matches(fr, f)), None)
        )
        if (
            op is not None
            and has_counts
            and not op.aggregate
            and op.event_type() == "operation"
            and _NEW_ATTACK.search(f.sentence.text)
            and _ATTACKED_POST.search(f.sentence.text)
            and not _SAME_EVENT.search(f.sentence.text)
            and not f.marker_new
        ):
            # "A policeman was martyred in Dera Ismail Khan when terrorists attacked a police checkpoint"
            # after an IBO told in the same district: an attack on a post is not the operation.
            frame = Frame(separate_from=op)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if current is not None and not has_counts and not eventful and _opens_part(frames, current, f):
            # "As many as twenty terrorists were killed in Panjgur and Naushki ... By Friday, forces
            # had gained control of the situation in Naushki. Nine terrorists were killed there":
            # one district of a total over several, named on its own, opens that district's part.
            frame = Frame()
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        if current is None:
            new = has_counts or (eventful and has_place)
        elif f.marker_new and (has_counts or has_place or eventful or f.event_dates):
            new = True
        elif f.aggregate and has_counts:
            new = True
        elif (
            has_place
            and not f.district_places
            and (not has_counts or not (f.event_dates or f.marker_new or f.background))
            and current.districts
            and any(not m.coref for g in current.facts for m in g.counted)
            and not current.aggregate
            and (not current.background or not (has_counts or f.event_dates))
        ):
            # Only a local area the gazetteer lacks, and no figure ("the raid was carried out in
            # the Kundian area on Monday night") or figures with no day or cue of another event
            # ("the terrorists fired at the personnel in the Dheri Zardad area, wounding three of
            # them"), after an incident with figures: where that incident took place (a figureless
            # event before it is left to the place rules).
            new = False
        elif has_place and (eventful or has_counts) and len({p.district for p in f.district_places}) <= 1:
            if (placed := _placed_by(frames, current, f, has_counts)) is not None:
                # "... in a blast near a mosque in the Satellite Town area on Monday night. ... 'The
                # police vehicle was targeted in the blast,' said Quetta DIG ...": the district the
                # body names for the area told in the lead (the gazetteer lacks), not another event.
                current = placed
                current.add(f)
                continue
            if current.aggregate and eventful:
                new = True
            elif _place_matches(current, f) and not (has_counts and _other_day(current, f)):
                new = False
            elif _place_matches(current, f):
                # "A bus attack near Chilas on 4 December 2023 had left nine people dead" in a report
                # of Friday's attack at Chilas: an earlier event at the same place.
                story = _story_date(frames)
                frame = Frame(background=story is None or f.event_dates[0].date < story.date)
                frame.add(f, first=True)
                frames.append(frame)
                current = frame
                continue
            else:
                if (recalled := _recalled_at(frames, current, f)) is not None:
                    # "The development comes days after four policemen ... were martyred after two suicide
                    # bombers exploded in Bara. ... According to the police, four policemen were martyred
                    # ... while entering the tehsil compound, which houses the Bara Police Station": the
                    # earlier event told in detail at its own named area, not the main event's district.
                    current = recalled
                    current.add(f)
                    continue
                earlier = [
                    fr
                    for fr in frames
                    if fr is not current
                    and not fr.aggregate
                    and not fr.background
                    and _place_matches(fr, f)
                    and not (has_counts and (_other_area(fr, f) or _other_day(fr, f)))
                ]
                if earlier:
                    current = earlier[-1]
                    current.add(f)
                    continue
                story = _story_date(frames) if has_counts and not current.has_place else None
                if story is not None and _other_day_than(story, f):
                    # "... conducted an operation on 4 July 2024 in Darel Valley, during which a
                    # commander was killed" in a report of a later attack: an event of its own day.
                    frame = Frame(background=f.event_dates[0].date < story.date)
                    frame.add(f, first=True)
                    frames.append(frame)
                    current = frame
                    continue
                new = current.has_place or current.aggregate or (has_counts and _lead_over(current, f))
        elif has_counts and current.own_date() is None and _other_day(current, f):
            # "On Sunday, Indian shelling had left a woman dead ... in the same sector" after an
            # incident dated only by its statement: an earlier event.
            frame = Frame(background=True)
            frame.add(f, first=True)
            frames.append(frame)
            current = frame
            continue
        elif has_counts and f.event_dates and (cur := current.own_date()) is not None:
            # Figures on another named day are another event ("On 3 May ..." after "On 1 May ...",
            # "On Sept 10, three policemen were martyred" after "late on Friday night").
            when = f.event_dates[0]
            if when.basis == "explicit" and when.date != cur.date and not _place_conflicts(current, f):
                frame = Frame(background=when.date < cur.date)
                frame.add(f, first=True)
                frames.append(frame)
                current = frame
                continue
        if new:
            frame = Frame(separate_from=current if f.marker_new else None)
            frame.add(f, first=True)
            if f.background:
                # "The bombing came only a day after militants tried to storm ...", figures next.
                _date_after(frame, f, current, published)
            frames.append(frame)
            current = frame
        elif current is not None:
            if (
                not has_counts
                and not current.aggregate
                and current.districts
                and f.district_places
                and not any(p.district in current.districts for p in f.district_places)
            ):
                # Another district, no figure and no event ("militants set fire to vehicles in
                # Kalat"): not part of this incident, and not evidence for it.
                continue
            current.add(f)
    return frames


# -- merging -------------------------------------------------------------------------------------


def _places_compatible(a: Frame, b: Frame) -> bool:
    if not a.places or not b.places:
        return not (a.unresolved and b.unresolved and a.unresolved[0].text != b.unresolved[0].text)
    if a.districts and b.districts:
        if not set(a.districts) & set(b.districts):
            return False
        la, lb = set(a.localities), set(b.localities)
        return not (la and lb and not la & lb)
    return a.province == b.province


def _dates_compatible(a: Frame, b: Frame) -> bool:
    da, db = a.own_date(), b.own_date()
    return da is None or db is None or da.date == db.date


def _same_counts(a: Frame, b: Frame) -> bool:
    ca, cb = a.counts(), b.counts()
    shared = 0
    for k in ("security", "civilians", "militants", "injured"):
        va, vb = ca[k], cb[k]
        if va is not None and vb is not None:
            if va != vb:
                return False
            shared += va > 0
    for x, y in ((ca, cb), (cb, ca)):
        total = (x["unknown"] or 0) + sum(x[c] or 0 for c in _CATS) if x["unknown"] else None
        y_total = y["killed_total"]
        if total is not None and y_total is not None and y_total > total:
            return False
    if ca["killed_total"] is not None and cb["killed_total"] is not None and ca["unknown"] and cb["unknown"]:
        if ca["killed_total"] != cb["killed_total"]:
            return False
    if a.aggregate != b.aggregate and (ca["killed_total"] != cb["killed_total"] or ca["injured"] != cb["injured"]):
        # A sum over several events equals one of them only when every figure agrees.
        return False
    return shared > 0


def _counts_conflict(a: Frame, b: Frame) -> bool:
    """Some figure of the same kind differs between the two ("four injured" against "one injured")."""
    ca, cb = a.counts(), b.counts()
    kinds = ("security", "civilians", "militants", "injured")
    return any(ca[k] is not None and cb[k] is not None and ca[k] != cb[k] for k in kinds)


def merge_duplicates(frames: list[Frame]) -> list[Frame]:
    """Merge frames that tell the same event twice (a lead retold in the body)."""
    out: list[Frame] = []
    for fr in frames:
        if fr.background and any(o.background and o.text() == fr.text() for o in out):
            # A saved page repeating a paragraph tells its earlier event twice, word for word.
            continue
        again = next((o for o in out if o.background and fr.background and _retold_background(o, fr)), None)
        if again is not None:
            # "... attacked a camp in Bannu last week, killing six soldiers.(Reuters)" as a caption,
            # then in the body, then "the Sept. 2 attack on a security camp in Bannu": one earlier event.
            _absorb(again, fr)
            continue
        target = next(
            (
                o
                for o in out
                if fr.separate_from is not o
                and o.separate_from is not fr
                and not (o.background or fr.background)
                and _places_compatible(o, fr)
                and _dates_compatible(o, fr)
                and _same_counts(o, fr)
            ),
            None,
        )
        if target is None:
            out.append(fr)
            continue
        _absorb(target, fr)
    return out


def _absorb(target: Frame, fr: Frame) -> None:
    """Add a retelling's sentences and places to the frame it retells."""
    target.facts.extend(fr.facts)
    target.evidence.extend(f for f in fr.evidence if f not in target.evidence)
    known = {(p.district, p.locality, p.province) for p in target.places}
    target.places.extend(p for p in fr.places if (p.district, p.locality, p.province) not in known)
    if not target.unresolved:
        target.unresolved.extend(fr.unresolved)
    target.referents.update(fr.referents)
    target.aggregate = target.aggregate or fr.aggregate
    if "merged with a retelling of the same event in the report" not in target.notes:
        target.notes.append("merged with a retelling of the same event in the report")


def _retold_background(a: Frame, b: Frame) -> bool:
    """Two earlier events recalled at the same place, with the same figures and no day or month that differs.

    Wire copy recalls the event that prompted the one reported in its photo caption, its last
    paragraph and an aside ("wounds sustained in the Sept. 2 attack on a security camp in Bannu");
    "last week" and "Sept. 2" are one day seen roughly and exactly. Two recalled killings of the same
    toll in different months ("In March ... In May ...") stay two.
    """
    if not (_places_compatible(a, b) and a.has_place and b.has_place and _dates_compatible(a, b)):
        return False
    ia, ib = a.imprecise_date(), b.imprecise_date()
    if ia is not None and ib is not None and (ia.date, ia.precision) != (ib.date, ib.precision):
        return False
    return _same_counts(a, b) and not _counts_conflict(a, b)


# -- reconciling aggregates ----------------------------------------------------------------------


def _inside(agg: Frame, fr: Frame) -> bool:
    if not fr.places:
        return not agg.localities
    if agg.localities:
        return bool(set(fr.localities) & set(agg.localities))
    if agg.districts:
        return bool(set(fr.districts) & set(agg.districts)) or (not fr.districts and fr.province == agg.province)
    return agg.province is None or fr.province == agg.province


def _exact_subset(values: list[tuple[Frame, int]], target: int) -> list[Frame] | None:
    for r in range(len(values), 0, -1):
        for combo in itertools.combinations(values, r):
            if sum(v for _, v in combo) == target:
                return [fr for fr, _ in combo]
    return None


@dataclass(frozen=True)
class SumNote:
    """An aggregate figure not coded as an incident, with why."""

    sentence: str
    explanation: str


def reconcile(frames: list[Frame]) -> tuple[list[Frame], list[SumNote]]:
    """Resolve aggregates against the frames inside them (see the module docstring)."""
    details = [fr for fr in frames if not fr.aggregate and not fr.background]
    out: list[Frame] = []
    notes: list[SumNote] = []
    for fr in frames:
        if not fr.aggregate or fr.background:
            out.append(fr)
            continue
        counts = fr.counts()
        cands = [d for d in details if _inside(fr, d)]
        covered: list[Frame] = []
        remainder: dict[str, int] = {}
        explained = []
        keys = ["security", "civilians", "militants", "injured"]
        if counts["unknown"]:
            keys.append("killed_total")  # "Twelve people, including seven soldiers": the 12 is a sum too
        for key in keys:
            target = counts[key]
            if not target:
                continue
            # A lead placed nowhere with more than this total sums it, it is no part of it ("killing 19
            # fighters" before "five others were killed in raids in North Waziristan and Bannu").
            vals = [(d, n) for d in cands if (n := d.counts()[key]) and (n <= target or d.districts)]
            if not vals:
                if key != "killed_total":
                    remainder[key] = target
                continue
            subset = _exact_subset(vals, target)
            if subset:
                covered.extend(s for s in subset if s not in covered)
                explained.append(f"{key} {target} = " + " + ".join(str(s.counts()[key]) for s in subset))
            else:
                explained.append(
                    f"{key} {target} only partly accounted for by the incidents "
                    f"({' + '.join(str(v) for _, v in vals)}); not coded, check the text"
                )
        first = fr.facts[0].sentence.text
        if not covered and not explained:
            fr.origin = "aggregate"
            fr.notes.append("one figure covers several operations or places; the text gives no split")
            out.append(fr)
            continue
        notes.append(
            SumNote(first, "headline or lead total: " + "; ".join(explained) if explained else "headline or lead total")
        )
        agg_date = fr.own_date()
        for d in covered:
            if d.own_date() is None and agg_date is not None and d.inherited_date is None:
                d.inherited_date = agg_date
        unclaimed = [x for x in fr.districts if all(x not in d.districts for d in covered)]
        missing = [d for d in covered if not d.districts]
        if len(unclaimed) == 1 and len(missing) == 1:
            dist = unclaimed[0]
            src = next(p for p in fr.places if p.district == dist)
            missing[0].places.append(Place(src.text, src.start, src.province, dist, None))
            missing[0].place_note = f"district {dist} from the lead, the only one it names that no other incident takes"
        elif (
            missing and len(fr.districts) == 1 and all(not d.districts or d.districts == fr.districts for d in covered)
        ):
            # "Seven terrorists were killed in two separate engagements in Dera Ismail Khan district":
            # a lead naming one district puts every engagement it sums there ("in general area Maddi").
            dist = fr.districts[0]
            src = next(p for p in fr.places if p.district == dist)
            for d in missing:
                d.places.append(Place(src.text, src.start, src.province, dist, None))
                d.place_note = f"district {dist} from the lead total, the only district it names"
        if remainder:
            rest = Frame(facts=list(fr.facts), evidence=list(fr.evidence), places=list(fr.places), origin="remainder")
            rest.fixed_counts = {
                "security": remainder.get("security"),
                "civilians": remainder.get("civilians"),
                "militants": remainder.get("militants"),
                "unknown": None,
                "killed_total": sum(v for k, v in remainder.items() if k != "injured") or None,
                "injured": remainder.get("injured"),
            }
            rest.notes.append(
                "figure of a lead total that no incident in the report accounts for: "
                + ", ".join(f"{k} {v}" for k, v in remainder.items())
            )
            out.append(rest)
    return out, notes


def inherit_lead_dates(frames: list[Frame]) -> None:
    """Incidents told after a lead total, with no day of their own, take the lead's day.

    "Seven khwarij were killed on Sunday in two separate engagements ... In another encounter,
    in general area Maddi, troops neutralised three": the day is said once, in the lead, for
    all the engagements it sums, whether or not its figures add up. A lead dated only by its
    statement ("..., the military's media wing said on Thursday") passes on that day, as the
    incidents' own sentences would. The run stops at the next total, an earlier event, an
    incident on another day or one outside the lead's area.
    """
    for i, agg in enumerate(frames):
        if not agg.aggregate or agg.background or agg.origin != "text":
            continue
        when = agg.own_date() or agg.statement_date()
        if when is None or when.anchored:
            continue
        for fr in frames[i + 1 : i + 9]:
            if fr.aggregate or fr.background:
                break
            own = fr.own_date()
            if own is not None:
                if own.date != when.date:
                    break
                continue
            if fr.places and not _inside(agg, fr):
                break
            if fr.inherited_date is None and fr.statement_date() is None:
                fr.inherited_date = when


def resolve_anchored_dates(frames: list[Frame]) -> None:
    """A frame dated only "a day earlier" is dated from the event told just before it."""
    for i, fr in enumerate(frames):
        own = fr.own_date()
        if own is None or not own.anchored:
            continue
        if fr.facts and fr.facts[0].reaction:
            # "The funeral prayers of two sepoys, who were martyred a day earlier, were offered":
            # a day before the funeral, told as of the report's day, not before the event told last.
            continue
        before = [d for o in frames[:i] if (d := o.own_date() or o.inherited_date) is not None and not d.anchored]
        if before:
            # An overnight raid ends on the morning after its first day: "the previous day" is that first day.
            base = before[-1].date + timedelta(days=1) if before[-1].night else before[-1].date
            fr.inherited_date = DateCue(
                base - timedelta(days=own.offset),
                "relative",
                f"{own.text} (than {before[-1].text})",
                own.start,
            )
            fr.anchor_resolved = True


def inherit_scene(frames: list[Frame]) -> None:
    """A frame naming no place at all continues the scene before it (its place and date).

    One naming only a local area the gazetteer lacks, in a report about a single district, is
    in that district; so is one told after incidents all in one district, the first of them
    the report's lead ("seven terrorists were killed in two engagements in Dera Ismail Khan
    district ... In a second encounter, in general area Maddi, ..."), even when a later
    paragraph turns to another district.
    """
    districts = {d for o in frames if o.origin == "text" for d in o.districts}
    for i, fr in enumerate(frames):
        if fr.origin != "text":
            continue
        so_far = {d for o in frames[:i] if o.origin == "text" for d in o.districts}
        one_scene = len(districts) == 1 or (len(so_far) == 1 and i > 0 and bool(frames[0].districts))
        if fr.unresolved and not fr.places and one_scene and not fr.background:
            # "at a check post in the Kotla Saidan area" (not in the gazetteer) in a report about
            # one district: taken to be in that district; flagged for review.
            src = next(p for o in frames[: i if len(districts) > 1 else None] for p in o.places if p.district)
            fr.places.append(src)
            fr.place_note = (
                f"district {src.district} of the rest of the report; '{fr.unresolved[0].text}' is not in the gazetteer"
            )
            continue
        if (
            fr.background
            and fr.places
            and not fr.districts
            and not fr.unresolved
            and not (fr.facts[0].places or fr.facts[0].unresolved)
        ):
            # An earlier event told without a place ("... prompting a large-scale operation in which
            # eight terrorists were killed"), then a remark on the province ("... in KP remain under
            # threat"): the province does not place the event; the scene before it does.
            fr.places = []
        if fr.has_place:
            continue
        if fr.background and fr.facts[0].sentence.past_deed:
            # The militants' past deed ("involved in a December 2022 attack in which ..."): its place
            # is not told, and need not be the place of the event the report is about.
            fr.place_note = "a past deed of the militants: no place in the text"
            continue
        route = next((m for f in fr.facts if (m := _ROUTE.search(f.sentence.text))), None)
        on_road = [p for p in find_places(route.group(1))[0] if p.district] if route and fr.background else []
        if on_road:
            src = on_road[0]
            fr.places.append(Place(src.text, src.start, src.province, None, None))
            fr.place_note = f"province of the route ('{route.group(0) if route else ''}'); district not named"
            continue
        before = [o for o in frames[:i] if o.districts]
        told = [o for o in frames[:i] if o.province]
        if told and fr.background and any(_SAME_PROVINCE.search(f.sentence.text) for f in fr.facts):
            # "in a separate attack in the same province": the province, not the district (also after
            # an incident placed only in its province).
            src = next(p for p in told[-1].places if p.province == told[-1].province)
            fr.places.append(Place(src.text, src.start, src.province, None, None))
            fr.place_note = "province of the incident told before ('the same province'); district not named"
            continue
        if before and fr.region:
            # "Last Friday, militants attacked an army post in the restive northwest" after an attack
            # in Islamabad: the region's province, not the place of the incident before.
            same = [o for o in before if o.province == fr.region]
            before = same[-1:] if same and same[-1] is before[-1] else []
        if before:
            prev = before[-1]
            fr.places.extend(p for p in prev.places if p.district)
            fr.place_note = "no place in the text: place of the incident told just before"
            # An earlier event recalled ("a similar blast in the same market") keeps its own date.
            if not fr.background and fr.own_date() is None and fr.inherited_date is None:
                fr.inherited_date = prev.own_date() or prev.inherited_date
