"""JSON shapes of the HTTP API (the CLI's shapes, reused) and the query-parameter parsing they share."""
from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime
from typing import Any, Iterable

from ..cli.common import article_json, event_json
from ..models import Article, Event, EventFilter, SearchHit
from .errors import ApiError

MAX_PAGE = 1000  # items per page for lists
MAX_EXPORT = 100_000  # rows per export


def hit_json(hit: SearchHit) -> dict:
    return {"article_id": hit.article_id, "url": hit.url, "title": hit.title,
            "published": hit.published.isoformat() if hit.published else None, "source": hit.source,
            "snippet": hit.snippet, "highlights": [list(span) for span in hit.highlights],
            "keywords": list(hit.keywords), "score": hit.score}


def plain_json(value: Any) -> Any:
    """Any record (dataclass, tuple, date ...) as JSON-ready data; for analysis results."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    if not value:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(400, f"near={value!r} is not LAT,LON,KM (e.g. 36.58,37.04,25)", "bad_parameter") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise ApiError(400, f"near={value!r}: latitude, longitude or radius out of range", "bad_parameter")
    return lat, lon, km


def event_filter(actor: str | None = None, event_type: str | None = None, since: date | None = None,
                 until: date | None = None, country: str | None = None, admin1: str | None = None,
                 near: str | None = None, article_id: int | None = None, limit: int | None = None,
                 offset: int = 0) -> EventFilter:
    if since and until and since > until:
        raise ApiError(400, f"since ({since}) is after until ({until})", "bad_parameter")
    return EventFilter(actor=actor or None, event_type=event_type or None, since=since, until=until,
                       country=country or None, admin1=admin1 or None, near=parse_near(near),
                       article_id=article_id, limit=limit, offset=offset)


class ArticleCache:
    """Articles by id for one request (events name their article by id)."""

    def __init__(self, store):
        self.store = store
        self.seen: dict[int, Article | None] = {}

    def get(self, article_id: int | None) -> Article | None:
        if article_id is None:
            return None
        if article_id not in self.seen:
            from ..errors import NotFoundError

            try:
                self.seen[article_id] = self.store.get_article(article_id)
            except NotFoundError:
                self.seen[article_id] = None
        return self.seen[article_id]

    def pairs(self, events: Iterable[Event]) -> Iterable[tuple[Event, Article | None]]:
        for ev in events:
            yield ev, self.get(ev.article_id)


def events_json(store, events: list[Event]) -> list[dict]:
    cache = ArticleCache(store)
    return [event_json(ev, art) for ev, art in cache.pairs(events)]


__all__ = ["article_json", "event_json", "hit_json", "plain_json", "event_filter", "events_json",
           "ArticleCache", "MAX_PAGE", "MAX_EXPORT"]
