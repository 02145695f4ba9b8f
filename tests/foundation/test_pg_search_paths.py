"""The PostgreSQL store's search function (migration 008): whichever way it finds a query's newest
matches (the newest-rows walk, the walk cut short and the index listing the rest, the index
alone, a phrase checked on its pairs' candidates in chunks, the candidates listed again past the
first list), a page has the same hits in the same order, scores and highlighted snippets, and a
search is one statement."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from conflictlens.models import Article, SearchQuery
from conflictlens.store import pg_text, postgres
from conflictlens.store.query import parse_query
from conflictlens.textnorm import content_hash, fold_key

pytestmark = pytest.mark.postgres
WINDOW = 4  # small, so that every path loops over several id ranges or chunks


def _article(i: int) -> Article:
    parts = [f"Report {i} from the valley."]
    if i % 5:
        parts.append("A convoy was stopped at the bridge.")
    if i % 9 == 0:
        parts.append("Gunmen set an ambush on the ridge road.")
    if i % 12 == 0:
        parts.append("The Army of the South shelled the village.")
    elif i % 2 == 1:  # every pair of the phrase, never the phrase: most candidates fail the check
        parts.append("The army of the north held. Part of the south was quiet; the south gate of the town fell.")
    text = " ".join(parts)
    return Article(text=text, content_hash=content_hash(text), url=f"https://wire{i % 2}.example/{i}",
                   title=f"Valley report {i}", published=date(2021, 1, 1) + timedelta(days=i),
                   outlet=f"Wire {'AB'[i % 2]}", keywords=("Raqqa",) if i % 4 == 0 else ())


def _q(text: str, **kw) -> SearchQuery:
    return SearchQuery(text, **{"limit": WINDOW, **kw})  # a page within the window: the window's matches ranked


QUERIES = [
    _q("convoy"), _q("ambush"), _q('"army of the south"'), _q('"army of the south" AND convoy'),
    _q("convoy NOT ambush"), _q("conv*"), _q('"the south"'), _q("convoy", source="wire b"),
    _q("convoy", keyword="raqqa"), _q('"army of the south"', since=date(2021, 1, 10), until=date(2021, 2, 10)),
    _q("convoy", limit=2, offset=2), _q('"army of the south"', limit=3, offset=1),
    SearchQuery("convoy", limit=20), SearchQuery('"army of the south"', limit=6),  # past the window: every match
]
PATHS = {  # (WALK_SHARE_MIN, WALK_ROWS_MAX, PAIR_LIST_WINDOWS)
    "walk": (0.0, 1000, 8),
    "walk cut short, the index lists the rest": (0.0, 1, 8),
    "index, phrases checked in chunks": (2.0, 8, 8),
    "index, phrase candidates listed again": (2.0, 8, 1),
}


def _page(hits) -> list[tuple]:
    return [(h.article_id, h.score, h.snippet, h.highlights) for h in hits]


@pytest.fixture
def store(new_store):
    store = new_store("postgres", search_window=WINDOW)
    for i in range(60):
        store.save_article(_article(i))
    store.conn.execute("ANALYZE article_terms")  # the planner's estimates choose the walk or the index
    return store


def _reference(store, q: SearchQuery) -> list[int]:
    """The page by its definition, without pairs or walks: the window of newest matches, ranked."""
    node = parse_query(q.text)
    where, params = ["tsv @@ ?::tsquery"], [pg_text.to_tsquery(node)]
    if q.since:
        where.append("published >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append("published <= ?")
        params.append(q.until.isoformat())
    if q.source:
        where.append("id IN (SELECT article_id FROM article_sources JOIN sources s ON s.id = source_id "
                     "WHERE s.name ILIKE ?)")
        params.append(f"%{q.source}%")
    if q.keyword:
        where.append("id IN (SELECT article_id FROM article_keywords WHERE key = ?)")
        params.append(fold_key(q.keyword))
    window = WINDOW if q.offset + q.limit <= WINDOW else None  # LIMIT NULL: every match
    newest = [r[0] for r in store.conn.execute(
        f"SELECT id FROM article_terms WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?", [*params, window])]
    ranked = store.conn.execute(
        f"SELECT id FROM article_terms WHERE id = ANY(?) ORDER BY ts_rank('{pg_text.RANK_WEIGHTS}', tsv, "
        "?::tsquery) DESC, id DESC LIMIT ? OFFSET ?", [newest, pg_text.to_tsquery(node), q.limit, q.offset])
    return [r[0] for r in ranked]


def test_every_path_gives_the_same_page(store, monkeypatch):
    expected = {q: _page(store.search(q)) for q in QUERIES}
    for q in QUERIES:
        assert [h[0] for h in expected[q]] == _reference(store, q), q
    assert all(len(expected[q]) == WINDOW for q in QUERIES[:4]) and len(expected[QUERIES[10]]) == 2
    assert len(expected[QUERIES[12]]) == 20 and len(expected[QUERIES[13]]) == 5
    for name, (share, rows, pair_windows) in PATHS.items():
        monkeypatch.setattr(postgres, "WALK_SHARE_MIN", share)
        monkeypatch.setattr(postgres, "WALK_ROWS_MAX", rows)
        monkeypatch.setattr(postgres, "PAIR_LIST_WINDOWS", pair_windows)
        for q in QUERIES:
            assert _page(store.search(q)) == expected[q], (name, q)


def test_a_phrase_page_highlights_the_phrase_and_skips_its_scattered_pairs(store):
    hits = store.search(SearchQuery('"army of the south"', limit=WINDOW))
    assert len(hits) == WINDOW and all(_number(h) % 12 == 0 for h in hits)
    for h in hits:
        assert "**Army of the South**" in h.snippet_markdown()
        assert [h.snippet[a:b] for a, b in h.highlights] == ["Army of the South"]
    # past the window every match is ranked: the five articles with the phrase, none with the pairs alone
    every = store.search(SearchQuery('"army of the south"', limit=50))
    assert len(every) == 5 and {_number(h) % 12 for h in every} == {0}


def _number(hit) -> int:
    """The hit's article's number in ``_article`` (its URL ends with it)."""
    return int(hit.url.rsplit("/", 1)[1])


def test_a_search_is_one_statement(store):
    sent = []
    execute = store._pg.execute

    def counting(sql, *args, **kw):
        sent.append(sql)
        return execute(sql, *args, **kw)

    store._pg.execute = counting
    try:
        for q in QUERIES:
            sent.clear()
            store.search(q)
            assert len(sent) == 1, (q, sent)
    finally:
        store._pg.execute = execute
