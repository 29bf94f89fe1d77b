#!/usr/bin/env bash
# Compares a published run with the previous published run of the same machine class (the folder-name part
# after the date) and the same size (quick or full, from run.json), printing the markdown comparison.
# Exit 1 when something regressed beyond the threshold, 0 when nothing did or when there is no earlier run to
# compare with.
# usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]   e.g. results/2026-11-22_2c-amd-epyc 5%
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]" >&2; exit 2; }
new="$(cd "$1" && pwd)"
results="$(dirname "$new")"
name="$(basename "$new")"

# The run's size as run.json records it ("flavour": "full"); runs published before run.json existed have none.
flavour_of() { sed -n 's/.*"flavour": *"\([a-z]*\)".*/\1/p' "$1/run.json" 2>/dev/null | head -n 1; }
class_of() { local rest="${1#*_}"; echo "${rest%_[0-9][0-9][0-9][0-9][0-9][0-9]}"; }   # drop the date and a same-day time

class="$(class_of "$name")"
flavour="$(flavour_of "$new")"
previous=""
for dir in $(ls -1 "$results" | sort); do
  [ -d "$results/$dir" ] && [ -f "$results/$dir/samples.csv" ] || continue
  [ "$dir" = "$name" ] && break
  [ "$(class_of "$dir")" = "$class" ] && [ "$(flavour_of "$results/$dir")" = "$flavour" ] && previous="$dir"
done
if [ -z "$previous" ]; then
  echo "No earlier published ${flavour:-} run of machine class '$class' to compare $name with."
  exit 0
fi
bench compare "$results/$previous" "$new" --threshold "${2:-5%}"
