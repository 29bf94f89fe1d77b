//! Runs the built child with a spec and reads back its one protocol line.

use std::os::unix::process::CommandExt;
use std::process::{Command, Output};

use super::json::{self, Json};

pub const MODELS: [&str; 4] = ["rust-thread", "tokio", "tokio-ct", "async-std"];

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_rust-peer")
}

/// What one child run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The last protocol line (the parent reads it the same way).
    pub fn protocol_line(&self) -> Option<&str> {
        self.stdout.lines().rev().find(|l| l.starts_with("BENCH-RESULT ") || l.starts_with("BENCH-FAILURE "))
    }

    /// The parsed result, asserting the run succeeded.
    pub fn result(&self) -> Json {
        assert_eq!(self.code, 0, "child failed: {}\nstderr: {}", self.stdout, self.stderr);
        let line = self.protocol_line().unwrap_or_else(|| panic!("no protocol line in {:?}", self.stdout));
        let body = line.strip_prefix("BENCH-RESULT ").unwrap_or_else(|| panic!("not a result: {}", line));
        json::parse(body).unwrap_or_else(|e| panic!("unreadable result ({}): {}", e, body))
    }
}

pub fn run_args(args: &[&str]) -> Run {
    Run::of(Command::new(binary()).args(args).output().expect("the child starts"))
}

pub fn run_spec(spec: &str) -> Run {
    run_args(&["--spec", spec])
}

/// Runs the child restricted to CPU 0, as `taskset -c 0` would.
pub fn run_spec_on_cpu0(spec: &str) -> Run {
    let mut command = Command::new(binary());
    command.args(["--spec", spec]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(0, &mut set);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    Run::of(command.output().expect("the child starts"))
}

/// A spec with the common keys and the given model, metric, shape and shape fields (JSON members).
pub fn spec(model: &str, metric: &str, shape: &str, fields: &str, samples: usize) -> String {
    format!(
        r#"{{"protocol":2,"metric":"{}","model":"{}","shape":"{}","pinned":false,"warmup":1,"warmup_ms":0,"samples":{},{}}}"#,
        metric, model, shape, samples, fields
    )
}

/// The series of a result as (quantity, unit, samples).
pub fn series(result: &Json) -> Vec<(String, String, Vec<f64>)> {
    result
        .get("series")
        .and_then(Json::as_array)
        .expect("a series array")
        .iter()
        .map(|s| {
            let samples = s.get("samples").and_then(Json::as_array).expect("samples").iter().map(|v| v.as_f64().expect("numbers")).collect();
            (
                s.get("quantity").and_then(Json::as_str).expect("quantity").to_string(),
                s.get("unit").and_then(Json::as_str).expect("unit").to_string(),
                samples,
            )
        })
        .collect()
}
