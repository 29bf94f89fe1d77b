namespace Harness.Scenarios;

/// <summary>The workload shapes a scenario can run; a metric has one or more.</summary>
public static class Shapes
{
    /// <summary>Creation: spawn N trivial units, join them all.</summary>
    public const string SpawnJoin = "spawn-join";

    /// <summary>Switch: Blandy's brigade of units chained by kernel byte links.</summary>
    public const string Brigade = "brigade";

    /// <summary>Switch: the brigade over anonymous pipes instead of socketpairs (full runs).</summary>
    public const string BrigadePipe = "brigade-pipe";

    /// <summary>Switch: Blandy's in-memory brigade, units chained by capacity-1 in-memory channels.</summary>
    public const string BrigadeMemory = "brigade-mem";

    /// <summary>Switch: two units handing a token back and forth in memory.</summary>
    public const string PingPong = "pingpong";

    /// <summary>Switch: U units each yielding R times, all at once.</summary>
    public const string Yield = "yield";

    /// <summary>Memory: N units parked on a gate, holding nothing.</summary>
    public const string Parked = "parked";

    /// <summary>Memory: N parked units, each holding 1 KiB of state it filled before parking.</summary>
    public const string ParkedTouch = "parked-touch";

    /// <summary>Memory, threads only: N parked threads created with a small explicit stack size.</summary>
    public const string ParkedSmallStack = "parked-small-stack";

    /// <summary>
    /// Memory, rust-thread only: N parked threads with the language's own default stack (<see cref="RustDefaultStackBytes"/>),
    /// beside the model's usual 1 MiB, which is what Blandy gave his threads (issue 12).
    /// </summary>
    public const string ParkedDefaultStack = "parked-default-stack";

    /// <summary>Rust's default std::thread stack (std::thread::Builder without stack_size).</summary>
    public const int RustDefaultStackBytes = 2 * 1024 * 1024;

    /// <summary>Stack size of the small-stack thread variant.</summary>
    public const int SmallStackBytes = 64 * 1024;

    /// <summary>Stall: probes on a timer while offenders hold their workers.</summary>
    public const string Stall = "stall";

    /// <summary>Stall, green only: offenders run their holds on the runtime's blocking pool (SpawnBlocking).</summary>
    public const string StallOffload = "stall-offload";

    /// <summary>Stall, green only: the runtime's blocking detection is on.</summary>
    public const string StallDetect = "stall-detect";

    /// <summary>Every shape, in plan order.</summary>
    public static readonly IReadOnlyList<string> All =
        [SpawnJoin, Brigade, BrigadePipe, BrigadeMemory, PingPong, Yield, Parked, ParkedTouch, ParkedSmallStack, ParkedDefaultStack, Stall, StallOffload, StallDetect];

    public static IReadOnlyList<string> Of(string metric) => metric switch
    {
        MetricIds.Creation => [SpawnJoin],
        MetricIds.Switch => [Brigade, BrigadePipe, BrigadeMemory, PingPong, Yield],
        MetricIds.Memory => [Parked, ParkedTouch, ParkedSmallStack, ParkedDefaultStack],
        MetricIds.Stall => [Stall, StallOffload, StallDetect],
        _ => [],
    };

    /// <summary>Whether a shape applies to a model (the small-stack variant is about thread stacks).</summary>
    public static bool AppliesTo(string shape, string model) => Peers.PeerModelIds.All.Contains(model) ? Peers.PeerShapes.AppliesTo(shape, model) : shape switch
    {
        ParkedSmallStack => model == Models.ModelIds.Thread,
        ParkedDefaultStack => false,
        StallOffload or StallDetect => model == Models.ModelIds.Green,
        _ => true,
    };

    /// <summary>The brigade shape whose links are made of <paramref name="transport"/>.</summary>
    public static string OfTransport(Models.Transport transport) => transport switch
    {
        Models.Transport.SocketPair => Brigade,
        Models.Transport.Pipe => BrigadePipe,
        _ => BrigadeMemory,
    };

    /// <summary>What a brigade shape's links are made of.</summary>
    public static Models.Transport TransportOf(string brigadeShape) => brigadeShape switch
    {
        Brigade => Models.Transport.SocketPair,
        BrigadePipe => Models.Transport.Pipe,
        BrigadeMemory => Models.Transport.Memory,
        _ => throw new ArgumentException($"'{brigadeShape}' is not a brigade shape", nameof(brigadeShape)),
    };
}
