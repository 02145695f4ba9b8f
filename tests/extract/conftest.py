"""Fixtures for extraction tests: one shared Extractor (the spaCy model loads once) with an
in-memory fake geocoder, so no gazetteer is built."""
from __future__ import annotations

from datetime import date

import pytest

from conflictlens.models import Article, Place
from conflictlens.textnorm import content_hash

FAKE_PLACES = {
    "kafr sousa": (33.50, 36.27, "Syria", "Damascus"),
    "marib": (15.46, 45.32, "Yemen", "Marib"),
    "maiduguri": (11.85, 13.16, "Nigeria", "Borno"),
    "gao": (16.27, -0.04, "Mali", "Gao"),
    "kharkiv": (49.99, 36.23, "Ukraine", "Kharkiv"),
    "haifa": (32.82, 34.99, "Israel", "Haifa"),
    "tal abyad": (36.70, 38.95, "Syria", "Raqqa"),
    "mosul": (36.34, 43.13, "Iraq", "Nineveh"),
}


class FakeGeocoder:
    """Resolves a handful of invented test places; everything else is unknown."""

    def __init__(self):
        self.asked = []

    def resolve(self, mention, context):
        self.asked.append(mention)
        hit = FAKE_PLACES.get(mention.text.lower())
        if not hit:
            return None
        precision = 2 if mention.qualifier in ("near", "outskirts", "direction", "rural", "countryside") else 1
        return Place(mention.text, hit[0], hit[1], hit[2], hit[3], precision=precision, reason="exact match (fake)")

    def resolve_many(self, mentions, context):
        return [self.resolve(m, context) for m in mentions]


@pytest.fixture(scope="session")
def extractor():
    from conflictlens.extract import Extractor

    return Extractor(None, geocoder=FakeGeocoder())


def _make_article(text: str, published: date | None = date(2021, 3, 10), url: str = "https://example.test/a") -> Article:
    return Article(text=text, content_hash=content_hash(text), url=url, published=published)


@pytest.fixture
def make_article():
    return _make_article


@pytest.fixture
def fake_geocoder():
    return FakeGeocoder()
