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
    /// <param name="Samples">The run's raw samples, for charts of sweeps (memory versus N); optional.</param>
    /// <param name="NotRun">Planned scenarios that never ran (an interrupted run), listed so nothing silently disappears.</param>
    public sealed record RunInfo(
        string Flavour, bool Complete, IReadOnlyList<string> Models, IReadOnlyList<string> Metrics,
        IReadOnlyList<string>? Warnings = null, IReadOnlyList<SampleRow>? Samples = null, IReadOnlyList<string>? NotRun = null);

    private static readonly IReadOnlyList<(string A, string B)> s_ratioPairs =
        [(ModelIds.Thread, ModelIds.Task), (ModelIds.Thread, ModelIds.Green), (ModelIds.Task, ModelIds.Green)];

    public static string Build(IReadOnlyList<ResultRow> rows, EnvironmentInfo? environment, RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        md.AppendLine("# Threads vs pooled tasks vs green threads in .NET");
        md.AppendLine();
        md.AppendLine($"Run: **{run.Flavour}**, models {string.Join(", ", run.Models)}, metrics {string.Join(", ", run.Metrics)}"
            + (environment is null ? "" : $", {environment.CapturedAt:yyyy-MM-dd HH:mm} UTC on {environment.MachineName}") + ".");
        if (!run.Complete)
        {
            md.AppendLine().AppendLine("> **Incomplete run**: it was interrupted; the tables show only the scenarios that finished.");
            if (run.NotRun is { Count: > 0 } notRun)
                md.AppendLine($"> Not run ({notRun.Count}): {string.Join(", ", notRun.Take(40))}{(notRun.Count > 40 ? ", …" : "")}.");
        }
        md.AppendLine();

        AppendHeadline(md, rows, run.Models);
        AppendGreenTargets(md, rows);
        AppendFailures(md, rows);
        foreach (string metric in MetricIds.All.Where(run.Metrics.Contains))
            AppendMetricSection(md, metric, rows.Where(r => r.Metric == metric).ToList(), run.Samples ?? []);
        if (environment is not null) AppendEnvironment(md, environment);
        AppendCaveats(md, environment, run.Warnings ?? []);
        return md.ToString();
    }

    /// <summary>The headline table alone, as printed to the console at the end of a run.</summary>
    public static string HeadlineTable(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models)
    {
        var md = new StringBuilder();
        AppendHeadlineTable(md, rows, models);
        return md.ToString();
    }

    private static void AppendHeadline(StringBuilder md, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models)
    {
        md.AppendLine("## Headline");
        md.AppendLine();
        md.AppendLine("Medians (Harrell-Davis) with 95% confidence intervals; lower is better. Ratio columns divide the medians, "
            + "so `thread/task` 50× means a thread costs fifty times a task. The Blandy columns are the numbers Jim Blandy "
            + "**published** for Rust threads and tokio tasks on his machine (README of jimblandy/context-switch; the seed essay "
            + "quotes creation and switch), not measured here, each beside the row that measures what he measured. His \"1.7 µs "
            + "vs 0.2 µs\" switch pairs two measurements: threads over his pipe brigade (AF_UNIX socketpairs) with the I/O "
            + "subtracted, and tokio tasks over in-memory channels, so the two sit on different rows here; over the brigade he "
            + "found both near 1.7 µs once the I/O is subtracted (his words: \"both converge to 1.7µs\", not a separate figure). "
            + "His per-thread memory was 9.5 KiB resident plus about 10 KiB in the kernel. A cell marked ⚠ bimodal has "
            + "samples in separate clusters: its median, and the ratios built on it, depend on which cluster the run fell in.");
        md.AppendLine();
        AppendHeadlineTable(md, rows, models);
        md.AppendLine();
    }

    private static void AppendHeadlineTable(StringBuilder md, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models)
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
            var cells = ordered.Select(model => Find(rows, line.Metric, model, line.Variant)).ToList();
            if (cells.All(c => c is null)) continue;
            var row = new List<string> { line.Label };
            row.AddRange(cells.Select(HeadlineCell));
            foreach ((string a, string b) in pairs)
            {
                ResultRow? ra = cells[ordered.IndexOf(a)], rb = cells[ordered.IndexOf(b)];
                row.Add(line.Ratios && ra is { Succeeded: true } && rb is { Succeeded: true } ? Format.Ratio(ra.Median, rb.Median) : "n/a");
            }
            row.Add(line.PublishedThread ?? "");
            row.Add(line.PublishedAsync ?? "");
            md.AppendLine("| " + string.Join(" | ", row.Select(Format.Cell)) + " |");
        }
    }

    private static string HeadlineCell(ResultRow? row) => row switch
    {
        null => "not run",
        { Succeeded: false } => "**failed**",
        _ => (double.IsNaN(row.CiLower) || double.IsNaN(row.CiUpper)
                ? Format.Value(row.Median, row.Unit)
                : Format.Estimate(row.Median, row.CiLower, row.CiUpper, row.Unit))
            + (row.Modes > 1 ? " ⚠ bimodal" : ""),
    };

    private static void AppendGreenTargets(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        var lines = Headline.GreenTargets
            .Select(t => (Target: t, Green: Find(rows, t.Metric, ModelIds.Green, t.Variant), Task: Find(rows, t.Metric, ModelIds.Task, t.Variant)))
            .Where(l => l.Green is { Succeeded: true } && l.Task is { Succeeded: true })
            .ToList();
        if (lines.Count == 0) return;
        md.AppendLine("## Green runtime targets");
        md.AppendLine();
        md.AppendLine("Each target is a ratio of medians measured in this run: green / task. A missed target says by how much, and what "
            + "bounds the green runtime there.");
        md.AppendLine();
        md.AppendLine("| target | green | task | green/task | goal | verdict | what bounds it |");
        md.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach ((Headline.Target target, ResultRow? green, ResultRow? task) in lines)
        {
            double ratio = green!.Median / task!.Median;
            string verdict = ratio <= target.MaxRatio
                ? "met"
                : $"**missed** by {Format.Significant(ratio / target.MaxRatio)}× (green would need {Format.Value(task.Median * target.MaxRatio, green.Unit)})";
            md.AppendLine($"| {target.What} ({target.Metric}/{target.Variant}) | {Format.Value(green.Median, green.Unit)} | {Format.Value(task.Median, task.Unit)} "
                + $"| {Format.Significant(ratio)}× | ≤ {Format.Significant(target.MaxRatio)}× | {verdict} | {(ratio <= target.MaxRatio ? "" : Format.Cell(target.Bound))} |");
        }
        md.AppendLine();
    }

    private static void AppendFailures(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        var failed = rows.Where(r => !r.Succeeded).ToList();
        if (failed.Count == 0) return;
        md.AppendLine("## Failed scenarios");
        md.AppendLine();
        md.AppendLine("| metric | model | variant | reason |");
        md.AppendLine("|---|---|---|---|");
        foreach (ResultRow row in failed)
            md.AppendLine($"| {row.Metric} | {row.Model} | {row.Variant} | {Format.Cell(row.Error)} |");
        md.AppendLine();
    }

    private static void AppendMetricSection(StringBuilder md, string metric, IReadOnlyList<ResultRow> rows, IReadOnlyList<SampleRow> samples)
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
        md.AppendLine("| variant | model | median | 95% CI | min | max | n | modes | vol. ctx switches/op | invol./op | pool work items/op | lock contentions/op |");
        md.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ResultRow row in rows.Where(r => r.Succeeded).OrderBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => ModelOrder(r.Model)))
        {
            string modes = row.Modes > 1 ? $"**{row.Modes}** ⚠" : row.Modes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double scale = Format.EstimateScale(row.Median, row.CiLower, row.CiUpper);
            md.AppendLine($"| {row.Variant} | {row.Model} | {Format.Value(row.Median, row.Unit, scale)} | {Format.Interval(row.CiLower, row.CiUpper, row.Unit, scale)} "
                + $"| {Format.Value(row.Min, row.Unit)} | {Format.Value(row.Max, row.Unit)} | {row.Samples} | {modes} "
                + $"| {Format.Counter(row.VoluntarySwitchesPerOp)} | {Format.Counter(row.InvoluntarySwitchesPerOp)} "
                + $"| {Format.Counter(row.WorkItemsPerOp)} | {Format.Counter(row.LockContentionsPerOp)} |");
        }
        AppendCharts(md, metric, rows);
        if (metric == MetricIds.Memory) AppendMemorySweeps(md, samples);
        if (rows.Any(r => r.Succeeded && r.Modes > 1))
        {
            md.AppendLine();
            md.AppendLine("⚠ More than one mode: the samples cluster in separate groups (e.g. scheduler placement changed "
                + "between samples); the median hides that, so read min and max too.");
        }
        md.AppendLine();
    }

    /// <summary>
    /// Charts for a metric's section, as Mermaid xychart-beta (GitHub renders it). xychart has no legend, so a chart
    /// holds one series and its x-axis labels say which model and variant each bar or point is.
    /// </summary>
    private static void AppendCharts(StringBuilder md, string metric, IReadOnlyList<ResultRow> rows)
    {
        var ok = rows.Where(r => r.Succeeded).ToList();
        switch (metric)
        {
            case MetricIds.Creation:
                AppendBarChart(md, "Creation: µs per unit (spawn + first run + join)", ok.Where(r => r.Variant == "total"), r => r.Median / 1000);
                break;
            case MetricIds.Switch:
                AppendBarChart(md, "Context switch: µs per hop or switch", ok.Where(r => r.Variant is "brigade-pinned" or "brigade-unpinned" or "pingpong-pinned" or "pingpong-unpinned"), r => r.Median / 1000);
                break;
            case MetricIds.Memory:
                AppendBarChart(md, "Resident bytes per parked unit (slope over N)", ok.Where(r => r.Variant is "rss" or "rss-touch"), r => r.Median);
                break;
            case MetricIds.Stall:
                AppendStallCharts(md, ok);
                break;
        }
    }

    /// <summary>
    /// p99 added latency against the hold D, one chart per offender setup (kind and count), a line per model and green
    /// variant. xychart draws no legend, so the caption names the lines in drawing order; a line lacking a point at some
    /// D is left out (xychart cannot draw a gap) and the caption says so.
    /// </summary>
    private static void AppendStallCharts(StringBuilder md, IReadOnlyList<ResultRow> ok)
    {
        var points = ok.Where(r => r.Variant.EndsWith("-p99-added", StringComparison.Ordinal) && double.IsFinite(r.Median))
            .Select(r => (Row: r, Setup: SetupOf(r.Variant), Line: LineOf(r), Hold: HoldOf(r.Variant)))
            .ToList();
        foreach (var setup in points.GroupBy(p => p.Setup).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var holds = setup.Select(p => p.Hold).Distinct().Order().ToList();
            if (holds.Count < 2) continue;
            var lines = setup.GroupBy(p => p.Line).OrderBy(g => LineOrder(g.Key)).ToList();
            var complete = lines.Where(l => holds.All(h => l.Any(p => p.Hold == h))).ToList();
            var partial = lines.Except(complete).Select(l => l.Key).ToList();
            if (complete.Count == 0) continue;
            md.AppendLine();
            md.AppendLine($"Stall, {setup.Key}: p99 added latency (µs) against the hold D. Lines, in drawing order: "
                + string.Join(", ", complete.Select((l, i) => $"{i + 1}. {l.Key}"))
                + (partial.Count > 0 ? $" (left out for missing points: {string.Join(", ", partial)})" : "") + ".");
            md.AppendLine();
            md.AppendLine("```mermaid");
            md.AppendLine("xychart-beta");
            md.AppendLine($"    title \"Stall, {setup.Key}: p99 added latency (µs) vs hold D\"");
            md.AppendLine("    x-axis [" + string.Join(", ", holds.Select(h => $"\"{ResultRows.HoldLabel(h)}\"")) + "]");
            md.AppendLine("    y-axis \"µs\"");
            foreach (var line in complete)
                md.AppendLine("    line [" + string.Join(", ", holds.Select(h => ChartNumber(line.Single(p => p.Hold == h).Row.Median / 1000))) + "]");
            md.AppendLine("```");
        }
    }

    /// <summary>Stall variant "sleep-1ms-xW-offload-p99-added" to its offender setup "sleep xW" (kind and count).</summary>
    private static string SetupOf(string variant)
    {
        string[] parts = variant.Split('-');
        return $"{parts[0]} {parts[2]}";
    }

    /// <summary>The line a stall row belongs to: its model, plus the green variant (offload, detect) if any.</summary>
    private static string LineOf(ResultRow row)
    {
        string[] parts = row.Variant[..^"-p99-added".Length].Split('-');
        return parts.Length > 3 ? $"{row.Model} {string.Join(' ', parts[3..])}" : row.Model;
    }

    private static int LineOrder(string line)
    {
        string[] parts = line.Split(' ');
        return (ModelOrder(parts[0]) * 10) + (parts.Length > 1 ? (parts[1] == "offload" ? 1 : 2) : 0);
    }

    /// <summary>Resident memory added by N parked units against N, a chart per model and variant (the points the slope is fitted to).</summary>
    private static void AppendMemorySweeps(StringBuilder md, IReadOnlyList<SampleRow> samples)
    {
        var sweeps = samples.Where(s => s.Metric == MetricIds.Memory && s.Units > 0 && s.Variant is "rss" or "rss-touch" or "rss-small-stack")
            .GroupBy(s => (s.Model, s.Variant))
            .OrderBy(g => ModelOrder(g.Key.Model)).ThenBy(g => g.Key.Variant, StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            // Repeated points at one N are averaged for the chart; the slope uses every point.
            var points = sweep.GroupBy(s => s.Units).OrderBy(g => g.Key).Select(g => (N: g.Key, MiB: g.Average(s => s.Value) / (1024 * 1024))).Where(p => double.IsFinite(p.MiB)).ToList();
            if (points.Count < 2) continue;
            md.AppendLine();
            md.AppendLine("```mermaid");
            md.AppendLine("xychart-beta");
            md.AppendLine($"    title \"{sweep.Key.Model} {sweep.Key.Variant}: MiB added by N parked units\"");
            // xychart-beta spaces categories evenly: the axis title says so, since N grows by 10× per step.
            md.AppendLine("    x-axis \"N parked units (evenly spaced, not to scale)\" [" + string.Join(", ", points.Select(p => $"\"{p.N}\"")) + "]");
            md.AppendLine("    y-axis \"MiB\"");
            md.AppendLine("    line [" + string.Join(", ", points.Select(p => ChartNumber(p.MiB))) + "]");
            md.AppendLine("```");
        }
    }

    private static void AppendBarChart(StringBuilder md, string title, IEnumerable<ResultRow> rows, Func<ResultRow, double> value)
    {
        var bars = rows.Where(r => double.IsFinite(value(r))).OrderBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => ModelOrder(r.Model)).ToList();
        if (bars.Count == 0) return;
        md.AppendLine();
        md.AppendLine("```mermaid");
        md.AppendLine("xychart-beta");
        md.AppendLine($"    title \"{title}\"");
        md.AppendLine("    x-axis [" + string.Join(", ", bars.Select(r => $"\"{r.Model} {r.Variant}\"")) + "]");
        md.AppendLine("    bar [" + string.Join(", ", bars.Select(r => ChartNumber(value(r)))) + "]");
        md.AppendLine("```");
    }

    private static int HoldOf(string variant)
    {
        string label = variant.Split('-')[1];
        return label.EndsWith("ms", StringComparison.Ordinal)
            ? int.Parse(label[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1000
            : int.Parse(label[..^2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ChartNumber(double value) =>
        (double.IsFinite(value) ? Math.Round(value, 3) : 0).ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    private static ResultRow? Find(IReadOnlyList<ResultRow> rows, string metric, string model, string variant) =>
        rows.LastOrDefault(r => r.Metric == metric && r.Model == model && r.Variant == variant);

    private static int ModelOrder(string model)
    {
        int index = ModelIds.All.ToList().IndexOf(model);
        return index < 0 ? int.MaxValue : index;
    }
}
