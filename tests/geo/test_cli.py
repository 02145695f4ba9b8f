import argparse
import functools
import http.server
import json
import threading
import zipfile

import pytest

from conflictlens.cli import geo_cmd
from conflictlens.options import Options

ROW = "\t".join(["910001", "Kafr Ghan", "Kafr Ghan", "Kafrghan", "36.6", "37.1", "P", "PPL", "SY", "", "09", "",
                 "", "", "1200", "", "400", "Asia/Damascus", "2020-01-01"])


def _run(argv, gazetteer_path, capsys):
    parser = argparse.ArgumentParser()
    geo_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args, Options(gazetteer=str(gazetteer_path)))
    return code, capsys.readouterr()


@pytest.fixture()
def gaz(geocoder):
    return geocoder.gazetteer.path


def test_geoparse_text_json(gaz, capsys):
    code, out = _run(["geoparse", "--no-ner", "--json", "Shelling hit the outskirts of Homs."], gaz, capsys)
    assert code == 0
    places = json.loads(out.out)["places"]
    assert places[0]["text"] == "Homs" and places[0]["precision"] == 2 and places[0]["country"] == "Syria"


def test_geoparse_jsonl_keeps_order_and_ids(gaz, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [{"id": "b", "text": "Fighting in Homs."},
                                                      {"id": "a", "text": "no places"},
                                                      {"id": 3, "text": "Azaz and al-Bab."}]) + "\n")
    code, out = _run(["geoparse", "--no-ner", "--jsonl", str(src)], gaz, capsys)
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a", 3]
    assert rows[1]["places"] == []
    keys = {"start", "end", "text", "name", "latitude", "longitude", "country", "admin1", "geonameid", "precision"}
    assert keys <= set(rows[2]["places"][0])


def test_stats(gaz, capsys):
    code, out = _run(["gazetteer", "stats", "--json"], gaz, capsys)
    stats = json.loads(out.out)
    assert code == 0 and stats["places"] > 300 and "supplement" in stats["by_source"]


def test_import_command_reports_and_refuses_corrupt_files(gaz, tmp_path, capsys):
    good = tmp_path / "SY.txt"
    good.write_text(ROW + "\n", encoding="utf-8")
    code, out = _run(["gazetteer", "import", str(good)], gaz, capsys)
    assert code == 0 and "imported 1 rows (geonames)" in out.out
    bad = tmp_path / "SY2.txt"
    bad.write_text(ROW + "\nbroken line\n", encoding="utf-8")
    code, out = _run(["gazetteer", "import", str(bad), str(good)], gaz, capsys)  # the rest of the batch goes on
    assert code == 1 and "SY2.txt:2: expected 19" in out.err and "nothing was imported" in out.err
    assert "SY.txt: unchanged since its import" in out.out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_download_from_a_local_server(gaz, tmp_path, capsys):
    served = tmp_path / "dump"
    served.mkdir()
    with zipfile.ZipFile(served / "SY.zip", "w") as zf:
        zf.writestr("SY.txt", ROW + "\n")
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        code, out = _run(["gazetteer", "download", "SY", "--base-url", base], gaz, capsys)
        assert code == 0 and "SY: imported 1 places" in out.out
        assert f"downloading {base}SY.zip" in out.err
        code, out = _run(["gazetteer", "download", "IQ", "--base-url", base], gaz, capsys)
        assert code == 1 and "IQ: failed" in out.err and "404" in out.err
    finally:
        server.shutdown()
        server.server_close()
