"""Incidents in the database: incremental cross-article merging with stable ids, and queries.

Membership lives in ``incident_events`` (migration 002); migration 009 adds each incident's
blocking window (``block_lo``/``block_hi``: the days its reports' date windows cover), whether
that window is wide, and the member list it was last summarised with.  Deleting an article
cascades to its events and their links, re-extracting upserts events (a trigger unlinks every
updated event), and removing a link flags its incident stale (``n_events = -1``).
``update_incidents`` then:

1. dissolves each stale incident so its remaining events are merged afresh (an incident that
   lost a report may split), remembering its old member list;
2. merges every unlinked event (ordered by day, precisely located reports first within a week)
   into the best incident among the *candidates* of its block -- same country (or unknown), a
   date window that overlaps the report's, and in reach of its place -- that it ``match.score``s
   at least ``threshold`` against, with no clear disagreement (``Match.veto``) with *any* member
   -- except that a report within the date window of the incident's core date (the day most of
   its reports give) may join although an outlying member is dated a day the other way;
   a precisely located report that matches several incidents joins them when no pair of their
   reports disagrees; else it starts a new incident.  Region-level incidents around the dates of
   newly located reports, and the incidents a newly located report could join, are dissolved and
   merged again with them (a vaguer report that joined the best incident there was then moves to
   a better one that arrived later, so incremental merging gives what a rebuild gives);
3. re-summarises the incidents it touched; a new incident whose members are exactly those of a
   dissolved one takes back its id, so re-extraction keeps ids stable where membership does not change.

Blocking keeps the work per report bounded by the reports of its country and days, so merging
grows linearly with the corpus (benchmarks/dedup.py ``--scale``).
"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from ..errors import NotFoundError
from ..models import Event, EventFilter
from ..store.base import parse_iso_date
from .match import DATES_APART, PRECISION_SLACK_DAYS, MergeSettings, Report, TfIdf, _same, merge_settings, score, veto, window
from .records import Incident, MergeLink, NearMiss
from .summary import summarise

_WIDE_DAYS = 3  # incidents whose window spans more days are looked up through the wide part of the index
_CHUNK_DAYS = 7


def _settings(settings: MergeSettings | None, options, days, km) -> MergeSettings:
    if settings is not None:
        return settings
    return merge_settings(options, days=days, km=km)


def _max_span(s: MergeSettings) -> int:
    widest = max(2 * max(PRECISION_SLACK_DAYS.values()), s.undated_days)
    return 2 * widest + s.days + 1


def _row_event(store, row: sqlite3.Row) -> Event:
    return store._row_event(row)  # the store's own row codec


def _chunks(ids: Sequence[int], n: int = 500):
    ids = list(ids)
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def _load_reports(store, conn, ids: Iterable[int]) -> dict[int, Report]:
    out: dict[int, Report] = {}
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(
                f"SELECT e.*, a.published AS a_published, a.ingested_at AS a_ingested FROM events e "
                f"JOIN articles a ON a.id = e.article_id WHERE e.id IN ({marks})", chunk):
            out[row["id"]] = Report(_row_event(store, row), parse_iso_date(row["a_published"]),
                                    _ingest_day(row["a_ingested"]))
    return out


def _ingest_day(value) -> date | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return parse_iso_date(value[:10])


def _articles(conn, article_ids: Iterable[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        marks = ", ".join("?" for _ in chunk)
        for r in conn.execute(f"SELECT id, outlet, url, title, published FROM articles WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"outlet": r["outlet"], "url": r["url"], "title": r["title"],
                            "published": parse_iso_date(r["published"])}
    return out


def stale_incidents(conn) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM incidents WHERE n_events < 0")]


def unlinked_events(conn) -> list[int]:
    rows = conn.execute("SELECT e.id FROM events e LEFT JOIN incident_events l ON l.event_id = e.id "
                        "WHERE l.event_id IS NULL ORDER BY e.id").fetchall()
    return [r[0] for r in rows]


class _Merger:
    """One update: the reports loaded so far, by incident, and the incidents touched."""

    def __init__(self, store, conn, s: MergeSettings) -> None:
        self.store, self.conn, self.s = store, conn, s
        self.members: dict[int, list[Report]] = {}
        self.touched: set[int] = set()
        self.similarity = None
        if s.text == "embed":
            from .embed import Embeddings

            self.similarity = Embeddings().similarity

    # -- candidates ----------------------------------------------------------------------------
    def candidates(self, r: Report) -> list[int]:
        w = window(r, self.s)
        if w is None:
            return []
        lo, hi = w[0] - timedelta(days=self.s.days), w[1] + timedelta(days=self.s.days)
        p = r.event.place
        countries = [p.country, None] if p is not None and p.country else [...]
        # an incident's region is its best-located member's: another region there vetoes the merge
        region = p.admin1 if p is not None and p.country else None
        found: list[int] = []
        for country in countries:
            for wide, reach in ((0, _WIDE_DAYS), (1, _max_span(self.s))):
                where = ["wide = ?", "block_lo BETWEEN ? AND ?", "block_hi >= ?"]
                params: list = [wide, (lo - timedelta(days=reach)).isoformat(), hi.isoformat(), lo.isoformat()]
                if country is None:
                    where.insert(0, "country IS NULL")
                elif country is not ...:
                    where.insert(0, "country = ?")
                    params.insert(0, country)
                found += [row[0] for row in self.conn.execute(
                    f"SELECT id, admin1 FROM incidents WHERE {' AND '.join(where)}", params)
                    if not (region and row[1] and not _same(region, row[1]))]
        return sorted(set(found))

    def load(self, incident_ids: Sequence[int]) -> None:
        missing = [c for c in incident_ids if c not in self.members]
        if not missing:
            return
        links = []
        for chunk in _chunks(missing):
            marks = ", ".join("?" for _ in chunk)
            links += self.conn.execute(
                f"SELECT event_id, incident_id FROM incident_events WHERE incident_id IN ({marks})", chunk).fetchall()
        loaded = _load_reports(self.store, self.conn, [row[0] for row in links])
        for c in missing:
            self.members[c] = []
        for event_id, incident_id in links:
            self.members[incident_id].append(loaded[event_id])

    def evict(self, before: date) -> None:
        """Forget loaded incidents whose window ended long before ``before`` (bounded memory)."""
        limit = before - timedelta(days=_max_span(self.s))
        for iid in [i for i, group in self.members.items() if i not in self.touched and group
                    and all((window(m, self.s) or (limit, limit))[1] < limit for m in group)]:
            del self.members[iid]

    # -- matching ------------------------------------------------------------------------------
    def best_matches(self, r: Report) -> list[tuple[float, int]]:
        cands = self.candidates(r)
        self.load(cands)
        e = r.event
        # incidents a member of which clearly disagrees (elsewhere, other sides, incompatible type ...)
        # are dropped before the sentence index is built and the rest scored
        cands = [c for c in cands if self.members[c] and not self.forbidden(r, self.members[c])]
        sim = self.similarity
        if sim is None:
            index = TfIdf([e.quote()] + [m.event.quote() for c in cands for m in self.members[c]])
            sim = index.similarity
        out = []
        for c in cands:
            best = max(score(r, m, self.s, sim).score for m in self.members[c])
            if best >= self.s.threshold:
                out.append((best, c))
        return sorted(out, key=lambda x: (-x[0], x[1]))

    def forbidden(self, r: Report, group: Sequence[Report]) -> bool:
        """Whether ``r`` may not join the incident of ``group``: another event of its article is there,
        or a member clearly disagrees with it (a date outlier only when ``r`` is off the core date too)."""
        e = r.event
        if any(m.event.article_id == e.article_id and (m.event.quote() != e.quote() or not e.quote())
               for m in group):
            return True  # another incident of the same article (one sentence coded twice may join)
        core = None
        for m in group:
            found = veto(r, m, self.s)
            if found and found.startswith(DATES_APART):
                core = _core_dates(group) if core is None else core
                if _near_core(r, core, self.s):
                    continue
            if found:
                return True
        return False

    def compatible(self, a: int, b: int) -> bool:
        """Whether two incidents may be joined: no report of one disagrees clearly with a report of the other."""
        ga, gb = self.members[a], self.members[b]
        if {m.event.article_id for m in ga} & {m.event.article_id for m in gb}:
            return False
        ca, cb = _core_dates(ga), _core_dates(gb)
        cores_agree = bool(ca and cb) and all(abs((x - y).days) <= self.s.days for x in ca for y in cb)
        for x in ga:
            for y in gb:
                found = veto(x, y, self.s)
                if found and not (cores_agree and found.startswith(DATES_APART)):
                    return False
        return True

    def add(self, event_id: int, r: Report) -> None:
        matches = self.best_matches(r)
        if matches:
            target = matches[0][1]
            if _precision(r.event) == 1:
                for _s, other in matches[1:]:
                    if self.compatible(target, other):
                        self.conn.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?",
                                          (target, other))
                        self.conn.execute("DELETE FROM incidents WHERE id = ?", (other,))
                        self.members[target].extend(self.members.pop(other))
                        self.touched.discard(other)
        else:
            target = self.conn.execute("INSERT INTO incidents (n_events, wide) VALUES (0, 0) RETURNING id").fetchone()[0]
            self.members[target] = []
        self.conn.execute("INSERT INTO incident_events (event_id, incident_id) VALUES (?, ?)", (event_id, target))
        self.members[target].append(r)
        self.touched.add(target)
        self.write_block(target)

    def write_block(self, iid: int) -> None:
        group = self.members[iid]
        wins = [w for w in (window(m, self.s) for m in group) if w is not None]
        lo = min(w[0] for w in wins) if wins else None
        hi = max(w[1] for w in wins) if wins else None
        located = [m.event.place for m in group if m.event.place is not None and m.event.place.country]
        best = min(located, key=lambda p: p.precision or 9) if located else None
        dates = [m.event.event_date for m in group if m.event.event_date]
        self.conn.execute(
            "UPDATE incidents SET block_lo = ?, block_hi = ?, wide = ?, country = ?, admin1 = ?, latitude = ?, "
            "longitude = ?, date_min = ?, date_max = ? WHERE id = ?",
            (_iso(lo), _iso(hi), int(bool(lo and hi and (hi - lo).days > _WIDE_DAYS)),
             best.country if best else None, best.admin1 if best else None,
             best.latitude if best else None, best.longitude if best else None,
             _iso(min(dates)) if dates else None, _iso(max(dates)) if dates else None, iid))


def update_incidents(store, article_ids: Sequence[int] = (), *, days: int | None = None, km: float | None = None,
                     options=None, settings: MergeSettings | None = None) -> int:
    """Bring incidents up to date with the stored events; returns the number of incidents written.

    ``article_ids`` names the articles just ingested or re-extracted; every pending change is
    merged anyway (removals included), so passing ``()`` is always safe.  Thresholds come from
    ``settings``, else ``options`` (``Options.dedup_*``), else the defaults with ``days``/``km``.
    """
    s = _settings(settings, options, days, km)
    conn = store.conn
    if not stale_incidents(conn) and not unlinked_events(conn):
        return 0
    with store.transaction() as conn:
        old_ids: dict[str, int] = {}
        stale = stale_incidents(conn)
        _forget(conn, stale, old_ids)
        merger = _Merger(store, conn, s)
        pending = _load_reports(store, conn, unlinked_events(conn))
        regrouped = _dissolve_vague_incidents(conn, [r for r in pending.values() if _precision(r.event) < 3], s,
                                              old_ids)
        if regrouped:
            pending.update(_load_reports(store, conn, regrouped))
        regrouped = _dissolve_neighbours(merger, conn, [r for r in pending.values() if _precision(r.event) < 3],
                                         old_ids)
        if regrouped:
            pending.update(_load_reports(store, conn, regrouped))
        # by week, precisely located reports first: region-level ones then join the incident they fit best
        order = sorted(pending, key=lambda i: (_bucket(pending[i]), _precision(pending[i].event),
                                               pending[i].anchor or date.max, i))
        current = None
        for event_id in order:
            r = pending[event_id]
            if _bucket(r) != current:
                current = _bucket(r)
                if r.anchor:
                    merger.evict(r.anchor)
            merger.add(event_id, r)
        articles = _articles(conn, (m.event.article_id for iid in merger.touched for m in merger.members[iid]))
        written = 0
        for iid in sorted(merger.touched):
            group = merger.members[iid]
            new_id = _reuse_id(conn, iid, group, old_ids)
            if new_id != iid:
                merger.members[new_id] = merger.members.pop(iid)
                iid = new_id
                merger.write_block(iid)
            _write_summary(conn, iid, summarise([m.event for m in group], articles, iid), group)
            written += 1
        return written


def _core_dates(group: Sequence[Report]) -> list[date]:
    """The incident's date as most of its reports give it (day-precision dates; several on a tie)."""
    counts: dict[date, int] = {}
    for m in group:
        if m.event.event_date is not None and m.event.date_precision == "day":
            counts[m.event.event_date] = counts.get(m.event.event_date, 0) + 1
    if not counts:
        return []
    top = max(counts.values())
    return sorted(d for d, n in counts.items() if n == top)


