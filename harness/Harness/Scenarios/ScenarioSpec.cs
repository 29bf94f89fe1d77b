using Harness.Models;
using Harness.Workloads;

namespace Harness.Scenarios;

/// <summary>
/// One measurement to run in a fresh child process: which model, whether pinned to one CPU, how much warm-up and
/// how many samples. Each shape is a record of its own below (<see cref="CreationSpec"/>, <see cref="BrigadeSpec"/>,
/// ...) with named fields; the child receives it as the flat JSON object of peers/PROTOCOL.md (see
/// <see cref="ScenarioSpecJson"/>).
/// </summary>
public abstract record ScenarioSpec
{
    /// <summary>The model id (see <see cref="ModelIds"/>, or a peer's id).</summary>
    public required string Model { get; init; }

    /// <summary>The parent starts the child under <c>taskset -c K</c>: one CPU.</summary>
    public bool Pinned { get; init; }

    /// <summary>Discarded runs before the samples (at least this many)...</summary>
    public int Warmup { get; init; }

    /// <summary>...and for at least this long, so the JIT has tiered the hot code up (tier-1 with dynamic PGO) before
    /// anything is measured, as a long-running program would have it.</summary>
    public int WarmupMilliseconds { get; init; }

    /// <summary>Measured samples.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>The metric this shape belongs to (see <see cref="MetricIds"/>).</summary>
    public abstract string Metric { get; }

    /// <summary>The shape id (see <see cref="Shapes"/>).</summary>
    public abstract string Shape { get; }

    /// <summary>Which launch of its cell this is (0 for the first): each cell is measured in several fresh processes. The
    /// parent's bookkeeping, never sent to the child.</summary>
    public int Launch { get; init; }

    /// <summary>A short readable name, unique within a run: <c>switch/task/brigade-pinned</c>, and <c>#2</c> after it for
    /// the second launch.</summary>
    public virtual string Name => $"{Metric}/{Model}/{Shape}{(Pinned ? "-pinned" : "")}{LaunchSuffix}";

    /// <summary>The cell's name without the launch: the same for every launch of one cell.</summary>
    public string CellName => (this with { Launch = 0 }).Name;

    /// <summary><c>#n</c> for the n-th launch from the second on; empty for the first.</summary>
    protected string LaunchSuffix => Launch > 0 ? $"#{Launch + 1}" : "";

    /// <summary>The shape's own fields, in PROTOCOL.md's order, as JSON keys and int or string values (the common ones
    /// are written by <see cref="ScenarioSpecJson"/>).</summary>
    internal abstract IReadOnlyList<(string Key, object Value)> ShapeFields { get; }
}

/// <summary>Creation: spawn <see cref="Units"/> trivial units and join them; first-run delays back to back and from idle.</summary>
public sealed record CreationSpec : ScenarioSpec
{
    /// <summary>Units spawned per sample (the batch size N).</summary>
    public required int Units { get; init; }

    /// <summary>Units of the <c>first-run-idle</c> pass, each spawned <see cref="IdlePauseMicroseconds"/> after the last joined.</summary>
    public int IdleRuns { get; init; } = 40;

    /// <summary>Long enough for pool and green workers to stop spinning and sleep (they spin for well under 1 ms).</summary>
    public int IdlePauseMicroseconds { get; init; } = 5_000;

    public override string Metric => MetricIds.Creation;

    public override string Shape => Shapes.SpawnJoin;

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("units", Units), ("idle_runs", IdleRuns), ("idle_pause_us", IdlePauseMicroseconds)];
}

/// <summary>Switch: Blandy's brigade, <see cref="Units"/> units in a chain of links of one <see cref="Transport"/>.</summary>
public sealed record BrigadeSpec : ScenarioSpec
{
    /// <summary>What the links are made of; it decides the shape (brigade, brigade-pipe, brigade-mem).</summary>
    public required Transport Transport { get; init; }

