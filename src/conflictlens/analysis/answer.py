"""Answer a parsed question from incidents (pure), and ``ask`` (parse + query + answer).

Windows.  "As of" is ``today`` when given, else the latest incident date in the whole
database (any place, any actor): the end of the database's coverage, so an offline corpus
of older news is judged against itself, not the wall clock, and a place with no recent
report is judged by the same clock as every other place.  The answer says which
(``Answer.as_of_from``).  The *recent window* is the 30 days ending on that date; the
*baseline* is the 180 days before it (or from ``since DATE`` when the question gives one).
The rate change is a conditional Poisson test (``stats.rate_change``); the summary names
the recent window first, and its rate first.

Actors.  An incident counts for the asked actor only when the actor acted in it: it is
actor1 of a report, or a side of a battle (``actor_role``).  An incident where it is only
the target (actor2 of an air strike, an arrest, an attack) is no evidence that it is active
or returned: it is listed apart (``Answer.uncounted``), and every counted incident carries
its role (``Answer.roles``).

Verdicts.
- returned: no incidents in the recent window -> no; no report at all from the
  place in the baseline -> uncertain (a return cannot be told from a coverage gap);
  significant increase (p < 0.05) -> yes; recent rate not above baseline -> no
  (the actor never left); otherwise uncertain.
- active: any incident in the recent window -> yes; none -> no (uncertain when
  nothing at all was reported from the place in that window).
- increasing: no report at all from the place in the baseline -> uncertain;
  p < 0.05 for an increase -> yes; recent rate not above baseline -> no; otherwise uncertain.
- count ("how many ... since DATE"): the count from DATE (or from the first record)
  to "as of", with no test.

Yes/no questions count political violence only (``[activity] event_types`` in
questions.toml: battles, explosions/remote violence, violence against civilians);
"how many" questions count every incident type.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Sequence

from .records import ActorRef, Answer, Incident, Question, Window
from .resolve import names_actor
from .stats import rate_change

RECENT_DAYS = 30
BASELINE_DAYS = 180
ALPHA = 0.05
ACTOR1, CLASH_SIDE, TARGET = "actor1", "clash side", "target"
COUNTED_ROLES = (ACTOR1, CLASH_SIDE)
CLASH_TYPES = ("battles",)  # event types whose actor2 fights too


def actor_role(ref: ActorRef | None, inc: Incident) -> str | None:
    """The asked actor's part in an incident: "actor1" (it is actor1 of the incident or of one of
    its reports), "clash side" (the other side of a battle), "target" (actor2 of a one-sided event:
    struck, attacked, arrested), or None (not named)."""
    if ref is None:
        return None
    firsts = [inc.actor1, *(s.actor1 for s in inc.sources)]
    seconds = [inc.actor2, *(s.actor2 for s in inc.sources)]
    if any(a and names_actor(ref, a) for a in firsts):
        return ACTOR1
    if any(a and names_actor(ref, a) for a in seconds):
        return CLASH_SIDE if inc.event_type.lower() in CLASH_TYPES else TARGET
    return None


def _within(incidents: Sequence[Incident], w: Window) -> list[Incident]:
    return [i for i in incidents if i.event_date and w.start <= i.event_date <= w.end]


def _coverage(place_incidents: Sequence[Incident], windows: Sequence[Window]) -> tuple[int, int]:
    outlets, articles = set(), set()
    for inc in place_incidents:
        if inc.event_date and any(w.start <= inc.event_date <= w.end for w in windows):
            outlets.update(inc.outlets)
            articles.update(inc.article_ids)
    return len(outlets), len(articles)


def _who(q: Question) -> str:
    kinds = f" ({', '.join(q.event_types)})" if q.event_types else ""
    return (f"with {q.actor.name} as actor1 or a side of a clash" if q.actor else "") + kinds


def _where(q: Question) -> str:
    level = {"admin1": "region", "admin2": "district", "country": "country", "location": "", "name": ""}[q.place.level]
    return f"{q.place.name}{f' ({level})' if level else ''}"


def _as_of(q: Question, place_incidents: Sequence[Incident], incidents: Sequence[Incident],
           today: date | None, last_report: date | None) -> tuple[date | None, str]:
    if today:
        return today, "the date asked for"
    if last_report:
        return last_report, "the latest incident date in the database"
    dated = [i.event_date for i in (*place_incidents, *incidents) if i.event_date]
    return (max(dated), "the latest incident date reported from the place") if dated else (None, "")


def answer(question: Question, incidents: Sequence[Incident], place_incidents: Sequence[Incident],
           today: date | None = None, *, last_report: date | None = None) -> Answer:
    """``incidents`` name the asked actor (either side) in the place; ``place_incidents`` are all
    incidents in the place (for coverage); ``last_report`` is the database's latest incident date
    (the default end of the windows; without it, the place's)."""
    q = question
    roles = {id(i): actor_role(q.actor, i) for i in incidents}
    counted = [i for i in incidents if q.actor is None or roles[id(i)] in COUNTED_ROLES]
    targeted = [i for i in incidents if q.actor is not None and roles[id(i)] not in COUNTED_ROLES]
    as_of, as_of_from = _as_of(q, place_incidents, incidents, today, last_report)
    if as_of is None:
        return Answer(q, "count" if q.kind == "count" else "uncertain",
                      f"No incidents {_who(q)} are recorded in {_where(q)}: the database has no reports from there.",
                      None, None, None, 0, 0, 0, 0, None, (), "no coverage: no article reports an incident there", 0, 0)

    def role_of(found: Sequence[Incident]) -> tuple[str, ...]:
        return tuple(roles[id(i)] or "" for i in found) if q.actor else ()

    ending = f" Windows end on {as_of}, {as_of_from}."
    if q.kind == "count":
        dated = [i.event_date for i in place_incidents if i.event_date] or [i.event_date for i in counted
                                                                             if i.event_date]
        window = Window(q.since or min(dated, default=as_of), as_of)
        found = sorted(_within(counted, window), key=lambda i: (i.event_date, i.id or 0))
        uncounted = tuple(sorted(_within(targeted, window), key=lambda i: (i.event_date, i.id or 0)))
        sources, articles = _coverage(place_incidents, [window])
        fatalities = sum(i.fatalities for i in found)
        what = f"{fatalities} people killed" if q.metric == "fatalities" else f"{len(found)} incidents"
        summary = (f"{what} {_who(q)} in {_where(q)} from {window.start} to {window.end}"
                   + (f" ({fatalities} fatalities, most conservative figures)" if q.metric == "incidents" else
                      f" in {len(found)} incidents") + ".").replace("  ", " ") + ending
        return Answer(q, "count", summary, as_of, window, None, len(found), 0, fatalities, 0, None, tuple(found),
                      _caveat(sources, articles), sources, articles, _target_notes(q, uncounted),
                      as_of_from, role_of(found), uncounted)

    recent = Window(as_of - timedelta(days=RECENT_DAYS - 1), as_of)
    base_start = q.since if q.since and q.since < recent.start else recent.start - timedelta(days=BASELINE_DAYS)
    baseline = Window(base_start, recent.start - timedelta(days=1))
    in_recent = sorted(_within(counted, recent), key=lambda i: (i.event_date, i.id or 0))
    in_base = _within(counted, baseline)
    uncounted = tuple(sorted(_within(targeted, recent) + _within(targeted, baseline),
                             key=lambda i: (i.event_date, i.id or 0)))
    test = rate_change(len(in_recent), recent.days, len(in_base), baseline.days)
    place_recent = _within(place_incidents, recent)
    place_base = _within(place_incidents, baseline)
    sources, articles = _coverage(place_incidents, [recent, baseline])
    notes: list[str] = []
    r, b = len(in_recent), len(in_base)
    if q.kind == "returned":
        if r == 0:
            verdict = "no"
        elif not place_base:
            verdict = "uncertain"
            notes.append("nothing at all is reported from this place in the baseline window: "
                         "a return cannot be told apart from a gap in coverage")
        elif test.p_increase < ALPHA:
            verdict = "yes"
        elif test.recent_rate <= test.base_rate:
            verdict = "no"
            notes.append("the recent rate is not above the baseline rate: activity continued, it did not return")
        else:
            verdict = "uncertain"
    elif q.kind == "active":
        verdict = "yes" if r else ("no" if place_recent else "uncertain")
        if not r and not place_recent:
            notes.append("nothing at all is reported from this place in the recent window")
    elif not place_base and r:
        verdict = "uncertain"
        notes.append("nothing at all is reported from this place in the baseline window: "
                     "an increase cannot be told apart from a gap in coverage")
    else:
        verdict = "yes" if test.p_increase < ALPHA else ("no" if test.recent_rate <= test.base_rate else "uncertain")
    if r and test.p_increase >= ALPHA and q.kind != "active":
        notes.append(f"the increase is not significant at the {ALPHA:g} level (few incidents)")
    notes += _target_notes(q, uncounted)
    fat_r, fat_b = sum(i.fatalities for i in in_recent), sum(i.fatalities for i in in_base)
    summary = (f"{verdict.capitalize()}: {r} incident{'s' if r != 1 else ''} {_who(q)} in {_where(q)} in the "
               f"{recent.days} days to {recent.end} ({_n(fat_r, 'fatality', 'fatalities')}), against {b} in the "
               f"{baseline.days} days before ({baseline.start} to {baseline.end}): {test.recent_rate:.2f} per 30 days "
               f"recently vs {test.base_rate:.2f} in the baseline; "
               f"{test.method}: p = {test.p_increase:.3g} for an increase.").replace("  ", " ") + ending
    return Answer(q, verdict, summary, as_of, recent, baseline, r, b, fat_r, fat_b, test, tuple(in_recent),
                  _caveat(sources, articles, len(place_recent), len(place_base)), sources, articles, tuple(notes),
                  as_of_from, role_of(in_recent), uncounted)


def _target_notes(q: Question, uncounted: Sequence[Incident]) -> tuple[str, ...]:
    if not uncounted or q.actor is None:
        return ()
    n = len(uncounted)
    return (f"{n} incident{'s' if n != 1 else ''} in which {q.actor.name} was only the target (actor2 of a "
            f"one-sided event) {'are' if n != 1 else 'is'} not counted: being struck is no sign of activity",)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _caveat(sources: int, articles: int, recent: int | None = None, base: int | None = None) -> str:
    text = (f"based on {articles} article{'s' if articles != 1 else ''} from {sources} "
            f"source{'s' if sources != 1 else ''} reporting incidents in this place")
    if recent is not None:
        text += f" ({recent} incidents of any actor in the recent window, {base} in the baseline)"
    if sources <= 1:
        text += "; a single source: absence of reports is weak evidence of absence"
    return text


def ask(store, question_text: str, actors=None, geocoder=None, today: date | None = None) -> Answer:
    """Parse, bring incidents up to date, select the incidents in the place and answer."""
    from ..models import Place
    from .incidents import load_incidents, update_incidents
    from .question import parse_question, vocabulary
    from .resolve import actor_matches, known_places, place_matches, resolve_actor, resolve_place

    update_incidents(store)
    known = known_places(store)
    question = parse_question(question_text, lambda t: resolve_actor(t, actors, known),
                              lambda n, wide: resolve_place(n, wide, geocoder, known), today)
    ids = [r["id"] for r in store.conn.execute(
        "SELECT id, country, admin1, admin2, location, latitude, longitude FROM incidents ORDER BY event_date, id")
        if place_matches(question.place, Place(r["location"] or "", r["latitude"], r["longitude"], r["country"],
                                               r["admin1"], r["admin2"]))]
    in_place = load_incidents(store, ids)
    activity = in_place
    wanted = question.event_types or (() if question.kind == "count" else vocabulary()["activity"]["event_types"])
    if wanted:
        types = {t.lower() for t in wanted}
        activity = [i for i in in_place if i.event_type.lower() in types]
    naming = [i for i in activity if actor_matches(question.actor, i)]
    return answer(question, naming, in_place, today, last_report=last_incident_date(store))


def last_incident_date(store) -> date | None:
    """The latest incident date in the database (any place, any actor), or None."""
    from ..store.base import parse_iso_date

    row = store.conn.execute("SELECT MAX(event_date) AS last FROM incidents WHERE event_date IS NOT NULL").fetchone()
    value = row["last"] if row is not None else None
    return value if isinstance(value, date) else parse_iso_date(value) if value else None
