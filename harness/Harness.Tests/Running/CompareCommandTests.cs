using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Models;
using Harness.Reporting;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Running;

/// <summary>
/// The compare command on run folders written as a table run writes them: the verdict per cost (times by their samples,
/// memory by its slope), failed and skipped scenarios, and the runs it refuses to compare.
/// </summary>
public sealed class CompareCommandTests : TempFolder
{
    /// <summary>A finished run folder whose ping-pong samples centre on <paramref name="centre"/> ns.</summary>
    private string FakeRun(string name, double centre, RunManifest? manifest = null) => RunFolders.PingPongRun(Path.Combine(Folder, name), centre, manifest);

    /// <summary>A finished run folder holding the given outcomes.</summary>
    private string RunOf(string name, params ScenarioOutcome[] outcomes) => RunFolders.WriteFinished(Path.Combine(Folder, name), outcomes);

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
    public void Compare_OfRunsWithLaunches_JudgesByTheLaunches_AndTalliesVerdictsAndCoverage()
    {
        // Three launches a side whose levels wander 6% (as reruns do), samples within 1% of their launch's level.
        ScenarioOutcome[] Launches(params double[] levels) => levels.Select((level, launch) => new ScenarioOutcome(
            Specs.PingPong(samples: 20) with { Launch = launch },
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 20).Select(i => level * (0.995 + (i % 5) * 0.0025)).ToList())], "0,1", 2)).ToArray();
        string first = RunOf("first", Launches(1000, 1060, 960));
        string second = RunOf("second", Launches(1030, 950, 1045));
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(first, second) { ThresholdPercent = 3 }, output);

        string text = output.ToString();
        Assert.Equal(0, exit);
        string[] expected =
        [
            "| switch/task/pingpong/unpinned/switch | same |", "| launches: 3 vs 3 |", "Verdicts: 1 same (of 1).",
            "hold the diff's median for 1 of 1 timed quantities",
        ];
        Assert.All(expected, line => Assert.Contains(line, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_OfOneLaunchRuns_StillUsesTheirSamples()
    {
        var output = new StringWriter();

        CompareCommand.Run(new CompareOptions(FakeRun("one", 1000), FakeRun("other", 1000)), output);

        Assert.Contains("| samples: 20 vs 20 (one launch) |", output.ToString(), StringComparison.Ordinal);
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
        string full = FakeRun("published/mm-full", 1000, RunFolders.PingPongManifest(size: "full"));
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
        string partial = RunFolders.WriteFinished(Path.Combine(Folder, "partial"), [PingPong(1000)], RunFolders.PingPongManifest(complete, size));

        var refused = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(partial, whole), TextWriter.Null));
        var output = new StringWriter();
        int exit = CompareCommand.Run(new CompareOptions(partial, whole) { AllowPartial = true }, output);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-partial", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("Only in base (1, not compared): switch/task/pingpong/pinned/switch", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Only in diff", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RefusesARunWithoutResultsOrWithNoRows_SoAFailureCannotHide()
    {
        string good = FakeRun("good", 1000);
        string noResults = FakeRun("no-results", 1000);
        File.Delete(Path.Combine(noResults, RunFiles.ResultsFile));
        string empty = FakeRun("empty", 1000);
        // The version line and the header, no rows.
        File.WriteAllLines(Path.Combine(empty, RunFiles.ResultsFile), File.ReadLines(Path.Combine(good, RunFiles.ResultsFile)).Take(2));

        var missing = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(noResults, good), TextWriter.Null));
        var none = Assert.Throws<UsageException>(() => CompareCommand.Run(new CompareOptions(empty, good), TextWriter.Null));

        Assert.Equal($"compare: '{noResults}' has no results.csv", missing.Message);
        Assert.Contains("results.csv has no rows", none.Message, StringComparison.Ordinal);
    }
}
