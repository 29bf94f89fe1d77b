namespace Harness.Reporting;

/// <summary>
/// The caveats of a run: those that change how its numbers read (test sizes, a virtual machine, the run's own
/// warnings such as capped sweeps, failed and skipped cells, bimodal cells, a coarse timer clock), which the page
/// shows, and the standing ones about method, which details/environment.md adds.
/// </summary>
public static class ReportCaveats
{
    public static IReadOnlyList<string> Reading(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var caveats = new List<string>();
        if (data.Run.Size.StartsWith(RunManifest.Tiny, StringComparison.Ordinal))
            caveats.Add("⚠ Test sizes: every scenario ran at tiny sizes; the numbers show the report works, not what anything costs.");
        if (data.Environment?.Virtualized == true)
            caveats.Add("This host is a virtual machine: other tenants and the hypervisor add noise. Compare ratios within one run, "
                + "not absolute numbers across runs.");
        caveats.AddRange((data.Run.Warnings ?? []).Select(w => $"⚠ {w}."));
        int failed = data.Rows.Count(r => r.Status == ResultRow.StatusFailed);
        int skipped = data.Rows.Count(r => r.Status == ResultRow.StatusSkipped);
        if (failed + skipped > 0)
            caveats.Add($"{failed} scenario result(s) failed and {skipped} were skipped: their cells show **failed** or skipped, and "
                + $"no sentence or ratio uses them ([list]({DetailPages.PathOf(DetailPages.FailuresPage)})).");
        int bimodal = Headline.Rows.Where(r => r.OnPage).Sum(line => data.Models.Count(m => data.Measured(line.Cell, m) is { Modes: > 1 }));
        if (bimodal > 0)
            caveats.Add($"{bimodal} cell(s) on this page are bimodal (⚠): their samples fall in separate clusters, so the median "
                + "depends on which cluster the run fell in.");
        if (data.Environment?.TickCountStepMs is > 1.5 and var coarse)
            caveats.Add($"Task.Delay's clock advances in {Format.Significant(coarse)} ms steps here, so stall probes are woken by one "
                + "ticker thread through each model's own handoff, never by Task.Delay; each model is compared with its own baseline.");
        return caveats;
    }

    /// <summary>The caveats about method that hold for every run.</summary>
    public static readonly IReadOnlyList<string> Standing =
    [
        "Each scenario ran in a fresh process. Pinned scenarios ran under `taskset -c N`, so that process (and its ThreadPool) saw one CPU.",
        "Brigade links are AF_UNIX socketpairs, as in Blandy's benchmark; full runs add the same brigade over anonymous pipes (`brigade-pipe`).",
        "The thread ping-pong waits on POSIX semaphores, which never spin; .NET's SemaphoreSlim would spin first and, on two CPUs, often "
            + "avoid the switch being measured.",
        "Per-operation counters cover the sampled runs only (not warm-up); context switches come from getrusage, which counts every thread "
            + "of the process, including exited ones.",
    ];
}
