#!/usr/bin/env bash
# Makes sure Debian's prometheus package is installed: the tests check the alert
# rules with its promtool and scrape a running Lifeline with its server. Like
# scripts/ensure-chromium.sh, it installs with apt when the tools are missing
# (without starting the package's own Prometheus service: the tests run theirs).
set -euo pipefail

PROMETHEUS=/usr/bin/prometheus
PROMTOOL=/usr/bin/promtool

show() { echo "prometheus: $("$PROMETHEUS" --version 2>&1 | head -n 1)"; }

if [ -x "$PROMETHEUS" ] && [ -x "$PROMTOOL" ]; then
  show
  exit 0
fi

# shellcheck source=lib/apt-install.sh
. "$(dirname "$0")/lib/apt-install.sh"
# Without recommends: they would add (and start) a node exporter nobody asked for.
apt_install ensure-prometheus --no-install-recommends prometheus

if [ ! -x "$PROMETHEUS" ] || [ ! -x "$PROMTOOL" ]; then
  echo "ensure-prometheus: prometheus was installed but $PROMETHEUS or $PROMTOOL does not exist." >&2
  exit 1
fi
show
