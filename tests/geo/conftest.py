"""A small gazetteer built from hand-made city rows (the packaged countries, admin1 and
supplement files are used as shipped; only the big cities list is replaced)."""
from __future__ import annotations

import json

import pytest

from conflictlens.geo.gazetteer import Gazetteer, build_packaged
from conflictlens.geo.resolver import GazetteerGeocoder

# geonameid, name, lat, lon, country, admin1 code, population, alternate names (made-up ids)
CITIES = [
    (900001, "Aleppo", 36.2021, 37.1343, "SY", "09", 1600000, ["Halab", "Alep"]),
    (900002, "Tripoli", 32.8872, 13.1913, "LY", "77", 1150000, ["Tarabulus", "Trablus"]),
    (900003, "Tripoli", 34.4367, 35.8497, "LB", "03", 230000, ["Trablous", "Tarabulus ash Sham"]),
    (900004, "Aleppo", 40.19, -80.22, "US", "PA", 600, []),
    (900005, "Homs", 34.7308, 36.7094, "SY", "11", 650000, ["Hims"]),
    (900006, "London", 51.5085, -0.1257, "GB", "ENG", 8900000, ["Londres"]),
    (900007, "London", 42.9834, -81.233, "CA", "08", 380000, []),
    (900008, "Paris", 48.8534, 2.3488, "FR", "11", 2100000, []),
    (900009, "Paris", 33.6609, -95.5555, "US", "TX", 25000, []),
    (900010, "An Nu'man", 36.05, 40.1, "SY", "07", 800, ["Al Numan"]),
    (900011, "Raleigh", 35.7721, -78.6386, "US", "NC", 470000, []),
    # regions: capitals that give pycountry subdivisions their admin1 code and centre
    (900012, "Monterrey", 25.6866, -100.3161, "MX", "19", 1100000, []),
    (900013, "Donetsk", 48.0230, 37.8022, "UA", "05", 900000, []),
    (900014, "Lviv", 49.8397, 24.0297, "UA", "15", 720000, []),
    # one village name in two oblasts; a town and a spelling variant of it abroad; a town abroad
    (900015, "Novoselka", 49.70, 24.20, "UA", "15", 4000, []),
    (900016, "Novoselka", 48.20, 37.60, "UA", "05", 300, []),
    (900017, "Qasr Hamdan", 35.10, 38.90, "SY", "13", 900, []),
    (900018, "Qaser Hamdan", 26.50, 31.70, "EG", "24", 3000, []),
    (900019, "Skarvik", 59.21, 9.61, "NO", "20", 55000, []),
    (900020, "Zorianka", 49.50, 25.00, "UA", "15", 800, []),  # a village, one of its name, in the west
]


@pytest.fixture(scope="session")
def cities_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "cities.json"
    data = {str(c[0]): {"geonameid": c[0], "name": c[1], "latitude": c[2], "longitude": c[3], "countrycode": c[4],
                        "admin1code": c[5], "population": c[6], "alternatenames": c[7]} for c in CITIES}
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def gazetteer_file(tmp_path_factory, cities_file):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    build_packaged(path, cities_file=cities_file)
    return path


@pytest.fixture()
def geocoder(gazetteer_file, tmp_path):
    """A fresh copy per test, so imports in one test do not leak into another."""
    import shutil

    copy = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_file, copy)
    return GazetteerGeocoder(Gazetteer(copy))
