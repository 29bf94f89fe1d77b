using Harness.Storage;
using Harness.Tests.Commands;
using Harness.Tests.Fixtures;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Running;

/// <summary>The publishing scripts a CI job runs, and the compare and publish commands under them.</summary>
public sealed class PublishingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bench-publish-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The published runs' folders in a results folder (not the index's charts/).</summary>
    private static IEnumerable<string> RunFolders(string results) =>
        Directory.EnumerateDirectories(results).Where(d => Path.GetFileName(d) != ResultsIndex.ChartsFolder);

    /// <summary>A finished run folder whose ping-pong samples centre on <paramref name="centre"/> ns.</summary>
    private string FakeRun(string name, double centre) => FinishedRuns.PingPong(Path.Combine(_root, name), centre);

    /// <summary>A finished run folder holding the given outcomes.</summary>
    private string RunOf(string name, params ScenarioOutcome[] outcomes)
    {
        string dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        using RunWriter store = RunWriter.Create(dir);
        foreach (ScenarioOutcome outcome in outcomes) store.Append(OutcomeRows.From(outcome), OutcomeRows.SamplesOf(outcome));
        store.WriteEnvironment(EnvironmentInfo.Capture());
        store.WriteManifest(FinishedRuns.Manifest());
        store.WriteReport("# report\n");
        return dir;
    }

    private static ScenarioOutcome MemoryPoint(int n, double bytesPerUnit) => new(
        Specs.Parked(ModelIds.Green, n),
        [new Series("rss", "B", [500_000 + (n * bytesPerUnit) + ((n % 3) * 1000)])], "0,1", 2);

    private static ScenarioOutcome PingPong(double centre, int samples = 20) => new(
        Specs.PingPong(samples: samples),
        [new Series(Quantities.Switch, "ns", Enumerable.Range(0, samples).Select(i => centre * (0.98 + (i % 5) * 0.01)).ToList())], "0,1", 2);

    [Fact]
    public void Compare_AScenarioSkippedInDiff_IsListed_NotARegression()
    {
        var skipped = ScenarioOutcome.Failed(PingPong(1000).Spec, "skipped: cargo not installed (run scripts/install-peers.sh)") with { Skipped = true };
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(RunOf("skipped", skipped), RunOf("measured", PingPong(1000))), output);

        Assert.Equal(0, exit);
        Assert.Contains("| switch/task/pingpong/unpinned | skipped in diff |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AScenarioThatFailsOnlyInDiff_IsARegression()
    {
        var failed = ScenarioOutcome.Failed(PingPong(1000).Spec, "crashed (exit 134)");
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(RunOf("crashed", failed), RunOf("ok", PingPong(1000))), output);

        Assert.Equal(CompareCommand.RegressionExitCode, exit);
        Assert.Contains("| switch/task/pingpong/unpinned | **failed in diff** |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MemoryIsJudgedByItsSlope()
    {
        int[] sweep = [1_000, 2_000, 4_000, 8_000, 16_000];
        string small = RunOf("small", sweep.Select(n => MemoryPoint(n, 400)).ToArray());
        string large = RunOf("large", sweep.Select(n => MemoryPoint(n, 600)).ToArray());
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(large, small), output);

        Assert.Equal(CompareCommand.RegressionExitCode, exit);
        Assert.Contains("| memory/green/parked/unpinned/rss | **larger** |", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, CompareCommand.Run(new CompareOptions(small, small), TextWriter.Null));
    }

    [Fact]
    public void Compare_TooFewSamples_IsUndecided_NotSame()
    {
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(RunOf("three-slower", PingPong(2000, 3)), RunOf("three", PingPong(1000, 3))), output);

        Assert.Equal(0, exit);
        Assert.Contains("| switch/task/pingpong/unpinned/switch | undecided: 3 vs 3 samples cannot reach α = 0.05 |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_StallSetupCounts_AreNotJudged()
    {
        ScenarioOutcome Stall(double holds) => new(
            Specs.Stall(ModelIds.Green, windowMilliseconds: 100),
            [
                new Series("lateness-baseline", "ns", Enumerable.Range(0, 50).Select(i => 10_000.0 + i).ToList()),
                new Series("lateness", "ns", Enumerable.Range(0, 50).Select(i => 500_000.0 + i).ToList()),
                // No recovery series: a child leaves out what it did not measure (a stall that never recovered).
                new Series("hold", "ns", Enumerable.Range(0, 50).Select(i => 1_000_000.0 + (holds * i)).ToList()),
                new Series("holds", "holds", [holds]),
            ], "0,1", 2);
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(RunOf("many", Stall(200)), RunOf("few", Stall(100))), output);

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("/lateness | same |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-hold |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-holds |", text, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Script(string script, params string[] args) => Scripts.Run(script, null, args);

    [Fact]
    public void PublishThenCompare_FindsARegressionAgainstThePreviousRunOfTheSameMachine()
    {
        string results = Path.Combine(_root, "results");
        Directory.CreateDirectory(results);

        (int first, string firstOut) = Script("publish.sh", FakeRun("run1", 1000), results);
        Assert.Equal(0, first);
        string published1 = firstOut.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(published1, RunFiles.CompressedSamplesFile)), firstOut);
        (int alone, string aloneOut) = Script("compare-previous.sh", published1);
        Assert.Equal(0, alone);
        Assert.Contains("No earlier published quick run", aloneOut, StringComparison.Ordinal);

        (_, string secondOut) = Script("publish.sh", FakeRun("run2", 1500), results);
        string published2 = secondOut.Trim().Split('\n')[^1];
        Assert.NotEqual(published1, published2);
        (int compared, string comparison) = Script("compare-previous.sh", published2, "5%");

        Assert.Equal(CompareCommand.RegressionExitCode, compared);
        Assert.Contains("| switch/task/pingpong/unpinned/switch | **slower** |", comparison, StringComparison.Ordinal);
        string index = File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile));
        Assert.Contains($"[{PublishCommand.MachineClass(EnvironmentInfo.Capture())}]({Path.GetFileName(published2)}/report.md)", index, StringComparison.Ordinal);
        string chart = $"charts/history-{PublishCommand.MachineClass(EnvironmentInfo.Capture())}-switch-pingpong-switch-pinned.svg";
        Assert.Contains($"]({chart})", index, StringComparison.Ordinal); // a history chart
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(results, chart)), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OfARunWithItself_IsTheSameAndExitsZero()
    {
        string run = FakeRun("same", 800);
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(run, run) { ThresholdPercent = 3 }, output);

        Assert.Equal(0, exit);
        Assert.Contains("| switch/task/pingpong/unpinned/switch | same |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FasterIsNotARegression()
    {
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(FakeRun("fast", 1000), FakeRun("slow", 2000)), output);

        Assert.Equal(0, exit);
        Assert.Contains("| faster |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePrevious_IsTheNewestEarlierRunOfTheSameMachineClassAndSize_WhateverTheFolderNames()
    {
        // Captured in this order; the folder names sort the other way round, and one run is of another size.
        string first = FakeRun("published/zz-first", 1000);
        string full = FakeRun("published/mm-full", 1000);
        new ResultsStoreWriter(full).Manifest(FinishedRuns.Manifest(size: "full"));
        string second = FakeRun("published/aa-second", 1000);
        string third = FakeRun("published/bb-third", 1500);

        Assert.Equal(second, PublishedRuns.FindPrevious(third).Directory);
        Assert.Equal(first, PublishedRuns.FindPrevious(second).Directory);
        Assert.Null(PublishedRuns.FindPrevious(first).Directory);
        Assert.Null(PublishedRuns.FindPrevious(full).Directory);
        var output = new StringWriter();
        Assert.Equal(CompareCommand.RegressionExitCode, CompareCommand.Run(new CompareOptions(third, Base: null), output));
        Assert.Contains($"Comparison of {third} (diff) against {second} (base)", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "quick", "is not a complete run (1 of 2 planned scenarios not run)")]
    [InlineData(true, RunManifest.Tiny, "was run with test sizes")]
    public void Compare_RefusesAPartialOrTestSizedRun_UnlessAllowed_ThenListsWhatOnlyOneRunHas(bool complete, string size, string expected)
    {
        string whole = FakeRun("whole", 1000);
        string partial = RunOf("partial", PingPong(1000));
        new ResultsStoreWriter(partial).Manifest(FinishedRuns.Manifest(complete, size));

        var refused = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(partial, whole), TextWriter.Null));
        var output = new StringWriter();
        int exit = CompareCommand.Run(new CompareOptions(partial, whole) { AllowPartial = true }, output);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-partial", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("Only in base (1, not compared): switch/task/pingpong/pinned/switch", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Only in diff", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "quick", null, "not a complete run (1 of 2 planned scenarios not run)")]
    [InlineData(true, "quick", false, "not a complete run (1 of 2 planned scenarios not run)")] // says complete, lists one not run
    [InlineData(true, RunManifest.Tiny, null, "test sizes")]
    public void Publish_RefusesIncompleteAndTestSizedRuns(bool complete, string size, bool? allFinished, string expected)
    {
        string dir = FakeRun("refused", 1000);
        new ResultsStoreWriter(dir).Manifest(FinishedRuns.Manifest(complete, size, allFinished));
        string results = Path.Combine(_root, "results");

        var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(dir, results), TextWriter.Null));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "something was copied");
    }

    [Fact]
    public void Publish_RefusesTheSameRunTwice_AndSkipsAnUnreadableOldRunInTheIndex()
    {
        string results = Path.Combine(_root, "results");
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
        string results = Path.Combine(_root, "results");
        string run = FakeRun("retried", 1000);
        // What a publish killed (or stopped by a full disk) half-way through its copy leaves behind.
        string staging = Path.Combine(results, ".publishing-2026-01-01_2c-test-4242");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, RunFiles.ReportFile), "");

        var output = new StringWriter();
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), output));

        Assert.False(Directory.Exists(staging));
        string published = Assert.Single(RunFolders(results));
        Assert.Equal(output.ToString().Trim().Split('\n')[^1], published);
        foreach (string file in new[] { RunFiles.ResultsFile, RunFiles.EnvironmentFile, RunFiles.ReportFile, RunFiles.ManifestFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(run, file)), File.ReadAllBytes(Path.Combine(published, file)));
        Assert.DoesNotContain(".publishing-", File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_KeepsTheSamplesCompressed_AndTheReportsFolders_NotTheRawSamples()
    {
        string results = Path.Combine(_root, "results");
        string run = FakeRun("compressed", 1000);
        Directory.CreateDirectory(Path.Combine(run, "charts"));
        File.WriteAllText(Path.Combine(run, "charts", "switch.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Directory.CreateDirectory(Path.Combine(run, "details", "more"));
        File.WriteAllText(Path.Combine(run, "details", "switch.md"), "# switch\n");
        File.WriteAllText(Path.Combine(run, "details", "more", "notes.md"), "# notes\n");
        File.WriteAllText(AtomicFile.TempPathFor(Path.Combine(run, "charts", "half.svg")), "<sv");

        Assert.Equal(0, PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));

        string published = Assert.Single(RunFolders(results));
        Assert.False(File.Exists(Path.Combine(published, RunFiles.SamplesFile)), "the raw samples.csv was published");
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(published, RunFiles.CompressedSamplesFile)),
            System.IO.Compression.CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            gzip.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(run, RunFiles.SamplesFile)), copy.ToArray());
        }
        foreach (string file in new[] { "charts/switch.svg", "details/switch.md", "details/more/notes.md" })
            Assert.Equal(File.ReadAllText(Path.Combine(run, file)), File.ReadAllText(Path.Combine(published, file)));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(published, "charts")));
    }

    [Fact]
    public void CompareAndReport_ReadAPublishedRunWithOnlyCompressedSamples()
    {
        string results = Path.Combine(_root, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("base", 1000), results), TextWriter.Null));
        string published = Assert.Single(RunFolders(results));
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
    public void Compare_OfAPublishedRunWithACorruptCompressedSamplesFile_IsOneLineAndExit2()
    {
        string results = Path.Combine(_root, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("base", 1000), results), TextWriter.Null));
        string published = Assert.Single(RunFolders(results));
        string compressed = Path.Combine(published, RunFiles.CompressedSamplesFile);
        byte[] bytes = File.ReadAllBytes(compressed);
        File.WriteAllBytes(compressed, bytes[..(bytes.Length / 2)]);

        InProcessCommands.Result result = InProcessCommands.Run("compare", published, FakeRun("other", 1000));

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StderrLines);
        Assert.Contains(compressed, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_OfARunStillBeingWritten_IsRefused_AndCopiesNothing()
    {
        string results = Path.Combine(_root, "results");
        string run = FakeRun("in-progress", 1000);
        using (Harness.Storage.RunFolderLock.Acquire(run, "a table run"))
        {
            var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(run, results), TextWriter.Null));
            Assert.Contains("in use by a table run", e.Message, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "something was copied");
    }

    [Fact]
    public void Report_OnABrokenEnvJson_IsOneLineNamingTheFile()
    {
        string dir = FakeRun("broken-env", 1000);
        File.WriteAllText(Path.Combine(dir, RunFiles.EnvironmentFile), "{ \"cpu_model\": 3");

        var e = Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(dir), TextWriter.Null));

        Assert.Contains(RunFiles.EnvironmentFile, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_RefusesAnUnfinishedRun()
    {
        string dir = Path.Combine(_root, "unfinished");
        Directory.CreateDirectory(dir);

        var e = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(dir, _root), TextWriter.Null));

        Assert.Contains("not a finished run", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewrites one file of a fake run.</summary>
    private sealed class ResultsStoreWriter(string directory)
    {
        public void Manifest(RunManifest manifest)
        {
            string path = Path.Combine(directory, RunFiles.ManifestFile);
            File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(manifest, new System.Text.Json.JsonSerializerOptions
            {
                PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            }));
        }
    }

    [Fact]
    public void Compare_RefusesARunWithoutResultsOrWithNoRows_SoAFailureCannotHide()
    {
        string good = FakeRun("good", 1000);
        string noResults = FakeRun("no-results", 1000);
        File.Delete(Path.Combine(noResults, RunFiles.ResultsFile));
        string empty = FakeRun("empty", 1000);
        File.WriteAllLines(Path.Combine(empty, RunFiles.ResultsFile), [File.ReadLines(Path.Combine(good, RunFiles.ResultsFile)).First()]);

        var missing = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(noResults, good), TextWriter.Null));
        var none = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(empty, good), TextWriter.Null));

        Assert.Equal($"compare: '{noResults}' has no results.csv", missing.Message);
        Assert.Contains("results.csv has no rows", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_RefusesAnEmptyRun_MissingSamples_AndBadTargets()
    {
        string results = Path.Combine(_root, "results");
        string empty = FakeRun("empty", 1000);
        string header = File.ReadLines(Path.Combine(empty, RunFiles.ResultsFile)).First();
        File.WriteAllLines(Path.Combine(empty, RunFiles.ResultsFile), [header]);
        string noSamples = FakeRun("no-samples", 1000);
        File.WriteAllLines(Path.Combine(noSamples, RunFiles.SamplesFile), [File.ReadLines(Path.Combine(noSamples, RunFiles.SamplesFile)).First()]);
        string good = FakeRun("good", 1000);
        string aFile = Path.Combine(_root, "a-file");
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
        string results = Path.Combine(_root, "results");
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("first", 1000), results), TextWriter.Null));
        string first = RunFolders(results).Single();
        Assert.Equal(0, PublishCommand.Run(new PublishOptions(FakeRun("second", 1200), results), TextWriter.Null));
        string second = RunFolders(results).Single(d => d != first);
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
}
