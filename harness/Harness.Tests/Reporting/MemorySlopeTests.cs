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

    private static IReadOnlyList<ResultRow> Rows(params ScenarioOutcome[] outcomes) => outcomes.SelectMany(OutcomeRows.From).ToList();

    [Fact]
    public void EachPoint_IsAPointRowWithItsN()
    {
        IReadOnlyList<ResultRow> rows = Rows(Point(1000, 400));

        ResultRow rss = rows.Single(r => r.Quantity == "rss");
        Assert.Equal((Statistics.Point, 1000, 1_400_000.0), (rss.Statistic, rss.Units, rss.Value));
    }

    [Fact]
    public void Sweep_BecomesOneSlopeRowPerQuantity_AndFailedPointsAreKept()
    {
        var failed = ScenarioOutcome.Failed(Specs.Parked(ModelIds.Task, 8000), "out of memory");

        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(Rows(Point(1000, 400), Point(2000, 400), Point(4000, 400), failed));

        ResultRow rss = rows.Single(r => r.Quantity == "rss");
        Assert.Equal((Statistics.Slope, Statistics.LeastSquaresSlope, 0), (rss.Statistic, rss.Estimator, rss.Units));
        Assert.Equal(400, rss.Value, 6);
        Assert.Equal(3, rss.Samples);
        Assert.Equal("B", rss.Unit);
        Assert.Equal(200, rows.Single(r => r.Quantity == "managed").Value, 6);
        ResultRow lost = rows.Single(r => !r.Succeeded);
        Assert.Equal((Shapes.Parked, 8000), (lost.Shape, lost.Units));
        Assert.Contains("out of memory", lost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepsOfOtherShapesAndModels_AreFittedApart()
    {
        ScenarioOutcome Touch(int n) => new(Specs.Parked(ModelIds.Task, n) with { TouchBytes = ScenarioPlan.TouchBytes }, [new Series("rss", "B", [n * 1400.0])], "0,1", 2);

        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(Rows(Point(1000, 400), Point(2000, 400), Touch(1000), Touch(2000)));

        Assert.Equal(400, rows.Single(r => r.Quantity == "rss" && r.Shape == Shapes.Parked).Value, 6);
        Assert.Equal(1400, rows.Single(r => r.Quantity == "rss" && r.Shape == Shapes.ParkedTouch).Value, 6);
    }

    [Fact]
    public void OnePoint_IsNoSlope()
    {
        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(Rows(Point(1000, 400)));

        Assert.All(rows, r => Assert.False(r.Succeeded));
    }
}
