"""Where an incident happened: provinces, districts and localities named in a sentence.

Names come from the gazetteer (``data/gazetteer``). A name is skipped where it is
not the incident's place: a victim's origin ("from Punjab", "a resident of District
Jhang", "belonged to Gujranwala"), a destination ("shifted to Quetta", "airlifted to
... Peshawar", "Parachinar-bound"), a hospital ("the Kalat district hospital"), a
person's name ("Deputy Commissioner Habibullah Musakhel") or a source ("according to
Musakhel"). Area names the gazetteer does not know ("the Togho Chpeer area") are
returned as unresolved, for review. A misspelt district directly followed by
"district(s)" is matched when it is one letter away from a known name ("Labela").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis.extract._spans import AFTER, Spans
from analysis.gazetteer import districts, find_district, find_locality, localities

#: Province names as they appear in running text (the gazetteer's short codes such as
#: "Baloch" or "Capital" are too ambiguous to read in prose).
PROVINCE_NAMES: dict[str, str] = {
    "Balochistan": "Balochistan",
    "Baluchistan": "Balochistan",
    "Khyber Pakhtunkhwa": "Khyber Pakhtunkhwa",
    "Khyber Pukhtunkhwa": "Khyber Pakhtunkhwa",
    "Khyber Pakhtunkwa": "Khyber Pakhtunkhwa",
    "KP": "Khyber Pakhtunkhwa",
    "KPK": "Khyber Pakhtunkhwa",
    "Punjab": "Punjab",
    "Sindh": "Sindh",
    "Gilgit-Baltistan": "Gilgit-Baltistan",
    "Gilgit Baltistan": "Gilgit-Baltistan",
    "Azad Kashmir": "Azad Jammu and Kashmir",
    "Azad Jammu and Kashmir": "Azad Jammu and Kashmir",
    "AJK": "Azad Jammu and Kashmir",
    "Islamabad Capital Territory": "Islamabad Capital Territory",
    "FATA": "Khyber Pakhtunkhwa",
    "NWFP": "Khyber Pakhtunkhwa",
    "North-West Frontier Province": "Khyber Pakhtunkhwa",
    "tribal districts": "Khyber Pakhtunkhwa",
}
#: Regions the press names instead of a province: wire copy's "the restive northwest, bordering
#: Afghanistan" (Khyber Pakhtunkhwa) and "the southwest" (Balochistan), local copy's "the tribal
#: belt" or "the merged districts". They give the province and never a district.
REGION_NAMES: dict[str, str] = {
    **{
        f"{w}{s}": "Khyber Pakhtunkhwa"
        for w in ("northwest", "north-west", "Northwest", "North-West", "North West", "north west")
        for s in ("", "ern")
    },
    **{
        f"{w}{s}": "Balochistan"
        for w in ("southwest", "south-west", "Southwest", "South-West", "South West", "south west")
        for s in ("", "ern")
    },
    **{
        f"{a}{b}": "Khyber Pakhtunkhwa"
        for a in ("tribal", "Tribal", "former tribal", "erstwhile tribal", "ex-tribal")
        for b in (" belt", " areas", " region", " regions", " Areas", " districts")
    },
    # an administrative division groups several districts: "in the Malakand division", "across Makran"
    **{
        f"{name} {w}": prov
        for name, prov in (
            ("Malakand", "Khyber Pakhtunkhwa"),
            ("Hazara", "Khyber Pakhtunkhwa"),
            ("Mardan", "Khyber Pakhtunkhwa"),
            ("Peshawar", "Khyber Pakhtunkhwa"),
            ("Kohat", "Khyber Pakhtunkhwa"),
            ("Bannu", "Khyber Pakhtunkhwa"),
            ("Dera Ismail Khan", "Khyber Pakhtunkhwa"),
            ("D.I. Khan", "Khyber Pakhtunkhwa"),
            ("Quetta", "Balochistan"),
            ("Kalat", "Balochistan"),
            ("Makran", "Balochistan"),
            ("Zhob", "Balochistan"),
            ("Sibi", "Balochistan"),
            ("Nasirabad", "Balochistan"),
            ("Naseerabad", "Balochistan"),
            ("Rakhshan", "Balochistan"),
            ("Loralai", "Balochistan"),
            ("Rawalpindi", "Punjab"),
            ("Lahore", "Punjab"),
            ("Dera Ghazi Khan", "Punjab"),
            ("D.G. Khan", "Punjab"),
            ("Multan", "Punjab"),
            ("Bahawalpur", "Punjab"),
            ("Sargodha", "Punjab"),
            ("Faisalabad", "Punjab"),
            ("Gujranwala", "Punjab"),
            ("Sahiwal", "Punjab"),
            ("Karachi", "Sindh"),
            ("Hyderabad", "Sindh"),
            ("Sukkur", "Sindh"),
            ("Larkana", "Sindh"),
            ("Mirpur Khas", "Sindh"),
            ("Shaheed Benazirabad", "Sindh"),
        )
        for w in ("division", "Division")
    },
    "Makran": "Balochistan",
    "Waziristan": "Khyber Pakhtunkhwa",
    "merged districts": "Khyber Pakhtunkhwa",
    "merged tribal districts": "Khyber Pakhtunkhwa",
    "ex-FATA": "Khyber Pakhtunkhwa",
}
#: A direction, not a region: "35km northwest of Turbat", "north-west of the city"; or another
#: country's region: "in southwestern Afghanistan".
_REGION_SKIP = re.compile(r"^\s+(?:of|from|to|Afghanistan|Iran|India|China|Syria|Iraq)\b|^-\w")

#: The gazetteer keeps some districts under a data-set spelling ("Dir Lower"); incidents are
#: written with the district's usual administrative name, as the 2017 census and the district
#: boundaries spell it ("Lower Dir").
_USUAL_NAME: dict[str, str] = {"Dir Lower": "Lower Dir", "Dir Upper": "Upper Dir"}

_CAPS = r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
# Written without nested repetition, so that a long run of capitalised words cannot make
# the search backtrack exponentially; searched only in the last _WINDOW characters.
_ORIGIN_BEFORE = re.compile(
    r"(?i:\bfrom|\bhail(?:ed|s|ing)\s+from|\bresidents?\s+of|\bnatives?\s+of|\bbelong(?:ed|s|ing)?\s+to|"
    r"\bhome ?towns?\s+(?:of|in))\s+(?:the\s+)?(?i:district\s+)?(?:(?:[A-Z][\w'-]*\s+)+area\s+of\s+)?"
    r"(?:[A-Z][\w'-]*(?:,\s*(?:and\s+)?|\s+(?:and\s+)?))*$"
)
_WINDOW = 200
_DESTINATION_BEFORE = re.compile(
    r"(?i:\b(?:shifted|moved|airlifted|taken|taking|rushed|brought|transported|transferred|carried|referred|evacuated|"
    r"flown|fled|sent)\b[^.;,]*?\bto)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){0,3}(?:in\s+)?$"
    r"|(?i:\breached)\s+(?:[A-Z][\w'-]*\s+){0,3}(?:in\s+)?$"
    # a route or journey: "a train to Peshawar", "travelling from Karachi to Gwadar", "for onward transport to"
    r"|(?i:\b(?:trains?|bus(?:es)?|flights?|coach(?:es)?|convoys?|journey|route|way|onward|travell?(?:ing|ed)|heading|"
    r"headed|going|moving|bound|en route)\b[^.;,]*?\b(?:to|towards?))\s+(?:the\s+)?$"
    # both ends of a route: "buses travelling between Karachi and Gwadar", "a coach plying between Quetta and Taftan"
    r"|(?i:\b(?:trains?|bus(?:es)?|coach(?:es)?|travell?(?:ing|ed)|plying|plies|running|runs|operating|bound|route|"
    r"highway|road|journey)\s+between)\s+(?:(?:[A-Z][\w'-]*\s+){1,3}?(?:and\s+)?)?$"
)
_HOSPITAL_BEFORE = re.compile(r"\bhospitals?\s+(?:in|at|of)\s+$", re.IGNORECASE)
#: The hospital is where the attack happened ("a bomber struck outside a hospital in Dera Ismail
#: Khan"), not where the wounded were taken: its town is the incident's place.
_AT_HOSPITAL = re.compile(
    r"\b(?:outside|near|inside|at|on|entrance (?:to|of)|gate of|attacked|stormed|targeted|hit)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}hospitals?\s+(?:in|at|of)\s+$",
    re.IGNORECASE,
)
#: A mission that was itself attacked: "gunmen stormed the Chinese consulate in Karachi".
_AT_MISSION = re.compile(
    r"\b(?:outside|near|inside|on|at|attacked|stormed|targeted|hit|attack\s+on|assault\s+on)\s+(?:the\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,3}(?:consulate|embassy|high\s+commission|mission)",
    re.IGNORECASE,
)
_TO_HOSPITAL = re.compile(
    r"\b(?:shifted|moved|airlifted|taken|rushed|brought|transported|transferred|carried|referred|evacuated|admitted|"
    r"treated|flown|"
    r"treatment|bodies|injured|wounded|succumbed|died)\b",
    re.IGNORECASE,
)
#: A named hospital and its town after a comma: "later succumbed at Hayatabad Medical Complex,
#: Peshawar", "were taken to the Combined Military Hospital, Quetta".
_NAMED_HOSPITAL_BEFORE = re.compile(
    r"\b(?:Hospital|Medical\s+Complex|Medical\s+Cent(?:re|er)|Medical\s+Institute|Trauma\s+Cent(?:re|er)|CMH)\s*,\s*$"
)
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|commander|commissioner|governor|minister of)\s+$"
    # a mission that speaks or condemns: "the military and China's consulate in Karachi said"
    r"|\b(?:consulate|embassy|high\s+commission|mission)(?:\s+general)?\s+in\s+(?:the\s+(?:[\w-]+\s+){0,2}city\s+of\s+)?$"
    # where someone spoke: "said the prime minister, speaking in Lahore"
    r"|\b(?:speaking|spoke|talking|addressing\s+[\w\s]{0,30}?|statement issued)\s+(?:in|at|from)\s+$"
    # "said in a statement from Islamabad", "told a news conference in Quetta", "officials said in Peshawar"
    r"|\b(?:statement|press\s+conference|news\s+conference|presser|press\s+release|media\s+talk|said|told\s+reporters)"
    r"\s+(?:(?:issued|held|released)\s+)?(?:in|at|from)\s+$"
    # "He spoke to reporters in Quetta", "told journalists in Peshawar"
    r"|\b(?:speaking|spoke|talking|told|briefing|briefed)\s+(?:to\s+)?(?:the\s+)?(?:reporters|journalists|media|"
    r"newsmen|the\s+press)\s+(?:in|at)\s+$",
    re.IGNORECASE,
)
#: A place where nothing happened: "No attack took place in Islamabad during the month", "not a
#: single incident was reported in Gwadar". Only an event noun is negated: "no casualties were
#: reported in the Quetta blast" still places the blast.
_NONE_BEFORE = re.compile(
    r"\b(?:no|not\s+a\s+single|not\s+one)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|incidents?|violence|killings?|"
    r"blasts?|explosions?|strikes?|clash(?:es)?)\s+(?:took\s+place|was\s+reported|were\s+reported|"
    r"occurred|happened|was\s+recorded|were\s+recorded)\s+(?:[\w-]+\s+){0,2}?(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Not the place itself: "Peshawar-bound", "the Bannu district headquarters hospital", "Khyber
#: Teaching Hospital", or a
#: landmark named after another town, as roads, bus stands and gates are named after where
#: they lead ("Kohat Road" in Peshawar, "Tank Adda" in Dera Ismail Khan, "Bannu Gate").
_AFTER_SKIP = re.compile(
    r"^(?:-\w|\s+(?:district\s+)?(?:headquarters\s+|teaching\s+|civil\s+)?hospital\b|\s+Medical\s+Complex\b|\s+(?:Road|Adda|Gate|Bypass|Bus\s+(?:Stand|Stop)|Chowk)\b"
    # a woman's name that is also a place: "Neelum Bibi", "Mehran Begum"
    r"|\s+(?:Bibi|Begum)\b)",
    re.IGNORECASE,
)
#: A civil administrator's title that begins with his district or tehsil is not the incident's
#: place: "Miranshah Assistant Commissioner Shah Wali was among those martyred in Bannu". (A
#: police officer's title, "Swat DPO", is kept: he speaks for the district where it happened.)
_FORCE_AFTER = re.compile(r"^\s+(?:district\s+)?(?:police|Levies)\b(?!\s+(?:station|post|lines)\b)", re.IGNORECASE)
#: A force named after its district or province: "five policemen of the Gilgit Counter Terrorism
#: Department were martyred in a raid in Chilas", "the Sindh Rangers said". The force's home is not
#: where it fought when the sentence names another place.
_FORCE_NAME_AFTER = re.compile(
    r"\s+(?:district\s+)?(?:police|CTD|Counter[- ]Terrorism\s+Department|Levies|Rangers|Scouts|Frontier\s+Corps|FC)\b"
    r"(?!\s+(?:station|post|lines|check\s*post|chowki|headquarters|training)\b)",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(r"^\s+(?:(?:Deputy|Assistant|Additional\s+Deputy)\s+Commissioner|Commissioner)\b")
_OK_BEFORE_CAPITAL = {
    "In",
    "At",
    "Of",
    "On",
    "The",
    "District",
    "Districts",
    "Upper",
    "Lower",
    "North",
    "South",
    "Near",
    "From",
    "And",
    "To",
    "Earlier",
    "Meanwhile",
    "While",
    "Central",
}
_UNRESOLVED_AREA = re.compile(
    r"\b(?:in|at|near)\s+(?:the\s+)?(?:general\s+area\s+)?((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})\s+area\b"
    r"|\bgeneral\s+area\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})"
)
_DISTRICT_WORD_AFTER = re.compile(r"([A-Z][a-z]{4,})\s+[Dd]istricts?\b")
#: A sentence opening on a place: "In Pangjur, gun fire was exchanged ..." (a misspelt Panjgur).
_PLACE_OPENER = re.compile(r"^(?:In|At|Near)\s+([A-Z][a-z]{4,}),")


@dataclass(frozen=True)
class Place:
    """A place named in a sentence, resolved through the gazetteer where possible."""

    text: str
    start: int
    province: str | None
    district: str | None = None
    locality: str | None = None
    fuzzy: bool = False
    vague: bool = False
    """A region ("the restive northwest"): its province only, and the incident's place only when
    the text names nothing more precise."""

    @property
    def level(self) -> str:
        """'locality', 'district', 'province' or 'unresolved'."""
        if self.locality:
            return "locality"
        if self.district:
            return "district"
        return "province" if self.province else "unresolved"


@cache
def _name_table() -> tuple[re.Pattern[str], dict[str, tuple[str | None, str | None, str | None]]]:
    """One regex over every known name (longest first) and what each name resolves to."""
    table: dict[str, tuple[str | None, str | None, str | None]] = {}
    for name, prov in {**REGION_NAMES, **PROVINCE_NAMES}.items():
        table[name] = (prov, None, None)
    for d in districts():
        for alias in (d.name, *d.aliases):
            table.setdefault(alias, (d.province, _USUAL_NAME.get(d.name, d.name), None))
    # the press names Islamabad by its role: "a bomber blew himself up in the federal capital"
    table["federal capital"] = ("Islamabad Capital Territory", "Islamabad", None)
    for loc in localities():
        for alias in (loc.name, *loc.aliases):
            # the more precise reading wins
            table[alias] = (loc.province, _USUAL_NAME.get(loc.district, loc.district), loc.name)
    names = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])"), table


def _excluded(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - _WINDOW) : start]
    clause = re.split(r"[.;:!?]", before)[-1]
    if _DESTINATION_BEFORE.search(clause):
        return True
    if _ORIGIN_BEFORE.search(clause) and not _FORCE_AFTER.match(sentence[end : end + 30]):
        # "a statement from the Lakki Marwat police": the district's force speaks of its district.
        return True
    if _HOSPITAL_BEFORE.search(before) and not (_AT_HOSPITAL.search(clause) and not _TO_HOSPITAL.search(clause)):
        return True
    if _NAMED_HOSPITAL_BEFORE.search(before) and _TO_HOSPITAL.search(clause):
        return True
    if (_SOURCE_BEFORE.search(before) and not _AT_MISSION.search(clause)) or _NONE_BEFORE.search(clause):
        return True
    if _AFTER_SKIP.match(sentence[end : end + AFTER]) or _TITLE_AFTER.match(sentence[end : end + 60]):
        return True
    prev = re.search(r"([A-Z][\w.'’-]*)\s+$", before)
    # A capitalised word right before the name makes it part of a person's name
    # ("Habibullah Musakhel"), unless that word is itself a place or a function word.
    if (
        prev
        and prev.group(1) not in _OK_BEFORE_CAPITAL
        and not prev.group(1).endswith(("'s", "’s"))  # a possessive: "Pakistan's North Waziristan"
        and not _name_table()[0].fullmatch(prev.group(1).removesuffix("'s").removesuffix("’s"))
    ):
        return True
    return False


def _one_letter_away(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters swapped: "pangjur" / "panjgur"."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


_AREA_OF = re.compile(r"\s+(?:area|tehsil|town|village)\s+of\s+(?:the\s+)?")


def find_places(sentence: str) -> tuple[list[Place], list[Place]]:
    """Places named in ``sentence`` where something happened, and unresolved area names.

    Returns
    -------
    (places, unresolved)
        Resolved places in order of appearance; area names not in the gazetteer.
    """
    rx, table = _name_table()
    places: list[Place] = []
    spans = Spans()
    for m in rx.finditer(sentence):
        spans.add(m.start(), m.end())
        name, end = m.group(0), m.end()
        if name.lower().endswith(" division") and re.match(r"\s+Commissioner\b", sentence[end : end + 20]):
            # "Quetta Division Commissioner Hamza Shafqaat said": the official of the city he speaks for
            name, end = name[: -len(" division")], end - len(" division")
        if _excluded(sentence, m.start(), end):
            continue
        if name in REGION_NAMES and _REGION_SKIP.match(sentence[end : end + 20]):
            continue
        prov, dist, loc = table[name]
        places.append(Place(name, m.start(), prov, dist, loc, vague=name in REGION_NAMES))
    forces = [p for p in places if _FORCE_NAME_AFTER.match(sentence, p.start + len(p.text))]
    if forces and any(p.district and p not in forces for p in places):
        places = [p for p in places if p not in forces]
    # "the Bagh area of Khyber district": the area lies in the district named after it, even when
    # its own name is also a district elsewhere (Bagh, AJK).
    for i in range(len(places) - 1):
        a, b = places[i], places[i + 1]
        gap = sentence[a.start + len(a.text) : b.start]
        if b.district and a.district != b.district and _AREA_OF.fullmatch(gap):
            places[i] = Place(a.text, a.start, b.province, b.district, a.text)
    for m in _DISTRICT_WORD_AFTER.finditer(sentence):
        if spans.covers(m.start(1)):
            continue
        word = m.group(1)
        close = [d for d in districts() if _one_letter_away(word.lower(), d.name.lower())]
        if len(close) == 1 and not _excluded(sentence, m.start(1), m.end(1)):
            name = _USUAL_NAME.get(close[0].name, close[0].name)
            places.append(Place(word, m.start(1), close[0].province, name, None, fuzzy=True))
            spans.add(m.start(1), m.end(1))
    opener = _PLACE_OPENER.match(sentence)
    if opener and not spans.covers(opener.start(1)):
        # Only at the opening "In X,", where the word can only be a place: one letter off or two
        # neighbouring letters swapped, and one district only.
        word = opener.group(1).lower()
        close = [d for d in districts() if _one_letter_away(word, d.name.lower()) or _swapped(word, d.name.lower())]
        if len(close) == 1:
            name = _USUAL_NAME.get(close[0].name, close[0].name)
            places.append(Place(opener.group(1), opener.start(1), close[0].province, name, None, fuzzy=True))
            spans.add(opener.start(1), opener.end(1))
    unresolved = []
    for m in _UNRESOLVED_AREA.finditer(sentence):
        g = 1 if m.group(1) else 2
        name = m.group(g)
        if spans.covers(m.start(g)) or spans.starts_within(m.start(g), m.end(g)):
            continue
        if find_locality(name) or find_district(name) or _excluded(sentence, m.start(g), m.end(g)):
            continue
        unresolved.append(Place(name, m.start(g), None))
    places.sort(key=lambda p: p.start)
    return places, unresolved
