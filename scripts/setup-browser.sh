#!/usr/bin/env bash
# Install the headless browser the end-to-end tests drive: Debian's chromium and chromium-driver.
# Skips quietly when both are present.  Needs root (CI runs scripts/test.sh as root); without root
# and without the packages it prints a note and the browser tests skip themselves.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: apt-get not found; install chromium and chromium-driver yourself (browser tests will skip)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "setup-browser: not root; run 'apt-get install -y chromium chromium-driver' as root (browser tests will skip)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "setup-browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
