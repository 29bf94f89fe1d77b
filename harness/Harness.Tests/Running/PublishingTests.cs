using System.Diagnostics;
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

    /// <summary>A finished run folder whose ping-pong samples centre on <paramref name="centre"/> ns.</summary>
    private string FakeRun(string name, double centre)
    {
        string dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        var outcome = new ScenarioOutcome(
            new ScenarioSpec(MetricIds.Switch, ModelIds.Task, Shapes.PingPong, false, Transport.SocketPair, 2, 100, 1, 20),
            [new Series("pingpong-unpinned", "ns", Enumerable.Range(0, 20).Select(_ => centre * (0.98 + random.NextDouble() * 0.04)).ToList())],
            "0,1", 2);
        using (ResultsStore store = ResultsStore.Create(dir))
        {
            store.Append(ResultRows.From(outcome), ResultRows.SamplesOf(outcome));
            store.WriteEnvironment(EnvironmentInfo.Capture());
            store.WriteReport("# report\n");
        }
        return dir;
    }

    private static (int ExitCode, string Output) Script(string script, params string[] args)
    {
        string root = OutputFolder.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "scripts", script));
        foreach (string arg in args) info.ArgumentList.Add(arg);
        ChildCommand bench = BenchApp.Command;
        info.Environment["BENCH"] = string.Join(' ', new[] { bench.FileName }.Concat(bench.PrefixArguments));
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), $"{script} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void PublishThenCompare_FindsARegressionAgainstThePreviousRunOfTheSameMachine()
    {
        string results = Path.Combine(_root, "results");
        Directory.CreateDirectory(results);

        (int first, string firstOut) = Script("publish.sh", FakeRun("run1", 1000), results);
        Assert.Equal(0, first);
        string published1 = firstOut.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(published1, "samples.csv")), firstOut);
        (int alone, string aloneOut) = Script("compare-previous.sh", published1);
        Assert.Equal(0, alone);
        Assert.Contains("No earlier published run", aloneOut, StringComparison.Ordinal);

        (_, string secondOut) = Script("publish.sh", FakeRun("run2", 1500), results);
        string published2 = secondOut.Trim().Split('\n')[^1];
        Assert.NotEqual(published1, published2);
        (int compared, string comparison) = Script("compare-previous.sh", published2, "5%");

        Assert.Equal(CompareCommand.RegressionExitCode, compared);
        Assert.Contains("| switch/task/pingpong-unpinned | **slower** |", comparison, StringComparison.Ordinal);
        string index = File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile));
        Assert.Contains($"## Latest: [{Path.GetFileName(published2)}]", index, StringComparison.Ordinal);
        Assert.Contains("xychart-beta", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OfARunWithItself_IsTheSameAndExitsZero()
    {
        string run = FakeRun("same", 800);
        var output = new StringWriter();

        int exit = CompareCommand.Run([run, run, "--threshold", "3%"], output);

        Assert.Equal(0, exit);
        Assert.Contains("| switch/task/pingpong-unpinned | same |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FasterIsNotARegression()
    {
        var output = new StringWriter();

        int exit = CompareCommand.Run([FakeRun("slow", 2000), FakeRun("fast", 1000)], output);

        Assert.Equal(0, exit);
        Assert.Contains("| faster |", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold must be a percentage", "a", "b", "--threshold", "lots")]
    [InlineData("usage: compare BASE_DIR DIFF_DIR", "only-one")]
    [InlineData("no such folder", "/nonexistent/a", "/nonexistent/b")]
    public void Compare_BadInput_IsAUsageError(string expected, params string[] args) =>
        Assert.Contains(expected, Assert.Throws<Harness.Cli.UsageException>(() => CompareCommand.Run(args, TextWriter.Null)).Message, StringComparison.Ordinal);

    [Fact]
    public void Publish_RefusesAnUnfinishedRun()
    {
        string dir = Path.Combine(_root, "unfinished");
        Directory.CreateDirectory(dir);

        var e = Assert.Throws<Harness.Cli.UsageException>(() => PublishCommand.Run([dir, "--results", _root], TextWriter.Null));

        Assert.Contains("not a finished run", e.Message, StringComparison.Ordinal);
    }
}
