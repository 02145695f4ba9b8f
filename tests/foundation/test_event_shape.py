"""One event shape everywhere (issue 13, classes 6 and 12): every JSON form validates against
docs/event.schema.json and gives the same fields as ``Event.to_dict``; the ACLED CSV has every
ACLED column in ACLED's order and reads with ACLED's dtypes; the GeoJSON export is RFC 7946."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conflictlens.export import ACLED_COLUMNS, event_row, to_string, with_articles
from conflictlens.models import Article, Event, EventFilter, Evidence, Place, Span
from conflictlens.store.sqlite import SQLiteStore

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "event.schema.json").read_text(encoding="utf-8"))

SHELLING = ("Artillery fire hit a market in the village of Deir Sabt on Sunday, killing four shoppers, "
            "a rescue worker said.")
MARCH = "Nurses marched through the centre of Kano on Tuesday to demand unpaid wages."
UNPLACED = "Masked men abducted a trader somewhere on the road, his family said."

ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# how ACLED's files are read into pandas (nullable integers where a cell may be empty)
ACLED_DTYPES = {
    "event_id_cnty": "string", "event_date": "string", "year": "Int64", "time_precision": "Int64",
    "disorder_type": "string", "event_type": "string", "sub_event_type": "string", "actor1": "string",
    "assoc_actor_1": "string", "inter1": "Int64", "actor2": "string", "assoc_actor_2": "string", "inter2": "Int64",
    "interaction": "Int64", "civilian_targeting": "string", "iso": "Int64", "region": "string", "country": "string",
    "admin1": "string", "admin2": "string", "admin3": "string", "location": "string", "latitude": "float64",
    "longitude": "float64", "geo_precision": "Int64", "source": "string", "source_scale": "string",
    "notes": "string", "fatalities": "int64", "tags": "string", "timestamp": "Int64",
    "article_url": "string", "injured": "Int64", "evidence": "string", "date_precision": "string",
}


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _article(text: str, url: str | None, outlet: str | None) -> Article:
    return Article(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), url=url, title=text[:30],
                   published=date(2022, 4, 12), outlet=outlet,
                   ingested_at=datetime(2022, 4, 13, 8, 30, tzinfo=timezone.utc))


def _events() -> list[tuple[Article, Event]]:
    shelling = Event(event_date=date(2022, 4, 10), date_precision="day", event_type="Explosions/Remote violence",
                     sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria (2000-)",
                     actor2="Civilians (Syria)", inter1=1, inter2=7,
                     place=Place("Deir Sabt", 35.123456789, 36.987654321, "Syria", "Hama", "Al-Suqaylabiyah",
                                 precision=1, geonameid=12345),
                     fatalities=4, injured=2, event_key="s1",
                     evidence=(Evidence("event", _span(SHELLING, "Artillery fire hit a market")),
                               Evidence("fatalities", _span(SHELLING, "killing four shoppers"), "one figure")))
    march = Event(event_date=date(2022, 4, 12), date_precision="week", event_type="Protests",
                  sub_event_type="Peaceful protest", actor1="Protesters (Nigeria)", assoc_actor_1="Nurses (Nigeria)",
                  inter1=6, place=Place("Kano", None, None, "Nigeria", "Kano", precision=3), event_key="m1",
                  evidence=(Evidence("event", _span(MARCH, "Nurses marched through the centre of Kano")),))
    unplaced = Event(event_date=None, date_precision="month", event_type="Violence against civilians",
                     sub_event_type="Abduction/forced disappearance", actor1="Unidentified Armed Group",
                     actor2="Civilians", inter1=3, inter2=7, event_key="u1")
    return [(_article(SHELLING, "https://wire.test/deir-sabt", "Test Wire"), shelling),
            (_article(MARCH, "https://daily.test/kano", "Daily Test"), march),
            (_article(UNPLACED, None, None), unplaced)]


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "shape.db"
    store = SQLiteStore(path)
    for article, event in _events():
        store.save_article(article, [event])
    store.close()
    return str(path)


def _stored(db: str) -> list[dict]:
    store = SQLiteStore(db)
    try:
        return [ev.to_dict(art) for ev, art in with_articles(store.events(EventFilter()), store)]
    finally:
        store.close()


def _validate(record: dict) -> None:
    import jsonschema

    jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_schema_is_valid_draft_2020_12_and_names_every_field():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    article, event = _events()[0]
    assert set(SCHEMA["required"]) == set(SCHEMA["properties"]) == set(event.to_dict(article))


def test_to_dict_has_acleds_columns_in_acleds_order_then_ours():
    article, event = _events()[0]
    keys = list(event.to_dict(article))
    acled = [k for k in keys if k in ACLED_ORDER]
    assert acled == ACLED_ORDER
    assert keys.index("article_url") > keys.index("timestamp")
    assert keys[keys.index("article_url"):keys.index("article_url") + 4] == [
        "article_url", "injured", "evidence", "date_precision"]


def test_derived_acled_columns():
    (sa, shelling), (ma, march), (ua, unplaced) = _events()
    s, m, u = shelling.to_dict(sa), march.to_dict(ma), unplaced.to_dict(ua)
    assert (s["disorder_type"], s["civilian_targeting"], s["interaction"]) == ("Political violence",
                                                                               "Civilian targeting", 17)
    assert (s["iso"], s["region"], s["event_id_cnty"]) == (760, "Middle East", "SYRs1")
    assert (m["disorder_type"], m["civilian_targeting"], m["interaction"]) == ("Demonstrations", None, 60)
    assert (m["iso"], m["region"], m["time_precision"]) == (566, "Western Africa", 2)
    assert s["source"] == "Test Wire" and s["article_url"] == "https://wire.test/deir-sabt"
    assert s["timestamp"] == int(datetime(2022, 4, 13, 8, 30, tzinfo=timezone.utc).timestamp())
    assert s["latitude"] == 35.12346 and s["quote"] == "Artillery fire hit a market"
    assert u["country"] is None and u["iso"] is None and u["event_id_cnty"] == "XXXu1" and u["year"] is None
    assert u["source"] is None and u["article_url"] is None


@pytest.mark.parametrize("sub_event, disorder", [
    ("Excessive force against protesters", "Political violence; Demonstrations"),
    ("Mob violence", "Political violence"),
    ("Violent demonstration", "Demonstrations"),
])
def test_disorder_follows_the_sub_event_where_acled_splits_a_type(sub_event, disorder):
    from conflictlens.acled import disorder_type
    from conflictlens.models import acled_types

    kind = next(t for t, subs in acled_types().items() if sub_event in subs)
    assert disorder_type(kind, sub_event) == disorder


def test_every_acled_type_has_a_disorder_type():
    from conflictlens.acled import disorder_type
    from conflictlens.models import acled_types

    for kind, subs in acled_types().items():
        for sub in subs:
            assert disorder_type(kind, sub), (kind, sub)


def test_python_api_events_validate(db):
    records = _stored(db)
    assert len(records) == 3
    for record in records:
        _validate(record)


def test_events_json_is_one_document_and_jsonl_one_event_a_line(db, capsys):
    from conflictlens.cli.main import main

    assert main(["--db", db, "events", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["count"] == 3 and len(document["events"]) == 3
    assert main(["--db", db, "events", "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = _stored(db)
    assert document["events"] == lines == expected  # the same fields as Event.to_dict
    for record in lines:
        _validate(record)
    by_key = {r["event_id_cnty"]: r for r in lines}
    assert any(r["source"] == "Test Wire" and r["article_url"] == "https://wire.test/deir-sabt"
               for r in by_key.values())


def test_export_jsonl_and_geojson_properties_validate(db, capsys):
    from conflictlens.cli.main import main

    assert main(["--db", db, "export", "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == _stored(db)
    for record in lines:
        _validate(record)
    assert main(["--db", db, "export", "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    for feature in collection["features"]:
        _validate(feature["properties"])


def test_http_api_events_validate(db, options):
    from fastapi.testclient import TestClient

    from conflictlens.web.app import create_app

    with TestClient(create_app(options.replace(db=db))) as client:
        items = client.get("/api/events").json()["items"]
    assert items == _stored(db)
    for item in items:
        _validate(item)


def test_csv_reads_with_acled_dtypes_in_acled_order():
    import pandas as pd

    out = to_string([(e, a) for a, e in _events()], "acled-csv")
    header = next(csv.reader(io.StringIO(out)))
    assert header == ACLED_ORDER + ["article_url", "injured", "evidence", "date_precision"] == ACLED_COLUMNS
    frame = pd.read_csv(io.StringIO(out), dtype=ACLED_DTYPES, keep_default_na=False, na_values={
        c: [""] for c, t in ACLED_DTYPES.items() if t != "string"})
    assert list(frame.columns) == header and len(frame) == 3
    first = frame.iloc[0]
    assert first["iso"] == 760 and first["interaction"] == 17 and first["inter2"] == 7
    assert math.isclose(first["latitude"], 35.12346) and first["fatalities"] == 4 and first["injured"] == 2
    assert first["evidence"] == "Artillery fire hit a market" and first["civilian_targeting"] == "Civilian targeting"
    assert pd.isna(frame.iloc[1]["latitude"]) and pd.isna(frame.iloc[2]["iso"])
    assert pd.to_datetime(frame["event_date"], format="%Y-%m-%d", errors="coerce").notna().sum() == 2


def test_csv_row_is_to_dict_flattened():
    article, event = _events()[1]
    record, row = event.to_dict(article), event_row(event, article)
    for column in ACLED_COLUMNS:
        expected = record["quote"] if column == "evidence" else record[column]
        assert row[column] == ("" if expected is None else expected), column


# -- RFC 7946 ---------------------------------------------------------------------------------------
def rfc7946_problems(doc) -> list[str]:
    """What keeps ``doc`` from being an RFC 7946 FeatureCollection of Point (or null) features."""
    problems = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["not a FeatureCollection object (RFC 7946 3.3)"]
    if "crs" in doc:
        problems.append("'crs' is not RFC 7946 (4: WGS 84 only)")
    if not isinstance(doc.get("features"), list):
        return problems + ["'features' is not an array (3.3)"]
    for i, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"feature {i}: type is not Feature (3.2)")
            continue
        if "geometry" not in f or "properties" not in f:
            problems.append(f"feature {i}: geometry and properties members are required (3.2)")
        if "id" in f and not isinstance(f["id"], (str, int, float)):
            problems.append(f"feature {i}: id is neither string nor number (3.2)")
        if f.get("properties") is not None and not isinstance(f["properties"], dict):
            problems.append(f"feature {i}: properties is neither an object nor null (3.2)")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            problems.append(f"feature {i}: geometry is not a Point")
            continue
        c = g.get("coordinates")
        if not (isinstance(c, list) and len(c) in (2, 3) and all(isinstance(x, (int, float)) for x in c)):
            problems.append(f"feature {i}: a position is 2 or 3 numbers (3.1.1)")
        elif not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
            problems.append(f"feature {i}: position is not [longitude, latitude] in range (3.1.1, 4)")
    return problems


def test_the_rfc7946_check_finds_what_breaks_the_standard():
    assert rfc7946_problems({"type": "Feature"})
    assert rfc7946_problems({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [35.1, 136.9]}}]})
    assert rfc7946_problems({"type": "FeatureCollection", "crs": {}, "features": []})
    assert rfc7946_problems({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]})


def test_geojson_export_is_rfc7946_with_longitude_first(db, capsys):
    from conflictlens.cli.main import main

    assert main(["--db", db, "export", "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert rfc7946_problems(collection) == []
    points = [f for f in collection["features"] if f["geometry"]]
    assert len(points) == 1 and points[0]["geometry"]["coordinates"] == [36.987654, 35.123457]
    assert points[0]["id"] == points[0]["properties"]["id"]
