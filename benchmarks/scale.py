"""Scale (issue 14): extraction throughput over 1, 2, 4 ... worker processes, Dask with 2 local
workers, and PostgreSQL vs SQLite (benchmarks/scale_store.py).

    python benchmarks/scale.py [--n 2000] [--workers 1,2,4] [--dask-n 10000] [--store-n 100000]
                               [--no-dask] [--no-store] [--out benchmarks/results/scale.json]

Articles: the ACLED notes of ../shared/eval/dev/acled_notes/ when present (short reports),
else pipeline_speed.py's corpus (the dev articles, or the bundled samples), repeated with a
numbered opening line so every copy is a distinct article.

- workers: steady-state extraction throughput (articles/s) of ``parallel.py``'s worker pool,
  the pool started and warm (its start-up is reported apart), against one process's
  ``Extractor.extract_many``; the events of every run are checked equal to one process's.
  Also the CPU time an article costs (this process and its workers): on a machine other work
  shares, wall-clock ratios measure the CPU share each run got, so
  ``idle_machine_ratio_estimate`` = min(workers, cores) x (one process's CPU per article /
  this run's) says what the same work would give on an idle machine.
- dask: ``batch.run_batch`` over ``--dask-n`` articles in JSONL partitions on a LocalCluster of
  2 worker processes, Parquet out; its events are checked equal to ``extract``'s on the same
  articles (cleaned as ``ingest`` does, extracted by the 2-worker pool, which the first section
  shows equal to one process).
- store: ``scale_store.store_comparison`` when that module is there, else skipped with a message.

The machine's load average is recorded before and after each section: on a shared machine the
ratios are only as good as the quiet they were measured in.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
NOTES = ROOT.parent / "shared" / "eval" / "dev" / "acled_notes" / "articles.jsonl"


def records(n: int) -> tuple[list[dict], str]:
    """``n`` article records (url, published, source, text), distinct texts."""
    if NOTES.is_file():
        base = [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
        name = "acled_notes"
    else:
        from pipeline_speed import corpus

        base = [{"text": t, "published": "2020-06-01"} for t in corpus()]
        name = "pipeline_speed corpus"
    out = []
    for i in range(n):
        rec = base[i % len(base)]
        copy = i // len(base)
        text = rec["text"] if copy == 0 else f"Copy {copy}. {rec['text']}"
        out.append({"url": f"scale:{i}", "published": rec.get("published") or "2020-06-01",
                    "source": rec.get("source"), "text": text})
    return out, name


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def event_tuple(ev) -> tuple:
    p = ev.place
    return (ev.event_key, ev.event_date, ev.event_type, ev.sub_event_type, ev.actor1, ev.actor2, ev.assoc_actor_1,
            ev.assoc_actor_2, ev.location, p.latitude if p else None, p.longitude if p else None, ev.fatalities,
            ev.injured, ev.notes)


def _cpu_of_self_and_children() -> float:
    """CPU seconds of this process and its live children (the pool's workers)."""
    import psutil  # comes with distributed (the dask extra)

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def workers_section(articles, counts, options, batch: int = 32) -> tuple[dict, list]:
    from conflictlens.extract import Extractor
    from conflictlens.parallel import CHUNKS_IN_FLIGHT_PER_WORKER, _extracted_stream, machine_cores, worker_pool

    out = {"articles": len(articles), "runs": []}
    t0 = time.perf_counter()
    ex = Extractor(options)
    ex.extract_many(articles[:1])
    out["one_process_load_seconds"] = round(time.perf_counter() - t0, 2)
    reference = None
    base_rate = base_cpu = None
    cores = machine_cores()
    for w in counts:
        before = load()
        if w == 1:
            t0, c0 = time.perf_counter(), time.process_time()
            events = []
            for i in range(0, len(articles), batch):
                events += ex.extract_many(articles[i:i + batch])
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            start = 0.0
        else:
            t0 = time.perf_counter()
            with worker_pool(options, w) as pool:
                list(_extracted_stream(pool, articles[:w], 1, w))  # every worker up and warm
                start = time.perf_counter() - t0
                c0 = _cpu_of_self_and_children()
                t0 = time.perf_counter()
                events = [evs for _, chunk in _extracted_stream(pool, articles, batch, w * CHUNKS_IN_FLIGHT_PER_WORKER)
                          for evs in chunk]
                secs, cpu = time.perf_counter() - t0, _cpu_of_self_and_children() - c0
        got = [[event_tuple(e) for e in evs] for evs in events]
        if reference is None:
            reference = got
        rate = len(articles) / secs
        base_rate = base_rate or rate
        cpu_per_article = cpu / len(articles)
        base_cpu = base_cpu or cpu_per_article
        run = {"workers": w, "seconds": round(secs, 2), "articles_per_second": round(rate, 1),
               "cpu_ms_per_article": round(1000 * cpu_per_article, 2),
               # what the same CPU work would give on an otherwise idle machine (an estimate)
               "idle_machine_ratio_estimate": round(min(w, cores) * min(1.0, base_cpu / cpu_per_article), 2),
               "ratio_to_one": round(rate / base_rate, 2), "start_seconds": round(start, 2),
               "events": sum(len(e) for e in got), "identical_to_first": got == reference,
               "load_before": before, "load_after": load()}
        out["runs"].append(run)
        print(f"workers {w}: {run['articles_per_second']} articles/s (x{run['ratio_to_one']}; CPU "
              f"{run['cpu_ms_per_article']} ms/article, idle-machine estimate x{run['idle_machine_ratio_estimate']}), "
              f"start {run['start_seconds']} s, {run['events']} events, identical {run['identical_to_first']}, "
              f"load {before} -> {run['load_after']}", flush=True)
    return out, reference


def dask_section(recs, options, workdir: Path, partition_size: int = 500) -> dict:
    from conflictlens.api import Conflictlens
    from conflictlens.batch import event_rows, run_batch
    from conflictlens.ingest.readers import read_jsonl
    from conflictlens.models import PreparedArticle
    from conflictlens.parallel import CHUNKS_IN_FLIGHT_PER_WORKER, _extracted_stream, worker_pool
    import distributed
    import pyarrow.parquet as pq

    src = workdir / "articles.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out_dir = workdir / "events"
    before = load()
    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    start = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        report = run_batch([str(src)], options, out_dir=str(out_dir), partition_size=partition_size, client=client)
        secs = time.perf_counter() - t0
    finally:
        client.close()
        cluster.close()
    after = load()
    rows = []
    for f in sorted(out_dir.glob("*.parquet")):
        rows += pq.read_table(f).to_pylist()
    # `extract` on the same articles: cleaned as ingest does, extracted by the worker pool
    cl = Conflictlens(options)
    prepared = [cl.prepare(d) for d in read_jsonl(str(src), src.read_text(encoding="utf-8"))]
    good = [p for p in prepared if p.article is not None]
    with worker_pool(options, 2) as pool:
        extracted = [evs for _, chunk in _extracted_stream(pool, [p.article for p in good], 32,
                                                           2 * CHUNKS_IN_FLIGHT_PER_WORKER) for evs in chunk]
    expected = event_rows([(ev, PreparedArticle(p.origin, p.url, p.article)) for p, evs in zip(good, extracted)
                           for ev in evs])

    def strip(rs):
        return [{k: v for k, v in r.items() if k != "timestamp"} for r in rs]

    result = {"articles": report.articles, "partitions": len(report.partitions), "partition_size": partition_size,
              "workers": 2, "cluster_start_seconds": round(start, 2), "seconds": round(secs, 2),
              "articles_per_second": round(report.articles / secs, 1), "events": len(rows),
              "identical_to_extract": strip(rows) == strip(expected), "extract_events": len(expected),
              "load_before": before, "load_after": after}
    print(f"dask (2 local workers): {result['articles']} articles in {result['seconds']} s = "
          f"{result['articles_per_second']} articles/s (cluster start {result['cluster_start_seconds']} s), "
          f"{result['events']} events, identical to extract: {result['identical_to_extract']}", flush=True)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles for the workers section")
    ap.add_argument("--workers", default="", help="comma-separated worker counts (default 1, 2, 4 ... up to 2x cores)")
    ap.add_argument("--dask-n", type=int, default=10_000)
    ap.add_argument("--store-n", type=int, default=100_000)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-store", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scale.json")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from conflictlens.models import Article
    from conflictlens.options import Options
    from conflictlens.parallel import machine_cores
    from conflictlens.textnorm import content_hash

    cores = machine_cores()
    counts = [int(x) for x in args.workers.split(",") if x] or sorted({1, 2, 4, *[2 ** k for k in range(3, 8)
                                                                                  if 2 ** k <= 2 * cores]})
    options = Options()
    recs, source = records(max(args.n, 1))
    articles = [Article(text=r["text"], content_hash=content_hash(r["text"]), url=r["url"],
                        published=date.fromisoformat(r["published"][:10]), outlet=r.get("source"))
                for r in recs[:args.n]]
    result = {"cores": cores, "articles_from": source, "words_per_article": round(
        sum(len(a.text.split()) for a in articles) / max(1, len(articles)), 1)}
    print(f"{cores} cores; {len(articles)} articles from {source} (~{result['words_per_article']} words)", flush=True)
    result["workers"], _ = workers_section(articles, counts, options)
    if not args.no_dask:
        try:
            from conflictlens.batch import require_dask

            require_dask()
        except Exception as exc:  # the extra is missing: say so, go on
            print(f"dask: skipped ({exc})")
            result["dask"] = {"skipped": str(exc)}
        else:
            with tempfile.TemporaryDirectory(prefix="conflictlens-scale-") as tmp:
                result["dask"] = dask_section(records(args.dask_n)[0], options, Path(tmp))
    if not args.no_store:
        try:
            import scale_store
        except ImportError as exc:
            print(f"store: skipped (benchmarks/scale_store.py not importable: {exc})")
            result["store"] = {"skipped": str(exc)}
        else:
            result["store"] = scale_store.store_comparison(n=args.store_n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
