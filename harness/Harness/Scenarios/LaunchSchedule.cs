namespace Harness.Scenarios;

/// <summary>
/// The order in which a table run starts its child processes. Every cell (a model's scenario) is measured in several
/// launches, each a fresh process. The cells that differ only in their model (the same metric, shape, pinning and
/// sizes) form a set, and a set runs in rounds: round r runs launch r of every cell of the set, in an order shuffled
/// anew for each round. A slow stretch of the host (another tenant, a frequency change) then falls on every model of
/// the set alike instead of on whichever model happened to run then, and the launches of one round are the pairs a
/// ratio's interval is drawn from (<see cref="Measurement.RatioInterval"/>). The shuffle comes from one seeded
/// generator walked in plan order, so a seed gives the same schedule for the same plan.
/// </summary>
public static class LaunchSchedule
{
    /// <summary>One set: its cells (launch 0 of each, in plan order) and every launch of them in the order to run.</summary>
    public sealed record Set(IReadOnlyList<ScenarioSpec> Cells, IReadOnlyList<ScenarioSpec> Order);

    /// <summary>The sets of the planned groups, in plan order, each with its rounds shuffled.</summary>
    /// <param name="launches">Launches per cell, at least one.</param>
    public static IReadOnlyList<Set> Of(IReadOnlyList<ScenarioGroup> groups, int launches, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(launches, 1);
        var random = new Random(seed);
        return groups.SelectMany(g => g.Specs)
            .GroupBy(spec => spec with { Model = "", Launch = 0 })
            .Select(set =>
            {
                ScenarioSpec[] cells = [.. set];
                var order = new List<ScenarioSpec>(cells.Length * launches);
                for (int round = 0; round < launches; round++)
                {
                    ScenarioSpec[] shuffled = [.. cells];
                    random.Shuffle(shuffled);
                    order.AddRange(shuffled.Select(cell => cell with { Launch = round }));
                }
                return new Set(cells, order);
            })
            .ToList();
    }
}
