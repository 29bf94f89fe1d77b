//! Runs one checked spec inside this child: the warm-up runs that are thrown away (at least `warmup` of
//! them and for at least `warmup_ms`), then the samples, then the series in the order of the protocol's
//! table. Mirrors harness/Harness/Scenarios/ScenarioRunner.cs; Rust has no garbage collector, so there is
//! no settle step.

use crate::affinity;
use crate::clock;
use crate::model::{Model, BLANDY_BATCH};
use crate::models;
use crate::process_memory::ProcessMemory;
use crate::report::{Report, Series};
use crate::rusage::CounterTally;
use crate::spec::{BlockKind, Shape, Spec, Transport};
use crate::stall::StallPlan;

pub fn run(spec: &Spec) -> Result<Report, String> {
    let cpus = affinity::allowed_cpus();
    if spec.pinned && cpus.len() != 1 {
        return Err(format!(
            "the spec says pinned, but this process may run on {} CPUs ({})",
            cpus.len(),
            affinity::describe(&cpus)
        ));
    }
    let model = models::create(spec.model, cpus.len())?;
    let model = model.as_ref();
    let series = match &spec.shape {
        Shape::SpawnJoin { units, idle_runs, idle_pause_us } => creation(model, spec, *units, *idle_runs, idle_pause_us * 1000)?,
        Shape::Brigade { transport, units, rounds } => brigade(model, spec, *transport, *units, *rounds)?,
        Shape::BrigadeMem { units, rounds } => brigade_mem(model, spec, *units, *rounds)?,
        Shape::PingPong { round_trips } => pingpong(model, spec, *round_trips)?,
        Shape::Yield { units, yields } => yield_storm(model, spec, *units, *yields)?,
        Shape::Parked { units, touch_bytes, stack_bytes } => parked(model, *units, *touch_bytes > 0, *stack_bytes)?,
        Shape::Stall { .. } => stall(model, spec, &spec.shape.stall_plan().expect("a stall shape"))?,
    };
    Ok(Report { series, affinity: affinity::describe(&cpus), processor_count: model.processor_count(), runtime: model.runtime() })
}

/// Runs `once` at least `spec.warmup` times and for at least `min(spec.warmup_ms, cap_ms)`.
fn warm_up(spec: &Spec, cap_ms: u64, mut once: impl FnMut() -> Result<(), String>) -> Result<(), String> {
    let start = clock::now_ns();
    let until = start + spec.warmup_ms.min(cap_ms) * 1_000_000;
    let mut runs = 0;
    while runs < spec.warmup || clock::now_ns() < until {
        once()?;
        runs += 1;
    }
    Ok(())
}

const NO_CAP: u64 = u64::MAX / 2_000_000;

/// The middle value (the upper one of an even count, as the .NET child takes it).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).expect("finite delays"));
    values[values.len() / 2]
}