def _near_core(r: Report, core: Sequence[date], s: MergeSettings) -> bool:
    """A report within the date window of the incident's core date(s) may join although it is more
    than the window from an outlying member (reports of one incident dated a day early and a day late)."""
    e = r.event
    if not core or e.event_date is None or e.date_precision != "day":
        return False
    return all(abs((e.event_date - d).days) <= s.days for d in core)


def _bucket(r: Report) -> int:
    return r.anchor.toordinal() // _CHUNK_DAYS if r.anchor else 10 ** 7


def _signature(event_ids: Iterable[int]) -> str:
    return ",".join(str(i) for i in sorted(event_ids))


def _forget(conn, incident_ids: Sequence[int], old_ids: dict[str, int]) -> None:
    """Delete incidents (their links go with them), remembering their member lists for id reuse."""
    for chunk in _chunks(incident_ids):
        marks = ", ".join("?" for _ in chunk)
        for iid, members in conn.execute(f"SELECT id, members FROM incidents WHERE id IN ({marks})", chunk):
            if members:
                old_ids[members] = iid
        conn.execute(f"DELETE FROM incidents WHERE id IN ({marks})", chunk)


def _reuse_id(conn, iid: int, group: Sequence[Report], old_ids: dict[str, int]) -> int:
    old = old_ids.pop(_signature(m.event.id for m in group), None)
    if old is None or old == iid or conn.execute("SELECT 1 FROM incidents WHERE id = ?", (old,)).fetchone():
        return iid
    conn.execute("INSERT INTO incidents (id, n_events, wide) VALUES (?, 0, 0)", (old,))
    conn.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?", (old, iid))
    conn.execute("DELETE FROM incidents WHERE id = ?", (iid,))
    return old


