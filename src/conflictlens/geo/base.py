"""The geocoder protocol: the one interface between event extraction and geocoding.

Extraction hands over a ``PlaceMention`` (the name as written, its qualifier such as
"near" or "rural", and a containing place if the article gives one) together with a
``GeoContext`` (what the article says about where it is); the geocoder returns a
resolved ``Place`` with ACLED geo precision, or ``None`` when it cannot place it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from ..models import PlaceMention, Place


@dataclass(frozen=True)
class GeoContext:
    """What the article tells about its geography, used to disambiguate."""

    countries: tuple[str, ...] = ()  # ISO2 codes or names of countries named in the article, most frequent first
    admin1: tuple[str, ...] = ()  # governorates / first-level regions named
    places: tuple[str, ...] = ()  # other place names in the article
    text: str = ""  # the whole article text (optional)
    anchors: tuple[tuple[float, float], ...] = ()  # (lat, lon) of places already placed in the article
    guessed_admin1: tuple[str, ...] = ()  # regions of towns placed without context: weaker than ``admin1``


class Geocoder(Protocol):
    def resolve(self, mention: PlaceMention, context: GeoContext) -> Place | None:
        """Resolve one mention; ``None`` when the place is unknown."""

    def resolve_many(self, mentions: Sequence[PlaceMention], context: GeoContext) -> list[Place | None]:
        """Resolve several mentions of one article (lets a geocoder use them as context for each other)."""

    def lookup(self, mention: PlaceMention, context: GeoContext) -> Place:
        """Like ``resolve`` but always a ``Place``: an unknown one has no coordinates and says why."""
