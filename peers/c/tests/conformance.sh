#!/usr/bin/env bash
# Conformance of the c-thread peer to peers/PROTOCOL.md at tiny sizes: every shape runs and its BENCH-RESULT line
# parses with the right quantities (the peer itself fails a run in which a hop, a crossing or a unit is missing);
# memory readings have every unit alive; pinning and the parent watch behave; every kind of malformed spec gives
# `BENCH-FAILURE bad spec:` and exit 2.
# usage: tests/conformance.sh PATH/TO/c-thread-peer
set -uo pipefail
peer="${1:?usage: conformance.sh PATH/TO/c-thread-peer}"
here="$(cd "$(dirname "$0")" && pwd)"
command -v python3 > /dev/null || { echo "conformance: needs python3 to parse the result lines" >&2; exit 2; }
python="$(python3 -c 'import sys; print(sys.executable)')"  # the interpreter itself: a version manager's shim is slow to start
failures=0
common='"protocol":2,"model":"c-thread","pinned":false,"warmup":1,"warmup_ms":0,"samples":2'

fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# run_shape NAME SPEC_FIELDS CHECK_ARGS...: runs the spec, expects exit 0 and a conforming line.
run_shape() {
  local name="$1" fields="$2"; shift 2
  local out status
  out="$("$peer" --spec "{$common,$fields}" < /dev/null 2> /dev/null)"; status=$?
  if [ "$status" -ne 0 ]; then fail "$name: exit $status: $(tail -n 1 <<< "$out")"; return; fi
  local why
  why="$("$python" "$here/check_result.py" "$@" <<< "$out")" || { fail "$name: $why"; return; }
  echo "ok   $name"
}

run_shape spawn-join '"metric":"creation","shape":"spawn-join","units":50,"idle_runs":3,"idle_pause_us":1000' spawn-join 2 units=50
run_shape brigade '"metric":"switch","shape":"brigade","units":20,"rounds":3' brigade 2
run_shape brigade-pipe '"metric":"switch","shape":"brigade-pipe","units":20,"rounds":3' brigade-pipe 2
run_shape brigade-mem '"metric":"switch","shape":"brigade-mem","units":20,"rounds":3' brigade-mem 2
run_shape pingpong '"metric":"switch","shape":"pingpong","round_trips":200' pingpong 2 round_trips=200
run_shape yield '"metric":"switch","shape":"yield","units":10,"yields":20' yield 2
run_shape parked '"metric":"memory","shape":"parked","units":150,"touch_bytes":0,"stack_bytes":0' parked 1 expect_threads=150
run_shape parked-touch '"metric":"memory","shape":"parked-touch","units":150,"touch_bytes":1024,"stack_bytes":0' parked-touch 1 expect_threads=150
run_shape parked-small-stack '"metric":"memory","shape":"parked-small-stack","units":150,"touch_bytes":0,"stack_bytes":65536' parked-small-stack 1 expect_threads=150
for block in sleep spin wait; do
  run_shape "stall-$block" "\"metric\":\"stall\",\"shape\":\"stall\",\"probes\":2,\"offenders\":2,\"block\":\"$block\",\"hold_us\":500,\"window_ms\":40,\"tick_us\":1000" \
    stall 1 probes=2 window_ms=40 tick_us=1000
done

