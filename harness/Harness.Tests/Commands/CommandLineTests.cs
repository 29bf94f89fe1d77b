using Harness.Tests.Running;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Commands;

/// <summary>The bench application as a process: routing between our commands and BenchmarkDotNet, exit codes and
/// one-line messages for bad input (no stack trace), and the generated help.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("unknown model 'fiber'; valid models: thread, task, green", "table", "--models", "fiber")]
    [InlineData("unknown metric 'latency'; valid metrics: creation, switch, memory, stall", "--metrics", "latency")]
    [InlineData("table: unknown option '--colour'", "table", "--colour")]
    [InlineData("unknown command 'tabel'; valid commands: table", "tabel")]
    [InlineData("did you mean table?", "tabel")]
    [InlineData("unknown command ''", "")]
    [InlineData("table: --out needs a folder path", "table", "--out", "")]
    [InlineData("unknown option '--quik'; did you mean --quick?", "--quik")]
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
    [InlineData(new string[0], false, new[] { "table" })] // README's main command: no arguments at all
    [InlineData(new[] { "--quick" }, false, new[] { "table", "--quick" })]
    [InlineData(new[] { "--models=task", "--full" }, false, new[] { "table", "--models=task", "--full" })]
    [InlineData(new[] { "table", "--full" }, false, new[] { "table", "--full" })]
    [InlineData(new[] { "report", "dir" }, false, new[] { "report", "dir" })]
    [InlineData(new[] { "--filter", "*Creation*" }, true, new[] { "--filter", "*Creation*" })]
    [InlineData(new[] { "--list", "flat" }, true, new[] { "--list", "flat" })]
    [InlineData(new[] { "--help" }, false, new[] { "--help" })]
    [InlineData(new[] { "-h" }, false, new[] { "-h" })]
    public void Arguments_AreRoutedToTheirCommand(string[] args, bool toBenchmarkDotNet, string[] routed)
    {
        IReadOnlyList<string> tableOptions = new Harness.Commands.BenchCommandLine().Table.OptionNames;

        (Bench.Program.Target target, string[] arguments) = Bench.Program.Route(args, tableOptions);

        Assert.Equal(toBenchmarkDotNet ? Bench.Program.Target.BenchmarkDotNet : Bench.Program.Target.Commands, target);
        Assert.Equal(routed, arguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public void Help_IsGeneratedFromTheDefinitions_AndCoversEveryCommandAndOption(string asking)
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, asking);

        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "table", "report", "compare", "publish", "--shapes", "--reindex", "--previous", "--allow-partial", "--threshold", "--timeout" })
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+scenario\b", result.Stdout); // the hidden child command is not listed
    }

    [Fact]
    public void HelpOfOneCommand_ShowsItsOptions()
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, "compare", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--allow-partial", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--shapes", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHiddenScenarioCommand_StartedByHand_IsOneLineAndExit2()
    {
        BenchApp.Result result = BenchApp.Run(s_timeout, "scenario", "--metric", "creation", "--model", "task", "--shape", "spawn-join", "--pinned");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: scenario: this command is started by 'table' for each scenario, not by hand; "
            + "run one scenario with 'table --models MODEL --metrics METRIC --shapes SHAPE'", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
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
