"""Issue 13, classes 4 and 5: a copy of a stored article with better metadata updates it (and its
events are extracted again); a title alone makes no second copy; plain text saved from a page
gets its repeated heading as the title.  Hand-written texts; a fake extractor that records what
it was given (the extraction itself has its own tests)."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from conflictlens.api import Conflictlens
from conflictlens.cli.main import main
from conflictlens.ingest.clean import clean_text, heading_title
from conflictlens.models import Article, Event
from conflictlens.store.base import merge_article
from conflictlens.store.memory import MemoryStore
from conflictlens.store.sqlite import SQLiteStore
from conflictlens.textnorm import content_hash

TITLE = "Shelling damages a bakery in the old quarter"
BODY = ("Artillery shells struck a bakery in the old quarter of the town on Tuesday morning, wounding two "
        "workers, a civil defence volunteer said.\n\nResidents said the bakery had reopened only last month.")


class RecordingExtractor:
    """Extracts one event dated the article's publication date; remembers the articles it saw."""

    def __init__(self):
        self.seen: list[Article] = []

    def extract_many(self, articles):
        self.seen += list(articles)
        return [[Event(event_date=a.published, date_precision="day", event_type="Explosions/Remote violence",
                       sub_event_type="Shelling/artillery/missile attack", actor1="Unidentified Armed Group",
                       event_key="k")] for a in articles]


@pytest.fixture(params=["memory", "sqlite"])
def lens(request, tmp_path, options):
    store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "c.db")
    extractor = RecordingExtractor()
    with Conflictlens(options.replace(extract=True), store=store, extractor=extractor, actors=None) as cl:
        yield cl


def _ingest(cl, tmp_path, name, content) -> list[str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return [r.status for r in cl.ingest([str(path)])]


def _jsonl(**fields) -> str:
    return json.dumps(fields) + "\n"


def _all(cl) -> list[Article]:
    return list(cl.store.iter_articles())


def test_richer_metadata_updates_the_one_article_and_reextracts(lens, tmp_path):
    assert _ingest(lens, tmp_path, "page.txt", f"{TITLE}\n\n{BODY}\n") == ["added"]
    assert _all(lens)[0].published is None and _all(lens)[0].url is None
    statuses = _ingest(lens, tmp_path, "same.jsonl", _jsonl(url="https://example.org/bakery", title=TITLE,
                                                           published="2021-04-06", source="Example Wire",
                                                           text=f"{TITLE}\n\n{BODY}"))
    assert statuses == ["updated"]
    [article] = _all(lens)
    assert (article.url, article.title, article.published, article.outlet) == (
        "https://example.org/bakery", TITLE, date(2021, 4, 6), "Example Wire")
    assert TITLE not in article.text and "Artillery shells" in article.text
    # extracted again from the merged article: the event now has the publication date
    assert lens.extractor.seen[-1].published == date(2021, 4, 6)
    assert [e.event_date for e in lens.events()] == [date(2021, 4, 6)]
    # the same copy again adds nothing
    assert _ingest(lens, tmp_path, "again.jsonl", _jsonl(url="https://example.org/bakery", title=TITLE,
                                                         text=BODY)) == ["unchanged"]
    assert len(_all(lens)) == 1


def test_same_text_with_a_url_but_no_title_updates(lens, tmp_path):
    assert _ingest(lens, tmp_path, "a.txt", BODY) == ["added"]
    assert _ingest(lens, tmp_path, "b.jsonl", _jsonl(url="https://example.org/x", text=BODY)) == ["updated"]
    assert [a.url for a in _all(lens)] == ["https://example.org/x"]


def test_a_title_alone_makes_no_second_copy_either_way(lens, tmp_path):
    _ingest(lens, tmp_path, "first.jsonl", _jsonl(url="https://example.org/t", title=TITLE, text=BODY))
    # the same page saved as text, its heading in front: the stored copy already has more
    assert _ingest(lens, tmp_path, "saved.txt", f"{TITLE}\n\n{BODY}") == ["unchanged"]
    assert len(_all(lens)) == 1


def test_a_syndicated_copy_under_another_url_does_not_move_the_article(lens, tmp_path):
    _ingest(lens, tmp_path, "a.jsonl", _jsonl(url="https://example.org/a", title=TITLE, text=BODY))
    assert _ingest(lens, tmp_path, "b.jsonl", _jsonl(url="https://mirror.example.net/a", title=TITLE,
                                                     text=BODY)) == ["unchanged"]
    assert [a.url for a in _all(lens)] == ["https://example.org/a"]


def test_merge_prefers_a_better_founded_date_and_never_overwrites():
    stored = Article(text=BODY, content_hash=content_hash(BODY), url="https://example.org/a",
                     published=date(2021, 4, 1), published_from="dateline", outlet="A", id=1)
    meta = replace(stored, url="https://other.example/a", published=date(2021, 4, 6), published_from="metadata",
                   outlet="B")
    merged = merge_article(stored, meta)
    assert (merged.url, merged.published, merged.outlet, merged.id) == ("https://example.org/a", date(2021, 4, 6),
                                                                        "A", 1)
    assert merge_article(stored, replace(stored, published_from="html", published=date(2021, 4, 1))) is None
    assert merge_article(merged, replace(stored, published_from="dateline")) is None  # a weaker date: kept


def test_cli_says_one_updated(tmp_path, capsys):
    db = str(tmp_path / "u.db")
    page = tmp_path / "page.txt"
    page.write_text(f"{TITLE}\n\n{BODY}\n")
    rich = tmp_path / "rich.jsonl"
    rich.write_text(_jsonl(url="https://example.org/b", title=TITLE, published="2021-04-06", source="Wire",
                           text=f"{TITLE}\n\n{BODY}"))
    assert main(["--db", db, "--no-progress", "ingest", "--no-extract", str(page)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--no-progress", "ingest", "--no-extract", str(rich)]) == 0
    err = capsys.readouterr().err
    assert "0 added, 1 updated, 0 unchanged, 0 failed" in err


# -- class 5: titles from plain text ------------------------------------------------------------

SAVED_PAGE = f"""Search
Menu

{TITLE}

News | World

{TITLE}

{BODY}

Helpful keywords
bakery
"""


def test_a_repeated_heading_is_the_title_and_leaves_the_body():
    title = heading_title(SAVED_PAGE)
    assert title == TITLE
    text = clean_text(SAVED_PAGE, title)
    assert TITLE not in text and text.count("Artillery shells") == 1


@pytest.mark.parametrize("text", [
    BODY,                                     # no heading at all
    f"{TITLE}\n\n{BODY}",                     # one heading, not repeated: could be anything
    f"Gunmen killed a driver.\n\nGunmen killed a driver.\n\n{BODY}",  # a repeated sentence is no heading
])
def test_no_title_without_a_repeated_heading(text):
    assert heading_title(text) is None


def test_plain_text_ingest_gets_the_title(tmp_path, options):
    page = tmp_path / "saved.txt"
    page.write_text(SAVED_PAGE)
    with Conflictlens(options, store=MemoryStore()) as cl:
        [result] = cl.ingest([str(page)])
        article = cl.article(result.article_id)
    assert result.title == article.title == TITLE
    assert TITLE not in article.text
