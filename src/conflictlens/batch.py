"""Dask for batch: ``conflictlens batch extract INPUT... --dask SCHEDULER|local``.

    plan_partitions(inputs, partition_size)            -> ([BatchPartition], [InputError])
    run_batch(inputs, options, scheduler, out_dir=...) -> BatchReport

Inputs are JSONL files (one article object a line, as for ``ingest``) and Parquet files (the
same fields as columns).  A JSONL file is cut into partitions of ``partition_size`` lines, a
Parquet file into its row groups; ``dask.bag`` maps the partitions over the workers, and each
worker reads its partition itself (the inputs must be on a filesystem the workers see), cleans
and extracts it with the pipeline it loaded once (the spaCy model, the actor table and the
gazetteer), and either

- writes the partition's events to ``OUT/<partition>.parquet`` with the ACLED columns of
  ``export.ACLED_COLUMNS`` (written to a temporary name, then renamed: a file there is whole), or
- sends the articles and their events back to this process, the one writer, which stores them
  like ``ingest`` does (one transaction per article) and then marks the partition done in the
  state folder.

A partition whose output is there and whole is skipped, so a run that failed part-way is run
again and only its missing partitions are done.  A bad line is reported with its file and line
and the rest goes on; a partition whose task fails is reported and the others go on.

The Dask parts are an optional extra: ``pip install 'conflictlens[dask]'``.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .errors import ConflictlensError, InputError, MissingExtraError
from .models import BatchPartition, PartitionResult, PreparedArticle, RawDocument
from .options import Options

PIP_LINE = "pip install 'conflictlens[dask]'"
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
META_KEY = b"conflictlens"
EXTRACT_BATCH = 32


@dataclass
class BatchReport:
    partitions: list[PartitionResult] = field(default_factory=list)
    unreadable: list[InputError] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.partitions)

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.partitions)

    @property
    def ok(self) -> bool:
        return not self.unreadable and not any(p.error or p.failed for p in self.partitions)


def require_dask():
    """The Dask modules, or the exact pip line to install them."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("batch --dask", PIP_LINE) from exc
    return dask.bag, distributed


# -- planning ------------------------------------------------------------------------------------
def plan_partitions(inputs: Sequence[str], partition_size: int = 1000) -> tuple[list[BatchPartition], list[InputError]]:
    """The partitions of the inputs (folders: their JSONL and Parquet files), and the inputs that
    cannot be read, each named with its reason."""
    parts: list[BatchPartition] = []
    errors: list[InputError] = []
    for path in _input_files(inputs, errors):
        try:
            parts.extend(_file_partitions(path, max(1, partition_size)))
        except OSError as exc:
            errors.append(InputError(str(path), exc.strerror or str(exc)))
        except InputError as exc:
            errors.append(exc)
    return parts, errors


def _input_files(inputs: Sequence[str], errors: list[InputError]) -> Iterator[Path]:
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in PARQUET_SUFFIXES | JSONL_SUFFIXES)
            if not found:
                errors.append(InputError(item, "folder holds no .jsonl or .parquet file"))
            yield from found
        elif not path.exists():
            errors.append(InputError(item, "no such file or folder"))
        elif path.suffix.lower() not in PARQUET_SUFFIXES | JSONL_SUFFIXES:
            errors.append(InputError(item, "batch reads .jsonl and .parquet files only"))
        else:
            yield path


