"""Every core on one machine: ``ingest`` and ``extract`` in worker processes, one writer.

    ingest_parallel(cl, items, workers=N, progress=...)   -> [IngestResult]
    extract_parallel(cl, refs, workers=N, progress=...)   -> number of events written

Worker processes (a spawned ``ProcessPoolExecutor``) each build the pipeline once, in the
pool's initializer: the spaCy model, the actor table and the gazetteer.  The main process
reads the inputs and hands chunks of them to the workers -- for ingest in two steps,
cleaning and then extraction, so an article already stored is never extracted -- and stays
the only writer: it stores the chunks' results in input order through the code one process
uses (``Conflictlens.ingest_prepared`` / ``store_extracted``), one transaction per article.
So the outcome is that of one worker: the same articles, stored in the same order (the same
ids), with the same events.  A few chunks are in flight at a time, so memory stays bounded.

A batch smaller than ``MIN_PARALLEL`` items runs in the main process: starting the workers
(about two seconds each to load the model and the gazetteer) costs more than it saves.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Sequence

from .api import BATCH, Conflictlens, ProgressFn, chunked
from .errors import ConfigError, ConflictlensError, ExtractionError, InputError
from .models import Article, Event, IngestResult, PreparedArticle, RawDocument
from .options import Options
from .pipeline import with_event_keywords

MIN_PARALLEL = 64  # fewer items than this: one process
CHUNKS_IN_FLIGHT_PER_WORKER = 3


def machine_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(requested: int | None) -> int:
    """``requested`` workers; 0 or ``None`` means the machine's cores."""
    if requested is not None and requested < 0:
        raise ConfigError(f"workers must be 0 (the machine's cores) or more, not {requested}")
    return requested or machine_cores()


# -- inside a worker process ---------------------------------------------------------------------
_PIPELINE: Conflictlens | None = None  # this worker's pipeline, built once by _start_worker


def _start_worker(options: Options, extract: bool) -> None:
    """Pool initializer: load the actor table and, when extracting, the model and the gazetteer."""
    global _PIPELINE
    cl = Conflictlens(options)
    cl.same_as  # the actor table (keyword aliases)
    if extract:
        ex = cl.extractor
        ex.model.nlp
        ex.syntax_model.parse(["Warm up."])
        ex.geocoder
    _PIPELINE = cl


def _pipeline() -> Conflictlens:
    if _PIPELINE is None:
        raise ExtractionError("worker process used before its initializer ran")
    return _PIPELINE


def _prepare_chunk(docs: list[RawDocument]) -> list[PreparedArticle]:
    cl = _pipeline()
    return [cl.prepare(d) for d in docs]


def _extract_chunk(articles: list[Article]) -> list[tuple[Event, ...]]:
    """The events of each article."""
    cl = _pipeline()
    try:
        return [tuple(events) for events in cl.extractor.extract_many(articles)]
    except ConflictlensError as exc:
        raise ExtractionError(str(exc)) from None  # our errors' own constructors do not all unpickle


def _extract_targets(pairs: list[tuple[Article, Article]]) -> list[tuple[Article, tuple[Event, ...]]]:
    """For (incoming article, article to extract) pairs: the incoming article with the events'
    keywords merged, and the events (as ``Conflictlens._store_batch`` does in one process)."""
    cl = _pipeline()
    out = []
    for (article, _), events in zip(pairs, _extract_chunk([target for _, target in pairs])):
        if events:
            article = with_event_keywords(article, events, cl.options, same_as=cl.same_as)
        out.append((article, events))
    return out


