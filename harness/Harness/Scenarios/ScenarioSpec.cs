using System.Globalization;
using Harness.Models;

namespace Harness.Scenarios;

/// <summary>
/// One measurement to run in a fresh child process: which workload, under which model, how big, how
/// many warm-up runs and samples, and whether the process is pinned to one CPU.
/// </summary>
/// <param name="Units">Creation: units spawned per sample. Brigade: units in the chain. Ping-pong: unused (2).</param>
/// <param name="Warmup">Discarded runs before the samples (at least this many)...</param>
/// <param name="WarmupMilliseconds">...and for at least this long, so the JIT has tiered the hot code up
/// (tier-1 with dynamic PGO) before anything is measured, as a long-running program would have it.</param>
/// <param name="BlockKind">Stall: how offenders hold their worker (sleep, spin, wait).</param>
/// <param name="HoldMicroseconds">Stall: how long each hold lasts.</param>
/// <param name="Offenders">Stall: how many offender units.</param>
/// <param name="Rounds">Brigade: rounds per sample. Ping-pong: token round trips per sample. Creation: unused.</param>
public sealed record ScenarioSpec(
    string Metric,
    string Model,
    string Shape,
    bool Pinned,
    Transport Transport,
    int Units,
    int Rounds,
    int Warmup,
    int Samples,
    int WarmupMilliseconds = 0,
    string BlockKind = "",
    int HoldMicroseconds = 0,
    int Offenders = 0)
{
    /// <summary>A short readable name: <c>switch/task/brigade-pinned</c>.</summary>
    public string Name => Metric switch
    {
        MetricIds.Memory => $"{Metric}/{Model}/{Shape}@{Units}",
        MetricIds.Stall => $"{Metric}/{Model}/{StallVariant}",
        _ => $"{Metric}/{Model}/{Shape}{(Pinned ? "-pinned" : "")}",
    };

    /// <summary>Stall: the variant prefix, e.g. <c>sleep-1ms-xW-offload</c> (xW: one offender per worker).</summary>
    public string StallVariant => $"{BlockKind}-{HoldLabel(HoldMicroseconds)}-{OffendersLabel(Offenders)}{ShapeSuffix}";

    private string ShapeSuffix => Shape switch
    {
        Shapes.StallOffload => "-offload",
        Shapes.StallDetect => "-detect",
        _ => "",
    };

    public static string HoldLabel(int microseconds) =>
        microseconds % 1000 == 0 ? $"{microseconds / 1000}ms" : $"{microseconds}us";

    /// <summary>x1, xW (one per worker/CPU) or x2W, else the plain count.</summary>
    public static string OffendersLabel(int offenders)
    {
        int workers = Environment.ProcessorCount;
        return offenders == 1 ? "x1" : offenders == workers ? "xW" : offenders == 2 * workers ? "x2W" : $"x{offenders}";
    }

    /// <summary>The pinning half of variant names: creation is only measured unpinned and carries none.</summary>
    public string PinningSuffix => Metric == MetricIds.Creation ? "" : Pinned ? "-pinned" : "-unpinned";

    /// <summary>The arguments of the hidden <c>scenario</c> command that runs this spec in a child.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--metric", Metric,
        "--model", Model,
        "--shape", Shape,
        "--transport", Transport == Transport.Pipe ? "pipe" : "socketpair",
        "--units", Units.ToString(CultureInfo.InvariantCulture),
        "--rounds", Rounds.ToString(CultureInfo.InvariantCulture),
        "--warmup", Warmup.ToString(CultureInfo.InvariantCulture),
        "--samples", Samples.ToString(CultureInfo.InvariantCulture),
        "--warmup-ms", WarmupMilliseconds.ToString(CultureInfo.InvariantCulture),
        .. BlockKind.Length > 0 ? new[] { "--block", BlockKind } : [],
        "--hold-us", HoldMicroseconds.ToString(CultureInfo.InvariantCulture),
        "--offenders", Offenders.ToString(CultureInfo.InvariantCulture),
        .. Pinned ? new[] { "--pinned" } : [],
    ];
}
