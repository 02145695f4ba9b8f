"""The Python API fails loudly and gives plain data (issue 13, class 8): a failed ingest item is
obvious (``ok``, ``failed``, a warning, ``strict=True`` raises), and search hits are plain text
with highlight spans, with a markdown rendering for the terminal."""
from __future__ import annotations

import logging

import pytest

from conflictlens.api import Conflictlens
from conflictlens.errors import ConflictlensError, IngestFailedError
from conflictlens.models import HIGHLIGHT_MARKS, IngestResults, SearchHit, SearchQuery, marked_snippet

REPORT = ("Gunmen attacked a police post outside the town of Birnin Gari on Friday, wounding two officers, "
          "residents told reporters by telephone.")


@pytest.fixture
def cl(options):
    lens = Conflictlens(options)
    yield lens
    lens.close()


def test_a_missing_path_is_a_failed_result_that_is_logged(cl, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="conflictlens"):
        results = cl.ingest([str(tmp_path / "missing")])
    assert isinstance(results, IngestResults) and not results.ok
    (failed,) = results.failed
    assert failed.origin.endswith("missing") and "no such file" in failed.error
    assert results.counts()["failed"] == 1 and "failed" in repr(results)
    assert any("missing" in r.getMessage() and "no such file" in r.getMessage() for r in caplog.records)


def test_strict_raises_naming_each_failed_item_after_storing_the_rest(cl, tmp_path):
    good = tmp_path / "report.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IngestFailedError) as caught:
        cl.ingest([str(good), str(tmp_path / "nowhere.txt"), str(empty)], strict=True)
    error = caught.value
    assert isinstance(error, ConflictlensError)
    assert "nowhere.txt" in str(error) and "no files in directory" in str(error) and "2 of 3" in str(error)
    assert sorted(r.status for r in error.results) == ["added", "failed", "failed"]
    assert cl.store.stats()["articles"] == 1  # the good item was stored


def test_a_clean_batch_is_ok_and_strict_returns_it(cl, tmp_path):
    good = tmp_path / "report.txt"
    good.write_text(REPORT, encoding="utf-8")
    results = cl.ingest([str(good)], strict=True)
    assert results.ok and [r.status for r in results] == ["added"]
    assert results.raise_for_failures() is results


def test_a_progress_callback_takes_the_reports_instead_of_the_log(cl, tmp_path, caplog):
    seen = []
    with caplog.at_level(logging.WARNING, logger="conflictlens"):
        results = cl.ingest([str(tmp_path / "missing")], progress=seen.append)
    assert [r.status for r in seen] == ["failed"] and not results.ok
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


# -- search hits --------------------------------------------------------------------------------------
@pytest.mark.parametrize("marked, plain, words", [
    ("\ue000Gunmen\ue001 attacked a \ue000police\ue001 post", "Gunmen attacked a police post", ["Gunmen", "police"]),
    ("no match here", "no match here", []),
    ("… the \ue000al-Bab\ue001 road …", "… the al-Bab road …", ["al-Bab"]),
    ("stray \ue001close and \ue000open", "stray close and open", []),  # unbalanced marks mark nothing
    ("literal **stars** stay", "literal **stars** stay", []),
])
def test_marked_snippet_gives_plain_text_and_spans(marked, plain, words):
    fields = marked_snippet(marked, HIGHLIGHT_MARKS)
    assert fields["snippet"] == plain
    assert [plain[a:b] for a, b in fields["highlights"]] == words


def test_snippet_markdown_and_parts_render_the_spans():
    hit = SearchHit(1, None, None, None, None, "Gunmen attacked a police post", (), 1.0, ((0, 6), (18, 24)))
    assert hit.snippet_markdown() == "**Gunmen** attacked a **police** post"
    assert hit.snippet_parts() == [("Gunmen", True), (" attacked a ", False), ("police", True), (" post", False)]
    assert SearchHit(1, None, None, None, None, "plain", (), 1.0).snippet_markdown() == "plain"


def test_search_hits_from_the_store_are_plain_with_spans_on_the_matched_words(cl, tmp_path):
    good = tmp_path / "report.txt"
    good.write_text(REPORT, encoding="utf-8")
    cl.ingest([str(good)], strict=True)
    (hit,) = cl.search(SearchQuery('"police post" OR wound*'))
    assert "\ue000" not in hit.snippet and "**" not in hit.snippet
    assert [hit.snippet[a:b].lower() for a, b in hit.highlights] == ["police post", "wounding"]  # a phrase is one span
