#!/usr/bin/env bash
# What the scheduled benchmark job runs: the suite, publishing into results/, the comparison with the previous
# run of this machine class and size, and (on GitHub Actions) the report as the job summary.
# usage: scripts/ci-benchmark.sh [--quick|--full]   (default --full)
# Exit code: 0 all measured and nothing regressed; 1 a scenario failed or something regressed; otherwise the
# failing step's code (the suite's 2 bad input or 130 interrupted, publish's, compare's).
set -euo pipefail
here="$(dirname "$0")"
source "$here/lib.sh"
size="${1:---full}"
out="$ROOT/artifacts/runs/ci-$(date -u +%Y%m%d-%H%M%S)"

# The suite's own progress goes to the log as it happens; its last line is the run folder.
set +e
"$here/run-suite.sh" "$out" "$size"
table_status=$?
set -e
case "$table_status" in
  0|1) ;;                                   # all measured / some scenario failed: publish what was measured
  *) echo "the suite did not finish (exit $table_status); nothing published" >&2; exit "$table_status" ;;
esac
[ -f "$out/results.csv" ] || { echo "the suite produced no results (exit $table_status)" >&2; exit 1; }

published="$("$here/publish.sh" "$out")"        # set -e: a failed publish fails the job here
[ -n "$published" ] && [ -d "$published" ] || { echo "publish printed no folder" >&2; exit 1; }
echo "published: $published"

set +e
bench compare --previous "$published" > "$out/comparison.md"
compare_status=$?
set -e
cat "$out/comparison.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { cat "$published/report.md"; echo; echo "## Compared with the previous run"; echo; cat "$out/comparison.md"; } >> "$GITHUB_STEP_SUMMARY"
fi
# A failed scenario or a regression fails the job, after everything has been published and reported.
[ "$table_status" -eq 0 ] || exit "$table_status"
exit "$compare_status"