    /// <summary>Units in the chain (Blandy: 500).</summary>
    public required int Units { get; init; }

    /// <summary>Rounds per sample; a round is <see cref="Units"/> + 1 transfers.</summary>
    public required int Rounds { get; init; }

    public override string Metric => MetricIds.Switch;

    public override string Shape => Shapes.OfTransport(Transport);

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("units", Units), ("rounds", Rounds)];
}

/// <summary>Switch: two units hand a token back and forth in memory, <see cref="RoundTrips"/> times per sample.</summary>
public sealed record PingPongSpec : ScenarioSpec
{
    public required int RoundTrips { get; init; }

    public override string Metric => MetricIds.Switch;

    public override string Shape => Shapes.PingPong;

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("round_trips", RoundTrips)];
}

/// <summary>Switch: <see cref="Units"/> units each yield <see cref="Yields"/> times, all at once.</summary>
public sealed record YieldSpec : ScenarioSpec
{
    public required int Units { get; init; }

    public required int Yields { get; init; }

    public override string Metric => MetricIds.Switch;

    public override string Shape => Shapes.Yield;

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("units", Units), ("yields", Yields)];
}

/// <summary>Memory: <see cref="Units"/> units parked at once; one reading of what they added.</summary>
public sealed record ParkedSpec : ScenarioSpec
{
    /// <summary>N, the units alive at the reading.</summary>
    public required int Units { get; init; }

    /// <summary>State each unit fills before parking and keeps across its wait (0, or 1 KiB for parked-touch).</summary>
    public int TouchBytes { get; init; }

    /// <summary>Thread stack size, 0 for the default (64 KiB for parked-small-stack).</summary>
    public int StackBytes { get; init; }

    public override string Metric => MetricIds.Memory;

    public override string Shape => StackBytes == Shapes.RustDefaultStackBytes ? Shapes.ParkedDefaultStack
        : StackBytes > 0 ? Shapes.ParkedSmallStack : TouchBytes > 0 ? Shapes.ParkedTouch : Shapes.Parked;

    public override string Name => $"{Metric}/{Model}/{Shape}@{Units}{LaunchSuffix}";

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("units", Units), ("touch_bytes", TouchBytes), ("stack_bytes", StackBytes)];
}

/// <summary>Stall: probes ticked on a schedule while <see cref="Offenders"/> units hold their workers.</summary>
public sealed record StallSpec : ScenarioSpec
{
    /// <summary>stall, stall-offload (green: holds on the blocking pool) or stall-detect (green: blocking detection on).</summary>
    public required string StallShape { get; init; }

    /// <summary>How an offender holds its worker (see <see cref="Workloads.BlockKind"/>).</summary>
    public required BlockKind Block { get; init; }

    /// <summary>How long each hold lasts, in microseconds.</summary>
    public required int HoldMicroseconds { get; init; }

    /// <summary>How many offender units (a count: the plan computes "one per worker" from the CPUs it plans for).</summary>
    public required int Offenders { get; init; }

    /// <summary>The whole measured window: four phases of half of it each (baseline, offended, offended, baseline).</summary>
    public required int WindowMilliseconds { get; init; }

    /// <summary>Probe units, each ticked every <see cref="TickMicroseconds"/>.</summary>
    public int Probes { get; init; } = 2;

    public int TickMicroseconds { get; init; } = 1_000;

    public override string Metric => MetricIds.Stall;

    public override string Shape => StallShape;

    public override string Name => $"{Metric}/{Model}/{Shape}-{Block.Id()}-{HoldMicroseconds}us-x{Offenders}{LaunchSuffix}";

    internal override IReadOnlyList<(string Key, object Value)> ShapeFields => [("probes", Probes), ("offenders", Offenders), ("block", Block.Id()), ("hold_us", HoldMicroseconds), ("window_ms", WindowMilliseconds), ("tick_us", TickMicroseconds)];
}
