"""Geocoding and geoparsing: gazetteer, transliteration-aware matching, disambiguation.

``open_geocoder(options)`` builds the gazetteer on first use and returns a ``Geocoder``;
``geoparse(text, geocoder, nlp=None)`` finds and resolves every place mention in a text.
"""
from __future__ import annotations

from ..options import Options
from .base import GeoContext, Geocoder
from .gazetteer import Gazetteer, ensure_gazetteer, gazetteer_path
from .resolver import GazetteerGeocoder

__all__ = ["Geocoder", "GeoContext", "GazetteerGeocoder", "open_geocoder", "geoparse", "gazetteer_path"]


def open_geocoder(options: Options | None = None, *, progress=None) -> GazetteerGeocoder:
    """Open (building on first use) the gazetteer named by the options and return its geocoder.

    User place files in ``options.gazetteer_files`` are imported once (re-imported when changed).
    """
    path = ensure_gazetteer(gazetteer_path(options), progress=progress)
    gazetteer = Gazetteer(path)
    if options is not None and options.gazetteer_files:
        from .importers import import_user_files

        import_user_files(gazetteer, options.gazetteer_files)
    return GazetteerGeocoder(gazetteer)


def geoparse(text: str, geocoder, *, nlp=None, doc=None, demonyms: bool = True):
    """Every place mention in ``text`` with its resolution: ``[(Mention, Place | None)]``.

    Recognition works without spaCy (gazetteer matcher and patterns); pass ``nlp`` (a spaCy
    pipeline) or an already parsed ``doc`` to add its named entities.  Labels: ``GAZ``
    (gazetteer matcher), ``PATTERN`` ("the village of X"), spaCy's ``GPE``/``LOC``/``FAC``,
    ``DEMONYM`` ("Syrian"; ``demonyms=False`` leaves them out) and ``EMBEDDED`` (a big place
    inside a longer name: "The New York Times"; not where an event happened).
    """
    from .recognize import geoparse as _geoparse

    return _geoparse(text, geocoder, nlp=nlp, doc=doc, demonyms=demonyms)
