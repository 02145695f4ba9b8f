"""Ingest throughput and search latency on synthetic articles.

    python benchmarks/ingest_search.py                       # 10k and 100k articles
    python benchmarks/ingest_search.py --sizes 2000 --queries 100 --out /tmp/x.json

For each size N it generates N synthetic ~400-word articles (seeded: a generated
vocabulary with a Zipf-like frequency, plus made-up place and actor names, some
with Arabic-style "al-" prefixes), ingests them WITHOUT event extraction
(``Options(extract=False)``) through the real path
(``Conflictlens.ingest_documents``: cleaning, metadata, keywords, SQLite + FTS5)
into a fresh database, then runs ~200 varied queries (words, phrases, prefix*,
AND/OR/NOT, filters on date, source and keyword) and reports ingest articles/s
and search latency (median, p95, max, in ms).  Prints a table, writes JSON.

Targets (issue 2): ingest >= 300 articles/s on one core; search p95 <= 20 ms at 100k.
Nothing here reads ../shared.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from conflictlens.api import Conflictlens
from conflictlens.errors import ConflictlensError
from conflictlens.models import RawDocument, SearchQuery
from conflictlens.options import Options
from conflictlens.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "ingest_search.json"
TARGET_INGEST = 300.0
TARGET_P95_MS = 20.0

FUNCTION_WORDS = ("the of and to in a on said that was were by for with at from after as an had his their "
                  "near two three killed local sources which who its it has been over into during while "
                  "residents forces group town village attack").split()
SYLLABLES = ("ba ka ra ma sa ta la na da fa ha ja wa za qa ri ni mi si li ti di fi hi ki zi bu mu su tu lu nu "
             "du ku ru hu ab ar an al am as at ay ud um un ur ot om on or el en er es et").split()
OUTLETS = ("Example Wire", "Desert Courier", "River Gazette", "Northern Monitor", "Plains Daily", "Coast Herald",
           "Valley Post", "Frontier News", "Harbour Times", "Mountain Record", "Border Observer",
           "Steppe Tribune", "Delta Review", "Capital Dispatch", "Oasis Journal", "Highland Voice",
           "Lake Bulletin", "Canyon Report", "Island Chronicle", "Metro Ledger")


class Corpus:
    """A seeded generator of synthetic articles."""

    def __init__(self, seed: int, vocab_size: int = 6000, places: int = 800, actors: int = 120):
        self.rng = random.Random(seed)
        seen: set[str] = set(FUNCTION_WORDS)
        self.vocab: list[str] = []
        while len(self.vocab) < vocab_size:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 2, 3, 3, 4))))
            if word not in seen and len(word) >= 4:
                seen.add(word)
                self.vocab.append(word)
        self.cum_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(self.vocab))))
        self.places = [self._name(("al-", "Al ", "el-", "", "", "", "Tal ", "Kafr ", "Deir ")) for _ in range(places)]
        self.actors = [self._name(("", "", "Brigade of ", "Front of ", "Army of ")) + self.rng.choice(
            (" Forces", " Front", " Movement", " Brigades", " Guard", "")) for _ in range(actors)]
        self.start = date(2017, 1, 1)

    def _name(self, prefixes: tuple[str, ...]) -> str:
        core = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 3, 3, 4))))
        return self.rng.choice(prefixes) + core.capitalize()

    def _sentence(self, places: list[str], actors: list[str]) -> str:
        rng = self.rng
        n = rng.randint(9, 22)
        words = rng.choices(self.vocab, cum_weights=self.cum_weights, k=n)
        for i in range(n):
            if rng.random() < 0.35:
                words[i] = rng.choice(FUNCTION_WORDS)
        if rng.random() < 0.6:
            words.insert(rng.randint(1, len(words)), "in " + rng.choice(places))
        if rng.random() < 0.4:
            words.insert(rng.randint(0, len(words)), rng.choice(actors))
        if rng.random() < 0.2:
            words.insert(rng.randint(1, len(words)), f"{rng.randint(2, 40)} people")
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", ", sources said.", ", residents said."))

    def article(self, i: int) -> RawDocument:
        rng = self.rng
        places = rng.sample(self.places, 3)
        actors = rng.sample(self.actors, 2)
        paragraphs, words = [], 0
        while words < 400:
            para = " ".join(self._sentence(places, actors) for _ in range(rng.randint(2, 4)))
            words += len(para.split())
            paragraphs.append(para)
        title_words = rng.choices(self.vocab[:1500], cum_weights=self.cum_weights[:1500], k=rng.randint(4, 8))
        title = f"{actors[0]} {' '.join(title_words)} in {places[0]}"
        published = self.start + timedelta(days=rng.randrange(0, 8 * 365))
        source = rng.choice(OUTLETS)
        return RawDocument(origin=f"synthetic:{i}", url=f"https://synthetic.test/{source.split()[0].lower()}/{i}",
                           title=title, published=published.isoformat(), source=source,
                           text="\n\n".join(paragraphs))

    def articles(self, n: int) -> Iterator[RawDocument]:
        for i in range(n):
            yield self.article(i)

    def queries(self, n: int, seed: int) -> list[tuple[str, SearchQuery]]:
        """``n`` varied queries, cycling through the kinds below (kind, query).

        Three kinds in seventeen (``word_frequent``, ``prefix_short``, ``page_2``) use one of
        the 50 most frequent words, found in nearly every article (like "Syria" in a
        database of Syrian news): they are the worst case for ranking and set the p95.
        """
        rng = random.Random(seed)
        frequent, middle, rare = self.vocab[:50], self.vocab[50:1000], self.vocab[1000:]

        def since_until() -> tuple[date, date]:
            a = self.start + timedelta(days=rng.randrange(0, 7 * 365))
            return a, a + timedelta(days=rng.choice((30, 90, 365)))

        makers = [
            ("word_frequent", lambda: SearchQuery(rng.choice(frequent))),
            ("word_middle", lambda: SearchQuery(rng.choice(middle))),
            ("word_rare", lambda: SearchQuery(rng.choice(rare))),
            ("place", lambda: SearchQuery(rng.choice(self.places))),
            ("place_variant", lambda: SearchQuery(_variant(rng.choice(self.places)))),
            ("actor_phrase", lambda: SearchQuery(f'"{rng.choice(self.actors)}"')),
            ("phrase", lambda: SearchQuery(f'"{rng.choice(frequent)} {rng.choice(FUNCTION_WORDS)}"')),
            ("prefix", lambda: SearchQuery(rng.choice(middle)[:4] + "*")),
            ("prefix_short", lambda: SearchQuery(rng.choice(frequent)[:3] + "*")),
            ("and", lambda: SearchQuery(f"{rng.choice(middle)} AND {rng.choice(middle)}")),
            ("or", lambda: SearchQuery(f"{rng.choice(middle)} OR {rng.choice(rare)}")),
            ("not", lambda: SearchQuery(f"{rng.choice(middle)} NOT {rng.choice(middle)}")),
            ("nested", lambda: SearchQuery(f"({rng.choice(middle)} OR {rng.choice(middle)}) "
                                           f"AND {rng.choice(self.places)}")),
            ("filter_dates", lambda: SearchQuery(rng.choice(middle), *since_until())),
            ("filter_source", lambda: SearchQuery(rng.choice(middle), source=rng.choice(OUTLETS))),
            ("filter_keyword", lambda: SearchQuery(rng.choice(middle), keyword=rng.choice(self.places))),
            ("page_2", lambda: SearchQuery(rng.choice(frequent), offset=20)),
        ]
        return [(kind, make()) for kind, make in (makers[i % len(makers)] for i in range(n))]


def _variant(place: str) -> str:
    """Another spelling of a place name, as users type it ("al-Bab" for "Al Bab")."""
    for a, b in (("al-", "Al "), ("Al ", "al-"), ("el-", "El "), ("Kafr ", "Kafar ")):
        if place.startswith(a):
            return b + place[len(a):]
    return place.lower()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def profile_ingest(n: int, seed: int, workdir: Path, top: int = 15) -> list[dict]:
    """Where ingest time goes: cProfile over ``n`` articles, the top functions by cumulative time."""
    import cProfile
    import pstats

    db = workdir / "bench_profile.db"
    store = SQLiteStore(db)
    with Conflictlens(Options(db=str(db), extract=False, progress=False), store=store) as cl:
        _ = cl.same_as
        docs = list(Corpus(seed).articles(n))
        profiler = cProfile.Profile()
        profiler.enable()
        cl.ingest_documents(docs)
        profiler.disable()
    for p in workdir.glob("bench_profile.db*"):
        p.unlink()
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)
    rows = []
    for (filename, line, name), (_, calls, _tt, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "conflictlens" in filename or name.startswith("<method 'execute'"):
            short = filename.split("src/")[-1] if "src/" in filename else filename
            rows.append({"function": f"{short}:{line}({name})", "calls": calls,
                         "cumulative_share": round(cumtime / total, 3)})
    rows.sort(key=lambda r: -r["cumulative_share"])
    return rows[:top]


def run_size(n: int, queries: int, seed: int, workdir: Path) -> dict:
    db = workdir / f"bench_{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    options = Options(db=str(db), extract=False, progress=False)
    corpus = Corpus(seed)
    store = SQLiteStore(db)
    result: dict = {"articles": n}
    with Conflictlens(options, store=store) as cl:
        _ = cl.same_as  # load the actor table (keyword merging) before timing
        gen_started = time.perf_counter()
        docs = list(corpus.articles(n))
        result["generate_s"] = round(time.perf_counter() - gen_started, 2)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        cpu_started = time.process_time()
        results = cl.ingest_documents(docs)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        statuses: dict[str, int] = {}
        for r in results:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        del docs
        result.update({
            "ingest_s": round(elapsed, 2), "ingest_cpu_s": round(cpu, 2),
            "ingest_articles_per_s": round(n / elapsed, 1),
            "ingest_articles_per_cpu_s": round(n / max(cpu, 1e-9), 1),  # fairer when the machine is shared
            "load_average_before_ingest": round(load_before, 2),
            "load_average_after_ingest": round(os.getloadavg()[0], 2), "statuses": statuses,
            "db_mb": round(sum(os.path.getsize(p) for p in workdir.glob(f"bench_{n}.db*")) / 1e6, 1),
        })
        with sqlite3.connect(db) as conn:  # what a long-lived database has: checkpointed WAL, fresh stats
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA optimize")

        plan = corpus.queries(queries, seed + 1)
        for _, q in plan[:20]:  # warm the page cache as a running server would be
            cl.search(q)
        latencies: list[float] = []
        by_kind: dict[str, list[float]] = {}
        hits_total, errors = 0, []
        for kind, q in plan:
            t0 = time.perf_counter()
            try:
                hits = cl.search(q)
            except ConflictlensError as exc:
                errors.append(f"{q.text!r}: {exc}")
                continue
            ms = (time.perf_counter() - t0) * 1000
            latencies.append(ms)
            by_kind.setdefault(kind, []).append(ms)
            hits_total += len(hits)
        result.update({
            "queries": len(plan), "query_errors": errors, "mean_hits": round(hits_total / max(1, len(latencies)), 1),
            "search_median_ms": round(statistics.median(latencies), 2),
            "search_p95_ms": round(percentile(latencies, 0.95), 2),
            "search_max_ms": round(max(latencies), 2),
            "search_by_kind_median_ms": {k: round(statistics.median(v), 2) for k, v in sorted(by_kind.items())},
            "search_by_kind_max_ms": {k: round(max(v), 2) for k, v in sorted(by_kind.items())},
        })
    result["load_average_after_search"] = round(os.getloadavg()[0], 2)
    result["meets_ingest_target"] = result["ingest_articles_per_s"] >= TARGET_INGEST
    # "on one core": CPU time is the honest figure when other work shares the machine
    result["meets_ingest_target_per_cpu_s"] = result["ingest_articles_per_cpu_s"] >= TARGET_INGEST
    result["meets_search_target"] = result["search_p95_ms"] <= TARGET_P95_MS
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20240514)
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--workdir", help="where the databases go (default: a temporary folder, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile the ingest of N articles and report where the time goes")
    args = parser.parse_args(argv)

    tmp = None
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="conflictlens-bench-")
        workdir = Path(tmp.name)
    runs = []
    try:
        for n in args.sizes:
            print(f"-- {n} articles ...", file=sys.stderr, flush=True)
            runs.append(run_size(n, args.queries, args.seed, workdir))
            r = runs[-1]
            print(f"   ingest {r['ingest_articles_per_s']} articles/s; search median {r['search_median_ms']} ms, "
                  f"p95 {r['search_p95_ms']} ms", file=sys.stderr, flush=True)
            if not args.keep:
                for p in workdir.glob(f"bench_{n}.db*"):
                    p.unlink()
        profile = profile_ingest(args.profile, args.seed, workdir) if args.profile else []
    finally:
        if tmp is not None and not args.keep:
            tmp.cleanup()

    print(f"{'articles':>9} {'ingest/s':>9} {'ingest s':>9} {'db MB':>7} {'median ms':>10} {'p95 ms':>8} "
          f"{'max ms':>8} {'hits':>6}")
    for r in runs:
        print(f"{r['articles']:>9} {r['ingest_articles_per_s']:>9} {r['ingest_s']:>9} {r['db_mb']:>7} "
              f"{r['search_median_ms']:>10} {r['search_p95_ms']:>8} {r['search_max_ms']:>8} {r['mean_hits']:>6}")
    report = {
        "benchmark": "ingest_search",
        "targets": {"ingest_articles_per_s": TARGET_INGEST, "search_p95_ms": TARGET_P95_MS},
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "cpus": os.cpu_count(), "platform": platform.platform()},
        "seed": args.seed, "runs": runs,
        "ingest_profile": profile,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
