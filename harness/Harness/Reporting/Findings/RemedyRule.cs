using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Reporting.Findings;

/// <summary>
/// A green runtime remedy for blocking offenders (offload to the blocking pool, blocking detection) against the plain
/// stall at the same hold: said only when the remedy's p99 added latency is lower with separate intervals.
/// </summary>
/// <param name="RemedyShape">stall-offload or stall-detect.</param>
/// <param name="What">The remedy in words ("Moving the sleeps to the blocking pool").</param>
public sealed record RemedyRule(string RemedyShape, int HoldMicroseconds, string What) : IFindingRule
{
    private RowSelector CellOf(string shape) => new(MetricIds.Stall, shape, Quantities.Lateness, Statistics.P99Added)
    {
        Block = BlockKind.Sleep,
        HoldMicroseconds = HoldMicroseconds,
        OneOffenderPerWorker = true,
    };

    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ResultRow? plain = data.Measured(CellOf(Shapes.Stall), ModelIds.Green);
        ResultRow? remedy = data.Measured(CellOf(RemedyShape), ModelIds.Green);
        if (plain is null || remedy is null || !Cells.Separate(plain, remedy) || remedy.Value >= plain.Value) return null;
        return new Finding(
            $"{What} cuts `green`'s p99 added latency from {Format.Value(plain.Value, plain.Unit)} to "
                + $"{Format.Value(remedy.Value, remedy.Unit)} (one offender per worker sleeping {Format.HoldForReader(HoldMicroseconds)}).",
            [$"{CellOf(Shapes.Stall)} and {CellOf(RemedyShape)} {Format.HoldForReader(HoldMicroseconds)}: green"]);
    }
}
