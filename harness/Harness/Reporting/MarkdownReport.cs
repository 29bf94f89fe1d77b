using System.Text;
using Harness.Measurement;
using Harness.Models;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// Builds report.md from a run's result rows: the Blandy-style headline table with ratio columns, a detail
/// section per metric, the environment and the caveats.
/// </summary>
public static class MarkdownReport
{
    /// <summary>What the report says about the run besides its rows.</summary>
    /// <param name="NotRun">Planned scenarios that never ran (an interrupted run), listed so nothing silently disappears.</param>
    public sealed record RunInfo(
        string Size, bool Complete, IReadOnlyList<string> Models, IReadOnlyList<string> Metrics,
        IReadOnlyList<string>? Warnings = null, IReadOnlyList<string>? NotRun = null);

    private static readonly IReadOnlyList<(string A, string B)> s_ratioPairs =
        [(ModelIds.Thread, ModelIds.Task), (ModelIds.Thread, ModelIds.Green), (ModelIds.Task, ModelIds.Green)];

    /// <param name="fileRows">The rows as results.csv holds them: memory as point rows, whose slopes are derived here.</param>
    /// <param name="samples">The run's samples by launch, for the ratios' intervals (none: ratios without them).</param>
    public static string Build(IReadOnlyList<ResultRow> fileRows, EnvironmentInfo? environment, RunInfo run, LaunchSamples? samples = null)
    {
        ArgumentNullException.ThrowIfNull(fileRows);
        ArgumentNullException.ThrowIfNull(run);
        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(fileRows);
        var md = new StringBuilder();
        md.AppendLine("# Threads vs pooled tasks vs green threads in .NET");
        md.AppendLine();
        md.AppendLine($"Run: **{run.Size}**, models {string.Join(", ", run.Models)}, metrics {string.Join(", ", run.Metrics)}"
            + (environment is null ? "" : $", {environment.CapturedAt:yyyy-MM-dd HH:mm} UTC on {environment.MachineName}") + ".");
        if (!run.Complete)
        {
            md.AppendLine().AppendLine("> **Incomplete run**: it was interrupted; the tables show only the scenarios that finished.");
            if (run.NotRun is { Count: > 0 } notRun)
                md.AppendLine($"> Not run ({notRun.Count}): {string.Join(", ", notRun.Take(40))}{(notRun.Count > 40 ? ", …" : "")}.");
        }
        md.AppendLine();

        AppendHeadline(md, rows, run.Models, samples ?? LaunchSamples.None);
        GreenTargets.Append(md, rows);
        AppendFailures(md, rows);
        foreach (string metric in MetricIds.All.Where(run.Metrics.Contains))
            AppendMetricSection(md, metric, rows.Where(r => r.Metric == metric).ToList(), fileRows);
        if (environment is not null) AppendEnvironment(md, environment);
        AppendCaveats(md, environment, run.Warnings ?? []);
        return md.ToString();
    }

    /// <summary>The headline table alone, as printed to the console at the end of a run.</summary>
    /// <param name="fileRows">The rows as results.csv holds them (memory slopes are derived here).</param>
    public static string HeadlineTable(IReadOnlyList<ResultRow> fileRows, IReadOnlyList<string> models, LaunchSamples? samples = null)
    {
        var md = new StringBuilder();
        AppendHeadlineTable(md, MemorySlopes.Derive(fileRows), models, samples ?? LaunchSamples.None);
        return md.ToString();
    }

    private static void AppendHeadline(StringBuilder md, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models, LaunchSamples samples)
    {
        md.AppendLine("## Headline");
        md.AppendLine();
        md.AppendLine("Medians of every launch's samples with 95% intervals that include the spread between launches (fresh "
            + "processes, run in shuffled rounds); lower is better. Ratio columns divide the medians, so `thread/task` 50× means "
            + "a thread costs fifty times a task; the range after a ratio is its own 95% interval from the paired rounds. The Blandy columns are the numbers Jim Blandy "
            + "**published** for Rust threads and tokio tasks on his machine (README of jimblandy/context-switch; the seed essay "
            + "quotes creation and switch), not measured here, each beside the row that measures what he measured. His \"1.7 µs "
            + "vs 0.2 µs\" switch pairs two measurements: threads over his pipe brigade (AF_UNIX socketpairs) with the I/O "
            + "subtracted, and tokio tasks over in-memory channels, so the two sit on different rows here; over the brigade he "
            + "found both near 1.7 µs once the I/O is subtracted (his words: \"both converge to 1.7µs\", not a separate figure). "
            + "His per-thread memory was 9.5 KiB resident plus about 10 KiB in the kernel. A cell marked ⚠ bimodal has "
            + "samples in separate clusters: its median, and the ratios built on it, depend on which cluster the run fell in. "
            + "A cell marked ⚠ drifts has a launch whose last third of samples differs from its first (results.csv's note says by how much).");
        md.AppendLine();
        AppendHeadlineTable(md, rows, models, samples);
        md.AppendLine();
    }

