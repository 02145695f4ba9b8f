"""Geocoding and geoparsing: gazetteer, transliteration-aware matching, disambiguation."""
from .base import Geocoder, GeoContext

__all__ = ["Geocoder", "GeoContext"]
