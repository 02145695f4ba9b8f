"""Whether two events from different articles describe one incident (pure rules, no I/O).

Same incident when all hold:
- dates within ``days`` (±1 by default; widened for week/month date precision);
- places within ``km`` (10 km by default) when both are precise, 2 x km when one is only
  "near" a town; or two spellings of one name in the same admin1; or, without
  coordinates, the same admin2;
  the same admin1 when one is coded at region level (precision 3);
- compatible event types (the political-violence types are compatible with each
  other, protests with riots, anything with itself);
- compatible actors: the named (non-generic) actors of the two sides overlap, or
  one side names none.
Events of the same article merge only when they quote the same sentence as their
evidence and are otherwise compatible (one sentence coded twice, e.g. once at the
town and once at country level); different incidents of one article stay apart.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Event
from ..store.sqlite import km_between
from ..textnorm import fold_key as _fold_key
from .match import names_alike  # one spelling rule for place names (transliteration keys)

PRECISION_SLACK_DAYS = {"day": 0, "week": 6, "month": 15}
TYPE_GROUPS = (
    frozenset({"battles", "explosions/remote violence", "violence against civilians"}),
    frozenset({"protests", "riots"}),
)
GENERIC_ACTOR = re.compile(r"^(unidentified|unknown|civilians|protesters|rioters)\b", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    return _fold_key(text)


@lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """Compare actors without their country or date qualifier: "Islamic State (Syria)" ~ "Islamic State"."""
    return fold_key(_PAREN.sub("", name or ""))


def named_actors(event: Event) -> frozenset[str]:
    names = (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
    return frozenset(actor_key(n) for n in names if n and not GENERIC_ACTOR.match(n.strip()) and actor_key(n))


def dates_close(a: Event, b: Event, days: int = 1) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(PRECISION_SLACK_DAYS.get(a.date_precision, 0), PRECISION_SLACK_DAYS.get(b.date_precision, 0))
    return abs((a.event_date - b.event_date).days) <= days + slack


def places_close(a: Event, b: Event, km: float = 10.0) -> bool:
    """Two precisely located events (precision 1): within ``km``.  When either is only
    "near" a town (precision 2): within ``2 * km``.  Either way also when the names are
    spellings of one name in the same admin1, or, without coordinates, in the same admin2.
    A region-level event (precision 3) is close to anything in its admin1."""
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return False
    if pa.country and pb.country and fold_key(pa.country) != fold_key(pb.country):
        return False
    same_admin1 = not (pa.admin1 and pb.admin1) or fold_key(pa.admin1) == fold_key(pb.admin1)
    if pa.precision == 3 or pb.precision == 3:
        return bool(pa.admin1 and pb.admin1) and same_admin1
    if same_admin1 and names_alike(pa.name, pb.name):
        return True
    vague = (pa.precision or 1) > 1 or (pb.precision or 1) > 1
    if None not in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return km_between(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= (2 * km if vague else km)
    return bool(pa.admin2 and pb.admin2 and fold_key(pa.admin2) == fold_key(pb.admin2))


def is_vague(event: Event) -> bool:
    """Placed only at region level, or not at all: such an event may join an incident but never bridges two."""
    return event.place is None or event.place.precision == 3 or event.place.latitude is None


def types_compatible(a: Event, b: Event) -> bool:
    ta, tb = (a.event_type or "").strip().lower(), (b.event_type or "").strip().lower()
    if ta == tb:
        return True
    return any(ta in group and tb in group for group in TYPE_GROUPS)


def actors_compatible(a: Event, b: Event) -> bool:
    na, nb = named_actors(a), named_actors(b)
    return not na or not nb or bool(na & nb)


def same_incident(a: Event, b: Event, days: int = 1, km: float = 10.0) -> bool:
    """Whether two events (of different articles) report one incident."""
    if a.article_id is not None and a.article_id == b.article_id:
        return same_quote_duplicate(a, b, days)
    return dates_close(a, b, days) and types_compatible(a, b) and places_close(a, b, km) and actors_compatible(a, b)


def same_quote_duplicate(a: Event, b: Event, days: int = 1) -> bool:
    """Two events of one article coded from the same sentence: one incident coded twice."""
    pa, pb = a.place, b.place
    same_country = not (pa and pb and pa.country and pb.country) or fold_key(pa.country) == fold_key(pb.country)
    return bool(a.quote()) and a.quote() == b.quote() and same_country and dates_close(a, b, days) \
        and types_compatible(a, b) and actors_compatible(a, b)
