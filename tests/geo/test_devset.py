"""Checks against ../shared/eval (skipped when it is absent) on the packaged gazetteer."""
import json
from pathlib import Path

import pytest

from conflictlens.geo import GeoContext, geoparse, open_geocoder
from conflictlens.geo.geomath import km
from conflictlens.models import PlaceMention
from conflictlens.options import Options

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
pytestmark = [pytest.mark.devset, pytest.mark.slow,
              pytest.mark.skipif(not (SHARED / "gold.jsonl").exists(), reason="../shared/eval/dev not found")]


@pytest.fixture(scope="module")
def packaged():
    return open_geocoder(Options())  # the per-user gazetteer (scripts/setup.sh builds it)


def _seed():
    article = json.loads((SHARED / "articles.jsonl").open(encoding="utf-8").readline())
    gold = [json.loads(line) for line in (SHARED / "gold.jsonl").open(encoding="utf-8")]
    return article, [g for g in gold if g.get("article_url") == article["url"] and g.get("latitude") is not None]


def test_seed_article_places_resolve_within_10_km(packaged):
    article, gold = _seed()
    found = {}
    for m, p in geoparse(article["text"], packaged):
        if p is not None:
            found.setdefault(m.text, p)
    for g in gold:
        place = found.get(g["location"])
        assert place is not None, g["location"]
        assert km(place.latitude, place.longitude, g["latitude"], g["longitude"]) <= 10, g["location"]
        assert place.admin1 == "Aleppo" and place.country == "Syria"


def test_dev_gold_locations_resolve_near_the_gold_place(packaged):
    rows = [json.loads(line) for line in (SHARED / "gold.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r.get("location") and r.get("latitude") is not None]
    near = 0
    for r in rows:
        p = packaged.resolve(PlaceMention(r["location"]), GeoContext(countries=(r["country"],)))
        near += p is not None and km(p.latitude, p.longitude, r["latitude"], r["longitude"]) <= 10
    assert near / len(rows) >= 0.8
