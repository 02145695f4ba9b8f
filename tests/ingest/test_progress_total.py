"""Issue 13, class 10: the ingest progress bar knows its total when the inputs tell it (a JSONL
file's lines, a folder's files); it equals the number of results the ingest reports."""
from __future__ import annotations

import json

from conflictlens.ingest.readers import expected_items, read_inputs

ARTICLE = "Gunmen fired on a minibus on the road south of the town on Friday, wounding the driver."


def _folder(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE)
    (root / "sub" / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (root / "empty.txt").write_text("")  # one failed item
    (root / ".hidden.txt").write_text(ARTICLE)  # skipped, as the reader skips it
    lines = [json.dumps({"url": f"https://example.org/{i}", "text": f"{ARTICLE} Report {i}."}) for i in range(3)]
    (root / "sub" / "batch.jsonl").write_text("\n".join(lines[:2]) + "\n\n{broken\n" + lines[2] + "\n")
    return root


def test_total_equals_the_results_of_the_ingest(tmp_path, options):
    root = _folder(tmp_path)
    single = tmp_path / "one.txt"
    single.write_text(ARTICLE)
    for items in ([str(root)], [str(root / "sub" / "batch.jsonl")], [str(single), str(root)],
                  [str(tmp_path / "missing.txt")], [str(tmp_path / "in" / "sub")]):
        assert expected_items(items, options) == len(list(read_inputs(items, options))), items
    assert expected_items([str(root)], options) == 7  # a, b, empty, 3 good lines + 1 broken line


def test_unknown_totals_stay_unknown(tmp_path, options):
    feed = tmp_path / "news.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    saved_feed = tmp_path / "feed.txt"
    saved_feed.write_text(feed.read_text())
    assert expected_items(["https://example.org/feed.xml"], options) is None
    assert expected_items(["-"], options) is None
    assert expected_items([str(feed)], options) is None
    assert expected_items([str(saved_feed)], options) is None  # a feed by its content