    private static void AppendHeadlineTable(StringBuilder md, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models, LaunchSamples samples)
    {
        var ordered = ModelIds.All.Where(models.Contains).ToList();
        var pairs = s_ratioPairs.Where(p => ordered.Contains(p.A) && ordered.Contains(p.B)).ToList();
        var header = new List<string> { "operation" };
        header.AddRange(ordered);
        header.AddRange(pairs.Select(p => $"{p.A}/{p.B}"));
        header.Add("Blandy: Rust threads (published)");
        header.Add("Blandy: async (published)");
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");

        foreach (Headline.Row line in Headline.Rows)
        {
            var cells = ordered.Select(model => line.Cell.Find(rows, model)).ToList();
            if (cells.All(c => c is null)) continue;
            var row = new List<string> { line.Label };
            row.AddRange(cells.Select(HeadlineCell));
            foreach ((string a, string b) in pairs)
            {
                ResultRow? ra = cells[ordered.IndexOf(a)], rb = cells[ordered.IndexOf(b)];
                row.Add(line.Ratios && ra is { Succeeded: true } && rb is { Succeeded: true } ? RatioText(ra, rb, samples) : "n/a");
            }
            row.Add(line.PublishedThread ?? "");
            row.Add(line.PublishedAsync ?? "");
            md.AppendLine("| " + string.Join(" | ", row.Select(Format.Cell)) + " |");
        }
    }

    /// <summary>The ratio with its interval where the samples give one: <c>12.3× (11.0–13.9)</c>.</summary>
    private static string RatioText(ResultRow a, ResultRow b, LaunchSamples samples) =>
        RatioCell.Of(a, b, samples) is { } ratio && double.IsFinite(ratio.CiLower) && double.IsFinite(ratio.CiUpper)
            ? $"{Format.Ratio(a.Value, b.Value)} ({Format.Significant(ratio.CiLower)}–{Format.Significant(ratio.CiUpper)})"
            : Format.Ratio(a.Value, b.Value);

    private static string HeadlineCell(ResultRow? row) => row switch
    {
        null => "not run",
        { Status: ResultRow.StatusSkipped } => "skipped",
        { Succeeded: false } => "**failed**",
        _ => (double.IsNaN(row.CiLower) || double.IsNaN(row.CiUpper)
                ? Format.Value(row.Value, row.Unit)
                : Format.Estimate(row.Value, row.CiLower, row.CiUpper, row.Unit))
            + (row.Modes > 1 ? " ⚠ bimodal" : "")
            + (row.DriftingLaunches > 0 ? " ⚠ drifts" : ""),
    };

    private static void AppendFailures(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        AppendNotMeasured(md, "Failed scenarios", rows.Where(r => r.Status == ResultRow.StatusFailed).Select(r => (r, r.Error)));
        // Peers whose toolchain is not installed: not failures, but the reader must see what is missing and why.
        AppendNotMeasured(md, "Skipped scenarios", rows.Where(r => r.Status == ResultRow.StatusSkipped).Select(r => (r, r.Note)));
    }

    private static void AppendNotMeasured(StringBuilder md, string heading, IEnumerable<(ResultRow Row, string Reason)> rows)
    {
        var listed = rows.ToList();
        if (listed.Count == 0) return;
        md.AppendLine($"## {heading}");
        md.AppendLine();
        md.AppendLine("| scenario | quantity | reason |");
        md.AppendLine("|---|---|---|");
        foreach ((ResultRow row, string reason) in listed)
            md.AppendLine($"| {row.ScenarioKey} | {row.Quantity} | {Format.Cell(reason)} |");
        md.AppendLine();
    }

