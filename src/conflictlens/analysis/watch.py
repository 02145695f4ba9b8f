"""Saved questions: store them, re-run them, report which answers changed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from ..errors import ConflictlensError, NotFoundError
from .answer import ask
from .records import Answer


@dataclass(frozen=True)
class SavedQuestion:
    id: int
    text: str
    last_run: str | None
    last_key: str | None
    last_summary: str | None


@dataclass(frozen=True)
class WatchResult:
    question: SavedQuestion
    changed: bool
    before: str | None  # the previous summary
    answer: Answer | None
    error: str | None = None


def answer_key(a: Answer) -> str:
    return f"{a.verdict}|{a.recent_count}|{a.base_count}|{a.recent_fatalities}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def add_question(store, text: str) -> SavedQuestion:
    with store.transaction() as conn:
        conn.execute("INSERT INTO saved_questions (text, created_at) VALUES (?, ?) ON CONFLICT (text) DO NOTHING",
                     (text.strip(), _now()))
    row = store.conn.execute("SELECT * FROM saved_questions WHERE text = ?", (text.strip(),)).fetchone()
    return _saved(row)


def remove_question(store, ref: int | str) -> None:
    with store.transaction() as conn:
        number = int(ref) if str(ref).isdigit() else -1  # an id is a number on every store
        cur = conn.execute("DELETE FROM saved_questions WHERE id = ? OR text = ?", (number, str(ref)))
    if cur.rowcount == 0:
        raise NotFoundError(f"no saved question {ref!r}")


def saved_questions(store) -> list[SavedQuestion]:
    return [_saved(r) for r in store.conn.execute("SELECT * FROM saved_questions ORDER BY id")]


def _saved(row) -> SavedQuestion:
    return SavedQuestion(row["id"], row["text"], row["last_run"], row["last_key"], row["last_summary"])


def run_saved(store, actors=None, geocoder=None, today: date | None = None) -> list[WatchResult]:
    """Answer every saved question again; ``changed`` when the verdict or figures differ from last time."""
    results = []
    for q in saved_questions(store):
        try:
            a = ask(store, q.text, actors, geocoder, today)
        except ConflictlensError as exc:
            results.append(WatchResult(q, False, q.last_summary, None, str(exc).splitlines()[0]))
            continue
        key = answer_key(a)
        changed = q.last_key is not None and key != q.last_key
        with store.transaction() as conn:
            conn.execute("UPDATE saved_questions SET last_run = ?, last_key = ?, last_summary = ? WHERE id = ?",
                         (_now(), key, a.summary, q.id))
        results.append(WatchResult(q, changed or q.last_key is None, q.last_summary, a))
    return results
