namespace Harness.Scenarios;

/// <summary>
/// The quantities a scenario child reports, one series each (peers/PROTOCOL.md, section 2). A quantity names what was
/// measured within its shape; the shape, pinning and stall setup are separate fields of a result, never part of it.
/// </summary>
public static class Quantities
{
    // creation (spawn-join)
    public const string Total = "total";
    public const string Spawn = "spawn";
    public const string Join = "join";
    public const string FirstRun = "first-run";
    public const string FirstRunIdle = "first-run-idle";

    /// <summary>Throughput in Blandy's shape, batches of 20 spawned then joined (every model, peers included).</summary>
    public const string Batched = "batches-of-20";

    /// <summary>Latency, one unit spawned and joined at a time (median per sample; every model, peers included).</summary>
    public const string OneAtATime = "one-at-a-time";

    /// <summary>Every unit's first-run delay of the one-at-a-time pass, for its percentiles (every model, peers included).</summary>
    public const string FirstRunEach = "first-run-each";

    // switch: brigade shapes, ping-pong, yield
    public const string Net = "net";
    public const string Raw = "raw";
    public const string Baseline = "baseline";
    public const string Switch = "switch";
    public const string Yield = "yield";

    /// <summary>Every round trip of one ping-pong pass after the samples, timed alone, for its percentiles (every model,
    /// peers included).</summary>
    public const string RoundTripEach = "round-trip-each";

    // memory (parked shapes)
    public const string Rss = "rss";
    public const string Pss = "pss";
    public const string PageTables = "page-tables";
    public const string Kernel = "kernel";
    public const string KernelSystem = "kernel-system";
    public const string Threads = "threads";

    /// <summary>.NET only: the managed heap.</summary>
    public const string Managed = "managed";

    /// <summary>Creation with N alive: ns per unit from the first spawn until all N units of a parked shape had started
    /// (they stay alive and parked), one reading per N; not comparable with spawn-join, whose units end at once.</summary>
    public const string SpawnAlive = "spawn-alive";

    // stall
    public const string LatenessBaseline = "lateness-baseline";
    public const string Lateness = "lateness";
    public const string Hold = "hold";
    public const string Holds = "holds";

    /// <summary>.NET only (stall): when probe latency recovered; absent when it did not within the window.</summary>
    public const string Recovery = "recovery";

    /// <summary>
    /// Whether a quantity's samples are single operations' latencies rather than per-operation means of a sample: those
    /// get percentile rows (p50, p90, p99, p99.9, max) in results.csv and a percentile chart per shape in the report.
    /// </summary>
    public static bool IsPerOperationLatency(string quantity) =>
        quantity is FirstRunEach or RoundTripEach or LatenessBaseline or Lateness;

    /// <summary>.NET task model only: ThreadPool threads at the end (creation, switch) or at peak (stall).</summary>
    public const string PoolThreads = "pool-threads";

    /// <summary>.NET task model only (stall): ThreadPool threads when the offenders started.</summary>
    public const string PoolThreadsAtStart = "pool-threads-at-start";

    /// <summary>.NET task model only (stall): when the ThreadPool first added a thread; absent when it did not.</summary>
    public const string PoolGrowth = "pool-growth";
}
