#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser tests. Playwright's
# own download needs the internet; the distribution package does not.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "present at $CHROMIUM")"
  exit 0
fi

# shellcheck source=lib/apt-install.sh
. "$(dirname "$0")/lib/apt-install.sh"
apt_install ensure-chromium chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium was installed but $CHROMIUM does not exist." >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "installed at $CHROMIUM")"
