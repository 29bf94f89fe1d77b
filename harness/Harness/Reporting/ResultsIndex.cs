using System.Globalization;
using System.Text;
using Harness.Models;

namespace Harness.Reporting;

/// <summary>
/// results/README.md: the latest published run's headline table, and for each headline quantity a history
/// chart across every published run (Mermaid xychart-beta, one line per chart because xychart has no legend).
/// </summary>
public static class ResultsIndex
{
    /// <summary>The quantities whose history is charted: one per metric, the headline cell.</summary>
    public static readonly IReadOnlyList<(string Metric, string Variant, string Title)> Tracked =
    [
        ("creation", "total", "creation, µs per unit"),
        ("switch", "brigade-pinned", "brigade switch on 1 CPU, µs per hop"),
        ("switch", "pingpong-pinned", "ping-pong on 1 CPU, µs per switch"),
        ("memory", "rss", "resident KiB per parked unit"),
        ("stall", "sleep-1ms-xW-p99-added", "stall p99 added (one offender per worker sleeping 1 ms), µs"),
    ];

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
        foreach ((string metric, string variant, string title) in Tracked)
        {
            foreach (string model in ModelIds.All)
            {
                var points = runs
                    .Select(run => (run.Name, Row: run.Rows.LastOrDefault(r => r.Metric == metric && r.Model == model && r.Variant == variant && r.Succeeded)))
                    .Where(p => p.Row is not null)
                    .ToList();
                if (points.Count == 0) continue;
                double scale = metric == "memory" ? 1.0 / 1024 : 1.0 / 1000;
                md.AppendLine("```mermaid");
                md.AppendLine("xychart-beta");
                md.AppendLine($"    title \"{model}: {title}\"");
                md.AppendLine("    x-axis [" + string.Join(", ", points.Select(p => $"\"{p.Name}\"")) + "]");
                md.AppendLine("    line [" + string.Join(", ", points.Select(p =>
                    Math.Round(p.Row!.Median * scale, 3).ToString(CultureInfo.InvariantCulture))) + "]");
                md.AppendLine("```");
                md.AppendLine();
            }
        }
        return md.ToString();
    }
}
