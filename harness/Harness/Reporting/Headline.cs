using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Reporting;

/// <summary>
/// The rows of the Blandy-style headline table: which result each row shows (by field), its label, and the numbers
/// Blandy published for Rust threads and async tasks where the row is the one he measured.
/// </summary>
public static class Headline
{
    /// <summary>One headline row.</summary>
    /// <param name="PublishedThread">Blandy's published number for Rust threads, in the row's unit, if any.</param>
    /// <param name="PublishedAsync">Blandy's published number for async tasks, in the row's unit, if any.</param>
    /// <param name="Ratios">False where a ratio would mislead: added latencies sit near zero (or below) for some models,
    /// and 8 µs against 99 ms is not "0.000085 times" of anything.</param>
    public sealed record Row(RowSelector Cell, string Label, string? PublishedThread = null, string? PublishedAsync = null, bool Ratios = true);

    private static RowSelector Creation(string quantity) => new(MetricIds.Creation, Shapes.SpawnJoin, quantity);

    private static RowSelector Switch(string shape, string quantity, string pinning) => new(MetricIds.Switch, shape, quantity) { Pinning = pinning };

    private static RowSelector Memory(string shape, string quantity) => new(MetricIds.Memory, shape, quantity, Statistics.Slope);

    /// <summary>Stall rows: one offender per worker, sleeping for the hold.</summary>
    private static RowSelector Stall(string shape, int holdMicroseconds, string quantity = Quantities.Lateness, string statistic = Statistics.P99Added) =>
        new(MetricIds.Stall, shape, quantity, statistic) { Block = BlockKind.Sleep, HoldMicroseconds = holdMicroseconds, OneOffenderPerWorker = true };

    private const string Pinned = ResultIdentity.Pinned, Unpinned = ResultIdentity.Unpinned;

