//! The child's two ways to end badly (peers/PROTOCOL.md sections 3 and 4): one `BENCH-FAILURE` line on
//! stdout, the same line on stderr, and exit code 2 (bad spec) or 3 (the scenario failed).
//!
//! A failure can be found on any thread (a unit that reads a wrong byte, a panic inside a tokio worker), so
//! the line is written and the process ends right there with `_exit`: no unwinding through a runtime, no
//! stack trace, no other thread left to print a second line.

use std::io::Write;

/// Exit code of a malformed spec.
pub const BAD_SPEC_EXIT: i32 = 2;

/// Exit code of a scenario that could not be measured.
pub const SCENARIO_FAILED_EXIT: i32 = 3;

/// Refuses the spec: `BENCH-FAILURE bad spec: <what>`, exit 2.
pub fn bad_spec(what: &str) -> ! {
    emit(&format!("bad spec: {}", what), BAD_SPEC_EXIT)
}

/// Reports a failed scenario: `BENCH-FAILURE <what>`, exit 3.
pub fn scenario_failed(what: &str) -> ! {
    emit(what, SCENARIO_FAILED_EXIT)
}

/// Turns every panic, on any thread, into a scenario failure line instead of a stack trace.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = if let Some(text) = info.payload().downcast_ref::<&str>() {
            (*text).to_string()
        } else if let Some(text) = info.payload().downcast_ref::<String>() {
            text.clone()
        } else {
            "a panic without a message".to_string()
        };
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        emit(&format!("panic: {}{}", message, place), SCENARIO_FAILED_EXIT)
    }));
}

fn emit(message: &str, exit_code: i32) -> ! {
    let line: String = message.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let _ = writeln!(out, "BENCH-FAILURE {}", line);
        let _ = out.flush();
    }
    let _ = writeln!(std::io::stderr(), "rust-peer: {}", line);
    // SAFETY: _exit ends the process without running anything else; both lines are already flushed.
    unsafe { libc::_exit(exit_code) }
}
