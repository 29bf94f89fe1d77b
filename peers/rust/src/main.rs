//! The Rust peer's scenario child: `rust-peer --spec '<JSON>'` runs one scenario of peers/PROTOCOL.md under
//! one of the models rust-thread, tokio, tokio-ct, async-std, and prints one `BENCH-RESULT` line (exit 0),
//! or one `BENCH-FAILURE` line (exit 2 for a bad spec, 3 for a failed scenario).

mod affinity;
mod async_model;
mod clock;
mod failure;
mod fd_link;
mod flat_json;
mod model;
mod models;
mod process_memory;
mod report;
mod runtimes;
mod rusage;
mod scenario;
mod spec;
mod stall;
mod sync;
#[cfg(test)]
mod test_random;
mod threads;
mod touched_state;
mod watchdog;

use std::io::Write;

fn main() {
    failure::install_panic_hook();
    watchdog::start_if_asked();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = match args.as_slice() {
        [flag, value] if flag == "--spec" => value.clone(),
        _ => failure::bad_spec("usage: rust-peer --spec '<JSON>' (one flat JSON object, peers/PROTOCOL.md)"),
    };
    let spec = spec::Spec::parse(&json).unwrap_or_else(|e| failure::bad_spec(&e));
    let line = scenario::run(&spec).and_then(|report| report.to_line()).unwrap_or_else(|e| failure::scenario_failed(&e));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if writeln!(out, "{}", line).and_then(|_| out.flush()).is_err() {
        std::process::exit(failure::SCENARIO_FAILED_EXIT);
    }
    drop(out);
    // The runtimes' worker threads are not torn down one by one: the result is out, the process ends.
    std::process::exit(0);
}
