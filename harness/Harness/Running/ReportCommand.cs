using Harness.Cli;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Running;

/// <summary>
/// <c>report DIR</c>: regenerates DIR/report.md from the result files on disk, e.g. after an interrupted run
/// or after the report format improved. Prints the headline table.
/// </summary>
public static class ReportCommand
{
    public const string Command = "report";

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{Command}: usage: report DIR (a folder written by the table command)");
        string directory = Path.GetFullPath(args[0]);
        RunFolder.RequireExisting(Command, directory);
        string results = Path.Combine(directory, ResultsStore.ResultsFile);
        if (!File.Exists(results)) throw new UsageException($"{Command}: '{directory}' has no {ResultsStore.ResultsFile}");

        IReadOnlyList<ResultRow> rows = RunFolder.ReadResults(Command, directory, $"nothing to report ({ResultsStore.ReportFile} left as it was)");
        RunManifest? manifest;
        Measurement.EnvironmentInfo? environment;
        try
        {
            manifest = ResultsStore.ReadManifest(directory);
            environment = ResultsStore.ReadEnvironment(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }

        // run.json says what the run set out to do and how far it got; a folder without one (older runs) is taken as
        // complete, with the models and metrics its rows show, and the user is told so.
        if (manifest is null)
            console.WriteLine($"warning: no {ResultsStore.ManifestFile} in '{directory}': the report takes the run as complete and cannot list what never ran");
        if (environment is null)
            console.WriteLine($"warning: no {ResultsStore.EnvironmentFile} in '{directory}': the report has no environment section");
        var models = manifest?.Models.ToList() ?? ModelIds.All.Where(m => rows.Any(r => r.Model == m)).ToList();
        var metrics = manifest?.Metrics.ToList() ?? MetricIds.All.Where(m => rows.Any(r => r.Metric == m)).ToList();
        var info = new MarkdownReport.RunInfo(
            manifest is null ? "regenerated from files" : $"{manifest.Description}, regenerated from files",
            manifest?.Complete ?? true, models, metrics, manifest?.Warnings, manifest?.NotRun);
        string report = MarkdownReport.Build(rows, environment, info);
        string reportPath = Path.Combine(directory, ResultsStore.ReportFile);
        try
        {
            File.WriteAllText(reportPath, report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Command}: cannot write {reportPath}: {e.Message}");
        }
        console.WriteLine(MarkdownReport.HeadlineTable(rows, models));
        console.WriteLine($"{rows.Count} rows; report written to {Path.Combine(directory, ResultsStore.ReportFile)}");
        return 0;
    }
}
