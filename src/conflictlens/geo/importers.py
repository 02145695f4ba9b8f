"""Imports into the gazetteer: GeoNames dumps and users' own CSV place files.

Formats: the GeoNames ``geoname`` table (``allCountries.txt``, ``SY.txt``, ``SY.zip``: 19 tab-separated
columns), ``alternateNamesV2.txt`` (or the older 8-column ``alternateNames.txt``),
``admin1CodesASCII.txt`` and ``admin2Codes.txt`` (code, name, ascii name, geonameid), and CSV with
columns name, aliases, lat, lon, country, admin1 (admin2, population, feature optional).

Every import runs in one transaction: a corrupt or truncated file raises ``GazetteerError``
naming the line, and the gazetteer is left exactly as it was.

Imports are idempotent.  Each file is a *dataset* (``geonames:SY`` for ``SY.zip`` or ``SY.txt``,
``admin2:SY`` for Syria's rows of ``admin2Codes.txt``, ``csv:/abs/path.csv``, ...) recorded in the
``import_files`` table with the SHA-256 of what was read: the same content again adds nothing and
says so; a newer file of the same dataset replaces that dataset's rows (a place GeoNames dropped
goes too).  A GeoNames place the packaged gazetteer already holds (same geonameid) keeps its
curated names and gains the file's new names and its admin-2.

Downloads are in ``download.py``; ``replay_imports`` imports an outdated gazetteer's files again
into its rebuild (``gazetteer.ensure_gazetteer``).
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator

from ..errors import GazetteerError
from .admin_names import plain_region_name
from .gazetteer import Gazetteer, name_rows, refresh_fuzzy_keys
from .translit import name_key

BATCH = 20_000
PROGRESS_EVERY = 5_000  # rows between progress reports
_SCRIPT_RE = re.compile(r"^[\s\x20-\x7e\u00c0-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018\u2019\u0600-\u06ff]+$")
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793", "tcid"}
KINDS = ("geonames", "alternates", "admin1", "admin2", "csv")

# progress(task, unit, done, total): unit "B" (bytes downloaded) or "rows" (rows imported; total estimated)
Progress = Callable[[str, str, int, "int | None"], None]


@dataclass(frozen=True)
class ImportReport:
    """What one import did: rows added, rows of the dataset's older version replaced, or nothing."""

    path: str
    kind: str
    dataset: str
    rows: int  # rows imported now (or, when unchanged, at the earlier import)
    replaced: int = 0  # rows of the dataset's previous version removed
    unchanged: bool = False  # the same content was imported before: nothing added
    since: str | None = None  # when it was imported before (unchanged)

    def describe(self) -> str:
        if self.unchanged:
            return (f"{self.path}: unchanged since its import on {self.since} ({self.rows} rows, {self.kind}); "
                    "nothing added")
        more = f", replacing {self.replaced} rows of the older version" if self.replaced else ""
        return f"{self.path}: imported {self.rows} rows ({self.kind}{more})"


def _feature(fclass: str, fcode: str) -> str:
    if fclass == "P":
        return "P"
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "PCLI"
        return fcode if fcode in ("ADM1", "ADM2") else "A"
    return "R" if fclass == "L" else "S"


class _Lines:
    """Numbered lines of a text file, or of the main .txt member of a zip archive; ``read`` and
    ``size`` say how far through the (uncompressed) text the reading is."""

    def __init__(self, path: str, member_hint: str | None = None):
        self.path, self.member_hint = path, member_hint
        self.read, self.size = 0, 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        path = self.path
        try:
            if path.lower().endswith(".zip"):
                with zipfile.ZipFile(path) as zf:
                    names = [n for n in zf.namelist()
                             if n.endswith(".txt") and not n.lower().startswith(("readme", "iso-"))]
                    if self.member_hint:
                        names = [n for n in names if self.member_hint.lower() in n.lower()] or names
                    if not names:
                        raise GazetteerError(f"{path}: no .txt file inside the zip archive")
                    self.size = zf.getinfo(names[0]).file_size
                    with zf.open(names[0]) as raw:
                        yield from self._numbered(io.TextIOWrapper(raw, encoding="utf-8"), raw)
            else:
                self.size = os.path.getsize(path)
                with open(path, encoding="utf-8") as fh:
                    yield from self._numbered(fh, fh.buffer)
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
            raise GazetteerError(f"{path}: corrupt or truncated zip archive ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{path}: not UTF-8 text ({exc})") from exc
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot read ({exc})") from exc

    def _numbered(self, text, raw) -> Iterator[tuple[int, str]]:
        for n, line in enumerate(text, 1):
            if n % 1000 == 0:
                self.read = raw.tell()
            yield n, line.rstrip("\n").rstrip("\r")
        self.read = self.size


