"""An in-memory store for tests and throwaway sessions: same behaviour as SQLiteStore."""
from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Iterator, Sequence

from ..errors import NotFoundError
from ..models import Article, Event, EventFilter, SearchHit, SearchQuery
from ..textnorm import fold_key
from .base import identity_hashes, merge_article, pick_same, source_names
from .query import actor_name_matches, matches, parse_query, to_fts
from .sqlite import km_between


class MemoryStore:
    def __init__(self) -> None:
        self.articles: dict[int, Article] = {}
        self._events: dict[int, dict[str, Event]] = {}
        self._ids = itertools.count(1)
        self._event_ids = itertools.count(1)

    def has_content(self, content_hash: str) -> bool:
        return any(a.content_hash == content_hash for a in self.articles.values())

    def same_article(self, article: Article) -> Article | None:
        hashes = set(identity_hashes(article))
        return pick_same(article, [a for a in self.articles.values() if a.content_hash in hashes])

    def save_article(self, article: Article, events: Sequence[Event] | None = None) -> tuple[int, str]:
        same = self.same_article(article)
        if same is not None:  # a copy: kept once, with what the new copy adds (base.Store.save_article)
            merged = merge_article(same, article)
            if merged is None:
                return same.id, "unchanged"
            self.articles[same.id] = merged
            if events is not None:
                self._events.pop(same.id, None)
                self.replace_events(same.id, events)
            return same.id, "updated"
        old = next((a for a in self.articles.values() if article.url and a.url == article.url), None)
        article_id = old.id if old else next(self._ids)
        self.articles[article_id] = replace(article, id=article_id)
        if old:
            self._events.pop(article_id, None)
        if events:
            self.replace_events(article_id, events)
        return article_id, "updated" if old else "added"

    def replace_events(self, article_id: int, events: Sequence[Event]) -> None:
        current = self._events.get(article_id, {})
        new = {}
        for i, ev in enumerate(events):
            key = ev.event_key or f"e{i}"
            ev_id = current[key].id if key in current else next(self._event_ids)
            new[key] = replace(ev, id=ev_id, article_id=article_id, event_key=key)
        self._events[article_id] = new

    def _find(self, ref: int | str) -> Article:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            found = self.articles.get(int(ref))
        else:
            found = next((a for a in self.articles.values() if a.url and a.url.rstrip("/") == ref.rstrip("/")), None)
        if found is None:
            raise NotFoundError(f"no article with id or URL {ref!r}")
        return found

    def get_article(self, ref: int | str) -> Article:
        return self._find(ref)

    def iter_articles(self) -> Iterator[Article]:
        return iter(sorted(self.articles.values(), key=lambda a: a.id))

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        ordered = sorted(self.articles.values(), key=lambda a: (a.published.isoformat() if a.published else "",
                                                                 a.id), reverse=True)
        return ordered[offset:offset + limit]

    def delete_article(self, ref: int | str) -> None:
        article = self._find(ref)
        del self.articles[article.id]
        self._events.pop(article.id, None)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        node = parse_query(query.text)
        to_fts(node)  # same validation as the SQLite store
        hits = []
        for a in self.articles.values():
            doc = "\n".join([a.title or "", a.text, "\n".join(a.keywords)])
            if not matches(node, doc):
                continue
            if query.since and (not a.published or a.published < query.since):
                continue
            if query.until and (not a.published or a.published > query.until):
                continue
            if query.source and not any(query.source.lower() in name.lower() for name in source_names(a)):
                continue
            if query.keyword and fold_key(query.keyword) not in {fold_key(k) for k in a.keywords}:
                continue
            hits.append(SearchHit(a.id, a.url, a.title, a.published, a.outlet, a.text[:200], a.keywords, 1.0))
        return hits[query.offset:query.offset + query.limit]

    def keywords(self, top: int = 50) -> list[tuple[str, int]]:
        counts: dict[str, list] = {}
        for a in self.articles.values():
            for kw in dict.fromkeys(a.keywords):
                entry = counts.setdefault(fold_key(kw), [kw, 0])
                entry[1] += 1
        return sorted(((kw, n) for kw, n in counts.values()), key=lambda kv: (-kv[1], kv[0]))[:top]

    def _matching(self, flt: EventFilter) -> list[Event]:
        out = []
        for article_id, evs in self._events.items():
            if flt.article_id is not None and article_id != flt.article_id:
                continue
            for ev in evs.values():
                p = ev.place
                if flt.actor and not any(actor_name_matches(flt.actor, flt.actor_names, x or "") for x in
                                         (ev.actor1, ev.actor2, ev.assoc_actor_1, ev.assoc_actor_2)):
                    continue
                if flt.event_type and not any(flt.event_type.lower() in x.lower()
                                              for x in (ev.event_type, ev.sub_event_type)):
                    continue
                if flt.since and (not ev.event_date or ev.event_date < flt.since):
                    continue
                if flt.until and (not ev.event_date or ev.event_date > flt.until):
                    continue
                if flt.country and (not p or (p.country or "").lower() != flt.country.lower()):
                    continue
                if flt.admin1 and (not p or (p.admin1 or "").lower() != flt.admin1.lower()):
                    continue
                if flt.near:
                    lat, lon, radius = flt.near
                    if not p or p.latitude is None or km_between(lat, lon, p.latitude, p.longitude) > radius:
                        continue
                out.append(ev)
        out.sort(key=lambda e: (e.event_date.isoformat() if e.event_date else "", e.id), reverse=True)
        return out

    def events(self, flt: EventFilter) -> list[Event]:
        found = self._matching(flt)
        end = None if flt.limit is None else flt.offset + flt.limit
        return found[flt.offset:end]

    def count_events(self, flt: EventFilter) -> int:
        return len(self._matching(flt))

    def stats(self) -> dict[str, int]:
        keys = {fold_key(k) for a in self.articles.values() for k in a.keywords}
        return {"articles": len(self.articles), "events": sum(len(e) for e in self._events.values()),
                "keywords": len(keys)}

    def compact_index(self, work_pages: int) -> None:
        """Nothing to merge in memory."""

    def close(self) -> None:
        return None
