using Harness.Cli;

namespace Harness.Tests.Cli;

public sealed class TableOptionsTests
{
    [Fact]
    public void NoArguments_MeansQuickRunOfEverythingAvailable()
    {
        TableOptions options = TableOptions.Parse([]);

        Assert.True(options.Quick);
        Assert.Equal(["thread", "task", "green"], options.Models);
        Assert.Equal(["creation", "switch", "memory", "stall"], options.Metrics);
        Assert.Null(options.OutputDirectory);
        Assert.False(options.Force);
    }

    [Fact]
    public void AllOptions_AreParsed()
    {
        TableOptions options = TableOptions.Parse(
            ["--full", "--models", "task,thread,task", "--metrics=switch", "--out", "/tmp/x", "--force", "--timeout", "30"]);

        Assert.False(options.Quick);
        Assert.Equal(["task", "thread"], options.Models);
        Assert.Equal(["switch"], options.Metrics);
        Assert.Equal("/tmp/x", options.OutputDirectory);
        Assert.True(options.Force);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ScenarioTimeout);
    }

    [Theory]
    [InlineData("unknown model 'fiber'; valid models: thread, task, green", "--models", "thread,fiber")]
    [InlineData("unknown metric 'speed'; valid metrics: creation, switch, memory, stall", "--metrics", "speed")]
    [InlineData("unknown option '--modle'", "--modle", "thread")]
    [InlineData("option --out needs a value", "--out")]
    [InlineData("--timeout must be between 1 and 86400, got 0", "--timeout", "0")]
    [InlineData("--timeout must be a whole number, got 'soon'", "--timeout", "soon")]
    [InlineData("--quick and --full cannot both be given", "--quick", "--full")]
    [InlineData("unexpected argument 'thread'", "thread")]
    [InlineData("--models needs at least one model", "--models", ",")]
    public void BadInput_GetsOneLineNamingTheValidValues(string expected, params string[] args)
    {
        var e = Assert.Throws<UsageException>(() => TableOptions.Parse(args));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

}