def _open_text(path: str, member_hint: str | None = None) -> Iterator[tuple[int, str]]:
    return iter(_Lines(path, member_hint))


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


def dataset_of(path: str, kind: str, countries: Iterable[str] | None = None) -> str:
    """The dataset a file is a version of: a newer ``SY.zip`` replaces the older one's rows."""
    if kind == "csv":
        return f"csv:{os.path.abspath(path)}"
    stem = os.path.basename(path).split(".")[0]
    if kind == "admin2" and countries:
        return "admin2:" + ",".join(sorted(countries))
    return f"{kind}:{stem.upper() if len(stem) == 2 else stem}"


def _fingerprint(path: str, countries: frozenset[str] | None) -> str:
    digest = hashlib.sha256()
    if countries is None:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    else:  # only the requested countries' lines count: a newer file with the same rows is unchanged
        for _, line in _open_text(path):
            if line.split(".", 1)[0] in countries:
                digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def import_file(gazetteer: Gazetteer, path: str, *, kind: str = "auto", countries: Iterable[str] | None = None,
                progress: Progress | None = None, url: str | None = None,
                validators: tuple[str | None, str | None] = (None, None),
                recorded_path: str | None = None) -> ImportReport:
    """Import one file, all or nothing; the same content twice adds nothing (see the module doc).

    ``countries``: import only these countries' rows (admin codes files).  ``url`` and
    ``validators`` (ETag, Last-Modified) record where a downloaded file came from;
    ``recorded_path`` where it will be kept (a rebuild of the gazetteer imports it again from there)."""
    if not os.path.exists(path):
        raise GazetteerError(f"{path}: no such file")
    kind = detect_kind(path) if kind == "auto" else kind
    if kind not in KINDS:
        raise GazetteerError(f"{path}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    only = frozenset(c.upper() for c in countries) if countries else None
    dataset = dataset_of(path, kind, only)
    try:
        sha = _fingerprint(path, only)
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read ({exc})") from exc
    conn = gazetteer.conn
    with gazetteer.lock:
        before = conn.execute("SELECT sha256, rows, at FROM import_files WHERE dataset = ?", (dataset,)).fetchone()
        if before and before[0] == sha:
            with conn:  # the latest copy of that content is the one to re-import from
                conn.execute("UPDATE import_files SET path = ? WHERE dataset = ?",
                             (os.path.abspath(recorded_path or path), dataset))
                if url:
                    conn.execute("UPDATE import_files SET url = ?, etag = ?, last_modified = ? WHERE dataset = ?",
                                 (url, *validators, dataset))
            return ImportReport(path, kind, dataset, before[1], unchanged=True, since=before[2])
        job = _Job(conn, path, dataset, only, progress)
        n, replaced = _import_in_transaction(job, kind, sha, before is not None, url, validators,
                                             recorded_path or path)
    gazetteer.clear_caches()
    return ImportReport(path, kind, dataset, n, replaced=replaced)


@dataclass
class _Job:
    conn: sqlite3.Connection
    path: str
    dataset: str
    countries: frozenset[str] | None
    progress: Progress | None

    def lines(self, member_hint: str | None = None) -> Iterator[tuple[int, str]]:
        """The file's lines, reporting rows read (the total estimated from the bytes read so far)."""
        lines = _Lines(self.path, member_hint)
        task = f"import {os.path.basename(self.path)}"
        n = 0
        for n, line in lines:
            if self.progress and n % PROGRESS_EVERY == 0 and lines.read:
                self.progress(task, "rows", n, int(n * lines.size / lines.read))
            yield n, line
        if self.progress:
            self.progress(task, "rows", n, n)


def _import_in_transaction(job: _Job, kind: str, sha: str, had_before: bool, url, validators,
                           recorded: str) -> tuple[int, int]:
    handler = {"geonames": _import_geonames, "alternates": _import_alternates, "admin1": _import_admin1,
               "admin2": _import_admin2, "csv": _import_csv}[kind]
    conn = job.conn
    try:
        conn.execute("BEGIN")
        replaced = _drop_dataset(conn, job.dataset) if had_before else 0
        n = handler(job)
        if n == 0 and not (kind == "admin2" and job.countries):
            raise GazetteerError(f"{job.path}: no rows to import")
        refresh_fuzzy_keys(conn)
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        conn.execute("INSERT INTO imports VALUES (?,?,?,?)", (job.path, kind, n, now))
        conn.execute("INSERT OR REPLACE INTO import_files VALUES (?,?,?,?,?,?,?,?,?)",
                     (job.dataset, kind, sha, n, os.path.abspath(recorded), url, *validators, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n, replaced


def _drop_dataset(conn: sqlite3.Connection, dataset: str) -> int:
    """Remove the rows an older version of ``dataset`` added (places are tagged with it as their source)."""
    if dataset.startswith("admin2:"):
        codes = dataset.split(":", 1)[1].split(",")
        marks = ",".join("?" * len(codes))
        n = conn.execute(f"SELECT count(*) FROM admin2 WHERE country IN ({marks})", codes).fetchone()[0]
        conn.execute(f"DELETE FROM admin2 WHERE country IN ({marks})", codes)
        return n
    conn.execute("DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE source = ?)", (dataset,))
    return conn.execute("DELETE FROM places WHERE source = ?", (dataset,)).rowcount


def _bad(path: str, lineno: int, why: str) -> GazetteerError:
    return GazetteerError(f"{path}:{lineno}: {why}; nothing was imported")


def _next_id(conn: sqlite3.Connection) -> int:
    return (conn.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1


def _admin_names(conn) -> tuple[dict, dict]:
    a1 = {(c, k): n for c, k, n in conn.execute("SELECT country, code, name FROM admin1")}
    a2 = {(c, a, k): n for c, a, k, n in conn.execute("SELECT country, admin1_code, code, name FROM admin2")}
    return a1, a2


def _import_geonames(job: _Job) -> int:
    conn, path = job.conn, job.path
    a1, a2 = _admin_names(conn)
    packaged = {gid: pid for gid, pid in conn.execute(
        "SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL AND source NOT LIKE 'geonames:%'")}
    regions = {(cc, code): pid for cc, code, pid in conn.execute(  # the packaged first-level divisions
        "SELECT country, admin1_code, id FROM places WHERE feature = 'ADM1' AND admin1_code IS NOT NULL "
        "AND source NOT LIKE 'geonames:%' AND source NOT LIKE 'csv:%'")}
    pid = _next_id(conn)
    places, names, count = [], [], 0
    for lineno, line in job.lines():
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
        admin2_name = a2.get((cc, cols[10], cols[11]))
        admin1 = cols[1] if feature == "ADM1" else a1.get((cc, cols[10]))
        admin2 = (admin2_name or cols[1]) if feature == "ADM2" else admin2_name
        alts = [(a, "alt") for a in [cols[2]] + cols[3].split(",") if a and _SCRIPT_RE.match(a)]
        if feature == "ADM2":
            alts += _district_names(cols[1], admin2_name)
        count += 1
        same = packaged.get(gid) or (regions.get((cc, cols[10])) if feature == "ADM1" else None)
        if same:  # keep the curated place (or region); add the names the file knows more, and its admin-2
            _merge_into(conn, same, [(cols[1], "alt")] + alts, cols[11] or None, admin2)
            continue
        conn.execute("DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE geonameid = ?)", (gid,))
        conn.execute("DELETE FROM places WHERE geonameid = ?", (gid,))  # the same place from another dump
        places.append((pid, gid, cols[1], lat, lon, cc, cols[10] or None, admin1, cols[11] or None, admin2,
                       feature, population, job.dataset))
        names.extend(name_rows(pid, [(cols[1], "name")] + alts))
        pid += 1
        if len(places) >= BATCH:
            _flush(conn, places, names)
    _flush(conn, places, names)
    return count


def _district_names(*names: str | None) -> list[tuple[str, str]]:
    """A district's names as admin2Codes writes them ("A'zaz District") and bare ("A'zaz"), so that
    "X district" can find it; which of a town and its district a text means is the resolver's call."""
    out = []
    for name in names:
        if name:
            out += [(name, "alt"), (plain_region_name(name), "alt")]
    return out


def _merge_into(conn, place_id: int, names: list[tuple[str, str]], admin2_code: str | None,
                admin2: str | None) -> None:
    have = {k for (k,) in conn.execute("SELECT key FROM names WHERE place_id = ?", (place_id,))}
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)",
                     [row for row in name_rows(place_id, names) if row[0] not in have])
    if admin2_code:
        conn.execute("UPDATE places SET admin2_code = coalesce(admin2_code, ?), admin2 = coalesce(admin2, ?) "
                     "WHERE id = ?", (admin2_code, admin2, place_id))


def _flush(conn, places: list, names: list) -> None:
    conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 13)})", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
    places.clear()
    names.clear()


