"""The CLI end to end on small hand-written inputs (no event extraction: that has its own tests)."""
import json

import pytest

from conflictlens.cli.main import main
from conflictlens.store.sqlite import SQLiteStore

ARTICLES = [
    {"url": "https://example.org/a", "title": "Clashes near Al Bab", "published": "2021-03-02", "source": "Example Wire",
     "text": "Search\n\nFighters clashed with gunmen near Al Bab on Monday, killing two, a local source told Example Wire.\n\n"
             "The gunmen withdrew toward the hills after the clashes near Al Bab.\n\nHelpful keywords\nAl Bab\nclashes"},
    {"url": "https://example.org/b", "title": "Market reopens in Azaz", "published": "2021-03-05", "source": "Other Wire",
     "text": "The market of A'zaz reopened on Friday after repairs, traders in Azaz said. Shoppers in Azaz returned."},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n{not json}\n", encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_search_show_keywords(tmp_path, corpus, capsys, monkeypatch):
    monkeypatch.delenv("CONFLICTLENS_DB", raising=False)
    db = str(tmp_path / "cli.db")
    code, out, err = run(capsys, "--db", db, "--no-progress", "ingest", "--no-extract", "--json", str(corpus))
    assert code == 1  # one malformed line
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["status"] for r in results].count("added") == 2
    failed = [r for r in results if r["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["origin"].endswith(":3") and failed[0]["error"]

    code, out, _ = run(capsys, "--db", db, "--no-progress", "ingest", "--no-extract", "--json", str(corpus))
    assert [json.loads(line)["status"] for line in out.splitlines()].count("unchanged") == 2

    code, out, _ = run(capsys, "--db", db, "search", "al-Bab", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["url"] for h in hits] == ["https://example.org/a"]
    assert set(hits[0]) >= {"url", "title", "published", "source", "snippet", "keywords"}
    assert "**" not in hits[0]["snippet"] and hits[0]["highlights"]  # plain text, matched words as spans
    assert {hits[0]["snippet"][a:b].lower().replace("-", " ") for a, b in hits[0]["highlights"]} <= {"al bab", "al",
                                                                                                      "bab"}

    code, out, _ = run(capsys, "--db", db, "search", "Azaz", "--since", "2021-03-04", "--json")
    assert [h["url"] for h in json.loads(out)] == ["https://example.org/b"]

    code, out, _ = run(capsys, "--db", db, "show", "https://example.org/a", "--json")
    shown = json.loads(out)
    assert "Search" not in shown["text"] and "Helpful keywords" not in shown["text"]
    assert shown["published"] == "2021-03-02" and shown["source"] == "Example Wire"
    assert 1 <= len(shown["keywords"]) <= 12 and shown["events"] == []

    code, out, _ = run(capsys, "--db", db, "keywords", "--json")
    assert any(k["keyword"].lower() in {"azaz", "al bab"} for k in json.loads(out))


def test_bad_query_and_missing_article_are_clean_errors(tmp_path, capsys):
    db = str(tmp_path / "e.db")
    SQLiteStore(db).close()  # an empty database (a missing one is its own error: test_first_hour.py)
    code, out, err = run(capsys, "--db", db, "search", '"unclosed')
    assert code == 2 and "unbalanced quote" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", db, "show", "https://nowhere.example/x")
    assert code == 3 and "no article" in err


def test_bad_files_reported_and_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Protesters gathered in the main square of the capital on Sunday to demand higher wages.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    code, out, err = run(capsys, "--db", str(tmp_path / "b.db"), "--no-progress", "ingest", "--no-extract",
                         str(empty), str(binary), str(good), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "empty.txt" in err and "blob.txt" in err and "missing.txt" in err
    assert "1 added" in err


def test_show_prints_events_with_their_evidence(tmp_path, capsys):
    from datetime import date

    from conflictlens.models import Article, Event, Evidence, Place, Span
    from conflictlens.store.sqlite import SQLiteStore
    from conflictlens.textnorm import content_hash

    text = "Gunmen shot dead two guards near Riverton on Monday, police said."
    db = str(tmp_path / "show.db")
    with SQLiteStore(db) as store:
        store.save_article(
            Article(text=text, content_hash=content_hash(text), url="https://example.org/s", title="Guards killed"),
            [Event(event_date=date(2021, 3, 1), date_precision="day", event_type="Battles",
                   sub_event_type="Armed clash", actor1="Unidentified armed group",
                   place=Place("Riverton", 1.0, 2.0, precision=2), fatalities=2,
                   evidence=(Evidence("event", Span(0, len(text), text)),
                             Evidence("fatalities", Span(17, 20, "two"), "two")))])
    code, out, _ = run(capsys, "--db", db, "show", "https://example.org/s")
    assert code == 0
    assert "1 event(s)" in out and "Armed clash" in out and "Riverton" in out
    assert "“two”" in out  # the words behind the fatality count
