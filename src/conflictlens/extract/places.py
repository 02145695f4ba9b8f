"""Stage: location mention selection -- which named place an event happened at.

Candidates are capitalised names after a locative word ("in", "near", "east of",
"the village of") and spaCy GPE/LOC/FAC entities of the sentence.  The first
locative candidate wins, the most specific kind first (a village before a
province before a country).  The wording gives the ``qualifier`` ("near",
"outskirts", "direction", "rural", "countryside", "region") and the container
("Kafr Ghan in rural Azaz", "Bubamba village (Kalehe, Sud-Kivu)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Mention, PlaceMention

_NAME = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es)-|(?:al|el) (?=[A-Z]))?[A-Z][\w'\u2019\-]*(?:[ \-](?:(?:de la|de las|de los|al|el|ad|ar|as|ash|at|az|an|ez|es|et|ed|de|da|do|dos|das|del|la|le|les|di|du|des|of|bin|ibn|y|e|i)[ \-])?(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z0-9][\w'\u2019\-]*){0,4}"
_LOCATIVE = re.compile(
    r"(?P<prep>\b(?:coded (?:to|as)|enclave of|located at|close to|blocked|shelled|bombed|attacked|stormed|struck|raided|captured|seized|recaptured|retook|entered|entering|besieged|in|at|near|outside|around|across|from|into|towards?|on|of|between|and|inside|within|over|off|to)\b\s+)"
    r"(?P<qual>(?:the\s+)?(?:(?:outskirts|suburbs?|vicinity|countryside|area|areas|region|province|district|governorate|state|villages?|towns?|city|cities|municipality|neighbou?rhood|county|commune|department|locality|community|camp|outskirt|enclave|coast|coastline|shores?|waters)\s+of\s+)?(?:the\s+)?(?:(?:rural|eastern|western|northern|southern|central|north|south|east|west|northeastern|northwestern|southeastern|southwestern|north-east|north-west|south-east|south-west|north-eastern|north-western|south-eastern|south-western)\s+)*)"
    r"(?P<name>" + _NAME + r")")
_DIRECTION_OF = re.compile(r"\b(?:\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?P<name>" + _NAME + ")")
_AFTER_KIND = re.compile(r"^\s+(?P<kind>village|town|city|sector|district|sub-?division|area|province|region|governorate|state|municipality|neighbou?rhood|county|commune|department|locality|community|camp|sub-?district|township|LGA|barangay|settlement|countryside|suburb|outskirts|frontline|front)\b", re.I)
_KIND_WORDS = r"(?:village|town|city|area|neighbou?rhood|locality|community|district|hill|camp|sub-?district|township|municipality|region|zone|barangay|colonia|settlement)"
_CONTAINER_AFTER = re.compile(r"^\s*(?:\w+\s+){0,1}?\(\s*(?P<c>" + _NAME + r")(?:\s*,\s*(?P<c2>" + _NAME + r"))?\s*\)|^,\s+(?P<c3>" + _NAME + r")\b|^(?:\s+(?:village|hamlet|town))?,?\s+(?:(?:some\s+|about\s+|around\s+)?\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:from|of|outside)|near|close\s+to|outside)\s+(?:the\s+(?:town|city)\s+of\s+)?(?P<c5>" + _NAME + r")|^(?:\s+" + _KIND_WORDS + r")?\s+(?:in|of|near|under)\s+(?:the\s+)?(?:rural\s+|the\s+countryside\s+of\s+|(?:northern|southern|eastern|western)\s+)*(?P<c4>" + _NAME + r")")
_NOT_PLACE = re.compile(
    r"^(?:the|a|an|this|that|these|his|her|their|its|on|in|at|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"islamic|isis|isil|daesh|police|army|government|president|minister|ministry|council|forces?|military|"
    r"un|united nations|coronavirus|covid|covid-19|ramadan|eid|christmas|easter|facebook|twitter|reuters|afp|associated|"
    r"according|saturday night|mr|mrs|ms|dr|gen|col|lt|maj|capt|sheikh|red|human|amnesty|national|popular|people|local|"
    r"according|source|sources|observatory|media|office|press|news|tv|al jazeera|when|after|during|while|"
    r"north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)$", re.I)
# a natural or built feature ("the X forest", "the X road") locates an event less well than a settlement named beside it
_FEATURE_AFTER = re.compile(r"^\s+(?:forest|river|road|highway|mountains?|valley|lake|wadi|dam|desert|plain|plains)\b", re.I)
_REGION_WORDS = re.compile(r"\b(?:province|governorate|region|state|district|sub-?division|county|department)\b", re.I)
_QUAL_WORDS = (
    ("outskirts", "outskirts"), ("suburb", "outskirts"), ("vicinity", "near"), ("countryside", "countryside"),
    ("rural", "rural"), ("coast", "near"), ("shore", "near"), ("waters", "near"), ("province", "region"), ("governorate", "region"), ("region", "region"), ("state", "region"),
)
_LIST_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+)?|,?\s+and\s+)(?:the\s+)?(?P<name>" + _NAME + r")")
_STRONG_PREPS = frozenset({"in", "at", "near", "outside", "to", "around", "shelled", "bombed", "stormed", "raided",
                           "captured", "recaptured", "retook", "besieged"})
_WEAK_PREPS = frozenset({"of", "and", "from", "on", "between", "to", "towards", "toward", "over", "into", "across"})
GEO_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class PlaceCandidate:
    mention: PlaceMention
    rank: float  # lower is better
    evidence: str


def _qualifier(prep: str, qual: str, after: str) -> str:
    prep, qual = prep.strip().lower(), qual.lower()
    for word, q in _QUAL_WORDS:
        if word in qual:
            return q
    if re.search(r"\b(?:eastern|western|northern|southern|central)\b", qual):
        return "region"
    if prep in ("near", "outside", "around", "off"):
        return "near"
    m = _AFTER_KIND.match(after)
    if m and m.group("kind").lower() in ("countryside",):
        return "countryside"
    if m and m.group("kind").lower() in ("outskirts", "suburb"):
        return "outskirts"
    return ""


_VENUE = (r"(?:square|university|college|school|hospital|clinic|market|bazaar|mosque|church|temple|airport|airbase|"
          r"air base|base|camp|prison|jail|junction|bridge|road|street|avenue|highway|roundabout|stadium|park|hotel|"
          r"palace|parliament|office|headquarters|station|complex|compound|factory|plant|mine|port|checkpoint|"
          r"crossing|gate|building|hall|court|farm|forest|valley|beach|terminal|sector|zone|ward|colony|colonia|"
          r"neighbou?rhood|quarter|block|PD ?\d+|district \d+|area)")
_VENUE_OF = re.compile(r"^(?P<venue>.*?\b" + _VENUE + r")\s+of\s+(?:the\s+)?(?P<town>[A-Z].*)$", re.I)
_ADMIN_TAIL = re.compile(r"\s+(?:LGA|Upazila|Upazilla|Tehsil|Mandal|Township|Municipality|County|District|Sub-?district|Commune)$")
_VENUE_AFTER = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,3}?" + _VENUE + r"s?\s*(?:\([^)]{0,40}\)\s*|\[[^\]]{0,40}\]\s*)?"
                          r"(?:,\s*)?(?:located\s+)?(?:in|of|near|close to|outside|at|on the outskirts of)\s+(?:the\s+)?"
                          r"(?:(?:town|city|village|district|municipality)\s+of\s+)?(?P<town>" + _NAME + r")")
_VENUE_WORD_END = re.compile(r"\s" + _VENUE + r"$", re.I)


def _clean_name(name: str) -> str:
    name = re.sub(r"[\u2019']s$", "", name.strip(" -'\u2019"))
    name = re.sub(r"^[A-Z][a-z]?[A-Z][A-Za-z]{0,4}\s+(?:at|in|of)\s+(?=[A-Z])", "", name)  # "LoC at Kirni" -> "Kirni"
    words = name.split()
    while words and _NOT_PLACE.match(words[-1]) and len(words) > 1:
        words.pop()
    name = " ".join(words)
    name = re.sub(r"^(?:Municipality|District|City|Town|Village|Commune|County|Department|Community)\s+of\s+(?=[A-Z])", "", name)
    name = re.sub(r"^(?:Barangay|Brgy\.?|Sitio|Purok)\s+(?=[A-Z])", "", name)  # a village word written before the name
    bare = _ADMIN_TAIL.sub("", name)
    return bare if bare else name


_INSTITUTION = re.compile(r"^(?:Ministry|Central Bank|Bank|Director|Directorate|Department|Office|Embassy|Council|Court|"
                          r"Parliament|Palace|Headquarters|Secretariat|Government|Governorship|Municipality|University|"
                          r"US|UN|IS|EU|AU)\b")


# --- names that are no place (issue 10): a class of wording each, checked by ``non_place`` ---
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|november|december|"
           r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_DATE_NAME = re.compile(r"^(?:(?:mid|early|late)[\s-]+)?(?:(?:" + _MONTHS + r")\b(?:\s+(?:\d{1,4}|of|the)\b.*)?"
                        r"|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,4}\b.*"
                        r"|(?:ramadan|eid|christmas|easter|nowruz|ashura|new year|independence day|victory day)\b.*)$", re.I)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,4}(?:[A-Z]\.?)?$")
_ORG_WORDS = re.compile(r"\b(?:Observatory|Watch|Crescent|Red Cross|Committee|Commission|Agency|Organi[sz]ation|"
                        r"Association|Society|Party|Movement|Council|Directorate|Authority|Institute|Foundation|Federation|"
                        r"Network|Coalition|Alliance|Brigades?|Battalion|Regiment|Corps|Services|Amnesty|Rights|"
                        r"Doctors|Médecins|Medecins|Ministry|Bureau|Syndicate|Assembly|Company|Corporation|"
                        r"Centre for|Center for|News Agency|Herald|Gazette|Television|Radio)\b")
_TITLE_FIRST = re.compile(r"^(?:Director|Minister|Governor|Mayor|Commander|Chief|Head|Spokes(?:man|woman|person)|"
                          r"Secretary|Prime|Emir|Judge|Deputy|Chairman|Leader|Brigadier|Lieutenant|Sergeant|Officer|"
                          r"Mr|Mrs|Ms|Dr)\b\.?")
_GENERIC = re.compile(r"^(?:the\s+)?(?:State|Province|District|City|Town|Village|Region|Governorate|Capital|Country|"
                      r"Kingdom|Republic|Area|Zone|Camp|Municipality|County|Department|Territory|"
                      r"Territories|Border|Frontier|North|South|East|West)$", re.I)
# seas, oceans, continents and the world's wide regions: no event location while a place is named
_OPEN_WATER = re.compile(r"^(?:the\s+)?(?:(?:Mediterranean|Atlantic|Pacific|Arctic|Caribbean|Aegean|Adriatic|Baltic|"
                         r"Ionian|Tyrrhenian|Caspian)(?:\s+Sea|\s+Ocean)?|Arabian Gulf|Persian Gulf"
                         r"|[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?\s+(?:Sea|Ocean)"
                         r"|(?:Gulf|Strait|Straits|Bay|Sea) of\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?"
                         r"|Europe|Africa|Asia|Oceania|Antarctica|Eurasia|Americas|(?:Latin|North|South|Central) America"
                         r"|Middle East|Near East|Far East|Balkans|Caucasus|Levant|Maghreb|Sahel|Sahara|Greater Sahara"
                         r"|(?:West|East|North|Southern|Central|Sub-Saharan|Horn of) Africa|(?:Southeast|South|Central|East) Asia)$")
_REGION_AFTER = re.compile(r"^\s+(?:state|governorate|province|region|department|county|district|zone|division|"
                           r"territory|oblast|port|coast|coastal|city|town|village)\b", re.I)
_PEOPLE_REGION_AFTER = re.compile(r"^\s+(?:state|region|province|zone|division|territory|governorate|oblast)\b", re.I)
_VENUE_NEXT = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:(?i:" + r"hospital|clinic|square|mosque|church|school|university|college|"
                         r"street|avenue|road|roundabout|stadium|hotel|market|bakery|bridge|building|tower|palace|"
                         r"prison|park|cemetery|shrine|husseiniya|madrasa|bank|office|station" + r"))\b")


_HELD_BY = re.compile(r"^[A-Z][\w'\u2019]*-(?:held|controlled|majority|dominated|populated|run|besieged)\s+(?=[A-Z])")


def _all_adjectives(name: str) -> bool:
    """"Syrian", "Shiite-majority", "Kurdish-held", "Greek-Turkish": adjectives of a people or
    country, with a word of who holds or fills the place -- whose it is, not where."""
    from .context import adjective_words, fold

    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w]
    adj = adjective_words()
    tail = {"majority", "held", "controlled", "dominated", "populated", "inhabited", "speaking", "led", "run",
            "backed", "areas", "community", "communities"}
    return bool(words) and any(w in adj for w in words) and all(w in adj or w in tail for w in words)


def non_place(name: str, after: str = "", generic: bool = True) -> str:
    """Why ``name`` is no place (or ""): a demonym or a people's adjective, a witness's
    initials, a date, an organisation or an official's title, a bare administrative word.
    ``after``: the text right after the name ("the Somali region" is a region, "Rakhine State"
    a state)."""
    if _INITIALS.match(name):
        return "initials"
    if _DATE_NAME.match(name) and not _AFTER_KIND.match(after):  # "the July 7 area" is named after a date
        return "a date"
    if _all_adjectives(name) and not (" " not in name and "-" not in name and _PEOPLE_REGION_AFTER.match(after)):
        return "an adjective of a people or country"
    if _ORG_WORDS.search(name):
        return "an organisation"
    if _TITLE_FIRST.match(name):
        return "an official's title"
    if generic and _GENERIC.match(name):
        return "an administrative word, no name"
    return ""


def wide_area(name: str, after: str = "") -> bool:
    """A sea, ocean, continent or wide region of the world ("the Mediterranean", "Europe", "the
    Red Sea"), not a country's division ("the Red Sea state") nor a port's epithet."""
    return bool(_OPEN_WATER.match(name)) and not _REGION_AFTER.match(after)


def venue_name(text: str, mention: PlaceMention) -> bool:
    """Whether a mention names a venue ("the Ibn Sina hospital", "al-Rashid (al Nour) square"):
    the name of a building, a square or a street, not of the town it is in."""
    return mention.end > 0 and bool(_VENUE_NEXT.match(text[mention.end:mention.end + 60]))


def _is_country(name: str) -> bool:
    from .context import fold, region_index

    return fold(name) in region_index().countries


def _town_of_venue(name: str) -> tuple[str, int] | None:
    """"Bat Galim Square of Haifa" -> ("Haifa", offset): a venue or quarter of a town is coded to the town."""
    m = _VENUE_OF.match(name)
    if not m or len(m.group("venue").split()) < 2 and not re.match(r"PD|district \d", m.group("venue"), re.I):
        return None
    town = re.sub(r"\s+(?:city|town)$", "", m.group("town"))
    return town, m.start("town")


def _abbreviation(text: str, at: int, name: str) -> bool:
    """Whether ``name`` is an abbreviation the text defines by the words right before it in
    brackets -- "the Kahda District Commissioner (DC) ... the DC survived" -- not a place."""
    if not (2 <= len(name) <= 6 and name.isupper() and name.isalpha()):
        return False
    for m in re.finditer(r"\(" + re.escape(name) + r"\)", text):
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, m.start() - 80):m.start()])
        initials = "".join(w[0].upper() for w in words if w[0].isupper() or w.lower() not in ("of", "the", "and", "for"))
        if initials.endswith(name):
            return True
    return False


