using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Reporting;

public sealed class RatioCellTests
{
    /// <summary>The result row and samples of a ping-pong cell whose launch r has samples around levels[r].</summary>
    private static (ResultRow Row, IEnumerable<SampleRow> Samples) Cell(string model, params double[] levels)
    {
        ScenarioOutcome[] launches = [.. levels.Select((level, r) => new ScenarioOutcome(Specs.PingPong(model) with { Launch = r },
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 20).Select(i => level * (1 + (i % 5 - 2) / 200.0)).ToList())], "0,1", 2))];
        return (OutcomeRows.FromLaunches(launches).Single(), launches.SelectMany(OutcomeRows.SamplesOf));
    }

    /// <summary>thread/task of two cells whose rounds sit at the given levels.</summary>
    private static Harness.Measurement.RatioInterval.Ratio? ThreadOverTask(double[] threadLevels, double[] taskLevels)
    {
        (ResultRow thread, IEnumerable<SampleRow> threadSamples) = Cell(ModelIds.Thread, threadLevels);
        (ResultRow task, IEnumerable<SampleRow> taskSamples) = Cell(ModelIds.Task, taskLevels);
        return RatioCell.Of(thread, task, new LaunchSamples(threadSamples.Concat(taskSamples)));
    }

    [Fact]
    public void PairedRounds_ThatMoveTogether_GiveATightIntervalAroundTheRatio()
    {
        // Round 2 is slow for both models alike (a slow hour of the host): the ratio stays 10 in every round.
        var ratio = ThreadOverTask([1_000, 2_000, 1_000], [100, 200, 100]);

        Assert.NotNull(ratio);
        Assert.Equal(3, ratio.Rounds);
        Assert.InRange(ratio.Value, 9.9, 10.1);
        Assert.InRange(ratio.CiLower, 9.5, 10);
        Assert.InRange(ratio.CiUpper, 10, 10.5);
    }

    [Fact]
    public void RoundsThatDisagree_GiveAWideInterval()
    {
        var ratio = ThreadOverTask([1_000, 2_000, 1_000], [200, 100, 100]);

        Assert.NotNull(ratio);
        Assert.True(ratio.CiUpper / ratio.CiLower > 2, $"{ratio.CiLower}..{ratio.CiUpper} is narrower than the rounds' spread");
    }

    [Fact]
    public void WithoutSamples_OrAFailedCell_ThereIsNoInterval()
    {
        (ResultRow thread, _) = Cell(ModelIds.Thread, 1_000);
        (ResultRow task, IEnumerable<SampleRow> taskSamples) = Cell(ModelIds.Task, 100);

        Assert.Null(RatioCell.Of(thread, task, LaunchSamples.None));
        Assert.Null(RatioCell.Of(thread with { Status = ResultRow.StatusFailed }, task, new LaunchSamples(taskSamples)));
    }
}
