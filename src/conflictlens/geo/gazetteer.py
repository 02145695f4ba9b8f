"""The gazetteer: a SQLite file of places and their name keys, built once from packaged data.

``gazetteer_path(options)`` says where it lives; ``ensure_gazetteer(path)`` builds it on first
use (into a temporary file renamed into place, under a lock, so two processes starting at
once build it once); ``Gazetteer`` opens it read-mostly and answers key look-ups.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GazetteerError
from ..options import Options
from .translit import DATA_DIR, name_key, simple_fold, skeleton_key

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places(
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, country TEXT, admin1_code TEXT, admin1 TEXT,
  admin2_code TEXT, admin2 TEXT, feature TEXT NOT NULL DEFAULT 'P', population INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_country ON places(country, feature);
CREATE TABLE IF NOT EXISTS names(key TEXT NOT NULL, skel TEXT, place_id INTEGER NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'alt');
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE TABLE IF NOT EXISTS admin1(country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY(country, code));
CREATE TABLE IF NOT EXISTS admin2(country TEXT NOT NULL, admin1_code TEXT NOT NULL, code TEXT NOT NULL,
  name TEXT NOT NULL, PRIMARY KEY(country, admin1_code, code));
CREATE TABLE IF NOT EXISTS directional(country TEXT, admin1 TEXT, direction TEXT, place_id INTEGER);
CREATE TABLE IF NOT EXISTS imports(path TEXT, kind TEXT, rows INTEGER, at TEXT);
CREATE TABLE IF NOT EXISTS import_files(dataset TEXT PRIMARY KEY, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL, path TEXT, url TEXT, etag TEXT, last_modified TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fuzzy_keys(country TEXT NOT NULL, first TEXT NOT NULL, keys TEXT NOT NULL,
  PRIMARY KEY(country, first));
"""

PLACE_COLUMNS = ("id", "geonameid", "name", "latitude", "longitude", "country", "admin1_code", "admin1",
                 "admin2_code", "admin2", "feature", "population", "source")


@dataclass(frozen=True)
class PlaceRow:
    """One gazetteer place as stored."""

    id: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2_code: str | None
    admin2: str | None
    feature: str
    population: int
    source: str


@dataclass(frozen=True)
class NameHit:
    """A place found under a key, with the name that matched and its kind (name/alt/demonym)."""

    place: PlaceRow
    matched: str
    kind: str


