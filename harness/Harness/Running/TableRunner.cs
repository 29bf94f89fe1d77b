using Harness.Child;
using System.Diagnostics;
using Harness.Measurement;
using Harness.Peers;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Running;

// Running/: what each command does. TableRunner runs a table: the scenarios of the plan, each in a child
// (Child/), appended to the run folder as they finish (NewRunFolder, Storage/RunWriter), progress to IRunProgress,
// then RunReport. RunReport renders report.md from a run folder's files, the one path `table` and ReportCommand
// share; RunFolderReader reads a folder for a command with one-line errors. CompareCommand and PublishCommand
// (with PublishedRuns) work on finished runs; each command takes its typed *Options from Commands/.

/// <summary>
/// The <c>table</c> command: runs every planned scenario in its own child process, appends each outcome to
/// the result files as soon as it is known, and ends with report.md and the headline table on the console.
/// </summary>
public sealed class TableRunner(ChildCommand child, TextWriter console, IRunProgress? progress = null)
{
    private readonly IRunProgress _progress = progress ?? new LineProgress(console);

    /// <summary>Exit code when the run finished but at least one scenario failed.</summary>
    public const int SomeScenariosFailedExitCode = 1;

    /// <summary>Exit code when the run was interrupted (what was measured is kept).</summary>
    public const int InterruptedExitCode = 130;

    public int Run(TableOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        UnitLimits limits = UnitLimits.Read();
        IReadOnlyList<ScenarioGroup> groups = ScenarioPlan.Groups(options, limits.MaxNewThreads, limits.MaxLightUnits, warnings);
        int launches = ScenarioPlan.LaunchesFor(options);
        int seed = options.Seed ?? Random.Shared.Next();
        IReadOnlyList<LaunchSchedule.Set> schedule = LaunchSchedule.Of(groups, launches, seed);
        int total = schedule.Sum(set => set.Order.Count);
        if (total == 0)
            throw new UsageException($"table: nothing to run: {(warnings.Count > 0 ? string.Join("; ", warnings) : "no scenario matches the models, metrics and shapes asked for")}");
        using NewRunFolder.Prepared folder = NewRunFolder.Prepare(options.OutputDirectory, options.Force);
        string directory = folder.Path;
        // Each peer a planned scenario runs on is built (or found in the cache) once, before the first scenario.
        PeerBuilds peers = PeerBuilds.Prepare(groups.SelectMany(g => g.Specs).Select(s => s.Model).Distinct(),
            PeerBuildSettings.ForRepository(NewRunFolder.RepositoryRoot() ?? Directory.GetCurrentDirectory()));
        EnvironmentInfo environment = EnvironmentInfo.Capture() with { Peers = peers.Builds.Count > 0 ? peers.Environment : null };
        int failed = 0, skipped = 0;
        var runner = new ScenarioProcess(child, options.ScenarioTimeout, peers);
        var manifest = new RunManifest
        {
            Size = Environment.GetEnvironmentVariable(ScenarioPlan.TinyVariable) == "1" ? RunManifest.Tiny : options.Quick ? "quick" : "full",
            Models = options.Models,
            Metrics = options.Metrics,
            Warnings = warnings,
            Launches = launches,
            Seed = seed,
            Planned = schedule.SelectMany(set => set.Order).Select(s => s.Name).ToList(),
            StartedAt = DateTimeOffset.UtcNow,
        };
        string size = manifest.Description;
        int cells = schedule.Sum(set => set.Cells.Count);
        console.WriteLine($"bench table ({size}): {cells} scenarios x {launches} launch{(launches == 1 ? "" : "es")} = {total} fresh processes, "
            + $"interleaved by model (seed {seed}); results in {directory}");
        console.WriteLine($"preflight: up to {limits.MaxNewThreads} new threads (bound by {limits.ThreadBound}), "
            + $"{limits.MaxLightUnits} light units by memory");
        foreach (string warning in warnings) console.WriteLine($"warning: {warning}");
        if (peers.Summary() is { } peerLine) console.WriteLine(peerLine);

        var finished = new List<string>();
        using (RunWriter store = RunWriter.Create(directory))
        {
            store.WriteEnvironment(environment);
            store.WriteManifest(manifest);
            var clock = Stopwatch.StartNew();
            var failedLaunches = new List<string>();
            _progress.Run(schedule.SelectMany(set => set.Order).ToList(), () => RunSchedule(schedule, total, runner, store, skip => { if (skip) skipped++; else failed++; },
                () => store.WriteManifest(manifest with { Finished = finished.ToList(), FailedLaunches = failedLaunches.ToList() }),
                finished, failedLaunches, cancellation));
            manifest = manifest with { FailedLaunches = failedLaunches };
            bool complete = !cancellation.IsCancellationRequested;
            manifest = manifest with { Finished = finished, Complete = complete, FinishedAt = DateTimeOffset.UtcNow };
            store.WriteManifest(manifest);
            console.WriteLine();
            console.WriteLine($"{total} launches planned, {finished.Count} ran, {failed} failed, "
                + (skipped > 0 ? $"{skipped} skipped (toolchain not installed), " : "") + $"{clock.Elapsed.TotalSeconds:0} s.");
        }
        // The report is made from the files, by the code `report DIR` runs: what a later report shows is what this one shows.
        if (finished.Count > 0) RunReport.Write("table", directory, console);
        if (cancellation.IsCancellationRequested) return InterruptedExitCode;
        // Skipped peers (toolchain not installed) are not failures: a .NET-only machine still exits 0.
        return failed > 0 ? SomeScenariosFailedExitCode : 0;
    }

