"""Incidents in the database: incremental, reversible cross-article merging, and queries.

Membership lives in ``incident_events`` (migration 002).  Deleting an article
cascades to its events and their links; re-extracting upserts events, and a
trigger unlinks every updated event.  ``update_incidents`` then:

1. dissolves each *stale* incident (its member count no longer matches the
   count it was summarised with) so its remaining events are merged afresh
   (this is what makes merging reversible: an incident that lost its bridging
   report splits again);
2. merges every unlinked event, oldest first, into the incidents it matches
   (``dedup.same_incident`` with at least half of the members located most
   precisely, which stops chains of "±1 day, 10 km" links from growing one
   incident across a region; an event located at a place (precision 1) that
   matches several incidents joins them; vaguer ones join the best), or starts
   a new incident.  Precisely located reports are merged first, and incidents
   known only at region level around their dates are dissolved and merged again
   after them, so a region-level report that arrived first does not stay apart;
3. re-summarises the incidents it touched.

It is idempotent and cheap when nothing changed (two indexed queries).
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import replace
from datetime import timedelta
from typing import Iterable, Sequence

from ..errors import NotFoundError
from ..models import Event, EventFilter
from ..store.base import parse_iso_date
from .dedup import PRECISION_SLACK_DAYS, is_vague, named_actors, same_incident
from .records import Incident
from .summary import summarise

_SLACK = max(PRECISION_SLACK_DAYS.values())


def _row_event(store, row: sqlite3.Row) -> Event:
    return store._row_event(row)  # the store's own row codec


def _load_events(store, conn, ids: Iterable[int]) -> dict[int, Event]:
    ids = list(ids)
    out: dict[int, Event] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", chunk):
            out[row["id"]] = _row_event(store, row)
    return out


def _articles(conn, article_ids: Iterable[int]) -> dict[int, dict]:
    ids = sorted(set(article_ids))
    out: dict[int, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in conn.execute(f"SELECT id, outlet, url, title, published FROM articles WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"outlet": r["outlet"], "url": r["url"], "title": r["title"],
                            "published": parse_iso_date(r["published"])}
    return out


def stale_incidents(conn) -> list[int]:
    rows = conn.execute(
        "SELECT i.id FROM incidents i LEFT JOIN (SELECT incident_id, count(*) AS n FROM incident_events "
        "GROUP BY incident_id) c ON c.incident_id = i.id WHERE coalesce(c.n, 0) != i.n_events").fetchall()
    return [r[0] for r in rows]


def unlinked_events(conn) -> list[int]:
    rows = conn.execute("SELECT e.id FROM events e LEFT JOIN incident_events l ON l.event_id = e.id "
                        "WHERE l.event_id IS NULL ORDER BY coalesce(e.event_date, '9999'), e.id").fetchall()
    return [r[0] for r in rows]


def update_incidents(store, article_ids: Sequence[int] = (), *, days: int = 1, km: float = 10.0) -> int:
    """Bring incidents up to date with the stored events; returns the number of incidents written.

    ``article_ids`` names the articles just ingested or re-extracted; every pending
    change is merged anyway (removals included), so passing ``()`` is always safe.
    """
    conn = store.conn
    if not stale_incidents(conn) and not unlinked_events(conn):
        return 0
    with store.transaction() as conn:
        stale = stale_incidents(conn)
        for i in range(0, len(stale), 500):
            chunk = stale[i:i + 500]
            conn.execute(f"DELETE FROM incidents WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        pending_ids = unlinked_events(conn)
        pending = _load_events(store, conn, pending_ids)
        regrouped = _dissolve_vague_incidents(conn, [e for e in pending.values() if _precision(e) < 3], days)
        if regrouped:
            pending.update(_load_events(store, conn, regrouped))
            pending_ids += regrouped
        # precisely located reports first: region-level ones then join the incident they fit best
        pending_ids.sort(key=lambda i: _precision(pending[i]))
        members: dict[int, list[Event]] = {}
        touched: set[int] = set()
        for event_id in pending_ids:
            event = pending[event_id]
            matches = _matching_incidents(store, conn, event, members, days, km)
            if matches:
                target = matches[0]
                for other in (matches[1:] if _precision(event) == 1 else ()):
                    if {e.article_id for e in members[other]} & {e.article_id for e in members[target]}:
                        continue
                    conn.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?", (target, other))
                    conn.execute("DELETE FROM incidents WHERE id = ?", (other,))
                    members[target].extend(members.pop(other))
                    touched.discard(other)
            else:
                p = event.place
                target = conn.execute(
                    "INSERT INTO incidents (n_events, country, admin1, latitude, longitude) VALUES (0, ?, ?, ?, ?) "
                    "RETURNING id",
                    (p.country, p.admin1, p.latitude, p.longitude) if p else (None, None, None, None)).fetchone()[0]
                members[target] = []
            conn.execute("INSERT INTO incident_events (event_id, incident_id) VALUES (?, ?)", (event_id, target))
            members[target].append(event)
            dates = [e.event_date for e in members[target] if e.event_date]
            if dates:
                conn.execute("UPDATE incidents SET date_min = ?, date_max = ? WHERE id = ?",
                             (min(dates).isoformat(), max(dates).isoformat(), target))
            touched.add(target)
        articles = _articles(conn, (e.article_id for iid in touched for e in members[iid]))
        for iid in touched:
            _write_summary(conn, iid, summarise(members[iid], articles, iid))
        return len(touched)


def _dissolve_vague_incidents(conn, located: Sequence[Event], days: int) -> list[int]:
    """Incidents known only at region level (or unlocated) around the dates of newly located reports
    are dissolved so their reports can join the located incident they belong to; returns their event ids."""
    dates = [e.event_date for e in located if e.event_date]
    if not dates:
        return []
    lo = (min(dates) - timedelta(days=days + _SLACK)).isoformat()
    hi = (max(dates) + timedelta(days=days + _SLACK)).isoformat()
    ids = [r[0] for r in conn.execute(
        "SELECT i.id FROM incidents i WHERE i.date_min <= ? AND i.date_max >= ? AND NOT EXISTS ("
        " SELECT 1 FROM incident_events l JOIN events e ON e.id = l.event_id WHERE l.incident_id = i.id"
        " AND e.latitude IS NOT NULL AND coalesce(e.geo_precision, 1) < 3)", (hi, lo))]
    if not ids:
        return []
    events: list[int] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        events += [r[0] for r in conn.execute(f"SELECT event_id FROM incident_events WHERE incident_id IN ({marks})",
                                              chunk)]
        conn.execute(f"DELETE FROM incidents WHERE id IN ({marks})", chunk)
    return events


def rebuild_incidents(store, *, days: int = 1, km: float = 10.0) -> int:
    """Forget all incidents and merge every event again."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM incidents")
    return update_incidents(store, days=days, km=km)


