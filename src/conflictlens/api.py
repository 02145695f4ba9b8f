"""The Python API: one facade over the pipeline, the store, extraction and geocoding.

    >>> from conflictlens.api import Conflictlens
    >>> cl = Conflictlens.open("my.db")
    >>> results = cl.ingest(["articles/", "https://example.org/feed.xml"])
    >>> hits = cl.search("Kafr Ghan")

The CLI and the HTTP API are thin layers over this class.  Heavy parts (spaCy,
the gazetteer) load lazily on first use, once.
"""
from __future__ import annotations

import logging
import re

from dataclasses import replace
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Iterator, Sequence

from .errors import ConflictlensError, InputError
from .models import (Article, Event, EventFilter, IngestResult, IngestResults, PreparedArticle, RawDocument, SearchHit,
                     SearchQuery)
from .options import Options, load_options
from .pipeline import prepare_article, with_event_keywords
from .store.base import Store

ProgressFn = Callable[[IngestResult], None]
BATCH = 16
INDEX_MERGE_PAGES_PER_ARTICLE = 4  # an article adds about one page to the full-text index

_log = logging.getLogger(__name__)
_SHORT_WORD = re.compile(r"[^\W\d_]{2,6}")
_GROUP_WORD = "fighters"  # group context for an acronym typed alone in an actor filter


