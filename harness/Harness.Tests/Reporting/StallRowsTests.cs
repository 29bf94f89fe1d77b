using Harness.Tests.Fixtures;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Reporting;

public sealed class StallRowsTests
{
    private static readonly StallSpec s_spec = Specs.Stall(offenders: Environment.ProcessorCount);

    /// <summary>A stall row by its quantity (lateness, hold, holds, recovery, pool-...) or its added statistic (p99-added, ...).</summary>
    private static ResultRow Stat(IReadOnlyList<ResultRow> rows, string name) => rows.Single(r => name.EndsWith("-added", StringComparison.Ordinal)
        ? r.Statistic == name
        : r.Quantity == name && !r.Statistic.EndsWith("-added", StringComparison.Ordinal) && !Statistics.IsPercentile(r.Statistic));

    private static ScenarioOutcome Outcome(IReadOnlyList<double> baseline, IReadOnlyList<double> offended, string model = ModelIds.Task) => new(
        s_spec with { Model = model },
        [
            new Series("lateness-baseline", "ns", baseline),
            new Series("lateness", "ns", offended),
            new Series("recovery", "ns", [150e6]),
            new Series("hold", "ns", Enumerable.Repeat(1_050_000.0, 50).ToList()),
            new Series("pool-threads-at-start", "threads", [2]),
            new Series("pool-threads", "threads", [3]),
            new Series("pool-growth", "ns", [double.NaN]),
            new Series("holds", "holds", [700]),
        ],
        "0,1",
        2);

    private static List<double> Around(double centre, int count) =>
        Enumerable.Range(0, count).Select(i => centre + (i % 10) * 1_000.0).ToList();

    [Fact]
    public void AddedLatency_IsOffendedMinusBaseline_AndDerivedRowsCarryNoRange()
    {
        IReadOnlyList<ResultRow> rows = OutcomeRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200)));

        ResultRow p50 = Stat(rows, "p50-added");
        Assert.InRange(p50.Value, 999_000, 1_001_000);
        Assert.True(p50.CiLower <= p50.Value && p50.Value <= p50.CiUpper);
        // A range belongs to a distribution: the added, counted and timed rows have none (they once showed the offended
        // lateness range, in threads for pool-threads).
        foreach (string stat in new[] { "p50-added", "p99-added", "max-added", "recovery", "pool-threads-at-start", "pool-threads", "pool-growth", "holds" })
        {
            ResultRow row = Stat(rows, stat);
            Assert.True(double.IsNaN(row.Min) && double.IsNaN(row.Max), $"{stat} has a range");
        }
        Assert.Equal(3, Stat(rows, "pool-threads").Value);
        Assert.Equal("threads", Stat(rows, "pool-threads").Unit);
        Assert.Equal(700, Stat(rows, "holds").Value);
    }

    [Fact]
    public void LatenessRows_SummariseEachPhaseWithItsRange()
    {
        IReadOnlyList<ResultRow> rows = OutcomeRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200)));

        ResultRow baseline = Stat(rows, "lateness-baseline");
        ResultRow offended = Stat(rows, "lateness");
        Assert.Equal((100_000, 109_000, 200), (baseline.Min, baseline.Max, baseline.Samples));
        Assert.Equal((1_100_000, 1_109_000, 200), (offended.Min, offended.Max, offended.Samples));
        Assert.InRange(offended.Value, 1_100_000, 1_109_000);
    }

    [Fact]
    public void AddedLatencyInterval_CarriesTheBaselinesUncertainty_AndHoldsAreReported()
    {
        var random = new Random(7);
        var baseline = Enumerable.Range(0, 400).Select(_ => 50_000 + (random.NextDouble() * 20_000)).ToList();
        var offended = Enumerable.Range(0, 400).Select(_ => 1_050_000 + (random.NextDouble() * 20_000)).ToList();

        IReadOnlyList<ResultRow> rows = OutcomeRows.From(Outcome(baseline, offended));

        ResultRow p50 = Stat(rows, "p50-added");
        Assert.InRange(p50.Value, 990_000, 1_010_000);
        Assert.True(p50.CiLower < p50.Value && p50.Value < p50.CiUpper, $"{p50.CiLower} .. {p50.CiUpper}");
        Assert.InRange(p50.CiUpper - p50.CiLower, 100, 20_000);
        ResultRow hold = Stat(rows, "hold");
        Assert.Equal(1_050_000, hold.Value, 3);
        Assert.Equal(50, hold.Samples);
    }

    [Fact]
    public void EveryRow_CarriesTheStallSetupInItsFields()
    {
        IReadOnlyList<ResultRow> rows = OutcomeRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200)));

        Assert.All(rows, r => Assert.Equal(("stall", "sleep", 1_000, Environment.ProcessorCount, ""), (r.Shape, r.Block, r.HoldMicroseconds, r.Offenders, r.Error)));
        Assert.Equal(Statistics.QuantileDifference, Stat(rows, "p99-added").Estimator);
        Assert.Contains("minus baseline p99", Stat(rows, "p99-added").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void PoolRows_AreOnlyForTheTaskModel()
    {
        IReadOnlyList<ResultRow> rows = OutcomeRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200), ModelIds.Green));

        Assert.DoesNotContain(rows, r => r.Quantity.StartsWith("pool", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Statistic == "p99-added");
    }

    [Fact]
    public void LongSeries_AreStoredAsTheirOrderStatistics_WhileRowsUseEverySample()
    {
        var offended = Enumerable.Range(0, 10_000).Select(i => (double)((i * 7919) % 10_000)).ToList(); // 0..9999, shuffled
        ScenarioOutcome outcome = Outcome(Around(100_000, 150), offended);

        var stored = OutcomeRows.SamplesOf(outcome).Where(r => r.Quantity == "lateness").ToList();
        Assert.Equal(OutcomeRows.MaxStoredSamples, stored.Count);
        Assert.Equal(stored.Select(r => r.Value).Order(), stored.Select(r => r.Value)); // sorted: ranks, not times
        Assert.InRange(stored[0].Value, 0, 50);
        Assert.InRange(stored[^1].Value, 9_950, 9_999);
        Assert.Equal(150, OutcomeRows.SamplesOf(outcome).Count(r => r.Quantity == "lateness-baseline")); // short: all kept
        Assert.Equal(10_000, Stat(OutcomeRows.From(outcome), "lateness").Samples);
    }
}
