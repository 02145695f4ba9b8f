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
        """Store an article (and its events) in one transaction; returns (id, status).

        The same article (``same_article``: equal content hash, or the same text once the title
        heading that one copy repeats is left out) is stored once:

        - the new copy adds nothing (``merge_article`` returns None): "unchanged", nothing written;
        - it adds metadata the stored one lacks (URL, title, publication date or a better-founded
          one, outlet, cited sources, language): the stored row takes the merged article
          (``merge_article(stored, article)``, same id), its keywords and sources are rewritten and
          its events replaced by ``events`` (which the caller extracted from the merged article,
          as dates resolve differently with a publication date): "updated".

        Else the same URL with new content: the article is replaced and its events with it
        ("updated").  Else a new row: "added".
        """

    def same_article(self, article: Article) -> Article | None:
        """The stored article ``article`` is a copy of: any stored row whose content hash is
        one of ``identity_hashes(article)``, chosen by ``pick_same``; None when there is none."""

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


# -- the same article, and what a new copy adds -------------------------------------------------

_DATE_SOURCES = {"none": 0, "dateline": 1, "html": 2, "metadata": 3}  # how well founded a date is
_HEADING_MAX_CHARS = 300


def _first_paragraph(text: str) -> tuple[str, str]:
    head, _, rest = text.strip().partition("\n")
    return head.strip(), rest.strip()


def identity_hashes(article: Article) -> tuple[str, ...]:
    """Content hashes under which a stored copy of ``article`` may be found: its own; its text
    with its title heading once or twice in front (a copy stored without a title keeps the
    heading in its text); its text without its first paragraph (a copy stored with that
    paragraph as its title -- ``pick_same`` checks the title)."""
    from ..textnorm import content_hash

    hashes = [article.content_hash]
    if article.title:
        hashes += [content_hash(f"{article.title}\n\n{article.text}"),
                   content_hash(f"{article.title}\n\n{article.title}\n\n{article.text}")]
    head, rest = _first_paragraph(article.text)
    if rest and len(head) <= _HEADING_MAX_CHARS:
        hashes.append(content_hash(rest))
    return tuple(dict.fromkeys(hashes))


def pick_same(article: Article, candidates: Sequence[Article]) -> Article | None:
    """The stored article among ``candidates`` (rows found by ``identity_hashes``) that is
    ``article``: an equal hash first; a copy found by leaving out the first paragraph only when
    that paragraph is its title."""
    from ..textnorm import content_hash, fold_key

    for stored in candidates:
        if stored.content_hash == article.content_hash:
            return stored
    head, rest = _first_paragraph(article.text)
    for stored in candidates:
        if rest and stored.content_hash == content_hash(rest):
            if stored.title and fold_key(stored.title) == fold_key(head):
                return stored
            continue
        return stored  # found by the title heading in front of the new copy's text
    return None


def merge_article(stored: Article, new: Article) -> Article | None:
    """``stored`` with what ``new`` (a copy of it) adds, or None when it adds nothing.

    Empty fields are filled (URL, title, outlet, cited sources, language); a date is taken when
    the stored one is missing or less well founded (metadata > page > dateline); a copy that
    brings a title also brings the text without that title heading.  Filled values never
    overwrite others (a syndicated copy under another URL does not move the article)."""
    from dataclasses import replace

    changes: dict = {}
    if new.url and not stored.url:
        changes["url"] = new.url
    if new.title and not stored.title:
        changes["title"] = new.title
        if new.content_hash != stored.content_hash:
            changes.update(text=new.text, content_hash=new.content_hash)
    if new.published and (not stored.published or _DATE_SOURCES.get(new.published_from, 0)
                          > _DATE_SOURCES.get(stored.published_from, 0)) and new.published != stored.published:
        changes.update(published=new.published, published_from=new.published_from)
    if new.outlet and not stored.outlet:
        changes["outlet"] = new.outlet
    if new.cited_sources and not stored.cited_sources:
        changes["cited_sources"] = new.cited_sources
    if new.language and not stored.language:
        changes["language"] = new.language
    if not changes:
        return None
    if new.keywords:
        changes["keywords"] = new.keywords
    return replace(stored, **changes)


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
