"""Commands: ingest, search, show, keywords, articles."""
from __future__ import annotations

import json
import sys

from ..api import Conflictlens
from ..models import EventFilter, IngestResult, SearchQuery
from .common import article_json, check_dates, event_json, console, parse_count, parse_day
from .extract_cmd import add_workers_option


def register(sub) -> None:
    p = sub.add_parser("ingest", help="ingest files, folders, JSONL, URLs or RSS/Atom feeds")
    p.add_argument("items", nargs="+", metavar="PATH_OR_URL", help="file, folder, JSONL, http(s) URL or feed; - for stdin")
    p.add_argument("--no-extract", dest="extract", action="store_false", default=None,
                   help="store and index only; do not extract events")
    add_workers_option(p)
    p.add_argument("--json", action="store_true", help="one JSON result per line")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search over articles (BM25, highlighted snippets)")
    p.add_argument("query", help='words, "phrases", prefix*, AND/OR/NOT, parentheses')
    p.add_argument("--since", type=parse_day)
    p.add_argument("--until", type=parse_day)
    p.add_argument("--source", help="outlet or cited source")
    p.add_argument("--keyword", help="only articles with this helpful keyword")
    p.add_argument("--limit", type=parse_count, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help="an article: metadata, cleaned text, keywords and events with evidence")
    p.add_argument("ref", metavar="URL_OR_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("keywords", help="the most common helpful keywords across the corpus")
    p.add_argument("--top", type=parse_count, default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_keywords)

    p = sub.add_parser("articles", help="list stored articles, newest first")
    p.add_argument("--limit", type=parse_count, default=20)
    p.add_argument("--offset", type=parse_count, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_articles)


def cmd_ingest(args, options) -> int:
    from ..parallel import ingest_parallel

    if args.workers is not None:
        options = options.replace(workers=args.workers)
    if args.extract is not None:
        options = options.replace(extract=args.extract)
    failed = 0
    con = console(stderr=True)
    with Conflictlens(options) as cl:
        if args.json or not options.progress or not sys.stderr.isatty():
            def report(r: IngestResult) -> None:
                nonlocal failed
                failed += r.status == "failed"
                if args.json:
                    print(json.dumps({k: v for k, v in r.__dict__.items()}, ensure_ascii=False), flush=True)
                elif r.status == "failed":
                    print(f"conflictlens: {r.origin}: {r.error}", file=sys.stderr)
            results = ingest_parallel(cl, args.items, progress=report)
        else:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                          TimeElapsedColumn(), console=con, transient=False) as bar:
                from ..ingest.readers import expected_items

                task = bar.add_task("", total=expected_items(args.items, cl.options))  # None: unknown

                def report(r: IngestResult) -> None:
                    nonlocal failed
                    bar.advance(task)
                    bar.update(task, description=(r.title or r.origin)[:50])
                    if r.status == "failed":
                        failed += 1
                        bar.console.print(f"[red]failed[/] {r.origin}: {r.error}", markup=True, highlight=False)
                results = ingest_parallel(cl, args.items, progress=report)
        if any(r.status in ("added", "updated") for r in results):
            for w in cl.watch():
                if w.changed and w.answer is not None:
                    line = f"watch: question #{w.question.id} {w.question.text!r} now: {w.answer.summary}"
                    if args.json:
                        print(json.dumps({"watch": w.question.id, "question": w.question.text,
                                          "answer": w.answer.summary, "before": w.before}, ensure_ascii=False))
                    else:
                        con.print(line, highlight=False)
        if not args.json:
            counts = {s: sum(1 for r in results if r.status == s) for s in ("added", "updated", "unchanged", "failed")}
            events = sum(r.events for r in results)
            con.print(f"{counts['added']} added, {counts['updated']} updated, {counts['unchanged']} unchanged, "
                      f"{counts['failed']} failed; {events} events extracted; database {options.db}",
                      highlight=False)
    return 1 if failed else 0


def cmd_search(args, options) -> int:
    check_dates(args.since, args.until)
    query = SearchQuery(text=args.query, since=args.since, until=args.until, source=args.source,
                        keyword=args.keyword, limit=args.limit)
    with Conflictlens(options) as cl:
        hits = cl.search(query)
    if args.json:
        print(json.dumps([{
            "id": h.article_id, "url": h.url, "title": h.title,
            "published": h.published.isoformat() if h.published else None, "source": h.source,
            "snippet": h.snippet, "highlights": [list(span) for span in h.highlights], "keywords": list(h.keywords),
            "score": h.score} for h in hits],
            ensure_ascii=False, indent=2))
        return 0
    con = console()
    if not hits:
        con.print(f"no articles match {args.query!r}", highlight=False)
        return 0
    from rich.markup import escape

    for h in hits:
        day = h.published.isoformat() if h.published else "undated"
        con.print(f"[bold]{escape(h.title or h.url or str(h.article_id))}[/]  [dim]#{h.article_id} {day} "
                  f"{escape(h.source or '')}[/]")
        if h.url:
            con.print(f"  [blue]{escape(h.url)}[/]", highlight=False)
        snippet = "".join(f"[bold yellow]{escape(text)}[/]" if hit else escape(text) for text, hit in h.snippet_parts())
        con.print("  " + snippet, highlight=False)
        if h.keywords:
            con.print("  [dim]keywords:[/] " + escape(", ".join(h.keywords)), highlight=False)
        con.print()
    return 0


def cmd_show(args, options) -> int:
    with Conflictlens(options) as cl:
        article = cl.article(args.ref)
        events = cl.article_events(article.id)
    if args.json:
        data = article_json(article, text=True)
        data["events"] = [event_json(e, article) for e in events]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from .render import render_article

    render_article(console(), article, events)
    return 0


def cmd_keywords(args, options) -> int:
    with Conflictlens(options) as cl:
        rows = cl.keywords(args.top)
    if args.json:
        print(json.dumps([{"keyword": k, "articles": n} for k, n in rows], ensure_ascii=False, indent=2))
        return 0
    width = max((len(k) for k, _ in rows), default=10)
    for k, n in rows:
        print(f"{k:<{width}}  {n}")
    return 0


def cmd_articles(args, options) -> int:
    with Conflictlens(options) as cl:
        rows = cl.store.list_articles(args.limit, args.offset)
        counts = {a.id: cl.store.count_events(EventFilter(article_id=a.id)) for a in rows}
    if args.json:
        print(json.dumps([{**article_json(a), "events": counts[a.id]} for a in rows], ensure_ascii=False, indent=2))
        return 0
    cut = 80 if sys.stdout.isatty() else None  # full titles when piped
    for a in rows:
        day = a.published.isoformat() if a.published else "undated   "
        print(f"#{a.id:<5} {day}  {counts[a.id]:>3} events  {(a.title or a.url or '')[:cut]}")
    return 0
