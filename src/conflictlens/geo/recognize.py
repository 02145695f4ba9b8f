"""Place recognition in text that does not trust NER labels alone, then resolution in context.

Three recognisers are merged: a gazetteer matcher (longest n-gram of capitalised tokens
whose transliteration key is in the gazetteer), patterns ("the town of X", "in rural X"),
and spaCy's named entities when a pipeline or doc is given (GPE/LOC/FAC, NORP demonyms).
A gazetteer match that NER calls a person or organisation is kept only when the article's
geography supports it.  Resolution runs twice: once to learn the article's countries and
anchor places, once with that context.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..models import Mention, Place, PlaceMention
from .base import GeoContext
from .qualifiers import qualifier_after, qualifier_before
from .translit import ARTICLES, DATA_DIR, PARTICLES, has_arabic, name_key

MAX_TOKENS = 6
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w\u0600-\u06ff]*(?:['’ʿʾ`](?![sS]\b)[^\W\d_]+)*(?:&[A-Z])?")
_SEP_RE = re.compile(r"^[ \-]{1,2}$|^ ?- ?$")
_SENT_END_RE = re.compile(r"(?:[.!?:]['\"”’)]?\s+|\n\s*)$")
_PATTERN_RE = re.compile(
    r"\b(?:town|village|city|hamlet|neighbou?rhood|district|camp|suburb|area|region|province|governorate|"
    r"valley|mountains?|villages)\s+of\s+"
    r"(?P<name>(?:(?:al|el|ad|ar|as|ash|at|az|an)[\- ])?[A-Z][\w'’ʿ]+(?:[\- ](?:(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed)[\- ])?[A-Z][\w'’ʿ]+){0,3})")
_CONNECT_RE = re.compile(r"^\s*,?\s*(?:in|near|outside|of|east of|west of|north of|south of)\s+$|^\s*,\s*$", re.I)
_TITLES_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Capt|Maj|Sgt|Sheikh|President|Minister|Prince|King|Saint|St)\.?\s+$")
NER_PLACE = {"GPE", "LOC", "FAC"}
_POSSESSIVE_RE = re.compile(r"['’]s$")
_LIST_SEP_RE = re.compile(r"\s*(?:,|\band\b)\s*")
QUALIFIER_WORDS = {"rural", "northern", "southern", "eastern", "western", "north", "south", "east", "west", "central",
                   "greater", "upper", "lower", "in", "near", "from", "to", "of", "the"}
SPACED_ARTICLES = {"al", "el"}
FOLLOWER_WORDS = {"governorate", "province", "countryside", "region", "district", "county", "municipality", "and", "on", "in", "at", "to",
                  "after", "before", "but", "for", "from", "if", "is", "or", "said", "says", "the", "this", "when",
                  "where", "which", "while", "with", "who", "as", "by", "of"}
STRONG_FEATURES = {"PCLI", "ADM1", "CONT", "L", "H"}
EMBEDDED_POPULATION = 100_000  # a town this big still counts as a place inside an organisation's name


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words after a place that make it the seat of an institution named for it ("Slidell Police")."""
    lines = (DATA_DIR / "institution_words.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    lines = (DATA_DIR / "not_places.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


@dataclass
class _Found:
    start: int
    end: int
    text: str
    label: str  # GAZ, PATTERN, DEMONYM or a spaCy label
    ner: str = ""  # the spaCy label over this span, if any
    qualifier: str = ""
    direction: str = ""
    container: str | None = None
    extra: dict = field(default_factory=dict)


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() or has_arabic(tok[:1])


def gazetteer_matches(text: str, geocoder) -> list[_Found]:
    """Longest capitalised n-grams whose key the gazetteer knows."""
    has_key = geocoder.has_key
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    out: list[_Found] = []
    i = 0
    while i < len(toks):
        s0, e0, t0 = toks[i]
        low0 = t0.lower()
        startable = _capitalised(t0) or (low0 in ARTICLES and i + 1 < len(toks) and _capitalised(toks[i + 1][2])
                                         and (text[e0:e0 + 1] == "-" or (low0 in SPACED_ARTICLES
                                                                         and text[e0:e0 + 1] == " ")))
        if not startable or t0 in ("A", "An", "I", "O"):
            i += 1
            continue
        best = None
        j = i
        while j < len(toks) and j - i < MAX_TOKENS:
            if j > i:
                sep = text[toks[j - 1][1]:toks[j][0]]
                if not _SEP_RE.match(sep):
                    break
                tj = toks[j][2]
                if not (_capitalised(tj) or tj.lower() in ARTICLES or tj.lower() in PARTICLES):
                    break
            tj = toks[j][2]
            if _capitalised(tj):
                span = text[s0:toks[j][1]]
                key = name_key(span)
                if key and has_key(key):
                    best = (j, span)
            j += 1
        if best:
            j, span = best
            if span.startswith(("The ", "THE ")) and name_key(span[4:]) == name_key(span):
                s0, span = s0 + 4, span[4:]
            out.append(_Found(s0, toks[j][1], span, "GAZ"))
            i = j + 1
        else:
            i += 1
    return out


def pattern_matches(text: str) -> list[_Found]:
    return [_Found(m.start("name"), m.end("name"), m.group("name"), "PATTERN") for m in _PATTERN_RE.finditer(text)]


def ner_matches(doc) -> tuple[list[_Found], list[tuple[int, int, str]]]:
    places, others = [], []
    for ent in doc.ents:
        if ent.label_ in NER_PLACE:
            t = ent.text
            start = ent.start_char
            if t.lower().startswith("the "):
                t, start = t[4:], start + 4
            t = _POSSESSIVE_RE.sub("", t)  # "Orange County’s"
            places.append(_Found(start, start + len(t), t, ent.label_, ner=ent.label_))
        elif ent.label_ == "NORP":
            places.append(_Found(ent.start_char, ent.end_char, ent.text, "DEMONYM", ner="NORP"))
        else:
            others.append((ent.start_char, ent.end_char, ent.label_))
    return places, others


def _split_lists(finds: list[_Found], has_key) -> list[_Found]:
    """An entity "Abuja, Lagos and Kano" is three places (unless the whole is a name: Trinidad and Tobago)."""
    out = []
    for f in finds:
        if not _LIST_SEP_RE.search(f.text) or has_key(name_key(f.text)):
            out.append(f)
            continue
        pos = 0
        for m in list(_LIST_SEP_RE.finditer(f.text)) + [None]:
            end = m.start() if m else len(f.text)
            seg = f.text[pos:end]
            if seg and seg[:1].isupper():
                out.append(_Found(f.start + pos, f.start + end, seg, f.label, ner=f.ner))
            pos = m.end() if m else pos
    return out


def _merge(groups: list[list[_Found]]) -> list[_Found]:
    """Overlapping finds: the earlier group (NER first) wins, but a longer gazetteer span wins over a shorter one."""
    chosen: list[_Found] = []
    for group in groups:
        for f in group:
            clash = [c for c in chosen if c.start < f.end and f.start < c.end]
            if not clash:
                chosen.append(f)
            elif all(f.start <= c.start and c.end <= f.end and (f.end - f.start) > (c.end - c.start) for c in clash) \
                    and f.label == "GAZ":
                for c in clash:
                    chosen.remove(c)
                f.ner = clash[0].ner
                chosen.append(f)
            else:
                for c in clash:
                    if not c.ner and f.ner:
                        c.ner = f.ner
    return sorted(chosen, key=lambda f: f.start)


def _annotate(text: str, finds: list[_Found]) -> None:
    for k, f in enumerate(finds):
        qual, direction, _ = qualifier_before(text[max(0, f.start - 80):f.start])
        if not qual:
            qual, direction, _ = qualifier_after(text[f.end:f.end + 60])
        f.qualifier, f.direction = qual, direction
        if k + 1 < len(finds) and f.label != "DEMONYM":
            nxt = finds[k + 1]
            between = text[f.end:nxt.start]
            q2, d2, qlen = qualifier_before(between)
            head = between[:len(between) - qlen] if qlen else between
            if len(between) < 60 and "\n" not in between and (_CONNECT_RE.match(head) or (qlen and head.strip() in ("in", ","))):
                f.extra["container_index"] = k + 1
                f.extra["comma"] = not head.strip(" ,") and not qlen
                f.container = ((d2 + "ern " if d2 else "") + (q2 + " " if q2 in ("rural",) else "") + nxt.text).strip() \
                    if q2 in ("rural", "countryside") else nxt.text


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    return start == 0 or bool(_SENT_END_RE.search(text[max(0, start - 6):start])) or before.endswith(("\n", "\"", "“"))


def geoparse(text: str, geocoder, *, nlp=None, doc=None, demonyms: bool = True) -> list[tuple[Mention, Place | None]]:
    refresh = getattr(geocoder, "refresh", None)
    if refresh is not None:
        refresh()  # villages another process imported since the last text
    if doc is None and nlp is not None:
        doc = nlp(text)
    ner_places, ner_others = ner_matches(doc) if doc is not None else ([], [])
    gaz = gazetteer_matches(text, geocoder)
    for f in gaz:
        for s, e, label in ner_others:
            if s < f.end and f.start < e:
                f.ner = label
    finds = _merge([_split_lists(ner_places, geocoder.has_key), gaz, pattern_matches(text)])
    if not demonyms:
        finds = [f for f in finds if f.label != "DEMONYM"]
    _annotate(text, finds)

    # pass 1: what does the article talk about?
    first: list[Place | None] = []
    countries: Counter = Counter()
    admin1: Counter = Counter()  # regions of the towns named (a first guess, context-free)
    named_admin1: Counter = Counter()  # regions named as such: they decide when there are any
    anchors = []
    for f in finds:
        place = geocoder.resolve(PlaceMention(text=f.text), GeoContext())
        first.append(place)
        if place is None or not _trusted(text, f, place, geocoder):
            continue
        if place.country:
            countries[place.country] += 0.5 if geocoder.is_demonym(f.text) else 1.0
        if place.admin1 and admin_level(place) == 1:
            named_admin1[place.admin1] += 1
        elif place.admin1 and (place.precision == 3 or f.ner in NER_PLACE or f.label in NER_PLACE):
            admin1[place.admin1] += 1
        if place.precision == 1 and place.latitude is not None:
            anchors.append((place.latitude, place.longitude))
    for i in reversed(range(len(finds))):  # "Abuja, Lagos" or "Syria, Iraq": a list, not a place in a region
        f = finds[i]
        if f.container and geocoder.is_demonym(f.text):
            f.container = None  # "Americans in Maryland": a people is not placed in a region
        elif f.container and f.extra.get("comma"):
            k = f.extra["container_index"]
            outer = first[k]
            if outer is None or outer.precision != 3 or admin_level(first[i]) >= admin_level(outer) > 0 \
                    or finds[k].extra.get("in_list"):  # "Saipan, Guam, Alaska": Guam's list holds Saipan too
                f.container, f.extra["in_list"] = None, True
    context = GeoContext(countries=tuple(c for c, _ in countries.most_common()), text=text,
                         admin1=tuple(a for a, _ in (named_admin1 or admin1).most_common(5)),
                         guessed_admin1=tuple(a for a, _ in admin1.most_common(5)) if named_admin1 else (), anchors=tuple(anchors[:50]))
    top = [c for c, _ in countries.most_common(3)]

    # one sense per article: a name the article once placed in a container means the same place elsewhere
    placed: dict[str, Place] = {}
    resolved = []
    for f in finds:
        mention = PlaceMention(text=_with_direction(f), start=f.start, end=f.end, qualifier=f.qualifier,
                               container=f.container)
        place = geocoder.resolve(mention, GeoContext() if _dateline(text, f) else context)
        resolved.append(place)
        if f.container and place is not None and place.precision == 1 and place.matched_name:
            placed.setdefault(name_key(f.text), place)

    _containers_as_regions(finds, resolved, geocoder, context)
    out: list[tuple[Mention, Place | None]] = []
    for f, place, guess in zip(finds, resolved, first):
        same = placed.get(name_key(f.text))
        if same is not None and not f.container and not f.qualifier and place is not None and place.precision == 1:
            place = replace(same, name=f.text, reason=same.reason + "; as placed elsewhere in the article")
        if place is None and f.label in NER_PLACE and " " in f.text.strip():
            inner = _inner_place(text, f, geocoder, context, top, doc is not None)
            if inner is not None:  # "St. Louis Police", "Montgomery County Democrats": the place inside
                f, place = inner
        if f.label == "GAZ" and not (place is not None and _dateline(text, f)) and not _keep_gazetteer_only(
                text, f, place, top, geocoder, doc is not None, set(context.admin1) | set(context.guessed_admin1)):
            continue
        if f.label == "EMBEDDED" and place is not None and place.precision == 1 and guess is not None \
                and not f.extra.get("seat"):
            if geocoder.population(guess.matched_name or guess.name, main_only=True) < EMBEDDED_POPULATION:
                continue  # the big place was only another name of a small one ("Air" in "Air Balloon")
            place = guess  # "The Washington Post": the big one, as the context-free first pass placed it
        if f.label in ("DEMONYM", "GAZ") and place is not None and geocoder.is_demonym(f.text):
            if not demonyms:
                continue
            f.label = "DEMONYM"
        elif f.label == "DEMONYM":
            f.label, f.ner = "GAZ", ""  # a NORP entity that is no country's people: a big place ("Tunis"), else dropped
            if place is None or (place.precision != 3 and geocoder.population(f.text) < EMBEDDED_POPULATION) or \
                    not _keep_gazetteer_only(text, f, place, top, geocoder, doc is not None,
                                                         set(context.admin1) | set(context.guessed_admin1)):
                continue
        out.append((Mention(text=f.text, start=f.start, end=f.end, label=f.label), place))
    return out


# words of an entity that say it is not at the place its other words name
_NOT_AT_INNER_PLACE = {"street", "avenue", "ave", "road", "rd", "boulevard", "lane", "drive", "highway", "way",
                       "bridge", "river", "delta", "valley", "basin", "mountains", "mountain", "lake", "bay", "gulf",
                       "sea", "canal", "embassy", "consulate", "equatorial"}


def _inner_place(text: str, f: _Found, geocoder, context: GeoContext, top: list,
                 have_ner: bool) -> tuple[_Found, Place] | None:
    """The longest run of capitalised words inside an entity the gazetteer cannot place that it can
    ("Honolulu Star-Advertiser", "Politics Ukraine"), kept only as a gazetteer match would be."""
    toks = [m for m in _TOKEN_RE.finditer(f.text)]
    if any(t.group().lower() in _NOT_AT_INNER_PLACE for t in toks):
        return None  # "Frenchmen Street", "Mississippi River", "Russian Embassy": not at the place named
    regions = set(context.admin1) | set(context.guessed_admin1)
    for size in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - size + 1):
            first, last = toks[i], toks[i + size - 1]
            if not (_capitalised(first.group()) and _capitalised(last.group())):
                continue
            sub = f.text[first.start():last.end()] + ("." if f.text[last.end():last.end() + 1] == "." and
                                                      len(last.group()) <= 2 else "")
            if not geocoder.has_key(name_key(sub)) or sub.lower() in not_places():
                continue
            place = geocoder.resolve(PlaceMention(text=sub, start=f.start + first.start()), context)
            found = _Found(f.start + first.start(), f.start + first.start() + len(sub), sub, "GAZ", ner=f.ner)
            if place is not None and _keep_gazetteer_only(text, found, place, top, geocoder, have_ner, regions):
                return found, place
            return None
    return None


