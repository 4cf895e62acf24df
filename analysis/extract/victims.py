"""Who was killed or injured, and how many: casualty mentions in one sentence.

A mention is a count tied to a victim category and an outcome:

* category from the noun: soldiers, FC/Levies/police personnel, "sons of soil",
  officers with a rank ("Sepoy Iftikhar Hussain") → ``security``; terrorists,
  militants, khwarij, attackers → ``militants``; civilians, passengers, drivers,
  labourers, workers → ``civilians``; people, persons, others → ``unknown``;
* outcome from the verb: "martyred", "embraced shahadat", "lost their lives",
  "killed", "sent to hell", "neutralised", "shot dead" → ``killed``; "injured",
  "wounded" → ``injured``; "apprehended", "arrested", "abducted" → ``other`` (never
  a casualty). Wounded militants are injured, not dead.

Subsets ("ten of them soldiers", "one of the security officials", "two of the
injured") repeat people already counted and are marked so they are never added.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from typing import Literal

from analysis.extract._spans import AFTER, Spans
from analysis.extract._trie import trie_pattern
from analysis.extract.numbers import NUMBER, Number, find_numbers, parse_number

Category = Literal["security", "civilians", "militants", "unknown"]
Outcome = Literal["killed", "injured", "other"]

_NOUNS: dict[Category, tuple[str, ...]] = {
    "security": (
        "security forces personnel",
        "security personnel",
        "security men",
        "security officials",
        "security official",
        # A guard of no stated employer is a policeman's or a post's (Pakistani press: "the SHO's
        # guard"); private guards and bodyguards are below (civilians, no stated kind).
        "guards",
        "guard",
        "police guards",
        "police guard",
        "police bodyguards",
        "police bodyguard",
        "soldiers",
        "soldier",
        "troops",
        "jawans",
        "jawan",
        "sepoys",
        "sepoy",
        "policemen",
        "policeman",
        "police officials",
        "police official",
        "police officers",
        "police officer",
        "police constables",
        "police constable",
        "police personnel",
        "constables",
        "head constables",
        "head constable",
        "head-constables",
        "head-constable",
        "constable",
        "levies personnel",
        "levies men",
        "levies man",
        "levies officials",
        "levies sepoys",
        "levies",
        "fc personnel",
        "fc men",
        "fc soldiers",
        "frontier corps personnel",
        "frontier corps soldiers",
        "rangers",
        "ranger",
        "ctd personnel",
        "ctd men",
        "police men",
        "police jawans",
        "traffic wardens",
        "traffic warden",
        "bomb disposal personnel",
        "bomb disposal squad members",
        "members of the bomb disposal squad",
        "members of the police",
        "members of the police force",
        "ctd officials",
        "ctd officers",
        "intelligence officials",
        "intelligence official",
        "intelligence officers",
        "intelligence officer",
        "sons of soil",
        "sons of the soil",
        "law enforcement personnel",
        "law enforcers",
        "army personnel",
        "army officers",
        "army men",
        "army soldiers",
        "sub-inspectors",
        "sub-inspector",
        "members of security forces",
        "members of the security forces",
        "officers and men",
        "paramilitary soldiers",
        "paramilitary personnel",
        "personnel",
        "officers",
        "officer",
        "cops",
        "cop",
        "dsp",
        "sho",
        "asi",
        "deputy superintendent of police",
        "station house officer",
        "captain",
        "lieutenant",
        "lieutenant colonel",
        "colonel",
        "brigadier",
        # "killing a major and three soldiers" ("a major attack" is no victim: checked in code)
        "major",
        "havildar",
        "havaldar",
        "subedar",
    ),
    "militants": (
        "suicide bombers",
        "suicide bomber",
        "suicide-bombers",
        "suicide-bomber",
        "terrorists",
        "terrorist",
        "militants",
        "militant",
        "khwarij",
        "khawarij",
        "khwarji",
        "kharjis",
        "kharji",
        "khwarijis",
        "insurgents",
        "insurgent",
        "attackers",
        "attacker",
        "assailants",
        "assailant",
        "gunmen",
        "gunman",
        "outlaws",
        "miscreants",
        "extremists",
        "fighters",
        "intruders",
        "suspects",
        "suspected militants",
        "infiltrators",
        "accomplices",
        "accomplice",
        "facilitators",
        "facilitator",
    ),
    "civilians": (
        "civilians",
        "civilian",
        "passengers",
        "passenger",
        "drivers",
        "driver",
        "labourers",
        "labourer",
        "laborers",
        "laborer",
        "workers",
        "worker",
        # Road users: "a policeman was martyred together with another motorcyclist".
        "motorcyclists",
        "motorcyclist",
        "commuters",
        "commuter",
        "travellers",
        "traveller",
        "bystanders",
        "bystander",
        "passers-by",
        "passer-by",
        "passerby",
        "passersby",
        "pedestrians",
        "pedestrian",
        "citizens",
        "citizen",
        "engineers",
        "engineer",
        "villagers",
        "children",
        "child",
        "women",
        "woman",
        # Women named by kinship are women (as "women" above): "a student and his sister".
        "sisters",
        "sister",
        "daughters",
        "daughter",
        "wife",
        "mother",
        "students",
        "student",
        "worshippers",
        "worshipper",
        "pilgrims",
        "tribesmen",
        "tribesman",
        "shopkeepers",
        "shopkeeper",
        "traders",
        "trader",
        "vendors",
        "vendor",
        # Occupations and other people the text presents as non-combatants (a stated role).
        "farmers",
        "farmer",
        "shepherds",
        "shepherd",
        "fishermen",
        "fisherman",
        "tailors",
        "tailor",
        "barbers",
        "barber",
        "mechanics",
        "mechanic",
        "watchmen",
        "watchman",
        "doctors",
        "doctor",
        "nurses",
        "nurse",
        "lawyers",
        "lawyer",
        "businessmen",
        "businessman",
        "porters",
        "porter",
        "clerics",
        "cleric",
        "religious scholars",
        "religious scholar",
        "tribal elders",
        "tribal elder",
        "elders",
        "boys",
        "boy",
        "girls",
        "girl",
        "schoolchildren",
        "minors",
        "mourners",
        "devotees",
        "locals",
        "teachers",
        "teacher",
        "schoolteachers",
        "schoolteacher",
        "journalists",
        "journalist",
        "vaccinators",
        "vaccinator",
        "polio workers",
        "polio worker",
        "prayer leader",
        "imam",
        "contractors",
        # Candidates in an election are civilians (a stated non-combatant role, like a party official);
        # "the office of a JUI-F candidate" is his property, not him (checked in code).
        "candidates",
        "candidate",
        "election hopefuls",
        "election hopeful",
        "council members",
        "council member",
        "councillors",
        "councillor",
        "coal miners",
        "miners",
        "miner",
        "employees",
        "employee",
        "tourists",
        # Private guards at a building, bank or firm (not a state force; a stated civilian role):
        # "killing four security guards", "a private security guard died".
        "security guards",
        "security guard",
        "private guards",
        "private guard",
        "watchmen",
        "watchman",
        "chowkidar",
        # More road users and people at a shop the text names as such (coding rule 7).
        "travelers",
        "traveler",
        "motorists",
        "motorist",
        "customers",
        "customer",
        "shoppers",
        "shopper",
        "cooks",
        "cook",
        "family members",
        "nationals",
        "foreigners",
        "foreigner",
        "foreign nationals",
        # One foreign national, named by his nationality ("a Chinese national was shot dead"); a bare
        # "national" is not a noun of a person ("a national highway").
        "foreign national",
        "chinese national",
        "afghan national",
        "iranian national",
        "japanese national",
        "korean national",
        "british national",
        "american national",
        "german national",
        "russian national",
        "uzbek national",
        "tajik national",
        # Female relatives, like "women" above: "a student and his sister were killed".
        "sisters",
        "sister",
        "daughters",
        "daughter",
        "mothers",
        "mother",
        "wives",
        "wife",
    ),
    "unknown": (
        "people",
        "persons",
        "person",
        "individuals",
        "individual",
        "victims",
        "others",
        "men",
        "man",
        "brothers",
        "brother",
        "colleagues",
        "colleague",
        "officials",
        "official",
        "relatives",
        "nephews",
        "nephew",
        "sons",
        "son",
        "companions",
        "companion",
        "colleagues",
        "colleague",
        "supporters",
        "supporter",
        "cousins",
        "cousin",
        "uncle",
        "hostages",
        # A man's personal bodyguards: no state force and no civilian role stated.
        "bodyguards",
        "bodyguard",
        "personal guards",
        "personal guard",
    ),
}
#: A force named before a word for its men is security: "a naval official", "two army officers",
#: "a coast guard member", "Levies officials" (README rule 7: soldiers, FC, police, Levies, Rangers,
#: CTD, intelligence; the navy, air force and coast guard are forces of the state too).
_FORCE_MODIFIERS = (
    "naval", "navy", "army", "military", "fc", "levies", "rangers", "ctd", "police", "frontier corps",
    "coast guard", "coast guards", "air force", "airforce", "paf",
)  # fmt: skip
_FORCE_MEN = ("official", "officials", "officer", "officers", "member", "members", "personnel", "men", "man")
_NOUNS["security"] += tuple(
    f"{force} {men}" for force in _FORCE_MODIFIERS for men in _FORCE_MEN if f"{force} {men}" not in _NOUNS["security"]
)
#: Two forces under one word for their men: "10 police and security personnel", "FC and Levies men".
_PAIRED_FORCES = ("police", "security", "fc", "levies", "army", "rangers", "ctd")
_NOUNS["security"] += tuple(
    f"{a} and {b} {men}"
    for a in _PAIRED_FORCES
    for b in _PAIRED_FORCES
    for men in ("personnel", "officials", "officers", "men")
    if a != b
)
_NOUN_CATEGORY = {n: c for c, ns in _NOUNS.items() for n in ns}
_NOUN_ALT = trie_pattern(tuple(_NOUN_CATEGORY))
#: Regex alternation of every victim noun (longest first).
VICTIM_NOUNS = _NOUN_ALT
_NOUN_RE = re.compile(rf"\b(?:{_NOUN_ALT})(?![\w-])")  # run on lower-case text
_SINGULAR = tuple(
    n for n in _NOUN_CATEGORY if not re.search(r"(?:s|men|ij|ji|people|children|personnel)$", n) or n in ("levies man",)
)
_SINGULAR_ALT = trie_pattern(_SINGULAR)

# A victim word used as a modifier ("a passenger coach", "the police station") is not a victim.
_NOT_HEAD = (
    r"(?!\s+(?:coach(?:es)?|bus(?:es)?|vans?|vehicles?|trains?|stations?|posts?|check ?posts?|convoys?|"
    r"cars?|trucks?|camps?|offices?|lines?|checkpoints?|compounds?|mobiles?|patrols?|headquarters|"
    r"buildings?|quarters|colony|academy|training|attacks?|activit(?:y|ies)|groups?|organi[sz]ations?|outfits?|"
    r"hideouts?|networks?|incidents?|threats?|cells?)\b)"
)
_HEAD_NOUN_RE = re.compile(rf"\b(?:{_NOUN_ALT})(?![\w-]){_NOT_HEAD}")  # lower-case text
_STOP_MODIFIER = (
    r"(?!(?:and|or|were|was|had|have|has|are|of|in|on|at|from|by|to|while|who|which|that|the|when|after|as|"
    r"during|near|injured|wounded|killed|dead|martyred)\b)"
)
_AFTER_NUMBER = re.compile(
    # "Five Frontier Corps (FC) personnel": an abbreviation in brackets is part of the name.
    rf"^(?P<mods>(?:[\s-]+{_STOP_MODIFIER}[A-Za-z'’.-]+){{0,3}}?(?:\s+\([A-Z]{{2,6}}\))?)\s+(?P<noun>{_NOUN_ALT})(?![\w-])"
    rf"{_NOT_HEAD}",
    re.IGNORECASE,
)
_OF_THEM = re.compile(
    rf"^\s+of\s+(?:them|whom)\b(?:\s*,?\s+(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>{_NOUN_ALT})(?![\w-]))?", re.IGNORECASE
)
_OF_THE = re.compile(rf"^\s+of\s+(?:the|those|these)\b(?:\s+(?P<noun>{_NOUN_ALT})(?![\w-]))?", re.IGNORECASE)
#: "two of his companions": people of someone's group, counted for the first time.
_OF_HIS = re.compile(rf"^\s+of\s+(?:his|her|their|its)\s+(?P<noun>{_NOUN_ALT})(?![\w-])", re.IGNORECASE)
#: "five of the dead were soldiers", "27 of those who died were reportedly policemen", "six of
#: those killed were employees of the railways": a part of the killed, of a stated kind.
_OF_THE_DEAD = re.compile(
    rf"^\s+of\s+(?:the|those)\s+(?:dead|deceased|killed|who\s+(?:died|were\s+killed|lost\s+their\s+lives))\s+"
    rf"(?:were|was)\s+(?:(?:reportedly|also|all|said\s+to\s+be)\s+)?(?:[\w-]+\s+){{0,2}}?(?P<noun>{_NOUN_ALT})\b",
    re.IGNORECASE,
)
#: A count whose outcome is a participle before the noun: "the bodies of the five martyred
#: policemen", "the two injured soldiers", "the 12 slain terrorists".
_PARTICIPLE_NOUN = re.compile(
    rf"^\s+(?P<p>martyred|slain|killed|dead|deceased|injured|wounded)\s+(?:{_STOP_MODIFIER}[A-Za-z-]+\s+)?(?P<noun>{_NOUN_ALT})(?![\w-])",
    re.IGNORECASE,
)
#: "another" standing for one more person of the kind named before, as the object of a verb
#: ("killing one soldier and wounding another", "martyring a sepoy and injuring another") or as
#: the subject of one ("one soldier was martyred and another injured", "a constable was martyred
#: and another one was wounded", "another died in hospital"). "one another" is no person.
_ANOTHER = re.compile(
    r"\b(?:wounding|injuring|killing|martyring|wounded|injured)\s+(?P<a>another)(?=\s*(?:[.,;:]|$|"
    r"(?:and|in|near|at|on|during|when|while|before|after|as|along\s+with|together\s+with)\b))"
    r"|\b(?<!one )(?P<b>another(?:\s+one)?)(?=\s+(?:was|got|had\s+been|has\s+been|is|injured|wounded|hurt|martyred|"
    r"killed|died|succumbed)\b)",
    re.IGNORECASE,
)
#: "both of them" with its own verb: "the guards shot both of them dead", "killing both of them",
#: "both of them were injured". The pair is the one told before (a count of two), of its kind.
_ANOTHER_N = re.compile(r"\b(?:another|a\s+further)\s+$", re.IGNORECASE)
_BOTH_OF_THEM = re.compile(
    r"\b(?:(?P<kill>killing|killed|martyring|martyred|gunned\s+down|gunning\s+down)|(?P<shot>shot|shooting)|"
    r"(?P<hurt>injuring|injured|wounding|wounded))\s+both\s+of\s+them\b(?P<dead>\s+dead\b)?"
    r"|\bboth\s+of\s+them\s+(?:were|had\s+been)\s+(?:later\s+|also\s+)?(?:(?P<kill2>killed|martyred|shot\s+dead|"
    r"gunned\s+down)|(?P<hurt2>injured|wounded|hurt))\b",
    re.IGNORECASE,
)
_BOTH = re.compile(
    rf"\b[Bb]oth\s+(?:the\s+|of\s+the\s+)?(?P<noun>{_NOUN_ALT})(?![\w-]){_NOT_HEAD}(?!\s+(?:and|or|as well as)\b)"
)
#: Deaths among the wounded, added to the toll: "two of the injured soldiers succumbed", "three of
#: the injured later died", "Two more of the injured died in hospital", "two more injured expired".
_INJURED_DIED = re.compile(
    rf"^\s+(?:(?P<more>more)\s+(?:of\s+the\s+)?|of\s+(?:the|those)\s+)(?:injured|wounded)"
    rf"(?:\s+(?P<noun>{_NOUN_ALT}))?(?![\w-])(?:\s+\w+){{0,2}}?\s+(?:later\s+|also\s+)?"
    rf"(?:succumbed|died|passed away|expired)\b",
    re.IGNORECASE,
)
#: "seven members of a polio vaccination team", "five members of a family": people of a group.
_MEMBERS_OF = re.compile(
    r"^\s+(?:more\s+)?members\s+of\s+(?:a|an|the|his|her|their|its|one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:team|family|families|party|jirga|committee|crew|squad|force|staff|tribe|household|patrol|unit|contingent)\b",
    re.IGNORECASE,
)
_BARE = re.compile(
    r"^\s+(?:(?P<w>more|others?|were|was|had|have|are|got)\b"
    # "while 12 sustained injuries", "nine suffered wounds"
    r"|(?=(?:injured|wounded|killed|dead|martyred|died|sustained|suffered|received)\b))",
    re.IGNORECASE,
)
#: "a soldier", "his driver"; also "a Frontier Constabulary (FC) personnel", where the press uses
#: "personnel" for one man (only after "a"/"an"; checked in code).
_ARTICLE = re.compile(
    # "a number of personnel", "a group of soldiers": a vague quantity or a body of men, not one man.
    rf"\b(?P<det>an?|his|her|their|its|another|the\s+[\w-]+['’]s)\s+"
    rf"(?!(?:number|lot|group|team|contingent|party|convoy|squad|batch|unit|host|handful|couple)\s+of\b)"
    rf"(?:[\w-]+\s+){{0,2}}?(?:\([\w-]+\)\s+)?(?P<noun>{_SINGULAR_ALT}|personnel)(?![\w-])"
    rf"{_NOT_HEAD}",
    re.IGNORECASE,
)
#: "shot dead the driver of a water tanker", "injuring the van's conductor": one victim named by his
#: role right after the verb.
_THE_VICTIM = re.compile(
    rf"\b(?:killed|killing|shot dead|shooting dead|gunned down|injured|injuring|wounded|wounding|martyred|martyring)"
    rf"\s+(?P<det>the)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR_ALT})(?![\w-]){_NOT_HEAD}",
    re.IGNORECASE,
)
#: The injured told before who died of their wounds: "the injured officer later succumbed to his
#: wounds"; "the five soldiers who got critically injured earlier ... had succumbed to their injuries"
#: (after a count); "Despite immediate medical assistance, Naib Subedar X ... embraced martyrdom".
_THE_INJURED_DIED = re.compile(
    rf"\bthe\s+(?:critically\s+|seriously\s+|severely\s+)?(?:injured|wounded)\s+(?P<noun>{_SINGULAR_ALT})\s+"
    r"(?:later\s+|also\s+|subsequently\s+|too\s+)?(?:succumbed|died|expired|passed\s+away)\b",
    re.IGNORECASE,
)
_WHO_INJURED_DIED = re.compile(
    r"\s*,?\s*who\s+(?:had\s+)?(?:were|was|got|had\s+been|have\s+been)\s+(?:[\w-]+\s+){0,2}?(?:injured|wounded)\b"
    r"[^.;]{0,80}?\b(?:succumbed|died|expired|passed\s+away)\b",
    re.IGNORECASE,
)
#: The age told after a victim of no stated kind, his name between: "his son Abdul Haq (5)", "a
#: boy, Ali, 9,", "a man aged 12". A child (under 15) is a civilian, like "a child" (coding rule 7).
_AGE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'-]+){0,3}\s*(?:\(\s*(?:aged\s+)?(?P<a>\d{1,2})\s*\)|,\s*(?:aged\s+)?(?P<b>\d{1,2})\s*,|\s+aged\s+(?P<c>\d{1,2})\b)"
)
#: One of the wounded told before who died: "One of them, Razia, was in a critical condition and later
#: succumbed to her injuries", "one of the injured later died".
_OF_THEM_DIED = re.compile(
    r"\s*,?[^.;]{0,80}?\b(?:succumbed|died\s+of\s+(?:his|her|their)\s+(?:injuries|wounds)|died\s+in\s+(?:the\s+)?hospital)\b",
    re.IGNORECASE,
)
#: A toll raised by the deaths ("raising the death toll to five", "the toll later climbed to 15 as three
#: of the injured succumbed"): the older codings keep the injured told (heldout2 b06, heldout5 f07).
_TOLL_RAISED = re.compile(
    r"\b(?:toll|tally)\b[^.;]{0,40}\b(?:rose|risen|rising|climbed|climbing|jumped|reached|to\s+\d+)\b|\braising\s+the\b",
    re.IGNORECASE,
)
_DESPITE_TREATMENT = re.compile(
    r"^\W*despite\s+(?:[\w-]+\s+){0,2}?(?:medical|first)\s+(?:assistance|aid|treatment|care)\b", re.IGNORECASE
)
#: A victim told before, by his role with the participle of his death: "took the body of the dead
#: railway employee to hospital".
_THE_PARTICIPLE_ONE = re.compile(
    rf"\bthe\s+(?P<p>dead|slain|martyred|deceased)\s+(?:{_STOP_MODIFIER}[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR_ALT})"
    rf"(?![\w-]){_NOT_HEAD}",
    re.IGNORECASE,
)
_PARTY = (
    r"(?:PTI|PPP|ANP|JUI(?:-?[A-Z])?|PML(?:-?[A-Z])?|MQM(?:-?[A-Z])?|BNP(?:-?[A-Z])?|JI|TLP|NDM|"
    r"Jamaat-e-Islami|Jamiat Ulema-[ei]-Islam(?:-Fazl)?|Pakistan Tehreek-e-Insaf|Pakistan Peoples Party|"
    r"Awami National Party|Pakistan Muslim League(?:-Nawaz)?|National Party|Balochistan National Party)"
)
#: A leader of a political party named as a person (a party official is a civilian, coding rule 7):
#: "Shah Khalid, a leader of the PTI", "JUI-S leader Maulana X", "a local ANP leader".
_PARTY_ROLE = re.compile(
    rf"(?-i:\b(?:an?\s+|the\s+)?(?:(?:senior|local|district|provincial|central|former)\s+)?"
    rf"(?:leader|office[- ]bearer|activist)\s+of\s+(?:the\s+)?{_PARTY}\b"
    rf"|\b(?:an?\s+|the\s+)?(?:(?:senior|local|district|provincial|central|former)\s+)?{_PARTY}\s+"
    rf"(?:(?:senior|local|district|provincial|central|former)\s+)?(?:leader|office[- ]bearer|activist)\b)"
)
#: A member of a local peace committee (aman committee, lashkar, village defence committee), named
#: or not: a private man with a stated civilian role, not a state force (final4 CODING.md): "a member
#: of a local peace committee", "the peace committee member, Mir Wazir,", "peace committee commander
#: Saif Khan", "The head of the local aman committee Ali Gul".
_COMMITTEE = (
    r"(?:(?:local|village|area|tribal|government-backed|pro-government)\s+)?"
    r"(?:peace|aman|amn|village\s+defen[cs]e)\s+(?:committee|lashkar|jirga|force)"
)
_COMMITTEE_ROLES = r"(?:member|head|chief|chairman|commander|leader|volunteer|elder|president|in-charge)"
_COMMITTEE_ROLE = re.compile(
    rf"(?i:\b(?:an?\s+|the\s+)?(?:(?:senior|former|active|prominent)\s+)?{_COMMITTEE_ROLES}\s+of\s+(?:an?\s+|the\s+)?"
    rf"{_COMMITTEE}|\b(?:an?\s+|the\s+)?{_COMMITTEE}\s+{_COMMITTEE_ROLES})"
    r"(?:\s*,?\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}))?"
)
_ARMED_GROUP = (
    r"(?:Taliban|TTP|Tehreek-[ei]-Taliban(?:\s+Pakistan)?|Fitna[- ]al[- ]Khwarij|Fitna[- ]al[- ]Khawarij|khwarij|"
    r"khawarij|Fitna[- ]al[- ]Hindustan|Fitna-e-Hindustan|BLA|BLF|Lashkar-e-Islam|Lashkar-e-Jhangvi|LeJ|"
    r"Jamaat-ul-Ahrar|Hafiz Gul Bahadur(?:\s+group)?|Islamic State|ISKP|Daesh|militant|terrorist|insurgent)"
)
_LEADER_MODS = (
    r"(?:(?:top|senior|local|key|notorious|wanted|most[- ]wanted|prominent|high[- ]profile|self-styled|banned)\s+){0,3}"
)
#: A leader of an armed group is one of the militants (coding rule 7, a stated role): "a top local
#: Taliban leader", "terrorist commander Jan Muhammad", "the most-wanted commander of Fitna al
#: Khwarij", "a senior commander of the banned Lashkar-e-Islam group".
_MILITANT_LEADER = re.compile(
    rf"(?:\b(?:an?|the)\s+)?{_LEADER_MODS}{_ARMED_GROUP}\s+{_LEADER_MODS}(?:leader|commander|ringleader|chief)\b"
    rf"|\b(?:an?|the)\s+{_LEADER_MODS}(?:leader|commander|ringleader|chief)\s+of\s+(?:the\s+)?(?:banned\s+)?"
    rf"{_ARMED_GROUP}",
    re.IGNORECASE,
)
#: A civilian named with his role, as ISPR lists the dead: "civilian driver Jalal ud Din",
#: "labourer Gul Khan" (each counted once however many sentences name him).
_NAMED_CIVILIAN = re.compile(
    r"\b(?:[Cc]ivilian\s+)?(?P<role>driver|labourer|laborer|passenger|student|teacher|shopkeeper|journalist|"
    r"engineer|doctor|vaccinator|cleric|trader|farmer|shepherd)\s+(?P<name>[A-Z][\w'-]+(?:\s+(?:ud|ul|us|ur|[A-Z][\w'-]+))*)"
)
#: Who the shot were: "made passengers get down from the buses and opened fire on them".
_SHOT_THEM = re.compile(
    r"\b(?P<noun>passengers|labourers|laborers|travellers|workers|drivers|miners)\b[^.;]{0,80}?"
    r"\b(?:opened fire on|fired (?:at|on)|shot|killed|gunned down|executed)\s+them\b",
    re.IGNORECASE,
)
_AS_MANY = re.compile(
    r"\b(?:as many|an equal number|a similar number)(?:\s+others)?(?=\s+(?:(?:were|got)\s+)?"
    r"(?:injured|wounded|killed|martyred|hurt)\b)",
    re.IGNORECASE,
)
#: The attacker named as one of a total: "Ten people died, among them the bomber", "..., including
#: the suicide bomber", "among whom one assailant": the text counts him (coding rule 7).
_ATTACKER_COUNTED = re.compile(
    r"\b(?:including|among them|among whom)\s+"
    r"(?P<who>(?:the|a|one)\s+(?:suicide\s+)?(?:bomber|attacker|assailant|gunman))\b"
    # "The suicide bomber was killed in the attack while an accomplice was gunned down": his death told.
    r"|\b(?P<subject>the\s+(?:suicide\s+)?(?:bomber|attacker|assailant|gunman))(?=\s+(?:was|had\s+been)\s+"
    r"(?:also\s+)?(?:killed|shot\s+dead|gunned\s+down)\b)",
    re.IGNORECASE,
)
_POSSESSOR_BEFORE = re.compile(
    r"\b(?:house|home|residence|office|car|vehicle|convoy|rally|gathering|meeting|camp|shop|hujra|guards?|"
    r"security|son|sons|brother|nephew|relatives?)\s+of\s+$",
    re.IGNORECASE,
)
#: A victim word naming whose place or thing it was: "outside the office of a JUI-F candidate",
#: "the election offices of candidates", "the house of a policeman" (no victim, no antecedent).
_POSSESSED = re.compile(
    r"\b(?:house|houses|home|homes|residence|office|offices|car|vehicle|convoy|rally|gathering|meeting|camp|"
    r"shop|hujra|guards?)\s+of\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HURT_BEFORE_NOUN = re.compile(r"\b(?:injured|wounded)\s", re.IGNORECASE)
_DIED_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:later\s+)?(?:died|succumbed|expired|passed\s+away|(?:was|were)\s+(?:later\s+)?(?:killed|martyred))\b",
    re.IGNORECASE,
)
#: A name in apposition after "a <role>": "a passerby, Sanaullah,", "a shopkeeper, Ali Khan, and ...".
_APPOSED_NAME = re.compile(r"\s*,\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})\s*(?=,|\band\b|\bwas\b)")
_IDENTIFIED_AS = re.compile(r"\b(?:identified|named)\s+as\b[^.;:]*$", re.IGNORECASE)
_RANK = re.compile(
    r"\b(?:Lance Naik|Naik|Lance Havildar|Havildar|Havaldar|Captain|Capt\.|Major|Lieutenant|Lt\.|Colonel|Col\.|"
    r"Brigadier|Naib Subedar|Naib Risaldar|Risaldar|Dafadar|Sowar|"
    r"Subedar|[Cc]onstable|[Ss]epoy|Sub-Inspector|Inspector(?!\s+General)|DSP|SHO|ASI|L?HC(?!\s+(?:Chief|Justice|Bench))|Sergeant|Sgt\.)\)?\s+(?P<who>[A-Z][\w'-]+"
    r"(?:\s+[A-Z][\w'-]+)*)"
)
#: A post told in place of a name after a rank: "SHO Peshawar Shahpur Police", "SHO Chamkani Police
#: Station Shakeel Khan" (the man's name, if any, follows the post).
_POST_WORD = re.compile(r"\b(?:Police|Station|Thana|Post|Chowki)\b")


def person_name(who: str) -> str:
    """The name of a man told after his rank, lower case; "" when only his post is told.

    The whole name is kept (not the surname alone): "Ali Khan" and "Gul Khan" are two men, while
    "Shakeel Khan" and "Shakeel" are one (see :func:`distinct_people`).

    >>> (
    ...     person_name("Shakeel Khan"),
    ...     person_name("Peshawar Shahpur Police"),
    ...     person_name("Chamkani Police Station Ali Gul"),
    ... )
    ('shakeel khan', '', 'ali gul')
    """
    posts = list(_POST_WORD.finditer(who))
    return (who[posts[-1].end() :] if posts else who).strip(" .,").lower()


#: Parts of Pakistani names shared by many men (honorifics, "Muhammad", "Abdul", tribal and family
#: names): two names that share only these are two men.
_COMMON_NAME_PARTS = frozenset(
    "khan muhammad mohammad muhammed mohammed abdul abd ul ud ur us ullah din shah syed sayed malik haji "
    "hafiz mian mir sardar chaudhry ch rana raja sheikh qazi agha baloch wazir afridi khattak marwat mehsud "
    "yousafzai bangash orakzai achakzai kakar durrani bugti marri jan gul ali ahmed ahmad hussain hussan".split()
)


def distinct_people(names: set[str]) -> int:
    """How many men the names told across a report are: two forms of one name are the same man.

    The press names a victim in full first and shorter or reordered later ("SHO Shakeel Khan ...
    SHO Shakeel", "Constable Samad Khan ... constable Abdul Samad"): names that share a word other
    than the parts many men share (``_COMMON_NAME_PARTS``) are one man.

    >>> distinct_people({"shakeel khan", "shakeel", "najeeb"}), distinct_people({"ali khan", "gul khan"})
    (2, 2)
    >>> distinct_people({"samad khan", "abdul samad", "abdullah"})
    2
    """
    words = [set(n.split()) for n in sorted(names)]
    leader = list(range(len(words)))  # a union-find over the names

    def root(i: int) -> int:
        while leader[i] != i:
            i = leader[i]
        return i

    for i, a in enumerate(words):
        for j in range(i):
            b = words[j]
            if a <= b or b <= a or (a & b) - _COMMON_NAME_PARTS:
                leader[root(i)] = root(j)
    return len({root(i) for i in range(len(words))})


#: Men named after a plural rank, as police statements list them: "constables Ali Usman, Dil Jan
#: and Mehmood", "Sepoys Ali Khan and Niaz Gul" (each name one man of the force).
_PLURAL_RANK = re.compile(
    r"\b(?:[Cc]onstables|[Ss]epoys|Naiks|Lance Naiks|Havildars|Havaldars|Sub-Inspectors|ASIs|SIs)\s+"
    r"(?P<names>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}(?:\s*(?:,\s*(?:and\s+)?|\band\s+)[A-Z][\w'-]+"
    r"(?:\s+[A-Z][\w'-]+){0,3})*)"
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
#: A civil administration officer named with his title ("Assistant Commissioner Faisal Ismail",
#: "Tehsildar Abdul Wakeel Khan", with the place before the title: "Nawagai Assistant Commissioner
#: X"): a civilian with a stated role (coding rule 7).
_CIVIL_TITLE = re.compile(
    r"\b(?:[A-Z][\w'-]+\s+)?(?:Assistant Commissioner|Deputy Commissioner|Additional Deputy Commissioner|"
    r"Naib Tehsildar|Tehsildar|Patwari)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*"
)
#: "14 were initially injured", "police initially said three people were killed", "at first put the
#: toll at 12": a first figure, revised later in the report.
_INITIAL_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:initially|originally|at\s+first)\b",
    re.IGNORECASE,
)
_INITIAL_BEFORE = re.compile(r"\b(?:initially|originally|at\s+first)\b[^.;,]{0,40}$", re.IGNORECASE)
#: A ranked man's apposition: "Major Muhammad Awais, a brave officer, ..." is one man, not two.
_RANK_APPOSITION = re.compile(rf"(?:{_RANK.pattern})\s*,\s*$")
_NOMINAL_LIST = re.compile(r"(?:injured|wounded|dead|killed)\s+(?:included|include|comprised)\b", re.IGNORECASE)
_ALL_UNHARMED = re.compile(
    rf"\ball\s+(?:the\s+)?(?:[\w-]+\s+)?(?P<noun>{_NOUN_ALT})\s+(?:remained|were|escaped)\s+"
    rf"(?:unharmed|unhurt|safe|unscathed)\b",
    re.IGNORECASE,
)
#: "no one was injured", "nobody was hurt", "without any injuries in the convoy": the text says no
#: one was injured, an explicit 0 (coding rule 7). "No casualties were reported" is left alone.
_NONE_INJURED = re.compile(
    r"\b(?:no\s+one|nobody|none\s+of\s+(?:them|the\s+\w+))\s+(?:else\s+)?(?:was|were|got)\s+(?:injured|hurt|wounded)\b"
    r"|\bwithout\s+any\s+(?:injury|injuries)\b",
    re.IGNORECASE,
)
#: "no harm was caused to any military personnel or civilians": none of them killed or hurt.
_NO_HARM = re.compile(
    rf"\bno\s+harm\s+(?:was\s+|had\s+been\s+)?(?:caused|done|came)\s+to\s+(?:any\s+(?:of\s+(?:the|our)\s+)?|the\s+)?"
    rf"(?:[\w-]+\s+)?(?P<a>{_NOUN_ALT})(?:\s+(?:or|and|nor)\s+(?:any\s+)?(?:[\w-]+\s+)?(?P<b>{_NOUN_ALT}))?(?![\w-])",
    re.IGNORECASE,
)
#: "no casualties among its citizens", "no loss of life among the passengers": none of that kind killed.
_NO_CASUALTY = re.compile(
    rf"\b(?:no|without\s+any)\s+(?:casualty|casualties|loss\s+of\s+(?:life|lives))\b"
    rf"\s+(?:was\s+|were\s+)?(?:reported\s+|caused\s+)?among\s+(?:its\s+|the\s+|their\s+)?(?P<noun>{_NOUN_ALT})\b",
    re.IGNORECASE,
)
_AMONG = re.compile(
    r"\b[Aa]mong (?:those|the (?:people|persons|dead|victims)) (?P<o>killed|dead|martyred|injured|"
    r"wounded)\b[^,.;]*?\b(?:were|was)\s+(?P<list>[^.;]+?)(?=,\s+while\b|;|\.|$)"
)
_AMONG_THE_DEAD = re.compile(
    r"\b[Aa]mong the (?P<o>dead|deceased|killed|injured|wounded)\s+(?:were|was)\s+"
    r"(?P<list>[^.;]+?)(?=,\s+while\b|;|\.|$)"
)
#: People at work when attacked, by what they were doing: "two persons busy in construction of a
#: mosque", "three men working in the fields", "labour" in all but name (civilians, coding rule 7).
_AT_WORK = re.compile(
    r",?\s+(?:who\s+were\s+)?(?:busy|engaged|employed|working)\s+(?:in|on|at|with)\s+(?:the\s+|a\s+|their\s+)?"
    r"(?:construction|building|repair|road\s+work|work\b|fields?|farm|harvest|digging|a\s+project)",
    re.IGNORECASE,
)
#: Right after a counted noun: "10 people among the injured were in a critical condition".
_AMONG_THE_HURT = re.compile(r"\s+among\s+(?:the|those)\s+(?:injured|wounded)\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(rf"\b(?:{_NOUN_ALT})\s+$", re.IGNORECASE)
#: "... was among the dead"; "Commander X was among the militants killed in the raid" (one of a
#: group counted elsewhere: he adds no one to that count).
_AMONG_INJURED = re.compile(
    rf"\b(?:was|were) (?:also )?among (?:the|those) (?:(?P<group>{_NOUN_ALT})\s+)?(?:who\s+(?:were|was)\s+)?"
    rf"(?P<o>injured|wounded|dead|deceased|killed|martyred)\b",
    re.IGNORECASE,
)
#: The subject of "... was among the dead" when a role names it: "The prayer leader of the mosque".
_ROLE_SUBJECT = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR_ALT})\b[^,;]*$", re.IGNORECASE)
_TOLL_QUALIFIER = r"(?:(?:more than|at least|over|above|about|around|nearly|almost|approximately)\s+)?"
_TOLL = re.compile(
    rf"\b(?:death toll|toll|number of (?:people|persons|those|dead|deaths)(?:\s+killed)?)\b[^.]{{0,160}}?"
    rf"\b(?:risen|rose|rise|rises|climbed|climbs|reached|jumped|increased|mounted|stands|stood)\s+"
    rf"(?:to\s+|at\s+)?{_TOLL_QUALIFIER}(?P<n>{NUMBER})\b"
    # "raising the death toll to five"
    rf"|\b(?:raising|raised|taking|took|bringing|brought|pushing|pushed)\s+the\s+(?:death\s+)?toll\s+"
    rf"(?:from\s+\w+\s+)?to\s+{_TOLL_QUALIFIER}(?P<n2>{NUMBER})\b"
    # "put the toll of the attack at no fewer than 38 dead", "officials put the death toll at 12"
    rf"|\bput(?:s|ting)?\s+the\s+(?:death\s+)?toll\b[^.;]*?\bat\s+(?:no\s+fewer\s+than\s+|at\s+least\s+)?"
    rf"{_TOLL_QUALIFIER}(?P<n3>{NUMBER})\b",
    re.IGNORECASE,
)
#: Between a stated toll and its parts: "has risen to 31, including 13 policemen".
_TOLL_PART_GAP = re.compile(r"\s*,?\s*(?:including|among them|of whom)\s+", re.IGNORECASE)
#: "the number of injured rose to 40", "the real number of injured was about 50", "put the number
#: of wounded at around 20": a stated count of the injured (the largest figure is kept).
_INJURED_TOLL = re.compile(
    rf"\bnumber\s+of\s+(?:the\s+)?(?:injured|wounded)(?:\s+(?:people|persons))?\b[^.;,]*?"
    rf"\b(?:risen|rose|climbed|reached|jumped|increased|mounted|stands|stood|was|is|at)\s+(?:to\s+|at\s+)?"
    rf"{_TOLL_QUALIFIER}(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
#: What follows "two more soldiers" when they are deaths among the wounded told before:
#: "later succumbed", "died of their injuries", "died in hospital".
_SUCCUMBED_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:later\s+|also\s+|subsequently\s+)?(?:succumbed|died\s+(?:of|from)\s+(?:their|his|her)\s+"
    r"(?:injuries|wounds)|died\s+in\s+(?:the\s+)?hospital|later\s+died)\b",
    re.IGNORECASE,
)
#: "The injured numbered 20", "the wounded number around 35": a count of the injured.
_INJURED_NUMBERED = re.compile(
    rf"\bthe\s+(?:injured|wounded)\s+(?:numbered|number|totalled|totaled)\s+(?:at\s+)?{_TOLL_QUALIFIER}(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
_COREF = re.compile(
    rf"\b(?:the|these|those|all the)\s+(?P<noun>{_NOUN_ALT})\s+(?:were|was|had been|have been|are)"
    rf"\s+(?:later\s+|also\s+|all\s+|subsequently\s+|then\s+)?",
    re.IGNORECASE,
)

_OUTCOMES: tuple[tuple[Outcome, str], ...] = (
    ("killed", r"died of (?:his|her|their) (?:injuries|wounds)"),
    ("killed", r"succumbed(?: to (?:his|her|their) (?:injuries|wounds))?"),
    ("killed", r"shot (?:\w+ )?dead"),
    ("killed", r"gunned down"),
    ("killed", r"embrac\w* (?:shahadat|martyrdom)"),
    ("killed", r"laid down (?:their|his|her) li(?:ves|fe)"),
    # "lost their lives"; local copy also writes "a passer-by lost life", "lost their precious lives".
    ("killed", r"los(?:t|ing|e) (?:(?:their|his|her) )?(?:(?:precious|innocent|own|young) )?li(?:ves|fe)"),
    ("killed", r"(?:made|gave|offered|rendered) the (?:ultimate|supreme) sacrifice"),
    ("killed", r"to hell"),
    # "resulting in the martyrdom of two soldiers", "which resulted in the martyrdom of five brave
    # police constables" (ISPR); "resulted in the deaths / killing of" are read by "deaths? of" and "killing".
    ("killed", r"martyrdom of"),
    ("killed", r"lives were lost"),
    # "has led to the deaths of at least 30 people", "caused the death of a guard"
    ("killed", r"deaths? of"),
    ("killed", r"(?:claim|take|took|taking|takes)(?:ed|ing|s)? the lives? of"),
    (
        "killed",
        r"killed|killing|kills?|dead|martyred|martyring|neutrali[sz](?:ed|ing)|eliminat(?:ed|ing)|"
        r"wiped out|perished|died|massacred|slain|beheaded",
    ),
    # "another was arrested in injured condition", "one terrorist was captured injured": a wounded
    # militant taken alive is injured (coding rule 8), not only arrested.
    (
        "injured",
        r"(?:apprehended|arrested|captured|detained|caught)\s+(?:in\s+(?:an?\s+)?(?:injured|wounded)\s+"
        r"(?:condition|state)|(?:injured|wounded)|alive\s+(?:but\s+)?(?:injured|wounded))",
    ),
    ("injured", r"injur(?:ed|ing|ies)|wound(?:ed|ing)|hurt"),
    (
        "other",
        r"apprehended|arrested|abducted|kidnapped|captured|detained|surrendered|rescued|"
        r"(?:taken|held) hostage|taken into custody|rounded up|nabbed|held (?:along with|in custody)",
    ),
)
# The word boundary before a match is checked in code: a pattern that starts with plain
# letters lets ``re`` skip quickly to the positions where one of them occurs.
_OUTCOME_RE = re.compile("|".join(f"(?P<o{i}>(?:{rx})\\b)" for i, (_, rx) in enumerate(_OUTCOMES)))
_ACTIVE = re.compile(
    r"^(?:(?:claim|take|took|taking|takes)(?:ed|ing|s)? the lives? of|deaths? of|martyrdom of|"
    r"killed|killing|kills?|injur(?:ed|ing)|wound(?:ed|ing)|to hell|"
    r"shot (?:\w+ )?dead|gunned down|massacred|"
    r"neutrali[sz](?:ed|ing)|"
    r"eliminat(?:ed|ing)|martyr(?:ed|ing)|dead)$",
    re.IGNORECASE,
)
#: Between an active verb and its count; a closing quote may stand between them ("the troops
#: 'sent to hell' 14 khawarij").
_ADJACENT_GAP = re.compile(
    # "shot dead Shah Khalid, a leader of ...": a name before the role in apposition.
    # "the killing of JUI-F leader X", "killing police constable Y": "of" and a force before a rank.
    r"^[\s\"'”’]*(?:of\s+)?(?:(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}),\s*)?"
    r"(?:(?:included|including|were|are|his|her|their)\s+)?(?:(?:police|FC|Levies|army|CTD)\s+)?"
    r"(?:(?:at least|as many as|more than|all|another|over|nearly|some|up to|approximately|about|around|almost)\s+)?$",
    re.IGNORECASE,
)
_AGE = re.compile(r"[A-Z][a-z'’]+\s*[,(]\s*$")
#: "a suicide bombing claimed 26 lives", "the blast cost nine lives", "12 lives were lost": a count
#: of the dead, of no stated kind. Only with a verb of taking or losing ("saved 30 lives" is none).
_LIVES_AFTER = re.compile(
    r"^\s+(?:(?:more|innocent|precious|human)\s+){0,2}lives\b(?P<lost>\s+(?:were|have\s+been|had\s+been)\s+lost\b)?",
    re.IGNORECASE,
)
_LIVES_VERB_BEFORE = re.compile(
    r"\b(?:claim(?:ed|ing|s)?|took|tak(?:en|ing|es)|cost(?:ing|s)?|snuffed\s+out|lost)\s+"
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|another|a\s+further)\s+)?$",
    re.IGNORECASE,
)
#: Between a count and a part of it: "five people were killed, including two Levies personnel";
#: "11 others were wounded, among them three women"; "five people died, among them two FC
#: personnel"; "nine militants — among them a commander —".
_COMPONENT_GAP = re.compile(
    r"^(?:\s*(?:(?:were|was|had been|have been)\s+)?[a-z]+(?:\s+dead)?)?\s*[,—–]?\s*"
    r"(?:including|among them|among whom|of whom|incl\.)\s+$",
    re.IGNORECASE,
)
_AMONG_THEM_AFTER = re.compile(
    r"^(?:\s+(?-i:[A-Z][\w'-]+)){0,5}\s+among\s+(?:them|the\s+dead|the\s+victims|those\s+killed)\b", re.IGNORECASE
)
_AFTER_BARE_OBJECT = re.compile(
    r"^\s*(?:[.,;]|and\b|$|(?:in|at|near|on|during|when|while|after|before|as|across)\b(?!\s+(?:19|20)\d\d\b))",
    re.IGNORECASE,
)
_BARE_PARTICIPLE_NOUN = re.compile(
    rf"^\s+(?:injured|wounded|dead|killed|martyred)\s+(?P<noun>{_NOUN_ALT})(?![\w-])", re.IGNORECASE
)
_INCLUDING_GAP = re.compile(r"\s*,\s*(?:including|among them)\s+", re.IGNORECASE)
_AMONG_THEM_GAP = re.compile(
    r"(?:\s+(?:(?:were|was|had been|have been)\s+)?(?:dead|killed|martyred|injured|wounded|died|"
    r"lost\s+their\s+lives|embraced\s+(?:martyrdom|shahadat)))?\s*(?:,|—|-{1,2})\s*",
    re.IGNORECASE,
)
_AMONG_TOTAL_GAP = re.compile(r"^\s+(?:were|was)\s+among\s+(?:the\s+)?(?:at least\s+)?$", re.IGNORECASE)
_INCLUDING_THEN_AND = re.compile(r"^\s*,\s*(?:including|among them)\b[^;.,]*,\s*and\s+$", re.IGNORECASE)
#: Outcome words the coding rules use only for militants ("sent to hell", "neutralised").
_MILITANT_VERB = re.compile(r"to hell|neutrali|eliminat|wiped out", re.IGNORECASE)
#: "Among the injured were four children", "the injured included ...": a part of the injured.
_AMONG_INJURED_BEFORE = re.compile(
    r"(?:\b[Aa]mong (?:the|those) (?:injured|wounded)\b[^.;]*?\b(?:were|was|are)|"
    r"\b[Tt]he (?:injured|wounded)(?: (?:included|include)|, including))\s+(?:[\w-]+\s+){0,2}$"
)
#: "The victims ... included two labourers and the van's driver": who the dead were.
_VICTIMS_INCLUDED = re.compile(
    # The gap is bounded: unbounded, every "dead" of a long sentence scans to its end.
    # "The martyred soldiers include Naik X and Sepoy Y" (ISPR lists the dead this way).
    r"\b(?:(?:the\s+)?(?:victims|dead|deceased|those (?:killed|martyred)|slain)|the\s+martyred|"
    r"the\s+martyrs(?=\s+(?:included|include|were|are)\b))\b[^.;]{0,150}?"
    r"\b(?:included|include|were)\s+",
    re.IGNORECASE,
)
#: "The dead were all Pakistani drivers": who all the dead were.
_ALL_DEAD = re.compile(
    rf"\b(?:the\s+)?(?:dead|victims|deceased|those killed)\s+(?:were|are)\s+all\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>{_NOUN_ALT})(?![\w-])"
    # "the remaining victims were passers-by", "the rest of the dead were civilians", "the others
    # killed were labourers": the category of the unclassified rest of the killed total.
    rf"|\bthe\s+(?:remaining|other)\s+(?:victims|dead|deceased|fatalities)\s+(?:were|are)\s+(?:all\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?P<rest>{_NOUN_ALT})(?![\w-])"
    rf"|\bthe\s+rest\s+(?:of\s+the\s+(?:dead|victims)\s+)?(?:were|are)\s+(?:all\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<rest2>{_NOUN_ALT})(?![\w-])"
    # "Two policemen were among the dead, while the others were passersby"
    rf"|\bwhile\s+the\s+others\s+(?:killed\s+)?(?:were|are)\s+(?:all\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<rest3>{_NOUN_ALT})(?![\w-])",
    re.IGNORECASE,
)
#: "Four people, all of them labourers, were killed", "two men, both of them policemen".
_ALL_OF_THEM = re.compile(
    rf"\b(?:all|both)\s+of\s+(?:them|whom)\s+(?:were\s+|being\s+)?(?:[\w-]+\s+){{0,2}}?(?P<noun>{_NOUN_ALT})(?![\w-])",
    re.IGNORECASE,
)
#: A speaker, not a victim: "a police official said", "an official told Dawn".
_SPEAKER = re.compile(
    # "a senior official of the Counter-Terrorism Department, said", "a police officer, speaking on
    # condition of anonymity, said", "a police officer, Ali Khan, said"
    r"^(?:\s+(?:of|from|with|in|at)\s+(?:the\s+)?[\w'()&-]+(?:\s+[\w'()&-]+){0,5}?)?"
    r"(?:,\s+(?:(?:speaking|requesting|asking|who\s+(?:asked|requested|spoke|declined))\b[^,.;]{0,60}"
    r"|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})),)?,?"
    r"\s+(?:(?:also|later|further|had)\s+)?(?:said|says|told|added|confirmed|stated|informed)\b",
    re.IGNORECASE,
)
#: Where an "among the dead were ..." list stops: the attribution after it ("..., a police official said").
_LIST_ATTRIBUTION = re.compile(
    r",\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}?(?:said|told|added|confirmed|according)\b.*$", re.IGNORECASE
)
#: An official of a named force ("a vehicle of the Counter Terrorism Department ..., killing one official").
_FORCE = re.compile(
    r"\b(?:police|CTD|Counter[- ]Terrorism Department|Levies|FC|Frontier Corps|Frontier Constabulary|Rangers|"
    r"army|military|paramilitary|security forces)\b"
)
#: Between listed victims; a name may stand after the first ("a student, Abidullah, and his sister").
#: Officials of a civil office are not of a force named elsewhere in the sentence ("two election
#: officials were killed, police said").
_CIVIL_OFFICE = re.compile(
    r"\b(?:election|polling|government|district|revenue|health|education|municipal|railways?|customs|court|"
    r"bank|company|NADRA|WAPDA|administration|civil|local)\b",
    re.IGNORECASE,
)
#: Officials of a civil programme or office, named so: civilians with a stated role.
_CIVIL_PROGRAMME = re.compile(
    r"\b(?:polio|vaccination|immuni[sz]ation|health|election|polling|education|revenue|municipal|NADRA|WAPDA|"
    r"bank|railways?|customs|court|company|party)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(
    # "A deputy superintendent of police (DSP) and a guard": an abbreviation in brackets may follow.
    r"^\s*(?:\((?-i:[A-Z]{2,6})\)\s*)?(?:,\s*(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})\s*)?"
    r"(?:,|,?\s*and|,?\s*as\s+well\s+as|(?:,|\s*[—–])?\s*(?:including|among them))\s*(?:his|her|their|its)?\s*$",
    re.IGNORECASE,
)
_NAMED_AND_GAP = re.compile(r"\s*,\s*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}\s*,\s*and\s+")


def _next_clause_verb(sentence: str, outcome: tuple[int, int, Outcome, str], end: int, nxt: int) -> bool:
    """Whether an active verb after a mention opens a new clause about the next count.

    "killing a student and his sister, and injuring four others": "injuring" governs "four
    others", not "his sister" before it.
    """
    return (
        _ACTIVE.match(outcome[3]) is not None
        and re.fullmatch(r"[^.;]*,\s*(?:and\s+|while\s+)?", sentence[end : outcome[0]]) is not None
        and _ADJACENT_GAP.match(sentence[outcome[1] : nxt]) is not None
    )


_ALONG_WITH_GAP = re.compile(r"[^.;:]{0,160}?(?:,\s*|\s+)(?:along|together)\s+with\s+(?:his|her|their|its)?\s*")


def _share_along_with(linked: list[Mention], sentence: str) -> None:
    """The man before "along with" shares the verb of his companions (in place).

    "SHO Ali Khan, along with two constables, was martyred"; "Lieutenant Colonel X (age 39, resident
    of Y), who was leading his troops, along with Captain Z, ... embraced shahadat" (ISPR).
    """
    for i in range(len(linked) - 1):
        a, b = linked[i], linked[i + 1]
        gap = sentence[a.end : b.start]
        if (
            a.outcome is None
            and b.outcome is not None
            and _ALONG_WITH_GAP.fullmatch(gap)
            and not _OUTCOME_RE.search(gap.lower())
        ):
            linked[i] = replace(a, outcome=b.outcome)


_OPERATION_WORD = re.compile(r"\b(?:operations?|engagements?|IBOs?|raids?)\b", re.IGNORECASE)
_ROLE_CIVILIAN = re.compile(
    r"\b(?:JUI-?F?|PTI|ANP|PPP|PML-?N?|MQM|BNP|party|Ameer|Amir|leader|councillor|"
    r"worker|journalist|cameraman|reporter|teacher|driver|passenger|labourer)\b",
    re.IGNORECASE,
)
_ROLE_SECURITY = re.compile(
    r"\b(?:Sepoy|Naik|Captain|Major|Lieutenant|Colonel|Subedar|Constable|Inspector|DSP|"
    r"SHO|ASI|police\w*|soldier|FC|Levies)\b"
)


@dataclass(frozen=True)
class Mention:
    """One count of victims in a sentence."""

    count: int
    category: Category
    outcome: Outcome | None
    start: int
    end: int
    text: str
    qualifier: str | None = None
    more: bool = False
    """Written as "N more" / "another": possibly in addition to people already counted."""
    subset: bool = False
    """Repeats people already counted ("ten of them soldiers", "one of the officials")."""
    toll: bool = False
    """A stated total ("the death toll has risen to 10")."""
    assumed: bool = False
    """Outcome not written; taken as killed because the sentence reports an operation."""
    noun: str = ""
    coref: bool = False
    """Counted through a reference back ("the passengers were later shot dead")."""
    partitive: bool = False
    """A part of a named group ("eight of the attackers"): a repeat when the incident already
    counts that group, the only count of it otherwise (decided by the incident)."""
    component: bool = False
    """Introduced by "including" / "among them" after a count: a part of that count."""
    coordinated: bool = False
    """An unclassified victim listed beside a classified one ("a council member and his nephew")."""
    whole: bool = False
    """"The dead were all drivers": the category of the whole killed total (count not given)."""
    identified: bool = False
    """A man named after "identified as": one of the men counted in the sentence, not one more."""
    added: bool = False
    """Deaths added to a toll told before ("two more of the injured died in hospital")."""
    of_wounds: bool = False
    """Deaths among the injured told before ("the injured officer later succumbed", "the five soldiers
    who got critically injured had succumbed"): the incident no longer counts them as injured."""
    initial: bool = False
    """A first figure the text says was later revised ("14 were initially injured"): it gives way to
    another figure of its outcome and kind in the incident."""
    name: str = ""
    """A man named with his rank ("Major Hamza Israr"): his surname, lower case, so that the
    incident counts each named man once however many sentences name him."""


def _lower(text: str) -> str:
    """Lower-case text of the same length (so that match positions still apply)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def category_of(noun: str) -> Category:
    """Victim category of a noun ("khwarij" → militants)."""
    return _NOUN_CATEGORY.get(" ".join(noun.lower().split()), "unknown")


def _outcomes(sentence: str) -> list[tuple[int, int, Outcome, str]]:
    out = []
    low = _lower(sentence)
    for m in _OUTCOME_RE.finditer(low):
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
            continue
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        out.append((m.start(), m.end(), _OUTCOMES[i][0], m.group(0)))
    return out


def _noun_mention(n: Number, m: re.Match[str], outcome: Outcome | None, sentence: str) -> Mention:
    """The count ``n`` of the victim noun that ``m`` matched right after it ("five soldiers ...").

    "another two children", "a further three soldiers": more people, beside those told before.
    """
    return Mention(
        n.value,
        category_of(m.group("noun")),
        outcome,
        n.start,
        n.end + m.end(),
        sentence[n.start : n.end + m.end()],
        n.qualifier,
        more=_ANOTHER_N.search(sentence, max(0, n.start - 12), n.start) is not None,
        noun=m.group("noun").lower(),
    )


def _raw_mentions(sentence: str, antecedent: Category | None) -> list[Mention]:
    found: list[Mention] = []
    # "the toll of the terrorist attack at 38 dead": a victim word as a modifier is no antecedent.
    nouns = [
        (m.start(), category_of(m.group(0)))
        for m in _HEAD_NOUN_RE.finditer(_lower(sentence))
        if not _POSSESSED.search(sentence, max(0, m.start() - 60), m.start())
    ]
    noun_starts = [s for s, _ in nouns]  # increasing: finditer order

    first_words = len(" ".join(sentence.split()[:3]))

    def inherited(pos: int, *, skip_subject: bool = False) -> Category:
        # The last noun before ``pos`` (a binary search: a long sentence has many nouns).
        # "killed five of them": "them" is the object, not the sentence's opening subject.
        i = bisect.bisect_left(noun_starts, pos) - 1
        if i >= 0 and not (skip_subject and noun_starts[i] < first_words):
            return nouns[i][1]
        return antecedent or "unknown"

    for n in find_numbers(sentence):
        rest = sentence[n.end : n.end + AFTER]
        if re.fullmatch(r"(?:19|20)\d\d", n.text) and not _AFTER_NUMBER.match(rest):
            continue  # a year: "in 2022 had killed four people"
        if n.value == 1 and re.search(r"\b(?:no|not a single|not)\s+$", sentence[max(0, n.start - 12) : n.start], re.I):
            continue  # "no one was hurt"
        if _AGE.search(sentence[max(0, n.start - 40) : n.start]) and re.match(r"^\s*[,)]", rest):
            continue  # an age: "Havaldar Muhammad Akram, 36, a resident of ..."
        if re.search(r"\baged\s+$", sentence[max(0, n.start - 8) : n.start], re.IGNORECASE):
            continue  # an age: "a man aged 11 was injured"
        if re.match(r"^\s*(?:%|pc\b|per ?cent|kg\b|-year|-vehicle|am\b|pm\b|:\d)", rest, re.IGNORECASE):
            continue
        if (m := _LIVES_AFTER.match(rest)) and (
            m.group("lost") or _LIVES_VERB_BEFORE.search(sentence[max(0, n.start - 40) : n.start])
        ):
            found.append(
                Mention(
                    n.value,
                    "unknown",
                    "killed",
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    noun="people",
                )
            )
            continue
        if m := _OF_THE_DEAD.match(rest):
            found.append(
                Mention(
                    n.value,
                    category_of(m.group("noun")),
                    "killed",
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    noun=m.group("noun").lower(),
                    component=True,
                )
            )
            continue
        if m := _OF_THEM.match(rest):
            if m.group("noun"):
                # "three people, one of them a police officer": a part of the count before it.
                found.append(
                    Mention(
                        n.value,
                        category_of(m.group("noun")),
                        None,
                        n.start,
                        n.end + m.end(),
                        sentence[n.start : n.end + m.end()],
                        n.qualifier,
                        subset=True,
                        component=True,
                    )
                )
            else:
                found.append(
                    Mention(
                        n.value,
                        # "The attackers, all four of them, were killed": an apposition to the
                        # subject refers to it.
                        inherited(n.start, skip_subject=not re.search(r",\s*all\s+$", sentence[: n.start])),
                        None,
                        n.start,
                        n.end + m.end(),
                        sentence[n.start : n.end + m.end()],
                        n.qualifier,
                    )
                )
            continue
        if m := _OF_HIS.match(rest):
            found.append(_noun_mention(n, m, None, sentence))
            continue
        if m := _INJURED_DIED.match(rest):
            # "two of the injured soldiers succumbed": deaths of that kind added to those told before;
            # "three of the injured later died": deaths added to the toll, of the kind told before;
            # "two more (of the) injured died": deaths added to the toll, of no stated kind.
            noun = (m.group("noun") or "").lower()
            found.append(
                Mention(
                    n.value,
                    category_of(noun) if noun else "unknown" if m.group("more") else inherited(n.start),
                    "killed",
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    more=True,
                    noun=noun,
                    added=not noun,
                )
            )
            continue
        if m := _OF_THE.match(rest):
            # "eight of the attackers": a part of people the report may never have counted.
            noun = (m.group("noun") or "").lower()
            found.append(
                Mention(
                    n.value,
                    category_of(noun) if noun and noun not in ("others", "other") else inherited(n.start),
                    None,
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    subset=True,
                    partitive=bool(noun),
                    noun=noun,
                )
            )
            continue
        if (m := _AFTER_NUMBER.match(rest)) and _SPEAKER.match(sentence[n.end + m.end() : n.end + m.end() + 80]):
            continue  # "Four security officials, speaking to Reuters on condition of anonymity, said": sources
        if m:
            # "two more soldiers"; "another two children", "a further three soldiers".
            more = bool(re.search(r"\bmore\b", m.group("mods"), re.IGNORECASE)) or bool(
                _ANOTHER_N.search(sentence, max(0, n.start - 12), n.start)
            )
            noun = m.group("noun").lower()
            # "four others", "10 others": the same kind of people as the noun before them.
            cat = inherited(n.start) if noun in ("others", "other") else category_of(noun)
            if cat == "unknown" and _AT_WORK.match(rest, m.end()):
                # "two persons busy in construction of an imambargah": workers, a stated civilian role.
                cat = "civilians"
            # "10 people among the injured were in a critical condition": a part of the injured.
            part = _AMONG_THE_HURT.match(rest, m.end()) is not None
            found.append(
                Mention(
                    n.value,
                    cat,
                    "injured" if part else None,
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    more=more,
                    noun=m.group("noun").lower(),
                    subset=part,
                    component=part,
                )
            )
            continue
        if m := _MEMBERS_OF.match(rest):
            # "Seven members of a polio vaccination team", "five members of a family".
            what = m.group(0).lower()
            group_kind: Category = (
                "security"
                if re.search(r"\b(?:police|security|levies|fc|frontier|rangers|army|ctd|bomb disposal)\b", what)
                else "civilians"
                if re.search(
                    r"\b(?:polio|vaccination|health|rescue|media|election|polling|survey|relief|medical|ngo)\b", what
                )
                else "unknown"
            )
            found.append(
                Mention(
                    n.value,
                    group_kind,
                    None,
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    noun="members",
                )
            )
            continue
        if m := _PARTICIPLE_NOUN.match(rest):
            found.append(
                _noun_mention(n, m, "injured" if m.group("p").lower() in ("injured", "wounded") else "killed", sentence)
            )
            continue
        if (m := _BARE.match(rest)) and not (
            (m.group("w") or "").lower() in ("were", "was", "had", "have", "are")
            and not _OUTCOME_RE.search(re.split(r"[,.;:]", rest[m.end() :].lower(), maxsplit=1)[0])
        ):
            # "of which 1,516 were area-domination operations": a bare "N were" with no outcome
            # in its clause counts no people. "157 injured people": the noun after the participle
            # gives the kind.
            named = _BARE_PARTICIPLE_NOUN.match(rest)
            found.append(
                Mention(
                    n.value,
                    category_of(named.group("noun")) if named else inherited(n.start),
                    None,
                    n.start,
                    n.end + m.end(),
                    sentence[n.start : n.end + m.end()],
                    n.qualifier,
                    more=(m.group("w") or "").lower() == "more",
                )
            )
            continue
        before = sentence[max(0, n.start - 40) : n.start]
        act = re.search(r"\b(\w+)\s+(?:(?:at least|as many as|more than|all|another|over|nearly|some)\s+)?$", before)
        # "killed three people and wounded six in the blast": a bare count right after the verb.
        if act and _ACTIVE.match(act.group(1)) and _AFTER_BARE_OBJECT.match(rest):
            cat = inherited(n.start)
            if cat in ("militants", "security") and not _MILITANT_VERB.match(act.group(1)):
                # "Gunmen fired on a patrol, killing two": the attackers who open the sentence did
                # the killing; the count is of someone else (the object of "engaged the terrorists,
                # killing four" is still militants). So do troops who open it ("Troops raided a
                # hideout, killing four").
                cat = inherited(n.start, skip_subject=True)
            found.append(Mention(n.value, cat, None, n.start, n.end, n.text, n.qualifier))
        elif re.search(r"\b(?:a|the|entire|whole)\s+family\s+of\s+$", before, re.IGNORECASE):
            # "A family of five, including three children, was killed": the family members.
            found.append(Mention(n.value, "unknown", None, n.start, n.end, n.text, n.qualifier, noun="people"))
    for m in _BOTH.finditer(sentence):
        # "Both soldiers were martyred": two of them ("both soldiers and civilians" is no count).
        noun = m.group("noun").lower()
        if not noun.endswith(("s", "men", "ij", "ji", "people", "children", "personnel")):
            continue  # "both the soldier and ...": one noun is no pair
        if any(f.count == 2 and f.category == category_of(noun) and f.end <= m.start() for f in found):
            continue  # "Two gunmen opened fire ..., killing an officer and both assailants": the pair told before
        found.append(Mention(2, category_of(noun), None, m.start(), m.end(), m.group(0), noun=noun))
    for m in _BOTH_OF_THEM.finditer(sentence):
        # "Two suicide bombers attacked; the guards shot both of them dead": the pair told before.
        hurt = m.group("hurt") or m.group("hurt2")
        if not (hurt or m.group("kill") or m.group("kill2") or m.group("dead")):
            continue  # "shot both of them" alone does not say whether they died
        pair = [f for f in found if f.count == 2 and f.end <= m.start()]
        kind: Category = pair[-1].category if pair else inherited(m.start())
        found.append(
            Mention(2, kind, "injured" if hurt else "killed", m.start(), m.end(), m.group(0), noun="both of them")
        )
    for m in _ANOTHER.finditer(sentence):
        # "killing one soldier and wounding another", "a constable was martyred and another was
        # wounded": one more of the kind named before.
        g = "a" if m.group("a") else "b"
        if not any(f.start < m.end(g) and m.start(g) < f.end for f in found):
            found.append(Mention(1, inherited(m.start(g)), None, m.start(g), m.end(g), m.group(g), more=True))
    for m in _AS_MANY.finditer(sentence):
        # "Two terrorists were killed and as many injured": the same number again, of the same kind.
        before_it = [f for f in found if m.start() - 120 <= f.start and f.end <= m.start()]
        if before_it:
            last = max(before_it, key=lambda f: f.end)
            found.append(Mention(last.count, last.category, None, m.start(), m.end(), m.group(0), more=True))
    for m in _ATTACKER_COUNTED.finditer(sentence):
        # "Ten people died, among them the bomber": the text counts him (coding rule 7).
        g = "who" if m.group("who") else "subject"
        found.append(Mention(1, "militants", None, m.start(g), m.end(g), m.group(g), noun="attacker"))
    taken = Spans((m.start, m.end) for m in found)
    for m in _ARTICLE.finditer(sentence):
        if taken.covers(m.start("noun")):
            continue
        if _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue  # "a police official said": the source, not a victim
        if m.group("noun").lower() == "personnel" and m.group("det").lower() not in ("a", "an"):
            continue  # "their personnel": no count
        if m.group("noun").lower() == "major" and not re.match(
            r"\s*(?:[,.;)]|$|(?:and|or|was|were|who|embraced|also|had|has)\b|of\s+the\s+(?:Pakistan\s+)?(?:army|"
            r"Frontier|FC|SSG|\w+\s+regiment)\b)",
            sentence[m.end() :],
            re.IGNORECASE,
        ):
            continue  # "a major attack", "a major blow": an adjective, not an officer
        if _POSSESSED.search(sentence, max(0, m.start() - 60), m.end("noun") - len(m.group("noun"))) or re.match(
            r"['’]s\b", sentence[m.end() :]
        ):
            continue  # "the office of a JUI-F candidate", "a policeman's house": his place, not him
        if (
            m.group("det").lower() in ("a", "an")
            and category_of(m.group("noun")) == "security"
            and _RANK_APPOSITION.search(sentence[max(0, m.start() - 80) : m.start()])
            and re.match(r"\s*,", sentence[m.end() :])
        ):
            continue  # "Major Muhammad Awais, a brave officer, embraced shahadat": the same man
        if m.group("noun").lower().replace("-", " ") == "suicide bomber" and not (
            re.search(r"\b(?:killed|killing|kills)\s+(?:also\s+)?$", sentence[: m.start()], re.IGNORECASE)
            or re.match(r"\s+(?:was|had been)\s+(?:also\s+)?(?:killed|shot dead|gunned down)\b", sentence[m.end() :])
        ):
            # "A suicide bomber blew himself up, killing ...": the bomber is not counted unless
            # the text counts him (coding rule 7: "the blast also killed a suspected suicide bomber").
            continue
        # "A passerby, Sanaullah, and another man were killed": the man named in apposition, so
        # that a report naming him again, or naming another man of his kind, counts each once.
        # A ranked name ("a soldier, Sepoy Niaz Ali,") is the ranked man's, counted by the rank.
        named = _APPOSED_NAME.match(sentence, m.end()) if m.group("noun").lower() in _SINGULAR else None
        # "shielding a wounded soldier", "a critically injured policeman was shifted": the participle
        # before the noun is his outcome (not the verb of the clause: "... before killing an attacker").
        hurt = _HURT_BEFORE_NOUN.search(sentence, m.end("det"), m.start("noun")) and not _DIED_AFTER.match(
            sentence, m.end(), m.end() + 40
        )
        if named and _RANK.match(sentence, named.start("name")):
            named = None
        found.append(
            Mention(
                1,
                category_of(m.group("noun")),
                "injured" if hurt else None,
                m.start(),
                m.end(),
                m.group(0),
                more=m.group("det").lower() == "another",
                noun=m.group("noun").lower(),
                name=person_name(named.group("name")) if named else "",
            )
        )
    claimed = Spans((f.start, f.end) for f in found)  # every mention so far, kept up to date below
    for m in _THE_VICTIM.finditer(sentence):
        if claimed.covers(m.start("noun")):
            continue
        if m.group("noun").lower().replace("-", " ") in ("suicide bomber", "man", "official", "officer", "person"):
            continue  # "killed the suicide bomber", "killed the man who ...": no role of a victim
        found.append(
            Mention(
                1,
                category_of(m.group("noun")),
                None,
                m.start("det"),
                m.end(),
                m.group(0)[m.start("det") - m.start() :],
                noun=m.group("noun").lower(),
            )
        )
        claimed.add(m.start("det"), m.end())
    for m in _THE_INJURED_DIED.finditer(sentence):
        if not claimed.covers(m.start("noun")) and (cat := category_of(m.group("noun"))) != "unknown":
            # "the injured officer later succumbed to his wounds": one of the injured died.
            found.append(Mention(1, cat, "killed", m.start(), m.end(), m.group(0), of_wounds=True))
            claimed.add(m.start(), m.end())
    for m in _THE_PARTICIPLE_ONE.finditer(sentence):
        if claimed.covers(m.start("noun")) or (cat := category_of(m.group("noun"))) in ("unknown", "militants"):
            continue
        # "the body of the dead railway employee": the definite article refers back to a victim
        # already counted; it says of what kind the dead were (like "the dead were all drivers"),
        # it counts no one more.
        found.append(Mention(0, cat, "killed", m.start(), m.end(), m.group(0), subset=True, whole=True))
        claimed.add(m.start(), m.end())
    for m in _NAMED_CIVILIAN.finditer(sentence):
        if claimed.covers(m.start("role")) or _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue
        # "ASI Gul Alam, Constable Rafiq and driver Sakhi Jan died": a driver listed among ranked
        # policemen is one of them (ISPR writes "civilian driver X" for a civilian).
        ranked = m.group("role") == "driver" and not m.group(0).lower().startswith("civilian")
        kind = "security" if ranked and _RANK.search(sentence) else "civilians"
        name = person_name(m.group("name"))
        found.append(Mention(1, kind, None, m.start(), m.end(), m.group(0), noun=m.group("role").lower(), name=name))
        claimed.add(m.start(), m.end())
    for m in _PARTY_ROLE.finditer(sentence):
        if claimed.covers(m.start()) or claimed.starts_within(m.start(), m.end()):
            continue
        if _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue  # "a PPP leader, Ali Shah, said": the source, not a victim
        if _POSSESSOR_BEFORE.search(sentence[max(0, m.start() - 30) : m.start()]):
            continue  # "the house of a local ANP leader": his property, not him
        found.append(Mention(1, "civilians", None, m.start(), m.end(), m.group(0), noun="leader"))
    for m in _COMMITTEE_ROLE.finditer(sentence):
        if claimed.covers(m.start()) or _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue  # "a peace committee member said": the source, not a victim
        name = person_name(m.group("name")) if m.group("name") else ""
        found.append(Mention(1, "civilians", None, m.start(), m.end(), m.group(0), noun="committee member", name=name))
        claimed.add(m.start(), m.end())
    for m in _MILITANT_LEADER.finditer(sentence):
        if claimed.covers(m.start()) or claimed.starts_within(m.start(), m.end()):
            continue  # "a militant commander": counted as "a militant"
        if _SPEAKER.match(sentence[m.end() : m.end() + 80]) or _POSSESSED.search(
            sentence, max(0, m.start() - 60), m.start()
        ):
            continue  # "a TTP commander said", "the house of a Taliban leader"
        found.append(Mention(1, "militants", None, m.start(), m.end(), m.group(0), noun="militant leader"))
        claimed.add(m.start(), m.end())
    named_budget, named_end = 0, -1
    force_named = _FORCE.search(sentence) is not None
    for m in _RANK.finditer(sentence):
        if taken.covers(m.start()):
            continue
        prior = [f for f in found if f.end <= m.start()]
        security_before = prior and (
            prior[-1].category == "security" or (prior[-1].noun in ("official", "officials") and force_named)
        )
        if prior and security_before and not prior[-1].name and prior[-1].end > named_end:
            named_budget, named_end = prior[-1].count, prior[-1].end
        if named_budget > 0 and re.fullmatch(r"\s*(?:[,:(]|,?\s*and)\s*", sentence[named_end : m.start()]):
            # "a soldier, Sepoy Niaz Ali,"; "two sons of soil, Sepoy A and Sepoy B": the men counted, named.
            named_budget -= 1
            named_end = m.end()
            continue
        if _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue  # "Lieutenant General Ahmed Sharif said ...": the source, not a victim
        # "The slain policemen were identified as ASI X and constable Y": the men counted, named.
        identified = _IDENTIFIED_AS.search(sentence[max(0, m.start() - 200) : m.start()]) is not None
        found.append(
            Mention(
                1,
                "security",
                None,
                m.start(),
                m.end(),
                m.group(0),
                noun="officer",
                name=person_name(m.group("who")),
                identified=identified,
            )
        )
    for m in _PLURAL_RANK.finditer(sentence):
        if taken.covers(m.start()) or _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            continue
        pos = m.start("names")
        for i, name in enumerate(_NAME_SPLIT.split(m.group("names"))):
            # The first mention starts at the rank, so that a list before it ("ASI X, and
            # constables Y and Z") joins it.
            at = m.start() if i == 0 else sentence.find(name, pos)
            pos = sentence.find(name, pos) + len(name)
            found.append(
                Mention(1, "security", None, at, pos, sentence[at:pos], noun="officer", name=person_name(name))
            )
    taken = Spans((m.start, m.end) for m in found)
    for m in _CIVIL_TITLE.finditer(sentence):
        if not taken.covers(m.start()) and not _SPEAKER.match(sentence[m.end() : m.end() + 80]):
            found.append(Mention(1, "civilians", None, m.start(), m.end(), m.group(0), noun="civil official"))
    found.sort(key=lambda x: x.start)
    return found


def find_casualties(
    sentence: str, *, antecedent: Category | None = None, referents: dict[str, int] | None = None
) -> list[Mention]:
    """Casualty mentions in ``sentence`` with their outcome (``None`` when no verb says).

    Parameters
    ----------
    sentence
        One sentence.
    antecedent
        Category that a bare "N of them" / "N were" refers to when the sentence names none.
    referents
        Counts already given for a noun in the same incident ("nine passengers"), so that
        "The passengers were later shot dead" can be counted.
    """
    outcomes = _outcomes(sentence)
    # Outcome matches do not overlap and come in order: starts and ends both increase, so the
    # outcome before or after a mention is a binary search away (linear in the sentence).
    o_starts = [o[0] for o in outcomes]
    o_ends = [o[1] for o in outcomes]
    mentions = _raw_mentions(sentence, antecedent)
    counted = [m for m in mentions if not m.subset]
    linked: list[Mention] = []
    for i, m in enumerate(counted):
        nxt = counted[i + 1].start if i + 1 < len(counted) else len(sentence)
        outcome: Outcome | None = None
        word = ""
        j = bisect.bisect_right(o_ends, m.start) - 1  # last outcome ending before the mention
        if j >= 0 and _ACTIVE.match(outcomes[j][3]) and _ADJACENT_GAP.match(sentence[outcomes[j][1] : m.start]):
            outcome, word = outcomes[j][2], outcomes[j][3]
        if outcome is None:
            k = bisect.bisect_left(o_starts, m.end)  # first outcome starting after it
            # "The deceased included two policemen, while the injured included a child": "the
            # injured included" opens a list of other people; it is not the count's outcome.
            nominal = (
                k < len(outcomes)
                and re.search(r"\b(?:the|those)\s+$", sentence[max(0, o_starts[k] - 7) : o_starts[k]], re.I) is not None
                and _NOMINAL_LIST.match(sentence, o_starts[k]) is not None
            )
            if (
                k < len(outcomes)
                and o_starts[k] < nxt
                and not _next_clause_verb(sentence, outcomes[k], m.end, nxt)
                and not nominal
            ):
                outcome, word = outcomes[k][2], outcomes[k][3]
        if not m.noun and m.category != "militants" and _MILITANT_VERB.match(word):
            # "all four were sent to hell" after "troops engaged them": a bare count whose
            # verb the coding rules keep for militants is militants, whatever noun came before.
            m = replace(m, category="militants")
        if m.category == "militants" and re.match(r"martyr|embrac|laid down", word, re.IGNORECASE):
            # "A DSP and a gunman were martyred": the press never writes militants as martyred; a
            # "gunman" martyred is a policeman's armed guard (security), anyone else of no stated kind.
            m = replace(m, category="security" if m.noun in ("gunman", "gunmen") else "unknown")
        linked.append(replace(m, outcome=m.outcome or outcome))
    # "was gunned down ..., along with his driver": the companion shares the outcome told before.
    for i in range(1, len(linked)):
        m = linked[i]
        if m.outcome is None and re.search(
            r"\b(?:along|together) with\s+$", sentence[max(0, m.start - 16) : m.start], re.I
        ):
            prev_outcome = next(
                (linked[k].outcome for k in range(i - 1, max(-1, i - 4), -1) if linked[k].outcome), None
            )
            if prev_outcome is not None:
                linked[i] = replace(m, outcome=prev_outcome)
    _share_along_with(linked, sentence)
    # Companions "along with" a man of a stated kind are more people, not a total of them.
    for i in range(1, len(linked)):
        a, b = linked[i - 1], linked[i]
        if (
            b.category == "unknown"
            and a.category != "unknown"
            and not b.noun.startswith(("people", "person"))
            and re.fullmatch(
                r"\s*,?\s*(?:along|together)\s+with\s+(?:his|her|their|its)?\s*", sentence[a.end : b.start]
            )
        ):
            linked[i] = replace(b, coordinated=True)
    # "his brother, a schoolteacher, was killed": an apposition names the role of the one
    # person before it; it is not a second victim.
    appos: list[Mention] = []
    for m in linked:
        before_m = appos[-1] if appos else None
        if (
            before_m is not None
            and before_m.count == m.count == 1
            and before_m.category == "unknown"
            and m.category != "unknown"
            and re.match(r"an?\s", m.text, re.IGNORECASE)
            and re.fullmatch(r"\s*,\s*", sentence[before_m.end : m.start])
            and re.match(r"\s*,\s+(?:was|were|who|had)\b", sentence[m.end : m.end + 12])
        ):
            appos[-1] = replace(before_m, category=m.category, outcome=before_m.outcome or m.outcome, end=m.end)
            continue
        appos.append(m)
    linked = appos
    # "Five children and a policeman were among seven people killed": the listed are part of
    # the total after them and share its outcome.
    for i in range(len(linked) - 1):
        a, b = linked[i], linked[i + 1]
        if a.outcome is None and b.outcome and _AMONG_TOTAL_GAP.match(sentence[a.end : b.start]):
            linked[i] = replace(a, outcome=b.outcome)
            if not b.noun:
                # "eight officers were among the 30 wounded": the bare count is the whole, of
                # no stated kind (not the kind of the part named before it).
                linked[i + 1] = replace(b, category="unknown")
    # "Two officers, including a lieutenant colonel, and five soldiers embraced martyrdom":
    # the count before an "including" clause shares the verb of the count after it.
    for i, a in enumerate(linked):
        if a.outcome is not None:
            continue
        for b in linked[i + 2 : i + 12]:
            if _INCLUDING_THEN_AND.match(sentence[a.end : b.start]) and b.outcome:
                linked[i] = replace(a, outcome=b.outcome)
                break
    # Coordinated and listed mentions share an outcome ("18 soldiers and 23 terrorists were
    # killed"; "the dead included six drivers, two passengers and one more official").
    # A forward and a backward pass: a verb at the end of a long list of named men reaches the first.
    for order in (range(len(linked) - 1), range(len(linked) - 2, -1, -1)):
        for i in order:
            a, b = linked[i], linked[i + 1]
            gap = sentence[a.end : b.start]
            # Named men in a list with their ages and home towns between them:
            # "Havaldar X, 36, a resident of Chakwal, and Sepoy Y, 24, ... embraced shahadat".
            # Also a list split by semicolons: "Naik X, 36, of Khyber; Lance Naik Y, 35, of
            # Mansehra; and Sepoy Z ... embraced martyrdom".
            named_list = (
                a.noun == b.noun == "officer"
                and (
                    re.fullmatch(r"[^;:]*\band\s+", gap) is not None
                    or re.fullmatch(r"[^:]*;\s*(?:and\s+)?", gap) is not None
                )
                and not _OUTCOME_RE.search(gap.lower())
            )
            part = re.search(r"including|among them", gap, re.IGNORECASE)
            if _LIST_GAP.match(gap) and not part and a.category != b.category:
                if a.category == "unknown" and not a.noun.startswith(("people", "person")):
                    linked[i] = a = replace(a, coordinated=True)
                if b.category == "unknown" and not b.noun.startswith(("people", "person")):
                    linked[i + 1] = b = replace(b, coordinated=True)
            # "A candidate for a provincial assembly seat and two of his supporters were injured".
            modified = re.fullmatch(r"\s+(?:for|of|from)\s+[^,;.]{1,40}?\s+and\s+", gap) is not None and not (
                _OUTCOME_RE.search(gap.lower())
            )
            # "killing a student, Abidullah, and his sister": a name in apposition inside the list.
            named_appos = _NAMED_AND_GAP.fullmatch(gap) is not None
            if modified and a.category != "unknown" and b.category == "unknown" and b.noun not in ("people", "persons"):
                # "A candidate for a provincial assembly seat and two of his supporters": more people
                # listed beside him, not a total.
                linked[i + 1] = b = replace(b, coordinated=True)
            if _LIST_GAP.match(gap) or named_list or modified or named_appos:
                if a.outcome is None and b.outcome is not None:
                    linked[i] = replace(a, outcome=b.outcome)
                elif b.outcome is None and a.outcome is not None:
                    linked[i + 1] = replace(b, outcome=a.outcome)
    _share_along_with(linked, sentence)  # again: the companions' list may have its verb only now
    # "It left 12 people dead, six soldiers and six attackers among them": a list closed by
    # "among them" is the make-up of the count before it (a part of it, with its outcome).
    # "At least 11 people — five women and four children — died": a list between dashes is too.
    for i in range(len(linked) - 1):
        a = linked[i]
        head_gap = sentence[a.end : linked[i + 1].start]
        if not _AMONG_THEM_GAP.fullmatch(head_gap) and not _INCLUDING_GAP.fullmatch(head_gap):
            continue
        j = i + 1
        while j + 1 < len(linked) and re.fullmatch(
            r"(?:\s+(?!and\b)[a-z-]+){0,2}?\s*(?:,|,?\s*and)\s*", sentence[linked[j].end : linked[j + 1].start]
        ):
            j += 1
        dashed = sentence[a.end : linked[i + 1].start].strip() in ("—", "-", "--") and re.match(
            r"\s*(?:among\s+them\s*)?(?:—|--?)\s", sentence[linked[j].end :]
        )
        # "Eleven soldiers, including a lieutenant colonel and a captain, were martyred": the
        # count before an "including" clause takes the verb after it.
        including = _INCLUDING_GAP.fullmatch(head_gap) and re.match(
            r"(?:\s+[\w-]+){0,2}?,\s+(?:were|was|have been|had been|are)\b", sentence[linked[j].end :]
        )
        if including and a.outcome is None and linked[j].outcome in ("killed", "injured"):
            linked[i] = replace(a, outcome=linked[j].outcome)
            continue
        if dashed and a.outcome is None and linked[j].outcome in ("killed", "injured"):
            linked[i] = a = replace(a, outcome=linked[j].outcome)
        if a.outcome not in ("killed", "injured") or not (dashed or _AMONG_THEM_AFTER.match(sentence[linked[j].end :])):
            continue
        for k in range(i + 1, j + 1):
            b = linked[k]
            repeat = a.outcome == "injured" or a.category != "unknown" or b.category == a.category
            linked[k] = replace(b, outcome=a.outcome, component=True, subset=repeat)
    # A part introduced by "including" / "among them" shares the count's outcome; it repeats
    # people already counted unless it names the category of an unclassified total
    # ("five people, including two policemen, were killed": 2 security + 3 unknown).
    for i in range(len(linked) - 1):
        a, b = linked[i], linked[i + 1]
        if a.outcome in ("killed", "injured") and _COMPONENT_GAP.match(sentence[a.end : b.start]):
            if not a.noun and " of " not in a.text and not a.subset:
                # "martyring five, including three students": a bare count before its parts is a
                # total of no stated kind (not of a noun in an earlier sentence).
                linked[i] = a = replace(a, category="unknown")
            repeat = a.outcome == "injured" or a.category != "unknown" or b.category == a.category
            if a.outcome == "killed" and a.category == "civilians" and b.category == "security" and b.count < a.count:
                # "seven passengers, including two policemen travelling with them": the policemen are
                # security (coding rule 7) and the rest of the count stays civilians.
                linked[i] = a = replace(a, count=a.count - b.count)
                repeat = False
            linked[i + 1] = replace(b, outcome=a.outcome, component=True, subset=repeat)
            # "including two women and a child": the rest of the list is part of the count too.
            for j in range(i + 2, len(linked)):
                c, left = linked[j], linked[j - 1]
                between = sentence[left.end : c.start]
                if not re.fullmatch(r"(?:\s+(?!and\b)[a-z-]+){0,2}?\s*(?:,|,?\s*and)\s*", between):
                    break
                if c.category == a.category and a.category != "unknown" and "," in between:
                    break  # "Two officers, including a colonel, and five soldiers": a count of its own
                if (
                    c.more
                    or c.noun in ("others", "other")
                    or re.match(r"\s+(?:were|was|had|have|are)\b", sentence[c.end : c.end + 8])
                    # "Eight people died, including two women, and 15 were injured": a bare count
                    # with a verb of its own
                    or re.search(r"\b(?:were|was|had|have|are|got)$", c.text)
                    # "..., including six soldiers, and 15 injured": a count with its own participle
                    or re.match(r"\s*(?:injured|wounded|hurt|killed|dead|martyred)\b", sentence[c.end : c.end + 12])
                ):
                    break  # "..., and 11 others were wounded": a count of its own
                linked[j] = replace(c, outcome=a.outcome, component=True, subset=repeat)
    # "Ten people were killed in an attack in Mastung on Friday, including four soldiers": a part told
    # after the place and time of the count; "Five people were killed: three soldiers and two
    # civilians": the make-up after a colon.
    for i in range(1, len(linked)):
        b = linked[i]
        if b.outcome is not None or b.subset:
            continue
        a = linked[i - 1]
        gap = sentence[a.end : b.start]
        late_part = re.search(r",\s*(?:including|among them)\s+$", gap) is not None
        colon = re.fullmatch(r"[^.;:]{0,120}:\s*", gap) is not None
        if not (late_part or colon) or a.outcome not in ("killed", "injured") or len(gap) > 150 or ";" in gap:
            continue
        j = i
        listed_at = [i]
        while (
            j + 1 < len(linked)
            and linked[j + 1].outcome is None
            and re.fullmatch(r"\s*(?:,|,?\s*and)\s*", sentence[linked[j].end : linked[j + 1].start])
        ):
            j += 1
            listed_at.append(j)
        if colon and sum(linked[k].count for k in listed_at) != a.count:
            continue  # a list after a colon is the make-up only when it adds up
        for k in listed_at:
            c = linked[k]
            repeat = a.outcome == "injured" or a.category != "unknown" or c.category == a.category
            linked[k] = replace(c, outcome=a.outcome, component=True, subset=repeat)
    # "six of its soldiers, a high-ranking officer among them, were killed": a part named before
    # "among them" repeats people of the count before it (or names the kind of part of an
    # unclassified total, as with "including").
    for i in range(1, len(linked)):
        a, b = linked[i - 1], linked[i]
        if (
            re.fullmatch(r"\s*,\s*", sentence[a.end : b.start])
            and re.match(r"\s+among them\b", sentence[b.end : b.end + 15], re.IGNORECASE)
            and a.outcome in ("killed", "injured", None)
        ):
            outcome = a.outcome or b.outcome
            repeat = outcome == "injured" or a.category != "unknown" or b.category == a.category
            linked[i - 1] = replace(a, outcome=outcome)
            linked[i] = replace(b, outcome=outcome, component=True, subset=repeat)
    # "Nine people, including three children, were injured and two others killed": "others"
    # are more of the head count's kind, not of the part named in the "including" clause.
    for i in range(2, len(linked)):
        m = linked[i]
        if (m.noun in ("others", "other") or not m.noun) and not m.component and linked[i - 1].component:
            head = next((linked[k] for k in range(i - 2, max(-1, i - 8), -1) if not linked[k].component), None)
            if head is not None and head.end <= linked[i - 1].start:
                linked[i] = replace(m, category=head.category)
    force = bool(_FORCE.search(sentence))
    victims_included = _VICTIMS_INCLUDED.search(sentence)  # once: a long sentence has many mentions
    for i, m in enumerate(linked):
        if m.noun in ("official", "officials") and force and not _CIVIL_OFFICE.search(m.text):
            linked[i] = m = replace(m, category="security")
        elif m.noun in ("official", "officials") and _CIVIL_PROGRAMME.search(m.text):
            # "a polio programme official", "two election officials": a civil role (coding rule 7).
            linked[i] = m = replace(m, category="civilians")
        if (
            m.outcome in (None, "killed")
            and not m.subset
            and victims_included is not None
            and victims_included.end() <= m.start
        ):
            # "The dead included four attackers": a part of the dead.
            linked[i] = m = replace(m, outcome="killed", component=True)
        if not (m.outcome == "killed" and m.component):
            if _AMONG_INJURED_BEFORE.search(sentence[max(0, m.start - 80) : m.start]):
                linked[i] = replace(m, outcome="injured", subset=True, component=True)
    if not outcomes and _OPERATION_WORD.search(sentence):
        linked = [replace(m, outcome="killed", assumed=True) if m.category == "militants" else m for m in linked]
    for m in mentions:
        if m.subset and m.component and not m.partitive:
            # A category named for part of an unclassified total is taken out of it.
            prev = [x for x in linked if x.end <= m.start and x.outcome in ("killed", "injured")]
            if prev and prev[-1].category == "unknown" and prev[-1].outcome == "killed" and m.category != "unknown":
                linked.append(replace(m, outcome="killed", subset=False))
                continue
        if m.partitive:
            j = bisect.bisect_right(o_ends, m.start) - 1
            k = bisect.bisect_left(o_starts, m.end)
            if j >= 0 and _ACTIVE.match(outcomes[j][3]) and _ADJACENT_GAP.match(sentence[outcomes[j][1] : m.start]):
                # "troops killed four of the terrorists": the verb right before it.
                m = replace(m, outcome=outcomes[j][2])
            elif k < len(outcomes) and outcomes[k][2] != "other":
                m = replace(m, outcome=outcomes[k][2])
        if m.subset:
            linked.append(m)
    # The regex matches below get their own names: ``m`` above is a Mention.
    among = _AMONG.search(sentence) or _AMONG_THE_DEAD.search(sentence)
    if among and _NOUN_BEFORE.search(sentence[max(0, among.start() - 40) : among.start()]):
        among = None  # "10 people among the injured were in a critical condition": not a list of victims
    if among:
        among_outcome: Outcome = "injured" if among.group("o").lower() in ("injured", "wounded") else "killed"
        items = _LIST_ATTRIBUTION.sub("", among.group("list"))
        pos = among.start("list")
        before_list = Spans((x.start, x.end) for x in linked if x.outcome is not None)
        for item in re.split(r",\s*(?:and\s+)?|\s+and\s+", items):
            at = sentence.find(item, pos) if item else -1
            pos = max(pos, at + len(item)) if at >= 0 else pos
            if not item.strip():
                continue
            if at >= 0 and (before_list.covers(at) or before_list.starts_within(at, at + len(item))):
                continue  # "Among the dead were two soldiers": counted already as a mention
            cat: Category = (
                "security" if _ROLE_SECURITY.search(item) else "civilians" if _ROLE_CIVILIAN.search(item) else "unknown"
            )
            linked.append(Mention(1, cat, among_outcome, among.start("list"), among.end("list"), item.strip()))
    for hit in _AMONG_INJURED.finditer(sentence):
        hit_outcome: Outcome = "injured" if hit.group("o").lower() in ("injured", "wounded") else "killed"
        # The subject is looked for in a bounded window (a long sentence has many such clauses).
        low = max(0, hit.start() - 150)
        role = _ROLE_SUBJECT.search(sentence, low, hit.start())
        in_clause = [x for x in linked if low <= x.start and x.end <= hit.start()]
        group = category_of(hit.group("group")) if hit.group("group") else "unknown"
        if group != "unknown":
            # "Taliban commander X was among the militants killed": a man of a count of his kind told
            # elsewhere ("a policeman was among the people killed" is still a part of the dead told).
            for k, x in enumerate(linked):
                if low <= x.start and x.end <= hit.start() and x.count == 1 and x.category == group:
                    linked[k] = replace(x, outcome=x.outcome or hit_outcome, subset=True, component=True)
            continue
        if role and not any(x.outcome for x in in_clause) and (cat := category_of(role.group("noun"))) != "unknown":
            # "The prayer leader of the mosque was also among the dead": one of the dead, of a kind.
            linked.append(
                Mention(
                    1, cat, hit_outcome, role.start(), hit.end(), sentence[role.start() : hit.end()], component=True
                )
            )
            continue
        if any(x.outcome == hit_outcome and not x.subset for x in in_clause):
            continue  # "Two soldiers were among the dead": counted already
        linked.append(Mention(1, "unknown", hit_outcome, hit.start(), hit.end(), hit.group(0)))
    for hit in _ALL_DEAD.finditer(sentence):
        cat = category_of(hit.group("noun") or hit.group("rest") or hit.group("rest2") or hit.group("rest3"))
        if cat != "unknown":
            linked.append(Mention(0, cat, "killed", hit.start(), hit.end(), hit.group(0), whole=True))
    counts_by_end = sorted(
        ((x.end, x) for x in linked if x.outcome in ("killed", "injured") and not x.subset), key=lambda t: t[0]
    )
    count_ends = [e for e, _ in counts_by_end]
    for hit in _ALL_OF_THEM.finditer(sentence):
        # "Four people, all of them labourers, were killed": the kind of the whole count.
        at = bisect.bisect_right(count_ends, hit.start()) - 1  # the last count before it
        head = counts_by_end[at][1] if at >= 0 else None
        kind = category_of(hit.group("noun"))
        if head is not None and head.outcome == "killed" and head.category == "unknown" and kind != "unknown":
            linked.append(Mention(0, kind, "killed", hit.start(), hit.end(), hit.group(0), whole=True))
    for hit in _SHOT_THEM.finditer(sentence):
        if any(x.start <= hit.start("noun") < x.end for x in linked):
            continue  # "nine passengers ... shot them": counted as a mention already
        if any(x.outcome == "killed" and x.category == "unknown" and not x.subset for x in linked):
            # "23 people were shot dead after gunmen offloaded passengers and opened fire on them":
            # the dead are the people offloaded.
            cat = category_of(hit.group("noun"))
            linked.append(Mention(0, cat, "killed", hit.start(), hit.end(), hit.group(0), whole=True))
    for hit in _TOLL.finditer(sentence):
        value = parse_number(hit.group("n") or hit.group("n2") or hit.group("n3"))
        if value is not None:
            # The toll's own number is not a second count of whatever noun came before it.
            at = next(hit.start(g) for g in ("n", "n2", "n3") if hit.group(g))
            linked = [x for x in linked if x.start != at]
            linked.append(Mention(value, "unknown", "killed", hit.start(), hit.end(), hit.group(0), toll=True))
            # "has risen to 31, including 13 policemen": the parts of a stated toll.
            for k, x in enumerate(linked):
                if (
                    hit.end() <= x.start <= hit.end() + 20
                    and _TOLL_PART_GAP.fullmatch(sentence[hit.end() : x.start])
                    and x.outcome is None
                ):
                    linked[k] = replace(x, outcome="killed", component=True, subset=x.category == "unknown")
    for hit in itertools.chain(_INJURED_TOLL.finditer(sentence), _INJURED_NUMBERED.finditer(sentence)):
        # "the number of injured rose to 40": an updated injured total (the largest is kept).
        value = parse_number(hit.group("n"))
        if value is not None:
            at = hit.start("n")
            linked = [x for x in linked if x.start != at]
            linked.append(Mention(value, "unknown", "injured", hit.start(), hit.end(), hit.group(0)))
    for hit in _ALL_UNHARMED.finditer(sentence):
        # "all police personnel remained unharmed": the text says no security man was killed, an
        # explicit 0 (coding rule 7).
        if category_of(hit.group("noun")) == "security":
            linked.append(Mention(0, "security", "killed", hit.start(), hit.end(), hit.group(0)))
    for hit in _NONE_INJURED.finditer(sentence):
        linked.append(Mention(0, "unknown", "injured", hit.start(), hit.end(), hit.group(0)))
    no_harm = list(_NO_HARM.finditer(sentence))
    if no_harm:
        # The nouns of "no harm was caused to any soldiers" are no count of victims.
        said = Spans((hit.start(), hit.end()) for hit in no_harm)
        linked = [x for x in linked if not said.covers(x.start)]
    for hit in no_harm:
        for g in ("a", "b"):
            if hit.group(g) and (cat := category_of(hit.group(g))) in ("security", "civilians"):
                linked.append(Mention(0, cat, "killed", hit.start(g), hit.end(g), hit.group(0)))
        linked.append(Mention(0, "unknown", "injured", hit.start(), hit.end(), hit.group(0)))
    for hit in _NO_CASUALTY.finditer(sentence):
        # "no casualties among its citizens": none of that kind killed. A bare "no casualties were
        # reported" is left blank (the codings differ on it: real8 p05 blank, final1 s01 zeros).
        linked.append(Mention(0, category_of(hit.group("noun")), "killed", hit.start(), hit.end(), hit.group(0)))
    if referents and not [x for x in linked if x.outcome in ("killed", "injured")]:
        for hit in _COREF.finditer(sentence):
            noun = hit.group("noun").lower()
            verb = next((x for x in outcomes if x[0] >= hit.end() and x[0] - hit.end() < 25), None)
            if noun in referents and verb is not None and verb[2] != "other":
                linked.append(
                    Mention(
                        referents[noun],
                        category_of(noun),
                        verb[2],
                        hit.start(),
                        hit.end(),
                        hit.group(0),
                        noun=noun,
                        coref=True,
                    )
                )
    # "opened fire on an election hopeful and two other people, killing all three": "all three" is
    # the people just listed; they share its outcome, and it is their stated total.
    for i, x in enumerate(linked):
        if x.noun or x.subset or x.outcome not in ("killed", "injured"):
            continue
        if not re.search(r"\ball\s+(?:the\s+)?$", sentence[max(0, x.start - 9) : x.start], re.IGNORECASE):
            continue
        # The people listed just before it (a bounded look back: a long sentence has many mentions).
        listed: list[int] = []
        for k in range(i - 1, max(-1, i - 8), -1):
            y = linked[k]
            if y.end > x.start or y.start < x.start - 200:
                break
            if not y.subset and y.outcome in (None, x.outcome):
                listed.insert(0, k)
        while listed and sum(linked[k].count for k in listed) > x.count:
            listed = listed[1:]
        if len(listed) < 2 or sum(linked[k].count for k in listed) != x.count or any(linked[k].outcome for k in listed):
            continue
        for k in listed:
            y = linked[k]
            linked[k] = replace(y, outcome=x.outcome, component=True, subset=y.category == "unknown")
        linked[i] = replace(x, category="unknown", toll=x.outcome == "killed")
    # "his son Abdul Haq (5)": a victim of no stated kind whose age makes him a child.
    for k, x in enumerate(linked):
        if x.category == "unknown" and x.count == 1 and (age := _AGE_AFTER.match(sentence, x.end, x.end + 60)):
            if int(age.group("a") or age.group("b") or age.group("c")) < 15:
                linked[k] = replace(x, category="civilians")
    # "the five soldiers who got critically injured earlier had succumbed": deaths among the injured.
    despite = _DESPITE_TREATMENT.match(sentence) is not None
    raised = _TOLL_RAISED.search(sentence) is not None
    linked = [
        replace(x, outcome="killed", of_wounds=True)
        if x.outcome in ("injured", "killed")
        and not x.subset
        and (
            _WHO_INJURED_DIED.match(sentence, x.end, x.end + 200)
            or (despite and x.outcome == "killed")
            # "One of them ... later succumbed", "two of the injured died in hospital" (no toll raised)
            or (
                not raised
                and x.outcome == "killed"
                and re.search(r"\bof\s+(?:them|the\s+(?:injured|wounded))\b", sentence[x.start : x.end + 20], re.I)
                and _OF_THEM_DIED.match(sentence, x.end, x.end + 120)
            )
        )
        else x
        for x in linked
    ]
    # "Two more soldiers later succumbed to their injuries": deaths added to those told before.
    linked = [
        replace(x, added=True)
        if x.more
        and x.outcome == "killed"
        and x.category != "unknown"
        and _SUCCUMBED_AFTER.match(sentence[x.end : x.end + 60])
        else x
        for x in linked
    ]
    linked = [
        replace(x, initial=True)
        if x.outcome in ("killed", "injured")
        and (
            _INITIAL_AFTER.match(sentence[x.end : x.end + 40])
            or _INITIAL_BEFORE.search(sentence[max(0, x.start - 50) : x.start])
        )
        else x
        for x in linked
    ]
    linked.sort(key=lambda x: x.start)
    return linked


def last_category(sentence: str) -> Category | None:
    """Category of the last victim noun in a sentence (the antecedent of a later "them")."""
    found = list(_NOUN_RE.finditer(_lower(sentence)))
    return category_of(found[-1].group(0)) if found else None
