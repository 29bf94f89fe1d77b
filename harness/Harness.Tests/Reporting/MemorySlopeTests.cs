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

    /// <summary>A reading of <paramref name="model"/> at N whose cost per unit is <paramref name="perUnit"/> up to 10,000
    /// and <paramref name="perUnitBeyond"/> for every unit past it.</summary>
    private static ScenarioOutcome Reading(string model, int n, double perUnit, double perUnitBeyond) => new(
        Specs.Parked(model, n),
        [new Series("rss", "B", [5_000_000 + Math.Min(n, 10_000) * perUnit + Math.Max(0, n - 10_000) * perUnitBeyond])],
        "0,1",
        2);

    [Fact]
    public void EveryModelsSlope_CoversTheRangeAllReached_SoTheirRatioDividesLikeWithLike()
    {
        // Threads stop at 10,000; tasks go on to 1,000,000 and get cheaper past 10,000 (800 B, then 250 B per unit).
        int[] threadN = [1_000, 3_000, 10_000];
        int[] taskN = [1_000, 3_000, 10_000, 100_000, 1_000_000];
        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(Rows(
            [.. threadN.Select(n => Reading(ModelIds.Thread, n, 20_000, 20_000)), .. taskN.Select(n => Reading(ModelIds.Task, n, 800, 250))]));

        ResultRow thread = rows.Single(r => r.Model == ModelIds.Thread && r.Statistic == Statistics.Slope);
        ResultRow task = rows.Single(r => r.Model == ModelIds.Task && r.Statistic == Statistics.Slope);
        Assert.Equal(20_000, thread.Value, 6);
        Assert.Equal(800, task.Value, 6); // a fit over 1k..1M would say about 250
        Assert.Equal(25, thread.Value / task.Value, 6);
        Assert.Contains("N = 100000, 1000000 left out", task.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void EachDecadeMeasuredAtBothEnds_GetsItsMarginalCost()
    {
        IReadOnlyList<ResultRow> rows = MemorySlopes.Derive(Rows(
            [.. new[] { 1_000, 3_000, 10_000, 100_000, 1_000_000 }.Select(n => Reading(ModelIds.Task, n, 800, 250))]));

        var decades = rows.Where(r => r.Statistic == Statistics.MarginalPerDecade).OrderBy(r => r.Units).ToList();
        Assert.Equal([10_000, 100_000, 1_000_000], decades.Select(r => r.Units));
        Assert.Equal(800, decades[0].Value, 6);
        Assert.Equal(250, decades[1].Value, 6);
        Assert.Equal(250, decades[2].Value, 6);
    }
}
