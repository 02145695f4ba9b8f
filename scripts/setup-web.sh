#!/usr/bin/env bash
# Install the web front-end's third-party files from the npm registry into a git-ignored folder:
#   src/conflictlens/web/static/vendor/{leaflet,world-atlas,topojson-client}/
# Versions are pinned here; nothing is fetched at run time and no CDN is used.
# Safe to run again: it does nothing when the pinned versions are already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
VENDOR=src/conflictlens/web/static/vendor
STAMP="$VENDOR/.versions"
WANT="leaflet@$LEAFLET world-atlas@$WORLD_ATLAS topojson-client@$TOPOJSON_CLIENT"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
   && [ -f "$VENDOR/leaflet/leaflet.js" ] && [ -f "$VENDOR/world-atlas/countries-110m.json" ] \
   && [ -f "$VENDOR/topojson-client/topojson-client.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-web: npm not found; install Node.js/npm to get the map files (the web UI works without the map)" >&2
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
npm install --silent --no-audit --no-fund --no-save --ignore-scripts --prefix "$TMP" $WANT >/dev/null 2>&1 \
  || npm install --no-audit --no-fund --no-save --ignore-scripts --prefix "$TMP" $WANT
NM="$TMP/node_modules"
rm -rf "$VENDOR/leaflet" "$VENDOR/world-atlas" "$VENDOR/topojson-client"
mkdir -p "$VENDOR/leaflet" "$VENDOR/world-atlas" "$VENDOR/topojson-client"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$VENDOR/leaflet/"
cp -r "$NM/leaflet/dist/images" "$VENDOR/leaflet/"
cp "$NM/leaflet/LICENSE" "$VENDOR/leaflet/LICENSE" 2>/dev/null || true
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/countries-50m.json" "$VENDOR/world-atlas/"
cp "$NM/world-atlas/LICENSE"* "$VENDOR/world-atlas/" 2>/dev/null || true
cp "$NM/topojson-client/dist/topojson-client.min.js" "$VENDOR/topojson-client/"
cp "$NM/topojson-client/LICENSE"* "$VENDOR/topojson-client/" 2>/dev/null || true
echo "$WANT" > "$STAMP"
echo "setup-web: installed $WANT into $VENDOR"
