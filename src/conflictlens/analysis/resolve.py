"""Resolve the actor and place a question names, and match incidents against them.

Actors: ``ActorTable.resolve`` (aliases: "ISIS" -> "Islamic State"), else a stored
actor name containing the words, else the words themselves.
Places: a first-level area stored in the database ("Aleppo"), else the geocoder
("rural X" -> the admin1 of X; a town -> the town and 10 km around it), else a stored
location or country name, else the name alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..models import Place, PlaceMention
from ..store.sqlite import km_between
from ..textnorm import fold_key
from .dedup import actor_key
from .records import ActorRef, Incident, PlaceRef

TOWN_RADIUS_KM = 10.0
_AREA_WORDS = re.compile(r"\b(governorate|province|muhafazat|region|state|district|wilayah?)\b", re.IGNORECASE)


def area_key(name: str | None) -> str:
    """'Aleppo Governorate' and 'aleppo' compare equal."""
    return fold_key(_AREA_WORDS.sub("", name or ""))


@dataclass(frozen=True)
class KnownPlaces:
    """The place names stored incidents use (by comparison key)."""

    admin1: Mapping[str, tuple[str, str | None]]  # key -> (admin1 name, country)
    admin2: Mapping[str, tuple[str, str | None]]
    locations: Mapping[str, tuple[str, str | None, str | None, float | None, float | None]]  # name, admin1, country, lat, lon
    countries: Mapping[str, str]
    actors: tuple[str, ...] = ()


def known_places(store) -> KnownPlaces:
    admin1, admin2, locations, countries = {}, {}, {}, {}
    for r in store.conn.execute("SELECT DISTINCT country, admin1, admin2, location, latitude, longitude FROM events"):
        if r["admin1"]:
            admin1.setdefault(area_key(r["admin1"]), (r["admin1"], r["country"]))
        if r["admin2"]:
            admin2.setdefault(area_key(r["admin2"]), (r["admin2"], r["country"]))
        if r["location"]:
            locations.setdefault(fold_key(r["location"]), (r["location"], r["admin1"], r["country"], r["latitude"],
                                                           r["longitude"]))
        if r["country"]:
            countries.setdefault(fold_key(r["country"]), r["country"])
    actors = tuple(r[0] for r in store.conn.execute(
        "SELECT actor1 FROM events UNION SELECT actor2 FROM events WHERE actor2 != ''"))
    return KnownPlaces(admin1, admin2, locations, countries, actors)


def resolve_actor(text: str, table=None, known: KnownPlaces | None = None) -> ActorRef:
    actor = None
    if table is not None:
        try:
            actor = table.resolve(text)
        except Exception:  # noqa: BLE001 - a broken actor table must not stop a question
            actor = None
    if actor is not None:
        return ActorRef(text=text, name=actor.name, aliases=tuple(actor.aliases), how="actor table")
    key = actor_key(text)
    for stored in (known.actors if known else ()):
        if key and key in actor_key(stored):
            return ActorRef(text=text, name=stored, how="stored actor name")
    return ActorRef(text=text, name=text, how="not in the actor table; matched by name", known=False)


def resolve_place(name: str, wide: bool, geocoder=None, known: KnownPlaces | None = None) -> PlaceRef:
    text = f"rural {name}" if wide else name
    k = area_key(name)
    if known and k in known.admin1:
        admin1, country = known.admin1[k]
        return PlaceRef(text, admin1, "admin1", country, how="first-level area in the database")
    if known and fold_key(name) in known.countries:
        return PlaceRef(text, known.countries[fold_key(name)], "country", how="country in the database")
    place = None
    if geocoder is not None:
        try:
            from ..geo.base import GeoContext

            place = geocoder.resolve(PlaceMention(text=name, qualifier="countryside" if wide else ""), GeoContext())
        except Exception:  # noqa: BLE001 - no gazetteer: fall back to stored names
            place = None
    if place is not None:
        if place.precision == 3 or (wide and place.admin1):
            admin1 = place.admin1 or place.name
            if known and area_key(admin1) in known.admin1:
                admin1 = known.admin1[area_key(admin1)][0]
            return PlaceRef(text, admin1, "admin1", place.country, how=f"gazetteer: {place.name} is in {admin1}")
        if place.latitude is not None:
            return PlaceRef(text, place.name, "location", place.country, place.latitude, place.longitude,
                            TOWN_RADIUS_KM, how=f"gazetteer: {place.name}, {TOWN_RADIUS_KM:g} km around")
    if known and fold_key(name) in known.locations:
        loc, admin1, country, lat, lon = known.locations[fold_key(name)]
        if wide and admin1:
            return PlaceRef(text, admin1, "admin1", country, how=f"stored location {loc} is in {admin1}")
        return PlaceRef(text, loc, "location", country, lat, lon, TOWN_RADIUS_KM if lat is not None else 0.0,
                        how="stored location")
    if known and k in known.admin2:
        admin2, country = known.admin2[k]
        return PlaceRef(text, admin2, "admin2", country, how="second-level area in the database")
    return PlaceRef(text, name, "name", how="unknown place; matched by name")


def place_matches(ref: PlaceRef, p: Place | None) -> bool:
    """Whether an incident's (representative) place lies in the asked area."""
    if p is None:
        return False
    if ref.country and p.country and fold_key(ref.country) != fold_key(p.country) and ref.level != "name":
        return False
    if ref.level == "admin1":
        return area_key(p.admin1) == area_key(ref.name)
    if ref.level == "admin2":
        return area_key(p.admin2) == area_key(ref.name)
    if ref.level == "country":
        return fold_key(p.country or "") == fold_key(ref.name)
    if fold_key(p.name or "") == fold_key(ref.name):
        return True
    if ref.level == "location" and ref.latitude is not None and p.latitude is not None and p.longitude is not None:
        return km_between(ref.latitude, ref.longitude, p.latitude, p.longitude) <= ref.radius_km
    if ref.level == "name":
        return area_key(ref.name) in (area_key(p.admin1), area_key(p.admin2))
    return False


def names_actor(ref: ActorRef, name: str) -> bool:
    """Whether a stored actor name is the asked actor (its name or an alias, or contains one)."""
    k = actor_key(name)
    wanted = {actor_key(n) for n in (ref.name, *ref.aliases) if actor_key(n)}
    return bool(k) and (k in wanted or any(len(w) >= 4 and (w in k) for w in wanted))


def actor_matches(ref: ActorRef | None, incident: Incident) -> bool:
    """Whether the incident names the asked actor on either side (``answer.actor_role`` says how)."""
    if ref is None:
        return True
    return any(names_actor(ref, name) for name in incident.actors)
