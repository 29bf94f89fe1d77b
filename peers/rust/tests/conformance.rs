//! Conformance of the built child with peers/PROTOCOL.md: every model runs every shape at tiny sizes and
//! its result line has the shape's quantities in order, finite samples, the right counts; every hop and
//! every unit is checked inside the child (a miss is a BENCH-FAILURE, which fails these tests); memory is
//! read with every unit alive; malformed specs are refused with exit 2; `pinned` and the parent watch
//! behave as the protocol says. No speed is asserted.

mod support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::child::{self, run_args, run_spec, run_spec_on_cpu0, series, spec, MODELS};
use support::json::Json;

const SAMPLES: usize = 3;

/// Asserts the result has exactly `quantities`, in order, each with `count` finite samples.
fn assert_quantities(result: &Json, quantities: &[&str], count: usize) {
    assert_quantities_counted(result, quantities, |_| count);
}

/// Asserts the result has exactly `quantities`, in order, each with `count_of(quantity)` finite samples.
fn assert_quantities_counted(result: &Json, quantities: &[&str], count_of: impl Fn(&str) -> usize) {
    let series = series(result);
    let names: Vec<&str> = series.iter().map(|(q, _, _)| q.as_str()).collect();
    assert_eq!(names, quantities);
    for (quantity, unit, samples) in &series {
        assert!(!unit.is_empty());
        assert_eq!(samples.len(), count_of(quantity), "{} has {} samples", quantity, samples.len());
        assert!(samples.iter().all(|v| v.is_finite()), "{}: {:?}", quantity, samples);
    }
    let affinity = result.get("affinity").and_then(Json::as_str).expect("affinity");
    assert!(!affinity.is_empty() && affinity.split(',').all(|c| c.parse::<usize>().is_ok()), "affinity {}", affinity);
    assert!(result.get("processor_count").and_then(Json::as_f64).expect("processor_count") >= 1.0);
    assert!(result.get("runtime").and_then(Json::as_str).expect("runtime").starts_with("rust "));
}

fn value_of(result: &Json, quantity: &str) -> Vec<f64> {
    series(result).into_iter().find(|(q, _, _)| q == quantity).map(|(_, _, s)| s).unwrap_or_default()
}

