"""Imports into the gazetteer: GeoNames dumps and users' own CSV place files.

Formats: the GeoNames ``geoname`` table (``allCountries.txt``, ``SY.txt``, ``SY.zip``: 19 tab-separated
columns), ``alternateNamesV2.txt`` (or the older 8-column ``alternateNames.txt``),
``admin1CodesASCII.txt`` and ``admin2Codes.txt`` (code, name, ascii name, geonameid), and CSV with
columns name, aliases, lat, lon, country, admin1 (admin2, population, feature optional).

Every import runs in one transaction: a corrupt or truncated file raises ``GazetteerError``
naming the line, and the gazetteer is left exactly as it was.
"""
from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import FetchError, GazetteerError
from .gazetteer import Gazetteer, name_rows, refresh_fuzzy_keys
from .translit import name_key

BATCH = 20_000
_SCRIPT_RE = re.compile(r"^[\s\x20-\x7e\u00c0-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018\u2019\u0600-\u06ff]+$")
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793", "tcid"}
GEONAMES_URL = "https://download.geonames.org/export/dump/"


def _feature(fclass: str, fcode: str) -> str:
    if fclass == "P":
        return "P"
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "PCLI"
        return fcode if fcode in ("ADM1", "ADM2") else "A"
    return "R" if fclass == "L" else "S"


def _open_text(path: str, member_hint: str | None = None) -> Iterator[tuple[int, str]]:
    """Numbered lines of a text file, or of the main .txt member of a zip archive."""
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith(("readme",
                                                                                                      "iso-"))]
                if member_hint:
                    names = [n for n in names if member_hint.lower() in n.lower()] or names
                if not names:
                    raise GazetteerError(f"{path}: no .txt file inside the zip archive")
                with zf.open(names[0]) as raw:
                    for n, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                        yield n, line.rstrip("\n").rstrip("\r")
        else:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    yield n, line.rstrip("\n").rstrip("\r")
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise GazetteerError(f"{path}: corrupt or truncated zip archive ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc})") from exc
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read ({exc})") from exc


def detect_kind(path: str) -> str:
    base = os.path.basename(path).lower()
    if base.endswith(".csv"):
        return "csv"
    if base.startswith("admin1codes"):
        return "admin1"
    if base.startswith("admin2codes") or "admin2codes" in base:
        return "admin2"
    if base.startswith("alternatenames"):
        return "alternates"
    for _, line in _open_text(path):
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 19:
                return "geonames"
            if len(cols) in (8, 10):
                return "alternates"
            if len(cols) == 4:
                return "admin2" if cols[0].count(".") == 2 else "admin1"
            if "," in line:
                return "csv"
            break
    raise GazetteerError(f"{path}: cannot tell the file format; use --kind")


def import_file(gazetteer: Gazetteer, path: str, *, kind: str = "auto") -> tuple[int, str]:
    """Import one file; returns (rows imported, kind). All or nothing."""
    if not os.path.exists(path):
        raise GazetteerError(f"{path}: no such file")
    kind = detect_kind(path) if kind == "auto" else kind
    handler = {"geonames": _import_geonames, "alternates": _import_alternates, "admin1": _import_admin1,
               "admin2": _import_admin2, "csv": _import_csv}[kind]
    conn = gazetteer.conn
    with gazetteer.lock:
        n = _import_in_transaction(conn, handler, path, kind)
    gazetteer.clear_caches()
    return n, kind


