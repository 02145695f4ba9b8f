"""Cross-article merging in the store (issue 12): incremental, stable ids, near misses, why merged."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conflictlens.analysis import incident_to_json
from conflictlens.analysis.incidents import get_incident, list_incidents, rebuild_incidents, update_incidents
from conflictlens.store.sqlite import SQLiteStore

from analysis_helpers import event, place, save

AZAZ = place("Azaz", 36.5866, 37.0463)
VILLAGE_A = place("Kafr Sousa", 36.5866, 37.0463, precision=2, matched_name="I'zaz", reason="coded to Azaz")
VILLAGE_B = place("Tal Qamar", 36.5866, 37.0463, precision=2, matched_name="I'zaz", reason="coded to Azaz")


@pytest.fixture
def store():
    s = SQLiteStore(":memory:")
    yield s
    s.close()


def _vac(day, where, quote, fatalities=1):
    return event(day, where=where, etype="Violence against civilians", sub="Attack", actor2="Civilians (Syria)",
                 quote=quote, fatalities=fatalities)


def test_seed_like_villages_stay_apart_and_are_near_misses(store):
    a1 = save(store, "https://a.example/1", "2021-04-10", [_vac("2021-04-10", VILLAGE_A, "IS shot a commander dead in Kafr Sousa.")])
    a2 = save(store, "https://b.example/1", "2021-04-11", [_vac("2021-04-10", VILLAGE_A, "A commander was killed by IS in Kafr Sousa.")])
    b1 = save(store, "https://a.example/2", "2021-04-11", [_vac("2021-04-11", VILLAGE_B, "IS gunmen killed a man in Tal Qamar.")])
    # a report at the town itself, a day after the first village and the same day as the second
    t = save(store, "https://c.example/1", "2021-04-11", [_vac("2021-04-11", replace(AZAZ, precision=2), "IS killed a man near Azaz.")])
    update_incidents(store)
    groups = sorted(i.article_ids for i in list_incidents(store))
    assert (a1, a2) in groups or (a1, a2, t) in groups
    assert not any({a1, b1} <= set(g) for g in groups), "two named villages never merge, not even through the town"
    village_a = next(i for i in list_incidents(store, near_misses=True) if i.location == "Kafr Sousa")
    data = incident_to_json(village_a)
    assert any("two named places" in n["kept_apart_because"] for n in data["near_misses"])
    assert data["why_merged"] and "same place Kafr Sousa" in data["why_merged"][0]["shared"]


def test_toll_rule_and_every_source_figure_in_the_json(store):
    quotes = ["A truck bomb killed at least 22 people in Azaz.", "The toll of the Azaz truck bomb rose to 25.",
              "One person was killed by a truck bomb in Azaz.", "Doctors said 46 died in the Azaz truck bombing."]
    for n, (q, toll) in enumerate(zip(quotes, [22, 25, 1, 46])):
        save(store, f"https://s{n}.example/x", "2021-04-10",
             [event("2021-04-10", where=AZAZ, etype="Explosions/Remote violence", sub="Remote explosive/landmine/IED",
                    actor1="Unidentified Armed Group (Syria)", actor2="Civilians (Syria)", quote=q, fatalities=toll)])
    [inc] = list_incidents(store)
    data = incident_to_json(inc)
    assert data["fatalities"] == 22 and data["fatalities_max"] == 46
    assert sorted(r["reported_toll"] for r in data["reports"]) == [1, 22, 25, 46]
    assert all(r["toll_evidence"] in quotes for r in data["reports"])
    assert "supported" in data["toll_rule"]


def test_reextraction_keeps_incident_ids_where_membership_is_unchanged(store):
    a = save(store, "https://a.example/y", "2021-04-10", [event("2021-04-10", where=AZAZ, quote="Clashes in Azaz.")])
    b = save(store, "https://b.example/y", "2021-04-10", [event("2021-04-10", where=AZAZ, quote="Fighting in Azaz.")])
    c = save(store, "https://c.example/y", "2021-05-02", [event("2021-05-02", where=AZAZ, quote="Shelling hit Azaz.")])
    update_incidents(store)
    before = {i.article_ids: i.id for i in list_incidents(store)}
    # re-extraction of b and c: the same events are upserted (the trigger unlinks them)
    store.replace_events(b, [replace(event("2021-04-10", where=AZAZ, quote="Fighting in Azaz."), article_id=b)])
    store.replace_events(c, [replace(event("2021-05-02", where=AZAZ, quote="Shelling hit Azaz."), article_id=c)])
    update_incidents(store)
    assert {i.article_ids: i.id for i in list_incidents(store)} == before
    rebuild_incidents(store)
    assert {i.article_ids: i.id for i in list_incidents(store)} == before
    assert get_incident(store, before[(a, b)]).article_ids == (a, b)


def test_undated_report_merges_within_its_publication_window(store):
    dated = save(store, "https://a.example/u", "2021-04-10", [event("2021-04-10", where=AZAZ, quote="IS attacked an army post in Azaz.")])
    undated_event = replace(event("2021-04-10", where=AZAZ, quote="IS fighters attacked an army post in Azaz."),
                            event_date=None)
    undated = save(store, "https://b.example/u", "2021-04-11", [undated_event])
    update_incidents(store)
    assert [i.article_ids for i in list_incidents(store)] == [(dated, undated)]
