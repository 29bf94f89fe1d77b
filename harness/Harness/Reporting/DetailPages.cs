using System.Globalization;
using System.Text;
using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// The pages under a run folder's details/, linked from report.md: every headline row with the green runtime's
/// targets, a page per metric (its prose, charts and rows; stall as compact tables per setup), the environment with
/// every caveat, and the scenarios that failed or were skipped.
/// </summary>
public static class DetailPages
{
    public const string Folder = "details";

    public static string PathOf(string page) => $"{Folder}/{page}.md";

    public const string HeadlinePage = "headline", EnvironmentPage = "environment", FailuresPage = "failures";

    public static string Headline(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var md = new StringBuilder();
        md.AppendLine("# Headline: every row").AppendLine();
        md.AppendLine(ReportProse.Of(ReportProse.Headline)).AppendLine();
        md.Append(HeadlineTables.Full(data));
        GreenTargets.Append(md, data.Rows);
        return md.ToString();
    }

    /// <param name="charts">The metric's charts, the page's first.</param>
    public static string Metric(ReportData data, string metric, IReadOnlyList<ChartFile> charts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder();
        md.AppendLine($"# {metric}").AppendLine();
        md.AppendLine(ReportProse.Of(metric)).AppendLine();
        foreach (ChartFile chart in charts) md.AppendLine(chart.Embed(depth: 1)).AppendLine();
        var rows = data.Rows.Where(r => r.Metric == metric && r.Succeeded).ToList();
        if (rows.Count == 0)
        {
            md.AppendLine("_No results._");
            return md.ToString();
        }
        if (metric == MetricIds.Stall) StallSummary.Append(md, data);
        else AppendRows(md, rows.Where(r => !Percentiles.Names.Contains(r.Statistic)).ToList());
        AppendPercentiles(md, data, metric);
        return md.ToString();
    }

    /// <summary>Every measured row of a metric with its interval, range, samples, modes and per-operation counters.</summary>
    private static void AppendRows(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        md.AppendLine("| scenario | quantity | statistic | model | value (95% CI) | min | max | n | modes | vol. cs/op | invol. cs/op "
            + "| pool items/op | lock cont./op |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ResultRow row in rows
            .OrderBy(r => (r with { Model = "" }).ScenarioKey, StringComparer.Ordinal).ThenBy(r => r.Quantity, StringComparer.Ordinal)
            .ThenBy(r => r.Statistic, StringComparer.Ordinal).ThenBy(r => MarkdownReport.ModelOrder(r.Model)))
        {
            string modes = row.Modes > 1 ? $"**{row.Modes}** ⚠" : row.Modes.ToString(CultureInfo.InvariantCulture);
            md.AppendLine($"| {(row with { Model = "", Metric = "" }).ScenarioKey} | {row.Quantity} | {row.Statistic} | {row.Model} "
                + $"| {Format.Compact(row.Value, row.CiLower, row.CiUpper, row.Unit)} | {Format.Value(row.Min, row.Unit)} "
                + $"| {Format.Value(row.Max, row.Unit)} | {row.Samples} | {modes} | {Format.Counter(row.VoluntarySwitchesPerOp)} "
                + $"| {Format.Counter(row.InvoluntarySwitchesPerOp)} | {Format.Counter(row.WorkItemsPerOp)} "
                + $"| {Format.Counter(row.LockContentionsPerOp)} |");
        }
        md.AppendLine();
        if (rows.Any(r => r.Modes > 1))
            md.AppendLine("⚠ More than one mode: the samples cluster in separate groups (e.g. scheduler placement changed between "
                + "samples); the median hides that, so read min and max too.").AppendLine();
    }

    /// <summary>Percentile rows, where the run has them: a table per quantity, a row per model, a column per rank.</summary>
    private static void AppendPercentiles(StringBuilder md, ReportData data, string metric)
    {
        var groups = Percentiles.Groups(data.Rows, metric);
        if (groups.Count == 0) return;
        md.AppendLine("## Percentiles").AppendLine();
        foreach (var group in groups)
        {
            var ranks = Percentiles.Names.Where(n => group.Any(r => r.Statistic == n)).ToList();
            md.AppendLine($"`{group.Key}`").AppendLine();
            md.AppendLine("| model | " + string.Join(" | ", ranks) + " |");
            md.AppendLine("|---|" + string.Concat(ranks.Select(_ => "---:|")));
            foreach (string model in data.Models.Where(m => group.Any(r => r.Model == m)))
                md.AppendLine($"| {model} | "
                    + string.Join(" | ", ranks.Select(rank => Cells.Cell(group.LastOrDefault(r => r.Model == model && r.Statistic == rank)))) + " |");
            md.AppendLine();
        }
    }