# Stress of the handoff shapes: random sizes, pinned to one CPU or not at random, so the relays' stop protocol and
# the hop and crossing checks meet many interleavings (the peer itself fails a run with a missing hop).
RANDOM=$$; echo "stress seed $$"
cpus=($("$python" -c 'import os; print(*sorted(os.sched_getaffinity(0)))'))
for round in 1 2 3; do
  units=$((1 + RANDOM % 300)); rounds=$((1 + RANDOM % 20))
  for fields in "\"metric\":\"switch\",\"shape\":\"brigade\",\"units\":$units,\"rounds\":$rounds" \
                "\"metric\":\"switch\",\"shape\":\"brigade-pipe\",\"units\":$units,\"rounds\":$rounds" \
                "\"metric\":\"switch\",\"shape\":\"brigade-mem\",\"units\":$units,\"rounds\":$rounds" \
                "\"metric\":\"switch\",\"shape\":\"pingpong\",\"round_trips\":$((1 + RANDOM % 5000))" \
                "\"metric\":\"switch\",\"shape\":\"yield\",\"units\":$((1 + RANDOM % 100)),\"yields\":$((1 + RANDOM % 100))"; do
    name="stress $round: ${fields:27:48}"
    if [ $((RANDOM % 2)) -eq 0 ]; then
      cpu="${cpus[$((RANDOM % ${#cpus[@]}))]}"
      out="$(taskset -c "$cpu" "$peer" --spec "{${common/\"pinned\":false/\"pinned\":true},$fields}" < /dev/null)"
    else
      out="$("$peer" --spec "{$common,$fields}" < /dev/null)"
    fi
    status=$?
    [ "$status" -eq 0 ] && grep -q '^BENCH-RESULT ' <<< "$out" && echo "ok   $name" || fail "$name: exit $status: $out"
  done
done

# Pinning: under taskset -c to one CPU a pinned spec runs; with more than one CPU allowed it fails (exit 3).
pingpong='"metric":"switch","shape":"pingpong","round_trips":50'
pinned_common="${common/\"pinned\":false/\"pinned\":true}"
cpu="$("$python" -c 'import os; print(min(os.sched_getaffinity(0)))')"
out="$(taskset -c "$cpu" "$peer" --spec "{$pinned_common,$pingpong}" < /dev/null)"
if [ $? -eq 0 ] && grep -q "\"affinity\":\"$cpu\"" <<< "$out"; then echo "ok   pinned under taskset"; else fail "pinned under taskset: $out"; fi
if [ "$("$python" -c 'import os; print(len(os.sched_getaffinity(0)))')" -gt 1 ]; then
  out="$("$peer" --spec "{$pinned_common,$pingpong}" < /dev/null)"; status=$?
  if [ "$status" -eq 3 ] && [[ "$out" == "BENCH-FAILURE "*"pinned"* ]]; then echo "ok   pinned without taskset fails"; else fail "pinned without taskset: exit $status: $out"; fi
fi

# Parent watch: EOF on stdin ends a long scenario with 125; a stdin held open does not.
long='"metric":"switch","shape":"pingpong","round_trips":1000000000'
start=$SECONDS
BENCH_PARENT_PIPE=stdin timeout 20 "$peer" --spec "{$common,$long}" < /dev/null > /dev/null; status=$?
if [ "$status" -eq 125 ] && [ $((SECONDS - start)) -lt 10 ]; then echo "ok   parent gone exits 125"; else fail "parent gone: exit $status"; fi
exec 3< <(sleep 60)  # a parent that keeps the write end open and never writes
holder=$!
BENCH_PARENT_PIPE=stdin "$peer" --spec "{$common,$pingpong}" <&3 > /dev/null; status=$?
exec 3<&-
kill "$holder" 2> /dev/null
if [ "$status" -eq 0 ]; then echo "ok   parent present runs to the end"; else fail "parent present: exit $status"; fi

# Bad input: one BENCH-FAILURE bad spec line and exit 2, for every kind of malformed spec.
good="{$common,$pingpong}"
bad_specs=(
  'not json'
  '{"protocol":2'
  "${good%\}},\"extra\":1}"
  "${good/,\"round_trips\":50/}"
  "${good/\"round_trips\":50/\"round_trips\":\"50\"}"
  "${good/\"round_trips\":50/\"round_trips\":5.5}"
  "${good/\"round_trips\":50/\"round_trips\":0}"
  "${good/\"round_trips\":50/\"round_trips\":99999999999999999999999}"
  "${good/\"round_trips\":50/\"round_trips\":[50]}"
  "${good/\"pinned\":false/\"pinned\":0}"
  "${good/\"protocol\":2/\"protocol\":1}"
  "${good/\"model\":\"c-thread\"/\"model\":\"go\"}"
  "${good/\"shape\":\"pingpong\"/\"shape\":\"stall-offload\"}"
  "${good/\"metric\":\"switch\"/\"metric\":\"memory\"}"
  "${good%\}},\"round_trips\":51}"
  "$good trailing"
)
for spec in "${bad_specs[@]}"; do
  out="$("$peer" --spec "$spec" < /dev/null 2>&1)"; status=$?
  if [ "$status" -eq 2 ] && [[ "$out" == "BENCH-FAILURE bad spec: "* ]] && [ "$(wc -l <<< "$out")" -eq 1 ]; then
    echo "ok   bad spec refused: $out"
  else
    fail "bad spec '$spec': exit $status: $out"
  fi
done
out="$("$peer" 2>&1)"; status=$?
[ "$status" -eq 2 ] && [[ "$out" == "BENCH-FAILURE bad spec: "* ]] && echo "ok   no arguments refused" || fail "no arguments: exit $status: $out"

[ "$failures" -eq 0 ] && echo "conformance: all passed" || { echo "conformance: $failures failed"; exit 1; }
