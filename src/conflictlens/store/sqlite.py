"""SQLite store: WAL mode, numbered migrations, FTS5 external-content index, one writer."""
from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import NotFoundError, QuerySyntaxError, StoreError
from ..models import Article, Event, EventFilter, SearchHit, SearchQuery, acled_types, marked_snippet
from ..textnorm import fold, fold_key, strip_diacritics
from .base import (evidence_from_json, evidence_to_json, identity_hashes, merge_article, parse_iso_date,
                   pick_same, place_from_json, place_to_json, source_names)
from .query import matching_actor_names, parse_query, to_fts

HL_OPEN, HL_CLOSE = "\ue000", "\ue001"
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
INDEX_MERGE_STEP_PAGES = 2000  # full-text index pages merged in one transaction by compact_index


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migration scripts bundled with the package, in order."""
    found = []
    for entry in resources.files("conflictlens.store").joinpath("migrations").iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def acled_type_kind(name: str) -> str | None:
    """"event_type" or "sub_event_type" when ``name`` is one of ACLED's (any case), else None."""
    low = name.strip().lower()
    types = acled_types()
    if any(low == t.lower() for t in types):
        return "event_type"
    if any(low == x.lower() for subs in types.values() for x in subs):
        return "sub_event_type"
    return None


def highlight_markdown(snippet: str) -> str:
    return snippet.replace(HL_OPEN, "**").replace(HL_CLOSE, "**")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_TOKEN = re.compile(r"\w+")
_LONG_PREFIX = re.compile(r'[^"]{4,}"\*')  # a quoted term of 4+ characters followed by * (see query.to_fts)
_WORD = re.compile(r"\w+(?:['\u2019\u02bc\u02bf\u02be`]\w+)*")


@lru_cache(maxsize=200_000)
def _folded_forms(word: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(word)))


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(word.lower()))


@lru_cache(maxsize=200_000)
def _other_forms(word: str) -> tuple[str, ...]:
    """The folded forms of ``word`` that are not its own (diacritics-free, lower-case) tokens."""
    own = set(_TOKEN.findall(strip_diacritics(word).lower()))
    return tuple(f for f in _folded_forms(word) if f not in own)


def folded_document(article: Article) -> str:
    """The folded word forms the text does not already contain ("A'zaz" adds "azaz",
    "Raqqa" adds "raqa"), so transliteration variants match without indexing the text twice."""
    full = " \n".join([article.title or "", article.text, " \n".join(article.keywords)])
    words = set(_WORD.findall(full))
    if full.isascii():  # the text's tokens are its words' tokens
        own = {t for word in words for t in _word_tokens(word)}
    else:
        own = set(_TOKEN.findall(strip_diacritics(full).lower()))
    new = {f for word in words for f in _other_forms(word) if f not in own}
    return " ".join(sorted(new))



def _date_bounds(column: str, since, until, where: list[str], params: list) -> None:
    """Add ``column >= since`` / ``column <= until`` (ISO dates) to a WHERE clause being built."""
    if since:
        where.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until:
        where.append(f"{column} <= ?")
        params.append(until.isoformat())

