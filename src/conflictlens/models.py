"""Typed records passed between the pipeline stages.

Every record is a frozen dataclass: stages take records and return new ones,
nothing is mutated in place.  Dates are ``datetime.date``; character offsets
always refer to the cleaned article text (``Article.text``).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Literal

DatePrecision = Literal["day", "week", "month"]


@lru_cache(maxsize=1)
def acled_types() -> dict[str, tuple[str, ...]]:
    """ACLED's event types with their sub-event types (``data/acled_types.toml``)."""
    text = resources.files("conflictlens.data").joinpath("acled_types.toml").read_text(encoding="utf-8")
    return {k: tuple(v) for k, v in tomllib.loads(text)["types"].items()}


@dataclass(frozen=True)
class RawDocument:
    """One input item before cleaning: what a reader found in a file, URL or feed.

    ``origin`` names where it came from (a path, ``path:line`` or a URL) and is
    used in error messages.  Exactly one of ``text`` and ``html`` is normally set.
    """

    origin: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as found: ISO date, RFC 822, free text ...
    source: str | None = None  # the outlet, when the input names it
    text: str | None = None
    html: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article as stored.  ``id`` is ``None`` until stored."""

    text: str
    content_hash: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_from: str = "none"  # metadata | html | dateline | none
    outlet: str | None = None
    cited_sources: tuple[str, ...] = ()
    language: str | None = None
    keywords: tuple[str, ...] = ()
    id: int | None = None
    ingested_at: datetime | None = None


@dataclass(frozen=True)
class Span:
    """A quoted stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Why one field of an event has its value: the words that gave it.

    ``field`` is one of: event, event_type, actor1, actor2, date, location,
    fatalities, injured.  ``span`` quotes the words in the article;
    ``note`` says how they were read ("most conservative of 3 and 5").
    """

    field: str
    span: Span
    note: str = ""


@dataclass(frozen=True)
class Actor:
    """A canonical actor from the actor tables."""

    name: str  # canonical name, e.g. "Islamic State"
    actor_type: str  # state_forces | rebel_group | political_militia | identity_militia |
    # rioters | protesters | civilians | external_other
    inter: int  # ACLED interaction code 1..8
    country: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class Mention:
    """A named thing found in the text (actor or place candidate)."""

    text: str
    start: int
    end: int
    label: str  # spaCy label or matcher label: GPE, LOC, ORG, NORP, PERSON, GAZ, ACTOR ...


@dataclass(frozen=True)
class PlaceMention:
    """A place as the article names it, with the words around it.

    ``qualifier`` is the vague-location phrase that governs precision:
    "" (in X), "near", "outskirts", "direction" (east of X), "rural",
    "countryside", "region" (a governorate or region alone).
    ``container`` is a larger place the article puts it in
    ("Kafr Ghan in rural Azaz" -> container "Azaz").
    """

    text: str
    start: int = -1
    end: int = -1
    qualifier: str = ""
    container: str | None = None
    sentence: str = ""


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry a mention could resolve to, with its score."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str | None
    admin1: str | None
    score: float
    feature: str = ""  # P (populated place), A (admin area), S (supplement) ...
    population: int = 0


@dataclass(frozen=True)
class Place:
    """A resolved place with ACLED geo precision (1 town, 2 near/rural, 3 region)."""

    name: str  # the location as coded (the village name even when coordinates are the town's)
    latitude: float | None
    longitude: float | None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    geonameid: int | None = None
    precision: int | None = None
    matched_name: str | None = None  # the gazetteer name the coordinates belong to
    candidates: tuple[Candidate, ...] = ()  # the candidates it beat, best first
    reason: str = ""  # how it was resolved or why it was not


@dataclass(frozen=True)
class Event:
    """One incident coded in ACLED's fields, with the evidence for each field."""

    event_date: date | None
    date_precision: DatePrecision
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str = ""
    assoc_actor_1: str = ""
    assoc_actor_2: str = ""
    inter1: int | None = None
    inter2: int | None = None
    place: Place | None = None
    fatalities: int = 0
    injured: int | None = None
    notes: str = ""
    evidence: tuple[Evidence, ...] = ()
    article_id: int | None = None
    id: int | None = None
    event_key: str = ""  # stable key within an article: re-extraction updates, not duplicates

    @property
    def location(self) -> str:
        return self.place.name if self.place else ""

    def quote(self) -> str:
        """The main evidence sentence (the ``event`` evidence, else the first)."""
        for ev in self.evidence:
            if ev.field == "event":
                return ev.span.text
        return self.evidence[0].span.text if self.evidence else ""

    def to_dict(self, article: Article | None = None) -> dict:
        """The event as JSON-ready data, the one shape of every output (``events --json``, the JSONL
        and GeoJSON exports, ``/api/events``): ``id``, ``article_id``, ACLED's columns in ACLED's
        order, then ``article_url``, ``injured``, ``evidence`` (a list of quoted spans),
        ``date_precision``, ``quote`` and ``geonameid``; ``None`` for unknown values.  Give the
        event's ``article`` to fill ``source``, ``article_url`` and ``timestamp``.  Described by
        ``docs/event.schema.json``."""
        from .acled import event_record

        return event_record(self, article)


