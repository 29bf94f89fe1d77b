//! The stall shape's instrument, the same under every model: probe units wait on their handoffs, a ticker
//! OS thread with absolute deadlines every `tick_us` sends each probe its tick number, and each probe
//! records when the tick reached it. Lateness is from the tick's deadline to its probe running.
//!
//! Phases (counterbalanced, each `window_ms / 2`): baseline, offended, offended, baseline. The offenders run
//! through both offended phases; ticks due while they are being stopped and joined belong to no phase. Each
//! quantity lists its two phases' ticks in tick order, one sample per tick and probe.

pub mod hold;
pub mod hold_timer;
pub mod ticker;

use crate::spec::BlockKind;

/// What one stall run does.
#[derive(Clone, Debug)]
pub struct StallPlan {
    pub probes: usize,
    pub offenders: usize,
    pub block: BlockKind,
    pub hold_ns: u64,
    /// Total of the two offended phases; each baseline phase is half of it.
    pub window_ns: u64,
    pub tick_ns: u64,
}

impl StallPlan {
    /// Ticks the ticker may send: all four phases, the last holds the offenders finish after the stop
    /// (each offender's current one, and a phase end that waits on a cooperative worker), plus a second.
    pub fn tick_capacity(&self) -> usize {
        ((2 * self.window_ns + 2 * self.hold_ns + 1_000_000_000) / self.tick_ns) as usize
    }
}

/// When the phases began and ended (CLOCK_MONOTONIC ns), as the driver saw them.
#[derive(Clone, Copy, Debug)]
pub struct Phases {
    pub offended_start: u64,
    pub offended_stop: u64,
    pub second_baseline_start: u64,
    pub end: u64,
}

/// The observations of one stall run.
pub struct StallRun {
    pub baseline: Vec<f64>,
    pub offended: Vec<f64>,
    pub holds: Vec<f64>,
}

/// Sorts every tick's lateness into its phase; every tick sent must have reached every probe.
pub fn classify(log: &ticker::ProbeLog, ticks: usize, first_deadline: u64, tick_ns: u64, phases: Phases) -> Result<(Vec<f64>, Vec<f64>), String> {
    let mut first_baseline = Vec::new();
    let mut second_baseline = Vec::new();
    let mut offended = Vec::new();
    for tick in 0..ticks {
        let deadline = first_deadline + tick as u64 * tick_ns;
        let phase = if deadline < phases.offended_start {
            &mut first_baseline
        } else if deadline <= phases.offended_stop {
            &mut offended
        } else if deadline >= phases.second_baseline_start && deadline <= phases.end {
            &mut second_baseline
        } else {
            continue;
        };
        for probe in 0..log.probes() {
            let received = log.received(probe, tick);
            if received == 0 {
                return Err(format!("probe {} never received tick {} of {}", probe, tick, ticks));
            }
            phase.push(received as f64 - deadline as f64);
        }
    }
    first_baseline.extend(second_baseline);
    Ok((first_baseline, offended))
}
