using Harness.Child;
using Harness.Tests.Fixtures;
using Harness.Models;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Child;

/// <summary>Scenarios really run in a child process, and a child that fails is recorded, not fatal.</summary>
public sealed class ScenarioProcessTests
{
    private static readonly ScenarioProcess s_runner = new(BenchApp.Command, TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(ModelIds.Thread, false)]
    [InlineData(ModelIds.Task, true)]
    public void PingPong_IsMeasuredInAChild(string model, bool pinned)
    {
        var spec = Specs.PingPong(model, pinned, roundTrips: 200);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        Assert.Equal([Quantities.Switch, Quantities.RoundTripEach], outcome.Series.Where(s => s.Unit == "ns").Select(s => s.Quantity));
        Series series = outcome.Series[0];
        // Every round trip of the one timed pass after the samples.
        Assert.Equal(200, outcome.Series.Single(s => s.Quantity == Quantities.RoundTripEach).Samples.Count);
        // The task model also says how many threads its pool ended with (a pool grown past the CPUs is slower).
        Assert.Equal(model == ModelIds.Task, outcome.Series.Any(s => s.Quantity == Quantities.PoolThreads && s.Samples[0] >= 1));
        Assert.Equal(3, series.Samples.Count);
        Assert.All(series.Samples, s => Assert.True(s > 0));
        Assert.Equal(pinned ? 1 : Environment.ProcessorCount, outcome.ProcessorCount);
        if (pinned) Assert.DoesNotContain(",", outcome.Affinity, StringComparison.Ordinal);
    }

    [Fact]
    public void Creation_ReportsItsQuantitiesInProtocolOrder()
    {
        var spec = Specs.Creation(units: 100, samples: 2);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        Assert.Equal(["total", "spawn", "join", "batches-of-20", "one-at-a-time", "first-run", "first-run-each", "first-run-idle", "pool-threads"],
            outcome.Series.Select(s => s.Quantity));
        // Every unit of every sample's one-at-a-time pass, for the percentiles.
        Assert.Equal(2 * 100, outcome.Series.Single(s => s.Quantity == "first-run-each").Samples.Count);
    }

    [Fact]
    public void AnUnsupportedCombination_IsRecordedAsFailedWithTheReason()
    {
        // The plan never asks this (offload is a green-only shape), but a hand-written scenario can.
        var spec = Specs.Stall(shape: Shapes.StallOffload, offenders: 1, windowMilliseconds: 100);

        ScenarioOutcome outcome = s_runner.Run(spec);

        Assert.False(outcome.Succeeded);
        Assert.Contains("no blocking pool to offload to", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AChildThatOverrunsItsTimeout_IsKilledAndRecorded()
    {
        var spec = Specs.PingPong(ModelIds.Thread, roundTrips: 50_000_000, samples: 1000);
        var impatient = new ScenarioProcess(BenchApp.Command, TimeSpan.FromSeconds(2));

        ScenarioOutcome outcome = impatient.Run(spec);

        Assert.False(outcome.Succeeded);
        Assert.Contains("timed out", outcome.Failure, StringComparison.Ordinal);
        Assert.InRange(outcome.ElapsedSeconds, 1.5, 30);
    }

    [Theory]
    [InlineData("--spec", "{\"protocol\":2}", "BENCH-FAILURE bad spec: missing key 'metric'")]
    [InlineData("--spec", "{", "BENCH-FAILURE bad spec: not JSON")]
    [InlineData("--metric", "switch", "BENCH-FAILURE bad spec: usage: scenario --spec JSON")]
    public void AChildGivenABadSpec_PrintsOneFailureLineAndExits2(string option, string value, string expected)
    {
        BenchApp.Result result = BenchApp.Run(TimeSpan.FromSeconds(60), asScenarioChild: true, ScenarioChild.Command, option, value);

        Assert.Equal(ChildExitCodes.BadSpec, result.ExitCode);
        Assert.StartsWith(expected, result.Stdout, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(Transport.SocketPair, new[] { "net", "raw", "baseline" })]
    [InlineData(Transport.Memory, new[] { "raw" })]
    public void Brigade_ReportsItsQuantities_AndNetIsRawMinusTheInterleavedBaseline(Transport transport, string[] quantities)
    {
        ScenarioOutcome outcome = s_runner.Run(Specs.Brigade(ModelIds.Green, transport, units: 20, rounds: 5));

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        Assert.Equal(quantities, outcome.Series.Select(s => s.Quantity));
        Assert.All(outcome.Series, s => Assert.Equal(3, s.Samples.Count));
        if (transport == Transport.Memory) return;
        IReadOnlyList<double> net = outcome.Series[0].Samples, raw = outcome.Series[1].Samples, baseline = outcome.Series[2].Samples;
        for (int i = 0; i < net.Count; i++) Assert.Equal(raw[i] - baseline[i], net[i], 6);
    }

    [Fact]
    public void Stall_ReportsBothPhasesFromTheScheduledDeadlines()
    {
        ScenarioOutcome outcome = s_runner.Run(Specs.Stall(ModelIds.Thread, offenders: 1, windowMilliseconds: 200));

        Assert.True(outcome.Succeeded, outcome.Failure + "\n" + outcome.StderrTail);
        Assert.Equal(["lateness-baseline", "lateness", "hold", "holds"], outcome.Series.Select(s => s.Quantity).Take(4));
        // Two probes ticked every 1 ms: two 100 ms baseline phases and two 100 ms offended phases.
        Assert.InRange(outcome.Series[0].Samples.Count, 2 * 2 * 70, 2 * 2 * 130);
        Assert.InRange(outcome.Series[1].Samples.Count, 2 * 2 * 70, 2 * 2 * 130);
        Assert.All(outcome.Series.SelectMany(s => s.Samples), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void AWatchedChild_ExitsWhenItsParentsPipeCloses()
    {
        var info = BenchApp.Command.StartInfo(
            [ScenarioChild.Command, .. ScenarioChild.Arguments(Specs.PingPong(ModelIds.Thread, roundTrips: 50_000_000, samples: 1000))], pinToCpu: null);
        info.Environment[ParentWatchdog.Variable] = ParentWatchdog.OnStdin;
        using var child = System.Diagnostics.Process.Start(info)!;
        Thread.Sleep(1_000);
        Assert.False(child.HasExited);

        child.StandardInput.Close(); // what the parent's death does to the pipe

        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(20)), "the child outlived its parent's pipe");
        Assert.Equal(ChildExitCodes.ParentGone, child.ExitCode);
    }
}
