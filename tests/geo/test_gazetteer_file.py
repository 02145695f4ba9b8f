import threading
from pathlib import Path

import pytest

from conflictlens.errors import GazetteerError
from conflictlens.geo.gazetteer import Gazetteer, ensure_gazetteer, gazetteer_path
from conflictlens.options import Options


def test_path_precedence(tmp_path):
    assert gazetteer_path(Options(gazetteer=str(tmp_path / "a.sqlite")), env={}) == tmp_path / "a.sqlite"
    assert gazetteer_path(Options(), env={"CONFLICTLENS_GAZETTEER": "/x/g.sqlite"}) == Path("/x/g.sqlite")
    path = gazetteer_path(Options(), env={"XDG_CACHE_HOME": str(tmp_path)})
    assert path.parent == tmp_path / "conflictlens" and path.name.startswith("gazetteer-")


def test_two_builders_at_once_build_one_valid_file(tmp_path, cities_file):
    target = tmp_path / "g.sqlite"
    errors = []

    def build():
        try:
            ensure_gazetteer(target, cities_file=cities_file)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Gazetteer(target).stats()["places"] > 300
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    before = target.stat().st_mtime_ns
    ensure_gazetteer(target, cities_file=cities_file)  # current: not rebuilt
    assert target.stat().st_mtime_ns == before


def test_a_file_that_is_not_a_gazetteer_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(GazetteerError):
        Gazetteer(bad)
