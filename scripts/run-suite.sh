#!/usr/bin/env bash
# Runs the suite's table into a fresh folder and prints the folder's path on the last line.
# usage: scripts/run-suite.sh [OUT_DIR] [table options...]   e.g. scripts/run-suite.sh "" --full
# Exit code: the table's (0 all measured, 1 some scenario failed, 2 bad input, 130 interrupted).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
out="${1:-}"
shift || true
[ -n "$out" ] || out="$ROOT/artifacts/runs/$(date -u +%Y%m%d-%H%M%S)"
bench table --out "$out" "$@"
status=$?
echo "$out"
exit $status
