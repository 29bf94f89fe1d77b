#!/usr/bin/env bash
# What the scheduled benchmark job runs: the suite, publishing into results/, the comparison with the previous
# run of this machine class, and (on GitHub Actions) the report as the job summary.
# usage: scripts/ci-benchmark.sh [--quick|--full]   (default --full)
set -uo pipefail
source "$(dirname "$0")/lib.sh"
flavour="${1:---full}"
out="$ROOT/artifacts/runs/ci-$(date -u +%Y%m%d-%H%M%S)"
"$(dirname "$0")/run-suite.sh" "$out" "$flavour" | tail -n 3
table_status=${PIPESTATUS[0]}
[ -f "$out/results.csv" ] || { echo "the suite produced no results (exit $table_status)" >&2; exit 1; }
published="$("$(dirname "$0")/publish.sh" "$out")"
echo "published: $published"
"$(dirname "$0")/compare-previous.sh" "$published" > "$out/comparison.md"
compare_status=$?
cat "$out/comparison.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { cat "$published/report.md"; echo; echo "## Compared with the previous run"; echo; cat "$out/comparison.md"; } >> "$GITHUB_STEP_SUMMARY"
fi
# A failed scenario or a regression fails the job, after everything has been published and reported.
[ "$table_status" -eq 0 ] || exit "$table_status"
exit "$compare_status"
