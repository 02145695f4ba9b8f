"""Read input items (files, folders, JSONL, stdin, URLs, feeds) into ``RawDocument`` records.

``read_inputs(items, options, fetcher)`` yields one ``RawDocument`` per article
or one ``InputError`` per item that failed; it never raises for a bad item, so
a batch goes on past it.  ``origin`` names the file, ``file:line`` for JSONL,
or the URL.

Kinds
    ``.txt .text .md`` and extension-less files: plain text (HTML when the content
    is HTML); ``.html .htm .xhtml``: HTML; ``.jsonl .ndjson``: one article per line
    (``url``, ``title``, ``published``, ``source``, ``language``, ``text`` or ``html``);
    ``.json``: a list of such objects or one object; ``.xml .rss .atom``: a feed
    file (HTML/text when the content says so); directories: recursively, sorted,
    hidden entries skipped; ``-``: standard input; ``http(s)://``: fetched, and a
    feed (by content type or by sniffing) gives one article per entry, JSON Lines
    or JSON (by content type or URL suffix) one per record (origin ``URL:line``).

Decoding policy
    UTF-8 (a BOM is allowed; UTF-16 with a BOM too).  Bytes that are not UTF-8 are
    read as Windows-1252 only when the file is *clearly a legacy 8-bit text*: it
    contains no well-formed UTF-8 multi-byte sequence at all, none of the five
    bytes Windows-1252 leaves undefined, no control characters besides tab and
    line breaks, and at most 10% non-ASCII bytes.  An HTML page that declares its
    charset (``<meta charset>``) is decoded with it.  Anything else is an error
    naming the byte offset: mixed or corrupt UTF-8 is never guessed at.
    A NUL byte or a known binary signature (PDF, ZIP, images ...) means "binary
    file, not text".  Files larger than ``options.max_bytes`` are refused from
    their size alone, before reading.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from ..errors import FetchError, InputError
from ..models import RawDocument
from ..options import Options
from .feeds import FeedEntry, looks_like_feed, parse_feed, visible_length
from .fetch import Fetcher, FetchedPage, declared_charset, megabytes

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES
BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP archive or office document"), (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"), (b"SQLite format 3", "SQLite database"), (b"\xd0\xcf\x11\xe0", "office document"),
    (b"RIFF", "RIFF media"), (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"),
)
JSONL_CONTENT_TYPES = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl",
                                 "application/x-jsonlines", "application/jsonlines"})
RECORD_FIELDS = ("url", "title", "published", "source", "language", "text", "html")
SNIFF_BYTES = 8192
_HTML_START_RE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b|<title\b|<article\b|<div\b|<p\b)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE_RE = re.compile(r"<(?:html|body|article)\b[^>]*>", re.IGNORECASE)
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f")
_ASCII_BYTES = bytes(range(128))
_NOT_LEGACY_TEXT_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x81\x8d\x8f\x90\x9d]")  # controls, cp1252 holes
MAX_LEGACY_HIGH_RATIO = 0.10


def read_inputs(
    items: Sequence[str],
    options: Options,
    fetcher: Fetcher | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield a ``RawDocument`` per article or an ``InputError`` per failed item, in input order."""
    own_fetcher: Fetcher | None = None

    def get_fetcher() -> Fetcher:
        nonlocal own_fetcher
        if fetcher is not None:
            return fetcher
        if own_fetcher is None:
            own_fetcher = Fetcher(options)
        return own_fetcher

    try:
        for item in items:
            yield from _read_item(str(item), options, get_fetcher, stdin)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _read_item(item: str, options: Options, get_fetcher, stdin: BinaryIO | None) -> Iterator[RawDocument | InputError]:
    try:
        if item == "-":
            yield from _read_stdin(options, stdin if stdin is not None else sys.stdin.buffer)
        elif re.match(r"^https?://", item, re.IGNORECASE):
            yield from read_url(item, options, get_fetcher())
        elif re.match(r"^[a-z][a-z0-9+.\-]*://", item, re.IGNORECASE):
            yield InputError(item, "unsupported URL scheme: only http and https URLs can be fetched")
        else:
            path = Path(item)
            if path.is_dir():
                yield from read_directory(path, options, get_fetcher)
            elif path.exists():
                yield from read_file(path, options, get_fetcher)
            else:
                yield InputError(item, "no such file or directory")
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(item, f"cannot read: {exc.strerror or exc}")