def _import_alternates(job: _Job) -> int:
    conn, path = job.conn, job.path
    rows, count = [], 0
    ids: dict[int, list[int]] = {}
    for gid, pid in conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL"):
        ids.setdefault(gid, []).append(pid)
    for lineno, line in job.lines("alternateNames"):
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


def _admin_rows(job: _Job, levels: int) -> Iterator[tuple[int, list[str], str, str]]:
    for lineno, line in job.lines():
        if not line.strip():
            continue
        cols = line.split("\t")
        parts = cols[0].split(".")
        if len(cols) != 4 or len(parts) != levels or not all(parts):
            raise _bad(job.path, lineno, f"expected 'CC{'.A1' * (levels - 1)}<TAB>name<TAB>ascii name<TAB>geonameid'")
        if job.countries is None or parts[0] in job.countries:
            yield lineno, parts, cols[1], cols[3]


def _import_admin1(job: _Job) -> int:
    conn = job.conn
    rows = [(parts[0], parts[1], name) for _, parts, name, _ in _admin_rows(job, 2)]
    conn.executemany("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", rows)  # curated names win
    conn.execute("UPDATE places SET admin1 = (SELECT name FROM admin1 a WHERE a.country = places.country "
                 "AND a.code = places.admin1_code) WHERE admin1 IS NULL AND admin1_code IS NOT NULL")
    return len(rows)


