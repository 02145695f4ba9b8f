from conflictlens.geo import GeoContext
from conflictlens.models import PlaceMention

SYRIA = GeoContext(countries=("Syria",))


def test_transliteration_variants_resolve_to_one_place(geocoder):
    places = [geocoder.resolve(PlaceMention(n), SYRIA) for n in ("Azaz", "A'zaz", "I'zaz", "Izaz", "أعزاز")]
    assert all(p is not None for p in places)
    assert len({(p.latitude, p.longitude) for p in places}) == 1
    assert places[0].country == "Syria" and places[0].admin1 == "Aleppo" and places[0].precision == 1


def test_article_prefix_variants(geocoder):
    for name in ("al-Bab", "Al Bab", "El Bab", "الباب"):
        p = geocoder.resolve(PlaceMention(name), SYRIA)
        assert p is not None and p.matched_name == "al-Bab", name
        assert p.name == name


def test_governorate_naming_follows_acled_style(geocoder):
    p = geocoder.resolve(PlaceMention("Dayr az Zawr"), SYRIA)
    assert p.admin1 == "Deir ez-Zor"
    assert geocoder.resolve(PlaceMention("Homs"), SYRIA).admin1 == "Homs"


def test_ambiguous_name_follows_the_article_country(geocoder):
    libya = geocoder.resolve(PlaceMention("Tripoli"), GeoContext(countries=("Libya",)))
    lebanon = geocoder.resolve(PlaceMention("Tripoli"), GeoContext(countries=("LB",)))
    assert libya.country == "Libya" and lebanon.country == "Lebanon"
    assert lebanon.candidates and lebanon.candidates[0].country == "LY"  # the candidate it beat


def test_ambiguous_name_without_context_prefers_the_larger_place(geocoder):
    assert geocoder.resolve(PlaceMention("Paris"), GeoContext()).country == "France"
    assert geocoder.resolve(PlaceMention("Paris"), GeoContext(countries=("United States",))).country == "United States"


def test_nearby_places_disambiguate(geocoder):
    near_texas = GeoContext(anchors=((32.78, -96.8),))
    assert geocoder.resolve(PlaceMention("Paris"), near_texas).country in ("United States", "France")
    london_ca = geocoder.resolve(PlaceMention("London"), GeoContext(countries=("Canada",)))
    assert london_ca.country == "Canada"


def test_vague_qualifiers_give_precision_two(geocoder):
    for text, qual in (("Azaz", "near"), ("Azaz", "outskirts"), ("east of Azaz", ""), ("rural Azaz", ""),
                       ("Azaz countryside", ""), ("the outskirts of Azaz", "")):
        p = geocoder.resolve(PlaceMention(text, qualifier=qual), SYRIA)
        assert p.precision == 2 and p.matched_name == "Azaz", text


def test_region_alone_gives_its_centre_at_precision_three(geocoder):
    p = geocoder.resolve(PlaceMention("Idlib province"), SYRIA)
    assert p.precision == 3 and p.admin1 == "Idlib"
    east = geocoder.resolve(PlaceMention("rural eastern Aleppo"), SYRIA)
    assert east.precision == 3 and east.matched_name == "al-Bab"


def test_village_missing_from_gazetteer_takes_its_container(geocoder):
    p = geocoder.resolve(PlaceMention("Kafr Ghan", container="rural Azaz"), SYRIA)
    assert p.name == "Kafr Ghan" and p.matched_name == "Azaz" and p.precision == 2
    q = geocoder.resolve(PlaceMention("al-Numan", qualifier="near", container="rural eastern Aleppo"), SYRIA)
    assert q.name == "al-Numan" and q.precision in (2, 3)
    assert abs(q.latitude - 36.37) < 0.1 and abs(q.longitude - 37.52) < 0.1  # not the far-away namesake


def test_known_village_inside_its_container_keeps_its_own_coordinates(geocoder):
    p = geocoder.resolve(PlaceMention("Homs", container="rural Homs"), SYRIA)
    assert p.matched_name == "Homs" and p.precision == 1


def test_unknown_place_is_none_with_a_reason(geocoder):
    assert geocoder.resolve(PlaceMention("Qqqxzyville"), SYRIA) is None
    looked = geocoder.lookup(PlaceMention("Qqqxzyville"), SYRIA)
    assert looked.latitude is None and looked.precision is None and "not in the gazetteer" in looked.reason
    assert geocoder.resolve(PlaceMention(""), SYRIA) is None
    assert geocoder.resolve(PlaceMention("!!!"), GeoContext()) is None


def test_fuzzy_fallback_only_within_the_article_country(geocoder):
    p = geocoder.resolve(PlaceMention("Aleplo"), SYRIA)
    assert p is not None and p.matched_name == "Aleppo" and "fuzzy" in p.reason
    assert geocoder.resolve(PlaceMention("Aleplo"), GeoContext()) is None


def test_countries_demonyms_and_continents(geocoder):
    assert geocoder.resolve(PlaceMention("Syria"), GeoContext()).precision == 3
    assert geocoder.resolve(PlaceMention("U.S."), GeoContext()).country == "United States"
    assert geocoder.is_demonym("Syrian") and not geocoder.is_demonym("Syria")
    assert geocoder.resolve(PlaceMention("Europe"), GeoContext()).matched_name == "Europe"


def test_resolve_many_keeps_order(geocoder):
    out = geocoder.resolve_many([PlaceMention("Homs"), PlaceMention("Nowhere Qqq"), PlaceMention("Azaz")], SYRIA)
    assert [p.matched_name if p else None for p in out] == ["Homs", None, "Azaz"]


def test_container_words_are_read_from_the_sentence(geocoder):
    sentence = "Three fighters died near the village of al-Numan in rural eastern Aleppo on Saturday."
    p = geocoder.resolve(PlaceMention("al-Numan", qualifier="near", container="Aleppo", sentence=sentence), SYRIA)
    assert p.matched_name == "al-Bab" and p.name == "al-Numan"


def test_unknown_place_in_a_known_country_takes_the_country(geocoder):
    p = geocoder.resolve(PlaceMention("Qqqville", container="Syria"), GeoContext())
    assert p.name == "Qqqville" and p.country == "Syria" and p.precision == 3


def test_known_town_in_a_country_container_keeps_its_own_point(geocoder):
    p = geocoder.resolve(PlaceMention("Tripoli", container="Lebanon"), GeoContext())
    assert p.country == "Lebanon" and p.precision == 1


def test_a_country_name_beats_a_same_named_city(geocoder):
    p = geocoder.resolve(PlaceMention("Syria"), SYRIA)
    assert p.precision == 3 and p.matched_name == "Syria"