@lru_cache(maxsize=1)
def packaged_data_hash() -> str:
    """Hash of the packaged data and build code, taken once per process (the code this process runs)."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}\n{SCHEMA}".encode())
    for name in sorted(p.name for p in DATA_DIR.iterdir() if p.name.endswith((".csv", ".json"))):
        digest.update(name.encode())
        digest.update((DATA_DIR / name).read_bytes())
    here = Path(__file__).parent
    for code in ("sources.py", "translit.py", "gazetteer.py", "admin_names.py", "regions.py"):  # the build code too: a changed build rebuilds
        digest.update((here / code).read_bytes())
    from .regions import file_digest

    digest.update(file_digest())  # the second-level regions setup fetched (or their absence)
    return digest.hexdigest()[:16]


def gazetteer_path(options: Options | None = None, env: dict | None = None) -> Path:
    """Where the gazetteer lives: options.gazetteer, $CONFLICTLENS_GAZETTEER, else the user cache."""
    env = os.environ if env is None else env
    if options is not None and options.gazetteer:
        return Path(options.gazetteer).expanduser()
    if env.get("CONFLICTLENS_GAZETTEER"):
        return Path(env["CONFLICTLENS_GAZETTEER"]).expanduser()
    cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "conflictlens" / f"gazetteer-{SCHEMA_VERSION}.sqlite"


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def _is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='packaged_hash'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == packaged_data_hash()


def ensure_gazetteer(path: Path, *, progress=None, cities_file: str | None = None) -> Path:
    """Build the gazetteer at ``path`` unless a current one is there; atomic and process-safe."""
    if _is_current(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(str(path) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_current(path):  # another process built it while we waited
            return path
        replay = _imports_to_replay(path) if path.exists() else []
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        try:
            build_packaged(tmp, progress=progress, cities_file=cities_file)
            if replay:  # the files imported into the old one, again (downloads are kept for this)
                from .importers import replay_imports

                replay_imports(tmp, replay, progress=progress)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    return path


def _imports_to_replay(path: Path) -> list[tuple]:
    """The import_files rows of an outdated gazetteer, to import again into its rebuild; an error when
    it holds imports that cannot be replayed (a file gone, or a gazetteer older than import_files)."""
    conn = connect(path)
    try:
        try:
            imported = conn.execute("SELECT count(*) FROM imports").fetchone()[0]
        except sqlite3.DatabaseError:
            return []
        try:
            rows = conn.execute("SELECT dataset, kind, path, url, etag, last_modified FROM import_files "
                                "ORDER BY at, rowid").fetchall()
        except sqlite3.DatabaseError:
            rows = []
    finally:
        conn.close()
    gone = [r[2] or r[0] for r in rows if not (r[2] and os.path.isfile(r[2]))]
    if imported and (gone or not rows):
        raise GazetteerError(
            f"gazetteer {path} was built from older packaged data and holds imports"
            + (f" whose files are gone ({', '.join(gone)})" if gone else "")
            + "; run `conflictlens gazetteer build --force`, then download or import them again")
    return rows


def build_packaged(path: Path, *, progress=None, cities_file: str | None = None,
                   regions_file: str | None = None) -> None:
    """Write a fresh gazetteer at ``path`` from the packaged sources (``regions_file``: a second-level
    regions file instead of the one setup installed)."""
    from .sources import load_packaged

    if path.exists():
        path.unlink()
    started = time.perf_counter()
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA.replace("CREATE INDEX", "-- CREATE INDEX"))
        with conn:
            load_packaged(conn, progress=progress, cities_file=cities_file, regions_file=regions_file)
        conn.executescript(SCHEMA)  # the indexes, after the bulk insert
        with conn:
            refresh_fuzzy_keys(conn)
            conn.execute("INSERT OR REPLACE INTO meta VALUES('packaged_hash', ?)", (packaged_data_hash(),))
            conn.execute("INSERT OR REPLACE INTO meta VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))
            conn.execute("INSERT OR REPLACE INTO meta VALUES('built_seconds', ?)",
                         (f"{time.perf_counter() - started:.1f}",))
        conn.execute("ANALYZE")
    finally:
        conn.close()


def refresh_fuzzy_keys(conn: sqlite3.Connection) -> None:
    """The distinct name keys of each country by first letter: the RapidFuzz fallback's search lists."""
    conn.execute("DELETE FROM fuzzy_keys")
    conn.execute("INSERT INTO fuzzy_keys SELECT country, first, group_concat(key, ' ') FROM "
                 "(SELECT DISTINCT p.country AS country, substr(n.key, 1, 1) AS first, n.key AS key "
                 "FROM names n JOIN places p ON p.id = n.place_id WHERE p.country IS NOT NULL) "
                 "GROUP BY country, first")


