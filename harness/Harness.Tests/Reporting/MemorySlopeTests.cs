using Harness.Tests.Fixtures;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Reporting;

public sealed class MemorySlopeTests
{
    private static ScenarioOutcome Point(int n, double perUnit) => new(
        Specs.Parked(ModelIds.Task, n),
        [new Series("rss", "B", [1_000_000 + n * perUnit]), new Series("managed", "B", [n * 200.0])],
        "0,1",
        2);

    [Fact]
    public void Sweep_BecomesOneSlopeRowPerQuantity_AndFailedPointsAreKept()
    {
        var group = new ScenarioGroup(MetricIds.Memory, ModelIds.Task, Shapes.Parked, []);
        var failed = ScenarioOutcome.Failed(
            Specs.Parked(ModelIds.Task, 8000), "out of memory");

        IReadOnlyList<ResultRow> rows = ResultRows.FromGroup(group, [Point(1000, 400), Point(2000, 400), Point(4000, 400), failed]);

        ResultRow rss = rows.Single(r => r.Variant == "rss");
        Assert.Equal(400, rss.Median, 6);
        Assert.Equal(3, rss.Samples);
        Assert.Equal("B", rss.Unit);
        Assert.Equal(200, rows.Single(r => r.Variant == "managed").Median, 6);
        ResultRow lost = rows.Single(r => !r.Succeeded);
        Assert.Equal("parked@8000", lost.Variant);
        Assert.Contains("out of memory", lost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePoint_IsNoSlope()
    {
        var group = new ScenarioGroup(MetricIds.Memory, ModelIds.Task, Shapes.Parked, []);

        IReadOnlyList<ResultRow> rows = ResultRows.FromGroup(group, [Point(1000, 400)]);

        Assert.All(rows, r => Assert.False(r.Succeeded));
    }
}
