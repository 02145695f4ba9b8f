"""Places inside longer names and names that fool the keys (issue 11, GeoWebNews error classes).

Our own sentences on the packaged gazetteer (scripts/setup.sh builds it).  Where a class depends
on what the named-entity tagger says ("Tunis" tagged NORP, "St. Louis Police" tagged GPE), the
entities are given by a small stand-in for a spaCy ``Doc``, so the test pins our handling of the
tag and not the model's mood."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from conflictlens.geo import GeoContext, geoparse, open_geocoder
from conflictlens.geo.geomath import km
from conflictlens.models import PlaceMention
from conflictlens.options import Options

pytestmark = pytest.mark.slow


@dataclass
class _Ent:
    text: str
    label_: str
    start_char: int
    end_char: int


class _Doc:
    """The part of a spaCy ``Doc`` geoparse reads: ``ents`` with text, label and offsets."""

    def __init__(self, text: str, tagged: list[tuple[str, str]]):
        self.ents, pos = [], 0
        for phrase, label in tagged:
            start = text.index(phrase, pos)
            self.ents.append(_Ent(phrase, label, start, start + len(phrase)))
            pos = start + len(phrase)


@pytest.fixture(scope="module")
def packaged():
    return open_geocoder(Options())


def _parse(text: str, geocoder, tagged: list[tuple[str, str]] | None = None):
    doc = _Doc(text, tagged) if tagged is not None else None
    return [(m.text, m.label, p) for m, p in geoparse(text, geocoder, doc=doc)]


def _near(place, lat: float, lon: float, limit: float = 50) -> bool:
    return place is not None and place.latitude is not None and km(place.latitude, place.longitude, lat, lon) <= limit


def test_a_city_the_tagger_calls_a_nationality_is_still_a_place(packaged):
    text = "The minister flew to Tunis on Monday. Tunisian officials met him at the airport."
    found = _parse(text, packaged, [("Tunis", "NORP"), ("Tunisian", "NORP")])
    tunis = [p for t, _, p in found if t == "Tunis"]
    assert tunis and _near(tunis[0], 36.82, 10.17)


def test_a_party_or_faith_the_tagger_calls_norp_is_not_made_a_town(packaged):
    text = "Arab ministers and Democrats in Congress argued about Sunni parties in Baghdad."
    found = _parse(text, packaged, [("Arab", "NORP"), ("Democrats", "NORP"), ("Sunni", "NORP"),
                                    ("Baghdad", "GPE")])
    assert {t for t, _, _ in found} <= {"Baghdad", "Arab"}
    assert all(p is None or p.precision == 3 for t, _, p in found if t == "Arab")  # never the small town


def test_a_small_town_inside_an_institutions_name_is_placed_in_the_articles_country(packaged):
    text = ("A man was arrested in Louisiana on Friday after a break-in at a pharmacy. "
            "Slidell Police said the suspect was held in the parish jail.")
    found = _parse(text, packaged)
    slidell = [(label, p) for t, label, p in found if t == "Slidell"]
    assert slidell and slidell[0][0] == "EMBEDDED" and _near(slidell[0][1], 30.28, -89.78)


def test_a_small_place_inside_a_name_abroad_is_still_dropped(packaged):
    text = "Prices rose in Kenya last week. Royal Street traders in Nairobi closed early."
    assert "Royal" not in {t for t, _, _ in _parse(text, packaged)}


def test_the_place_inside_an_entity_the_gazetteer_cannot_place(packaged):
    text = "Two men broke into a bakery in Missouri overnight, St. Louis Police reported on Sunday."
    found = _parse(text, packaged, [("Missouri", "GPE"), ("St. Louis Police", "GPE")])
    inner = [(t, p) for t, _, p in found if t.startswith("St. Louis")]
    assert inner and inner[0][0] == "St. Louis" and _near(inner[0][1], 38.63, -90.20)


def test_a_street_or_an_embassy_is_not_at_the_place_its_name_holds(packaged):
    text = "Diplomats left the Russian Embassy and walked down Frenchmen Street in New Orleans."
    found = _parse(text, packaged, [("the Russian Embassy", "FAC"), ("Frenchmen Street", "FAC"),
                                    ("New Orleans", "GPE")])
    placed = {t: p for t, _, p in found if p is not None}
    assert "Russian Embassy" not in placed and "Russian" not in placed
    assert _near(placed["Frenchmen Street"], 29.95, -90.07)  # in New Orleans, as the text says; not France


def test_a_curly_possessive_does_not_hide_the_place(packaged):
    text = "Residents said Alberta’s new rules would help the town."
    found = _parse(text, packaged, [("Alberta’s", "GPE")])
    assert [(t, p.country) for t, _, p in found if p is not None] == [("Alberta", "Canada")]


def test_a_big_city_is_what_its_bare_name_means_before_a_state(packaged):
    for name, lat, lon in (("New York", 40.71, -74.01), ("Washington", 38.90, -77.04)):
        place = packaged.resolve(PlaceMention(text=name), GeoContext())
        assert place.precision == 1 and _near(place, lat, lon), name
    state = packaged.resolve(PlaceMention(text="Washington State"), GeoContext())
    assert state.precision == 3 and "Washington" in state.admin1


def test_a_named_region_does_not_pull_a_famous_city_to_a_village_of_its_name(packaged):
    context = GeoContext(countries=("United States",), admin1=("Ohio", "Mississippi"))
    place = packaged.resolve(PlaceMention(text="Louisville"), context)
    assert _near(place, 38.25, -85.76)  # Kentucky's, not the Ohio village
    context = GeoContext(countries=("United States",), admin1=("West Virginia",))
    assert packaged.resolve(PlaceMention(text="Charleston"), context).admin1 == "West Virginia"


def test_an_old_name_of_a_big_city_does_not_decide_the_articles_country(packaged):
    text = "A spring fair opened in the city of Salisbury, and Britain's tourism board praised it."
    found = {t: p for t, _, p in _parse(text, packaged)}
    assert found["Salisbury"] is not None and found["Salisbury"].country == "United Kingdom"


def test_latin_names_do_not_meet_arabic_script_aliases_of_places_elsewhere(packaged):
    for name in ("Air", "Orinoco"):
        place = packaged.resolve(PlaceMention(text=name), GeoContext())
        assert place is None or place.country not in ("Armenia", "United States"), (name, place)
    # the transliteration keys still join Arabic-script countries' spellings
    for variant in ("A'zaz", "I'zaz", "Ma'arrat an Nu'man"):
        place = packaged.resolve(PlaceMention(text=variant), GeoContext(countries=("Syria",)))
        assert place is not None and place.country == "Syria", variant


def test_a_country_or_sea_is_not_placed_inside_the_place_after_it(packaged):
    text = "The embassy of Poland in Kenya issued visas; talks were held in the Gulf, Bahrain hosting them."
    found = {t: p for t, _, p in _parse(text, packaged)}
    assert found["Poland"].country == "Poland" and found["Poland"].precision == 3
    assert found["Gulf"] is not None and found["Gulf"].country is None  # the sea, not Qatar's point


def test_a_comma_chain_that_is_a_list_holds_no_container(packaged):
    text = "Rescue crews trained on Saipan, Guam, Oregon and Texas in the spring."
    tags = [(name, "GPE") for name in ("Saipan", "Guam", "Oregon", "Texas")]
    found = {t: p for t, _, p in _parse(text, packaged, tags)}
    assert found["Saipan"] is not None and found["Saipan"].country == "Northern Mariana Islands"  # not Guam's point


def test_a_region_named_by_a_direction_needs_its_country_in_the_text(packaged):
    for context in (GeoContext(), GeoContext(countries=("United States",))):
        place = packaged.resolve(PlaceMention(text="Northwest"), context)
        assert place is None or place.country != "Cameroon"
    west = packaged.resolve(PlaceMention(text="North West"), GeoContext(countries=("Cameroon",)))
    assert west is not None and west.country == "Cameroon"


def test_a_capitalised_name_does_not_meet_a_lower_case_romanisation(packaged):
    for name in ("Pike", "Maui"):
        place = packaged.resolve(PlaceMention(text=name), GeoContext())
        assert place is None or not (place.matched_name or "").islower(), (name, place)


def test_korea_alone_and_broadway(packaged):
    assert packaged.resolve(PlaceMention(text="Korea"), GeoContext()).country == "South Korea"
    assert _near(packaged.resolve(PlaceMention(text="Broadway"), GeoContext(countries=("United States",))),
                 40.76, -73.99, 10)


def test_datelines_in_the_forms_wires_use(packaged):
    for text, lat, lon in (("AMMAN (AP) \ufffd Officials said Syria closed a border crossing overnight.", 31.95, 35.93),
                           ("Notes from the event. FRESNO, Calif. -- The growers said the harvest was late.", 36.75, -119.77)):
        found = [(t, p) for t, _, p in _parse(text, packaged)]
        assert found and _near(found[0][1], lat, lon), (text, found)


def test_an_exact_big_city_is_not_respelled_as_a_region_of_the_articles_country(packaged):
    place = packaged.resolve(PlaceMention(text="Beirut"), GeoContext(countries=("Syria", "Turkey")))
    assert place.country == "Lebanon"


def test_a_capitalised_function_word_opening_a_sentence_is_not_part_of_the_name(packaged):
    text = "Ferries sailed from Greece at dawn. With Samos’s harbour full, the last boat waited offshore."
    assert "Samos" in {t for t, _, p in _parse(text, packaged) if p is not None}


def test_an_alternate_name_of_a_big_city_inside_a_name_is_not_that_city(packaged):
    text = "The Air Force said the flights over Hungary would resume on Monday."
    assert "Air" not in {t for t, _, p in _parse(text, packaged) if p is not None}  # not Gyor, nor a hamlet


def test_a_loose_spelling_with_no_country_in_the_text_is_not_placed_abroad(packaged):
    place = packaged.resolve(PlaceMention(text="Daviess"), GeoContext())
    assert place is None or "Daviess" in (place.matched_name or "")
