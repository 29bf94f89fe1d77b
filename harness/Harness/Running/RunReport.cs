
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// Renders a run's report.md from the files in its folder and prints the headline table: what <c>report DIR</c> does,
/// and what <c>table</c> does once its scenarios have run. One path from the files to the report, so a report
/// regenerated later is the report the run wrote.
/// </summary>
public static class RunReport
{
    /// <summary>Reads the folder's files, writes its report.md (atomically) and prints the headline; every problem is one
    /// <see cref="UsageException"/> line naming <paramref name="command"/>. The caller holds the folder's lock.</summary>
    public static void Write(string command, string directory, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        directory = Path.GetFullPath(directory);
        RunFolderReader.RequireExisting(command, directory);
        string results = Path.Combine(directory, RunFiles.ResultsFile);
        if (!File.Exists(results)) throw new UsageException($"{command}: '{directory}' has no {RunFiles.ResultsFile}");

        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults(command, directory, $"nothing to report ({RunFiles.ReportFile} left as it was)");
        RunManifest? manifest;
        EnvironmentInfo? environment;
        RerunRecord? rerun;
        try
        {
            manifest = RunFiles.ReadManifest(directory);
            environment = RunFiles.ReadEnvironment(directory);
            rerun = RunFiles.ReadRerun(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{command}: {e.Message}");
        }

        // run.json says what the run set out to do and how far it got; a folder without one (older runs) is taken as
        // complete, with the models and metrics its rows show, and the user is told so.
        if (manifest is null)
            console.WriteLine($"warning: no {RunFiles.ManifestFile} in '{directory}': the report takes the run as complete "
                + "and cannot list what never ran");
        if (environment is null)
            console.WriteLine($"warning: no {RunFiles.EnvironmentFile} in '{directory}': the report has no environment section");
        var models = manifest?.Models.ToList() ?? ModelIds.All.Where(m => rows.Any(r => r.Model == m)).ToList();
        var metrics = manifest?.Metrics.ToList() ?? MetricIds.All.Where(m => rows.Any(r => r.Metric == m)).ToList();
        var info = new MarkdownReport.RunInfo(
            manifest?.Description ?? "regenerated from files", manifest?.Complete ?? true, models, metrics, manifest?.Warnings, manifest?.NotRun,
            manifest?.StartedAt, manifest?.FinishedAt);
        // The samples give the ratios their intervals; a folder without samples still gets its report, without them.
        LaunchSamples samples = RunFiles.HasSamples(directory) ? new LaunchSamples(RunFolderReader.ReadSamples(command, directory)) : LaunchSamples.None;
        RenderedReport report = MarkdownReport.Render(rows, environment, info, samples, rerun);
        string reportPath = Path.Combine(directory, RunFiles.ReportFile);
        try
        {
            WriteLinkedFiles(directory, report.Files);
            AtomicFile.WriteAllText(reportPath, BenchmarkDotNetExports.AppendLinks(report.Page, directory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command}: cannot write {reportPath}: {e.Message}");
        }
        console.WriteLine(MarkdownReport.HeadlineTable(rows, models, samples));
        console.WriteLine($"{rows.Count} rows; report written to {reportPath} with {report.Files.Count} linked files");
    }

    /// <summary>
    /// Writes the report's details pages and charts (each atomically) and removes the ones an earlier rendering left
    /// in those folders that this one no longer links, so the folder holds what the page shows and nothing stale.
    /// </summary>
    private static void WriteLinkedFiles(string directory, IReadOnlyDictionary<string, string> files)
    {
        foreach ((string folder, string extension) in new[] { (DetailPages.Folder, ".md"), (ChartFile.Folder, ".svg") })
        {
            string path = Path.Combine(directory, folder);
            Directory.CreateDirectory(path);
            foreach (string stale in Directory.EnumerateFiles(path, "*" + extension)
                .Where(f => !files.ContainsKey($"{folder}/{Path.GetFileName(f)}")))
                File.Delete(stale);
        }
        foreach ((string relative, string text) in files)
            AtomicFile.WriteAllText(Path.Combine(directory, relative), text);
    }
}
