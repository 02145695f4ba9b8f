"""Stage: locate an incident's place mention -- geocode it in the country and region its text
gives, check the point against that text, and fall back to a container or a nearby place
when the gazetteer cannot place it (GUIDE.md, geo_precision).

``located(geocoder, mention, text, context, named, short)`` is the entry point used by
``pipeline.extract_events``; the geocoder is any object with ``resolve(mention, context)``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..geo.base import GeoContext
from ..models import Place, PlaceMention
from ..textnorm import fold_key
from .context import (_country_name, admin_chain, article_regions, checked_place, country_level, iso2, operating_area,
                      region_lookup, regions_of, town_of_region)
from .places import containers_of, fallback_mentions, venue_name, wide_area


_WEAK_MATCH = re.compile(r"^(?:skeleton|key) match")


def _trusted(place: Place | None, country: str | None = None, also: tuple[str, ...] = ()) -> Place | None:
    """A loose spelling match is not trusted with coordinates (keep the name, drop the point),
    unless it lies in the country the text names for it ("Qalqiliyah" for "Qalqilyah")."""
    if place is None or place.latitude is None:
        return place
    if _WEAK_MATCH.match(place.reason or "") and (place.reason.startswith("skeleton") or place.candidates):
        if country_level(place):  # "Sudaniye" loosely matched to "Sudan": no place, and no country either
            return Place(place.name, None, None, reason=place.reason + "; a loose match to a country: no place")
        if iso2(place.country) in (country,) + also and place.reason.startswith("key"):
            return replace(place, reason=place.reason + f"; a loose match in {place.country}, as the text says")
        if country and iso2(place.country) == country and " km of " in place.reason:
            # "Naushehro Feroze city (Noshehro Feroze, Sindh)": the spelling variant lies by the district the text names
            return replace(place, reason=place.reason + "; a loose match beside the container the text names")
        return replace(place, latitude=None, longitude=None, reason=place.reason + "; loose match, coordinates dropped")
    return place




def geocode(geocoder, mention, context, country: str | None = None, also: tuple[str, ...] = ()) -> Place | None:
    """Resolve a mention; the place's own exact match beats a fallback to its container.
    ``country``: the ISO2 code of the country the text puts the place in; ``also``: the other
    countries the text names (a transliteration variant in one of them is trusted)."""
    if not mention.container:
        return _trusted(geocoder.resolve(mention, context), country, also)
    alone = geocoder.resolve(replace(mention, container=None), context)
    within = geocoder.resolve(mention, context)
    if within is not None and (within.reason or "").startswith("exact match") and " km of " in within.reason \
            and fold_key(mention.container) != fold_key(mention.text) and _town_container(geocoder, mention, context):
        return within  # the namesake beside the town or district the text names ("Jalalpur, Shamli")
    if alone is not None and alone.latitude is not None and "exact" in (alone.reason or ""):
        return alone
    return _trusted(within or alone, country, also)


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
    if short and mention.end > mention.start >= 0 and any(fold_key(n) == fold_key(mention.text) for n in named.names):
        # a place is not its own region ("in Jerusalem city", "Samana subdivision"): the votes without it
        named = article_regions(text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:])
    open_water = wide_area(mention.text, text[mention.end:mention.end + 40] if mention.end > 0 else "")
    place = None if open_water else _located(geocoder, mention, text, context, named, short)
    told = _article_countries(named, context)
    place = _namesake_in(place, told)
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
    # a venue ("the Ibn Sina hospital") or a sea is coded to the town its sentence names, as in a short note
    for alt in fallback_mentions(text, mention, short or open_water or venue_name(text, mention)):
        found = _namesake_in(_located(geocoder, alt, text, context, named, short), told)
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
    if open_water and place is None:  # ACLED codes the country: its centre is no point, the name stays
        cc = named.countries[0] if named.countries else (iso2(context.countries[0]) if context.countries else None)
        return Place(mention.text, None, None, country=_country_name(cc) if cc else None,
                     reason=f"{mention.text}: a sea, ocean or continent, no place of its own; no town named beside it")
    return place


def _article_countries(named, context) -> tuple[str, ...]:
    """ISO2 codes of the countries the article names or its places and actors imply."""
    codes = list(named.countries) + [iso2(c) for c in context.countries]
    return tuple(dict.fromkeys(c for c in codes if c))


def _namesake_in(place: Place | None, countries: tuple[str, ...]) -> Place | None:
    """A point in a country the article never names, when a namesake of the same spelling lies in
    one it names, is that namesake (the article's country constrains which of them is meant)."""
    if place is None or place.latitude is None or not countries or iso2(place.country) in countries:
        return place
    from ..geo.translit import name_key

    spelled = name_key(place.matched_name or place.name)
    for cc in countries:
        for c in place.candidates:
            if c.country == cc and c.feature in ("P", "S", "") and name_key(c.name) == spelled:
                return replace(place, latitude=c.latitude, longitude=c.longitude, country=_country_name(cc),
                               admin1=c.admin1, geonameid=c.geonameid, matched_name=c.name,
                               reason=f"{place.reason}; namesake in {place.country}, the article is set in {cc}: "
                                      f"candidate {c.name} ({c.admin1}) fits")
    return place


REGION_REACH = 0.7  # a region's centre stands for a place in it when this share of its towns lie within 50 km


def _region_wide(geocoder, name: str, found: Place) -> bool:
    """Whether a fallback container is a first-level region too wide for its centre to stand for a
    place somewhere in it (few of its towns within 50 km of the point)."""

    cc = iso2(found.country)
    if (found.precision or 1) < 3 and not any(r.country == cc for r in region_lookup(name)):
        return False  # a town or district
    reach = getattr(geocoder, "region_reach", None)
    share = reach(found) if reach else None
    return share is None or share < REGION_REACH  # too few towns known to tell: the name alone is safer


TOWN_POPULATION = 50_000  # a town this large, twenty times its namesakes, is the one meant
BIG_CITY = 500_000  # a city this large is where it is, whatever people the text names ("an Armenian church")


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

        alone = geocoder.resolve(replace(mention, container=None), GeoContext())
        if alone is not None and alone.latitude is not None and re.match(r"exact|key", alone.reason or "") \
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
    found = geocode(geocoder, mention, context, country, tuple(named.countries))
    # a country only a people's name points to ("Syrian mercenaries") ranks the namesakes, it does not veto one
    weak = not votes and area is None and country in getattr(named, "weak", ()) and found is not None and (
        " km of " in (found.reason or "") or _population(geocoder, mention.text, main_only=True) >= BIG_CITY)
    hard = None if weak else country  # the container the text names agrees, or a city known the world over
    place = checked_place(found, hard, regions)
    if place is not None and place.latitude is None and found is not None and found.latitude is not None \
            and not votes and iso2(found.country) in named.countries and iso2(found.country) != country:
        # "Israeli forces raided Qalqiliyah": no such place in the first country the note names, but in another it names
        country = iso2(found.country)
        place = checked_place(found, country, regions)
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
