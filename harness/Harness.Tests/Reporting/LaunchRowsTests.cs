using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Reporting;

/// <summary>A cell's result rows made from several launches: known answers on synthetic launches.</summary>
public sealed class LaunchRowsTests
{
    private static ScenarioOutcome Launch(int launch, IReadOnlyList<double> samples) =>
        new(Specs.PingPong() with { Launch = launch }, [new Series(Quantities.Switch, "ns", samples)], "0,1", 2);

    /// <summary>Steady samples around <paramref name="centre"/> (±1%), no trend.</summary>
    private static List<double> Steady(double centre, int count = 30) =>
        Enumerable.Range(0, count).Select(i => centre * (1 + ((i * 7) % 11 - 5) / 500.0)).ToList();

    [Fact]
    public void TwoLaunchesAtDifferentLevels_GiveAnIntervalSpanningBoth_AndABetweenSpread()
    {
        ResultRow row = OutcomeRows.FromLaunches([Launch(0, Steady(100)), Launch(1, Steady(200)), Launch(2, Steady(150))]).Single();

        Assert.Equal(Statistics.Median, row.Statistic);
        Assert.Equal(3, row.Launches);
        Assert.Equal(90, row.Samples);
        Assert.InRange(row.Value, 140, 160);
        // Resampling launches: an interval that reaches towards both outer launches, far wider than one launch's noise.
        Assert.InRange(row.CiLower, 99, 130);
        Assert.InRange(row.CiUpper, 170, 201);
        Assert.InRange(row.BetweenLaunchSpread, 0.3, 0.4); // sd(100, 150, 200) / 150 = 1/3
        Assert.InRange(row.WithinLaunchSpread, 0, 0.02);
        Assert.Equal(0, row.DriftingLaunches);
    }

    [Fact]
    public void LaunchesThatAgree_GiveANarrowInterval()
    {
        ResultRow row = OutcomeRows.FromLaunches([Launch(0, Steady(100)), Launch(1, Steady(100))]).Single();

        Assert.InRange(row.CiLower, 98, 100);
        Assert.InRange(row.CiUpper, 100, 102);
        Assert.InRange(row.BetweenLaunchSpread, 0, 0.01);
    }

    [Fact]
    public void ALaunchThatDrifts_IsCountedAndNamedInTheNote()
    {
        List<double> drifting = [.. Steady(100, 15), .. Steady(160, 15)];

        ResultRow row = OutcomeRows.FromLaunches([Launch(0, Steady(100)), Launch(1, drifting)]).Single();

        Assert.Equal(1, row.DriftingLaunches);
        Assert.Contains("launch 2 +60%", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void ALaunchWithTwoClusters_MarksTheCellMultimodal_ButTwoSteadyLaunchesApartDoNot()
    {
        var random = new Random(3);
        List<double> clusters = [.. Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? 50 : 103) + random.NextDouble() * 3)];

        Assert.True(OutcomeRows.FromLaunches([Launch(0, clusters), Launch(1, Steady(80))]).Single().Modes > 1);
        Assert.Equal(1, OutcomeRows.FromLaunches([Launch(0, Steady(50)), Launch(1, Steady(103))]).Single().Modes);
    }

    [Fact]
    public void AFailedLaunch_IsNamed_AndTheOthersStillCount()
    {
        ScenarioOutcome failed = ScenarioOutcome.Failed(Specs.PingPong() with { Launch = 1 }, "timed out after 180 s");

        ResultRow row = OutcomeRows.FromLaunches([Launch(0, Steady(100)), failed, Launch(2, Steady(100))]).Single();

        Assert.True(row.Succeeded);
        Assert.Equal(2, row.Launches);
        Assert.Contains("launch 2 of 3 failed (timed out after 180 s)", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLaunchFailed_IsOneFailedRow()
    {
        ScenarioOutcome[] failed = [.. Enumerable.Range(0, 2).Select(i => ScenarioOutcome.Failed(Specs.PingPong() with { Launch = i }, "crashed"))];

        ResultRow row = OutcomeRows.FromLaunches(failed).Single();

        Assert.Equal(ResultRow.StatusFailed, row.Status);
        Assert.StartsWith("all 2 launches failed", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_CarryTheirLaunch_AndTheCellsIdentity()
    {
        SampleRow[] samples = [.. OutcomeRows.SamplesOf(Launch(1, Steady(100, 3)))];

        Assert.All(samples, s => Assert.Equal(1, s.Launch));
        Assert.Equal([0, 1, 2], samples.Select(s => s.Index));
        Assert.Equal(new ResultIdentity(Specs.PingPong(), Quantities.Switch), samples[0].Identity);
    }

    [Fact]
    public void MemoryLaunches_AreEachAPoint()
    {
        ScenarioOutcome Reading(int launch, double rss) =>
            new(Specs.Parked(ModelIds.Thread, 1_000) with { Launch = launch }, [new Series(Quantities.Rss, "B", [rss])], "0,1", 2);

        IReadOnlyList<ResultRow> rows = OutcomeRows.FromLaunches([Reading(0, 1e6), Reading(1, 1.1e6)]);

        Assert.Equal([1e6, 1.1e6], rows.Select(r => r.Value));
        Assert.All(rows, r => Assert.Equal(Statistics.Point, r.Statistic));
    }

    [Theory]
    [InlineData(Quantities.Total, Quantities.FirstRunEach)]
    [InlineData(Quantities.Switch, Quantities.RoundTripEach)]
    public void EveryOperationsLatency_GetsPercentileRows_AndNoMedianRow(string mean, string latency)
    {
        ScenarioSpec spec = latency == Quantities.RoundTripEach ? Specs.PingPong() : Specs.Creation();
        // Launch 1: 1..1000 ns; launch 2: 1001..2000 ns; pooled, 2000 values spread evenly.
        ScenarioOutcome Launch(int launch) => new(spec with { Launch = launch },
        [
            new Series(mean, "ns", Steady(500)),
            new Series(latency, "ns", Enumerable.Range(1 + launch * 1_000, 1_000).Select(v => (double)v).ToList()),
        ], "0,1", 2);

        IReadOnlyList<ResultRow> rows = OutcomeRows.FromLaunches([Launch(0), Launch(1)]);

        Assert.True(Quantities.IsPerOperationLatency(latency));
        Assert.False(Quantities.IsPerOperationLatency(mean));
        var tail = rows.Where(r => r.Quantity == latency).ToDictionary(r => r.Statistic, r => r.Value);
        Assert.Equal(["p50", "p90", "p99", "p99.9", "max"], tail.Keys);
        Assert.InRange(tail["p50"], 999, 1_001);
        Assert.InRange(tail["p90"], 1_799, 1_801);
        Assert.InRange(tail["p99"], 1_979, 1_981);
        Assert.Equal(2_000, tail["max"]);
        Assert.Single(rows, r => r.Quantity == mean && r.Statistic == Statistics.Median);
    }
}
