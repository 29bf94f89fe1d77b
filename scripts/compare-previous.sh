#!/usr/bin/env bash
# Compares a published run with the previous published run of the same machine class and the same size (quick or
# full), printing the markdown comparison; bench finds that run from the runs' own env.json and run.json.
# Exit 1 when something regressed beyond the threshold, 0 when nothing did or when there is no earlier run to
# compare with, 2 bad input (e.g. an incomplete run).
# usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]   e.g. results/2026-11-22_2c-amd-epyc 5%
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]" >&2; exit 2; }
bench compare --previous "$1" --threshold "${2:-5%}"
