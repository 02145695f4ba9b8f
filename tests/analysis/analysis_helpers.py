"""Hand-made articles and events for the analysis tests."""
from __future__ import annotations

from datetime import date

from conflictlens.models import Article, Event, Evidence, Place, Span
from conflictlens.textnorm import content_hash

ALEPPO = dict(country="Syria", admin1="Aleppo")


def place(name: str, lat: float, lon: float, admin2: str = "", precision: int = 1, **kw) -> Place:
    fields = {**ALEPPO, **kw}
    return Place(name=name, latitude=lat, longitude=lon, admin2=admin2 or None, precision=precision, **fields)


def event(day: str, *, actor1="Islamic State", actor2="Military Forces of Syria", etype="Battles",
          sub="Armed clash", where: Place | None = None, fatalities=0, quote="", key="e0") -> Event:
    text = quote or f"Fighting on {day}."
    evidence = [Evidence("event", Span(0, len(text), text))]
    if fatalities:
        evidence.append(Evidence("fatalities", Span(0, len(text), text)))
    return Event(event_date=date.fromisoformat(day), date_precision="day", event_type=etype, sub_event_type=sub,
                 actor1=actor1, actor2=actor2, place=where, fatalities=fatalities, evidence=tuple(evidence),
                 event_key=key)


def article(url: str, day: str, text: str = "", outlet: str = "Test Wire") -> Article:
    text = text or f"Report {url}"
    return Article(text=text, content_hash=content_hash(text + url), url=url, title=url.rsplit("/", 1)[-1],
                   published=date.fromisoformat(day), outlet=outlet)


def save(store, url: str, day: str, events, outlet: str = "Test Wire") -> int:
    article_id, _ = store.save_article(article(url, day, outlet=outlet), list(events))
    return article_id