def _dissolve_vague_incidents(conn, located: Sequence[Report], s: MergeSettings, old_ids: dict[str, int]) -> list[int]:
    """Incidents known only at region level (or unlocated) around the dates of newly located reports
    are dissolved so their reports can join the located incident they belong to; returns their event ids."""
    dates = [r.event.event_date for r in located if r.event.event_date]
    if not dates:
        return []
    span = timedelta(days=_max_span(s))
    lo, hi = (min(dates) - span).isoformat(), (max(dates) + span).isoformat()
    ids = [row[0] for row in conn.execute(
        "SELECT i.id FROM incidents i WHERE i.block_lo BETWEEN ? AND ? AND NOT EXISTS ("
        " SELECT 1 FROM incident_events l JOIN events e ON e.id = l.event_id WHERE l.incident_id = i.id"
        " AND e.latitude IS NOT NULL AND coalesce(e.geo_precision, 1) < 3)", (lo, hi))]
    return _dissolve(conn, ids, old_ids)


def _dissolve(conn, ids: list[int], old_ids: dict[str, int]) -> list[int]:
    """Forget the incidents ``ids`` (their old ids kept in ``old_ids``); returns their event ids."""
    if not ids:
        return []
    events: list[int] = []
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        events += [row[0] for row in conn.execute(
            f"SELECT event_id FROM incident_events WHERE incident_id IN ({marks})", chunk)]
    _forget(conn, ids, old_ids)
    return events


