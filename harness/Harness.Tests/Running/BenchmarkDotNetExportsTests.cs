using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using Bench.Configuration;
using Harness.Running;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Running;

/// <summary>The BenchmarkDotNet path exports its GitHub markdown and full JSON, and a publish carries them to where the
/// index and the report link them.</summary>
public sealed class BenchmarkDotNetExportsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bench-bdn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TheConfig_ExportsGitHubMarkdownAndFullJson_EachOnce()
    {
        var exporters = BenchConfig.Create().GetExporters().ToList();

        Assert.Single(exporters, e => e.Name == MarkdownExporter.GitHub.Name);
        Assert.Single(exporters, e => e.Name == JsonExporter.Full.Name);
    }

    /// <summary>A BenchmarkDotNet results folder as BenchmarkDotNet writes it: the kept exports and the others.</summary>
    private string BdnResults(string name)
    {
        string dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        foreach (string file in new[] { "Bench.Benchmarks.CreationBenchmarks-report-github.md", "Bench.Benchmarks.CreationBenchmarks-report-full.json",
            "Bench.Benchmarks.CreationBenchmarks-report.csv", "Bench.Benchmarks.CreationBenchmarks-report.html" })
            File.WriteAllText(Path.Combine(dir, file), file);
        return dir;
    }

    [Fact]
    public void Links_NameEachBenchmarkClass_WithItsTableAndJson_AndNothingWithoutExports()
    {
        string run = Path.Combine(_root, "run");
        Directory.CreateDirectory(run);
        Assert.Equal("", BenchmarkDotNetExports.Links(run));
        Directory.Move(BdnResults("results"), Path.Combine(run, BenchmarkDotNetExports.Folder));

        string links = BenchmarkDotNetExports.Links(run);

        Assert.Contains("- Bench.Benchmarks.CreationBenchmarks: [full JSON](bdn/Bench.Benchmarks.CreationBenchmarks-report-full.json), "
            + "[table](bdn/Bench.Benchmarks.CreationBenchmarks-report-github.md)", links, StringComparison.Ordinal);
        Assert.DoesNotContain(".csv", links, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_WithBdn_CopiesTheExports_AndTheIndexLinksTheTable()
    {
        string run = RunFolders.PingPongRun(Path.Combine(_root, "run"), 1000);
        string results = Path.Combine(_root, "results");

        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results) { BenchmarkDotNetResults = BdnResults("bdn-results") }, TextWriter.Null));

        string published = Directory.EnumerateDirectories(results).Single(d => Path.GetFileName(d) != "charts");
        Assert.Equal(["Bench.Benchmarks.CreationBenchmarks-report-full.json", "Bench.Benchmarks.CreationBenchmarks-report-github.md"],
            Directory.EnumerateFiles(Path.Combine(published, BenchmarkDotNetExports.Folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string index = File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile));
        Assert.Contains($"[CreationBenchmarks]({Path.GetFileName(published)}/bdn/Bench.Benchmarks.CreationBenchmarks-report-github.md)", index, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(published, RunFiles.ReportFile));
        Assert.Contains("[table](bdn/Bench.Benchmarks.CreationBenchmarks-report-github.md)", report, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(run, RunFiles.ReportFile)).TrimEnd('\n'), report[..report.IndexOf("\n\n## BenchmarkDotNet", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Report_OfARunCarryingExports_LinksThem_Once()
    {
        string run = RunFolders.PingPongRun(Path.Combine(_root, "run"), 1000);
        Directory.Move(BdnResults("results"), Path.Combine(run, BenchmarkDotNetExports.Folder));

        Assert.Equal(0, ReportCommand.Run(new ReportOptions(run), TextWriter.Null));
        Assert.Equal(0, ReportCommand.Run(new ReportOptions(run), TextWriter.Null));

        string report = File.ReadAllText(Path.Combine(run, RunFiles.ReportFile));
        Assert.Single(report.Split("## BenchmarkDotNet"), part => part.Contains("[full JSON](bdn/", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_WithABdnFolderWithoutExports_IsRefused_AndCopiesNothing()
    {
        string run = RunFolders.PingPongRun(Path.Combine(_root, "run"), 1000);
        string empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        string results = Path.Combine(_root, "results");

        var refused = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(run, results) { BenchmarkDotNetResults = empty }, TextWriter.Null));

        Assert.Contains("has no BenchmarkDotNet exports", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any());
    }
}
