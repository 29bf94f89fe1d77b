using System.CommandLine;
using Harness.Commands;
using Harness.Running;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Commands;

/// <summary>The table command's parse: its typed <see cref="TableOptions"/>, and a one-line refusal for each bad input.</summary>
public sealed class TableCommandTests
{
    private static TableOptions Parse(params string[] args) => TableArguments.Parse(args);

    private static string Refusal(params string[] args) => TableArguments.Refusal(args);

    [Fact]
    public void NoArguments_MeansQuickRunOfEverythingAvailable()
    {
        TableOptions options = Parse();

        Assert.Equal(new TableOptions(), options);
        Assert.True(options.Quick);
        Assert.Equal(["thread", "task", "green"], options.Models);
        Assert.Equal(["creation", "switch", "memory", "stall"], options.Metrics);
        Assert.Null(options.OutputDirectory);
        Assert.False(options.Force);
        Assert.Equal(TimeSpan.FromMinutes(3), options.ScenarioTimeout);
    }

    [Fact]
    public void AllOptions_AreParsed()
    {
        TableOptions options = Parse("--full", "--models", "task,thread,task", "--metrics=switch", "--shapes", "pingpong", "--out", "/tmp/x",
            "--force", "--timeout", "30");

        Assert.False(options.Quick);
        Assert.Equal(["task", "thread"], options.Models);
        Assert.Equal(["switch"], options.Metrics);
        Assert.Equal(["pingpong"], options.Shapes);
        Assert.Equal("/tmp/x", options.OutputDirectory);
        Assert.True(options.Force);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ScenarioTimeout);
    }

    [Fact]
    public void AnArgumentStartingWithAt_IsAFolder_NotAResponseFile() =>
        Assert.Equal("@runs", Parse("--out", "@runs").OutputDirectory);

    [Theory]
    [InlineData("table: unknown model 'fiber'; valid models: thread, task, green", "--models", "thread,fiber")]
    [InlineData("table: unknown model 'gren'; did you mean green?", "--models", "gren")]
    [InlineData("table: unknown metric 'speed'; valid metrics: creation, switch, memory, stall", "--metrics", "speed")]
    [InlineData("table: unknown option '--modle'; did you mean --models?", "--modle", "thread")]
    [InlineData("table: option --out needs a value", "--out")]
    [InlineData("table: --out needs a folder path", "--out", "")]
    [InlineData("table: --out needs a folder path", "--out=  ")]
    [InlineData("table: --timeout must be between 1 and 86400, got 0", "--timeout", "0")]
    [InlineData("table: --timeout must be a whole number between 1 and 86400, got 'soon'", "--timeout", "soon")]
    [InlineData("table: --timeout must be between 1 and 86400, got 99999999999999", "--timeout", "99999999999999")]
    [InlineData("table: --timeout must be between 1 and 86400, got 99999999999999999999999999", "--timeout", "99999999999999999999999999")]
    [InlineData("table: --timeout must be a whole number between 1 and 86400, got ''", "--timeout", "")]
    [InlineData("table: --models 'thread,,task' has an empty item", "--models", "thread,,task")]
    [InlineData("table: unknown shape 'ring'", "--shapes", "ring")]
    [InlineData("table: no shape of parked belongs to the metrics switch: nothing would run", "--metrics", "switch", "--shapes", "parked")]
    [InlineData("table: --quick and --full cannot both be given", "--quick", "--full")]
    [InlineData("table: unexpected argument 'thread'; usage: bench table [--quick] [--full] [--models MODELS]", "thread")]
    [InlineData("table: unexpected argument 'true'", "--force", "true")]
    [InlineData("table: --models needs at least one model", "--models", ",")]
    [InlineData("table: option --models is given more than once; give it once", "--models", "thread", "--models", "task")]
    [InlineData("table: option --timeout is given more than once; give it once", "--timeout", "5", "--timeout=6")]
    [InlineData("table: option --quick is given more than once; give it once", "--quick", "--quick")]
    [InlineData("table: option --force is given more than once; give it once", "--force", "--force")]
    [InlineData("table: --timeout must be a whole number between 1 and 86400, got ' 5'", "--timeout", " 5")]
    [InlineData("table: --timeout must be a whole number between 1 and 86400, got '+5'", "--timeout", "+5")]
    public void BadInput_GetsOneLineNamingTheValidValues(string expected, params string[] args)
    {
        string message = Refusal(args);

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }
}