def _dissolve_neighbours(merger: _Merger, conn, located: Sequence[Report], old_ids: dict[str, int]) -> list[int]:
    """The incidents a newly located report could join are dissolved, so their reports are merged again
    with it in the usual order (located first): a vaguer report that joined the best incident there
    was before this one arrived moves to the one it fits best, as a full rebuild would put it.
    Returns their event ids."""
    if not located or conn.execute("SELECT 1 FROM incidents LIMIT 1").fetchone() is None:
        return []
    ids = sorted({c for r in located for c in merger.candidates(r)})
    return _dissolve(conn, ids, old_ids)


def rebuild_incidents(store, *, days: int | None = None, km: float | None = None, options=None,
                      settings: MergeSettings | None = None) -> int:
    """Forget all incidents and merge every event again (ids are kept where membership is unchanged)."""
    with store.transaction() as conn:
        conn.execute("UPDATE incidents SET n_events = -1")
    return update_incidents(store, days=days, km=km, options=options, settings=settings)


def _precision(event: Event) -> int:
    """1 located at a place, 2 near a place, 3 region only, 4 not located."""
    p = event.place
    if p is None or p.latitude is None:
        return 4 if p is None or not p.name else max(p.precision or 1, 2)
    return p.precision or 1


def _write_summary(conn, incident_id: int, inc: Incident, group: Sequence[Report]) -> None:
    p = inc.place
    conn.execute(
        "UPDATE incidents SET event_date = ?, event_type = ?, sub_event_type = ?, actor1 = ?, actor2 = ?, "
        "admin2 = ?, location = ?, fatalities = ?, fatalities_max = ?, n_events = ?, n_articles = ?, members = ? "
        "WHERE id = ?",
        (_iso(inc.event_date), inc.event_type, inc.sub_event_type, inc.actor1, inc.actor2,
         p.admin2 if p else None, p.name if p else None, inc.fatalities, inc.fatalities_max, len(inc.sources),
         len(inc.article_ids), _signature(m.event.id for m in group), incident_id))


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
        for chunk in _chunks(ids):
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


