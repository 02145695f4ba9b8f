"""How much two reports (events of different articles) look like one incident (pure, no I/O).

``score(a, b, settings)`` adds up what the two reports share, each part with the words that
explain it, and names the *clear disagreements* that forbid a merge whatever the rest says:

- **date**: the reports' date windows (a day-precision date +- ``days``; week and month precision
  widen it; an undated report lies in the ``undated_days`` before its article's publication date,
  or its ingest date when that is unknown) must overlap, else never merge.  Same day 1.0, a day
  apart 0.6, windows that only overlap 0.3.
- **place**: the same name in any transliteration (``geo.translit.name_key``) 1.0; a village coded
  to the town it lies near and a report at that town 0.5; a place and the region or district it
  lies in 0.3; a report only "near" a town and a place within ``2 * km`` of it 0.3; two precise
  points within ``same_place_km`` 0.3; a name and the same name without its leading word
  ("Tal Hilka" / "Hilka") within ``km`` 0.8.  Two *different named places* (two villages, even when
  both were coded to one town's coordinates), places in different regions or countries, and
  namesakes far apart never merge.  A report without a place scores 0.5 when its sentence names
  the other report's place, else 0.
- **type**: the same ACLED type 1.0 (+0.25 the same sub-event type); the usual confusions
  (``data/merge.toml``: an attack on soldiers reported as a clash ...) 0.2-0.4; else never merge.
- **actors**: a named actor in common (after the actor table's aliases and without country or
  date qualifiers) 1.0, both sides in common 1.5, one side in common and the other side named
  differently 0.5; one report naming nobody 0; both naming only different actors -1.0, and when
  both name two sides and share neither, never merge (two clashes in one town on one day).
- **text**: the similarity of the two event sentences (TF-IDF cosine over transliteration-folded
  words, or a sentence-embedding cosine when ``text = "embed"``), times ``text_weight``.

Two reports are one incident when nothing forbids it and the total reaches ``threshold``.
"""
from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Callable, Mapping, Sequence

from ..geo.translit import ARTICLES, name_key
from ..models import Event, Place
from ..store.sqlite import km_between
from ..textnorm import fold

PRECISION_SLACK_DAYS = {"day": 0, "week": 6, "month": 15}
NAME_SIMILARITY = 80  # rapidfuzz ratio of two name keys that are spellings of one name
ACTOR_PENALTY = -1.0  # both reports name actors, none in common
DATES_APART = "dates apart"  # the start of the date veto (incidents.py relaxes it around an incident's core date)
SECOND_ACTOR = 0.5  # both name the same two sides (+), or one side in common and the other side differs (-)


@dataclass(frozen=True)
class MergeSettings:
    """The merge thresholds (``Options.dedup_*``; see ``merge_settings``)."""

    days: int = 1  # a day-precision date's window, either side
    km: float = 10.0  # a report "near" a town matches places within 2 * km of it
    same_place_km: float = 2.0  # two precise points this close are one place under two names
    undated_days: int = 7  # an undated report happened within this many days before publication
    threshold: float = 2.5  # total score for "one incident"
    text: str = "tfidf"  # sentence similarity: "tfidf" or "embed" (conflictlens[embed])
    text_weight: float = 1.5
    near_miss_km: float = 50.0  # unmerged reports of a compatible type this close are shown as near misses
    aliases: Mapping[str, str] | None = None  # folded actor alias -> folded canonical name


def merge_settings(options=None, aliases: Mapping[str, str] | None = None, **overrides) -> MergeSettings:
    """Settings from an ``Options`` object (``dedup_days``, ``dedup_km``, ``dedup_threshold`` ...)."""
    values = {}
    if options is not None:
        for name in ("days", "km", "same_place_km", "undated_days", "threshold", "text", "text_weight",
                     "near_miss_km"):
            if hasattr(options, "dedup_" + name):
                values[name] = getattr(options, "dedup_" + name)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return MergeSettings(aliases=aliases, **values)


