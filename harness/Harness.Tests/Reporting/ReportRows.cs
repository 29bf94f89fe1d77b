using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Reporting;

/// <summary>Result rows built by hand for report tests: one cell of one model, with its interval.</summary>
internal static class ReportRows
{
    public static ResultRow Median(string metric, string model, string shape, string quantity, double value, double lower, double upper,
        string pinning = ResultIdentity.Unpinned, string unit = "ns") =>
        new() { Metric = metric, Model = model, Shape = shape, Quantity = quantity, Pinning = pinning, Statistic = Statistics.Median,
            Value = value, CiLower = lower, CiUpper = upper, Unit = unit, Samples = 10, Modes = 1, ProcessorCount = 2 };

    public static ResultRow Creation(string model, double value, double lower, double upper, string quantity = Quantities.Total) =>
        Median(MetricIds.Creation, model, Shapes.SpawnJoin, quantity, value, lower, upper);

    /// <summary>A memory slope row (bytes per unit), as the report derives it from a sweep.</summary>
    public static ResultRow Slope(string model, string quantity, double value, double lower, double upper, string shape = Shapes.Parked) =>
        Median(MetricIds.Memory, model, shape, quantity, value, lower, upper, unit: "B") with { Statistic = Statistics.Slope };

    /// <summary>A stall p99 added row, one offender per worker of a 2-CPU child.</summary>
    public static ResultRow StallP99(string model, int holdMicroseconds, double value, double lower, double upper, string shape = Shapes.Stall) =>
        Median(MetricIds.Stall, model, shape, Quantities.Lateness, value, lower, upper) with
        {
            Statistic = Statistics.P99Added, Block = "sleep", HoldMicroseconds = holdMicroseconds, Offenders = 2,
        };

    public static ReportData Data(IReadOnlyList<ResultRow> rows, params string[] models) =>
        new(rows, null, new MarkdownReport.RunInfo("quick", true, models, MetricIds.All));
}
