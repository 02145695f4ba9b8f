"""The ingest pipeline: a plain sequence of typed stages.

    RawDocument --html_to_document--> RawDocument(text) --clean_text--> text
                --article_metadata--> Metadata --helpful_keywords--> Article
    Article --Extractor.extract--> [Event] --with_event_keywords--> Article

Each stage is a function without I/O; ``api.Conflictlens`` does the reading and storing.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Callable, Sequence

from .errors import EmptyArticleError
from .ingest.clean import clean_text, heading_title
from .ingest.metadata import article_metadata
from .keywords import helpful_keywords
from .models import Article, Event, RawDocument
from .options import Options
from .textnorm import content_hash, normalise_space

MIN_TEXT_CHARS = 40


def document_text(raw: RawDocument) -> RawDocument:
    """HTML to main text (boilerplate removed); plain text passes through."""
    if raw.html and not (raw.text and raw.text.strip()):
        from .ingest.html import html_to_document

        return html_to_document(raw)
    return raw


def prepare_article(raw: RawDocument, options: Options, *,
                    same_as: Callable[[str], str | None] | None = None) -> Article:
    """Clean one document and give it metadata and keywords (no event extraction)."""
    doc = document_text(raw)
    title = normalise_space(doc.title) if doc.title else heading_title(doc.text or "")
    text = clean_text(doc.text or "", title)
    if len(text.strip()) < MIN_TEXT_CHARS:
        reason = "no text" if not (doc.text or "").strip() else "no article text left after removing page furniture"
        raise EmptyArticleError(raw.origin, reason)
    meta = article_metadata(
        text, published=doc.published, source=doc.source, url=doc.url, language=doc.language,
        published_from="metadata" if raw.published else "html",
    )
    keywords = helpful_keywords(text, title, max_n=options.keywords_max, min_n=options.keywords_min,
                                method=options.keywords_method, same_as=same_as)
    return Article(
        text=text, content_hash=content_hash(text), url=doc.url, title=title,
        published=meta.published, published_from=meta.published_from, outlet=meta.outlet,
        cited_sources=meta.cited_sources, language=meta.language, keywords=keywords,
        ingested_at=datetime.now(timezone.utc),
    )


def event_entities(events: Sequence[Event], max_actors: int = 3, max_places: int = 6) -> list[str]:
    """The main actors and places of the events, most frequent first, actors then places."""
    actors: dict[str, int] = {}
    places: dict[str, int] = {}
    generic = ("unidentified", "civilians", "protesters", "rioters")
    for ev in events:
        for name in (ev.actor1, ev.actor2):
            plain = name.split(" (")[0].strip()
            if plain and not plain.lower().startswith(generic):
                actors[plain] = actors.get(plain, 0) + 1
        if ev.place and ev.place.name:
            places[ev.place.name] = places.get(ev.place.name, 0) + 1

    def top(counts: dict[str, int], n: int) -> list[str]:
        return [name for name, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:n]]

    return top(actors, max_actors) + top(places, max_places)


def with_event_keywords(article: Article, events: Sequence[Event], options: Options, *,
                        same_as: Callable[[str], str | None] | None = None) -> Article:
    """Merge the events' actors and places into the article's keywords."""
    entities = event_entities(events)
    if not entities:
        return article
    keywords = helpful_keywords(article.text, article.title, entities, max_n=options.keywords_max,
                                min_n=options.keywords_min, method=options.keywords_method, same_as=same_as)
    return replace(article, keywords=keywords)
