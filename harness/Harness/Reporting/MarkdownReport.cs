using System.Globalization;
using System.Text;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting.Findings;
using Harness.Scenarios;

namespace Harness.Reporting;

// Reporting/: from result rows to report.md. OutcomeRows turns a scenario's outcome into ResultRow and SampleRow
// (their ResultIdentity in fields, their Statistics named); MemorySlopes derives memory's per-unit slopes; RowSelector
// picks by field the row each table cell shows; MarkdownReport writes the report: the Headline rows, the
// GreenTargets, a section per metric (MetricDescriptions, ReportCharts) and the environment, with Format's numbers.
// RunManifest is run.json's record; ResultsIndex is results/README.md over the published runs.

/// <summary>
/// Builds a run's report: report.md, one page a reviewer reads in five minutes (what ran on what, the headline
/// grouped by kind of model, Blandy's numbers beside ours, what the run shows in plain sentences, a chart per metric,
/// the caveats that change a reading), and the details it links to (details/*.md, charts/*.svg).
/// </summary>
public static class MarkdownReport
{
    /// <summary>What the report says about the run besides its rows.</summary>
    /// <param name="NotRun">Planned scenarios that never ran (an interrupted run), listed so nothing silently disappears.</param>
    public sealed record RunInfo(
        string Size, bool Complete, IReadOnlyList<string> Models, IReadOnlyList<string> Metrics,
        IReadOnlyList<string>? Warnings = null, IReadOnlyList<string>? NotRun = null,
        DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null);

    /// <summary>Failed or skipped scenarios listed on the page; the rest are in details/failures.md.</summary>
    private const int ListedOnPage = 10;

    /// <param name="fileRows">The rows as results.csv holds them: memory as point rows, whose slopes are derived here.</param>
    /// <param name="samples">The run's samples by launch, for the ratios' intervals (none: ratios without them).</param>
    /// <param name="rerun">How a recorded rerun compared with this run (rerun.json), or null: no section on it.</param>
    public static RenderedReport Render(IReadOnlyList<ResultRow> fileRows, EnvironmentInfo? environment, RunInfo run, LaunchSamples? samples = null,
        RerunRecord? rerun = null)
    {
        var data = new ReportData(fileRows, environment, run, samples, rerun);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var metrics = MetricIds.All.Where(run.Metrics.Contains).ToList();
        var pageCharts = new List<ChartFile>();
        foreach (string metric in metrics)
        {
            ChartFile? page = ReportCharts.Page(data, metric);
            var charts = (page is null ? [] : new[] { page }).Concat(ReportCharts.Details(data, metric)).ToList();
            foreach (ChartFile chart in charts) files[chart.RelativePath] = chart.Svg;
            files[DetailPages.PathOf(metric)] = DetailPages.Metric(data, metric, charts);
            if (page is not null) pageCharts.Add(page);
        }
        if (ReportCharts.Ratios(data) is { } ratios)
        {
            files[ratios.RelativePath] = ratios.Svg;
            pageCharts.Add(ratios);
        }
        files[DetailPages.PathOf(DetailPages.HeadlinePage)] = DetailPages.Headline(data);
        IReadOnlyList<string> caveats = ReportCaveats.Reading(data);
        if (environment is not null)
            files[DetailPages.PathOf(DetailPages.EnvironmentPage)] = DetailPages.Environment(environment, [.. caveats, .. ReportCaveats.Standing]);
        if (data.Rows.Any(r => !r.Succeeded))
            files[DetailPages.PathOf(DetailPages.FailuresPage)] = DetailPages.Failures(data);
        return new RenderedReport(Page(data, metrics, pageCharts, caveats), files);
    }

    /// <summary>report.md alone.</summary>
    public static string Build(IReadOnlyList<ResultRow> fileRows, EnvironmentInfo? environment, RunInfo run, LaunchSamples? samples = null,
        RerunRecord? rerun = null) =>
        Render(fileRows, environment, run, samples, rerun).Page;

    /// <summary>The headline table alone, every row, model and ratio, as printed to the console at the end of a run.</summary>
    /// <param name="fileRows">The rows as results.csv holds them (memory slopes are derived here).</param>
    public static string HeadlineTable(IReadOnlyList<ResultRow> fileRows, IReadOnlyList<string> models, LaunchSamples? samples = null) =>
        HeadlineTables.Full(fileRows, models, samples);

