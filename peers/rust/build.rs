//! Records what the binary was built with (rustc, tokio and async-std versions), so the child can name its
//! runtime in the result line without a hand-written version string that could go stale.

use std::env;
use std::fs;
use std::path::Path;
use std::process::Command;

fn main() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let rustc_version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=PEER_RUSTC_VERSION={}", rustc_version);

    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let lock = fs::read_to_string(Path::new(&manifest_dir).join("Cargo.lock")).unwrap_or_default();
    for (crate_name, variable) in [("tokio", "PEER_TOKIO_VERSION"), ("async-std", "PEER_ASYNC_STD_VERSION")] {
        println!("cargo:rustc-env={}={}", variable, locked_version(&lock, crate_name));
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
}

/// The version Cargo.lock pins for `crate_name`: the `version = "..."` line after its `name = "..."` line.
fn locked_version(lock: &str, crate_name: &str) -> String {
    let name_line = format!("name = \"{}\"", crate_name);
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines.next().and_then(|v| v.trim().strip_prefix("version = \"")) {
                return version.trim_end_matches('"').to_string();
            }
        }
    }
    "unknown".to_string()
}