def place_candidates(text: str, start: int, end: int, entities: list[Mention], skip: list[tuple[int, int]]) -> list[PlaceCandidate]:
    """Place candidates in ``text[start:end]`` (one sentence), best first.  ``skip``: spans of actor names."""
    sent = text[start:end]
    geo_spans = [(e.start, e.end) for e in entities if e.label in GEO_LABELS]
    other_spans = [(e.start, e.end) for e in entities if e.label in ("PERSON", "ORG", "NORP", "DATE")]
    out: list[PlaceCandidate] = []

    def overlaps(a: int, b: int, spans) -> bool:
        return any(a < y and x < b for x, y in spans)

    strong_at: set[int] = set()  # where names follow a strong preposition (a list after it keeps the strength)

    def add(name_start: int, name: str, prep: str, qual: str, base_rank: float, how: str, strong: bool = False):
        held = _HELD_BY.match(name)  # "Kurdish-held Tal Abyad": the town, whoever holds it
        if held:
            name_start, name = name_start + held.end(), name[held.end():]
        raw, name = name, _clean_name(name)
        if not name or _NOT_PLACE.match(name) or len(name) < 2:
            return
        if non_place(name, text[start + name_start + len(raw.rstrip()):][:40]):
            return
        if _abbreviation(text, start + name_start + raw.find(name), name):
            return  # "the Kahda District Commissioner (DC)": the title's initials, not a place
        if raw.find(name) > 0:  # a word dropped in front ("LoC at Kirni")
            name_start += raw.find(name)
        if re.search(r"[\u2019']s$", raw.strip()) and not re.match(
                r"\s+(?:[A-Z]|(?:far |rural |old |)(?:countryside|outskirts|suburbs?|province|governorate|region|district|city|town|"
                r"centre|center|eastern|western|northern|southern|central|north|south|east|west|north-?eastern|north-?western|"
                r"south-?eastern|south-?western|border|frontier|coast)\b)", text[start + name_start + len(raw.rstrip()):][:40]):
            return  # "Ankara's offensive": the government's, not the place of the event
        own = re.match(r"^([A-Z][\w\-]+)[\u2019']s\s+[A-Z]", raw)  # "Beirut's Hamra": a quarter of the city
        if own and raw.find(name) == 0:
            name = own.group(1)
        town = _town_of_venue(name)
        if town:
            name_start, name = name_start + town[1], town[0]
        spot = re.match(r"^(?P<spot>.+?)\s+of\s+(?P<town>[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?)$", name)
        if spot and re.match(r"\s+(?:town|city)\b", text[start + name_start + len(name):start + name_start + len(name) + 6]):
            name_start, name = name_start + spot.start("town"), spot.group("town")  # "Pradhan More of Siliguri town"
        a = start + name_start
        later = _VENUE_AFTER.match(text[a + len(name):a + len(name) + 120])
        if later and not re.match(r"(?:the|a|an)$", later.group("town"), re.I) and (
                _VENUE_WORD_END.search(" " + text[a + len(name):a + len(name) + later.start("town")].split(" in ")[0].strip())
                or True):
            t = _clean_name(later.group("town"))
            if t and not _NOT_PLACE.match(t) and t[0].isupper():
                name_start, name = a + len(name) + later.start("town") - start, t
                a = start + name_start
        b = a + len(name)
        if re.match(r"\s+(?:dollars?|currency|embassy|consulate)\b", text[b:b + 12], re.I):
            return  # "the US dollar", "the Turkish embassy": no place
        if re.match(r"-(?:led|based|backed|born|made|funded|run|allied|controlled|held)\b", text[b:b + 12]) or \
                re.search(r"-(?:led|based|backed|born|made|funded|run|allied|controlled|held)(?:$|\s)", name):
            return
        if overlaps(a, b, skip):
            return
        is_geo = overlaps(a, b, geo_spans)
        penalty = 0.0
        if not is_geo and overlaps(a, b, other_spans):
            if prep not in _STRONG_PREPS and not strong:
                return
            penalty = 0.4
        after = text[b:b + 80]
        qualifier = _qualifier(prep, qual, after)
        container = None
        cm = _CONTAINER_AFTER.match(after)
        if cm and cm.group("c3") and _LIST_NEXT.match(after, cm.end("c3")):
            cm = None  # "A, B and C": a list of places, not B containing A
        if cm:
            container = cm.group("c") or cm.group("c3") or cm.group("c4") or cm.group("c5")
            if container and (_NOT_PLACE.match(container) or non_place(container, generic=False) or wide_area(container)):
                container, cm = None, None  # "(Sudanese)", ", Police and ...": no container
        if cm:
            if cm.group("c4") and re.search(r"rural|countryside", after[:30], re.I) and not qualifier:
                qualifier = "rural"
        kind = _AFTER_KIND.match(after)
        listed = prep == "and" and any(0 <= a - c.mention.end <= 8 for c in out)  # "in Haifa and Marib"
        if prep in _WEAK_PREPS and not listed and not is_geo and not kind and not cm and \
                not re.search(r"\bof\s*$|\b(?:villages?|towns?|city|cities)\b", qual) and \
                not re.search(r"\b(?:villages?|towns?|hamlet|city|cities)\s+" + re.escape(prep) + r"\s+$", text[max(start, a - 40):a]):
            return  # "of Bakkar", "and Alaa Abed": names of people as often as places
        rank = base_rank + penalty + (0 if is_geo else 0.5) + (0 if kind or cm else 0.3)
        if "-" in name and all(_is_country(part) for part in name.split("-")):
            return  # "the Syria-Iraq border" is a border, not a place
        if _INSTITUTION.match(name) or _is_country(name):
            rank += 2.5  # "the Ministry of Finance", "Yemen": a town named beside it is the place
        if _REGION_WORDS.search(qual) or (kind and _REGION_WORDS.search(kind.group("kind"))):
            rank += 1.5
        if _FEATURE_AFTER.match(after):
            rank += 1.0
        if wide_area(name, after):
            rank += 3.0  # "the Mediterranean", "Europe": any place named beside it is where it happened
        elif _VENUE_NEXT.match(after):
            rank += 1.0  # "the Ibn Sina hospital": a venue's name; the town named beside it is the place
        out.append(PlaceCandidate(PlaceMention(name, a, b, qualifier, container, sent), rank + name_start / 1000, how))
        if prep in _STRONG_PREPS or strong:
            strong_at.add(a)

    for m in _DIRECTION_OF.finditer(sent):
        add(m.start("name"), m.group("name"), "", "", 0.0, "direction")
        if out and out[-1].mention.start == start + m.start("name"):
            pm = out[-1].mention
            out[-1] = PlaceCandidate(PlaceMention(pm.text, pm.start, pm.end, "direction", pm.container, pm.sentence),
                                     out[-1].rank, "direction")
    for m in _LOCATIVE.finditer(sent):
        prep = m.group("prep").strip().lower()
        close = prep == "close to"
        coded = prep.startswith("coded")  # the note says where the event is coded: that place first
        prep = {"coded to": "in", "coded as": "in", "enclave of": "in", "located at": "at", "close to": "near"}.get(prep, prep)
        base = {"in": 0.0, "at": 0.1, "near": 0.0, "off": 0.3, "outside": 0.1, "around": 0.2, "of": 0.6, "from": 1.2, "into": 0.4,
                "on": 0.8, "between": 0.6, "shelled": 0.7, "bombed": 0.7, "attacked": 0.9, "stormed": 0.7, "struck": 0.9,
                "raided": 0.7, "blocked": 0.7, "captured": 0.6, "seized": 0.8, "recaptured": 0.6, "retook": 0.6, "entered": 0.8, "entering": 0.9, "besieged": 0.7, "and": 1.0, "to": 1.3, "towards": 1.3, "toward": 1.3}.get(prep, 0.9)
        add(m.start("name"), m.group("name"), prep, m.group("qual") or "", base + (0.3 if close else 0.0) - (3.0 if coded else 0.0), f"'{prep} {m.group('name')}'")
    # a list of places under one preposition: "shelled the villages of A, B and C", "in Idlib and Hama"
    # (GUIDE: one event per location): each listed name is a candidate as the first one is
    for c in sorted(out, key=lambda c: c.mention.start):
        pos = c.mention.end
        while True:
            nxt = _LIST_NEXT.match(text, pos, end)
            if nxt is None or any(o.mention.start == nxt.start("name") for o in out) or (
                    nxt.group("name") == c.mention.container and not _LIST_NEXT.match(text, nxt.end(), end)):
                break  # "Mosul, Iraq": Iraq contains Mosul
            before = len(out)
            add(nxt.start("name") - start, nxt.group("name"), "and", "", c.rank - (c.mention.start - start) / 1000 + 0.05,
                f"listed with {c.mention.text}", strong=c.mention.start in strong_at)
            if len(out) == before:
                break
            listed = out[-1].mention  # a listed name shares the head's qualifier and container
            out[-1] = replace(out[-1], mention=replace(listed, qualifier=listed.qualifier or c.mention.qualifier,
                                                       container=listed.container or c.mention.container))
            pos = listed.end
    for e in entities:
        if e.label in GEO_LABELS and e.start >= start and e.end <= end:
            if not any(c.mention.start <= e.start < c.mention.end for c in out):
                add(e.start - start, e.text, "", "", 2.0, f"entity {e.label}")
    for i, c in enumerate(out):  # "the village of X, near Y": X is the place, Y only where it lies
        held = [o for o in out if o.mention.container == c.mention.text and o.mention.end <= c.mention.start
                and not o.evidence.startswith("'from") and not _REGION_WORDS.search(text[max(start, o.mention.start - 30):o.mention.start])
                and not _is_country(o.mention.text)]
        if held and c.mention.qualifier in ("near", "direction", "outskirts") and c.rank < min(o.rank for o in held):
            out[i] = replace(c, rank=min(o.rank for o in held) + 0.05)
    seen, best = set(), []
    for c in sorted(out, key=lambda c: c.rank):
        key = c.mention.text.lower()
        if key not in seen:
            seen.add(key)
            best.append(c)
    return best


