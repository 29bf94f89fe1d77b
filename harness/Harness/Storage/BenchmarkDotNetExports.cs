namespace Harness.Storage;

/// <summary>
/// The BenchmarkDotNet exports a run may carry beside the table's files: the GitHub markdown and full JSON reports that
/// bench's BenchmarkDotNet path writes (bench/Configuration/BenchConfig: <c>*-report-github.md</c>,
/// <c>*-report-full.json</c> in <c>BenchmarkDotNet.Artifacts/results/</c>). A run keeps them in its <see cref="Folder"/>;
/// publish copies them (from there, or from the folder given with <c>--bdn</c>), and the index and the report link them.
/// </summary>
public static class BenchmarkDotNetExports
{
    /// <summary>The run folder's subfolder holding the exports.</summary>
    public const string Folder = "bdn";

    public const string GitHubMarkdownSuffix = "-report-github.md";

    public const string FullJsonSuffix = "-report-full.json";

    /// <summary>Whether a file is one of the exports kept (BenchmarkDotNet's CSV and HTML say the same, less usably).</summary>
    public static bool IsExport(string path) =>
        Path.GetFileName(path) is var name && (name.EndsWith(GitHubMarkdownSuffix, StringComparison.Ordinal) || name.EndsWith(FullJsonSuffix, StringComparison.Ordinal));

    /// <summary>The exports in a folder, by name; none when the folder is absent.</summary>
    public static IReadOnlyList<string> In(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder).Where(IsExport).Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>
    /// Markdown linking a run's exports, relative to the run's folder (for its report.md): a line per benchmark class,
    /// its GitHub table and its full JSON; empty when the run has none.
    /// </summary>
    public static string Links(string runDirectory)
    {
        IReadOnlyList<string> exports = In(Path.Combine(runDirectory, Folder));
        if (exports.Count == 0) return "";
        var lines = new List<string> { "BenchmarkDotNet results of this run:", "" };
        foreach (IGrouping<string, string> benchmark in exports.GroupBy(BenchmarkOf, StringComparer.Ordinal))
        {
            var links = benchmark.Select(file => file.EndsWith(GitHubMarkdownSuffix, StringComparison.Ordinal)
                ? $"[table]({Folder}/{Path.GetFileName(file)})"
                : $"[full JSON]({Folder}/{Path.GetFileName(file)})");
            lines.Add($"- {benchmark.Key}: {string.Join(", ", links)}");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The report page with a section linking the run's exports at its end, once; the page as it is when the
    /// run has none or already links them (a report rendered again, or published twice).</summary>
    public static string AppendLinks(string page, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(page);
        string links = Links(runDirectory);
        return links.Length == 0 || page.Contains(SectionHeading, StringComparison.Ordinal)
            ? page
            : page.TrimEnd('\n') + "\n\n" + SectionHeading + "\n\n" + links;
    }

    private const string SectionHeading = "## BenchmarkDotNet";

    /// <summary>"Bench.Benchmarks.CreationBenchmarks" of "Bench.Benchmarks.CreationBenchmarks-report-github.md".</summary>
    public static string BenchmarkOf(string path)
    {
        string name = Path.GetFileName(path);
        foreach (string suffix in new[] { GitHubMarkdownSuffix, FullJsonSuffix })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }
}