#[test]
fn spawn_join_reports_every_phase_for_every_model() {
    for model in MODELS {
        const UNITS: usize = 40;
        let run = run_spec(&spec(model, "creation", "spawn-join", r#""units":40,"idle_runs":3,"idle_pause_us":500"#, SAMPLES));
        let result = run.result();
        let quantities = ["total", "spawn", "join", "batches-of-20", "one-at-a-time", "first-run", "first-run-each", "first-run-idle"];
        // first-run-each: every unit of each sample's one-at-a-time pass.
        assert_quantities_counted(&result, &quantities, |q| if q == "first-run-each" { SAMPLES * UNITS } else { SAMPLES });
        for (quantity, _, samples) in series(&result) {
            assert!(samples.iter().all(|v| *v > 0.0), "{}: a {} of no time", model, quantity);
        }
    }
}

#[test]
fn brigades_count_every_hop_for_every_model() {
    for model in MODELS {
        for shape in ["brigade", "brigade-pipe"] {
            let result = run_spec(&spec(model, "switch", shape, r#""units":30,"rounds":7"#, SAMPLES)).result();
            assert_quantities(&result, &["net", "raw", "baseline"], SAMPLES);
            let (net, raw, baseline) = (value_of(&result, "net"), value_of(&result, "raw"), value_of(&result, "baseline"));
            for i in 0..SAMPLES {
                assert!((net[i] - (raw[i] - baseline[i])).abs() < 1e-6 * raw[i].abs().max(1.0), "{} {}: net is not raw - baseline", model, shape);
            }
        }
        let result = run_spec(&spec(model, "switch", "brigade-mem", r#""units":50,"rounds":20"#, SAMPLES)).result();
        assert_quantities(&result, &["raw"], SAMPLES);
    }
}

#[test]
fn pingpong_and_yield_run_for_every_model() {
    for model in MODELS {
        const ROUND_TRIPS: usize = 500;
        let pingpong = format!(r#""round_trips":{}"#, ROUND_TRIPS);
        let result = run_spec(&spec(model, "switch", "pingpong", &pingpong, SAMPLES)).result();
        // round-trip-each: every round trip of the one timed pass after the samples.
        assert_quantities_counted(&result, &["switch", "round-trip-each"], |q| if q == "round-trip-each" { ROUND_TRIPS } else { SAMPLES });
        let counters = result.get("series").and_then(Json::as_array).expect("series")[0].get("counters").cloned();
        let counters = counters.expect("the first series carries counters");
        assert!(counters.get("voluntary_switches").and_then(Json::as_f64).is_some());
        let result = run_spec(&spec(model, "switch", "yield", r#""units":20,"yields":50"#, SAMPLES)).result();
        assert_quantities(&result, &["yield"], SAMPLES);
    }
}

#[test]
fn parked_memory_is_read_with_every_unit_alive() {
    const UNITS: usize = 400;
    /// Units of the child's warm-up pass, whose freed memory the measured pass may reuse.
    const WARMUP_UNITS: usize = 100;
    let memory = ["rss", "pss", "page-tables", "kernel", "kernel-system", "threads", "spawn-alive"];
    for model in MODELS {
        let mut rss = Vec::new();
        for (shape, touch) in [("parked", 0), ("parked-touch", 1024)] {
            let fields = format!(r#""units":{},"touch_bytes":{},"stack_bytes":0"#, UNITS, touch);
            let result = run_spec(&spec(model, "memory", shape, &fields, 1)).result();
            assert_quantities(&result, &memory, 1);
            let threads = value_of(&result, "threads")[0];
            // Thread units are OS threads, all alive at the reading; tasks add no thread per unit.
            if model == "rust-thread" {
                assert_eq!(threads, UNITS as f64, "{} {}", model, shape);
                assert!(value_of(&result, "rss")[0] >= (UNITS * 4096) as f64, "{} {}: every stack holds a page", model, shape);
            } else {
                assert!(threads < UNITS as f64 / 10.0, "{} {}: {} new threads", model, shape, threads);
            }
            assert!(value_of(&result, "spawn-alive")[0] > 0.0, "{} {}: spawn-alive", model, shape);
            rss.push(value_of(&result, "rss")[0]);
        }
        // A task keeps its touched 1 KiB in its future: parked-touch must show it (at least half of it, for the
        // units beyond the warm-up pass's); a thread keeps it in a stack page it had touched anyway.
        if model != "rust-thread" {
            let at_least = ((UNITS - WARMUP_UNITS) * 1024 / 2) as f64;
            assert!(rss[1] - rss[0] >= at_least, "{}: parked-touch {} B vs parked {} B", model, rss[1], rss[0]);
        }
    }
    let fields = format!(r#""units":{},"touch_bytes":0,"stack_bytes":65536"#, UNITS);
    let result = run_spec(&spec("rust-thread", "memory", "parked-small-stack", &fields, 1)).result();
    assert_eq!(value_of(&result, "threads")[0], UNITS as f64);
}

#[test]
fn stall_observes_every_tick_for_every_model_and_block() {
    for model in MODELS {
        for block in ["sleep", "spin", "wait"] {
            let fields = format!(r#""probes":2,"offenders":1,"block":"{}","hold_us":300,"window_ms":60,"tick_us":1000"#, block);
            let spec = spec(model, "stall", "stall", &fields, 1).replace(r#""warmup":1"#, r#""warmup":0"#);
            let result = run_spec(&spec).result();
            let names: Vec<String> = series(&result).into_iter().map(|(q, _, _)| q).collect();
            assert_eq!(names, ["lateness-baseline", "lateness", "hold", "holds"], "{} {}", model, block);
            let baseline = value_of(&result, "lateness-baseline");
            assert!(baseline.len() >= 10 && baseline.len() % 2 == 0, "{} {}: {} baseline samples", model, block, baseline.len());
            assert!(!value_of(&result, "lateness").is_empty());
            let holds = value_of(&result, "holds")[0];
            assert!(holds >= 1.0);
            assert_eq!(value_of(&result, "hold").len() as f64, holds, "one hold sample per hold counted");
            assert!(value_of(&result, "hold").iter().all(|h| *h >= 300_000.0 * 0.99), "{} {}: a hold shorter than asked", model, block);
        }
    }
}

#[test]
fn malformed_specs_are_refused_with_exit_2() {
    let good = spec("tokio", "switch", "pingpong", r#""round_trips":10"#, 1);
    let cases = vec![
        "not json".to_string(),
        "{".to_string(),
        good.replace(r#""protocol":2"#, r#""protocol":3"#),
        good.replace(r#","round_trips":10"#, ""),
        good.replace(r#""round_trips":10"#, r#""round_trips":10,"units":5"#),
        good.replace(r#""round_trips":10"#, r#""round_trips":"10""#),
        good.replace(r#""round_trips":10"#, r#""round_trips":-1"#),
        good.replace(r#""pingpong""#, r#""ping-pong""#),
        good.replace(r#""tokio""#, r#""tokyo""#),
        good.replace(r#""tokio""#, r#""green""#),
        good.replace(r#""switch""#, r#""creation""#),
        good.replace(r#""round_trips":10"#, r#""round_trips":{"n":10}"#),
        spec("tokio", "memory", "parked-small-stack", r#""units":5,"touch_bytes":0,"stack_bytes":65536"#, 1),
        spec("tokio", "stall", "stall", r#""probes":2,"offenders":1,"block":"spin","hold_us":1,"window_ms":3600000,"tick_us":1"#, 1),
        spec("tokio", "stall", "stall", r#""probes":2,"offenders":1,"block":"nap","hold_us":1,"window_ms":10,"tick_us":1000"#, 1),
        spec("tokio", "stall", "stall-offload", r#""probes":2,"offenders":1,"block":"spin","hold_us":1,"window_ms":10,"tick_us":1000"#, 1),
    ];
    for bad in &cases {
        let run = run_spec(bad);
        assert_eq!(run.code, 2, "{} exited {}: {}", bad, run.code, run.stdout);
        let line = run.protocol_line().unwrap_or_default();
        assert!(line.starts_with("BENCH-FAILURE bad spec: "), "{} printed {:?}", bad, run.stdout);
        assert_eq!(run.stdout.lines().count(), 1, "one line only");
        assert!(!run.stderr.contains("panicked") && !run.stderr.contains("backtrace"));
    }
    for args in [vec![], vec!["--spec"], vec!["--spec", &good, "extra"], vec!["--sepc", &good]] {
        let run = run_args(&args);
        assert_eq!(run.code, 2, "{:?}", args);
        assert!(run.protocol_line().unwrap_or_default().starts_with("BENCH-FAILURE bad spec: "));
    }
}

#[test]
fn pinned_needs_exactly_one_cpu() {
    let pinned = spec("tokio", "switch", "pingpong", r#""round_trips":50"#, 1).replace(r#""pinned":false"#, r#""pinned":true"#);
    let result = run_spec_on_cpu0(&pinned).result();
    assert_eq!(result.get("affinity").and_then(Json::as_str), Some("0"));
    assert_eq!(result.get("processor_count").and_then(Json::as_f64), Some(1.0));
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if cpus > 1 {
        let run = run_spec(&pinned);
        assert_eq!(run.code, 3, "{}", run.stdout);
        assert!(run.protocol_line().unwrap_or_default().starts_with("BENCH-FAILURE "));
    }
}

#[test]
fn the_parent_watch_ends_the_child_when_stdin_closes() {
    let long = spec("rust-thread", "stall", "stall", r#""probes":1,"offenders":1,"block":"sleep","hold_us":100,"window_ms":60000,"tick_us":1000"#, 1);
    let mut child = Command::new(child::binary())
        .args(["--spec", &long])
        .env("BENCH_PARENT_PIPE", "stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the child starts");
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().expect("status").is_none(), "the child ended before its parent left");
    drop(child.stdin.take());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("status") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the child outlived its parent by 10 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(125));
    let mut out = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("readable");
    assert!(!out.contains("BENCH-RESULT"));
}
