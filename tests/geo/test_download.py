"""`conflictlens gazetteer download` end to end on loopback: a small GeoNames-format dump built here
(an invented village and district in a real country) is served by http.server on 127.0.0.1, port 0,
downloaded, and found at once by `geoparse` and by extraction; downloading or importing it again
adds nothing, and a newer file replaces the older one's rows."""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import threading
import time
import zipfile

import pytest

from conflictlens.cli import geo_cmd
from conflictlens.geo.download import download_countries
from conflictlens.geo.importers import import_file
from conflictlens.options import Options

VILLAGE = (930001, "Zawiyat Barqumi", ["Zawiyet Barqumi", "Zawiat Barkumi"], 36.4417, 37.3561)
DISTRICT = (930100, "Mantiqat Barqumi", 36.47, 37.33)
OTHER = (930002, "Khirbat Suwaydiq", [], 36.52, 37.41)


def _geoname(gid, name, alts, lat, lon, fclass="P", fcode="PPL", a2=str(DISTRICT[0]), pop=0):
    return "\t".join([str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, "SY", "", "09", a2,
                      "", "", str(pop), "", "400", "Asia/Damascus", "2021-01-01"])


def _rows(village=VILLAGE, other=True):
    gid, name, alts, lat, lon = village
    rows = [_geoname(gid, name, alts, lat, lon, pop=900),
            _geoname(DISTRICT[0], DISTRICT[1], [], DISTRICT[2], DISTRICT[3], fclass="A", fcode="ADM2")]
    if other:
        rows.append(_geoname(OTHER[0], OTHER[1], OTHER[2], OTHER[3], OTHER[4]))
    return "\n".join(rows) + "\n"


ADMIN2 = (f"SY.09.{DISTRICT[0]}\tBarqumi District\tBarqumi District\t{DISTRICT[0]}\n"
          "IQ.05.930200\tQasrin District\tQasrin District\t930200\n")  # another country's row: not imported