def _precision(event: Event) -> int:
    """1 located at a place, 2 near a place, 3 region only, 4 not located."""
    if is_vague(event):
        return 3 if event.place is not None and event.place.precision == 3 else 4
    return event.place.precision or 1


def _matching_incidents(store, conn, event: Event, members: dict[int, list[Event]], days: int, km: float) -> list[int]:
    if event.event_date is None:
        return []
    lo = (event.event_date - timedelta(days=days + _SLACK)).isoformat()
    hi = (event.event_date + timedelta(days=days + _SLACK)).isoformat()
    where, params = ["date_min <= ?", "date_max >= ?"], [hi, lo]
    p = event.place
    if p is not None and p.country:
        where.append("(country IS NULL OR country = ?)")
        params.append(p.country)
    if p is not None and p.admin1:
        near = ""
        if p.latitude is not None and p.longitude is not None:
            dlat = 3 * km / 111.0
            dlon = 3 * km / max(1.0, 111.0 * math.cos(math.radians(p.latitude)))
            near = " OR (latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?)"
            box = [p.latitude - dlat, p.latitude + dlat, p.longitude - dlon, p.longitude + dlon]
        where.append(f"(admin1 IS NULL OR admin1 = ? OR latitude IS NULL{near})")
        params += [p.admin1] + (box if near else [])
    cands = [r[0] for r in conn.execute(f"SELECT id FROM incidents WHERE {' AND '.join(where)} ORDER BY id", params)]
    missing = [c for c in cands if c not in members]
    if missing:
        marks = ", ".join("?" for _ in missing)
        links = conn.execute(f"SELECT event_id, incident_id FROM incident_events WHERE incident_id IN ({marks})",
                             missing).fetchall()
        loaded = _load_events(store, conn, [r[0] for r in links])
        for c in missing:
            members[c] = []
        for event_id, incident_id in links:
            members[incident_id].append(loaded[event_id])
    scored = []
    for c in cands:
        group = members[c]
        if any(m.article_id == event.article_id and not same_incident(event, m, days, km) for m in group):
            continue  # another incident of the same article
        best = min(_precision(m) for m in group)
        core = [m for m in group if _precision(m) == best]
        if best >= 3 and _precision(event) < 3:
            # an incident known only at region level attracts a located report only on a strict match
            core = [m for m in core if named_actors(m) == named_actors(event) and m.event_type == event.event_type]
            if not core:
                continue
        matching = [m for m in core if same_incident(event, m, days, km)]
        hits = len(matching)
        if hits and 2 * hits >= len(core):
            close = sum(1 for m in matching if _agree(event, m))
            scored.append((best >= 3, -close, -hits, -hits / len(core), c))
    # best first: located incidents before region-level ones, then most reports agreeing on day,
    # type and actors, then most matching, then largest share
    return [c for *_, c in sorted(scored)]


