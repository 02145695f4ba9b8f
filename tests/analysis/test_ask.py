"""The seed question on a hand-made corpus: ISIS active in rural Aleppo in one month, absent before."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conflictlens.analysis.answer import answer, ask
from conflictlens.analysis.jsonify import answer_to_json
from conflictlens.analysis.stats import rate_change
from conflictlens.analysis.trend import bucket, sparkline, trend_series
from conflictlens.cli.main import main
from conflictlens.models import EventFilter
from conflictlens.store.sqlite import SQLiteStore

from analysis_helpers import event, place, save

AZAZ = place("Azaz", 36.586, 37.045, admin2="Azaz")
KAFR = place("Kafr Ghan", 36.60, 37.10, admin2="Azaz")
AL_BAB = place("Al-Bab", 36.37, 37.52, admin2="Al-Bab")
SARMIN = place("Sarmin", 35.90, 36.72, admin1="Idlib", admin2="Idlib")


class Table:
    """A stand-in actor table: aliases of the Islamic State."""

    def resolve(self, name):
        from conflictlens.models import Actor

        if name.lower() in {"isis", "isil", "daesh", "islamic state"}:
            return Actor("Islamic State", "rebel_group", 2, aliases=("ISIS", "ISIL", "Daesh"))
        return None


def build(store) -> SQLiteStore:
    # Earlier months: other actors only (coverage of the place without ISIS).
    save(store, "https://quiet.example/1", "2020-02-10",
         [event("2020-02-09", actor1="Syrian National Army", actor2="Syrian Democratic Forces", where=AL_BAB,
                fatalities=1, quote="SNA and SDF fighters clashed near Al-Bab.")], outlet="Quiet News")
    save(store, "https://quiet.example/2", "2020-04-02",
         [event("2020-04-01", actor1="Unidentified Armed Group (Syria)", actor2="Civilians (Syria)", where=AZAZ,
                etype="Violence against civilians", sub="Attack", quote="Gunmen shot a shopkeeper in Azaz.")],
         outlet="Quiet News")
    # June: ISIS attacks in rural Aleppo, one of them reported by two outlets with different tolls.
    save(store, "https://wire.example/isis-1", "2020-06-25",
         [event("2020-06-24", where=KAFR, fatalities=3, quote="ISIS gunmen killed three soldiers in Kafr Ghan.")],
         outlet="Wire A")
    save(store, "https://other.example/isis-1", "2020-06-25",
         [event("2020-06-24", where=KAFR, fatalities=4, quote="Daesh cell kills four troops near Kafr Ghan.")],
         outlet="Wire B")
    save(store, "https://wire.example/isis-2", "2020-06-12",
         [event("2020-06-11", where=AZAZ, etype="Explosions/Remote violence", sub="Remote explosive/landmine/IED",
                fatalities=1, quote="An IED claimed by ISIS killed a fighter in Azaz.")], outlet="Wire A")
    save(store, "https://wire.example/isis-3", "2020-06-18",
         [event("2020-06-17", where=AL_BAB, quote="ISIS attacked a checkpoint outside Al-Bab.")], outlet="Wire A")
    # ISIS in Idlib, not Aleppo.
    save(store, "https://wire.example/idlib", "2020-06-20", [event("2020-06-20", where=SARMIN)], outlet="Wire A")
    return store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, new_store):
    return build(new_store(request.param))


def test_rate_change_direction():
    up = rate_change(4, 30, 0, 180)
    assert up.p_increase < 0.01 < up.p_decrease
    down = rate_change(0, 30, 30, 180)
    assert down.p_decrease < 0.05 and down.p_increase == 1.0
    assert rate_change(0, 30, 0, 180).p_increase == 1.0
    assert rate_change(1, 30, 6, 180).p_increase > 0.4  # same rate


def test_has_isis_returned_to_rural_aleppo(store):
    a = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None)
    assert a.question.actor.name == "Islamic State"
    assert (a.question.place.level, a.question.place.name) == ("admin1", "Aleppo")
    assert a.as_of == date(2020, 6, 24)
    assert a.recent_count == 3, "the two reports of the Kafr Ghan attack count once"
    assert a.base_count == 0
    assert a.test.p_increase < 0.05 and a.verdict == "yes"
    kafr = next(i for i in a.incidents if i.location == "Kafr Ghan")
    assert kafr.fatalities == 3 and kafr.fatalities_max == 4
    quotes = {s.quote for i in a.incidents for s in i.sources}
    assert "ISIS gunmen killed three soldiers in Kafr Ghan." in quotes
    assert "Daesh cell kills four troops near Kafr Ghan." in quotes
    assert all(i.place.admin1 == "Aleppo" for i in a.incidents)
    data = answer_to_json(a)
    assert data["answer"] == "yes" and data["baseline_count"] == 0
    assert {"location", "event_date", "fatalities", "evidence"} <= set(data["incidents"][0])


def test_not_returned_when_judged_later(store):
    a = ask(store, "Has ISIS returned to rural Aleppo?", Table(), None, today=date(2020, 12, 31))
    assert a.recent_count == 0 and a.verdict == "no"
    assert a.incidents == ()


def test_active_and_count_questions(store):
    assert ask(store, "Is ISIS active in Idlib?", Table(), None).verdict == "yes"
    a = ask(store, "How many people were killed in rural Aleppo since 2020-06-01?", Table(), None)
    assert a.verdict == "count" and a.recent_fatalities == 4  # 3 (conservative) + 1
    assert answer_to_json(a)["answer"] == 4
    a = ask(store, "How many attacks by ISIS in rural Aleppo since 2020-01-01?", Table(), None)
    assert answer_to_json(a)["answer"] == 3


def test_unknown_actor_and_empty_database(tmp_path):
    empty = SQLiteStore(str(tmp_path / "empty.db"))
    a = ask(empty, "Has ISIS returned to rural Aleppo?", Table(), None)
    assert a.recent_count == 0 and a.incidents == () and a.verdict in {"no", "uncertain"}
    assert "no reports" in a.summary
    json.dumps(answer_to_json(a))
    assert trend_series(empty, EventFilter()).points == ()
    empty.close()


def test_answer_without_baseline_coverage_is_uncertain(store):
    from conflictlens.analysis.incidents import list_incidents
    from conflictlens.analysis.question import parse_question
    from conflictlens.analysis.records import ActorRef, PlaceRef

    q = parse_question("Has ISIS returned to rural Aleppo?", lambda t: ActorRef(t, "Islamic State"),
                       lambda n, w: PlaceRef(n, n, "admin1"))
    recent = [i for i in list_incidents(store) if i.event_date >= date(2020, 6, 1) and i.place.admin1 == "Aleppo"]
    a = answer(q, recent, recent, today=date(2020, 6, 30))
    assert a.verdict == "uncertain" and any("coverage" in n for n in a.notes)


def test_trend_counts_each_incident_once(store):
    series = trend_series(store, EventFilter(actor="Islamic State", admin1="Aleppo"), "month")
    assert [(p.period.isoformat(), p.incidents, p.fatalities) for p in series.points] == [("2020-06-01", 3, 4)]
    series = trend_series(store, EventFilter(admin1="Aleppo", since=date(2020, 1, 1), until=date(2020, 6, 30)))
    assert [p.incidents for p in series.points] == [0, 1, 0, 1, 0, 3]
    weekly = bucket([(date(2020, 6, 24), 1), (date(2020, 6, 25), 2)], "week")
    assert [(p.period, p.incidents, p.fatalities) for p in weekly.points] == [(date(2020, 6, 22), 2, 3)]
    assert sparkline([0, 1, 2, 4]) == " ▃▅█"


def test_cli_ask_trend_incidents_watch(store, tmp_path, capsys, monkeypatch):
    from conflictlens.api import Conflictlens

    monkeypatch.setattr(Conflictlens, "geocoder", property(lambda self: None))  # no gazetteer build in tests
    monkeypatch.setattr(Conflictlens, "actors", property(lambda self: Table()))
    db = store.path
    assert main(["--db", db, "ask", "Has ISIS returned to rural Aleppo?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recent_count"] == 3 and data["test"]["p_increase"] < 0.05
    assert main(["ask", "Where is the weather?", "--db", db]) == 2
    assert "Has ACTOR returned to PLACE" in capsys.readouterr().err
    assert main(["--db", db, "trend", "--admin1", "Aleppo", "--by", "month", "--plot", str(tmp_path / "t.png")]) == 0
    out = capsys.readouterr().out
    assert "2020-06" in out and "total" in out and (tmp_path / "t.png").stat().st_size > 0
    assert main(["--db", db, "incidents", "--json", "--admin1", "Aleppo"]) == 0
    incidents = json.loads(capsys.readouterr().out)
    assert len(incidents) == 5 and sum(len(i["articles"]) for i in incidents) == 6
    assert main(["--db", db, "watch", "--add", "Is ISIS active in rural Aleppo?"]) == 0
    assert main(["--db", db, "watch", "--today", "2020-06-30", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "watch", "--today", "2020-12-31", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert runs[0]["changed"] and runs[0]["answer"]["answer"] in {"no", "uncertain"}
    assert main(["--db", db, "watch", "--today", "2020-12-31", "--json"]) == 0
    assert not json.loads(capsys.readouterr().out)[0]["changed"]
    assert main(["--db", db, "watch", "--list"]) == 0
    assert "Is ISIS active in rural Aleppo?" in capsys.readouterr().out
    assert main(["--db", db, "watch", "--remove", "1"]) == 0
    assert main(["--db", db, "watch", "--remove", "1"]) == 3  # NotFoundError
    capsys.readouterr()
    assert main(["--db", db, "incidents", "--rebuild", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 6
