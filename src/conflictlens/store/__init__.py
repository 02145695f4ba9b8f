"""Stores: ``open_store`` picks one by the database option (a path, ``:memory:`` or a URL)."""
from __future__ import annotations

from .base import Store


def open_store(db: str, *, search_window: int = 2000) -> Store:
    """``postgresql://...`` (or ``postgres://``): PostgresStore; anything else: an SQLite file."""
    from .postgres import is_postgres_url

    if is_postgres_url(db):
        from .postgres import PostgresStore

        return PostgresStore(db, search_window=search_window)
    from .sqlite import SQLiteStore

    return SQLiteStore(db, search_window=search_window)