def _agree(a: Event, b: Event) -> bool:
    return a.event_date == b.event_date and a.event_type == b.event_type and named_actors(a) == named_actors(b)


def _write_summary(conn, incident_id: int, inc: Incident) -> None:
    p = inc.place
    conn.execute(
        "UPDATE incidents SET event_date = ?, date_min = ?, date_max = ?, event_type = ?, sub_event_type = ?, "
        "actor1 = ?, actor2 = ?, country = ?, admin1 = ?, admin2 = ?, location = ?, latitude = ?, longitude = ?, "
        "fatalities = ?, fatalities_max = ?, n_events = ?, n_articles = ? WHERE id = ?",
        (_iso(inc.event_date), _iso(inc.date_min), _iso(inc.date_max), inc.event_type, inc.sub_event_type,
         inc.actor1, inc.actor2, p.country if p else None, p.admin1 if p else None, p.admin2 if p else None,
         p.name if p else None, p.latitude if p else None, p.longitude if p else None,
         inc.fatalities, inc.fatalities_max, len(inc.sources), len(inc.article_ids), incident_id))


def _iso(d) -> str | None:
    return d.isoformat() if d else None


# -- queries -------------------------------------------------------------------------------------

def matching_incident_ids(store, flt: EventFilter) -> list[int]:
    """Incidents with at least one member event matching the filter's actor/type/place parts,
    and whose incident date is within since/until; newest first."""
    event_flt = replace(flt, since=None, until=None, limit=None, offset=0)
    where = ["1 = 1"]
    params: list = []
    wanted = None  # the incidents of the matching events (portable SQL: chunked IN lists)
    if event_flt != EventFilter():
        ids = [e.id for e in store.events(event_flt)]
        wanted = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            wanted.update(r[0] for r in store.conn.execute(
                f"SELECT incident_id FROM incident_events WHERE event_id IN ({', '.join('?' for _ in chunk)})", chunk))
        if not wanted:
            return []
    if flt.since:
        where.append("i.event_date >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append("i.event_date <= ?")
        params.append(flt.until.isoformat())
    rows = store.conn.execute(f"SELECT i.id FROM incidents i WHERE {' AND '.join(where)} "
                              "ORDER BY coalesce(i.event_date, '') DESC, i.id DESC", params).fetchall()
    ids = [r[0] for r in rows if wanted is None or r[0] in wanted]
    end = None if flt.limit is None else flt.offset + flt.limit
    return ids[flt.offset:end]


def load_incidents(store, incident_ids: Sequence[int]) -> list[Incident]:
    """Incidents by id (in the given order), summarised from their member events."""
    conn = store.conn
    if not incident_ids:
        return []
    links: dict[int, list[int]] = {i: [] for i in incident_ids}
    ids = list(incident_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        for event_id, incident_id in conn.execute(
                f"SELECT event_id, incident_id FROM incident_events WHERE incident_id IN ({marks})", chunk):
            links[incident_id].append(event_id)
    events = _load_events(store, conn, [e for evs in links.values() for e in evs])
    articles = _articles(conn, (e.article_id for e in events.values()))
    return [summarise([events[e] for e in links[i]], articles, i) for i in incident_ids if links[i]]


def list_incidents(store, flt: EventFilter | None = None) -> list[Incident]:
    update_incidents(store)
    return load_incidents(store, matching_incident_ids(store, flt or EventFilter()))


def get_incident(store, incident_id: int) -> Incident:
    update_incidents(store)
    found = load_incidents(store, [int(incident_id)])
    if not found:
        raise NotFoundError(f"no incident with id {incident_id}")
    return found[0]
