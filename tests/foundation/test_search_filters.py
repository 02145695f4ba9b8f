"""Search filters (keyword, source, dates) give the same articles as a plain check of every match."""
from dataclasses import replace
from datetime import date

import pytest

from conflictlens.models import Article, SearchQuery
from conflictlens.store.base import source_names, url_host
from conflictlens.store.sqlite import SQLiteStore
from conflictlens.textnorm import content_hash, fold_key

PLACES = ["Al Bab", "Kafr Ghan", "Tal Rifaat", "Azaz"]
OUTLETS = ["Desert Courier", "River Gazette", "Plains Daily"]


def corpus() -> list[Article]:
    out = []
    for i in range(60):
        place = PLACES[i % 4]
        text = f"Shelling near {place} on day {i}. Residents of {place} fled the convoy road number {i}."
        cited = ("Hawar News",) if i % 5 == 0 else ()
        out.append(Article(text=text, content_hash=content_hash(text), url=f"https://www.site{i % 3}.example/syria/{i}",
                           title=f"Shelling in {place}", published=date(2020, 1, 1 + i % 28),
                           outlet=OUTLETS[i % 3], cited_sources=cited, keywords=(place, "shelling")))
    return out


@pytest.fixture(params=["sqlite", "memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, new_store):
    s = new_store(request.param)
    for a in corpus():
        s.save_article(a)
    return s


def ids(store, **kw) -> set[int]:
    return {h.article_id for h in store.search(SearchQuery("shelling", limit=100, **kw))}


def expected(store, keep) -> set[int]:
    everything = store.search(SearchQuery("shelling", limit=100))
    return {h.article_id for h in everything if keep(store.get_article(h.article_id))}


@pytest.mark.parametrize("keyword", ["Al Bab", "al-bab", "AL BAB", "azaz"])
def test_keyword_filter_is_the_set_of_articles_with_that_keyword_any_spelling(store, keyword):
    want = expected(store, lambda a: fold_key(keyword) in {fold_key(k) for k in a.keywords})
    assert want and ids(store, keyword=keyword) == want


@pytest.mark.parametrize("source, built_with", [
    ("River Gazette", lambda i: i % 3 == 1), ("river gazette", lambda i: i % 3 == 1), ("gazette", lambda i: i % 3 == 1),
    ("hawar", lambda i: i % 5 == 0), ("site1.example", lambda i: i % 3 == 1)])
def test_source_filter_matches_outlet_cited_source_or_host_in_any_case(store, source, built_with):
    want = {f"https://www.site{i % 3}.example/syria/{i}" for i in range(60) if built_with(i)}  # how corpus() made them
    got = {store.get_article(i).url for i in ids(store, source=source)}
    assert got == want
    assert all(any(source.lower() in n.lower() for n in source_names(store.get_article(i))) for i in ids(store, source=source))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_small_search_window_ranks_the_newest_filtered_matches(new_store, kind):
    s = new_store(kind, search_window=5)
    saved = [s.save_article(a)[0] for a in corpus()]
    azaz = [i for i, a in zip(saved, corpus()) if "Azaz" in a.keywords]
    page = {h.article_id for h in s.search(SearchQuery("shelling", limit=5, keyword="Azaz"))}
    assert page == set(sorted(azaz)[-5:])  # the five newest Azaz articles, not the newest five matches filtered
    assert ids(s, keyword="Azaz") == set(azaz)  # a page larger than the window ranks every match


def test_source_filter_does_not_look_into_url_paths(store):
    assert ids(store, source="syria") == set()


def test_date_and_combined_filters(store):
    since, until = date(2020, 1, 5), date(2020, 1, 9)
    want = expected(store, lambda a: since <= a.published <= until and a.outlet == "Plains Daily")
    assert want and ids(store, since=since, until=until, source="plains") == want


def test_sqlite_source_rows_follow_updates_and_deletes(tmp_path):
    s = SQLiteStore(tmp_path / "u.db")
    a = corpus()[0]
    article_id, _ = s.save_article(a)
    assert ids(s, source="desert") == {article_id}
    s.save_article(replace(a, text=a.text + " Updated.", content_hash=content_hash(a.text + " Updated."),
                           outlet="Coast Herald", cited_sources=()))
    assert ids(s, source="desert") == set() and ids(s, source="coast herald") == {article_id}
    s.delete_article(article_id)
    assert s.conn.execute("SELECT count(*) FROM article_sources").fetchone()[0] == 0


def _rerun_migration(store: SQLiteStore, number: int) -> None:
    """Run one numbered migration again on a database that already has the later ones."""
    from conflictlens.store.sqlite import _split_sql, migrations

    sql = next(sql for n, _, sql in migrations() if n == number)
    with store.conn:
        for statement in _split_sql(sql):
            store.conn.execute(statement)


def test_migration_fills_sources_of_existing_articles(tmp_path):
    s = SQLiteStore(tmp_path / "m.db")
    for a in corpus()[:10]:
        s.save_article(a)
    before = {src: ids(s, source=src) for src in ("gazette", "hawar", "site2.example")}
    s.conn.executescript("DROP TABLE article_sources; DROP TABLE sources;")
    _rerun_migration(s, 8)
    assert {src: ids(s, source=src) for src in before} == before and all(before.values())


def test_url_host():
    assert url_host("https://www.Example.org:8080/a/b") == "example.org"
    assert url_host("u1") is None and url_host(None) is None


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_prefix_query_pages_keep_rank_order_and_snippets(new_store, kind):
    s = new_store(kind)
    for a in corpus():
        s.save_article(a)
    hits = s.search(SearchQuery("shell*", limit=10))
    assert len(hits) == 10 and all("**Shelling**" in h.snippet_markdown() for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    second = s.search(SearchQuery("shell*", limit=10, offset=10))
    assert not {h.article_id for h in hits} & {h.article_id for h in second}


def _merge_work(s: SQLiteStore) -> int:
    """Rows FTS5 changed for a full merge request: 2 or more when there were segments to merge."""
    before = s.conn.total_changes
    s.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', -100000)")
    return s.conn.total_changes - before


def test_index_compaction_keeps_the_index_whole_and_the_hits_the_same(tmp_path):
    stores = [SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")]
    for s in stores:
        for a in corpus():
            s.save_article(a)
    plain, compacted = stores
    assert _merge_work(plain) >= 2  # one segment an article: there is merging to do
    queries = [SearchQuery("shelling", limit=100), SearchQuery('"Kafr Ghan"'), SearchQuery("conv*", source="river")]
    before = [[(h.article_id, h.score, h.snippet) for h in compacted.search(q)] for q in queries]
    compacted.compact_index(4 * 60)
    assert _merge_work(compacted) < 2  # nothing left to merge
    compacted.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert [[(h.article_id, h.score, h.snippet) for h in compacted.search(q)] for q in queries] == before


def test_migration_reads_url_hosts_as_url_host_does(tmp_path):
    urls = ["https://x.org?id=1", "https://user@WWW.Y.org:8080/a", "http://z.net#top", "https://q.com/a/b"]
    s = SQLiteStore(tmp_path / "h.db")
    for i, url in enumerate(urls):
        text = f"Article {i} about shelling near a town, written for this test."
        s.save_article(Article(text=text, content_hash=content_hash(text), url=url))
    fresh = sorted(r[0] for r in s.conn.execute("SELECT name FROM sources"))
    s.conn.executescript("DROP TABLE article_sources; DROP TABLE sources;")
    _rerun_migration(s, 8)
    migrated = sorted(r[0] for r in s.conn.execute("SELECT name FROM sources"))
    assert migrated == fresh == sorted(url_host(u) for u in urls)
