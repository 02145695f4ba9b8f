"""read_inputs over every local input kind, and over bad input: the batch always goes on."""
from __future__ import annotations

import io
import json

import pytest

from conflictlens.errors import InputError
from conflictlens.ingest.readers import decode_text, is_legacy_8bit_text, looks_like_html, read_inputs

from ingest_helpers import ARTICLE_TEXT, collect


# -- plain text and HTML files ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["story.txt", "story.text", "story.md", "STORY"])
def test_text_files_give_one_text_document(tmp_path, options, name):
    path = tmp_path / name
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    docs, errors = collect([path], options)
    assert errors == []
    assert len(docs) == 1
    assert docs[0].text == ARTICLE_TEXT and docs[0].html is None
    assert docs[0].origin == str(path)


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.xhtml"])
def test_html_files_by_suffix(tmp_path, options, fixtures, name):
    path = tmp_path / name
    path.write_bytes((fixtures / "pages" / "article.html").read_bytes())
    docs, errors = collect([path], options)
    assert errors == [] and len(docs) == 1
    assert docs[0].html and "Kobani" in docs[0].html and docs[0].text is None


def test_html_detected_by_content_in_a_txt_file(tmp_path, options, fixtures):
    path = tmp_path / "saved.txt"
    path.write_bytes((fixtures / "pages" / "article.html").read_bytes())
    docs, _ = collect([path], options)
    assert docs[0].html is not None and docs[0].text is None


def test_text_mentioning_tags_is_not_taken_for_html():
    assert not looks_like_html("The decree bans <political> slogans in the square, residents said.")
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("\ufeff  <p>A fragment of a page.</p>")


