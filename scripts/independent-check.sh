#!/usr/bin/env bash
# An independent check of the suite's `thread` column: the same creation, ping-pong and brigade workloads run by the
# C peer (peers/c, model c-thread, plain pthreads with no .NET runtime in the way), printed beside the suite's thread
# medians of a run, so a reader can see what the OS charges and what .NET adds on top. The table measures the C
# peer as a model of its own (`--models c-thread`); this script prints the comparison against an older run.
# usage: scripts/independent-check.sh [RUN_DIR]   (default: the newest folder under results/)
#        CHECK_REPEATS=N (odd, 1..101, default 11): samples per figure, after one warm-up run
# Exit code: 0 printed; 2 bad input or no C compiler; 1 the check program failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"

run="${1:-}"
if [ -z "$run" ]; then
  run="$(find "$ROOT/results" -mindepth 2 -maxdepth 2 -name results.csv -printf '%h\n' 2>/dev/null | sort | tail -n 1)"
fi
[ -n "$run" ] && [ -f "$run/results.csv" ] || { echo "independent-check: no results.csv in '${run:-results/}'" >&2; exit 2; }
{ command -v gcc && command -v make; } > /dev/null || { echo "independent-check: needs gcc and make (Debian: apt-get install gcc make)" >&2; exit 2; }
repeats="${CHECK_REPEATS:-11}"
[[ "$repeats" =~ ^[0-9]+$ ]] && [ "$repeats" -ge 1 ] && [ "$repeats" -le 101 ] && [ $((repeats % 2)) -eq 1 ] \
  || { echo "independent-check: CHECK_REPEATS must be an odd number from 1 to 101, not '$repeats'" >&2; exit 2; }

build="$ROOT/artifacts/independent-check"
mkdir -p "$build"
make -s -C "$ROOT/peers/c" BUILD="$build" > /dev/null || { echo "independent-check: building peers/c failed" >&2; exit 1; }
peer="$build/c-thread-peer"
cpu="$(taskset -cp $$ | sed 's/.*: //; s/[,-].*//')"

# measure NAME QUANTITY PINNED SHAPE_FIELDS: prints "NAME MEDIAN_NS" from one c-thread scenario.
measure() {
  local name="$1" quantity="$2" pinned="$3" fields="$4" line
  local spec="{\"protocol\":2,\"model\":\"c-thread\",\"pinned\":$pinned,\"warmup\":1,\"warmup_ms\":0,\"samples\":$repeats,$fields}"
  if [ "$pinned" = true ]; then line="$(taskset -c "$cpu" "$peer" --spec "$spec")"; else line="$("$peer" --spec "$spec")"; fi \
    || { echo "independent-check: the C peer failed: $line" >&2; exit 1; }
  # The peer prints each quantity as {"quantity":"Q","unit":"ns","samples":[...]}: take Q's samples, print the median.
  sed -n "s/.*{\"quantity\":\"$quantity\",\"unit\":\"ns\",\"samples\":\[\([^]]*\)\].*/\1/p" <<< "$line" | tr ',' '\n' | sort -g \
    | awk -v name="$name" '{ v[NR] = $1 } END { if (NR == 0) exit 1; printf "%s %.1f\n", name, v[(NR + 1) / 2] }' \
    || { echo "independent-check: no $quantity in the C peer's result" >&2; exit 1; }
}

brigade='"metric":"switch","shape":"brigade","units":500,"rounds":20'
pingpong='"metric":"switch","shape":"pingpong","round_trips":20000'
measured="$(
  measure creation-total total false '"metric":"creation","shape":"spawn-join","units":2000,"idle_runs":1,"idle_pause_us":0'
  for pinned in false true; do
    affinity="$([ "$pinned" = true ] && echo pinned || echo unpinned)"
    measure "brigade-$affinity-raw" raw "$pinned" "$brigade"
    measure "brigade-$affinity" net "$pinned" "$brigade"
    measure "pingpong-$affinity" switch "$pinned" "$pingpong"
  done
)"

# The suite's thread medians by variant (results.csv: metric,model,variant,median,...; ids never hold commas).
suite() { awk -F, -v metric="$1" -v variant="$2" '$1 == metric && $2 == "thread" && $3 == variant { print $4 }' "$run/results.csv"; }
show_us() {  # three significant digits without an exponent, as the reports show them
  awk -v ns="$1" 'BEGIN { if (ns == "") { print "not run"; exit } us = ns / 1000; a = us < 0 ? -us : us
    printf (a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g") " µs\n", us }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b <= 0) print "n/a"; else printf "%.2f×", a / b }'; }

echo "| operation | C pthreads, measured now | suite \`thread\` ($(basename "$run")) | suite / C |"
echo "|---|---:|---:|---:|"
while read -r name ns; do
  case "$name" in
    creation-*) metric=creation; variant="${name#creation-}" ;;
    *) metric=switch; variant="$name" ;;
  esac
  theirs="$(suite "$metric" "$variant")"
  echo "| $metric/$variant | $(show_us "$ns") | $(show_us "$theirs") | $(ratio "$theirs" "$ns") |"
done <<< "$measured"
echo
echo "C figures: median of $repeats samples after a warm-up (the c-thread peer, peers/c), on this machine now; the suite's are from the run named above."