def load_incidents(store, incident_ids: Sequence[int], *, explain: bool = True, near_misses: bool = False,
                   settings: MergeSettings | None = None) -> list[Incident]:
    """Incidents by id (in the given order), summarised from their member events, with why their
    reports were merged (``explain``) and the similar incidents nearby kept apart (``near_misses``)."""
    conn = store.conn
    if not incident_ids:
        return []
    s = settings or MergeSettings()
    merger = _Merger(store, conn, replace(s, text="tfidf"))
    ids = [int(i) for i in incident_ids]
    merger.load(ids)
    articles = _articles(conn, (m.event.article_id for i in ids for m in merger.members[i]))
    out = []
    for iid in ids:
        group = merger.members[iid]
        if not group:
            continue
        inc = summarise([m.event for m in group], articles, iid)
        if explain:
            inc = replace(inc, links=why_merged(group, s))
        if near_misses:
            inc = replace(inc, near_misses=find_near_misses(merger, iid, s))
        out.append(inc)
    return out


def why_merged(group: Sequence[Report], s: MergeSettings) -> tuple[MergeLink, ...]:
    """For each report after the first, the other report it matches best, with the shared facts."""
    ordered = sorted(group, key=lambda m: m.event.id or 0)
    if len(ordered) < 2:
        return ()
    index = TfIdf([m.event.quote() for m in ordered])
    links = []
    for i, r in enumerate(ordered[1:], 1):
        best = max(((score(r, o, s, index.similarity), o) for o in ordered[:i]), key=lambda x: x[0].score)
        links.append(MergeLink(r.event.id or 0, best[1].event.id or 0, best[0].score, best[0].reasons))
    return tuple(links)


def find_near_misses(merger: _Merger, iid: int, s: MergeSettings, limit: int = 10) -> tuple[NearMiss, ...]:
    """Incidents of a compatible type whose windows overlap and that lie within ``near_miss_km`` (or
    in the same region), kept apart: the clear disagreement, or a score below the threshold."""
    group = merger.members[iid]
    cands = sorted({c for r in group for c in merger.candidates(r)} - {iid})
    merger.load(cands)
    index = TfIdf([m.event.quote() for m in group] + [m.event.quote() for c in cands for m in merger.members[c]])
    out = []
    for c in cands:
        other = merger.members[c]
        if not other:
            continue
        pairs = [(score(x, y, s, index.similarity), x, y) for x in group for y in other]
        if any(m.veto and m.veto.startswith("incompatible types") for m, _x, _y in pairs):
            continue
        if not any(_nearby(x, y, s) for _m, x, y in pairs):
            continue
        vetoed = [m for m, _x, _y in pairs if m.veto]
        best = max((m for m, _x, _y in pairs), key=lambda m: m.score)
        reason = vetoed[0].veto if vetoed else f"score {best.score:.2f} below the threshold {s.threshold:g}"
        inc = summarise([m.event for m in other], None, c)
        out.append(NearMiss(c, inc.event_date, inc.event_type, inc.location, best.score, reason))
    return tuple(sorted(out, key=lambda n: -n.score)[:limit])


def _nearby(a: Report, b: Report, s: MergeSettings) -> bool:
    pa, pb = a.event.place, b.event.place
    if pa is None or pb is None or pa.latitude is None or pb.latitude is None:
        return bool(pa and pb and pa.admin1 and pa.admin1 == pb.admin1) or pa is None or pb is None
    return _km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= s.near_miss_km


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ..store.sqlite import km_between

    return km_between(lat1, lon1, lat2, lon2)


def list_incidents(store, flt: EventFilter | None = None, *, near_misses: bool = False,
                   settings: MergeSettings | None = None) -> list[Incident]:
    update_incidents(store, settings=settings)
    return load_incidents(store, matching_incident_ids(store, flt or EventFilter()), near_misses=near_misses,
                          settings=settings)


def get_incident(store, incident_id: int, settings: MergeSettings | None = None) -> Incident:
    update_incidents(store, settings=settings)
    found = load_incidents(store, [int(incident_id)], near_misses=True, settings=settings)
    if not found:
        raise NotFoundError(f"no incident with id {incident_id}")
    return found[0]
