"""Event-extraction accuracy against a gold set, scored with ../shared/eval/score.py.

    python benchmarks/eval.py dev            # the 19 full articles
    python benchmarks/eval.py notes --every 5  # every 5th ACLED note (quick iteration)
    python benchmarks/eval.py notes          # all 4,757 notes (reported figures)
    python benchmarks/eval.py general        # false alarms: events coded in GeoWebNews' 200 general news articles

Articles go through the real ingest path (``pipeline.prepare_article``) and the
``Extractor``; events are exported as ACLED CSV and scored.  Prints the scorer's
summary and writes it as JSON (``--out``, default ``benchmarks/results/eval_<set>.json``).
Skips with a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("CONFLICTLENS_SHARED", ROOT.parent / "shared")) / "eval"
SETS = {"dev": SHARED / "dev", "notes": SHARED / "dev" / "acled_notes"}


def load_scorer():
    spec = importlib.util.spec_from_file_location("acled_score", SHARED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_articles(path: Path, every: int = 1):
    from conflictlens.errors import ConflictlensError
    from conflictlens.models import Article, RawDocument
    from conflictlens.options import Options
    from conflictlens.textnorm import content_hash

    try:
        from conflictlens.pipeline import prepare_article
    except ImportError:
        prepare_article = None
    options = Options()
    out = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % every:
                continue
            row = json.loads(line)
            raw = RawDocument(origin=f"{path.name}:{i + 1}", url=row["url"], title=row.get("title"),
                              published=row.get("published"), source=row.get("source"), text=row["text"])
            article = None
            if prepare_article is not None:
                try:
                    article = prepare_article(raw, options)
                except ConflictlensError:
                    article = None
            if article is None:
                from datetime import date

                pub = date.fromisoformat(row["published"]) if row.get("published") else None
                article = Article(text=row["text"], content_hash=content_hash(row["text"]), url=row["url"],
                                  title=row.get("title"), published=pub, outlet=row.get("source"))
            out.append(article)
    return out


def run(name: str, every: int = 1, out_csv: Path | None = None, verbose: bool = False) -> dict | None:
    folder = SETS[name]
    if not (folder / "gold.jsonl").is_file():
        print(f"eval: {folder} not found; skipped")
        return None
    from conflictlens.export import write_acled_csv
    from conflictlens.extract import Extractor
    from conflictlens.options import Options

    scorer = load_scorer()
    t0 = time.perf_counter()
    articles = read_articles(folder / "articles.jsonl", every)
    t1 = time.perf_counter()
    extractor = Extractor(Options())
    results = []
    for i in range(0, len(articles), 64):
        results.extend(extractor.extract_many(articles[i:i + 64]))
    t2 = time.perf_counter()
    out_csv = out_csv or Path("/tmp") / f"conflictlens_eval_{name}.csv"
    with open(out_csv, "w", newline="", encoding="utf-8") as fh:
        write_acled_csv(((ev, a) for a, evs in zip(articles, results) for ev in evs), fh)
    urls = {a.url for a in articles}
    gold = [r for r in scorer.load_rows(str(folder / "gold.jsonl")) if r.get("article_url") in urls]
    preds = scorer.load_rows(str(out_csv))
    result = scorer.score(gold, preds)
    if verbose:
        argv = [str(folder / "gold.jsonl"), str(out_csv), "--verbose"]
        if every > 1:
            sub = Path("/tmp") / f"conflictlens_gold_{name}.jsonl"
            sub.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
            argv[0] = str(sub)
        scorer.main(argv)
    summary = {k: v for k, v in result.items() if not k.startswith("_")}
    summary.update({"set": name, "every": every, "articles": len(articles), "prepare_seconds": round(t1 - t0, 2),
                    "extract_seconds": round(t2 - t1, 2), "csv": str(out_csv)})
    return summary


def run_general() -> dict | None:
    """Events coded in general news (GeoWebNews: 200 articles on any topic, a few of them on
    conflict): a proxy for false alarms in the long articles the gold sets lack.  No gold: the
    figure to watch is events per article, which should only go down."""
    import xml.etree.ElementTree as ET
    from collections import Counter
    from datetime import date

    from conflictlens.extract import Extractor
    from conflictlens.models import Article
    from conflictlens.options import Options
    from conflictlens.textnorm import content_hash

    path = SHARED / "dev" / "geoparse" / "GWN.xml"
    if not path.is_file():
        print(f"eval: {path} not found; skipped")
        return None
    articles = []
    for a in ET.parse(path).getroot().iter("article"):
        text = a.findtext("text") or ""
        articles.append(Article(text=text, content_hash=content_hash(text), url=f"gwn:{a.get('file')}",
                                title=a.findtext("title"), published=date(2018, 2, 1)))
    t0 = time.perf_counter()
    results = Extractor(Options()).extract_many(articles)
    kinds = Counter(ev.sub_event_type for evs in results for ev in evs)
    events = sum(kinds.values())
    return {"set": "general", "articles": len(articles), "events": events,
            "events_per_article": round(events / max(1, len(articles)), 3),
            "articles_with_events": sum(1 for evs in results if evs), "by_sub_event_type": dict(kinds.most_common()),
            "extract_seconds": round(time.perf_counter() - t0, 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", choices=sorted(SETS) + ["general"])
    ap.add_argument("--every", type=int, default=1, help="use every Nth article (quick runs)")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's misses")
    ap.add_argument("--csv", type=Path, help="where to write the exported CSV")
    ap.add_argument("--out", type=Path, help="JSON result (default benchmarks/results/eval_<set>.json; '-' = none)")
    args = ap.parse_args(argv)
    summary = run_general() if args.set == "general" else run(args.set, args.every, args.csv, args.verbose)
    if summary is None:
        return 0
    for k, v in summary.items():
        print(f"{k:22} {v}")
    out = args.out or ROOT / "benchmarks" / "results" / f"eval_{args.set}{'' if args.every == 1 else '_every' + str(args.every)}.json"
    if str(out) != "-":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
