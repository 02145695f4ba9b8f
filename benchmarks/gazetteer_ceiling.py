#!/usr/bin/env python3
"""Gazetteer ceiling: how many gold places of the dev sets the bundled gazetteer can place at all.

    python benchmarks/gazetteer_ceiling.py [--shared DIR] [--gazetteer FILE] [--radius 10] [--out FILE]

For every gold event with coordinates in the ACLED notes dev set (``dev/acled_notes/gold.jsonl``)
and the articles dev set (``dev/gold.jsonl``), it asks the gazetteer (the default one that
``conflictlens gazetteer build`` makes, unless ``--gazetteer``) for

- ``any``: some entry (a place, district, region or country point) within the radius (10 km) of
  the gold point: the ceiling of a resolver on this gazetteer, whatever the name;
- ``named``: an entry within the radius under the gold location's name, as the transliteration
  folding of ``geo/translit.py`` keys it (``name_key``; a note's "City - Quarter" also by its
  parts): a resolver that reads the name right can get it;
- ``skeleton``: the same with the looser consonant skeleton (``skeleton_key``);
- ``name_elsewhere``: the name is in the gazetteer, but only farther away (a wrong point or a
  namesake: the right place is missing);
- ``absent``: no entry within the radius and the name unknown.

A gold place with no entry within the radius is a miss that no resolver could avoid; a place with
a named entry that extraction still misses is a resolver (or recognition) error.  Figures are
counted per event and per distinct place (location, point), overall, per country and per ACLED
geo_precision; printed, and written to ``benchmarks/results/gazetteer_ceiling.json``.  Skips with
a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL = 0.2  # degrees: the grid the gazetteer's points are bucketed by
CATEGORIES = ("named", "skeleton", "any", "name_elsewhere", "absent")


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    return Path(os.environ.get("CONFLICTLENS_SHARED", ROOT.parent / "shared"))


def gold_places(path: Path) -> list[dict]:
    """Gold events with a location and coordinates (``no_events`` lines and pointless rows left out)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("no_events") or row.get("latitude") is None or row.get("longitude") is None:
                continue
            out.append({"location": row.get("location") or "", "country": row.get("country") or "?",
                        "latitude": float(row["latitude"]), "longitude": float(row["longitude"]),
                        "geo_precision": row.get("geo_precision")})
    return out


class PointIndex:
    """The gazetteer's points on a grid, for "is anything within r km" questions."""

    def __init__(self, conn):
        self.cells: dict[tuple[int, int], list[tuple[int, float, float]]] = defaultdict(list)
        for pid, lat, lon in conn.execute("SELECT id, latitude, longitude FROM places"):
            self.cells[(math.floor(lat / CELL), math.floor(lon / CELL))].append((pid, lat, lon))

    def within(self, lat: float, lon: float, radius_km: float) -> list[tuple[float, int]]:
        from conflictlens.geo.geomath import km

        dlat = math.ceil(radius_km / 111.0 / CELL)
        dlon = math.ceil(radius_km / (111.32 * max(math.cos(math.radians(lat)), 0.01)) / CELL)
        ci, cj = math.floor(lat / CELL), math.floor(lon / CELL)
        out = []
        for i in range(ci - dlat, ci + dlat + 1):
            for j in range(cj - dlon, cj + dlon + 1):
                for pid, plat, plon in self.cells.get((i, (j + 900) % 1800 - 900), ()):  # wraps at 180°
                    d = km(lat, lon, plat, plon)
                    if d <= radius_km:
                        out.append((d, pid))
        return sorted(out)


def name_keys(location: str) -> set[str]:
    """The folding keys of a gold location name; ACLED's "City - Quarter" also by its parts."""
    from conflictlens.geo.translit import name_key

    names = [location] + ([p.strip() for p in location.split(" - ")] if " - " in location else [])
    return {k for k in (name_key(n) for n in names) if k}


def classify(place: dict, gazetteer, points: PointIndex, radius_km: float) -> tuple[str, float | None]:
    """The place's category and the distance of the nearest entry under its name (None: unknown name)."""
    from conflictlens.geo.geomath import km
    from conflictlens.geo.translit import skeleton_key

    lat, lon = place["latitude"], place["longitude"]
    near = {pid for _, pid in points.within(lat, lon, radius_km)}
    keys = name_keys(place["location"])
    named = [h for k in keys for h in gazetteer.by_key(k)]
    nearest = min((km(lat, lon, h.place.latitude, h.place.longitude) for h in named), default=None)
    if any(h.place.id in near for h in named):
        return "named", nearest
    skels = {s for s in (skeleton_key(k) for k in keys) if s}
    if any(h.place.id in near for s in skels for h in gazetteer.by_skeleton(s)):
        return "skeleton", nearest
    if near:
        return "any", nearest
    return ("name_elsewhere" if named else "absent"), nearest


def _summary(counts: Counter) -> dict:
    total = sum(counts.values())
    out = {"places": total}
    out.update({c: counts.get(c, 0) for c in CATEGORIES})
    if total:
        named = counts["named"]
        reachable = named + counts["skeleton"] + counts["any"]
        out["named_share"] = round(named / total, 4)
        out["within_radius_share"] = round(reachable / total, 4)  # the ceiling
        out["unavoidable_misses"] = total - reachable
    return out


