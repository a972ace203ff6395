#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser tests. Playwright's
# own download needs the internet; the distribution package does not.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "present at $CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages (not root, no sudo)." >&2
  echo "ensure-chromium: install it with: apt-get install -y chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium by hand." >&2
  exit 1
fi

echo "ensure-chromium: installing chromium with apt-get…"
# `env` carries DEBIAN_FRONTEND through sudo, which drops most of the environment.
as_root() { ${run_as_root[@]+"${run_as_root[@]}"} env DEBIAN_FRONTEND=noninteractive "$@"; }
if ! as_root apt-get update -qq || ! as_root apt-get install -y -qq chromium; then
  echo "ensure-chromium: apt-get could not install chromium (see above)." >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium was installed but $CHROMIUM does not exist." >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "installed at $CHROMIUM")"
