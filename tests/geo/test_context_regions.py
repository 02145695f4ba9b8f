"""The article's regions and countries steer resolution: first-level regions from pycountry,
the region named before an exact namesake elsewhere, spelling variants within the country,
containers abroad ignored, "City-District" names, and the feature class in the reason."""
from conflictlens.geo import GeoContext
from conflictlens.models import PlaceMention

UKRAINE_EAST = GeoContext(countries=("Ukraine",), admin1=("Donetsk",))


def test_subdivisions_named_unlike_their_capital_are_regions(geocoder):
    for text in ("Nuevo Leon", "Nuevo León", "Nuevo León State", "nuevo-leon"):
        p = geocoder.resolve(PlaceMention(text), GeoContext(countries=("Mexico",)))
        assert p is not None and p.precision == 3, text
        assert p.admin1 == "Nuevo Leon" and (round(p.latitude, 1), round(p.longitude, 1)) == (25.7, -100.3), text


def test_adjectival_oblast_names_take_the_capital(geocoder):
    p = geocoder.resolve(PlaceMention("Donetsk Oblast"), GeoContext(countries=("Ukraine",)))
    assert p is not None and p.precision == 3 and p.admin1 == "Donetsk"


def test_towns_get_the_region_of_their_admin1_code(geocoder):
    p = geocoder.resolve(PlaceMention("Monterrey"), GeoContext(countries=("Mexico",)))
    assert p.admin1 == "Nuevo Leon" and p.precision == 1


def test_the_articles_region_beats_a_larger_namesake_elsewhere(geocoder):
    p = geocoder.resolve(PlaceMention("Novoselka"), UKRAINE_EAST)
    assert p.admin1 == "Donetsk" and p.latitude == 48.20
    assert p.candidates and p.candidates[0].admin1 == "Lviv"  # the namesake it beat
    west = geocoder.resolve(PlaceMention("Novoselka"), GeoContext(countries=("Ukraine",), admin1=("Lviv",)))
    assert west.admin1 == "Lviv"


def test_without_a_region_the_larger_namesake_wins(geocoder):
    assert geocoder.resolve(PlaceMention("Novoselka"), GeoContext(countries=("Ukraine",))).admin1 == "Lviv"


def test_spelling_variant_in_the_articles_country_beats_exact_name_abroad(geocoder):
    p = geocoder.resolve(PlaceMention("Qaser Hamdan"), GeoContext(countries=("Syria",)))
    assert p is not None and p.country == "Syria" and p.matched_name == "Qasr Hamdan"
    assert geocoder.resolve(PlaceMention("Qaser Hamdan"), GeoContext(countries=("Egypt",))).country == "Egypt"


def test_loose_variant_outside_the_named_region_is_not_trusted(geocoder):
    ctx = GeoContext(countries=("Syria",), admin1=("Aleppo",))
    assert geocoder.resolve(PlaceMention("Qaser Hamdan"), ctx) is None


def test_container_abroad_does_not_pull_the_place_abroad(geocoder):
    ctx = GeoContext(countries=("Lebanon",))
    assert geocoder.resolve(PlaceMention("Kfar Zibdine", container="Skarvik"), ctx) is None
    home = geocoder.resolve(PlaceMention("Tripoli", container="Skarvik"), ctx)
    assert home is not None and home.country == "Lebanon"
    abroad = geocoder.resolve(PlaceMention("Kfar Zibdine", container="Skarvik"), GeoContext(countries=("Norway",)))
    assert abroad is not None and abroad.country == "Norway" and abroad.precision == 2


def test_container_region_places_the_town(geocoder):
    p = geocoder.resolve(PlaceMention("Monterrey", container="Nuevo Leon"), GeoContext(countries=("Mexico",)))
    assert p.matched_name == "Monterrey" and p.precision == 1


def test_city_district_names_take_the_city(geocoder):
    p = geocoder.resolve(PlaceMention("Aleppo-Sheikh Maqsoud"), GeoContext(countries=("Syria",)))
    assert p is not None and p.name == "Aleppo-Sheikh Maqsoud" and p.matched_name == "Aleppo"
    assert p.precision == 1 and p.country == "Syria"
    assert geocoder.resolve(PlaceMention("Aleppo-Sheikh Maqsoud"), GeoContext(countries=("Lebanon",))) is None


def test_water_bodies_say_what_they_are(geocoder):
    p = geocoder.resolve(PlaceMention("Mediterranean Sea"), GeoContext())
    assert p is not None and "feature=H" in p.reason
    town = geocoder.resolve(PlaceMention("Homs"), GeoContext(countries=("Syria",)))
    assert "feature=" not in town.reason