    private static string Page(ReportData data, IReadOnlyList<string> metrics, IReadOnlyList<ChartFile> charts, IReadOnlyList<string> caveats)
    {
        var md = new StringBuilder();
        AppendSummary(md, data);
        AppendFindings(md, data);
        md.AppendLine("## Headline").AppendLine();
        md.AppendLine(ReportProse.Of(ReportProse.Headline)).AppendLine();
        HeadlineTables.AppendGrouped(md, data);
        HeadlineTables.AppendRatios(md, data);
        string headline = DetailPages.PathOf(DetailPages.HeadlinePage);
        md.AppendLine($"Every row, model and ratio, and the green runtime's targets: [{headline}]({headline}).");
        md.AppendLine();
        BlandyFigures.Append(md, data);
        ReproductionSection.Append(md, data);
        AppendCharts(md, charts);
        AppendModels(md, data.Models);
        md.AppendLine("## Caveats").AppendLine();
        foreach (string caveat in caveats) md.AppendLine($"- {caveat}");
        if (data.Environment is not null)
            md.AppendLine($"- Standing caveats about method: [details/environment.md]({DetailPages.PathOf(DetailPages.EnvironmentPage)}#caveats).");
        md.AppendLine();
        DetailPages.AppendNotMeasured(md, "Failed scenarios",
            data.Rows.Where(r => r.Status == ResultRow.StatusFailed).Select(r => (r, r.Error)), ListedOnPage);
        // Peers whose toolchain is not installed: not failures, but the reader must see what is missing and why.
        DetailPages.AppendNotMeasured(md, "Skipped scenarios",
            data.Rows.Where(r => r.Status == ResultRow.StatusSkipped).Select(r => (r, r.Note)), ListedOnPage);
        md.AppendLine("## Details").AppendLine();
        foreach (string metric in metrics)
            md.AppendLine($"- [{metric}]({DetailPages.PathOf(metric)}): what is measured and how, every row, more charts");
        return md.ToString();
    }

    private static void AppendSummary(StringBuilder md, ReportData data)
    {
        RunInfo run = data.Run;
        EnvironmentInfo? env = data.Environment;
        md.AppendLine("# Threads vs tasks vs green threads" + (env is null ? "" : $": {env.CapturedAt:yyyy-MM-dd} on {env.MachineName}"));
        md.AppendLine();
        string duration = run.StartedAt is { } start && run.FinishedAt is { } end && end > start ? $" in {Duration(end - start)}" : "";
        int measured = data.FileRows.Count(r => r.Succeeded);
        md.AppendLine($"**What ran:** a **{run.Size}** run of {string.Join(", ", data.Models.Select(m => $"`{m}`"))} over "
            + $"{string.Join(", ", run.Metrics)}: {measured.ToString("N0", CultureInfo.InvariantCulture)} measured results{duration}"
            + (env is null ? "" : $", started {env.CapturedAt:yyyy-MM-dd HH:mm} UTC") + ".");
        md.AppendLine();
        if (env is not null)
        {
            string commit = env.GitCommit is { Length: >= 7 } c ? c[..7] : "unknown";
            md.AppendLine($"**On what:** {env.CpuModel}, {env.LogicalCores} logical cores{(env.Virtualized ? " (virtual machine)" : "")}; "
                + $"{env.Os}, kernel {env.Kernel}; {env.DotNetRuntime}; commit {commit} "
                + $"([environment]({DetailPages.PathOf(DetailPages.EnvironmentPage)})).");
            md.AppendLine();
        }
        if (!run.Complete)
        {
            md.AppendLine("> **Incomplete run**: it was interrupted; the tables show only the scenarios that finished.");
            if (run.NotRun is { Count: > 0 } notRun)
                md.AppendLine($"> Not run ({notRun.Count}): {string.Join(", ", notRun.Take(40))}{(notRun.Count > 40 ? ", …" : "")}.");
            md.AppendLine();
        }
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{span.TotalSeconds:F0} s";

    private static void AppendModels(StringBuilder md, IReadOnlyList<string> models)
    {
        md.AppendLine("## Models").AppendLine();
        md.AppendLine("| group | model | a unit is | it waits by |");
        md.AppendLine("|---|---|---|---|");
        foreach (ModelGroups.Group group in ModelGroups.All)
            foreach (string model in ModelGroups.Present(group, models))
            {
                (string unit, string waits) = ModelGroups.Descriptions[model];
                md.AppendLine($"| {group.Name} | `{model}` | {unit} | {waits} |");
            }
        md.AppendLine();
        if (models.Contains(ModelIds.Green))
            md.AppendLine("Green units are **stackless** async state machines (a C# `async` method our scheduler polls), not stackful "
                + "green threads with stacks of their own.").AppendLine();
    }

    private static void AppendFindings(StringBuilder md, ReportData data)
    {
        md.AppendLine("## What this run shows").AppendLine();
        IReadOnlyList<Finding> findings = FindingRules.Evaluate(data);
        if (findings.Count == 0)
            md.AppendLine("_No rule found the cells it needs with intervals that separate; this run supports no general sentence._");
        foreach (Finding finding in findings) md.AppendLine(finding.ToMarkdown());
        md.AppendLine();
    }

    private static void AppendCharts(StringBuilder md, IReadOnlyList<ChartFile> charts)
    {
        if (charts.Count == 0) return;
        md.AppendLine("## Charts").AppendLine();
        md.AppendLine("Each model keeps its colour and marker in every chart; the peers (Rust, Go, C) are a lighter family. "
            + "Bars are 95% intervals.").AppendLine();
        foreach (ChartFile chart in charts) md.AppendLine(chart.Embed()).AppendLine();
    }

    internal static int ModelOrder(string model)
    {
        int index = ModelIds.All.ToList().IndexOf(model);
        return index < 0 ? int.MaxValue : index;
    }
}
