using System.Diagnostics;
using Harness.Cli;
using Harness.Measurement;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Running;

/// <summary>
/// The <c>table</c> command: runs every planned scenario in its own child process, appends each outcome to
/// the result files as soon as it is known, and ends with report.md and the headline table on the console.
/// </summary>
public sealed class TableRunner(ChildCommand child, TextWriter console)
{
    /// <summary>Exit code when the run finished but at least one scenario failed.</summary>
    public const int SomeScenariosFailedExitCode = 1;

    /// <summary>Exit code when the run was interrupted (what was measured is kept).</summary>
    public const int InterruptedExitCode = 130;

    public int Run(TableOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string directory = OutputFolder.Prepare(options.OutputDirectory, options.Force);
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(options);
        EnvironmentInfo environment = EnvironmentInfo.Capture();
        var rows = new List<ResultRow>();
        var runner = new ScenarioProcess(child, options.ScenarioTimeout);
        string flavour = options.Quick ? "quick" : "full";
        console.WriteLine($"bench table ({flavour}): {plan.Count} scenarios, each in a fresh process; results in {directory}");

        using (ResultsStore store = ResultsStore.Create(directory))
        {
            store.WriteEnvironment(environment);
            var clock = Stopwatch.StartNew();
            int done = 0;
            foreach (ScenarioSpec spec in plan)
            {
                if (cancellation.IsCancellationRequested) break;
                console.Write($"[{++done,2}/{plan.Count}] {spec.Name,-32} ");
                console.Flush();
                ScenarioOutcome outcome = runner.Run(spec, cancellation);
                IReadOnlyList<ResultRow> outcomeRows = ResultRows.From(outcome);
                store.Append(outcomeRows, ResultRows.SamplesOf(outcome));
                rows.AddRange(outcomeRows);
                console.WriteLine(Describe(outcome, outcomeRows));
            }
            bool complete = !cancellation.IsCancellationRequested;
            var info = new MarkdownReport.RunInfo(flavour, complete, options.Models, options.Metrics);
            store.WriteReport(MarkdownReport.Build(rows, environment, info));
            console.WriteLine();
            console.WriteLine(MarkdownReport.HeadlineTable(rows, options.Models));
            console.WriteLine($"{rows.Count(r => r.Succeeded)} results, {rows.Count(r => !r.Succeeded)} failed, "
                + $"{clock.Elapsed.TotalSeconds:0} s. Report: {Path.Combine(directory, ResultsStore.ReportFile)}");
            if (!complete) return InterruptedExitCode;
        }
        return rows.Any(r => !r.Succeeded) ? SomeScenariosFailedExitCode : 0;
    }

    private static string Describe(ScenarioOutcome outcome, IReadOnlyList<ResultRow> rows)
    {
        if (!outcome.Succeeded) return $"FAILED ({outcome.ElapsedSeconds:0.0} s): {outcome.Failure}";
        ResultRow head = rows[0];
        return $"ok ({outcome.ElapsedSeconds:0.0} s): {head.Variant} {Format.Value(head.Median, head.Unit)}";
    }
}
