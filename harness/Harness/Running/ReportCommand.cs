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
        if (!Directory.Exists(directory)) throw new UsageException($"{Command}: no such folder '{directory}'");
        string results = Path.Combine(directory, ResultsStore.ResultsFile);
        if (!File.Exists(results)) throw new UsageException($"{Command}: '{directory}' has no {ResultsStore.ResultsFile}");

        IReadOnlyList<ResultRow> rows;
        IReadOnlyList<SampleRow> samples = [];
        try
        {
            rows = ResultsStore.ReadResults(results);
            string samplesFile = Path.Combine(directory, ResultsStore.SamplesFile);
            if (File.Exists(samplesFile)) samples = ResultsStore.ReadSamples(samplesFile);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }
        var models = ModelIds.All.Where(m => rows.Any(r => r.Model == m)).ToList();
        var metrics = MetricIds.All.Where(m => rows.Any(r => r.Metric == m)).ToList();
        var info = new MarkdownReport.RunInfo("regenerated from files", Complete: true, models, metrics, Samples: samples);
        string report = MarkdownReport.Build(rows, ResultsStore.ReadEnvironment(directory), info);
        File.WriteAllText(Path.Combine(directory, ResultsStore.ReportFile), report);
        console.WriteLine(MarkdownReport.HeadlineTable(rows, models));
        console.WriteLine($"{rows.Count} rows; report written to {Path.Combine(directory, ResultsStore.ReportFile)}");
        return 0;
    }
}
