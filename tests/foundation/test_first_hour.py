"""Issue 13, the first hour of a user: actor filters read aliases (class 1), read commands never
create a database (class 3).  Small hand-written records; in-memory and temporary SQLite stores."""
from __future__ import annotations

from datetime import date

import pytest

from conflictlens.api import Conflictlens
from conflictlens.cli.main import main
from conflictlens.models import Article, Event, EventFilter, Place
from conflictlens.store.memory import MemoryStore
from conflictlens.store.query import actor_name_matches, actor_words
from conflictlens.store.sqlite import SQLiteStore
from conflictlens.textnorm import content_hash

# stored actor names as the extractor writes them (ACLED's names)
SIDES = [
    ("Islamic State", "Military Forces of Syria (2000-2024)"),
    ("Islamic State (West Africa)", "Civilians (Nigeria)"),
    ("QSD: Syrian Democratic Forces", "Military Forces of Turkey"),
    ("HTS: Hay'at Tahrir al-Sham", "Military Forces of Syria (2024-)"),
    ("Unidentified Armed Group (Syria)", "Civilians (Syria)"),
]


def _event(i: int, actor1: str, actor2: str) -> Event:
    return Event(event_date=date(2020, 6, 1 + 5 * i), date_precision="day", event_type="Battles",
                 sub_event_type="Armed clash", actor1=actor1, actor2=actor2, event_key=f"k{i}",
                 place=Place(name="Al Bab", latitude=36.37, longitude=37.52, country="Syria", admin1="Aleppo",
                             precision=1))


def _fill(store) -> None:
    for i, (a1, a2) in enumerate(SIDES):
        text = f"Report number {i}: fighting between two sides near a town, written for this test."
        store.save_article(Article(text=text, content_hash=content_hash(text), url=f"https://example.org/{i}"),
                           [_event(i, a1, a2)])


@pytest.fixture(params=["memory", "sqlite"])
def lens(request, tmp_path, options):
    store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "a.db")
    _fill(store)
    with Conflictlens(options, store=store) as cl:
        yield cl


def _sides(events) -> set[str]:
    return {e.actor1 for e in events} | {e.actor2 for e in events}


@pytest.mark.parametrize("typed, expected", [
    ("ISIS", {"Islamic State", "Islamic State (West Africa)"}),  # the canonical name's branches too
    ("isis", {"Islamic State", "Islamic State (West Africa)"}),  # case
    ("Daesh", {"Islamic State", "Islamic State (West Africa)"}),
    ("IS", {"Islamic State", "Islamic State (West Africa)"}),    # an acronym alone names the group
    ("ISWAP", {"Islamic State (West Africa)"}),                   # a branch is only that branch
    ("SDF", {"QSD: Syrian Democratic Forces"}),
    ("QSD", {"QSD: Syrian Democratic Forces"}),
    ("hts", {"HTS: Hay'at Tahrir al-Sham"}),
    ("Hayat Tahrir al Sham", {"HTS: Hay'at Tahrir al-Sham"}),  # transliteration
    ("Turkish army", {"Military Forces of Turkey"}),
    ("Syrian army", {"Military Forces of Syria (2000-2024)", "Military Forces of Syria (2024-)"}),
])
def test_actor_filter_resolves_aliases(lens, typed, expected):
    flt, ref = lens.actor_filter(EventFilter(actor=typed))
    assert ref.known and flt.actor_names
    found = lens.events(EventFilter(actor=typed))
    # every event returned has the actor on a side, and every stored event with it is returned
    assert found and all(_sides([e]) & expected for e in found)
    assert {n for n in _sides(found) if n in expected} == expected
    assert lens.store.count_events(flt) == len(found)


def test_unknown_actor_is_a_substring_match_and_says_so(lens):
    flt, ref = lens.actor_filter(EventFilter(actor="syria"))  # a country is no actor: words of names
    assert not ref.known and "substring" in ref.how and flt.actor_names == ()
    assert _sides(lens.events(flt)) >= {"Civilians (Syria)", "Unidentified Armed Group (Syria)",
                                        "Military Forces of Syria (2024-)", "QSD: Syrian Democratic Forces"}
    assert "Civilians (Nigeria)" not in _sides(lens.events(flt))
    civilians, ref = lens.actor_filter(EventFilter(actor="civilians"))  # a generic actor: its country forms
    assert ref.known and _sides(lens.events(civilians)) >= {"Civilians (Nigeria)", "Civilians (Syria)"}
    assert lens.events(EventFilter(actor="Nobody At All")) == []


