using Harness.Measurement;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Measurement;

/// <summary>Two runs measured in launches are judged by a Welch interval on their launch medians, which holds the
/// launch-to-launch spread; known answers on synthetic runs whose launches wander around the true level.</summary>
public sealed class LaunchComparisonTests
{
    private static IReadOnlyList<IReadOnlyList<double>> Run(Random random, double level, double between = 0.10) =>
        SyntheticLaunches.Run(random, level, samples: 20, between: between);

    [Fact]
    public void TwoRunsOfOneCommit_AreTheSame_WherePoolingTheirSamplesCallsThemDifferent()
    {
        var random = new Random(20261202);
        const int pairs = 60;
        var runs = Enumerable.Range(0, pairs).Select(_ => (First: Run(random, 100), Second: Run(random, 100))).ToList();

        int launchSame = runs.Count(r => Comparison.CompareLaunches(r.First, r.Second, thresholdPercent: 3).Verdict == Comparison.Verdict.Same);
        int pooledSame = runs.Count(r => Comparison.Compare([.. r.First.SelectMany(l => l)], [.. r.Second.SelectMany(l => l)], thresholdPercent: 3) == Comparison.Verdict.Same);

        // The rank test on 100 pooled samples a side sees every launch's shift as real; the launch interval does not.
        Assert.True(launchSame >= 0.9 * pairs && pooledSame <= launchSame - (0.2 * pairs), $"same: {launchSame} by launches, {pooledSame} pooled, of {pairs}");
    }

    [Theory]
    [InlineData(150, Comparison.Verdict.Slower)]
    [InlineData(60, Comparison.Verdict.Faster)]
    public void AChangeWellBeyondTheLaunchSpread_IsFound(double diffLevel, Comparison.Verdict expected)
    {
        var random = new Random(7);
        int found = 0;
        const int pairs = 40;
        for (int p = 0; p < pairs; p++)
        {
            if (Comparison.CompareLaunches(Run(random, 100, between: 0.03), Run(random, diffLevel, between: 0.03), thresholdPercent: 10).Verdict == expected)
                found++;
        }
        Assert.InRange(found / (double)pairs, 0.9, 1.0);
    }

    [Fact]
    public void TheRatioAndItsInterval_OfRunsWithoutSpread_AreExact()
    {
        IReadOnlyList<IReadOnlyList<double>> Flat(double value) => [[value, value, value], [value, value]];

        Comparison.LaunchVerdict verdict = Comparison.CompareLaunches(Flat(200), Flat(300), thresholdPercent: 10);

        Assert.Equal(Comparison.Verdict.Slower, verdict.Verdict);
        Assert.Equal(1.5, verdict.Ratio, 12);
        Assert.Equal(1.5, verdict.CiLower, 12);
        Assert.Equal(1.5, verdict.CiUpper, 12);
    }

    [Fact]
    public void AQuantityThatReachesZero_IsJudgedOnTheDifference()
    {
        // A baseline-subtracted time: launch medians around 0 ± 1 against 50 ± 1, threshold 10% of the base's level.
        Comparison.LaunchVerdict verdict = Comparison.CompareLaunches([[-1.0, 0.0], [1.0, 0.5], [0.0, -0.5]], [[50.0, 51.0], [49.0, 50.0], [50.0, 50.5]], thresholdPercent: 10);

        Assert.Equal(Comparison.Verdict.Slower, verdict.Verdict);
        Assert.True(double.IsNaN(verdict.Ratio));
    }

    [Fact]
    public void TwoLaunchesASide_GiveAWideInterval()
    {
        Comparison.LaunchVerdict verdict = Comparison.CompareLaunches([[100.0], [110.0]], [[120.0], [130.0]], thresholdPercent: 10);

        Assert.Equal(Comparison.Verdict.Same, verdict.Verdict); // a 1.18× shift, but one degree of freedom or so
        Assert.True(verdict.CiLower < 1 && verdict.CiUpper > 1.4, $"[{verdict.CiLower}, {verdict.CiUpper}]");
    }

    [Fact]
    public void OneLaunch_HasNoSpread_AndIsRefused() =>
        Assert.Throws<ArgumentException>(() => Comparison.CompareLaunches([[1.0, 2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]], thresholdPercent: 10));
}
