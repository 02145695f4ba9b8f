"""Where the text puts a place, on the packaged gazetteer (issue 11): containers that are another
country's region, peoples that are no country, a place that is not its own region, an unknown
village coded to the town the text places it by."""
from __future__ import annotations

from datetime import date

import pytest

from conflictlens.extract import Extractor
from conflictlens.geo.geomath import km
from conflictlens.models import Article
from conflictlens.options import Options
from conflictlens.textnorm import content_hash

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Options())


def _place(extractor, text: str):
    article = Article(text=text, content_hash=content_hash(text), url="http://example.org/" + content_hash(text)[:10],
                      title=None, published=date(2020, 5, 10), outlet=None)
    events = extractor.extract_many([article])[0]
    assert events, text
    return events[0].place


def test_a_container_that_is_a_country_and_another_countrys_state(extractor):
    place = _place(extractor, "On 6 May 2020, bandits raided Kagara (Rafi LGA, Niger) at night and shot a trader dead.")
    assert place.country == "Nigeria" and place.latitude is not None and km(place.latitude, place.longitude, 10.19, 6.25) < 10


def test_people_named_in_the_text_do_not_move_the_place_abroad(extractor):
    place = _place(extractor, "On 6 May 2020, a drone struck a depot in Tagiura (Tripoli) where Syrian fighters "
                              "were housed, killing three.")
    assert place.country == "Libya" and place.latitude is not None
    place = _place(extractor, "On 8 May 2020, vandals smashed the windows of an Armenian school in Bakirkoy town, "
                              "Istanbul, overnight.")
    assert place.name == "Bakirkoy" and place.country == "Turkey" and place.precision == 2


def test_but_a_people_still_keeps_a_far_namesake_out(extractor):
    place = _place(extractor, "On 1 May 2020, Afghan air force jets bombed Taliban positions around the villages "
                              "of Kalzar and Bolagh in Dara i Sufi Bala district, Samangan, killing nine.")
    assert place.latitude is None or place.country == "Afghanistan"


def test_a_city_is_not_its_own_region(extractor):
    place = _place(extractor, "On 3 May 2020, 200 students protested in Jerusalem city against the exam rules.")
    assert place.latitude is not None and km(place.latitude, place.longitude, 31.77, 35.22) < 10


def test_an_unknown_village_near_a_town_is_coded_to_the_town_and_keeps_its_name(extractor):
    place = _place(extractor, "On 3 May 2020, an air strike hit the village of Tell Qarnoun, near Tal Abyad, killing "
                              "four civilians.")
    assert place.name == "Tell Qarnoun" and place.precision == 2
    assert km(place.latitude, place.longitude, 36.70, 38.95) < 10  # Tal Abyad's point
    place = _place(extractor, "On 3 May 2020, shells hit Kafr Qarnoun village, 5 km from Azaz, wounding a child.")
    assert place.name == "Kafr Qarnoun" and place.precision == 2
    assert km(place.latitude, place.longitude, 36.59, 37.05) < 10


def test_a_village_and_its_anchor_both_unknown_take_the_anchors_name(extractor):
    """ACLED names an unplaced event after the place the text places it by ("near Y")."""
    place = _place(extractor, "On 3 May 2020, soldiers clashed with militiamen in the village of Zqorvandi, near "
                              "Xhultumbeq, killing two of them.")
    assert place.latitude is None and place.name == "Xhultumbeq" and place.precision == 2
    place = _place(extractor, "On 3 May 2020, soldiers clashed with militiamen in the village of Zqorvandi, killing "
                              "two of them.")
    assert place.name == "Zqorvandi"
