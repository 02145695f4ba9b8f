"""Export events: ACLED CSV (every ACLED column in ACLED's order, then article_url, injured,
evidence, date_precision), GeoJSON (RFC 7946), JSONL.  Every form carries ``Event.to_dict``'s
fields; the CSV flattens them (empty cells for unknown values, ``evidence`` = the main quote)."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, TextIO

from .acled import ACLED_FIELDS, OUR_FIELDS
from .models import Article, Event

ACLED_COLUMNS = [*ACLED_FIELDS, *OUR_FIELDS]
FORMATS = ("acled-csv", "geojson", "jsonl")
GEOJSON_DIGITS = 6


def event_row(ev: Event, article: Article | None = None) -> dict:
    """One CSV row: ``Event.to_dict`` flattened to ACLED_COLUMNS (``None`` -> empty cell)."""
    record = ev.to_dict(article)
    record["evidence"] = record["quote"]
    return {k: "" if record[k] is None else record[k] for k in ACLED_COLUMNS}


def write_acled_csv(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    n = 0
    for ev, art in rows:
        w.writerow(event_row(ev, art))
        n += 1
    return n


def write_jsonl(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    """JSON Lines: one ``Event.to_dict`` object a line."""
    n = 0
    for ev, art in rows:
        out.write(json.dumps(ev.to_dict(art), ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson_feature(ev: Event, article: Article | None = None) -> dict:
    """An RFC 7946 Feature: a Point [longitude, latitude] (``null`` geometry when the place has no
    coordinates), the event's ``id`` and its ``to_dict`` fields as properties."""
    p = ev.place
    geom = None
    if p and p.latitude is not None and p.longitude is not None:
        geom = {"type": "Point", "coordinates": [round(p.longitude, GEOJSON_DIGITS), round(p.latitude, GEOJSON_DIGITS)]}
    feature = {"type": "Feature", "geometry": geom, "properties": ev.to_dict(article)}
    if ev.id is not None:
        feature["id"] = ev.id
    return feature


def write_geojson(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    feats = [geojson_feature(ev, art) for ev, art in rows]
    json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
    return len(feats)


def export_events(rows: Iterable[tuple[Event, Article | None]], fmt: str, out: TextIO) -> int:
    """Write events in ``fmt`` (acled-csv | geojson | jsonl); returns how many."""
    writers = {"acled-csv": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}
    if fmt not in writers:
        from .errors import ConfigError

        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return writers[fmt](rows, out)


def to_string(rows, fmt: str) -> str:
    buf = io.StringIO()
    export_events(rows, fmt, buf)
    return buf.getvalue()


def with_articles(events: Iterable[Event], store) -> Iterable[tuple[Event, Article | None]]:
    """Each event with its article (read once per article; ``None`` when it is gone), for the
    fields ``to_dict`` takes from the article (``source``, ``article_url``, ``timestamp``)."""
    from .errors import NotFoundError

    seen: dict[int, Article | None] = {}
    for ev in events:
        if ev.article_id is not None and ev.article_id not in seen:
            try:
                seen[ev.article_id] = store.get_article(ev.article_id)
            except NotFoundError:
                seen[ev.article_id] = None
        yield ev, seen.get(ev.article_id) if ev.article_id is not None else None


def events_document(rows: Iterable[tuple[Event, Article | None]]) -> dict:
    """The one JSON document of ``events --json``: ``{"events": [Event.to_dict ...], "count": n}``."""
    events = [ev.to_dict(art) for ev, art in rows]
    return {"events": events, "count": len(events)}
