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
    [InlineData("--timeout must be a whole number between 1 and 86400, got 'soon'", "--timeout", "soon")]
    [InlineData("--timeout must be between 1 and 86400, got 99999999999999", "--timeout", "99999999999999")]
    [InlineData("--models 'thread,,task' has an empty item", "--models", "thread,,task")]
    [InlineData("unknown shape 'ring'; valid shapes: spawn-join, brigade", "--shapes", "ring")]
    [InlineData("no shape of parked belongs to the metrics switch: nothing would run", "--metrics", "switch", "--shapes", "parked")]
    [InlineData("--quick and --full cannot both be given", "--quick", "--full")]
    [InlineData("unexpected argument 'thread'", "thread")]
    [InlineData("--models needs at least one model", "--models", ",")]
    [InlineData("option --models is given more than once; give it once", "--models", "thread", "--models", "task")]
    [InlineData("option --timeout is given more than once; give it once", "--timeout", "5", "--timeout=6")]
    [InlineData("option --quick is given more than once; give it once", "--quick", "--quick")]
    [InlineData("--timeout must be a whole number between 1 and 86400, got ' 5'", "--timeout", " 5")]
    [InlineData("--timeout must be a whole number between 1 and 86400, got '+5'", "--timeout", "+5")]
    public void BadInput_GetsOneLineNamingTheValidValues(string expected, params string[] args)
    {
        var e = Assert.Throws<UsageException>(() => TableOptions.Parse(args));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

}