    public static string Environment(EnvironmentInfo env, IReadOnlyList<string> caveats)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(caveats);
        var md = new StringBuilder();
        md.AppendLine("# Environment").AppendLine();
        md.AppendLine($"- CPU: {env.CpuModel}, {env.LogicalCores} logical cores, affinity of the parent {env.Affinity}"
            + (env.Virtualized ? " (virtualized: hypervisor flag set)" : ""));
        md.AppendLine($"- OS: {env.Os}, kernel {env.Kernel}");
        md.AppendLine($"- .NET: {env.DotNetRuntime}{(env.DotNetSdk is null ? "" : $" (SDK {env.DotNetSdk})")}; GC {env.GcMode}, "
            + $"latency mode {env.GcLatencyMode}");
        md.AppendLine($"- ThreadPool: min {env.ThreadPoolMinWorkers} workers / {env.ThreadPoolMinIo} I/O, max {env.ThreadPoolMaxWorkers} workers");
        md.AppendLine($"- Default thread stack: {env.DefaultThreadStack}");
        if (env.TickCountStepMs is { } step)
            md.AppendLine($"- Timer clock: Environment.TickCount64 advances in steps of {Format.Significant(step)} ms "
                + "(the clock Task.Delay is due on)");
        md.AppendLine($"- Limits: {string.Join(", ", env.Limits.Select(kv => $"{kv.Key} {kv.Value}"))}");
        md.AppendLine($"- Commit: {env.GitCommit ?? "unknown"}");
        if (env.ScenarioEnvironment.Count > 0)
            md.AppendLine($"- Scenario processes ran with: {string.Join(", ", env.ScenarioEnvironment.Select(kv => $"`{kv.Key}={kv.Value}`"))} "
                + "(hot code reaches tier 1 within the warm-up)");
        foreach (Peers.PeerEnvironment peer in env.Peers ?? [])
            md.AppendLine($"- Peer {peer.Peer}: {peer.Status}; "
                + string.Join(", ", peer.Toolchains.Concat(peer.Crates).Select(kv => $"{kv.Key} {kv.Value}"))
                + (peer.Note is null ? "" : $" ({Format.Cell(peer.Note)})"));
        md.AppendLine();
        md.AppendLine("## Caveats").AppendLine();
        foreach (string caveat in caveats) md.AppendLine($"- {caveat}");
        return md.ToString();
    }

    /// <summary>Every failed and skipped scenario with its reason.</summary>
    public static string Failures(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var md = new StringBuilder();
        md.AppendLine("# Failed and skipped scenarios").AppendLine();
        AppendNotMeasured(md, "Failed scenarios", data.Rows.Where(r => r.Status == ResultRow.StatusFailed).Select(r => (r, r.Error)));
        AppendNotMeasured(md, "Skipped scenarios", data.Rows.Where(r => r.Status == ResultRow.StatusSkipped).Select(r => (r, r.Note)));
        return md.ToString();
    }

    /// <summary>A section listing scenarios that were not measured and why; past <paramref name="limit"/> rows, a count
    /// and a link to the full list.</summary>
    internal static void AppendNotMeasured(StringBuilder md, string heading, IEnumerable<(ResultRow Row, string Reason)> rows,
        int limit = int.MaxValue)
    {
        var listed = rows.ToList();
        if (listed.Count == 0) return;
        md.AppendLine($"## {heading}").AppendLine();
        md.AppendLine("| scenario | quantity | reason |");
        md.AppendLine("|---|---|---|");
        foreach ((ResultRow row, string reason) in listed.Take(limit))
            md.AppendLine($"| {row.ScenarioKey} | {row.Quantity} | {Format.Cell(reason)} |");
        md.AppendLine();
        if (listed.Count > limit)
            md.AppendLine($"And {listed.Count - limit} more: [the full list]({PathOf(FailuresPage)}).").AppendLine();
    }
}
