using Harness.Models;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Running;

/// <summary>Scenarios really run in a child process, and a child that fails is recorded, not fatal.</summary>
public sealed class ScenarioProcessTests
{
    private static readonly ScenarioProcess s_runner = new(BenchApp.Command, TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(ModelIds.Thread, false)]
    [InlineData(ModelIds.Task, true)]
    public void PingPong_IsMeasuredInAChild(string model, bool pinned)
    {
        var spec = new ScenarioSpec(MetricIds.Switch, model, Shapes.PingPong, pinned, Transport.SocketPair, 2, 200, 1, 3);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        string name = pinned ? "pingpong-pinned" : "pingpong-unpinned";
        Series series = Assert.Single(outcome.Series, s => s.Unit == "ns");
        Assert.Equal(name, series.Variant);
        // The task model also says how many threads its pool ended with (a pool grown past the CPUs is slower).
        Assert.Equal(model == ModelIds.Task, outcome.Series.Any(s => s.Variant == name + "-pool-threads" && s.Samples[0] >= 1));
        Assert.Equal(3, series.Samples.Count);
        Assert.All(series.Samples, s => Assert.True(s > 0));
        Assert.Equal(pinned ? 1 : Environment.ProcessorCount, outcome.ProcessorCount);
        if (pinned) Assert.DoesNotContain(",", outcome.Affinity, StringComparison.Ordinal);
    }

    [Fact]
    public void Creation_ReportsItsFourParts()
    {
        var spec = new ScenarioSpec(MetricIds.Creation, ModelIds.Task, Shapes.SpawnJoin, false, Transport.SocketPair, 100, 1, 0, 2);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        Assert.Equal(["total", "spawn", "first-run", "first-run-idle", "join", "total-pool-threads"], outcome.Series.Select(s => s.Variant));
    }

    [Fact]
    public void AnUnsupportedCombination_IsRecordedAsFailedWithTheReason()
    {
        // The plan never asks this (offload is a green-only shape), but a hand-written scenario can.
        var spec = new ScenarioSpec(MetricIds.Stall, ModelIds.Task, Shapes.StallOffload, false, Transport.SocketPair, 1, 100, 0, 1, 0, "sleep", 1000, 1);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.False(outcome.Succeeded);
        Assert.Contains("no blocking pool to offload to", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AChildThatOverrunsItsTimeout_IsKilledAndRecorded()
    {
        var spec = new ScenarioSpec(MetricIds.Switch, ModelIds.Thread, Shapes.PingPong, false, Transport.SocketPair, 2, 50_000_000, 0, 1000);
        var impatient = new ScenarioProcess(BenchApp.Command, TimeSpan.FromSeconds(2));

        ScenarioOutcome outcome = impatient.Run(spec);

        Assert.False(outcome.Succeeded);
        Assert.Contains("timed out", outcome.Failure, StringComparison.Ordinal);
        Assert.InRange(outcome.ElapsedSeconds, 1.5, 30);
    }
}
