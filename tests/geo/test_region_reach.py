"""How well a first-level region's centre stands for an unknown place in it: the share of the
region's towns within 50 km of the point."""
import json

import pytest

from conflictlens.geo.gazetteer import Gazetteer, build_packaged
from conflictlens.geo.resolver import GazetteerGeocoder
from conflictlens.models import Place

# invented villages around an oblast capital (UA admin1 code 05 is named after its capital)
TOWNS = [
    (910001, "Donetsk", 48.023, 37.802, 900000),
    (910002, "Kalynka", 48.10, 37.90, 900),  # ~11 km
    (910003, "Zorivka", 47.90, 37.70, 700),  # ~16 km
    (910004, "Dalnie", 48.90, 37.50, 600),  # ~100 km
    (910005, "Pivnichne", 49.00, 38.10, 500),  # ~110 km
    (910006, "Krainie", 47.20, 37.40, 400),  # ~95 km
]


@pytest.fixture(scope="module")
def reach_geocoder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reach")
    cities = {str(g): {"geonameid": g, "name": n, "latitude": la, "longitude": lo, "countrycode": "UA",
                       "admin1code": "05", "population": pop, "alternatenames": []} for g, n, la, lo, pop in TOWNS}
    (folder / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    build_packaged(folder / "g.sqlite", cities_file=str(folder / "cities.json"))
    gazetteer = Gazetteer(folder / "g.sqlite")
    yield GazetteerGeocoder(gazetteer)
    gazetteer.close()


def test_share_of_the_regions_towns_near_the_point(reach_geocoder):
    centre = Place("Donetsk", 48.023, 37.802, country="Ukraine", admin1="Donetsk", precision=3)
    assert reach_geocoder.region_reach(centre) == pytest.approx(0.5)
    far = Place("Dalnie", 48.90, 37.50, country="Ukraine", admin1="Donetsk", precision=3)
    assert reach_geocoder.region_reach(far) == pytest.approx(2 / 6)


def test_no_share_without_a_region_or_towns(reach_geocoder):
    assert reach_geocoder.region_reach(Place("Foo", 48.0, 37.8, country="Ukraine")) is None
    assert reach_geocoder.region_reach(Place("Foo", 48.0, 37.8, country="Ukraine", admin1="Lviv")) is None
