"""Export events: ACLED CSV (ACLED's column names + article_url, injured, evidence), GeoJSON, JSONL."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Iterable, TextIO

from .models import Article, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "date_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country",
    "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities", "article_url", "injured", "evidence",
]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
FORMATS = ("acled-csv", "geojson", "jsonl")


def _iso3ish(country: str | None) -> str:
    if not country:
        return "XXX"
    try:
        import pycountry

        return pycountry.countries.lookup(country).alpha_3
    except (LookupError, ImportError):
        return re.sub(r"[^A-Z]", "", country.upper())[:3] or "XXX"


def evidence_quote(ev: Event, limit: int = 200) -> str:
    q = re.sub(r"\s+", " ", ev.quote()).strip()
    return q if len(q) <= limit else q[:limit - 1] + "\u2026"


def event_row(ev: Event, article: Article | None = None) -> dict:
    p = ev.place
    country = p.country if p else None
    inter = ""
    if ev.inter1 is not None:
        inter = f"{ev.inter1}{ev.inter2 or 0}" if ev.inter2 is None or ev.inter1 <= ev.inter2 else f"{ev.inter2}{ev.inter1}"
    return {
        "event_id_cnty": f"{_iso3ish(country)}{ev.id if ev.id is not None else ev.event_key}",
        "event_date": ev.event_date.isoformat() if ev.event_date else "",
        "year": ev.event_date.year if ev.event_date else "",
        "time_precision": TIME_PRECISION.get(ev.date_precision, 1),
        "date_precision": ev.date_precision,
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1, "inter1": ev.inter1 if ev.inter1 is not None else "",
        "actor2": ev.actor2, "assoc_actor_2": ev.assoc_actor_2, "inter2": ev.inter2 if ev.inter2 is not None else "",
        "interaction": inter, "country": country or "",
        "admin1": (p.admin1 if p else "") or "", "admin2": (p.admin2 if p else "") or "",
        "admin3": (p.admin3 if p else "") or "", "location": ev.location,
        "latitude": "" if not p or p.latitude is None else round(p.latitude, 5),
        "longitude": "" if not p or p.longitude is None else round(p.longitude, 5),
        "geo_precision": (p.precision if p and p.precision else ""),
        "source": (article.outlet if article and article.outlet else "") or "",
        "notes": ev.notes, "fatalities": ev.fatalities,
        "article_url": (article.url if article and article.url else "") or "",
        "injured": "" if ev.injured is None else ev.injured, "evidence": evidence_quote(ev),
    }


def write_acled_csv(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    n = 0
    for ev, art in rows:
        w.writerow(event_row(ev, art))
        n += 1
    return n


def write_jsonl(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    n = 0
    for ev, art in rows:
        row = event_row(ev, art)
        row["evidence_fields"] = [{"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text,
                                   "note": e.note} for e in ev.evidence]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[tuple[Event, Article | None]], out: TextIO) -> int:
    feats = []
    for ev, art in rows:
        row = event_row(ev, art)
        p = ev.place
        geom = None
        if p and p.latitude is not None and p.longitude is not None:
            geom = {"type": "Point", "coordinates": [round(p.longitude, 6), round(p.latitude, 6)]}
        feats.append({"type": "Feature", "geometry": geom, "properties": row})
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
