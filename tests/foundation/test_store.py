"""The store contract, run against every implementation: SQLite, memory and PostgreSQL."""
from dataclasses import replace
from datetime import date

import pytest

from conflictlens.errors import NotFoundError, QuerySyntaxError
from conflictlens.models import Article, Event, EventFilter, Evidence, Place, SearchQuery, Span
from conflictlens.store.sqlite import SQLiteStore
from conflictlens.textnorm import content_hash


def make_article(text, url=None, title=None, published=None, keywords=(), outlet="Test Wire"):
    return Article(text=text, content_hash=content_hash(text), url=url, title=title, published=published,
                   outlet=outlet, keywords=tuple(keywords))


def make_event(key="k1", day=date(2020, 6, 20), actor1="Islamic State", place_name="Azaz", lat=36.586, lon=37.046,
               fatalities=1):
    return Event(event_date=day, date_precision="day", event_type="Battles", sub_event_type="Armed clash",
                 actor1=actor1, actor2="Syrian National Army",
                 place=Place(place_name, lat, lon, country="Syria", admin1="Aleppo", precision=1),
                 fatalities=fatalities, evidence=(Evidence("event", Span(0, 7, "Gunmen ")),), event_key=key)


KINDS = ["sqlite", "memory", pytest.param("postgres", marks=pytest.mark.postgres)]
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]  # the stores with transactions


@pytest.fixture(params=KINDS)
def store(request, new_store):
    return new_store(request.param)


def test_idempotent_by_content_and_url(store):
    a = make_article("Gunmen attacked a checkpoint in Al Bab.", url="https://x.org/1")
    first = store.save_article(a)
    assert first[1] == "added"
    assert store.save_article(a) == (first[0], "unchanged")
    # same content under another URL: still the same article
    assert store.save_article(replace(a, url="https://mirror.org/1"))[1] == "unchanged"
    # whitespace and case changes do not make a new article
    assert store.save_article(make_article("gunmen  attacked a checkpoint in al bab"))[1] == "unchanged"
    # same URL, new text: replaced
    updated = make_article("Gunmen attacked two checkpoints in Al Bab.", url="https://x.org/1")
    assert store.save_article(updated) == (first[0], "updated")
    assert store.get_article("https://x.org/1").text.startswith("Gunmen attacked two")
    assert store.stats()["articles"] == 1


def test_search_ranking_filters_and_transliteration(store):
    store.save_article(make_article("Shelling hit Al Bab and Azaz on Monday.", url="u1", title="Al Bab shelled",
                                    published=date(2020, 6, 1), keywords=("Al Bab", "shelling")))
    store.save_article(make_article("Protests in Tripoli over fuel prices.", url="u2", title="Tripoli protest",
                                    published=date(2021, 1, 1), keywords=("Tripoli",), outlet="Other Wire"))
    store.save_article(make_article("A quiet day in A'zaz market. Al Bab mentioned once.", url="u3",
                                    published=date(2020, 7, 1)))
    assert {h.url for h in store.search(SearchQuery("al-Bab"))} == {"u1", "u3"}
    assert {h.url for h in store.search(SearchQuery("A'zaz"))} == {"u1", "u3"}
    assert [h.url for h in store.search(SearchQuery("Tripoli OR shelling"))].count("u2") == 1
    assert [h.url for h in store.search(SearchQuery("al-Bab NOT market"))] == ["u1"]
    assert [h.url for h in store.search(SearchQuery("al-Bab", since=date(2020, 6, 15)))] == ["u3"]
    assert [h.url for h in store.search(SearchQuery("protest*", source="other"))] == ["u2"]
    assert [h.url for h in store.search(SearchQuery("Bab", keyword="al-bab"))] == ["u1"]
    hit = store.search(SearchQuery('"Al Bab" shelled'))[0]
    assert hit.url == "u1" and hit.keywords == ("Al Bab", "shelling")
    with pytest.raises(QuerySyntaxError):
        store.search(SearchQuery('"open'))


@pytest.mark.parametrize("kind", DATABASES)
def test_snippets_are_highlighted(new_store, kind):
    s = new_store(kind)
    s.save_article(make_article("Gunmen attacked a checkpoint in Kafr Ghan on Tuesday.", url="u"))
    hit = s.search(SearchQuery('"Kafr Ghan"'))[0]
    assert "**Kafr Ghan**" in hit.snippet_markdown() and "**" not in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Kafr Ghan"]
    assert "**attacked**" in s.search(SearchQuery("attack*"))[0].snippet_markdown()


def test_keywords_are_counted_case_merged(store):
    store.save_article(make_article("one text about ISIS", url="a", keywords=("ISIS", "Azaz")))
    store.save_article(make_article("another text about Isis", url="b", keywords=("Isis", "al-Bab")))
    counts = dict(store.keywords(10))
    assert sum(n for k, n in counts.items() if k.lower() == "isis") == 2


def test_events_upsert_filter_and_cascade(store):
    article_id, _ = store.save_article(make_article("text one two three", url="e"),
                                       [make_event("k1"), make_event("k2", actor1="Unidentified armed group",
                                                                     place_name="Tripoli", lat=32.9, lon=13.2)])
    assert store.count_events(EventFilter()) == 2
    first_ids = {e.event_key: e.id for e in store.events(EventFilter())}
    store.replace_events(article_id, [make_event("k1", fatalities=3)])
    events = store.events(EventFilter())
    assert len(events) == 1 and events[0].fatalities == 3 and events[0].id == first_ids["k1"]
    assert events[0].evidence[0].span.text == "Gunmen "
    assert store.events(EventFilter(actor="islamic"))[0].place.admin1 == "Aleppo"
    assert store.events(EventFilter(near=(36.6, 37.0, 10))) and not store.events(EventFilter(near=(0, 0, 10)))
    assert not store.events(EventFilter(since=date(2021, 1, 1)))
    store.delete_article(article_id)
    assert store.count_events(EventFilter()) == 0
    with pytest.raises(NotFoundError):
        store.get_article(article_id)


@pytest.mark.parametrize("kind", DATABASES)
def test_failed_transaction_leaves_nothing(new_store, kind):
    s = new_store(kind)
    bad = make_event("k1")
    bad = replace(bad, event_type=None)  # NOT NULL violation inside the transaction
    with pytest.raises(Exception):
        s.save_article(make_article("some article text", url="x"), [bad])
    assert s.stats()["articles"] == 0


def test_migrations_are_recorded(tmp_path):
    s = SQLiteStore(tmp_path / "m.db")
    version = s.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version >= 1
    assert s.migrate() == version
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("kind", DATABASES)
def test_search_window_ranks_broad_queries_among_newest(new_store, kind):
    windowed = new_store(kind, search_window=2)
    exact = new_store(kind, search_window=0)
    texts = ["convoy convoy convoy convoy ambush", "convoy ambush", "convoy seen", "convoy passed", "convoy left"]
    for i, text in enumerate(texts):
        for s in (windowed, exact):
            s.save_article(make_article(f"{text} number {i}", url=f"u{i}"))
    assert [h.url for h in exact.search(SearchQuery("convoy", limit=1))] == ["u0"]  # best of all five
    assert {h.url for h in windowed.search(SearchQuery("convoy", limit=2))} == {"u3", "u4"}  # the two newest
    # a page beyond the window is ranked over every match
    assert len(windowed.search(SearchQuery("convoy", limit=5))) == 5
    # a query with fewer matches than the window is ranked exactly
    assert [h.url for h in windowed.search(SearchQuery("ambush", limit=2))] == \
        [h.url for h in exact.search(SearchQuery("ambush", limit=2))]
