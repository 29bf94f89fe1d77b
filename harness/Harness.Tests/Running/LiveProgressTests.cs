using Bench;
using Harness.Measurement;
using Harness.Models;
using Harness.Running;
using Harness.Scenarios;
using Harness.Tests.Fixtures;
using Spectre.Console;

namespace Harness.Tests.Running;

/// <summary>The table's live view: only on an interactive terminal; there, a bar per metric, the running scenario, and
/// failures in red.</summary>
public sealed class LiveProgressTests
{
    private static IAnsiConsole Console(TextWriter writer, bool interactive, bool ansi) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    [Theory]
    [InlineData(true, true, true, false)] // output redirected (CI logs, a pipe, a file): plain lines
    [InlineData(false, false, true, false)] // not interactive
    [InlineData(false, true, false, false)] // a terminal that cannot move the cursor (TERM=dumb)
    [InlineData(false, true, true, true)]
    public void TheLiveView_IsOnlyForAnInteractiveTerminal(bool redirected, bool interactive, bool ansi, bool live)
    {
        LiveProgress? progress = LiveProgress.ForTerminal(Console(TextWriter.Null, interactive, ansi), redirected);

        Assert.Equal(live, progress is not null);
    }

    [Fact]
    public void ABarPerMetric_TheRunningScenario_AndFailuresInRed()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(Console(output, interactive: true, ansi: true));
        ScenarioSpec creation = Specs.Creation(), crashed = Specs.Creation(ModelIds.Thread), pingPong = Specs.PingPong();
        var seenWhileRunning = new List<string>();

        int ran = progress.Run([creation, crashed, pingPong], () =>
        {
            progress.ScenarioStarted(creation, 1, 3);
            seenWhileRunning.Add(output.ToString());
            progress.ScenarioFinished(new ScenarioOutcome(creation, [new Series(Quantities.Total, "ns", [100, 110, 120])], "0,1", 2), "ok (0.1 s)");
            progress.ScenarioStarted(crashed, 2, 3);
            progress.ScenarioFinished(ScenarioOutcome.Failed(crashed, "injected crash"), "FAILED (0.1 s): injected crash");
            progress.ScenarioStarted(pingPong, 3, 3);
            progress.ScenarioFinished(new ScenarioOutcome(pingPong, [new Series(Quantities.Switch, "ns", [50, 51, 52])], "0,1", 2), "ok (0.1 s)");
            return 3;
        });

        Assert.Equal(3, ran);
        string text = output.ToString();
        Assert.Contains("creation", seenWhileRunning[0], StringComparison.Ordinal);
        Assert.Contains("switch", seenWhileRunning[0], StringComparison.Ordinal); // every metric's bar from the start
        Assert.Contains($"running", seenWhileRunning[0], StringComparison.Ordinal);
        Assert.Contains(creation.Name, seenWhileRunning[0], StringComparison.Ordinal);
        Assert.Contains("1 failed", text, StringComparison.Ordinal);
        // Red (ANSI 31 or its bright 91) right before the failed scenario's name.
        Assert.Matches($@"\u001b\[(31|91)m{System.Text.RegularExpressions.Regex.Escape(crashed.Name)}", text);
        Assert.Contains("2/2", text, StringComparison.Ordinal);
        Assert.Contains("1/1", text, StringComparison.Ordinal);
    }
}
