using Harness.Cli;
using Harness.Models;

namespace Harness.Scenarios;

/// <summary>
/// Turns a table run's options into the ordered list of scenarios to run, with the sizes of the quick and
/// the full run. Every scenario of one metric uses the same sizes under every model: same work per unit.
/// </summary>
public static class ScenarioPlan
{
    /// <summary>Blandy's brigade length.</summary>
    public const int BrigadeUnits = 500;

    /// <summary>Sizes for one run flavour.</summary>
    public sealed record Sizes(
        int CreationUnits, int BrigadeRounds, int PingPongExchanges, int Warmup, int WarmupMilliseconds, int Samples,
        IReadOnlyList<int> MemorySweep, IReadOnlyList<int> LightMemorySweep, int MemoryRepeats);

    /// <summary>About a minute for thread+task on two cores.</summary>
    public static readonly Sizes Quick = new(
        CreationUnits: 5_000, BrigadeRounds: 20, PingPongExchanges: 10_000, Warmup: 2, WarmupMilliseconds: 1_000, Samples: 10,
        MemorySweep: [1_000, 2_500, 6_000], LightMemorySweep: [1_000, 2_500, 6_000], MemoryRepeats: 1);

    /// <summary>Several minutes: more samples, longer samples.</summary>
    public static readonly Sizes Full = new(
        CreationUnits: 10_000, BrigadeRounds: 100, PingPongExchanges: 50_000, Warmup: 5, WarmupMilliseconds: 3_000, Samples: 30,
        MemorySweep: [1_000, 10_000, 100_000], LightMemorySweep: [1_000, 10_000, 100_000, 1_000_000], MemoryRepeats: 2);

    /// <summary>Every scenario of the run, in order.</summary>
    public static IReadOnlyList<ScenarioSpec> For(TableOptions options) =>
        Groups(options, threadCap: int.MaxValue, lightCap: long.MaxValue, warnings: []).SelectMany(g => g.Specs).ToList();

    /// <summary>
    /// The run's scenarios in groups, with memory sweeps capped at what the machine allows: a point above the
    /// cap is replaced by the cap, and a warning says so.
    /// </summary>
    public static IReadOnlyList<ScenarioGroup> Groups(TableOptions options, int threadCap, long lightCap, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        Sizes sizes = options.Quick ? Quick : Full;
        var groups = new List<ScenarioGroup>();
        foreach (string metric in MetricIds.All.Where(options.Metrics.Contains))
        {
            foreach (string shape in Shapes.Of(metric))
            {
                // Creation and memory are measured as the runtime sees the machine; switches also pinned to one
                // CPU, where no two units can run at once and every handoff is a real switch.
                bool[] pinnings = metric == MetricIds.Switch ? [false, true] : [false];
                foreach (bool pinned in pinnings)
                {
                    foreach (string model in ModelIds.All.Where(options.Models.Contains).Where(m => Shapes.AppliesTo(shape, m)))
                    {
                        IReadOnlyList<ScenarioSpec> specs = metric == MetricIds.Memory
                            ? MemorySweep(model, shape, sizes, threadCap, lightCap, warnings)
                            : [Spec(metric, model, shape, pinned, sizes)];
                        groups.Add(new ScenarioGroup(metric, model, shape, specs));
                    }
                }
            }
        }
        return groups;
    }

    private static List<ScenarioSpec> MemorySweep(string model, string shape, Sizes sizes, int threadCap, long lightCap, List<string> warnings)
    {
        bool isThread = model == ModelIds.Thread;
        IReadOnlyList<int> wanted = isThread ? sizes.MemorySweep : sizes.LightMemorySweep;
        long cap = isThread ? threadCap : lightCap;
        var points = new SortedSet<int>();
        foreach (int n in wanted)
        {
            if (n <= cap)
            {
                points.Add(n);
                continue;
            }
            int capped = (int)Math.Min(cap, int.MaxValue);
            string warning = $"memory/{model}/{shape}: N={n} capped to {capped} by this machine's limits";
            if (!warnings.Contains(warning)) warnings.Add(warning);
            if (capped > 0) points.Add(capped);
        }
        return points
            .SelectMany(n => Enumerable.Repeat(n, sizes.MemoryRepeats))
            .Select(n => new ScenarioSpec(MetricIds.Memory, model, shape, false, Transport.SocketPair, n, 1, 0, 1))
            .ToList();
    }

    private static ScenarioSpec Spec(string metric, string model, string shape, bool pinned, Sizes sizes) => shape switch
    {
        Shapes.SpawnJoin => new(metric, model, shape, pinned, Transport.SocketPair, sizes.CreationUnits, 1, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        Shapes.Brigade => new(metric, model, shape, pinned, Transport.SocketPair, BrigadeUnits, sizes.BrigadeRounds, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        Shapes.PingPong => new(metric, model, shape, pinned, Transport.SocketPair, 2, sizes.PingPongExchanges, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        _ => throw new ArgumentException($"unknown shape '{shape}'", nameof(shape)),
    };
}
