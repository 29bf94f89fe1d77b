using Harness.Scenarios;

namespace Harness.Reporting.Findings;

/// <summary>The rules of "What this run shows", in the order their sentences appear.</summary>
public static class FindingRules
{
    public static readonly IReadOnlyList<IFindingRule> All =
    [
        new ComparisonRule(new(MetricIds.Creation, Shapes.SpawnJoin, Quantities.Total), "Creating, running and joining a unit"),
        new ComparisonRule(new(MetricIds.Switch, Shapes.PingPong, Quantities.Switch) { Pinning = ResultIdentity.Pinned },
            "An in-memory ping-pong switch on 1 CPU"),
        new ComparisonRule(new(MetricIds.Switch, Shapes.BrigadeMemory, Quantities.Raw) { Pinning = ResultIdentity.Pinned },
            "A hop along 500 units chained by in-memory channels on 1 CPU"),
        new ComparisonRule(new(MetricIds.Switch, Shapes.Brigade, Quantities.Net) { Pinning = ResultIdentity.Pinned },
            "A hop along a 500-unit socketpair brigade on 1 CPU, its I/O subtracted"),
        new ParkedMemoryRule(),
        new BlockingStallRule(ScenarioPlan.ShortHoldUs),
        new RemedyRule(Shapes.StallOffload, ScenarioPlan.ReadHoldUs(Shapes.StallOffload)!.Value, "Moving the sleeps to the blocking pool (SpawnBlocking)"),
        new RemedyRule(Shapes.StallDetect, ScenarioPlan.ReadHoldUs(Shapes.StallDetect)!.Value, "Blocking detection (a worker stuck 10 ms hands its queue over)"),
        new GreenTargetsRule(),
    ];

    /// <summary>The sentences the data support, in order.</summary>
    public static IReadOnlyList<Finding> Evaluate(ReportData data) => All.Select(rule => rule.Evaluate(data)).OfType<Finding>().ToList();
}
