"""PostgreSQL store: a shared database for several readers and writers (``--db postgresql://...``).

The same behaviour as ``SQLiteStore`` (the store test suite runs on both), with:

- numbered migrations in ``store/migrations_pg/NNN_name.sql``, recorded in ``schema_migrations``
  and applied under an advisory lock, so processes starting together migrate once;
- full-text search on a ``tsvector`` column with a GIN index, built and queried by
  ``pg_text`` with the SQLite store's tokens and query syntax; ranked (``ts_rank``) among the
  ``search_window`` newest matches, as the SQLite store ranks;
- one transaction per article and several concurrent writers: a save takes transaction
  advisory locks on its URL and content hash (in a fixed order), so two processes storing the
  same article store it once, and unique constraints stay the last word; incident merging
  (``store.transaction()``) excludes article writes for its duration, as SQLite's one writer does;
- ``near`` filters with PostGIS's ``ST_DWithin`` when the extension is installed in the
  database, else a bounding box (indexed) and the haversine distance in SQL.

``conn`` and ``transaction()`` run the analysis package's portable SQL (``?`` parameters) on
PostgreSQL; rows answer by name and by position, as ``sqlite3.Row`` does.
psycopg 3 is an optional extra: ``pip install 'conflictlens[postgres]'``.
"""
from __future__ import annotations

import json
import math
import re
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Iterator, Sequence

from ..errors import MissingExtraError, NotFoundError, QuerySyntaxError, StoreError
from ..models import HIGHLIGHT_MARKS, Article, Event, EventFilter, SearchHit, SearchQuery, marked_snippet
from ..textnorm import fold_key
from . import pg_text
from .base import (evidence_from_json, evidence_to_json, identity_hashes, merge_article, parse_iso_date,
                   pick_same, place_from_json, place_to_json, source_names)
from .query import matching_actor_names, parse_query
from .sqlite import acled_type_kind, folded_document

PIP_LINE = "pip install 'conflictlens[postgres]'"
MIGRATION_LOCK = 7_201_401  # advisory lock keys (any fixed numbers unique to conflictlens)
WRITE_LOCK = 7_201_402
EARTH_KM = 6371.0
# Broad queries are ranked among at most this many newest matches (search_window, when smaller,
# wins): each ranked match reads its tsvector from TOAST, ~10 us, where FTS5 ranks from its index.
RANK_WINDOW_MAX = 500
# The newest-rows walk (each row's vector read from TOAST) serves a query the planner expects to
# match at least this share of the articles: it fills the window within about 1 / share windows of
# rows.  Any other query is listed from the GIN indexes and article_terms' narrow rows, as is what
# a walk of WALK_ROWS_MAX windows of rows leaves (an estimate far off).  A phrase's pair candidates
# are listed PAIR_LIST_WINDOWS windows at a time.  See migrations_pg/008_search_function.sql.
WALK_SHARE_MIN = 0.4
WALK_ROWS_MAX = 8
PAIR_LIST_WINDOWS = 8
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def _psycopg():
    try:
        import psycopg
    except ImportError as exc:
        raise MissingExtraError("a PostgreSQL database", PIP_LINE) from exc
    return psycopg


def is_postgres_url(db: str | None) -> bool:
    return bool(db) and db.split(":", 1)[0].lower() in {"postgresql", "postgres"}


def migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("conflictlens.store").joinpath("migrations_pg").iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


@lru_cache(maxsize=512)
def qmark_sql(sql: str) -> str:
    """SQLite-style ``?`` parameters as psycopg's ``%s`` (``?`` inside string literals stays; ``%`` doubled)."""
    parts = re.split(r"('(?:[^']|'')*')", sql)
    return "".join(p.replace("%", "%%") if i % 2 else p.replace("%", "%%").replace("?", "%s")
                   for i, p in enumerate(parts))


class Row(tuple):
    """A result row by position or column name (like ``sqlite3.Row``)."""

    names: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor):
    names = {d.name: i for i, d in enumerate(cursor.description or ())}
    cls = type("Row", (Row,), {"names": names, "__slots__": ()})
    return lambda values: cls(values)