HIGHLIGHT_MARKS = ("\ue000", "\ue001")  # private-use characters a store marks matched words with


def marked_snippet(marked: str, marks: tuple[str, str] = HIGHLIGHT_MARKS) -> dict:
    """A snippet whose matched words are between ``marks`` as SearchHit's fields: the plain
    ``snippet`` and its ``highlights`` ((start, end) offsets into it)."""
    open_, close = marks
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, length, start = 0, 0, None
    while pos < len(marked):
        ch = marked[pos]
        if ch == open_ and start is None:
            start = length
        elif ch == close and start is not None:
            if length > start:
                spans.append((start, length))
            start = None
        elif ch not in marks:
            plain.append(ch)
            length += 1
        pos += 1
    return {"snippet": "".join(plain), "highlights": tuple(spans)}


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result.  ``snippet`` is plain text; ``highlights`` are the (start, end)
    offsets of the matched words in it (``snippet_markdown()`` renders them as ``**word**``)."""

    article_id: int
    url: str | None
    title: str | None
    published: date | None
    source: str | None
    snippet: str
    keywords: tuple[str, ...]
    score: float
    highlights: tuple[tuple[int, int], ...] = ()

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, highlighted) pieces, in order."""
        parts, pos = [], 0
        for start, end in sorted(self.highlights):
            if start < pos or end > len(self.snippet):
                continue
            if start > pos:
                parts.append((self.snippet[pos:start], False))
            parts.append((self.snippet[start:end], True))
            pos = end
        if pos < len(self.snippet):
            parts.append((self.snippet[pos:], False))
        return parts

    def snippet_markdown(self, mark: str = "**") -> str:
        """The snippet with each matched word between ``mark``s (``**word**``)."""
        return "".join(f"{mark}{text}{mark}" if hit else text for text, hit in self.snippet_parts())


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input item."""

    origin: str
    status: Literal["added", "updated", "unchanged", "failed"]
    article_id: int | None = None
    url: str | None = None
    title: str | None = None
    events: int = 0
    error: str | None = None


@dataclass(frozen=True)
class PreparedArticle:
    """One input item on its way to the store: cleaned (``article``) or failed (``error``).

    ``events`` is ``None`` when extraction is still to do; a worker process that already
    extracted fills it with the events of ``extracted`` (the article the store said to extract,
    see ``Conflictlens._extraction_target``), and then ``article`` already carries the events'
    keywords.  The writer uses them only when the store still names that same article."""

    origin: str
    url: str | None = None
    article: Article | None = None
    error: str | None = None
    events: tuple[Event, ...] | None = None
    extracted: Article | None = None


class IngestResults(list):
    """What ``Conflictlens.ingest`` returns: each input item's ``IngestResult`` as it is done (a
    plain list otherwise; an item that fails to read comes before the batch being stored), and
    the summary to check.  A bad item (a missing path, an empty folder, a
    malformed line, an unreachable URL) does not stop the batch and does not raise: it is a
    ``failed`` result, ``ok`` is False, and ``raise_for_failures()`` (or ``ingest(..., strict=True)``)
    raises ``IngestFailedError`` naming each failed item and its reason."""

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self if r.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when no item failed."""
        return not self.failed

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self if r.status == s) for s in ("added", "updated", "unchanged", "failed")}

    def raise_for_failures(self) -> "IngestResults":
        if self.failed:
            from .errors import IngestFailedError

            raise IngestFailedError(self)
        return self

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.counts().items() if n) or "no items"
        failed = "".join(f"; failed {r.origin}: {r.error}" for r in self.failed[:3])
        return f"<IngestResults {counts}{failed}{'; ...' if len(self.failed) > 3 else ''}>"


@dataclass(frozen=True)
class BatchPartition:
    """A slice of one input file: lines ``[start, stop)`` of a JSONL file (0-based), or row group
    ``start`` of a Parquet file.  ``name`` is stable for the same file, kind and partition size."""

    name: str
    path: str
    kind: str  # "jsonl" | "parquet"
    start: int
    stop: int


@dataclass(frozen=True)
class PartitionResult:
    """What `batch extract` did with one partition."""

    name: str
    articles: int = 0
    events: int = 0
    failed: tuple[tuple[str, str], ...] = ()  # (origin, reason) of the items that could not be read
    skipped: bool = False
    error: str | None = None  # the whole partition failed (its task raised)


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by `events`, `export`, `trend` and the HTTP API."""

    actor: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    article_id: int | None = None
    limit: int | None = None
    offset: int = 0
    # what ``actor`` resolved to in the actor table (``Conflictlens.actor_filter``): the canonical
    # name first, then its aliases (see ``store.query.actor_name_matches``); empty: ``actor`` is
    # matched as a substring of the stored actor names (any case or transliteration)
    actor_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    text: str
    since: date | None = None
    until: date | None = None
    source: str | None = None
    keyword: str | None = None
    limit: int = 20
    offset: int = 0
