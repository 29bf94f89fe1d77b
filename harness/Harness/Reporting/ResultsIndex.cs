using System.Globalization;
using System.Text;
using Harness.Models;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// results/README.md: the latest published run's headline table, and for each headline quantity a history
/// chart across every published run (Mermaid xychart-beta, one line per chart because xychart has no legend).
/// </summary>
public static class ResultsIndex
{
    /// <summary>A published run: its folder name (sortable: date first) and its rows.</summary>
    public sealed record PublishedRun(string Name, IReadOnlyList<ResultRow> Rows);

    public static string Build(IReadOnlyList<PublishedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var md = new StringBuilder();
        md.AppendLine("# Published results");
        md.AppendLine();
        md.AppendLine("Each folder `<date>_<machine>/` holds one published run: `results.csv`, `samples.csv` (long series as 200 order statistics), `env.json`, `run.json` and `report.md`, "
            + "written by `scripts/publish.sh` (`bench publish`). This page is regenerated on every publish.");
        md.AppendLine();
        if (runs.Count == 0)
        {
            md.AppendLine("No run has been published yet.");
            return md.ToString();
        }
        PublishedRun latest = runs[^1];
        var models = ModelIds.All.Where(m => latest.Rows.Any(r => r.Model == m)).ToList();
        md.AppendLine($"## Latest: [{latest.Name}]({latest.Name}/report.md)");
        md.AppendLine();
        md.AppendLine(MarkdownReport.HeadlineTable(latest.Rows, models));
        md.AppendLine("## History");
        md.AppendLine();
        md.AppendLine("| run | report |");
        md.AppendLine("|---|---|");
        foreach (PublishedRun run in runs.Reverse()) md.AppendLine($"| {run.Name} | [report]({run.Name}/report.md) |");
        md.AppendLine();
        var derived = runs.Select(run => (run.Name, Rows: MemorySlopes.Derive(run.Rows))).ToList();
        foreach ((RowSelector cell, string title) in Headline.Tracked)
        {
            foreach (string model in ModelIds.All)
            {
                var points = derived
                    .Select(run => (run.Name, Row: run.Rows.LastOrDefault(r => r.Model == model && cell.Matches(r))))
                    .Where(p => p.Row is not null)
                    .ToList();
                if (points.Count == 0) continue;
                double scale = cell.Metric == MetricIds.Memory ? 1.0 / 1024 : 1.0 / 1000;
                md.AppendLine("```mermaid");
                md.AppendLine("xychart-beta");
                md.AppendLine($"    title \"{model}: {title}\"");
                md.AppendLine("    x-axis [" + string.Join(", ", points.Select(p => $"\"{p.Name}\"")) + "]");
                md.AppendLine("    line [" + string.Join(", ", points.Select(p =>
                    Math.Round(p.Row!.Value * scale, 3).ToString(CultureInfo.InvariantCulture))) + "]");
                md.AppendLine("```");
                md.AppendLine();
            }
        }
        return md.ToString();
    }
}
