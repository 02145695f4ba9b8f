"""`extract`, `events` and `export`: run extraction on stored articles, list and export events."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager

from ..models import EventFilter
from .common import DATE_FORMS, console, parse_count, parse_day, parse_near, parse_positive, resolved_filter

_date, _near = parse_day, parse_near  # argparse types: a malformed value is one line and exit status 2


def _add_filters(p) -> None:
    p.add_argument("--actor", help="actor name or alias (any side; ISIS = Islamic State); else a substring")
    p.add_argument("--type", dest="event_type", help="event type or sub-event type contains this")
    p.add_argument("--since", type=_date, help=f"from this date ({DATE_FORMS})")
    p.add_argument("--until", type=_date, help="up to this date (same forms)")
    p.add_argument("--country")
    p.add_argument("--admin1")
    p.add_argument("--near", type=_near, metavar="LAT,LON,KM")
    p.add_argument("--article", help="only events of this article (id or URL)")
    p.add_argument("--limit", type=parse_count)


def _filter(args, store, options) -> EventFilter:
    from ..api import Conflictlens

    article_id = store.get_article(args.article).id if getattr(args, "article", None) else None
    return resolved_filter(Conflictlens(options, store=store), EventFilter(
        actor=args.actor, event_type=args.event_type, since=args.since, until=args.until, country=args.country,
        admin1=args.admin1, near=args.near, article_id=article_id, limit=args.limit))


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="(re-)extract events from stored articles")
    p.add_argument("articles", nargs="*", help="article ids or URLs (default: all)")
    p.add_argument("--batch", type=parse_positive, default=32, help="articles per spaCy batch")
    add_workers_option(p)
    p.set_defaults(func=cmd_extract)

    p = subparsers.add_parser("events", help="list coded events")
    _add_filters(p)
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true",
                       help='one JSON document: {"events": [...], "count": N}, each event as docs/event.schema.json')
    shape.add_argument("--jsonl", action="store_true", help="JSON Lines: one event object a line (for streams)")
    p.set_defaults(func=cmd_events)

    p = subparsers.add_parser("export", help="export events (ACLED CSV, GeoJSON, JSONL)")
    _add_filters(p)
    p.add_argument("--format", default="acled-csv", choices=["acled-csv", "geojson", "jsonl"])
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.set_defaults(func=cmd_export)


def _store(options):
    from ..store import open_store

    return open_store(options.db, search_window=options.search_window)


def add_workers_option(p) -> None:
    """`--workers N` (ingest and extract): worker processes; 0, the default, is the machine's cores."""
    p.add_argument("--workers", type=parse_count, default=None, metavar="N",
                   help="worker processes for cleaning and extraction (default: option `workers`, "
                        "0 = the machine's cores); the output is the same as with 1")


def cmd_extract(args, options) -> int:
    from ..api import Conflictlens
    from ..parallel import extract_parallel

    if args.workers is not None:
        options = options.replace(workers=args.workers)
    n_articles = 0
    with Conflictlens(options) as cl:
        total = len(args.articles) if args.articles else cl.store.stats()["articles"]
        with _progress_bar(options, "extract", total) as advance:
            def count(article, n_events) -> None:
                nonlocal n_articles
                n_articles += 1
                advance()

            n_events = extract_parallel(cl, args.articles or None, progress=count, batch=args.batch)
    print(f"extracted {n_events} events from {n_articles} articles")
    return 0


@contextmanager
def _progress_bar(options, label: str, total: int | None):
    """A progress bar over ``total`` items on a terminal (yields the function that advances it)."""
    if not options.progress or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console(stderr=True)) as bar:
        task = bar.add_task("", total=total)
        yield lambda: bar.advance(task)


def cmd_events(args, options) -> int:
    store = _store(options)
    events = store.events(_filter(args, store, options))
    if args.json or args.jsonl:
        from ..export import events_document, with_articles, write_jsonl

        if args.jsonl:
            write_jsonl(with_articles(events, store), sys.stdout)
        else:
            json.dump(events_document(with_articles(events, store)), sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        return 0
    from .render import print_events

    print_events(events)  # fits the terminal; tab-separated full values when piped
    return 0


def cmd_export(args, options) -> int:
    from ..export import export_events

    store = _store(options)
    events = store.events(_filter(args, store, options))
    from ..export import with_articles

    if args.output == "-":
        n = export_events(with_articles(events, store), args.format, sys.stdout)
    else:
        with open(args.output, "w", newline="", encoding="utf-8") as fh:
            n = export_events(with_articles(events, store), args.format, fh)
        print(f"wrote {n} events to {args.output}", file=sys.stderr)
    return 0
