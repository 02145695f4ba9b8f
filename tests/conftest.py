"""Shared fixtures: options that never touch the user's files, and in-memory stores."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from conflictlens.options import load_options

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
PG_SERVER = os.environ.get("CONFLICTLENS_TEST_PG", "postgresql://127.0.0.1:5432/test")


@pytest.fixture
def options(tmp_path):
    # the gazetteer is the default per-user one (built once by scripts/setup.sh), shared by all tests
    return load_options(env={}, db=str(tmp_path / "test.db"), extract=False, progress=False)


@pytest.fixture
def shared_eval():
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation sets not found at {SHARED_EVAL} (../shared/eval)")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server the ``postgres`` tests use; they skip, saying why, when none answers."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed: pip install 'conflictlens[postgres]'")
    try:
        psycopg.connect(PG_SERVER, connect_timeout=3).close()
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL server answers at {PG_SERVER} (set CONFLICTLENS_TEST_PG): "
                    f"{str(exc).strip().splitlines()[0]}")
    return PG_SERVER


def schema_url(server: str, schema: str) -> str:
    """The server URL with ``schema`` first on the search path (libpq's ``options``)."""
    return f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def new_pg_url(pg_server):
    """Makes database URLs, each on a fresh schema of its own; the schemas are dropped after the test."""
    import psycopg

    made: list[str] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return schema_url(pg_server, schema)

    yield make
    with psycopg.connect(pg_server, autocommit=True) as conn:
        for schema in made:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url(new_pg_url):
    """A database URL on a fresh schema, dropped after the test."""
    return new_pg_url()


@pytest.fixture
def new_store(request, tmp_path):
    """Opens new, empty stores: ``new_store("sqlite" | "memory" | "postgres", **options)`` (an SQLite
    file, memory, a fresh PostgreSQL schema); all closed after the test.  Store tests parametrise
    their ``store`` fixture over the three kinds, PostgreSQL marked ``postgres``."""
    opened = []

    def make(kind: str, **kw):
        if kind == "sqlite":
            from conflictlens.store.sqlite import SQLiteStore

            store = SQLiteStore(tmp_path / f"store-{uuid.uuid4().hex[:8]}.db", **kw)
        elif kind == "memory":
            from conflictlens.store.memory import MemoryStore

            store = MemoryStore()
        else:
            from conflictlens.store.postgres import PostgresStore

            store = PostgresStore(request.getfixturevalue("new_pg_url")(), **kw)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
