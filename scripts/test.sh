#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: installs what it needs, then pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh -m "not slow").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --web
if [ -x scripts/setup-browser.sh ]; then scripts/setup-browser.sh; fi
exec .venv/bin/python -m pytest "$@"