class Conflictlens:
    def __init__(self, options: Options | None = None, *, store: Store | None = None,
                 geocoder=None, extractor=None, actors=None, fetcher=None):
        self.options = options or load_options()
        self._store = store
        self._geocoder = geocoder
        self._extractor = extractor
        self._actors = actors
        self._fetcher = fetcher

    @classmethod
    def open(cls, db: str | None = None, **flags) -> "Conflictlens":
        return cls(load_options(db=db, **flags))

    # -- lazily built parts ------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            from .store import open_store

            self._store = open_store(self.options.db, search_window=self.options.search_window)
        return self._store

    @property
    def actors(self):
        if self._actors is None:
            from .extract.actors import ActorTable

            self._actors = ActorTable.load(self.options)
        return self._actors

    @property
    def geocoder(self):
        if self._geocoder is None:
            from .geo import open_geocoder

            self._geocoder = open_geocoder(self.options)
        return self._geocoder

    @property
    def extractor(self):
        if self._extractor is None:
            from .extract import Extractor

            self._extractor = Extractor(self.options, geocoder=self.geocoder, actors=self.actors)
        return self._extractor

    @cached_property
    def same_as(self) -> Callable[[str], str | None] | None:
        """Alias resolution for keyword merging ("ISIS" and "Islamic State" are one keyword)."""
        try:
            actors = self.actors
        except ImportError:
            return None

        @lru_cache(maxsize=50_000)
        def canonical(name: str) -> str | None:
            actor = actors.resolve(name)
            return actor.name if actor else None

        return canonical

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> "Conflictlens":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------------------------------
    def read(self, items: Sequence[str]) -> Iterator[RawDocument | InputError]:
        from .ingest.readers import read_inputs

        return read_inputs(items, self.options, fetcher=self._fetcher)

    def ingest(self, items: Sequence[str], progress: ProgressFn | None = None, *,
               strict: bool = False) -> IngestResults:
        """Ingest files, folders, JSONL, URLs and feeds, one transaction per article.

        A bad item (missing path, empty folder, malformed line, unreachable URL ...) does not stop
        the batch: it comes back as a ``failed`` result with its reason (``results.ok`` is False,
        ``results.failed`` lists them) and is logged as a warning (shown on stderr when logging is
        not configured) unless ``progress`` takes the reports.  ``strict=True`` raises
        ``IngestFailedError`` naming every failed item instead, after the rest is stored."""
        results = self.ingest_documents(self.read(items), progress)
        if strict:
            return results.raise_for_failures()
        if progress is None:
            for r in results.failed:
                _log.warning("not ingested: %s: %s", r.origin, r.error)
        return results

    def ingest_documents(self, docs: Iterable[RawDocument | InputError],
                         progress: ProgressFn | None = None) -> IngestResults:
        return self.ingest_prepared((self.prepare(doc) for doc in docs), progress)

    def prepare(self, doc: RawDocument | InputError) -> PreparedArticle:
        """Clean one input item (no extraction); a bad item becomes its error."""
        if isinstance(doc, InputError):
            return PreparedArticle(origin=doc.origin, error=doc.reason)
        try:
            return PreparedArticle(doc.origin, doc.url, prepare_article(doc, self.options, same_as=self.same_as))
        except ConflictlensError as exc:
            return PreparedArticle(doc.origin, doc.url, error=_reason(exc))

    def ingest_prepared(self, items: Iterable[PreparedArticle],
                        progress: ProgressFn | None = None) -> IngestResults:
        """Store prepared items in order, in batches; items that carry no events are extracted here
        (``parallel.py`` hands in items its worker processes already extracted)."""
        results = IngestResults()
        batch: list[PreparedArticle] = []

        def emit(result: IngestResult) -> None:
            results.append(result)
            if progress:
                progress(result)

        for item in items:
            if item.article is None:
                emit(IngestResult(origin=item.origin, status="failed", url=item.url, error=item.error))
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                for r in self._store_batch(batch):
                    emit(r)
                batch = []
        for r in self._store_batch(batch):
            emit(r)
        self._compact_index(sum(1 for r in results if r.status in ("added", "updated")))
        return results

    def _compact_index(self, stored: int) -> None:
        """Merge full-text index segments after an ingest, in proportion to the articles stored
        (SQLite stores only).  A failure here loses nothing: the index is only less compact."""
        if not stored:
            return
        try:
            self.store.compact_index(INDEX_MERGE_PAGES_PER_ARTICLE * stored)
        except ConflictlensError as exc:
            _log.warning("full-text index not compacted after ingest (searches stay correct, a little slower): %s", exc)

    def _store_batch(self, batch: list[PreparedArticle]) -> list[IngestResult]:
        if not batch:
            return []
        targets = {i: t for i, p in enumerate(batch) if (t := self._extraction_target(p.article)) is not None}
        todo = list(targets)
        ready: dict[int, tuple[Article, list[Event]]] = {}  # batch index -> article with keywords, events
        if self.options.extract and todo:
            for i in todo:  # a worker process extracted this very target and merged the keywords
                if batch[i].events is not None and batch[i].extracted == targets[i]:
                    ready[i] = (batch[i].article, list(batch[i].events))
            fresh = [i for i in todo if i not in ready]
            extracted = self.extractor.extract_many([targets[i] for i in fresh]) if fresh else []
            for i, events in zip(fresh, extracted):
                article = batch[i].article
                if events:
                    article = with_event_keywords(article, events, self.options, same_as=self.same_as)
                ready[i] = (article, events)
        out = []
        for i, item in enumerate(batch):
            article, events = ready.get(i, (item.article, None))
            try:
                article_id, status = self.store.save_article(article, events if self.options.extract else None)
            except ConflictlensError as exc:
                out.append(IngestResult(origin=item.origin, status="failed", url=item.url, error=_reason(exc)))
                continue
            out.append(IngestResult(origin=item.origin, status=status, article_id=article_id, url=article.url,
                                    title=article.title, events=len(events or ())))
        self._update_incidents([r.article_id for r in out if r.status in ("added", "updated")])
        return out

    def _extraction_target(self, article: Article) -> Article | None:
        """What to extract for an incoming article: itself when it is new; when it is a copy of a
        stored one (``Store.same_article``), the stored article with what the copy adds
        (``store.base.merge_article``: a date resolves relative dates differently), or None when
        it adds nothing."""
        same = getattr(self.store, "same_article", None)
        if same is None:  # a store without it: equal content hash only
            known = getattr(self.store, "has_content", None)
            return None if known and known(article.content_hash) else article
        stored = same(article)
        if stored is None:
            return article
        from .store.base import merge_article

        return merge_article(stored, article)

    def _update_incidents(self, article_ids: Sequence[int]) -> None:
        """Merge the new events into cross-article incidents (SQLite stores only)."""
        if not article_ids or not hasattr(self.store, "conn"):
            return
        from .analysis import update_incidents

        update_incidents(self.store, article_ids, options=self.options)

    # -- extraction --------------------------------------------------------------------------------
    def extract(self, refs: Sequence[int | str] | None = None,
                progress: Callable[[Article, int], None] | None = None, batch: int = BATCH) -> int:
        """(Re-)extract events of stored articles; returns the number of events written."""
        chunks = chunked(self.articles_to_extract(refs), batch)
        return self.store_extracted(((chunk, self.extractor.extract_many(chunk)) for chunk in chunks), progress)

    def articles_to_extract(self, refs: Sequence[int | str] | None = None) -> Iterable[Article]:
        return [self.store.get_article(r) for r in refs] if refs else self.store.iter_articles()

    def store_extracted(self, chunks: Iterable[tuple[Sequence[Article], Sequence[Sequence[Event]]]],
                        progress: Callable[[Article, int], None] | None = None) -> int:
        """Write each chunk's events in order (one transaction per article), then its incidents;
        returns the number of events written (``parallel.py`` hands in chunks its workers extracted)."""
        total = 0
        for chunk, extracted in chunks:
            for article, events in zip(chunk, extracted):
                events = [replace(e, article_id=article.id) for e in events]
                self.store.replace_events(article.id, events)
                total += len(events)
                if progress:
                    progress(article, len(events))
            self._update_incidents([a.id for a in chunk])
        return total

    # -- reading -----------------------------------------------------------------------------------
    def search(self, query: SearchQuery | str) -> list[SearchHit]:
        if isinstance(query, str):
            query = SearchQuery(text=query)
        return self.store.search(query)

    def article(self, ref: int | str) -> Article:
        return self.store.get_article(ref)

    def article_events(self, ref: int | str) -> list[Event]:
        article = self.store.get_article(ref)
        return self.store.events(EventFilter(article_id=article.id))

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        """Events matching the filter; its actor resolves through the actor table (see ``actor_filter``)."""
        return self.store.events(self.actor_filter(flt or EventFilter())[0])

    def actor_filter(self, flt: EventFilter):
        """``flt`` with its actor resolved through the actor table's aliases, as ``ask`` does ("ISIS",
        "Daesh" -> Islamic State; any case or transliteration), and how it was resolved (an
        ``analysis.records.ActorRef``: ``known`` is False when the name is not in the table and is
        matched as a substring of stored names; None without an actor filter)."""
        if not flt.actor or flt.actor_names:
            return flt, None
        from .analysis.resolve import resolve_actor

        try:
            table = self.actors
        except (ConflictlensError, ImportError) as exc:
            _log.warning("actor table unavailable, actor filter is a substring match: %s", exc)
            table = None
        ref = resolve_actor(flt.actor, table)
        name = flt.actor.strip()
        # a short word may be an acronym typed in lower case ("isis", "hts"); an acronym typed
        # alone names a group, so the table's aliases that need group context ("IS") apply
        context_alone = resolve_actor(_GROUP_WORD, table).name if table is not None else None
        for form in dict.fromkeys((name, name.upper()) if _SHORT_WORD.fullmatch(name) else (name,)):
            if ref.known or table is None:
                break
            for text in (form, f"{form} {_GROUP_WORD}") if form.isupper() else (form,):
                found = resolve_actor(text, table)
                if found.known and found.name != context_alone:  # more than the context word names
                    ref = replace(found, text=flt.actor)
                    break
        if not ref.known:
            return flt, replace(ref, how="not in the actor table; matched as a substring of stored actor names")
        # the aliases that name this actor and no other ("@Islamic State" is ISWAP's only in Nigeria)
        own = tuple(a for a in ref.aliases if resolve_actor(a, table).name == ref.name)
        return replace(flt, actor_names=(ref.name, *own)), ref

    def keywords(self, top: int = 50) -> list[tuple[str, int]]:
        return self.store.keywords(top)

    def delete(self, ref: int | str) -> None:
        article_id = self.store.get_article(ref).id
        self.store.delete_article(article_id)
        self._update_incidents([article_id])

    def watch(self, today=None) -> list:
        """Re-answer the saved questions (``conflictlens watch --add``); each result says whether it changed."""
        if not hasattr(self.store, "conn"):
            return []
        from .analysis.watch import run_saved, saved_questions

        if not saved_questions(self.store):
            return []
        return run_saved(self.store, self.actors, self.geocoder, today)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reason(exc: ConflictlensError) -> str:
    return exc.reason if isinstance(exc, InputError) else str(exc)