def earlier_place(text: str, sentences, entities: list[Mention], before: int, short: bool) -> PlaceCandidate | None:
    """The place an event sentence without one inherits: the nearest earlier sentence of its paragraph
    (of the whole text when it is a short note) that names one -- "On 8 May, in X, Y, police raided a
    house. A shoot-out broke out." codes the shoot-out to X."""
    own = next((s for s in sentences if s.index == before), None)
    for s in reversed([s for s in sentences if s.index < before]):
        if not short and own is not None and s.paragraph != own.paragraph:
            break
        ents = [e for e in entities if e.start >= s.start and e.end <= s.end]
        found = place_candidates(text, s.start, s.end, ents, [])
        if found:
            return found[0]
    return None


def fallback_mentions(text: str, mention: PlaceMention, short: bool) -> list[PlaceMention]:
    """Where to code an event whose place the gazetteer does not know, best first: the place's
    container ("Borgi village of Ahmadabad district" -> Ahmadabad), then -- in a short note, whose
    places all belong to the one event -- the sentence's other candidates ("Arzoo village close to
    Ghazni city" -> Ghazni).  ACLED codes such events to the nearest place it can locate."""
    found: list[PlaceMention] = []
    if mention.sentence:
        at = text.rfind(mention.sentence, 0, max(mention.start, 0) + len(mention.sentence))
        if at >= 0:
            found = [c.mention for c in place_candidates(text, at, at + len(mention.sentence), [], [])]
    out: list[PlaceMention] = []
    if mention.container and mention.container != mention.text:
        own = next((m for m in found if m.text == mention.container), None)
        out.append(PlaceMention(mention.container, mention.end, mention.end, "near",
                                own.container if own else None, mention.sentence))
    for name, at in containers_of(text, mention):  # "X (Y district, Z)": Y, then Z
        if name != mention.text and all(name != m.text for m in out):
            out.append(PlaceMention(name, at, at + len(name), "near", None, mention.sentence))
    if short:
        for m in found:
            if any(m.text == o.text for o in out) or m.text == mention.text or _is_country(m.text) \
                    or _INSTITUTION.match(m.text) or wide_area(m.text) or venue_name(text, m):
                continue
            out.append(PlaceMention(m.text, m.start, m.end, m.qualifier or "near", m.container, m.sentence))
    return out


def containers_of(text: str, mention: PlaceMention) -> list[tuple[str, int]]:
    """The containers the text names right after a place (``context.admin_chain``), with their
    offsets, country names left out: "Kalo (Dera district, Velmar)" -> [("Dera", i), ("Velmar", j)]."""
    from .context import _SUFFIX, admin_chain

    if mention.end <= 0:
        return []
    out: list[tuple[str, int]] = []
    pos = mention.end
    for raw in admin_chain(text, mention.end):
        at = text.find(raw, pos)
        name = _clean_name(_SUFFIX.sub("", raw))
        if at < 0 or not name or _NOT_PLACE.match(name) or _is_country(name) or non_place(name, generic=False) \
                or wide_area(name):
            continue
        out.append((name, at + raw.find(name) if raw.find(name) >= 0 else at))
        pos = at + len(raw)
    return out
