using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>What each metric measures and how, in the words the report and README use.</summary>
public static class MetricDescriptions
{
    public static string Of(string metric) => metric switch
    {
        MetricIds.Creation =>
            "Spawn N units that each set one flag, then join them all, in one process; the time per unit is the whole "
            + "spawn loop plus the join loop divided by N. `spawn` and `join` split that time. `first-run` is measured in a "
            + "separate pass that spawns the units one at a time (each joined before the next) and reads the clock before the "
            + "spawn call and as the unit's first instruction; it is the median unit's delay, with no queueing. Back to back, "
            + "pool and green workers are usually still awake from the previous unit; `first-run-idle` waits 5 ms before each "
            + "of 40 spawns, so the workers have gone to sleep and the delay includes waking one (a thread is always new). "
            + "Each sample follows a full GC; warm-up "
            + "passes are discarded.",
        MetricIds.Switch =>
            "`brigade`: 500 units in a chain of AF_UNIX socketpairs pass one byte along; a driver unit writes it in and reads "
            + "it back, every unit adds one (so the driver checks every hop). Time per transfer (R × 501 transfers) minus "
            + "Blandy's baseline: one unit alone writes the byte into each of 501 links of the same kind and reads it straight "
            + "back, R times, with no switch. That subtracts only the I/O a hop needs; "
            + "what a suspending read adds (a failed read, an epoll turn, the read again) stays in, so the `-raw` row is shown "
            + "beside it. Each net sample is one raw sample minus the baseline sample taken just before it, so where the hop "
            + "costs little beyond its I/O a single net sample can fall below zero (a slow baseline draw); read the median "
            + "and its CI, which the pairing keeps honest. Threads use blocking read/write; tasks "
            + "use Socket async I/O (epoll); green units use the runtime's epoll reactor. `brigade-pipe` (full runs) is the same "
            + "over anonymous pipes (tasks: PipeStream async I/O). The `raw` and `baseline` quantities show both parts. "
            + "`brigade-mem`: the same 500-unit chain over capacity-1 in-memory channels (threads: a semaphore handoff; tasks: a "
            + "Channel<int> bounded to 1; green: GreenChannel), Blandy's in-memory brigade; no I/O, so `raw` only. `pingpong`: two units hand a token "
            + "back and forth through in-memory mailboxes (threads: POSIX semaphores; tasks: Channel<int>); time per token "
            + "crossing. Unpinned, each model does what it does by design: threads wake each other across CPUs, the task "
            + "pair goes through the pool's queues, and green keeps the pair on one worker (its LIFO slot); the pinned row "
            + "is the like-for-like one. `yield`: 200 units each yield 1,000 times at once (threads: sched_yield; tasks: Task.Yield; green: "
            + "GreenUnit.Yield); time per yield. `pinned` ran the process on one CPU (taskset), `unpinned` on all. Green "
            + "units use runtime-native channels and the runtime's epoll reactor.",
        MetricIds.Memory =>
            "N units alive and parked at once on a shared gate (threads: an event that never spins; tasks: a "
            + "TaskCompletionSource), in a fresh process per (model, N). Memory is read after every unit has started and "
            + "before any has finished (both counted and checked), after a full compacting GC, and compared with a reading "
            + "just before spawning. Per-unit cost is the least-squares **slope** over the N sweep with a 95% CI (Student t), "
            + "not one peak divided by N. `rss`/`pss`: resident user memory from /proc/self/smaps_rollup; `managed`: GC "
            + "heap; `page-tables`: the process's VmPTE; `kernel`: this process's kernel side, new threads × (kernel stack, "
            + "KernelStack / system threads, + task_struct, its slab bytes per object) + VmPTE growth (other per-thread kernel "
            + "objects, a few hundred bytes, are left out); `kernel-system`: the system-wide KernelStack + PageTables + "
            + "SUnreclaim delta, a cross-check that any other process on the machine disturbs; `threads`: OS threads per unit. `parked-touch`: each unit fills 1 KiB of state and "
            + "keeps it across the park (idle units flatter growable stacks); `parked-small-stack`: threads created with a 64 KiB "
            + "stack (a stack size is a reservation of address space: resident memory counts only the pages a thread touched, "
            + "so a smaller stack lowers `rss` only if the default one had more of its pages touched); `parked-default-stack`: "
            + "rust-thread with Rust's own 2 MiB default stack instead of the 1 MiB Blandy gave his threads. Thread sweeps are capped by a preflight of the machine's limits.",
        MetricIds.Stall =>
            "Two probe units wait on their model's handoff (threads: a POSIX semaphore; tasks: Channel<int>; green: GreenChannel); "
            + "a dedicated ticker thread (timer slack 1 ns, absolute deadlines) sends each a token every 1 ms and records when, and "
            + "the probe records when it ran: the same instrument under every model (each model's own timer would not be: Task.Delay "
            + "is due on Environment.TickCount64, whose step the Environment section gives, the green timer wheel on 1 ms). Four phases "
            + "of half the window each, counterbalanced: baseline (no offender), offended, offended, baseline; offended means B offender units each hold their worker for D "
            + "without yielding (sleep: nanosleep with 1 ns timer slack; spin: a busy loop; wait: Task.Wait on a task a precise "
            + "timer thread completes after D), yielding only between holds. Lateness runs from each tick's scheduled deadline, so "
            + "a delayed ticker does not hide its own delay. Every tick is observed: ticks sent while a probe is "
            + "stalled queue up and count with their full delay. Rows: `lateness-baseline` and `lateness`, the delivery delays of "
            + "each phase (median, CI, range); `hold`, each hold as measured (what D really was); added p50/p99 (Harrell-Davis "
            + "offended minus baseline, 95% CI by a moving-block bootstrap of both phases), added max (the offended phase's single worst wake-up minus the baseline's: one VM hiccup in either phase decides "
            + "it, so it can be negative or below the added p99; each phase's own max is in the `lateness` rows' range), "
            + "`recovery` (start of the "
            + "first 50 ms bucket, by send time, from which, for at least 4 buckets, every bucket's median lateness is within twice the baseline p99 + 0.1 ms; "
            + "n/a if it never recovered in the window), `holds` completed; for tasks the ThreadPool's threads when the offenders "
            + "started and at peak, and `pool-growth`, when the pool first added a thread (its starvation response). Warm-up "
            + "phases hold for 1 µs only, so the pool is not grown before the measurement. An added latency below zero means "
            + "the probes woke more punctually beside the offenders than alone: offenders that spin, or wake every D from "
            + "their sleep, keep the CPUs out of deep idle states, so a probe's wake-up costs less. Where the CI includes "
            + "zero it reads as no added latency; where it excludes zero it is a real effect of the machine's idle states, "
            + "not a cost of the model. Each row names its block kind, hold and offender count in fields; shape `stall-offload`: green "
            + "offenders run their holds through SpawnBlocking, `stall-detect`: green with blocking detection (10 ms).",
        _ => "",
    };
}
