#!/usr/bin/env bash
# Publishes a finished run into results/<date>_<machine>/ and regenerates results/README.md.
# usage: scripts/publish.sh RUN_DIR [RESULTS_DIR]   (prints the published folder)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: scripts/publish.sh RUN_DIR [RESULTS_DIR]" >&2; exit 2; }
bench publish "$1" --results "${2:-$ROOT/results}" | tail -n 1
