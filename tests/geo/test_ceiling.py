"""benchmarks/gazetteer_ceiling.py: its categories on the small test gazetteer and invented gold rows."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ceiling():
    spec = importlib.util.spec_from_file_location("gazetteer_ceiling", ROOT / "benchmarks" / "gazetteer_ceiling.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(location, lat, lon, country="Syria", precision=1):
    return {"location": location, "country": country, "latitude": lat, "longitude": lon, "geo_precision": precision}


def test_each_gold_place_gets_the_category_that_tells_a_resolver_error_from_a_gap(ceiling, geocoder):
    gaz = geocoder.gazetteer
    points = ceiling.PointIndex(gaz.conn)
    cases = {
        "named": _row("Halab", 36.25, 37.10),  # Aleppo under another name, 6 km off
        "skeleton": _row("Hams", 34.73, 36.71),  # Homs by its consonant skeleton only
        "any": _row("Qqq Farms", 36.21, 37.14),  # an unknown name beside Aleppo
        "name_elsewhere": _row("Homs", 35.50, 38.50),  # the name known, 200 km away
        "absent": _row("Qqq Oasis", 30.0, 30.0, country="Egypt"),
    }
    for expected, row in cases.items():
        assert ceiling.classify(row, gaz, points, 10.0)[0] == expected, row
    result = ceiling.measure(list(cases.values()) + [cases["named"]], gaz, points, 10.0)
    assert result["events"]["places"] == 6 and result["distinct_places"]["places"] == 5
    assert result["events"]["named"] == 2 and result["events"]["unavoidable_misses"] == 2
    assert result["events"]["within_radius_share"] == round(4 / 6, 4)
    assert result["by_country"]["Egypt"]["absent"] == 1


def test_points_are_found_across_the_antimeridian(ceiling):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE places(id INTEGER, latitude REAL, longitude REAL)")
    conn.executemany("INSERT INTO places VALUES (?,?,?)", [(1, -16.0, 179.98), (2, -16.0, 179.0)])
    points = ceiling.PointIndex(conn)
    assert [pid for _, pid in points.within(-16.0, -179.97, 10.0)] == [1]


def test_a_ceiling_run_skips_without_the_dev_sets(ceiling, tmp_path, capsys):
    out = tmp_path / "c.json"
    assert ceiling.main(["--shared", str(tmp_path), "--out", str(out)]) == 0
    assert "skipped" in capsys.readouterr().out and not out.exists()


def test_name_keys_split_a_city_and_its_quarter(ceiling):
    from conflictlens.geo.translit import name_key

    assert ceiling.name_keys("Qqqtown - Old Quarter") == {name_key("Qqqtown - Old Quarter"), name_key("Qqqtown"),
                                                          name_key("Old Quarter")}
    assert json.dumps(sorted(ceiling.name_keys("Homs")))  # plain names: one key
