using Harness.Reporting;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// <c>publish --upgrade DIR</c>: converts a published run's folder in place to the file formats this harness writes, so
/// that runs published before a format change shrink (and read) like new ones. Only the data files change: results.csv
/// is rewritten in the current <see cref="ResultsFormat"/>, series.csv.gz in the current <see cref="SampleSeries"/>
/// coding, each from the rows the folder's files read as; the report, its pages and charts are left as they are (re-render
/// them with <c>report</c>, which reads the same rows). Each file is replaced whole (<see cref="AtomicFile"/>).
/// </summary>
public static partial class PublishCommand
{
    private static int Upgrade(string folder, TextWriter console)
    {
        RunFolderReader.RequireExisting(Command, folder);
        using RunFolderLock held = RunFolderReader.Lock(Command, folder, "an upgrade");
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults(Command, folder, "nothing to upgrade");
        string series = Path.Combine(folder, RunFiles.SeriesFile);
        bool hasSeries = File.Exists(series);
        IReadOnlyList<SampleRow> samples = hasSeries ? RunFolderReader.ReadSamples(Command, folder) : [];
        try
        {
            Rewrite(console, Path.Combine(folder, RunFiles.ResultsFile), path => RunFiles.WriteResults(path, rows));
            if (hasSeries) Rewrite(console, series, path => RunFiles.WriteSeries(path, samples));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Command}: cannot upgrade '{folder}': {e.Message}");
        }
        return 0;
    }

    /// <summary>Replaces one file and says by how much it changed.</summary>
    private static void Rewrite(TextWriter console, string path, Action<string> write)
    {
        long before = new FileInfo(path).Length;
        write(path);
        console.WriteLine($"{path}: {before} -> {new FileInfo(path).Length} bytes");
    }
}
