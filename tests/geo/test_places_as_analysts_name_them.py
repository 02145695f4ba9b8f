"""Issue 11's classes on the packaged gazetteer (scripts/setup.sh builds it): lists and containers,
admin levels, world regions and landmarks, datelines, the text's own regions, transliterations.
Sentences are our own; the places are real, so the packaged gazetteer must place them."""
from __future__ import annotations

import pytest

from conflictlens.geo import GeoContext, geoparse, open_geocoder
from conflictlens.geo.geomath import km
from conflictlens.models import PlaceMention
from conflictlens.options import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def packaged():
    return open_geocoder(Options())


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(Options().spacy_model, disable=["lemmatizer"])


def _places(text: str, geocoder, nlp) -> dict[str, object]:
    out: dict[str, object] = {}
    for mention, place in geoparse(text, geocoder, nlp=nlp):
        out.setdefault(mention.text, place)
    return out


def _near(place, lat: float, lon: float, limit: float) -> bool:
    return place is not None and place.latitude is not None and km(place.latitude, place.longitude, lat, lon) <= limit


def test_a_list_of_countries_is_not_a_chain_of_containers(packaged, nlp):
    found = _places("Most of the people in the camp came from Syria, Iraq and Afghanistan.", packaged, nlp)
    assert found["Syria"].country == "Syria" and found["Iraq"].country == "Iraq"
    assert found["Afghanistan"].country == "Afghanistan"


def test_a_list_of_states_is_each_state(packaged, nlp):
    found = _places("The river's water is shared among Tamil Nadu, Karnataka and Kerala.", packaged, nlp)
    assert {found[n].admin1 for n in ("Tamil Nadu", "Karnataka", "Kerala")} == {"Tamil Nadu", "Karnataka", "Kerala"}
    assert all(found[n].precision == 3 for n in ("Tamil Nadu", "Karnataka", "Kerala"))


def test_a_town_and_its_state_after_a_comma(packaged, nlp):
    found = _places("A baker from Tacoma, Washington showed her cakes, and a band from Paris, Texas played.",
                    packaged, nlp)
    assert _near(found["Tacoma"], 47.25, -122.44, 10)
    assert found["Washington"].precision == 3 and found["Washington"].latitude > 45  # the state, not the capital
    assert _near(found["Paris"], 33.66, -95.56, 10)  # Paris in Texas


def test_a_state_named_with_its_country_is_the_state(packaged, nlp):
    found = _places("A convoy stopped for the night in Matias Romero, Oaxaca State, Mexico, before moving on.", packaged, nlp)
    oaxaca = found["Oaxaca State"]
    assert oaxaca.country == "Mexico" and oaxaca.precision == 3 and oaxaca.admin1 == "Oaxaca"


def test_regions_with_a_plural_region_word_are_first_level_regions(packaged, nlp):
    found = _places("Heavy fighting was reported in Idlib and Hama governorates on Monday.", packaged, nlp)
    assert found["Idlib"].precision == 3 and found["Hama"].precision == 3


def test_a_district_is_coded_at_district_precision(packaged, nlp):
    found = _places("Clashes broke out in Afrin district of northern Syria.", packaged, nlp)
    assert found["Afrin"].precision == 2 and found["Afrin"].country == "Syria"


def test_a_world_region_beats_a_small_town_of_its_name(packaged, nlp):
    found = _places("Officials in Maryland and Virginia spoke of stability in the Middle East.", packaged, nlp)
    assert found["Middle East"].country is None and found["Middle East"].precision == 3
    assert found["Maryland"].precision == 3  # the state, not a town whose other name it is


def test_a_landmark_is_its_city(packaged, nlp):
    found = _places("Reporters from New York waited outside the White House as the president spoke.", packaged, nlp)
    assert _near(found["White House"], 38.90, -77.04, 5)
    kremlin = packaged.lookup(PlaceMention(text="Kremlin"), GeoContext(countries=("Russia",)))
    assert _near(kremlin, 55.75, 37.62, 5)


def test_a_dateline_is_read_alone(packaged, nlp):
    text = "WASHINGTON (AP) - The senator from West Virginia visited Charleston on Friday."
    found = _places(text, packaged, nlp)
    assert _near(found["WASHINGTON"], 38.90, -77.04, 10)
    assert _near(found["Charleston"], 38.35, -81.63, 10)  # the region the text names decides the namesake


def test_a_big_city_inside_a_name_is_the_big_city(packaged, nlp):
    text = "Miners in West Virginia told The Washington Post that the mine in Wheeling would close."
    washington = [p for m, p in geoparse(text, packaged, nlp=nlp) if m.text == "Washington"]
    assert not washington or _near(washington[0], 38.90, -77.04, 10)


@pytest.mark.parametrize("written, other", [
    ("Maarat al-Numan", "Ma'arrat an Nu'man"), ("Deir Hafer", "Dayr Hafir"), ("Jarablus", "Jarabulus"),
    ("Tal Rifaat", "Tall Rif'at"), ("Saraqeb", "Saraqib"), ("Tal Abyad", "Tell Abiad"),
    ("Khan Sheikhoun", "Khan Shaykhun"), ("Deir ez-Zor", "Dayr az Zawr"), ("al-Safira", "As Safirah"),
])
def test_transliterations_of_one_arabic_name_are_one_place(packaged, written, other):
    syria = GeoContext(countries=("Syria",))
    a, b = (packaged.lookup(PlaceMention(text=n), syria) for n in (written, other))
    assert a.latitude is not None and (a.latitude, a.longitude) == (b.latitude, b.longitude)
    assert a.country == "Syria"