    /// <summary>
    /// Runs every set's launches in their shuffled rounds. Each launch's samples (and a memory launch's point rows) are
    /// appended as soon as it finishes; a failed launch goes into run.json at once. A cell's result rows, which rest on
    /// all its launches, are appended when its set's last round ends, or, after an interruption, from the launches that
    /// finished (the child running then is killed and not recorded). A kill that leaves no time for that loses only the
    /// current set's result rows: its samples are on disk.
    /// </summary>
    private int RunSchedule(IReadOnlyList<LaunchSchedule.Set> schedule, int total, ScenarioProcess runner, RunWriter store,
        Action<bool> countNotMeasured, Action recordFinished, List<string> finished, List<string> failedLaunches, CancellationToken cancellation)
    {
        int done = 0;
        foreach (LaunchSchedule.Set set in schedule)
        {
            var outcomes = new Dictionary<string, List<ScenarioOutcome>>(StringComparer.Ordinal);
            foreach (ScenarioSpec spec in set.Order)
            {
                if (cancellation.IsCancellationRequested) break;
                _progress.ScenarioStarted(spec, ++done, total);
                ScenarioOutcome outcome = runner.Run(spec, cancellation);
                if (!outcome.Succeeded && cancellation.IsCancellationRequested) break;
                store.Append(OutcomeRows.RowsPerLaunch(spec) ? OutcomeRows.From(outcome) : [], OutcomeRows.SamplesOf(outcome));
                if (!outcome.Succeeded)
                {
                    countNotMeasured(outcome.Skipped);
                    if (!outcome.Skipped) failedLaunches.Add($"{spec.Name}: {outcome.Failure}");
                }
                if (!outcomes.TryGetValue(spec.CellName, out List<ScenarioOutcome>? cell)) outcomes[spec.CellName] = cell = [];
                cell.Add(outcome);
                // run.json names a launch finished once its samples are on disk.
                finished.Add(spec.Name);
                recordFinished();
                _progress.ScenarioFinished(outcome, Describe(outcome));
            }
            foreach (ScenarioSpec cell in set.Cells)
            {
                if (!OutcomeRows.RowsPerLaunch(cell) && outcomes.TryGetValue(cell.Name, out List<ScenarioOutcome>? launches))
                    store.Append(OutcomeRows.FromLaunches(launches.OrderBy(o => o.Spec.Launch).ToList()), []);
            }
            if (cancellation.IsCancellationRequested) break;
        }
        return done;
    }

    private static string Describe(ScenarioOutcome outcome)
    {
        if (outcome.Skipped) return outcome.Failure!;
        if (!outcome.Succeeded) return $"FAILED ({outcome.ElapsedSeconds:0.0} s): {outcome.Failure}";
        Series head = outcome.Series[0];
        double shown = outcome.Spec.Metric == MetricIds.Memory ? head.Samples[0] / ((ParkedSpec)outcome.Spec).Units : Summary.Of(head.Samples).Median;
        string per = outcome.Spec.Metric == MetricIds.Memory ? " per unit" : "";
        return $"ok ({outcome.ElapsedSeconds:0.0} s): {head.Quantity} {Format.Value(shown, head.Unit)}{per}";
    }
}
