using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Reporting;

public sealed class StallRowsTests
{
    private static readonly ScenarioSpec s_spec =
        new(MetricIds.Stall, ModelIds.Green, Shapes.Stall, false, Transport.SocketPair, 1, 400, 0, 1, 0, "sleep", 1_000, 2);

    /// <summary>The variant prefix, e.g. sleep-1ms-xW on two CPUs (the offender label depends on the CPU count).</summary>
    private static readonly string s_prefix = s_spec.StallVariant + "-";

    private static ScenarioOutcome Outcome(IReadOnlyList<double> baseline, IReadOnlyList<double> offended) => new(
        s_spec,
        [
            new Series("lateness-baseline", "ns", baseline),
            new Series("lateness", "ns", offended),
            new Series("recovery", "ns", [150e6]),
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
        IReadOnlyList<ResultRow> rows = ResultRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200)));
        string prefix = s_prefix;

        ResultRow p50 = rows.Single(r => r.Variant == prefix + "p50-added");
        Assert.InRange(p50.Median, 999_000, 1_001_000);
        Assert.True(p50.CiLower <= p50.Median && p50.Median <= p50.CiUpper);
        // A range belongs to a distribution: the added, counted and timed rows have none (they once showed the offended
        // lateness range, in threads for pool-threads).
        foreach (string stat in new[] { "p50-added", "p99-added", "max-added", "recovery", "pool-threads", "pool-growth", "holds" })
        {
            ResultRow row = rows.Single(r => r.Variant == prefix + stat);
            Assert.True(double.IsNaN(row.Min) && double.IsNaN(row.Max), $"{stat} has a range");
        }
        Assert.Equal(3, rows.Single(r => r.Variant == prefix + "pool-threads").Median);
        Assert.Equal("threads", rows.Single(r => r.Variant == prefix + "pool-threads").Unit);
        Assert.Equal(700, rows.Single(r => r.Variant == prefix + "holds").Median);
    }

    [Fact]
    public void LatenessRows_SummariseEachPhaseWithItsRange()
    {
        IReadOnlyList<ResultRow> rows = ResultRows.From(Outcome(Around(100_000, 200), Around(1_100_000, 200)));

        ResultRow baseline = rows.Single(r => r.Variant == s_prefix + "lateness-baseline");
        ResultRow offended = rows.Single(r => r.Variant == s_prefix + "lateness");
        Assert.Equal((100_000, 109_000, 200), (baseline.Min, baseline.Max, baseline.Samples));
        Assert.Equal((1_100_000, 1_109_000, 200), (offended.Min, offended.Max, offended.Samples));
        Assert.InRange(offended.Median, 1_100_000, 1_109_000);
    }
}
