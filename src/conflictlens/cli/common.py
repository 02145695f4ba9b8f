"""Helpers shared by the CLI commands: argument types, JSON shapes, the console."""
from __future__ import annotations

import argparse
from datetime import date

from ..models import Article, Event


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2020-06-23") from exc


def parse_near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not LAT,LON,KM (e.g. 36.58,37.04,25)") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"{value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def article_json(article: Article, text: bool = False) -> dict:
    data = {
        "id": article.id, "url": article.url, "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from, "source": article.outlet,
        "cited_sources": list(article.cited_sources), "language": article.language,
        "keywords": list(article.keywords),
    }
    if text:
        data["text"] = article.text
    return data


def event_json(event: Event, article: Article | None = None) -> dict:
    p = event.place
    return {
        "id": event.id, "article_id": event.article_id, "article_url": article.url if article else None,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "date_precision": event.date_precision, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1, "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1, "actor2": event.actor2, "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2, "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None, "location": event.location or None,
        "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "geo_precision": p.precision if p else None, "geonameid": p.geonameid if p else None,
        "fatalities": event.fatalities, "injured": event.injured, "notes": event.notes,
        "evidence": [{"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text,
                      "note": e.note} for e in event.evidence],
    }
