#!/usr/bin/env bash
# Compares a published run with the previous published run of the same machine class (the folder-name part
# after the date), printing the markdown comparison. Exit 1 when something regressed beyond the threshold,
# 0 when nothing did or when there is no earlier run to compare with.
# usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]   e.g. results/2026-11-22_2c-intel-xeon 5%
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: scripts/compare-previous.sh PUBLISHED_DIR [THRESHOLD]" >&2; exit 2; }
new="$(cd "$1" && pwd)"
results="$(dirname "$new")"
name="$(basename "$new")"
class="${name#*_}"          # drop the date
class="${class%_[0-9][0-9][0-9][0-9][0-9][0-9]}"   # drop a same-day time suffix
previous=""
for dir in $(ls -1 "$results" | sort); do
  [ -d "$results/$dir" ] && [ -f "$results/$dir/samples.csv" ] || continue
  [ "$dir" = "$name" ] && break
  rest="${dir#*_}"
  rest="${rest%_[0-9][0-9][0-9][0-9][0-9][0-9]}"
  [ "$rest" = "$class" ] && previous="$dir"
done
if [ -z "$previous" ]; then
  echo "No earlier published run of machine class '$class' to compare $name with."
  exit 0
fi
bench compare "$results/$previous" "$new" --threshold "${2:-5%}"