def _import_in_transaction(conn, handler, path: str, kind: str) -> int:
    try:
        conn.execute("BEGIN")
        n = handler(conn, path)
        if n == 0:
            raise GazetteerError(f"{path}: no rows to import")
        refresh_fuzzy_keys(conn)
        conn.execute("INSERT INTO imports VALUES (?,?,?,?)",
                     (path, kind, n, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n


def _bad(path: str, lineno: int, why: str) -> GazetteerError:
    return GazetteerError(f"{path}:{lineno}: {why}; nothing was imported")


def _next_id(conn: sqlite3.Connection) -> int:
    return (conn.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1


def _admin_names(conn) -> tuple[dict, dict]:
    a1 = {(c, k): n for c, k, n in conn.execute("SELECT country, code, name FROM admin1")}
    a2 = {(c, a, k): n for c, a, k, n in conn.execute("SELECT country, admin1_code, code, name FROM admin2")}
    return a1, a2


def _import_geonames(conn: sqlite3.Connection, path: str) -> int:
    a1, a2 = _admin_names(conn)
    pid = _next_id(conn)
    places, names, count = [], [], 0
    for lineno, line in _open_text(path):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 19:
            raise _bad(path, lineno, f"expected 19 tab-separated columns of the GeoNames table, found {len(cols)}")
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError as exc:
            raise _bad(path, lineno, f"bad number ({exc})") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _bad(path, lineno, f"coordinates out of range ({lat}, {lon})")
        fclass, fcode, cc = cols[6], cols[7], cols[8] or None
        if fclass not in ("P", "A", "L", "H", "T", "S"):
            continue
        feature = _feature(fclass, fcode)
        conn.execute("DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE geonameid = ?)", (gid,))
        conn.execute("DELETE FROM places WHERE geonameid = ?", (gid,))
        admin1 = cols[1] if feature == "ADM1" else a1.get((cc, cols[10]))
        admin2 = cols[1] if feature == "ADM2" else a2.get((cc, cols[10], cols[11]))
        places.append((pid, gid, cols[1], lat, lon, cc, cols[10] or None, admin1, cols[11] or None, admin2,
                       feature, population, "geonames-import"))
        alts = [(a, "alt") for a in [cols[2]] + cols[3].split(",") if a and _SCRIPT_RE.match(a)]
        names.extend(name_rows(pid, [(cols[1], "name")] + alts))
        pid += 1
        count += 1
        if len(places) >= BATCH:
            _flush(conn, places, names)
    _flush(conn, places, names)
    return count


def _flush(conn, places: list, names: list) -> None:
    conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 13)})", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
    places.clear()
    names.clear()


def _import_alternates(conn: sqlite3.Connection, path: str) -> int:
    rows, count = [], 0
    ids: dict[int, list[int]] = {}
    for gid, pid in conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL"):
        ids.setdefault(gid, []).append(pid)
    for lineno, line in _open_text(path, "alternateNames"):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) not in (8, 10):
            raise _bad(path, lineno, f"expected 8 or 10 tab-separated columns of alternateNames, found {len(cols)}")
        try:
            gid = int(cols[1])
            int(cols[0])
        except ValueError as exc:
            raise _bad(path, lineno, f"bad id ({exc})") from exc
        lang, name = cols[2], cols[3]
        if lang in _SKIP_LANGS or not name or not _SCRIPT_RE.match(name) or gid not in ids:
            continue
        kind = "abbr" if lang == "abbr" else "alt"
        for pid in ids[gid]:
            key = name_key(name)
            if key:
                rows.append((key, None, pid, name, kind))
                count += 1
        if len(rows) >= BATCH:
            _add_names(conn, rows)
    _add_names(conn, rows)
    return count


def _add_names(conn, rows: list) -> None:
    from .translit import skeleton_key

    conn.executemany("INSERT INTO names SELECT ?,?,?,?,? WHERE NOT EXISTS "
                     "(SELECT 1 FROM names WHERE key = ? AND place_id = ?)",
                     [(k, skeleton_key(k), p, n, kd, k, p) for k, _, p, n, kd in rows])
    rows.clear()


def _admin_rows(path: str, levels: int) -> Iterator[tuple[int, list[str], str]]:
    for lineno, line in _open_text(path):
        if not line.strip():
            continue
        cols = line.split("\t")
        parts = cols[0].split(".")
        if len(cols) != 4 or len(parts) != levels or not all(parts):
            raise _bad(path, lineno, f"expected 'CC{'.A1' * (levels - 1)}<TAB>name<TAB>ascii name<TAB>geonameid'")
        yield lineno, parts, cols[1]


def _import_admin1(conn: sqlite3.Connection, path: str) -> int:
    rows = [(parts[0], parts[1], name) for _, parts, name in _admin_rows(path, 2)]
    conn.executemany("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", rows)  # curated names win
    conn.execute("UPDATE places SET admin1 = (SELECT name FROM admin1 a WHERE a.country = places.country "
                 "AND a.code = places.admin1_code) WHERE admin1 IS NULL AND admin1_code IS NOT NULL")
    return len(rows)


def _import_admin2(conn: sqlite3.Connection, path: str) -> int:
    rows = [(parts[0], parts[1], parts[2], name) for _, parts, name in _admin_rows(path, 3)]
    conn.executemany("INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?)", rows)
    conn.execute("UPDATE places SET admin2 = (SELECT name FROM admin2 a WHERE a.country = places.country "
                 "AND a.admin1_code = places.admin1_code AND a.code = places.admin2_code) "
                 "WHERE admin2_code IS NOT NULL")
    return len(rows)


