import io
import zipfile

import pytest

from conflictlens.errors import GazetteerError
from conflictlens.geo import GeoContext
from conflictlens.geo.importers import detect_kind, import_file as _import_file
from conflictlens.geo.translit import name_key
from conflictlens.models import PlaceMention

SYRIA = GeoContext(countries=("Syria",))


def import_file(gazetteer, path, **kw):
    """(rows, kind) of an import that must have added rows."""
    report = _import_file(gazetteer, path, **kw)
    assert not report.unchanged
    return report.rows, report.kind


def _geoname(gid, name, alts, lat, lon, fclass="P", fcode="PPL", cc="SY", a1="09", a2="", pop=0):
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "400", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols)


ROWS = [
    _geoname(910001, "Kafr Ghan", ["Kafrghan", "Kafr Ghann"], 36.6, 37.1, a2="1001", pop=1200),
    _geoname(910002, "Tall Qarah", ["Tal Qara"], 36.3, 37.6, a2="1002"),
]


def _count(geocoder):
    return geocoder.gazetteer.conn.execute("SELECT count(*) FROM places").fetchone()[0]


def test_geonames_country_file_and_admin_codes(geocoder, tmp_path):
    (tmp_path / "admin2Codes.txt").write_text("SY.09.1001\tA'zaz District\tA'zaz District\t123\n", encoding="utf-8")
    (tmp_path / "SY.txt").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(tmp_path / "admin2Codes.txt")) == (1, "admin2")
    assert import_file(geocoder.gazetteer, str(tmp_path / "SY.txt")) == (2, "geonames")
    p = geocoder.resolve(PlaceMention("Kafr Ghan", container="rural Azaz"), SYRIA)
    assert p.matched_name == "Kafr Ghan" and p.precision == 1 and p.geonameid == 910001
    assert p.admin1 == "Aleppo" and p.admin2 == "A'zaz District"


def test_zipped_country_file(geocoder, tmp_path):
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "about")
        zf.writestr("SY.txt", "\n".join(ROWS) + "\n")
    assert import_file(geocoder.gazetteer, str(path))[0] == 2
    assert geocoder.resolve(PlaceMention("Tal Qara"), SYRIA).geonameid == 910002


def test_alternate_names(geocoder, tmp_path):
    (tmp_path / "SY.txt").write_text(ROWS[0] + "\n", encoding="utf-8")
    import_file(geocoder.gazetteer, str(tmp_path / "SY.txt"))
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t910001\tar\tكفر غان\t\t\t\t\t\t\n2\t910001\tlink\thttps://example.org\t\t\t\t\t\t\n",
                   encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(alt)) == (1, "alternates")
    assert geocoder.resolve(PlaceMention("كفر غان"), SYRIA).geonameid == 910001


def test_user_csv(geocoder, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,aliases,lat,lon,country,admin1\nQqq Camp,Qqq IDP camp|Camp Qqq,36.1,37.2,Syria,Aleppo\n",
                    encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(path)) == (1, "csv")
    p = geocoder.resolve(PlaceMention("Camp Qqq"), SYRIA)
    assert p.name == "Camp Qqq" and p.matched_name == "Qqq Camp" and p.admin1 == "Aleppo"


@pytest.mark.parametrize("content,message", [
    (ROWS[0] + "\n" + "910003\tBroken\tBroken\n", "expected 19"),
    (ROWS[0] + "\n" + ROWS[1].replace("37.6", "east"), "bad number"),
])
def test_corrupt_geonames_file_leaves_the_gazetteer_unchanged(geocoder, tmp_path, content, message):
    path = tmp_path / "SY.txt"
    path.write_text(content, encoding="utf-8")
    before = _count(geocoder)
    with pytest.raises(GazetteerError, match=message):
        import_file(geocoder.gazetteer, str(path))
    assert _count(geocoder) == before
    assert geocoder.resolve(PlaceMention("Kafr Ghan"), SYRIA) is None


