#!/usr/bin/env bash
# Makes sure Debian's prometheus package is installed: the tests check the alert
# rules with its promtool and scrape a running Lifeline with its server. Like
# scripts/ensure-chromium.sh, it installs with apt when the tools are missing.
set -euo pipefail

PROMETHEUS=/usr/bin/prometheus
PROMTOOL=/usr/bin/promtool

show() { echo "prometheus: $("$PROMETHEUS" --version 2>&1 | head -n 1)"; }

if [ -x "$PROMETHEUS" ] && [ -x "$PROMTOOL" ]; then
  show
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "ensure-prometheus: $PROMETHEUS is missing and this user cannot install packages (not root, no sudo)." >&2
  echo "ensure-prometheus: install it with: apt-get install -y --no-install-recommends prometheus" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: $PROMETHEUS is missing and apt-get is not available; install Prometheus by hand." >&2
  exit 1
fi

as_root() { ${run_as_root[@]+"${run_as_root[@]}"} env DEBIAN_FRONTEND=noninteractive "$@"; }

# The package starts a Prometheus service on :9090 when installed. The tests run
# their own server on loopback, so the service is kept from starting during the
# install (the standard policy-rc.d hook, removed again afterwards).
POLICY=/usr/sbin/policy-rc.d
added_policy=false
if [ ! -e "$POLICY" ]; then
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $POLICY && chmod 755 $POLICY"
  added_policy=true
fi
remove_policy() { if [ "$added_policy" = true ]; then as_root rm -f "$POLICY"; fi; }
trap remove_policy EXIT

echo "ensure-prometheus: installing prometheus with apt-get…"
if ! as_root apt-get update -qq || ! as_root apt-get install -y -qq --no-install-recommends prometheus; then
  echo "ensure-prometheus: apt-get could not install prometheus (see above)." >&2
  exit 1
fi

if [ ! -x "$PROMETHEUS" ] || [ ! -x "$PROMTOOL" ]; then
  echo "ensure-prometheus: prometheus was installed but $PROMETHEUS or $PROMTOOL does not exist." >&2
  exit 1
fi
show
