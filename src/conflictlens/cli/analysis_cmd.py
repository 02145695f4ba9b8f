"""Commands: incidents, trend, ask, watch (cross-article incidents and analyst questions)."""
from __future__ import annotations

import json
import sys

from ..api import Conflictlens
from ..models import EventFilter
from .common import parse_count, parse_day, parse_near, resolved_filter


def _filters(p, dates: bool = True) -> None:
    p.add_argument("--actor", help="actor name or alias (any side; ISIS = Islamic State); else a substring")
    p.add_argument("--type", dest="event_type", help="event type or sub-event type, substring")
    p.add_argument("--country")
    p.add_argument("--admin1", help="first-level region, e.g. Aleppo")
    p.add_argument("--near", type=parse_near, metavar="LAT,LON,KM")
    if dates:
        p.add_argument("--since", type=parse_day)
        p.add_argument("--until", type=parse_day)
    p.add_argument("--db", dest="sub_db", help="SQLite database (same as the global --db)")
    p.add_argument("--json", action="store_true")


def register(sub) -> None:
    p = sub.add_parser("incidents", help="cross-article incidents: one per real-world event, with all its sources")
    _filters(p)
    p.add_argument("--rebuild", action="store_true", help="forget all incidents and merge every event again")
    p.add_argument("--limit", type=parse_count, default=50)
    p.set_defaults(func=cmd_incidents)

    p = sub.add_parser("trend", help="incident and fatality counts per day, week or month (each incident once)")
    _filters(p)
    p.add_argument("--by", choices=("day", "week", "month"), default="month")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw the series to an image (matplotlib)")
    p.set_defaults(func=cmd_trend)

    p = sub.add_parser("ask", help='answer "Has ACTOR returned to PLACE?", "Is ACTOR active in PLACE?", "How many ..."')
    p.add_argument("question")
    p.add_argument("--today", type=parse_day, help="judge as of this date (default: the latest incident in the database)")
    p.add_argument("--db", dest="sub_db", help="SQLite database (same as the global --db)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("watch", help="saved questions: re-run them and report which answers changed")
    p.add_argument("--add", metavar="QUESTION", help="save a question")
    p.add_argument("--remove", metavar="ID", help="forget a saved question")
    p.add_argument("--list", action="store_true", help="list saved questions")
    p.add_argument("--today", type=parse_day)
    p.add_argument("--db", dest="sub_db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_watch)


def _open(args, options) -> Conflictlens:
    if getattr(args, "sub_db", None):
        options = options.replace(db=args.sub_db)
    return Conflictlens(options)


def _event_filter(args, cl, limit: int | None = None) -> EventFilter:
    return resolved_filter(cl, EventFilter(actor=args.actor, event_type=args.event_type, country=args.country,
                                           admin1=args.admin1, near=args.near, since=args.since,
                                           until=args.until, limit=limit))


def _optional(get):
    """The actor table / geocoder when they can be built, else None (questions fall back to stored names)."""
    try:
        return get()
    except Exception as exc:  # noqa: BLE001 - missing model or gazetteer must not stop a question
        print(f"conflictlens: note: {type(exc).__name__}: {exc}; falling back to stored names", file=sys.stderr)
        return None


def cmd_incidents(args, options) -> int:
    from ..analysis import incident_to_json, list_incidents, rebuild_incidents, update_incidents
    from ..analysis.match import merge_settings

    with _open(args, options) as cl:
        settings = merge_settings(cl.options)
        if args.rebuild:
            n = rebuild_incidents(cl.store, settings=settings)
            print(f"rebuilt {n} incidents", file=sys.stderr)
        else:
            update_incidents(cl.store, settings=settings)
        found = list_incidents(cl.store, _event_filter(args, cl, args.limit), near_misses=True, settings=settings)
    if args.json:
        print(json.dumps([incident_to_json(i) for i in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no incidents match")
        return 0
    for inc in found:
        day = inc.event_date.isoformat() if inc.event_date else "undated   "
        toll = f"{inc.fatalities}" + (f"-{inc.fatalities_max}" if inc.fatalities_max != inc.fatalities else "")
        actors = " vs ".join(a for a in (inc.actor1, inc.actor2) if a)
        print(f"#{inc.id:<5} {day}  {inc.event_type:<28} {inc.location or '?':<20} {toll:>5} killed  "
              f"{len(inc.article_ids)} art. / {len(inc.outlets)} src.  {actors}")
        for d in inc.disagreements:
            values = "; ".join(f"{v} ({', '.join('#' + str(a) for a in ids)})" for v, ids in d.values)
            print(f"        sources disagree on {d.field}: {values}")
        if len(inc.sources) > 1 and inc.toll_rule:
            print(f"        toll: {inc.toll_rule}")
        for n in inc.near_misses[:3]:
            print(f"        kept apart from #{n.incident_id} ({n.location or '?'}): {n.reason}")
    return 0


def cmd_trend(args, options) -> int:
    from ..analysis.jsonify import trend_to_json
    from ..analysis.trend import plot_trend, render_table, trend_series

    from ..analysis import update_incidents

    with _open(args, options) as cl:
        update_incidents(cl.store, days=cl.options.dedup_days, km=cl.options.dedup_km)
        series = trend_series(cl.store, _event_filter(args, cl), args.by)
    if args.plot:
        plot_trend(series, args.plot, title=_title(args))
    if args.json:
        print(json.dumps(trend_to_json(series), ensure_ascii=False, indent=2))
    else:
        print(render_table(series))
        if args.plot:
            print(f"plot written to {args.plot}")
    return 0


def _title(args) -> str:
    parts = [v for v in (args.actor, args.event_type, args.admin1, args.country) if v]
    return f"incidents per {args.by}" + (f": {', '.join(parts)}" if parts else "")


def cmd_ask(args, options) -> int:
    from ..analysis.answer import ask
    from ..analysis.jsonify import answer_to_json

    from ..analysis import update_incidents

    with _open(args, options) as cl:
        update_incidents(cl.store, days=cl.options.dedup_days, km=cl.options.dedup_km)
        answer = ask(cl.store, args.question, _optional(lambda: cl.actors), _optional(lambda: cl.geocoder),
                     args.today)
    if args.json:
        print(json.dumps(answer_to_json(answer), ensure_ascii=False, indent=2))
        return 0
    from ..analysis.render import render_answer

    print(render_answer(answer))
    return 0


def cmd_watch(args, options) -> int:
    from ..analysis.watch import add_question, remove_question, run_saved, saved_questions

    with _open(args, options) as cl:
        if args.add:
            q = add_question(cl.store, args.add)
            print(f"saved question #{q.id}: {q.text}")
            return 0
        if args.remove:
            remove_question(cl.store, int(args.remove) if args.remove.isdigit() else args.remove)
            print(f"removed saved question {args.remove}")
            return 0
        if args.list:
            rows = saved_questions(cl.store)
            if args.json:
                print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
            for r in rows if not args.json else ():
                print(f"#{r.id:<4} {r.text}\n      last: {r.last_summary or '(not run yet)'}")
            return 0
        results = run_saved(cl.store, _optional(lambda: cl.actors), _optional(lambda: cl.geocoder), args.today)
    if args.json:
        from ..analysis.jsonify import answer_to_json

        print(json.dumps([{"id": r.question.id, "question": r.question.text, "changed": r.changed,
                           "before": r.before, "error": r.error,
                           "answer": answer_to_json(r.answer) if r.answer else None} for r in results],
                         ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("no saved questions (add one with: conflictlens watch --add QUESTION)")
    for r in results:
        mark = "CHANGED" if r.changed else "same   "
        print(f"{mark} #{r.question.id} {r.question.text}")
        if r.error:
            print(f"        error: {r.error}")
        elif r.changed:
            print(f"        before: {r.before or '(first run)'}\n        now:    {r.answer.summary}")
    return 0