def test_truncated_zip_is_a_clear_error(geocoder, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SY.txt", "\n".join(ROWS * 200))
    path = tmp_path / "SY.zip"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    before = _count(geocoder)
    with pytest.raises(GazetteerError, match="zip"):
        import_file(geocoder.gazetteer, str(path))
    assert _count(geocoder) == before


def test_csv_errors(geocoder, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nX,1\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="lon"):
        import_file(geocoder.gazetteer, str(bad))
    bad.write_text("name,lat,lon\nX,1,2\nY,91,2\n", encoding="utf-8")
    before = _count(geocoder)
    with pytest.raises(GazetteerError, match=":3:"):
        import_file(geocoder.gazetteer, str(bad))
    assert _count(geocoder) == before


def test_missing_file_and_unknown_format(geocoder, tmp_path):
    with pytest.raises(GazetteerError, match="no such file"):
        import_file(geocoder.gazetteer, str(tmp_path / "none.txt"))
    odd = tmp_path / "odd.txt"
    odd.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="format"):
        detect_kind(str(odd))


def test_admin1_codes_fill_missing_names_but_keep_curated_ones(geocoder, tmp_path):
    path = tmp_path / "admin1CodesASCII.txt"
    path.write_text("SY.09\tMuhafazat Halab\tMuhafazat Halab\t170063\nLB.03\tNorth Governorate\tNorth\t1\n",
                    encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(path)) == (2, "admin1")
    assert geocoder.resolve(PlaceMention("Azaz"), SYRIA).admin1 == "Aleppo"  # the curated name stays
    lebanon = geocoder.resolve(PlaceMention("Tripoli"), GeoContext(countries=("Lebanon",)))
    assert lebanon.admin1 == "North Governorate"


def test_user_place_files_from_the_options_are_imported_once(gazetteer_file, tmp_path):
    import shutil

    from conflictlens.geo import open_geocoder
    from conflictlens.options import Options

    copy = tmp_path / "g.sqlite"
    shutil.copy(gazetteer_file, copy)
    places = tmp_path / "mine.csv"
    places.write_text("name,lat,lon,country\nQqq Farm,35.1,38.2,SY\n", encoding="utf-8")
    options = Options(gazetteer=str(copy), gazetteer_files=(str(places),))
    first = open_geocoder(options)
    assert first.resolve(PlaceMention("Qqq Farm"), SYRIA).latitude == 35.1
    second = open_geocoder(options)
    count = second.gazetteer.conn.execute("SELECT count(*) FROM places WHERE name = 'Qqq Farm'").fetchone()[0]
    assert count == 1


def test_a_changed_user_csv_replaces_its_old_rows(geocoder, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,country\nQqq Farm,35.1,38.2,SY\nQqq Well,35.3,38.4,SY\n", encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(path)) == (2, "csv")
    path.write_text("name,lat,lon,country\nQqq Farm,35.15,38.25,SY\n", encoding="utf-8")
    report = _import_file(geocoder.gazetteer, str(path))
    assert (report.rows, report.replaced) == (1, 2)
    assert geocoder.resolve(PlaceMention("Qqq Farm"), SYRIA).latitude == 35.15
    assert geocoder.resolve(PlaceMention("Qqq Well"), SYRIA) is None


def test_admin2_names_after_the_country_file_name_its_places_and_its_district(geocoder, tmp_path):
    district = _geoname(163999, "Mintaqat Qqqiyya", [], 36.5, 37.2, fclass="A", fcode="ADM2", a2="163999")
    village = _geoname(910009, "Qqqiyya Sharqi", [], 36.52, 37.22, a2="163999")
    (tmp_path / "SY.txt").write_text(district + "\n" + village + "\n", encoding="utf-8")
    import_file(geocoder.gazetteer, str(tmp_path / "SY.txt"))
    assert geocoder.resolve(PlaceMention("Qqqiyya Sharqi"), SYRIA).admin2 is None
    (tmp_path / "admin2Codes.txt").write_text("SY.09.163999\tQqqiyya District\tQqqiyya District\t163999\n"
                                              "LB.03.1\tQqq Elsewhere\tQqq Elsewhere\t1\n", encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(tmp_path / "admin2Codes.txt"), countries=["sy"]) == (1, "admin2")
    assert geocoder.resolve(PlaceMention("Qqqiyya Sharqi"), SYRIA).admin2 == "Qqqiyya District"
    for name in ("Qqqiyya District", "Qqqiyya"):  # as admin2Codes writes it, and bare
        assert {h.place.geonameid for h in geocoder.gazetteer.by_key(name_key(name))} == {163999}, name
