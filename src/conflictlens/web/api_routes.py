"""The JSON API under /api/: thin handlers over the ``Conflictlens`` facade.

Handlers are plain ``def`` (FastAPI runs them in its thread pool); the SQLite store
serialises writes itself.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import InputError
from ..models import EventFilter, RawDocument, SearchQuery
from .errors import ApiError
from .security import one_at_a_time, require_read, require_write
from .shapes import (MAX_EXPORT, MAX_PAGE, ArticleCache, article_json, event_filter, events_json, hit_json,
                     plain_json)

read = APIRouter(prefix="/api", dependencies=[Depends(require_read), Depends(one_at_a_time)])
write = APIRouter(prefix="/api", dependencies=[Depends(require_write), Depends(one_at_a_time)])

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str | None, Query(max_length=200)]


def lens(request: Request):
    return request.app.state.cl


class EventFilterParams:
    """The event filters of the CLI (`conflictlens events`), as query parameters."""

    def __init__(self, actor: Text = None, event_type: Text = None, since: date | None = None,
                 until: date | None = None, country: Text = None, admin1: Text = None,
                 near: Annotated[str | None, Query(max_length=100, description="LAT,LON,KM")] = None,
                 article_id: Annotated[int | None, Query(ge=1, le=2**62)] = None):
        self.kwargs = dict(actor=actor, event_type=event_type, since=since, until=until, country=country,
                           admin1=admin1, near=near, article_id=article_id)

    def build(self, limit: int | None = None, offset: int = 0) -> EventFilter:
        return event_filter(**self.kwargs, limit=limit, offset=offset)


Filters = Annotated[EventFilterParams, Depends()]


# -- reading ---------------------------------------------------------------------------------------
@read.get("/health", tags=["meta"])
def health(request: Request) -> dict:
    cl = lens(request)
    return {"status": "ok", "version": __version__, "counts": cl.store.stats(),
            "write_enabled": bool(request.app.state.options.token)}


@read.get("/articles", tags=["articles"])
def list_articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    cl = lens(request)
    items = [article_json(a) for a in cl.store.list_articles(limit=limit, offset=offset)]
    return {"items": items, "total": cl.store.stats()["articles"], "limit": limit, "offset": offset}


@read.get("/articles/{ref:path}", tags=["articles"])
def get_article(request: Request, ref: str) -> dict:
    """One article by id or URL, with its text, keywords and events (each with its evidence)."""
    cl = lens(request)
    article = cl.article(ref)
    data = article_json(article, text=True)
    data["events"] = events_json(cl.store, cl.article_events(article.id))
    return data


@read.get("/search", tags=["articles"])
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           since: date | None = None, until: date | None = None, source: Text = None, keyword: Text = None,
           limit: Annotated[int, Query(ge=1, le=200)] = 20, offset: Offset = 0) -> dict:
    """Full-text search: words, "phrases", prefix*, AND/OR/NOT, parentheses."""
    hits = lens(request).search(SearchQuery(text=q, since=since, until=until, source=source or None,
                                            keyword=keyword or None, limit=limit, offset=offset))
    return {"items": [hit_json(h) for h in hits], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(hits) == limit else None}


@read.get("/events", tags=["events"])
def events(request: Request, filters: Filters, limit: Limit = 100, offset: Offset = 0,
           with_total: Annotated[bool, Query(description="also count every matching event (slower on "
                                                         "large databases)")] = False) -> dict:
    """Events, newest first, with the CLI's filters; page with ``offset``/``next_offset``."""
    cl = lens(request)
    flt, actor = cl.actor_filter(filters.build(limit=limit + 1, offset=offset))  # one more: a next page?
    found = cl.events(flt)
    body = {"items": events_json(cl.store, found[:limit]), "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(found) > limit else None}
    if actor is not None:
        body["actor"] = actor_json(actor)
    if with_total:
        body["total"] = cl.store.count_events(replace(flt, limit=None, offset=0))
    return body


def actor_json(ref) -> dict:
    """How an actor filter was read: ``known`` False means a substring match of stored names."""
    return {"text": ref.text, "name": ref.name, "known": ref.known, "how": ref.how}


@read.get("/keywords", tags=["articles"])
def keywords(request: Request, top: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    return {"items": [{"keyword": k, "articles": n} for k, n in lens(request).keywords(top)]}


EXPORT_MEDIA = {"acled-csv": ("text/csv; charset=utf-8", "csv"),
                "geojson": ("application/geo+json", "geojson"),
                "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl")}


@read.get("/export", tags=["events"])
def export(request: Request, filters: Filters,
           format: Literal["acled-csv", "geojson", "jsonl"] = "acled-csv",  # noqa: A002
           limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = MAX_EXPORT) -> Response:
    """Events as ACLED CSV, GeoJSON (for QGIS) or JSON Lines."""
    from ..export import to_string

    cl = lens(request)
    rows = ArticleCache(cl.store).pairs(cl.events(filters.build(limit=limit)))
    media, suffix = EXPORT_MEDIA[format]
    return Response(to_string(rows, format), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="conflictlens-events.{suffix}"'})


# -- analysis (incidents, trend, ask) ---------------------------------------------------------------
ANALYSIS_MODULES = ("", ".jsonify", ".trend", ".ask", ".question")


def analysis(name: str, required: bool = True):
    """The analysis function ``name`` (501 while this version does not have it)."""
    import importlib

    for suffix in ANALYSIS_MODULES:
        try:
            module = importlib.import_module(f"conflictlens.analysis{suffix}")
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    if required:
        raise ApiError(501, f"analysis.{name} is not available in this version")
    return None


def as_json(value, view: str):
    """An analysis record through its JSON view (``analysis.jsonify``), else field by field."""
    convert = analysis(view, required=False)
    return convert(value) if convert else plain_json(value)


@read.get("/incidents", tags=["analysis"])
def incidents(request: Request, filters: Filters, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Incidents: the events of several articles about one real incident, merged, with all their sources."""
    flt, actor = lens(request).actor_filter(filters.build())
    items = list(analysis("list_incidents")(lens(request).store, flt))
    body = {"items": [as_json(i, "incident_to_json") for i in items[offset:offset + limit]], "total": len(items),
            "limit": limit, "offset": offset}
    if actor is not None:
        body["actor"] = actor_json(actor)
    return body


@read.get("/incidents/{incident_id}", tags=["analysis"])
def incident(request: Request, incident_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    return as_json(analysis("get_incident")(lens(request).store, incident_id), "incident_to_json")


@read.get("/trend", tags=["analysis"])
def trend(request: Request, filters: Filters, by: Literal["day", "week", "month"] = "month") -> dict:
    """Incidents and fatalities per period."""
    flt, actor = lens(request).actor_filter(filters.build())
    body = as_json(analysis("trend_series")(lens(request).store, flt, by), "trend_to_json")
    if actor is not None and isinstance(body, dict):
        body["actor"] = actor_json(actor)
    return body


@read.get("/ask", tags=["analysis"])
def ask(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
        today: date | None = None) -> dict:
    """A question in plain words ("Has ISIS returned to rural Aleppo?"), answered from the incidents."""
    cl = lens(request)
    answer = analysis("ask")(cl.store, q, cl.actors, cl.geocoder, today=today)
    return as_json(answer, "answer_to_json")


# -- writing -----------------------------------------------------------------------------------------
class ArticleIn(BaseModel):
    """One article, as a line of the JSONL input format."""

    model_config = ConfigDict(extra="ignore")
    url: str | None = Field(None, max_length=4000)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=500)
    text: str | None = None
    html: str | None = None
    language: str | None = Field(None, max_length=20)


MAX_INGEST = 500


@write.post("/ingest", tags=["write"])
def ingest(request: Request, articles: Annotated[list[ArticleIn], Body(max_length=MAX_INGEST)]) -> dict:
    """Store articles (and extract their events when the server extracts); needs the token."""
    from ..ingest.readers import record_to_document

    docs: list[RawDocument | InputError] = []
    for index, item in enumerate(articles):
        origin = item.url or f"request[{index}]"
        try:
            docs.append(record_to_document(origin, item.model_dump()))
        except InputError as exc:
            docs.append(exc)
    results = lens(request).ingest_documents(docs)
    return {"items": plain_json(results),
            "added": sum(r.status == "added" for r in results),
            "failed": sum(r.status == "failed" for r in results)}


@write.delete("/articles/{ref:path}", tags=["write"])
def delete_article(request: Request, ref: str) -> dict:
    lens(request).delete(ref)
    return {"deleted": ref}
