using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// Which result a table cell shows, by field: metric, shape, quantity and statistic, and where it matters the pinning
/// and the stall setup. "One offender per worker" is matched against the CPUs the row's child used, never a label.
/// </summary>
public sealed record RowSelector(string Metric, string Shape, string Quantity, string Statistic = Statistics.Median)
{
    /// <summary>pinned or unpinned; null matches either.</summary>
    public string? Pinning { get; init; }

    /// <summary>Stall: the block kind; null matches any.</summary>
    public Workloads.BlockKind? Block { get; init; }

    /// <summary>Stall: the hold in µs; null matches any.</summary>
    public int? HoldMicroseconds { get; init; }

    /// <summary>Stall: only rows with one offender per CPU the child used.</summary>
    public bool OneOffenderPerWorker { get; init; }

    /// <summary>The measured row this selector names.</summary>
    public bool Matches(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Succeeded && MatchesScenario(row) && row.Quantity == Quantity && row.Statistic == Statistic;
    }

    /// <summary>Whether a row (measured or failed) comes from a scenario this selector's cell belongs to.</summary>
    public bool MatchesScenario(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Metric == Metric && row.Shape == Shape
            && (Pinning is null || row.Pinning == Pinning)
            && (Block is null || row.Block == Block.Value.Id())
            && (HoldMicroseconds is null || row.HoldMicroseconds == HoldMicroseconds)
            && (!OneOffenderPerWorker || row.Offenders == row.ProcessorCount);
    }

    /// <summary>The cell of one model: its measured row, else its failed scenario's row, else null (not run).</summary>
    public ResultRow? Find(IReadOnlyList<ResultRow> rows, string model)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.LastOrDefault(r => r.Model == model && Matches(r))
            ?? rows.LastOrDefault(r => r.Model == model && !r.Succeeded && MatchesScenario(r) && (Metric != MetricIds.Memory || r.Quantity.Length == 0));
    }

    public override string ToString() => $"{Metric}/{Shape}/{Quantity}{(Pinning is null ? "" : $" {Pinning}")} {Statistic}";
}
