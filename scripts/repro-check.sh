#!/usr/bin/env bash
# Our own reproducibility check: runs the quick table twice back to back (each run in fresh processes, its launches
# interleaved as always) and compares the second run with the first at a threshold (default 10%). A suite whose
# intervals are honest says "same" for nearly every cell of two runs of one commit on one machine. The comparison is
# recorded (compare --record) in the first run's rerun.json, so its report says how well it reproduced. With
# BENCH_TINY_SIZES=1 (test sizes) the runs are compared with --allow-partial, as compare refuses test-sized runs otherwise.
# usage: scripts/repro-check.sh [OUT_DIR] [THRESHOLD] [table options...]   e.g. scripts/repro-check.sh "" 10% --launches 3
# Exit code: 0 both runs measured and compare found no regression, 1 a run failed a scenario or compare found a
# regression, 2 bad input, 130 interrupted.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
out="${1:-}"
threshold="${2:-10%}"
shift 2 2>/dev/null || shift $#
[ -n "$out" ] || out="$ROOT/artifacts/repro/$(date -u +%Y%m%d-%H%M%S)"
for run in first second; do
  bench table --quick --out "$out/$run" "$@"
  status=$?
  if [ $status -ne 0 ]; then
    echo "repro-check: the $run quick run exited $status; not comparing" >&2
    exit $status
  fi
done
partial=()
[ "${BENCH_TINY_SIZES:-}" = 1 ] && partial=(--allow-partial)
bench compare "$out/first" "$out/second" --threshold "$threshold" --record "${partial[@]}"
status=$?
echo "repro-check: runs in $out/first and $out/second; compare exited $status"
# The report of the first run is written again, now with how well the second run reproduced it.
if [ $status -le 1 ]; then
  bench report "$out/first" >/dev/null || { status=$?; echo "repro-check: report of $out/first exited $status" >&2; }
fi
exit $status
