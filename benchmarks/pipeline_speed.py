"""Throughput of the whole extraction pipeline on ~600-word articles, on one core.

    python benchmarks/pipeline_speed.py [--n 300] [--memory 10000] [--out benchmarks/results/pipeline_speed.json]

Articles are built from the dev articles of ../shared/eval when present (cut or repeated
to ~600 words), else from the bundled samples.  Reports articles/s of ``Extractor.extract_many``
(spaCy parse + coding + geocoding) in steady state (place names seen before are cached by the
extractor) and on the first pass over the distinct texts (every place name new to the geocoder) and, with ``--memory N``, the resident memory every
N/10 articles while N articles stream through (it should stay flat).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"
SAMPLES = ROOT / "src" / "conflictlens" / "data" / "samples" / "sample_articles.jsonl"


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(words: int = 600) -> list[str]:
    src = SHARED if SHARED.is_file() else SAMPLES
    texts = [json.loads(line)["text"] for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for t in texts:
        ws = t.split(" ")
        while len(ws) < words:
            ws = ws + ws
        out.append(" ".join(ws[:words]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles to time")
    ap.add_argument("--memory", type=int, default=0, help="also stream this many articles and sample memory")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "pipeline_speed.json")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from datetime import date

    from conflictlens.extract import Extractor
    from conflictlens.models import Article
    from conflictlens.options import Options
    from conflictlens.textnorm import content_hash

    texts = corpus()
    arts = [Article(text=t, content_hash=content_hash(f"{i}{t}"), url=f"bench:{i}", published=date(2020, 6, 1))
            for i, t in enumerate(texts[i % len(texts)] for i in range(args.n))]
    extractor = Extractor(Options())
    t0 = time.perf_counter()
    extractor.extract_many(arts[:1])  # model and gazetteer load
    load_s = time.perf_counter() - t0
    distinct = arts[:len(texts)]
    t0 = time.perf_counter()
    extractor.extract_many(distinct)  # first sight of every place name: cold geocoder
    cold = len(distinct) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    events = 0
    for i in range(0, len(arts), args.batch):
        events += sum(len(e) for e in extractor.extract_many(arts[i:i + args.batch]))
    secs = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in arts)
    result = {"articles": len(arts), "words_per_article": round(words / len(arts)), "seconds": round(secs, 2),
              "articles_per_second": round(len(arts) / secs, 1), "events": events, "load_seconds": round(load_s, 2),
              "first_pass_articles_per_second": round(cold, 1),
              "cores": 1}
    if args.memory:
        samples = []
        step = max(1, args.memory // 10)
        done = 0
        while done < args.memory:
            chunk = [Article(text=texts[(done + j) % len(texts)], content_hash=str(done + j), url=f"m:{done + j}",
                             published=date(2020, 6, 1)) for j in range(min(args.batch, args.memory - done))]
            extractor.extract_many(chunk)
            done += len(chunk)
            if done % step < args.batch:
                samples.append((done, round(rss_mb(), 1)))
        result["memory_mb"] = samples
    for k, v in result.items():
        print(f"{k:22} {v}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
