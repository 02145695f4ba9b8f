"""Invariants of incremental merging on random small corpora."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from conflictlens.analysis.incidents import list_incidents, update_incidents
from conflictlens.analysis.trend import trend_series
from conflictlens.models import EventFilter
from conflictlens.store.sqlite import SQLiteStore

from analysis_helpers import event, place, save

TOWNS = [place("A", 36.60, 37.10, admin2="D1"), place("B", 36.62, 37.12, admin2="D1"),
         place("C", 36.90, 37.60, admin2="D2"), place("R", 36.5, 37.3, precision=3)]
ACTORS = ["Islamic State", "Syrian National Army", "Unidentified Armed Group (Syria)"]

reports = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 3), st.integers(0, 2), st.integers(0, 3)),
                   min_size=1, max_size=14)


@settings(max_examples=25, deadline=None)
@given(reports, st.integers(1, 5))
def test_every_event_in_one_incident_and_counted_once(items, batch):
    store = SQLiteStore(":memory:")
    ids = []
    for n, (day, town, actor, toll) in enumerate(items):
        d = (date(2020, 6, 1) + timedelta(days=day)).isoformat()
        ids.append(save(store, f"https://p.example/{n}", d,
                        [event(d, actor1=ACTORS[actor], where=TOWNS[town], fatalities=toll)]))
        if len(ids) % batch == 0:
            update_incidents(store, ids[-batch:])
    update_incidents(store, ids)
    assert update_incidents(store) == 0, "idempotent"
    links = store.conn.execute("SELECT count(*), count(DISTINCT event_id) FROM incident_events").fetchone()
    assert tuple(links) == (len(items), len(items))
    incidents = list_incidents(store)
    assert sum(len(i.sources) for i in incidents) == len(items)
    assert all(i.fatalities <= i.fatalities_max for i in incidents)
    assert trend_series(store, EventFilter(), "month").total_incidents == len(incidents)
    # removing every article leaves no incident behind
    for article_id in ids:
        store.delete_article(article_id)
    update_incidents(store)
    assert list_incidents(store) == []
    store.close()