_CSV_COLUMNS = {"name": ("name", "location", "place"), "lat": ("lat", "latitude"), "lon": ("lon", "lng", "longitude"),
                "aliases": ("aliases", "alias", "alternate_names"), "country": ("country", "country_code", "iso2"),
                "admin1": ("admin1",), "admin2": ("admin2",), "population": ("population",), "feature": ("feature",)}


def _import_csv(conn: sqlite3.Connection, path: str) -> int:
    lines = "\n".join(line for _, line in _open_text(path) if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO(lines))
    header = {h.strip().lower(): h for h in reader.fieldnames or []}
    col = {k: next((header[a] for a in aliases if a in header), None) for k, aliases in _CSV_COLUMNS.items()}
    missing = [k for k in ("name", "lat", "lon") if col[k] is None]
    if missing:
        raise GazetteerError(f"{path}: CSV needs columns name, lat, lon (missing: {', '.join(missing)})")
    codes = {}
    for code, name in conn.execute("SELECT country, name FROM places WHERE feature = 'PCLI'"):
        codes[name_key(name)] = code
        codes[code.lower()] = code
    pid = _next_id(conn)
    places, names = [], []
    for lineno, row in enumerate(reader, 2):
        get = lambda k: (row.get(col[k]) or "").strip() if col[k] else ""  # noqa: E731
        name = get("name")
        try:
            lat, lon = float(get("lat")), float(get("lon"))
            population = int(float(get("population") or 0))
        except ValueError as exc:
            raise _bad(path, lineno, f"bad number ({exc})") from exc
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _bad(path, lineno, "a place needs a name and coordinates in range")
        country = get("country")
        cc = codes.get(country.lower()) or codes.get(name_key(country)) if country else None
        if country and not cc:
            raise _bad(path, lineno, f"unknown country {country!r}")
        aliases = [(a.strip(), "alt") for a in re.split(r"[|;]", get("aliases")) if a.strip()]
        places.append((pid, None, name, lat, lon, cc, None, get("admin1") or None, None, get("admin2") or None,
                       get("feature") or "P", population, "user-csv"))
        names.extend(name_rows(pid, [(name, "name")] + aliases, every_spelling=True))
        pid += 1
    n = len(places)
    _flush(conn, places, names)
    return n


def import_user_files(gazetteer: Gazetteer, paths: Iterable[str]) -> None:
    """Import the user's place files named in the options, once per file version."""
    for path in paths:
        try:
            stamp = f"{os.path.abspath(path)}@{int(os.path.getmtime(path))}"
        except OSError as exc:
            raise GazetteerError(f"gazetteer file {path}: {exc}") from exc
        done = gazetteer.conn.execute("SELECT 1 FROM imports WHERE path = ?", (stamp,)).fetchone()
        if not done:
            import_file(gazetteer, path, kind="csv")
            with gazetteer.conn:
                gazetteer.conn.execute("UPDATE imports SET path = ? WHERE rowid = (SELECT max(rowid) FROM imports)",
                                       (stamp,))


def download_countries(gazetteer: Gazetteer, countries: Iterable[str], base_url: str, options, *,
                       keep: str | None = None, say: Callable[[str], None] = print,
                       transport=None) -> Iterator[tuple[str, str, int]]:
    """Fetch GeoNames country files (``CC.zip``) from ``base_url`` and import each; says what it fetches."""
    import httpx

    limit = max(int(getattr(options, "max_bytes", 0) or 0), 500_000_000)
    for cc in countries:
        cc = cc.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", cc):
            raise GazetteerError(f"{cc!r} is not a two-letter country code")
        url = base_url.rstrip("/") + f"/{cc}.zip"
        folder = keep or tempfile.mkdtemp(prefix="conflictlens-geonames-")
        Path(folder).mkdir(parents=True, exist_ok=True)
        target = os.path.join(folder, f"{cc}.zip")
        say(f"downloading {url} -> {target}")
        try:
            with httpx.Client(timeout=options.fetch_timeout, headers={"User-Agent": options.user_agent},
                              follow_redirects=True, transport=transport) as client:
                with client.stream("GET", url) as resp:
                    if resp.status_code != 200:
                        raise FetchError(url, f"HTTP {resp.status_code}")
                    size = 0
                    with open(target, "wb") as out:
                        for chunk in resp.iter_bytes():
                            size += len(chunk)
                            if size > limit:
                                raise FetchError(url, f"larger than {limit} bytes")
                            out.write(chunk)
        except httpx.HTTPError as exc:
            raise FetchError(url, str(exc)) from exc
        say(f"downloaded {size} bytes; importing")
        n, _ = import_file(gazetteer, target, kind="geonames")
        if not keep:
            os.unlink(target)
            os.rmdir(folder)
        yield cc, url, n
