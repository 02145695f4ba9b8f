"""The store protocol and the record <-> row codec shared by its implementations."""
from __future__ import annotations

import json
from datetime import date
from typing import Iterator, Protocol, Sequence
from urllib.parse import urlsplit

from ..models import Article, Candidate, Event, EventFilter, Evidence, Place, SearchHit, SearchQuery, Span

SaveStatus = str  # "added" | "updated" | "unchanged"


class Store(Protocol):
    """Where articles and events live.  Implementations: SQLiteStore, MemoryStore."""

    def save_article(self, article: Article, events: Sequence[Event] | None = None) -> tuple[int, SaveStatus]:
        """Store an article (and its events) in one transaction.

        Same content hash: nothing changes ("unchanged").  Same URL with new
        content: the article is replaced and its events with it ("updated").
        """

    def replace_events(self, article_id: int, events: Sequence[Event]) -> None:
        """Make the article's events exactly ``events`` (matched on ``event_key``)."""

    def has_content(self, content_hash: str) -> bool:
        """Whether an article with this normalised-text hash is stored."""

    def get_article(self, ref: int | str) -> Article:
        """By id or URL; raises NotFoundError."""

    def iter_articles(self) -> Iterator[Article]: ...

    def delete_article(self, ref: int | str) -> None: ...

    def search(self, query: SearchQuery) -> list[SearchHit]: ...

    def keywords(self, top: int = 50) -> list[tuple[str, int]]: ...

    def events(self, flt: EventFilter) -> list[Event]: ...

    def count_events(self, flt: EventFilter) -> int: ...

    def stats(self) -> dict[str, int]: ...

    def compact_index(self, work_pages: int) -> None:
        """Tidy the full-text index after an ingest (a no-op where there is nothing to tidy)."""

    def close(self) -> None: ...


# -- codec ---------------------------------------------------------------------------------------

def evidence_to_json(evidence: Sequence[Evidence]) -> str:
    return json.dumps(
        [{"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text, "note": e.note}
         for e in evidence],
        ensure_ascii=False,
    )


def evidence_from_json(data: str | None) -> tuple[Evidence, ...]:
    if not data:
        return ()
    return tuple(
        Evidence(field=d["field"], span=Span(d["start"], d["end"], d["text"]), note=d.get("note", ""))
        for d in json.loads(data)
    )


def place_to_json(place: Place | None) -> str | None:
    if place is None:
        return None
    d = {k: getattr(place, k) for k in (
        "name", "latitude", "longitude", "country", "admin1", "admin2", "admin3", "geonameid",
        "precision", "matched_name", "reason")}
    d["candidates"] = [c.__dict__ for c in place.candidates]
    return json.dumps(d, ensure_ascii=False)


def place_from_json(data: str | None) -> Place | None:
    if not data:
        return None
    d = json.loads(data)
    cands = tuple(Candidate(**c) for c in d.pop("candidates", []))
    return Place(**d, candidates=cands)


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def url_host(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without port or a leading "www."."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return (host[4:] if host.startswith("www.") else host) or None


def source_names(article: Article) -> list[str]:
    """What a source filter looks at: the outlet, the cited sources and the URL's host."""
    names: list[str] = []
    seen: set[str] = set()
    for name in (article.outlet, *article.cited_sources, url_host(article.url)):
        name = (name or "").strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names
