"""RSS and Atom feeds: recognise them and list their entries (feedparser).

``parse_feed`` is pure (bytes in, records out): it never fetches anything.
Deciding whether an entry's own content is long enough or its link must be
fetched is the reader's job (``readers.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser

from ..errors import InputError

FEED_CONTENT_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml",
    "application/x-rss+xml", "application/x-atom+xml",
})
# After an optional BOM, XML declaration, comments and processing instructions:
_FEED_ROOT_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item.  ``content`` is the entry's full content (usually HTML), ``summary`` its teaser."""

    link: str | None
    title: str | None
    published: str | None  # as the feed gives it (RFC 822 or ISO 8601)
    content: str | None
    summary: str | None
    source: str | None = None  # the feed's own title, used as the outlet


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """True when the content type names a feed or the body starts with <rss>, <feed> or <rdf:RDF>."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in FEED_CONTENT_TYPES:
        return True
    return bool(_FEED_ROOT_RE.match(body[:4096]))


def visible_length(markup: str | None) -> int:
    """Number of characters of an HTML fragment once tags are dropped (a cheap size measure)."""
    if not markup:
        return 0
    return len(" ".join(_TAG_RE.sub(" ", markup).split()))


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed, in feed order.

    Raises ``InputError`` when the body is not a feed feedparser can read.
    A well-formed feed with no entries gives an empty list.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": "application/xml"})
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise InputError(url, f"not a readable RSS/Atom feed ({reason or 'unknown format'})")
    feed_title = _clean(parsed.feed.get("title"))
    entries = []
    for item in parsed.entries:
        content = None
        for part in item.get("content", []) or []:
            value = part.get("value")
            if value and (content is None or len(value) > len(content)):
                content = value
        entries.append(FeedEntry(
            link=_clean(item.get("link")),
            title=_clean(item.get("title")),
            published=_clean(item.get("published") or item.get("updated") or item.get("created")),
            content=content,
            summary=item.get("summary") or None,
            source=feed_title,
        ))
    return entries


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
