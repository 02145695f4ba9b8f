"""RSS/Atom: parsing, sniffing, entries with full content vs. fetched links, bounds and failures."""
from __future__ import annotations

import pytest

from conflictlens.errors import InputError
from conflictlens.ingest.feeds import looks_like_feed, parse_feed, visible_length

from ingest_helpers import ARTICLE_TEXT, collect, make_fetcher

LINKED_PAGE = ("<html><head><title>Protest in the provincial capital</title></head><body><article><p>"
               + ARTICLE_TEXT + "</p></article></body></html>")


def test_parse_rss(fixtures):
    entries = parse_feed((fixtures / "feeds" / "rss.xml").read_bytes(), "http://feeds.test/rss")
    assert [e.title for e in entries] == ["Shelling hits market in northern town", "Protest in the provincial capital",
                                          "Teaser only, no link"]
    first = entries[0]
    assert first.link == "http://feeds.test/news/shelling-market"
    assert first.published == "Tue, 14 May 2024 08:00:00 GMT"
    assert first.source == "Example Wire"
    assert "crowded market" in first.content and first.summary.startswith("Artillery shells")
    assert entries[1].content is None and entries[2].link is None


def test_parse_atom(fixtures):
    (entry,) = parse_feed((fixtures / "feeds" / "atom.xml").read_bytes(), "http://atom.test/feed")
    assert entry.link == "http://atom.test/drone-strike" and entry.published == "2024-05-15T09:00:00Z"
    assert "killing its two passengers" in entry.content and entry.source == "Example Atom Desk"


def test_not_a_feed_is_an_input_error():
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        parse_feed(b"<html><body><p>just a page</p></body></html>", "http://x.test/")


def test_feed_sniffing(fixtures):
    assert looks_like_feed((fixtures / "feeds" / "rss.xml").read_bytes())
    assert looks_like_feed((fixtures / "feeds" / "atom.xml").read_bytes())
    assert looks_like_feed(b"<?xml version='1.0'?><!-- c --><rdf:RDF xmlns:rdf='x'></rdf:RDF>")
    assert looks_like_feed(b"anything", "application/rss+xml; charset=utf-8")
    assert not looks_like_feed(b"<html><body>page</body></html>", "text/html")
    assert visible_length("<p>ab <b>cd</b></p>") == 5


def test_feed_url_gives_one_document_per_entry(fixtures, options):
    routes = {
        # served as generic XML: recognised by sniffing the body
        "http://feeds.test/rss": (200, "application/xml", (fixtures / "feeds" / "rss.xml").read_bytes()),
        "http://feeds.test/news/protest-capital": (200, "text/html", LINKED_PAGE),
    }
    fetcher = make_fetcher(options, routes)
    opts = options.replace(feed_min_content_chars=200)
    docs, errors = collect(["http://feeds.test/rss"], opts, fetcher=fetcher)
    assert errors == []
    assert [d.origin for d in docs] == ["http://feeds.test/news/shelling-market",
                                        "http://feeds.test/news/protest-capital", "http://feeds.test/rss entry 3"]
    full, fetched, teaser = docs
    assert "crowded market" in full.html  # long enough: the entry's own content, nothing fetched
    assert full.title == "Shelling hits market in northern town" and full.source == "Example Wire"
    assert full.published == "Tue, 14 May 2024 08:00:00 GMT"
    assert fetched.html == LINKED_PAGE and fetched.url == "http://feeds.test/news/protest-capital"
    assert fetched.title == "Protest in the provincial capital"
    assert "detained four men" in teaser.html  # no link: its summary is all there is


def test_short_content_means_the_link_is_fetched(fixtures, options):
    seen = []
    routes = {
        "http://atom.test/feed": (200, "application/atom+xml", (fixtures / "feeds" / "atom.xml").read_bytes()),
        "http://atom.test/drone-strike": (200, "text/html", LINKED_PAGE),
    }
    docs, errors = collect(["http://atom.test/feed"], options, fetcher=make_fetcher(options, routes, seen))
    assert errors == [] and [str(r.url) for r in seen] == ["http://atom.test/feed", "http://atom.test/drone-strike"]
    assert docs[0].html == LINKED_PAGE and docs[0].published == "2024-05-15T09:00:00Z"


def test_entry_whose_link_fails_and_has_no_text_is_an_error_for_that_entry_only(options):
    feed = ("<rss version='2.0'><channel><title>W</title>"
            "<item><title>gone</title><link>http://w.test/gone</link></item>"
            "<item><title>ok</title><link>http://w.test/ok</link></item>"
            "</channel></rss>").encode()
    routes = {"http://w.test/feed": (200, "text/xml", feed), "http://w.test/ok": (200, "text/html", LINKED_PAGE)}
    docs, errors = collect(["http://w.test/feed"], options, fetcher=make_fetcher(options, routes))
    assert [d.origin for d in docs] == ["http://w.test/ok"]
    assert errors[0].origin == "http://w.test/gone" and "HTTP status 404" in errors[0].reason


def test_max_feed_items_bounds_the_entries(options):
    items = "".join(f"<item><title>t{i}</title><link>http://w.test/{i}</link><description>"
                    f"Short teaser {i}.</description></item>" for i in range(30))
    feed = f"<rss version='2.0'><channel><title>W</title>{items}</channel></rss>".encode()
    seen = []
    routes = {"http://w.test/feed": (200, "application/rss+xml", feed)}
    routes.update({f"http://w.test/{i}": (200, "text/html", LINKED_PAGE) for i in range(30)})
    docs, errors = collect(["http://w.test/feed"], options.replace(max_feed_items=5),
                           fetcher=make_fetcher(options, routes, seen))
    assert errors == [] and len(docs) == 5 and len(seen) == 6  # the feed and five entry pages


def test_local_feed_file_and_empty_feed(tmp_path, fixtures, options):
    empty = tmp_path / "empty.rss"
    empty.write_text("<rss version='2.0'><channel><title>Nothing yet</title></channel></rss>")
    local = tmp_path / "saved.xml"
    local.write_bytes((fixtures / "feeds" / "rss.xml").read_bytes())
    fetcher = make_fetcher(options, {})  # every link 404s: entries fall back to their own text
    docs, errors = collect([empty, local], options, fetcher=fetcher)
    assert errors[0].origin == str(empty) and errors[0].reason == "feed has no entries"
    assert len(docs) == 3 and all(d.html for d in docs)