# -- in the main process -------------------------------------------------------------------------
@contextmanager
def worker_pool(options: Options, workers: int, *, extract: bool = True) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` spawned processes, each with the pipeline loaded once."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(options, extract))
    try:
        yield pool
    except BrokenProcessPool as exc:
        raise _broken(exc) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _broken(exc: BrokenProcessPool) -> ExtractionError:
    return ExtractionError(f"a worker process stopped ({exc}); what was stored so far is kept -- "
                           "run again (with --workers 1 to see the cause)")


def ingest_parallel(cl: Conflictlens, items: Sequence[str], *, workers: int | None = None,
                    progress: ProgressFn | None = None, chunk: int = BATCH,
                    min_parallel: int = MIN_PARALLEL, pool: ProcessPoolExecutor | None = None) -> list[IngestResult]:
    """``cl.ingest(items)`` with cleaning and extraction in ``workers`` processes (default: the
    option ``workers``, 0 = the machine's cores); same results, same order.  ``pool``: a
    ``worker_pool`` to reuse (give its size as ``workers``)."""
    n = worker_count(cl.options.workers if workers is None else workers)
    docs = iter(cl.read(items))
    head = list(islice(docs, min_parallel))
    if (n <= 1 and pool is None) or len(head) < min_parallel:
        return cl.ingest_documents(chain(head, docs), progress)
    with _pool_or(pool, cl.options, n, cl.options.extract) as (pool, size):
        stream = _prepared_stream(pool, cl, chain(head, docs), chunk, size * CHUNKS_IN_FLIGHT_PER_WORKER)
        return cl.ingest_prepared(stream, progress)


def extract_parallel(cl: Conflictlens, refs: Sequence[int | str] | None = None, *, workers: int | None = None,
                     progress: Callable[[Article, int], None] | None = None, batch: int = 32,
                     min_parallel: int = MIN_PARALLEL, pool: ProcessPoolExecutor | None = None) -> int:
    """``cl.extract(refs)`` with extraction in ``workers`` processes; the same events are written."""
    n = worker_count(cl.options.workers if workers is None else workers)
    articles = iter(cl.articles_to_extract(refs))
    head = list(islice(articles, min_parallel))
    if (n <= 1 and pool is None) or len(head) < min_parallel:
        chunks = chunked(chain(head, articles), batch)
        return cl.store_extracted(((c, cl.extractor.extract_many(c)) for c in chunks), progress)
    with _pool_or(pool, cl.options, n, True) as (pool, size):
        stream = _extracted_stream(pool, chain(head, articles), batch, size * CHUNKS_IN_FLIGHT_PER_WORKER)
        return cl.store_extracted(stream, progress)


@contextmanager
def _pool_or(pool: ProcessPoolExecutor | None, options: Options, workers: int,
             extract: bool) -> Iterator[tuple[ProcessPoolExecutor, int]]:
    if pool is not None:
        try:
            yield pool, workers
        except BrokenProcessPool as exc:
            raise _broken(exc) from None
        return
    with worker_pool(options, workers, extract=extract) as own:
        yield own, workers


def _extracted_stream(pool: ProcessPoolExecutor, articles: Iterable[Article], batch: int,
                      window: int) -> Iterator[tuple[list[Article], list[tuple[Event, ...]]]]:
    pending: deque[tuple[list[Article], Future]] = deque()
    for chunk in chunked(articles, batch):
        pending.append((chunk, pool.submit(_extract_chunk, chunk)))
        while len(pending) > window:
            done, fut = pending.popleft()
            yield done, fut.result()
    while pending:
        done, fut = pending.popleft()
        yield done, fut.result()


@dataclass
class _Slot:
    """One chunk of input items on its way: cleaned by a worker, then extracted by one."""

    items: list[RawDocument | InputError]
    prepare: Future | None
    prepared: list[PreparedArticle] | None = None
    todo: list[tuple[int, Article]] = field(default_factory=list)  # (index, article to extract)
    extract: Future | None = None


def _prepared_stream(pool: ProcessPoolExecutor, cl: Conflictlens, docs: Iterable[RawDocument | InputError],
                     chunk: int, window: int) -> Iterator[PreparedArticle]:
    """The input items, prepared (and extracted) by the workers, in input order."""
    slots: deque[_Slot] = deque()
    for items in chunked(docs, chunk):
        raw = [d for d in items if not isinstance(d, InputError)]
        slots.append(_Slot(items, pool.submit(_prepare_chunk, raw) if raw else None))
        _promote(pool, cl, slots)
        while len(slots) > window:
            yield from _finish_first(pool, cl, slots)
    while slots:
        yield from _finish_first(pool, cl, slots)


def _promote(pool: ProcessPoolExecutor, cl: Conflictlens, slots: Iterable[_Slot]) -> None:
    """Chunks whose cleaning is done go on to extraction."""
    for slot in slots:
        if slot.prepared is None and (slot.prepare is None or slot.prepare.done()):
            _to_extraction(pool, cl, slot)


def _to_extraction(pool: ProcessPoolExecutor, cl: Conflictlens, slot: _Slot) -> None:
    cleaned = iter(slot.prepare.result() if slot.prepare is not None else ())
    slot.prepared = [PreparedArticle(origin=d.origin, error=d.reason) if isinstance(d, InputError) else next(cleaned)
                     for d in slot.items]
    if not cl.options.extract:
        return
    targets = {i: t for i, p in enumerate(slot.prepared)  # a hint: the writer asks the store again
               if p.article is not None and (t := cl._extraction_target(p.article)) is not None}
    slot.todo = list(targets.items())
    if slot.todo:
        slot.extract = pool.submit(_extract_targets, [(slot.prepared[i].article, t) for i, t in slot.todo])


def _finish_first(pool: ProcessPoolExecutor, cl: Conflictlens, slots: deque[_Slot]) -> list[PreparedArticle]:
    """Wait for the first chunk, sending the others on to extraction as their cleaning ends, so
    the workers never wait on the writer."""
    first = slots[0]
    while first.prepared is None or (first.extract is not None and not first.extract.done()):
        waiting = [s.prepare for s in slots if s.prepared is None and s.prepare is not None]
        if first.extract is not None:
            waiting.append(first.extract)
        wait(waiting, return_when=FIRST_COMPLETED)
        _promote(pool, cl, slots)
    slots.popleft()
    prepared = list(first.prepared)
    if first.extract is not None:
        for (i, target), (article, events) in zip(first.todo, first.extract.result()):
            prepared[i] = replace(prepared[i], article=article, events=events, extracted=target)
    return prepared
