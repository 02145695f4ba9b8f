from __future__ import annotations

from dataclasses import replace

import pytest

from conflictlens.analysis.dedup import same_incident
from conflictlens.analysis.incidents import get_incident, list_incidents, rebuild_incidents, update_incidents
from conflictlens.errors import NotFoundError
from conflictlens.models import EventFilter

from analysis_helpers import event, place, save

KAFR = place("Kafr Ghan", 36.60, 37.10, admin2="Azaz")
KAFR_NEAR = place("Kafrghan", 36.62, 37.12, admin2="Azaz")  # another spelling, ~3 km off
MANBIJ = place("Manbij", 36.53, 37.95, admin2="Manbij")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, new_store):
    return new_store(request.param)


def test_same_incident_rules():
    a = replace(event("2020-06-24", where=KAFR, fatalities=3), article_id=1)
    b = replace(event("2020-06-25", where=KAFR_NEAR, fatalities=5), article_id=2)
    assert same_incident(a, b)
    assert not same_incident(a, replace(b, article_id=1)), "two incidents of one article stay apart"
    twice = replace(a, place=replace(KAFR, name="Syria", latitude=35.0, longitude=38.0, admin1=None, precision=3))
    assert same_incident(a, replace(twice, id=9)), "one sentence coded twice in one article is one incident"
    assert not same_incident(a, replace(b, event_date=a.event_date.replace(day=27))), "two days apart"
    assert not same_incident(a, replace(b, place=MANBIJ)), "70 km apart"
    assert not same_incident(a, replace(b, event_type="Protests")), "incompatible types"
    assert same_incident(a, replace(b, event_type="Explosions/Remote violence")), "violence types are compatible"
    assert not same_incident(a, replace(b, actor1="Syrian Democratic Forces", actor2="Turkish Army"))
    assert same_incident(a, replace(b, actor1="Unidentified Armed Group (Syria)", actor2="")), "generic side"
    assert same_incident(a, replace(b, actor1="Islamic State (Syria)")), "country qualifier ignored"


def test_merge_across_articles_keeps_lowest_toll_and_disagreements(store):
    save(store, "https://a.example/1", "2020-06-25",
         [event("2020-06-24", where=KAFR, fatalities=3, quote="ISIS gunmen killed three soldiers in Kafr Ghan.")],
         outlet="Wire A")
    save(store, "https://b.example/1", "2020-06-25",
         [event("2020-06-25", where=KAFR_NEAR, fatalities=5, quote="Five soldiers died in Kafrghan.")],
         outlet="Wire B")
    save(store, "https://c.example/1", "2020-06-25", [event("2020-06-25", where=MANBIJ, key="m")])
    assert update_incidents(store, [1, 2, 3]) == 2
    incidents = list_incidents(store)
    assert len(incidents) == 2
    merged = next(i for i in incidents if len(i.sources) == 2)
    assert merged.fatalities == 3 and merged.fatalities_max == 5
    assert merged.outlets == ("Wire A", "Wire B")
    fields = {d.field for d in merged.disagreements}
    assert {"fatalities", "location", "event_date"} <= fields
    assert {s.quote for s in merged.sources} == {"ISIS gunmen killed three soldiers in Kafr Ghan.",
                                                 "Five soldiers died in Kafrghan."}
    assert update_incidents(store) == 0, "idempotent"
    assert get_incident(store, merged.id).article_ids == merged.article_ids


def test_unmerge_when_bridging_article_is_removed(store):
    # A (24th) and C (26th) are two days apart: never one incident (issue 12), though B (25th) is a day from each.
    a = save(store, "https://a.example/x", "2020-06-24", [event("2020-06-24", where=KAFR)])
    b = save(store, "https://b.example/x", "2020-06-25", [event("2020-06-25", where=KAFR)])
    c = save(store, "https://c.example/x", "2020-06-26", [event("2020-06-26", where=KAFR)])
    update_incidents(store, [a, b, c])
    assert sorted(i.article_ids for i in list_incidents(store)) == [(a, b), (c,)]
    store.delete_article(b)
    update_incidents(store, [b])
    assert sorted(i.article_ids for i in list_incidents(store)) == [(a,), (c,)]
    # and back again when it is re-ingested
    b = save(store, "https://b.example/x", "2020-06-25", [event("2020-06-25", where=KAFR)])
    update_incidents(store, [b])
    assert sorted(len(i.sources) for i in list_incidents(store)) == [1, 2]


def test_reextraction_moves_event_out_of_incident(store):
    a = save(store, "https://a.example/y", "2020-06-24", [event("2020-06-24", where=KAFR, fatalities=2)])
    b = save(store, "https://b.example/y", "2020-06-24", [event("2020-06-24", where=KAFR, fatalities=4)])
    update_incidents(store, [a, b])
    assert len(list_incidents(store)) == 1
    moved = event("2020-06-24", where=MANBIJ, fatalities=4)  # same event_key, now placed elsewhere
    store.replace_events(b, [replace(moved, article_id=b)])
    update_incidents(store, [b])
    incidents = list_incidents(store)
    assert sorted(i.location for i in incidents) == ["Kafr Ghan", "Manbij"]
    assert [i.fatalities for i in incidents if i.location == "Kafr Ghan"] == [2]


def test_incremental_equals_rebuild(store):
    ids = []
    for n, (day, where) in enumerate([("2020-06-24", KAFR), ("2020-06-25", MANBIJ), ("2020-06-25", KAFR_NEAR),
                                      ("2020-07-01", KAFR), ("2020-06-24", MANBIJ)]):
        ids.append(save(store, f"https://s.example/{n}", day, [event(day, where=where)]))
        update_incidents(store, [ids[-1]])
    incremental = sorted(tuple(i.article_ids) for i in list_incidents(store))
    rebuild_incidents(store)
    assert sorted(tuple(i.article_ids) for i in list_incidents(store)) == incremental
    assert incremental == [(1, 3), (2, 5), (4,)]


def test_filters_and_missing(store):
    save(store, "https://a.example/z", "2020-06-24", [event("2020-06-24", where=KAFR)])
    save(store, "https://b.example/z", "2020-06-24", [event("2020-06-24", where=MANBIJ, actor1="Syrian Democratic Forces")])
    assert [i.location for i in list_incidents(store, EventFilter(actor="Democratic"))] == ["Manbij"]
    assert [i.location for i in list_incidents(store, EventFilter(near=(36.6, 37.1, 20)))] == ["Kafr Ghan"]
    assert list_incidents(store, EventFilter(actor="nobody")) == []
    with pytest.raises(NotFoundError):
        get_incident(store, 999)


def test_empty_database(store):
    assert update_incidents(store) == 0
    assert list_incidents(store) == []