fn creation(model: &dyn Model, spec: &Spec, units: usize, idle_runs: usize, idle_pause_ns: u64) -> Result<Vec<Series>, String> {
    warm_up(spec, NO_CAP, || {
        model.creation(units)?;
        model.one_at_a_time(units, 0).map(|_| ())
    })?;
    model.one_at_a_time(2, idle_pause_ns)?;
    let mut tally = CounterTally::default();
    let (mut total, mut spawn, mut join) = (vec![], vec![], vec![]);
    let (mut batched, mut one_at_a_time, mut first_run, mut first_run_each, mut first_run_idle) = (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..spec.samples {
        let batch = tally.measure(units as u64, || model.creation(units))?;
        if batch.ran != units {
            return Err(format!("only {} of {} units ran", batch.ran, units));
        }
        total.push(batch.total_ns / units as f64);
        spawn.push(batch.spawn_ns / units as f64);
        join.push(batch.join_ns / units as f64);
        batched.push(model.in_batches(units, BLANDY_BATCH)?);
        let single = model.one_at_a_time(units, 0)?;
        first_run_each.extend_from_slice(&single.first_run);
        one_at_a_time.push(median(single.joined));
        first_run.push(median(single.first_run));
        first_run_idle.push(median(model.one_at_a_time(idle_runs, idle_pause_ns)?.first_run));
    }
    Ok(vec![
        Series::new("total", "ns", total).with_counters(tally.per_operation()),
        Series::new("spawn", "ns", spawn),
        Series::new("join", "ns", join),
        Series::new("batches-of-20", "ns", batched),
        Series::new("one-at-a-time", "ns", one_at_a_time),
        Series::new("first-run", "ns", first_run),
        Series::new("first-run-each", "ns", first_run_each),
        Series::new("first-run-idle", "ns", first_run_idle),
    ])
}

fn brigade(model: &dyn Model, spec: &Spec, transport: Transport, units: usize, rounds: usize) -> Result<Vec<Series>, String> {
    let mut chain = model.byte_chain(transport, units)?;
    let mut baseline = model.baseline(transport, units + 1)?;
    warm_up(spec, NO_CAP, || {
        baseline.run_rounds(rounds)?;
        chain.run_rounds(rounds).map(|_| ())
    })?;
    let transfers = ((units + 1) * rounds) as f64;
    let mut tally = CounterTally::default();
    let (mut net, mut raw, mut base) = (vec![], vec![], vec![]);
    for _ in 0..spec.samples {
        let pair = baseline.run_rounds(rounds)? / transfers;
        let hop = tally.measure(transfers as u64, || chain.run_rounds(rounds))? / transfers;
        net.push(hop - pair);
        raw.push(hop);
        base.push(pair);
    }
    chain.stop()?;
    Ok(vec![
        Series::new("net", "ns", net).with_counters(tally.per_operation()),
        Series::new("raw", "ns", raw),
        Series::new("baseline", "ns", base),
    ])
}

fn brigade_mem(model: &dyn Model, spec: &Spec, units: usize, rounds: usize) -> Result<Vec<Series>, String> {
    let mut chain = model.memory_chain(units)?;
    warm_up(spec, NO_CAP, || chain.run_rounds(rounds).map(|_| ()))?;
    let transfers = ((units + 1) * rounds) as f64;
    let mut tally = CounterTally::default();
    let mut raw = vec![];
    for _ in 0..spec.samples {
        raw.push(tally.measure(transfers as u64, || chain.run_rounds(rounds))? / transfers);
    }
    chain.stop()?;
    Ok(vec![Series::new("raw", "ns", raw).with_counters(tally.per_operation())])
}

fn pingpong(model: &dyn Model, spec: &Spec, round_trips: usize) -> Result<Vec<Series>, String> {
    let mut pingpong = model.pingpong()?;
    warm_up(spec, NO_CAP, || pingpong.exchange(round_trips, false).map(|_| ()))?;
    let crossings = 2 * round_trips as u64;
    let mut tally = CounterTally::default();
    let mut switch = vec![];
    for _ in 0..spec.samples {
        let before = pingpong.switches();
        switch.push(tally.measure(crossings, || pingpong.exchange(round_trips, false).map(|(elapsed, _)| elapsed))? / crossings as f64);
        let crossed = pingpong.switches() - before;
        if crossed != crossings {
            return Err(format!("{} tokens crossed, expected {}", crossed, crossings));
        }
    }
    // After the samples, so their clock is not read per trip: one pass that times every round trip.
    let (_, round_trip_each) = pingpong.exchange(round_trips, true)?;
    pingpong.stop()?;
    Ok(vec![
        Series::new("switch", "ns", switch).with_counters(tally.per_operation()),
        Series::new("round-trip-each", "ns", round_trip_each),
    ])
}

fn yield_storm(model: &dyn Model, spec: &Spec, units: usize, yields: usize) -> Result<Vec<Series>, String> {
    warm_up(spec, NO_CAP, || model.yield_storm(units, yields).map(|_| ()))?;
    let total = (units * yields) as u64;
    let mut tally = CounterTally::default();
    let mut per_yield = vec![];
    for _ in 0..spec.samples {
        per_yield.push(tally.measure(total, || model.yield_storm(units, yields))? / total as f64);
    }
    Ok(vec![Series::new("yield", "ns", per_yield).with_counters(tally.per_operation())])
}

/// Units of the small pass that brings code paths and allocators to their steady state before the reading.
const MEMORY_WARMUP_UNITS: usize = 100;

fn parked(model: &dyn Model, units: usize, touch: bool, stack_bytes: usize) -> Result<Vec<Series>, String> {
    model.parked(units.min(MEMORY_WARMUP_UNITS), touch, stack_bytes)?;
    let r = model.parked(units, touch, stack_bytes)?;
    if r.started_at_reading != units || r.finished_at_reading != 0 || r.finished_after_join != units {
        return Err(format!(
            "units were not all parked at the reading: started {}, finished {}, finished after join {} of {}",
            r.started_at_reading, r.finished_at_reading, r.finished_after_join, units
        ));
    }
    let (b, p) = (&r.before, &r.parked);
    Ok(vec![
        Series::new("rss", "B", vec![(p.rss_bytes - b.rss_bytes) as f64]),
        Series::new("pss", "B", vec![(p.pss_bytes - b.pss_bytes) as f64]),
        Series::new("page-tables", "B", vec![(p.page_table_bytes - b.page_table_bytes) as f64]),
        Series::new("kernel", "B", vec![ProcessMemory::kernel_estimate(b, p)]),
        Series::new("kernel-system", "B", vec![ProcessMemory::kernel_system_delta(b, p) as f64]),
        Series::new("threads", "threads", vec![(p.threads - b.threads) as f64]),
        Series::new("spawn-alive", "ns", vec![r.spawn_alive_ns]),
    ])
}

/// Warm-up stall runs hold for only this long, so the code paths run but nothing is starved before the
/// measurement, and last this long in all (four phases).
const STALL_WARMUP_HOLD_NS: u64 = 1_000;
const STALL_WARMUP_WINDOW_NS: u64 = 30_000_000;
const STALL_WARMUP_CAP_MS: u64 = 500;

/// Fewest baseline observations a stall run must have to be judged.
const MIN_BASELINE_OBSERVATIONS: usize = 10;

fn stall(model: &dyn Model, spec: &Spec, plan: &StallPlan) -> Result<Vec<Series>, String> {
    if plan.block == BlockKind::Wait {
        crate::stall::hold_timer::start();
    }
    let warmup = StallPlan { hold_ns: STALL_WARMUP_HOLD_NS, window_ns: STALL_WARMUP_WINDOW_NS.max(4 * plan.tick_ns), ..plan.clone() };
    warm_up(spec, STALL_WARMUP_CAP_MS, || model.stall(&warmup).map(|_| ()))?;
    let run = model.stall(plan)?;
    if run.baseline.len() < MIN_BASELINE_OBSERVATIONS || run.offended.is_empty() {
        return Err(format!(
            "too few probe observations: {} baseline, {} while offended",
            run.baseline.len(),
            run.offended.len()
        ));
    }
    let holds = run.holds.len() as f64;
    let mut series = vec![Series::new("lateness-baseline", "ns", run.baseline), Series::new("lateness", "ns", run.offended)];
    if !run.holds.is_empty() {
        series.push(Series::new("hold", "ns", run.holds));
    }
    series.push(Series::new("holds", "holds", vec![holds]));
    Ok(series)
}