class QmarkConnection:
    """What ``store.conn`` is on PostgreSQL: ``execute(sql, params)`` with ``?`` parameters."""

    def __init__(self, store: "PostgresStore"):
        self._store = store

    def execute(self, sql: str, params: Sequence = ()):
        with self._store._lock:
            try:
                return self._store._pg.execute(qmark_sql(sql), tuple(params))
            except self._store._psycopg.Error as exc:
                raise StoreError(f"database {self._store.url_shown}: {exc}") from exc


def _date_bounds(column: str, since, until, where: list[str], params: list) -> None:
    if since:
        where.append(f"{column} >= %s")
        params.append(since.isoformat())
    if until:
        where.append(f"{column} <= %s")
        params.append(until.isoformat())


class PostgresStore:
    def __init__(self, url: str, *, search_window: int = 2000):
        self._psycopg = _psycopg()
        self.url = self.path = url  # path: where the database is, as SQLiteStore.path (the CLI's --db)
        self.url_shown = re.sub(r"//[^@/]*@", "//", url.split("?", 1)[0])  # no password in messages
        self.search_window = search_window
        try:
            self._pg = self._psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot open database {self.url_shown}: {str(exc).strip()}") from exc
        self._lock = threading.RLock()
        self.conn = QmarkConnection(self)
        self.migrate()
        self.postgis = self._pg.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None

    # -- schema ----------------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the migrations this database has not seen; returns the schema version."""
        with self._lock:
            try:
                with self._pg.transaction():
                    self._pg.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                    self._pg.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                     "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                    version = self._pg.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]
                    for number, name, sql in migrations():
                        if number > version:
                            self._pg.execute(sql)
                            self._pg.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                                             (number, name))
                            version = number
                return version
            except self._psycopg.Error as exc:
                raise StoreError(f"cannot migrate database {self.url_shown}: {exc}") from exc

    @contextmanager
    def _write(self, *, exclusive: bool = False):
        """One transaction on the connection; article writes share the write lock, incident merging holds it alone."""
        with self._lock:
            try:
                with self._pg.transaction():
                    lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
                    self._pg.execute(f"SELECT {lock}(%s)", (WRITE_LOCK,))
                    yield self._pg
            except self._psycopg.Error as exc:
                raise StoreError(f"cannot write to {self.url_shown}: {exc}") from exc

    @contextmanager
    def transaction(self):
        """A transaction for the analysis package's SQL (``?`` parameters), alone among writers."""
        with self._write(exclusive=True):
            yield self.conn

    # -- articles --------------------------------------------------------------------------------
    def same_article(self, article: Article) -> Article | None:
        with self._lock:
            return self._same_article(self._pg, article)

    def _same_article(self, pg, article: Article) -> Article | None:
        rows = pg.execute(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE content_hash = ANY(%s)",
                          (list(identity_hashes(article)),)).fetchall()
        return pick_same(article, [self._row_article(r) for r in rows]) if rows else None

    def save_article(self, article: Article, events: Sequence[Event] | None = None) -> tuple[int, str]:
        """As ``base.Store.save_article``; concurrent saves of one article (any of its identity
        hashes, or its URL) wait for each other on transaction advisory locks."""
        with self._write() as pg:
            keys = sorted({*(f"hash:{h}" for h in identity_hashes(article)),
                           *([f"url:{article.url}"] if article.url else [])})
            # one statement, the locks taken in one order in every process: no deadlock
            pg.execute("SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT hashtextextended(x, 0) AS k "
                       "FROM unnest(%s::text[]) AS x ORDER BY 1) AS keys", (keys,))
            found = [self._row_article(r) for r in pg.execute(
                f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE content_hash = ANY(%s) OR url = %s",
                (list(identity_hashes(article)), article.url)).fetchall()]
            same = pick_same(article, [a for a in found if a.content_hash in identity_hashes(article)])
            keep_events = False
            if same is not None:  # a copy: stored once, with what the new copy adds
                merged = merge_article(same, article)
                if merged is None:
                    return same.id, "unchanged"
                article, old, keep_events = merged, (same.id,), events is None
            else:
                old = next(((a.id,) for a in found if article.url and a.url == article.url), None)
            row = self._article_row(article)
            terms = {k: row.pop(k) for k in ("tsv", "pairs")}
            if old:
                article_id = old[0]
                cols = ", ".join(f"{k} = %s" for k in row)
                pg.execute(f"UPDATE articles SET {cols} WHERE id = %s", (*row.values(), article_id))
                for table in ("article_keywords", "article_sources") if keep_events else \
                        ("events", "article_keywords", "article_sources"):
                    pg.execute(f"DELETE FROM {table} WHERE article_id = %s", (article_id,))
                status = "updated"
            else:
                cols = ", ".join(row)
                marks = ", ".join("%s" for _ in row)
                article_id = pg.execute(f"INSERT INTO articles ({cols}) VALUES ({marks}) RETURNING id",
                                        tuple(row.values())).fetchone()[0]
                status = "added"
            pg.execute("INSERT INTO article_terms (id, published, tsv, pairs) VALUES (%s, %s, %s, %s) "
                       "ON CONFLICT (id) DO UPDATE SET published = excluded.published, tsv = excluded.tsv, "
                       "pairs = excluded.pairs", (article_id, row["published"], terms["tsv"], terms["pairs"]))
            self._write_keywords_and_sources(pg, article_id, article)
            if events:
                self._write_events(pg, article_id, events)
            return article_id, status

    @staticmethod
    def _write_keywords_and_sources(pg, article_id: int, article: Article) -> None:
        keyword_rows, seen = [], set()
        for rank, kw in enumerate(article.keywords):
            key = fold_key(kw)
            if key and key not in seen:
                seen.add(key)
                keyword_rows.append((kw, key, rank))
        names = sorted(source_names(article), key=str.lower)  # one order: concurrent inserts do not deadlock
        if keyword_rows:
            pg.execute("INSERT INTO article_keywords (article_id, keyword, key, rank) "
                       "SELECT %s, * FROM unnest(%s::text[], %s::text[], %s::int[])",
                       (article_id, *(list(col) for col in zip(*keyword_rows))))
        if names:  # two statements: the second sees names another writer committed meanwhile
            pg.execute("INSERT INTO sources (name) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", (names,))
            pg.execute("INSERT INTO article_sources (source_id, article_id) SELECT id, %s FROM sources "
                       "WHERE lower(name) = ANY(%s) ON CONFLICT DO NOTHING", (article_id, [n.lower() for n in names]))

    @staticmethod
    def _article_row(article: Article) -> dict:
        """The ``articles`` row, with ``tsv`` and ``pairs`` for ``article_terms``."""
        folded = folded_document(article)
        tsv, pairs = pg_text.document_vectors(article, folded)
        return {
            "url": article.url, "content_hash": article.content_hash, "title": article.title,
            "text": article.text, "folded": folded,
            "published": article.published.isoformat() if article.published else None,
            "published_from": article.published_from, "outlet": article.outlet,
            "cited_sources": json.dumps(list(article.cited_sources), ensure_ascii=False),
            "language": article.language, "keywords": "\n".join(article.keywords),
            "ingested_at": article.ingested_at or datetime.now(timezone.utc),
            "tsv": tsv, "pairs": pairs,
        }

    @staticmethod
    def _row_article(row) -> Article:
        return Article(
            id=row["id"], url=row["url"], content_hash=row["content_hash"], title=row["title"],
            text=row["text"], published=parse_iso_date(row["published"]), published_from=row["published_from"],
            outlet=row["outlet"], cited_sources=tuple(json.loads(row["cited_sources"] or "[]")),
            language=row["language"], keywords=tuple(k for k in (row["keywords"] or "").split("\n") if k),
            ingested_at=row["ingested_at"],
        )

    def _one(self, sql: str, params: Sequence = ()):
        with self._lock:
            return self._pg.execute(sql, tuple(params)).fetchone()

    def _all(self, sql: str, params: Sequence = (), prepare: bool | None = None) -> list:
        with self._lock:
            return self._pg.execute(sql, tuple(params), prepare=prepare).fetchall()

    _ARTICLE_COLUMNS = ("id, url, content_hash, title, text, published, published_from, outlet, cited_sources, "
                        "language, keywords, ingested_at")

    def _article_id(self, ref: int | str) -> int:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            row = self._one("SELECT id FROM articles WHERE id = %s", (int(ref),))
        else:
            row = self._one("SELECT id FROM articles WHERE url = %s", (ref,)) or \
                self._one("SELECT id FROM articles WHERE rtrim(url, '/') = rtrim(%s, '/')", (ref,))
        if row is None:
            raise NotFoundError(f"no article with id or URL {ref!r}")
        return row[0]

    def has_content(self, content_hash: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE content_hash = %s", (content_hash,)) is not None

    def get_article(self, ref: int | str) -> Article:
        article_id = self._article_id(ref)
        return self._row_article(self._one(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id = %s",
                                           (article_id,)))

    def iter_articles(self) -> Iterator[Article]:
        last = 0
        while True:
            rows = self._all(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id > %s ORDER BY id LIMIT 500",
                             (last,))
            if not rows:
                return
            for row in rows:
                yield self._row_article(row)
            last = rows[-1]["id"]

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        rows = self._all(f"SELECT {self._ARTICLE_COLUMNS} FROM articles "
                         "ORDER BY coalesce(published, '') DESC, id DESC LIMIT %s OFFSET %s", (limit, offset))
        return [self._row_article(r) for r in rows]

    def delete_article(self, ref: int | str) -> None:
        article_id = self._article_id(ref)
        with self._write() as pg:
            pg.execute("DELETE FROM articles WHERE id = %s", (article_id,))

    # -- search ----------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked search among the ``search_window`` newest matches, at most RANK_WINDOW_MAX (every
        match when the page reaches past the window, or ``search_window = 0``), as
        ``SQLiteStore.search``.  One statement: ``conflictlens_search`` (migration 008) chooses the
        page's ids and scores on the server, planning each of its steps for the query's own terms
        (a generic plan cannot know how many articles a term matches), and the page's articles are
        joined onto it.  A phrase is narrowed by its word pairs (``pairs``, migration 006) before
        its vector is read; the snippets are made here from the page's texts."""
        node = parse_query(query.text)
        tsquery = pg_text.to_tsquery(node)
        cap = min(self.search_window, RANK_WINDOW_MAX) if self.search_window else 0
        window = cap if cap and query.offset + query.limit <= cap else None
        pairs = pg_text.pair_query(node)
        like = "%" + re.sub(r"([\\%_])", r"\\\1", query.source) + "%" if query.source else None
        params = (None if pg_text.pairs_suffice(node) else tsquery, pairs,
                  query.since.isoformat() if query.since else None, query.until.isoformat() if query.until else None,
                  like, fold_key(query.keyword) if query.keyword else None, tsquery, pg_text.RANK_WEIGHTS,
                  window, query.limit, query.offset, WALK_SHARE_MIN, WALK_ROWS_MAX, PAIR_LIST_WINDOWS)
        try:
            rows = self._all(self._SEARCH_SQL, params, prepare=True)
        except self._psycopg.Error as exc:
            raise QuerySyntaxError(f"cannot search for {query.text!r}: {exc}") from exc
        return [
            SearchHit(article_id=r["id"], url=r["url"], title=r["title"], published=parse_iso_date(r["published"]),
                      source=r["outlet"], **marked_snippet(pg_text.snippet(node, r["text"], open_=HIGHLIGHT_MARKS[0],
                                                                   close=HIGHLIGHT_MARKS[1])),
                      keywords=tuple(k for k in (r["keywords"] or "").split("\n") if k), score=round(r["score"], 4))
            for r in rows
        ]

    _SEARCH_SQL = ("SELECT a.id, a.url, a.title, a.published, a.outlet, a.keywords, a.text, p.score "
                   "FROM conflictlens_search(%s::tsquery, %s::tsquery, %s::text, %s::text, %s::text, %s::text, "
                   "%s::tsquery, %s::real[], %s::integer, %s::integer, %s::integer, %s::float8, %s::integer, "
                   "%s::integer) AS p JOIN articles a ON a.id = p.id ORDER BY p.score DESC, p.id DESC")

    def compact_index(self, work_pages: int) -> None:
        """Move the GIN index's pending entries (fast inserts) into the index proper."""
        with self._lock:
            try:
                self._pg.execute("SELECT gin_clean_pending_list('article_terms_tsv'::regclass), "
                                 "gin_clean_pending_list('article_terms_pairs'::regclass)")
            except self._psycopg.Error as exc:
                raise StoreError(f"cannot tidy the search index of {self.url_shown}: {exc}") from exc

    def keywords(self, top: int = 50) -> list[tuple[str, int]]:
        rows = self._all(
            "SELECT shown, n FROM (SELECT key, count(*) AS n, "
            "(SELECT keyword FROM article_keywords k2 WHERE k2.key = k.key "
            " GROUP BY keyword ORDER BY count(*) DESC, keyword COLLATE \"C\" LIMIT 1) AS shown "
            "FROM article_keywords k GROUP BY key) counted ORDER BY n DESC, shown COLLATE \"C\" LIMIT %s", (top,))
        return [(r["shown"], r["n"]) for r in rows]

    # -- events ----------------------------------------------------------------------------------
    def replace_events(self, article_id: int, events: Sequence[Event]) -> None:
        with self._write() as pg:
            self._write_events(pg, article_id, events)

    @staticmethod
    def _write_events(pg, article_id: int, events: Sequence[Event]) -> None:
        keys, rows = [], []
        for i, ev in enumerate(events):
            key = ev.event_key or f"e{i}"
            keys.append(key)
            p = ev.place
            rows.append({
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
            })
        if rows:
            cols = ", ".join(rows[0])
            marks = ", ".join("%s" for _ in rows[0])
            updates = ", ".join(f"{c} = excluded.{c}" for c in rows[0] if c not in {"article_id", "event_key"})
            with pg.cursor() as cur:
                cur.executemany(f"INSERT INTO events ({cols}) VALUES ({marks}) "
                                f"ON CONFLICT (article_id, event_key) DO UPDATE SET {updates}",
                                [tuple(r.values()) for r in rows])
        pg.execute("DELETE FROM events WHERE article_id = %s AND NOT (event_key = ANY(%s))", (article_id, keys))

    @staticmethod
    def _row_event(row) -> Event:
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
        where, params = ["TRUE"], []
        if flt.article_id is not None:
            where.append("article_id = %s")
            params.append(flt.article_id)
        if flt.actor:  # the stored names the filter selects (query.matching_actor_names), then exact
            names = matching_actor_names(flt.actor, flt.actor_names, self._actor_names())
            where.append("(" + " OR ".join(f"{c} = ANY(%s)" for c in _ACTOR_COLUMNS) + ")")
            params += [names] * len(_ACTOR_COLUMNS)
        kind = acled_type_kind(flt.event_type) if flt.event_type else None
        if kind:  # exact, served by an index that also gives the date order
            where.append(f"lower({kind}) = lower(%s)")
            params.append(flt.event_type.strip())
        elif flt.event_type:
            where.append("(event_type ILIKE %s OR sub_event_type ILIKE %s)")
            params += [f"%{flt.event_type}%"] * 2
        _date_bounds("event_date", flt.since, flt.until, where, params)
        if flt.country:
            where.append("lower(country) = lower(%s)")
            params.append(flt.country)
        if flt.admin1:
            where.append("lower(admin1) = lower(%s)")
            params.append(flt.admin1)
        if flt.near:
            lat, lon, radius = flt.near
            if self.postgis:
                where.append("ST_DWithin(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography, "
                             "ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s, false)")
                params += [lon, lat, radius * 1000.0]
            else:
                dlat = radius / 111.0
                dlon = radius / max(1e-6, 111.0 * math.cos(math.radians(lat)))
                where.append("latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s")
                params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
                where.append(f"2 * {EARTH_KM} * asin(least(1.0, sqrt(power(sin(radians(latitude - %s) / 2), 2) "
                             "+ cos(radians(%s)) * cos(radians(latitude)) * power(sin(radians(longitude - %s) / 2), 2)"
                             "))) <= %s")
                params += [lat, lat, lon, radius]
        return " AND ".join(where), params

    def _actor_names(self) -> list[str]:
        """The distinct actor values stored (actor1/2, associated actors)."""
        union = " UNION ".join(f"SELECT {c} FROM events" for c in _ACTOR_COLUMNS)
        return [r[0] for r in self._all(union) if r[0]]

    def events(self, flt: EventFilter) -> list[Event]:
        where, params = self._event_where(flt)
        rows = self._all(f"SELECT * FROM events WHERE {where} ORDER BY event_date DESC NULLS LAST, id DESC "
                         "LIMIT %s OFFSET %s", [*params, flt.limit, flt.offset])
        return [self._row_event(r) for r in rows]

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._event_where(flt)
        return self._one(f"SELECT count(*) FROM events WHERE {where}", params)[0]

    def stats(self) -> dict[str, int]:
        row = self._one("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                        "(SELECT count(DISTINCT key) FROM article_keywords)")
        return {"articles": row[0], "events": row[1], "keywords": row[2]}

    def close(self) -> None:
        self._pg.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
