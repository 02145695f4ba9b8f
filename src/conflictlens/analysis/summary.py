"""Summarise the member events of one incident (pure): representative fields, tolls, disagreements."""
from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from ..models import Event
from .records import Disagreement, Incident, IncidentSource
from .toll import conservative_toll


def reported_fatalities(event: Event) -> int | None:
    """The toll an article reports, or None when it says nothing about deaths."""
    if event.fatalities > 0 or any(ev.field == "fatalities" for ev in event.evidence):
        return event.fatalities
    return None


def _mode(values: Sequence, default=""):
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return default
    best = max(counts.values())
    return next(v for v in values if counts.get(v) == best)


def _disagreement(name: str, members: Sequence[Event], value) -> Disagreement | None:
    by_value: dict[str, set[int]] = {}
    for e in members:
        v = value(e)
        if v in (None, ""):
            continue
        by_value.setdefault(str(v), set()).add(e.article_id or 0)
    if len(by_value) < 2:
        return None
    return Disagreement(name, tuple((v, tuple(sorted(ids))) for v, ids in sorted(by_value.items())))


def source_of(event: Event, article: Mapping | None) -> IncidentSource:
    article = article or {}
    return IncidentSource(
        event_id=event.id or 0, article_id=event.article_id or 0, outlet=article.get("outlet"),
        url=article.get("url"), title=article.get("title"), published=article.get("published"),
        event_date=event.event_date, event_type=event.event_type, actor1=event.actor1, actor2=event.actor2,
        location=event.location, fatalities=event.fatalities, quote=event.quote(),
        reported_toll=reported_fatalities(event),
        toll_quote=next((ev.span.text for ev in event.evidence if ev.field == "fatalities"), ""),
    )


def source_tolls(members: Sequence[Event]) -> list[int]:
    """One figure per article (its highest, when it codes the incident twice); silent articles give none."""
    by_article: dict[int, int] = {}
    for e in members:
        t = reported_fatalities(e)
        if t is not None:
            key = e.article_id if e.article_id is not None else -(e.id or 0)
            by_article[key] = max(t, by_article.get(key, t))
    return list(by_article.values())


def summarise(members: Sequence[Event], articles: Mapping[int, Mapping] | None = None,
              incident_id: int | None = None) -> Incident:
    """One incident from its member events (ordered by id); ``articles`` gives outlet/url/title by article id."""
    if not members:
        raise ValueError("an incident needs at least one event")
    members = sorted(members, key=lambda e: (e.id or 0))
    articles = articles or {}
    dates = [e.event_date for e in members if e.event_date]
    event_type = _mode([e.event_type for e in members])
    typed = [e for e in members if e.event_type == event_type]
    located = [e for e in members if e.place is not None]
    place = None
    if located:
        best = min(e.place.precision or 9 for e in located)
        finest = [e for e in located if (e.place.precision or 9) == best]
        name = _mode([e.place.name for e in finest])
        place = next(e.place for e in finest if e.place.name == name)
    tolls = source_tolls(members)
    toll = conservative_toll(tolls)
    disagreements = [d for d in (
        _disagreement("event_date", members, lambda e: e.event_date.isoformat() if e.event_date else None),
        _disagreement("event_type", members, lambda e: e.event_type),
        _disagreement("actor1", members, lambda e: e.actor1),
        _disagreement("actor2", members, lambda e: e.actor2),
        _disagreement("location", members, lambda e: e.location),
        _disagreement("fatalities", members, reported_fatalities),
    ) if d is not None]
    return Incident(
        id=incident_id,
        event_date=_mode(dates, None),
        date_min=min(dates) if dates else None,
        date_max=max(dates) if dates else None,
        event_type=event_type,
        sub_event_type=_mode([e.sub_event_type for e in typed]),
        actor1=_mode([e.actor1 for e in typed]),
        actor2=_mode([e.actor2 for e in typed]),
        place=place,
        fatalities=toll.value,
        fatalities_max=max(tolls) if tolls else 0,
        sources=tuple(source_of(e, articles.get(e.article_id or 0)) for e in members),
        disagreements=tuple(disagreements),
        toll_rule=toll.rule,
    )