def _import_admin2(job: _Job) -> int:
    """Admin-2 names: places with the code get the name; the district's own place (same geonameid,
    from a country file) is also found under it ("A'zaz District")."""
    conn = job.conn
    rows, named = [], []
    for _, parts, name, gid in _admin_rows(job, 3):
        rows.append((parts[0], parts[1], parts[2], name))
        if gid.isdigit():
            named.append((int(gid), name))
    conn.executemany("INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?)", rows)
    conn.execute("UPDATE places SET admin2 = (SELECT name FROM admin2 a WHERE a.country = places.country "
                 "AND a.admin1_code = places.admin1_code AND a.code = places.admin2_code) "
                 "WHERE admin2_code IS NOT NULL")
    for gid, name in named:
        for (pid,) in conn.execute("SELECT id FROM places WHERE geonameid = ? AND feature = 'ADM2'", (gid,)).fetchall():
            _merge_into(conn, pid, _district_names(name), None, None)
    return len(rows)


_CSV_COLUMNS = {"name": ("name", "location", "place"), "lat": ("lat", "latitude"), "lon": ("lon", "lng", "longitude"),
                "aliases": ("aliases", "alias", "alternate_names"), "country": ("country", "country_code", "iso2"),
                "admin1": ("admin1",), "admin2": ("admin2",), "population": ("population",), "feature": ("feature",)}


def _import_csv(job: _Job) -> int:
    conn, path = job.conn, job.path
    lines = "\n".join(line for _, line in job.lines() if not line.startswith("#"))
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
                       get("feature") or "P", population, job.dataset))
        names.extend(name_rows(pid, [(name, "name")] + aliases, every_spelling=True))
        pid += 1
    n = len(places)
    _flush(conn, places, names)
    return n


def import_user_files(gazetteer: Gazetteer, paths: Iterable[str]) -> None:
    """Import the user's place files named in the options; a file changed since replaces its old rows."""
    for path in paths:
        if not os.path.isfile(path):
            raise GazetteerError(f"gazetteer file {path}: no such file")
        import_file(gazetteer, path, kind="csv")


def replay_imports(path, rows: Iterable[tuple], *, progress=None) -> None:
    """Import again, into the freshly built gazetteer at ``path``, the files an outdated one had
    imported (``import_files`` rows: dataset, kind, path, url, etag, last-modified), in their order."""
    gazetteer = Gazetteer(path)
    try:
        for dataset, kind, file, url, etag, modified in rows:
            codes = dataset.split(":", 1)[1].split(",") if kind == "admin2" else []
            countries = codes if codes and all(re.fullmatch(r"[A-Z]{2}", c) for c in codes) else None
            report = import_file(gazetteer, file, kind=kind, countries=countries, url=url, validators=(etag, modified))
            if progress:
                progress(f"re-imported {file}", report.rows)
    finally:
        gazetteer.close()
