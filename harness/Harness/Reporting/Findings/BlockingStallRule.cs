using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Reporting.Findings;

/// <summary>
/// Offenders that block their worker (one per worker, sleeping for the hold): which models' probes wake later (the
/// p99 added latency's whole interval above zero) and which are not delayed (an interval that reaches zero or lies
/// below). A row without an interval says nothing.
/// </summary>
public sealed record BlockingStallRule(int HoldMicroseconds) : IFindingRule
{
    private RowSelector Cell => new(MetricIds.Stall, Shapes.Stall, Quantities.Lateness, Statistics.P99Added)
    {
        Block = BlockKind.Sleep,
        HoldMicroseconds = HoldMicroseconds,
        OneOffenderPerWorker = true,
    };

    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var delayed = new List<string>();
        var undisturbed = new List<string>();
        var models = new List<string>();
        foreach (string model in data.Models)
        {
            if (data.Measured(Cell, model) is not { } row || !Cells.HasInterval(row)) continue;
            models.Add(model);
            if (row.CiLower > 0) delayed.Add($"{Format.Value(row.Value, row.Unit)} to `{model}`");
            else undisturbed.Add($"`{model}` ({Format.Value(row.Value, row.Unit)}, its interval reaching zero)");
        }
        if (models.Count == 0) return null;
        string offenders = $"One offender per worker sleeping {Format.HoldForReader(HoldMicroseconds)} at a time";
        string sentence = delayed.Count > 0
            ? $"{offenders} adds p99 wake-up latency of {string.Join(", ", delayed)}"
                + (undisturbed.Count > 0 ? $"; this run cannot tell a delay from none for {string.Join(", ", undisturbed)}" : "") + "."
            : $"{offenders}: this run cannot tell a delay from none for {string.Join(", ", undisturbed)}.";
        return new Finding(sentence, [$"{Cell} {Format.HoldForReader(HoldMicroseconds)}: {string.Join(", ", models)}"]);
    }
}