    /// <summary>
    /// The headline rows, with Jim Blandy's published numbers (README of jimblandy/context-switch, Rust threads vs tokio on
    /// his 4-core laptop) beside the rows that measure the same thing: creation 17 µs per thread in batches of 20 spawned
    /// then joined (thread-creation) vs 0.3 µs per task for the spawn loop of 10,000 tasks alone (async-creation); a switch between tasks
    /// over in-memory channels, unpinned, 0.2 µs (his threads' 1.7 µs was measured over pipes, minus the I/O); his pipe
    /// brigade per task per iteration 5.3 µs (threads, unpinned), 3.4 µs (threads, one core) and 3.6 µs (tokio), where
    /// "both converge to 1.7 µs" once the I/O is taken off; about 9.5 KiB resident per thread (plus about 10 KiB in the
    /// kernel) vs 0.4 KiB per task.
    /// </summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new(Creation(Quantities.Total), "Creation, throughput: N units spawned, then all joined, per unit (pools run units while the loop spawns)"),
        new(Creation(Quantities.Batched), "· throughput in Blandy's shape: batches of 20 spawned, then joined, per unit", "17 µs"),
        new(Creation(Quantities.Spawn), "· the spawn loop alone, per unit (Blandy's async figure timed only this)", PublishedAsync: "0.3 µs"),
        new(Creation(Quantities.OneAtATime), "Creation, latency: one unit spawned and joined at a time, per unit (median)"),
        new(Creation(Quantities.FirstRun), "· spawn call to first instruction, one unit at a time, back to back (median)"),
        new(Creation(Quantities.FirstRunIdle), "· the same, each spawned 5 ms after the last (pools: workers asleep, includes waking one; threads have no workers: a quiet machine)"),
        new(Creation(Quantities.Join), "· join"),
        new(Switch(Shapes.Brigade, Quantities.Net, Pinned), "Context switch: 500-unit socketpair brigade, 1 CPU, per hop minus one write+read without a switch"),
        new(Switch(Shapes.Brigade, Quantities.Raw, Pinned), "· the same, per hop including its I/O (Blandy's \"pipes\", which are socketpairs)", "3.4 µs"),
        new(Switch(Shapes.Brigade, Quantities.Net, Unpinned), "Context switch: 500-unit socketpair brigade, all CPUs, per hop minus one write+read without a switch", "≈1.7 µs", "≈1.7 µs"),
        new(Switch(Shapes.Brigade, Quantities.Raw, Unpinned), "· the same, per hop including its I/O (Blandy's \"pipes\", which are socketpairs)", "5.3 µs", "3.6 µs"),
        new(Switch(Shapes.BrigadePipe, Quantities.Net, Pinned), "Context switch: 500-unit pipe brigade, 1 CPU, per hop minus one write+read without a switch"),
        new(Switch(Shapes.BrigadeMemory, Quantities.Raw, Pinned), "Context switch: 500-unit in-memory brigade (capacity-1 channels), 1 CPU, per hop"),
        new(Switch(Shapes.BrigadeMemory, Quantities.Raw, Unpinned), "Context switch: 500-unit in-memory brigade (capacity-1 channels), all CPUs, per hop"),
        new(Switch(Shapes.PingPong, Quantities.Switch, Pinned), "Context switch: in-memory ping-pong, 1 CPU, per switch"),
        new(Switch(Shapes.PingPong, Quantities.Switch, Unpinned), "Context switch: in-memory ping-pong, all CPUs, per switch (green keeps the pair on one worker)", PublishedAsync: "0.2 µs"),
        new(Switch(Shapes.Yield, Quantities.Yield, Unpinned), "Yield: 200 units x 1,000 yields, all CPUs, per yield"),
        new(Switch(Shapes.Yield, Quantities.Yield, Pinned), "Yield: 200 units x 1,000 yields, 1 CPU, per yield"),
        new(Memory(Shapes.Parked, Quantities.Rss), "Memory per parked unit: resident user memory (slope over N)", "≈9.5 KiB", "≈0.4 KiB"),
        new(Memory(Shapes.Parked, Quantities.Kernel), "· kernel side of this process: threads × (kernel stack + task_struct) + page tables (slope)", "≈10 KiB"),
        new(Memory(Shapes.Parked, Quantities.KernelSystem), "· kernel side, system-wide KernelStack + PageTables + unreclaimable slab (slope; any process adds to it)"),
        new(Memory(Shapes.Parked, Quantities.Managed), "· managed heap (slope)"),
        new(Memory(Shapes.ParkedTouch, Quantities.Rss), "· resident, each unit holding 1 KiB of state"),
        new(Memory(Shapes.ParkedSmallStack, Quantities.Rss), "· resident, threads with a 64 KiB stack"),
        new(Memory(Shapes.ParkedDefaultStack, Quantities.Rss), "· resident, rust-thread with Rust's default 2 MiB stack (its usual 1 MiB is Blandy's)"),
        new(Stall(Shapes.Stall, 1_000), "Blocking stall: p99 added wake-up latency of probes ticked every 1 ms, one offender per worker sleeping 1 ms at a time", Ratios: false),
        new(Stall(Shapes.StallOffload, 1_000), "· the same, offenders' sleeps moved to the blocking pool (SpawnBlocking)", Ratios: false),
        new(Stall(Shapes.Stall, 1_000, Quantities.Recovery, Statistics.Reading), "· time until probe latency recovered (n/a: not within the window)", Ratios: false),
        new(Stall(Shapes.Stall, 100_000), "· offenders sleeping 100 ms at a time", Ratios: false),
        new(Stall(Shapes.StallDetect, 100_000), "· the same, blocking detection on (a worker stuck 10 ms in one unit hands its queue over)", Ratios: false),
    ];

    /// <summary>The rows whose history results/README.md charts, one per metric, with the chart's title.</summary>
    public static readonly IReadOnlyList<(RowSelector Cell, string Title)> Tracked =
    [
        (Creation(Quantities.Total), "creation, µs per unit"),
        (Switch(Shapes.Brigade, Quantities.Net, Pinned), "brigade switch on 1 CPU, µs per hop"),
        (Switch(Shapes.PingPong, Quantities.Switch, Pinned), "ping-pong on 1 CPU, µs per switch"),
        (Memory(Shapes.Parked, Quantities.Rss), "resident KiB per parked unit"),
        (Stall(Shapes.Stall, 1_000), "stall p99 added (one offender per worker sleeping 1 ms), µs"),
    ];
}