def _file_partitions(path: Path, size: int) -> list[BatchPartition]:
    kind = "parquet" if path.suffix.lower() in PARQUET_SUFFIXES else "jsonl"
    stat = path.stat()
    digest = hashlib.sha1(f"{path.resolve()}|{stat.st_size}|{kind}|{size}".encode()).hexdigest()[:10]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.stem)[:40]
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            groups = pq.ParquetFile(path).metadata.num_row_groups
        except pa.ArrowException as exc:
            raise InputError(str(path), f"not a readable Parquet file: {exc}") from None
        bounds = [(g, g + 1) for g in range(groups)]
    else:
        with open(path, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        if stat.st_size and not _ends_with_newline(path):
            lines += 1
        bounds = [(s, min(s + size, lines)) for s in range(0, lines, size)]
    return [BatchPartition(f"{stem}-{digest}-{i:05d}", str(path), kind, a, b) for i, (a, b) in enumerate(bounds)]


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


# -- reading a partition (on a worker) -----------------------------------------------------------
def read_partition(part: BatchPartition) -> list[RawDocument | InputError]:
    """The partition's articles; a bad line or row is an error naming its file and line."""
    from .ingest.readers import record_to_document

    def one(origin: str, value: object) -> RawDocument | InputError:
        try:
            return record_to_document(origin, value)
        except InputError as exc:
            return exc

    out: list[RawDocument | InputError] = []
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        table = pq.ParquetFile(part.path).read_row_group(part.start)
        first = sum(pq.ParquetFile(part.path).metadata.row_group(g).num_rows for g in range(part.start))
        for k, row in enumerate(table.to_pylist()):
            out.append(one(f"{part.path}:row {first + k + 1}", {n: _plain(v) for n, v in row.items()}))
        return out
    with open(part.path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number <= part.start:
                continue
            if number > part.stop:
                break
            where = f"{part.path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                out.append(InputError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                out.append(InputError(where, f"malformed JSON: {exc.msg} at column {exc.colno}"))
                continue
            out.append(one(where, value))
    return out


def _plain(value: object) -> object:
    """Parquet dates and timestamps as ISO text (the ``published`` field is text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


# -- the work of one partition (on a worker) -----------------------------------------------------
_PIPELINES: dict[Options, object] = {}
_LOCK = threading.Lock()


def worker_pipeline(options: Options):
    """This worker process's pipeline for ``options``, built once (model, actors, gazetteer)."""
    with _LOCK:
        cl = _PIPELINES.get(options)
        if cl is None:
            from .api import Conflictlens

            cl = _PIPELINES[options] = Conflictlens(options)
        return cl


def extract_partition(part: BatchPartition, options: Options) -> list[PreparedArticle]:
    """Clean and extract one partition: every item, prepared, with its events (or its error)."""
    from .api import chunked
    from .pipeline import with_event_keywords

    cl = worker_pipeline(options)
    prepared = [cl.prepare(doc) for doc in read_partition(part)]
    good = [p for p in prepared if p.article is not None]
    done: dict[int, PreparedArticle] = {}
    for chunk in chunked(good, EXTRACT_BATCH):
        for p, events in zip(chunk, cl.extractor.extract_many([p.article for p in chunk])):
            article = with_event_keywords(p.article, events, options, same_as=cl.same_as) if events else p.article
            done[id(p)] = PreparedArticle(p.origin, p.url, article, events=tuple(events), extracted=p.article)
    return [done.get(id(p), p) for p in prepared]


def partition_to_parquet(part: BatchPartition, options: Options, out_dir: str) -> PartitionResult:
    """Extract one partition and write its events to ``out_dir/<name>.parquet`` (atomically)."""
    items = extract_partition(part, options)
    failed = tuple((p.origin, p.error or "") for p in items if p.article is None)
    rows = [(ev, p) for p in items if p.article is not None for ev in (p.events or ())]
    result = PartitionResult(part.name, articles=sum(p.article is not None for p in items), events=len(rows),
                             failed=failed)
    write_events_parquet(Path(out_dir) / f"{part.name}.parquet", rows, part, result)
    return result


# -- Parquet output ------------------------------------------------------------------------------
_INT = {"year", "time_precision", "inter1", "inter2", "geo_precision", "fatalities", "injured"}
_FLOAT = {"latitude", "longitude"}
EXTRA_COLUMNS = ("event_key", "article_origin")


def parquet_schema():
    import pyarrow as pa
    from .export import ACLED_COLUMNS

    def kind(name: str):
        return pa.int64() if name in _INT else pa.float64() if name in _FLOAT else pa.string()

    return pa.schema([(c, kind(c)) for c in ACLED_COLUMNS] + [(c, pa.string()) for c in EXTRA_COLUMNS])


def event_rows(rows) -> list[dict]:
    """ACLED rows (``export.event_row``) with typed empty cells: None, not ''."""
    from .export import event_row

    out = []
    for ev, item in rows:
        row = event_row(ev, item.article)
        row = {k: _cell(k, v) for k, v in row.items()}
        row["event_key"] = ev.event_key
        row["article_origin"] = item.origin
        out.append(row)
    return out


def _cell(column: str, value: object) -> object:
    if column in _INT or column in _FLOAT:
        return None if value == "" or value is None else value
    return None if value is None else str(value)


def write_events_parquet(path: Path, rows, part: BatchPartition, result: PartitionResult) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    summary = {"partition": part.name, "input": part.path, "start": part.start, "stop": part.stop,
               "articles": result.articles, "events": result.events, "failed": [list(f) for f in result.failed]}
    schema = schema.with_metadata({META_KEY: json.dumps(summary).encode("utf-8")})
    table = pa.Table.from_pylist(event_rows(rows), schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: a file under the final name is whole


def finished_partition(path: Path, name: str) -> PartitionResult | None:
    """The summary of a partition output already written whole, or None."""
    if not path.is_file():
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
        summary = json.loads(meta[META_KEY])
    except (pa.ArrowException, OSError, KeyError, ValueError):  # not ours or not whole: do it again
        return None
    if summary.get("partition") != name:
        return None
    return PartitionResult(name, summary.get("articles", 0), summary.get("events", 0),
                           tuple(tuple(f) for f in summary.get("failed", ())), skipped=True)


# -- the run (client) ----------------------------------------------------------------------------
def run_batch(inputs: Sequence[str], options: Options, scheduler: str = "local", *, out_dir: str | None = None,
              state_dir: str | None = None, workers: int | None = None, partition_size: int = 1000,
              progress: Callable[[PartitionResult], None] | None = None, client=None) -> BatchReport:
    """Extract the inputs on a Dask cluster (``local``: a LocalCluster of ``workers`` processes,
    default the machine's cores; else a scheduler address).  With ``out_dir`` the events go to
    Parquet partitions there; without, into the store ``options.db`` (partition marks in
    ``state_dir``, default ``<db>.batch``).  ``client``: a ``distributed.Client`` to use instead."""
    bag, distributed = require_dask()
    parts, unreadable = plan_partitions(inputs, partition_size)
    report = BatchReport(unreadable=unreadable)
    marks = Path(out_dir) if out_dir else Path(state_dir or _default_state(options.db))
    todo = []
    for part in parts:
        done = finished_partition(marks / f"{part.name}.parquet", part.name) if out_dir \
            else _finished_mark(marks / f"{part.name}.done", part.name)
        if done is not None:
            report.partitions.append(done)
            if progress:
                progress(done)
        else:
            todo.append(part)
    if not todo:
        return report
    with _client(distributed, scheduler, workers, client) as client:
        items = bag.from_sequence(todo, npartitions=len(todo))
        if out_dir:
            tasks = items.map(partition_to_parquet, options, str(Path(out_dir).resolve()))
            _collect(client, distributed, tasks, todo, report, progress, lambda part, result: result)
        else:
            from .api import Conflictlens

            with Conflictlens(options) as cl:
                def store(part: BatchPartition, prepared: list[PreparedArticle]) -> PartitionResult:
                    results = cl.ingest_prepared(prepared)
                    result = PartitionResult(part.name, articles=sum(r.status != "failed" for r in results),
                                             events=sum(r.events for r in results),
                                             failed=tuple((r.origin, r.error or "") for r in results
                                                          if r.status == "failed"))
                    _write_mark(marks / f"{part.name}.done", result)
                    return result

                tasks = items.map(extract_partition, options)
                _collect(client, distributed, tasks, todo, report, progress, store)
    order = {p.name: i for i, p in enumerate(parts)}
    report.partitions.sort(key=lambda r: order.get(r.name, len(order)))
    return report


def _collect(client, distributed, tasks, todo, report, progress, finish) -> None:
    """Run the bag's partitions; finish each as it completes (in any order), a failed one reported."""
    futures = client.compute(tasks.to_delayed())
    by_future = {f.key: part for f, part in zip(futures, todo)}
    for fut in distributed.as_completed(futures):
        part = by_future[fut.key]
        try:
            (value,) = fut.result()  # one descriptor per bag partition
            result = finish(part, value)
        except ConflictlensError as exc:
            result = PartitionResult(part.name, error=str(exc))
        except Exception as exc:  # a worker's failure of any kind fails this partition only
            result = PartitionResult(part.name, error=f"{type(exc).__name__}: {exc}")
        report.partitions.append(result)
        if progress:
            progress(result)


class _client:
    """A distributed Client: on a new LocalCluster of worker processes, or on a scheduler address."""

    def __init__(self, distributed, scheduler: str, workers: int | None, given=None):
        self.distributed, self.scheduler, self.workers = distributed, scheduler, workers
        self.cluster, self.given = None, given

    def __enter__(self):
        if self.given is not None:
            return self.given
        d = self.distributed
        try:
            if self.scheduler == "local":
                from .parallel import worker_count

                self.cluster = d.LocalCluster(n_workers=worker_count(self.workers), threads_per_worker=1,
                                              processes=True, dashboard_address=None)
                self.client = d.Client(self.cluster)
            else:
                self.client = d.Client(self.scheduler, timeout="30s")
        except OSError as exc:
            raise ConflictlensError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        return self.client

    def __exit__(self, *exc) -> None:
        if self.given is not None:
            return
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _default_state(db: str) -> str:
    if "://" in db or db == ":memory:":
        raise ConflictlensError("batch into a database URL needs --state DIR (where finished partitions are marked)")
    return f"{db}.batch"


def _finished_mark(path: Path, name: str) -> PartitionResult | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("partition") != name:
        return None
    return PartitionResult(name, data.get("articles", 0), data.get("events", 0),
                           tuple(tuple(f) for f in data.get("failed", ())), skipped=True)


def _write_mark(path: Path, result: PartitionResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"partition": result.name, "articles": result.articles, "events": result.events,
                               "failed": [list(f) for f in result.failed]}), encoding="utf-8")
    os.replace(tmp, path)
