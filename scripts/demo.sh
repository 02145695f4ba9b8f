#!/usr/bin/env bash
# The main job on the embedded defaults: install, ingest the bundled sample articles into
# SQLite (demo.db), extract events with the bundled gazetteer and actor tables, and print
# events, search results and keywords.  Pass --serve to start the web interface afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --web
export CONFLICTLENS_DB=${CONFLICTLENS_DB:-demo.db}
CL=.venv/bin/conflictlens
SAMPLES=$(.venv/bin/python -c "import conflictlens, os; print(os.path.join(os.path.dirname(conflictlens.__file__), 'data', 'samples', 'sample_articles.jsonl'))")
echo "== ingest the bundled sample articles (invented reports, see data/samples/README.md) into $CONFLICTLENS_DB"
$CL --no-progress ingest "$SAMPLES"
echo; echo "== events"
$CL events
echo; echo "== search: ISIS"
$CL search "ISIS"
echo; echo "== helpful keywords across the corpus"
$CL keywords --top 10
if $CL --help | grep -q " ask "; then
  echo; echo "== ask: Has ISIS returned to rural Aleppo?"
  $CL ask "Has ISIS returned to rural Aleppo?" || true
fi
if [ "${1:-}" = "--serve" ]; then
  $CL serve
fi
