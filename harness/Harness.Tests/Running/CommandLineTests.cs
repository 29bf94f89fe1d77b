namespace Harness.Tests.Running;

/// <summary>The bench application's exit codes and messages for bad input: one line, no stack trace.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("unknown model 'fiber'; valid models: thread, task, green", "table", "--models", "fiber")]
    [InlineData("unknown metric 'latency'; valid metrics: creation, switch, memory, stall", "--metrics", "latency")]
    [InlineData("unknown option '--colour'", "table", "--colour")]
    [InlineData("unknown command 'tabel'; valid commands: table", "tabel")]
    [InlineData("--timeout must be between 1 and 86400, got -5", "table", "--timeout", "-5")]
    [InlineData("option --out is given more than once", "table", "--out", "a", "--out", "b")]
    [InlineData("BenchmarkDotNet refused the arguments: Option 'f, filter' has no value.", "--filter")]
    [InlineData("BenchmarkDotNet refused the arguments: Option 'f, filter' is defined multiple times.", "--filter", "*A*", "--filter", "*B*")]
    [InlineData("BenchmarkDotNet refused the arguments: Option 'iterationCount' is defined with a bad format.", "--iterationCount", "abc")]
    [InlineData("BenchmarkDotNet refused the arguments: Option 'list' is defined with a bad format.", "--list", "bogus")]
    [InlineData("--iterationCount must be at least 1, got 0", "--iterationCount", "0", "--filter", "*Creation*")]
    [InlineData("--job is given more than once; give it once", "--list", "flat", "--job", "short", "--job", "dry")]
    public void BadInput_ExitsWithCode2AndOneLine(string expected, params string[] args)
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonEmptyOutputFolder_IsNotOverwrittenUnasked()
    {
        string dir = Directory.CreateTempSubdirectory("bench-out-").FullName;
        File.WriteAllText(Path.Combine(dir, "results.csv"), "precious");
        try
        {
            BenchApp.Result result = BenchApp.Run(s_timeout, "table", "--out", dir);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("not empty", result.Stderr, StringComparison.Ordinal);
            Assert.Equal("precious", File.ReadAllText(Path.Combine(dir, "results.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("/proc/bench-cannot-write-here")]
    [InlineData("/dev/null")]
    public void AnOutputFolderThatCannotBeWritten_IsAUsageError(string folder)
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, "table", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("output folder", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(new string[0], "table", new string[0])] // README's main command: no arguments at all
    [InlineData(new[] { "--quick" }, "table", new[] { "--quick" })]
    [InlineData(new[] { "--models=task", "--full" }, "table", new[] { "--models=task", "--full" })]
    [InlineData(new[] { "table", "--full" }, "table", new[] { "--full" })]
    [InlineData(new[] { "report", "dir" }, "report", new[] { "dir" })]
    [InlineData(new[] { "--filter", "*Creation*" }, Bench.Program.BenchmarkDotNetCommand, new[] { "--filter", "*Creation*" })]
    [InlineData(new[] { "--help" }, "--help", new string[0])]
    public void Arguments_AreRoutedToTheirCommand(string[] args, string command, string[] rest)
    {
        (string routed, string[] remaining) = Bench.Program.Route(args);

        Assert.Equal(command, routed);
        Assert.Equal(rest, remaining);
    }

    [Fact]
    public void AFilterThatMatchesNothing_IsAnError()
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, "--filter", "*NoSuchBenchmark*");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no benchmark matched the filter", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--list", "flat", "--filter", "*NoSuchBenchmark*")]
    [InlineData("--list=flat", "--anyCategories", "nosuchcategory")]
    public void AListThatMatchesNothing_IsAnError_NotAnEmptyList(params string[] args)
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no benchmark matched the filter; list them all with --list flat", result.Stderr.Trim());
    }

    [Fact]
    public void BenchmarkDotNetList_ShowsEveryBenchmarkWithCategories()
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, "--list", "flat");

        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "ThreadCreation.SpawnRunJoin", "TaskCreation.SpawnRunJoin", "ThreadBrigade.Hop", "TaskPingPong.Switch", "GreenCreation.SpawnRunJoin", "GreenPingPong.Switch" })
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
    }
}