def measure(rows: list[dict], gazetteer, points: PointIndex, radius_km: float) -> dict:
    per_event: Counter = Counter()
    per_place: Counter = Counter()
    by_country: dict[str, Counter] = defaultdict(Counter)
    by_precision: dict[str, Counter] = defaultdict(Counter)
    seen: dict[tuple, str] = {}
    examples: dict[str, list] = defaultdict(list)
    for row in rows:
        mark = (row["location"], round(row["latitude"], 4), round(row["longitude"], 4))
        if mark not in seen:
            category, nearest = classify(row, gazetteer, points, radius_km)
            seen[mark] = category
            per_place[category] += 1
            if category in ("name_elsewhere", "absent") and len(examples[row["country"]]) < 3:
                examples[row["country"]].append(row["location"] if nearest is None
                                                else f"{row['location']} (name {nearest:.0f} km away)")
        category = seen[mark]
        per_event[category] += 1
        by_country[row["country"]][category] += 1
        by_precision[str(row["geo_precision"])][category] += 1
    countries = sorted(by_country, key=lambda c: (-sum(by_country[c].values()), c))
    return {"events": _summary(per_event), "distinct_places": _summary(per_place),
            "by_geo_precision": {p: _summary(by_precision[p]) for p in sorted(by_precision)},
            "by_country": {c: _summary(by_country[c]) for c in countries},
            "examples": {c: examples[c] for c in countries if examples.get(c)}}  # printed, not written


def _print(name: str, result: dict, top: int, examples: bool) -> None:
    head = f"{'':28} {'events':>7} {'named':>7} {'skel':>6} {'any':>6} {'elsewh':>7} {'absent':>7} {'ceiling':>8} {'named%':>7}"

    def line(label: str, s: dict) -> str:
        return (f"{label[:28]:28} {s['places']:7d} {s['named']:7d} {s['skeleton']:6d} {s['any']:6d} "
                f"{s['name_elsewhere']:7d} {s['absent']:7d} {s.get('within_radius_share', 0):8.3f} "
                f"{s.get('named_share', 0):7.3f}")

    print(f"\n== {name} ==")
    print(head)
    print(line("all events", result["events"]))
    print(line("distinct places", result["distinct_places"]))
    for p, s in result["by_geo_precision"].items():
        print(line(f"geo_precision {p}", s))
    print(f"-- by country (the {top} with most events) --")
    for c, s in list(result["by_country"].items())[:top]:
        print(line(c, s))
    if examples:
        print("-- places out of reach (up to 3 a country) --")
        for c, names in result["examples"].items():
            print(f"{c[:28]:28} " + "; ".join(names))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (default: ../shared next to the repository)")
    ap.add_argument("--gazetteer", help="gazetteer file (default: the one `conflictlens gazetteer build` makes)")
    ap.add_argument("--radius", type=float, default=10.0, help="km (default 10)")
    ap.add_argument("--top", type=int, default=25, help="countries to print (all are in the JSON)")
    ap.add_argument("--examples", action="store_true",
                    help="print a few gold places out of reach per country (never written to the JSON)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "gazetteer_ceiling.json"),
                    help="JSON result ('-' = none)")
    args = ap.parse_args(argv)
    shared = _shared(args.shared) / "eval"
    sets = {"acled_notes": shared / "dev" / "acled_notes" / "gold.jsonl", "articles": shared / "dev" / "gold.jsonl"}
    if not all(p.is_file() for p in sets.values()):
        print(f"gazetteer_ceiling: skipped: the dev sets are not at {shared} (../shared/eval)")
        return 0

    from conflictlens.geo.gazetteer import Gazetteer, ensure_gazetteer, gazetteer_path
    from conflictlens.options import Options

    path = Path(args.gazetteer) if args.gazetteer else ensure_gazetteer(gazetteer_path(Options()))
    gazetteer = Gazetteer(path)
    imports = [r[0] for r in gazetteer.conn.execute("SELECT DISTINCT path FROM imports")]
    if imports:
        print(f"gazetteer_ceiling: note: {path} holds imports ({', '.join(imports)}); "
              "the figures are not the bundled gazetteer's")
    points = PointIndex(gazetteer.conn)
    result = {"radius_km": args.radius, "gazetteer": {"path": str(path), "packaged_hash": gazetteer.meta("packaged_hash"),
                                                       "places": sum(len(v) for v in points.cells.values()),
                                                       "imports": imports},
              "sets": {name: measure(gold_places(p), gazetteer, points, args.radius) for name, p in sets.items()}}
    print(f"gazetteer {path}: {result['gazetteer']['places']} places; radius {args.radius:g} km")
    print("named: an entry under the gold name (translit key) within the radius; skel: under its consonant "
          "skeleton; any: some other entry; elsewh: the name only farther away; absent: neither; "
          "ceiling = (named + skel + any) / events")
    for name, res in result["sets"].items():
        _print(name, res, args.top, args.examples)
        del res["examples"]  # gold names stay out of the repository
    if args.out != "-":
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwritten {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
