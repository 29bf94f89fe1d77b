using System.Text;
using Harness.Charts;
using Harness.Models;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// results/README.md: the machines side by side (the headline quantities of the newest run of each machine class, a
/// column each), the history of each headline quantity on each machine class as an SVG line chart with 95% interval
/// bands (<see cref="HistoryChart"/>, files under results/charts/), and every published run.
/// </summary>
public static class ResultsIndex
{
    /// <summary>The folder, inside results/, of the index's charts.</summary>
    public const string ChartsFolder = "charts";

    /// <summary>A published run: its folder name (sortable: date first), what its env.json and run.json say of it, and its
    /// rows. A run without those files has an unknown machine class and no size.</summary>
    public sealed record PublishedRun(string Name, string MachineClass, DateTimeOffset CapturedAt, string? Size, IReadOnlyList<ResultRow> Rows)
    {
        /// <summary>The run's BenchmarkDotNet GitHub tables, relative to its folder ("bdn/…-report-github.md"), if it has any.</summary>
        public IReadOnlyList<string> BenchmarkDotNetReports { get; init; } = [];
    }

    /// <summary>The index page and the charts it links, by path relative to results/ ("charts/history-….svg").</summary>
    public sealed record Index(string Markdown, IReadOnlyDictionary<string, string> Charts);

    public static Index Build(IReadOnlyList<PublishedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var md = new StringBuilder();
        var charts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        md.AppendLine("# Published results");
        md.AppendLine();
        md.AppendLine("Each folder `<date>_<machine>/` holds one published run: `results.csv`, `series.csv.gz` (the raw samples, "
            + "a row per series, gzip-compressed; long series as 200 order statistics), `env.json`, `run.json`, `report.md` and the files it links, "
            + "written by `scripts/publish.sh` (`bench publish`). This page and its charts are regenerated on every publish.");
        md.AppendLine();
        if (runs.Count == 0)
        {
            md.AppendLine("No run has been published yet.");
            return new Index(md.ToString(), charts);
        }
        var machines = runs.GroupBy(r => r.MachineClass)
            .Select(g => (Machine: g.Key, Runs: g.OrderBy(r => r.CapturedAt).ThenBy(r => r.Name, StringComparer.Ordinal).ToList()))
            .OrderBy(m => m.Machine, StringComparer.Ordinal)
            .ToList();
        AppendMachines(md, machines.Select(m => m.Runs[^1]).ToList());
        md.AppendLine("## History");
        md.AppendLine();
        md.AppendLine("Each headline quantity across the runs of one machine class: a line per model, its 95% interval as a band.");
        md.AppendLine();
        foreach ((string machine, List<PublishedRun> history) in machines)
        {
            md.AppendLine($"### {machine}");
            md.AppendLine();
            var derived = history.Select(run => (run.CapturedAt, Rows: MemorySlopes.Derive(run.Rows))).ToList();
            foreach ((RowSelector cell, string title) in Headline.Tracked)
            {
                var series = ModelIds.All
                    .Select(model => new ChartSeries(model, derived
                        .Select(run => (run.CapturedAt, Row: run.Rows.LastOrDefault(r => r.Model == model && cell.Matches(r))))
                        .Where(p => p.Row is not null)
                        .Select(p => Point(p.CapturedAt, p.Row!))
                        .ToList()))
                    .Where(s => s.Points.Count > 0)
                    .ToList();
                if (series.Count == 0) continue;
                string path = $"{ChartsFolder}/history-{machine}-{Slug(cell)}.svg";
                charts[path] = HistoryChart.Svg(title, UnitLabel(cell), series);
                md.AppendLine($"![{machine}: {title}]({path})");
                md.AppendLine();
            }
        }
        md.AppendLine("## Runs");
        md.AppendLine();
        md.AppendLine("| run | machine class | size | report | BenchmarkDotNet |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (PublishedRun run in runs.OrderByDescending(r => r.CapturedAt).ThenByDescending(r => r.Name, StringComparer.Ordinal))
        {
            string bdn = string.Join(", ", run.BenchmarkDotNetReports.Select(path =>
                $"[{Storage.BenchmarkDotNetExports.BenchmarkOf(path).Split('.')[^1]}]({run.Name}/{path})"));
            md.AppendLine($"| {run.Name} | {run.MachineClass} | {run.Size ?? "?"} | [report]({run.Name}/report.md) | {bdn} |");
        }
        return new Index(md.ToString(), charts);
    }

    /// <summary>The headline quantities, a row per quantity and model, a column per machine class (its newest run).</summary>
    private static void AppendMachines(StringBuilder md, IReadOnlyList<PublishedRun> newest)
    {
        md.AppendLine("## Machines side by side");
        md.AppendLine();
        md.AppendLine("The newest run of each machine class (cores and CPU model); median (95% interval). Compare a column with "
            + "itself over time below, and columns with each other only as machines: the same code, different hardware.");
        md.AppendLine();
        md.AppendLine("| quantity | model | " + string.Join(" | ", newest.Select(r => $"[{r.MachineClass}]({r.Name}/report.md) ({r.Size ?? "?"}, {r.CapturedAt:yyyy-MM-dd})")) + " |");
        md.AppendLine("|---|---|" + string.Concat(newest.Select(_ => "---:|")));
        var rows = newest.Select(r => MemorySlopes.Derive(r.Rows)).ToList();
        foreach ((RowSelector cell, string title) in Headline.Tracked)
        {
            foreach (string model in ModelIds.All)
            {
                var cells = rows.Select(r => r.LastOrDefault(row => row.Model == model && cell.Matches(row))).ToList();
                if (cells.All(c => c is null)) continue;
                md.AppendLine($"| {title} | {model} | " + string.Join(" | ", cells.Select(c =>
                    c is null ? "–" : Format.Estimate(c.Value, c.CiLower, c.CiUpper, c.Unit))) + " |");
            }
        }
        md.AppendLine();
    }

    /// <summary>A row as a chart point in the chart's unit: µs for times, KiB for memory.</summary>
    private static ChartPoint Point(DateTimeOffset capturedAt, ResultRow row)
    {
        double scale = row.Metric == MetricIds.Memory ? 1.0 / 1024 : 1.0 / 1000;
        return new ChartPoint(capturedAt.UtcDateTime.ToOADate(), row.Value * scale, row.CiLower * scale, row.CiUpper * scale);
    }

    private static string UnitLabel(RowSelector cell) => cell.Metric == MetricIds.Memory ? "KiB" : "µs";

    /// <summary>"switch-brigade-net-pinned": the cell's fields, stable across runs, safe in a file name.</summary>
    private static string Slug(RowSelector cell) =>
        string.Join('-', new[] { cell.Metric, cell.Shape, cell.Quantity, cell.Pinning, cell.Block?.Id(), cell.HoldMicroseconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(part => !string.IsNullOrEmpty(part)));
}