# -- how many items an ingest will report -----------------------------------------------------------
_HEAD_BYTES = 65536  # enough of a file to tell a feed from an article


def expected_items(items: Sequence[str], options: Options) -> int | None:
    """How many results ``read_inputs(items)`` will give (a JSONL file's non-blank lines, a
    folder's files, one a plain file), for a progress bar's total; None when it cannot be known
    without fetching or reading it all (URLs, feeds, JSON arrays, stdin)."""
    total = 0
    for item in items:
        if item == "-" or re.match(r"^[a-z][a-z0-9+.\-]*://", item, re.IGNORECASE):
            return None
        path = Path(item)
        if path.is_dir():
            files = [Path(d) / name for d, dirs, names in os.walk(path, followlinks=False)
                     if not any(part.startswith(".") for part in Path(d).relative_to(path).parts)
                     for name in names if not name.startswith(".")]
            counts = [_file_items(f, options) for f in files] or [1]  # an empty folder is one failure
        else:
            counts = [_file_items(path, options)]
        if any(n is None for n in counts):
            return None
        total += sum(counts)
    return total


def _file_items(path: Path, options: Options) -> int | None:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size == 0 or size > options.max_bytes:
            return 1  # reported as one failed item
        if suffix in JSON_SUFFIXES or suffix in FEED_SUFFIXES:
            return None
        with open(path, "rb") as fh:
            if suffix in JSONL_SUFFIXES:
                return max(1, sum(1 for line in fh if line.strip()))
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return 1
    return None if suffix not in HTML_SUFFIXES and looks_like_feed(head) else 1


