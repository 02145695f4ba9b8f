"""A village name several towns of the country share, in a text that names no region for it,
is not guessed: the name is kept without coordinates (a far namesake is worse than none)."""
from conflictlens.extract.context import article_regions
from conflictlens.extract.locate import located
from conflictlens.extract.places import place_candidates
from conflictlens.geo import GeoContext


def _locate(geocoder, text: str, name: str):
    mention = next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == name)
    named = article_regions(text)
    return located(geocoder, mention, text, GeoContext(countries=("UA",), text=text), named, True)


def test_namesakes_far_apart_and_no_region_named_leave_no_point(geocoder):
    place = _locate(geocoder, "On 3 May, monitors heard explosions near Novoselka in Ukraine.", "Novoselka")
    assert place is not None and place.latitude is None and place.country == "Ukraine"
    assert "namesakes" in place.reason


def test_the_region_named_picks_the_namesake(geocoder):
    place = _locate(geocoder, "On 3 May, monitors heard explosions near Novoselka, Donetsk.", "Novoselka")
    assert place is not None and place.latitude == 48.20


def test_a_large_town_is_not_doubted_for_its_small_namesakes(geocoder):
    place = _locate(geocoder, "On 3 May, students protested in Paris.", "Paris")
    assert place is not None and place.latitude is not None and place.country == "France"


def test_the_forces_named_tell_the_region_and_a_namesake_elsewhere_is_not_taken(geocoder):
    place = _locate(geocoder, "On 3 May, the OSCE SMM recorded 12 explosions near Zorianka.", "Zorianka")
    assert place is not None and place.latitude is None and "donetsk" in place.reason
    place = _locate(geocoder, "On 3 May, farmers protested near Zorianka.", "Zorianka")
    assert place is not None and place.latitude == 49.50


def test_a_city_stays_where_it_is_whatever_forces_the_text_names(geocoder):
    place = _locate(geocoder, "On 3 May, veterans of the JFO protested in Lviv.", "Lviv")
    assert place is not None and place.admin1 == "Lviv" and place.latitude is not None


def test_a_text_naming_no_country_does_not_pick_between_large_namesakes_abroad(geocoder):
    text = "On 3 May, protesters blocked the main roads in Tripoli."
    mention = next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == "Tripoli")
    place = located(geocoder, mention, text, GeoContext(text=text), article_regions(text), True)
    assert place is not None and place.latitude is None and "no country" in place.reason
    lebanon = located(geocoder, mention, text, GeoContext(countries=("LB",), text=text), article_regions(text), True)
    assert lebanon is not None and lebanon.country == "Lebanon" and lebanon.latitude is not None


def test_an_exact_namesake_beside_the_town_the_text_names_beats_a_larger_one(geocoder):
    from conflictlens.extract.locate import geocode
    from conflictlens.models import PlaceMention

    place = geocode(geocoder, PlaceMention("Novoselka", container="Donetsk"), GeoContext(countries=("UA",)), "UA")
    assert place is not None and place.latitude == 48.20
    assert geocode(geocoder, PlaceMention("Novoselka"), GeoContext(countries=("UA",)), "UA").latitude == 49.70


def test_a_city_beats_a_region_name_many_countries_have(geocoder):
    text = "On 3 May, fishermen demonstrated in London (Western) against new rules."
    mention = next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == "London")
    place = located(geocoder, mention, text, GeoContext(text=text), article_regions(text), True)
    assert place is not None and place.country == "United Kingdom" and place.latitude is not None


def test_population_of_a_name_counts_main_names_only_when_asked(geocoder):
    assert geocoder.population("Halab") == 1600000  # Aleppo's other name
    assert geocoder.population("Halab", main_only=True) == 0
    assert geocoder.population("Aleppo", main_only=True) == 1600000
