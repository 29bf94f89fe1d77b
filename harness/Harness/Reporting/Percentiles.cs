using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// Latency percentile rows: a quantity's distribution at fixed ranks (statistic p50, p90, p99, p99.9, max), where a
/// run has them. The report draws them as curves and tables in the metric's details; a run without them shows none.
/// </summary>
public static class Percentiles
{
    /// <summary>The statistics of percentile rows, in rank order.</summary>
    public static readonly IReadOnlyList<string> Names = ["p50", "p90", "p99", "p99.9", "max"];

    /// <summary>The run's percentile rows of <paramref name="metric"/>, grouped by what they are about (all but the model
    /// and the statistic), in the order they appear.</summary>
    public static IReadOnlyList<IGrouping<string, ResultRow>> Groups(IReadOnlyList<ResultRow> rows, string metric)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.Succeeded && r.Metric == metric && Names.Contains(r.Statistic))
            .GroupBy(r => (r with { Model = "", Metric = "" }).Key)
            .ToList();
    }

    /// <summary>
    /// The one group of each shape that the report charts (every group keeps its table in the details page): the
    /// quantity itself rather than its baseline, unpinned first, then the stall's first block kind, the hold the report
    /// reads (<see cref="ScenarioPlan.ReadHoldUs"/>, else the short one), and the most offenders (one per worker). A full
    /// run has 49 percentile groups; a chart each made half of a published run's bytes.
    /// </summary>
    public static IReadOnlyList<IGrouping<string, ResultRow>> ChartedGroups(IReadOnlyList<ResultRow> rows, string metric) =>
        Groups(rows, metric)
            .GroupBy(group => group.First().Shape)
            .Select(shape => shape
                .OrderBy(g => g.First().Quantity.EndsWith("-baseline", StringComparison.Ordinal))
                .ThenBy(g => g.First().Pinning != ResultIdentity.Unpinned)
                .ThenBy(g => BlockOrder(g.First().Block))
                .ThenBy(g => g.First().HoldMicroseconds != (ScenarioPlan.ReadHoldUs(g.First().Shape) ?? ScenarioPlan.ShortHoldUs))
                .ThenByDescending(g => g.First().Offenders)
                .First())
            .ToList();

    private static int BlockOrder(string block) =>
        block.Length == 0 ? -1 : Ids.TryParse(block, out Workloads.BlockKind kind) ? (int)kind : int.MaxValue;
}