# -- files and folders ---------------------------------------------------------------------------
def read_directory(root: Path, options: Options, get_fetcher=None) -> Iterator[RawDocument | InputError]:
    """Every readable file under ``root``, sorted by path, hidden files and folders skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(Path(dirpath) / name for name in filenames if not name.startswith("."))
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        suffix = path.suffix.lower()
        if suffix not in KNOWN_SUFFIXES:
            reason = _binary_reason_of_file(path)
            if reason:
                yield InputError(str(path), f"skipped {suffix} file: {reason}")
                continue
        try:
            yield from read_file(path, options, get_fetcher)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
    if not found:
        yield InputError(str(root), "no files in directory")


def read_file(path: Path, options: Options, get_fetcher=None) -> Iterator[RawDocument | InputError]:
    """The article(s) in one file; the kind comes from the suffix, then from the content."""
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(origin, "empty file")
    if size > options.max_bytes:
        raise InputError(origin, f"file is {megabytes(size)}, larger than the limit of {megabytes(options.max_bytes)}")
    with open(path, "rb") as fh:
        data = fh.read(options.max_bytes + 1)
    yield from read_bytes(origin, data, path.suffix.lower(), options, get_fetcher)


def _read_stdin(options: Options, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise InputError("<stdin>", f"input is larger than the limit of {megabytes(options.max_bytes)}")
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = ".jsonl" if stripped[:1] in (b"{", b"[") else ""
    yield from read_bytes("<stdin>", data, suffix, options, get_fetcher=None)


def read_bytes(origin: str, data: bytes, suffix: str, options: Options,
               get_fetcher=None) -> Iterator[RawDocument | InputError]:
    """Articles from the bytes of one file (or stdin) whose name ends with ``suffix``."""
    if not data.strip():
        what = "input" if origin == "<stdin>" else "file"
        raise InputError(origin, f"empty {what}" if not data else f"{what} holds only whitespace")
    is_html_suffix = suffix in HTML_SUFFIXES
    text = decode_text(origin, data, html=is_html_suffix or _looks_like_html_bytes(data))
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(origin, text)
    elif suffix in JSON_SUFFIXES:
        yield from read_json(origin, text)
    elif suffix in FEED_SUFFIXES or (not is_html_suffix and looks_like_feed(data)):
        if looks_like_feed(data):
            yield from _feed_documents(origin, data, None, options, get_fetcher() if get_fetcher else None)
        elif looks_like_html(text):
            yield RawDocument(origin=origin, html=text)
        else:
            raise InputError(origin, "not an RSS/Atom feed, nor HTML")
    elif is_html_suffix or looks_like_html(text):
        yield RawDocument(origin=origin, html=text)
    else:
        yield RawDocument(origin=origin, text=text)


def decode_text(origin: str, data: bytes, html: bool = False) -> str:
    """Decode file bytes by the policy in the module doc; raises ``InputError`` when they are not text."""
    binary = binary_reason(data)
    if binary:
        raise InputError(origin, binary)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"invalid {name.upper()} at byte {exc.start}: {exc.reason}") from exc
    if b"\x00" in data:
        raise InputError(origin, "binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    if html:
        charset = declared_charset(data)
        if charset and charset not in ("utf-8", "utf_8"):
            try:
                return data.decode(charset)
            except (UnicodeDecodeError, LookupError):
                pass
    if is_legacy_8bit_text(data):
        return data.decode("cp1252")
    bad = data[error.start:error.start + 1].hex()
    raise InputError(origin, f"invalid UTF-8 at byte {error.start} (0x{bad}): {error.reason}; "
                             "not clearly Windows-1252 text either")


def binary_reason(data: bytes) -> str | None:
    """"binary file, not text (...)" when the bytes are binary, else None."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"binary file, not text ({what})"
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary file, not text (contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.05:
        return "binary file, not text (control characters)"
    return None


def _binary_reason_of_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if not head:
        return None  # read_file reports the empty file
    reason = binary_reason(head)
    if reason:
        return reason
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4 and not is_legacy_8bit_text(head):
            return "binary file, not text (not UTF-8)"
    return None


def is_legacy_8bit_text(data: bytes) -> bool:
    """True for a clearly Windows-1252/Latin-1 text file (see the module doc)."""
    high = len(data.translate(None, _ASCII_BYTES))
    if not high or high / len(data) > MAX_LEGACY_HIGH_RATIO:
        return False
    return not (_UTF8_MULTIBYTE_RE.search(data) or _NOT_LEGACY_TEXT_RE.search(data))


def _looks_like_html_bytes(data: bytes) -> bool:
    return looks_like_html(data[:SNIFF_BYTES].decode("latin-1"))


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment (by its first tags)."""
    head = text[:SNIFF_BYTES].lstrip("\ufeff")
    return bool(_HTML_START_RE.match(head) or _HTML_ANYWHERE_RE.search(head))


# -- JSON and JSONL ------------------------------------------------------------------------------
def read_jsonl(origin: str, text: str) -> Iterator[RawDocument | InputError]:
    """One article per non-blank line; a bad line is an error for that line only."""
    any_line = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{origin}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record_or_error(where, value)
    if not any_line:
        yield InputError(origin, "file holds only whitespace")


def read_json(origin: str, text: str) -> Iterator[RawDocument | InputError]:
    """A JSON list of article objects, one object, or (tolerated) JSON Lines."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos > 0 and text.lstrip().startswith("{"):
            yield from read_jsonl(origin, text)  # JSON Lines saved as .json
            return
        raise InputError(origin, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if isinstance(value, dict):
        yield _record_or_error(origin, value)
    elif isinstance(value, list):
        if not value:
            raise InputError(origin, "empty JSON list")
        for index, item in enumerate(value):
            yield _record_or_error(f"{origin}[{index}]", item)
    else:
        raise InputError(origin, f"expected a JSON object or list of objects, found {type(value).__name__}")


def record_to_document(origin: str, value: object) -> RawDocument:
    """A RawDocument from one JSON object; raises ``InputError`` when fields are missing or of the wrong type."""
    if not isinstance(value, dict):
        raise InputError(origin, f"expected a JSON object, found {_json_type(value)}")
    fields: dict[str, str | None] = {}
    for name in RECORD_FIELDS:
        raw = value.get(name)
        if raw is None:
            fields[name] = None
        elif isinstance(raw, str):
            fields[name] = raw if raw.strip() else None
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and name == "published":
            fields[name] = str(raw)
        else:
            raise InputError(origin, f"field {name!r} must be a string, found {_json_type(raw)}")
    if fields["text"] is None and fields["html"] is None:
        raise InputError(origin, "missing both 'text' and 'html'")
    if fields["text"] is not None and fields["html"] is not None:
        fields["html"] = None  # the given text wins; a record carries one of the two
    return RawDocument(origin=origin, **fields)


def _record_or_error(origin: str, value: object) -> RawDocument | InputError:
    try:
        return record_to_document(origin, value)
    except InputError as exc:
        return exc


def _json_type(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


# -- URLs and feeds ------------------------------------------------------------------------------
def read_url(url: str, options: Options, fetcher: Fetcher) -> Iterator[RawDocument | InputError]:
    """One article from a page, or one per entry from a feed."""
    page = fetcher.get(url)
    if not page.body.strip():
        raise FetchError(url, "empty response")
    if looks_like_feed(page.body, page.content_type):
        yield from _feed_documents(url, page.body, page.final_url, options, fetcher)
        return
    suffix = Path(urlsplit(page.final_url).path).suffix.lower()
    if page.content_type in JSONL_CONTENT_TYPES or suffix in JSONL_SUFFIXES:
        yield from read_jsonl(url, page.text)
    elif page.content_type == "application/json" or suffix in JSON_SUFFIXES:
        yield from read_json(url, page.text)
    else:
        yield page_to_document(url, page)


def page_to_document(origin: str, page: FetchedPage) -> RawDocument:
    """A RawDocument from a downloaded page, by content type, then by sniffing."""
    media = page.content_type
    if media and not (media.startswith("text/") or media in ("application/xhtml+xml", "application/xml")):
        raise FetchError(origin, f"unsupported content type {media}")
    binary = binary_reason(page.body)
    if binary:
        raise FetchError(origin, binary)
    text = page.text
    if media in ("text/html", "application/xhtml+xml") or looks_like_html(text):
        return RawDocument(origin=origin, url=page.final_url, html=text)
    return RawDocument(origin=origin, url=page.final_url, text=text)


def _feed_documents(origin: str, body: bytes, feed_url: str | None, options: Options,
                    fetcher: Fetcher | None) -> Iterator[RawDocument | InputError]:
    entries = parse_feed(body, feed_url or origin)
    if not entries:
        raise InputError(origin, "feed has no entries")
    min_chars = options.feed_min_content_chars
    yield from feed_entry_documents(origin, entries[: options.max_feed_items], min_chars, fetcher)


def feed_entry_documents(origin: str, entries: Iterable[FeedEntry], min_chars: int,
                         fetcher: Fetcher | None) -> Iterator[RawDocument | InputError]:
    """One RawDocument per entry: its own content when at least ``min_chars`` long, else its fetched link.

    When the link cannot be fetched (or there is no fetcher), the entry's content or
    summary is used if it has any; otherwise the entry is an error.
    """
    for index, entry in enumerate(entries, start=1):
        where = entry.link or f"{origin} entry {index}"
        meta = dict(url=entry.link, title=entry.title, published=entry.published, source=entry.source)
        body = entry.content if visible_length(entry.content) >= visible_length(entry.summary) else entry.summary
        if visible_length(body) >= min_chars:
            yield RawDocument(origin=where, html=body, **meta)
            continue
        failure: InputError | None = None
        if entry.link and fetcher is not None and re.match(r"^https?://", entry.link, re.IGNORECASE):
            try:
                page = fetcher.get(entry.link)
                if looks_like_feed(page.body, page.content_type):
                    raise FetchError(entry.link, "entry link leads to another feed")
                doc = page_to_document(where, page)
                yield RawDocument(origin=where, url=page.final_url, title=entry.title, published=entry.published,
                                  source=entry.source, text=doc.text, html=doc.html)
                continue
            except InputError as exc:
                failure = exc
        if visible_length(body) > 0:
            yield RawDocument(origin=where, html=body, **meta)
        elif failure is not None:
            yield failure
        else:
            yield InputError(where, "feed entry has no content and no link that can be fetched")
