"""What only the PostgreSQL store has: URL dispatch, the missing extra, migrations under a lock,
the ``?`` SQL of the analysis package, search parity with the SQLite and memory stores, and two
ingest processes writing one database at once."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from conflictlens.errors import MissingExtraError, QuerySyntaxError
from conflictlens.models import Article, SearchQuery
from conflictlens.store import open_store
from conflictlens.store.postgres import PIP_LINE, is_postgres_url, migrations, qmark_sql
from conflictlens.store.sqlite import SQLiteStore
from conflictlens.textnorm import content_hash

SRC = Path(__file__).resolve().parents[2] / "src"


def test_missing_extra_names_the_pip_line(monkeypatch):
    from conflictlens.store.postgres import PostgresStore

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(MissingExtraError) as err:
        PostgresStore("postgresql://127.0.0.1:1/none")
    assert PIP_LINE == "pip install 'conflictlens[postgres]'" and PIP_LINE in str(err.value)


def test_database_urls_and_paths():
    assert is_postgres_url("postgresql://host/db") and is_postgres_url("POSTGRES://u@h:5432/db")
    assert not any(is_postgres_url(x) for x in ("conflictlens.db", ":memory:", "/tmp/postgresql.db", "", None))


def test_qmark_parameters_outside_string_literals():
    assert qmark_sql("SELECT * FROM t WHERE a = ? AND b IN (?, ?)") == \
        "SELECT * FROM t WHERE a = %s AND b IN (%s, %s)"
    assert qmark_sql("SELECT '?', 'it''s ?' WHERE x LIKE '%a' AND y = ?") == \
        "SELECT '?', 'it''s ?' WHERE x LIKE '%%a' AND y = %s"


@pytest.mark.postgres
def test_open_store_follows_the_url(tmp_path, pg_url):
    from conflictlens.store.postgres import PostgresStore

    sqlite_store = open_store(str(tmp_path / "x.db"))
    pg_store = open_store(pg_url, search_window=7)
    try:
        assert isinstance(sqlite_store, SQLiteStore)
        assert isinstance(pg_store, PostgresStore) and pg_store.search_window == 7
    finally:
        sqlite_store.close()
        pg_store.close()


@pytest.mark.postgres
def test_unreachable_server_is_a_store_error():
    from conflictlens.errors import StoreError
    from conflictlens.store.postgres import PostgresStore

    with pytest.raises(StoreError, match="cannot open database postgresql://127.0.0.1:1/"):
        PostgresStore("postgresql://127.0.0.1:1/nothing?connect_timeout=2")


@pytest.mark.postgres
def test_migrations_are_recorded_once_when_processes_start_together(pg_url):
    from conflictlens.store.postgres import PostgresStore

    stores, errors = [], []

    def start() -> None:
        try:
            stores.append(PostgresStore(pg_url))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(stores) == 3
    rows = stores[0].conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [(r["version"], r[1]) for r in rows] == [(n, name) for n, name, _ in migrations()]
    assert stores[0].migrate() == migrations()[-1][0]
    for s in stores:
        s.close()


PARITY_TEXTS = [
    ("Shelling hit Al-Bab and A'zaz on Monday; residents fled.", "Shelling in the north"),
    ("Protesters in Tripoli demanded fuel, police dispersed them.", "Tripoli protests"),
    ("An airstrike near Ma'arat al-Numan killed four civilians.", None),
    ("Fighting between the army and rebels near Kafr Ghan and Azaz.", "Clashes"),
    ("The council met in Al Bab to discuss the water supply.", "Quiet day"),
    ("Café owners in Alèppo reopened after the shelling stopped.", "Aleppo markets"),
    ("Gunmen ambushed a convoy on the road to Raqqa, killing two.", "Convoy ambush"),
]
PARITY_QUERIES = ["shelling", "shell*", '"Al Bab"', "al-Bab", "Azaz", "A'zaz", "Bab NOT water", "Tripoli OR Raqqa",
                  "(Tripoli OR Raqqa) NOT police", '"killing two"', "aleppo", "cafe", "Maarat", "ma'arat al-numan",
                  "kill*", "convoy AND (ambush OR road)", '"in the north"', "north", '"north Shelling"',
                  "Tripoli protest*"]


@pytest.mark.postgres
def test_search_finds_the_same_articles_as_sqlite_and_memory(new_store):
    stores = [new_store(kind) for kind in ("sqlite", "memory", "postgres")]
    for i, (text, title) in enumerate(PARITY_TEXTS):
        article = Article(text=text, content_hash=content_hash(text), url=f"u{i}", title=title,
                          published=date(2021, 1, 1 + i), keywords=tuple(w for w in ("Al Bab", "Azaz") if w in text))
        for s in stores:
            s.save_article(article)
    for q in PARITY_QUERIES:
        found = [{h.url for h in s.search(SearchQuery(q, limit=50))} for s in stores]
        assert found[0] == found[1] == found[2], (q, found)
    assert {h.url for h in stores[2].search(SearchQuery("shelling"))} == {"u0", "u5"}  # words of two texts
    # a phrase does not run from the title into the text (the memory store reads them as one text)
    assert not stores[0].search(SearchQuery('"protests Protesters"'))
    assert not stores[2].search(SearchQuery('"protests Protesters"'))
    for bad in ('"open', "NOT x", "a OR NOT b", "()", "*"):
        for s in stores:
            with pytest.raises(QuerySyntaxError):
                s.search(SearchQuery(bad))


def _jsonl(numbers) -> str:
    lines = []
    for n in numbers:
        text = (f"Report {n}: gunmen attacked checkpoint number {n} near the river crossing at dawn. "
                f"Local officials counted {n % 7} wounded and said patrol {n} withdrew afterwards.")
        lines.append(json.dumps({"url": f"https://wire.example/{n}", "title": f"Checkpoint {n} attacked",
                                 "published": "2021-03-04", "source": ["Wire A", "Wire B"][n % 2], "text": text}))
    return "\n".join(lines) + "\n"


@pytest.mark.postgres
@pytest.mark.slow
def test_two_ingest_processes_lose_and_duplicate_nothing(pg_url):
    """Two `conflictlens ingest` processes on one database at the same time, their inputs overlapping
    by half (the shared articles in opposite orders, so both reach them at about the same time)."""
    inputs = [_jsonl(range(0, 600)), _jsonl(list(range(300, 900))[::-1])]  # several seconds each
    env = {**os.environ, "CONFLICTLENS_DB": pg_url, "PYTHONPATH": str(SRC)}
    procs = [subprocess.Popen([sys.executable, "-m", "conflictlens", "--no-progress", "ingest", "--no-extract",
                               "--workers", "1", "--json", "-"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in inputs]
    with ThreadPoolExecutor(2) as pool:  # each reads standard input to its end, then stores
        outputs = list(pool.map(lambda p, data: p.communicate(data, timeout=300), procs, inputs))
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    results = [[json.loads(line) for line in out.splitlines() if line.startswith("{")] for out, _ in outputs]
    assert [len(r) for r in results] == [600, 600]
    assert {r["status"] for rs in results for r in rs} <= {"added", "unchanged"}
    added = [[r["article_id"] for r in rs if r["status"] == "added"] for rs in results]
    assert len(added[0]) + len(added[1]) == 900 and not set(added[0]) & set(added[1])  # each article once
    store = open_store(pg_url)
    try:
        assert store.stats()["articles"] == 900
        assert sorted(a.url for a in store.iter_articles()) == sorted(f"https://wire.example/{n}" for n in range(900))
        spans = [store.conn.execute("SELECT min(ingested_at), max(ingested_at) FROM articles WHERE id IN "
                                    f"({', '.join('?' for _ in ids)})", ids).fetchone() for ids in added]
        assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1]  # the two wrote at the same time
        dupes = store.conn.execute("SELECT count(*) FROM (SELECT key FROM article_keywords "
                                   "GROUP BY article_id, key HAVING count(*) > 1) d").fetchone()[0]
        sources = store.conn.execute("SELECT lower(name), count(*) FROM sources GROUP BY lower(name)").fetchall()
        assert dupes == 0 and sources and all(n == 1 for _, n in sources)
        assert len(store.search(SearchQuery("checkpoint", source="wire b", limit=1000))) == 450
    finally:
        store.close()