_DATELINE_RE = re.compile(r"[A-Z][A-Z.'\- ]*[A-Z.](?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([A-Za-z .&]{2,30}\)\s*)?" r'[-–—:"\ufffd“]')


def _dateline(text: str, f: _Found) -> bool:
    """A dateline ("WASHINGTON (AP) -", "OAKLAND, Calif. (AP) -") names the city the report was
    filed from, which is read alone: the story's own region says nothing about it."""
    if not f.text.isupper() or len(f.text) < 3 or (f.start and text[f.start - 1] not in "\n" and not
                                                     re.search(r"[.!?]\s+$", text[max(0, f.start - 3):f.start])):
        return False
    return bool(_DATELINE_RE.match(text, f.start))


def admin_level(place: Place | None) -> int:
    """2 for a country, 1 for a first-level region, 0 for anything smaller (or nothing)."""
    if place is None or place.precision != 3 or not place.country:
        return 0
    if not place.admin1:
        return 2
    return 1 if place.matched_name and name_key(place.matched_name) == name_key(place.admin1) else 0


def _containers_as_regions(finds: list[_Found], resolved: list[Place | None], geocoder, context: GeoContext) -> None:
    """A name written as a town's container ("Tacoma, Washington") is the region the town lies in,
    when the container's own best match is a town elsewhere and a region of that name holds the town."""
    for f, place in zip(finds, resolved):
        k = f.extra.get("container_index")
        if k is None or not f.extra.get("comma") or place is None or not place.admin1:
            continue
        outer = resolved[k]
        if outer is None or (admin_level(outer) and outer.admin1 == place.admin1) or place.precision == 3:
            continue
        holding = getattr(geocoder, "region_holding", None)
        region = holding(finds[k].text, place) if holding else None
        if region is not None and region.latitude is not None:
            resolved[k] = replace(region, name=finds[k].text)


