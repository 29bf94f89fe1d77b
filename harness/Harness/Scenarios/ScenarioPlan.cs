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
    public sealed record Sizes(int CreationUnits, int BrigadeRounds, int PingPongExchanges, int Warmup, int WarmupMilliseconds, int Samples);

    /// <summary>About a minute for thread+task on two cores.</summary>
    public static readonly Sizes Quick = new(CreationUnits: 5_000, BrigadeRounds: 20, PingPongExchanges: 10_000, Warmup: 2, WarmupMilliseconds: 1_000, Samples: 10);

    /// <summary>Several minutes: more samples, longer samples.</summary>
    public static readonly Sizes Full = new(CreationUnits: 10_000, BrigadeRounds: 100, PingPongExchanges: 50_000, Warmup: 5, WarmupMilliseconds: 3_000, Samples: 30);

    public static IReadOnlyList<ScenarioSpec> For(TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sizes sizes = options.Quick ? Quick : Full;
        var plan = new List<ScenarioSpec>();
        foreach (string metric in MetricIds.All.Where(options.Metrics.Contains))
        {
            foreach (string shape in Shapes.Of(metric))
            {
                // Creation is measured as the runtime sees the machine; switches also pinned to one CPU,
                // where no two units can run at once and every handoff is a real switch.
                bool[] pinnings = metric == MetricIds.Creation ? [false] : [false, true];
                foreach (bool pinned in pinnings)
                {
                    foreach (string model in ModelIds.All.Where(options.Models.Contains))
                        plan.Add(Spec(metric, model, shape, pinned, sizes));
                }
            }
        }
        return plan;
    }

    private static ScenarioSpec Spec(string metric, string model, string shape, bool pinned, Sizes sizes) => shape switch
    {
        Shapes.SpawnJoin => new(metric, model, shape, pinned, Transport.SocketPair, sizes.CreationUnits, 1, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        Shapes.Brigade => new(metric, model, shape, pinned, Transport.SocketPair, BrigadeUnits, sizes.BrigadeRounds, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        Shapes.PingPong => new(metric, model, shape, pinned, Transport.SocketPair, 2, sizes.PingPongExchanges, sizes.Warmup, sizes.Samples, sizes.WarmupMilliseconds),
        _ => throw new ArgumentException($"unknown shape '{shape}'", nameof(shape)),
    };
}
