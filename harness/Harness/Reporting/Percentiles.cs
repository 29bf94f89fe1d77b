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
}