    private static void AppendMetricSection(StringBuilder md, string metric, IReadOnlyList<ResultRow> rows, IReadOnlyList<ResultRow> fileRows)
    {
        md.AppendLine($"## {metric}");
        md.AppendLine();
        md.AppendLine(MetricDescriptions.Of(metric));
        md.AppendLine();
        if (rows.Count == 0)
        {
            md.AppendLine("_No results._");
            md.AppendLine();
            return;
        }
        md.AppendLine("| scenario | quantity | statistic | model | value | 95% CI | min | max | n | modes | vol. ctx switches/op | invol./op | pool work items/op | lock contentions/op |");
        md.AppendLine("|---|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ResultRow row in rows.Where(r => r.Succeeded)
            .OrderBy(r => (r with { Model = "" }).ScenarioKey, StringComparer.Ordinal).ThenBy(r => r.Quantity, StringComparer.Ordinal)
            .ThenBy(r => r.Statistic, StringComparer.Ordinal).ThenBy(r => ModelOrder(r.Model)))
        {
            string modes = row.Modes > 1 ? $"**{row.Modes}** ⚠" : row.Modes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double scale = Format.EstimateScale(row.Value, row.CiLower, row.CiUpper);
            md.AppendLine($"| {(row with { Model = "", Metric = "" }).ScenarioKey} | {row.Quantity} | {row.Statistic} | {row.Model} "
                + $"| {Format.Value(row.Value, row.Unit, scale)} | {Format.Interval(row.CiLower, row.CiUpper, row.Unit, scale)} "
                + $"| {Format.Value(row.Min, row.Unit)} | {Format.Value(row.Max, row.Unit)} | {row.Samples} | {modes} "
                + $"| {Format.Counter(row.VoluntarySwitchesPerOp)} | {Format.Counter(row.InvoluntarySwitchesPerOp)} "
                + $"| {Format.Counter(row.WorkItemsPerOp)} | {Format.Counter(row.LockContentionsPerOp)} |");
        }
        ReportCharts.Append(md, metric, rows.Where(r => r.Succeeded).ToList(), fileRows);
        if (rows.Any(r => r.Succeeded && r.Modes > 1))
        {
            md.AppendLine();
            md.AppendLine("⚠ More than one mode: the samples cluster in separate groups (e.g. scheduler placement changed "
                + "between samples); the median hides that, so read min and max too.");
        }
        md.AppendLine();
    }

    private static void AppendEnvironment(StringBuilder md, EnvironmentInfo env)
    {
        md.AppendLine("## Environment");
        md.AppendLine();
        md.AppendLine($"- CPU: {env.CpuModel}, {env.LogicalCores} logical cores, affinity of the parent {env.Affinity}"
            + (env.Virtualized ? " (virtualized: hypervisor flag set)" : ""));
        md.AppendLine($"- OS: {env.Os}, kernel {env.Kernel}");
        md.AppendLine($"- .NET: {env.DotNetRuntime}{(env.DotNetSdk is null ? "" : $" (SDK {env.DotNetSdk})")}; GC {env.GcMode}, latency mode {env.GcLatencyMode}");
        md.AppendLine($"- ThreadPool: min {env.ThreadPoolMinWorkers} workers / {env.ThreadPoolMinIo} I/O, max {env.ThreadPoolMaxWorkers} workers");
        md.AppendLine($"- Default thread stack: {env.DefaultThreadStack}");
        if (env.TickCountStepMs is { } step)
            md.AppendLine($"- Timer clock: Environment.TickCount64 advances in steps of {Format.Significant(step)} ms (the clock Task.Delay is due on)");
        md.AppendLine($"- Limits: {string.Join(", ", env.Limits.Select(kv => $"{kv.Key} {kv.Value}"))}");
        md.AppendLine($"- Commit: {env.GitCommit ?? "unknown"}");
        if (env.ScenarioEnvironment.Count > 0)
            md.AppendLine($"- Scenario processes ran with: {string.Join(", ", env.ScenarioEnvironment.Select(kv => $"`{kv.Key}={kv.Value}`"))} (hot code reaches tier 1 within the warm-up)");
        md.AppendLine();
    }

    private static void AppendCaveats(StringBuilder md, EnvironmentInfo? env, IReadOnlyList<string> warnings)
    {
        md.AppendLine("## Caveats");
        md.AppendLine();
        foreach (string warning in warnings) md.AppendLine($"- ⚠ {warning}.");
        if (env?.Virtualized == true)
            md.AppendLine("- This host is a virtual machine: other tenants and the hypervisor add noise. Compare ratios within one run, not absolute numbers across runs.");
        md.AppendLine("- Each scenario ran in a fresh process. Pinned scenarios ran under `taskset -c N`, so that process (and its ThreadPool) saw one CPU.");
        md.AppendLine("- Brigade links are AF_UNIX socketpairs, as in Blandy's benchmark; full runs add the same brigade over anonymous pipes (`brigade-pipe`).");
        md.AppendLine("- The thread ping-pong waits on POSIX semaphores, which never spin; .NET's SemaphoreSlim would spin first and, on two CPUs, often avoid the switch being measured.");
        if (env?.TickCountStepMs is > 1.5 and var coarse)
            md.AppendLine($"- Task.Delay is due on Environment.TickCount64, which here advances in {Format.Significant(coarse)} ms steps "
                + "(CLOCK_MONOTONIC_COARSE), so a 1 ms Task.Delay would wake several ms late even alone. Stall probes are therefore "
                + "woken by one ticker thread through each model's own handoff, and `wait` holds end on a precise timer thread, "
                + "never on Task.Delay; the stall rows still compare each model with its own baseline (added latency).");
        md.AppendLine("- Per-operation counters cover the sampled runs only (not warm-up); context switches come from getrusage, which counts every thread of the process, including exited ones.");
        md.AppendLine();
    }

    internal static int ModelOrder(string model)
    {
        int index = ModelIds.All.ToList().IndexOf(model);
        return index < 0 ? int.MaxValue : index;
    }
}
