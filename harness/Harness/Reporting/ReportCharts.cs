using System.Globalization;
using System.Text;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// The charts of a metric's report section, as Mermaid xychart-beta (GitHub renders it). xychart has no legend, so a
/// chart holds one series and its axis labels or caption say which model and scenario each bar, point or line is.
/// Every chart selects its rows by field.
/// </summary>
public static class ReportCharts
{
    /// <param name="rows">The metric's measured rows, memory slopes derived.</param>
    /// <param name="fileRows">The run's rows as the file holds them (memory: the points of each sweep).</param>
    public static void Append(StringBuilder md, string metric, IReadOnlyList<ResultRow> rows, IReadOnlyList<ResultRow> fileRows)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fileRows);
        switch (metric)
        {
            case MetricIds.Creation:
                Bars(md, "Creation: µs per unit (spawn + first run + join)", rows.Where(r => r.Quantity == Quantities.Total), r => r.Value / 1000);
                break;
            case MetricIds.Switch:
                Bars(md, "Context switch: µs per hop or switch",
                    rows.Where(r => r.Statistic == Statistics.Median && ((r.Shape == Shapes.Brigade && r.Quantity == Quantities.Net)
                        || (r.Shape == Shapes.PingPong && r.Quantity == Quantities.Switch))),
                    r => r.Value / 1000);
                break;
            case MetricIds.Memory:
                Bars(md, "Resident bytes per parked unit (slope over N)",
                    rows.Where(r => r.Statistic == Statistics.Slope && r.Quantity == Quantities.Rss && r.Shape is Shapes.Parked or Shapes.ParkedTouch),
                    r => r.Value);
                MemorySweeps(md, fileRows);
                break;
            case MetricIds.Stall:
                StallCurves(md, rows);
                break;
        }
    }

    private static string Label(ResultRow row) => $"{row.Model} {(row with { Metric = "", Model = "" }).ScenarioKey} {row.Quantity}";

    private static void Bars(StringBuilder md, string title, IEnumerable<ResultRow> rows, Func<ResultRow, double> value)
    {
        var bars = rows.Where(r => double.IsFinite(value(r)))
            .OrderBy(r => (r with { Model = "" }).Key, StringComparer.Ordinal).ThenBy(r => MarkdownReport.ModelOrder(r.Model)).ToList();
        if (bars.Count == 0) return;
        md.AppendLine();
        md.AppendLine("```mermaid");
        md.AppendLine("xychart-beta");
        md.AppendLine($"    title \"{title}\"");
        md.AppendLine("    x-axis [" + string.Join(", ", bars.Select(r => $"\"{Label(r)}\"")) + "]");
        md.AppendLine("    bar [" + string.Join(", ", bars.Select(r => Number(value(r)))) + "]");
        md.AppendLine("```");
    }

    /// <summary>Resident memory added by N parked units against N, a chart per model and shape (the points the slope is fitted to).</summary>
    private static void MemorySweeps(StringBuilder md, IReadOnlyList<ResultRow> fileRows)
    {
        var sweeps = fileRows.Where(r => r.Succeeded && r.Statistic == Statistics.Point && r.Quantity == Quantities.Rss)
            .GroupBy(r => (r.Model, r.Shape))
            .OrderBy(g => MarkdownReport.ModelOrder(g.Key.Model)).ThenBy(g => g.Key.Shape, StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            // Repeated points at one N are averaged for the chart; the slope uses every point.
            var points = sweep.GroupBy(r => r.Units).OrderBy(g => g.Key)
                .Select(g => (N: g.Key, MiB: g.Average(r => r.Value) / (1024 * 1024))).Where(p => double.IsFinite(p.MiB)).ToList();
            if (points.Count < 2) continue;
            md.AppendLine();
            md.AppendLine("```mermaid");
            md.AppendLine("xychart-beta");
            md.AppendLine($"    title \"{sweep.Key.Model} {sweep.Key.Shape} rss: MiB added by N parked units\"");
            // xychart-beta spaces categories evenly: the axis title says so, since N grows by 10× per step.
            md.AppendLine("    x-axis \"N parked units (evenly spaced, not to scale)\" [" + string.Join(", ", points.Select(p => $"\"{p.N}\"")) + "]");
            md.AppendLine("    y-axis \"MiB\"");
            md.AppendLine("    line [" + string.Join(", ", points.Select(p => Number(p.MiB))) + "]");
            md.AppendLine("```");
        }
    }

    /// <summary>
    /// p99 added latency against the hold D, one chart per offender setup (kind and count), a line per model and stall
    /// shape. xychart draws no legend, so the caption names the lines in drawing order; a line lacking a point at some D
    /// is left out (xychart cannot draw a gap) and the caption says so.
    /// </summary>
    private static void StallCurves(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        var points = rows.Where(r => r.Statistic == Statistics.P99Added && double.IsFinite(r.Value)).ToList();
        foreach (var setup in points.GroupBy(r => (r.Block, r.Offenders)).OrderBy(g => g.Key.Block, StringComparer.Ordinal).ThenBy(g => g.Key.Offenders))
        {
            var holds = setup.Select(r => r.HoldMicroseconds).Distinct().Order().ToList();
            if (holds.Count < 2) continue;
            var lines = setup.GroupBy(r => (r.Model, r.Shape))
                .OrderBy(g => MarkdownReport.ModelOrder(g.Key.Model)).ThenBy(g => Shapes.All.ToList().IndexOf(g.Key.Shape)).ToList();
            var complete = lines.Where(l => holds.All(h => l.Any(r => r.HoldMicroseconds == h))).ToList();
            var partial = lines.Except(complete).Select(l => $"{l.Key.Model} {l.Key.Shape}").ToList();
            if (complete.Count == 0) continue;
            string name = $"{setup.Key.Block}, {setup.Key.Offenders} offender{(setup.Key.Offenders == 1 ? "" : "s")}";
            md.AppendLine();
            md.AppendLine($"Stall, {name}: p99 added latency (µs) against the hold D. Lines, in drawing order: "
                + string.Join(", ", complete.Select((l, i) => $"{i + 1}. {l.Key.Model} {l.Key.Shape}"))
                + (partial.Count > 0 ? $" (left out for missing points: {string.Join(", ", partial)})" : "") + ".");
            md.AppendLine();
            md.AppendLine("```mermaid");
            md.AppendLine("xychart-beta");
            md.AppendLine($"    title \"Stall, {name}: p99 added latency (µs) vs hold D\"");
            md.AppendLine("    x-axis [" + string.Join(", ", holds.Select(h => $"\"{Format.Hold(h)}\"")) + "]");
            md.AppendLine("    y-axis \"µs\"");
            foreach (var line in complete)
                md.AppendLine("    line [" + string.Join(", ", holds.Select(h => Number(line.Last(r => r.HoldMicroseconds == h).Value / 1000))) + "]");
            md.AppendLine("```");
        }
    }

    private static string Number(double value) =>
        (double.IsFinite(value) ? Math.Round(value, 3) : 0).ToString(CultureInfo.InvariantCulture);
}
