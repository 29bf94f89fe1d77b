using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// The rows of the Blandy-style headline table: which result each row shows, its label, and the numbers
/// Blandy published for Rust threads and async tasks where the row is the one he measured.
/// </summary>
public static class Headline
{
    /// <summary>One headline row.</summary>
    /// <param name="PublishedThread">Blandy's published number for Rust threads, in the row's unit, if any.</param>
    /// <param name="PublishedAsync">Blandy's published number for async tasks, in the row's unit, if any.</param>
    /// <param name="Ratios">False where a ratio would mislead: added latencies sit near zero (or below) for some models,
    /// and 8 µs against 99 ms is not "0.000085 times" of anything.</param>
    public sealed record Row(string Metric, string Variant, string Label, string? PublishedThread = null, string? PublishedAsync = null, bool Ratios = true);

    /// <summary>One speed or size target of the green runtime, judged as green / task in the same run.</summary>
    /// <param name="Bound">What limits the green runtime here, from its design and profiles (shown when the target is missed).</param>
    public sealed record Target(string Metric, string Variant, string What, double MaxRatio, string Bound);

    /// <summary>What one green yield costs, the bound of both yield targets.</summary>
    private const string YieldCost = "a yield costs the poll's entry exchange and the local queue's pop CAS (thieves may race the owner)";

    /// <summary>The green runtime's targets (issue 3): at most half the pooled-task cost, no more managed memory.</summary>
    public static readonly IReadOnlyList<Target> GreenTargets =
    [
        new(MetricIds.Creation, "total", "spawn + run + join of trivial units", 0.5,
            "the spawn: each green spawn also enters the unit in the live-unit registry (a CAS and two counter increments: "
            + "shutdown must be able to cancel or report every unit, as tokio's owned-task list does) and fences to see whether "
            + "a worker sleeps; a pooled task's spawn is one enqueue. Compare the `spawn` rows."),
        new(MetricIds.Switch, "pingpong-unpinned", "in-memory ping-pong per switch, all CPUs", 0.5,
            "the poll's state machine: a switch is a handoff (an exchange of the receiver's token), a scheduling CAS and the "
            + "poll's two transitions (exchange in, CAS out), tokio's protocol; the pool's switch is a push and pop on its "
            + "thread-local queue."),
        new(MetricIds.Switch, "pingpong-pinned", "in-memory ping-pong per switch, 1 CPU", 0.5,
            "a switch is four atomic operations (the handoff's exchange, the scheduling CAS, the poll's exchange in and CAS out); "
            + "on one CPU neither side pays for cross-core traffic, and the pool's switch, a push and pop on its "
            + "thread-local queue, costs little more than those four atomics."),
        new(MetricIds.Switch, "yield-unpinned", "200 units x 1,000 yields, per yield, all CPUs", 0.5,
            YieldCost + "."),
        new(MetricIds.Switch, "yield-pinned", "200 units x 1,000 yields, per yield, 1 CPU", 0.5,
            YieldCost + "; on one CPU "
            + "the pool's yield is a push and pop on a worker's own queue with no cross-core traffic, and these atomics "
            + "then cost as much as, or more than, the pool's whole path; on all CPUs the pool pays for cross-core traffic "
            + "and green does not."),
        new(MetricIds.Memory, "managed", "managed memory of a parked unit", 1.0,
            "the unit object: 88 B against a Task's 80 B. A unit is its own SynchronizationContext (so a Task awaited in a "
            + "unit resumes on the runtime without an allocation), and that base class carries a field; the parked state "
            + "machine box (112 B) and the waiter slot are the same for both."),
    ];