class _Logged(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and records (path, status) of each request."""

    log: list

    def log_request(self, code="-", size="-"):
        self.log.append((self.path, int(code)))

    def log_message(self, *args):
        pass


@pytest.fixture()
def dump(tmp_path):
    folder = tmp_path / "dump"
    folder.mkdir()
    log: list = []
    handler = functools.partial(type("H", (_Logged,), {"log": log}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


def _publish(folder, content: str, *, admin2: str | None = ADMIN2, age: int = 0):
    path = folder / "SY.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "a made-up dump for tests")
        zf.writestr("SY.txt", content)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    if admin2 is not None:
        (folder / "admin2Codes.txt").write_text(admin2, encoding="utf-8")


def _run(argv, gazetteer_path, capsys):
    parser = argparse.ArgumentParser()
    geo_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args, Options(gazetteer=str(gazetteer_path)))
    return code, capsys.readouterr()


def _count(path, sql="SELECT count(*) FROM places"):
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _found(out: str, name: str) -> dict:
    places = json.loads(out)["places"]
    return next(p for p in places if p["text"] == name)


def test_download_then_geoparse_and_extraction_find_the_village(geocoder, dump, capsys):
    gaz = geocoder.gazetteer.path
    folder, base, log = dump
    _publish(folder, _rows(), age=3600)
    text = ("Gunmen attacked a checkpoint in the village of Zawiyat Barqumi north of Aleppo on Tuesday, "
            "killing two guards.")
    code, out = _run(["geoparse", "--no-ner", "--json", text], gaz, capsys)
    assert all(p["text"] != "Zawiyat Barqumi" or p["latitude"] is None for p in json.loads(out.out)["places"])

    code, out = _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)
    assert code == 0, out.err
    assert "SY: imported 3 places" in out.out and "1 admin-2 names" in out.out
    assert f"downloading {base}SY.zip" in out.err and f"downloading {base}admin2Codes.txt" in out.err
    assert _count(gaz, "SELECT count(*) FROM admin2 WHERE country = 'IQ'") == 0  # only the requested country

    code, out = _run(["geoparse", "--no-ner", "--json", text], gaz, capsys)
    place = _found(out.out, "Zawiyat Barqumi")
    assert (place["latitude"], place["longitude"]) == (VILLAGE[3], VILLAGE[4])
    assert place["country"] == "Syria" and place["admin1"] == "Aleppo" and place["admin2"] == "Barqumi District"
    code, out = _run(["geoparse", "--no-ner", "--json", "Shelling hit Zawiat Barkumi in rural Aleppo."], gaz, capsys)
    assert _found(out.out, "Zawiat Barkumi")["latitude"] == VILLAGE[3]  # an alternate spelling from the file

    from conflictlens.api import Conflictlens
    from conflictlens.models import RawDocument
    from conflictlens.store.memory import MemoryStore

    options = Options(gazetteer=str(gaz), extract=True, progress=False)
    with Conflictlens(options, store=MemoryStore()) as cl:
        results = cl.ingest_documents([RawDocument(origin="test", url="https://example.test/barqumi", title=None,
                                                   published="2021-03-10", source=None, text=text)])
        assert [r.status for r in results] == ["added"]
        events = list(cl.events())
    assert events, "no event extracted"
    coded = [(e.location, e.place.latitude, e.place.longitude, e.place.admin2) for e in events if e.place]
    assert ("Zawiyat Barqumi", VILLAGE[3], VILLAGE[4], "Barqumi District") in coded, coded

    before = _count(gaz)
    log.clear()
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)
    assert code == 0 and "not modified since the last download; nothing added" in out.out
    assert _count(gaz) == before
    assert (f"/SY.zip", 304) in log and ("/admin2Codes.txt", 304) in log  # nothing transferred


def test_a_district_name_from_admin2codes_finds_the_district(geocoder, dump, capsys):
    from conflictlens.geo import GeoContext
    from conflictlens.models import PlaceMention

    folder, base, _ = dump
    _publish(folder, _rows())
    reports = list(download_countries(geocoder.gazetteer, ["sy"], base, Options(), say=lambda m: None))
    assert [r.country for r in reports] == ["SY"] and not reports[0].failed
    hits = geocoder.gazetteer.by_key("barkumidistrict")
    assert {(h.place.feature, h.place.geonameid) for h in hits} == {("ADM2", DISTRICT[0])}
    assert {h.place.geonameid for h in geocoder.gazetteer.by_key("barkumi")} == {DISTRICT[0]}  # the bare name
    place = geocoder.resolve(PlaceMention("Barqumi District"), GeoContext(countries=("Syria",)))
    assert place is not None and (place.latitude, place.longitude) == (DISTRICT[2], DISTRICT[3])
    village = geocoder.resolve(PlaceMention("Zawiyat Barqumi"), GeoContext(countries=("Syria",)))
    assert village.admin2 == "Barqumi District"


def test_a_district_named_like_its_town_resolves_to_the_district(geocoder, dump):
    from conflictlens.geo import GeoContext
    from conflictlens.models import PlaceMention

    folder, base, _ = dump
    town = _geoname(930005, "Barqumi", [], 36.40, 37.20, pop=5000)
    _publish(folder, _rows() + town + "\n")
    list(download_countries(geocoder.gazetteer, ["SY"], base, Options(), say=lambda m: None))
    syria = GeoContext(countries=("Syria",))
    assert geocoder.resolve(PlaceMention("Barqumi"), syria).geonameid == 930005  # the town, named alone
    place = geocoder.resolve(PlaceMention("Barqumi", qualifier="district"), syria)
    assert place.geonameid == DISTRICT[0]


def test_a_server_without_conditional_requests_still_adds_nothing_twice(geocoder, dump):
    folder, base, _ = dump
    _publish(folder, _rows())
    gaz = geocoder.gazetteer
    first = list(download_countries(gaz, ["SY"], base, Options(), say=lambda m: None))[0]
    assert first.imported.rows == 3 and not first.imported.unchanged
    before = _count(gaz.path)
    gaz.conn.execute("UPDATE import_files SET etag = NULL, last_modified = NULL")  # no validators to send
    gaz.conn.commit()
    again = list(download_countries(gaz, ["SY"], base, Options(), say=lambda m: None))[0]
    assert not again.not_modified and again.imported.unchanged and again.admin2.unchanged
    assert "unchanged (3 places); nothing added" in again.describe()
    assert _count(gaz.path) == before


def test_a_newer_file_replaces_the_old_rows_of_that_country(geocoder, dump, capsys):
    gaz = geocoder.gazetteer.path
    folder, base, _ = dump
    _publish(folder, _rows(), age=7200)
    assert _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)[0] == 0
    moved = (VILLAGE[0], VILLAGE[1], VILLAGE[2], 36.4501, 37.3602)
    _publish(folder, _rows(moved, other=False))  # newer: the village re-surveyed, the hamlet dropped
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)
    assert code == 0 and "SY: imported 2 places" in out.out and "replacing 3 of the older file" in out.out
    assert _count(gaz, "SELECT count(*) FROM places WHERE source = 'geonames:SY'") == 2
    assert _count(gaz, "SELECT count(*) FROM places WHERE geonameid = 930001") == 1
    assert _count(gaz, "SELECT latitude FROM places WHERE geonameid = 930001") == 36.4501
    assert _count(gaz, f"SELECT count(*) FROM places WHERE geonameid = {OTHER[0]}") == 0


def test_importing_the_same_file_twice_adds_nothing_and_says_so(geocoder, tmp_path, capsys):
    gaz = geocoder.gazetteer.path
    path = tmp_path / "SY.txt"
    path.write_text(_rows(), encoding="utf-8")
    code, out = _run(["gazetteer", "import", str(path)], gaz, capsys)
    assert code == 0 and "imported 3 rows (geonames)" in out.out
    before = (_count(gaz), _count(gaz, "SELECT count(*) FROM names"))
    code, out = _run(["gazetteer", "import", str(path)], gaz, capsys)
    assert code == 0 and "unchanged since its import on" in out.out and "nothing added" in out.out
    assert (_count(gaz), _count(gaz, "SELECT count(*) FROM names")) == before
    copy = tmp_path / "again" / "SY.txt"  # the same dump saved elsewhere is the same dataset
    copy.parent.mkdir()
    copy.write_text(_rows(), encoding="utf-8")
    assert import_file(geocoder.gazetteer, str(copy)).unchanged


def test_admin2_codes_import_only_the_countries_asked_for(geocoder, tmp_path, capsys):
    gaz = geocoder.gazetteer.path
    path = tmp_path / "admin2Codes.txt"
    path.write_text(ADMIN2, encoding="utf-8")
    code, out = _run(["gazetteer", "import", str(path), "--country", "SY"], gaz, capsys)
    assert code == 0 and "imported 1 rows (admin2)" in out.out
    assert _count(gaz, "SELECT count(*) FROM admin2 WHERE country = 'IQ'") == 0
    code, out = _run(["gazetteer", "import", str(path), "--country", "SY"], gaz, capsys)
    assert "unchanged" in out.out


def test_progress_reports_bytes_downloaded_and_rows_imported(geocoder, dump, capsys):
    folder, base, _ = dump
    _publish(folder, _rows())
    seen: list = []
    list(download_countries(geocoder.gazetteer, ["SY"], base, Options(), say=lambda m: None,
                            progress=lambda *a: seen.append(a)))
    size = (folder / "SY.zip").stat().st_size
    assert ("download SY.zip", "B", size, size) in seen
    assert ("import SY.zip", "rows", 3, 3) in seen
    # the CLI draws no bar when stderr is not a terminal (as under pytest)
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base], geocoder.gazetteer.path, capsys)
    assert "━" not in out.err and "%" not in out.err
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base, "--quiet"], geocoder.gazetteer.path, capsys)
    assert out.err == "" and "nothing added" in out.out


def test_an_open_geocoder_sees_an_import_made_by_another_connection(geocoder, dump, capsys):
    from conflictlens.geo import GeoContext
    from conflictlens.models import PlaceMention

    folder, base, _ = dump
    _publish(folder, _rows())
    syria = GeoContext(countries=("Syria",))
    assert geocoder.resolve(PlaceMention("Zawiyat Barqumi"), syria) is None  # and the miss is cached
    assert _run(["gazetteer", "download", "SY", "--base-url", base], geocoder.gazetteer.path, capsys)[0] == 0
    assert geocoder.gazetteer.refresh_if_changed() is True
    assert geocoder.resolve(PlaceMention("Zawiyat Barqumi"), syria).latitude == VILLAGE[3]
    assert geocoder.gazetteer.refresh_if_changed() is False


def test_failures_are_per_country_and_bad_codes_stop_before_any_download(geocoder, dump, capsys):
    from conflictlens.errors import GazetteerError

    gaz = geocoder.gazetteer.path
    folder, base, log = dump
    _publish(folder, _rows(), admin2=None)  # a mirror without admin2Codes.txt
    code, out = _run(["gazetteer", "download", "IQ", "SY", "--base-url", base], gaz, capsys)
    assert code == 1 and "IQ: failed" in out.err and "HTTP 404" in out.err
    assert "SY: imported 3 places" in out.out and "admin-2 names not imported" in out.out
    log.clear()
    with pytest.raises(GazetteerError, match="two-letter"):
        _run(["gazetteer", "download", "SY", "Syria", "--base-url", base], gaz, capsys)
    assert log == []
    (folder / "SY.zip").write_bytes(b"PK\x03\x04 not really a zip")
    later = time.time() + 60
    os.utime(folder / "SY.zip", (later, later))
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base, "--no-admin2"], gaz, capsys)
    assert code == 1 and "corrupt or truncated zip" in out.err
    assert _count(gaz, "SELECT count(*) FROM places WHERE source = 'geonames:SY'") == 3  # the old rows stay


def test_a_rebuild_for_new_packaged_data_imports_the_kept_downloads_again(geocoder, dump, cities_file, capsys):
    import sqlite3

    from conflictlens.geo.gazetteer import ensure_gazetteer

    gaz = geocoder.gazetteer.path
    folder, base, log = dump
    _publish(folder, _rows())
    assert _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)[0] == 0
    kept = gaz.parent / "geonames"
    assert sorted(p.name for p in kept.iterdir()) == ["SY.zip", "admin2Codes.txt"]  # no leftovers
    conn = sqlite3.connect(gaz)
    with conn:
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'packaged_hash'")  # as after an upgrade
    conn.close()
    seen: list = []
    log.clear()
    ensure_gazetteer(gaz, cities_file=cities_file, progress=lambda what, n: seen.append((what, n)))
    assert (f"re-imported {kept / 'SY.zip'}", 3) in seen and log == []  # from the kept files, no network
    assert _count(gaz, "SELECT count(*) FROM places WHERE source = 'geonames:SY'") == 3
    assert _count(gaz, "SELECT name FROM admin2 WHERE country = 'SY'") == "Barqumi District"
    code, out = _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)
    assert "not modified" in out.out  # the validators came along


def test_a_rebuild_refuses_to_drop_imports_whose_files_are_gone(geocoder, tmp_path, cities_file):
    import sqlite3

    from conflictlens.errors import GazetteerError
    from conflictlens.geo.gazetteer import ensure_gazetteer

    gaz = geocoder.gazetteer.path
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,country\nQqq Farm,35.1,38.2,SY\n", encoding="utf-8")
    import_file(geocoder.gazetteer, str(path))
    path.unlink()
    conn = sqlite3.connect(gaz)
    with conn:
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'packaged_hash'")
    conn.close()
    with pytest.raises(GazetteerError, match="mine.csv"):
        ensure_gazetteer(gaz, cities_file=cities_file)
    assert _count(gaz, "SELECT count(*) FROM places WHERE name = 'Qqq Farm'") == 1  # left as it was
