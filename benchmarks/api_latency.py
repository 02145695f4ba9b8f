"""API latency for event queries over a large database (issue 6: p95 <= 50 ms over 100k events).

Generates N synthetic events (default 100k, in articles of 10 events) directly into a temporary
SQLite database through ``store.save_article``, then times ``GET /api/events`` (a page of 100, newest first; and with ``with_total``) with various filters
through the real ASGI app (FastAPI TestClient, in process: routing, validation, store, JSON).

    .venv/bin/python benchmarks/api_latency.py [--events 100000] [--repeat 30] [--out benchmarks/results/api_latency.json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from conflictlens.api import Conflictlens
from conflictlens.models import Article, Event, Evidence, Place, Span
from conflictlens.options import load_options
from conflictlens.store.sqlite import SQLiteStore

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
         ("Strategic developments", "Arrests")]
COUNTRIES = [("Syria", ["Aleppo", "Idlib", "Hama", "Homs", "Raqqa"], (35.0, 38.0)),
             ("Iraq", ["Nineveh", "Anbar", "Kirkuk", "Diyala"], (34.0, 43.0)),
             ("Nigeria", ["Borno", "Yobe", "Adamawa", "Kaduna"], (11.0, 12.0)),
             ("Mali", ["Mopti", "Gao", "Timbuktu"], (15.0, -2.0))]
ACTORS = ["Islamic State", "Military Forces of Syria", "Syrian Democratic Forces", "Boko Haram",
          "JNIM", "Civilians", "Protesters", "Police Forces", "Unidentified Armed Group"]


def synthetic_articles(n_events: int, per_article: int, rng: random.Random):
    start = date(2015, 1, 1)
    for a in range(0, n_events, per_article):
        text = f"Synthetic benchmark article {a}. " + "Fighting was reported. " * 20
        events = []
        for k in range(min(per_article, n_events - a)):
            etype, sub = rng.choice(TYPES)
            country, admins, (lat0, lon0) = rng.choice(COUNTRIES)
            day = start + timedelta(days=rng.randrange(3650))
            quote = Span(0, 20, text[:20])
            events.append(Event(
                event_date=day, date_precision="day", event_type=etype, sub_event_type=sub,
                actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
                place=Place(f"Place {rng.randrange(500)}", lat0 + rng.uniform(-2, 2), lon0 + rng.uniform(-2, 2),
                            country=country, admin1=rng.choice(admins), precision=rng.choice([1, 2, 3])),
                fatalities=rng.choice([0, 0, 0, 1, 2, 3, 5, 10, 25]), event_key=f"e{k}",
                evidence=(Evidence("event", quote), Evidence("location", quote))))
        article = Article(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                          url=f"https://bench.invalid/{a}", title=f"Article {a}", published=day)
        yield article, events


QUERIES = {
    "all (first page, 100)": {},
    "event_type=Battles": {"event_type": "Battles"},
    "country=Syria": {"country": "Syria"},
    "country+admin1": {"country": "Iraq", "admin1": "Nineveh"},
    "since/until one month": {"since": "2019-06-01", "until": "2019-06-30"},
    "actor=Islamic State": {"actor": "Islamic State"},
    "near 36,37.5 r=25km": {"near": "36.0,37.5,25"},
    "type+country+year": {"event_type": "Protests", "country": "Nigeria", "since": "2020-01-01",
                          "until": "2020-12-31"},
    "deep page offset=50000": {"offset": 50000},
    "article_id": {"article_id": 777},
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per query")
    parser.add_argument("--limit", type=int, default=100, help="page size")
    parser.add_argument("--out", default="benchmarks/results/api_latency.json")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from conflictlens.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        store = SQLiteStore(db)
        t0 = time.perf_counter()
        for article, events in synthetic_articles(args.events, args.per_article, random.Random(6)):
            store.save_article(article, events)
        build_s = time.perf_counter() - t0
        total = store.stats()["events"]
        print(f"generated {total} events in {build_s:.1f} s", file=sys.stderr)
        options = load_options(env={}, db=db, extract=False, progress=False)
        cl = Conflictlens(options, store=store)
        results, with_total = {}, {}
        all_times: list[float] = []
        with TestClient(create_app(options, cl=cl), client=("127.0.0.1", 5000)) as client:
            for mode, into in (("page", results), ("with_total", with_total)):
                for name, params in QUERIES.items():
                    params = {**params, "limit": args.limit}
                    if mode == "with_total":
                        params["with_total"] = "true"
                    client.get("/api/events", params=params)  # warm-up
                    times = []
                    for _ in range(args.repeat):
                        start = time.perf_counter()
                        response = client.get("/api/events", params=params)
                        times.append((time.perf_counter() - start) * 1000)
                        assert response.status_code == 200, response.text
                    body = response.json()
                    if mode == "page":
                        all_times += times
                    into[name] = {"params": params, "total": body.get("total"), "returned": len(body["items"]),
                                  "p50_ms": round(statistics.median(times), 2),
                                  "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2)}
                    print(f"{mode:10s} {name:28s} returned={len(body['items']):>4} "
                          f"p50={into[name]['p50_ms']:8.2f} ms p95={into[name]['p95_ms']:8.2f} ms")
        cl.close()
    overall = {"p50_ms": round(statistics.median(all_times), 2), "p95_ms": round(percentile(all_times, 95), 2)}
    print(f"{'overall':28s} p50={overall['p50_ms']:.2f} ms p95={overall['p95_ms']:.2f} ms "
          f"(target p95 <= 50 ms)")
    report = {"benchmark": "api_latency", "events": total, "page_size": args.limit, "repeat": args.repeat,
              "client": "fastapi TestClient (in process)", "build_seconds": round(build_s, 1),
              "overall": overall, "target_p95_ms": 50, "meets_target": overall["p95_ms"] <= 50,
              "note": "overall = the default page requests (no total); with_total adds the exact count",
              "load_average": list(os.getloadavg()), "queries": results, "queries_with_total": with_total}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