# -- JSONL and JSON --------------------------------------------------------------------------------
def test_jsonl_one_document_per_line_with_fields(tmp_path, options):
    lines = [
        {"url": "https://news.test/a", "title": "First", "published": "2024-05-01", "source": "News Test",
         "text": ARTICLE_TEXT},
        {"url": "https://news.test/b", "title": "Second", "html": "<p>" + ARTICLE_TEXT + "</p>"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs, errors = collect([path], options)
    assert errors == []
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2"]
    first, second = docs
    assert (first.url, first.title, first.published, first.source) == (
        "https://news.test/a", "First", "2024-05-01", "News Test")
    assert first.text == ARTICLE_TEXT and first.html is None
    assert second.html.startswith("<p>") and second.text is None


def test_malformed_jsonl_line_fails_alone(tmp_path, options):
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        json.dumps({"text": ARTICLE_TEXT, "title": "good one"}) + "\n"
        + '{"text": "unterminated\n'
        + json.dumps({"title": "no body at all"}) + "\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"text": 42}) + "\n"
        + json.dumps({"text": ARTICLE_TEXT, "title": "good two"}) + "\n",
        encoding="utf-8",
    )
    docs, errors = collect([path], options)
    assert [d.title for d in docs] == ["good one", "good two"]
    by_origin = {e.origin: e.reason for e in errors}
    assert set(by_origin) == {f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"}
    assert by_origin[f"{path}:2"].startswith("malformed JSON")
    assert "missing both 'text' and 'html'" in by_origin[f"{path}:3"]
    assert "expected a JSON object" in by_origin[f"{path}:4"]
    assert "'text' must be a string" in by_origin[f"{path}:5"]


def test_json_list_and_single_object(tmp_path, options):
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ARTICLE_TEXT, "title": "one"}, {"html": "<p>two</p>"}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": ARTICLE_TEXT, "url": "https://news.test/one"}))
    docs, errors = collect([many, one], options)
    assert errors == []
    assert [d.origin for d in docs] == [f"{many}[0]", f"{many}[1]", str(one)]
    assert docs[2].url == "https://news.test/one"


def test_broken_json_file_is_one_error(tmp_path, options):
    path = tmp_path / "broken.json"
    path.write_text("[{\"text\": \"x\"", encoding="utf-8")
    docs, errors = collect([path], options)
    assert docs == [] and len(errors) == 1 and "malformed JSON" in errors[0].reason


# -- folders and stdin -----------------------------------------------------------------------------
def test_directory_is_read_recursively_sorted_skipping_hidden_and_binary(tmp_path, options, fixtures):
    (tmp_path / "b.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep.md").write_text(ARTICLE_TEXT)
    (tmp_path / "a" / "page.html").write_bytes((fixtures / "pages" / "article.html").read_bytes())
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text(ARTICLE_TEXT)
    (tmp_path / ".hidden.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (tmp_path / "notes.log").write_text(ARTICLE_TEXT)  # unknown suffix, but text: read
    docs, errors = collect([tmp_path], options)
    assert [d.origin for d in docs] == [
        str(tmp_path / "a" / "deep.md"), str(tmp_path / "a" / "page.html"),
        str(tmp_path / "b.txt"), str(tmp_path / "notes.log"),
    ]
    assert len(errors) == 1
    assert errors[0].origin == str(tmp_path / "photo.jpg")
    assert "skipped" in errors[0].reason and "binary" in errors[0].reason


def test_empty_directory_is_reported(tmp_path, options):
    docs, errors = collect([tmp_path], options)
    assert docs == [] and errors[0].reason == "no files in directory"


def test_stdin_text_and_jsonl(options):
    docs, errors = collect(["-"], options, stdin=io.BytesIO(ARTICLE_TEXT.encode()))
    assert errors == [] and docs[0].origin == "<stdin>" and docs[0].text == ARTICLE_TEXT
    jsonl = (json.dumps({"text": ARTICLE_TEXT}) + "\n" + json.dumps({"text": ARTICLE_TEXT + " More."})).encode()
    docs, errors = collect(["-"], options, stdin=io.BytesIO(jsonl))
    assert errors == [] and [d.origin for d in docs] == ["<stdin>:1", "<stdin>:2"]


# -- bad input -------------------------------------------------------------------------------------
def test_empty_and_whitespace_files(tmp_path, options):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t ")
    docs, errors = collect([tmp_path / "empty.txt", tmp_path / "blank.txt"], options)
    assert docs == []
    assert [e.reason for e in errors] == ["empty file", "file holds only whitespace"]


@pytest.mark.parametrize("payload", [
    b"Some words\x00\x01\x02 then NUL bytes " * 20,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40,
])
def test_binary_file_named_as_text(tmp_path, options, payload):
    path = tmp_path / "looks.txt"
    path.write_bytes(payload)
    docs, errors = collect([path], options)
    assert docs == []
    assert errors[0].origin == str(path) and errors[0].reason.startswith("binary file, not text")


def test_invalid_utf8_names_the_byte_offset(tmp_path, options):
    path = tmp_path / "broken.txt"
    good = "Protesters in Raqqa \u2013 the city\u2019s centre \u2013 gathered. ".encode("utf-8")
    path.write_bytes(good + b"\xff\xfe broken tail")
    docs, errors = collect([path], options)
    assert docs == []
    assert f"invalid UTF-8 at byte {len(good)}" in errors[0].reason


def test_clear_windows_1252_text_falls_back(tmp_path, options):
    text = "Caf\u00e9 owners in the old town said the \u201cprotest\u201d ended peacefully \u2013 police said."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    docs, errors = collect([path], options)
    assert errors == [] and docs[0].text == text


def test_legacy_fallback_is_refused_for_mixed_or_mostly_high_bytes():
    mixed = "d\u00e9j\u00e0 vu".encode("utf-8") + b" and a stray \xe9 byte"
    assert not is_legacy_8bit_text(mixed)
    assert not is_legacy_8bit_text(bytes(range(0x80, 0x100)) * 4)  # not clearly text
    with pytest.raises(InputError, match="invalid UTF-8 at byte"):
        decode_text("x", mixed)


def test_html_declared_charset_is_honoured(tmp_path, options):
    page = '<html><head><meta charset="iso-8859-9"></head><body><p>\u015eanl\u0131urfa market</p></body></html>'
    path = tmp_path / "tr.html"
    path.write_bytes(page.encode("iso-8859-9"))
    docs, errors = collect([path], options)
    assert errors == [] and "\u015eanl\u0131urfa" in docs[0].html


def test_utf16_with_bom_is_read(tmp_path, options):
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE_TEXT.encode("utf-16"))
    docs, errors = collect([path], options)
    assert errors == [] and docs[0].text == ARTICLE_TEXT


def test_50_mb_file_is_refused_from_its_size(tmp_path, options):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: seek and write one byte, nothing is committed or filled
        fh.seek(50_000_000 - 1)
        fh.write(b"\n")
    docs, errors = collect([path], options)
    assert docs == []
    assert errors[0].reason == "file is 50 MB, larger than the limit of 20 MB"


def test_size_limit_follows_the_option(tmp_path, options):
    path = tmp_path / "small.txt"
    path.write_text(ARTICLE_TEXT * 10)
    _, errors = collect([path], options.replace(max_bytes=1000))
    assert "larger than the limit of" in errors[0].reason


def test_missing_path_and_unsupported_scheme(tmp_path, options):
    docs, errors = collect([tmp_path / "nope.txt", "ftp://files.test/a.txt"], options)
    assert docs == []
    assert errors[0].reason == "no such file or directory"
    assert "unsupported URL scheme" in errors[1].reason


def test_batch_goes_on_past_every_kind_of_bad_item(tmp_path, options):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 64)
    (tmp_path / "good.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "bad.jsonl").write_text("{oops\n" + json.dumps({"text": ARTICLE_TEXT}) + "\n")
    items = [tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "bin.txt", tmp_path / "bad.jsonl",
             tmp_path / "good.txt"]
    outputs = list(read_inputs([str(i) for i in items], options))
    kinds = [type(o).__name__ for o in outputs]
    assert kinds == ["InputError", "InputError", "InputError", "InputError", "RawDocument", "RawDocument"]
    assert all(o.origin for o in outputs)
