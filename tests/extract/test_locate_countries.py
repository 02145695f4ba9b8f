"""Which country a note's place is in: every country the text names counts (a note about Israeli
forces in a Palestinian town), plural peoples name their country, and a transliteration variant
is trusted in a named country or beside the container the text gives."""
from __future__ import annotations

from conflictlens.extract.context import article_regions, iso2
from conflictlens.extract.locate import _trusted
from conflictlens.models import Candidate, Place


def test_geonames_country_names_have_their_codes():
    assert iso2("Palestinian Territory") == "PS"


def test_a_plural_people_names_its_country():
    regions = article_regions("Clashes erupted between Palestinians and Israeli forces at a camp near the town.")
    assert set(regions.countries) >= {"PS", "IL"}


def _loose(reason: str, country: str) -> Place:
    rival = Candidate(1, "Other", 0.0, 0.0, "XX", None, 1.0, "P", 10)
    return Place("Qalqiliyah", 32.19, 34.97, country=country, precision=1, reason=reason, candidates=(rival,))


def test_a_key_match_in_any_country_the_text_names_keeps_its_point():
    place = _trusted(_loose("key match of 'Qalqilyah'", "Palestinian Territory"), "IL", ("IL", "PS"))
    assert place.latitude is not None


def test_a_key_match_in_a_country_the_text_never_names_loses_its_point():
    """Negative: a loose spelling match abroad is not trusted with coordinates."""
    place = _trusted(_loose("key match of 'Qalqilyah'", "Palestinian Territory"), "IL", ("IL",))
    assert place.latitude is None and place.name == "Qalqiliyah"


def test_a_skeleton_match_beside_the_named_container_keeps_its_point():
    place = _trusted(_loose("skeleton match of 'Naushahro Firoz' within 60 km of Noshehro Feroze", "Pakistan"), "PK")
    assert place.latitude is not None
    place = _trusted(_loose("skeleton match of 'Naushahro Firoz'", "Pakistan"), "PK")
    assert place.latitude is None  # no container confirms it