    /// <summary>
    /// The headline rows, with Jim Blandy's published numbers (README of jimblandy/context-switch, Rust threads vs tokio on
    /// his 4-core laptop) beside the rows that measure the same thing: creation 17 µs vs 0.3 µs; a switch between tasks
    /// over in-memory channels, unpinned, 0.2 µs (his threads' 1.7 µs was measured over pipes, minus the I/O); his pipe brigade per task per iteration 5.3 µs (threads,
    /// unpinned), 3.4 µs (threads, one core) and 3.6 µs (tokio), where "both converge to 1.7 µs" once the I/O is taken
    /// off; about 9.5 KiB resident per thread (plus about 10 KiB in the kernel) vs 0.4 KiB per task.
    /// </summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new(MetricIds.Creation, "total", "Creation: spawn + first run + join, per unit", "17 µs", "0.3 µs"),
        new(MetricIds.Creation, "spawn", "· spawn call"),
        new(MetricIds.Creation, "first-run", "· spawn call to first instruction, one unit at a time, back to back (median)"),
        new(MetricIds.Creation, "first-run-idle", "· the same, each spawned 5 ms after the last (pools: workers asleep, includes waking one; threads have no workers: a quiet machine)"),
        new(MetricIds.Creation, "join", "· join"),
        new(MetricIds.Switch, "brigade-pinned", "Context switch: 500-unit socketpair brigade, 1 CPU, per hop minus one write+read without a switch"),
        new(MetricIds.Switch, "brigade-pinned-raw", "· the same, per hop including its I/O (Blandy's \"pipes\", which are socketpairs)", "3.4 µs"),
        new(MetricIds.Switch, "brigade-unpinned", "Context switch: 500-unit socketpair brigade, all CPUs, per hop minus one write+read without a switch", "≈1.7 µs", "≈1.7 µs"),
        new(MetricIds.Switch, "brigade-unpinned-raw", "· the same, per hop including its I/O (Blandy's \"pipes\", which are socketpairs)", "5.3 µs", "3.6 µs"),
        new(MetricIds.Switch, "brigade-pipe-pinned", "Context switch: 500-unit pipe brigade, 1 CPU, per hop minus one write+read without a switch"),
        new(MetricIds.Switch, "pingpong-pinned", "Context switch: in-memory ping-pong, 1 CPU, per switch"),
        new(MetricIds.Switch, "pingpong-unpinned", "Context switch: in-memory ping-pong, all CPUs, per switch (green keeps the pair on one worker)", PublishedAsync: "0.2 µs"),
        new(MetricIds.Switch, "yield-unpinned", "Yield: 200 units x 1,000 yields, all CPUs, per yield"),
        new(MetricIds.Switch, "yield-pinned", "Yield: 200 units x 1,000 yields, 1 CPU, per yield"),
        new(MetricIds.Memory, "rss", "Memory per parked unit: resident user memory (slope over N)", "≈9.5 KiB", "≈0.4 KiB"),
        new(MetricIds.Memory, "kernel", "· kernel side of this process: threads × (kernel stack + task_struct) + page tables (slope)", "≈10 KiB"),
        new(MetricIds.Memory, "kernel-system", "· kernel side, system-wide KernelStack + PageTables + unreclaimable slab (slope; any process adds to it)"),
        new(MetricIds.Memory, "managed", "· managed heap (slope)"),
        new(MetricIds.Memory, "rss-touch", "· resident, each unit holding 1 KiB of state"),
        new(MetricIds.Memory, "rss-small-stack", "· resident, threads with a 64 KiB stack"),
        new(MetricIds.Stall, "sleep-1ms-xW-p99-added", "Blocking stall: p99 added wake-up latency of probes ticked every 1 ms, one offender per worker sleeping 1 ms at a time", Ratios: false),
        new(MetricIds.Stall, "sleep-1ms-xW-offload-p99-added", "· the same, offenders' sleeps moved to the blocking pool (SpawnBlocking)", Ratios: false),
        new(MetricIds.Stall, "sleep-1ms-xW-recovery", "· time until probe latency recovered (n/a: not within the window)", Ratios: false),
        new(MetricIds.Stall, "sleep-100ms-xW-p99-added", "· offenders sleeping 100 ms at a time", Ratios: false),
        new(MetricIds.Stall, "sleep-100ms-xW-detect-p99-added", "· the same, blocking detection on (a worker stuck 10 ms in one unit hands its queue over)", Ratios: false),
    ];
}