@dataclass(frozen=True)
class Report:
    """An event with what merging needs from its article."""

    event: Event
    published: date | None = None
    ingested: date | None = None

    @property
    def anchor(self) -> date | None:
        return self.event.event_date or self.published or self.ingested


@dataclass(frozen=True)
class Match:
    score: float
    veto: str | None  # the clear disagreement that forbids a merge, or None
    reasons: tuple[str, ...]  # what the reports share, in words

    def merges(self, threshold: float) -> bool:
        return self.veto is None and self.score >= threshold


@lru_cache(maxsize=1)
def rules() -> dict:
    text = resources.files("conflictlens.data").joinpath("merge.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    confusions = {}
    for c in data.get("confusions", []):
        a, b = (t.strip().lower() for t in c["types"])
        confusions[frozenset((a, b))] = float(c["score"])
    return {"confusions": confusions, "generic": tuple(g.lower() for g in data["actors"]["generic"]),
            "stopwords": frozenset(data["text"]["stopwords"].split())}


# -- dates ---------------------------------------------------------------------------------------

def window(report: Report, settings: MergeSettings) -> tuple[date, date] | None:
    """The days the report's incident may have happened on (None: nothing to bound it)."""
    e = report.event
    if e.event_date is not None:
        slack = PRECISION_SLACK_DAYS.get(e.date_precision, 0)
        return e.event_date - timedelta(days=slack), e.event_date + timedelta(days=slack)
    end = report.published or report.ingested
    if end is None:
        return None
    return end - timedelta(days=settings.undated_days), end


def _date_part(a: Report, b: Report, s: MergeSettings) -> tuple[float, str | None, str]:
    wa, wb = window(a, s), window(b, s)
    if wa is None or wb is None:
        return 0.0, "no date to compare", ""
    gap = max((wb[0] - wa[1]).days, (wa[0] - wb[1]).days, 0)
    if gap > s.days:
        return 0.0, f"{DATES_APART}: {_span(wa)} and {_span(wb)} (window +-{s.days} day)", ""
    da, db = a.event.event_date, b.event.event_date
    exact = a.event.date_precision == b.event.date_precision == "day" and da is not None and db is not None
    if exact and da == db:
        return 1.0, None, f"same day {da.isoformat()}"
    if exact:
        return 0.6, None, f"a day apart ({da.isoformat()}, {db.isoformat()})"
    return 0.3, None, f"date windows overlap ({_span(wa)}, {_span(wb)})"


def _span(w: tuple[date, date]) -> str:
    return w[0].isoformat() if w[0] == w[1] else f"{w[0].isoformat()}..{w[1].isoformat()}"


# -- places --------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return name_key(name or "")


def names_alike(a: str | None, b: str | None) -> bool:
    """Spellings of one place name: "al-Qusair" ~ "al-Qusayr", "Tell Abyad" ~ "Tal Abyad"."""
    return _names_alike(a or "", b or "")


@lru_cache(maxsize=262144)
def _names_alike(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    from rapidfuzz import fuzz

    return min(len(ka), len(kb)) >= 4 and fuzz.ratio(ka, kb) >= NAME_SIMILARITY


def shortened(a: str | None, b: str | None) -> bool:
    """One name is the other without its leading word: "Hilka" ~ "Tal Hilka", "Kanaba" ~ "Kafr Kanab"
    (the generic first word of a village name -- hill, village, monastery -- is often dropped)."""
    for long, short in ((a, b), (b, a)):
        words = [w for w in re.split(r"[\s\-]+", long or "") if w]
        if len(words) < 2 or len(_key(short or "")) < 4:
            continue
        rest = " ".join(words[1:])
        if _key(rest) != _key(long or "") and names_alike(rest, short):
            return True
    return False


def _located(p: Place | None) -> bool:
    return p is not None and p.latitude is not None and p.longitude is not None


def _fallback(p: Place) -> bool:
    """A named place the gazetteer could not place, coded to another place's coordinates."""
    return "coded to" in (p.reason or "") and not names_alike(p.name, p.matched_name)


def _regions(p: Place) -> tuple[str, ...]:
    return tuple(r for r in (p.admin1, p.admin2, p.admin3) if r)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _key(a) == _key(b)


def _place_part(a: Report, b: Report, s: MergeSettings) -> tuple[float, str | None, str]:
    pa, pb = a.event.place, b.event.place
    has_a = pa is not None and bool(pa.name or _located(pa))
    has_b = pb is not None and bool(pb.name or _located(pb))
    if not (has_a and has_b):
        return _mention(a.event, pb) if has_b else _mention(b.event, pa) if has_a else (0.0, None, "")
    if pa.country and pb.country and not _same(pa.country, pb.country):
        return 0.0, f"different countries: {pa.country} and {pb.country}", ""
    if pa.admin1 and pb.admin1 and not _same(pa.admin1, pb.admin1):
        return 0.0, f"different regions: {pa.name} ({pa.admin1}) and {pb.name} ({pb.admin1})", ""
    dist = km_between(pa.latitude, pa.longitude, pb.latitude, pb.longitude) \
        if _located(pa) and _located(pb) else None
    if (pa.precision or 1) >= 3 or (pb.precision or 1) >= 3:
        region, other = (pa, pb) if (pa.precision or 1) >= 3 else (pb, pa)
        if names_alike(region.name, other.name):
            return 1.0, None, f"same region {region.name}"
        vague = a.event if region is pa else b.event
        if (other.precision or 1) < 3 and mentions(vague.quote(), other.name):
            return 0.8, None, f"{other.name} lies in {region.name}, and the region-level report names it"
        return 0.3, None, f"{other.name} lies in {region.name}"
    if names_alike(pa.name, pb.name):
        if dist is not None and dist > 4 * s.km:
            return 0.0, f"namesakes {dist:.0f} km apart: {pa.name} and {pb.name}", ""
        return 1.0, None, f"same place {pa.name}" + ("" if _key(pa.name) == _key(pb.name) else f" / {pb.name}")
    if dist is not None and dist <= s.km and shortened(pa.name, pb.name):
        return 0.8, None, f"{pa.name} and {pb.name} are one name with and without its first word, {dist:.0f} km apart"
    for x, y in ((pa, pb), (pb, pa)):
        if any(names_alike(x.name, r) for r in _regions(y)) or names_alike(x.name, y.country):
            return 0.3, None, f"{y.name} lies in {x.name}"
    fa, fb = _fallback(pa), _fallback(pb)
    same_point = dist is not None and dist < 0.5
    if same_point and fa != fb:
        village, town = (pa, pb) if fa else (pb, pa)
        return 0.5, None, f"{village.name} is coded to {town.name}, where the other report puts it"
    if fa or fb:
        where = f" ({dist:.0f} km apart)" if dist is not None else ""
        return 0.0, f"two named places: {pa.name} and {pb.name}{where}", ""
    if dist is not None and (pa.precision or 1) == (pb.precision or 1) == 1 and dist <= s.same_place_km:
        return 0.3, None, f"{pa.name} and {pb.name} are {dist:.1f} km apart"
    if dist is not None and ((pa.precision or 1) == 2 or (pb.precision or 1) == 2) and dist <= 2 * s.km:
        vague, other = (pa, pb) if (pa.precision or 1) == 2 else (pb, pa)
        return 0.3, None, f"{other.name} is {dist:.0f} km from near-{vague.name}"
    if dist is None and (pa.admin2 or pb.admin2) and _same(pa.admin2, pb.admin2) \
            and ((pa.precision or 1) > 1 or (pb.precision or 1) > 1):
        return 0.3, None, f"both in {pa.admin2}"
    where = f" ({dist:.0f} km apart)" if dist is not None else ""
    return 0.0, f"two places: {pa.name} and {pb.name}{where}", ""


def places_apart(a: Report, b: Report, s: MergeSettings) -> bool:
    """A cheap test that ``_place_part`` forbids the merge: other countries or regions, or two points
    at precision 1-2 beyond every distance rule (``4 * km``) where neither name is the other's region.
    False when unsure (the full score decides)."""
    pa, pb = a.event.place, b.event.place
    if pa is None or pb is None or not (pa.name or _located(pa)) or not (pb.name or _located(pb)):
        return False
    if pa.country and pb.country and not _same(pa.country, pb.country):
        return True
    if pa.admin1 and pb.admin1 and not _same(pa.admin1, pb.admin1):
        return True
    if (pa.precision or 1) >= 3 or (pb.precision or 1) >= 3 or not (_located(pa) and _located(pb)):
        return False
    if km_between(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= 4 * s.km:
        return False
    return not any(any(names_alike(x.name, r) for r in _regions(y)) or names_alike(x.name, y.country)
                   for x, y in ((pa, pb), (pb, pa)))


def _mention(event: Event, place: Place | None) -> tuple[float, str | None, str]:
    """A report without a place: does its sentence name the other report's place?"""
    if place is not None and place.name and mentions(event.quote(), place.name):
        return 0.5, None, f"its sentence names {place.name}"
    return 0.0, None, ""


@lru_cache(maxsize=65536)
def _token_keys(text: str) -> tuple[str, ...]:
    tokens = re.findall(r"[^\W\d_]+(?:['’`][^\W\d_]+)?", text)
    return tuple(k for k in (name_key(t) for t in tokens if t.lower() not in ARTICLES) if k)


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` names the place ``name`` in any transliteration."""
    target = _key(name)
    if not target:
        return False
    keys = _token_keys(text)
    for i in range(len(keys)):
        joined = ""
        for k in keys[i:i + 4]:
            joined += k
            if joined == target:
                return True
            if len(joined) >= len(target):
                break
    return False


# -- types and actors ----------------------------------------------------------------------------

def _type_part(a: Event, b: Event) -> tuple[float, str | None, str]:
    ta, tb = (a.event_type or "").strip().lower(), (b.event_type or "").strip().lower()
    if ta == tb:
        if a.sub_event_type and a.sub_event_type == b.sub_event_type:
            return 1.25, None, f"both {a.sub_event_type}"
        return 1.0, None, f"both {a.event_type}"
    score = rules()["confusions"].get(frozenset((ta, tb)))
    if score is None:
        return 0.0, f"incompatible types: {a.event_type} and {b.event_type}", ""
    return score, None, f"{a.event_type} / {b.event_type} (often reported either way)"


_PAREN = re.compile(r"\s*\([^)]*\)")
_PREFIX = re.compile(r"^[A-Z][A-Za-z]{1,6}:\s*")  # "TTP: Tehreek-i-Taliban Pakistan"


@lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """Compare actors without country or date qualifiers: "Islamic State (Syria)" ~ "Islamic State"."""
    return " ".join(fold(_PAREN.sub(" ", _PREFIX.sub("", name or ""))).replace("-", " ").split())


def named_actors(event: Event, aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    names = _named_keys(event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
    return frozenset(aliases.get(k, k) for k in names) if aliases else names


@lru_cache(maxsize=65536)
def _named_keys(*names: str | None) -> frozenset[str]:
    generic = rules()["generic"]
    return frozenset(k for k in (actor_key(n) for n in names) if k and not any(k.startswith(g) for g in generic))


def _alike_actors(x: str, y: str) -> bool:
    return x == y or x.startswith(y + " ") or y.startswith(x + " ")


def _actors_overlap(na: frozenset[str], nb: frozenset[str]) -> str | None:
    for x in sorted(na):
        for y in sorted(nb):
            if _alike_actors(x, y):
                return x if len(x) <= len(y) else y
    return None


def _shared_actors(na: frozenset[str], nb: frozenset[str]) -> tuple[list[str], int]:
    """The actors the two reports share (each matched once) and how many each names beyond them
    (the fewer of the two sides' leftovers: actors both name that contradict each other)."""
    left_b = set(nb)
    shared = []
    for x in sorted(na, key=lambda n: (len(n), n)):
        y = next((y for y in sorted(left_b, key=lambda n: (len(n), n)) if _alike_actors(x, y)), None)
        if y is not None:
            left_b.discard(y)
            shared.append(x if len(x) <= len(y) else y)
    return shared, min(len(na) - len(shared), len(left_b))


def _actor_part(a: Event, b: Event, s: MergeSettings) -> tuple[float, str | None, str]:
    na, nb = named_actors(a, s.aliases), named_actors(b, s.aliases)
    if not na or not nb:
        return 0.0, None, ""
    shared, conflicting = _shared_actors(na, nb)
    if not shared:
        if len(na) >= 2 and len(nb) >= 2:  # both name both sides, and no side is the same
            return ACTOR_PENALTY, f"different actors: {' / '.join(sorted(na))} and {' / '.join(sorted(nb))}", ""
        return ACTOR_PENALTY, None, ""
    if len(shared) >= 2:
        return 1.0 + SECOND_ACTOR, None, f"both name {shared[0]} and {shared[1]}"
    return 1.0 - SECOND_ACTOR * conflicting, None, f"both name {shared[0]}"


# -- text ----------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    stop = rules()["stopwords"]
    return tuple(k for k in (name_key(t) for t in re.findall(r"[^\W_]+", text.lower()) if t not in stop)
                 if len(k) > 1)


class TfIdf:
    """TF-IDF vectors of a set of sentences (document frequencies from the set itself)."""

    def __init__(self, texts: Sequence[str]) -> None:
        docs = [Counter(words(t)) for t in texts]
        df = Counter(w for d in docs for w in d)
        n = len(docs)
        self._vec: dict[str, dict[str, float]] = {}
        for text, d in zip(texts, docs):
            v = {w: c * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in d.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            self._vec[text] = {w: x / norm for w, x in v.items()}

    def similarity(self, a: str, b: str) -> float:
        va, vb = self._vec.get(a), self._vec.get(b)
        if va is None or vb is None:
            va, vb = TfIdf([a, b])._vec[a], TfIdf([a, b])._vec[b]
        if len(vb) < len(va):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())


Similarity = Callable[[str, str], float]


def veto(a: Report, b: Report, s: MergeSettings = MergeSettings()) -> str | None:
    """The clear disagreement that forbids merging ``a`` and ``b`` (None when there is none), as
    ``score(a, b).veto`` would name it, but any other than the date first, cheapest test first, and
    without the sentence similarity: for sifting the candidates before scoring them."""
    for found in (_type_part(a.event, b.event)[1], _actor_part(a.event, b.event, s)[1]):
        if found:
            return found
    if places_apart(a, b, s):
        return "two places apart"
    return _place_part(a, b, s)[1] or _date_part(a, b, s)[1]


def score(a: Report, b: Report, settings: MergeSettings = MergeSettings(),
          similarity: Similarity | None = None) -> Match:
    """How much reports ``a`` and ``b`` look like one incident, and what forbids it."""
    parts = (_date_part(a, b, settings), _place_part(a, b, settings), _type_part(a.event, b.event),
             _actor_part(a.event, b.event, settings))
    total = sum(p[0] for p in parts)
    reasons = [p[2] for p in parts if p[2]]
    qa, qb = a.event.quote(), b.event.quote()
    if qa and qb:
        sim = (similarity or TfIdf([qa, qb]).similarity)(qa, qb)
        total += settings.text_weight * sim
        if sim >= 0.2:
            reasons.append(f"similar sentences ({sim:.2f})")
    veto = next((p[1] for p in parts if p[1]), None)
    return Match(round(total, 3), veto, tuple(reasons))
