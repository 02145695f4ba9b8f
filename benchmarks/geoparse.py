#!/usr/bin/env python3
"""Geoparsing benchmark: GeoWebNews (toponym recall/precision, acc@161, median error, speed)
and gold-location checks on the dev event sets.

usage: python benchmarks/geoparse.py [--shared DIR] [--out benchmarks/results/geoparse.json] [--no-ner] [--limit N]

Reads ../shared/eval (next to the repository) when it exists and skips with a message when it
does not.  Scoring uses the official ``geoparse_score.py``.  Resolution speed is measured on
one core over every mention the recogniser found, with fresh caches (recognition excluded).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from conflictlens.geo import GeoContext, geoparse, open_geocoder
from conflictlens.geo.geomath import km
from conflictlens.geo.gazetteer import Gazetteer
from conflictlens.geo.resolver import GazetteerGeocoder
from conflictlens.models import PlaceMention
from conflictlens.options import Options

ROOT = Path(__file__).resolve().parents[1]


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("geoparse_score", shared / "eval" / "geoparse_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gwn(shared: Path, geocoder, nlp, limit: int | None, predictions: str | None = None) -> dict:
    scorer = _scorer(shared)
    gold = scorer.load_gold(str(shared / "eval" / "dev" / "geoparse" / "GWN.xml"))[:limit]
    texts = [text for _, text, _ in gold]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts)) if nlp is not None else [None] * len(texts)
    ner_seconds = time.perf_counter() - started
    preds, work = {}, []
    started = time.perf_counter()
    for (aid, text, _), doc in zip(gold, docs):
        results = geoparse(text, geocoder, doc=doc)
        preds[aid] = [{"start": m.start, "end": m.end, "latitude": p.latitude, "longitude": p.longitude}
                      for m, p in results if p is not None]
        countries = tuple(dict.fromkeys(p.country for _, p in results if p is not None and p.country))
        work.append((GeoContext(countries=countries), [PlaceMention(text=m.text) for m, _ in results]))
    geoparse_seconds = time.perf_counter() - started
    scores = scorer.score(gold, preds)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as fh:
            for aid, places in preds.items():
                fh.write(json.dumps({"id": aid, "places": places}) + "\n")

    mentions = sum(len(ms) for _, ms in work)
    timings = []
    for _ in range(3):  # fresh caches each time; the best of three (the machine may be shared)
        fresh = GazetteerGeocoder(Gazetteer(geocoder.gazetteer.path))
        started = time.perf_counter()
        for context, ms in work:
            fresh.resolve_many(ms, context)
        timings.append(time.perf_counter() - started)
    resolve_seconds = min(timings)
    scores.update(
        articles=len(gold),
        mentions=mentions,
        resolution_mentions_per_s=round(mentions / resolve_seconds, 1) if resolve_seconds else None,
        geoparse_seconds_without_ner=round(geoparse_seconds, 2),
        ner_seconds=round(ner_seconds, 2),
        ner=nlp is not None,
    )
    return scores


def gold_locations(shared: Path, geocoder) -> dict:
    """Resolve each gold event's location name (with its country and admin1 as context): share within 10 km."""
    out = {}
    for name, path in (("dev", shared / "eval" / "dev" / "gold.jsonl"),
                       ("acled_notes", shared / "eval" / "dev" / "acled_notes" / "gold.jsonl")):
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        rows = [r for r in rows if not r.get("no_events") and r.get("location") and r.get("latitude") is not None]
        dists, unresolved = [], 0
        started = time.perf_counter()
        for r in rows:
            ctx = GeoContext(countries=(r["country"],) if r.get("country") else (),
                             admin1=(r["admin1"],) if r.get("admin1") else ())
            place = geocoder.resolve(PlaceMention(text=r["location"]), ctx)
            if place is None:
                unresolved += 1
                continue
            dists.append(km(place.latitude, place.longitude, float(r["latitude"]), float(r["longitude"])))
        seconds = time.perf_counter() - started
        out[name] = {
            "events": len(rows),
            "resolved": len(dists),
            "within_10km_of_resolved": round(sum(d <= 10 for d in dists) / len(dists), 3) if dists else None,
            "within_10km_of_all": round(sum(d <= 10 for d in dists) / len(rows), 3) if rows else None,
            "median_km": round(statistics.median(dists), 1) if dists else None,
            "mentions_per_s": round(len(rows) / seconds, 1) if seconds else None,
        }
    return out


def seed_article(shared: Path, geocoder, nlp) -> dict:
    """How many of the first dev article's gold places geoparsing finds, and how near (counts only:
    the gold's names and coordinates stay in ../shared)."""
    path = shared / "eval" / "dev" / "articles.jsonl"
    first = json.loads(path.open(encoding="utf-8").readline())
    gold = [json.loads(line) for line in (shared / "eval" / "dev" / "gold.jsonl").open(encoding="utf-8")]
    gold = [g for g in gold if g.get("article_url") == first.get("url") and g.get("latitude") is not None]
    doc = nlp(first["text"]) if nlp is not None else None
    found: dict[str, float] = {}
    for m, p in geoparse(first["text"], geocoder, doc=doc):
        for g in gold:
            if p is not None and m.text == g["location"]:
                d = km(p.latitude, p.longitude, g["latitude"], g["longitude"])
                found[m.text] = min(d, found.get(m.text, d))
    places = {g["location"] for g in gold}
    return {"gold_places": len(places), "found": len(found),
            "within_10km": sum(1 for d in found.values() if d <= 10)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "geoparse.json"))
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--predictions", help="also write the GeoWebNews predictions (JSONL) here")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "eval" / "dev" / "geoparse" / "GWN.xml").exists():
        print(f"skipped: {shared}/eval/dev/geoparse/GWN.xml not found", file=sys.stderr)
        return 0
    options = Options()
    started = time.perf_counter()
    geocoder = open_geocoder(options)
    open_seconds = time.perf_counter() - started
    nlp = None
    if not args.no_ner:
        import spacy

        nlp = spacy.load(options.spacy_model, disable=["lemmatizer"])
    result = {
        "gazetteer_open_seconds": round(open_seconds, 3),
        "gazetteer": {k: v for k, v in geocoder.gazetteer.stats().items() if k in ("places", "names", "built_seconds")},
        "geowebnews": gwn(shared, geocoder, nlp, args.limit, args.predictions),
        "gold_locations": gold_locations(shared, geocoder),
        "seed_article": seed_article(shared, geocoder, nlp),
    }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
