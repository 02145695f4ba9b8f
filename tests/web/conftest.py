"""Fixtures for the web tests: a temporary database with hand-made articles and events."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from conflictlens.api import Conflictlens
from conflictlens.models import Article, Event, Evidence, Place, Span
from conflictlens.store.sqlite import SQLiteStore

TOKEN = "test-token-123"

TEXT_1 = ("Gunmen attacked a checkpoint near the village of Tel Hamra on Monday, killing three guards. "
          "Residents said the Northern Brigades carried out the attack. <script>window.__pwned = 1</script> "
          "Police reinforcements arrived later.")
TEXT_2 = ("Hundreds of farmers marched in Riverton on Friday to protest water cuts. "
          "The protest ended peacefully, organisers said.")


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def make_article(text: str, title: str, url: str, published: date, keywords: tuple[str, ...]) -> Article:
    return Article(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), url=url, title=title,
                   published=published, outlet="Test Wire", keywords=keywords, language="en")


def seed(store: SQLiteStore) -> dict[str, int]:
    a1 = make_article(TEXT_1, "Checkpoint attack near Tel Hamra <b>bold</b>", "https://news.test/tel-hamra",
                      date(2021, 3, 2), ("Tel Hamra", "Northern Brigades", "checkpoint"))
    e1 = Event(event_date=date(2021, 3, 1), date_precision="day", event_type="Violence against civilians",
               sub_event_type="Attack", actor1="Northern Brigades", actor2="Civilians (Testland)",
               place=Place("Tel Hamra", 35.5, 38.2, country="Testland", admin1="North", precision=2),
               fatalities=3, event_key="a",
               evidence=(Evidence("event", span(TEXT_1, "Gunmen attacked a checkpoint")),
                         Evidence("location", span(TEXT_1, "near the village of Tel Hamra")),
                         Evidence("fatalities", span(TEXT_1, "killing three guards")),
                         Evidence("actor1", span(TEXT_1, "Northern Brigades"))))
    a2 = make_article(TEXT_2, "Farmers march in Riverton", "https://news.test/riverton",
                      date(2021, 5, 8), ("Riverton", "farmers", "water cuts"))
    e2 = Event(event_date=date(2021, 5, 7), date_precision="day", event_type="Protests",
               sub_event_type="Peaceful protest", actor1="Protesters (Testland)",
               place=Place("Riverton", 34.1, 36.9, country="Testland", admin1="South", precision=1),
               fatalities=0, event_key="a",
               evidence=(Evidence("event", span(TEXT_2, "Hundreds of farmers marched in Riverton")),))
    id1, _ = store.save_article(a1, [e1])
    id2, _ = store.save_article(a2, [e2])
    try:
        from conflictlens.analysis import update_incidents
    except ImportError:  # analysis not in this version: the API answers 501 for incidents
        pass
    else:
        update_incidents(store)
    return {"attack": id1, "protest": id2}


@pytest.fixture
def web_options(options):
    return options.replace(token=TOKEN)


class NoPlaces:
    """A geocoder that knows no place (questions then use the places stored in the database)."""

    def resolve(self, mention, context=None):
        return None


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def lens(request, web_options, new_store):
    """The API over the seeded store: an SQLite file at web_options.db, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        store = SQLiteStore(web_options.db)
    else:
        store = new_store("postgres")
        web_options = web_options.replace(db=store.path)
    cl = Conflictlens(web_options, store=store, geocoder=NoPlaces())
    cl.seeded = seed(store)
    yield cl
    cl.close()


@pytest.fixture
def client(web_options, lens):
    from fastapi.testclient import TestClient

    from conflictlens.web.app import create_app

    app = create_app(lens.options, cl=lens)
    with TestClient(app, client=("127.0.0.1", 50000), raise_server_exceptions=False) as c:
        yield c