def _with_direction(f: _Found) -> str:
    if f.qualifier in ("rural", "countryside") and f.direction:
        return f"rural {f.direction}ern {f.text}" if not f.direction.endswith("ern") else f"rural {f.direction} {f.text}"
    return f.text


def _trusted(text: str, f: _Found, place: Place, geocoder) -> bool:
    """A first-pass resolution sure enough to tell the article's countries."""
    if f.ner in NER_PLACE or f.label in NER_PLACE:
        return True
    if place.precision == 3 and place.matched_name and place.country:
        return f.text.lower() not in not_places()
    if re.search(r"[A-Z][\w'’-]+ $", text[max(0, f.start - 25):f.start]) or \
            re.match(r"^ [A-Z]", text[f.end:f.end + 3]):
        return False  # part of a longer name: "Paris Hilton", "Homs Street"
    return f.label == "GAZ" and not _sentence_initial(text, f.start) and \
        geocoder.population(f.text, main_only=True) >= 100_000 and f.text.lower() not in not_places()
    # (a former or other name of a big city, "Salisbury" for Harare, says nothing of the article's country)


def _keep_gazetteer_only(text: str, f: _Found, place: Place | None, top_countries: list, geocoder,
                         have_ner: bool, regions: set = frozenset()) -> bool:
    """Decide on a match that only the gazetteer found (NER absent, silent, or saying otherwise)."""
    if place is None:
        return False
    low = f.text.lower()
    if low in not_places() or (low in _stop_words() and not f.text.replace(".", "").isupper()) or \
            ((place.matched_name or "").lower() in not_places() and not f.ner):
        return False
    if _TITLES_RE.search(text[max(0, f.start - 12):f.start]):
        return False
    if f.text.isupper() and len(f.text) <= 3 and place.precision == 1:
        return False
    population = geocoder.population(f.text)
    nxt = re.match(r"^(?:['’]s)? ([A-Z][\w]+)", text[f.end:f.end + 30])
    prev = re.search(r"([A-Z][\w'’-]+) $", text[max(0, f.start - 25):f.start])
    before = bool(prev) and prev.group(1).lower() not in QUALIFIER_WORDS and not _sentence_initial(text, f.start) \
        and not (prev.group(1).lower() in _stop_words() and _sentence_initial(text, prev.start(1) + max(0, f.start - 25)))
    after = bool(nxt) and nxt.group(1).lower() not in FOLLOWER_WORDS
    seat = after and not before and nxt.group(1).lower() in institution_words()  # "Slidell Police", "Suffolk Times"
    if seat:
        f.label, f.extra["seat"] = "EMBEDDED", True  # resolved in the article's context, however small
        if f.ner == "PERSON":
            f.ner = "ORG"  # "Abuja Chamber of Commerce" is no person
    if (before or after) and place.precision != 3 and not seat:
        both_sides = before and after
        if population < EMBEDDED_POPULATION or f.text.lower() in _stop_words() or both_sides or f.ner == "PERSON":
            return False  # part of a longer proper name (Royal Street, Azaz Media Office, Fares Ahmad al-Issa)
        f.label = "EMBEDDED"  # a big place inside a name: "The New York Times", "Dubai Police"
    home = place.country in top_countries[:1] or (place.country in top_countries and (
        population >= 1000 or place.admin1 in regions or bool(f.container)))
    strong = place.precision == 3 or home or (not top_countries and population >= EMBEDDED_POPULATION)
    if seat and not strong and place.precision != 3:
        return False  # a seat of an institution is believed only in the article's own country
    if have_ner and place.precision != 3 and population < 1000 and not f.ner:
        strong = False  # NER saw nothing there and the gazetteer only knows a hamlet
    if f.ner in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "NORP"):
        return strong and f.ner != "NORP"
    if not strong:
        return False  # a small place abroad that only the gazetteer saw: usually a surname or a word
    if _sentence_initial(text, f.start) and place.precision != 3 and population < 100_000 and not seat:
        return False
    if re.search(r"\b" + re.escape(low) + r"\b", text[:f.start] + text[f.end:]):
        return False  # the word also appears in lower case: an ordinary word
    return True


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # spaCy is optional here
        return frozenset()
    return frozenset(STOP_WORDS)
