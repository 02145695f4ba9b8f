"""End to end: hand-written articles through the real extractor and gazetteer, then `ask`.

Slow (spaCy, gazetteer build in a temporary directory).  The articles are our own:
ISIS attacks in rural Aleppo in June 2020, other actors only in earlier months.
"""
from __future__ import annotations

import json

import pytest

from conflictlens.api import Conflictlens
from conflictlens.analysis import answer_to_json, ask

ARTICLES = [
    ("https://test.invalid/2019-12", "2019-12-12", "Shelling hits village west of Aleppo",
     "ALEPPO, Dec 12 - Syrian government forces shelled the village of Kafr Naha west of Aleppo on Wednesday, "
     "killing two civilians, local activists said."),
    ("https://test.invalid/2020-02", "2020-02-18", "Clashes near al-Bab",
     "AL-BAB, Feb 18 - Fighters of the Syrian Democratic Forces clashed with Turkish-backed rebels near the town "
     "of al-Bab in rural Aleppo on Monday, a war monitor said. One fighter was killed."),
    ("https://test.invalid/2020-06-a", "2020-06-16", "ISIS gunmen attack checkpoint near Azaz",
     "AZAZ, June 16 - ISIS gunmen attacked a checkpoint near the town of Azaz in rural Aleppo on Monday, "
     "killing two fighters, local sources said."),
    ("https://test.invalid/2020-06-b", "2020-06-23", "Bomb claimed by ISIS kills soldier in al-Bab",
     "AL-BAB, June 23 - A roadside bomb claimed by the Islamic State killed a soldier in the town of al-Bab "
     "in the Aleppo countryside on Tuesday, activists said."),
]


@pytest.mark.slow
def test_ask_after_ingesting_hand_written_articles(options, tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps({"url": u, "published": d, "title": t, "text": x, "source": "Test Wire"})
                              for u, d, t, x in ARTICLES), encoding="utf-8")
    with Conflictlens(options.replace(extract=True)) as cl:
        results = cl.ingest([str(path)])
        assert all(r.status == "added" for r in results)
        a = ask(cl.store, "Has ISIS returned to rural Aleppo?", cl.actors, cl.geocoder)
    data = answer_to_json(a)
    assert data["understood"]["actor"]["name"] == "Islamic State"
    assert data["understood"]["place"]["level"] == "admin1"
    assert data["answer"] in {"yes", "uncertain"}
    assert data["recent_count"] >= 1 and data["baseline_count"] == 0
    assert data["test"]["p_increase"] < 0.5
    quotes = " ".join(q for inc in data["incidents"] for q in inc["evidence"])
    assert "ISIS gunmen attacked a checkpoint" in quotes or "claimed by the Islamic State" in quotes
    assert all(inc["event_date"] >= "2020-05-25" for inc in data["incidents"])