class SQLiteStore:
    """The default store.  All writes go through one lock (one writer)."""

    def __init__(self, path: str | Path = "conflictlens.db", *, check_same_thread: bool = False,
                 search_window: int = 2000):
        self.path = str(path)
        self.search_window = search_window
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=check_same_thread, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            self.conn.execute("PRAGMA cache_size = -131072")  # 128 MB of page cache: large FTS indexes stay warm
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # checkpoint every ~40 MB of WAL, not 4 MB: pages that every article touches (index
                # tails, the FTS structure) are copied back to the database file far less often
                self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
                self.conn.execute("PRAGMA journal_size_limit = 67108864")  # the WAL file shrinks back to 64 MB
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self.migrate()

    # -- schema ----------------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the migrations this database has not seen; returns the schema version."""
        with self._lock:
            try:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                for number, name, sql in migrations():
                    if number <= version:
                        continue
                    self.conn.execute("BEGIN IMMEDIATE")
                    try:
                        for statement in _split_sql(sql):
                            self.conn.execute(statement)
                        self.conn.execute(f"PRAGMA user_version = {int(number)}")
                        self.conn.execute("COMMIT")
                    except sqlite3.Error:
                        self.conn.execute("ROLLBACK")
                        raise
                    version = number
                return version
            except sqlite3.Error as exc:
                raise StoreError(f"cannot migrate database {self.path}: {exc}") from exc

    def transaction(self):
        return _Transaction(self)

    # -- articles --------------------------------------------------------------------------------
    def same_article(self, article: Article) -> Article | None:
        return self._same_article(self.conn, article)

    def _same_article(self, conn: sqlite3.Connection, article: Article) -> Article | None:
        hashes = identity_hashes(article)
        marks = ", ".join("?" for _ in hashes)
        rows = conn.execute(f"SELECT * FROM articles WHERE content_hash IN ({marks})", hashes).fetchall()
        return pick_same(article, [self._row_article(r) for r in rows]) if rows else None

    def save_article(self, article: Article, events: Sequence[Event] | None = None) -> tuple[int, str]:
        keyword_rows = _keyword_rows(article.keywords)
        with self.transaction() as conn:
            same = self._same_article(conn, article)
            if same is not None:  # a copy: keep it once, with what the new copy adds (base.Store.save_article)
                merged = merge_article(same, article)
                if merged is None:
                    return same.id, "unchanged"
                article, old = merged, {"id": same.id, "keep_events": events is None}
                keyword_rows = _keyword_rows(article.keywords)
            else:
                old = conn.execute("SELECT id FROM articles WHERE url = ?", (article.url,)).fetchone() \
                    if article.url else None
            row = self._article_row(article)
            if old:
                article_id = old["id"]
                cols = ", ".join(f"{k} = ?" for k in row)
                conn.execute(f"UPDATE articles SET {cols} WHERE id = ?", (*row.values(), article_id))
                if not (isinstance(old, dict) and old["keep_events"]):  # a merged copy, no extraction: kept
                    conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
                status = "updated"
            else:
                cols = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                article_id = conn.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})",
                                          tuple(row.values())).lastrowid
                status = "added"
            if status == "updated":
                conn.execute("DELETE FROM article_keywords WHERE article_id = ?", (article_id,))
            conn.executemany("INSERT INTO article_keywords (article_id, keyword, key, rank) VALUES (?, ?, ?, ?)",
                             [(article_id, kw, key, rank) for rank, kw, key in keyword_rows])
            if status == "updated":
                conn.execute("DELETE FROM article_sources WHERE article_id = ?", (article_id,))
            names = source_names(article)
            if names:
                conn.executemany("INSERT OR IGNORE INTO sources (name) VALUES (?)", [(n,) for n in names])
                conn.executemany("INSERT OR IGNORE INTO article_sources (source_id, article_id) "
                                 "SELECT id, ? FROM sources WHERE name = ?", [(article_id, n) for n in names])
            if events:
                self._write_events(conn, article_id, events)
            return article_id, status

    @staticmethod
    def _article_row(article: Article) -> dict:
        ingested = article.ingested_at or datetime.now(timezone.utc)
        return {
            "url": article.url,
            "content_hash": article.content_hash,
            "title": article.title,
            "text": article.text,
            "folded": folded_document(article),
            "published": article.published.isoformat() if article.published else None,
            "published_from": article.published_from,
            "outlet": article.outlet,
            "cited_sources": json.dumps(list(article.cited_sources), ensure_ascii=False),
            "language": article.language,
            "keywords": "\n".join(article.keywords),
            "ingested_at": ingested.isoformat(timespec="seconds"),
        }

    @staticmethod
    def _row_article(row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], url=row["url"], content_hash=row["content_hash"], title=row["title"],
            text=row["text"], published=parse_iso_date(row["published"]), published_from=row["published_from"],
            outlet=row["outlet"], cited_sources=tuple(json.loads(row["cited_sources"] or "[]")),
            language=row["language"], keywords=tuple(k for k in (row["keywords"] or "").split("\n") if k),
            ingested_at=datetime.fromisoformat(row["ingested_at"]) if row["ingested_at"] else None,
        )

    def _article_id(self, ref: int | str) -> int:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            number = int(ref)  # beyond SQLite's 64-bit integers no article has it
            row = (self.conn.execute("SELECT id FROM articles WHERE id = ?", (number,)).fetchone()
                   if -2**63 <= number < 2**63 else None)
        else:
            row = self.conn.execute("SELECT id FROM articles WHERE url = ?", (ref,)).fetchone()
            if row is None:
                row = self.conn.execute("SELECT id FROM articles WHERE rtrim(url, '/') = rtrim(?, '/')",
                                        (ref,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id or URL {ref!r}")
        return row["id"]

    def has_content(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def get_article(self, ref: int | str) -> Article:
        article_id = self._article_id(ref)
        return self._row_article(self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone())

    def iter_articles(self) -> Iterator[Article]:
        last = 0
        while True:
            rows = self.conn.execute("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT 500", (last,)).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._row_article(row)
            last = rows[-1]["id"]

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles ORDER BY coalesce(published, '') DESC, id DESC "
                                 "LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [self._row_article(r) for r in rows]

    def delete_article(self, ref: int | str) -> None:
        article_id = self._article_id(ref)
        with self.transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # -- search ----------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked search (BM25).  A query matching more than ``search_window`` articles is ranked
        among its ``search_window`` most recently stored matches, which keeps broad queries fast
        on large corpora; ``search_window = 0`` ranks every match."""
        match = to_fts(parse_query(query.text))
        window = self.search_window if self.search_window and query.offset + query.limit <= self.search_window else -1
        try:
            page = self._ranked_page(match, query, window)
            rows = self._page_rows(match, page)
        except sqlite3.OperationalError as exc:
            raise QuerySyntaxError(f"cannot search for {query.text!r}: {exc}") from exc
        return [
            SearchHit(
                article_id=r["id"], url=r["url"], title=r["title"], published=parse_iso_date(r["published"]),
                source=r["outlet"], **marked_snippet(r["snip"] or "", (HL_OPEN, HL_CLOSE)),
                keywords=tuple(k for k in (r["keywords"] or "").split("\n") if k), score=round(-score, 4),
            )
            for r, score in rows
        ]

    def _ranked_page(self, match: str, query: SearchQuery, window: int) -> list[tuple[int, float]]:
        """(article id, bm25) of the page: the best of the ``window`` newest matches that pass the filters.

        FTS5 walks its doclists newest first; every filter is checked against the walk without
        reading article rows: keyword and source filters as a membership test in a set of ids
        built once (the ``+`` keeps SQLite from turning ``IN`` into one full-text lookup per
        id), date filters through the covering ``articles_facets`` index.  A source filter
        matches a substring (any case) of the article's outlet, a cited source or its URL's host."""
        where, params = ["articles_fts MATCH ?"], [match]
        join = ""
        if query.since or query.until:
            join = "JOIN articles a INDEXED BY articles_facets ON a.id = articles_fts.rowid "
            _date_bounds("a.published", query.since, query.until, where, params)
        if query.source:
            where.append("+articles_fts.rowid IN (SELECT article_id FROM article_sources WHERE source_id IN "
                         "(SELECT id FROM sources WHERE name LIKE ?))")
            params.append(f"%{query.source}%")
        if query.keyword:
            where.append("+articles_fts.rowid IN (SELECT article_id FROM article_keywords WHERE key = ?)")
            params.append(fold_key(query.keyword))
        sql = (
            "WITH cand AS (SELECT articles_fts.rowid AS id, bm25(articles_fts, 4.0, 1.0, 2.0, 0.7) AS score "
            f"FROM articles_fts {join}WHERE {' AND '.join(where)} ORDER BY articles_fts.rowid DESC LIMIT ?) "
            "SELECT id, score FROM cand ORDER BY score LIMIT ? OFFSET ?"
        )
        params += [window, query.limit, query.offset]
        return [(r[0], r[1]) for r in self.conn.execute(sql, params)]

    def _page_rows(self, match: str, page: list[tuple[int, float]]) -> list[tuple[sqlite3.Row, float]]:
        """The page's articles with their snippets, in page order.

        One full-text lookup per page id, except for queries with a prefix term of four or more
        characters: FTS5 expands such a term (no prefix index) on every lookup, so they take one
        pass over the page's id range instead."""
        if not page:
            return []
        ids = [i for i, _ in page]
        marks = ", ".join("?" for _ in ids)
        columns = ("SELECT a.id, a.url, a.title, a.published, a.outlet, a.keywords, "
                   f"snippet(articles_fts, 1, '{HL_OPEN}', '{HL_CLOSE}', ' … ', 24) AS snip ")
        if _LONG_PREFIX.search(match):
            sql = (columns + "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                   "WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ? "
                   f"AND +articles_fts.rowid IN ({marks})")
            params = [match, min(ids), max(ids), *ids]
        else:
            sql = (columns + f"FROM (SELECT value AS id FROM json_each(?)) AS page CROSS JOIN articles_fts "
                   "ON articles_fts.rowid = page.id JOIN articles a ON a.id = page.id WHERE articles_fts MATCH ?")
            params = [json.dumps(ids), match]
        found = {r["id"]: r for r in self.conn.execute(sql, params)}
        return [(found[i], score) for i, score in page if i in found]

    def compact_index(self, work_pages: int) -> None:
        """Merge the full-text index's segments into fewer, writing at most ~``work_pages`` pages.

        Each article's transaction adds a small segment; FTS5's automerge keeps a few per level,
        and every query reads them all.  Called after an ingest with work in proportion to what
        it stored, repeated calls carry one merge forward, so the index converges to one segment
        (queries ~15-20% faster at 100k articles) at a cost proportional to what was ingested."""
        done, first = 0, True
        while done < work_pages:
            step = min(INDEX_MERGE_STEP_PAGES, work_pages - done)
            with self.transaction() as conn:  # short steps: pages the merge frees are reused by the next
                before = conn.total_changes
                # negative: start merging every segment into one; positive: carry that merge on
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', ?)",
                             (-step if first else step,))
                merged = conn.total_changes - before >= 2  # FTS5's sign that it did some work
            done += step
            first = False
            if not merged:
                return

    def keywords(self, top: int = 50) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT key, count(*) AS n, "
            "(SELECT keyword FROM article_keywords k2 WHERE k2.key = k.key "
            " GROUP BY keyword ORDER BY count(*) DESC, keyword LIMIT 1) AS shown "
            "FROM article_keywords k GROUP BY key ORDER BY n DESC, shown LIMIT ?", (top,)).fetchall()
        return [(r["shown"], r["n"]) for r in rows]

    # -- events ----------------------------------------------------------------------------------
    def replace_events(self, article_id: int, events: Sequence[Event]) -> None:
        with self.transaction() as conn:
            self._write_events(conn, article_id, events)

    def _write_events(self, conn: sqlite3.Connection, article_id: int, events: Sequence[Event]) -> None:
        keys = []
        for i, ev in enumerate(events):
            key = ev.event_key or f"e{i}"
            keys.append(key)
            p = ev.place
            row = {
                "article_id": article_id, "event_key": key,
                "event_date": ev.event_date.isoformat() if ev.event_date else None,
                "date_precision": ev.date_precision, "event_type": ev.event_type,
                "sub_event_type": ev.sub_event_type, "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1,
                "inter1": ev.inter1, "actor2": ev.actor2, "assoc_actor_2": ev.assoc_actor_2, "inter2": ev.inter2,
                "country": p.country if p else None, "admin1": p.admin1 if p else None,
                "admin2": p.admin2 if p else None, "admin3": p.admin3 if p else None,
                "location": p.name if p else None, "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None, "geo_precision": p.precision if p else None,
                "geonameid": p.geonameid if p else None, "fatalities": ev.fatalities, "injured": ev.injured,
                "notes": ev.notes, "place_json": place_to_json(p), "evidence_json": evidence_to_json(ev.evidence),
            }
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in {"article_id", "event_key"})
            conn.execute(f"INSERT INTO events ({cols}) VALUES ({marks}) "
                         f"ON CONFLICT(article_id, event_key) DO UPDATE SET {updates}", tuple(row.values()))
        marks = ", ".join("?" for _ in keys) or "''"
        conn.execute(f"DELETE FROM events WHERE article_id = ? AND event_key NOT IN ({marks})", (article_id, *keys))

    @staticmethod
    def _row_event(row: sqlite3.Row) -> Event:
        return Event(
            id=row["id"], article_id=row["article_id"], event_key=row["event_key"],
            event_date=parse_iso_date(row["event_date"]), date_precision=row["date_precision"],
            event_type=row["event_type"], sub_event_type=row["sub_event_type"], actor1=row["actor1"],
            assoc_actor_1=row["assoc_actor_1"], inter1=row["inter1"], actor2=row["actor2"],
            assoc_actor_2=row["assoc_actor_2"], inter2=row["inter2"], place=place_from_json(row["place_json"]),
            fatalities=row["fatalities"], injured=row["injured"], notes=row["notes"],
            evidence=evidence_from_json(row["evidence_json"]),
        )

    def _event_where(self, flt: EventFilter) -> tuple[str, list]:
        where, params = ["1 = 1"], []
        if flt.article_id is not None:
            where.append("article_id = ?")
            params.append(flt.article_id)
        if flt.actor:  # the stored names the filter selects (query.matching_actor_names), then exact
            names = json.dumps(matching_actor_names(flt.actor, flt.actor_names, self._actor_names()))
            where.append("(" + " OR ".join(f"{c} IN (SELECT value FROM json_each(?))" for c in _ACTOR_COLUMNS) + ")")
            params += [names] * len(_ACTOR_COLUMNS)
        kind = acled_type_kind(flt.event_type) if flt.event_type else None
        if kind:  # exact, served by an index that also gives the date order
            where.append(f"{kind} = ? COLLATE NOCASE")
            params.append(flt.event_type.strip())
        elif flt.event_type:
            where.append("(event_type LIKE ? OR sub_event_type LIKE ?)")
            params += [f"%{flt.event_type}%"] * 2
        _date_bounds("event_date", flt.since, flt.until, where, params)
        if flt.country:
            where.append("country = ? COLLATE NOCASE")
            params.append(flt.country)
        if flt.admin1:
            where.append("admin1 = ? COLLATE NOCASE")
            params.append(flt.admin1)
        if flt.near:
            lat, lon, radius = flt.near
            dlat = radius / 111.0
            dlon = radius / max(1e-6, 111.0 * math.cos(math.radians(lat)))
            where.append("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")
            params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        return " AND ".join(where), params

    def _actor_names(self) -> tuple[str, ...]:
        """The distinct actor values stored (actor1/2, associated actors), cached until a write."""
        stamp = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        if getattr(self, "_actor_cache", (None,))[0] != stamp:
            union = " UNION ".join(f"SELECT {c} FROM events" for c in _ACTOR_COLUMNS)
            self._actor_cache = (stamp, tuple(r[0] for r in self.conn.execute(union) if r[0]))
        return self._actor_cache[1]

    def events(self, flt: EventFilter) -> list[Event]:
        where, params = self._event_where(flt)
        sql = f"SELECT * FROM events WHERE {where} ORDER BY event_date DESC, id DESC"
        if not flt.near:  # paging in SQL; only the page is decoded
            if flt.limit is not None or flt.offset:
                sql += " LIMIT ? OFFSET ?"
                params = [*params, -1 if flt.limit is None else flt.limit, flt.offset]
            return [self._row_event(r) for r in self.conn.execute(sql, params)]
        lat, lon, radius = flt.near
        skipped, out = 0, []
        for row in self.conn.execute(sql, params):  # bounding box in SQL, exact distance here
            if row["latitude"] is None or km_between(lat, lon, row["latitude"], row["longitude"]) > radius:
                continue
            if skipped < flt.offset:
                skipped += 1
                continue
            out.append(self._row_event(row))
            if flt.limit is not None and len(out) >= flt.limit:
                break
        return out

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._event_where(flt)
        if not flt.near:
            return self.conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
        lat, lon, radius = flt.near
        rows = self.conn.execute(f"SELECT latitude, longitude FROM events WHERE {where}", params)
        return sum(1 for r in rows if r[0] is not None and km_between(lat, lon, r[0], r[1]) <= radius)

    def stats(self) -> dict[str, int]:
        return {
            "articles": self.conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "events": self.conn.execute("SELECT count(*) FROM events").fetchone()[0],
            "keywords": self.conn.execute("SELECT count(DISTINCT key) FROM article_keywords").fetchone()[0],
        }

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT under the writer lock; ROLLBACK on any exception."""

    def __init__(self, store: SQLiteStore):
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        self.store._lock.acquire()
        try:
            self.store.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self.store._lock.release()
            raise StoreError(f"cannot write to {self.store.path}: {exc}") from exc
        return self.store.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.store.conn.execute("COMMIT")
            else:
                self.store.conn.execute("ROLLBACK")
        finally:
            self.store._lock.release()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"cannot write to {self.store.path}: {exc}") from exc


def _keyword_rows(keywords: Sequence[str]) -> list[tuple[int, str, str]]:
    """(rank, keyword, comparison key) of an article's keywords, each key once."""
    rows, seen = [], set()
    for rank, kw in enumerate(keywords):
        key = fold_key(kw)
        if key and key not in seen:
            seen.add(key)
            rows.append((rank, kw, key))
    return rows


def _split_sql(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not current:
            continue
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements
