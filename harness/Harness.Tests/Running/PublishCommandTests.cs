using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Reporting;
using Harness.Running;

namespace Harness.Tests.Running;

/// <summary>The publish command: what it copies into the results folder, the runs it refuses, and the index it rebuilds.</summary>
public sealed class PublishCommandTests : TempFolder
{
    /// <summary>A finished run folder whose ping-pong samples centre on <paramref name="centre"/> ns.</summary>
    private string FakeRun(string name, double centre, RunManifest? manifest = null) => RunFolders.PingPongRun(Path.Combine(Folder, name), centre, manifest);

    /// <summary>The published runs' folders in a results folder (not the index's charts/).</summary>
    private static IEnumerable<string> PublishedRunsIn(string results) =>
        Directory.EnumerateDirectories(results).Where(d => Path.GetFileName(d) != ResultsIndex.ChartsFolder);

    [Theory]
    [InlineData(false, "quick", null, "not a complete run (1 of 2 planned scenarios not run)")]
    [InlineData(true, "quick", false, "not a complete run (1 of 2 planned scenarios not run)")] // says complete, lists one not run
    [InlineData(true, RunManifest.Tiny, null, "test sizes")]
    public void Publish_RefusesIncompleteAndTestSizedRuns(bool complete, string size, bool? allFinished, string expected)
    {
        string dir = FakeRun("refused", 1000, RunFolders.PingPongManifest(complete, size, allFinished));
        string results = Path.Combine(Folder, "results");

        var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(dir, results), TextWriter.Null));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "something was copied");
    }

    [Fact]
    public void Publish_RefusesTheSameRunTwice_AndSkipsAnUnreadableOldRunInTheIndex()
    {
        string results = Path.Combine(Folder, "results");
        string run = FakeRun("once", 1000);
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));
        var again = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));
        Assert.Contains("already published", again.Message, StringComparison.Ordinal);

        string broken = Path.Combine(results, "2000-01-01_old");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, RunFiles.ResultsFile), "metric,model\nx\n");
        var output = new StringWriter();
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("later", 900), results), output));
        Assert.Contains("warning: left out of README.md", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_AfterAKilledPublish_RemovesItsStagingCopy_AndSucceeds()
    {
        string results = Path.Combine(Folder, "results");
        string run = FakeRun("retried", 1000);
        // What a publish killed (or stopped by a full disk) half-way through its copy leaves behind.
        string staging = Path.Combine(results, ".publishing-2026-01-01_2c-test-4242");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, RunFiles.ReportFile), "");

        var output = new StringWriter();
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), output));

        Assert.False(Directory.Exists(staging));
        string published = Assert.Single(PublishedRunsIn(results));
        Assert.Equal(output.ToString().Trim().Split('\n')[^1], published);
        foreach (string file in new[] { RunFiles.ResultsFile, RunFiles.EnvironmentFile, RunFiles.ReportFile, RunFiles.ManifestFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(run, file)), File.ReadAllBytes(Path.Combine(published, file)));
        Assert.DoesNotContain(".publishing-", File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_OfARunStillBeingWritten_IsRefused_AndCopiesNothing()
    {
        string results = Path.Combine(Folder, "results");
        string run = FakeRun("in-progress", 1000);
        using (RunFolderLock.Acquire(run, "a table run"))
        {
            var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));
            Assert.Contains("in use by a table run", e.Message, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "something was copied");
    }

    [Fact]
    public void Publish_RefusesAnUnfinishedRun()
    {
        string dir = Path.Combine(Folder, "unfinished");
        Directory.CreateDirectory(dir);

        var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(dir, Folder), TextWriter.Null));

        Assert.Contains("not a finished run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_RefusesAnEmptyRun_MissingSamples_AndBadTargets()
    {
        string results = Path.Combine(Folder, "results");
        string empty = FakeRun("empty", 1000);
        string[] versionAndHeader = File.ReadLines(Path.Combine(empty, RunFiles.ResultsFile)).Take(2).ToArray();
        File.WriteAllLines(Path.Combine(empty, RunFiles.ResultsFile), versionAndHeader);
        string noSamples = FakeRun("no-samples", 1000);
        File.WriteAllLines(Path.Combine(noSamples, RunFiles.SamplesFile), [File.ReadLines(Path.Combine(noSamples, RunFiles.SamplesFile)).First()]);
        string good = FakeRun("good", 1000);
        string aFile = Path.Combine(Folder, "a-file");
        File.WriteAllText(aFile, "");

        string Refusal(string run, string into) =>
            Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(run, into), TextWriter.Null)).Message;

        Assert.Contains("results.csv has no rows: nothing to publish", Refusal(empty, results), StringComparison.Ordinal);
        Assert.Contains("the raw samples are missing", Refusal(noSamples, results), StringComparison.Ordinal);
        Assert.Equal($"publish: '{aFile}' is a file; --results needs a folder", Refusal(good, aFile));
        Assert.Equal($"publish: '{aFile}' is a file; give the folder of a run", Refusal(aFile, results));
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "something was copied");
    }

    [Fact]
    public void Reindex_RebuildsTheIndexAfterARunIsWithdrawn()
    {
        string results = Path.Combine(Folder, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("first", 1000), results), TextWriter.Null));
        string first = PublishedRunsIn(results).Single();
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("second", 1200), results), TextWriter.Null));
        string second = PublishedRunsIn(results).Single(d => d != first);
        Directory.Delete(second, recursive: true);
        string stale = Path.Combine(results, ResultsIndex.ChartsFolder, "history-withdrawn-machine.svg");
        File.WriteAllText(stale, "<svg/>");

        Assert.Equal(0, PublishCommand.Run(new PublishOptions(null, results), TextWriter.Null));

        Assert.False(File.Exists(stale), "a chart the index no longer links was kept");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(results, ResultsIndex.ChartsFolder)));
        string index = File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile));
        Assert.Contains($"| {Path.GetFileName(first)} |", index, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(second), index, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_KeepsTheSamplesAsSeries_AndTheReportsFolders_NotTheRawSamples()
    {
        string results = Path.Combine(Folder, "results");
        string run = FakeRun("compressed", 1000);
        Directory.CreateDirectory(Path.Combine(run, "charts"));
        File.WriteAllText(Path.Combine(run, "charts", "switch.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Directory.CreateDirectory(Path.Combine(run, "details", "more"));
        File.WriteAllText(Path.Combine(run, "details", "switch.md"), "# switch\n");
        File.WriteAllText(Path.Combine(run, "details", "more", "notes.md"), "# notes\n");
        File.WriteAllText(AtomicFile.TempPathFor(Path.Combine(run, "charts", "half.svg")), "<sv");

        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));

        string published = Assert.Single(PublishedRunsIn(results));
        Assert.False(File.Exists(Path.Combine(published, RunFiles.SamplesFile)), "the raw samples.csv was published");
        Assert.False(File.Exists(Path.Combine(published, RunFiles.CompressedSamplesFile)), "the samples were published twice");
        Assert.True(File.Exists(Path.Combine(published, RunFiles.SeriesFile)), "the samples were not published");
        // Every sample comes back from the series file as the run wrote it: identity, launch, index, value and unit.
        Assert.Equal(RunFiles.ReadSamples(Path.Combine(run, RunFiles.SamplesFile)), RunFolderReader.ReadSamples("test", published));
        foreach (string file in new[] { "charts/switch.svg", "details/switch.md", "details/more/notes.md" })
            Assert.Equal(File.ReadAllText(Path.Combine(run, file)), File.ReadAllText(Path.Combine(published, file)));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(published, "charts")));
    }

    [Fact]
    public void Publish_KeepsARecordedRerun_AndARerunCanBeRecordedAgainstThePublishedRun()
    {
        string results = Path.Combine(Folder, "results");
        string run = FakeRun("base", 1000);
        CompareCommand.Run(new CompareOptions(Diff: FakeRun("first-rerun", 1000), Base: run) { Record = true }, TextWriter.Null);

        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));
        string published = Assert.Single(PublishedRunsIn(results));
        Assert.Equal(File.ReadAllText(Path.Combine(run, RunFiles.RerunFile)), File.ReadAllText(Path.Combine(published, RunFiles.RerunFile)));

        CompareCommand.Run(new CompareOptions(Diff: FakeRun("second-rerun", 1000), Base: published) { Record = true }, TextWriter.Null);
        Assert.Equal("second-rerun", RunFiles.ReadRerun(published)!.Run);
    }

    [Fact]
    public void CompareAndReport_ReadAPublishedRunWithOnlyCompressedSamples()
    {
        string results = Path.Combine(Folder, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("base", 1000), results), TextWriter.Null));
        string published = Assert.Single(PublishedRunsIn(results));
        Assert.False(File.Exists(Path.Combine(published, RunFiles.SamplesFile)));
        string slower = FakeRun("slower", 1500);
        var output = new StringWriter();

        int compared = CompareCommand.Run(new CompareOptions(Diff: slower, Base: published), output);
        int reported = ReportCommand.Run(new ReportOptions(published), TextWriter.Null);

        Assert.Equal(CompareCommand.RegressionExitCode, compared);
        Assert.Contains("| switch/task/pingpong/unpinned/switch | **slower** |", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, reported);
        Assert.Equal(40, RunFolderReader.ReadSamples("test", published).Count);
    }

    [Fact]
    public void Compare_OfAPublishedRunWithACorruptSeriesFile_IsOneLineAndExit2()
    {
        string results = Path.Combine(Folder, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("base", 1000), results), TextWriter.Null));
        string published = Assert.Single(PublishedRunsIn(results));
        string compressed = Path.Combine(published, RunFiles.SeriesFile);
        byte[] bytes = File.ReadAllBytes(compressed);
        File.WriteAllBytes(compressed, bytes[..(bytes.Length / 2)]);

        InProcessCommands.Result result = InProcessCommands.Run("compare", published, FakeRun("other", 1000));

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StderrLines);
        Assert.Contains(compressed, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Upgrade_RewritesAFormat2Folder_AsTheSameRowsAndSamplesInTheCurrentFormat()
    {
        string results = Path.Combine(Folder, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("base", 1000), results), TextWriter.Null));
        string published = Assert.Single(PublishedRunsIn(results));
        string resultsCsv = Path.Combine(published, RunFiles.ResultsFile);
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults("test", published, "none");
        IReadOnlyList<SampleRow> samples = RunFolderReader.ReadSamples("test", published);
        // As format 2 wrote it: no version line, the estimator in words.
        string format2 = string.Join('\n', File.ReadAllLines(resultsCsv).Skip(1)).Replace(",bootstrap-median,",
            $",{Statistics.EstimatorDescriptions[Statistics.HierarchicalMedian]},", StringComparison.Ordinal) + "\n";
        File.WriteAllText(resultsCsv, format2);
        Assert.Equal(2, ResultsFormat.Of(resultsCsv));
        var output = new StringWriter();

        int upgraded = PublishCommand.Run(new PublishOptions(null, results) { Upgrade = published }, output);

        Assert.Equal(0, upgraded);
        Assert.Equal(ResultsFormat.Current, ResultsFormat.Of(resultsCsv));
        Assert.Contains($"{resultsCsv}: {format2.Length} -> ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(rows, RunFolderReader.ReadResults("test", published, "none"));
        Assert.Equal(samples, RunFolderReader.ReadSamples("test", published));
    }
}
