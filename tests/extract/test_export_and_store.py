import csv
import io
import json
from datetime import date

from conflictlens.export import ACLED_COLUMNS, to_string
from conflictlens.extract.evidence_view import format_event_evidence
from conflictlens.models import Article, Event, EventFilter, Evidence, Place, Span
from conflictlens.store.sqlite import SQLiteStore

TEXT = "Gunmen killed two traders in Gao on Monday."


def _event(key="k1", fatalities=2):
    return Event(event_date=date(2021, 3, 8), date_precision="day", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)",
                 place=Place("Gao", 16.27, -0.04, "Mali", "Gao", precision=1), fatalities=fatalities,
                 evidence=(Evidence("event", Span(0, len(TEXT), TEXT)), Evidence("actor1", Span(0, 6, "Gunmen")),
                           Evidence("location", Span(29, 32, "Gao"))), event_key=key)


def test_acled_csv_has_acled_columns_and_evidence():
    art = Article(text=TEXT, content_hash="h", url="https://example.test/x", outlet="Example")
    out = to_string([(_event(), art)], "acled-csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ACLED_COLUMNS
    r = rows[0]
    assert r["event_date"] == "2021-03-08" and r["time_precision"] == "1" and r["fatalities"] == "2"
    assert r["article_url"] == "https://example.test/x" and r["evidence"] == TEXT and r["country"] == "Mali"


def test_geojson_and_jsonl():
    gj = json.loads(to_string([(_event(), None)], "geojson"))
    assert gj["features"][0]["geometry"]["coordinates"] == [-0.04, 16.27]
    line = json.loads(to_string([(_event(), None)], "jsonl").splitlines()[0])
    assert line["evidence"][1]["text"] == "Gunmen" and line["quote"] == TEXT


def test_reextraction_upserts_instead_of_duplicating(tmp_path):
    store = SQLiteStore(tmp_path / "t.db")
    art_id, _ = store.save_article(Article(text=TEXT, content_hash="h1", url="u"), [_event()])
    store.replace_events(art_id, [_event(fatalities=3)])
    events = store.events(EventFilter(article_id=art_id))
    assert len(events) == 1 and events[0].fatalities == 3


def test_evidence_view_quotes_the_fields():
    shown = format_event_evidence(TEXT, _event())
    plain = shown.plain if hasattr(shown, "plain") else str(shown)
    assert "Gunmen" in plain and "Gao" in plain and "Attack" in plain
