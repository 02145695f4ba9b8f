"""The PostgreSQL store's phrase pairs (migration 006): the pairs a vector holds, the pair query a
search adds, and the migration building the same pairs from a stored vector."""
from __future__ import annotations

import pytest

from conflictlens.models import Article, SearchQuery
from conflictlens.store import pg_text
from conflictlens.store.query import parse_query


def _article(title: str, text: str, keywords: tuple[str, ...] = ()) -> Article:
    return Article(id=None, url=None, content_hash=title, title=title, text=text, keywords=keywords)


def _pairs(literal: str) -> set[str]:
    return {p.strip("'") for p in literal.split("' '")} if literal else set()


def test_pairs_are_adjacent_words_within_one_part():
    article = _article("Clashes near the dam", "Militia fighters shelled the dam at dawn.", ("dam",))
    tsv, pairs = pg_text.document_vectors(article, "")
    found = _pairs(pairs)
    assert {"_clashes near", "_near the", "_the dam", "_militia fighters", "_at dawn"} <= found
    assert "_dam dam" not in found and "_dam militia" not in found  # title, keywords, text stay apart
    assert all(p.startswith("_") and " " in p for p in found)
    assert tsv == pg_text.document_vector(article, "")


@pytest.mark.parametrize("text, expected", [
    ('"army of the south"', "('_army of' & '_of the' & '_the south')"),
    ('"border guard"*', "'_border guard':*"),
    ('"border guard" AND convoy', "'_border guard'"),
    ('convoy NOT "border guard"', None),          # an excluded phrase narrows nothing
    ('"border guard" OR convoy', None),           # one side matches without a pair
    ('"border guard" OR "river bank"', "('_border guard' | '_river bank')"),
    ("convoy", None),
    ("north-west", "'_north west'"),              # a hyphenated word is a phrase of its tokens
])
def test_pair_query_is_a_necessary_condition(text, expected):
    assert pg_text.pair_query(parse_query(text)) == expected


def test_a_phrase_with_a_folded_form_is_not_narrowed():
    # the folded alternative matches its words anywhere (query._term_fts), so no pair is required
    tsquery = pg_text.to_tsquery(parse_query('"shelling town"'))
    assert "&" in tsquery and pg_text.pair_query(parse_query('"shelling town"')) is None


@pytest.mark.postgres
def test_migration_builds_the_pairs_the_store_writes(new_store):
    store = new_store("postgres")
    article = _article("Convoy hit in the north-west", "The army of the south shelled a convoy; O'Brien saw it.",
                       ("north-west",))
    article_id, _ = store.save_article(article)
    with open(pg_text.__file__.replace("pg_text.py", "migrations_pg/006_phrase_pairs.sql"), encoding="utf-8") as f:
        backfill = next(s for s in f.read().split(";\n") if s.lstrip().startswith("UPDATE"))
    written = store.conn.execute("SELECT pairs::text FROM article_terms WHERE id = ?", (article_id,)).fetchone()[0]
    store.conn.execute(backfill.replace("UPDATE articles a", "UPDATE article_terms a", 1))  # since 007
    rebuilt = store.conn.execute("SELECT pairs::text FROM article_terms WHERE id = ?", (article_id,)).fetchone()[0]
    assert rebuilt == written and "'_north west'" in written and "'_o brien'" in written
    assert [h.article_id for h in store.search(SearchQuery('"army of the south"'))] == [article_id]
    assert [h.article_id for h in store.search(SearchQuery('"army of the so"*'))] == [article_id]
    assert [h.article_id for h in store.search(SearchQuery("\"the sou\"*"))] == [article_id]  # pairs alone
    assert store.search(SearchQuery("\"south army\"")) == []
    assert store.search(SearchQuery('"army the south"')) == []
    assert store.search(SearchQuery('"convoy hit" AND NOT "the army"')) == []


@pytest.mark.parametrize("text, suffice", [
    ('"border guard"', True), ('"border guard"*', True), ("north-west", True),
    ('"army of the south"', False),   # three pairs in an article need not be one phrase
    ('"shelling town"', False),       # a folded form matches anywhere
    ("convoy", False), ('"border guard" AND convoy', False),
])
def test_a_two_word_term_is_matched_by_its_pair_alone(text, suffice):
    assert pg_text.pairs_suffice(parse_query(text)) is suffice
