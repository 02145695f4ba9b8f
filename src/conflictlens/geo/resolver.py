"""Resolution: a place mention + article context -> a ``Place`` with ACLED geo precision.

Candidates come from the gazetteer by transliteration key, then by consonant skeleton,
then (ranked fallback) by RapidFuzz within the article's countries.  Each is scored by
how well the name matches, its kind and size (country, region, population), and how it
fits the article (countries and governorates named, other places nearby).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from ..models import Candidate, Place, PlaceMention
from .base import GeoContext
from .gazetteer import Gazetteer, NameHit, PlaceRow
from .geomath import km
from .qualifiers import parse_qualified, qualifier_before
from .translit import DATA_DIR, has_arabic, name_key, simple_fold, skeleton_key

FEATURE_PRIOR = {"PCLI": 0.9, "CONT": 0.7, "L": 0.6, "H": 0.6, "S": 0.5, "ADM1": 0.45, "R": 0.3}
FEATURE_WORDS = {"PCLI": "country", "CONT": "continent", "L": "large region", "H": "water body",
                 "ADM1": "first-level region", "R": "area"}
CONTAINER_KM = 60.0
SURE_POPULATION = 100_000  # a town this large is not doubted
STRONG = ("PCLI", "ADM1", "CONT", "L", "H")  # an exact match of these is not a spelling of something else
BIG_CITY_POPULATION = 500_000  # a city this large is what its bare name means, before a region so named
ABROAD_POPULATION = 20_000  # a namesake abroad smaller than this is doubted when the article names its countries  # a village the article puts in a place must lie this close to it
VAGUE = {"near", "outskirts", "direction", "rural", "countryside", "district"}


# "West", "North Western", "Nord-Ouest": regions named by a direction are meant only in their own country's news
_COMPASS_RE = re.compile(r"^(?:(?:north|south|east|west|nord|sud|est|ouest|central|centre|center)(?:ern)?[\s-]*){1,2}"
                         r"(?:state|province|region|région)?$", re.I)


@lru_cache(maxsize=1)
def arabic_script_countries() -> frozenset[str]:
    """Countries whose place names the Arabic-script transliteration keys are built for."""
    lines = (DATA_DIR / "arabic_script_countries.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip().upper() for ln in lines if ln.strip() and not ln.startswith("#"))


@dataclass(frozen=True)
class Scored:
    hit: NameHit
    score: float
    how: str  # exact | key | skeleton | fuzzy


class GazetteerGeocoder:
    """The packaged ``Geocoder``: gazetteer look-ups, context scoring, ACLED precision."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)
        self.has_key = lru_cache(maxsize=200_000)(gazetteer.has_key)
        self.local_candidates = lru_cache(maxsize=50_000)(self._local_candidates)
        self._country_names: dict[str, str] = {}
        self._country_codes: dict[str, str] = {}
        for code, name, key in gazetteer.conn.execute(
                "SELECT p.country, p.name, n.key FROM places p JOIN names n ON n.place_id = p.id "
                "WHERE p.feature = 'PCLI'"):
            self._country_names[code] = name
            self._country_codes[key] = code
            self._country_codes[code.lower()] = code
        self._region_codes: dict[str, set[tuple[str, str]]] = {}  # region name key -> (country, admin1 code)
        for key, cc, code in gazetteer.conn.execute(
                "SELECT n.key, p.country, p.admin1_code FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE p.feature = 'ADM1' AND p.admin1_code IS NOT NULL "
                "UNION SELECT '', country, code FROM admin1"):
            self._region_codes.setdefault(key, set()).add((cc, code))
        for cc, code, name in gazetteer.conn.execute("SELECT country, code, name FROM admin1"):
            self._region_codes.setdefault(name_key(name), set()).add((cc, code))
        self._region_codes.pop("", None)
        self._fuzzy_keys: dict[tuple[str, str], list[str]] = {}
        self._fuzzy_cache: dict[tuple[str, str], list] = {}
        self._reach: dict[tuple, float | None] = {}
        gazetteer.on_change.append(self._reach.clear)
        gazetteer.on_change.append(self._fuzzy_cache.clear)
        gazetteer.on_change.append(self.candidates.cache_clear)
        gazetteer.on_change.append(self.has_key.cache_clear)
        gazetteer.on_change.append(self.local_candidates.cache_clear)
        gazetteer.on_change.append(self._fuzzy_keys.clear)

    # --- candidates -------------------------------------------------------------------------
    def _candidates(self, name: str) -> tuple[Scored, ...]:
        key = name_key(name)
        if not key:
            return ()
        folded = simple_fold(name)
        out = []
        acronym = name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4
        latin = not has_arabic(name)
        for hit in self.gazetteer.by_key(key):
            exact = simple_fold(hit.matched) == folded
            if not exact and latin and (hit.matched.islower() and not name.islower() or has_arabic(hit.matched)
                                        and hit.place.country not in arabic_script_countries()):
                continue  # "Air" and an Arabic-script spelling of Yerevan, "Pike" and a romanisation "pi ka": chance
            score = 1.0 if exact else 0.85
            if acronym and not hit.matched.replace(".", "").isupper():
                score -= 0.5  # "EU" is the European Union, not the town of Eu
            out.append(Scored(hit, score, "exact" if exact else "key"))
        if not out:
            skel = skeleton_key(key)
            if skel and (len(skel) >= 3 or has_arabic(name)):
                from rapidfuzz.fuzz import ratio

                for hit in self.gazetteer.by_skeleton(skel):
                    if latin and hit.place.country not in arabic_script_countries():
                        continue  # consonant skeletons join transliterations of Arabic-script names only
                    sim = ratio(key, name_key(hit.matched)) / 100.0
                    if sim >= 0.75 or has_arabic(name):
                        out.append(Scored(hit, 0.55 + 0.3 * sim, "skeleton"))
        return tuple(out)

    def fuzzy_candidates(self, name: str, countries: Sequence[str]) -> list[Scored]:
        """RapidFuzz fallback over the names of the article's countries that share the first letter
        (ranked, cut at 0.88)."""
        key = name_key(name)
        if len(key) < 5:
            return []
        out: list[Scored] = []
        for cc in countries[:2]:
            for match, sim, _ in self._fuzzy_match(key, cc):
                for hit in self.gazetteer.by_key(match):
                    if hit.place.country == cc:
                        out.append(Scored(hit, 0.35 + 0.4 * sim / 100.0, "fuzzy"))
        return out

    def _local_candidates(self, name: str, countries: tuple[str, ...]) -> list[Scored]:
        """Spelling variants within the article's countries, for a name with no match there: the
        same consonant skeleton ("Nabatiyeh"/"Nabatiye"), else the RapidFuzz fallback."""
        from rapidfuzz.fuzz import ratio

        key = name_key(name)
        skel = skeleton_key(key)
        out = []
        if skel and len(skel) >= 3:
            for hit in self.gazetteer.by_skeleton(skel):
                if hit.place.country in countries:
                    sim = ratio(key, name_key(hit.matched)) / 100.0
                    if sim >= 0.7:
                        out.append(Scored(hit, 0.5 + 0.3 * sim, "skeleton"))
        return out or self.fuzzy_candidates(name, list(countries))

    def is_demonym(self, name: str) -> bool:
        cands = self.candidates(name)
        return bool(cands) and all(s.hit.kind == "demonym" for s in cands if s.hit.place.feature == "PCLI") \
            and any(s.hit.kind == "demonym" for s in cands)

    def population(self, name: str, main_only: bool = False) -> int:
        """The largest population among the exact or key matches of a name (0 when none);
        ``main_only``: among places whose main name it is (not a former or alternate name)."""
        return max((s.hit.place.population for s in self.candidates(name) if not main_only or s.hit.kind == "name"),
                   default=0)

    def _fuzzy_match(self, key: str, cc: str) -> list:
        from rapidfuzz import process
        from rapidfuzz.fuzz import ratio

        cache = self._fuzzy_cache
        if (key, cc) not in cache:
            if len(cache) > 50_000:
                cache.clear()
            bucket = (cc, key[0])
            keys = self._fuzzy_keys.get(bucket)
            if keys is None:
                keys = self._fuzzy_keys[bucket] = self.gazetteer.fuzzy_keys(cc, key[0])
            cache[(key, cc)] = process.extract(key, keys, scorer=ratio, limit=3, score_cutoff=88)
        return cache[(key, cc)]

    # --- context ----------------------------------------------------------------------------
    def country_code(self, name_or_code: str) -> str | None:
        return self._country_codes.get(name_or_code.lower()) or self._country_codes.get(name_key(name_or_code))

    def country_name(self, code: str | None) -> str | None:
        return self._country_names.get(code, code) if code else None

    def _context_scores(self, context: GeoContext) -> tuple[dict[str, float], set[str], list]:
        countries: dict[str, float] = {}
        for i, c in enumerate(context.countries):
            code = self.country_code(c)
            if code and code not in countries:
                countries[code] = 0.6 if i == 0 else 0.35
        admin1 = self._regions(tuple(context.admin1) + tuple(getattr(context, "guessed_admin1", ()) or ()))
        return countries, admin1, list(getattr(context, "anchors", ()) or ())

    def _regions(self, names) -> set:
        """Name keys and (country, admin1 code) pairs of first-level regions, as ``in_regions`` reads them."""
        out: set = set()
        for a in names:
            key = name_key(a)
            out.add(key)
            out.update(self._region_codes.get(key, ()))
        return out

    def rank(self, name: str, context: GeoContext, *, prefer: str = "") -> list[Scored]:
        """Candidates for a name, best first, scored with the context."""
        cands = list(self.candidates(name))
        countries, admin1, anchors = self._context_scores(context)
        named = self._regions(context.admin1) if getattr(context, "guessed_admin1", ()) else admin1
        if countries and not any(s.hit.place.country in countries for s in cands) and not any(
                s.how == "exact" and (s.hit.place.population >= SURE_POPULATION or s.hit.place.feature in STRONG)
                for s in cands):  # not "Bayburt" for "Beirut" in an article about Turkey
            cands += self.local_candidates(name, tuple(countries))  # "Qaser" for the country's "Qasr"
        ranked = []
        big = {s.hit.place.country for s in cands if s.hit.place.feature == "P" and s.how == "exact"
               and s.hit.place.population >= BIG_CITY_POPULATION}
        for s in cands:
            p = s.hit.place
            score = s.score
            if s.hit.kind == "name":
                score += 0.05
            if p.feature == "PCLI" and s.how == "exact" and s.hit.kind != "demonym":
                score += 0.3  # "Mexico" is the country before it is its capital
            if p.feature == "P":
                score += 0.5 * math.log10(p.population + 10) / 7.0
            else:
                score += FEATURE_PRIOR.get(p.feature, 0.2)
            if prefer == "region" and p.feature in ("ADM1", "PCLI", "R", "L"):
                score += 0.5
            elif prefer in ("town", "district") and p.feature == "P":
                score += 0.2
            if prefer == "district" and p.feature == "ADM2":
                score += 0.6  # "X district": the district (when an import holds it) before its town
            if p.country in countries:
                score += countries[p.country]
            elif countries and not p.country and p.feature in ("CONT", "L", "H") and s.how == "exact":
                score += max(countries.values())  # a sea or a world region fits any country's article
            elif countries and p.country and s.how != "exact":
                score -= 0.6  # a loose spelling match abroad, when the article says where it is
            if in_regions(p, named) and not (p.feature == "P" and p.country in big and p.population < SURE_POPULATION):
                score += 0.5  # the article's own region before an exact namesake elsewhere (not before "Louisville")
            elif in_regions(p, admin1):
                pass  # a region only guessed from a town the article names: neither bonus nor penalty
            elif admin1 and p.admin1 and p.feature == "P" and p.country in countries:
                score -= 0.1
            if anchors and p.feature in ("P", "R", "ADM1"):
                near = min(km(p.latitude, p.longitude, a[0], a[1]) for a in anchors)
                score += 0.3 * math.exp(-near / 250.0)
            ranked.append(replace(s, score=score))
        if any(s.hit.kind == "name" and s.how == "exact" and s.hit.place.feature in ("ADM1", "PCLI") for s in ranked):
            # "Maryland" is the state before it is a town's other name ("Maryland City")
            ranked = [replace(s, score=s.score - 0.3) if s.hit.place.feature == "P" and s.hit.kind != "name"
                      and s.hit.place.population < BIG_CITY_POPULATION else s for s in ranked]
        if any(s.how == "exact" and s.hit.place.feature in ("CONT", "L", "H") for s in ranked):
            # "the Middle East", "the Atlantic": the world region or sea before a small town so named
            ranked = [replace(s, score=s.score - 0.8) if s.hit.place.feature == "P"
                      and s.hit.place.population < SURE_POPULATION else s for s in ranked]
        if prefer != "region":
            towns = [s.hit.place for s in ranked if s.hit.place.feature == "P" and s.how in ("exact", "key")
                     and s.hit.kind == "name"]
            big = [s.hit.place for s in ranked if s.hit.place.feature == "P" and s.how in ("exact", "key")]
            for i, s in enumerate(ranked):
                p = s.hit.place
                if p.feature == "ADM1" and any(km(p.latitude, p.longitude, t.latitude, t.longitude) < 30 for t in towns):
                    ranked[i] = replace(s, score=s.score - 0.3)  # "Aleppo" alone is the city, not the governorate
                elif p.feature == "ADM1" and any(t.country == p.country and t.population >= BIG_CITY_POPULATION
                                                 for t in big):
                    ranked[i] = replace(s, score=s.score - 0.5)  # "New York", "Washington": the big city, not the state
        ranked.sort(key=lambda s: (-s.score, -s.hit.place.population, s.hit.place.id))
        return _dedupe(ranked)

    def region_reach(self, place: Place, radius_km: float = 50.0) -> float | None:
        """The share of the towns of a place's first-level region that lie within ``radius_km`` of its
        point: how well a region's centre stands for an unknown village somewhere in it (1.0 for a
        small governorate around its capital, a tenth for a vast province).  None when unknown."""
        code = self.country_code(place.country or "") if place.country else None
        if not code or not place.admin1 or place.latitude is None:
            return None
        key = (code, place.admin1, round(place.latitude, 3), round(place.longitude, 3), radius_km)
        if key not in self._reach:
            rows = self.gazetteer._all("SELECT latitude, longitude FROM places WHERE country = ? AND feature = 'P' "
                                       "AND admin1 = ?", (code, place.admin1))
            near = sum(1 for lat, lon in rows if km(lat, lon, place.latitude, place.longitude) <= radius_km)
            self._reach[key] = near / len(rows) if len(rows) >= 5 else None
        return self._reach[key]

    # --- resolution -------------------------------------------------------------------------
    def resolve(self, mention: PlaceMention, context: GeoContext) -> Place | None:
        place = self.lookup(mention, context)
        return place if place.latitude is not None else None

    def refresh(self) -> None:
        """Pick up places another process imported since the last call (once per article)."""
        check = getattr(self.gazetteer, "refresh_if_changed", None)
        if check is not None:
            check()

    def resolve_many(self, mentions: Sequence[PlaceMention], context: GeoContext) -> list[Place | None]:
        self.refresh()
        return [self.resolve(m, context) for m in mentions]

    def lookup(self, mention: PlaceMention, context: GeoContext) -> Place:
        """Like ``resolve`` but always returns a ``Place``; an unknown one has no coordinates and a reason."""
        q = parse_qualified(mention.text)
        qualifier = mention.qualifier or q.qualifier
        direction = q.direction
        if mention.container:
            container = _container_phrase(mention.container, mention.sentence)
            return self._with_container(q.core, qualifier, container, context)
        return self._lookup_core(q.core, qualifier, direction, context)

    def _lookup_core(self, core: str, qualifier: str, direction: str, context: GeoContext) -> Place:
        prefer = "region" if qualifier == "region" or (direction and qualifier in ("rural", "countryside")) else (
            "district" if qualifier == "district" else "town" if qualifier in VAGUE else "")
        ranked = _second_level_order(self.rank(core, context, prefer=prefer), prefer)
        if not ranked:
            return self._district_of_city(core, qualifier, context) or Place(
                name=core, latitude=None, longitude=None, reason="not in the gazetteer")
        doubt = self._doubt(ranked[0], ranked, context)
        if doubt:  # the next candidate that is no doubtful town (the ocean, not a small namesake abroad)
            others = [s for s in ranked[1:6] if s.hit.place.feature in ("PCLI", "CONT", "L", "H", "ADM1")
                      and not self._doubt(s, ranked, context)]
            if not others:
                return self._district_of_city(core, qualifier, context) or Place(
                    name=core, latitude=None, longitude=None,
                    candidates=tuple(_candidate(s) for s in ranked[:6]), reason=doubt)
            ranked = others + [s for s in ranked if s is not others[0]]
        best = ranked[0]
        p = best.hit.place
        beaten = tuple(_candidate(s) for s in ranked[1:6]) + self._regional_variants(core, best, ranked, context)
        why = f"{best.how} match of {best.hit.matched!r}"
        if direction and qualifier in ("rural", "countryside", "region"):
            admin1 = p.admin1 or (p.name if p.feature == "ADM1" else None)
            centre = self.gazetteer.directional_centre(p.country or "", admin1 or "", direction) if admin1 else None
            if centre:
                return self._place(core, centre, 3, beaten, f"{why}; {direction}ern {admin1} countryside centre")
            region = self.gazetteer.admin1_capital(p.country or "", admin1) if admin1 else None
            target = region or p
            return self._place(core, target, 3, beaten, f"{why}; {direction} part of {admin1 or p.name}")
        if p.feature == "ADM2" and p.source == SECOND_LEVEL_SOURCE:  # a county or province: a region to ACLED
            return self._place(core, p, 3, beaten, why + "; ADM2 centre; feature=ADM2 (second-level region)")
        if p.feature == "ADM2":
            return self._place(core, p, 2, beaten, why + "; ADM2 centre; feature=ADM2 (district)")
        if p.feature in ("PCLI", "ADM1", "CONT", "L", "H", "R") and p.feature != "P":
            precision = 2 if p.feature == "R" and qualifier in VAGUE else 3
            return self._place(core, p, precision, beaten, why + f"; {p.feature} centre; feature={p.feature} "
                               f"({FEATURE_WORDS.get(p.feature, 'area')})")
        if qualifier == "region":
            region = self.gazetteer.admin1_capital(p.country or "", p.admin1 or "") if p.admin1 else None
            return self._place(core, region or p, 3, beaten, why + "; region named")
        precision = 2 if qualifier in VAGUE else 1
        return self._place(core, p, precision, beaten, why + (f"; {qualifier}" if qualifier else ""))

    def _regional_variants(self, core: str, best: Scored, ranked: list[Scored],
                           context: GeoContext) -> tuple[Candidate, ...]:
        """Spelling variants in the article's regions, offered as candidates when the best match lies
        outside them (the extractor may re-rank candidates with what else the article says)."""
        countries, admin1, _ = self._context_scores(context)
        if not admin1 or not countries or best.hit.place.feature != "P" or in_regions(best.hit.place, admin1):
            return ()
        seen = {s.hit.place.id for s in ranked[:6]}
        local = [s for s in self.local_candidates(core, tuple(countries))
                 if s.hit.place.id not in seen and in_regions(s.hit.place, admin1)]
        return tuple(_candidate(s) for s in sorted(local, key=lambda s: -s.score)[:3])

    def _district_of_city(self, core: str, qualifier: str, context: GeoContext) -> Place | None:
        """"City-District" names (a quarter of a city, as ACLED codes them): the city's point, the name
        kept.  Only for names the gazetteer lacks, and only a town in the article's countries."""
        parts = core.split("-")
        if len(parts) < 2:
            return None
        countries = self._context_scores(context)[0]
        for i in range(len(parts) - 1, 0, -1):
            head = "-".join(parts[:i]).strip()
            if len(name_key(head)) < 4:
                continue
            city = self._lookup_core(head, qualifier, "", context)
            if city.latitude is None or city.precision == 3 and city.matched_name != city.admin1:
                continue
            if countries and self.country_code(city.country or "") not in countries:
                continue
            return replace(city, name=core, reason=f"district of {head}: {city.reason}")
        return None

    def _doubt(self, best: Scored, ranked: list[Scored], context: GeoContext) -> str:
        """Why the best candidate should not be trusted ("" when it can be)."""
        p = best.hit.place
        countries, admin1, _ = self._context_scores(context)
        if p.feature in ("ADM1", "ADM2") and p.country not in countries and _COMPASS_RE.match(best.hit.matched):
            return f"a region named by a direction in a country the text does not name ({p.name}, {p.country})"
        if countries and p.country and p.country not in countries and best.how != "exact" \
                and p.feature not in ("PCLI", "CONT", "L", "H"):
            return f"only a loose spelling match abroad ({p.name}, {p.country})"
        if best.how in ("skeleton", "fuzzy") and p.feature not in ("PCLI", "CONT", "L", "H") \
                and any(isinstance(r, tuple) for r in admin1) and not in_regions(p, admin1):
            return f"only a loose spelling match outside {', '.join(context.admin1)} ({p.name})"
        if p.feature == "ADM2" and p.source == SECOND_LEVEL_SOURCE and countries and p.country != next(iter(countries)):
            return f"only a second-level region outside the article's country ({p.name}, {p.country})"
        if p.feature != "P" or p.population >= SURE_POPULATION:
            return ""
        if not countries and best.how != "exact" and p.country not in arabic_script_countries() \
                and not has_arabic(best.hit.matched):
            return f"only a loose spelling match, and the text names no country ({p.name}, {p.country})"
        if countries and p.country not in countries and p.population < ABROAD_POPULATION:
            return f"only a small namesake abroad ({p.name}, {p.country})"
        if admin1 and p.admin1 and not in_regions(p, admin1):
            namesakes = [s for s in ranked if s.hit.place.country == p.country and s.hit.place.feature == "P"]
            if len(namesakes) > 1:
                return f"{len(namesakes)} places of that name in {self.country_name(p.country)}, none in " \
                       f"{', '.join(context.admin1)}"
        return ""

    def _with_container(self, core: str, qualifier: str, container: str, context: GeoContext) -> Place:
        if any(s.how == "exact" and s.hit.place.feature in ("PCLI", "CONT", "L", "H") and s.hit.kind != "demonym"
               for s in self.candidates(core)):
            # "the embassy of Ukraine in Nigeria", "an ally in the Gulf, Qatar": no country or sea lies in another place
            return self._lookup_core(core, qualifier, "", context)
        outer = self.lookup(PlaceMention(text=container), context)
        countries = self._context_scores(context)[0]
        if outer.latitude is not None and countries and self.country_code(outer.country or "") not in countries:
            outer = replace(outer, latitude=None)  # a container abroad does not pull the place abroad
        if outer.latitude is None:
            return self._lookup_core(core, qualifier, "", context)
        ctx = GeoContext(countries=((outer.country,) if outer.country else ()) + tuple(context.countries),
                         admin1=((outer.admin1,) if outer.admin1 else ()) + tuple(context.admin1),
                         places=context.places, text=context.text)
        country_level = outer.precision == 3 and outer.admin1 is None and outer.country is not None
        region_level = outer.precision == 3 and outer.admin1 is not None and outer.matched_name == outer.admin1
        code = self.country_code(outer.country) if outer.country else None

        def inside(p: PlaceRow) -> bool:
            d = km(p.latitude, p.longitude, outer.latitude, outer.longitude)
            if country_level:
                return p.country == code
            if region_level:
                return p.admin1 == outer.admin1 or d <= CONTAINER_KM
            if outer.precision == 2 and outer.admin1:
                return (p.admin1 == outer.admin1 and d <= 150) or d <= CONTAINER_KM
            return d <= CONTAINER_KM

        own = [s for s in self.rank(core, ctx, prefer="town") if s.hit.place.feature == "P" and inside(s.hit.place)]
        if not own and country_level:  # "Oaxaca State, Mexico": a first-level region of the country
            regions = [s for s in self.rank(core, ctx, prefer="region")
                       if s.hit.place.feature == "ADM1" and s.hit.place.country == code]
            if regions:
                p = regions[0].hit.place
                return self._place(core, p, 3, tuple(_candidate(s) for s in regions[1:6]),
                                   f"{regions[0].how} match of {regions[0].hit.matched!r}; ADM1 centre in {container}")
        if own:
            best = own[0]
            precision = 2 if qualifier in VAGUE else 1
            return self._place(core, best.hit.place, precision, tuple(_candidate(s) for s in own[1:6]),
                               f"{best.how} match of {best.hit.matched!r} within {CONTAINER_KM:.0f} km of {container}")
        precision = max(2, outer.precision or 2)
        return replace(outer, name=core, precision=precision,
                       reason=f"not in the gazetteer near {container}; coded to {outer.matched_name}")

    def region_holding(self, name: str, town: Place) -> Place | None:
        """The first-level region called ``name`` that holds ``town`` ("Tacoma, Washington": the
        state, not the capital), or None when no region of that name holds it."""
        code = self.country_code(town.country or "")
        if not code or not town.admin1:
            return None
        ctx = GeoContext(countries=(code,), admin1=(town.admin1,))
        for s in self.rank(name, ctx, prefer="region")[:8]:
            p = s.hit.place
            if p.feature == "ADM1" and p.country == code and p.admin1 == town.admin1:
                return self._place(name, p, 3, (), f"{s.how} match of {s.hit.matched!r}; ADM1 centre; "
                                   f"the region {town.name} lies in")
        return None

    def _place(self, name: str, p: PlaceRow, precision: int, beaten: tuple[Candidate, ...], reason: str) -> Place:
        admin1 = p.admin1 if p.feature != "PCLI" else None
        return Place(name=name, latitude=p.latitude, longitude=p.longitude, country=self.country_name(p.country),
                     admin1=admin1, admin2=p.admin2, geonameid=p.geonameid, precision=precision,
                     matched_name=p.name, candidates=beaten, reason=reason)