def name_rows(place_id: int, names: Iterable[tuple[str, str]], *,
              every_spelling: bool = False) -> Iterator[tuple[str, str, int, str, str]]:
    """Rows for the names table: one per distinct key of a place (first name and kind win), or with
    ``every_spelling`` one per distinct spelling (curated aliases: "Douma" as well as "Dūmā")."""
    seen: set = set()
    for name, kind in names:
        key = name_key(name)
        mark = (key, simple_fold(name)) if every_spelling else key
        if not key or mark in seen:
            continue
        seen.add(mark)
        yield key, skeleton_key(key), place_id, name, kind


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.conn = connect(self.path)
            self.conn.execute("SELECT count(*) FROM meta").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer {self.path}: {exc}") from exc
        self.on_change: list = []  # callbacks run after an import (caches to drop)
        self.lock = threading.Lock()  # one connection shared by the threads of a web server
        self._data_version = self._version()

    def _all(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, args).fetchall()

    def _version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def clear_caches(self) -> None:
        for callback in self.on_change:
            callback()

    def refresh_if_changed(self) -> bool:
        """Drop the caches when another connection (say `conflictlens gazetteer download` in another
        process, while a server runs) has committed an import since the last call; cheap enough to
        call once per article. Imports through this object clear the caches themselves."""
        with self.lock:
            version = self._version()
            changed, self._data_version = version != self._data_version, version
        if changed:
            self.clear_caches()
        return changed

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, args: tuple) -> list[NameHit]:
        cols = ", ".join("p." + c for c in PLACE_COLUMNS)
        rows = self._all(f"SELECT {cols}, n.name, n.kind FROM names n JOIN places p ON p.id = n.place_id "
                         f"WHERE {sql}", args)
        return [NameHit(PlaceRow(*row[:13]), row[13], row[14]) for row in rows]

    def by_key(self, key: str) -> list[NameHit]:
        return self._rows("n.key = ?", (key,)) if key else []

    def by_skeleton(self, skel: str) -> list[NameHit]:
        return self._rows("n.skel = ?", (skel,)) if skel else []

    def has_key(self, key: str) -> bool:
        return bool(self._all("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def place(self, place_id: int) -> PlaceRow | None:
        rows = self._all(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE id = ?", (place_id,))
        return PlaceRow(*rows[0]) if rows else None

    def directional_centre(self, country: str, admin1: str, direction: str) -> PlaceRow | None:
        rows = self._all("SELECT place_id FROM directional WHERE country = ? AND admin1 = ? AND direction = ?",
                         (country, admin1, direction))
        return self.place(rows[0][0]) if rows else None

    def admin1_capital(self, country: str, admin1: str) -> PlaceRow | None:
        """The region's own ADM1 entry (its centre point)."""
        cols = ", ".join(PLACE_COLUMNS)
        rows = self._all(f"SELECT {cols} FROM places WHERE feature = 'ADM1' AND country = ? AND admin1 = ? "
                         "ORDER BY population DESC LIMIT 1", (country, admin1))
        return PlaceRow(*rows[0]) if rows else None

    def fuzzy_keys(self, country: str, first: str) -> list[str]:
        rows = self._all("SELECT keys FROM fuzzy_keys WHERE country = ? AND first = ?", (country, first))
        return rows[0][0].split(" ") if rows else []

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def stats(self) -> dict:
        q = lambda sql: self.conn.execute(sql).fetchall()  # noqa: E731
        return {
            "path": str(self.path),
            "places": q("SELECT count(*) FROM places")[0][0],
            "names": q("SELECT count(*) FROM names")[0][0],
            "countries": q("SELECT count(DISTINCT country) FROM places")[0][0],
            "by_source": dict(q("SELECT source, count(*) FROM places GROUP BY source ORDER BY 2 DESC")),
            "by_feature": dict(q("SELECT feature, count(*) FROM places GROUP BY feature ORDER BY 2 DESC")),
            "with_admin1": q("SELECT count(*) FROM places WHERE admin1 IS NOT NULL")[0][0],
            "with_admin2": q("SELECT count(*) FROM places WHERE admin2 IS NOT NULL")[0][0],
            "top_countries": dict(q("SELECT country, count(*) FROM places WHERE country IS NOT NULL "
                                    "GROUP BY country ORDER BY 2 DESC LIMIT 15")),
            "countries_with_admin1_names": q("SELECT count(DISTINCT country) FROM admin1")[0][0],
            "imports": [dict(zip(("path", "kind", "rows", "at"), r)) for r in q("SELECT * FROM imports")],
            "built_seconds": self.meta("built_seconds"),
        }
