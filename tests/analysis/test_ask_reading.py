"""`ask` reads as people read (issue 13, class 9): the recent window comes first in the words and
the numbers; the windows end on the database's latest incident (and the answer says so); an
incident counts for an actor only when it acted in it (actor1, or a side of a battle), and each
incident's role is given."""
from __future__ import annotations

import re
from datetime import date

import pytest

from conflictlens.analysis.answer import ask
from conflictlens.analysis.jsonify import answer_to_json
from conflictlens.analysis.render import render_answer
from conflictlens.models import Actor

from analysis_helpers import event, place, save

AZAZ = place("Azaz", 36.586, 37.045, admin2="Azaz")
AL_BAB = place("Al-Bab", 36.37, 37.52, admin2="Al-Bab")
DARAA = place("Daraa", 32.62, 36.10, admin1="Daraa", admin2="Daraa")
ARMY = "Military Forces of Syria"
COALITION = "Military Forces of the United States"


class Table:
    def resolve(self, name):
        if name.lower() in {"isis", "daesh", "islamic state"}:
            return Actor("Islamic State", "rebel_group", 2, aliases=("ISIS", "Daesh"))
        return None


@pytest.fixture
def store(new_store):
    s = new_store("sqlite")
    # baseline months in Aleppo: other sides only (the place is covered)
    save(s, "https://a.test/1", "2020-02-11", [event("2020-02-10", actor1="Syrian National Army",
                                                      actor2="Syrian Democratic Forces", where=AL_BAB)])
    save(s, "https://a.test/2", "2020-04-03", [event("2020-04-02", actor1="Syrian National Army",
                                                      actor2="Syrian Democratic Forces", where=AZAZ)])
    # June in Aleppo: ISIS attacks (actor1), a battle the army started against it (clash side) ...
    save(s, "https://a.test/3", "2020-06-06", [event("2020-06-05", where=AZAZ, fatalities=2,
                                                      quote="ISIS fighters attacked an army post in Azaz.")])
    save(s, "https://a.test/4", "2020-06-13", [event("2020-06-12", actor1=ARMY, actor2="Islamic State",
                                                      where=AL_BAB, quote="The army stormed an ISIS hideout.")])
    # ... and an air strike that killed an ISIS leader: ISIS is only the target
    save(s, "https://a.test/5", "2020-06-16", [event("2020-06-15", actor1=COALITION, actor2="Islamic State",
                                                      etype="Explosions/Remote violence", sub="Air/drone strike",
                                                      where=AZAZ, fatalities=1,
                                                      quote="A drone strike killed an ISIS leader near Azaz.")])
    # the database's latest incident is in another region, two weeks later
    save(s, "https://a.test/6", "2020-07-01", [event("2020-06-30", actor1=ARMY, actor2="Civilians (Syria)",
                                                      etype="Violence against civilians", sub="Attack",
                                                      where=DARAA)])
    yield s
    s.close()


def test_the_summary_names_the_recent_window_and_its_rate_first(store):
    a = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None)
    text = a.summary
    assert text.index("in the 30 days to") < text.index("days before")
    rates = re.search(r"([\d.]+) per 30 days recently vs ([\d.]+) in the baseline", text)
    assert rates, text
    assert (float(rates.group(1)), float(rates.group(2))) == (round(a.test.recent_rate, 2),
                                                              round(a.test.base_rate, 2))
    assert a.test.recent_rate > a.test.base_rate


def test_windows_end_on_the_databases_latest_incident_and_say_so(store):
    a = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None)
    assert a.as_of == date(2020, 6, 30)  # Daraa's incident, not Aleppo's latest (15 June)
    assert "database" in a.as_of_from and "Windows end on 2020-06-30" in a.summary
    assert "database" in render_answer(a) and answer_to_json(a)["as_of_from"] == a.as_of_from
    asked = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None, today=date(2020, 6, 20))
    assert asked.as_of == date(2020, 6, 20) and asked.as_of_from == "the date asked for"


def test_an_actor_counts_only_where_it_acted_and_each_role_is_said(store):
    a = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None)
    assert a.recent_count == 2 and a.verdict == "yes"
    by_place = {i.location: role for i, role in zip(a.incidents, a.roles)}
    assert by_place == {"Azaz": "actor1", "Al-Bab": "clash side"}
    (strike,) = a.uncounted
    assert strike.sub_event_type == "Air/drone strike"
    assert any("only the target" in n for n in a.notes)
    data = answer_to_json(a)
    assert sorted(i["role"] for i in data["incidents"]) == ["actor1", "clash side"]
    assert [i["role"] for i in data["not_counted"]] == ["target"]
    shown = render_answer(a)
    assert "(Islamic State: actor1)" in shown and "(Islamic State: clash side)" in shown
    assert "not counted (Islamic State only the target, 1)" in shown


def test_strikes_on_an_actor_alone_are_no_return(new_store):
    s = new_store("sqlite")
    save(s, "https://b.test/1", "2020-03-02", [event("2020-03-01", actor1="Syrian National Army",
                                                      actor2="Syrian Democratic Forces", where=AL_BAB)])
    for day, key in (("2020-06-10", "a"), ("2020-06-14", "b"), ("2020-06-18", "c")):
        save(s, f"https://b.test/{key}", day, [event(day, actor1=COALITION, actor2="Islamic State",
                                                      etype="Explosions/Remote violence", sub="Air/drone strike",
                                                      where=AZAZ, key=key)])
    a = ask(s, "Has ISIS returned to rural Aleppo?", Table(), None)
    assert a.recent_count == 0 and a.verdict == "no" and len(a.uncounted) == 3
    count = ask(s, "How many attacks by ISIS in rural Aleppo since 2020-01-01?", Table(), None)
    assert answer_to_json(count)["answer"] == 0 and len(count.uncounted) == 3
    s.close()


def test_questions_without_an_actor_count_every_incident(store):
    a = ask(store, "How many incidents in rural Aleppo since 2020-06-01?", Table(), None)
    assert answer_to_json(a)["answer"] == 3 and a.roles == () and a.uncounted == ()