SECOND_LEVEL_SOURCE = "regions"  # the packaged counties, provinces and departments (sources._second_level)
SECOND_LEVEL_PRIOR = 0.1  # added to the default prior: a county before a village of its name abroad
SEAT_KM = 60.0  # a town of a second-level region's name this near its centre is its seat...
SEAT_POPULATION = 20_000  # ...and what the bare name means when it is this large ("Durham", not County Durham)
NAMESAKE_CITY_POPULATION = 500_000  # a city this large anywhere in the region's country is meant before it


def _second_level_order(ranked: list[Scored], prefer: str) -> list[Scored]:
    """``rank`` for the packaged second-level regions: a county or province a little before a village
    of its name abroad, and like a first-level region when the text says "province"; but its seat
    ("Durham", "Galway", "Gulu") when that is a town of 20,000 or more, and a big city of its name
    in its country ("Manchester"), stand for the bare name: the region is then no rival candidate
    (unless the text says "county" or "district")."""
    if not any(s.hit.place.feature == "ADM2" and s.hit.place.source == SECOND_LEVEL_SOURCE for s in ranked):
        return ranked
    towns = [s.hit.place for s in ranked if s.hit.place.feature == "P" and s.how in ("exact", "key")
             and s.hit.kind == "name"]
    out = []
    for s in ranked:
        p = s.hit.place
        if p.feature == "ADM2" and p.source == SECOND_LEVEL_SOURCE:
            score = s.score + SECOND_LEVEL_PRIOR + (0.5 if prefer == "region" else 0.0)
            if prefer != "region" and any(
                    t.country == p.country and (t.population >= NAMESAKE_CITY_POPULATION or (
                        t.population >= SEAT_POPULATION and km(p.latitude, p.longitude, t.latitude, t.longitude) <= SEAT_KM))
                    for t in towns):
                if prefer != "district":
                    continue
                score -= 0.4
            s = replace(s, score=score)
        out.append(s)
    out.sort(key=lambda s: (-s.score, -s.hit.place.population, s.hit.place.id))
    return out