def test_actor_words_ignore_case_transliteration_and_periods():
    assert actor_words("Military Forces of Syria (2000-2024)") == actor_words("military forces of syria")
    assert actor_words("Hay'at Tahrir al-Sham") == actor_words("Hayat Tahrir al Sham")
    names = ("Islamic State", "ISIS")
    assert actor_name_matches("ISIS", names, "Islamic State (Somalia)")
    assert not actor_name_matches("ISIS", names, "Islamic Statesmen League")  # whole words only
    assert actor_name_matches("x", (), "") is False
    assert actor_name_matches("civil", (), "Protesters (Syria); Civilians (Syria)")  # associated actors


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_actor_filters_resolve_and_report(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CONFLICTLENS_DB", raising=False)
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:
        _fill(store)
    code, out, err = run(capsys, "--db", str(db), "events", "--actor", "ISIS", "--json")
    assert code == 0 and "Islamic State" in err and err.count("\n") == 1
    for command in (["incidents", "--json"], ["trend", "--json"]):
        code, out, err = run(capsys, "--db", str(db), *command, "--actor", "Daesh")
        assert code == 0 and "= Islamic State" in err, command
    code, out, err = run(capsys, "--db", str(db), "incidents", "--actor", "Daesh", "--json")
    import json

    assert {i["actor1"] for i in json.loads(out)} == {"Islamic State", "Islamic State (West Africa)"}
    code, out, err = run(capsys, "--db", str(db), "events", "--actor", "Zzyzx Brigade")
    assert code == 0 and "not in the actor table" in err and "0 events" in err and out.count("\n") == 1


def test_http_api_actor_filter(tmp_path, options):
    from fastapi.testclient import TestClient

    from conflictlens.web.app import create_app

    db = tmp_path / "web.db"
    with SQLiteStore(db) as store:
        _fill(store)
    client = TestClient(create_app(options.replace(db=str(db))))
    body = client.get("/api/events", params={"actor": "ISIS", "with_total": "true"}).json()
    assert {e["actor1"] for e in body["items"]} == {"Islamic State", "Islamic State (West Africa)"}
    assert body["total"] == 2 and body["actor"]["known"] and body["actor"]["name"] == "Islamic State"
    body = client.get("/api/incidents", params={"actor": "SDF"}).json()
    assert body["total"] == 1 and body["actor"]["known"]
    body = client.get("/api/events", params={"actor": "Zzyzx"}).json()
    assert body["items"] == [] and body["actor"]["known"] is False


# -- class 3: a typo'd --db is not a new empty database ----------------------------------------------

READ_COMMANDS = [["events"], ["search", "x"], ["show", "1"], ["ask", "Has ISIS returned to Raqqa?"],
                 ["articles"], ["keywords"], ["incidents"], ["trend"], ["export"], ["extract"],
                 ["watch", "--list"], ["serve", "--port", "1"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_never_create_a_database(tmp_path, capsys, command):
    db = tmp_path / "typo.db"
    code, out, err = run(capsys, *command, "--db", str(db))
    assert code == 2 and not db.exists()
    assert err.strip() == f"conflictlens: error: no database at {db} (run `conflictlens ingest ... --db {db}` first)"


def test_ingest_creates_the_database_and_urls_are_not_paths(tmp_path, capsys):
    from conflictlens.cli.common import require_database

    db = tmp_path / "new.db"
    src = tmp_path / "a.txt"
    src.write_text("Protesters gathered outside the town hall on Sunday to demand the release of detainees.")
    code, _, _ = run(capsys, "--db", str(db), "--no-progress", "ingest", "--no-extract", str(src))
    assert code == 0 and db.exists()
    code, out, _ = run(capsys, "--db", str(db), "articles")
    assert code == 0 and "#1" in out
    require_database("postgresql://localhost/none")  # a URL is the store's business, not a path
    require_database(":memory:")
