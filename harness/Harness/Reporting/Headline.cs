using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Reporting;

/// <summary>
/// The rows of the headline table: which result each row shows (by field), its label, whether a ratio of two models'
/// cells means something there, and whether the report's page shows it.
/// </summary>
public static class Headline
{
    /// <summary>One headline row.</summary>
    /// <param name="Ratios">False where a ratio would mislead: added latencies sit near zero (or below) for some models,
    /// and 8 µs against 99 ms is not "0.000085 times" of anything.</param>
    public sealed record Row(RowSelector Cell, string Label, bool Ratios = true)
    {
        /// <summary>Shown on the report's page; the other rows are in details/headline.md.</summary>
        public bool OnPage => Short is not null;

        /// <summary>The row's label on the page, short enough that a model's cell does not wrap; null for a row that is
        /// only in details/headline.md.</summary>
        public string? Short { get; init; }
    }

    private static RowSelector Creation(string quantity) => new(MetricIds.Creation, Shapes.SpawnJoin, quantity);

    private static RowSelector Switch(string shape, string quantity, string pinning) =>
        new(MetricIds.Switch, shape, quantity) { Pinning = pinning };

    private static RowSelector Memory(string shape, string quantity) => new(MetricIds.Memory, shape, quantity, Statistics.Slope);

    /// <summary>Stall rows: one offender per worker, sleeping for the hold.</summary>
    private static RowSelector Stall(string shape, int holdMicroseconds,
        string quantity = Quantities.Lateness, string statistic = Statistics.P99Added) =>
        new(MetricIds.Stall, shape, quantity, statistic)
        {
            Block = BlockKind.Sleep,
            HoldMicroseconds = holdMicroseconds,
            OneOffenderPerWorker = true,
        };

    private const string Pinned = ResultIdentity.Pinned, Unpinned = ResultIdentity.Unpinned;