def in_regions(p: PlaceRow, regions: set) -> bool:
    """Whether a place lies in one of the regions (name keys and (country, admin1 code) pairs)."""
    return bool(regions) and ((p.country, p.admin1_code) in regions
                              or bool(p.admin1) and name_key(p.admin1) in regions)


def _container_phrase(container: str, sentence: str) -> str:
    """The container with the vague words the sentence puts before it: "Aleppo" -> "rural eastern Aleppo"."""
    if not sentence or parse_qualified(container).qualifier:
        return container
    at = sentence.find(container)
    if at <= 0:
        return container
    qual, direction, _ = qualifier_before(sentence[:at])
    if qual in ("rural", "countryside") and direction:
        return f"rural {direction}ern {container}"
    if qual in ("rural", "countryside"):
        return f"rural {container}"
    return container


def _dedupe(ranked: list[Scored]) -> list[Scored]:
    seen, out = set(), []
    for s in ranked:
        if s.hit.place.id not in seen:
            seen.add(s.hit.place.id)
            out.append(s)
    return out


def _candidate(s: Scored) -> Candidate:
    p = s.hit.place
    return Candidate(geonameid=p.geonameid, name=p.name, latitude=p.latitude, longitude=p.longitude,
                     country=p.country, admin1=p.admin1, score=round(s.score, 3), feature=p.feature,
                     population=p.population)
