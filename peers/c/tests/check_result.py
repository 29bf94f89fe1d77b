#!/usr/bin/env python3
"""Checks one BENCH-RESULT line (stdin) against peers/PROTOCOL.md section 3 for one shape.

usage: check_result.py SHAPE SAMPLES [key=value ...]   (the spec's shape fields, for count checks)
Prints one line saying what is wrong and exits 1, or exits 0.
"""
import json
import math
import os
import sys

QUANTITIES = {
    "spawn-join": [("total", "ns"), ("spawn", "ns"), ("join", "ns"), ("batches-of-20", "ns"), ("one-at-a-time", "ns"),
                   ("first-run", "ns"), ("first-run-each", "ns"), ("first-run-idle", "ns")],
    "brigade": [("net", "ns"), ("raw", "ns"), ("baseline", "ns")],
    "brigade-pipe": [("net", "ns"), ("raw", "ns"), ("baseline", "ns")],
    "brigade-mem": [("raw", "ns")],
    "pingpong": [("switch", "ns"), ("round-trip-each", "ns")],
    "yield": [("yield", "ns")],
    "parked": None, "parked-touch": None, "parked-small-stack": None,
    "stall": [("lateness-baseline", "ns"), ("lateness", "ns"), ("hold", "ns"), ("holds", "holds")],
}
MEMORY = [("rss", "B"), ("pss", "B"), ("page-tables", "B"), ("kernel", "B"), ("kernel-system", "B"), ("threads", "threads"),
          ("spawn-alive", "ns")]
COUNTERS = {"voluntary_switches", "involuntary_switches", "work_items", "lock_contentions"}


def fail(message):
    print(message)
    sys.exit(1)


def main():
    shape, samples = sys.argv[1], int(sys.argv[2])
    fields = dict(arg.split("=", 1) for arg in sys.argv[3:])
    lines = [l for l in sys.stdin.read().splitlines() if l.startswith("BENCH-RESULT ")]
    if len(lines) != 1:
        fail(f"expected one BENCH-RESULT line, got {len(lines)}")
    result = json.loads(lines[0][len("BENCH-RESULT "):])
    if set(result) - {"series", "affinity", "processor_count", "runtime"}:
        fail(f"unknown keys {sorted(set(result))}")
    expected_cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))
    if result["affinity"] != expected_cpus:
        fail(f"affinity {result['affinity']!r}, expected {expected_cpus!r}")
    if not isinstance(result["processor_count"], int) or result["processor_count"] < 1:
        fail(f"processor_count {result['processor_count']!r}")
    series = {s["quantity"]: s for s in result["series"]}
    wanted = MEMORY if QUANTITIES[shape] is None else QUANTITIES[shape]
    names = [s["quantity"] for s in result["series"]]
    order = [q for q, _ in wanted if q in series]
    if names != order or (shape != "stall" and len(names) != len(wanted)):
        fail(f"quantities {names}, expected {[q for q, _ in wanted]} in that order")
    for q, unit in wanted:
        if q not in series:
            continue
        s = series[q]
        if s["unit"] != unit:
            fail(f"{q}: unit {s['unit']!r}, expected {unit!r}")
        if not s["samples"] or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in s["samples"]):
            fail(f"{q}: samples must be finite numbers, got {s['samples'][:5]}")
        if set(s.get("counters", {})) - COUNTERS:
            fail(f"{q}: unknown counters {sorted(s['counters'])}")
    check_shape(shape, samples, fields, series)


def check_shape(shape, samples, fields, series):
    if QUANTITIES[shape] is None:  # memory: one reading with every unit alive
        for q, _ in MEMORY:
            if len(series[q]["samples"]) != 1:
                fail(f"{q}: a memory shape reports one sample")
        if fields.get("expect_threads") is not None and series["threads"]["samples"][0] != int(fields["expect_threads"]):
            fail(f"threads {series['threads']['samples'][0]}, expected {fields['expect_threads']} (all units alive)")
        if series["rss"]["samples"][0] <= 0:
            fail(f"rss grew by {series['rss']['samples'][0]} with every unit alive")
        if series["spawn-alive"]["samples"][0] <= 0:
            fail(f"spawn-alive {series['spawn-alive']['samples'][0]} ns per unit")
        return
    if shape == "stall":
        per_phase = int(fields["probes"]) * int(fields["window_ms"]) * 1000 // int(fields["tick_us"])
        for q in ("lateness-baseline", "lateness"):
            if len(series[q]["samples"]) != per_phase:
                fail(f"{q}: {len(series[q]['samples'])} observations, expected {per_phase} (every tick of every probe)")
            if min(series[q]["samples"]) < 0:  # a probe runs after the ticker woke at the deadline, on one clock
                fail(f"{q}: a probe ran {-min(series[q]['samples'])} ns before its tick's deadline")
        holds = series["holds"]["samples"]
        if len(holds) != 1 or holds[0] != len(series.get("hold", {"samples": []})["samples"]):
            fail(f"holds {holds} does not count the {len(series.get('hold', {'samples': []})['samples'])} holds measured")
        return
    for q, s in series.items():
        # first-run-each: every unit of each sample's one-at-a-time pass; round-trip-each: every round trip of the
        # one timed pass after the samples
        expected = (samples * int(fields["units"]) if q == "first-run-each"
                    else int(fields["round_trips"]) if q == "round-trip-each" else samples)
        if len(s["samples"]) != expected:
            fail(f"{q}: {len(s['samples'])} samples, expected {expected}")
        if min(s["samples"]) <= 0 and q != "net":
            fail(f"{q}: a time of {min(s['samples'])} ns")
    if "net" in series:
        for net, raw, base in zip(series["net"]["samples"], series["raw"]["samples"], series["baseline"]["samples"]):
            if abs(net - (raw - base)) > 1e-6 * max(1.0, abs(raw)):
                fail(f"net {net} is not raw {raw} minus baseline {base}")


if __name__ == "__main__":
    main()
