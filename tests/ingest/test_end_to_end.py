"""Readers -> pipeline -> SQLite through the API facade: a mixed batch, reported failures, re-ingest."""
from __future__ import annotations

import json

from conflictlens.api import Conflictlens
from conflictlens.models import SearchQuery
from conflictlens.store.sqlite import SQLiteStore

from ingest_helpers import ARTICLE_TEXT, make_fetcher

PROTEST = ("Hundreds of residents protested outside the governor's office in Example Bay on Sunday, "
           "demanding the release of detainees held since the spring, witnesses said.")


def _batch(tmp_path, fixtures):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "killing.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (folder / "sub" / "page.html").write_bytes((fixtures / "pages" / "article.html").read_bytes())
    (folder / "sub" / "empty.txt").write_bytes(b"")
    (folder / "lines.jsonl").write_text(
        json.dumps({"url": "https://news.test/protest", "title": "Protest in Example Bay",
                    "published": "2024-04-07", "source": "News Test", "text": PROTEST}) + "\n{not json\n",
        encoding="utf-8")
    return folder


def test_mixed_batch_is_ingested_and_searchable(tmp_path, fixtures, options):
    folder = _batch(tmp_path, fixtures)
    routes = {"http://web.test/page": (200, "text/html", (fixtures / "pages" / "article.html").read_bytes())}
    store = SQLiteStore(tmp_path / "e2e.db")
    with Conflictlens(options, store=store, fetcher=make_fetcher(options, routes)) as cl:
        results = cl.ingest([str(folder), "http://web.test/missing"])
        by_origin = {r.origin: r for r in results}
        assert by_origin[str(folder / "killing.txt")].status == "added"
        assert by_origin[str(folder / "sub" / "page.html")].status == "added"
        assert by_origin[f"{folder / 'lines.jsonl'}:1"].status == "added"
        failed = {r.origin: r.error for r in results if r.status == "failed"}
        assert failed[str(folder / "sub" / "empty.txt")] == "empty file"
        assert failed[f"{folder / 'lines.jsonl'}:2"].startswith("malformed JSON")
        assert "HTTP status 404" in failed["http://web.test/missing"]

        hits = cl.search(SearchQuery(text="Kobani"))
        assert [h.title for h in hits] == ["Clashes near Kobani leave three dead"]
        stored = cl.article(hits[0].article_id)
        assert stored.outlet == "The Example Post" and str(stored.published) == "2024-05-14"
        assert "Helpful keywords" not in stored.text and "translated" not in stored.text
        protest = cl.search(SearchQuery(text="protested", source="News Test"))
        assert [h.url for h in protest] == ["https://news.test/protest"]


def test_reingesting_the_same_inputs_changes_nothing(tmp_path, fixtures, options):
    folder = _batch(tmp_path, fixtures)
    store = SQLiteStore(tmp_path / "again.db")
    with Conflictlens(options, store=store) as cl:
        first = cl.ingest([str(folder)])
        second = cl.ingest([str(folder)])
        assert [r.status for r in first if r.status != "failed"] == ["added"] * 3
        assert [r.status for r in second if r.status != "failed"] == ["unchanged"] * 3
        assert [r.article_id for r in first] == [r.article_id for r in second]
        assert len(cl.search(SearchQuery(text="said", limit=50))) == 3


def test_ingest_compacts_the_full_text_index_in_proportion_to_what_it_stored(tmp_path):
    from conflictlens.api import INDEX_MERGE_PAGES_PER_ARTICLE
    from conflictlens.models import RawDocument
    from conflictlens.options import Options

    calls = []

    class Recording(SQLiteStore):
        def compact_index(self, work_pages):
            calls.append(work_pages)
            super().compact_index(work_pages)

    store = Recording(tmp_path / "c.db")
    docs = [RawDocument(origin=f"d{i}", text=f"Fighting was reported near Stonebridge on day {i} of the siege, "
                                              f"residents said, as the convoy number {i} left.") for i in range(5)]
    with Conflictlens(Options(db=str(tmp_path / "c.db"), extract=False, progress=False), store=store) as cl:
        cl.ingest_documents(docs)
        cl.ingest_documents(docs)  # all unchanged: nothing to merge
        assert calls == [5 * INDEX_MERGE_PAGES_PER_ARTICLE]
        assert len(cl.search("Stonebridge")) == 5