    /// <summary>
    /// The headline rows, in table order. Jim Blandy's published numbers are beside the rows that measure what he
    /// measured in a table of their own (<see cref="BlandyFigures"/>).
    /// </summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new(Creation(Quantities.Total), "Creation, throughput: N units spawned, then all joined, per unit (pools run units while the loop spawns)")
            { Short = "Creation, throughput: spawn N, join all, per unit" },
        new(Creation(Quantities.Batched), "· throughput in Blandy's shape: batches of 20 spawned, then joined, per unit"),
        new(Creation(Quantities.Spawn), "· the spawn loop alone, per unit (Blandy's async figure timed only this)") { Short = "· the spawn loop alone" },
        new(Creation(Quantities.OneAtATime), "Creation, latency: one unit spawned and joined at a time, per unit (median)")
            { Short = "Creation, latency: one at a time, per unit" },
        new(Creation(Quantities.FirstRun), "· spawn call to first instruction, one unit at a time, back to back (median)"),
        new(Creation(Quantities.FirstRunIdle),
            "· the same, each spawned 5 ms after the last (pools: workers asleep, includes waking one; threads: a quiet machine)"),
        new(Creation(Quantities.Join), "· join"),
        new(Switch(Shapes.Brigade, Quantities.Net, Pinned),
            "Context switch: 500-unit socketpair brigade, 1 CPU, per hop minus one write+read without a switch") { Short = "Switch: socketpair brigade, 1 CPU, per hop, I/O subtracted" },
        new(Switch(Shapes.Brigade, Quantities.Raw, Pinned), "· the same, per hop including its I/O"),
        new(Switch(Shapes.Brigade, Quantities.Net, Unpinned),
            "Context switch: 500-unit socketpair brigade, all CPUs, per hop minus one write+read without a switch") { Short = "Switch: socketpair brigade, all CPUs, per hop, I/O subtracted" },
        new(Switch(Shapes.Brigade, Quantities.Raw, Unpinned), "· the same, per hop including its I/O"),
        new(Switch(Shapes.BrigadePipe, Quantities.Net, Pinned),
            "Context switch: 500-unit pipe brigade, 1 CPU, per hop minus one write+read without a switch"),
        new(Switch(Shapes.BrigadeMemory, Quantities.Raw, Pinned),
            "Context switch: 500-unit in-memory brigade (capacity-1 channels), 1 CPU, per hop") { Short = "Switch: 500-unit channel chain, 1 CPU, per hop" },
        new(Switch(Shapes.BrigadeMemory, Quantities.Raw, Unpinned),
            "Context switch: 500-unit in-memory brigade (capacity-1 channels), all CPUs, per hop") { Short = "Switch: 500-unit channel chain, all CPUs, per hop" },
        new(Switch(Shapes.PingPong, Quantities.Switch, Pinned), "Context switch: in-memory ping-pong, 1 CPU, per switch") { Short = "Switch: ping-pong, 1 CPU" },
        new(Switch(Shapes.PingPong, Quantities.Switch, Unpinned),
            "Context switch: in-memory ping-pong, all CPUs, per switch (green keeps the pair on one worker)") { Short = "Switch: ping-pong, all CPUs (green keeps the pair on one worker)" },
        new(Switch(Shapes.Yield, Quantities.Yield, Unpinned), "Yield: 200 units yielding at once, all CPUs, per yield"),
        new(Switch(Shapes.Yield, Quantities.Yield, Pinned), "Yield: 200 units yielding at once, 1 CPU, per yield") { Short = "Yield: 200 units, 1 CPU, per yield" },
        new(Memory(Shapes.Parked, Quantities.Rss), "Memory per parked unit: resident user memory (slope over N)") { Short = "Memory: resident per parked unit" },
        new(Memory(Shapes.Parked, Quantities.Kernel),
            "· kernel side of this process: threads × (kernel stack + task_struct) + page tables (slope)") { Short = "· kernel side per parked unit" },
        new(Memory(Shapes.Parked, Quantities.KernelSystem),
            "· kernel side, system-wide KernelStack + PageTables + unreclaimable slab (slope; any process adds to it)"),
        new(Memory(Shapes.Parked, Quantities.Managed), "· managed heap (slope)"),
        new(Memory(Shapes.ParkedTouch, Quantities.Rss), "· resident, each unit holding 1 KiB of state"),
        new(Memory(Shapes.ParkedSmallStack, Quantities.Rss), "· resident, threads with a 64 KiB stack"),
        new(Memory(Shapes.ParkedDefaultStack, Quantities.Rss), "· resident, rust-thread with Rust's default 2 MiB stack (Blandy's was 1 MiB)"),
        new(Stall(Shapes.Stall, ScenarioPlan.ShortHoldUs),
            "Blocking stall: p99 added wake-up latency of probes ticked every 1 ms, one offender per worker sleeping 1 ms at a time",
            Ratios: false) { Short = "Stall: p99 added wake-up latency, one offender per worker sleeping 1 ms" },
        new(Stall(Shapes.StallOffload, ScenarioPlan.ReadHoldUs(Shapes.StallOffload)!.Value), "· the same, offenders' sleeps moved to the blocking pool (SpawnBlocking)", Ratios: false)
        {
            Short = "· the sleeps offloaded (SpawnBlocking)",
        },
        new(Stall(Shapes.Stall, ScenarioPlan.ShortHoldUs, Quantities.Recovery, Statistics.Reading),
            "· time until probe latency recovered (n/a: not within the window)", Ratios: false),
        new(Stall(Shapes.Stall, ScenarioPlan.LongHoldUs), "· offenders sleeping 100 ms at a time", Ratios: false) { Short = "· sleeping 100 ms" },
        new(Stall(Shapes.StallDetect, ScenarioPlan.ReadHoldUs(Shapes.StallDetect)!.Value),
            "· the same, blocking detection on (a worker stuck 10 ms in one unit hands its queue over)", Ratios: false)
        {
            Short = "· sleeping 100 ms, blocking detection on",
        },
    ];

    /// <summary>The rows whose history results/README.md charts, one per metric, with the chart's title.</summary>
    public static readonly IReadOnlyList<(RowSelector Cell, string Title)> Tracked =
    [
        (Creation(Quantities.Total), "creation, µs per unit"),
        (Switch(Shapes.Brigade, Quantities.Net, Pinned), "brigade switch on 1 CPU, µs per hop"),
        (Switch(Shapes.PingPong, Quantities.Switch, Pinned), "ping-pong on 1 CPU, µs per switch"),
        (Memory(Shapes.Parked, Quantities.Rss), "resident KiB per parked unit"),
        (Stall(Shapes.Stall, ScenarioPlan.ShortHoldUs), "stall p99 added (one offender per worker sleeping 1 ms), µs"),
    ];
}
