using System.Text;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// The stall grid in a few compact tables: one per offender setup (block kind and count), a row per hold and
/// statistic (p50 and p99 added latency, recovery), a column per model and stall shape. The other stall rows (each
/// phase's lateness, the holds as measured, the pool's threads) stay in results.csv.
/// </summary>
public static class StallSummary
{
    private static readonly IReadOnlyList<(string Label, string Quantity, string Statistic)> s_lines =
    [
        ("p50 added", Quantities.Lateness, Statistics.P50Added),
        ("p99 added", Quantities.Lateness, Statistics.P99Added),
        ("recovery", Quantities.Recovery, Statistics.Reading),
    ];

    public static void Append(StringBuilder md, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.Rows.Where(r => r.Succeeded && r.Metric == MetricIds.Stall).ToList();
        var columns = rows.Select(r => (r.Model, r.Shape)).Distinct()
            .OrderBy(c => MarkdownReport.ModelOrder(c.Model)).ThenBy(c => Shapes.All.ToList().IndexOf(c.Shape)).ToList();
        var setups = rows.GroupBy(r => (r.Block, r.Offenders)).OrderBy(g => g.Key.Block, StringComparer.Ordinal).ThenBy(g => g.Key.Offenders);
        foreach (var setup in setups)
        {
            var present = columns.Where(c => setup.Any(r => r.Model == c.Model && r.Shape == c.Shape)).ToList();
            bool perWorker = setup.Any(r => r.Offenders == r.ProcessorCount);
            md.AppendLine($"### {setup.Key.Block}, {setup.Key.Offenders} offender{(setup.Key.Offenders == 1 ? "" : "s")}"
                + (perWorker ? " (one per worker when unpinned)" : ""));
            md.AppendLine();
            md.AppendLine("| hold | statistic | " + string.Join(" | ", present.Select(c => ReportCharts.StallLabel(c.Model, c.Shape))) + " |");
            md.AppendLine("|---|---|" + string.Concat(present.Select(_ => "---:|")));
            foreach (int hold in setup.Select(r => r.HoldMicroseconds).Distinct().Order())
                foreach ((string label, string quantity, string statistic) in s_lines)
                {
                    var cells = present.Select(c => setup.LastOrDefault(r => r.Model == c.Model && r.Shape == c.Shape
                        && r.HoldMicroseconds == hold && r.Quantity == quantity && r.Statistic == statistic)).ToList();
                    if (cells.All(c => c is null)) continue;
                    md.AppendLine($"| {Format.HoldForReader(hold)} | {label} | {string.Join(" | ", cells.Select(Cells.Cell))} |");
                }
            md.AppendLine();
        }
    }
}
