//! One reading of where this process's memory is, and the kernel-side estimate, computed as the .NET
//! harness computes it (harness/Harness/Measurement/ProcessMemory.cs): resident memory from
//! /proc/self/smaps_rollup, page tables and threads from /proc/self/status, the system-wide kernel counters
//! a thread costs from /proc/meminfo, a kernel stack's share (KernelStack / the system's threads from
//! /proc/loadavg) and a task_struct's slab bytes (/proc/slabinfo, readable by root; 0 where it is not).

use std::collections::HashMap;
use std::fs;

#[derive(Clone, Copy, Debug, Default)]
pub struct ProcessMemory {
    pub rss_bytes: i64,
    pub pss_bytes: i64,
    pub page_table_bytes: i64,
    pub threads: i64,
    pub system_kernel_stack_bytes: i64,
    pub system_page_table_bytes: i64,
    pub system_slab_unreclaimable_bytes: i64,
    pub kernel_stack_per_thread_bytes: f64,
    pub task_struct_bytes: f64,
}

impl ProcessMemory {
    pub fn read() -> Result<ProcessMemory, String> {
        let rollup = parse_kib(&read_text("/proc/self/smaps_rollup")?);
        let status = parse_kib(&read_text("/proc/self/status")?);
        let meminfo = parse_kib(&read_text("/proc/meminfo")?);
        let get = |map: &HashMap<String, i64>, key: &str| map.get(key).copied().unwrap_or(0);
        let kernel_stack = get(&meminfo, "KernelStack") * 1024;
        Ok(ProcessMemory {
            rss_bytes: get(&rollup, "Rss") * 1024,
            pss_bytes: get(&rollup, "Pss") * 1024,
            page_table_bytes: get(&status, "VmPTE") * 1024,
            threads: get(&status, "Threads"),
            system_kernel_stack_bytes: kernel_stack,
            system_page_table_bytes: get(&meminfo, "PageTables") * 1024,
            system_slab_unreclaimable_bytes: get(&meminfo, "SUnreclaim") * 1024,
            kernel_stack_per_thread_bytes: kernel_stack_per_thread(kernel_stack),
            task_struct_bytes: slab_bytes_per_object("task_struct", "/proc/slabinfo"),
        })
    }

    /// This process's kernel memory added from `before` to `after`, estimated: new threads times (kernel
    /// stack + task_struct), plus the measured growth of its page tables.
    pub fn kernel_estimate(before: &ProcessMemory, after: &ProcessMemory) -> f64 {
        (after.threads - before.threads) as f64 * (after.kernel_stack_per_thread_bytes + after.task_struct_bytes)
            + (after.page_table_bytes - before.page_table_bytes) as f64
    }

    /// The system's KernelStack + PageTables + SUnreclaim delta from `before` to `after`.
    pub fn kernel_system_delta(before: &ProcessMemory, after: &ProcessMemory) -> i64 {
        (after.system_kernel_stack_bytes - before.system_kernel_stack_bytes)
            + (after.system_page_table_bytes - before.system_page_table_bytes)
            + (after.system_slab_unreclaimable_bytes - before.system_slab_unreclaimable_bytes)
    }
}

fn read_text(path: &str) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {}", path, e))
}

/// System KernelStack divided by the system's threads (/proc/loadavg's total scheduling entities).
fn kernel_stack_per_thread(kernel_stack_bytes: i64) -> f64 {
    let threads = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split(' ').nth(3).and_then(|f| f.split('/').last()).and_then(|n| n.trim().parse::<i64>().ok()));
    match threads {
        Some(n) if n > 0 => kernel_stack_bytes as f64 / n as f64,
        _ => 0.0,
    }
}

/// Bytes one object of a slab cache occupies, slab overhead included (pages per slab x 4 KiB / objects
/// per slab); 0 when slabinfo cannot be read.
pub fn slab_bytes_per_object(cache: &str, path: &str) -> f64 {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(_) => return 0.0,
    };
    for line in text.lines() {
        // name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() > 5 && f[0] == cache {
            if let (Ok(per_slab), Ok(pages)) = (f[4].parse::<u64>(), f[5].parse::<u64>()) {
                if per_slab > 0 {
                    return pages as f64 * 4096.0 / per_slab as f64;
                }
            }
        }
    }
    0.0
}

/// "Key:   123 kB" lines into key to number (kB for sizes, a plain count otherwise).
fn parse_kib(text: &str) -> HashMap<String, i64> {
    let mut values = HashMap::new();
    for line in text.lines() {
        if let Some(colon) = line.find(':') {
            if colon == 0 {
                continue;
            }
            if let Some(Ok(value)) = line[colon + 1..].split_whitespace().next().map(str::parse::<i64>) {
                values.insert(line[..colon].trim().to_string(), value);
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let memory = ProcessMemory::read().unwrap();
        assert!(memory.rss_bytes > 0 && memory.pss_bytes > 0 && memory.threads >= 1);
    }

    #[test]
    fn parses_kib_lines() {
        let values = parse_kib("Rss:     1234 kB\nThreads:\t7\nName: x\n");
        assert_eq!(values.get("Rss"), Some(&1234));
        assert_eq!(values.get("Threads"), Some(&7));
        assert_eq!(values.get("Name"), None);
    }
}
